"""``planner history``: the change log of a session, plan or patient, as a desk reads it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from planner.cli.history import since_utc

from ..conftest import Cli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("PLANNER_DESK", "reception-1")
    c = Cli(tmp_path / "cli.db", capsys)
    c.oslo_clinic()
    c.ok("room", "add", "--location", "1", "--name", "Room 1")
    c.ok("room", "add", "--location", "1", "--name", "Room 2")
    c.ok("patient", "add", "--name", "Kari Nordmann", "--phone", "+47 900 00 001")
    c.ok(
        "plan", "book", "--patient", "1", "--practitioner", "1", "--room", "1",
        "--template", "Fibromyalgia acupuncture", "--start", "2037-09-15T10:00",
    )  # fmt: skip
    return c


def test_a_sessions_changes_with_desk_user_time_before_and_after(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANNER_DESK", "reception-2")
    cli.ok("appointment", "move", "2", "--to", "2037-09-23T11:00", "--room", "2")
    code, data = cli.json("history", "--session", "2")
    assert code == 0
    assert [(c["kind"], c["action"], c["desk"]) for c in data] == [
        ("created", "book plan", "reception-1"),
        ("changed", "move", "reception-2"),
    ]
    moved = data[1]
    assert moved["before"] == {"room_id": 1, "start_local": "2037-09-22T10:00:00"}
    assert moved["after"] == {"room_id": 2, "start_local": "2037-09-23T11:00:00"}
    assert moved["revision"] == 1 and moved["user"] and moved["at"].endswith("Z")

    out = cli.ok("history", "--session", "2")
    lines = out.splitlines()
    assert lines[0] == (
        "2 changes of treatment of Kari Nordmann, Wed 23 Sep 2037 11:00 (times in Europe/Oslo)"
    )
    at = datetime.fromisoformat(moved["at"].rstrip("Z")).replace(tzinfo=UTC)
    local = at.astimezone(ZoneInfo("Europe/Oslo")).strftime("%a %d %b %Y %H:%M")
    assert local in lines[3] and "reception-2" in lines[3] and "session 2" in lines[3]
    assert lines[3].endswith(
        "changed: start Tue 22 Sep 2037 10:00 → Wed 23 Sep 2037 11:00; room Room 1 → Room 2"
    )
    assert "room_id" not in out and "UTC" not in out


def test_a_plan_and_a_patient_gather_their_sessions(cli: Cli) -> None:
    cli.ok("appointment", "cancel", "3", "--reason", "patient ill")
    code, plan = cli.json("history", "--plan", "1")
    assert code == 0 and len(plan) == 1 + 12 + 1  # the plan, its sessions, the cancel
    code, patient = cli.json("history", "--patient", "1")
    assert len(patient) == len(plan) + 1  # and the patient's own record
    code, latest = cli.json("history", "--patient", "1", "--limit", "1")
    assert [c["id"] for c in latest] == [patient[-1]["id"]]
    out = cli.ok("history", "--plan", "1", "--limit", "1")
    assert "of plan Fibromyalgia acupuncture of Kari Nordmann" in out.splitlines()[0]
    assert "status booked → cancelled; reason (empty) → 'patient ill'" in out


def test_since_a_day_typed_as_the_desk_types_it(cli: Cli) -> None:
    today = datetime.now(ZoneInfo("Europe/Oslo")).date()
    for typed in (f"{today:%d.%m.%Y}", today.isoformat()):
        code, data = cli.json("history", "--session", "1", "--since", typed)
        assert code == 0 and len(data) == 1, typed
    code, data = cli.json("history", "--session", "1", "--since", f"{today.year + 1}-01-01")
    assert code == 0 and data == []
    out = cli.ok("history", "--session", "1", "--since", f"01.01.{today.year + 1}")
    assert out.strip() == (
        f"no changes recorded for assessment of Kari Nordmann, Tue 15 Sep 2037 10:00 "
        f"since 01.01.{today.year + 1}"
    )


def test_since_is_the_start_of_the_local_day_in_utc() -> None:
    oslo = ZoneInfo("Europe/Oslo")
    assert since_utc("01.07.2027", oslo) == datetime(2027, 6, 30, 22, 0)
    assert since_utc("2027-01-01", oslo) == datetime(2026, 12, 31, 23, 0)
    assert since_utc("2027-01-01T09:30", oslo) == datetime(2027, 1, 1, 8, 30)


def test_wrong_input_says_so_in_one_line(cli: Cli) -> None:
    code, out, err = cli("history", "--session", "1", "--patient", "1")
    assert code == 2 and out == ""
    assert err == (
        "planner: name one of --session, --plan or --patient, not --session and --patient\n"
    )
    code, _out, err = cli("history", "--session", "999")
    assert code == 4
    assert err == "planner: no session with id 999; list them with 'planner appointment list'\n"
    code, _out, err = cli("history", "--plan", "7")
    assert code == 4 and "no plan with id 7" in err
    code, _out, err = cli("history", "--patient", "7")
    assert code == 4 and "no patient with id 7" in err
    code, _out, err = cli("history", "--since", "31.02.2027")
    assert code == 2 and err == "planner: '31.02.2027' is not a date: February 2027 has 28 days\n"
    code, _out, err = cli("history", "--since", "last week")
    assert code == 2 and err.count("\n") == 1 and "dd.mm.yyyy" in err
    code, _out, err = cli("history", "--since", "")
    assert code == 2 and err == "planner: type the --since date as dd.mm.yyyy, e.g. 01.12.2026\n"
    code, _out, err = cli("history", "--limit", "0")
    assert code == 2 and err == "planner: --limit must be 1 or more\n"
    with pytest.raises(SystemExit) as exit_:  # argparse's own usage error
        cli("history", "--session", "x")
    assert exit_.value.code == 2


def test_a_removed_room_keeps_its_history(cli: Cli) -> None:
    cli.ok("room", "add", "--location", "1", "--name", "Quiet room")
    cli.ok("room", "remove", "3")
    code, data = cli.json("history", "--since", "2000-01-01")
    assert code == 0
    assert [(c["entity"], c["kind"]) for c in data[-2:]] == [
        ("room", "created"),
        ("room", "deleted"),
    ]
    out = cli.ok("history", "--limit", "1")
    assert out.splitlines()[-1].endswith("room 3           room Quiet room: removed")
