"""Migration 0006: why a session was cancelled (existing sessions get no reason)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, select

from planner.db import store as store_mod
from planner.db.models import Appointment
from planner.db.store import Store, head_revision
from planner.services import clinic
from planner.services.booking.edits import cancel
from planner.services.booking.plans import PlanRequest, book

NOW = datetime(2027, 3, 1, 9, 0)


def _a_cancelled_session(db_path: Path) -> int:
    st = Store(str(db_path), create=True)
    try:
        loc = clinic.add_location(
            st, "Oslo sentrum", "Europe/Oslo", country="NO", hours=["mon-fri 08:00-18:00"]
        )
        prac = clinic.add_practitioner(
            st, "Per Lie", "physiotherapist", [loc.id], hours=["mon-fri 08:00-16:00"]
        )
        kari = clinic.add_patient(st, "Kari Nordmann", phone="+47 900 00 001")
        res = book(
            st,
            PlanRequest(
                patient_id=kari.id,
                practitioner_id=prac.id,
                start="2027-03-09T10:00",
                template="Physiotherapy, fortnightly",
            ),
            now=NOW,
        )
        aid = int(res.appointments[1]["id"])
        cancel(st, aid, reason="patient ill", now=NOW)
        return aid
    finally:
        st.close()


def _migrate(db_path: Path, to: str, *, down: bool) -> list[str]:
    engine = create_engine(f"sqlite:///{db_path}")
    cfg = store_mod._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, to)
        cols = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(appointments)")]
    engine.dispose()
    return cols


def test_down_to_0005_drops_the_reason_and_up_again_gives_existing_sessions_none(
    db_path: Path,
) -> None:
    aid = _a_cancelled_session(db_path)
    assert "cancel_reason" not in _migrate(db_path, "0005", down=True)
    assert "cancel_reason" in _migrate(db_path, "0006", down=False)
    st = Store(str(db_path))
    try:
        assert st.revision() == head_revision()
        with st.read() as s:
            a = s.get(Appointment, aid)
            assert a is not None and (a.status, a.cancel_reason) == ("cancelled", "")
            assert all(r == "" for r in s.scalars(select(Appointment.cancel_reason)))
    finally:
        st.close()
