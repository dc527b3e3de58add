"""Python's garbage collector, run on the GUI thread only.

The window runs its database work on a thread pool (:mod:`planner.ui.worker`). Python's
automatic collector runs on whichever thread happens to allocate when a generation fills up:
on a worker thread it can free a dialog, a model or a QObject that sat in a reference cycle,
and Qt objects must be destroyed on the thread they live on, so the process crashes
("Garbage-collecting", then a segmentation fault). This is the pattern PyQt's and PySide's
users settle on (Anki does the same): switch the automatic collector off and collect from a
timer on the GUI thread, as often as the thresholds would have.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500
"""How often the counts are looked at (a look is a few calls; a collection runs only when due)."""


class GarbageCollector(QObject):
    """Collects garbage on the GUI thread when the thresholds say a collection is due."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()

    def check(self) -> None:
        collect_due(self.threshold)


def collect_due(threshold: tuple[int, int, int] | None = None) -> int | None:
    """Collect the oldest generation whose count passed its threshold, as Python's automatic
    collector would (a full collection only when one is due: it takes a second on a big
    heap). Returns the generation collected, or None."""
    limits = threshold or gc.get_threshold()
    counts = gc.get_count()
    for generation in (2, 1, 0):
        if counts[generation] > limits[generation]:
            gc.collect(generation)
            return generation
    return None


_collector: GarbageCollector | None = None


def collect_on_gui_thread(parent: QObject) -> GarbageCollector:
    """Start the one GUI-thread collector (again calls return the one running)."""
    global _collector
    if _collector is None:
        _collector = GarbageCollector(parent)
        _collector.start()
    return _collector
