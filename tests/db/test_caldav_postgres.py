"""Publishing a practitioner's CalDAV calendar with the clinic on PostgreSQL (the row locks
and the per-resource transactions), against a real Radicale server."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from planner.core.domain import Kind, Phase
from planner.db.models import RecipientItem
from planner.db.store import Store
from planner.services import clinic
from planner.services.booking.edits import cancel, move
from planner.services.booking.plans import PlanRequest, book
from planner.services.caldav_client import PASSWORD_ENV
from planner.services.caldav_sync import publish
from planner.services.clinic_setup import edit_practitioner
from tests.caldav_server import RadicaleServer

NOW = datetime(2027, 1, 4, 12, 0)


def test_publish_on_postgres(
    pg_url: str, caldav_server: RadicaleServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(pg_url, create=True)
    try:
        loc = clinic.add_location(store, "Oslo", "Europe/Oslo", hours=["mon-fri 08:00-18:00"])
        pr = clinic.add_practitioner(store, "Ingrid Berg", "acupuncturist", [loc.id])
        kari = clinic.add_patient(store, "Kari Nordmann")
        nina = clinic.add_patient(store, "Nina Dahl")
        url = caldav_server.calendar_url("ingrid", "work")
        monkeypatch.setenv(PASSWORD_ENV, caldav_server.users["ingrid"])
        edit_practitioner(store, pr.id, caldav_url=url, caldav_user="ingrid")

        def plan(patient: int, start: str, weeks: int) -> list[int]:
            req = PlanRequest(
                patient_id=patient,
                practitioner_id=pr.id,
                start=start,
                phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=weeks),),
                modality="acupuncture",
            )
            return [a["id"] for a in book(store, req, now=NOW).appointments]

        ids = plan(kari.id, "2027-01-05 10:00", 3)
        (single,) = plan(nina.id, "2027-01-08 09:00", 1)
        assert publish(store, pr.id, now=NOW).added == 4
        cancel(store, single, now=NOW)
        move(store, ids[1], "2027-01-14 11:00", now=NOW)
        report = publish(store, pr.id, now=NOW, full=False)
        assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 1, 2)
        again = publish(store, pr.id, now=NOW)
        assert (again.updated, again.removed, again.unchanged) == (0, 0, 3)
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(RecipientItem)) == 3
    finally:
        store.close()
