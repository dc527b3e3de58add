"""The waitlist: entries, whole-series matching, booking from it, and closing entries."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from planner.core.domain import AppointmentStatus, SessionState
from planner.errors import BadInput, InvalidState, NotPermitted, ScreeningRequired
from planner.services.booking.edits import cancel_rest
from planner.services.booking.plans import PlanRequest, book, preview
from planner.services.waitlist.booking import book_match, booking_request
from planner.services.waitlist.entries import (
    WaitlistRequest,
    add_entry,
    list_entries,
    remove_entry,
    sweep,
)
from planner.services.waitlist.matching import match_entries

from ..conftest import Clinic

NOW = datetime(2027, 1, 4, 7, 0)  # Monday 4 Jan 2027, years ahead of the suite's clock
TUE_THU_MORNINGS = dict(weekdays=(1, 3), windows=((time(8), time(12)),))


def fibro(c: Clinic, patient: int, **kw: object) -> WaitlistRequest:
    base: dict[str, object] = dict(
        patient_id=patient,
        template="Fibromyalgia acupuncture",
        practitioner_ids=(c.practitioner,),
        location_id=c.location,
        **TUE_THU_MORNINGS,
    )
    base.update(kw)
    return WaitlistRequest(**base)  # type: ignore[arg-type]


def hold_mornings(
    c: Clinic, patient: int, first: datetime, weeks: int = 20, *, now: datetime = NOW
) -> int:
    """Book Ingrid Berg's Tuesday and Thursday mornings 08:00-12:00 for ``weeks`` weeks as one
    long plan of 4-hour sessions (custom cadence, twice a week), a month before ``now``."""
    from planner.core.domain import Kind, Phase

    booked = book(
        c.store,
        PlanRequest(
            patient_id=patient,
            practitioner_id=c.practitioner,
            start=first,
            phases=(
                Phase(Kind.TREATMENT, duration_min=240, weeks=weeks, per_week=2, weekdays=(1, 3)),
            ),
            modality="acupuncture",
            location_id=c.location,
            holiday_policy="keep-flag",
        ),
        now=now - timedelta(days=30),
    )
    return booked.plan_id


def test_the_first_whole_series_inside_the_patients_times_is_offered(oslo: Clinic) -> None:
    e = add_entry(oslo.store, fibro(oslo, oslo.kari), now=NOW)
    [m] = match_entries(oslo.store, now=NOW)
    assert m.entry.id == e.id
    best = m.best
    assert best is not None
    assert best.start == datetime(2027, 1, 5, 8, 0)  # Tuesday 5 Jan 08:00
    assert len(best.sessions) == 12
    for p in best.sessions:
        assert p.local_start is not None
        assert p.local_start.weekday() in (1, 3)
        assert time(8) <= p.local_start.time() and (
            p.local_start + timedelta(minutes=p.duration_min)
        ).time() <= time(12)
    pv = preview(oslo.store, booking_request(m.entry, best, acknowledge_flags=True), now=NOW)
    assert pv.proposal.bookable
    assert [p.local_start for p in pv.sessions] == [p.local_start for p in best.sessions]


def test_a_fully_booked_practitioner_gives_nothing_until_the_plan_is_cancelled(
    oslo: Clinic,
) -> None:
    plan = hold_mornings(oslo, oslo.nina, datetime(2027, 1, 5, 8, 0))
    e = add_entry(oslo.store, fibro(oslo, oslo.kari), now=NOW)
    [m] = match_entries(oslo.store, now=NOW)
    assert m.candidates == []
    cancel_rest(oslo.store, plan, now=NOW)
    [m] = match_entries(oslo.store, now=NOW)
    assert m.best is not None and m.best.start == datetime(2027, 1, 5, 8, 0)
    booked = book_match(oslo.store, e.id, now=NOW)
    assert len(booked.appointments) == 12
    assert booked.waitlist_closed == [e.id]
    [closed] = list_entries(oslo.store, include_closed=True)
    assert closed.status == "booked" and closed.plan_id == booked.plan_id
    assert "booked from the waitlist" in closed.closed_reason
    assert list_entries(oslo.store) == []
    with pytest.raises(InvalidState):
        book_match(oslo.store, e.id, now=NOW)


def test_a_holiday_moves_a_session_only_inside_the_patients_times(oslo: Clinic) -> None:
    # Ascension Day 2027 is Thursday 6 May: a Thursday series starting 15 Apr meets it.
    e = add_entry(
        oslo.store,
        fibro(oslo, oslo.kari, earliest=date(2027, 4, 15), latest=date(2027, 4, 15)),
        now=NOW,
    )
    [m] = match_entries(oslo.store, now=NOW)
    assert m.best is not None
    moved = [p for p in m.best.sessions if p.state is SessionState.SHIFTED]
    assert moved, "the Ascension Day session is moved"
    for p in moved:
        assert p.local_start is not None and p.local_start.weekday() in (1, 3)
    shown = sorted(
        p.local_start.isoformat(timespec="minutes") for p in m.best.sessions if p.local_start
    )
    booked = book_match(oslo.store, e.id, now=NOW)
    assert sorted(a["local_start"] for a in booked.appointments) == shown


def test_needling_needs_the_flags_acknowledged_and_a_licensed_practitioner(oslo: Clinic) -> None:
    with pytest.raises(NotPermitted):
        add_entry(oslo.store, fibro(oslo, oslo.ola, practitioner_ids=(oslo.physio,)), now=NOW)
    e = add_entry(oslo.store, fibro(oslo, oslo.ola), now=NOW)
    with pytest.raises(ScreeningRequired):
        book_match(oslo.store, e.id, now=NOW)
    assert list_entries(oslo.store)[0].id == e.id  # still open
    booked = book_match(oslo.store, e.id, now=NOW, acknowledge_flags=True)
    assert len(booked.appointments) == 12


def test_booking_another_way_and_expiry_close_entries_with_a_reason(oslo: Clinic) -> None:
    e1 = add_entry(oslo.store, fibro(oslo, oslo.kari), now=NOW)
    e2 = add_entry(
        oslo.store, fibro(oslo, oslo.nina, expires_on=NOW.date() + timedelta(days=3)), now=NOW
    )
    booked = book(
        oslo.store,
        PlanRequest(
            patient_id=oslo.kari,
            practitioner_id=oslo.practitioner,
            start=datetime(2027, 2, 1, 14, 0),
            template="Fibromyalgia acupuncture",
            location_id=oslo.location,
        ),
        now=NOW,
    )
    assert booked.waitlist_closed == [e1.id]
    assert sweep(oslo.store, now=NOW + timedelta(days=4)) == [e2.id]
    closed = {e.id: e for e in list_entries(oslo.store, include_closed=True)}
    assert closed[e1.id].closed_reason == f"booked another way: plan {booked.plan_id}"
    assert closed[e2.id].status == "expired"
    assert list_entries(oslo.store) == []


def test_refusals_change_nothing(oslo: Clinic) -> None:
    add_entry(oslo.store, fibro(oslo, oslo.kari), now=NOW)
    for bad in (
        fibro(oslo, oslo.kari),  # on the list already for acupuncture
        fibro(oslo, oslo.nina, earliest=date(2027, 3, 1), latest=date(2027, 2, 1)),
        fibro(oslo, oslo.nina, weekdays=()),
        fibro(oslo, oslo.nina, windows=((time(12), time(8)),)),
        WaitlistRequest(patient_id=oslo.nina, weeks=6, per_week=1, duration_min=30),
        WaitlistRequest(patient_id=oslo.nina, template="No such template"),
    ):
        with pytest.raises((BadInput, InvalidState, NotPermitted, Exception)):
            add_entry(oslo.store, bad, now=NOW)
    assert len(list_entries(oslo.store, include_closed=True)) == 1
    [e] = list_entries(oslo.store)
    remove_entry(oslo.store, e.id, reason="found another clinic", now=NOW)
    with pytest.raises(InvalidState):
        remove_entry(oslo.store, e.id, now=NOW)
    [gone] = list_entries(oslo.store, include_closed=True)
    assert gone.status == "removed" and gone.closed_reason == "found another clinic"
    _ = AppointmentStatus


def test_a_cancellation_finds_the_entries_that_fit_the_freed_time(oslo: Clinic) -> None:
    from planner.services.waitlist.freed import CANCELLED, last_change, rematch_since

    plan = hold_mornings(oslo, oslo.nina, datetime(2027, 1, 5, 8, 0))
    e = add_entry(oslo.store, fibro(oslo, oslo.kari), now=NOW)
    other = add_entry(
        oslo.store,
        fibro(oslo, oslo.ola, weekdays=(0,), windows=((time(14), time(16)),)),
        now=NOW,
    )
    mark = last_change(oslo.store)
    assert rematch_since(oslo.store, mark, now=NOW).matches == []
    cancel_rest(oslo.store, plan, now=NOW)
    found = rematch_since(oslo.store, mark, now=NOW)
    assert found.cause == CANCELLED
    assert [m.entry.id for m in found.matches] == [e.id]  # Ola waits for Monday afternoons
    assert found.matches[0].best is not None
    assert found.matches[0].best.start == datetime(2027, 1, 5, 8, 0)
    again = rematch_since(oslo.store, found.last_change, now=NOW)
    assert again.freed == [] and again.matches == []
    _ = other


def test_a_lifted_closure_and_longer_hours_find_the_entries_they_let_in(oslo: Clinic) -> None:
    from planner.services.clinic import add_closure
    from planner.services.clinic_setup import edit_practitioner, remove_closure
    from planner.services.waitlist.freed import CLOSURE, HOURS, last_change, rematch_since

    # Per Lie works Monday and Wednesday; Nina can come on Tuesdays only, 09-11.
    tuesdays = add_entry(
        oslo.store,
        WaitlistRequest(
            patient_id=oslo.nina,
            weeks=3,
            per_week=1,
            duration_min=30,
            modality="physiotherapy",
            practitioner_ids=(oslo.physio,),
            location_id=oslo.location,
            weekdays=(1,),
            windows=((time(9), time(11)),),
        ),
        now=NOW,
    )
    # Kari waits for Ingrid's mornings, but the location is closed for her whole range.
    closed = add_closure(
        oslo.store, oslo.location, NOW.date(), NOW.date() + timedelta(days=70), "renovation"
    )
    mornings = add_entry(oslo.store, fibro(oslo, oslo.kari), now=NOW)
    assert all(not m.candidates for m in match_entries(oslo.store, now=NOW))

    mark = last_change(oslo.store)
    remove_closure(oslo.store, closed.closure.id)
    lifted = rematch_since(oslo.store, mark, now=NOW)
    assert lifted.cause == CLOSURE
    assert [m.entry.id for m in lifted.matches] == [mornings.id]

    mark = lifted.last_change
    edit_practitioner(oslo.store, oslo.physio, workplaces={oslo.location: "mon-wed 08:00-16:00"})
    longer = rematch_since(oslo.store, mark, now=NOW)
    assert longer.cause == HOURS
    assert [m.entry.id for m in longer.matches] == [tuesdays.id]
    best = longer.matches[0].best
    assert best is not None and best.start == datetime(2027, 1, 5, 9, 0)
