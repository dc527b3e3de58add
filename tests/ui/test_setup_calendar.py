"""The practitioners page's calendar: the CalDAV address and user name saved with the
practitioner and read back, the password to the keyring only, no keyring said calmly, a
refused address changing nothing, and Publish now against a real Radicale on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from planner.core.domain import Kind, Phase
from planner.core.timeutil import utcnow
from planner.db.store import Store
from planner.services.booking.plans import PlanRequest, book
from planner.services.caldav_sync import KEYRING_SERVICE
from planner.services.clinic_setup import PractitionerInfo, setup_overview
from planner.ui.dialogs import clinic_setup
from planner.ui.dialogs.clinic_setup import ClinicSetupDialog
from planner.ui.dialogs.setup_calendar import NO_KEYRING, PASSWORD_ENV
from planner.ui.dialogs.setup_staff import PractitionersPage
from planner.ui.worker import Worker
from tests.caldav_server import RadicaleServer
from tests.smtp_server import free_port

from ..conftest import Clinic
from .keyrings import MemoryKeyring, no_keyring, using

PASSWORD = "needles-and-pins"


@pytest.fixture(autouse=True)
def closing_discards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clinic_setup, "ask_unsaved", lambda parent, title: clinic_setup.DISCARD)


@pytest.fixture
def ring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    for name in (PASSWORD_ENV, f"{PASSWORD_ENV}_1", f"{PASSWORD_ENV}_2"):
        monkeypatch.delenv(name, raising=False)
    with using(MemoryKeyring()) as ring:
        assert isinstance(ring, MemoryKeyring)
        yield ring


@pytest.fixture
def worker(qapp: Any) -> Iterator[Worker]:
    w = Worker()
    yield w
    w.wait()


def staff_page(qtbot: QtBot, store: Store, worker: Worker, name: str) -> PractitionersPage:
    """The set-up open on the practitioners page, showing ``name``."""
    dlg = ClinicSetupDialog(store, worker, page="practitioners")
    qtbot.addWidget(dlg)
    dlg.show()
    wait(qtbot, dlg)
    page = dlg.practitioners_page
    row = next(i for i in range(page.list.count()) if page.list.item(i).text() == name)
    page.list.setCurrentRow(row)
    assert page.heading.text() == name
    wait(qtbot, dlg)
    return page


def wait(qtbot: QtBot, dlg: ClinicSetupDialog | PractitionersPage) -> None:
    host = dlg if isinstance(dlg, ClinicSetupDialog) else dlg.window()
    assert isinstance(host, ClinicSetupDialog)
    qtbot.waitUntil(lambda: not host.busy, timeout=15_000)


def save(qtbot: QtBot, page: PractitionersPage) -> None:
    QTest.keyClick(page.save_button, Qt.Key.Key_Space)
    wait(qtbot, page)


def info(store: Store, pid: int) -> PractitionerInfo:
    return next(p for p in setup_overview(store).practitioners if p.id == pid)


def stored_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def test_the_calendar_saves_and_reads_back_and_the_password_goes_to_the_keyring(
    qtbot: QtBot, oslo: Clinic, db_path: Path, worker: Worker, ring: MemoryKeyring
) -> None:
    page = staff_page(qtbot, oslo.store, worker, "Ingrid Berg")
    cal = page.calendar
    assert cal.url.text() == "" and not cal.publish_button.isEnabled()
    assert cal.password.echoMode() == cal.password.EchoMode.Password
    QTest.keyClicks(cal.url, "https://cal.example.com/dav/ingrid/work")
    QTest.keyClicks(cal.user, "ingrid")
    QTest.keyClicks(cal.password, PASSWORD)
    assert page.dirty and cal.publish_button.isEnabled()
    save(qtbot, page)
    assert page.status.text() == "Ingrid Berg is saved.", page.status.text()
    saved = info(oslo.store, oslo.practitioner)
    assert (saved.caldav_url, saved.caldav_user) == (
        "https://cal.example.com/dav/ingrid/work/",
        "ingrid",
    )
    key = (KEYRING_SERVICE, "ingrid@https://cal.example.com/dav/ingrid/work/")
    assert ring.saved == {key: PASSWORD}
    assert PASSWORD.encode() not in stored_bytes(db_path)
    # The form reads back what was saved; the password field is empty, its place named.
    assert cal.url.text() == "https://cal.example.com/dav/ingrid/work/"
    assert cal.user.text() == "ingrid" and cal.password.text() == "" and not page.dirty
    qtbot.waitUntil(lambda: "system keyring" in cal.where.text(), timeout=5_000)
    assert PASSWORD not in cal.where.text()
    # Another practitioner has none; back to Ingrid, hers again.
    page.list.setCurrentRow(1)
    assert page.heading.text() == "Per Lie" and cal.url.text() == "" and cal.user.text() == ""
    page.list.setCurrentRow(0)
    assert cal.url.text() == "https://cal.example.com/dav/ingrid/work/"
    # An empty address stops publishing.
    cal.url.clear()
    page.mark_dirty()
    save(qtbot, page)
    assert info(oslo.store, oslo.practitioner).caldav_url == ""


def test_without_a_keyring_the_page_says_so_and_the_rest_is_saved(
    qtbot: QtBot, oslo: Clinic, db_path: Path, worker: Worker, ring: MemoryKeyring
) -> None:
    page = staff_page(qtbot, oslo.store, worker, "Ingrid Berg")
    cal = page.calendar
    QTest.keyClicks(cal.url, "https://cal.example.com/dav/ingrid/work/")
    QTest.keyClicks(cal.user, "ingrid")
    QTest.keyClicks(cal.password, PASSWORD)
    with using(no_keyring()):
        save(qtbot, page)
        assert page.status.text() == f"Ingrid Berg is saved. {NO_KEYRING}"
        assert info(oslo.store, oslo.practitioner).caldav_user == "ingrid"
        assert ring.saved == {} and PASSWORD.encode() not in stored_bytes(db_path)
        qtbot.waitUntil(lambda: cal.where.text() == NO_KEYRING, timeout=5_000)


def test_the_password_from_the_environment_is_named(
    qtbot: QtBot, oslo: Clinic, worker: Worker, ring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.services.clinic_setup import edit_practitioner

    edit_practitioner(
        oslo.store, oslo.practitioner, caldav_url="https://cal.example.com/a/", caldav_user="i"
    )
    monkeypatch.setenv(f"{PASSWORD_ENV}_{oslo.practitioner}", PASSWORD)
    cal = staff_page(qtbot, oslo.store, worker, "Ingrid Berg").calendar
    qtbot.waitUntil(lambda: PASSWORD_ENV in cal.where.text(), timeout=5_000)
    assert PASSWORD not in cal.where.text()


def test_a_refused_address_changes_nothing(
    qtbot: QtBot, oslo: Clinic, worker: Worker, ring: MemoryKeyring
) -> None:
    before = info(oslo.store, oslo.practitioner)
    page = staff_page(qtbot, oslo.store, worker, "Ingrid Berg")
    cal = page.calendar
    page.phone.setText("+47 911 00 000")
    page.mark_dirty()
    QTest.keyClicks(cal.url, "ftp://cal.example.com/work/")
    QTest.keyClicks(cal.user, "ingrid")
    QTest.keyClicks(cal.password, PASSWORD)
    save(qtbot, page)
    assert "is not a calendar address" in page.status.text() and page.dirty
    assert info(oslo.store, oslo.practitioner) == before and ring.saved == {}
    assert cal.url.text() == "ftp://cal.example.com/work/"  # kept as typed
    cal.url.clear()  # a password with no address to keep it for: said before anything runs
    save(qtbot, page)
    assert "needs the calendar's address" in page.status.text()
    assert info(oslo.store, oslo.practitioner) == before


def test_a_new_practitioner_gets_a_calendar_once_saved(
    qtbot: QtBot, oslo: Clinic, worker: Worker, ring: MemoryKeyring
) -> None:
    page = staff_page(qtbot, oslo.store, worker, "Ingrid Berg")
    QTest.keyClick(page.new_button, Qt.Key.Key_Space)
    cal = page.calendar
    assert not cal.url.isEnabled() and not cal.publish_button.isEnabled()
    assert "Save the new practitioner first" in cal.where.text()


def server_events(server: RadicaleServer, url: str) -> list[Any]:
    """The events on the calendar, read back through the caldav library."""
    from caldav.collection import Calendar as DavCalendar

    with server.client("ingrid") as client:
        found = DavCalendar(client=client, url=url).get_events()
        assert isinstance(found, list)
        return found


def _book_weekly(c: Clinic, weeks: int) -> None:
    """A weekly plan for Kari with Ingrid, starting next month (within the published range)."""
    start = date.today() + timedelta(days=30)
    start += timedelta(days=(7 - start.weekday()) % 7)  # a Monday
    req = PlanRequest(
        patient_id=c.kari,
        practitioner_id=c.practitioner,
        start=f"{start:%Y-%m-%d} 10:00",
        phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=weeks),),
        modality="acupuncture",
        room_id=c.room,
    )
    book(c.store, req, now=utcnow())


def test_publish_now_puts_the_sessions_on_a_real_caldav_server(
    qtbot: QtBot,
    oslo: Clinic,
    worker: Worker,
    ring: MemoryKeyring,
    caldav_server: RadicaleServer,
) -> None:
    _book_weekly(oslo, 4)
    url = caldav_server.calendar_url("ingrid", "work")
    page = staff_page(qtbot, oslo.store, worker, "Ingrid Berg")
    cal = page.calendar
    QTest.keyClicks(cal.url, url)
    QTest.keyClicks(cal.user, "ingrid")
    QTest.keyClicks(cal.password, caldav_server.users["ingrid"])
    QTest.keyClick(cal.publish_button, Qt.Key.Key_Space)  # saves what is typed first
    qtbot.waitUntil(lambda: not page.publishing and "added" in cal.report.text(), timeout=30_000)
    assert cal.report.text() == (
        "Published Ingrid Berg's calendar: 4 added, 0 updated, 0 removed, 0 unchanged."
    )
    assert len(server_events(caldav_server, url)) == 4
    assert info(oslo.store, oslo.practitioner).caldav_url == url and not page.dirty
    QTest.keyClick(cal.publish_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "4 unchanged" in cal.report.text(), timeout=30_000)
    assert cal.report.text().startswith("Published Ingrid Berg's calendar: 0 added")
    # A wrong password: one line, and nothing more on the server.
    ring.saved.clear()
    QTest.keyClicks(cal.password, "not-her-password")
    QTest.keyClick(cal.publish_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: cal.report.text().startswith("Not published"), timeout=30_000)
    assert "refused the user name or password" in cal.report.text()
    assert "not-her-password" not in cal.report.text() and "\n" not in cal.report.text()


def test_publish_now_to_a_server_that_is_down_says_so_in_one_line(
    qtbot: QtBot, oslo: Clinic, worker: Worker, ring: MemoryKeyring
) -> None:
    _book_weekly(oslo, 2)
    page = staff_page(qtbot, oslo.store, worker, "Ingrid Berg")
    cal = page.calendar
    port = free_port()  # nothing listens there
    QTest.keyClicks(cal.url, f"http://127.0.0.1:{port}/dav/ingrid/work/")
    QTest.keyClicks(cal.user, "ingrid")
    save(qtbot, page)
    QTest.keyClick(cal.publish_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not page.publishing and bool(cal.report.text()), timeout=30_000)
    line = cal.report.text()
    assert line.startswith("Not published: the calendar server at 127.0.0.1:") and "\n" not in line
    assert "did not answer" in line
    assert cal.publish_button.isEnabled()


def test_the_calendar_group_is_walked_by_keyboard(
    qtbot: QtBot, oslo: Clinic, worker: Worker, ring: MemoryKeyring
) -> None:
    from .helpers import wait_active

    page = staff_page(qtbot, oslo.store, worker, "Ingrid Berg")
    cal = page.calendar
    wait_active(qtbot, page)
    QTest.keyClick(page.window(), Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # CalDA&V
    qtbot.waitUntil(cal.url.hasFocus, timeout=2_000)
    QTest.keyClicks(cal.url, "https://cal.example.com/dav/ingrid/work/")
    walked = []
    for _ in range(4):
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        walked.append(focused())
    assert walked == [cal.user, cal.password, cal.publish_button, page.save_button]
    QTest.keyClick(page.window(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(cal.password.hasFocus, timeout=2_000)


def focused() -> QWidget:
    """The widget with the keyboard focus (there is one while a test types)."""
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget
