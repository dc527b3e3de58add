"""Health data at rest is private: folders 0700, files 0600, temp files of killed writes gone.

Every test runs under a permissive umask (0o022, the usual default) so that what it sees is
planner asking for private modes itself, not a umask set by an earlier test; the entry
points' own umask is checked on its own.
"""

from __future__ import annotations

import io
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from planner.cli import main
from planner.core import private
from planner.db import store as store_mod
from planner.db.store import Store
from planner.ics import atomic
from planner.ics.atomic import AtomicFile, write_atomic
from planner.services import clinic

pytestmark = pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX's")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_database_its_folder_and_its_wal_files_are_private(tmp_path: Path) -> None:
    db = tmp_path / "new folder" / "planner.db"
    st = Store(str(db), create=True)
    try:
        clinic.add_location(st, "Oslo", "Europe/Oslo", country="NO", hours=["mon-fri 08:00-16:00"])
        wal, shm = db.with_name("planner.db-wal"), db.with_name("planner.db-shm")
        assert wal.exists() and shm.exists(), "a WAL write happened"
        assert (mode(db.parent), mode(db), mode(wal), mode(shm)) == (0o700, 0o600, 0o600, 0o600)
        assert st.notices == []
    finally:
        st.close()


def test_a_folder_the_user_chose_is_left_as_it_is(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    Store(str(tmp_path / "planner.db"), create=True).close()
    assert mode(tmp_path) == 0o755
    assert mode(tmp_path / "planner.db") == 0o600


def test_the_default_data_folder_is_made_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLANNER_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = store_mod.default_db_path().parent
    assert folder.is_relative_to(tmp_path)
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    Store(None, create=True).close()
    assert mode(folder) == 0o700
    assert mode(folder / "planner.db") == 0o600


def test_an_open_database_with_loose_permissions_is_tightened_with_a_notice(
    tmp_path: Path,
) -> None:
    db = tmp_path / "planner.db"
    st = Store(str(db), create=True)
    clinic.add_location(st, "Oslo", "Europe/Oslo", country="NO", hours=["mon-fri 08:00-16:00"])
    wal = db.with_name("planner.db-wal")
    db.chmod(0o644)
    wal.chmod(0o664)
    again = Store(str(db))
    try:
        assert mode(db) == 0o600 and mode(wal) == 0o600
        assert len(again.notices) == 1
        assert "planner.db, planner.db-wal" in again.notices[0]
        assert "made private (0600)" in again.notices[0]
    finally:
        again.close()
        st.close()
    assert Store(str(db)).notices == [], "said once: the next open finds nothing to tighten"


def test_the_command_line_prints_the_tightening_notice_once(tmp_path: Path) -> None:
    db = tmp_path / "planner.db"
    assert main(["--db", str(db), "init"]) == 0
    db.chmod(0o644)
    err = io.StringIO()
    with redirect_stderr(err):
        assert main(["--db", str(db), "location", "list"]) == 0
    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planner: warning: planner.db could be read")
    assert mode(db) == 0o600


def test_the_pre_upgrade_backup_is_private(tmp_path: Path) -> None:
    db = tmp_path / "planner.db"
    engine = create_engine(f"sqlite:///{db}")
    cfg = store_mod._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    assert mode(db) == 0o644, "made by another program under the permissive umask"
    st = Store(str(db))
    st.close()
    backup = db.with_name("planner.db.before-upgrade-from-0001")
    assert mode(backup) == 0o600 and mode(db) == 0o600
    con = sqlite3.connect(backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    con.close()


def test_the_command_line_sets_a_private_umask(tmp_path: Path) -> None:
    assert main(["--db", str(tmp_path / "x.db"), "init"]) == 0
    assert os.umask(0o022) == 0o077


def test_private_dir_and_tighten(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    assert private.private_dir(folder) == folder and mode(folder) == 0o700
    folder.chmod(0o751)
    private.private_dir(folder)
    assert mode(folder) == 0o700
    f = folder / "f"
    f.write_bytes(b"x")
    f.chmod(0o644)
    assert private.tighten(f) is True and mode(f) == 0o600
    assert private.tighten(f) is False
    assert private.tighten(folder / "missing") is False


# -- exports and their temporary files --------------------------------------------------------


def _dead_pid() -> int:
    """The id of a process that has ended (a child run and reaped)."""
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(proc.stdout)


KILLED_EXPORT = """
import sys, time
from pathlib import Path
from planner.ics.atomic import AtomicFile
f = AtomicFile(Path(sys.argv[1])).__enter__()
f.write(b"BEGIN:VCALENDAR a full profile")
print("writing", flush=True)
time.sleep(60)
"""


def _killed_export(target: Path) -> None:
    """An export killed with SIGKILL halfway through writing ``target``."""
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_EXPORT, str(target)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
    finally:
        proc.kill()
        proc.wait()


def test_an_export_is_private_and_its_temporary_file_is_recognisable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ola.ics"
    seen: list[tuple[str, int]] = []
    with AtomicFile(out) as f:
        f.write(b"BEGIN:VCALENDAR\r\n")
        tmps = [p for p in tmp_path.iterdir() if p.name != "ola.ics"]
        seen = [(p.name, mode(p)) for p in tmps]
        f.commit()
    assert len(seen) == 1
    name, tmp_mode = seen[0]
    assert name.startswith(f".ola.ics.planner-tmp-{atomic._host()}-{os.getpid()}-")
    assert tmp_mode == 0o600
    assert mode(out) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ola.ics"]


def test_a_write_removes_the_temp_files_of_killed_writes_but_not_of_live_ones(
    tmp_path: Path,
) -> None:
    _killed_export(tmp_path / "ola.ics")
    (killed,) = tmp_path.iterdir()
    assert ".ola.ics.planner-tmp-" in killed.name and mode(killed) == 0o600
    host = atomic._host()
    dead = tmp_path / f".kari.ics.planner-tmp-{host}-{_dead_pid()}-abc_123"
    live = tmp_path / f".kari.ics.planner-tmp-{host}-{os.getppid()}-xyz789"
    own = tmp_path / f".per.ics.planner-tmp-{host}-{os.getpid()}-qqq111"
    elsewhere = tmp_path / f".ola.ics.planner-tmp-otherdesk{host}-{_dead_pid()}-abc_123"
    theirs = tmp_path / ".ola.ics.kdhf7s.tmp"  # not planner's pattern: not ours to remove
    for p in (dead, live, own, elsewhere, theirs):
        p.write_bytes(b"a killed export's full profile")
    write_atomic(tmp_path / "other.ics", b"new")
    left = {p.name for p in tmp_path.iterdir()}
    assert killed.name not in left and dead.name not in left
    assert {live.name, own.name, elsewhere.name, theirs.name, "other.ics"} == left
