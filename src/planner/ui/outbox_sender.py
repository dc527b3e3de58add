"""The window's background sender and the outbox's line in the status bar.

While the window is open, :class:`OutboxSender` runs :func:`planner.services.outbox.run_due`
every :data:`EVERY_S` seconds: it builds the messages whose grace period is over and sends
what is queued. A mail server that does not answer keeps ``smtplib`` waiting up to 20 s per
message, so the sender never uses the window's worker (week loads and bookings would queue
behind it): it has a lane of its own, a :class:`~planner.ui.worker.Worker` over a private
thread pool of one thread. One run at a time: a tick that comes while a run is still going is
skipped. How many rows wait, are queued and failed (:func:`planner.services.outbox.counts`,
a quick read) is read on the window's worker after each run and after each change the desk
makes.

A run that could not send says so in one calm line (``E-mail not sent yet: the mail server
at smtp.example.com:587 did not answer; retrying``), never in a dialog: the outbox retries by
itself. An exception from a run is logged and said in the same line, so a database that is
down does not raise a dialog every 15 seconds.

:meth:`OutboxSender.stop` (the window closing) stops the timer, drops the callbacks of what
runs and waits for the lane's thread to end, so no thread outlives the window and no answer
reaches a window that is gone.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from planner.core.timeutil import utcnow
from planner.errors import PlannerError
from planner.ui.i18n import arg, said, tr
from planner.ui.style import WARNING
from planner.ui.worker import TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.services.outbox import RunReport

log = logging.getLogger(__name__)

EVERY_S = 15.0
"""How often the window runs the outbox (seconds)."""
STOP_WAIT_MS = 25_000
"""How long closing the window waits for a run in flight: one SMTP try times out at 20 s."""
QUEUED_SUFFIX = "; the message stays queued"
"""How :mod:`planner.services.smtp` ends a passing failure's message; the status line says
"retrying" instead."""


def note_for(report: RunReport) -> str:
    """The status line after a run: '' when it sent all it tried, else why not, calmly."""
    if not report.errors:
        return ""
    # ``why`` is the mail service's own sentence (English: planner.services.smtp writes it).
    why = report.errors[0].removesuffix(QUEUED_SUFFIX)
    extra = len(report.errors) - 1
    if report.retrying:
        if extra:
            return arg(
                tr("E-mail not sent yet: %1; retrying (and %n more problem(s))", "", extra), why
            )
        return arg(tr("E-mail not sent yet: %1; retrying"), why)
    if extra:
        return arg(
            tr("E-mail not sent: %1 (and %n more problem(s)). See File ▸ Outbox…", "", extra), why
        )
    return arg(tr("E-mail not sent: %1. See File ▸ Outbox…"), why)


def counts_text(counts: dict[str, int]) -> str:
    """``Outbox: 2 waiting, 1 queued, ⚠ 1 failed`` ('' when nothing is open)."""
    parts = []
    if counts.get("waiting"):
        parts.append(arg(tr("%1 waiting", "outbox count"), counts["waiting"]))
    if counts.get("queued"):
        parts.append(arg(tr("%1 queued", "outbox count"), counts["queued"]))
    if counts.get("failed"):
        parts.append(arg(tr("⚠ %1 failed", "outbox count"), counts["failed"]))
    return arg(tr("Outbox: %1"), ", ".join(parts)) if parts else ""


class OutboxSender(QObject):
    """Runs the outbox every few seconds on a lane of its own; see the module docstring."""

    sig_counts = Signal(object)
    """How many are waiting, queued and failed (a dict, as :func:`outbox.counts` gives)."""
    sig_note = Signal(str)
    """The status line: why e-mail is not getting out ('' once it is again)."""
    sig_ran = Signal(object)
    """A run ended (its :class:`~planner.services.outbox.RunReport`)."""

    def __init__(
        self,
        worker: Worker,
        parent: QObject | None = None,
        *,
        every_s: float | None = EVERY_S,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.reader = worker
        """The window's worker: the quick reads (counts)."""
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.lane = Worker(self, pool=self.pool)
        """Where sending runs (also the dialog's Send now): one thread, never the window's."""
        self.clock = clock
        self.every_s = every_s
        self.store: Store | None = None
        self.runs = 0
        """Runs ended since the window opened (tests wait on it)."""
        self.note = ""
        self._broken = False
        """The last run raised: its note stays until a run goes through."""
        self._run: TaskHandle | None = None
        self._halt = threading.Event()
        """Set when the window closes: a run in flight stops before its next message."""
        self._count: TaskHandle | None = None
        self._count_again = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)

    @property
    def running(self) -> bool:
        """True while a run is in flight."""
        return self._run is not None

    def start(self, store: Store) -> None:
        """Run the outbox of ``store`` every :attr:`every_s` seconds (None or 0: never; the
        counts are still read) and read the counts now."""
        self.store = store
        self._halt.clear()
        if self.every_s:
            self.timer.start(max(1, int(self.every_s * 1000)))
        self.refresh_counts()

    def stop(self, wait_ms: int = STOP_WAIT_MS) -> None:
        """No more runs; drop what is in flight and wait for the lane's thread to end."""
        self.timer.stop()
        self._halt.set()
        for task in (self._run, self._count):
            if task is not None:
                task.discard()
        self._run = self._count = None
        self.store = None
        if not self.pool.waitForDone(wait_ms):
            log.warning("an outbox run was still sending when the window closed")

    # -- running ------------------------------------------------------------------------------
    def tick(self) -> None:
        """Run the outbox once now, unless a run is still going."""
        from planner.services.outbox import run_due

        if self.store is None or self._run is not None:
            return
        self._run = self.lane.run(
            run_due,
            self.store,
            now=self.clock(),
            stop=self._halt.is_set,
            on_done=self._ran,
            on_error=self._run_failed,
        )

    def _ran(self, report: RunReport) -> None:
        self._run = None
        self.runs += 1
        self._broken = False
        self._say(note_for(report))
        self.sig_ran.emit(report)
        self.refresh_counts()

    def _run_failed(self, exc: BaseException) -> None:
        self._run = None
        self.runs += 1
        self._broken = True
        # Logged and said once in the status line, never a dialog: the next tick tries again.
        log.warning("the outbox could not run", exc_info=exc)
        what = said(exc) if isinstance(exc, PlannerError) else f"{type(exc).__name__}: {exc}"
        self._say(arg(tr("E-mail not sent yet: the outbox could not run (%1); retrying"), what))
        self.refresh_counts()

    def _say(self, note: str) -> None:
        if note != self.note:
            self.note = note
            self.sig_note.emit(note)

    # -- the counts ---------------------------------------------------------------------------
    def refresh_counts(self) -> None:
        """Read the counts again (on the window's worker; one read at a time)."""
        from planner.services.outbox import counts

        if self.store is None:
            return
        if self._count is not None:
            self._count_again = True  # read once more when this one ends
            return
        self._count = self.reader.run(
            counts, self.store, on_done=self._counted, on_error=self._count_failed
        )

    def _counted(self, counts: dict[str, int]) -> None:
        self._count = None
        if not self._broken and not counts.get("queued") and not counts.get("failed"):
            self._say("")  # nothing is held up any more
        self.sig_counts.emit(counts)
        self._again()

    def _count_failed(self, exc: BaseException) -> None:
        self._count = None
        log.warning("the outbox counts could not be read", exc_info=exc)
        self._again()

    def _again(self) -> None:
        if self._count_again:
            self._count_again = False
            self.refresh_counts()


def tip() -> str:
    """The outbox button's tooltip."""
    return arg(tr("Open the outbox: what is waiting, queued, sent or failed (%1)"), "Ctrl+Shift+O")


class OutboxStatus(QWidget):
    """The status bar's outbox button: the counts (shown only when something is open); it
    opens the Outbox dialog."""

    sig_open = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.button = QToolButton(self)
        self.button.setAutoRaise(True)
        self.button.setToolTip(tip())
        self.button.clicked.connect(self.sig_open)
        lay.addWidget(self.button)
        self.counts: dict[str, int] = {}
        self.hide()

    def set_counts(self, counts: dict[str, Any]) -> None:
        if not shiboken6.isValid(self):
            return
        self.counts = {k: int(v) for k, v in counts.items()}
        text = counts_text(self.counts)
        self.button.setText(text)
        self.button.setAccessibleName(text or tr("Outbox"))
        self.setVisible(bool(text))

    def set_note(self, note: str) -> None:
        """The sender's note, in the button's tooltip too (the bar may shorten the note)."""
        if shiboken6.isValid(self):
            self.button.setToolTip("\n\n".join((note, tip())) if note else tip())


class OutboxNote(QLabel):
    """The sender's one line in the status bar, shortened with "…" when the bar is narrow
    (QLabel cannot elide by itself); the whole line is its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(f"color: {WARNING}; padding: 0 6px")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""
        self.hide()

    def set_note(self, note: str) -> None:
        if not shiboken6.isValid(self):
            return
        self._full = note
        self.setToolTip(note)
        self.setAccessibleName(note)
        self._elide()
        self.setVisible(bool(note))
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(self._full) + 16, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        # It gives way to everything else in the bar (the legend stays whole at 1280 px);
        # the whole line is its tooltip, and the outbox button's.
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        """The whole line, shortened with "…" when the bar is narrow; in a very narrow bar
        only its first words (``E-mail not sent yet``), which say enough beside the counts."""
        width = max(0, self.width() - 12)
        fm = self.fontMetrics()
        text = self._full
        first = text.split(":", 1)[0]
        if fm.horizontalAdvance(text) > width and fm.horizontalAdvance(first) * 2 > width:
            text = first
        text = fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
        if text != self.text():
            self.setText(text)
