"""Matches come to the desk: after a change, which waiting patients fit the time it freed.

:class:`WaitlistWatch` keeps the id of the last change it read (``waitlist.freed.last_change``,
read on the worker when the store is attached). After every schedule change made at this desk
and every change heard from another desk the window calls :meth:`WaitlistWatch.poke`; a burst
of pokes is gathered for :data:`COALESCE_MS`, then ``rematch_since`` runs on the worker from
the mark (one at a time: a poke while it runs runs it again after). What it finds comes back
as :attr:`WaitlistWatch.sig_found`, and :class:`WaitlistBanner` says it at the top of the
schedule, not in a modal box: "1 waitlist patient fits the time freed by this cancellation",
with *Show* (the waitlist, the first entry chosen), *Book…* (the first entry's best match in
the new-plan dialog) and a close button.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from planner.errors import PlannerError
from planner.services.waitlist.freed import (
    CANCELLED,
    CLOSURE,
    HOURS,
    IMPORT,
    MOVED,
    Rematch,
    last_change,
    rematch,
    rematch_since,
)
from planner.ui.i18n import arg, day_month, time_text, tr
from planner.ui.worker import TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.services.waitlist.matching import EntryMatch

log = logging.getLogger(__name__)

COALESCE_MS = 400
"""Changes that come in a burst (a plan cancelled session by session) are matched once."""


class WaitlistWatch(QObject):
    """Runs ``rematch_since`` on the worker after changes; see the module docstring."""

    sig_found = Signal(object)
    """Entries fit the time freed by the changes read (a :class:`Rematch` with matches)."""
    sig_ran = Signal(object)
    """A look ended (the :class:`Rematch`, found or not): tests wait on it."""
    sig_rechecked = Signal(object)
    """What the banner said, matched again after a change (:meth:`recheck`): a
    :class:`Rematch` with the entries that still fit the time it named (maybe none)."""

    def __init__(
        self,
        worker: Worker,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker, self.clock = worker, clock
        self.store: Store | None = None
        self.mark: int | None = None
        """The last change read (None until it is known)."""
        self._task: TaskHandle | None = None
        self._again = False
        self._rechecks = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._run)

    @property
    def busy(self) -> bool:
        """True while a look is due or running."""
        return self._timer.isActive() or self._task is not None or self._again or self._rechecks > 0

    def start(self, store: Store) -> None:
        """Read where the change log stands now: only later changes are matched."""
        self.store = store
        self.mark = None
        self._task = self.worker.run(
            last_change, store, on_done=self._marked, on_error=self._failed
        )

    def _marked(self, mark: int) -> None:
        self._task = None
        if self.mark is None:
            self.mark = mark
        if self._again:
            self._again = False
            self._timer.start()

    def poke(self) -> None:
        """The schedule changed (here or at another desk): look again soon."""
        if self.store is None:
            return
        self._timer.start()

    def recheck(self, shown: Rematch) -> None:
        """After a change, match again what the banner says (the same freed time): an undone
        cancellation, or the time taken at another desk, takes the note away."""
        if self.store is None or not shown.freed:
            return
        self._rechecks += 1
        self.worker.run(
            rematch,
            self.store,
            shown.freed,
            now=self.clock(),
            on_done=lambda matches: self._rechecked(shown, matches),
            on_error=self._recheck_failed,
        )

    def _rechecked(self, shown: Rematch, matches: list[EntryMatch]) -> None:
        self._rechecks -= 1
        self.sig_rechecked.emit(Rematch(shown.last_change, shown.freed, matches))

    def _recheck_failed(self, exc: BaseException) -> None:
        self._rechecks -= 1
        if not isinstance(exc, PlannerError):
            log.warning("matching the waitlist banner again failed: %r", exc)

    def _run(self) -> None:
        if self.store is None:
            return
        if self._task is not None or self.mark is None:  # one at a time: again after it
            self._again = True
            return
        self._task = self.worker.run(
            rematch_since,
            self.store,
            self.mark,
            now=self.clock(),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, found: Rematch) -> None:
        self._task = None
        self.mark = max(self.mark or 0, found.last_change)
        if found.matches:
            self.sig_found.emit(found)
        self.sig_ran.emit(found)
        if self._again:
            self._again = False
            self._timer.start()

    def _failed(self, exc: BaseException) -> None:
        """A look that failed (the database went away a moment) is tried at the next change."""
        self._task = None
        if not isinstance(exc, PlannerError):
            log.warning("matching the waitlist after a change failed: %r", exc)
        if self._again:
            self._again = False
            self._timer.start()


def found_text(found: Rematch) -> str:
    """``2 waitlist patients fit the time freed by this cancellation``, by the cause."""
    n = len(found.matches)
    cause = found.cause
    if cause == CANCELLED:
        return tr("%n waitlist patient(s) fit the time freed by this cancellation", "", n)
    if cause == MOVED:
        return tr("%n waitlist patient(s) fit the time freed by this move", "", n)
    if cause == CLOSURE:
        return tr("%n waitlist patient(s) fit the days of the lifted closure", "", n)
    if cause == HOURS:
        return tr("%n waitlist patient(s) fit the changed working hours", "", n)
    if cause == IMPORT:
        return tr("%n waitlist patient(s) fit the time freed by the new calendar import", "", n)
    return tr("%n waitlist patient(s) fit the time freed by these changes", "", n)


def first_text(match: EntryMatch) -> str:
    """``First: Kari Nordmann, Tue 5 Jan 08:00 with Ingrid Berg``."""
    best = match.best
    if best is None:
        return arg(tr("First: %1"), match.entry.patient.name)
    return arg(
        tr("First: %1, %2 %3 with %4", "the first waitlist patient, the day, time and who"),
        match.entry.patient.name,
        day_month(best.start.date()),
        time_text(best.start),
        best.practitioner.name,
    )


class WaitlistBanner(QFrame):
    """A bar at the top of the schedule: which waiting patients fit the time just freed."""

    sig_show = Signal(int)
    """Show the waitlist with this entry chosen."""
    sig_book = Signal(int)
    """Book this entry's best match."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("waitlistBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#waitlistBanner { background: #fff4d6; border: 1px solid #d9b44a; }"
            " #waitlistBanner QLabel { color: #3d3000; }"
        )
        self.setAccessibleName(tr("Waitlist patients fit freed time"))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 4, 4, 4)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        f = self.text.font()
        f.setBold(True)
        self.text.setFont(f)
        self.detail = QLabel(self)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.show_button = QPushButton(tr("Sh&ow"), self)
        self.show_button.setToolTip(tr("Open the waitlist with this patient chosen"))
        self.book_button = QPushButton(tr("Boo&k…", "the waitlist banner"), self)
        self.book_button.setToolTip(tr("Open the new plan filled with the best time that fits"))
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setAccessibleName(tr("Close the note"))
        self.close_button.setToolTip(tr("Close the note"))
        lay.addWidget(self.text, 0)
        lay.addWidget(self.detail, 1)
        lay.addWidget(self.show_button)
        lay.addWidget(self.book_button)
        lay.addWidget(self.close_button)
        self.found: Rematch | None = None
        self.show_button.clicked.connect(self._show_clicked)
        self.book_button.clicked.connect(self._book_clicked)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    @property
    def first_entry(self) -> int | None:
        found = self.found
        return found.matches[0].entry.id if found is not None and found.matches else None

    def show_found(self, found: Rematch) -> None:
        """Say what was found (the service ordered it: urgent first, then who waited longest)."""
        if not found.matches:
            return
        self.found = found
        self.text.setText(found_text(found))
        self.detail.setText(first_text(found.matches[0]))
        self.book_button.setEnabled(found.matches[0].best is not None)
        self.show()

    def rechecked(self, now: Rematch) -> None:
        """What the note said, matched again: it goes when nobody fits that time any more,
        else it says who still does (a newer note that came meanwhile is kept)."""
        found = self.found
        if found is None or found.freed != now.freed:
            return
        if not now.matches:
            self.found = None
            self.hide()
        else:
            self.show_found(now)

    def forget_entry(self, entry_id: int) -> None:
        """That entry was booked or removed: the note goes when it named only it."""
        found = self.found
        if found is None:
            return
        left = [m for m in found.matches if m.entry.id != entry_id]
        if not left:
            self.found = None
            self.hide()
        elif len(left) != len(found.matches):
            self.show_found(Rematch(found.last_change, found.freed, left))

    def _show_clicked(self) -> None:
        if (entry := self.first_entry) is not None:
            self.sig_show.emit(entry)

    def _book_clicked(self) -> None:
        if (entry := self.first_entry) is not None:
            self.sig_book.emit(entry)
