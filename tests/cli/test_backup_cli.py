"""``planner backup``, ``backup list``, ``backup folder`` and ``restore`` on the command line."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest

from ..conftest import Cli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    c = Cli(tmp_path / "cli.db", capsys)
    c.oslo_clinic()
    c.ok("patient", "add", "--name", "Kari Nordmann", "--phone", "+47 900 00 001")
    return c


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_makes_a_checked_copy_and_list_shows_it(cli: Cli, tmp_path: Path) -> None:
    out = cli.ok("backup")
    assert "checked" in out and "1 patient," in out
    code, made = cli.json("backup")
    assert code == 0 and made["counts"] == {"sessions": 0, "patients": 1, "plans": 0}
    path = Path(made["path"])
    assert path.parent == tmp_path / "backups" and path.name.startswith("cli-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    code, listed = cli.json("backup", "list")
    assert code == 0 and listed["backups"][0]["path"] == str(path)
    assert len(listed["backups"]) == 2  # both of today's are kept
    assert str(path) in cli.ok("backup", "list")


def test_backup_to_another_folder_and_the_folder_setting(cli: Cli, tmp_path: Path) -> None:
    code, made = cli.json("backup", "--to", str(tmp_path / "usb"))
    assert code == 0 and Path(made["path"]).parent == tmp_path / "usb"
    assert "no backups" in cli.ok("backup", "list")  # --to is for once: the folder is unchanged
    share = tmp_path / "share"
    assert str(share) in cli.ok("backup", "folder", str(share))
    cli.ok("backup")
    code, listed = cli.json("backup", "list")
    assert listed["folder"] == str(share) and len(listed["backups"]) == 1
    assert str(tmp_path / "backups") in cli.ok("backup", "folder", "--default")


def test_restore_without_yes_says_what_would_be_lost_and_changes_nothing(cli: Cli) -> None:
    _code, made = cli.json("backup")
    cli.ok("patient", "add", "--name", "Ola Hansen", "--phone", "+47 900 00 002")
    before = _digest(cli.db)
    code, out, err = cli("restore", made["path"])
    assert code == 3 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "1 patient(s)" in err and "patients 2 → 1" in err and "add --yes" in err
    assert _digest(cli.db) == before


def test_restore_with_yes_round_trips_and_keeps_the_old_database_aside(cli: Cli) -> None:
    _code, made = cli.json("backup")
    cli.ok("patient", "add", "--name", "Ola Hansen", "--phone", "+47 900 00 002")
    code, done = cli.json("restore", made["path"], "--yes")
    assert code == 0
    aside = Path(done["kept_aside"])
    assert aside.name.startswith("cli.db.before-restore-")
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600
    assert "Ola Hansen" not in cli.ok("patient", "list")
    assert "Kari Nordmann" in cli.ok("patient", "list")
    assert "Ola Hansen" in cli.ok("--db", str(aside), "patient", "list")


def test_restore_refuses_a_damaged_backup_in_one_line(cli: Cli, tmp_path: Path) -> None:
    _code, made = cli.json("backup")
    with open(made["path"], "r+b") as fh:
        fh.seek(4096)
        fh.write(b"\xff" * 4096 * 4)
    before = _digest(cli.db)
    code, out, err = cli("restore", made["path"], "--yes")
    assert code == 3 and out == ""
    assert "damaged" in err and len(err.strip().splitlines()) == 1
    assert _digest(cli.db) == before
    code, _out, err = cli("restore", str(tmp_path / "missing.db"), "--yes")
    assert code == 2 and "cannot read" in err


def test_postgresql_backup_and_restore_point_to_pg_dump_without_a_server(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.cli import main

    url = "postgresql+psycopg://planner@192.0.2.1:1/planner"  # nothing listens there
    for args in (["backup"], ["backup", "list"], ["restore", "x.db", "--yes"]):
        code = main(["--db", url, *args])
        _out, err = capsys.readouterr()
        assert code == 3, (args, err)
        assert "pg_dump" in err and len(err.strip().splitlines()) == 1
