"""Booking service: preview, book, refusals that change nothing, and the session operations."""

from __future__ import annotations

import multiprocessing
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from planner.core.domain import Kind, Phase
from planner.core.regions import parse_scored_regions
from planner.db.models import Appointment, Plan
from planner.db.store import Store
from planner.errors import (
    BadInput,
    ClinicClosed,
    Conflict,
    InvalidState,
    InvalidTime,
    NotFound,
    NotPermitted,
    PlannerError,
    ScreeningRequired,
)
from planner.services import clinic
from planner.services.booking.appointments import list_appointments
from planner.services.booking.edits import (
    cancel,
    cancel_rest,
    delete_plan,
    move,
    reopen,
    restore,
    revert_cancel,
)
from planner.services.booking.plans import PlanRequest, book, preview
from planner.services.booking.scores import attend, no_show

from ..conftest import FROZEN_NOW, Clinic


def fibro(
    c: Clinic, patient: int | None = None, start: str = "2026-09-15T10:00", **kw: Any
) -> PlanRequest:
    return PlanRequest(
        patient_id=patient or c.kari,
        practitioner_id=c.practitioner,
        start=start,
        template="Fibromyalgia acupuncture",
        **kw,
    )


def dump(store: Store) -> list[tuple[Any, ...]]:
    """Every row that matters, to prove a refused action changed nothing."""
    with store.read() as s:
        appts = s.execute(
            select(
                Appointment.id, Appointment.status, Appointment.start_utc, Appointment.revision
            ).order_by(Appointment.id)
        ).all()
        plans = s.execute(select(Plan.id, Plan.status).order_by(Plan.id)).all()
    return [tuple(r) for r in appts] + [("plan", *r) for r in plans]


def test_fibromyalgia_template_books_twelve_sessions_across_dst(oslo: Clinic) -> None:
    res = book(oslo.store, fibro(oslo, regions=["neck", "shoulders", "lower-back"]), now=FROZEN_NOW)
    sessions = res.appointments
    assert [s["kind"] for s in sessions] == ["assessment"] + ["treatment"] * 9 + [
        "reassessment",
        "follow-up",
    ]
    treatments = [s for s in sessions if s["kind"] == "treatment"]
    assert all(s["local_start"].endswith("T10:00") for s in sessions)
    days = [date.fromisoformat(s["local_start"][:10]) for s in treatments]
    assert days == [date(2026, 9, 22) + timedelta(weeks=i) for i in range(9)]
    # Europe/Oslo leaves summer time on 25 Oct 2026: UTC 08:00 before, 09:00 after.
    assert treatments[4]["utc_start"] == "2026-10-20T08:00Z"
    assert treatments[5]["utc_start"] == "2026-10-27T09:00Z"
    assert sessions[10]["local_start"] == "2026-11-24T10:00"
    assert sessions[11]["local_start"] == "2027-11-16T10:00"
    assert len({s["uid"] for s in sessions}) == 12
    with oslo.store.read() as s:
        plan = s.get(Plan, res.plan_id)
        assert plan is not None
        assert [r.region for r in plan.regions] == ["neck", "shoulders", "lower-back"]
        assert plan.rule["phases"][1]["weeks"] == 9


def test_plan_over_a_norwegian_holiday_keeps_its_count(oslo: Clinic) -> None:
    """A weekly Monday plan over Easter Monday 2027 (29 Mar) moves that session to Tuesday."""
    req = PlanRequest(
        patient_id=oslo.kari,
        practitioner_id=oslo.practitioner,
        start="2027-03-15T09:00",
        phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=4),),
        modality="acupuncture",
    )
    pv = preview(oslo.store, req)
    assert len(pv.sessions) == 4
    moved = pv.sessions[2]
    assert moved.local_start == datetime(2027, 3, 30, 9, 0)
    assert moved.state.value == "shifted"
    assert "Easter Monday" in moved.reasons[0].message


def test_preview_writes_nothing(oslo: Clinic) -> None:
    before = dump(oslo.store)
    pv = preview(oslo.store, fibro(oslo))
    assert pv.proposal.bookable
    assert dump(oslo.store) == before


def test_same_practitioner_same_time_is_refused_and_changes_nothing(oslo: Clinic) -> None:
    book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    before = dump(oslo.store)
    with pytest.raises(Conflict) as err:
        book(oslo.store, fibro(oslo, patient=oslo.nina), now=FROZEN_NOW)
    assert err.value.exit_code == 3
    assert err.value.details["conflicts"][0]["appointment_id"] == 1
    assert "Kari Nordmann" in err.value.details["conflicts"][0]["description"]
    assert dump(oslo.store) == before


def test_patient_double_booking_with_another_practitioner_is_refused(oslo: Clinic) -> None:
    book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    other = clinic.add_practitioner(oslo.store, "Siri Moe", "acupuncturist", [oslo.location])
    req = fibro(oslo)
    req.practitioner_id = other.id
    with pytest.raises(Conflict) as err:
        book(oslo.store, req, now=FROZEN_NOW)
    assert {c["resource"] for c in err.value.details["conflicts"]} == {"patient"}


def test_room_double_booking_is_refused(oslo: Clinic) -> None:
    book(oslo.store, fibro(oslo, room_id=oslo.room), now=FROZEN_NOW)
    other = clinic.add_practitioner(oslo.store, "Siri Moe", "acupuncturist", [oslo.location])
    req = fibro(oslo, patient=oslo.nina, room_id=oslo.room)
    req.practitioner_id = other.id
    with pytest.raises(Conflict) as err:
        book(oslo.store, req, now=FROZEN_NOW)
    assert {c["resource"] for c in err.value.details["conflicts"]} == {"room"}


def test_conflict_policy_same_day_moves_around_a_booking(oslo: Clinic) -> None:
    book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    res = book(
        oslo.store, fibro(oslo, patient=oslo.nina, conflict_policy="same-day"), now=FROZEN_NOW
    )
    first = res.preview.sessions[0]
    assert first.state.value == "shifted"
    assert first.local_start == datetime(2026, 9, 15, 10, 45)  # after the 45-minute assessment
    assert first.reasons[0].code == "practitioner-busy"


def test_screening_flags_must_be_acknowledged_for_needling(oslo: Clinic) -> None:
    before = dump(oslo.store)
    with pytest.raises(ScreeningRequired, match="anticoagulants"):
        book(oslo.store, fibro(oslo, patient=oslo.ola), now=FROZEN_NOW)
    assert dump(oslo.store) == before
    res = book(oslo.store, fibro(oslo, patient=oslo.ola, acknowledge_flags=True), now=FROZEN_NOW)
    with oslo.store.read() as s:
        plan = s.get(Plan, res.plan_id)
        assert plan is not None
        assert plan.acknowledged_flags == ["anticoagulants"]
        assert plan.acknowledged_at == FROZEN_NOW


def test_screening_flags_do_not_block_physiotherapy(oslo: Clinic) -> None:
    req = PlanRequest(
        patient_id=oslo.ola,
        practitioner_id=oslo.physio,
        start="2026-09-16T09:00",
        template="Physiotherapy, fortnightly",
    )
    assert book(oslo.store, req, now=FROZEN_NOW).plan_id


def test_unlicensed_practitioner_may_not_needle(oslo: Clinic) -> None:
    req = fibro(oslo, start="2026-09-16T10:00")
    req.practitioner_id = oslo.physio
    with pytest.raises(NotPermitted, match="licensed to needle"):
        book(oslo.store, req, now=FROZEN_NOW)


@pytest.mark.parametrize(
    ("change", "error", "match"),
    [
        ({"start": "2026-03-29T02:30"}, InvalidTime, "does not exist"),
        ({"start": "2026-10-25T02:30"}, InvalidTime, "happens twice"),
        ({"start": "2026-09-15 25:00"}, BadInput, "not a real date"),
        ({"start": "next tuesday"}, BadInput, "cannot read the date"),
        ({"regions": ["neck", "tail"]}, BadInput, "unknown body region 'tail'"),
        ({"regions": ["shoulder"]}, BadInput, "which side"),
        ({"patient_id": 999}, NotFound, "no patient with id 999"),
        ({"practitioner_id": 999}, NotFound, "no practitioner with id 999"),
        ({"start": "2026-09-17T10:00", "practitioner_id": "physio"}, BadInput, "does not work thu"),
        ({"start": "2026-09-15T16:00"}, BadInput, "does not work tue 16:00-16:45"),
        ({"start": "2026-09-15T17:45"}, BadInput, "is not open tue 17:45-18:30"),
        ({"template": "Nope"}, NotFound, "no template called 'Nope'"),
        ({"holiday_policy": "whenever"}, BadInput, "unknown holiday policy"),
    ],
)
def test_bad_requests_are_refused_and_change_nothing(
    oslo: Clinic, change: dict[str, Any], error: type[PlannerError], match: str
) -> None:
    req = fibro(oslo)
    for k, v in change.items():
        if v == "physio":
            v = oslo.physio
        setattr(req, k, v)
    before = dump(oslo.store)
    with pytest.raises(error, match=match) as err:
        book(oslo.store, req, now=FROZEN_NOW)
    assert err.value.exit_code in (2, 3, 4)
    assert dump(oslo.store) == before


@pytest.mark.parametrize("minutes", [0, -15, 481])
def test_bad_durations_are_refused(oslo: Clinic, minutes: int) -> None:
    req = PlanRequest(
        patient_id=oslo.kari,
        practitioner_id=oslo.practitioner,
        start="2026-09-15T10:00",
        phases=(Phase(Kind.TREATMENT, duration_min=minutes, weeks=3),),
        modality="acupuncture",
    )
    with pytest.raises(BadInput, match="session length"):
        book(oslo.store, req, now=FROZEN_NOW)
    assert dump(oslo.store) == []


def test_plan_starting_on_a_holiday_moves_its_first_session(oslo: Clinic) -> None:
    """17 May 2027 is a Monday and Constitution Day: the first session goes to Tuesday."""
    req = PlanRequest(
        patient_id=oslo.kari,
        practitioner_id=oslo.practitioner,
        start="2027-05-17T10:00",
        phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=3),),
        modality="acupuncture",
    )
    res = book(oslo.store, req, now=FROZEN_NOW)
    first = res.preview.sessions[0]
    assert first.local_start == datetime(2027, 5, 18, 10, 0)
    assert first.reasons[0].code == "holiday" and "Constitution Day" in first.reasons[0].message
    assert [s["local_start"] for s in res.appointments][1:] == [
        "2027-05-24T10:00",
        "2027-05-31T10:00",
    ]


def _booked(store: Store, plan_id: int) -> list[Appointment]:
    with store.read() as s:
        return list_appointments(s, plan_id=plan_id)


def test_move_one_session_keeps_its_uid_and_raises_its_revision(oslo: Clinic) -> None:
    res = book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    third = res.appointments[3]
    moved = move(oslo.store, third["id"], "2026-10-08T14:00", now=FROZEN_NOW).moved
    assert moved[0]["uid"] == third["uid"] and moved[0]["revision"] == 1
    assert moved[0]["local_start"] == "2026-10-08T14:00"
    assert moved[0]["original_local_start"] == "2026-10-06T10:00"
    others = [a for a in _booked(oslo.store, res.plan_id) if a.id != third["id"]]
    assert all(a.revision == 0 for a in others)


def test_move_this_and_following_shifts_the_rest_in_wall_clock_time(oslo: Clinic) -> None:
    res = book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    t4 = res.appointments[4]  # 13 Oct, before the DST change
    moved = move(oslo.store, t4["id"], "2026-10-14T11:00", following=True, now=FROZEN_NOW).moved
    assert len(moved) == 8
    assert all(m["local_start"][11:] == "11:00" for m in moved)
    assert [m["local_start"][:10] for m in moved][:3] == ["2026-10-14", "2026-10-21", "2026-10-28"]
    assert (
        moved[0]["utc_start"] == "2026-10-14T09:00Z"
        and moved[2]["utc_start"] == "2026-10-28T10:00Z"
    )


def test_move_into_a_conflict_is_refused_and_nothing_moves(oslo: Clinic) -> None:
    book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    other = book(
        oslo.store, fibro(oslo, patient=oslo.nina, start="2026-09-15T11:00"), now=FROZEN_NOW
    )
    before = dump(oslo.store)
    with pytest.raises(Conflict, match="practitioner is booked"):
        move(oslo.store, other.appointments[1]["id"], "2026-09-22T10:15", now=FROZEN_NOW)
    with pytest.raises(ClinicClosed, match="Christmas"):
        move(oslo.store, other.appointments[1]["id"], "2026-12-25T10:00", now=FROZEN_NOW)
    with pytest.raises(Conflict):
        move(
            oslo.store,
            other.appointments[1]["id"],
            "2026-09-22T09:45",
            following=True,
            now=FROZEN_NOW,
        )
    assert dump(oslo.store) == before


def test_cancel_with_extension_keeps_the_count_and_moves_the_reassessment(oslo: Clinic) -> None:
    res = book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    t3 = res.appointments[3]
    out = cancel(oslo.store, t3["id"], extend=True, now=FROZEN_NOW)
    assert out.cancelled[0]["status"] == "cancelled" and out.cancelled[0]["revision"] == 1
    assert out.added is not None and out.added["kind"] == "treatment"
    assert out.added["local_start"] == "2026-11-24T10:00"  # the week after treatment 9
    shifted = {a["kind"]: a["local_start"] for a in out.shifted}
    assert shifted == {"reassessment": "2026-12-01T10:00", "follow-up": "2027-11-23T10:00"}
    rows = _booked(oslo.store, res.plan_id)
    active = [a for a in rows if a.status == "booked"]
    assert sum(a.kind == "treatment" for a in active) == 9
    assert len(rows) == 13


def test_cancel_without_extension_and_then_again_is_refused(oslo: Clinic) -> None:
    res = book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    cancel(oslo.store, res.appointments[2]["id"], now=FROZEN_NOW)
    before = dump(oslo.store)
    with pytest.raises(InvalidState, match="is cancelled"):
        cancel(oslo.store, res.appointments[2]["id"], now=FROZEN_NOW)
    assert dump(oslo.store) == before


def test_cancel_rest_of_plan_keeps_the_past(oslo: Clinic) -> None:
    res = book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    later = datetime(2026, 10, 1, 12, 0)
    attend(oslo.store, res.appointments[0]["id"], now=later)
    out = cancel_rest(oslo.store, res.plan_id, now=later)
    assert len(out.cancelled) == 9  # 6 Oct onwards: 7 treatments, reassessment, follow-up
    statuses = [a.status for a in _booked(oslo.store, res.plan_id)]
    assert statuses[:3] == ["attended", "booked", "booked"]
    assert statuses[3:] == ["cancelled"] * 9


def test_attend_records_regions_and_pain(oslo: Clinic) -> None:
    res = book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    a = res.appointments[0]
    with pytest.raises(InvalidState, match="before it starts"):
        attend(oslo.store, a["id"], now=FROZEN_NOW)
    done = attend(
        oslo.store,
        a["id"],
        parse_scored_regions("neck:6,shoulder-left:4,lower-back"),
        now=datetime(2026, 9, 15, 9, 0),
    )
    assert done["status"] == "attended"
    assert done["regions"] == [
        {"region": "neck", "pain": 6},
        {"region": "shoulder-left", "pain": 4},
        {"region": "lower-back", "pain": None},
    ]


def test_no_show_only_after_the_start(oslo: Clinic) -> None:
    res = book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    a = res.appointments[1]
    with pytest.raises(InvalidState):
        no_show(oslo.store, a["id"], now=FROZEN_NOW)
    assert no_show(oslo.store, a["id"], now=datetime(2026, 9, 22, 9, 0))["status"] == "no-show"


def test_closure_lists_the_sessions_it_hits(oslo: Clinic) -> None:
    book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    res = clinic.add_closure(
        oslo.store, oslo.location, date(2026, 10, 5), date(2026, 10, 9), "staff course"
    )
    assert [a.start_local for a in res.hits] == [datetime(2026, 10, 6, 10, 0)]
    pv = preview(oslo.store, fibro(oslo, patient=oslo.nina, start="2026-09-15T12:00"))
    week4 = pv.sessions[3]
    # Closed Monday to Friday: the next working day at the same time is Monday 12 Oct.
    assert week4.reasons[0].code == "closure" and week4.local_start == datetime(2026, 10, 12, 12, 0)


def test_missing_session_is_not_found(oslo: Clinic) -> None:
    with pytest.raises(NotFound):
        cancel(oslo.store, 12345)


def test_two_desks_booking_the_same_practitioner_at_once(db_path: Path, oslo: Clinic) -> None:
    """Two processes check and book the same slots at the same moment: only one succeeds."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Manager().Barrier(2)
    from .race_worker import book_slowly

    with ctx.Pool(2) as pool:
        jobs = [
            pool.apply_async(
                book_slowly,
                (str(db_path), patient, oslo.practitioner, "2026-09-15T10:00", barrier, 0.4),
            )
            for patient in (oslo.kari, oslo.nina)
        ]
        results = sorted(j.get(timeout=60) for j in jobs)
    assert results[0].startswith("Conflict: cannot book"), results
    assert results[1].startswith("booked"), results
    with oslo.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Plan)) == 1
        assert s.scalar(select(func.count()).select_from(Appointment)) == 6


def test_undo_operations_return_to_the_same_rows(oslo: Clinic) -> None:
    res = book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    start = [(a.id, a.status, a.start_utc) for a in _booked(oslo.store, res.plan_id)]
    out = cancel(oslo.store, res.appointments[3]["id"], extend=True, now=FROZEN_NOW)
    revert_cancel(oslo.store, out, now=FROZEN_NOW)
    assert [(a.id, a.status, a.start_utc) for a in _booked(oslo.store, res.plan_id)] == start
    cancel(oslo.store, res.appointments[5]["id"], now=FROZEN_NOW)
    assert restore(oslo.store, res.appointments[5]["id"], now=FROZEN_NOW)["status"] == "booked"
    done = attend(
        oslo.store,
        res.appointments[0]["id"],
        parse_scored_regions("neck:5"),
        now=datetime(2026, 9, 15, 9),
    )
    assert done["regions"]
    assert reopen(oslo.store, res.appointments[0]["id"])["regions"] == []
    with pytest.raises(InvalidState, match="attended, moved or cancelled"):
        delete_plan(oslo.store, res.plan_id)


def test_restore_refuses_a_taken_slot_and_delete_plan_removes_a_fresh_booking(oslo: Clinic) -> None:
    res = book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    cancel(oslo.store, res.appointments[1]["id"], now=FROZEN_NOW)
    other = book(
        oslo.store,
        PlanRequest(
            patient_id=oslo.nina,
            practitioner_id=oslo.practitioner,
            start="2026-09-22T10:00",
            phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=1),),
            modality="acupuncture",
        ),
        now=FROZEN_NOW,
    )
    before = dump(oslo.store)
    with pytest.raises(Conflict, match="cannot be restored"):
        restore(oslo.store, res.appointments[1]["id"], now=FROZEN_NOW)
    assert dump(oslo.store) == before
    delete_plan(oslo.store, other.plan_id)
    assert restore(oslo.store, res.appointments[1]["id"], now=FROZEN_NOW)["status"] == "booked"
