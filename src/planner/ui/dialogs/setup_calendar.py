"""The practitioners page's calendar group: the practitioner's own calendar on a CalDAV server
(its address and user name, saved with the practitioner; the password to the system keyring)
and *Publish now*.

The address and user name are the practitioner's row (:func:`~planner.services.clinic_setup.
edit_practitioner`, ``caldav_url`` / ``caldav_user``); the password never is: after the edit
:func:`save_practitioner` gives it to :func:`~planner.services.caldav_sync.
store_caldav_password`, and without a keyring the page says in one line that it must come
from ``PLANNER_CALDAV_PASSWORD`` (the rest is saved). Where the password comes from is read on
the worker (:func:`password_where`), never the password itself.

*Publish now* runs :func:`~planner.services.caldav_sync.publish` for the practitioner on the
worker (:func:`publish_now`) and says its report, or why it failed, in one line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from planner.errors import BadInput, PlannerError, Refused
from planner.ui.dialogs.setup_base import MUTED, OK, WARN, sentence
from planner.ui.i18n import arg, said, tr

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.services.clinic_setup import PractitionerInfo

PASSWORD_ENV = "PLANNER_CALDAV_PASSWORD"
"""The environment variable the calendar password can come from (``_<ID>`` for one
practitioner), as :func:`planner.services.caldav_sync.caldav_password` reads it."""
NO_KEYRING = str(
    QT_TRANSLATE_NOOP(
        "",
        "This computer has no system keyring: the calendar password must come from "
        "PLANNER_CALDAV_PASSWORD.",
    )
)
"""The line saying so, in English (shown as ``tr(NO_KEYRING)``)."""


@dataclass(frozen=True)
class Saved:
    """What :func:`save_practitioner` saved, and a line about the password (or "")."""

    info: PractitionerInfo
    note: str = ""

    @property
    def id(self) -> int:
        return self.info.id


@dataclass(frozen=True)
class Published:
    """What *Publish now* did, in one line; ``failed`` when it could not."""

    text: str
    failed: bool = False


# -- on the worker ------------------------------------------------------------------------------


def save_practitioner(
    store: Store, practitioner_id: int, *, password: str = "", **edit: Any
) -> Saved:
    """:func:`~planner.services.clinic_setup.edit_practitioner` (one transaction; refused,
    nothing changes), then the calendar password to the system keyring (no keyring is a
    note, and the edit stays saved)."""
    from planner.services.clinic_setup import edit_practitioner

    info = edit_practitioner(store, practitioner_id, **edit)
    note = ""
    if password and info.caldav_url:
        from planner.services.caldav_sync import store_caldav_password

        try:
            store_caldav_password(info.caldav_url, info.caldav_user, password)
        except Refused:
            note = tr(NO_KEYRING)
    return Saved(info, note)


def password_where(store: Store, practitioner_id: int, url: str, user: str) -> str:
    """Where the calendar password comes from now, in words (the keyring asked here)."""
    del store  # the page's reads all take the store; the password is not in it
    if not url:
        return ""
    for name in (f"{PASSWORD_ENV}_{practitioner_id}", PASSWORD_ENV):
        if os.environ.get(name):
            return arg(tr("Password: from %1 on this computer."), name)
    import keyring
    from keyring.backends import fail

    from planner.services.caldav_sync import caldav_password

    if isinstance(keyring.get_keyring(), fail.Keyring):
        return tr(NO_KEYRING)
    if caldav_password(practitioner_id, url, user):
        return tr("Password: kept in the system keyring (type a new one to replace it).")
    return tr("Password: not set (a server that needs one refuses to publish).")


def publish_now(store: Store, practitioner_id: int) -> Published:
    """Publish the practitioner's sessions to their calendar in full; the report or the
    refusal, one line each."""
    from planner.services.caldav_sync import publish

    try:
        report = publish(store, practitioner_id)
    except PlannerError as exc:
        return Published(arg(tr("Not published: %1"), said(exc)), failed=True)
    return Published(sentence(report.summary()))


# -- the group ----------------------------------------------------------------------------------


class CalendarGroup(QGroupBox):
    """The address, user name and password of a practitioner's calendar, and Publish now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Their calendar on a CalDAV server (optional)"), parent)
        form = QFormLayout(self)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText(tr("e.g. https://cal.example.com/dav/ingrid/work/"))
        self.url.setAccessibleName(tr("Calendar (CalDAV) address"))
        self.url.setToolTip(tr("Their sessions are published there; empty: not published"))
        self.user = QLineEdit(self)
        self.user.setAccessibleName(tr("Calendar user name"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(tr("Calendar password"))
        self.password.setToolTip(tr("Goes to the system keyring, never to the database"))
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.where.setStyleSheet(MUTED)
        for label, widget in (
            # The page's other letters are taken (the hours editor has most of them); Alt+U
            # is Saturday's too, and goes to each in turn.
            (tr("Calendar (CalDA&V) address:"), self.url),
            (tr("Calendar &user name:"), self.user),
            (tr("Calendar &password:"), self.password),
        ):
            buddy = QLabel(label, self)
            buddy.setBuddy(widget)
            form.addRow(buddy, widget)
        form.addRow("", self.where)
        row_widget = QWidget(self)
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 0, 0, 0)
        self.publish_button = QPushButton(tr("Pu&blish now"), row_widget)
        self.publish_button.setAutoDefault(False)
        self.publish_button.setToolTip(
            tr(
                "Put their sessions of the coming months on the calendar, fix what differs and "
                "remove what was cancelled (their own events stay)"
            )
        )
        self.report = QLabel(row_widget)
        self.report.setWordWrap(True)
        self.report.setAccessibleName(tr("What Publish now did"))
        row.addWidget(self.publish_button)
        row.addWidget(self.report, 1)
        form.addRow("", row_widget)
        self.url.textChanged.connect(self._update_button)

    def show_practitioner(self, p: PractitionerInfo | None) -> None:
        """Fill the group for ``p`` (None: a new practitioner, not saved yet)."""
        self.url.setText(p.caldav_url if p is not None else "")
        self.user.setText(p.caldav_user if p is not None else "")
        self.password.clear()
        self.say("")
        self.where.setText(
            ""
            if p is not None
            else tr("Save the new practitioner first, then give their calendar.")
        )
        for w in (self.url, self.user, self.password):
            w.setEnabled(p is not None)
        self._update_button()

    def _update_button(self, *_args: object) -> None:
        self.publish_button.setEnabled(self.url.isEnabled() and bool(self.url.text().strip()))

    def values(self) -> dict[str, str]:
        """``caldav_url``, ``caldav_user`` and ``password`` as typed; BadInput for a password
        the keyring could not file (no address, or no user name)."""
        url, user, password = (
            self.url.text().strip(),
            self.user.text().strip(),
            self.password.text(),
        )
        if password and not url:
            raise BadInput(tr("a calendar password needs the calendar's address; give the address"))
        if password and not user:
            raise BadInput(tr("give the calendar user name the password belongs to"))
        return {"caldav_url": url, "caldav_user": user, "password": password}

    def server(self) -> str:
        """The calendar server's host, as a line names it."""
        return urlsplit(self.url.text().strip()).hostname or tr("the calendar server")

    def say(self, text: str, *, warning: bool = False, ok: bool = False) -> None:
        self.report.setStyleSheet(WARN if warning else OK if ok else MUTED)
        self.report.setText(text)
