"""``--expect-revision``: a desk that acts on what it saw is refused when another desk changed
the row since (exit 3, one line), and nothing is changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ..conftest import Cli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path / "cli.db", capsys)
    c.oslo_clinic()
    c.ok("room", "add", "--location", "1", "--name", "Room 1")
    c.ok("patient", "add", "--name", "Kari Nordmann")
    c.ok(
        "plan", "book", "--patient", "1", "--practitioner", "1", "--room", "1",
        "--template", "Fibromyalgia acupuncture", "--start", "2037-09-15T10:00",
    )  # fmt: skip
    return c


def _session(cli: Cli, ident: int) -> dict[str, Any]:
    code, rows = cli.json("appointment", "list", "--plan", "1")
    assert code == 0
    return next(r for r in rows if r["id"] == ident)


def _refused(cli: Cli, *args: str) -> str:
    code, out, err = cli(*args)
    assert code == 3, (args, out, err)
    assert err.count("\n") == 1 and "changed at another desk a moment ago" in err, err
    assert err.rstrip().endswith("look again")
    return err


def test_session_commands_refuse_a_stale_revision_and_take_the_current_one(cli: Cli) -> None:
    assert _session(cli, 2)["revision"] == 0
    cli.ok("appointment", "move", "2", "--to", "2037-09-23T11:00", "--expect-revision", "0")
    assert _session(cli, 2)["revision"] == 1
    # a second desk that still saw revision 0
    _refused(cli, "appointment", "move", "2", "--to", "2037-09-24T11:00", "--expect-revision", "0")
    _refused(cli, "appointment", "cancel", "2", "--expect-revision", "0")
    _refused(cli, "appointment", "attend", "2", "--expect-revision", "0")
    _refused(cli, "appointment", "no-show", "2", "--expect-revision", "0")
    after = _session(cli, 2)
    assert after["revision"] == 1 and after["status"] == "booked"
    assert after["local_start"] == "2037-09-23T11:00"
    _code, hist = cli.json("history", "--session", "2")
    assert [c["kind"] for c in hist] == ["created", "changed"]  # refusals leave no trace

    cli.ok("appointment", "cancel", "2", "--expect-revision", "1", "--reason", "ill")
    assert _session(cli, 2)["status"] == "cancelled"


def test_a_revision_is_a_whole_number_from_0(cli: Cli) -> None:
    for bad in ("-1", "x"):
        with pytest.raises(SystemExit) as exit_:  # argparse's usage error
            cli("appointment", "cancel", "2", "--expect-revision", bad)
        assert exit_.value.code == 2
    assert _session(cli, 2)["status"] == "booked"


def test_the_json_refusal_names_the_revisions(cli: Cli) -> None:
    cli.ok("appointment", "cancel", "3")
    code, data = cli.json("appointment", "cancel", "3", "--expect-revision", "0")
    assert code == 3
    assert data["error"] == "ChangedElsewhere"
    assert data["revision"] == 1 and data["expected_revision"] == 0


def test_plan_cancel_takes_the_plans_revision(cli: Cli) -> None:
    code, plan = cli.json("plan", "show", "1")
    assert plan["revision"] == 0
    _refused(cli, "plan", "cancel", "1", "--expect-revision", "4")
    code, plan = cli.json("plan", "show", "1")
    assert plan["status"] == "active"
    code, data = cli.json("plan", "cancel", "1", "--expect-revision", "0")
    assert code == 0 and len(data["cancelled"]) == 12


def test_the_list_shows_each_sessions_revision(cli: Cli) -> None:
    cli.ok("appointment", "move", "2", "--to", "2037-09-23T11:00")
    out = cli.ok("appointment", "list", "--plan", "1")
    head, first, second = out.splitlines()[1:4]
    assert head.split()[:2] == ["id", "rev"]
    assert first.split()[:2] == ["1", "0"] and second.split()[:2] == ["2", "1"]


def test_set_up_commands_refuse_a_stale_revision(cli: Cli) -> None:
    code, locs = cli.json("location", "list")
    assert locs[0]["revision"] == 0
    cli.ok("location", "edit", "1", "--phone", "+47 22 11 11 11", "--expect-revision", "0")
    _refused(cli, "location", "edit", "1", "--name", "Oslo", "--expect-revision", "0")
    code, locs = cli.json("location", "list")
    assert locs[0]["name"] == "Oslo sentrum" and locs[0]["revision"] == 1

    code, rooms = cli.json("room", "list")
    assert rooms[0]["revision"] == 0
    cli.ok("room", "edit", "1", "--name", "Blue room", "--expect-revision", "0")
    _refused(cli, "room", "edit", "1", "--name", "Red room", "--expect-revision", "0")
    cli.ok("room", "add", "--location", "1", "--name", "Spare")
    cli.ok("room", "edit", "2", "--name", "Spare room")
    _refused(cli, "room", "remove", "2", "--expect-revision", "0")
    cli.ok("room", "remove", "2", "--expect-revision", "1")

    code, pracs = cli.json("practitioner", "list")
    assert pracs[0]["revision"] == 0
    # new hours raise the practitioner's revision too: a desk that saw the old hours is refused
    cli.ok("practitioner", "edit", "1", "--workplace", "1=mon-thu 08:00-16:00")
    _refused(cli, "practitioner", "edit", "1", "--phone", "+47 1", "--expect-revision", "0")
    code, pracs = cli.json("practitioner", "list")
    assert pracs[0]["revision"] == 1 and pracs[0]["locations"][0]["hours"] == "mon-thu 08:00-16:00"
    code, data = cli.json(
        "practitioner", "edit", "1", "--name", "Ingrid B.", "--expect-revision", "1"
    )
    assert code == 0 and data["revision"] == 2

    cli.ok("closure", "add", "--location", "1", "--from", "2037-12-24", "--to", "2037-12-26")
    code, closures = cli.json("closure", "list")
    assert closures[0]["revision"] == 0
    _refused(cli, "closure", "remove", "1", "--expect-revision", "2")
    code, closures = cli.json("closure", "list")
    assert len(closures) == 1
    cli.ok("closure", "remove", "1", "--expect-revision", "0")
