"""Fixes that say what they did, and why Book is disabled written beside it (issue 10, item 5).

The dialog tests drive the new-plan dialog on the demo clinic; :func:`fix_note` is tested on
the engine's own proposals over Christmas in Norway, where the words are known exactly.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from planner.core.calendars import ClinicCalendar
from planner.core.domain import Busy, HolidayPolicy, Kind, Phase, PlanSpec
from planner.core.engine import MemoryBookings, propose
from planner.core.timeutil import to_utc, zone
from planner.services.booking.plans import PlanContext, Preview
from planner.services.schedule.patients import search_patients
from planner.ui.dialogs.plan_preview import fix_note
from planner.ui.models.proposal_model import ChangedRole, ProposalModel

from .helpers import flagged_patient

OSLO = "Europe/Oslo"


def _preview(spec: PlanSpec, busy: MemoryBookings | None = None) -> Preview:
    cal = ClinicCalendar(
        zone(OSLO),
        country="NO",
        location_name="Majorstuen",
        practitioner_name="Nina",
    )
    # fix_note reads the sessions only; the context is not needed to say what changed
    return Preview(cast(PlanContext, None), propose(spec, cal, busy))


def _busy(local: datetime) -> Busy:
    """The practitioner held for half an hour from ``local`` (Oslo time)."""
    utc = to_utc(local, zone(OSLO))
    return Busy(utc, utc + timedelta(minutes=30), "practitioner")


def _weekly(start: datetime, weeks: int, **kw: Any) -> PlanSpec:
    return PlanSpec(start, OSLO, (Phase(Kind.TREATMENT, 30, weeks=weeks),), **kw)


def test_extend_says_which_week_was_left_out_and_marks_only_the_changed_rows() -> None:
    start = datetime(2026, 12, 18, 10, 0)  # Fri 18 Dec; Fri 25 Dec and Fri 1 Jan are holidays
    before = _preview(_weekly(start, 3))
    after = _preview(_weekly(start, 3, holiday_policy=HolidayPolicy.SKIP_EXTEND))
    note, changed = fix_note("extend", before, after)
    assert changed == {2, 3}  # the first session did not move
    assert note.startswith("Extend the plan: Treatment 2, Mon 28 Dec 10:00 → Fri 8 Jan 10:00: ")
    assert "Christmas Day" in note and "a week added at the end" in note


def test_shift_says_the_move_and_the_days_it_passed() -> None:
    """Only the chosen session moves, and the note says from where to where and why."""
    start = datetime(2026, 12, 22, 10, 0)  # Tue 22 Dec, weekly
    taken = [_busy(datetime(2026, 12, 29, 10, 0))]
    before = _preview(_weekly(start, 2), MemoryBookings(taken))
    assert before.sessions[1].state.value == "conflict"
    spec = _weekly(start, 2, shift_only=frozenset({datetime(2026, 12, 29, 10, 0)}))
    after = _preview(spec, MemoryBookings(taken))
    note, changed = fix_note("shift", before, after)
    assert changed == {2}
    moved = after.sessions[1]
    assert moved.state.value == "shifted" and moved.local_start is not None
    assert note.startswith(
        f"Shift this one: Treatment 2, Tue 29 Dec 10:00 → {moved.local_start:%a %d %b %H:%M}: "
    )
    assert "the practitioner is booked" in note


def test_next_free_slot_says_where_the_first_session_went() -> None:
    start = datetime(2027, 1, 8, 12, 15)  # Fri 8 Jan 2027
    taken = [_busy(datetime(2027, 1, 15, 12, 15))]
    before = _preview(_weekly(start, 3), MemoryBookings(taken))
    after = _preview(_weekly(datetime(2027, 1, 12, 11, 30), 3), MemoryBookings(taken))
    note, changed = fix_note("next", before, after)
    assert note == (
        "Next free slot: the first session moves from Fri 8 Jan 12:15 to Tue 12 Jan 11:30, "
        "the first start from which all 3 sessions fit."
    )
    assert changed == {1, 2, 3}


def test_the_model_marks_changed_rows_and_passes_the_tester(qapp) -> None:  # type: ignore[no-untyped-def]
    model = ProposalModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    pv = _preview(_weekly(datetime(2026, 12, 18, 10, 0), 3))
    model.set_sessions(pv.sessions, frozenset({2}))
    assert [model.index(r, 0).data(ChangedRole) for r in range(3)] == [False, True, False]
    assert model.index(1, 0).data() == "● 2"
    assert model.index(1, 4).data(Qt.ItemDataRole.BackgroundRole) is not None
    model.set_sessions(pv.sessions)
    assert not any(model.index(r, 0).data(ChangedRole) for r in range(3))


def _dialog(qtbot: Any, window: Any, demo_store: Any, patient: Any, **kw: Any) -> Any:
    from planner.ui.dialogs.new_plan import NewPlanDialog

    dlg = NewPlanDialog(
        demo_store,
        window.worker,
        window.desk,
        window.directory,
        window,
        patient=patient,
        local_now=window.local_now,
        **kw,
    )
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=10_000)
    return dlg


def test_next_free_slot_in_the_dialog_says_what_moved(qtbot, window, demo_store) -> None:  # type: ignore[no-untyped-def]
    data = window.model.range_data
    taken = next(
        b
        for b in data.blocks
        if b.status == "booked" and b.start.date() > window.local_now().date()
    )
    dlg = _dialog(
        qtbot,
        window,
        demo_store,
        search_patients(demo_store, "", 1)[0],
        location_id=data.location.id,
        practitioner_id=taken.practitioner_id,
        start=taken.start,
    )
    dlg.use_custom.setChecked(True)
    dlg.modality.setCurrentIndex(dlg.modality.findData("physiotherapy"))
    dlg.duration.setValue(taken.duration_min)
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
    assert not dlg.preview.proposal.bookable
    assert "not fit" in dlg.book_reason.text() and dlg.book_reason.isVisible()
    assert not dlg.preview_panel.fix_label.isVisible()
    qtbot.mouseClick(dlg.fix_next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: not dlg.busy and dlg.preview_panel.fix_label.text() != "", timeout=20_000
    )
    note = dlg.preview_panel.fix_label.text()
    assert note.startswith(
        f"Next free slot: the first session moves from {taken.start:%a %d %b %H:%M} to "
    )
    assert dlg.preview_panel.fix_label.isVisible()
    assert dlg.model.changed()  # the moved rows are marked
    # Any other change of the plan makes the note stale: it goes.
    dlg.weeks.setValue(dlg.weeks.value() + 1)
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
    assert dlg.preview_panel.fix_label.text() == "" and not dlg.model.changed()


def test_book_says_beside_it_that_the_flags_need_acknowledging(qtbot, window, demo_store) -> None:  # type: ignore[no-untyped-def]
    dlg = _dialog(qtbot, window, demo_store, flagged_patient(demo_store))
    if not dlg.preview.proposal.bookable:  # make it fit first: only the flags stand in the way
        qtbot.mouseClick(dlg.fix_next, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: not dlg.busy and dlg.preview is not None and dlg.preview.proposal.bookable,
            timeout=20_000,
        )
    if not dlg.form.needling():
        dlg.use_custom.setChecked(True)
        dlg.modality.setCurrentIndex(dlg.modality.findData("dry-needling"))
        qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
    assert dlg.preview.proposal.bookable and dlg.preview.context.needs_acknowledgement
    assert not dlg.book_button.isEnabled()
    assert dlg.book_reason.text() == "Acknowledge the screening flags first."
    assert dlg.book_reason.isVisible()
    dlg.acknowledge.setChecked(True)
    assert dlg.book_button.isEnabled() and dlg.book_reason.text() == ""
