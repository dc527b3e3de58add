"""The waitlist on PostgreSQL: the occupancy index reads the driver's timestamps, and a
candidate matched there books as shown, closing its entry in the booking's transaction."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from planner.core.domain import Kind, Phase
from planner.db.store import Store
from planner.services import clinic
from planner.services.booking.edits import cancel_rest
from planner.services.booking.plans import PlanRequest, book
from planner.services.waitlist.booking import book_match
from planner.services.waitlist.entries import WaitlistRequest, add_entry, list_entries
from planner.services.waitlist.freed import last_change, rematch_since
from planner.services.waitlist.matching import match_entries

pytestmark = pytest.mark.slow

NOW = datetime(2031, 1, 6, 7, 0)  # Monday 6 Jan 2031, naive UTC


def test_match_cancel_rematch_and_book_on_postgresql(pg_url: str) -> None:
    store = Store(pg_url, create=True)
    try:
        loc = clinic.add_location(
            store, "Oslo", "Europe/Oslo", country="NO", hours=["mon-fri 08:00-18:00"]
        )
        acu = clinic.add_practitioner(
            store, "Ingrid Berg", "acupuncturist", [loc.id], hours=["mon-fri 08:00-16:00"]
        )
        kari = clinic.add_patient(store, "Kari Nordmann")
        nina = clinic.add_patient(store, "Nina Dahl")
        held = book(
            store,
            PlanRequest(
                patient_id=nina.id,
                practitioner_id=acu.id,
                start=datetime(2031, 1, 7, 8, 0),
                phases=(
                    Phase(Kind.TREATMENT, duration_min=240, weeks=20, per_week=2, weekdays=(1, 3)),
                ),
                modality="acupuncture",
                location_id=loc.id,
                holiday_policy="keep-flag",
            ),
            now=NOW,
        )
        e = add_entry(
            store,
            WaitlistRequest(
                patient_id=kari.id,
                template="Fibromyalgia acupuncture",
                practitioner_ids=(acu.id,),
                location_id=loc.id,
                weekdays=(1, 3),
                windows=((time(8), time(12)),),
                earliest=date(2031, 1, 7),
            ),
            now=NOW,
        )
        assert match_entries(store, now=NOW)[0].candidates == []
        mark = last_change(store)
        cancel_rest(store, held.plan_id, now=NOW)
        found = rematch_since(store, mark, now=NOW)
        [m] = found.matches
        assert m.best is not None and m.best.start == datetime(2031, 1, 7, 8, 0)
        shown = sorted(s.local_start for s in m.best.sessions if s.local_start)
        booked = book_match(store, e.id, now=NOW)
        assert (
            sorted(datetime.fromisoformat(a["local_start"]) for a in booked.appointments) == shown
        )
        [closed] = list_entries(store, include_closed=True)
        assert closed.status == "booked" and closed.plan_id == booked.plan_id
    finally:
        store.close()
