"""Choose a patient: search by name or phone, pick with Enter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QListView, QVBoxLayout, QWidget

from planner.services.schedule.patients import search_patients
from planner.services.schedule.values import PatientRow
from planner.ui.models.patient_models import PatientSearchModel
from planner.ui.worker import TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store


class PatientPickerDialog(QDialog):
    def __init__(self, store: Store, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose patient")
        self.resize(420, 360)
        self.store, self.worker = store, worker
        self._task: TaskHandle | None = None
        lay = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Name or phone")
        self.model = PatientSearchModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        lay.addWidget(self.search)
        lay.addWidget(self.list, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self._run)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.list.activated.connect(lambda _i: self.accept())

    def _run(self) -> None:
        if self._task is not None:
            self._task.discard()
        self._task = self.worker.run(
            search_patients, self.store, self.search.text(), 50, on_done=self._done
        )

    def _done(self, rows: list[PatientRow]) -> None:
        self._task = None
        self.model.set_rows(rows)
        if rows:
            self.list.setCurrentIndex(self.model.index(0, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self.search.hasFocus():
            self.list.setFocus()
            return
        super().keyPressEvent(event)

    def chosen(self) -> PatientRow | None:
        idx: QModelIndex = self.list.currentIndex()
        return self.model.patient(idx.row()) if idx.isValid() else None
