"""Backups of a SQLite database: online, checked before they count, rotated, restored."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from planner.db.backup import BackupRefused, make_backup, verify
from planner.db.store import Store
from planner.errors import BadInput, DatabaseBusy, Refused
from planner.services import backups, clinic
from planner.services.backups import backup_now, keep, list_backups, plan_restore, restore

from ..conftest import FROZEN_NOW, Clinic

PAGE = 4096


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _names(store: Store) -> list[str]:
    with store.read() as s:
        return [p.name for p in clinic.find_patients(s)]


def _corrupt(path: Path) -> None:
    """Garbage over pages 2 to 6 (the schema's first tables and indexes), header left whole."""
    with open(path, "r+b") as fh:
        fh.seek(PAGE)
        fh.write(bytes(range(256)) * (5 * PAGE // 256))


def test_a_backup_is_checked_named_by_its_time_and_private(oslo: Clinic, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    info = make_backup(oslo.store, folder, now=FROZEN_NOW)
    assert info.path == folder / "planner-20260901-120000.db"
    assert info.counts == {"sessions": 0, "patients": 3, "plans": 0}
    assert info.revision == oslo.store.revision()
    assert info.last_change > 0
    assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert sorted(p.name for p in folder.iterdir()) == [info.path.name]  # no -wal, no partial
    again = verify(info.path)
    assert (again.counts, again.made_at, again.size) == (info.counts, FROZEN_NOW, info.size)
    # two in one second get two names
    second = make_backup(oslo.store, folder, now=FROZEN_NOW)
    assert second.path.name == "planner-20260901-120000-2.db"


def test_a_backup_while_another_desk_writes_is_whole_and_does_not_hold_it_up(
    oslo: Clinic, db_path: Path, tmp_path: Path
) -> None:
    other = Store(str(db_path))
    stop = threading.Event()
    written: list[int] = []
    errors: list[BaseException] = []

    def desk() -> None:
        try:
            while not stop.is_set():
                written.append(clinic.add_patient(other, f"Patient {len(written)}").id)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=desk)
    thread.start()
    try:
        while not written and not errors:
            stop.wait(0.01)
        seen = []
        for i in range(5):
            info = make_backup(oslo.store, tmp_path / "backups", now=FROZEN_NOW + timedelta(i))
            seen.append(info.counts["patients"])
    finally:
        stop.set()
        thread.join()
        other.close()
    assert not errors
    assert seen == sorted(seen)  # each copy is one moment of the database
    assert seen[0] >= 3 and seen[-1] <= 3 + len(written)
    assert seen[-1] > seen[0]  # the desk kept writing while the copies were made
    for p in list_backups(db_path, tmp_path / "backups"):
        assert verify(p.path).revision == oslo.store.revision()


def test_verify_refuses_a_file_with_corrupt_pages_in_one_line(oslo: Clinic, tmp_path: Path) -> None:
    info = make_backup(oslo.store, tmp_path / "backups", now=FROZEN_NOW)
    bad = tmp_path / "copy.db"
    shutil.copyfile(info.path, bad)
    _corrupt(bad)
    with pytest.raises(BackupRefused) as caught:
        verify(bad)
    message = caught.value.message
    assert str(bad) in message and "damaged" in message and "not a good backup" in message
    assert "\n" not in message


def test_a_database_with_corrupt_pages_gets_no_backup(tmp_path: Path) -> None:
    Store(str(tmp_path / "planner.db"), create=True).close()
    db = tmp_path / "planner.db"
    _corrupt(db)
    source = Store.__new__(Store)  # the file as it is: opening it for real would refuse it
    source.is_sqlite, source.path = True, db
    folder = tmp_path / "backups"
    with pytest.raises(BackupRefused, match="damaged"):
        make_backup(source, folder, now=FROZEN_NOW)
    assert list(folder.iterdir()) == []  # neither a good-looking name nor a partial file


def test_verify_refuses_what_is_not_a_planner_backup(tmp_path: Path) -> None:
    text = tmp_path / "notes.db"
    text.write_text("not a database")
    with pytest.raises(BackupRefused, match="not a SQLite database"):
        verify(text)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(BackupRefused, match="not a planner database"):
        verify(other)
    with pytest.raises(BadInput, match="not a regular file"):
        verify(tmp_path)


def test_a_backup_from_a_newer_planner_is_refused(oslo: Clinic, tmp_path: Path) -> None:
    info = make_backup(oslo.store, tmp_path / "backups", now=FROZEN_NOW)
    conn = sqlite3.connect(info.path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(BackupRefused, match="schema 9999, which this planner does not know"):
        verify(info.path)


def test_the_rotation_keeps_seven_days_four_weeks_twelve_months_and_the_last_day() -> None:
    newest = datetime(2027, 3, 10, 3, 0)  # a Wednesday
    times = [newest - timedelta(days=i) for i in range(400)]
    times += [newest + timedelta(hours=h) for h in (6, 12, 18)]  # the window's, every 6 hours
    kept = keep(times)
    months = [f"2026-{m:02d}-{d}" for m, d in [(4, 30), (5, 31), (6, 30), (7, 31), (8, 31)]]
    months += ["2026-09-30", "2026-10-31", "2026-11-30", "2026-12-31", "2027-01-31"]
    weeks = ["2027-02-21", "2027-02-28"]  # Sundays: the newest of weeks 7 and 8
    days = [f"2027-03-{d:02d}" for d in range(4, 11)]
    expected = {datetime.fromisoformat(f"{d} 03:00") for d in months + weeks + days}
    expected |= {datetime(2027, 3, 10, h) for h in (9, 15, 21)}
    assert kept == expected
    assert keep([datetime(2020, 1, 1)]) == {datetime(2020, 1, 1)}  # the newest, however old
    assert keep([]) == set()


def test_prune_removes_what_the_rotation_does_not_keep_never_the_newest(tmp_path: Path) -> None:
    db = tmp_path / "planner.db"
    folder = tmp_path / "backups"
    folder.mkdir()
    names = [f"planner-2027{m:02d}01-030000.db" for m in range(1, 13)]
    names += ["planner-20261231-030000.db", "other-20270101-030000.db", "planner-notes.db"]
    names += ["planner-20261231-030000-2.db"]  # a second one in the same second
    for n in names:
        (folder / n).write_bytes(b"")
    removed = backups.prune(db, folder)
    assert sorted(p.name for p in removed) == [
        "planner-20261231-030000-2.db",
        "planner-20261231-030000.db",
    ]  # 12 monthly kept, the 13th month's dropped; other files are not planner's backups
    assert backups.last_good(db, folder) is not None
    assert backups.last_good(db, folder).path.name == "planner-20271201-030000.db"  # type: ignore[union-attr]


def test_a_backup_is_due_when_the_last_good_one_is_a_day_old(oslo: Clinic, db_path: Path) -> None:
    assert backups.due(db_path, FROZEN_NOW)
    backup_now(oslo.store, now=FROZEN_NOW)
    assert not backups.due(db_path, FROZEN_NOW + timedelta(hours=23))
    assert backups.due(db_path, FROZEN_NOW + timedelta(hours=24))
    assert backups.backup_if_due(oslo.store, FROZEN_NOW + timedelta(hours=2)) is None
    assert (db_path.parent / "backups" / "planner-20260901-120000.db").exists()


def test_the_backup_folder_setting_is_this_computers(
    oslo: Clinic, db_path: Path, tmp_path: Path
) -> None:
    assert backups.backup_folder(db_path) == db_path.parent / "backups"
    share = tmp_path / "share" / "planner"
    assert backups.set_backup_folder(share) == share
    assert stat.S_IMODE(backups.setting_file().stat().st_mode) == 0o600
    result = backup_now(oslo.store, now=FROZEN_NOW)
    assert result.info.path.parent == share
    backups.set_backup_folder(None)
    assert backups.backup_folder(db_path) == db_path.parent / "backups"


def test_restore_round_trips_and_keeps_the_current_database_aside(
    oslo: Clinic, db_path: Path, tmp_path: Path
) -> None:
    info = make_backup(oslo.store, tmp_path / "backups", now=FROZEN_NOW)
    clinic.add_patient(oslo.store, "Added After")
    clinic.add_patient(oslo.store, "Also After")
    plan = plan_restore(db_path, info.path)
    assert plan.lost_changes >= 2 and plan.lost_by_kind["patient"] == 2
    assert "patients 5 → 3" in plan.loss_text
    oslo.store.close()
    result = restore(db_path, info.path, now=FROZEN_NOW + timedelta(hours=1))
    aside = db_path.with_name("planner.db.before-restore-20260901-130000")
    assert result.kept_aside == aside
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert not db_path.with_name("planner.db-wal").exists()
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
    back = Store(str(db_path))
    try:
        assert _names(back) == ["Kari Nordmann", "Nina Dahl", "Ola Hansen"]
        with back.engine.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        assert mode == "wal"  # the desks can share it as before
    finally:
        back.close()
    assert verify(aside).counts["patients"] == 5  # what was lost is still there, aside


def test_restore_refuses_a_damaged_file_and_changes_nothing(
    oslo: Clinic, db_path: Path, tmp_path: Path
) -> None:
    info = make_backup(oslo.store, tmp_path / "backups", now=FROZEN_NOW)
    _corrupt(info.path)
    oslo.store.close()
    before = _digest(db_path)
    with pytest.raises(BackupRefused, match="damaged"):
        restore(db_path, info.path)
    assert _digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir() if p.name.startswith("planner.db")) == [
        "planner.db"
    ]


def test_restore_refuses_while_the_database_is_open_elsewhere(
    oslo: Clinic, db_path: Path, tmp_path: Path
) -> None:
    info = make_backup(oslo.store, tmp_path / "backups", now=FROZEN_NOW)
    clinic.add_patient(oslo.store, "Added After")  # the store holds a connection open
    with pytest.raises(DatabaseBusy, match="open in a window or another command"):
        restore(db_path, info.path)
    assert len(_names(oslo.store)) == 4
    assert not any(p.name.startswith("planner.db.before-restore") for p in db_path.parent.iterdir())


def test_a_damaged_database_is_restored_and_kept_aside_whole(
    oslo: Clinic, db_path: Path, tmp_path: Path
) -> None:
    info = make_backup(oslo.store, tmp_path / "backups", now=FROZEN_NOW)
    oslo.store.close()
    _corrupt(db_path)
    damaged = _digest(db_path)
    plan = plan_restore(db_path, info.path)
    assert plan.current is None and "cannot be read" in plan.loss_text
    result = restore(db_path, info.path, now=FROZEN_NOW)
    assert result.kept_aside is not None and _digest(result.kept_aside) == damaged
    assert verify(db_path).counts["patients"] == 3


def test_postgresql_is_refused_with_the_servers_own_tools_without_a_server() -> None:
    url = "postgresql+psycopg://planner@192.0.2.1:1/planner"  # nothing listens there
    for call in (
        lambda: backups.database_file(url),
        lambda: backups.list_backups(backups.database_file(url)),
    ):
        with pytest.raises(Refused, match="pg_dump"):
            call()


def test_postgresql_store_backup_says_to_use_pg_dump(pg_url: str, tmp_path: Path) -> None:
    store = Store(pg_url, create=True)
    try:
        with pytest.raises(Refused, match="pg_dump"):
            make_backup(store, tmp_path / "backups")
        with pytest.raises(Refused, match="pg_basebackup"):
            backup_now(store)
        assert not (tmp_path / "backups").exists()
    finally:
        store.close()


def test_a_stale_partial_backup_is_removed_by_the_next(oslo: Clinic, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    left = folder / ".planner-20260901-110000-123.db.partial"
    left.write_bytes(b"half")
    os.utime(left, (0, 0))
    fresh = folder / ".planner-20260901-115959-456.db.partial"  # another backup, running
    fresh.write_bytes(b"half")
    make_backup(oslo.store, folder, now=FROZEN_NOW)
    assert not left.exists() and fresh.exists()
