"""``planner appointment move --following --preview``: the table of a series move, and policies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ..conftest import Cli


def _weekly(cli: Cli, patient: str, start: str, weeks: str) -> list[dict[str, Any]]:
    code, data = cli.json(
        "plan", "book", "--patient", patient, "--practitioner", "1", "--weeks", weeks,
        "--per-week", "1", "--duration", "30", "--modality", "acupuncture", "--start", start,
    )  # fmt: skip
    assert code == 0, data
    sessions: list[dict[str, Any]] = data["sessions"]
    return sessions


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path / "cli.db", capsys)
    c.oslo_clinic()
    c.ok("patient", "add", "--name", "Kari Nordmann", "--phone", "+47 900 00 001")
    c.ok("patient", "add", "--name", "Nina Dahl", "--phone", "+47 900 00 003")
    return c


def test_preview_prints_the_table_and_moves_nothing(cli: Cli) -> None:
    kari = _weekly(cli, "1", "2027-03-02T10:00", "5")
    _weekly(cli, "2", "2027-03-10T10:00", "2")
    move = ["appointment", "move", str(kari[1]["id"]), "--to", "2027-03-10T10:00", "--following"]
    out = cli.ok(*move, "--preview")
    lines = out.splitlines()
    assert lines[0] == "4 sessions of Kari Nordmann with Ingrid Berg: can NOT be moved as it stands"
    assert "Treatment 2/5" in lines[2] and "Tue 09 Mar 2027 10:00" in lines[2]
    assert "conflict" in lines[2] and "the practitioner is booked" in lines[2]
    assert "Wed 24 Mar 2027 10:00" in lines[4] and " free " in lines[4]
    code, data = cli.json(*move, "--preview")
    assert code == 0 and data["movable"] is False
    assert [s["status"] for s in data["sessions"]] == ["conflict", "conflict", "free", "free"]
    assert data["sessions"][0]["suggestion"] == "2027-03-10T10:30"
    code, shown = cli.json(*move, "--preview", "--conflict-policy", "same-day")
    assert shown["movable"] is True
    code, listed = cli.json("appointment", "list", "--plan", "1")
    assert [s["local_start"] for s in listed][1] == "2027-03-09T10:00"  # nothing moved

    code, _out, err = cli(*move)
    assert code == 3 and len(err.strip().splitlines()) == 1
    assert "Treatment 2/5 on Wed 10 Mar 2027 10:00" in err
    code, moved = cli.json(*move, "--conflict-policy", "same-day")
    assert code == 0
    assert [m["local_start"] for m in moved["moved"]] == [s["new_local"] for s in shown["sessions"]]


def test_bad_policy_and_unknown_session(cli: Cli) -> None:
    kari = _weekly(cli, "1", "2027-03-02T10:00", "3")
    move = ["appointment", "move", str(kari[1]["id"]), "--to", "2027-03-10T10:00", "--following"]
    code, _out, err = cli(*move, "--preview", "--conflict-policy", "sideways")
    assert code == 2 and "conflict policy" in err
    code, _out, err = cli("appointment", "move", "999", "--to", "2027-03-10T10:00", "--preview")
    assert code == 4


def test_preview_of_a_move_into_the_past_says_so_first(cli: Cli) -> None:
    kari = _weekly(cli, "1", "2027-03-02T10:00", "3")
    code, out, err = cli(
        "appointment", "move", str(kari[0]["id"]), "--to", "2026-03-03T10:00", "--preview"
    )
    assert code == 0, err
    assert out.startswith("The new start, Tue 3 Mar 2026 10:00, is in the past: move it with")
    code, _out, err = cli("appointment", "move", str(kari[0]["id"]), "--to", "2026-03-03T10:00")
    assert code == 2 and "--allow-past" in err
