"""``planner check`` and the window's start-up check: SQLite's findings and the schema's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from planner.db.store import Store, head_revision
from planner.services import clinic, integrity
from tests.damage import damage_table


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "clinic.db"
    st = Store(str(path), create=True)
    loc = clinic.add_location(st, "Oslo sentrum", "Europe/Oslo", country="NO")
    clinic.add_practitioner(st, "Ingrid Berg", "acupuncturist", [loc.id])
    clinic.add_patient(st, "Kari Nordmann")
    st.close()
    return path


def _sql(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA foreign_keys=OFF")
        for sql in statements:
            con.execute(sql)
        con.commit()
    finally:
        con.close()


def test_a_sound_database_is_ok_in_both_checks_and_as_json(db: Path) -> None:
    for quick in (False, True):
        report = integrity.check_database(str(db), quick=quick)
        assert report.ok and not report.damaged and report.revision == head_revision()
        assert report.text.startswith(f"{db}: OK ({'quick check' if quick else 'check'}, ")
        assert report.to_json()["ok"] is True and report.to_json()["size"] == db.stat().st_size
    st = Store(str(db))
    try:
        assert integrity.check(st, quick=True).ok and integrity.worth_quick_check(st)
    finally:
        st.close()


def test_rows_pointing_at_rows_that_are_gone_are_found_by_the_full_check_only(db: Path) -> None:
    _sql(db, "DELETE FROM locations")  # the practitioner's location link now points nowhere
    full = integrity.check_database(str(db))
    assert not full.ok and not full.damaged
    assert any("point at rows that are gone" in p for p in full.problems), full.problems
    assert integrity.check_database(str(db), quick=True).ok


def test_an_old_or_unknown_schema_and_a_missing_table_are_reported_not_upgraded(db: Path) -> None:
    _sql(db, "UPDATE alembic_version SET version_num = '0001'")
    report = integrity.check_database(str(db))
    assert report.problems == [
        f"the schema is at revision 0001, not this planner's {head_revision()}"
    ]
    con = sqlite3.connect(db)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    con.close()
    _sql(db, "UPDATE alembic_version SET version_num = 'head'", "DROP TABLE closures")
    report = integrity.check_database(str(db))
    assert "tables missing: closures" in report.problems
    _sql(db, "DROP TABLE alembic_version")
    assert "the schema has no planner revision" in integrity.check_database(str(db)).problems


def test_damaged_pages_are_damage_and_name_the_newest_backup(db: Path) -> None:
    from planner.services import backups

    st = Store(str(db))
    try:
        made = backups.backup_now(st).info.path
    finally:
        st.close()
    damage_table(db, "patients")
    report = integrity.check_database(str(db))
    assert report.damaged and report.problems[0].startswith("SQLite: ")
    advice = integrity.backup_advice(db)
    assert advice.startswith(f"restore the newest good backup, {made.name} of ")
    assert advice.endswith(f"'planner restore {made}'")
