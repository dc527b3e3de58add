"""Settings: the clinic's name, phone, e-mail and address for calendar files, reminders,
export profile, text size, database.

The clinic's details are the database's (every desk's and the command line's calendar files
read them there): the dialog reads them on the worker when it opens and writes the changed
ones on the worker when Save is pressed, closing once they are saved. The rest is this
computer's QSettings, saved by the window when the dialog is accepted.

The desk name is this computer's too: the change log names every change's desk with it
(default: the computer's name). It is checked as it is typed and saved with the clinic's
details on the worker (:func:`planner.services.desk.set_desk_name`), and the open database's
later changes carry it at once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

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

from planner.errors import BadInput, PlannerError
from planner.services.clinic_settings import get_settings, set_settings
from planner.services.desk import (
    check_desk_name,
    computer_name,
    desk_name,
    desk_name_from_environment,
    set_desk_name,
)
from planner.ui.settings import EXPORT_PROFILES, FONT_SCALES, Preferences
from planner.ui.style import WARNING

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.ui.worker import TaskHandle, Worker

CLINIC_FIELDS = (
    ("clinic_name", "Clinic &name:", "e.g. Oslo Needling & Physio"),
    ("clinic_phone", "Clinic &phone:", "e.g. +47 22 00 00 00"),
    ("clinic_email", "Clinic &e-mail:", "e.g. post@example.no"),
    ("clinic_address", "Clinic &address:", "e.g. Storgata 1, 0155 Oslo"),
)
"""The clinic's details in the database (:data:`planner.services.clinic_settings.KNOWN_KEYS`)."""

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


def read_clinic(store: Store) -> dict[str, str]:
    """The clinic's name, phone, e-mail and address from the database (on the worker)."""
    shared = get_settings(store)
    return {key: shared.get(key, "") for key, _label, _hint in CLINIC_FIELDS}


def write_clinic(store: Store, changed: dict[str, str]) -> None:
    """Save the changed details in one transaction (on the worker); an empty value clears one."""
    set_settings(store, changed)


def write_settings(store: Store | None, changed: dict[str, str], desk: str | None) -> str | None:
    """On the worker: the desk name (when ``desk`` is given) and the changed clinic details.

    The desk name first: it is this computer's file, and saving it cannot half-change the
    database. Returns the desk name saved (None: unchanged).
    """
    saved = set_desk_name(desk) if desk is not None else None
    if changed and store is not None:
        write_clinic(store, changed)
    return saved


class SettingsDialog(QDialog):
    """This computer's preferences, and the clinic's details kept in the database."""

    def __init__(
        self,
        prefs: Preferences,
        current_db: str,
        store: Store | None,
        worker: Worker,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.store = store
        self.worker = worker
        self._loaded: dict[str, str] | None = None
        self.busy = False
        """True while the clinic's details are read or saved (tests wait on it)."""
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self._desk_loaded = desk_name()
        self._desk_said = ""
        self.desk_name = QLineEdit(self._desk_loaded, self)
        self.desk_name.setPlaceholderText(computer_name())
        self.desk_name.setMaxLength(200)  # longer is refused with a message, not cut off
        self.desk_name.setAccessibleName("Desk name")
        self.desk_name.setToolTip(
            "The name the change log gives this computer's changes (History…), "
            "such as 'Front desk 2'"
        )
        form.addRow("Des&k name:", self.desk_name)
        forced = desk_name_from_environment()
        desk_hint = QLabel(
            f"Set by PLANNER_DESK on this computer: {forced}"
            if forced
            else "Shown in History… with every change made here; this computer's name "
            f"({computer_name()}) unless you give another.",
            self,
        )
        desk_hint.setWordWrap(True)
        desk_hint.setStyleSheet("color: #5f6670")
        form.addRow("", desk_hint)
        if forced:
            self.desk_name.setEnabled(False)
        self.desk_name.textChanged.connect(self._desk_typed)
        self.clinic: dict[str, QLineEdit] = {}
        for key, label, placeholder in CLINIC_FIELDS:
            edit = QLineEdit(self)
            edit.setPlaceholderText(placeholder)
            edit.setEnabled(False)  # until read from the database
            form.addRow(label, edit)
            self.clinic[key] = edit
        self.clinic_name = self.clinic["clinic_name"]
        self.clinic_phone = self.clinic["clinic_phone"]
        self.clinic_email = self.clinic["clinic_email"]
        self.clinic_address = self.clinic["clinic_address"]
        hint = QLabel(
            "Written into every calendar file, so patients know whom to call "
            "(kept in the database, for every desk). Locations, rooms, practitioners and "
            "closures are in the clinic set-up.",
            self,
        )
        hint.setWordWrap(True)
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
        self.font_scale = QComboBox(self)
        for pct in FONT_SCALES:
            self.font_scale.addItem(
                f"{pct} %" + (" (the system's size)" if pct == 100 else ""), pct
            )
        self.font_scale.setCurrentIndex(max(0, self.font_scale.findData(prefs.font_scale)))
        self.font_scale.setToolTip("The size of the text in the week view and the side panel")
        form.addRow("&Text size:", self.font_scale)
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
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.resize(640, self.sizeHint().height())
        self._task: TaskHandle | None = None
        self.finished.connect(self._forget_task)
        self._read()

    # -- the clinic's details in the database ------------------------------------------------------
    def _read(self) -> None:
        if self.store is None:
            self._say("The clinic's details can be changed once the database is open.")
            return
        self.busy = True
        self._say("Reading the clinic's details…")
        self._task = self.worker.run(
            read_clinic, self.store, on_done=self._read_done, on_error=self._read_failed
        )

    def _read_done(self, values: dict[str, str]) -> None:
        self.busy = False
        self._loaded = values
        for key, edit in self.clinic.items():
            edit.setText(values.get(key, ""))
            edit.setEnabled(True)
        self._say("")

    def _read_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, PlannerError):
            raise exc
        self.busy = False
        self._say(f"Cannot read the clinic's details: {exc.message}", warning=True)

    def clinic_values(self) -> dict[str, str]:
        """The clinic's details as typed (spaces trimmed)."""
        return {key: edit.text().strip() for key, edit in self.clinic.items()}

    # -- this computer's desk name -----------------------------------------------------------------
    def desk_change(self) -> str | None:
        """The desk name to save (None: unchanged); BadInput when it cannot be saved."""
        if not self.desk_name.isEnabled():
            return None  # PLANNER_DESK decides
        typed = check_desk_name(self.desk_name.text())
        return typed if typed != self._desk_loaded else None

    def _desk_typed(self) -> None:
        try:
            check_desk_name(self.desk_name.text())
        except BadInput as exc:
            self._desk_said = exc.message[:1].upper() + exc.message[1:]
            self._say(self._desk_said, warning=True)
        else:
            if self._desk_said and self.status.text() == self._desk_said:
                self._say("")
            self._desk_said = ""

    def accept(self) -> None:
        """Save: the desk name and the changed clinic details on the worker first, then close."""
        if self.busy:
            return
        try:
            desk = self.desk_change()
        except BadInput as exc:
            self._say(f"Not saved: {exc.message}", warning=True)
            self.desk_name.setFocus()
            return
        loaded = self._loaded
        changed = (
            {k: v for k, v in self.clinic_values().items() if v != loaded.get(k, "")}
            if self.store is not None and loaded is not None
            else {}
        )
        if not changed and desk is None:
            super().accept()
            return
        self.busy = True
        self.buttons.setEnabled(False)
        self._say("Saving…")
        self._task = self.worker.run(
            write_settings,
            self.store,
            changed,
            desk,
            on_done=self._saved,
            on_error=self._save_failed,
        )

    def _forget_task(self) -> None:
        """The dialog closed: a late answer has nowhere to go (a save still completes)."""
        if self._task is not None:
            self._task.discard()
            self._task = None

    def _saved(self, desk: str | None) -> None:
        if desk is not None:
            self._desk_loaded = desk
            if self.store is not None:  # the open database's next changes carry the new name
                self.store.author = replace(self.store.author, desk=desk)
        self.busy = False
        self.buttons.setEnabled(True)
        self._say("")
        super().accept()

    def _save_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, PlannerError):
            raise exc
        self.busy = False
        self.buttons.setEnabled(True)
        self._say(f"Not saved: {exc.message}", warning=True)

    def _say(self, text: str, *, warning: bool = False) -> None:
        self.status.setStyleSheet(f"color: {WARNING}" if warning else "color: #5f6670")
        self.status.setText(text)
        self.status.setVisible(bool(text))

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
            reminders=tuple(m for m, box in self.reminders.items() if box.isChecked()),
            export_profile=str(self.profile.currentData()),
            database=self.database.text().strip(),
            font_scale=int(self.font_scale.currentData()),
        )
