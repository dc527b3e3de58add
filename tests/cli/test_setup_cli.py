"""``planner clinic set|show``, ``location|room|practitioner edit``, ``closure list|remove`` and
``plan list``: success, --json, one stderr line and exit 2 for bad input (nothing changed),
exit 4 for an unknown id."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import Cli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path / "cli.db", capsys)
    c.oslo_clinic()
    c.ok("room", "add", "--location", "1", "--name", "Room 1")
    c.ok("patient", "add", "--name", "Kari Nordmann", "--phone", "+47 900 00 001")
    return c


def refused(cli: Cli, *args: str, code: int = 2) -> str:
    """Run a command that must be refused with ``code`` and one line on stderr; that line."""
    before = cli.json("clinic", "show")
    got, out, err = cli(*args)
    assert got == code, (args, out, err)
    assert len(err.strip().splitlines()) == 1, err
    assert cli.json("clinic", "show") == before
    return err.strip()


def test_clinic_set_and_show(cli: Cli) -> None:
    out = cli.ok("clinic", "set", "--name", "Nordlys Klinikk", "--phone", "+47 22 40 00 00")
    assert out.splitlines()[0] == "Nordlys Klinikk"
    code, data = cli.json("clinic", "set", "--email", "post@nordlys.example", "--address", "")
    assert code == 0
    assert data == {
        "name": "Nordlys Klinikk",
        "phone": "+47 22 40 00 00",
        "email": "post@nordlys.example",
        "address": "",
        "language": "",
    }
    text = cli.ok("clinic", "show")
    assert "Nordlys Klinikk" in text and "Oslo sentrum" in text and "Ingrid Berg" in text
    assert "rooms: Room 1" in text
    code, shown = cli.json("clinic", "show")
    assert shown["clinic"]["email"] == "post@nordlys.example"
    assert shown["locations"][0]["hours"] == "mon-fri 08:00-18:00"
    assert shown["practitioners"][0]["workplaces"][0]["hours"] == "mon-fri 08:00-16:00"


def test_clinic_set_refusals(cli: Cli) -> None:
    assert "nothing to set" in refused(cli, "clinic", "set")
    assert "does not look like an e-mail" in refused(
        cli, "clinic", "set", "--name", "X", "--email", "nope"
    )
    code, data = cli.json("clinic", "set", "--phone", "call us")
    assert code == 2 and data["error"] == "BadInput"


def test_location_edit(cli: Cli) -> None:
    out = cli.ok(
        "location", "edit", "1", "--name", "Oslo Majorstuen", "--hours", "mon-fri 08:00-18:00"
    )
    assert out.strip() == "location 1: Oslo Majorstuen (Europe/Oslo, NO) mon-fri 08:00-18:00"
    code, data = cli.json("location", "edit", "1", "--country", "us", "--subdivision", "ny")
    assert code == 0 and (data["country"], data["subdivision"]) == ("US", "NY")
    assert "did you mean Europe/Oslo?" in refused(cli, "location", "edit", "1", "--tz", "Oslo")
    assert "starts before Oslo Majorstuen opens (09:00)" in refused(
        cli, "location", "edit", "1", "--hours", "mon-fri 09:00-18:00"
    )
    assert "nothing to change" in refused(cli, "location", "edit", "1")
    assert "no location with id 9" in refused(cli, "location", "edit", "9", "--name", "X", code=4)


def test_room_edit_and_remove(cli: Cli) -> None:
    code, data = cli.json("room", "edit", "1", "--name", "Blue room")
    assert code == 0 and data == {"id": 1, "name": "Blue room", "location_id": 1, "revision": 1}
    cli.ok("room", "add", "--location", "1", "--name", "Room 2")
    assert "a room called 'Blue room' already" in refused(
        cli, "room", "edit", "2", "--name", "blue ROOM"
    )
    assert "no room with id 7" in refused(cli, "room", "edit", "7", "--name", "X", code=4)
    assert cli.ok("room", "remove", "2").strip() == "room Room 2 removed"


def test_practitioner_edit(cli: Cli) -> None:
    cli.ok("location", "add", "--name", "Bergen", "--tz", "Europe/Oslo")
    code, data = cli.json(
        "practitioner", "edit", "1", "--name", "Ingrid Berg Lie", "--email", "ingrid@n.example",
        "--workplace", "1=mon-wed 08:00-16:00", "--workplace", "2=thu,fri 09:00-15:00",
    )  # fmt: skip
    assert code == 0
    assert data["name"] == "Ingrid Berg Lie" and data["may_needle"] is True
    assert [(w["name"], w["hours"]) for w in data["locations"]] == [
        ("Oslo sentrum", "mon-wed 08:00-16:00"),
        ("Bergen", "thu-fri 09:00-15:00"),
    ]
    out = cli.ok("practitioner", "edit", "1", "--profession", "physiotherapist", "--no-needle")
    assert "(physiotherapist)" in out
    line = refused(cli, "practitioner", "edit", "1", "--workplace", "1=tue 07:00-15:00")
    assert line == (
        "planner: Ingrid Berg Lie's Tuesday 07:00-15:00 starts before Oslo sentrum opens "
        "(08:00); change the hours or the location's opening hours"
    )
    assert "cannot read --workplace" in refused(
        cli, "practitioner", "edit", "1", "--workplace", "Oslo: mon 08-12"
    )
    assert "cannot be allowed to needle" in refused(
        cli, "practitioner", "edit", "1", "--profession", "massage-therapist", "--may-needle"
    )
    assert "no location with id 5" in refused(
        cli, "practitioner", "edit", "1", "--workplace", "5=mon 08:00-12:00", code=4
    )
    assert "no practitioner with id 8" in refused(
        cli, "practitioner", "edit", "8", "--name", "X", code=4
    )


def test_closure_list_shows_the_sessions_hit_and_remove(cli: Cli) -> None:
    cli.ok(
        "plan", "book", "--patient", "1", "--practitioner", "1", "--room", "1",
        "--template", "Fibromyalgia acupuncture", "--start", "2027-03-02T10:00",
    )  # fmt: skip
    cli.ok("closure", "add", "--location", "1", "--from", "2027-03-15", "--to", "2027-03-19",
           "--reason", "staff course")  # fmt: skip
    text = cli.ok("closure", "list")
    assert "Mon 15 Mar 2027 - Fri 19 Mar 2027" in text and "1 booked session to move" in text
    assert "Tue 16 Mar 2027 10:00" in text and "Kari Nordmann" in text
    code, data = cli.json("closure", "list", "--location", "1")
    assert code == 0 and data[0]["reason"] == "staff course"
    assert [(h["local_start"], h["patient"], h["kind"]) for h in data[0]["sessions"]] == [
        ("2027-03-16T10:00", "Kari Nordmann", "treatment")
    ]
    assert "already closed" in refused(
        cli, "closure", "add", "--location", "1", "--from", "2027-03-19"
    )
    assert "no location with id 4" in refused(cli, "closure", "list", "--location", "4", code=4)
    assert "open again" in cli.ok("closure", "remove", "1")
    assert cli.ok("closure", "list").strip() == "no closures"
    assert "no closure with id 1" in refused(cli, "closure", "remove", "1", code=4)


def test_plan_list(cli: Cli) -> None:
    assert cli.ok("plan", "list").strip() == "no plans"
    cli.ok(
        "plan", "book", "--patient", "1", "--practitioner", "1",
        "--template", "Fibromyalgia acupuncture", "--start", "2027-03-02T10:00",
    )  # fmt: skip
    text = cli.ok("plan", "list", "--patient", "1")
    assert "Kari Nordmann" in text and "Fibromyalgia acupuncture" in text and "0/12" in text
    code, data = cli.json("plan", "list", "--status", "active")
    assert code == 0 and [(d["id"], d["status"], d["sessions"]) for d in data] == [
        (1, "active", 12)
    ]
    code, data = cli.json("plan", "list", "--status", "done")
    assert code == 0 and data == []
    assert "use active, done or cancelled" in refused(cli, "plan", "list", "--status", "over")
    assert "no patient with id 5" in refused(cli, "plan", "list", "--patient", "5", code=4)
    # The message that pointed to a command that did not exist now points to this one.
    assert "planner plan list" in refused(cli, "plan", "show", "42", code=4)
