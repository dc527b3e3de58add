"""History…: who changed a session or a patient, when, at which desk, and what.

The dialog reads the change log on the worker (:func:`read_history`:
:func:`planner.services.history.history` put into words by
:mod:`planner.services.history_text`) and lists it oldest first: the local time, the desk
(and the program, when it was not the window: ``Front desk 2 (cli)``), the operating-system
user, the action and the row it changed, and what changed, before → after, in words. No
database id and no UTC time is shown. It never blocks the window (it opens window-modal,
Esc closes it) and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.ui.geometry import fit_to_screen
from planner.ui.i18n import arg, said, tr
from planner.ui.models.history_model import CHANGES, DESK, USER, WHAT, WHEN, HistoryModel
from planner.ui.style import TEXT_MUTED, WARNING

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.services.history_text import ChangeLine
    from planner.ui.worker import TaskHandle, Worker

LIMIT = 500
"""At most this many changes are listed (the latest): a patient of years has many."""


@dataclass(frozen=True)
class HistoryView:
    """What the dialog shows: the row in words, and its changes in words."""

    subject: str
    """``treatment of Kari Nordmann, Tue 15 Sep 2027 10:00`` / ``patient Kari Nordmann``."""
    lines: list[ChangeLine]
    limited: bool
    """True when there are more than :data:`LIMIT` changes (the latest are shown)."""


def read_history(
    store: Store, *, session_id: int | None = None, patient_id: int | None = None
) -> HistoryView:
    """On the worker: the changes of one session or one patient, in words."""
    from planner.services.history import history
    from planner.services.history_text import lines_for, subject_of

    entries = history(store, session_id=session_id, patient_id=patient_id, limit=LIMIT + 1)
    limited = len(entries) > LIMIT
    lines = lines_for(store, entries[-LIMIT:])
    try:
        subject = subject_of(store, session_id=session_id, patient_id=patient_id)
    except PlannerError:  # removed since (a plan undone): its changes still name it
        subject = lines[-1].subject if lines else tr("a row since removed")
    return HistoryView(subject, lines, limited)


class HistoryDialog(QDialog):
    """The change log of one session or one patient, read on the worker."""

    def __init__(
        self,
        store: Store,
        worker: Worker,
        parent: QWidget | None = None,
        *,
        session_id: int | None = None,
        patient_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        if (session_id is None) == (patient_id is None):
            raise ValueError("name one session or one patient")
        self.store, self.worker = store, worker
        self.session_id, self.patient_id = session_id, patient_id
        self.view_data: HistoryView | None = None
        self.busy = True
        """True while the changes are read (tests wait on it)."""
        of_session = session_id is not None
        self.setWindowTitle(
            tr("History of the session") if of_session else tr("History of the patient")
        )

        lay = QVBoxLayout(self)
        self.heading = QLabel(
            tr("Reading the changes of the session…")
            if of_session
            else tr("Reading the changes of the patient…"),
            self,
        )
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.heading)

        self.model = HistoryModel(self, show_subject=patient_id is not None)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Changes, oldest first"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for Close
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        hh = self.table.horizontalHeader()
        for col in (WHEN, DESK, USER):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(CHANGES, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(WHAT, 260 if patient_id is not None else 160)
        lay.addWidget(self.table, 1)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {TEXT_MUTED}")
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(tr("&Close"))
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        fit_to_screen(self, 1100, 600)

        self._task: TaskHandle | None = self.worker.run(
            read_history,
            store,
            session_id=session_id,
            patient_id=patient_id,
            on_done=self._read,
            on_error=self._failed,
        )
        self.finished.connect(self._forget_task)
        self.table.setFocus()

    def _forget_task(self) -> None:
        if self._task is not None:
            self._task.discard()
            self._task = None

    def _read(self, view: HistoryView) -> None:
        self._task = None
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self.view_data = view
        subject = view.subject
        if self.patient_id is not None and subject.startswith("patient "):
            subject = subject.removeprefix("patient ")
        self.setWindowTitle(arg(tr("History: %1"), subject))
        self.heading.setText(
            arg(tr("Session: %1") if self.session_id is not None else tr("Patient: %1"), subject)
        )
        self.model.set_lines(view.lines)
        self.table.resizeRowsToContents()
        n = len(view.lines)
        if not n:
            self.status.setText(tr("No change of it is recorded yet."))
        elif view.limited:
            self.status.setText(tr("The latest %n change(s), oldest first.", "", n))
        else:
            self.status.setText(tr("%n change(s), oldest first.", "", n))
        if n:
            self.table.selectRow(n - 1)  # the latest: where a desk looks first
            self.table.scrollToBottom()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        if not isinstance(exc, PlannerError):
            raise exc
        if not shiboken6.isValid(self):
            return
        self.busy = False
        self.heading.setText(tr("The changes cannot be shown"))
        self.status.setStyleSheet(f"color: {WARNING}")
        self.status.setText(said(exc)[:1].upper() + said(exc)[1:])
