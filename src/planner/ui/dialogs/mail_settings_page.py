"""Settings' *E-mail invitations* tab: the SMTP server the outbox sends patients' invitations
through, its security, the login and the sender, the grace period, and a test message.

The values are the database's (:mod:`planner.services.mail_settings`), read on the worker
when Settings opens (:func:`read_mail_form`) and saved with the rest of Settings on the
worker (:func:`save_mail_form`). The password is never written to the database or to this
computer's settings: it goes to the system keyring (:func:`~planner.services.mail_settings.
store_smtp_password`) and the field is emptied; without a keyring the tab says, in one line,
that it must come from ``PLANNER_SMTP_PASSWORD``, and everything else is still saved. The
tab shows where the password comes from now, never the password.

*Send test message…* asks for an address (the clinic's e-mail to start with), saves what the
tabs hold and sends a short message through the server on the worker
(:func:`send_test_message`); *Turn off e-mail* forgets the server (nothing is sent until one
is set again). Every refusal is one line under the group, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.errors import BadInput, Refused
from planner.services.mail_settings import (
    DEFAULT_GRACE_SECONDS,
    DEFAULT_PORTS,
    MAX_GRACE_SECONDS,
    PASSWORD_ENV,
    MailSettings,
    Security,
)
from planner.ui.i18n import arg, tr
from planner.ui.style import TEXT_MUTED, WARNING

if TYPE_CHECKING:
    from planner.db.store import Store


def security_labels() -> dict[Security, str]:
    return {
        Security.STARTTLS: tr("STARTTLS (usually port 587)"),
        Security.TLS: tr("TLS from the start (usually port 465)"),
        Security.NONE: tr("None: plain, for a server on the clinic's own network"),
    }


def no_keyring_text() -> str:
    """The line saying the password cannot go to a keyring on this computer."""
    return arg(
        tr(
            "This computer has no system keyring: the password must come from %1 "
            "(set it where planner starts)."
        ),
        PASSWORD_ENV,
    )


def password_words(where: str) -> str:
    """Where the password comes from (``environment``, ``keyring``, ``none``, ``not needed``)."""
    words = {
        "environment": arg(tr("Password: from %1 on this computer."), PASSWORD_ENV),
        "keyring": tr("Password: kept in the system keyring (type a new one to replace it)."),
        "none": tr("Password: not set."),
        "not needed": tr(
            "Password: not needed (no user name: the server takes mail without a login)."
        ),
    }
    return words.get(where, "")


@dataclass(frozen=True)
class MailForm:
    """The tab's values as saved (read on the worker)."""

    host: str = ""
    port: str = ""
    """The port as the field shows it: "" when it is the usual one for ``security``."""
    security: Security = Security.STARTTLS
    user: str = ""
    sender: str = ""
    """The sender as set ("" sends as the clinic's e-mail)."""
    grace_minutes: int = DEFAULT_GRACE_SECONDS // 60
    password: str = "none"
    """Where the password comes from: environment, keyring, none, or "not needed"."""
    keyring: bool = True
    """This computer has a system keyring the password can go to."""

    @property
    def values(self) -> tuple[object, ...]:
        """What the user can change (to tell whether the tab was edited)."""
        return (self.host, self.port, self.security, self.user, self.sender, self.grace_minutes)


@dataclass(frozen=True)
class MailInput:
    """The tab as typed, to save: ``port`` None and ``sender`` "" mean the usual ones."""

    host: str
    port: int | None
    security: Security
    user: str
    sender: str
    grace_minutes: int
    password: str
    """"" keeps the keyring's password as it is."""


@dataclass(frozen=True)
class MailSaved:
    """What :func:`save_mail_form` saved, and a line about the password (or "")."""

    form: MailForm
    note: str = ""


# -- on the worker ------------------------------------------------------------------------------


def _where(ms: MailSettings | None) -> str:
    from planner.services.mail_settings import password_source

    if ms is None or not ms.user:
        return "not needed" if ms is not None else "none"
    return password_source(ms)


def read_mail_form(store: Store) -> MailForm:
    """The mail settings as the tab shows them, and where the password comes from (the
    keyring is asked here, on the worker: a system keyring can take a moment to answer)."""
    from planner.services.clinic_settings import read_settings
    from planner.services.mail_settings import keyring_available, read_mail_settings

    with store.read() as s:  # the settings and the sender as set, in one read
        ms = read_mail_settings(s)
        raw = read_settings(s)
    ring = keyring_available()
    if ms is None:
        return MailForm(keyring=ring)
    usual = DEFAULT_PORTS[ms.security]
    return MailForm(
        host=ms.host,
        port="" if ms.port == usual else str(ms.port),
        security=ms.security,
        user=ms.user,
        sender=raw.get("mail_from", ""),
        grace_minutes=ms.grace_seconds // 60,
        password=_where(ms),
        keyring=ring,
    )


def save_mail_form(store: Store, typed: MailInput) -> MailSaved:
    """Save the settings (one transaction, nothing when a value is refused), then the
    password to the keyring; no keyring is a note, and the settings stay saved."""
    from planner.services.mail_settings import save_mail_settings, store_smtp_password

    ms = save_mail_settings(
        store,
        host=typed.host,
        port=typed.port,
        security=typed.security,
        user=typed.user,
        from_address=typed.sender or None,
        grace_seconds=typed.grace_minutes * 60,
    )
    note = ""
    if typed.password:
        try:
            store_smtp_password(ms, typed.password)
        except Refused:
            note = no_keyring_text()
    return MailSaved(read_mail_form(store), note)


def send_test_message(store: Store, to: str) -> str:
    """Send the short test message to ``to`` through the saved settings; what happened, in
    one line (MailFailed, in one line, when it was not sent)."""
    from planner.services.smtp import send_test_message as send

    address, ms = send(store, to)
    return arg(tr("A test message was sent to %1 through %2."), address, ms.server)


def turn_off_mail(store: Store) -> MailForm:
    """Forget the mail settings (the keyring's password stays); the tab's values after."""
    from planner.services.mail_settings import clear_mail_settings

    clear_mail_settings(store)
    return read_mail_form(store)


# -- the question (tests replace it) -----------------------------------------------------------


def ask_test_address(parent: QWidget | None, prefill: str) -> str | None:
    """Whom to send the test message to; None when the user backed out."""
    box = QInputDialog(parent)
    box.setWindowTitle(tr("Send test message"))
    box.setLabelText(tr("Send a short test message to this address:"))
    box.setTextValue(prefill)
    box.setOkButtonText(tr("&Send"))
    if box.exec() != QInputDialog.DialogCode.Accepted:
        return None
    return box.textValue().strip() or None


# -- the tab ------------------------------------------------------------------------------------


class MailSettingsPage(QWidget):
    """The *E-mail invitations* tab: the fields, where the password comes from, the test."""

    sig_test_requested = Signal(str)
    """*Send test message…* was answered with this address: save, then send it."""
    sig_turn_off_requested = Signal()
    """*Turn off e-mail* was confirmed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded: MailForm | None = None
        self.clinic_email: Callable[[], str] = lambda: ""
        """The clinic's e-mail as typed on the other tab (the test's first address)."""
        outer = QVBoxLayout(self)
        self.group = QGroupBox(tr("Sending patients their appointments by e-mail"), self)
        form = QFormLayout(self.group)
        self.host = QLineEdit(self.group)
        self.host.setPlaceholderText(tr("e.g. smtp.example.com (empty: no e-mail is sent)"))
        self.host.setAccessibleName(tr("Mail server"))
        self.port = QLineEdit(self.group)
        self.port.setValidator(QIntValidator(1, 65535, self.port))
        self.port.setMaximumWidth(160)
        self.port.setAccessibleName(tr("Port"))
        self.security = QComboBox(self.group)
        for sec, label in security_labels().items():
            self.security.addItem(label, sec.value)
        self.security.setAccessibleName(tr("Security"))
        self.user = QLineEdit(self.group)
        self.user.setPlaceholderText(tr("the login (empty: the server takes mail without one)"))
        self.user.setAccessibleName(tr("User name"))
        self.password = QLineEdit(self.group)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(tr("Password"))
        self.password.setToolTip(tr("Goes to the system keyring, never to the database"))
        self.password_where = QLabel(self.group)
        self.password_where.setWordWrap(True)
        self.password_where.setStyleSheet(f"color: {TEXT_MUTED}")
        self.from_address = QLineEdit(self.group)
        self.from_address.setPlaceholderText(tr("empty: the clinic's e-mail"))
        self.from_address.setAccessibleName(tr("Sender address"))
        self.grace = QSpinBox(self.group)
        self.grace.setRange(0, MAX_GRACE_SECONDS // 60)
        self.grace.setSuffix(tr(" minutes"))
        self.grace.setMaximumWidth(160)
        self.grace.setAccessibleName(tr("Wait before sending"))
        self.grace.setToolTip(
            tr("A change waits this long before its message is sent, so a quick undo sends nothing")
        )
        for label, widget in (
            (tr("Mail ser&ver:"), self.host),
            (tr("P&ort:"), self.port),
            (tr("Sec&urity:"), self.security),
            (tr("User na&me:"), self.user),
            (tr("Pass&word:"), self.password),
            ("", self.password_where),
            (tr("Sen&der address:"), self.from_address),
            (tr("Wait &before sending:"), self.grace),
        ):
            if label:
                buddy = QLabel(label, self.group)
                buddy.setBuddy(widget)
                form.addRow(buddy, widget)
            else:
                form.addRow("", widget)
        row = QHBoxLayout()
        self.test_button = QPushButton(tr("Send &test message…"), self.group)
        self.test_button.setAutoDefault(False)
        self.test_button.setToolTip(tr("Saves the settings, then sends a short message"))
        self.off_button = QPushButton(tr("Turn o&ff e-mail"), self.group)
        self.off_button.setAutoDefault(False)
        self.off_button.setToolTip(tr("Forget the mail server: no invitations are sent"))
        row.addWidget(self.test_button)
        row.addWidget(self.off_button)
        row.addStretch(1)
        form.addRow("", _row_widget(row, self.group))
        outer.addWidget(self.group)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(tr("E-mail settings"))
        self.status.hide()
        outer.addWidget(self.status)
        note = QLabel(
            tr(
                "Patients who agreed to e-mail (in their details) get their sessions as "
                "calendar invitations after each booking, move or cancellation."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {TEXT_MUTED}")
        outer.addWidget(note)
        outer.addStretch(1)
        self.security.currentIndexChanged.connect(self._usual_port)
        self.user.textChanged.connect(self._show_where)
        self.test_button.clicked.connect(self._ask_test)
        self.off_button.clicked.connect(self._ask_off)
        self._usual_port()
        self.set_usable(False)

    # -- filling ---------------------------------------------------------------------------------
    def set_usable(self, on: bool) -> None:
        for w in (
            self.host,
            self.port,
            self.security,
            self.user,
            self.from_address,
            self.grace,
            self.test_button,
            self.off_button,
        ):
            w.setEnabled(on)
        self.password.setEnabled(on and (self.loaded is None or self.loaded.keyring))

    def load(self, form: MailForm) -> None:
        """Show the saved values (the password field stays empty)."""
        self.loaded = form
        self.host.setText(form.host)
        self.security.setCurrentIndex(max(0, self.security.findData(form.security.value)))
        self.port.setText(form.port)
        self.user.setText(form.user)
        self.from_address.setText(form.sender)
        self.grace.setValue(form.grace_minutes)
        self.password.clear()
        self.set_usable(True)
        self.off_button.setEnabled(bool(form.host))
        self._show_where()

    def set_clinic_email(self, address: str) -> None:
        """Name the clinic's e-mail (as typed on the General tab) as the sender's default."""
        address = address.strip()
        self.from_address.setPlaceholderText(
            arg(tr("empty: the clinic's e-mail, %1"), address)
            if address
            else tr("empty: the clinic's e-mail (give it on the General tab)")
        )

    def _usual_port(self, *_args: object) -> None:
        sec = Security(self.security.currentData())
        self.port.setPlaceholderText(arg(tr("%1 (the usual one)"), DEFAULT_PORTS[sec]))

    def _show_where(self, *_args: object) -> None:
        form = self.loaded
        if form is None:
            self.password_where.setText("")
            return
        if not form.keyring:
            self.password_where.setText(no_keyring_text())
            self.password.setPlaceholderText(arg(tr("from %1"), PASSWORD_ENV))
            return
        typed_user = self.user.text().strip()
        if typed_user != form.user:
            where = tr("Password: type the password of this login.") if typed_user else ""
            self.password_where.setText(where or password_words("not needed"))
        else:
            self.password_where.setText(password_words(form.password))
        keep = form.password == "keyring" and typed_user == form.user
        self.password.setPlaceholderText(tr("empty: keep the saved one") if keep else "")

    # -- the values ------------------------------------------------------------------------------
    def typed(self) -> MailInput:
        """The tab as typed; BadInput for what the window can already tell is wrong."""
        port_text = self.port.text().strip()
        user = self.user.text().strip()
        password = self.password.text()
        host = self.host.text().strip()
        if not host:
            if self.loaded and self.loaded.host:
                raise BadInput(
                    tr(
                        "give the mail server's host name, e.g. smtp.example.com "
                        "(or Turn off e-mail to send none)"
                    )
                )
            raise BadInput(tr("give the mail server's host name, e.g. smtp.example.com"))
        if password and not user:
            raise BadInput(tr("a password needs the user name it logs in with; give the user name"))
        return MailInput(
            host=host,
            port=int(port_text) if port_text else None,
            security=Security(self.security.currentData()),
            user=user,
            sender=self.from_address.text().strip(),
            grace_minutes=self.grace.value(),
            password=password,
        )

    def _typed_values(self) -> tuple[object, ...]:
        port_text = self.port.text().strip()
        sec = Security(self.security.currentData())
        if port_text == str(DEFAULT_PORTS[sec]):
            port_text = ""
        return (
            self.host.text().strip(),
            port_text,
            sec,
            self.user.text().strip(),
            self.from_address.text().strip(),
            self.grace.value(),
        )

    @property
    def dirty(self) -> bool:
        """Whether something was typed that is not saved (the password included)."""
        if self.loaded is None:
            return False
        return bool(self.password.text()) or self._typed_values() != self.loaded.values

    def change(self) -> MailInput | None:
        """What to save: None when nothing changed, or when e-mail stays not set up."""
        if not self.dirty:
            return None
        return self.typed()

    # -- the buttons -----------------------------------------------------------------------------
    def _ask_test(self) -> None:
        prefill = self.clinic_email() or (self.loaded.sender if self.loaded else "")
        to = ask_test_address(self, prefill)
        if to:
            self.sig_test_requested.emit(to)

    def _ask_off(self) -> None:
        from planner.ui.dialogs import prompts

        if prompts.confirm(
            self,
            tr("Turn off e-mail"),
            tr(
                "Forget the mail server? Patients get no more invitations by e-mail until a "
                "server is set again (the outbox keeps what is queued)."
            ),
            tr("Turn o&ff"),
        ):
            self.sig_turn_off_requested.emit()

    # -- the line under the group ----------------------------------------------------------------
    def say(self, text: str, *, warning: bool = False) -> None:
        self.status.setStyleSheet(f"color: {WARNING}" if warning else f"color: {TEXT_MUTED}")
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def focus_the_field(self, message: str) -> None:
        """Put the cursor where the refusal points (the message names the field)."""
        m = message.lower()
        # The service's refusals are English; the window's own name the field in its language.
        host = tr("host name", "a field named in a message").lower()
        user = tr("user name", "a field named in a message").lower()
        password = tr("password", "a field named in a message").lower()
        fields: tuple[tuple[tuple[str, ...], QWidget], ...] = (
            (("host", "mail server", host), self.host),
            (("port",), self.port),
            (("mail user", "user name", user), self.user),
            (("sender",), self.from_address),
            (("grace",), self.grace),
            (("password", password), self.password),
        )
        for words, widget in fields:
            if any(w in m for w in words):
                widget.setFocus()
                return


def _row_widget(layout: QHBoxLayout, parent: QWidget) -> QWidget:
    w = QWidget(parent)
    layout.setContentsMargins(0, 0, 0, 0)
    w.setLayout(layout)
    return w
