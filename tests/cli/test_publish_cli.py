"""``planner publish`` and ``planner practitioner edit --caldav-url`` end to end, against a
real Radicale server on loopback. Dates are relative to today (the command uses the clock)."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import vobject
from caldav.collection import Calendar as DavCalendar

from tests.caldav_server import RadicaleServer

from ..conftest import Cli


def _monday_in(weeks: int) -> date:
    today = date.today()
    return today + timedelta(days=7 * weeks - today.weekday())


START = _monday_in(8) + timedelta(days=1)
"""A Tuesday about two months ahead: inside the default 180 days, after the new year."""


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path / "cli.db", capsys)
    c.oslo_clinic()
    c.ok("patient", "add", "--name", "Kari Nordmann")
    c.ok(
        "plan", "book", "--patient", "1", "--practitioner", "1", "--modality", "acupuncture",
        "--start", f"{START.isoformat()}T10:00", "--weeks", "4", "--duration", "30",
    )  # fmt: skip
    return c


@pytest.fixture
def cal(cli: Cli, caldav_server: RadicaleServer, monkeypatch: pytest.MonkeyPatch) -> str:
    url = caldav_server.calendar_url("ingrid", "clinic")
    monkeypatch.setenv("PLANNER_CALDAV_PASSWORD", caldav_server.users["ingrid"])
    out = cli.ok("practitioner", "edit", "1", "--caldav-url", url, "--caldav-user", "ingrid")
    assert f"calendar {url} as ingrid" in out
    return url


def on_server(server: RadicaleServer, url: str) -> dict[str, Any]:
    with server.client("ingrid") as client:
        found = DavCalendar(client=client, url=url).get_events()
        assert isinstance(found, list)
        out = {}
        for obj in found:
            ev = vobject.readOne(obj.get_data()).vevent
            out[ev.uid.value] = ev
        return out


def test_publish_then_a_cancel_and_a_move_then_nothing(
    cli: Cli, cal: str, caldav_server: RadicaleServer
) -> None:
    code, text, err = cli("publish", "--practitioner", "1")
    assert (code, err) == (0, "")
    assert text.strip() == (
        "published Ingrid Berg's calendar: 4 added, 0 updated, 0 removed, 0 unchanged"
    )
    assert len(on_server(caldav_server, cal)) == 4
    cli.ok("appointment", "cancel", "4")
    cli.ok("appointment", "move", "2", "--to", f"{(START + timedelta(days=9)).isoformat()}T13:00")
    code, data = cli.json("publish", "--practitioner", "1")
    assert code == 0
    # the cancel of the last session makes "n of 4" "n of 3" in the others' titles too
    assert (data["added"], data["removed"], data["edits_replaced"]) == (0, 1, [])
    assert data["updated"] == 3 and data["unchanged"] == 0
    assert data["from"] == date.today().isoformat()
    events = on_server(caldav_server, cal)
    assert len(events) == 3
    assert (
        sorted(e.dtstart.value.replace(tzinfo=None).isoformat() for e in events.values())[1]
        == f"{(START + timedelta(days=9)).isoformat()}T13:00:00"
    )
    code, data = cli.json("publish", "--practitioner", "1")
    assert code == 0
    assert (data["added"], data["updated"], data["removed"], data["unchanged"]) == (0, 0, 0, 3)


def test_an_edit_on_the_server_is_named_in_the_output(
    cli: Cli, cal: str, caldav_server: RadicaleServer
) -> None:
    cli.ok("publish", "--practitioner", "1")
    with caldav_server.client("ingrid") as client:
        (obj, *_rest) = DavCalendar(client=client, url=cal).get_events()  # type: ignore[misc]
        data = obj.get_data()
        edited = "\n".join(
            "SUMMARY:Golf" if ln.startswith("SUMMARY:") else ln for ln in data.splitlines()
        )
        assert client.put(str(obj.url), edited, {"Content-Type": "text/calendar"}).status == 204
    out = cli.ok("publish", "--practitioner", "1")
    lines = out.strip().splitlines()
    assert lines[0].endswith("0 added, 1 updated, 0 removed, 3 unchanged")
    assert lines[1].startswith("  edited on the server, set back to planner's: ")
    assert "10:00" in lines[1] and "Golf" not in lines[1]


def test_a_server_that_is_down_is_one_line_and_exit_3(
    cli: Cli, cal: str, caldav_server: RadicaleServer
) -> None:
    caldav_server.stop(keep_storage=True)
    code, out, err = cli("publish", "--practitioner", "1")
    assert code == 3 and out == ""
    assert err == (
        f"planner: the calendar server at 127.0.0.1:{caldav_server.port} did not answer; "
        "nothing more was changed there, try again\n"
    )
    code, data = cli.json("publish", "--practitioner", "1")
    assert code == 3 and data["error"] == "CalDavFailed" and data["permanent"] is False


def test_publish_refusals(cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = cli("publish", "--practitioner", "1")
    assert code == 3 and "has no calendar to publish to" in err
    assert err.count("\n") == 1
    code, _out, err = cli("publish", "--practitioner", "9")
    assert code == 4 and "no practitioner with id 9" in err
    code, _out, err = cli("publish", "--practitioner", "1", "--from", "tomorrow-ish")
    assert code == 2


def test_practitioner_edit_checks_the_address_and_shows_it(cli: Cli) -> None:
    code, _out, err = cli("practitioner", "edit", "1", "--caldav-url", "ftp://x.example/cal/")
    assert code == 2 and "not a calendar address" in err
    code, data = cli.json(
        "practitioner", "edit", "1", "--caldav-url", "https://cal.example.com/dav/ingrid/work",
        "--caldav-user", "ingrid",
    )  # fmt: skip
    assert code == 0
    assert data["caldav_url"] == "https://cal.example.com/dav/ingrid/work/"
    assert data["caldav_user"] == "ingrid"
    code, listed = cli.json("practitioner", "list")
    assert listed[0]["caldav_url"] == "https://cal.example.com/dav/ingrid/work/"
    assert "calendar https://cal.example.com/dav/ingrid/work/" in cli.ok("practitioner", "list")
    code, data = cli.json("practitioner", "edit", "1", "--caldav-url", "")
    assert code == 0 and data["caldav_url"] == ""


def test_store_password_without_a_keyring_is_refused_and_changes_nothing(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]  # keyring's untyped
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    try:
        code, _out, err = cli(
            "practitioner", "edit", "1", "--caldav-url", "https://cal.example.com/i/",
            "--store-password",
        )  # fmt: skip
    finally:
        keyring.set_keyring(previous)
    assert code == 3
    assert err == "planner: no system keyring here; set PLANNER_CALDAV_PASSWORD instead\n"
    _code, listed = cli.json("practitioner", "list")
    assert listed[0]["caldav_url"] == ""
    assert "s3cret" not in json.dumps(listed)


def test_store_password_keeps_it_in_the_keyring(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    kept: dict[tuple[str, str], str] = {}

    class Memory(KeyringBackend):
        priority = 1

        def get_password(self, service: str, username: str) -> str | None:
            return kept.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            kept[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            kept.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())  # type: ignore[no-untyped-call]  # keyring's untyped
    try:
        cli.ok("practitioner", "edit", "1", "--caldav-url", "https://cal.example.com/i/")
        monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
        out = cli.ok("practitioner", "edit", "1", "--caldav-user", "ingrid", "--store-password")
        assert kept == {("planner-caldav", "ingrid@https://cal.example.com/i/"): "s3cret"}
        assert "s3cret" not in out
        monkeypatch.setattr("sys.stdin", io.StringIO("n3w\n"))
        out = cli.ok("practitioner", "edit", "1", "--store-password")
        assert "kept the calendar password of Ingrid Berg" in out
        assert kept[("planner-caldav", "ingrid@https://cal.example.com/i/")] == "n3w"
    finally:
        keyring.set_keyring(previous)
