"""The database handle: migrations, refusals of unusable files, SQLite settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, func, select

from planner.db import store as store_mod
from planner.db.models import Base, Location, PlanTemplate
from planner.db.store import Store, head_revision
from planner.errors import DatabaseError, SchemaTooNew


def _snapshot(path: Path) -> bytes:
    return path.read_bytes()


def test_new_database_is_at_head_with_seeded_templates(store: Store) -> None:
    assert store.revision() == head_revision()
    with store.read() as s:
        names = set(s.scalars(select(PlanTemplate.name)))
    assert {"Fibromyalgia acupuncture", "Dry needling, acute"} <= names


def test_migrations_build_exactly_the_models(store: Store) -> None:
    """Autogenerate finds nothing to do: the migrations and the models agree."""
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_sqlite_runs_in_wal_with_foreign_keys_and_busy_timeout(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == store_mod.BUSY_TIMEOUT_MS


def test_older_database_is_upgraded_in_place_keeping_its_data(db_path: Path) -> None:
    """A database left at revision 0001 (before templates) with a location in it."""
    engine = create_engine(f"sqlite:///{db_path}")
    cfg = store_mod._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(
            "INSERT INTO locations (name, address, phone, tz, country, opening_hours) "
            "VALUES ('Bergen', '', '', 'Europe/Oslo', 'NO', '{}')"
        )
    engine.dispose()
    st = Store(str(db_path))
    try:
        assert st.revision() == head_revision()
        with st.read() as s:
            assert s.scalar(select(Location.name)) == "Bergen"
            assert s.scalars(select(func.count()).select_from(PlanTemplate)).one() >= 3
    finally:
        st.close()
    backup = db_path.with_name(db_path.name + ".before-upgrade-from-0001")
    assert backup.exists()
    con = sqlite3.connect(backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    con.close()


def test_database_from_a_newer_planner_is_refused_untouched(db_path: Path) -> None:
    Store(str(db_path), create=True).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = _snapshot(db_path)
    with pytest.raises(SchemaTooNew, match="newer version of planner"):
        Store(str(db_path))
    assert _snapshot(db_path) == before


def test_empty_file_is_refused_and_left_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with pytest.raises(DatabaseError, match="no planner data yet"):
        Store(str(path))
    assert path.read_bytes() == b""


def test_file_that_is_not_a_database_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    garbage = b"this is not a database\x00" * 400
    path.write_bytes(garbage)
    with pytest.raises(DatabaseError, match="is not a planner database") as caught:
        Store(str(path), create=True)
    assert "damaged" not in caught.value.message
    assert path.read_bytes() == garbage


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="not a planner database"):
        Store(str(path), create=True)


def test_missing_explicit_file_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "typo.db"
    with pytest.raises(DatabaseError, match="no database at"):
        Store(str(path))
    assert not path.exists()


def test_default_database_lives_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PLANNER_DB", raising=False)
    monkeypatch.setattr(store_mod, "default_db_path", lambda: tmp_path / "data" / "planner.db")
    st = Store()
    try:
        assert st.path == tmp_path / "data" / "planner.db"
        assert st.revision() == head_revision()
    finally:
        st.close()


def test_planner_db_environment_variable_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "env.db"
    monkeypatch.setenv("PLANNER_DB", str(target))
    st = Store(create=True)
    try:
        assert st.path == target.resolve()
    finally:
        st.close()


def test_write_rolls_back_everything_on_error(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as s:
        s.add(Location(name="Half", tz="Europe/Oslo", opening_hours={}))
        s.flush()
        raise RuntimeError("boom")
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Location)) == 0
