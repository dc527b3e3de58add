"""The window's automatic backups and the status bar's line about the last good one.

While the window is open on a SQLite database, :class:`BackupKeeper` makes a backup at
start-up when the newest good one is older than a day
(:func:`planner.services.backups.backup_if_due`) and another every :data:`EVERY_H` hours,
each checked before it counts and followed by the rotation. A backup of a large database
takes seconds and a backup folder may be a slow network share, so the keeper never uses the
window's worker (week loads and bookings would queue behind it) nor the GUI thread: it has a
lane of its own, a :class:`~planner.ui.worker.Worker` over a private pool of one thread, as
the outbox sender has. SQLite's online backup reads one snapshot, so desks go on booking
while it runs.

:class:`BackupStatus` is the status bar's small line: ``Backup: today 09:41``; in the
warning colour ``⚠ Last backup: 3 days ago`` when the newest good one is older than two days
(:data:`planner.services.backups.WARN_AFTER`), ``⚠ No backup yet``, or ``⚠ Backup failed: …``
(the whole message in its tooltip). On PostgreSQL it says the server's tools back up the
database, and the keeper makes none.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from planner.core.timeutil import utcnow
from planner.db.sqlite_errors import RESTORE_HINT
from planner.errors import DatabaseDamaged, PlannerError
from planner.ui.i18n import arg, said, tr, ui_words
from planner.ui.style import WARNING
from planner.ui.worker import TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store

log = logging.getLogger(__name__)

EVERY_H = 6.0
"""How often the open window makes a backup (hours)."""
STOP_WAIT_MS = 10_000
"""How long closing the window waits for a backup in flight (a killed one leaves only a
hidden partial file, which the next backup removes)."""
CALM = "#5f6670"
MAX_W = 420
"""The widest the status line gets (pixels); longer text is cut, whole in the tooltip."""


@dataclass(frozen=True)
class BackupState:
    """What the status line says: the newest good backup, and why the last try failed."""

    last: datetime | None = None
    """When the newest good backup was made (naive UTC); None: none yet."""
    where: str = ""
    """Its file."""
    failed: str = ""
    """Why the last backup failed ('' when it did not)."""
    server: bool = False
    """The database is a server's (PostgreSQL): its own tools back it up."""


def status_text(state: BackupState, now: datetime) -> tuple[str, bool, str]:
    """The line, whether it is a warning, and its tooltip, at ``now`` (naive UTC)."""
    from planner.services.backups import WARN_AFTER

    if state.server:
        return (
            tr("Backups: by the database server"),
            False,
            tr(
                "A PostgreSQL database is backed up with the server's own tools (pg_dump); "
                "see the README, Backups"
            ),
        )
    if state.failed:
        return arg(tr("⚠ Backup failed: %1"), state.failed), True, state.failed
    if state.last is None:
        return (
            tr("⚠ No backup yet"),
            True,
            tr("No good backup of this database has been made yet"),
        )
    w = ui_words()
    here = state.last.replace(tzinfo=UTC).astimezone()
    when = " ".join((w.skeleton("yMMMEd", here), w.time(here)))
    tip = arg(tr("The last good backup: %1"), when) + f"\n{state.where}"
    today = now.replace(tzinfo=UTC).astimezone().date()
    days = (today - here.date()).days
    if now - state.last > WARN_AFTER:
        return tr("⚠ Last backup: %n day(s) ago", "", days), True, tip
    if days == 0:
        day = tr("today", "the last backup")
    elif days == 1:
        day = tr("yesterday", "the last backup")
    else:
        day = w.day_month(here)
    return arg(tr("Backup: %1 %2"), day, w.time(here)), False, tip


def _back_up(store: Store, now: datetime, only_if_due: bool) -> BackupState:
    """On the lane: a backup if one is due (or always), then the newest good one."""
    from planner.db.backup import sqlite_file
    from planner.services.backups import backup_if_due, backup_now, last_good

    if only_if_due:
        backup_if_due(store, now)
    else:
        backup_now(store, now=now)
    last = last_good(sqlite_file(store))
    return BackupState(last.made_at, str(last.path)) if last else BackupState()


def start_up_check(store: Store) -> DatabaseDamaged | None:
    """On the lane: SQLite's quick check of a database small enough for it to cost under
    200 ms (:func:`planner.services.integrity.worth_quick_check`); the error to show when it
    finds damaged pages, naming the newest good backup. None when it is sound or too big to
    check at start-up (``planner check`` checks any size)."""
    from planner.services import integrity

    if not integrity.worth_quick_check(store):
        return None
    report = integrity.check(store, quick=True)
    if not report.damaged:
        return None
    found = next(p for p in report.problems if p.startswith("SQLite: "))[len("SQLite: ") :]
    return integrity.with_backup(
        DatabaseDamaged(
            f"the start-up check found damaged pages in the database {store.display} "
            f"({found}); what is on them may be missing or wrong. Do not book more than you "
            f"must; {RESTORE_HINT}",
            details={"path": str(store.path)},
        )
    )


class BackupKeeper(QObject):
    """Makes the window's backups on a lane of its own; see the module docstring."""

    sig_state = Signal(object)
    """A :class:`BackupState` after each backup (or failed try)."""
    sig_damaged = Signal(object)
    """The start-up check found damaged pages: the :class:`DatabaseDamaged` to show."""

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        every_h: float = EVERY_H,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.lane = Worker(self, pool=self.pool)
        self.clock = clock
        self.every_h = every_h
        self.store: Store | None = None
        self.state = BackupState()
        self.runs = 0
        """Backups tried since the window opened (tests wait on it)."""
        self.checked = False
        """The start-up check has ended (tests wait on it)."""
        self._run: TaskHandle | None = None
        self._again = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.back_up_now)

    def check(self, store: Store, *, then_back_up: bool) -> None:
        """The start-up check of ``store`` on the lane (:func:`start_up_check`); then, if it
        is sound and ``then_back_up``, :meth:`start`. A damaged database gets no automatic
        backup: it would be refused, and the good ones must not be rotated away."""

        def checked(damaged: DatabaseDamaged | None) -> None:
            self.checked = True
            if damaged is not None:
                self._say(BackupState(self.state.last, failed=tr("the database is damaged")))
                self.sig_damaged.emit(damaged)
            elif then_back_up:
                self.start(store)

        def failed(exc: BaseException) -> None:  # the check could not run: the backups say why
            self.checked = True
            log.warning("the start-up check failed (%s)", type(exc).__name__)
            if then_back_up:
                self.start(store)

        if not store.is_sqlite or store.path is None:
            if then_back_up:
                self.start(store)
            return
        self.lane.run(start_up_check, store, on_done=checked, on_error=failed)

    def start(self, store: Store) -> None:
        """Back up ``store`` now if one is due, then every :attr:`every_h` hours."""
        self.store = store
        if not store.is_sqlite or store.path is None:
            self.store = None
            self._say(BackupState(server=not store.is_sqlite))
            return
        self.timer.start(max(1000, int(self.every_h * 3_600_000)))
        self._start(only_if_due=True)

    def back_up_by_hand(self, store: Store) -> bool:
        """*Back up now*: a backup of ``store`` at once, also when the window makes none by
        itself; False (nothing done) on a database with no file (PostgreSQL)."""
        if not store.is_sqlite or store.path is None:
            self._say(BackupState(server=not store.is_sqlite))
            return False
        self.store = store
        self.back_up_now()
        return True

    def back_up_now(self) -> None:
        """A backup now; if one is running, another as soon as it ends (what it copied may
        be older than what the caller just wrote, such as the demo clinic)."""
        if self._run is not None:
            self._again = True
            return
        self._start(only_if_due=False)

    def _start(self, *, only_if_due: bool) -> None:
        if self.store is None or self._run is not None:
            return
        self._run = self.lane.run(
            _back_up,
            self.store,
            self.clock(),
            only_if_due,
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, state: BackupState) -> None:
        self._run = None
        self.runs += 1
        self._say(state)
        if self._again:
            self._again = False
            self._start(only_if_due=False)

    def _failed(self, exc: BaseException) -> None:
        self._run = None
        self._again = False
        self.runs += 1
        # The class only in the log: a message may name the clinic's folders.
        log.warning("a backup failed (%s)", type(exc).__name__)
        what = said(exc) if isinstance(exc, PlannerError) else type(exc).__name__
        self._say(BackupState(self.state.last, self.state.where, failed=what))

    def _say(self, state: BackupState) -> None:
        self.state = state
        self.sig_state.emit(state)

    def stop(self, wait_ms: int = STOP_WAIT_MS) -> None:
        """No more backups; wait (a while) for one in flight to end."""
        self.timer.stop()
        self._again = False
        if self._run is not None:
            self._run.discard()
            self._run = None
        self.store = None
        if not self.pool.waitForDone(wait_ms):
            log.warning("a backup was still running when the window closed")


class BackupStatus(QLabel):
    """The status bar's line about the last good backup (see the module docstring)."""

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], datetime] = utcnow
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.warning = False
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def set_state(self, state: Any) -> None:
        if not shiboken6.isValid(self) or not isinstance(state, BackupState):
            return
        text, self.warning, tip = status_text(state, self.clock())
        # A long reason (a folder's path, what to do) would push the legend off the status
        # bar: the line is cut to MAX_W with "…", the tooltip holds all of it.
        shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, MAX_W)
        self.setText(shown)
        self.setToolTip(tip)  # a failure's tooltip is its whole reason
        self.setAccessibleName(text)  # a screen reader reads it all
        self.setStyleSheet(f"color: {WARNING if self.warning else CALM}; padding: 0 8px")
        self.show()
