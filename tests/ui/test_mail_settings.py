"""Settings' E-mail invitations tab: each field saved to the database and read back, the
password to the keyring only (never the database file, never QSettings), no keyring said
calmly, a refused value changing nothing, a real test message on a loopback SMTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from planner.db.store import Store
from planner.services.clinic_settings import get_settings, set_clinic_details
from planner.services.mail_settings import (
    KEYRING_SERVICE,
    PASSWORD_ENV,
    MailSettings,
    Security,
    mail_settings,
)
from planner.ui.dialogs import mail_settings_page, prompts
from planner.ui.dialogs.mail_settings_page import no_keyring_text
from planner.ui.dialogs.settings_dialog import SettingsDialog
from planner.ui.settings import AppSettings, Preferences
from planner.ui.worker import Worker
from tests.smtp_server import SmtpServer, free_port

from .keyrings import MemoryKeyring, no_keyring, using

PASSWORD = "Tr0ub4dor&3-fjord"


@pytest.fixture
def worker(qapp: Any) -> Iterator[Worker]:
    w = Worker()
    yield w
    w.wait()


@pytest.fixture
def clinic_store(store: Store) -> Store:
    set_clinic_details(store, name="Fjord Physio", email="post@fjordphysio.example")
    return store


@pytest.fixture
def ring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    with using(MemoryKeyring()) as ring:
        assert isinstance(ring, MemoryKeyring)
        yield ring


def open_settings(qtbot: QtBot, store: Store | None, worker: Worker) -> SettingsDialog:
    dlg = SettingsDialog(Preferences(), "", store, worker)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
    return dlg


def wait_saved(qtbot: QtBot, dlg: SettingsDialog) -> None:
    qtbot.waitUntil(lambda: not dlg.busy, timeout=15_000)


def fill(dlg: SettingsDialog, **values: Any) -> None:
    page = dlg.mail_page
    dlg.tabs.setCurrentWidget(page)
    edits = {"host": page.host, "port": page.port, "user": page.user}
    edits |= {"password": page.password, "sender": page.from_address}
    for key, value in values.items():
        if key == "security":
            page.security.setCurrentIndex(page.security.findData(value))
        elif key == "grace":
            page.grace.setValue(value)
        else:
            edits[key].setText(value)


def stored_bytes(path: Path) -> bytes:
    """The database file and its write-ahead log, as they are on disk."""
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_each_field_saves_and_reads_back_and_the_password_goes_to_the_keyring_only(
    qtbot: QtBot,
    clinic_store: Store,
    db_path: Path,
    worker: Worker,
    ring: MemoryKeyring,
    tmp_path: Path,
) -> None:
    dlg = open_settings(qtbot, clinic_store, worker)
    page = dlg.mail_page
    assert page.host.text() == "" and page.password_where.text() == "Password: not set."
    assert page.password.echoMode() == page.password.EchoMode.Password
    fill(dlg, host="smtp.fjordphysio.example", port="2525", security="starttls", user="desk")
    fill(dlg, password=PASSWORD, sender="", grace=5)
    with qtbot.waitSignal(dlg.accepted, timeout=15_000):  # closes once saved on the worker
        dlg.accept()
    assert mail_settings(clinic_store) == MailSettings(
        host="smtp.fjordphysio.example",
        port=2525,
        security=Security.STARTTLS,
        user="desk",
        from_address="post@fjordphysio.example",  # blank: the clinic's e-mail
        from_name="Fjord Physio",
        grace_seconds=300,
    )
    assert ring.saved == {(KEYRING_SERVICE, "desk@smtp.fjordphysio.example"): PASSWORD}
    assert PASSWORD.encode() not in stored_bytes(db_path)
    assert not [v for v in get_settings(clinic_store).values() if PASSWORD in v]
    # This computer's settings, as the window saves them after Settings: no password there.
    prefs = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    prefs.save_preferences(dlg.value())
    prefs.q.sync()
    assert PASSWORD.encode() not in (tmp_path / "s.ini").read_bytes()

    dlg2 = open_settings(qtbot, clinic_store, worker)
    again = dlg2.mail_page
    assert (again.host.text(), again.port.text(), again.user.text()) == (
        "smtp.fjordphysio.example",
        "2525",
        "desk",
    )
    assert again.security.currentData() == "starttls" and again.grace.value() == 5
    assert again.from_address.text() == "" and again.password.text() == ""
    assert "system keyring" in again.password_where.text() and PASSWORD not in (
        again.password_where.text() + again.password.placeholderText()
    )
    # The usual port is shown as blank (and follows the security); a sender of its own stays.
    fill(dlg2, port="", security="tls", sender="booking@fjordphysio.example")
    assert again.port.placeholderText().startswith("465")
    with qtbot.waitSignal(dlg2.accepted, timeout=15_000):
        dlg2.accept()
    ms = mail_settings(clinic_store)
    assert ms is not None and (ms.port, ms.security) == (465, Security.TLS)
    assert ms.from_address == "booking@fjordphysio.example"
    third = open_settings(qtbot, clinic_store, worker).mail_page
    assert third.port.text() == "" and third.from_address.text() == "booking@fjordphysio.example"
    assert not third.dirty


def test_the_password_from_the_environment_is_said_and_not_shown(
    qtbot: QtBot,
    clinic_store: Store,
    worker: Worker,
    ring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from planner.services.mail_settings import save_mail_settings

    save_mail_settings(
        clinic_store, host="smtp.x.example", port=None, security="tls", user="u", from_address=None
    )
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    page = open_settings(qtbot, clinic_store, worker).mail_page
    assert PASSWORD_ENV in page.password_where.text()
    assert page.password.text() == "" and PASSWORD not in page.password_where.text()


def test_without_a_keyring_the_tab_says_so_calmly_and_the_rest_is_saved(
    qtbot: QtBot, clinic_store: Store, db_path: Path, worker: Worker, ring: MemoryKeyring
) -> None:
    with using(no_keyring()):
        dlg = open_settings(qtbot, clinic_store, worker)
        page = dlg.mail_page
        assert page.password_where.text() == no_keyring_text()
        assert not page.password.isEnabled()
        dlg.reject()
    # A keyring when the tab opened, none any more when Save is pressed (locked, gone).
    dlg = open_settings(qtbot, clinic_store, worker)
    page = dlg.mail_page
    assert page.password.isEnabled()
    fill(dlg, host="smtp.fjordphysio.example", security="tls", user="desk", password=PASSWORD)
    with using(no_keyring()):
        dlg.accept()
        wait_saved(qtbot, dlg)
    assert dlg.isVisible(), "the dialog stays open to say it"
    assert page.status.text() == f"Saved. {no_keyring_text()}" and page.status.isVisible()
    ms = mail_settings(clinic_store)
    assert ms is not None and (ms.host, ms.user) == ("smtp.fjordphysio.example", "desk")
    assert ring.saved == {} and PASSWORD.encode() not in stored_bytes(db_path)
    assert page.password.text() == "" and not page.dirty
    with qtbot.waitSignal(dlg.accepted, timeout=5_000):  # nothing more to save: Save closes
        dlg.accept()


def test_a_refused_value_is_said_next_to_the_group_and_changes_nothing(
    qtbot: QtBot, clinic_store: Store, worker: Worker, ring: MemoryKeyring
) -> None:
    dlg = open_settings(qtbot, clinic_store, worker)
    dlg.clinic_name.setText("A new name, typed at the same time")
    fill(dlg, host="smtp fjord", user="desk", password=PASSWORD)
    dlg.accept()
    wait_saved(qtbot, dlg)
    page = dlg.mail_page
    assert dlg.isVisible() and dlg.tabs.currentWidget() is page
    assert page.status.text().startswith("Not saved: 'smtp fjord' is not a host name")
    assert "\n" not in page.status.text()
    assert mail_settings(clinic_store) is None and ring.saved == {}
    assert get_settings(clinic_store)["clinic_name"] == "Fjord Physio"  # nothing at all
    assert page.test_button.isEnabled() and not page.off_button.isEnabled()  # nothing to turn off
    assert page.host.hasFocus() or not dlg.isActiveWindow()
    # Checked in the window before anything runs: a password without a login, no sender.
    fill(dlg, host="smtp.fjord.example", user="")
    dlg.accept()
    assert "needs the user name" in page.status.text() and not dlg.busy
    fill(dlg, password="")
    dlg.clinic_email.setText("")
    dlg.accept()
    assert "no sender address" in page.status.text() and "--from" not in page.status.text()
    assert mail_settings(clinic_store) is None
    assert get_settings(clinic_store)["clinic_email"] == "post@fjordphysio.example"


def test_the_sender_can_be_the_clinic_e_mail_typed_in_the_same_save(
    qtbot: QtBot, store: Store, worker: Worker, ring: MemoryKeyring
) -> None:
    dlg = open_settings(qtbot, store, worker)  # a clinic with no e-mail yet
    dlg.clinic_email.setText("post@new-clinic.example")
    fill(dlg, host="smtp.new-clinic.example", security="none")
    with qtbot.waitSignal(dlg.accepted, timeout=15_000):
        dlg.accept()
    ms = mail_settings(store)
    assert ms is not None and ms.from_address == "post@new-clinic.example" and ms.port == 25


def test_a_test_message_reaches_a_real_server_and_a_failure_is_one_line(
    qtbot: QtBot,
    clinic_store: Store,
    worker: Worker,
    ring: MemoryKeyring,
    smtp_server: SmtpServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def answer(parent: object, prefill: str) -> str:
        asked.append(prefill)
        return "kari@example.no"

    monkeypatch.setattr(mail_settings_page, "ask_test_address", answer)
    dlg = open_settings(qtbot, clinic_store, worker)
    page = dlg.mail_page
    fill(dlg, host=smtp_server.host, port=str(smtp_server.port), security="none")
    page.test_button.click()
    wait_saved(qtbot, dlg)
    assert asked == ["post@fjordphysio.example"], "the clinic's e-mail to start with"
    assert dlg.isVisible()
    (msg,) = smtp_server.messages
    assert msg["To"] == "kari@example.no" and "post@fjordphysio.example" in msg["From"]
    assert page.status.text() == (
        f"A test message was sent to kari@example.no through {smtp_server.host}:{smtp_server.port}."
    )
    ms = mail_settings(clinic_store)  # what the test used is saved
    assert ms is not None and ms.port == smtp_server.port and not page.dirty

    closed = free_port()  # nothing listens there: the server is "down"
    fill(dlg, port=str(closed))
    page.test_button.click()
    wait_saved(qtbot, dlg)
    line = page.status.text()
    assert "no test message was sent" in line and "\n" not in line, line
    assert "stays queued" not in line and len(smtp_server.messages) == 1


def test_turn_off_forgets_the_server_after_asking(
    qtbot: QtBot,
    clinic_store: Store,
    worker: Worker,
    ring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from planner.services.mail_settings import save_mail_settings

    save_mail_settings(
        clinic_store, host="smtp.x.example", port=None, security="tls", user="", from_address=None
    )
    answers = iter([False, True])
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: next(answers))
    dlg = open_settings(qtbot, clinic_store, worker)
    page = dlg.mail_page
    assert page.off_button.isEnabled() and page.host.text() == "smtp.x.example"
    page.off_button.click()  # "Cancel"
    assert mail_settings(clinic_store) is not None and not dlg.busy
    page.off_button.click()
    wait_saved(qtbot, dlg)
    assert mail_settings(clinic_store) is None
    assert page.host.text() == "" and not page.off_button.isEnabled()
    assert "E-mail is off" in page.status.text()
    assert dlg.result() != QDialog.DialogCode.Accepted and dlg.isVisible()


def test_without_a_database_the_tab_cannot_be_used(qtbot: QtBot, worker: Worker) -> None:
    dlg = open_settings(qtbot, None, worker)
    page = dlg.mail_page
    assert not page.host.isEnabled() and not page.test_button.isEnabled()
    assert "once the database is open" in page.status.text()


def test_the_tab_is_reached_and_walked_by_keyboard(
    qtbot: QtBot, clinic_store: Store, worker: Worker, ring: MemoryKeyring
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from planner.services.mail_settings import save_mail_settings

    from .helpers import wait_active

    save_mail_settings(
        clinic_store, host="smtp.x.example", port=None, security="tls", user="", from_address=None
    )
    dlg = open_settings(qtbot, clinic_store, worker)
    page = dlg.mail_page
    wait_active(qtbot, dlg)
    QTest.keyClick(dlg, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # E-mail &invitations
    qtbot.waitUntil(lambda: dlg.tabs.currentWidget() is page, timeout=2_000)
    QTest.keyClick(dlg, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # Mail ser&ver
    qtbot.waitUntil(page.host.hasFocus, timeout=2_000)
    walked = []
    for _ in range(8):
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        walked.append(focused())
    assert walked == [
        page.port,
        page.security,
        page.user,
        page.password,
        page.from_address,
        page.grace,
        page.test_button,
        page.off_button,
    ]
    QTest.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=2_000)


def focused() -> QWidget:
    """The widget with the keyboard focus (there is one while a test types)."""
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget
