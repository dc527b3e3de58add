"""Settings: the clinic's name, phone, e-mail and address for calendar files, reminders,
export profile, text size, database (the *General* tab); the mail server patients' invitations
go through (the *E-mail invitations* tab, :mod:`.mail_settings_page`).

The clinic's details are the database's (every desk's and the command line's calendar files
read them there): the dialog reads them on the worker when it opens and writes the changed
ones on the worker when Save is pressed, closing once they are saved. The rest is this
computer's QSettings, saved by the window when the dialog is accepted.

The desk name is this computer's too: the change log names every change's desk with it
(default: the computer's name). It is checked as it is typed and saved with the clinic's
details on the worker (:func:`planner.services.desk.set_desk_name`), and the open database's
later changes carry it at once.

The e-mail settings are the database's too, read with the clinic's details and saved with
them (:func:`write_settings`); the SMTP password goes to the system keyring, never to the
database or QSettings. A refusal names what was saved before it, if anything, and the
dialog stays open with everything typed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
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
    QTabWidget,
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
from planner.ui.dialogs.mail_settings_page import (
    MailForm,
    MailInput,
    MailSaved,
    MailSettingsPage,
    read_mail_form,
    save_mail_form,
    send_test_message,
    turn_off_mail,
)
from planner.ui.geometry import fit_to_screen
from planner.ui.i18n import arg, said, tr, ui_words
from planner.ui.settings import EXPORT_PROFILES, FONT_SCALES, LANGUAGE_CHOICES, Preferences
from planner.ui.style import WARNING

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.ui.worker import TaskHandle, Worker

CLINIC_KEYS = ("clinic_name", "clinic_phone", "clinic_email", "clinic_address")
"""The clinic's details in the database (:data:`planner.services.clinic_settings.KNOWN_KEYS`)."""


def clinic_fields() -> tuple[tuple[str, str, str], ...]:
    """(key, label, placeholder) of each of the clinic's details, in the window's language."""
    return (
        ("clinic_name", tr("Clinic &name:"), tr("e.g. Oslo Needling & Physio")),
        ("clinic_phone", tr("Clinic &phone:"), tr("e.g. +47 22 00 00 00")),
        ("clinic_email", tr("Clinic &e-mail:"), tr("e.g. post@example.no")),
        ("clinic_address", tr("Clinic &address:"), tr("e.g. Storgata 1, 0155 Oslo")),
    )


REMINDER_CHOICES = (10080, 2880, 1440, 240, 120, 60, 30)

LANGUAGE_NAMES = {"nb": "Norsk bokmål", "en": "English"}
"""The window's languages, each named in itself (never translated)."""


def profile_labels() -> dict[str, str]:
    """What each export profile holds, in the window's language."""
    return {
        "patient": tr("Patient: their own sessions; no diagnosis, no flags, no other patients"),
        "practitioner": tr("Practitioner: initials, regions and room; no names or notes"),
        "full": tr("Full: everything, health data included (stays in the clinic)"),
    }


def _minutes_label(m: int) -> str:
    if m % 1440 == 0:
        return tr("%n day(s) before", "", m // 1440)
    if m % 60 == 0:
        return tr("%n hour(s) before", "", m // 60)
    return tr("%n minute(s) before", "", m)


def read_clinic(store: Store) -> dict[str, str]:
    """The clinic's name, phone, e-mail and address from the database (on the worker)."""
    shared = get_settings(store)
    return {key: shared.get(key, "") for key in CLINIC_KEYS}


def write_clinic(store: Store, changed: dict[str, str]) -> None:
    """Save the changed details in one transaction (on the worker); an empty value clears one."""
    set_settings(store, changed)


def read_all(store: Store) -> tuple[dict[str, str], MailForm]:
    """The clinic's details and the e-mail settings (on the worker)."""
    return read_clinic(store), read_mail_form(store)


def _part(key: str) -> str:
    """A part of the settings, as a refusal names it."""
    parts = {
        "desk": tr("the desk name"),
        "clinic": tr("the clinic's details"),
        "mail": tr("the e-mail settings"),
    }
    return parts.get(key, key)


@dataclass(frozen=True)
class SettingsSaved:
    """What :func:`write_settings` saved, and the refusal that stopped it (if one did)."""

    desk: str | None = None
    """The desk name saved (None: unchanged or not saved)."""
    clinic: bool = False
    """The clinic's details were saved."""
    mail: MailSaved | None = None
    refused_in: str = ""
    """``desk``, ``clinic`` or ``mail``: the part refused ("" none); nothing after it ran."""
    refusal: str = ""
    test: str = ""
    """What the test message did (one line), when one was asked for."""
    test_failed: bool = False

    @property
    def saved_parts(self) -> list[str]:
        done = [self.desk is not None, self.clinic, self.mail is not None]
        return [_part(k) for k, d in zip(("desk", "clinic", "mail"), done, strict=True) if d]

    def refusal_line(self) -> str:
        """``Not saved: …``, or which parts were saved before the refusal."""
        parts = self.saved_parts
        if not parts:
            return arg(tr("Not saved: %1"), self.refusal)
        saved = ui_words().join(parts)
        return arg(
            tr("%1 saved; %2 not: %3"),
            saved[:1].upper() + saved[1:],
            _part(self.refused_in),
            self.refusal,
        )


def write_settings(
    store: Store | None,
    changed: dict[str, str],
    desk: str | None,
    mail: MailInput | None = None,
    test_to: str = "",
) -> SettingsSaved:
    """On the worker: the desk name (when ``desk`` is given), the changed clinic details and
    the e-mail settings (each checked whole before it writes), then a test message to
    ``test_to`` once everything is saved.

    The desk name first: it is this computer's file, and saving it cannot half-change the
    database. The e-mail settings before the clinic's details, unless they send as the
    clinic's e-mail typed now (it must be saved first). A refusal stops there and is
    returned with what was saved before it.
    """
    out = SettingsSaved()
    part = "desk"
    try:
        if desk is not None:
            out = replace(out, desk=set_desk_name(desk))
        if store is None:
            return out
        order = ["mail", "clinic"]
        if mail is not None and not mail.sender and "clinic_email" in changed:
            order.reverse()
        for part in order:
            if part == "mail" and mail is not None:
                out = replace(out, mail=save_mail_form(store, mail))
            elif part == "clinic" and changed:
                write_clinic(store, changed)
                out = replace(out, clinic=True)
    except PlannerError as exc:
        return replace(out, refused_in=part, refusal=exc.message)
    if test_to and store is not None:
        try:
            out = replace(out, test=send_test_message(store, test_to))
        except PlannerError as exc:
            out = replace(out, test=sentence(said(exc)), test_failed=True)
    return out


def sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text[-1] in ".?!" else text + "."


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
        self.setWindowTitle(tr("Settings"))
        self.store = store
        self.worker = worker
        self._loaded: dict[str, str] | None = None
        self.busy = False
        """True while the clinic's details are read or saved (tests wait on it)."""
        lay = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        general = QWidget(self.tabs)
        form = QFormLayout(general)
        self._desk_loaded = desk_name()
        self._desk_said = ""
        self.desk_name = QLineEdit(self._desk_loaded, self)
        self.desk_name.setPlaceholderText(computer_name())
        self.desk_name.setMaxLength(200)  # longer is refused with a message, not cut off
        self.desk_name.setAccessibleName(tr("Desk name"))
        self.desk_name.setToolTip(
            tr(
                "The name the change log gives this computer's changes (History…), "
                "such as 'Front desk 2'"
            )
        )
        form.addRow(tr("Des&k name:"), self.desk_name)
        forced = desk_name_from_environment()
        desk_hint = QLabel(
            arg(tr("Set by %1 on this computer: %2"), "PLANNER_DESK", forced)
            if forced
            else arg(
                tr(
                    "Shown in History… with every change made here; this computer's name "
                    "(%1) unless you give another."
                ),
                computer_name(),
            ),
            self,
        )
        desk_hint.setWordWrap(True)
        desk_hint.setStyleSheet("color: #5f6670")
        form.addRow("", desk_hint)
        if forced:
            self.desk_name.setEnabled(False)
        self.desk_name.textChanged.connect(self._desk_typed)
        self.clinic: dict[str, QLineEdit] = {}
        for key, label, placeholder in clinic_fields():
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
            tr(
                "Written into every calendar file, so patients know whom to call "
                "(kept in the database, for every desk). Locations, rooms, practitioners and "
                "closures are in the clinic set-up."
            ),
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
        form.addRow(tr("Default &reminders:"), rem)
        self.profile = QComboBox(self)
        labels = profile_labels()
        for p in EXPORT_PROFILES:
            self.profile.addItem(labels[p], p)
        self.profile.setCurrentIndex(max(0, self.profile.findData(prefs.export_profile)))
        form.addRow(tr("Default export &profile:"), self.profile)
        self.font_scale = QComboBox(self)
        for pct in FONT_SCALES:
            size = ui_words().percent(pct / 100)
            self.font_scale.addItem(
                arg(tr("%1 (the system's size)"), size) if pct == 100 else size, pct
            )
        self.font_scale.setCurrentIndex(max(0, self.font_scale.findData(prefs.font_scale)))
        self.font_scale.setToolTip(tr("The size of the text in the week view and the side panel"))
        form.addRow(tr("&Text size:"), self.font_scale)
        self.language = QComboBox(self)
        for choice in LANGUAGE_CHOICES:
            name = LANGUAGE_NAMES.get(choice) or tr("System (follow the computer)")
            self.language.addItem(name, choice)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.language.setToolTip(tr("The language of the window's menus, dialogs and lists"))
        form.addRow(tr("&Language:"), self.language)
        self.language_note = QLabel(tr("The language changes the next time planner starts."), self)
        self.language_note.setWordWrap(True)
        self.language_note.setStyleSheet("color: #5f6670")
        form.addRow("", self.language_note)
        db_row = QWidget(self)
        dl = QHBoxLayout(db_row)
        dl.setContentsMargins(0, 0, 0, 0)
        self.database = QLineEdit(prefs.database, db_row)
        self.database.setPlaceholderText(current_db)
        browse = QPushButton(tr("&Browse…"), db_row)
        browse.clicked.connect(self._browse)
        dl.addWidget(self.database, 1)
        dl.addWidget(browse)
        form.addRow(tr("&Database:"), db_row)
        note = QLabel(
            tr(
                "A SQLite file or a PostgreSQL URL. Leave empty for the default. "
                "Takes effect the next time planner starts."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6670")
        form.addRow("", note)
        self.tabs.addTab(general, tr("&General"))
        self.mail_page = MailSettingsPage(self.tabs)
        self.mail_page.clinic_email = lambda: self.clinic_email.text().strip()
        self.clinic_email.textChanged.connect(self.mail_page.set_clinic_email)
        self.mail_page.set_clinic_email("")
        self.mail_page.sig_test_requested.connect(self._test)
        self.mail_page.sig_turn_off_requested.connect(self._turn_off)
        self.tabs.addTab(self.mail_page, tr("E-mail &invitations"))
        self.backups_tab = self._backups_page()
        self.tabs.addTab(self.backups_tab, tr("Ba&ckups"))
        lay.addWidget(self.tabs)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        fit_to_screen(self, 680, self.sizeHint().height())
        self._task: TaskHandle | None = None
        self.finished.connect(self._forget_task)
        self._read()

    # -- this computer's backup folder ------------------------------------------------------------
    def _backups_page(self) -> QWidget:
        """Where this computer keeps the backups of a SQLite database (a file of this
        computer's, not a clinic setting: see :mod:`planner.services.backups`)."""
        from planner.db.backup import POSTGRES_MESSAGE
        from planner.services.backups import DAILY, MONTHLY, WEEKLY, default_folder, saved_folder
        from planner.ui.backup_status import EVERY_H

        page = QWidget(self.tabs)
        form = QFormLayout(page)
        self._backup_saved = saved_folder()
        database = self.store.path if self.store is not None and self.store.is_sqlite else None
        row = QWidget(page)
        rl = QHBoxLayout(row)
        rl.setContentsMargins(0, 0, 0, 0)
        self.backup_folder = QLineEdit(str(self._backup_saved or ""), row)
        self.backup_folder.setAccessibleName(tr("Backup folder"))
        self.backup_folder.setPlaceholderText(
            str(default_folder(database)) if database is not None else tr("beside the database")
        )
        self.backup_browse = QPushButton(tr("Bro&wse…"), row)
        self.backup_browse.clicked.connect(self._browse_backups)
        rl.addWidget(self.backup_folder, 1)
        rl.addWidget(self.backup_browse)
        form.addRow(tr("Backup &folder:"), row)
        if self.store is not None and not self.store.is_sqlite:
            text = POSTGRES_MESSAGE[:1].upper() + POSTGRES_MESSAGE[1:] + "."
            self.backup_folder.setEnabled(False)
            self.backup_browse.setEnabled(False)
        else:
            text = arg(
                tr(
                    "Empty: a folder '%1' beside the database. Better another disk or a "
                    "network share, so one failing disk cannot take the database and its "
                    "backups. The window makes a checked backup at start-up when the last is a "
                    "day old and every %2 hours while it is open (File, Back up now: "
                    "at once); it keeps the newest of each of the last %3 days, %4 "
                    "weeks and %5 months. Only you can read the backups (0600)."
                ),
                "backups",
                f"{EVERY_H:.0f}",
                DAILY,
                WEEKLY,
                MONTHLY,
            )
        hint = QLabel(text, page)
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f6670")
        form.addRow("", hint)
        self.backup_note = QLabel(page)
        self.backup_note.setWordWrap(True)
        self.backup_note.setStyleSheet(f"color: {WARNING}")
        self.backup_note.hide()
        form.addRow("", self.backup_note)
        self.backup_folder_changed = False
        """The folder was changed and saved (the window then makes a backup there)."""
        return page

    def _browse_backups(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            tr("Backup folder"),
            self.backup_folder.text() or self.backup_folder.placeholderText(),
        )
        if folder:
            self.backup_folder.setText(folder)

    def _save_backup_folder(self) -> bool:
        """Save a changed backup folder (checked: it must exist or be creatable, and be
        writable); False, said on the tab, when it cannot be used."""
        from planner.services.backups import set_backup_folder

        typed = self.backup_folder.text().strip()
        wanted = Path(typed).expanduser() if typed else None
        if not self.backup_folder.isEnabled() or wanted == self._backup_saved:
            return True
        try:
            self._backup_saved = set_backup_folder(wanted)
        except BadInput as exc:
            self.backup_note.setText(arg(tr("Not saved: %1"), said(exc)))
            self.backup_note.show()
            self.tabs.setCurrentWidget(self.backups_tab)
            self.backup_folder.setFocus()
            return False
        self.backup_note.hide()
        self.backup_folder.setText(str(self._backup_saved or ""))
        self.backup_folder_changed = True
        return True

    # -- the clinic's details in the database ------------------------------------------------------
    def _read(self) -> None:
        if self.store is None:
            self._say(tr("The clinic's details can be changed once the database is open."))
            self.mail_page.say(tr("E-mail can be set up once the database is open."))
            return
        self.busy = True
        self._say(tr("Reading the clinic's details…"))
        self._task = self.worker.run(
            read_all, self.store, on_done=self._read_done, on_error=self._read_failed
        )

    def _read_done(self, values: tuple[dict[str, str], MailForm]) -> None:
        self.busy = False
        clinic, mail = values
        self._loaded = clinic
        for key, edit in self.clinic.items():
            edit.setText(clinic.get(key, ""))
            edit.setEnabled(True)
        self.mail_page.load(mail)
        self._say("")

    def _read_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, PlannerError):
            raise exc
        self.busy = False
        self._say(arg(tr("Cannot read the clinic's details: %1"), said(exc)), warning=True)

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
            self._desk_said = said(exc)[:1].upper() + said(exc)[1:]
            self._say(self._desk_said, warning=True)
        else:
            if self._desk_said and self.status.text() == self._desk_said:
                self._say("")
            self._desk_said = ""

    def accept(self) -> None:
        """Save: the desk name, the changed clinic details and the e-mail settings on the
        worker, then close (it stays open to say what did not go as asked)."""
        self._save("")

    def _test(self, to: str) -> None:
        """*Send test message…*: save what the tabs hold, then send (the dialog stays open)."""
        self._save(to)

    def _save(self, test_to: str) -> None:
        if self.busy:
            return
        if not self._save_backup_folder():
            return
        try:
            desk = self.desk_change()
        except BadInput as exc:
            self._say(arg(tr("Not saved: %1"), said(exc)), warning=True)
            self.tabs.setCurrentIndex(0)
            self.desk_name.setFocus()
            return
        loaded = self._loaded
        changed = (
            {k: v for k, v in self.clinic_values().items() if v != loaded.get(k, "")}
            if self.store is not None and loaded is not None
            else {}
        )
        try:
            mail = self.mail_page.change() if self.store is not None else None
            if mail is not None and not mail.sender and not self.clinic_email.text().strip():
                raise BadInput(
                    tr("no sender address: give one, or the clinic's e-mail on the General tab")
                )
        except BadInput as exc:
            self._mail_refused(exc.message)
            return
        if not changed and desk is None and mail is None and not test_to:
            super().accept()
            return
        self.busy = True
        self._set_buttons(False)
        self.mail_page.say("")
        self._say(tr("Sending a test message…") if test_to else tr("Saving…"))
        self._task = self.worker.run(
            write_settings,
            self.store,
            changed,
            desk,
            mail,
            test_to,
            on_done=lambda result: self._saved(result, bool(test_to)),
            on_error=self._save_failed,
        )

    def _mail_refused(self, message: str) -> None:
        self._say("")
        self.mail_page.say(arg(tr("Not saved: %1"), message), warning=True)
        self.tabs.setCurrentWidget(self.mail_page)
        self.mail_page.focus_the_field(message)

    def _turn_off(self) -> None:
        if self.busy or self.store is None:
            return
        self.busy = True
        self._set_buttons(False)
        self.mail_page.say(tr("Turning e-mail off…"))
        self._task = self.worker.run(
            turn_off_mail, self.store, on_done=self._turned_off, on_error=self._save_failed
        )

    def _turned_off(self, form: MailForm) -> None:
        self.busy = False
        self._set_buttons(True)
        self.mail_page.load(form)
        self.mail_page.say(tr("E-mail is off: no invitations are sent until a mail server is set."))

    def _set_buttons(self, on: bool) -> None:
        self.buttons.setEnabled(on)
        self.mail_page.test_button.setEnabled(on)
        loaded = self.mail_page.loaded
        self.mail_page.off_button.setEnabled(on and loaded is not None and bool(loaded.host))

    def _forget_task(self) -> None:
        """The dialog closed: a late answer has nowhere to go (a save still completes)."""
        if self._task is not None:
            self._task.discard()
            self._task = None

    def _saved(self, result: SettingsSaved, testing: bool) -> None:
        self._task = None
        if result.desk is not None:
            self._desk_loaded = result.desk
            if self.store is not None:  # the open database's next changes carry the new name
                self.store.author = replace(self.store.author, desk=result.desk)
        if result.clinic:
            self._loaded = self.clinic_values()
        if result.mail is not None:
            self.mail_page.load(result.mail.form)
        self.busy = False
        self._set_buttons(True)
        self._say("")
        if result.refused_in == "mail":  # said next to the e-mail group
            self.mail_page.say(result.refusal_line(), warning=True)
            self.tabs.setCurrentWidget(self.mail_page)
            self.mail_page.focus_the_field(result.refusal)
            return
        if result.refused_in:
            self._say(result.refusal_line(), warning=True)
            self.tabs.setCurrentIndex(0)
            return
        note = result.mail.note if result.mail is not None else ""
        if testing:
            said = " ".join(x for x in (note, result.test) if x)
            self.mail_page.say(said, warning=result.test_failed or bool(note))
            return
        if note:  # everything else is saved: say so calmly, and let the user read it
            self.mail_page.say(arg(tr("Saved. %1"), note))
            self.tabs.setCurrentWidget(self.mail_page)
            return
        super().accept()

    def _save_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, PlannerError):
            raise exc
        self._task = None
        self.busy = False
        self._set_buttons(True)
        self._say(arg(tr("Not saved: %1"), said(exc)), warning=True)

    def _say(self, text: str, *, warning: bool = False) -> None:
        self.status.setStyleSheet(f"color: {WARNING}" if warning else "color: #5f6670")
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("Database file"),
            self.database.text(),
            arg(tr("planner database (%1)"), "*.db") + ";;" + arg(tr("All files (%1)"), "*"),
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
            language=str(self.language.currentData()),
        )
