"""Honest database errors: a full disk, a read-only file or folder, a lock, a file that is not a
database and damaged pages each say what they are, in one line, with exit 2 or 3, and leave the
data as it was. Every condition is made for real: a size limit SQLite enforces itself
(``max_page_count``), an immutable file or folder (``chattr +i``, which binds root too; plain
permission bits for other users), a real tmpfs when this machine lets the tests mount one,
another connection's lock, and bytes overwritten in a copy.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from planner.db import store as store_module
from planner.db.models import Location, Patient
from planner.db.store import Store
from planner.errors import DatabaseBusy, DatabaseDamaged, DatabaseReadOnly, DiskFull
from tests.conftest import Cli
from tests.damage import damage_table

ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _rows(path: Path, *, immutable: bool = False) -> str:
    """A digest of every row of every table, read without changing anything (``immutable``:
    without the -shm, where none can be made, as on a read-only mount)."""
    uri = f"file:{path}?mode=ro" + ("&immutable=1" if immutable else "")
    con = sqlite3.connect(uri, uri=True)
    try:
        h = hashlib.sha256()
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for t in sorted(tables):
            for row in sorted(map(repr, con.execute(f'SELECT * FROM "{t}"'))):
                h.update(row.encode())
        return h.hexdigest()
    finally:
        con.close()


@pytest.fixture
def clinic_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A small clinic (Oslo, Ingrid Berg, two patients) in ``tmp_path/data/clinic.db``,
    checkpointed so the file alone holds it."""
    folder = tmp_path / "data"
    folder.mkdir()
    c = Cli(folder / "clinic.db", capsys)
    c.oslo_clinic()
    c.ok("patient", "add", "--name", "Kari Nordmann", "--phone", "+47 900 00 001")
    c.ok("patient", "add", "--name", "Ola Hansen", "--phone", "+47 900 00 002")
    con = sqlite3.connect(folder / "clinic.db")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return folder / "clinic.db"


def _one_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if not ln.startswith("planner: warning:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@contextlib.contextmanager
def _read_only(target: Path) -> Iterator[None]:
    """``target`` (a file or a folder) made unwritable for this user: ``chattr +i`` for root,
    whom permission bits do not stop; the bits otherwise."""
    if ROOT:
        if shutil.which("chattr") is None:
            pytest.skip("chattr is not installed: root cannot make a file read-only")
        r = subprocess.run(["chattr", "+i", str(target)], capture_output=True, text=True)
        if r.returncode != 0:
            pytest.skip(f"this file system has no immutable flag: {r.stderr.strip()}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(target)], check=True)
    else:
        mode = target.stat().st_mode
        target.chmod(0o555 if target.is_dir() else 0o444)
        try:
            yield
        finally:
            target.chmod(mode)


# -- disk full ------------------------------------------------------------------------------
def _capped(store: Store, spare_pages: int) -> None:
    """Every connection of ``store`` may grow the file by ``spare_pages`` pages only: SQLite
    then fails a bigger write with a real SQLITE_FULL."""
    with store.engine.connect() as conn:
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar_one())

    def cap(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute(f"PRAGMA max_page_count={pages + spare_pages}")

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()


def test_a_write_on_a_full_disk_says_so_changes_nothing_and_reading_still_works(
    clinic_db: Path,
) -> None:
    before = _rows(clinic_db)
    store = Store(str(clinic_db))
    try:
        _capped(store, 2)
        with pytest.raises(DiskFull) as caught, store.write("big") as s:
            for i in range(500):
                s.add(Location(name=f"L{i}", tz="Europe/Oslo", opening_hours={}, address="x" * 300))
        with store.read() as s:
            assert s.scalar(select(func.count()).select_from(Patient)) == 2
    finally:
        store.close()
    message = caught.value.message
    assert "disk is full" in message and "Nothing was changed." in message
    assert "damaged" not in message and "\n" not in message
    assert caught.value.exit_code == 2
    assert _rows(clinic_db) == before


@contextlib.contextmanager
def _tmpfs(mnt: Path, size: str) -> Iterator[Path]:
    """A real tmpfs of ``size`` at ``mnt`` (needs root and a kernel that lets this process
    mount); the test is skipped where mounting is not permitted, as in most containers."""
    mnt.mkdir()
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mnt)],
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB tmpfs."""
    with _tmpfs(tmp_path / "tmpfs", "2m") as mnt:
        yield mnt


def _fill(folder: Path) -> None:
    """Fill the disk holding ``folder`` to the last byte."""
    with (folder / "filler").open("ab", buffering=0) as f:
        for chunk in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    f.write(b"\0" * chunk)


READS = [
    ("patient", "list"),
    ("appointment", "list", "--from", "2037-09-01", "--to", "2037-12-31"),
    ("plan", "list"),
    ("history",),
    ("check",),
    ("backup", "list"),
    ("init",),  # the schema is there: nothing to write
]
"""Commands that only read: they work on a full disk and on a read-only mount."""
WRITES = [
    ("patient", "add", "--name", "Per Persen"),
    ("appointment", "cancel", "1"),
    ("appointment", "move", "1", "--to", "2037-09-16T11:00"),
    ("plan", "book", "--patient", "1", "--practitioner", "1", "--template", "fibro",
     "--start", "2039-09-13T10:00"),
    ("location", "add", "--name", "Bergen", "--tz", "Europe/Oslo", "--country", "NO"),
]  # fmt: skip
"""Commands that write to the database."""


def _cli_clinic(db: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """The clinic of ``clinic_db`` with a practitioner and a booked plan, at ``db``."""
    c = Cli(db, capsys)
    for args in (
        ("practitioner", "add", "--name", "Ingrid Berg", "--profession", "acupuncturist",
         "--location", "1", "--hours", "mon-fri 08:00-16:00"),
        ("plan", "book", "--patient", "1", "--practitioner", "1", "--template", "fibro",
         "--start", "2037-09-15T10:00"),
    ):  # fmt: skip
        code, _out, err = c(*args)
        assert code == 0, err
    return c


def test_every_command_on_a_full_tmpfs_says_the_disk_is_full_and_still_reads(
    clinic_db: Path, tiny_tmpfs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tiny_tmpfs / "clinic.db"
    shutil.copyfile(clinic_db, db)
    c = _cli_clinic(db, capsys)
    backup = tiny_tmpfs.parent / "good.db"
    shutil.copyfile(db, backup)
    before = _rows(db)
    _fill(tiny_tmpfs)
    # Twice: a failed write on a full disk leaves a -shm SQLite could not grow, and the
    # reads after it must still work.
    for _round in range(2):
        for args in READS:
            code, _out, err = c(*args)
            assert code == 0, (args, err)
        for args in [
            *WRITES,
            ("export", "--out", str(tiny_tmpfs / "out.ics"), "--from", "2037-09-01"),
            ("backup",),
            ("restore", str(backup), "--yes"),
        ]:
            _fill(tiny_tmpfs)  # what closing the last command freed (its -wal) is taken again
            code, _out, err = c(*args)
            line = _one_line(err)
            assert code == 2, (args, line)
            assert " is full" in line or "No space left" in line, (args, line)
            assert "damaged" not in line
    (tiny_tmpfs / "filler").unlink()
    assert _rows(db) == before
    assert not [p for p in tiny_tmpfs.iterdir() if ".planner-tmp-" in p.name or "partial" in p.name]


@pytest.fixture
def read_only_mount(
    tmp_path: Path, clinic_db: Path, capsys: pytest.CaptureFixture[str]
) -> Iterator[Path]:
    """The clinic on a real tmpfs, then remounted read-only."""
    with _tmpfs(tmp_path / "ro", "8m") as mnt:
        db = mnt / "clinic.db"
        shutil.copyfile(clinic_db, db)
        _cli_clinic(db, capsys)
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        yield db


def test_every_command_on_a_read_only_mount_reads_and_a_write_names_the_disk(
    read_only_mount: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = read_only_mount
    before = _rows(db, immutable=True)
    c = Cli(db, capsys)
    for args in READS:
        code, _out, err = c(*args)
        assert code == 0, (args, err)
    code, _out, err = c("export", "--out", str(tmp_path / "out.ics"), "--from", "2037-09-01")
    assert code == 0, err  # an export elsewhere only reads the database
    for args in [*WRITES, ("backup",), ("restore", str(tmp_path / "out.ics"), "--yes")]:
        code, _out, err = c(*args)
        line = _one_line(err)
        assert code in (2, 3), (args, line)
        assert "damaged" not in line, (args, line)
        if args[0] not in ("backup", "restore"):
            assert "is mounted read-only" in line, (args, line)
    code, _out, err = c("backup")
    assert "Read-only file system" in err or "read-only" in err
    assert _rows(db, immutable=True) == before


# -- read-only ------------------------------------------------------------------------------
def test_a_read_only_file_can_be_read_and_a_write_names_the_file(
    clinic_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _rows(clinic_db)
    c = Cli(clinic_db, capsys)
    with _read_only(clinic_db):
        code, out, err = c("patient", "list")
        assert code == 0 and "Ola Hansen" in out, err
        code, _out, err = c("patient", "add", "--name", "Per Persen")
    line = _one_line(err)
    assert code == 2 and f"the file {clinic_db} is read-only" in line, line
    assert "Nothing was changed." in line and "damaged" not in line
    assert _rows(clinic_db) == before


def test_a_read_only_folder_can_be_read_and_a_write_names_the_folder(
    clinic_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No -shm index can be made in the folder: the file is read as it is (immutable)."""
    for extra in ("-wal", "-shm"):
        clinic_db.with_name(clinic_db.name + extra).unlink(missing_ok=True)
    before = _rows(clinic_db)
    c = Cli(clinic_db, capsys)
    with _read_only(clinic_db.parent):
        code, out, err = c("patient", "list")
        assert code == 0 and "Kari Nordmann" in out, err
        code, _out, err = c("patient", "add", "--name", "Per Persen")
    line = _one_line(err)
    assert code == 2 and f"the folder {clinic_db.parent} is read-only" in line, line
    assert "damaged" not in line
    assert _rows(clinic_db) == before


def test_store_opened_on_a_read_only_file_says_why(clinic_db: Path) -> None:
    with _read_only(clinic_db):
        store = Store(str(clinic_db))
        try:
            assert store.read_only is not None and "read-only" in store.read_only
            with pytest.raises(DatabaseReadOnly), store.write() as s:
                s.add(Location(name="Bergen", tz="Europe/Oslo", opening_hours={}))
        finally:
            store.close()


# -- locked ---------------------------------------------------------------------------------
def test_a_database_locked_by_another_program_says_wait_or_close_it(
    clinic_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    before = _rows(clinic_db)
    other = sqlite3.connect(clinic_db, isolation_level=None, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    try:
        code, _out, err = Cli(clinic_db, capsys)("patient", "add", "--name", "Per Persen")
    finally:
        other.execute("ROLLBACK")
        other.close()
    line = _one_line(err)
    assert code == 2 and "busy" in line and "close that program" in line
    assert "Nothing was changed." in line and "damaged" not in line
    assert _rows(clinic_db) == before


def test_store_write_while_locked_is_database_busy(
    clinic_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 100)
    store = Store(str(clinic_db))
    other = sqlite3.connect(clinic_db, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusy), store.write() as s:
            s.add(Location(name="Bergen", tz="Europe/Oslo", opening_hours={}))
    finally:
        other.execute("ROLLBACK")
        other.close()
        store.close()


# -- not a database, damaged ----------------------------------------------------------------
def test_a_file_that_is_not_a_database_is_named_so_not_damaged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"Dear diary, today \x00" * 300)
    for args in (("patient", "list"), ("patient", "add", "--name", "Per Persen")):
        code, _out, err = Cli(path, capsys)(*args)
        line = _one_line(err)
        assert code == 2 and "is not a planner database" in line and "damaged" not in line
    assert path.read_bytes() == b"Dear diary, today \x00" * 300


def test_writing_to_a_damaged_database_says_damaged_and_where_to_turn(
    clinic_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage_table(clinic_db, "patients")
    before = clinic_db.read_bytes()
    code, _out, err = Cli(clinic_db, capsys)("patient", "add", "--name", "Per Persen")
    line = _one_line(err)
    assert code == 3 and "is damaged" in line and "backup" in line, line
    assert "Nothing was changed." in line
    assert clinic_db.read_bytes() == before
    code, _out, err = Cli(clinic_db, capsys)("patient", "list")
    assert code == 3 and "is damaged" in _one_line(err)


def test_store_raises_database_damaged_for_damaged_pages(clinic_db: Path) -> None:
    damage_table(clinic_db, "patients")
    store = Store(str(clinic_db))
    try:
        with pytest.raises(DatabaseDamaged) as caught, store.read() as s:
            list(s.scalars(select(Patient)))
    finally:
        store.close()
    assert caught.value.details["path"] == str(clinic_db)


# -- planner check --------------------------------------------------------------------------
def test_check_says_ok_on_a_sound_database_and_damaged_with_exit_3(
    clinic_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = Cli(clinic_db, capsys)("check")
    assert code == 0 and ": OK" in out
    damage_table(clinic_db, "patients")
    before = clinic_db.read_bytes()
    code, _out, err = Cli(clinic_db, capsys)("check")
    line = _one_line(err)
    assert code == 3 and "is damaged" in line and "backup" in line
    assert clinic_db.read_bytes() == before


def test_a_damaged_database_names_its_newest_good_backup(
    clinic_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(clinic_db, capsys)
    code, out, _err = cli("backup")
    assert code == 0, out
    (newest,) = sorted((clinic_db.parent / "backups").glob("*.db"))
    damage_table(clinic_db, "patients")
    for args in (("patient", "list"), ("patient", "add", "--name", "Per Persen"), ("check",)):
        code, _out, err = cli(*args)
        line = _one_line(err)
        assert code == 3 and "is damaged" in line, line
        assert f"restore the newest good backup, {newest.name} of " in line, line
        assert f"'planner restore {newest}'" in line
