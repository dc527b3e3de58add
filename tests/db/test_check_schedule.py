"""scripts/check_schedule.py: what the race tests and the desk benchmark judge a database by."""

from __future__ import annotations

from scripts.check_schedule import main, violations
from sqlalchemy import delete, update

from planner.db.models import Appointment
from planner.services.booking import edits
from planner.services.booking.plans import PlanRequest, book

from ..conftest import FROZEN_NOW, Clinic

CLEAN: dict[str, list[str]] = {"overlaps": [], "plan_counts": [], "revisions": []}


def _plan(oslo: Clinic) -> list[int]:
    req = PlanRequest(
        patient_id=oslo.kari,
        practitioner_id=oslo.practitioner,
        room_id=oslo.room,
        start="2027-01-04T10:00",
        template="Dry needling, acute",
    )
    return [int(a["id"]) for a in book(oslo.store, req, now=FROZEN_NOW).appointments]


def test_a_schedule_changed_through_the_services_is_clean(oslo: Clinic) -> None:
    ids = _plan(oslo)
    edits.cancel(oslo.store, ids[1], extend=True, now=FROZEN_NOW)  # made up for by the added one
    edits.cancel(oslo.store, ids[2], now=FROZEN_NOW)  # counts as planned
    moved = edits.move(oslo.store, ids[3], "2027-01-26T11:00", now=FROZEN_NOW)
    edits.move_back(oslo.store, moved.previous, now=FROZEN_NOW, expect=moved.revisions())
    assert violations(oslo.store) == CLEAN


def test_each_kind_of_damage_is_found(oslo: Clinic) -> None:
    ids = _plan(oslo)
    with oslo.store.write() as s:  # behind the services' back, as a lost update would leave it
        first = s.get(Appointment, ids[0])
        assert first is not None
        s.execute(
            update(Appointment)
            .where(Appointment.id == ids[1])
            .values(start_utc=first.start_utc, end_utc=first.end_utc)
        )
        s.execute(update(Appointment).where(Appointment.id == ids[2]).values(revision=1))
        s.execute(delete(Appointment).where(Appointment.id == ids[5]))
    found = violations(oslo.store)
    assert found["overlaps"] == [f"sessions {ids[0]} and {ids[1]} of one practitioner overlap"]
    assert (
        len(found["plan_counts"]) == 1
        and "plans 6 sessions but has 5 live" in (found["plan_counts"][0])
    )
    assert found["revisions"] == [
        f"session {ids[2]} has revision 1 but the change log has 0 changes of it"
    ]
    assert main(["--db", str(oslo.store.path)]) == 1
