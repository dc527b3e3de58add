"""The clinic's set-up in the window: typed by keyboard, saved on the worker, refusals inline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from planner.db.store import Store
from planner.errors import BadInput
from planner.services.clinic_settings import clinic_details
from planner.services.clinic_setup import closure_hits, setup_overview
from planner.ui.dialogs import clinic_setup
from planner.ui.dialogs.clinic_setup import ClinicSetupDialog
from planner.ui.dialogs.setup_base import SetupPage
from planner.ui.widgets.date_field import parse_day
from planner.ui.widgets.hours_editor import HoursEditor
from planner.ui.worker import Worker


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(str(tmp_path / "new.db"), create=True)
    yield store
    store.close()


@pytest.fixture(autouse=True)
def closing_discards(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that leaves a page unsaved: closing the dialog at the end discards it (tests
    that answer the question themselves replace this)."""
    monkeypatch.setattr(clinic_setup, "ask_unsaved", lambda parent, title: clinic_setup.DISCARD)


def open_dialog(qtbot: QtBot, store: Store, **kw: object) -> ClinicSetupDialog:
    worker = Worker()
    dlg = ClinicSetupDialog(store, worker, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dlg)
    dlg.show()
    wait(qtbot, dlg)
    return dlg


def wait(qtbot: QtBot, dlg: ClinicSetupDialog) -> None:
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)


def press(
    qtbot: QtBot,
    widget: QWidget,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(widget, key, modifier)  # type: ignore[no-untyped-call]


def shown(dlg: ClinicSetupDialog) -> SetupPage:
    """The page the dialog shows (a function, so that checks of it are not narrowed)."""
    return dlg.current


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    press(qtbot, edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)  # type: ignore[no-untyped-call]


def type_hours(qtbot: QtBot, editor: HoursEditor, rows: dict[int, tuple[str, str]]) -> None:
    """Type each weekday's spans (digits only: the mask puts in the separators)."""
    for day in range(7):
        first, second = rows.get(day, ("", ""))
        for edit, text in ((editor.first[day], first), (editor.second[day], second)):
            edit.setFocus()
            edit.selectAll()
            press(qtbot, edit, Qt.Key.Key_Backspace)
            qtbot.keyClicks(edit, text.replace(":", "").replace("-", ""))  # type: ignore[no-untyped-call]


# -- the hours editor ---------------------------------------------------------------------------


def test_hours_editor_reads_and_writes_the_weekly_hours_text(qtbot: QtBot) -> None:
    editor = HoursEditor()
    qtbot.addWidget(editor)
    editor.set_hours_text("mon-fri 08:00-12:00 13:00-18:00; sat 09:00-13:00")
    assert editor.first[0].text() == "08:00-12:00" and editor.second[0].text() == "13:00-18:00"
    assert editor.notes[6].text() == "closed"
    assert editor.hours_text() == "mon-fri 08:00-12:00 13:00-18:00; sat 09:00-13:00"
    type_hours(qtbot, editor, {0: ("0730-1500", ""), 6: ("1000-1400", "")})
    assert editor.hours_text() == "mon 07:30-15:00; sun 10:00-14:00"
    editor.copy_monday()
    assert editor.hours_text() == "mon-fri 07:30-15:00; sun 10:00-14:00"
    editor.clear()
    assert editor.hours_text() == ""


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("2500-2600", "", "Wednesday: '25:00' is not a time of day"),
        ("12", "", "Wednesday: finish the first span as 08:00-16:00, or empty it"),
        ("1000-0900", "", "Wednesday: 10:00-09:00 ends before it starts"),
        ("0800-1200", "1100-1400", "Wednesday: 08:00-12:00 and 11:00-14:00 overlap"),
    ],
)
def test_hours_editor_never_rolls_a_time_over(
    qtbot: QtBot, first: str, second: str, message: str
) -> None:
    editor = HoursEditor()
    qtbot.addWidget(editor)
    type_hours(qtbot, editor, {2: (first, second)})
    assert editor.first_problem() == (2, message)


def test_dates_are_read_as_typed_never_corrected() -> None:
    assert parse_day("24.12.2027") == date(2027, 12, 24)
    assert parse_day("3.1.2028") == date(2028, 1, 3)
    assert parse_day("2028-01-03") == date(2028, 1, 3)
    for bad in ("30.02.2027", "24/12", "tomorrow", ""):
        with pytest.raises(BadInput, match=r"dd\.mm\.yyyy|is not a date"):
            parse_day(bad)


# -- a clinic set up by typing --------------------------------------------------------------------


def test_a_clinic_is_set_up_by_typing(qtbot: QtBot, empty_store: Store) -> None:
    changed: list[bool] = []
    dlg = open_dialog(qtbot, empty_store)
    dlg.sig_changed.connect(lambda: changed.append(True))
    # The clinic.
    page = dlg.clinic_page
    type_into(qtbot, page.name, "Fjord Needling & Physio")
    type_into(qtbot, page.phone, "+47 22 33 44 55")
    type_into(qtbot, page.email, "post@fjordphysio.no")
    type_into(qtbot, page.address, "Storgata 1, 0155 Oslo")
    assert page.dirty
    press(qtbot, page.save_button, Qt.Key.Key_Space)
    wait(qtbot, dlg)
    assert not page.dirty and changed
    assert clinic_details(empty_store).name == "Fjord Needling & Physio"
    assert clinic_details(empty_store).address == "Storgata 1, 0155 Oslo"

    # One Oslo location with hours.
    press(qtbot, dlg, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    loc = dlg.locations_page
    assert shown(dlg) is loc
    type_into(qtbot, loc.name, "Oslo sentrum")
    type_into(qtbot, loc.address, "Storgata 1")
    zone_edit = loc.zone.lineEdit()
    assert zone_edit is not None
    type_into(qtbot, zone_edit, "Europe/Oslo")
    country_edit = loc.country.lineEdit()
    assert country_edit is not None
    loc.country.setCurrentIndex(loc.country.findData("NO"))
    assert loc.subdivision.isEnabled()
    loc.subdivision.setCurrentIndex(loc.subdivision.findData("03"))
    type_hours(qtbot, loc.hours, {d: ("0800-1800", "") for d in range(5)} | {5: ("0900-1300", "")})
    press(qtbot, loc.save_button, Qt.Key.Key_Space)
    wait(qtbot, dlg)
    assert "is added" in loc.status.text(), loc.status.text()
    (oslo,) = setup_overview(empty_store).locations
    assert (oslo.name, oslo.tz, oslo.country, oslo.subdivision) == (
        "Oslo sentrum",
        "Europe/Oslo",
        "NO",
        "03",
    )
    assert oslo.hours == "mon-fri 08:00-18:00; sat 09:00-13:00"
    assert loc.editing == oslo.id and loc.list.count() == 1

    # Two practitioners, the second with a day off and a shorter Friday.
    press(qtbot, dlg, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    staff = dlg.practitioners_page
    assert shown(dlg) is staff and staff.editing is None
    assert staff.places[0].works.isChecked()  # the first location, its opening hours
    type_into(qtbot, staff.name, "Ingrid Hansen")
    staff.profession.setCurrentIndex(staff.profession.findData("acupuncturist"))
    assert staff.may_needle.isChecked()
    type_into(qtbot, staff.email, "ingrid@fjordphysio.no")
    type_hours(qtbot, staff.places[0].hours, {d: ("0800-1600", "") for d in range(5)})
    press(qtbot, staff.save_button, Qt.Key.Key_Space)
    wait(qtbot, dlg)
    assert "Ingrid Hansen is added" in staff.status.text(), staff.status.text()
    press(qtbot, staff.new_button, Qt.Key.Key_Space)
    type_into(qtbot, staff.name, "Per Olsen")
    staff.profession.setCurrentIndex(staff.profession.findData("physiotherapist"))
    assert not staff.may_needle.isChecked()
    type_hours(
        qtbot,
        staff.places[0].hours,
        {0: ("0900-1200", "1300-1700"), 1: ("0900-1700", ""), 4: ("0900-1300", "")},
    )
    press(qtbot, staff.save_button, Qt.Key.Key_Space)
    wait(qtbot, dlg)
    ov = setup_overview(empty_store)
    assert [p.name for p in ov.practitioners] == ["Ingrid Hansen", "Per Olsen"]
    ingrid, per = ov.practitioners
    assert ingrid.may_needle and ingrid.email == "ingrid@fjordphysio.no"
    assert ingrid.workplaces[0].hours == "mon-fri 08:00-16:00"
    assert (
        per.workplaces[0].hours == "mon 09:00-12:00 13:00-17:00; tue 09:00-17:00; fri 09:00-13:00"
    )

    # Two rooms, added by typing their names and pressing Enter.
    press(qtbot, dlg, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    rooms = dlg.rooms_page
    for name in ("Room 1", "Room 2"):
        type_into(qtbot, rooms.name, name)
        press(qtbot, rooms.name, Qt.Key.Key_Return)
        wait(qtbot, dlg)
    assert [r.name for r in setup_overview(empty_store).locations[0].rooms] == ["Room 1", "Room 2"]
    assert rooms.list.count() == 2 and dlg.isVisible()
    # Rename the second one.
    rooms.list.setCurrentRow(1)
    type_into(qtbot, rooms.name, "Laser room")
    press(qtbot, rooms.rename_button, Qt.Key.Key_Space)
    wait(qtbot, dlg)
    assert [r.name for r in setup_overview(empty_store).locations[0].rooms] == [
        "Room 1",
        "Laser room",
    ]


def test_hours_outside_the_opening_hours_are_refused_and_the_form_kept(
    qtbot: QtBot, empty_store: Store
) -> None:
    from planner.services.clinic import add_location

    add_location(empty_store, "Oslo sentrum", "Europe/Oslo", hours="mon-fri 08:00-16:00")
    dlg = open_dialog(qtbot, empty_store, page="practitioners")
    staff = dlg.practitioners_page
    type_into(qtbot, staff.name, "Kari Nordmann")
    type_into(qtbot, staff.phone, "+47 900 11 222")
    type_hours(qtbot, staff.places[0].hours, {1: ("0700-1500", "")})
    press(qtbot, staff.save_button, Qt.Key.Key_Space)
    wait(qtbot, dlg)
    message = staff.status.text()
    assert "Tuesday 07:00-15:00 starts before Oslo sentrum opens (08:00)" in message, message
    assert message[0].isupper() and "\n" not in message
    # Nothing was saved, and everything typed is still there.
    assert setup_overview(empty_store).practitioners == ()
    assert staff.dirty and staff.name.text() == "Kari Nordmann"
    assert staff.phone.text() == "+47 900 11 222"
    assert staff.places[0].hours.first[1].text() == "07:00-15:00"
    # Fixing the hours saves it.
    type_hours(qtbot, staff.places[0].hours, {1: ("0800-1500", "")})
    press(qtbot, staff.save_button, Qt.Key.Key_Space)
    wait(qtbot, dlg)
    (kari,) = setup_overview(empty_store).practitioners
    assert kari.workplaces[0].hours == "tue 08:00-15:00" and not staff.dirty


def test_a_zone_that_does_not_exist_is_refused_inline(qtbot: QtBot, empty_store: Store) -> None:
    dlg = open_dialog(qtbot, empty_store, page="locations")
    loc = dlg.locations_page
    type_into(qtbot, loc.name, "Bergen")
    zone_edit = loc.zone.lineEdit()
    assert zone_edit is not None
    type_into(qtbot, zone_edit, "Europe/Bergn")
    press(qtbot, loc.save_button, Qt.Key.Key_Space)
    wait(qtbot, dlg)
    assert "Unknown time zone 'Europe/Bergn'" in loc.status.text(), loc.status.text()
    assert setup_overview(empty_store).locations == () and loc.name.text() == "Bergen"


def test_unsaved_changes_ask_before_switching_pages(
    qtbot: QtBot, empty_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = ["cancel", "discard", "save"]
    asked: list[str] = []

    def ask(parent: object, title: str) -> str | None:
        asked.append(title)
        answer = answers.pop(0)
        return None if answer == "cancel" else answer

    monkeypatch.setattr(clinic_setup, "ask_unsaved", ask)
    dlg = open_dialog(qtbot, empty_store)
    page = dlg.clinic_page
    type_into(qtbot, page.name, "Typed but not saved")
    dlg.nav.setCurrentRow(1)  # Cancel: stay, keep the text
    assert shown(dlg) is page and page.name.text() == "Typed but not saved"
    assert dlg.nav.currentRow() == 0
    dlg.nav.setCurrentRow(1)  # Discard: go on, the saved (empty) name comes back
    assert shown(dlg) is dlg.locations_page and page.name.text() == "" and not page.dirty
    dlg.show_page("clinic")
    type_into(qtbot, page.name, "Fjord Physio")
    dlg.show_page("closures")  # Save: saved on the worker, then the page changes
    wait(qtbot, dlg)
    assert shown(dlg) is dlg.closures_page
    assert clinic_details(empty_store).name == "Fjord Physio"
    assert asked == ["Clinic", "Clinic", "Clinic"]


def test_closing_with_unsaved_changes_asks(
    qtbot: QtBot, empty_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clinic_setup, "ask_unsaved", lambda parent, title: None)
    dlg = open_dialog(qtbot, empty_store)
    type_into(qtbot, dlg.clinic_page.phone, "+47 22 00 00 00")
    press(qtbot, dlg, Qt.Key.Key_Escape)
    assert dlg.isVisible() and dlg.clinic_page.phone.text() == "+47 22 00 00 00"
    monkeypatch.setattr(clinic_setup, "ask_unsaved", lambda parent, title: "discard")
    dlg.close()
    assert not dlg.isVisible()
    assert clinic_details(empty_store).phone == ""


# -- closures -----------------------------------------------------------------------------------


def _busy_day(store: Store, location_id: int) -> date:
    """A weekday next week with booked sessions at the location (the demo is full then)."""
    from planner.services.schedule.week import load_range

    from .conftest import DEMO_TODAY

    first = DEMO_TODAY + timedelta(days=7 - DEMO_TODAY.weekday())
    data = load_range(store, location_id, first, 7)
    counts: dict[date, int] = {}
    for b in data.blocks:
        if b.status == "booked":
            counts[b.start.date()] = counts.get(b.start.date(), 0) + 1
    return max(counts, key=lambda d: counts[d])


def test_a_closure_lists_the_sessions_it_hits_and_opens_them(
    qtbot: QtBot, demo_store: Store
) -> None:
    dlg = open_dialog(qtbot, demo_store, page="closures")
    page = dlg.closures_page
    lid = page.location_id()
    assert lid is not None
    day = _busy_day(demo_store, lid)
    type_into(qtbot, page.first.edit, f"{day:%d.%m.%Y}")
    type_into(qtbot, page.reason, "Burst pipe")
    press(qtbot, page.add_button, Qt.Key.Key_Space)
    wait(qtbot, dlg)
    closure = next(c for c in setup_overview(demo_store).closures if c.reason == "Burst pipe")
    assert closure.first == closure.last == day and closure.hits > 0
    assert f"It hits {closure.hits} booked session" in page.status.text(), page.status.text()
    qtbot.waitUntil(lambda: page.hits.rowCount() == closure.hits, timeout=10_000)
    hits = closure_hits(demo_store, closure.id)
    when, patient = page.hits.item(0, 0), page.hits.item(0, 1)
    assert patient is not None and patient.text() == hits[0].patient
    assert when is not None and when.text() == f"{hits[0].start_local:%a %d.%m.%Y %H:%M}"
    opened: list[int] = []
    dlg.sig_open_session.connect(opened.append)
    button = page.hits.cellWidget(0, 4)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]
    assert opened == [hits[0].appointment_id]
    # Removing it opens the location again.
    press(qtbot, page.remove_button, Qt.Key.Key_Space)
    wait(qtbot, dlg)
    assert all(c.reason != "Burst pipe" for c in setup_overview(demo_store).closures)


def test_a_closure_date_that_cannot_be_read_is_refused_inline(
    qtbot: QtBot, demo_store: Store
) -> None:
    dlg = open_dialog(qtbot, demo_store, page="closures")
    page = dlg.closures_page
    before = setup_overview(demo_store).closures
    type_into(qtbot, page.first.edit, "31.02.2027")
    press(qtbot, page.add_button, Qt.Key.Key_Space)
    assert "'31.02.2027' is not a date: February 2027 has 28 days" in page.status.text()
    type_into(qtbot, page.first.edit, "10.03.2027")
    type_into(qtbot, page.last.edit, "01.03.2027")
    press(qtbot, page.add_button, Qt.Key.Key_Space)
    wait(qtbot, dlg)
    assert "ends before it starts" in page.status.text(), page.status.text()
    assert setup_overview(demo_store).closures == before


# -- several desks ------------------------------------------------------------------------------


def test_a_location_changed_at_another_desk_meanwhile_is_not_overwritten(
    qtbot: QtBot, empty_store: Store, tmp_path: Path
) -> None:
    from planner.services import clinic
    from planner.services.clinic_setup import edit_location

    loc = clinic.add_location(empty_store, "Oslo sentrum", "Europe/Oslo", country="NO")
    dlg = open_dialog(qtbot, empty_store)
    dlg.show_page("locations")
    page = dlg.locations_page
    assert page.editing == loc.id
    # another desk (its own connection) changes the phone number while this form is open
    other = Store(str(empty_store.path))
    try:
        edit_location(other, loc.id, phone="+47 22 00 00 99")
    finally:
        other.close()
    type_into(qtbot, page.address, "Storgata 1, 0155 Oslo")
    page.save()
    qtbot.waitUntil(lambda: "changed at another desk" in page.status.text(), timeout=10_000)
    wait(qtbot, dlg)
    assert "look again" in page.status.text()
    (now,) = setup_overview(empty_store).locations
    assert (now.phone, now.address) == ("+47 22 00 00 99", "")  # nothing overwritten
    assert page.address.text() == "Storgata 1, 0155 Oslo"  # and nothing typed lost
    # saved again, knowingly, from the location as it is now
    page.save()
    qtbot.waitUntil(lambda: setup_overview(empty_store).locations[0].address != "", timeout=10_000)
    wait(qtbot, dlg)
    (now,) = setup_overview(empty_store).locations
    assert now.address == "Storgata 1, 0155 Oslo"
