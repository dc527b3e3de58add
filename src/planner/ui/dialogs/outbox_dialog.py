"""Outbox…: the e-mail invitations and calendar updates on their way, and sending them.

The dialog lists :func:`planner.services.outbox.list_outbox` newest first: when (sent, else
due), to whom, what, its state in words and how many tries it took. A failed row is marked
with a sign and in bold (not by colour alone); the selected row's whole state, reason and
address are said in a line under the table. "Show sent and settled too" (on at first) lists
everything; off, only what is still open.

*Send now* runs :func:`~planner.services.outbox.run_due` with ``force`` (no grace period, no
back-off) on the sender's lane (a mail server that does not answer takes 20 s: never on the
window's worker) and says what it did; *Retry* puts the selected failed or retrying rows back
in the queue; *Resend* queues a copy of a sent or failed e-mail. Each is enabled only when it
applies to the selection. While it is open the list is read again every
:data:`RELOAD_MS` ms, on the worker, one read at a time, keeping the selection.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core.timeutil import utcnow
from planner.errors import PlannerError
from planner.ui.geometry import fit_to_screen
from planner.ui.i18n import arg, said, tr
from planner.ui.models.outbox_model import (
    OPEN,
    STATE,
    TRIES,
    WHAT,
    WHEN,
    WHO,
    OutboxModel,
    is_failed,
    may_resend,
    may_retry,
    what_text,
    when_of,
    who_text,
)
from planner.ui.style import TEXT_MUTED, WARNING

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.services.outbox import OutboxEntry, RunReport
    from planner.ui.worker import TaskHandle, Worker

RELOAD_MS = 3000
"""How often the open dialog reads the outbox again."""
LIMIT = 500
"""At most this many rows (the newest)."""


def read_outbox(store: Store, include_done: bool) -> list[OutboxEntry]:
    """On the worker: the outbox, newest first."""
    from planner.services.outbox import list_outbox

    return list_outbox(store, include_done=include_done, limit=LIMIT)


def send_now(store: Store, now: datetime) -> RunReport:
    """On the sender's lane: build and send everything queued, without waiting."""
    from planner.services.outbox import run_due

    return run_due(store, now=now, force=True)


def retry_rows(store: Store, ids: list[int], now: datetime) -> int:
    from planner.services.outbox import retry

    return retry(store, ids, now=now)


def resend_row(store: Store, row_id: int, now: datetime) -> int:
    from planner.services.outbox import resend

    return resend(store, row_id, now=now)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class OutboxDialog(QDialog):
    """The outbox, read on the worker; see the module docstring."""

    sig_changed = Signal()
    """Something was sent, retried or resent here (the status bar's counts are stale)."""

    def __init__(
        self,
        store: Store,
        worker: Worker,
        parent: QWidget | None = None,
        *,
        lane: Worker | None = None,
        reload_ms: int = RELOAD_MS,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.store, self.worker = store, worker
        self.lane = lane or worker
        """Where Send now runs (the background sender's lane)."""
        self.clock = clock
        self.loads = 0
        """Reads finished (tests wait on it)."""
        self._load: TaskHandle | None = None
        self._action: TaskHandle | None = None
        self._keep: list[int] = []
        """The ids selected: chosen again after each read."""
        self._restoring = False
        self._again = False
        self.setWindowTitle(tr("Outbox"))

        lay = QVBoxLayout(self)
        self.heading = QLabel(
            tr("E-mail invitations and calendar updates on their way, newest first."), self
        )
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        self.show_done = QCheckBox(tr("Show sent and settled &too"), self)
        self.show_done.setChecked(True)
        self.show_done.toggled.connect(lambda _on: self.reload())
        lay.addWidget(self.show_done)

        self.model = OutboxModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Outbox, newest first"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the buttons
        self.table.setWordWrap(False)  # "To" breaks its own line; the rest is elided
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # Two lines a row: a name with the address under it.
        self.table.verticalHeader().setDefaultSectionSize(
            2 * self.table.fontMetrics().lineSpacing() + 8
        )
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        hh = self.table.horizontalHeader()
        for col in (WHEN, TRIES):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in (WHO, WHAT):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(STATE, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(WHO, 250)
        self.table.setColumnWidth(WHAT, 300)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        lay.addWidget(self.table, 1)

        self.detail = QLabel(self)
        """The selected row in full: its state and reason, address and what it is."""
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 3)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(self.detail)
        self.status = QLabel(self)
        """What the last action did (Send now's report, a refusal)."""
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setStyleSheet(f"color: {TEXT_MUTED}")
        lay.addWidget(self.status)

        self.buttons = QDialogButtonBox(self)
        self.send_button = QPushButton(tr("&Send now"), self)
        self.send_button.setToolTip(
            tr(
                "Build and send everything queued now, without waiting for the grace period or "
                "the next retry"
            )
        )
        self.retry_button = QPushButton(tr("&Retry"), self)
        self.retry_button.setToolTip(tr("Send the selected failed or retrying messages again now"))
        self.resend_button = QPushButton(tr("R&esend"), self)
        self.resend_button.setToolTip(tr("Queue a copy of the selected sent or failed e-mail"))
        for b in (self.send_button, self.retry_button, self.resend_button):
            b.setAutoDefault(False)
            self.buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(tr("&Close"))
        close.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)
        self.send_button.clicked.connect(self.send_now)
        self.retry_button.clicked.connect(self.retry)
        self.resend_button.clicked.connect(self.resend)
        lay.addWidget(self.buttons)
        fit_to_screen(self, 1100, 560)

        self.timer = QTimer(self)
        self.timer.setInterval(max(200, reload_ms))
        self.timer.timeout.connect(self.reload)
        self.finished.connect(self._closed)
        self._selected()
        self.reload()
        self.timer.start()
        self.table.setFocus()

    # -- reading ----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while the list is read or an action runs (tests wait on it)."""
        return self._load is not None or self._action is not None

    def selected_entries(self) -> list[OutboxEntry]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.entry(r) for r in rows if r < self.model.rowCount()]

    def reload(self) -> None:
        """Read the outbox again (never two reads at once: a later ask reads once more)."""
        if self._load is not None:
            self._again = True
            return
        self._load = self.worker.run(
            read_outbox,
            self.store,
            self.show_done.isChecked(),
            on_done=self._read,
            on_error=self._read_failed,
        )

    def _read(self, entries: list[OutboxEntry]) -> None:
        self._load = None
        if not shiboken6.isValid(self):
            return
        keep = list(self._keep)
        current = self.table.currentIndex()
        current_id = self.model.entry(current.row()).id if current.isValid() else None
        scrolled = self.table.verticalScrollBar().value()
        self._restoring = True  # the reset clears the selection: it is put back below
        try:
            self.model.set_entries(entries)
            self._select(keep, current_id)
        finally:
            self._restoring = False
        self.table.verticalScrollBar().setValue(scrolled)
        self._selected()
        self.loads += 1
        if not entries:
            self.detail.setText(
                tr("The outbox is empty.")
                if self.show_done.isChecked()
                else tr("Nothing is waiting to be sent.")
            )
        if self._again:
            self._again = False
            self.reload()

    def _select(self, ids: list[int], current_id: int | None) -> None:
        """Select the rows of ``ids`` again after a read (the list is replaced whole)."""
        sel = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        rows = [r for r in (self.model.row_of(i) for i in ids) if r >= 0]
        if current_id is not None and self.model.row_of(current_id) >= 0:
            sel.setCurrentIndex(
                self.model.index(self.model.row_of(current_id), 0),
                QItemSelectionModel.SelectionFlag.NoUpdate,
            )
        for r in rows:
            sel.select(self.model.index(r, 0), flags)
        self._keep = [self.model.entry(r).id for r in rows]

    def _read_failed(self, exc: BaseException) -> None:
        self._load = None
        if not isinstance(exc, PlannerError):
            raise exc
        if not shiboken6.isValid(self):
            return
        self._say(arg(tr("The outbox cannot be read: %1"), said(exc)), warn=True)

    def _closed(self) -> None:
        """Closed: no more reads, and no late answer into a dialog that is gone."""
        self.timer.stop()
        for task in (self._load, self._action):
            if task is not None:
                task.discard()
        self._load = self._action = None

    # -- the selection ----------------------------------------------------------------------------
    def _selected(self) -> None:
        if self._restoring:
            return
        chosen = self.selected_entries()
        self._keep = [e.id for e in chosen]
        idle = self._action is None
        self.send_button.setEnabled(idle)
        self.retry_button.setEnabled(idle and bool(chosen) and all(may_retry(e) for e in chosen))
        self.resend_button.setEnabled(idle and len(chosen) == 1 and may_resend(chosen[0]))
        if len(chosen) == 1:
            self.detail.setText(self._detail(chosen[0]))
            self.detail.setStyleSheet(f"color: {WARNING}" if is_failed(chosen[0]) else "")
        elif chosen:
            self.detail.setText(tr("%n row(s) chosen.", "", len(chosen)))
            self.detail.setStyleSheet("")
        else:
            self.detail.setText(tr("Choose a row to see its state in full."))
            self.detail.setStyleSheet(f"color: {TEXT_MUTED}")

    @staticmethod
    def _detail(e: OutboxEntry) -> str:
        what = _sentence(what_text(e))
        if e.sessions:
            what = arg(tr("%1 (%n session(s))", "", e.sessions), what)
        if e.sent:
            sent = arg(tr("Sent %1", "an e-mail, when"), when_of(e))
        elif e.status in OPEN and not is_failed(e):
            sent = arg(tr("Due %1", "an e-mail, when"), when_of(e))
        else:
            sent = arg(tr("Was due %1", "an e-mail, when"), when_of(e))
        if e.attempts:
            sent = arg(tr("%1; %n tries", "", e.attempts), sent)
        to = arg(tr("To %1. %2."), who_text(e), sent)
        return "\n".join((what, to, _sentence(e.state_text)))

    # -- actions ----------------------------------------------------------------------------------
    def _say(self, text: str, *, warn: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {WARNING if warn else TEXT_MUTED}")

    def _start(self, task: TaskHandle, text: str) -> None:
        self._action = task
        self._say(text)
        self._selected()

    def send_now(self) -> None:
        if self._action is not None:
            return
        task = self.lane.run(
            send_now,
            self.store,
            self.clock(),
            on_done=self._sent,
            on_error=self._action_failed,
        )
        self._start(task, tr("Sending what is queued…"))

    def _sent(self, report: RunReport) -> None:
        if not self._action_ended():
            return
        problems = "".join(f"\n⚠ {_sentence(e)}" for e in report.errors)
        self._say(_sentence(report.text()) + "." + problems, warn=bool(report.errors))

    def retry(self) -> None:
        chosen = [e.id for e in self.selected_entries() if may_retry(e)]
        if self._action is not None or not chosen:
            return
        task = self.worker.run(
            retry_rows,
            self.store,
            chosen,
            self.clock(),
            on_done=self._retried,
            on_error=self._action_failed,
        )
        self._start(task, tr("Putting them back in the queue…"))

    def _retried(self, n: int) -> None:
        if self._action_ended():
            self._say(
                tr(
                    "%n message(s) back in the queue: sent on the next run, or now with Send now.",
                    "",
                    n,
                )
            )

    def resend(self) -> None:
        chosen = self.selected_entries()
        if self._action is not None or len(chosen) != 1 or not may_resend(chosen[0]):
            return
        task = self.worker.run(
            resend_row,
            self.store,
            chosen[0].id,
            self.clock(),
            on_done=self._resent,
            on_error=self._action_failed,
        )
        self._start(task, tr("Queuing a copy…"))

    def _resent(self, new_id: int) -> None:
        if self._action_ended():
            self.table.clearSelection()
            self._keep = [new_id]  # the copy is the row to look at now
            self._say(tr("A copy is queued: sent on the next run, or now with Send now."))

    def _action_ended(self) -> bool:
        """An action's answer came: False if the dialog is gone meanwhile."""
        self._action = None
        if not shiboken6.isValid(self):
            return False
        self._selected()
        self.sig_changed.emit()
        self.reload()
        return True

    def _action_failed(self, exc: BaseException) -> None:
        if not self._action_ended():
            return
        if not isinstance(exc, PlannerError):
            raise exc
        self._say(_sentence(said(exc)), warn=True)
