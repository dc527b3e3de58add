"""The waitlist in the window: the panel, the add dialog, booking from it, and the banner that
says which waiting patients fit the time a cancellation (here or at another desk) freed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from planner.db.audit import Author
from planner.db.models import Appointment
from planner.db.store import Store
from planner.services.booking.edits import cancel_rest
from planner.services.schedule.patients import patient_row
from planner.services.waitlist.entries import (
    WaitlistRequest,
    add_entry,
    list_entries,
    remove_entry,
)
from planner.ui.dialogs import discard, prompts

from ..conftest import Clinic
from ..services.test_waitlist import fibro
from ..services.test_waitlist import hold_mornings as service_hold_mornings
from .test_screenshots_nb import clipped

NOW = datetime(2031, 1, 6, 7, 0)
"""The window's clock (naive UTC): Monday 6 January 2031, 08:00 in Oslo."""
FIRST_TUESDAY = datetime(2031, 1, 7, 8, 0)


def hold_mornings(c: Clinic, patient: int, weeks: int = 20) -> int:
    """Ingrid Berg's Tuesday and Thursday mornings 08:00-12:00, held by one long plan."""
    return service_hold_mornings(c, patient, FIRST_TUESDAY, weeks, now=NOW)


def open_window(qtbot: Any, c: Clinic, settings: Any, size: tuple[int, int] = (1280, 720)) -> Any:
    from planner.ui.main_window import MainWindow

    w = MainWindow(c.store, settings, clock=lambda: NOW)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    with qtbot.waitSignal(w.sig_week_shown, timeout=10_000):
        w.start()
    qtbot.waitUntil(lambda: w.waitlist_watch.mark is not None, timeout=5_000)
    return w


def open_panel(qtbot: Any, w: Any, entry_id: int | None = None) -> Any:
    panel = w.open_waitlist(entry_id)
    qtbot.waitUntil(lambda: not panel.busy, timeout=20_000)
    return panel


def wait_idle(qtbot: Any, w: Any) -> None:
    qtbot.waitUntil(lambda: not w.desk.busy and not w.waitlist_watch.busy, timeout=20_000)


@pytest.fixture
def other_desk(oslo: Clinic, db_path: Path) -> Iterator[Store]:
    """The next computer's desk, on the window's database file."""
    other = Store(str(db_path), author=Author("Reception 2", "anne", "window"))
    yield other
    other.close()


# -- the whole flow ---------------------------------------------------------------------------


def test_a_cancellation_brings_a_banner_and_books_the_waiting_series(  # type: ignore[no-untyped-def]
    qtbot, oslo: Clinic, settings, monkeypatch, errors_shown
) -> None:
    plan = hold_mornings(oslo, oslo.nina)
    entry = add_entry(oslo.store, fibro(oslo, oslo.kari), now=NOW - timedelta(days=12))
    w = open_window(qtbot, oslo, settings)
    assert not w.waitlist_banner.isVisible()
    panel = open_panel(qtbot, w)
    assert "Nothing fits now" in panel.list.item(0).text()

    # The receptionist cancels the rest of Nina's plan from the week, as at the desk.
    block = next(b for b in w.model.range_data.blocks if b.patient_id == oslo.nina)
    assert w.view.select(block.id)
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    w.acts.cancel_rest.trigger()
    banner = w.waitlist_banner
    qtbot.waitUntil(banner.isVisible, timeout=20_000)
    assert banner.text.text() == "1 waitlist patient fits the time freed by this cancellation"
    assert banner.detail.text() == "First: Kari Nordmann, Tue 7 Jan 08:00 with Ingrid Berg"
    assert not errors_shown
    # The open panel was matched again too: the entry has its time now.
    qtbot.waitUntil(lambda: not panel.busy, timeout=20_000)
    assert "Best: Tue 7 Jan 08:00 with Ingrid Berg, 12 sessions" in panel.list.item(0).text()

    # Book… opens the new-plan dialog filled with the match.
    qtbot.mouseClick(banner.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(w, "new_plan_dialog", None) is not None, timeout=20_000)
    dlg = w.new_plan_dialog
    assert dlg.isVisible() and dlg.patient.id == oslo.kari
    assert dlg.template.currentData() == "Fibromyalgia acupuncture"
    assert dlg.form.practitioner.currentData() == oslo.practitioner
    assert dlg.form.location.currentData() == oslo.location
    assert dlg.start_value() == FIRST_TUESDAY
    assert dlg.waitlist_note.isVisible()
    assert dlg.waitlist_note.text() == (
        "From the waitlist: the patient can come tue, thu 08:00-12:00"
    )
    req = dlg.request()
    assert req is not None and req.waitlist_entry == entry.id and req.available == entry.hours
    assert not dlg.has_entered_data(), "what it was filled with is not the desk's typing"
    qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=20_000)
    assert dlg.preview.proposal.bookable and dlg.model.rowCount() == 12
    assert dlg.book_button.isEnabled()

    with qtbot.waitSignal(dlg.sig_booked, timeout=20_000) as booked:
        qtbot.mouseClick(dlg.book_button, Qt.MouseButton.LeftButton)
    plan_id = booked.args[0]
    with oslo.store.read() as s:
        rows = list(s.scalars(select(Appointment).where(Appointment.plan_id == plan_id)))
    assert len(rows) == 12
    for a in rows:
        assert a.start_local.weekday() in (1, 3)
        end = a.start_local + timedelta(minutes=a.duration_min)
        assert time(8) <= a.start_local.time() and end.time() <= time(12)
    assert min(a.start_local for a in rows) == FIRST_TUESDAY
    [closed] = list_entries(oslo.store, include_closed=True)
    assert closed.status == "booked" and closed.plan_id == plan_id
    assert closed.closed_reason == f"booked from the waitlist as plan {plan_id}"
    # The banner went with the entry; the panel reads again and the entry left it.
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5_000)
    qtbot.waitUntil(lambda: not panel.busy and panel.list.count() == 0, timeout=20_000)
    wait_idle(qtbot, w)
    assert not banner.isVisible()
    _ = plan


def test_undoing_the_cancellation_takes_the_banner_away(  # type: ignore[no-untyped-def]
    qtbot, oslo: Clinic, settings, monkeypatch, errors_shown
) -> None:
    hold_mornings(oslo, oslo.nina)
    add_entry(oslo.store, fibro(oslo, oslo.kari), now=NOW - timedelta(days=12))
    w = open_window(qtbot, oslo, settings)
    block = next(b for b in w.model.range_data.blocks if b.patient_id == oslo.nina)
    assert w.view.select(block.id)
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    w.acts.cancel_rest.trigger()
    banner = w.waitlist_banner
    qtbot.waitUntil(banner.isVisible, timeout=20_000)
    wait_idle(qtbot, w)
    # The desk thinks better of it: Ctrl+Z gives Nina her mornings back.
    w.acts.undo.trigger()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=20_000)
    wait_idle(qtbot, w)
    assert not banner.isVisible() and banner.found is None
    assert not errors_shown


def test_another_desks_cancellation_brings_the_banner(  # type: ignore[no-untyped-def]
    qtbot, oslo: Clinic, settings, other_desk: Store
) -> None:
    plan = hold_mornings(oslo, oslo.nina)
    urgent = add_entry(oslo.store, fibro(oslo, oslo.ola, urgent=True), now=NOW)
    add_entry(oslo.store, fibro(oslo, oslo.kari), now=NOW - timedelta(days=20))
    w = open_window(qtbot, oslo, settings)
    heard: list[object] = []
    w.live.sig_changed_elsewhere.connect(heard.append)
    cancel_rest(other_desk, plan, now=NOW)  # at the next computer
    qtbot.waitUntil(lambda: bool(heard), timeout=10_000)
    qtbot.waitUntil(w.waitlist_banner.isVisible, timeout=20_000)
    banner = w.waitlist_banner
    assert banner.text.text() == "2 waitlist patients fit the time freed by this cancellation"
    assert banner.first_entry == urgent.id  # urgent first, though Kari waited longer
    assert banner.detail.text().startswith("First: Ola Hansen, ")
    # Show opens the panel with that entry chosen.
    qtbot.mouseClick(banner.show_button, Qt.MouseButton.LeftButton)
    panel = w.waitlist_panel
    qtbot.waitUntil(lambda: panel is not None and not panel.busy, timeout=20_000)
    assert w.waitlist_dock.isVisible()
    assert panel.current_entry_id() == urgent.id
    assert panel.list.item(0).text().startswith("Ola Hansen · URGENT")
    # The close button puts it away.
    qtbot.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)
    assert not banner.isVisible()
    wait_idle(qtbot, w)


def test_nothing_freed_for_a_waiting_patient_brings_no_banner(  # type: ignore[no-untyped-def]
    qtbot, oslo: Clinic, settings, other_desk: Store
) -> None:
    plan = hold_mornings(oslo, oslo.nina)
    # Kari can come only on Monday afternoons: Tuesday and Thursday mornings are not hers.
    add_entry(
        oslo.store, fibro(oslo, oslo.kari, weekdays=(0,), windows=((time(14), time(16)),)), now=NOW
    )
    w = open_window(qtbot, oslo, settings)
    ran: list[object] = []
    w.waitlist_watch.sig_ran.connect(ran.append)
    cancel_rest(other_desk, plan, now=NOW)
    qtbot.waitUntil(lambda: bool(ran), timeout=20_000)
    assert not w.waitlist_banner.isVisible()


# -- the panel --------------------------------------------------------------------------------


def test_the_panel_says_who_waits_how_long_and_the_best_match(  # type: ignore[no-untyped-def]
    qtbot, oslo: Clinic, settings
) -> None:
    add_entry(oslo.store, fibro(oslo, oslo.kari), now=NOW - timedelta(days=12))
    add_entry(
        oslo.store,
        WaitlistRequest(
            patient_id=oslo.nina,
            weeks=6,
            per_week=1,
            duration_min=30,
            modality="physiotherapy",
            location_id=oslo.location,
            practitioner_ids=(oslo.physio,),
            weekdays=(4,),  # Friday: Per Lie works Mondays and Wednesdays only
        ),
        now=NOW,
    )
    w = open_window(qtbot, oslo, settings)
    panel = open_panel(qtbot, w)
    assert panel.list.count() == 2
    kari, nina = panel.list.item(0).text(), panel.list.item(1).text()
    assert kari.splitlines() == [
        "Kari Nordmann",
        "Fibromyalgia acupuncture with Ingrid Berg at Oslo sentrum",
        "Can come tue, thu 08:00-12:00 · waiting 12 days",
        "Best: Tue 7 Jan 08:00 with Ingrid Berg, 12 sessions",
    ]
    assert nina.splitlines() == [
        "Nina Dahl",
        "6 × 30 min, 1 a week (physiotherapy) with Per Lie at Oslo sentrum",
        "Can come fri any time · added today",
        "Nothing fits now",
    ]
    assert panel.status.text() == "2 waiting · 1 with a time that fits now"
    # Every candidate's sessions, as the new-plan preview shows them.
    assert panel.candidates.count() == 3
    assert panel.candidates.itemText(0) == "1. Tue 7 Jan 08:00 with Ingrid Berg, 12 sessions"
    assert panel.model.rowCount() == 12
    panel.candidates.setCurrentIndex(1)
    assert panel.model.rowCount() == 12
    assert panel.model.session(0).local_start != FIRST_TUESDAY
    # Nothing to book for Nina: Book… is off, and Enter says why in one line.
    panel.list.setCurrentRow(1)
    assert not panel.book_button.isEnabled()
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert panel.message.text() == "Nothing fits Nina Dahl now; the entry stays on the waitlist"
    # Enter on Kari books her best candidate in the new-plan dialog.
    panel.list.setCurrentRow(0)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(w, "new_plan_dialog", None) is not None, timeout=20_000)
    assert w.new_plan_dialog.start_value() == FIRST_TUESDAY
    # Nothing of the dock is clipped at 1280x720.
    assert clipped(w.waitlist_dock) == []
    w.new_plan_dialog.reject()
    wait_idle(qtbot, w)


def test_remove_asks_why_keeps_it_and_a_refused_one_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, oslo: Clinic, settings, other_desk: Store
) -> None:
    kari = add_entry(oslo.store, fibro(oslo, oslo.kari), now=NOW)
    nina = add_entry(oslo.store, fibro(oslo, oslo.nina), now=NOW)
    w = open_window(qtbot, oslo, settings)
    panel = open_panel(qtbot, w)
    assert panel.current_entry_id() == kari.id
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)  # not the window's Delete (cancel)
    dlg = panel.remove_dialog
    assert dlg is not None and dlg.isVisible()
    qtbot.keyClicks(dlg.reason.lineEdit(), "moved to Bergen")
    qtbot.mouseClick(dlg.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy and panel.list.count() == 1, timeout=20_000)
    gone = {e.id: e for e in list_entries(oslo.store, include_closed=True)}[kari.id]
    assert gone.status == "removed" and gone.closed_reason == "moved to Bergen"

    # Another desk removes Nina's entry meanwhile: this desk's removal is refused.
    remove_entry(other_desk, nina.id, reason="phoned: booked elsewhere", now=NOW)
    assert panel.current_entry_id() == nina.id
    panel.ask_remove()
    qtbot.mouseClick(panel.remove_dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.message.isVisible(), timeout=10_000)
    text = panel.message.text()
    assert text.startswith("Not removed: ") and "changed at another desk" in text
    assert "\n" not in text
    still = {e.id: e for e in list_entries(oslo.store, include_closed=True)}[nina.id]
    assert still.closed_reason == "phoned: booked elsewhere"
    wait_idle(qtbot, w)


# -- the add dialog ---------------------------------------------------------------------------


def test_adding_an_entry_and_refusals_that_keep_what_was_typed(  # type: ignore[no-untyped-def]
    qtbot, oslo: Clinic, settings, monkeypatch
) -> None:
    add_entry(oslo.store, fibro(oslo, oslo.kari), now=NOW)  # Kari waits for acupuncture already
    w = open_window(qtbot, oslo, settings)
    kari, nina = patient_row(oslo.store, oslo.kari), patient_row(oslo.store, oslo.nina)
    chosen = [kari]
    monkeypatch.setattr(w, "_pick_patient", lambda: chosen[0])
    panel = open_panel(qtbot, w)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    dlg = w.waitlist_entry_dialog
    assert dlg.isVisible() and dlg.patient is None
    assert dlg.expires.value() == date(2031, 1, 6) + timedelta(weeks=8)

    def add_refused(says: str) -> None:
        qtbot.mouseClick(dlg.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
        assert dlg.isVisible() and dlg.error_label.isVisible()
        assert dlg.error_label.text() == f"Not added: {says}", dlg.error_label.text()

    add_refused("choose a patient first")
    qtbot.mouseClick(dlg.change_patient, Qt.MouseButton.LeftButton)
    assert dlg.patient == kari
    for i, box in enumerate(dlg.weekdays):
        box.setChecked(i in (1, 3))
    dlg.spans[0].setFocus()
    qtbot.keyClicks(dlg.spans[0], "12000800")  # 12:00-08:00
    qtbot.keyClicks(dlg.note, "Mornings only, she drives her son to school")
    dlg.set_practitioners([oslo.practitioner])
    add_refused("Time span 1: 12:00-08:00 ends before it starts")
    dlg.spans[0].clear()
    qtbot.keyClicks(dlg.spans[0], "08001200")
    dlg.latest.edit.setText("31.02.2031")
    qtbot.mouseClick(dlg.add_button, Qt.MouseButton.LeftButton)
    assert dlg.error_label.isVisible() and "31.02.2031" in dlg.error_label.text()
    dlg.latest.edit.setText("")
    dlg.anyone.setChecked(False)
    dlg.set_practitioners([])
    add_refused("tick a practitioner, or Anyone who may give it")
    dlg.set_practitioners([oslo.practitioner])
    # The service refuses: Kari is on the waitlist for acupuncture already.
    add_refused(
        "Kari Nordmann is on the waitlist already (Acupuncture); change or remove that entry first"
    )
    # Nothing typed was lost.
    assert dlg.spans[0].text() == "08:00-12:00"
    assert dlg.note.toPlainText() == "Mornings only, she drives her son to school"
    assert [b.isChecked() for b in dlg.weekdays] == [False, True, False, True, False, False, False]
    # Esc asks before throwing it away; going back keeps it all.
    asked: list[str] = []

    def go_back(parent: Any, title: str, what: str) -> bool:
        asked.append(what)
        return False

    monkeypatch.setattr(discard, "ask_discard", go_back)
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert asked == ["the waitlist entry you entered"] and dlg.isVisible()

    chosen[0] = nina
    qtbot.mouseClick(dlg.change_patient, Qt.MouseButton.LeftButton)
    dlg.urgent.setChecked(True)
    with qtbot.waitSignal(dlg.sig_added, timeout=10_000) as added:
        qtbot.mouseClick(dlg.add_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    entry = {e.id: e for e in list_entries(oslo.store)}[added.args[0]]
    assert entry.patient.id == oslo.nina and entry.urgent
    assert entry.template == "Fibromyalgia acupuncture"
    assert [p.id for p in entry.practitioners] == [oslo.practitioner]
    assert entry.hours is not None and entry.hours.days[1] == ((time(8), time(12)),)
    assert entry.note == "Mornings only, she drives her son to school"
    # The panel lists it first (urgent), chosen.
    qtbot.waitUntil(lambda: not panel.busy and panel.list.count() == 2, timeout=20_000)
    assert panel.current_entry_id() == entry.id
    assert panel.list.item(0).text().startswith("Nina Dahl · URGENT")
    wait_idle(qtbot, w)


def test_the_waitlist_action_has_its_own_shortcut(qtbot, oslo: Clinic, settings) -> None:  # type: ignore[no-untyped-def]
    w = open_window(qtbot, oslo, settings)
    keys = [s.toString() for a in w.actions() for s in a.shortcuts()]
    assert keys.count("Ctrl+Shift+W") == 1
    file_menu = w.menuBar().actions()[0].menu()
    assert w.acts.waitlist in file_menu.actions()
    qtbot.keyClick(
        w, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(
        lambda: w.waitlist_panel is not None and not w.waitlist_panel.busy, timeout=10_000
    )
    assert w.waitlist_dock.isVisible()
    assert w.waitlist_panel.status.text() == "Nobody is on the waitlist. Add… puts a patient on it."


# -- read as a user: both languages at 1280x720 ------------------------------------------------


def a_busy_waitlist(c: Clinic) -> int:
    """Ingrid's mornings held by Nina's plan, and four patients waiting (one urgent, one for
    whom nothing fits); the id of the plan to cancel."""
    from planner.services import clinic

    plan = hold_mornings(c, c.nina)
    astrid = clinic.add_patient(c.store, "Astrid Lund", phone="+47 900 00 004").id
    jonas = clinic.add_patient(c.store, "Jonas Berg", phone="+47 900 00 005").id
    add_entry(c.store, fibro(c, c.kari, note="Mornings only"), now=NOW - timedelta(days=12))
    add_entry(
        c.store,
        WaitlistRequest(
            patient_id=c.ola,
            weeks=6,
            per_week=1,
            duration_min=30,
            modality="physiotherapy",
            location_id=c.location,
            practitioner_ids=(c.physio,),
            weekdays=(0, 2),
            windows=((time(14), time(16)),),
            urgent=True,
        ),
        now=NOW - timedelta(days=3),
    )
    add_entry(
        c.store,
        WaitlistRequest(patient_id=astrid, template="Fibromyalgia acupuncture", weekdays=(4,)),
        now=NOW - timedelta(days=30),
    )
    add_entry(
        c.store,
        WaitlistRequest(
            patient_id=jonas,
            weeks=8,
            per_week=2,
            duration_min=45,
            modality="physiotherapy",
            practitioner_ids=(c.physio,),
            location_id=c.location,
            weekdays=(4,),
        ),
        now=NOW - timedelta(days=1),
    )
    return plan


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_the_waitlist_reads_whole_at_1280x720(  # type: ignore[no-untyped-def]
    qtbot, oslo: Clinic, settings, monkeypatch, in_language, lang: str
) -> None:
    from .test_front_desk_day import shot

    in_language(lang)  # before the window is built, as at a start in that language
    plan = a_busy_waitlist(oslo)
    w = open_window(qtbot, oslo, settings)
    panel = open_panel(qtbot, w)
    assert panel.list.count() == 4
    qtbot.wait(50)
    shot(w, f"{lang}-1-panel")
    problems = [f"panel: {p}" for p in clipped(w.waitlist_dock)]
    assert w.width() == 1280, "the dock does not widen the window"

    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    w.desk.cancel_rest(next(b.id for b in w.model.range_data.blocks if b.patient_id == oslo.nina))
    qtbot.waitUntil(w.waitlist_banner.isVisible, timeout=20_000)
    qtbot.waitUntil(lambda: not panel.busy and not w.desk.busy, timeout=20_000)
    qtbot.wait(50)
    shot(w, f"{lang}-2-banner")
    problems += [f"banner: {p}" for p in clipped(w.waitlist_banner)]

    # The add dialog, with wrong input in it.
    w.open_waitlist_entry()
    dlg = w.waitlist_entry_dialog
    qtbot.waitExposed(dlg)
    assert dlg.width() <= 1240 and dlg.height() <= 680, dlg.size()
    dlg._set_patient(patient_row(oslo.store, oslo.nina))
    qtbot.keyClicks(dlg.spans[0], "12000800")
    qtbot.keyClicks(dlg.note, "Not before 08:00")
    dlg.add()
    assert dlg.error_label.isVisible()
    qtbot.wait(50)
    shot(dlg, f"{lang}-3-add-dialog")
    problems += [f"add dialog: {p}" for p in clipped(dlg)]
    dlg.done(0)

    # Book… from the banner: the new-plan dialog filled with the match.
    qtbot.mouseClick(w.waitlist_banner.book_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(w, "new_plan_dialog", None) is not None, timeout=20_000)
    npd = w.new_plan_dialog
    qtbot.waitUntil(lambda: not npd.busy and npd.preview is not None, timeout=20_000)
    npd.resize(min(1280, npd.width()), min(720, npd.height()))
    qtbot.wait(50)
    shot(npd, f"{lang}-4-new-plan")
    problems += [f"new plan: {p}" for p in clipped(npd)]
    assert npd.waitlist_note.isVisible() and npd.preview.proposal.bookable
    npd.done(0)
    wait_idle(qtbot, w)
    _ = plan
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_wrong_input_in_every_field_says_what_in_one_line(  # type: ignore[no-untyped-def]
    qtbot, oslo: Clinic, settings, in_language, lang: str
) -> None:
    from planner.ui.dialogs.waitlist_entry import WaitlistEntryDialog

    in_language(lang)
    w = open_window(qtbot, oslo, settings)
    dlg = WaitlistEntryDialog(
        oslo.store,
        w.worker,
        w.directory,
        w,
        patient=patient_row(oslo.store, oslo.kari),
        location_id=oslo.location,
        clock=lambda: NOW,
        today=lambda: date(2031, 1, 6),
    )
    qtbot.addWidget(dlg)
    dlg.show()
    said: dict[str, str] = {}

    def attempt(name: str, change: Any, undo: Any) -> None:
        change()
        dlg.add()
        qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
        assert dlg.isVisible() and dlg.error_label.isVisible(), name
        text = dlg.error_label.text()
        assert "\n" not in text and len(text) < 200, (name, text)
        said[name] = text
        undo()

    def set_text(edit: Any, text: str) -> Any:
        return lambda: edit.setText(text)

    spans, earliest, latest, expires = (
        dlg.spans[0],
        dlg.earliest.edit,
        dlg.latest.edit,
        dlg.expires.edit,
    )

    def no_weekday() -> None:
        for box in dlg.weekdays:
            box.setChecked(False)

    def overlapping(on: bool) -> None:
        for edit, text in zip(dlg.spans, ("08:00-12:00", "11:00-13:00"), strict=False):
            edit.setText(text if on else "")

    attempt("no weekday", no_weekday, lambda: dlg.weekdays[1].setChecked(True))
    attempt("span reversed", set_text(spans, "12:00-08:00"), spans.clear)
    attempt("span not a time", set_text(spans, "25:00-26:00"), spans.clear)
    attempt("span half typed", set_text(spans, "08:00-"), spans.clear)
    attempt(
        "spans overlap",
        lambda: overlapping(True),
        lambda: overlapping(False),
    )
    attempt(
        "earliest not a date", set_text(earliest, "32.01.2031"), set_text(earliest, "06.01.2031")
    )
    attempt("latest not a date", set_text(latest, "tomorrow"), latest.clear)
    attempt("latest before earliest", set_text(latest, "01.01.2031"), latest.clear)
    attempt("expires in the past", set_text(expires, "01.01.2030"), set_text(expires, "03.03.2031"))
    attempt("expires not a date", set_text(expires, "3/3"), set_text(expires, "03.03.2031"))
    attempt(
        "expires before the earliest",
        set_text(earliest, "01.06.2031"),
        set_text(earliest, "06.01.2031"),
    )
    attempt(
        "no practitioner",
        lambda: dlg.anyone.setChecked(False),
        lambda: dlg.anyone.setChecked(True),
    )
    attempt(
        "note too long",
        lambda: dlg.note.setPlainText("x" * 2001),
        lambda: dlg.note.setPlainText(""),
    )
    attempt(
        "a practitioner who may not needle",
        lambda: dlg.set_practitioners([oslo.physio]),
        lambda: dlg.anyone.setChecked(True),
    )
    add_entry(oslo.store, fibro(oslo, oslo.kari), now=NOW)
    attempt("on the list already", lambda: None, lambda: None)
    assert len(set(said.values())) == len(said), said  # each says its own thing
    # Until an expiry is typed, it follows the earliest first session: 8 weeks after it.
    earliest.clear()
    qtbot.keyClicks(earliest, "01.06.2031")
    assert dlg.expires.value() == date(2031, 6, 1) + timedelta(weeks=8)
    dlg.done(0)
    wait_idle(qtbot, w)
