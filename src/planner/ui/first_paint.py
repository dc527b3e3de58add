"""Run start-up work only once the window has painted its first frame."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class FirstPaint(QObject):
    """Runs queued work once the watched widget has painted for the first time.

    A plain ``QTimer.singleShot(0, ...)`` at start-up runs before the first paint: the event
    loop fires due timers before it gets to the window's paint. Each piece of work goes to the
    event loop on its own, so the window can repaint between them.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.waiting: list[Callable[[], object]] = []
        self.done = False
        widget.installEventFilter(self)

    def then(self, fn: Callable[[], object]) -> None:
        if self.done:
            QTimer.singleShot(0, fn)
        elif fn not in self.waiting:
            self.waiting.append(fn)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            watched.removeEventFilter(self)
            for fn in self.waiting:
                QTimer.singleShot(0, fn)
            self.waiting.clear()
        return False
