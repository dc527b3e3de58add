"""Register a new patient or edit one: the form, the duplicate question, saving with undo.

The form: name, date of birth typed as the clinic writes it (``dd.mm.yyyy``; read back at once
by the same parser as the command line's, with a clear line under the field when it is not a
date: no spin box rolls 30.02 over to March), phone, e-mail with the patient's consent to get
their appointments by e-mail right under it (*Send appointments by e-mail*, which needs an address:
it is unticked and disabled while the field is empty), chart number, the language of the
patient's documents, the screening flags (:mod:`~planner.ui.dialogs.patient_flags`: a check
box each, the regions a flag concerns picked on the body map, none meaning the whole body)
and free notes.

Save reads nothing on the GUI thread. For a new patient, or an edit that changes the name,
date of birth or phone, it first asks the worker for patients who may be the same person
(:func:`~planner.services.patient_records.find_duplicates`); if there is one, the user
chooses *Save anyway*, *Open existing* (the dialog closes and :attr:`PatientDialog.
sig_open_existing` names that patient) or *Back to the form*. Then the desk saves on the
worker through its undo stack (:meth:`~planner.ui.desk.Desk.add_patient`,
:meth:`~planner.ui.desk.Desk.edit_patient`). A refusal is shown in the dialog, which stays open
with everything typed; Esc, Cancel or the window's close button with unsaved changes asks
before discarding them (QDialog's close event goes through :meth:`PatientDialog.reject`).

The two questions are this module's :func:`ask_duplicate` and :func:`ask_discard`, so tests
replace them and no modal box blocks a run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.patient_input import (
    LANGUAGES,
    dob_text,
    parse_date_of_birth,
    try_date_of_birth,
)
from planner.errors import BadInput, ChangedElsewhere, PlannerError
from planner.services.clinic import check_chart_number, check_email, check_phone, patient_name
from planner.services.patient_records import (
    Duplicate,
    PatientFields,
    PatientRecord,
    find_duplicates,
    patient_record,
)
from planner.ui.dialogs.patient_flags import FlagsEditor
from planner.ui.geometry import fit_to_screen
from planner.ui.i18n import arg, said, tr, ui_words
from planner.ui.style import TEXT_MUTED, WARNING

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.ui.desk import Desk
    from planner.ui.undo import AddPatientCommand, EditPatientCommand
    from planner.ui.worker import TaskHandle, Worker

_TYPED = object()
"""Stands for a field's loaded value once another desk changed the patient and the form
kept what was typed there: the field counts as edited (see :meth:`PatientDialog._merge`)."""

SAVE_ANYWAY = "save"
OPEN_EXISTING = "open"
BACK = "back"


# -- the questions (tests replace these) --------------------------------------------------------


def ask_duplicate(parent: QWidget | None, found: list[Duplicate]) -> str:
    """A patient like this one exists: :data:`SAVE_ANYWAY`, :data:`OPEN_EXISTING` or
    :data:`BACK` (also for Esc)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Patient already registered?"))
    box.setText(duplicate_text(found[0]))
    others = len(found) - 1
    box.setInformativeText(
        tr("Is this the same person? %n more patient(s) are alike too.", "", others)
        if others
        else tr("Is this the same person?")
    )
    save = box.addButton(tr("&Save anyway"), QMessageBox.ButtonRole.AcceptRole)
    open_ = box.addButton(tr("&Open existing"), QMessageBox.ButtonRole.ActionRole)
    back = box.addButton(tr("&Back to the form"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return SAVE_ANYWAY
    if clicked is open_:
        return OPEN_EXISTING
    return BACK


def duplicate_text(d: Duplicate) -> str:
    """``A patient with this name and date of birth exists: Astrid Berg, born 13.05.1973,
    412 34 567``, in the window's language."""
    if d.same_name_and_birth and d.same_phone:
        text = tr("A patient with this name, date of birth and phone number exists: %1")
    elif d.same_phone:
        text = tr("A patient with this phone number exists: %1")
    else:
        text = tr("A patient with this name and date of birth exists: %1")
    bits = [d.name]
    if d.date_of_birth is not None:
        bits.append(arg(tr("born %1"), dob_text(d.date_of_birth)))
    if d.phone:
        bits.append(d.phone)
    return arg(text, ", ".join(bits))


def ask_discard(parent: QWidget | None) -> bool:
    """The form has unsaved changes: True to discard them, False to go back to the form (the
    one question every dialog asks, :func:`.discard.ask_discard`)."""
    from planner.ui.dialogs import discard

    return discard.ask_discard(parent, tr("Unsaved patient"), tr("the patient's details you typed"))


# -- what the search field's text pre-fills -------------------------------------------------------

_PHONE_LIKE = re.compile(r"^\+?[\d\s()./-]{3,}$")


def prefill_fields(text: str, *, today: date | None = None) -> tuple[str, str, str]:
    """(name, phone, date of birth) for what was typed in a search: a date of birth if it
    reads as one (``130573``), else a phone number if it is digits, else a name."""
    t = " ".join((text or "").split())
    if not t:
        return "", "", ""
    born = try_date_of_birth(t, today=today)
    if born is not None:
        return "", "", dob_text(born)
    if _PHONE_LIKE.match(t) and any(c.isdigit() for c in t):
        return "", t, ""
    return t, "", ""


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


# -- the dialog ---------------------------------------------------------------------------------


class PatientDialog(QDialog):
    """A new patient (``patient_id`` None) or an existing one's details, saved with undo."""

    sig_saved = Signal(int)
    """The patient was saved (their id): the panel shows them."""
    sig_open_existing = Signal(int)
    """The user chose to open the existing patient (their id) instead of saving a duplicate."""

    def __init__(
        self,
        store: Store,
        worker: Worker,
        desk: Desk,
        parent: QWidget | None = None,
        *,
        patient_id: int | None = None,
        prefill: str = "",
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.store, self.worker, self.desk = store, worker, desk
        self.patient_id = patient_id
        self.today = today
        self.record: PatientRecord | None = None
        """The patient as loaded (edit), to compare with and to check duplicates against."""
        self.saving = False
        """True from Save until the answer is back (the duplicate check, then the save)."""
        self.loading = patient_id is not None
        self.error = ""
        self._task: TaskHandle | None = None
        self._pending: PatientFields | None = None
        self.setWindowTitle(tr("Edit patient") if patient_id else tr("New patient"))

        outer = QVBoxLayout(self)
        body = QHBoxLayout()
        body.setSpacing(16)
        outer.addLayout(body, 1)
        body.addLayout(self._build_form(), 1)
        self.flags_editor = FlagsEditor(self)
        # The parts tests drive, under short names.
        self.flag_boxes = self.flags_editor.flag_boxes
        self.region_flag, self.body_map = self.flags_editor.region_flag, self.flags_editor.body_map
        self.flags_editor.sig_changed.connect(self._edited)
        body.addWidget(self.flags_editor, 1)

        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {WARNING}")
        self.error_label.setAccessibleName(tr("Why the patient was not saved"))
        self.error_label.hide()
        outer.addWidget(self.error_label)
        buttons = QHBoxLayout()
        self.status_label = QLabel(self)
        self.status_label.setStyleSheet(f"color: {TEXT_MUTED}")
        buttons.addWidget(self.status_label, 1)
        self.save_button = QPushButton(tr("&Save"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(tr("Cancel"), self)
        self.cancel_button.setAutoDefault(False)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        outer.addLayout(buttons)

        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.dob.textChanged.connect(self._dob_changed)
        for edit in (self.name, self.dob, self.phone, self.email, self.chart):
            edit.textChanged.connect(self._edited)

        if patient_id is None:
            name, phone, born = prefill_fields(prefill, today=today())
            self.name.setText(name)
            self.phone.setText(phone)
            self.dob.setText(born)
            # What the search field pre-filled is still there: only what is typed here asks.
            self._initial = self._snapshot()
            # A new patient's documents start in the clinic's language (read off the GUI thread).
            from planner.services.clinic_settings import clinic_details

            self.worker.run(clinic_details, store, on_done=self._clinic_language)
        else:
            self._initial = self._snapshot()
            self._set_enabled(False)
            self.status_label.setText(tr("Reading the patient's details…"))
            self._task = self.worker.run(
                patient_record, store, patient_id, on_done=self._loaded, on_error=self._not_loaded
            )
        self._dob_changed()
        fit_to_screen(self, 900, 620)
        self.name.setFocus()

    def _clinic_language(self, details: object) -> None:
        """Preselect the clinic's language for a new patient, unless someone chose already."""
        language = getattr(details, "language", "") or ""
        index = self.language.findData(language)
        if index < 0 or self.language.currentData() != self._initial[5]:
            return  # no clinic language, or the desk has chosen one already
        untouched = self._snapshot() == self._initial
        self.language.setCurrentIndex(index)
        if untouched:
            self._initial = self._snapshot()

    # -- building --------------------------------------------------------------------------------
    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.name.setAccessibleName(tr("Name"))
        self.dob = QLineEdit(self)
        self.dob.setPlaceholderText(tr("dd.mm.yyyy"))  # DOB_PLACEHOLDER, in the window's words
        self.dob.setAccessibleName(tr("Date of birth"))
        self.dob.setToolTip(tr("13.05.1973, 13.5.1973, 1973-05-13 or 130573"))
        self.dob_message = QLabel(self)
        self.dob_message.setWordWrap(True)
        self.phone = QLineEdit(self)
        self.phone.setAccessibleName(tr("Phone"))
        self.email = QLineEdit(self)
        self.email.setAccessibleName(tr("E-mail"))
        self.consent = QCheckBox(tr("Sen&d appointments by e-mail"), self)
        self.consent.setAccessibleName(tr("Send appointments by e-mail"))
        self.chart = QLineEdit(self)
        self.chart.setAccessibleName(tr("Chart number"))
        self.language = QComboBox(self)
        for code, own_name in LANGUAGES.items():
            # Each language in its own name ("English", "Norsk bokmål"), as a chooser shows it.
            self.language.addItem(own_name, code)
        self.language.setAccessibleName(tr("Language of the patient's documents"))
        self.language.currentIndexChanged.connect(self._edited)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName(tr("Notes"))
        self.notes.textChanged.connect(self._edited)
        for label, widget in (
            (tr("&Name"), self.name),
            (tr("Date of &birth"), self.dob),
            ("", self.dob_message),
            (tr("&Phone"), self.phone),
            (tr("E-&mail"), self.email),
            ("", self.consent),  # right under the address it is given for
            (tr("C&hart number"), self.chart),
            (tr("&Language"), self.language),
            (tr("N&otes"), self.notes),
        ):
            if label:
                buddy = QLabel(label, self)
                buddy.setBuddy(widget)
                form.addRow(buddy, widget)
            else:
                form.addRow("", widget)
        self.email.textChanged.connect(self._email_changed)
        self.consent.toggled.connect(self._edited)
        self._email_changed()
        return form

    def _email_changed(self, *_args: object) -> None:
        """The consent is given for an address: none typed, none to agree to."""
        has_address = bool(self.email.text().strip())
        self.consent.setEnabled(has_address and self.email.isEnabled())
        if not has_address:
            self.consent.setChecked(False)
        self.consent.setToolTip(
            tr(
                "The patient agreed to get their bookings, moves and cancellations as calendar "
                "invitations by e-mail"
            )
            if has_address
            else tr("Give the patient's e-mail address first")
        )

    # -- loading an existing patient -------------------------------------------------------------
    def _loaded(self, record: PatientRecord) -> None:
        self._task = None
        self.loading = False
        self.record = record
        self.setWindowTitle(arg(tr("Edit patient: %1"), record.name))
        self.name.setText(record.name)
        self.dob.setText(dob_text(record.date_of_birth))
        self.phone.setText(record.phone)
        self.email.setText(record.email)
        self.chart.setText(record.chart_number or "")
        self.language.setCurrentIndex(max(0, self.language.findData(record.language)))
        self.notes.setPlainText(record.notes)
        self.flags_editor.set_flags(record.flags)
        self._set_enabled(True)
        self.consent.setChecked(record.email_consent)
        self.status_label.setText("")
        self._initial = self._snapshot()
        self.name.setFocus()

    def _not_loaded(self, exc: BaseException) -> None:
        self._task = None
        self.loading = False
        if not isinstance(exc, PlannerError):
            raise exc
        self.status_label.setText("")
        self._show_error(arg(tr("The patient cannot be shown: %1"), said(exc)))

    def _set_enabled(self, on: bool) -> None:
        for w in (
            self.name,
            self.dob,
            self.phone,
            self.email,
            self.chart,
            self.language,
            self.notes,
            self.save_button,
        ):
            w.setEnabled(on)
        self._email_changed()
        self.flags_editor.set_usable(on)

    # -- the date of birth, read as it is typed --------------------------------------------------
    def _dob_changed(self) -> None:
        text = self.dob.text().strip()
        if not text:
            self.dob_message.setText("")
            self.dob_message.hide()
            return
        try:
            born = parse_date_of_birth(text, today=self.today())
        except BadInput as exc:
            self.dob_message.setStyleSheet(f"color: {WARNING}")
            self.dob_message.setText(said(exc)[:1].upper() + said(exc)[1:])
        else:
            self.dob_message.setStyleSheet(f"color: {TEXT_MUTED}")
            self.dob_message.setText(
                arg(
                    tr("%1, %n year(s) old", "", _age(born, self.today())),
                    ui_words().date_long(born),
                )
            )
        self.dob_message.show()

    @property
    def dob_error(self) -> str:
        """What is wrong with the typed date of birth (empty when it reads or is empty)."""
        text = self.dob.text().strip()
        if not text:
            return ""
        try:
            parse_date_of_birth(text, today=self.today())
        except BadInput as exc:
            return said(exc)
        return ""

    # -- the values ------------------------------------------------------------------------------
    def _snapshot(self) -> tuple[object, ...]:
        return (
            self.name.text().strip(),
            self.dob.text().strip(),
            self.phone.text().strip(),
            self.email.text().strip(),
            self.chart.text().strip(),
            self.language.currentData(),
            self.notes.toPlainText(),
            self.flags_editor.specs(),
            self.consent.isChecked(),
        )

    @property
    def dirty(self) -> bool:
        """Whether the form holds something not saved."""
        return not self.loading and self._snapshot() != self._initial

    def fields(self) -> PatientFields:
        """The form as the services take it; BadInput (one line) for what cannot be saved."""
        text = self.dob.text().strip()
        email = check_email(self.email.text())
        return PatientFields(
            name=patient_name(self.name.text()),
            date_of_birth=parse_date_of_birth(text, today=self.today()) if text else None,
            phone=check_phone(self.phone.text()),
            email=email,
            chart_number=check_chart_number(self.chart.text()),
            language=str(self.language.currentData()),
            notes=self.notes.toPlainText().strip(),
            flags=self.flags_editor.specs(),
            email_consent=bool(email) and self.consent.isChecked(),
        )

    def _edited(self, *_args: object) -> None:
        if self.error and not self.saving:
            self.error = ""
            self.error_label.hide()

    # -- saving ----------------------------------------------------------------------------------
    def save(self) -> None:
        """Check the form, ask about duplicates (read on the worker), then save through the
        desk; the dialog closes once the patient is saved."""
        if self.saving or self.loading or (self.patient_id and self.record is None):
            return
        try:
            fields = self.fields()
        except BadInput as exc:
            self._show_error(said(exc))
            self._focus_the_field(exc.message)
            return
        if self.record is not None and not self.dirty:
            self.done(QDialog.DialogCode.Accepted)  # nothing changed: nothing to save
            return
        self._pending = fields
        self._set_saving(True)
        if self._needs_duplicate_check(fields):
            self.status_label.setText(tr("Looking for the same patient…"))
            self._task = self.worker.run(
                find_duplicates,
                self.store,
                fields.name,
                fields.date_of_birth,
                fields.phone,
                self.patient_id,
                on_done=self._duplicates_found,
                on_error=self._save_failed,
            )
        else:
            self._commit(fields)

    def _needs_duplicate_check(self, fields: PatientFields) -> bool:
        r = self.record
        if r is None:
            return True
        return (fields.name, fields.date_of_birth, fields.phone) != (
            r.name,
            r.date_of_birth,
            r.phone,
        )

    def _duplicates_found(self, found: list[Duplicate]) -> None:
        self._task = None
        if not shiboken6.isValid(self):
            return
        fields = self._pending
        assert fields is not None
        if found:
            answer = ask_duplicate(self, found)
            if answer == OPEN_EXISTING:
                self._set_saving(False)
                self.sig_open_existing.emit(found[0].id)
                self.done(QDialog.DialogCode.Rejected)
                return
            if answer != SAVE_ANYWAY:
                self._set_saving(False)
                self.name.setFocus()
                return
        self._commit(fields)

    def _commit(self, fields: PatientFields) -> None:
        self.status_label.setText(tr("Saving…"))
        if self.patient_id is None:
            started = self.desk.add_patient(
                fields, on_saved=self._added, on_refused=self._not_saved
            )
        else:
            started = self.desk.edit_patient(
                self.patient_id,
                fields,
                on_saved=self._edited_saved,
                on_refused=self._not_saved,
                expect=self.record,  # refused if another desk changed the patient since
            )
        if not started:
            self._set_saving(False)
            self._show_error(tr("the last change is still being saved; save again in a moment"))

    def _added(self, command: AddPatientCommand) -> None:
        self._saved(command.patient_id)

    def _edited_saved(self, command: EditPatientCommand) -> None:
        self._saved(command.patient_id)

    def _saved(self, patient_id: int) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_saving(False)
        self.sig_saved.emit(patient_id)
        self.done(QDialog.DialogCode.Accepted)

    def _not_saved(self, exc: PlannerError) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_saving(False)
        self._show_error(said(exc))
        if isinstance(exc, ChangedElsewhere) and self.patient_id is not None:
            self._look_again(exc.message)
            return
        self._focus_the_field(exc.message)

    # -- changed at another desk while the form was open -----------------------------------------
    def _look_again(self, message: str) -> None:
        """Read the patient again (on the worker) and show what the other desk wrote in the
        fields not typed in here; what was typed stays, and Save writes it over the new
        record (the record the save now expects)."""
        self._set_saving(True)  # Save waits for the fresh record
        self.status_label.setText(tr("Reading the patient's new details…"))
        self._task = self.worker.run(
            patient_record,
            self.store,
            self.patient_id,
            on_done=lambda record: self._merge(record, message),
            on_error=self._save_failed,
        )

    def _merge(self, record: PatientRecord, message: str) -> None:
        self._task = None
        if not shiboken6.isValid(self):
            return
        typed = self._snapshot()
        seen = self._initial
        setters = (
            lambda: self.name.setText(record.name),
            lambda: self.dob.setText(dob_text(record.date_of_birth)),
            lambda: self.phone.setText(record.phone),
            lambda: self.email.setText(record.email),
            lambda: self.chart.setText(record.chart_number or ""),
            lambda: self.language.setCurrentIndex(max(0, self.language.findData(record.language))),
            lambda: self.notes.setPlainText(record.notes),
            lambda: self.flags_editor.set_flags(record.flags),
            lambda: self.consent.setChecked(record.email_consent and bool(self.email.text())),
        )
        kept = [typed[i] != seen[i] for i in range(len(setters))]
        for i, keep in enumerate(kept):
            if not keep:
                setters[i]()
        self.record = record
        now = self._snapshot()
        # A field typed in here stays unsaved even if it happens to read like the new record
        self._initial = tuple(
            _TYPED if keep else value for keep, value in zip(kept, now, strict=True)
        )
        self._set_saving(False)
        self._show_error(
            arg(
                tr(
                    "%1. The form shows the new details now, with what you typed kept: "
                    "check them and save again"
                ),
                message,
            )
        )

    def _save_failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_saving(False)
        if not isinstance(exc, PlannerError):
            raise exc
        self._show_error(said(exc))

    def _set_saving(self, on: bool) -> None:
        self.saving = on
        self.save_button.setEnabled(not on)
        if not on:
            self.status_label.setText("")

    def _show_error(self, message: str) -> None:
        self.error = message
        self.error_label.setText(arg(tr("Not saved: %1"), message))
        self.error_label.show()

    def _focus_the_field(self, message: str) -> None:
        """Put the cursor where the problem is (the message names the field)."""
        m = message.lower()
        for words, widget in (
            (("date of birth", "is not a date", "no month", "no year"), self.dob),
            (("phone",), self.phone),
            (("email",), self.email),
            (("chart number",), self.chart),
            (("needs a name", "name is too long"), self.name),
        ):
            if any(w in m for w in words):
                widget.setFocus()
                if isinstance(widget, QLineEdit):
                    widget.selectAll()
                return

    # -- closing ---------------------------------------------------------------------------------
    def reject(self) -> None:
        """Esc or Cancel: asks first when something typed would be lost."""
        if self.saving:
            self.status_label.setText(tr("Saving… the dialog closes when it is saved"))
            return
        if self.dirty and not ask_discard(self):
            return
        if self._task is not None:
            self._task.discard()
            self._task = None
        super().reject()


def open_patient_dialog(
    parent: QWidget,
    store: Store,
    worker: Worker,
    desk: Desk,
    *,
    patient_id: int | None = None,
    prefill: str = "",
    today: Callable[[], date] = date.today,
) -> PatientDialog:
    """Open the patient dialog window-modal (never blocking) and return it; it deletes itself
    once closed. Connect :attr:`PatientDialog.sig_saved` and ``sig_open_existing``."""
    dlg = PatientDialog(
        store, worker, desk, parent, patient_id=patient_id, prefill=prefill, today=today
    )
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.finished.connect(lambda _r: dlg.deleteLater())
    dlg.open()
    return dlg
