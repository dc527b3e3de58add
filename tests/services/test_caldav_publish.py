"""Publishing a practitioner's sessions to their CalDAV calendar, against a real Radicale.

Everything is read back from the server twice: through the caldav library and by parsing
the raw resources with vobject, an independent iCalendar parser.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import unquote

import pytest
import vobject
from caldav.collection import Calendar as DavCalendar
from sqlalchemy import delete, select

from planner.core.domain import Kind, Phase
from planner.db.models import RecipientItem
from planner.errors import BadInput, CalDavFailed, Refused
from planner.services.booking.edits import cancel, move
from planner.services.booking.plans import PlanRequest, book
from planner.services.caldav_client import PASSWORD_ENV
from planner.services.caldav_sync import (
    caldav_password,
    publish,
    store_caldav_password,
)
from planner.services.clinic_setup import edit_practitioner
from tests.caldav_server import RadicaleServer

from ..conftest import Clinic

NOW = datetime(2027, 1, 4, 12, 0)
"""Monday 4 January 2027, before every session these tests book (naive UTC)."""

FOREIGN = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//phone//EN\r\nBEGIN:VEVENT\r\n"
    "UID:dentist-42@example.com\r\nDTSTAMP:20270101T080000Z\r\n"
    "DTSTART:20270106T140000Z\r\nDTEND:20270106T150000Z\r\nSUMMARY:Dentist\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.fixture
def cal(oslo: Clinic, caldav_server: RadicaleServer, monkeypatch: pytest.MonkeyPatch) -> str:
    """Ingrid's calendar on the server, set on her practitioner record."""
    url = caldav_server.calendar_url("ingrid", "work")
    monkeypatch.setenv(PASSWORD_ENV, caldav_server.users["ingrid"])
    edit_practitioner(oslo.store, oslo.practitioner, caldav_url=url, caldav_user="ingrid")
    return url


def weekly(c: Clinic, patient: int, start: str, weeks: int, practitioner: int | None = None) -> Any:
    req = PlanRequest(
        patient_id=patient,
        practitioner_id=practitioner or c.practitioner,
        start=start,
        phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=weeks),),
        modality="acupuncture" if practitioner is None else "physiotherapy",
        room_id=c.room,
    )
    return book(c.store, req, now=NOW)


def server_events(server: RadicaleServer, url: str) -> dict[str, dict[str, Any]]:
    """UID -> what the server holds, read with the caldav library and checked with vobject."""
    out: dict[str, dict[str, Any]] = {}
    with server.client("ingrid") as client:
        found = DavCalendar(client=client, url=url).get_events()
        assert isinstance(found, list)  # the sync client's (the type also admits the async one)
        for obj in found:
            raw = obj.get_data()
            parsed = vobject.readOne(raw)
            events = list(parsed.contents.get("vevent", []))
            assert len(events) == 1, raw
            ev = events[0]
            uid = ev.uid.value
            out[uid] = {
                "href": str(obj.url),
                "etag": obj.etag,
                "summary": ev.summary.value,
                "start": ev.dtstart.value,
                "sequence": int(ev.sequence.value) if hasattr(ev, "sequence") else 0,
                "class": ev.contents["class"][0].value if "class" in ev.contents else None,
                "method": "method" in parsed.contents,
                "tz": [t.tzid.value for t in parsed.contents.get("vtimezone", [])],
                "raw": raw,
            }
            assert str(obj.icalendar_component["UID"]) == uid  # the library agrees
    return out


def items(c: Clinic) -> list[tuple[Any, ...]]:
    with c.store.read() as s:
        return [
            (r.uid, r.href, r.etag, r.digest, r.sequence)
            for r in s.scalars(select(RecipientItem).order_by(RecipientItem.uid))
        ]


def put_foreign(server: RadicaleServer, url: str) -> str:
    with server.client("ingrid") as client:
        resp = client.put(url + "dentist.ics", FOREIGN, {"Content-Type": "text/calendar"})
        assert resp.status == 201
        return str(resp.headers["ETag"])


def edit_on_server(server: RadicaleServer, href: str, summary: str) -> None:
    """Another client (the practitioner's phone) changes the event's title."""
    with server.client("ingrid") as client:
        got = client.request(href, "GET")
        data = got.raw.replace("\r\n", "\n")
        lines = [
            f"SUMMARY:{summary}" if ln.startswith("SUMMARY:") else ln for ln in data.split("\n")
        ]
        resp = client.put(href, "\r\n".join(lines), {"Content-Type": "text/calendar"})
        assert resp.status in (201, 204), resp.status


def test_publish_leaves_exactly_the_live_sessions_in_range(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    booked = weekly(oslo, oslo.kari, "2027-01-05 10:00", 6).appointments
    weekly(oslo, oslo.ola, "2027-01-06 09:00", 3, practitioner=oslo.physio)  # Per's, not hers
    cancel(oslo.store, booked[5]["id"], now=NOW)
    report = publish(oslo.store, oslo.practitioner, now=NOW)
    assert (report.added, report.updated, report.removed, report.unchanged) == (5, 0, 0, 0)
    assert report.first == date(2027, 1, 4) and report.last == date(2027, 7, 2)
    got = server_events(caldav_server, cal)
    assert set(got) == {a["uid"] for a in booked[:5]}
    for a in booked[:5]:
        ev = got[a["uid"]]
        assert unquote(ev["href"]).endswith(f"/work/{a['uid']}.ics")
        assert ev["class"] == "CONFIDENTIAL"
        assert not ev["method"]
        assert ev["tz"] == ["Europe/Oslo"]
        assert "K.N." in ev["summary"] or "KN" in ev["summary"]
        assert "Kari" not in ev["raw"] and "Nordmann" not in ev["raw"]
    starts = sorted(ev["start"].replace(tzinfo=None) for ev in got.values())
    assert starts == [datetime(2027, 1, d, 10, 0) for d in (5, 12, 19, 26)] + [
        datetime(2027, 2, 2, 10, 0)
    ]
    assert all(ev["start"].tzinfo is not None for ev in got.values())
    assert len(items(oslo)) == 5
    assert "5 added, 0 updated, 0 removed, 0 unchanged" in report.summary()
    assert "Ingrid Berg" in report.summary()


def test_a_cancel_and_a_move_delete_one_and_update_one_then_nothing_changes(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    """Nina's only session is cancelled and one of Kari's is moved. (Cancelling one of a
    series would renumber its others, "3 of 4" becoming "2 of 3": those are updates too.)"""
    booked = weekly(oslo, oslo.kari, "2027-01-05 10:00", 3).appointments
    nina = weekly(oslo, oslo.nina, "2027-01-08 09:00", 1).appointments[0]
    publish(oslo.store, oslo.practitioner, now=NOW)
    before = server_events(caldav_server, cal)
    assert len(before) == 4
    cancel(oslo.store, nina["id"], now=NOW)
    move(oslo.store, booked[1]["id"], "2027-01-14 11:00", now=NOW)
    report = publish(oslo.store, oslo.practitioner, now=NOW)
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 1, 2)
    assert report.edits_replaced == []
    after = server_events(caldav_server, cal)
    assert set(after) == {a["uid"] for a in booked}
    moved = after[booked[1]["uid"]]
    assert moved["start"].replace(tzinfo=None) == datetime(2027, 1, 14, 11, 0)
    assert moved["sequence"] > before[booked[1]["uid"]]["sequence"]
    assert after[booked[0]["uid"]]["etag"] == before[booked[0]["uid"]]["etag"]
    state = items(oslo)
    again = publish(oslo.store, oslo.practitioner, now=NOW)
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 3)
    assert not again.changed
    assert items(oslo) == state
    assert server_events(caldav_server, cal) == after


def test_cancelling_one_of_a_series_renumbers_the_others(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    booked = weekly(oslo, oslo.kari, "2027-01-05 10:00", 3).appointments
    publish(oslo.store, oslo.practitioner, now=NOW)
    seqs = {u: e["sequence"] for u, e in server_events(caldav_server, cal).items()}
    cancel(oslo.store, booked[0]["id"], now=NOW)
    report = publish(oslo.store, oslo.practitioner, now=NOW, full=False)
    assert (report.removed, report.updated) == (1, 2)
    after = server_events(caldav_server, cal)
    assert "1 of 2" in after[booked[1]["uid"]]["raw"]
    assert all(after[u]["sequence"] > seqs[u] for u in after)


def test_foreign_events_are_never_touched(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    booked = weekly(oslo, oslo.kari, "2027-01-05 10:00", 2).appointments
    etag = put_foreign(caldav_server, cal)
    publish(oslo.store, oslo.practitioner, now=NOW)
    for a in booked:
        cancel(oslo.store, a["id"], now=NOW)
    report = publish(oslo.store, oslo.practitioner, now=NOW)
    assert report.removed == 2
    got = server_events(caldav_server, cal)
    assert set(got) == {"dentist-42@example.com"}
    assert got["dentist-42@example.com"]["etag"] == etag
    assert publish(oslo.store, oslo.practitioner, now=NOW).changed is False


def test_an_edit_on_the_server_gets_a_412_that_is_handled_and_reported(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    booked = weekly(oslo, oslo.kari, "2027-01-05 10:00", 3).appointments
    publish(oslo.store, oslo.practitioner, now=NOW)
    hrefs = {uid: href for uid, href, *_ in items(oslo)}
    # The phone edits two events; planner then moves the first and cancels the second, so
    # both its If-Match requests meet the changed ETags (412).
    edit_on_server(caldav_server, hrefs[booked[0]["uid"]], "Lunch with Kari")
    edit_on_server(caldav_server, hrefs[booked[1]["uid"]], "Moved by phone")
    move(oslo.store, booked[0]["id"], "2027-01-07 13:00", now=NOW)
    cancel(oslo.store, booked[1]["id"], now=NOW)
    report = publish(oslo.store, oslo.practitioner, now=NOW, full=False)
    # the third is renumbered ("2 of 2" now), an update without an edit on the server
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 2, 1, 0)
    assert len(report.edits_replaced) == 2
    assert any(t.startswith("Thu 07 Jan 2027 13:00") for t in report.edits_replaced)
    assert any(t.startswith("Tue 12 Jan 2027 10:00") for t in report.edits_replaced)
    assert "@planner" not in " ".join(report.edits_replaced)
    assert "set back to planner's" in report.summary()
    got = server_events(caldav_server, cal)
    assert set(got) == {booked[0]["uid"], booked[2]["uid"]}
    assert "Lunch" not in got[booked[0]["uid"]]["summary"]
    assert got[booked[0]["uid"]]["start"].replace(tzinfo=None) == datetime(2027, 1, 7, 13, 0)
    recorded = {uid: etag for uid, _h, etag, *_ in items(oslo)}
    assert recorded == {uid: got[uid]["etag"] for uid in got}


def test_a_full_run_sets_an_edited_event_back_and_says_so(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    booked = weekly(oslo, oslo.kari, "2027-01-05 10:00", 2).appointments
    publish(oslo.store, oslo.practitioner, now=NOW)
    first = booked[0]["uid"]
    href = dict((u, h) for u, h, *_ in items(oslo))[first]
    edit_on_server(caldav_server, href, "Dentist instead")
    # An incremental run compares with its own state only: nothing changed in planner.
    quiet = publish(oslo.store, oslo.practitioner, now=NOW, full=False)
    assert not quiet.contacted and not quiet.changed
    report = publish(oslo.store, oslo.practitioner, now=NOW)
    assert (report.updated, report.unchanged) == (1, 1)
    assert report.edits_replaced == [next(t for t in report.edits_replaced)]
    assert report.edits_replaced[0].startswith("Tue 05 Jan 2027 10:00")
    got = server_events(caldav_server, cal)
    assert "Dentist" not in got[first]["summary"]
    assert publish(oslo.store, oslo.practitioner, now=NOW).changed is False


def test_a_resource_deleted_on_the_server_is_put_back(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    booked = weekly(oslo, oslo.kari, "2027-01-05 10:00", 2).appointments
    publish(oslo.store, oslo.practitioner, now=NOW)
    href = dict((u, h) for u, h, *_ in items(oslo))[booked[1]["uid"]]
    with caldav_server.client("ingrid") as client:
        assert client.delete(href).status == 200
    report = publish(oslo.store, oslo.practitioner, now=NOW)
    assert (report.added, report.unchanged) == (1, 1)
    assert set(server_events(caldav_server, cal)) == {a["uid"] for a in booked}


def test_lost_state_after_a_restore_creates_no_duplicates(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    booked = weekly(oslo, oslo.kari, "2027-01-05 10:00", 3).appointments
    publish(oslo.store, oslo.practitioner, now=NOW)
    kept = items(oslo)
    for full in (False, True):
        with oslo.store.write() as s:
            s.execute(delete(RecipientItem))
        # an incremental run creates with If-None-Match and meets 412s; a full one compares
        report = publish(oslo.store, oslo.practitioner, now=NOW, full=full)
        assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 3)
        assert [i[:2] + i[3:] for i in items(oslo)] == [i[:2] + i[3:] for i in kept]
    assert set(server_events(caldav_server, cal)) == {a["uid"] for a in booked}


def test_planner_resources_of_lost_state_that_should_not_be_there_are_removed(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    kari = weekly(oslo, oslo.kari, "2027-01-05 10:00", 1).appointments[0]
    nina = weekly(oslo, oslo.nina, "2027-01-08 09:00", 1).appointments[0]
    put_foreign(caldav_server, cal)
    publish(oslo.store, oslo.practitioner, now=NOW)
    with oslo.store.write() as s:
        s.execute(delete(RecipientItem))
    cancel(oslo.store, nina["id"], now=NOW)
    report = publish(oslo.store, oslo.practitioner, now=NOW)
    assert (report.removed, report.unchanged) == (1, 1)
    assert set(server_events(caldav_server, cal)) == {kari["uid"], "dentist-42@example.com"}


def test_sessions_that_leave_the_range_are_removed(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    booked = weekly(oslo, oslo.kari, "2027-01-05 10:00", 4).appointments
    report = publish(oslo.store, oslo.practitioner, date(2027, 1, 4), date(2027, 1, 31), now=NOW)
    assert report.added == 4
    move(oslo.store, booked[3]["id"], "2027-02-02 11:00", now=NOW)
    report = publish(oslo.store, oslo.practitioner, date(2027, 1, 4), date(2027, 1, 31), now=NOW)
    assert (report.removed, report.unchanged) == (1, 3)
    # the range moves on: the first session is in the past of the next run
    later = datetime(2027, 1, 6, 12, 0)
    report = publish(oslo.store, oslo.practitioner, date(2027, 1, 6), date(2027, 2, 28), now=later)
    assert (report.added, report.removed, report.unchanged) == (1, 1, 2)
    assert set(server_events(caldav_server, cal)) == {a["uid"] for a in booked[1:]}


def test_a_session_given_to_another_practitioner_is_removed(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    booked = weekly(oslo, oslo.kari, "2027-01-06 10:00", 2).appointments
    publish(oslo.store, oslo.practitioner, now=NOW)
    edit_practitioner(oslo.store, oslo.physio, may_needle=True)
    move(oslo.store, booked[0]["id"], "2027-01-06 10:00", practitioner_id=oslo.physio, now=NOW)
    report = publish(oslo.store, oslo.practitioner, now=NOW, full=False)
    assert (report.removed, report.unchanged) == (1, 1)
    assert set(server_events(caldav_server, cal)) == {booked[1]["uid"]}


def test_incremental_run_after_a_change_sends_only_that(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    booked = weekly(oslo, oslo.kari, "2027-01-05 10:00", 3).appointments
    first = publish(oslo.store, oslo.practitioner, now=NOW, full=False)
    assert first.added == 3 and first.contacted
    move(oslo.store, booked[1]["id"], "2027-01-13 09:00", now=NOW)
    weekly(oslo, oslo.nina, "2027-01-08 09:00", 1)
    report = publish(oslo.store, oslo.practitioner, now=NOW, full=False)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 0, 2)
    assert len(server_events(caldav_server, cal)) == 4
    assert publish(oslo.store, oslo.practitioner, now=NOW, full=False).contacted is False


def test_a_server_that_is_down_gives_one_line_and_changes_no_state(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    booked = weekly(oslo, oslo.kari, "2027-01-05 10:00", 2).appointments
    publish(oslo.store, oslo.practitioner, now=NOW)
    state = items(oslo)
    caldav_server.stop(keep_storage=True)
    move(oslo.store, booked[0]["id"], "2027-01-07 13:00", now=NOW)
    for full in (True, False):
        with pytest.raises(CalDavFailed) as exc:
            publish(oslo.store, oslo.practitioner, now=NOW, full=full)
        assert exc.value.permanent is False
        host = f"127.0.0.1:{caldav_server.port}"
        assert exc.value.message == (
            f"the calendar server at {host} did not answer; nothing more was changed there, "
            "try again"
        )
        assert items(oslo) == state
    caldav_server.restart()
    report = publish(oslo.store, oslo.practitioner, now=NOW, full=False)
    assert (report.updated, report.unchanged) == (1, 1)


def test_a_wrong_password_and_an_address_that_is_not_a_calendar_are_permanent(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    weekly(oslo, oslo.kari, "2027-01-05 10:00", 1)
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    with pytest.raises(CalDavFailed) as exc:
        publish(oslo.store, oslo.practitioner, now=NOW)
    assert exc.value.permanent
    assert "refused the user name or password" in exc.value.message
    assert "wrong" not in exc.value.message
    monkeypatch.setenv(PASSWORD_ENV, caldav_server.users["ingrid"])
    for url in (caldav_server.url + "ingrid/nothing-here/", caldav_server.url + "ingrid/"):
        edit_practitioner(oslo.store, oslo.practitioner, caldav_url=url)
        with pytest.raises(CalDavFailed) as exc:
            publish(oslo.store, oslo.practitioner, now=NOW)
        assert exc.value.permanent
        assert "is not a calendar" in exc.value.message
    assert items(oslo) == []


def test_no_calendar_set_is_refused(oslo: Clinic) -> None:
    with pytest.raises(Refused, match="has no calendar to publish to"):
        publish(oslo.store, oslo.practitioner, now=NOW)


def test_the_address_is_checked_and_an_empty_one_stops_publishing(oslo: Clinic) -> None:
    for bad in ("ftp://cal.example.com/x/", "cal.example.com/x", "https://u:p@cal.example.com/"):
        with pytest.raises(BadInput):
            edit_practitioner(oslo.store, oslo.practitioner, caldav_url=bad)
    info = edit_practitioner(
        oslo.store, oslo.practitioner, caldav_url="https://cal.example.com/dav/ingrid/work",
        caldav_user="ingrid",
    )  # fmt: skip
    assert info.caldav_url == "https://cal.example.com/dav/ingrid/work/"
    assert info.caldav_user == "ingrid"
    info = edit_practitioner(oslo.store, oslo.practitioner, caldav_url="")
    assert info.caldav_url == ""
    with pytest.raises(Refused):
        publish(oslo.store, oslo.practitioner, now=NOW)


def test_password_from_the_environment_or_the_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1

        def __init__(self) -> None:
            super().__init__()  # type: ignore[no-untyped-call]  # keyring leaves it untyped
            self.kept: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.kept.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.kept[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.kept.pop((service, username), None)

    url = "https://cal.example.com/dav/ingrid/work/"
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.delenv(f"{PASSWORD_ENV}_7", raising=False)
    previous = keyring.get_keyring()
    memory = Memory()
    keyring.set_keyring(memory)
    try:
        assert caldav_password(7, url, "ingrid") is None
        store_caldav_password(url, "ingrid", "s3cret")
        assert memory.kept == {("planner-caldav", f"ingrid@{url}"): "s3cret"}
        assert caldav_password(7, url, "ingrid") == "s3cret"
        monkeypatch.setenv(PASSWORD_ENV, "from-env")
        assert caldav_password(7, url, "ingrid") == "from-env"
        monkeypatch.setenv(f"{PASSWORD_ENV}_7", "hers")
        assert caldav_password(7, url, "ingrid") == "hers"
    finally:
        keyring.set_keyring(previous)


def test_no_keyring_is_a_one_line_refusal(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]  # keyring's untyped
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    try:
        assert caldav_password(1, "https://x.example/", "u") is None
        with pytest.raises(Refused, match="no system keyring here; set PLANNER_CALDAV_PASSWORD"):
            store_caldav_password("https://x.example/", "u", "pw")
    finally:
        keyring.set_keyring(previous)


def test_the_caldav_days_setting_sets_the_range(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    from planner.services.clinic_settings import set_setting

    weekly(oslo, oslo.kari, "2027-01-05 10:00", 3)
    with pytest.raises(BadInput):
        set_setting(oslo.store, "caldav_days", "forever")
    set_setting(oslo.store, "caldav_days", "10")
    report = publish(oslo.store, oslo.practitioner, now=NOW)
    assert (report.first, report.last) == (date(2027, 1, 4), date(2027, 1, 13))
    assert report.added == 2  # the 5th and the 12th; the 19th is past the range
    assert len(server_events(caldav_server, cal)) == 2


def test_a_run_cut_off_half_way_leaves_state_that_matches_the_server(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server goes away after planner wrote two of four resources: the two are recorded
    (each in its own transaction right after the server answered), the rest are not, and the
    next run adds just those."""
    import planner.services.caldav_sync as sync

    booked = weekly(oslo, oslo.kari, "2027-01-05 10:00", 4).appointments
    recorded = sync._record
    calls = []

    def record_then_cut(*args: Any, **kwargs: Any) -> None:
        recorded(*args, **kwargs)
        calls.append(1)
        if len(calls) == 2:
            caldav_server.stop(keep_storage=True)

    monkeypatch.setattr(sync, "_record", record_then_cut)
    with pytest.raises(CalDavFailed):
        publish(oslo.store, oslo.practitioner, now=NOW)
    monkeypatch.setattr(sync, "_record", recorded)
    caldav_server.restart()
    on_server = server_events(caldav_server, cal)
    assert len(on_server) == 2
    assert {(u, e) for u, _h, e, *_ in items(oslo)} == {
        (u, v["etag"]) for u, v in on_server.items()
    }
    report = publish(oslo.store, oslo.practitioner, now=NOW, full=False)
    assert (report.added, report.unchanged) == (2, 2)
    assert set(server_events(caldav_server, cal)) == {a["uid"] for a in booked}


def test_the_outbox_keeps_the_calendar_in_step_after_each_change(
    oslo: Clinic, cal: str, caldav_server: RadicaleServer
) -> None:
    """Booking, moving and cancelling note a delivery to Ingrid's calendar; the outbox brings
    it in step (``publish(full=False)``) once the grace period is over, and keeps a server
    that is down for a later try."""
    from datetime import timedelta

    from planner.services.outbox import run_due

    booked = weekly(oslo, oslo.kari, "2027-01-05 10:00", 3).appointments
    later = NOW + timedelta(minutes=10)
    assert run_due(oslo.store, now=later).published == 1
    assert set(server_events(caldav_server, cal)) == {a["uid"] for a in booked}
    move(oslo.store, booked[2]["id"], "2027-01-21 14:00", now=NOW)
    caldav_server.stop(keep_storage=True)
    down = run_due(oslo.store, now=later)
    assert down.retrying == 1 and down.published == 0
    caldav_server.restart()
    assert run_due(oslo.store, now=later + timedelta(hours=1)).published == 1
    moved = server_events(caldav_server, cal)[booked[2]["uid"]]
    assert moved["start"].replace(tzinfo=None) == datetime(2027, 1, 21, 14, 0)
