"""Series moves: the preview of "this and following", its fixes, and the move that follows it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from planner.core.domain import Kind, Phase, SessionState
from planner.db.models import Appointment
from planner.db.store import Store
from planner.errors import BadInput, ClinicClosed, Conflict
from planner.services import clinic
from planner.services.booking.edits import move, move_back
from planner.services.booking.moves import preview_move
from planner.services.booking.plans import PlanRequest, book

from ..conftest import Clinic

NOW = datetime(2027, 1, 4, 12, 0)
"""Before every session these tests book (naive UTC)."""


def weekly(c: Clinic, patient: int, start: str, weeks: int) -> list[dict[str, Any]]:
    req = PlanRequest(
        patient_id=patient,
        practitioner_id=c.practitioner,
        start=start,
        phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=weeks),),
        modality="acupuncture",
        room_id=c.room,
    )
    return book(c.store, req, now=NOW).appointments


def rows(store: Store) -> list[tuple[Any, ...]]:
    with store.read() as s:
        return [
            tuple(r)
            for r in s.execute(
                select(
                    Appointment.id,
                    Appointment.start_utc,
                    Appointment.practitioner_id,
                    Appointment.room_id,
                    Appointment.revision,
                ).order_by(Appointment.id)
            )
        ]


@pytest.fixture
def series(oslo: Clinic) -> list[dict[str, Any]]:
    """Kari: five Tuesdays at 10:00 from 2 Mar 2027; Nina holds Wednesdays 10 and 17 Mar at
    10:00 with the same practitioner and room."""
    kari = weekly(oslo, oslo.kari, "2027-03-02T10:00", 5)
    weekly(oslo, oslo.nina, "2027-03-10T10:00", 2)
    return kari


def test_preview_says_which_sessions_conflict_and_writes_nothing(
    oslo: Clinic, series: list[dict[str, Any]]
) -> None:
    before = rows(oslo.store)
    pv = preview_move(oslo.store, series[1]["id"], "2027-03-10T10:00", following=True)
    assert [m.state for m in pv.sessions] == [
        SessionState.CONFLICT,
        SessionState.CONFLICT,
        SessionState.FREE,
        SessionState.FREE,
    ]
    assert [m.old_local.day for m in pv.sessions] == [9, 16, 23, 30]
    assert [m.new_local.day if m.new_local else None for m in pv.sessions] == [None, None, 24, 31]
    assert [m.label for m in pv.sessions] == [f"Treatment {n}/5" for n in (2, 3, 4, 5)]
    assert pv.sessions[0].why.startswith("conflict: the practitioner is booked")
    assert "Nina Dahl" in pv.sessions[0].why
    assert pv.sessions[0].suggestion == datetime(2027, 3, 10, 10, 30)
    assert not pv.movable and len(pv.problems) == 2
    assert pv.patient.name == "Kari Nordmann" and pv.room is not None
    assert [r.name for r in pv.rooms] == ["Room 1"]
    js = pv.to_json()
    assert js["movable"] is False and js["sessions"][2]["status"] == "free"
    assert rows(oslo.store) == before


def test_refused_move_changes_nothing_and_names_no_ids(
    oslo: Clinic, series: list[dict[str, Any]]
) -> None:
    before = rows(oslo.store)
    with pytest.raises(Conflict) as err:
        move(oslo.store, series[1]["id"], "2027-03-10T10:00", following=True, now=NOW)
    assert "Treatment 2/5 on Wed 10 Mar 2027 10:00" in err.value.message
    assert "Nothing was moved" in err.value.message
    assert rows(oslo.store) == before


def test_conflict_policy_shifts_the_taken_sessions_and_the_move_writes_what_was_shown(
    oslo: Clinic, series: list[dict[str, Any]]
) -> None:
    pv = preview_move(
        oslo.store,
        series[1]["id"],
        "2027-03-10T10:00",
        following=True,
        conflict_policy="same-day",
    )
    assert pv.movable
    assert [m.state for m in pv.sessions][:2] == [SessionState.SHIFTED] * 2
    assert pv.sessions[0].why.startswith("shifted because the practitioner is booked")
    shown = [m.new_local for m in pv.sessions]
    res = move(
        oslo.store,
        series[1]["id"],
        "2027-03-10T10:00",
        following=True,
        conflict_policy="same-day",
        now=NOW,
    )
    assert [datetime.fromisoformat(m["local_start"]) for m in res.moved] == shown
    assert all(m["revision"] == 1 for m in res.moved)


def test_shift_this_one_fixes_only_the_chosen_session(
    oslo: Clinic, series: list[dict[str, Any]]
) -> None:
    pv = preview_move(oslo.store, series[1]["id"], "2027-03-10T10:00", following=True)
    first = pv.sessions[0]
    assert first.suggestion is not None
    fixed = preview_move(
        oslo.store,
        series[1]["id"],
        "2027-03-10T10:00",
        following=True,
        overrides={first.appointment_id: first.suggestion},
    )
    assert fixed.sessions[0].state is SessionState.SHIFTED and fixed.sessions[0].overridden
    assert fixed.sessions[0].why.startswith("shifted because moved by hand from Wed 10 Mar 10:00")
    assert fixed.sessions[1].state is SessionState.CONFLICT  # the next one is untouched
    with pytest.raises(BadInput, match="not among the sessions"):
        preview_move(
            oslo.store,
            series[1]["id"],
            "2027-03-10T10:00",
            following=True,
            overrides={series[0]["id"]: datetime(2027, 3, 3, 9, 0)},
        )


def test_extend_leaves_a_closed_week_out_and_keeps_the_rest_in_step(
    oslo: Clinic, series: list[dict[str, Any]]
) -> None:
    """Thu 25 Mar 2027 is Maundy Thursday, a public holiday in Norway."""
    pv = preview_move(oslo.store, series[1]["id"], "2027-03-11T10:00", following=True)
    assert pv.sessions[2].state is SessionState.UNPLACEABLE
    assert "Maundy Thursday" in pv.sessions[2].why
    ext = preview_move(oslo.store, series[1]["id"], "2027-03-11T10:00", following=True, extend=True)
    assert ext.movable
    assert [m.new_local.date().isoformat() if m.new_local else "" for m in ext.sessions] == [
        "2027-03-11",
        "2027-03-18",
        "2027-04-01",
        "2027-04-08",
    ]
    before = rows(oslo.store)
    with pytest.raises(ClinicClosed):
        move(oslo.store, series[1]["id"], "2027-03-11T10:00", following=True, now=NOW)
    assert rows(oslo.store) == before
    res = move(
        oslo.store, series[1]["id"], "2027-03-11T10:00", following=True, extend=True, now=NOW
    )
    assert [m["local_start"] for m in res.moved][2:] == ["2027-04-01T10:00", "2027-04-08T10:00"]


def test_room_and_practitioner_choices_and_the_undo_of_a_move(
    oslo: Clinic, series: list[dict[str, Any]]
) -> None:
    room2 = clinic.add_room(oslo.store, oslo.location, "Room 2")
    before = rows(oslo.store)
    pv = preview_move(
        oslo.store, series[1]["id"], "2027-03-10T10:00", following=True, room_id=room2.id
    )
    # the room is free now, but Ingrid is still booked with Nina
    assert pv.room is not None and pv.room.name == "Room 2"
    assert "the room is booked" not in pv.sessions[0].why
    assert "the practitioner is booked" in pv.sessions[0].why
    res = move(
        oslo.store,
        series[1]["id"],
        "2027-03-10T10:00",
        following=True,
        room_id=room2.id,
        conflict_policy="next-working-day",
        now=NOW,
    )
    assert {m["room_id"] for m in res.moved} == {room2.id}
    assert res.moved[0]["local_start"] == "2027-03-11T10:00"
    move_back(oslo.store, res.previous, now=NOW)
    after = rows(oslo.store)
    assert [r[:4] for r in after] == [r[:4] for r in before]
    with pytest.raises(BadInput, match="conflict policy"):
        preview_move(
            oslo.store, series[1]["id"], "2027-03-10T10:00", following=True, conflict_policy="x"
        )


def test_a_new_start_in_the_past_is_said_and_needs_allow_past(
    oslo: Clinic, series: list[dict[str, Any]]
) -> None:
    later = datetime(2027, 3, 20, 12, 0)  # the clock after the second session
    pv = preview_move(oslo.store, series[2]["id"], "2027-03-15T10:00", following=True, now=later)
    assert pv.past == "the new start, Mon 15 Mar 2027 10:00, is in the past"
    assert pv.to_json()["past"] == pv.past
    assert (
        preview_move(oslo.store, series[2]["id"], "2027-03-22T10:00", following=True).past is None
    )
    before = rows(oslo.store)
    with pytest.raises(BadInput, match="in the past"):
        move(oslo.store, series[2]["id"], "2027-03-15T10:00", following=True, now=later)
    assert rows(oslo.store) == before
