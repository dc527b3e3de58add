"""The bad-input corpus (issue 13, item 7): every line of ``cases.txt`` run through the command
line must exit with its code, say one line on stderr holding its message and no traceback, and
leave every row of every table as it was (a hash of all rows before and after)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.damage import damage_table

CASES = Path(__file__).with_name("cases.txt")


def _cases() -> list[tuple[int, str, str, str]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            code, how, says, argv = (part.strip() for part in line.split("|", 3))
            rows.append((int(code), how, says, argv))
    return rows


def _rows_hash(db: Path) -> str:
    """A hash of every row of every table (and the schema) of the SQLite file ``db``."""
    h = hashlib.sha256()
    con = sqlite3.connect(db)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master ORDER BY name")]
        h.update(repr(con.execute("SELECT * FROM sqlite_master ORDER BY name").fetchall()).encode())
        for t in tables:
            if (
                con.execute("SELECT type FROM sqlite_master WHERE name=?", (t,)).fetchone()[0]
                == "table"
            ):
                h.update(repr(sorted(map(repr, con.execute(f'SELECT * FROM "{t}"')))).encode())
    finally:
        con.close()
    return h.hexdigest()


@pytest.fixture(scope="session")
def clinic_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """init, a location, a practitioner, a patient and a booked plan: built once."""
    from planner.cli import main

    db = tmp_path_factory.mktemp("corpus") / "clinic.db"
    for argv in (
        ["init"],
        ["location", "add", "--name", "Oslo sentrum", "--tz", "Europe/Oslo", "--country", "NO",
         "--hours", "mon-fri 08:00-18:00"],
        ["practitioner", "add", "--name", "Ingrid Berg", "--profession", "acupuncturist",
         "--location", "1", "--hours", "mon-fri 08:00-16:00"],
        ["patient", "add", "--name", "Kari Nordmann"],
        ["plan", "book", "--patient", "1", "--practitioner", "1", "--template", "fibro",
         "--start", "2037-09-15T10:00"],
    ):  # fmt: skip
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["--db", str(db), *argv]) == 0, argv
    return db


@pytest.mark.parametrize(("code", "how", "says", "argv"), _cases(), ids=lambda v: str(v)[:60])
def test_bad_input_is_one_line_and_changes_nothing(
    clinic_db: Path, tmp_path: Path, code: int, how: str, says: str, argv: str
) -> None:
    db = tmp_path / "clinic.db"
    shutil.copy2(clinic_db, db)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"name": "y" * 1_000_000, "modality": "acupuncture", "phases": [
        {"kind": "treatment", "duration_min": 45, "weeks": 2, "per_week": 1}]}))  # fmt: skip
    damaged = tmp_path / "damaged.db"  # the clinic, its patients and sessions pages overwritten
    shutil.copy2(clinic_db, damaged)
    damage_table(damaged, "patients")
    damage_table(damaged, "appointments")
    notadb = tmp_path / "notes.db"
    notadb.write_bytes(b"Dear diary \x00" * 400)
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    others = {p: p.read_bytes() for p in (damaged, notadb, empty)}
    words = [
        w.format(
            tmp=tmp_path, fifo=fifo, bigtemplate=big, long="q" * 5000,
            damaged=damaged, notadb=notadb, empty=empty,
        )
        for w in shlex.split(argv)
    ]  # fmt: skip
    if "--db" not in words:
        words = ["--db", str(db), *words]
    before = _rows_hash(db)
    if how == "sub":
        run = subprocess.run(
            [sys.executable, "-m", "planner.cli", *words],
            capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        exit_code, err = run.returncode, run.stderr
    else:
        from planner.cli import main

        out, errors = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(errors):
            try:
                exit_code = main(words)
            except SystemExit as done:
                exit_code = int(done.code or 0)
        err = errors.getvalue()
    assert exit_code == code, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert says in err
    assert _rows_hash(db) == before
    for path, content in others.items():  # not a byte of the damaged, foreign or empty file
        assert path.read_bytes() == content, path.name
        assert not path.with_name(path.name + "-wal").exists(), path.name
