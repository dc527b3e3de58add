"""A whole front-desk day in the window, on a fresh database, without the command line.

Issue 9's "done when": set up a clinic (name, one Oslo location with hours, two
practitioners, two rooms), register a new patient with a date of birth and an anticoagulants
flag, book the fibromyalgia template by double-clicking Tuesday 10:00 two weeks ahead in a
practitioner's column, register a second patient and book a single 45-minute assessment for
them, and print the practitioner's day list to PDF. Dates are relative to today.

With ``PLANNER_SHOTS=DIR`` in the environment each step's window is saved there as a PNG
(the note's screenshots come from running this test under a virtual display).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from planner.core.domain import ScreeningFlag
from planner.core.timeutil import utcnow
from planner.db.store import Store
from planner.services.clinic_setup import setup_overview
from planner.services.schedule.patients import search_patients
from planner.services.schedule.week import clinic_directory, load_range
from planner.ui import first_run
from planner.ui.dialogs import clinic_setup, patient_dialog, prompts
from planner.ui.geometry import fit_to_screen
from planner.ui.widgets.hours_editor import HoursEditor

from .helpers import wait_active

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Store]:
    store = Store(str(tmp_path / "clinic.db"), create=True)
    yield store
    store.close()


def shot(widget: QWidget, name: str) -> None:
    """Save what the screen shows (offscreen: the widget's window), when asked for."""
    folder = os.environ.get("PLANNER_SHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    screen = QGuiApplication.primaryScreen()
    if QGuiApplication.platformName() == "xcb" and screen is not None:
        QTest.qWait(300)  # let the window system draw what was just shown
        image = screen.grabWindow(0)
    else:
        image = widget.window().grab()
    image.save(str(Path(folder) / f"{name}.png"))


def type_into(edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClicks(edit, text)


def type_hours(editor: HoursEditor, rows: dict[int, str]) -> None:
    """Type each weekday's first span as digits (the mask puts in the separators)."""
    for day in range(7):
        for i, edit in enumerate((editor.first[day], editor.second[day])):
            edit.setFocus()
            edit.selectAll()
            QTest.keyClick(edit, Qt.Key.Key_Backspace)
            if i == 0 and day in rows:
                QTest.keyClicks(edit, rows[day].replace(":", "").replace("-", ""))


def go_to(qtbot: QtBot, window, day: date) -> None:  # type: ignore[no-untyped-def]
    """Go to ``day`` and wait until its range is loaded and painted."""
    window.nav.go_to(day)

    def shown() -> bool:
        data = window.model.range_data
        return data is not None and any(d.day == day for d in data.days)

    qtbot.waitUntil(shown, timeout=10_000)


def tuesday_two_weeks_ahead(today: date) -> date:
    return today + timedelta(days=(1 - today.weekday()) % 7 + 14)


def test_a_front_desk_day_on_a_fresh_database(  # type: ignore[no-untyped-def]
    qtbot: QtBot, fresh: Store, settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.ui.main_window import MainWindow

    monkeypatch.setattr(first_run, "ask_first_run", lambda parent: first_run.SET_UP)
    monkeypatch.setattr(clinic_setup, "ask_unsaved", lambda parent, title: clinic_setup.DISCARD)
    window = MainWindow(None, settings, clock=utcnow)
    qtbot.addWidget(window)
    if os.environ.get("PLANNER_SHOTS"):
        fit_to_screen(window, 1600, 1000)  # as on the desk's own screen
    else:
        window.resize(1600, 1000)
    window.show()
    with qtbot.waitSignal(window.sig_store_ready, timeout=10_000):
        window.open_database(lambda: (fresh, clinic_directory(fresh)))

    # 1. The first run offers to set up the clinic: a guided sequence.
    qtbot.waitUntil(lambda: window.first_run.setup_dialog is not None, timeout=10_000)
    guide = window.first_run.setup_dialog
    assert guide is not None and guide.guided
    qtbot.waitUntil(lambda: not guide.busy, timeout=10_000)
    wait_active(qtbot, guide)
    page = guide.clinic_page
    type_into(page.name, "Fjordlys Fysioterapi og Akupunktur")
    type_into(page.phone, "+47 22 33 44 55")
    type_into(page.email, "post@fjordlys.example")
    shot(guide, "01-setup-clinic")
    QTest.keyClick(page.name, Qt.Key.Key_Return)  # Enter is Next: save, then go on
    qtbot.waitUntil(lambda: guide.current is guide.locations_page and not guide.busy)
    loc = guide.locations_page
    type_into(loc.name, "Oslo sentrum")
    zone = loc.zone.lineEdit()
    assert zone is not None
    type_into(zone, "Europe/Oslo")
    loc.country.setCurrentIndex(loc.country.findData("NO"))
    type_hours(loc.hours, {d: "08:00-18:00" for d in range(5)})
    shot(guide, "02-setup-location")
    QTest.keyClick(loc.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: guide.current is guide.practitioners_page and not guide.busy)
    staff = guide.practitioners_page
    type_into(staff.name, "Ingrid Hansen")
    staff.profession.setCurrentIndex(staff.profession.findData("acupuncturist"))
    type_hours(staff.places[0].hours, {d: "08:00-16:00" for d in range(5)})
    shot(guide, "03-setup-practitioner")
    QTest.keyClick(staff.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: guide.current is guide.rooms_page and not guide.busy)
    rooms = guide.rooms_page
    for name in ("Room 1", "Room 2"):
        type_into(rooms.name, name)
        QTest.keyClick(rooms.name, Qt.Key.Key_Return)  # adds the room
        qtbot.waitUntil(lambda: not guide.busy, timeout=10_000)
    shot(guide, "04-setup-rooms")
    with qtbot.waitSignal(window.first_run.sig_finished, timeout=10_000):
        QTest.mouseClick(guide.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.directory.locations), timeout=10_000)

    # The second practitioner, from Clinic ▸ Practitioners.
    window.acts.setup_practitioners.trigger()
    setup = window.setup_dialog
    qtbot.waitUntil(lambda: not setup.busy and setup.overview is not None, timeout=10_000)
    staff = setup.practitioners_page
    assert setup.current is staff
    QTest.mouseClick(staff.new_button, Qt.MouseButton.LeftButton)
    type_into(staff.name, "Per Olsen")
    staff.profession.setCurrentIndex(staff.profession.findData("physiotherapist"))
    type_hours(staff.places[0].hours, {d: "08:00-16:00" for d in range(5)})
    QTest.mouseClick(staff.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not setup.busy, timeout=10_000)
    assert "Per Olsen is added" in staff.status.text(), staff.status.text()
    shot(setup, "05-setup-second-practitioner")
    setup.close()
    overview = setup_overview(fresh)
    assert overview.clinic.name == "Fjordlys Fysioterapi og Akupunktur"
    assert [loc.name for loc in overview.locations] == ["Oslo sentrum"]
    assert [r.name for r in overview.locations[0].rooms] == ["Room 1", "Room 2"]
    ingrid, per = overview.practitioners
    assert (ingrid.name, per.name) == ("Ingrid Hansen", "Per Olsen")
    qtbot.waitUntil(
        lambda: (
            window.model.range_data is not None and len(window.model.range_data.practitioners) == 2
        ),
        timeout=10_000,
    )
    wait_active(qtbot, window)
    shot(window, "06-empty-week")

    # 2. A new patient with a date of birth and an anticoagulants flag (Ctrl+Alt+N).
    QTest.keyClick(window, Qt.Key.Key_N, CTRL | ALT)
    dlg = window.patient_dialog
    assert dlg.windowTitle() == "New patient"
    type_into(dlg.name, "Astrid Berg")
    QTest.keyClicks(dlg.dob, "13.05.1973")
    QTest.keyClicks(dlg.phone, "412 34 567")
    dlg.flag_boxes[ScreeningFlag.ANTICOAGULANTS].setChecked(True)
    shot(dlg, "07-new-patient")
    with qtbot.waitSignal(dlg.sig_saved, timeout=10_000):
        QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    panel = window.panel
    qtbot.waitUntil(lambda: panel.detail is not None, timeout=10_000)
    assert panel.detail is not None and panel.detail.patient.name == "Astrid Berg"
    assert panel.detail.patient.date_of_birth == date(1973, 5, 13)

    # 3. Double-click Tuesday 10:00 two weeks ahead in Ingrid's column: the fibromyalgia plan.
    day = tuesday_two_weeks_ahead(window.local_now().date())
    go_to(qtbot, window, day)
    point = window.view.point_for(day, time(10, 0), ingrid.id)
    assert point is not None
    QTest.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    plan = window.new_plan_dialog
    assert plan.form.practitioner.currentData() == ingrid.id
    assert plan.start_value() == datetime.combine(day, time(10, 0))
    assert plan.patient is not None and plan.patient.name == "Astrid Berg"
    assert plan.template.currentData() == "Fibromyalgia acupuncture"
    qtbot.waitUntil(lambda: not plan.busy and plan.preview is not None, timeout=10_000)
    assert plan.preview is not None and plan.preview.proposal.bookable
    assert not plan.book_button.isEnabled()  # the anticoagulants flag first
    plan.acknowledge.setChecked(True)
    shot(plan, "08-fibromyalgia-plan")
    with qtbot.waitSignal(plan.sig_booked, timeout=10_000) as booked:
        QTest.mouseClick(plan.book_button, Qt.MouseButton.LeftButton)
    plan_id, first_session = booked.args
    first_treatment = next(
        s.local_start for s in plan.preview.sessions if s.kind.value == "treatment"
    )
    qtbot.waitUntil(lambda: window.model.row_of(first_session) >= 0, timeout=10_000)
    wait_active(qtbot, window)
    shot(window, "09-week-with-plan")

    # 4. A second new patient, from the search field with the name typed there.
    QTest.keyClick(window, Qt.Key.Key_F, CTRL)
    QTest.keyClicks(panel.search, "Ola Nordmann")
    qtbot.waitUntil(lambda: not panel.searching, timeout=10_000)
    QTest.keyClick(window, Qt.Key.Key_N, CTRL | ALT)
    second = window.patient_dialog
    assert second is not dlg and second.name.text() == "Ola Nordmann"
    QTest.keyClicks(second.dob, "020288")
    monkeypatch.setattr(patient_dialog, "ask_duplicate", lambda *a: pytest.fail("no duplicate"))
    with qtbot.waitSignal(second.sig_saved, timeout=10_000):
        QTest.mouseClick(second.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: panel.detail is not None and panel.detail.patient.name == "Ola Nordmann",
        timeout=10_000,
    )

    # 5. A single 45-minute assessment with Per, the same Tuesday at 10:00.
    wait_active(qtbot, window)
    QTest.keyClick(window, Qt.Key.Key_N, CTRL)
    single = window.new_plan_dialog
    assert single is not plan
    wait_active(qtbot, single)
    single.use_single.setChecked(True)
    assert single.kind.currentData() == "assessment" and single.duration.value() == 45
    single.modality.setCurrentIndex(single.modality.findData("physiotherapy"))
    single.form.practitioner.setCurrentIndex(single.form.practitioner.findData(per.id))
    single.set_start(datetime.combine(day, time(10, 0)))
    qtbot.waitUntil(lambda: not single.busy and single.preview is not None, timeout=10_000)
    assert single.preview is not None and single.preview.proposal.bookable
    assert single.book_button.text() == "&Book 1 session"
    shot(single, "10-single-assessment")
    with qtbot.waitSignal(single.sig_booked, timeout=10_000) as booked_single:
        QTest.mouseClick(single.book_button, Qt.MouseButton.LeftButton)
    # The window goes to the new session and selects it.
    qtbot.waitUntil(lambda: window.view.selected_id == booked_single.args[1], timeout=10_000)
    shot(window, "11-week-with-assessment")
    blocks = load_range(fresh, overview.locations[0].id, day, 1).blocks
    assessment = next(b for b in blocks if b.patient_name == "Ola Nordmann")
    assert (assessment.kind, assessment.duration_min) == ("assessment", 45)
    assert assessment.start == datetime.combine(day, time(10, 0))

    # 6. Ingrid's day list of the first treatment, saved as PDF (Ctrl+Shift+L).
    wait_active(qtbot, window)
    assert first_treatment is not None
    go_to(qtbot, window, first_treatment.date())

    def shown_treatment() -> int:
        data = window.model.range_data
        assert data is not None
        found = [b.id for b in data.blocks if b.plan_id == plan_id and b.start == first_treatment]
        return found[0] if found else 0

    qtbot.waitUntil(lambda: bool(shown_treatment()), timeout=10_000)
    treatment_id = shown_treatment()
    rect = window.view.block_rect(treatment_id)
    assert rect is not None
    QTest.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_session == treatment_id
    shot(window, "12-week-of-first-treatment")
    QTest.keyClick(window, Qt.Key.Key_L, CTRL | Qt.KeyboardModifier.ShiftModifier)
    day_list = window.day_list_dialog
    qtbot.waitUntil(lambda: day_list.day_list is not None, timeout=10_000)
    assert day_list.day_list is not None
    shot(day_list, "13-day-list")
    pdf = tmp_path / "ingrid.pdf"
    monkeypatch.setattr(prompts, "ask_save_path", lambda *a: str(pdf))
    messages: list[str] = []
    day_list.sig_done.connect(messages.append)
    QTest.mouseClick(day_list.save_button, Qt.MouseButton.LeftButton)
    assert messages and "saved to" in messages[0]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(pdf)).pages).split())
    assert "Ingrid Hansen" in text and "Astrid Berg" in text
    assert "Takes anticoagulants" in text and "13 May 1973" in text
    assert "Fjordlys Fysioterapi og Akupunktur" in text
    assert oct(pdf.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in search_patients(fresh, "13.05.1973")] == ["Astrid Berg"]


def test_a_set_up_change_keeps_the_week_shown_and_reads_it_again(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from planner.services.clinic import add_room

    later = window.range_first() + timedelta(days=21)
    go_to(qtbot, window, later)
    location = window.location
    assert location is not None
    before = {r.name for r in window.directory.rooms_at(location.id)}
    add_room(window.store, location.id, "Room by the window")
    window._clinic_changed()  # what the set-up dialog's sig_changed does
    qtbot.waitUntil(
        lambda: "Room by the window" in {r.name for r in window.directory.rooms_at(location.id)},
        timeout=10_000,
    )
    data = window.model.range_data
    qtbot.waitUntil(
        lambda: "Room by the window" in {c.name for c in window.model.range_data.rooms},
        timeout=10_000,
    )
    assert data is not None and window.range_first() <= later < window.range_first() + timedelta(7)
    assert before < {r.name for r in window.directory.rooms_at(location.id)}
