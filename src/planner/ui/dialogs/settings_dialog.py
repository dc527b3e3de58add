"""Settings: the clinic's name and phone for calendar files, reminders, export profile, database."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.ui.settings import EXPORT_PROFILES, Preferences

REMINDER_CHOICES = (10080, 2880, 1440, 240, 120, 60, 30)
PROFILE_LABELS = {
    "patient": "Patient: their own sessions; no diagnosis, no flags, no other patients",
    "practitioner": "Practitioner: initials, regions and room; no names or notes",
    "full": "Full: everything, health data included (stays in the clinic)",
}


def _minutes_label(m: int) -> str:
    if m % 1440 == 0:
        d = m // 1440
        return f"{d} day{'s' if d > 1 else ''} before"
    if m % 60 == 0:
        h = m // 60
        return f"{h} hour{'s' if h > 1 else ''} before"
    return f"{m} minutes before"


class SettingsDialog(QDialog):
    def __init__(self, prefs: Preferences, current_db: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.clinic_name = QLineEdit(prefs.clinic_name, self)
        self.clinic_name.setPlaceholderText("e.g. Oslo Needling & Physio")
        self.clinic_phone = QLineEdit(prefs.clinic_phone, self)
        self.clinic_phone.setPlaceholderText("e.g. +47 22 00 00 00")
        form.addRow("Clinic &name:", self.clinic_name)
        form.addRow("Clinic &phone:", self.clinic_phone)
        hint = QLabel("Written into every calendar file, so patients know whom to call.", self)
        hint.setStyleSheet("color: #5f6670")
        form.addRow("", hint)
        rem = QWidget(self)
        rl = QHBoxLayout(rem)
        rl.setContentsMargins(0, 0, 0, 0)
        self.reminders: dict[int, QCheckBox] = {}
        for m in REMINDER_CHOICES:
            box = QCheckBox(_minutes_label(m), rem)
            box.setChecked(m in prefs.reminders)
            rl.addWidget(box)
            self.reminders[m] = box
        form.addRow("Default &reminders:", rem)
        self.profile = QComboBox(self)
        for p in EXPORT_PROFILES:
            self.profile.addItem(PROFILE_LABELS[p], p)
        self.profile.setCurrentIndex(max(0, self.profile.findData(prefs.export_profile)))
        form.addRow("Default export &profile:", self.profile)
        db_row = QWidget(self)
        dl = QHBoxLayout(db_row)
        dl.setContentsMargins(0, 0, 0, 0)
        self.database = QLineEdit(prefs.database, db_row)
        self.database.setPlaceholderText(current_db)
        browse = QPushButton("&Browse…", db_row)
        browse.clicked.connect(self._browse)
        dl.addWidget(self.database, 1)
        dl.addWidget(browse)
        form.addRow("&Database:", db_row)
        note = QLabel(
            "A SQLite file or a PostgreSQL URL. Leave empty for the default. "
            "Takes effect the next time planner starts.",
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6670")
        form.addRow("", note)
        lay.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(640, self.sizeHint().height())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Database file",
            self.database.text(),
            "planner database (*.db);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.database.setText(path)

    def value(self) -> Preferences:
        return Preferences(
            clinic_name=self.clinic_name.text().strip(),
            clinic_phone=self.clinic_phone.text().strip(),
            reminders=tuple(m for m, box in self.reminders.items() if box.isChecked()),
            export_profile=str(self.profile.currentData()),
            database=self.database.text().strip(),
        )
