"""Migration 0005: patients' preferred language (existing patients get English)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select

from planner.db import store as store_mod
from planner.db.models import Patient
from planner.db.store import Store, head_revision


def _at_0004_with_a_patient(url: str) -> None:
    engine = create_engine(url)
    cfg = store_mod._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
        conn.exec_driver_sql(
            "INSERT INTO patients (name, phone, email, notes, date_of_birth) "
            "VALUES ('Astrid Berg', '412 34 567', '', '', '1973-05-13')"
        )
    engine.dispose()


def _check_upgraded(store: Store) -> None:
    assert store.revision() == head_revision()
    with store.read() as s:
        p = s.scalar(select(Patient))
        assert p is not None
        assert (p.name, p.language, str(p.date_of_birth)) == ("Astrid Berg", "en", "1973-05-13")


def test_existing_patients_read_english_after_the_upgrade(db_path: Path) -> None:
    _at_0004_with_a_patient(f"sqlite:///{db_path}")
    st = Store(str(db_path))
    try:
        _check_upgraded(st)
    finally:
        st.close()


def test_downgrade_to_0004_drops_the_column(db_path: Path) -> None:
    Store(str(db_path), create=True).close()
    engine = create_engine(f"sqlite:///{db_path}")
    cfg = store_mod._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
        cols = [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(patients)")]
    engine.dispose()
    assert "language" not in cols and "date_of_birth" in cols


@pytest.mark.slow
def test_existing_patients_read_english_after_the_upgrade_on_postgresql(pg_url: str) -> None:
    _at_0004_with_a_patient(pg_url)
    st = Store(pg_url)
    try:
        _check_upgraded(st)
    finally:
        st.close()
