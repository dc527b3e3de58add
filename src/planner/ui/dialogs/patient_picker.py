"""Choose a patient: search by name, phone or date of birth, pick with Enter, or register a
new one ("New patient…": the patient dialog with what was typed, chosen once saved)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.services.schedule.patients import patient_row, search_patients
from planner.services.schedule.values import PatientRow
from planner.ui.i18n import arg, tr
from planner.ui.models.patient_models import PatientSearchModel
from planner.ui.worker import TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.ui.desk import Desk
    from planner.ui.dialogs.patient_dialog import PatientDialog


def _shortcut(label: str) -> str:
    """``Alt+W`` for ``Ne&w patient…``: the key a button's mnemonic gives, in any language."""
    i = label.find("&")
    return f"Alt+{label[i + 1].upper()}" if 0 <= i < len(label) - 1 else ""


class PatientPickerDialog(QDialog):
    def __init__(
        self,
        store: Store,
        worker: Worker,
        parent: QWidget | None = None,
        *,
        desk: Desk | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Choose patient"))
        self.resize(460, 400)
        self.store, self.worker, self.desk = store, worker, desk
        self._task: TaskHandle | None = None
        self._created: PatientRow | None = None
        self.patient_dialog: PatientDialog | None = None
        """The "New patient…" dialog while it is open."""
        lay = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Name, phone or date of birth"))
        self.search.setAccessibleName(tr("Find patient"))
        self.model = PatientSearchModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName(tr("Patients found"))
        self.no_match = QLabel("", self)
        self.no_match.setWordWrap(True)
        self.no_match.hide()
        lay.addWidget(self.search)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.no_match)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        # Registering needs the desk (the save is undoable); without one the button is left out.
        self.new_patient = QPushButton(tr("Ne&w patient…"), self)
        self.new_patient.setToolTip(tr("Register a new patient with what is typed above"))
        self.new_patient.setAutoDefault(False)
        if desk is not None:
            buttons.addButton(self.new_patient, QDialogButtonBox.ButtonRole.ActionRole)
        else:
            self.new_patient.hide()
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self._run)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.list.activated.connect(lambda _i: self.accept())
        self.new_patient.clicked.connect(self.register_new)

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
        text = self.search.text().strip()
        self.no_match.setVisible(not rows and bool(text))
        if not rows and text:
            self.no_match.setText(
                arg(
                    tr("No patient found for “%1” — press %2 to register them"),
                    text,
                    _shortcut(self.new_patient.text()),
                )
                if self.desk is not None
                else arg(tr("No patient found for “%1”"), text)
            )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self.search.hasFocus():
            self.list.setFocus()
            return
        super().keyPressEvent(event)

    # -- a new patient ----------------------------------------------------------------------------
    def register_new(self) -> None:
        """The patient dialog over this one, with the search text; the saved patient (or the
        existing one the user chose to open) is the one chosen."""
        from planner.ui.dialogs.patient_dialog import PatientDialog

        if self.desk is None or self.patient_dialog is not None:
            return
        dlg = PatientDialog(
            self.store, self.worker, self.desk, self, prefill=self.search.text().strip()
        )
        dlg.sig_saved.connect(self._choose_by_id)
        dlg.sig_open_existing.connect(self._choose_by_id)
        dlg.finished.connect(self._patient_dialog_closed)
        self.patient_dialog = dlg
        dlg.open()

    def _patient_dialog_closed(self, _result: int) -> None:
        dlg, self.patient_dialog = self.patient_dialog, None
        if dlg is not None:
            dlg.deleteLater()

    def _choose_by_id(self, patient_id: int) -> None:
        self.worker.run(patient_row, self.store, patient_id, on_done=self._chosen_row)

    def _chosen_row(self, row: PatientRow) -> None:
        if not shiboken6.isValid(self):
            return
        self._created = row
        self.accept()

    def chosen(self) -> PatientRow | None:
        if self._created is not None:
            return self._created
        idx: QModelIndex = self.list.currentIndex()
        return self.model.patient(idx.row()) if idx.isValid() else None
