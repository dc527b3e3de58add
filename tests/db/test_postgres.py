"""The same schema and the same booking rules on PostgreSQL, for clinics with several desks."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from planner.db.models import Appointment, Base, Plan, PlanTemplate
from planner.db.store import Store, head_revision
from planner.errors import Conflict, DatabaseError
from planner.services import clinic
from planner.services.booking.plans import PlanRequest, book

from ..conftest import FROZEN_NOW

pytestmark = pytest.mark.slow


def _clinic(store: Store) -> tuple[int, int, int]:
    loc = clinic.add_location(store, "Oslo sentrum", "Europe/Oslo", country="NO")
    acu = clinic.add_practitioner(store, "Ingrid Berg", "acupuncturist", [loc.id])
    kari = clinic.add_patient(store, "Kari Nordmann")
    nina = clinic.add_patient(store, "Nina Dahl")
    return acu.id, kari.id, nina.id


def test_migrations_and_models_agree_on_postgresql(pg_url: str) -> None:
    store = Store(pg_url, create=True)
    try:
        assert store.revision() == head_revision()
        with store.read() as s:
            assert s.scalars(select(func.count()).select_from(PlanTemplate)).one() >= 3
            tpl = s.scalar(
                select(PlanTemplate).where(PlanTemplate.name == "Fibromyalgia acupuncture")
            )
            assert tpl is not None and tpl.regions == ["neck", "shoulders", "lower-back"]
        with store.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        store.close()


def test_uninitialised_postgresql_database_is_refused(pg_url: str) -> None:
    with pytest.raises(DatabaseError, match="has no planner data yet"):
        Store(pg_url)


def test_booking_and_refusal_on_postgresql(pg_url: str) -> None:
    store = Store(pg_url, create=True)
    try:
        acu, kari, nina = _clinic(store)
        req = PlanRequest(
            patient_id=kari,
            practitioner_id=acu,
            start="2026-09-15T10:00",
            template="Fibromyalgia acupuncture",
        )
        res = book(store, req, now=FROZEN_NOW)
        assert [a["utc_start"][11:16] for a in res.appointments][5:7] == ["08:00", "09:00"]
        with pytest.raises(Conflict):
            book(
                store,
                PlanRequest(
                    patient_id=nina,
                    practitioner_id=acu,
                    start="2026-09-15T10:00",
                    template="Fibromyalgia acupuncture",
                ),
                now=FROZEN_NOW,
            )
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(Appointment)) == 12
    finally:
        store.close()


def test_two_desks_on_postgresql(pg_url: str) -> None:
    """Row locks on the practitioner serialise the two desks: one books, one is refused."""
    store = Store(pg_url, create=True)
    try:
        acu, kari, nina = _clinic(store)
    finally:
        store.close()
    from ..services.race_worker import book_slowly

    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Manager().Barrier(2)
    with ctx.Pool(2) as pool:
        jobs = [
            pool.apply_async(book_slowly, (pg_url, p, acu, "2026-09-15T10:00", barrier, 0.4))
            for p in (kari, nina)
        ]
        results = sorted(j.get(timeout=120) for j in jobs)
    assert results[0].startswith("Conflict: cannot book"), results
    assert results[1].startswith("booked"), results
    store = Store(pg_url)
    try:
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(Plan)) == 1
    finally:
        store.close()


def test_text_too_long_for_its_column_is_refused_in_one_line_on_postgresql(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from planner.cli import main

    Store(pg_url, create=True).close()
    big = tmp_path / "big.json"
    phases = [{"kind": "treatment", "duration_min": 45, "weeks": 2, "per_week": 1}]
    template = {"name": "y" * 1_000_000, "modality": "acupuncture", "phases": phases}
    big.write_text(json.dumps(template))
    code = main(["--db", pg_url, "template", "import", str(big)])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "the name of the plan template is too long" in err and "yyyyyyyy" not in err
    code = main(["--db", pg_url, "patient", "add", "--name", "Ok", "--chart", "q" * 5000])
    err = capsys.readouterr().err
    assert code == 2 and "the chart number is too long" in err and "qqqqqqqq" not in err
    store = Store(pg_url)
    try:
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(PlanTemplate)) == 4
            assert not clinic.find_patients(s)
    finally:
        store.close()
