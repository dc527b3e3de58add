"""The planner command line, as scripts and front-desk admins use it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import Cli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path / "cli.db", capsys)
    c.oslo_clinic()
    c.ok("patient", "add", "--name", "Kari Nordmann", "--phone", "+47 900 00 001")
    c.ok("patient", "add", "--name", "Ola Hansen", "--flag", "bleeding-disorder")
    return c


BOOK = [
    "plan",
    "book",
    "--patient",
    "1",
    "--practitioner",
    "1",
    "--template",
    "Fibromyalgia acupuncture",
    "--start",
    "2037-09-15T10:00",
    "--regions",
    "neck,shoulders,lower-back",
]


def test_book_fibromyalgia_plan_then_refuse_the_same_slot(cli: Cli) -> None:
    code, data = cli.json(*BOOK)
    assert code == 0
    sessions = data["sessions"]
    assert len(sessions) == 12
    assert [s["kind"] for s in sessions].count("treatment") == 9
    assert {s["local_start"][11:] for s in sessions} == {"10:00"}
    utc_hours = [s["utc_start"][11:16] for s in sessions]
    assert utc_hours[:6] == ["08:00"] * 6 and utc_hours[6:] == ["09:00"] * 6
    assert sessions[11]["local_start"] == "2038-11-16T10:00" and sessions[11]["kind"] == "follow-up"

    code, _ = cli.json("patient", "add", "--name", "Nina Dahl")
    code, refusal = cli.json(*[a if a != "1" or i != 3 else "3" for i, a in enumerate(BOOK)])
    assert code == 3
    assert refusal["error"] == "Conflict"
    assert refusal["conflicts"][0]["appointment_id"] == sessions[0]["id"]
    assert "Kari Nordmann" in refusal["conflicts"][0]["description"]
    code, listed = cli.json("appointment", "list", "--from", "2037-01-01", "--to", "2039-12-31")
    assert code == 0 and len(listed) == 12


def test_screening_flag_refusal_and_acknowledgement(cli: Cli) -> None:
    args = [
        "plan",
        "book",
        "--patient",
        "2",
        "--practitioner",
        "1",
        "--template",
        "fibro",
        "--start",
        "2037-09-16T09:00",
    ]
    code, _out, err = cli(*args)
    assert code == 3 and "bleeding disorder" in err and "--acknowledge-flags" in err
    code, data = cli.json(*args, "--acknowledge-flags")
    assert code == 0
    code, plan = cli.json("plan", "show", str(data["plan_id"]))
    assert plan["acknowledged_flags"] == ["bleeding-disorder"]


def test_preview_shows_holiday_shift_and_writes_nothing(cli: Cli) -> None:
    code, out, _err = cli(
        "plan",
        "preview",
        "--patient",
        "1",
        "--practitioner",
        "1",
        "--weeks",
        "3",
        "--per-week",
        "1",
        "--duration",
        "30",
        "--start",
        "2037-12-18T10:00",
    )
    assert code == 0
    assert "Mon 28 Dec 2037 10:00" in out and "Christmas Day" in out
    code, listed = cli.json("appointment", "list", "--patient", "1")
    assert listed == []


def test_session_operations(cli: Cli) -> None:
    """Sessions recorded after the fact (September 2026, in the past): moved, cancelled and
    the first marked attended."""
    past = [*BOOK[:-3], "2026-09-15T10:00", *BOOK[-2:], "--allow-past"]
    code, data = cli.json(*past)
    assert code == 0, data
    ids = [s["id"] for s in data["sessions"]]
    code, moved = cli.json(
        "appointment", "move", str(ids[2]), "--to", "2026-09-30T13:00", "--following",
        "--allow-past",
    )  # fmt: skip
    assert code == 0 and len(moved["moved"]) == 10
    assert moved["moved"][0]["local_start"] == "2026-09-30T13:00"
    code, res = cli.json("appointment", "cancel", str(ids[3]), "--extend")
    assert code == 0 and res["added"]["kind"] == "treatment"
    code, _out, err = cli(
        "appointment", "attend", str(ids[0]), "--regions", "neck:6,shoulder-left:4"
    )
    assert code == 0, err
    code, a = cli.json("plan", "show", "1")
    first = a["sessions"][0]
    assert first["status"] == "attended"
    assert first["regions"] == [
        {"region": "neck", "pain": 6},
        {"region": "shoulder-left", "pain": 4},
    ]
    code, _out, _err = cli("appointment", "no-show", str(ids[1]))
    assert code == 0
    code, _out, err = cli("appointment", "no-show", str(ids[1]))
    assert code == 3 and "is no-show" in err


def test_closure_lists_hit_sessions(cli: Cli) -> None:
    cli.json(*BOOK)
    code, res = cli.json(
        "closure", "add", "--location", "1", "--from", "2037-09-29", "--reason", "water damage"
    )
    assert code == 0 and [h["local_start"] for h in res["hits"]] == ["2037-09-29T10:00"]


def test_template_round_trip(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("template", "show", "Dry needling, acute")
    t = json.loads(out)
    t["name"] = "Dry needling, 8 weeks"
    t["phases"][0]["weeks"] = 8
    f = tmp_path / "t.json"
    f.write_text(json.dumps(t))
    assert cli("template", "import", str(f))[0] == 0
    code, templates = cli.json("template", "list")
    assert {x["name"]: x["sessions"] for x in templates}["Dry needling, 8 weeks"] == 8
    f.write_text("{not json")
    code, out, err = cli("template", "import", str(f))
    assert code == 2 and "not valid JSON (line 1" in err


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["location", "add", "--name", "X", "--tz", "Mars/Olympus"],
            2,
            "unknown time zone 'Mars/Olympus'",
        ),
        (
            ["location", "add", "--name", "X", "--tz", "Europe/Oslo", "--country", "ZZ"],
            2,
            "no public-holiday calendar",
        ),
        (
            [
                "location",
                "add",
                "--name",
                "X",
                "--tz",
                "Europe/Oslo",
                "--hours",
                "mon-fri 18:00-08:00",
            ],
            2,
            "ends before it starts",
        ),
        (
            [
                "plan",
                "book",
                "--patient",
                "9",
                "--practitioner",
                "1",
                "--template",
                "fibro",
                "--start",
                "2037-09-15T10:00",
            ],
            4,
            "no patient with id 9",
        ),
        (
            [
                "plan",
                "book",
                "--patient",
                "1",
                "--practitioner",
                "1",
                "--template",
                "fibro",
                "--start",
                "2037-03-29T02:30",
            ],
            2,
            "does not exist in Europe/Oslo",
        ),
        (
            [
                "plan",
                "book",
                "--patient",
                "1",
                "--practitioner",
                "1",
                "--weeks",
                "4",
                "--duration",
                "0",
                "--start",
                "2037-09-15T10:00",
            ],
            2,
            "more than 0 minutes",
        ),
        (
            [
                "plan",
                "book",
                "--patient",
                "1",
                "--practitioner",
                "1",
                "--weeks",
                "4",
                "--duration",
                "600",
                "--start",
                "2037-09-15T10:00",
            ],
            2,
            "over the 8-hour limit",
        ),
        (
            [
                "plan",
                "book",
                "--patient",
                "1",
                "--practitioner",
                "1",
                "--template",
                "fibro",
                "--start",
                "2037-09-15T10:00",
                "--regions",
                "knee",
            ],
            2,
            "which side",
        ),
        (
            [
                "plan",
                "book",
                "--patient",
                "1",
                "--practitioner",
                "1",
                "--template",
                "fibro",
                "--start",
                "2037-09-19T10:00",
            ],
            2,
            "not open sat",
        ),
        (["appointment", "cancel", "77"], 4, "no session with id 77"),
        (["appointment", "attend", "1", "--regions", "neck:11"], 2, "between 0 and 10"),
    ],
)
def test_errors_are_one_line_with_the_right_exit_code(
    cli: Cli, args: list[str], code: int, message: str
) -> None:
    got, _out, err = cli(*args)
    assert got == code
    assert message in err
    assert err.count("\n") == 1 and err.startswith("planner: ")
    assert "Traceback" not in err


def _run(*args: str, env_db: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_console_errors_without_traceback_for_broken_databases(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"\x13garbage" * 500)
    r = _run("--db", str(corrupt), "patient", "list")
    assert r.returncode == 2 and "is not a planner database" in r.stderr
    assert "Traceback" not in r.stderr
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    r = _run("--db", str(empty), "patient", "list")
    assert r.returncode == 2 and "has no planner data yet" in r.stderr and empty.read_bytes() == b""
