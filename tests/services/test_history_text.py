"""The change log in words (services.history_text): names, local times, no ids, no UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from planner.core.domain import Kind, Phase
from planner.services import clinic
from planner.services.booking.edits import cancel, move
from planner.services.booking.plans import PlanRequest, book
from planner.services.history import history
from planner.services.history_text import history_zone, lines_for

from ..conftest import Clinic

NOW = datetime(2027, 1, 4, 12, 0)


def _book(c: Clinic) -> list[int]:
    req = PlanRequest(
        patient_id=c.kari,
        practitioner_id=c.practitioner,
        start="2027-03-02T10:00",
        phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=3),),
        modality="acupuncture",
        room_id=c.room,
    )
    return [a["id"] for a in book(c.store, req, now=NOW).appointments]


def test_a_move_and_a_cancel_read_in_words_in_the_clinic_zone(oslo: Clinic) -> None:
    ids = _book(oslo)
    room2 = clinic.add_room(oslo.store, oslo.location, "Room 2").id
    move(oslo.store, ids[1], "2027-03-10T11:00", room_id=room2, now=NOW)
    cancel(oslo.store, ids[2], reason="patient ill", now=NOW)

    entries = history(oslo.store, session_id=ids[1])
    lines = lines_for(oslo.store, entries)
    assert [e.kind for e in entries] == ["created", "changed"]
    moved = lines[1]
    assert moved.subject == "treatment of Kari Nordmann, Wed 10 Mar 2027 11:00"
    assert moved.changes == (
        "start Tue 09 Mar 2027 10:00 → Wed 10 Mar 2027 11:00",
        "room Room 1 → Room 2",
    )
    assert moved.what.startswith("changed: start")
    # committed now (UTC): shown in Oslo time, the only zone of the clinic
    assert history_zone(oslo.store) == ZoneInfo("Europe/Oslo")
    at = entries[1].at.replace(tzinfo=UTC)
    assert moved.when == at.astimezone(ZoneInfo("Europe/Oslo"))
    assert moved.when_text == at.astimezone(ZoneInfo("Europe/Oslo")).strftime("%a %d %b %Y %H:%M")
    assert "Europe/Oslo" not in moved.text() and moved.entry.desk in moved.text()

    added = lines[0]
    assert added.what == (
        "added: start Tue 09 Mar 2027 10:00; length 30 min; practitioner Ingrid Berg; room Room 1"
    )
    (cancelled,) = lines_for(oslo.store, history(oslo.store, session_id=ids[2])[1:])
    assert cancelled.changes == ("status booked → cancelled", "reason (empty) → 'patient ill'")


def test_no_line_holds_an_id_or_a_utc_time(oslo: Clinic) -> None:
    ids = _book(oslo)
    move(oslo.store, ids[0], "2027-03-03T09:00", now=NOW)
    clinic.add_patient(oslo.store, "Per Persen", flags=["bleeding-disorder"])
    entries = history(oslo.store)
    lines = lines_for(oslo.store, entries)
    assert len(lines) == len(entries) > 10
    for line in lines:
        text = line.text()
        assert "_id" not in text and "#" not in text, text
        assert entries[0].at.isoformat()[:16] not in text  # naive UTC never shown
    patient = lines[-1]
    assert patient.subject == "patient Per Persen"
    assert patient.what == "added: phone (empty); screening Bleeding disorder"
    plan = next(x for x in lines if x.entry.entity == "plan")
    assert plan.subject == "plan acupuncture of Kari Nordmann"


def test_several_zones_show_the_computers_own(oslo: Clinic) -> None:
    clinic.add_location(oslo.store, "New York", "America/New_York", hours=["mon-fri 08:00-18:00"])
    here = datetime.now(UTC).astimezone().tzinfo
    assert history_zone(oslo.store).utcoffset(NOW) == here.utcoffset(NOW)  # type: ignore[union-attr]
    assert lines_for(oslo.store, []) == []


def test_a_removed_row_is_named_from_what_it_held(oslo: Clinic) -> None:
    from planner.services.clinic_setup import remove_room

    room = clinic.add_room(oslo.store, oslo.location, "Quiet room").id
    remove_room(oslo.store, room)
    last = lines_for(oslo.store, history(oslo.store))[-1]
    assert last.entry.kind == "deleted"
    assert last.subject == "room Quiet room"
    assert last.what == "removed"
