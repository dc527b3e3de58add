"""``--allow-past`` on ``plan book``, ``plan preview`` and ``appointment move``."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from ..conftest import Cli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path / "cli.db", capsys)
    c.oslo_clinic()
    c.ok("patient", "add", "--name", "Kari Nordmann", "--phone", "+47 900 00 001")
    return c


def _tuesday(weeks: int) -> date:
    """The Tuesday ``weeks`` weeks from this week's (negative: before today)."""
    today = date.today()
    return today - timedelta(days=today.weekday()) + timedelta(days=1, weeks=weeks)


def _plan(*extra: str, start: date) -> list[str]:
    return [
        "--patient", "1", "--practitioner", "1", "--weeks", "3", "--per-week", "1",
        "--duration", "30", "--start", f"{start}T10:00", *extra,
    ]  # fmt: skip


def _when(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y} 10:00"


def test_book_in_the_past_exits_2_with_one_line_and_writes_nothing(cli: Cli) -> None:
    past = _tuesday(-3)
    code, out, err = cli("plan", "book", *_plan(start=past))
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0
    assert f"the first session, {_when(past)}, is in the past" in err
    assert "--allow-past" in err
    code, listed = cli.json("appointment", "list", "--patient", "1")
    assert code == 0 and listed == []
    code, data = cli.json("plan", "book", *_plan(start=past))
    assert code == 2 and "is in the past" in data["message"]


def test_book_with_allow_past_records_the_sessions(cli: Cli) -> None:
    past = _tuesday(-3)
    code, data = cli.json("plan", "book", *_plan("--allow-past", start=past))
    assert code == 0, data
    assert data["sessions"][0]["local_start"] == f"{past}T10:00"


def test_book_in_the_future_needs_no_flag(cli: Cli) -> None:
    code, data = cli.json("plan", "book", *_plan(start=_tuesday(3)))
    assert code == 0, data


def test_preview_says_the_past_first_and_writes_nothing(cli: Cli) -> None:
    past = _tuesday(-3)
    code, out, _err = cli("plan", "preview", *_plan(start=past))
    assert code == 0
    first = out.splitlines()[0]
    assert first == (
        f"The first session, {_when(past)}, is in the past: "
        "book it as a record of past sessions with --allow-past"
    )
    assert "NOT bookable" in out.splitlines()[1]
    code, data = cli.json("plan", "preview", *_plan(start=past))
    assert data["past"].startswith("the first session") and data["bookable"] is False
    code, data = cli.json("plan", "preview", *_plan("--allow-past", start=past))
    assert data["past"] and data["bookable"] is True and data["allow_past"] is True
    code, out, _err = cli("plan", "preview", *_plan("--allow-past", start=past))
    assert out.splitlines()[0].endswith("booked as a record of past sessions")
    code, data = cli.json("plan", "preview", *_plan(start=_tuesday(3)))
    assert data["past"] is None and data["bookable"] is True
    code, listed = cli.json("appointment", "list", "--patient", "1")
    assert listed == []


def test_move_into_the_past_exits_2_unless_allow_past(cli: Cli) -> None:
    code, data = cli.json("plan", "book", *_plan(start=_tuesday(2)))
    first = data["sessions"][0]
    past = _tuesday(-2)
    code, out, err = cli("appointment", "move", str(first["id"]), "--to", f"{past}T10:00")
    assert code == 2 and out == "" and err.strip().count("\n") == 0
    assert f"the new start, {_when(past)}, is in the past" in err and "--allow-past" in err
    code, listed = cli.json("appointment", "list", "--patient", "1")
    assert listed[0]["local_start"] == first["local_start"]  # nothing moved
    code, moved = cli.json(
        "appointment", "move", str(first["id"]), "--to", f"{past}T10:00", "--allow-past"
    )
    assert code == 0 and moved["moved"][0]["local_start"] == f"{past}T10:00"
