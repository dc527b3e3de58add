"""E-mail, the sending half (issue 12): the SMTP settings and the password, the invitation's
words and its MIME layout, and sending through a real SMTP server on loopback (aiosmtpd).

The calendars attached here are real ones: a plan booked with a clinical template, regions
and a flagged patient, turned into iTIP REQUEST and CANCEL calendars by the delivery engine;
the messages are parsed back as a mail client would and their calendars read by three
independent parsers (icalendar, vobject, ical).
"""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import icalendar
import keyring
import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream
from keyring.backend import KeyringBackend
from keyring.backends import fail

from planner.core.timeutil import utcnow
from planner.db.models import Appointment
from planner.db.store import Store
from planner.errors import BadInput, ChangedElsewhere, MailFailed, Refused
from planner.services.booking.edits import cancel
from planner.services.booking.plans import PlanRequest, book
from planner.services.clinic import add_patient
from planner.services.clinic_settings import set_clinic_details
from planner.services.delivery import RecipientRef, plan_delivery, record
from planner.services.export_scope import Scope
from planner.services.mail_message import (
    TEXTS,
    ClinicContact,
    MailSession,
    build_message,
    invitation_text,
)
from planner.services.mail_settings import (
    KEYRING_SERVICE,
    PASSWORD_ENV,
    MailSettings,
    Security,
    clear_mail_settings,
    mail_settings,
    password_source,
    save_mail_settings,
    smtp_password,
    store_smtp_password,
)
from planner.services.patient_records import (
    changed_fields,
    edit_patient,
    patient_record,
    restore_patient,
)
from planner.services.smtp import send_message
from tests.ics.helpers import expand_ical, expand_icalendar, expand_vobject
from tests.smtp_server import SmtpServer

from ..conftest import Clinic

YEAR = utcnow().year + 1
CLINIC = ClinicContact("Nordlys Klinikk", "+47 22 00 00 00", "post@nordlys.example", "Storgata 1")


def first_monday(month: int) -> date:
    d = date(YEAR, month, 1)
    return d + timedelta(days=(7 - d.weekday()) % 7)


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict: the real ``keyring`` API, no system store."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.saved.pop((service, username), None)


@pytest.fixture
def no_env_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)


@pytest.fixture
def memory_keyring(no_env_password: None) -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring(no_env_password: None) -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(before)


def settings_of(
    server: SmtpServer, security: Security = Security.NONE, user: str = ""
) -> MailSettings:
    return MailSettings(
        host=server.host,
        port=server.port,
        security=security,
        user=user,
        from_address="post@nordlys.example",
        from_name="Nordlys Klinikk Ås",
        grace_seconds=180,
    )


# -- the settings ------------------------------------------------------------------------------


def test_settings_round_trip_and_the_sender_defaults_to_the_clinic(store: Store) -> None:
    assert mail_settings(store) is None, "no host: e-mail is not set up"
    set_clinic_details(store, name="Nordlys Klinikk", email="post@nordlys.example")
    saved = save_mail_settings(
        store,
        host=" smtp.nordlys.example ",
        port=None,
        security="STARTTLS",
        user="desk",
        from_address=None,
    )
    assert saved == MailSettings(
        host="smtp.nordlys.example",
        port=587,
        security=Security.STARTTLS,
        user="desk",
        from_address="post@nordlys.example",
        from_name="Nordlys Klinikk",
        grace_seconds=180,
    )
    assert mail_settings(store) == saved
    # The clinic's e-mail is read when the settings are: a new one is the new sender.
    set_clinic_details(store, email="resepsjon@nordlys.example")
    assert mail_settings(store).from_address == "resepsjon@nordlys.example"  # type: ignore[union-attr]
    again = save_mail_settings(
        store,
        host="mail.example",
        port=2525,
        security=Security.NONE,
        user="",
        from_address="timer@nordlys.example",
        grace_seconds=0,
    )
    assert (again.port, again.user, again.from_address, again.grace_seconds) == (
        2525,
        "",
        "timer@nordlys.example",
        0,
    )
    # No grace period given keeps the one set; tls's usual port.
    kept = save_mail_settings(
        store, host="mail.example", port=None, security="tls", user="", from_address=None
    )
    assert (kept.port, kept.grace_seconds, kept.from_address) == (
        465,
        0,
        "resepsjon@nordlys.example",
    )
    clear_mail_settings(store)
    assert mail_settings(store) is None


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"host": "  "}, "host name is empty"),
        ({"host": "smtp example.com"}, "is not a host name"),
        ({"port": 0}, "0 is not a port"),
        ({"port": 70000}, "70000 is not a port"),
        ({"security": "ssl"}, "'ssl' is not a mail security; use none, starttls"),
        ({"from_address": "post at nordlys"}, "does not look like an e-mail address"),
        ({"grace_seconds": -60}, "give 0 to 1440 minutes"),
        ({"grace_seconds": 25 * 3600}, "give 0 to 1440 minutes"),
        ({"user": "x" * 201}, "too long"),
    ],
)
def test_bad_settings_are_refused_in_one_line_and_change_nothing(
    store: Store, changes: dict[str, object], says: str
) -> None:
    good: dict[str, object] = {
        "host": "smtp.nordlys.example",
        "port": 587,
        "security": "starttls",
        "user": "desk",
        "from_address": "post@nordlys.example",
        "grace_seconds": 120,
    }
    before = save_mail_settings(store, **good)  # type: ignore[arg-type]
    with pytest.raises(BadInput) as caught:
        save_mail_settings(store, **(good | changes))  # type: ignore[arg-type]
    assert says in caught.value.message
    assert "\n" not in caught.value.message
    assert mail_settings(store) == before


def test_no_sender_at_all_is_refused(store: Store) -> None:
    with pytest.raises(BadInput, match="no sender address"):
        save_mail_settings(
            store, host="smtp.example", port=None, security="none", user="", from_address=None
        )
    assert mail_settings(store) is None


# -- the password ------------------------------------------------------------------------------


def test_the_password_comes_from_the_environment_first_and_never_reaches_the_database(
    store: Store, db_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "Fjord-Hemmelig-7319"
    with SmtpServer(user="desk", password=secret) as server:
        ms = save_mail_settings(
            store,
            host=server.host,
            port=server.port,
            security="none",
            user="desk",
            from_address="post@nordlys.example",
        )
        assert smtp_password(ms) is None and password_source(ms) == "none"
        store_smtp_password(ms, secret)
        assert memory_keyring.saved == {(KEYRING_SERVICE, f"desk@{server.host}"): secret}
        assert (smtp_password(ms), password_source(ms)) == (secret, "keyring")
        monkeypatch.setenv(PASSWORD_ENV, "from-the-environment")
        assert (smtp_password(ms), password_source(ms)) == ("from-the-environment", "environment")
        monkeypatch.delenv(PASSWORD_ENV)
        send_message(ms, smtp_password(ms), invitation(ms))
        assert server.logins == ["desk"]
    store.close()
    for f in db_path.parent.iterdir():  # the database, its WAL and anything beside it
        assert secret.encode() not in f.read_bytes(), f.name


def test_no_login_needs_no_password(memory_keyring: MemoryKeyring) -> None:
    ms = MailSettings("smtp.example", 25, Security.NONE, "", "a@b.example", "", 180)
    memory_keyring.set_password(KEYRING_SERVICE, "@smtp.example", "unused")
    assert smtp_password(ms) is None


def test_without_a_system_keyring_reading_finds_none_and_saving_is_refused(
    no_keyring: None,
) -> None:
    ms = MailSettings("smtp.example", 587, Security.STARTTLS, "desk", "a@b.example", "", 180)
    assert smtp_password(ms) is None and password_source(ms) == "none"
    with pytest.raises(Refused, match=f"no system keyring here; set {PASSWORD_ENV} instead"):
        store_smtp_password(ms, "secret")
    with pytest.raises(BadInput, match="empty"):
        store_smtp_password(ms, "")


# -- the message -------------------------------------------------------------------------------


@dataclass
class Booked:
    store: Store
    patient: int
    plan: int
    appointments: list[dict[str, object]]


@pytest.fixture
def booked(oslo: Clinic) -> Booked:
    """A fibromyalgia plan for a patient with an anticoagulants flag and a private note, on the
    neck and lower back, from the first Monday of March (across the spring DST change)."""
    store = oslo.store
    set_clinic_details(store, name="Nordlys Klinikk", email="post@nordlys.example")
    p = add_patient(
        store,
        "Åse Øvrebø",
        email="ase@example.no",
        flags=["anticoagulants"],
        notes="PRIVATE-NOTE-XYZ",
    )
    res = book(
        store,
        PlanRequest(
            patient_id=p.id,
            practitioner_id=oslo.practitioner,
            start=f"{first_monday(3)}T10:00",
            template="Fibromyalgia acupuncture",
            regions=["neck", "lower-back"],
            acknowledge_flags=True,
        ),
    )
    return Booked(store, p.id, res.plan_id, list(res.appointments))


def itip(b: Booked, *, keep: bool = False) -> list[tuple[str, bytes, list[MailSession]]]:
    """The delivery engine's iTIP calendars for the patient, with the sessions as the message
    lists them; ``keep`` records the delivery (the patient then has them)."""
    with b.store.write() as s:
        plan = plan_delivery(
            s,
            RecipientRef.patient(b.patient),
            Scope.patient(b.patient),
            now=utcnow(),
            organizer_email="post@nordlys.example",
        )
        out = []
        for method, ics, parts in plan.itip():
            sessions = [
                MailSession(
                    p.start_local,
                    p.duration_min,
                    p.summary.removeprefix("Cancelled: "),
                    p.cancel,
                    "Oslo sentrum, Storgata 1, 0155 Oslo",
                )
                for p in parts
            ]
            out.append((method, ics, sessions))
        if keep:
            record(s, plan, utcnow())
        else:
            s.rollback()
    return out


def invitation(
    ms: MailSettings, ics: bytes | None = None, to: str = "ase@example.no"
) -> EmailMessage:
    data = ics or (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nMETHOD:REQUEST\r\n"
        b"END:VCALENDAR\r\n"
    )
    return build_message(
        sender_name=ms.from_name,
        sender_address=ms.from_address,
        to_name="Åse Øvrebø",
        to_address=to,
        subject="Your appointment",
        body="Hei\n",
        ics=data,
        method="REQUEST",
    )


def parsed(msg: EmailMessage) -> EmailMessage:
    """The message as a mail client reads it from the wire."""
    back = email.message_from_bytes(
        msg.as_bytes(policy=email.policy.SMTP), policy=email.policy.default
    )
    assert isinstance(back, EmailMessage)
    return back


def calendar_parts(msg: EmailMessage) -> dict[str, EmailMessage]:
    return {
        part.get_content_type(): part
        for part in msg.walk()
        if part.get_content_type() in ("text/calendar", "application/ics")
    }


def instants(data: bytes) -> set[tuple[datetime, datetime]]:
    """What the three independent parsers read; they must agree."""
    found = [expand_icalendar(data), expand_vobject(data), expand_ical(data)]
    assert found[0] == found[1] == found[2]
    return set(found[0])


def test_an_invitation_carries_the_calendar_as_imip_and_every_parser_reads_it(
    booked: Booked,
) -> None:
    ((method, ics, sessions),) = itip(booked)
    assert method == "REQUEST" and len(sessions) == 12
    subject, body = invitation_text(method, "Åse Øvrebø", sessions, CLINIC)
    msg = parsed(
        build_message(
            sender_name="Nordlys Klinikk Ås",
            sender_address="post@nordlys.example",
            to_name="Åse Øvrebø",
            to_address="ase@example.no",
            subject=subject,
            body=body,
            ics=ics,
            method=method,
        )
    )
    assert msg.get_content_type() == "multipart/mixed"
    alternative = next(msg.iter_parts())
    assert isinstance(alternative, EmailMessage)
    assert alternative.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in alternative.iter_parts()] == [
        "text/plain",
        "text/calendar",
    ]
    parts = calendar_parts(msg)
    cal, attached = parts["text/calendar"], parts["application/ics"]
    assert cal.get_param("method") == "REQUEST"
    assert cal.get_content_charset() == "utf-8"
    assert cal["Content-Transfer-Encoding"] == "base64"
    assert attached.get_content_disposition() == "attachment"
    assert attached.get_filename() == "invite.ics"
    for part in (cal, attached):
        assert part.get_payload(decode=True) == ics, "the bytes given, CRLFs and all"
    assert b"\r\nMETHOD:REQUEST\r\n" in ics
    with booked.store.read() as s:
        want = {
            (a.start_utc, a.start_utc + timedelta(minutes=a.duration_min))
            for a in s.query(Appointment).filter(Appointment.plan_id == booked.plan)
        }
    assert instants(ics) == want
    events = IcsCalendarStream.calendar_from_ics(ics.decode()).events
    assert len(events) == 12 and all(e.organizer and e.attendees for e in events)
    assert len(vobject.readOne(ics.decode()).vevent_list) == 12
    # The headers: names with Norwegian letters as RFC 2047 words, read back whole.
    assert str(msg["From"]) == "Nordlys Klinikk Ås <post@nordlys.example>"
    assert msg["To"].addresses[0].display_name == "Åse Øvrebø"
    assert msg["To"].addresses[0].addr_spec == "ase@example.no"
    assert msg["Subject"] == subject
    assert msg["Message-ID"].endswith("@nordlys.example>")
    assert msg["Date"] and msg["Auto-Submitted"] == "auto-generated"
    raw = build_message(
        sender_name="Nordlys Klinikk Ås",
        sender_address="post@nordlys.example",
        to_name="Åse Øvrebø",
        to_address="ase@example.no",
        subject=subject,
        body=body,
        ics=ics,
        method=method,
        message_id="<fixed@nordlys.example>",
    ).as_bytes(policy=email.policy.SMTP)
    assert raw.isascii(), "7-bit safe: the body is quoted-printable, the calendar base64"
    assert b"Message-ID: <fixed@nordlys.example>" in raw
    assert all(len(line) <= 78 for line in raw.split(b"\r\n"))


def test_the_words_give_the_sessions_in_local_time_and_nothing_clinical(booked: Booked) -> None:
    ((method, _ics, sessions),) = itip(booked)
    subject, body = invitation_text(method, "Åse Øvrebø", sessions, CLINIC)
    assert (
        subject
        == f"Your 12 appointments at Nordlys Klinikk, from Mon, {first_monday(3).day} Mar {YEAR}"
    )
    assert body.startswith("Dear Åse Øvrebø,\n")
    for a in booked.appointments:
        start = datetime.fromisoformat(str(a["local_start"]))
        day = f"{start:%A}, {start.day} {start:%B} {start.year}"
        assert f"{day}, {start:%H:%M}–" in body, day
    # 10:00 on both sides of the spring DST change (the last Sunday of March).
    assert body.count(", 10:00–10:30") >= 9
    assert "Acupuncture - session 1 of 9 - Nordlys Klinikk" in body
    assert "Storgata 1" in body and "+47 22 00 00 00" in body
    prose = " ".join(body.split())  # the paragraphs are wrapped at 72
    assert "please call Nordlys Klinikk on +47 22 00 00 00 or write to post@nordlys" in prose
    assert "The attached calendar file (invite.ics) puts the appointments" in prose
    lowered = body.lower()
    for clinical in (
        "fibromyalgia",
        "neck",
        "lower back",
        "lower-back",
        "anticoagulant",
        "private-note",
        "utc",
        "screening",
    ):
        assert clinical not in lowered, clinical
    assert not any(f" {a['id']} " in body for a in booked.appointments if int(str(a["id"])) > 99)
    assert all(len(line) <= 72 for line in body.splitlines())


def test_a_cancellation_says_what_was_cancelled_and_attaches_cancel_ics(booked: Booked) -> None:
    itip(booked, keep=True)  # the patient has the sessions
    gone = booked.appointments[4]
    cancel(booked.store, int(str(gone["id"])), reason="ill")
    messages = itip(booked)
    method, ics, sessions = messages[0]
    assert method == "CANCEL" and len(sessions) == 1
    subject, body = invitation_text(method, "Åse Øvrebø", sessions, CLINIC)
    start = datetime.fromisoformat(str(gone["local_start"]))
    day = f"{start:%a}, {start.day} {start:%b} {start.year}"
    assert subject == f"Cancelled: your appointment at Nordlys Klinikk on {day} at 10:00"
    prose = " ".join(body.split())
    assert "Your appointment at Nordlys Klinikk has been cancelled:" in prose
    assert f"{start:%A}, {start.day} {start:%B} {start.year}, 10:00–10:30" in body
    assert "To book a new time, please call Nordlys Klinikk on +47 22 00 00 00" in prose
    assert "The attached calendar file (cancel.ics) takes the appointment out" in prose
    msg = parsed(
        build_message(
            sender_name="Nordlys Klinikk",
            sender_address="post@nordlys.example",
            to_name="Åse",
            to_address="ase@example.no",
            subject=subject,
            body=body,
            ics=ics,
            method="CANCEL",
        )
    )
    parts = calendar_parts(msg)
    assert parts["text/calendar"].get_param("method") == "CANCEL"
    assert parts["application/ics"].get_filename() == "cancel.ics"
    assert parts["text/calendar"].get_payload(decode=True) == ics
    (ev,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert str(ev["STATUS"]) == "CANCELLED"


def test_a_request_that_lists_a_cancelled_session_says_so_apart() -> None:
    start = datetime(YEAR, 2, 1, 9, 30)
    sessions = [
        MailSession(start + timedelta(days=7 * i), 20, f"Massage {i + 1} of 3", i == 1, "Bergen")
        for i in range(3)
    ]
    subject, body = invitation_text("REQUEST", "Kari", sessions, ClinicContact("", "", "", ""))
    assert subject.startswith("Your 2 appointments, from ")
    live, cancelled = body.split(TEXTS["cancelled_heading"])
    assert "Massage 1 of 3" in live and "Massage 3 of 3" in live and "Massage 2" not in live
    assert "Massage 2 of 3" in cancelled and "09:30–09:50" in cancelled
    assert "get in touch with the clinic" in " ".join(body.split())


def test_mistakes_in_a_message_are_caught() -> None:
    request = b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"
    base: dict[str, Any] = {
        "sender_name": "N",
        "sender_address": "post@nordlys.example",
        "to_name": "K",
        "to_address": "k@example.no",
        "subject": "s",
        "body": "b",
        "ics": request,
        "method": "REQUEST",
    }
    with pytest.raises(ValueError, match="METHOD is not CANCEL"):
        build_message(**(base | {"method": "CANCEL"}))
    with pytest.raises(ValueError, match="REQUEST or CANCEL"):
        build_message(**(base | {"method": "PUBLISH"}))
    with pytest.raises(BadInput, match="recipient needs one"):
        build_message(**(base | {"to_address": "nobody"}))
    # A line break in a subject or a name cannot add a header: it stays one line.
    sneaky = {"subject": "one\nBcc: x@evil.example", "to_name": "K\r\nCc: y@evil.example"}
    odd = parsed(build_message(**(base | sneaky)))
    assert odd["Subject"] == "one Bcc: x@evil.example"
    assert odd["Bcc"] is None and odd["Cc"] is None
    with pytest.raises(ValueError, match="at least one session"):
        invitation_text("REQUEST", "K", [], CLINIC)


# -- sending -----------------------------------------------------------------------------------


def test_a_message_sent_arrives_intact(smtp_server: SmtpServer, booked: Booked) -> None:
    ((method, ics, sessions),) = itip(booked)
    subject, body = invitation_text(method, "Åse Øvrebø", sessions, CLINIC)
    ms = settings_of(smtp_server)
    msg = build_message(
        sender_name=ms.from_name,
        sender_address=ms.from_address,
        to_name="Åse Øvrebø",
        to_address="ase@example.no",
        subject=subject,
        body=body,
        ics=ics,
        method=method,
    )
    send_message(ms, None, msg)
    (got,) = smtp_server.messages
    assert smtp_server.envelopes[0].mail_from == "post@nordlys.example"
    assert smtp_server.envelopes[0].rcpt_tos == ("ase@example.no",)
    assert got["Message-ID"] == msg["Message-ID"]
    assert calendar_parts(got)["text/calendar"].get_payload(decode=True) == ics
    text = got.get_body(("plain",))
    assert text is not None and text.get_content().replace("\r\n", "\n") == body
    # As the outbox sends it: the bytes it stored, read back.
    stored = msg.as_bytes(policy=email.policy.SMTP)
    send_message(ms, None, email.message_from_bytes(stored, policy=email.policy.default))
    again = smtp_server.messages[1]
    assert again["Message-ID"] == msg["Message-ID"]
    assert calendar_parts(again)["text/calendar"].get_payload(decode=True) == ics
    assert calendar_parts(again)["text/calendar"].get_param("method") == "REQUEST"


def test_a_refused_recipient_is_permanent_and_a_4xx_is_transient(smtp_server: SmtpServer) -> None:
    ms = settings_of(smtp_server)
    smtp_server.refuse("gone@example.no")
    with pytest.raises(MailFailed) as caught:
        send_message(ms, None, invitation(ms, to="gone@example.no"))
    assert caught.value.permanent
    assert caught.value.message == (
        f"the mail server at {ms.server} refused the recipient gone@example.no: "
        "550 5.1.1 <gone@example.no>: mailbox unavailable"
    )
    smtp_server.refuse("full@example.no", 452)
    with pytest.raises(MailFailed) as caught:
        send_message(ms, None, invitation(ms, to="full@example.no"))
    assert not caught.value.permanent
    assert caught.value.message.endswith("; the message stays queued")
    assert smtp_server.messages == []


def test_a_stopped_server_and_a_silent_one_are_transient() -> None:
    server = SmtpServer().start()
    ms = settings_of(server)
    server.stop()
    with pytest.raises(MailFailed) as caught:
        send_message(ms, None, invitation(ms))
    assert not caught.value.permanent
    assert caught.value.message == (
        f"the mail server at {ms.server} did not answer; the message stays queued"
    )
    # A server that takes the connection and never greets: the timeout, transient too.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        quiet = MailSettings("127.0.0.1", port, Security.NONE, "", "a@b.example", "", 180)
        with pytest.raises(MailFailed) as caught:
            send_message(quiet, None, invitation(quiet), timeout=0.5)
    assert not caught.value.permanent and "did not answer" in caught.value.message


def test_a_refused_login_is_permanent_and_never_shows_the_password() -> None:
    with SmtpServer(user="desk", password="right-one") as server:
        ms = settings_of(server, user="desk")
        with pytest.raises(MailFailed) as caught:
            send_message(ms, "Wrong-Secret-123", invitation(ms))
        assert caught.value.permanent
        assert caught.value.message.startswith(
            f"the mail server at {ms.server} refused the login of desk: 535"
        )
        assert "check the user and the password" in caught.value.message
        assert "Wrong-Secret-123" not in str(caught.value.to_json())
        with pytest.raises(MailFailed, match="no password for desk") as caught:
            send_message(ms, None, invitation(ms))
        assert caught.value.permanent
        send_message(ms, "right-one", invitation(ms))
        assert server.logins == ["desk"] and len(server.messages) == 1


@pytest.mark.parametrize("security", [Security.STARTTLS, Security.TLS])
def test_tls_and_starttls_with_a_trusted_certificate_and_without(
    security: Security, tmp_path: Path
) -> None:
    pytest.importorskip("cryptography", reason="a throwaway certificate needs cryptography")
    with SmtpServer(user="desk", password="pw", tls=security.value, cert_dir=tmp_path) as server:
        ms = settings_of(server, security, user="desk")
        send_message(ms, "pw", invitation(ms), context=server.client_context())
        assert server.logins == ["desk"] and len(server.messages) == 1
        # The system's trusted certificates do not include a self-signed one: refused for
        # good, until someone fixes the set-up.
        with pytest.raises(MailFailed, match="certificate this computer does not trust") as c:
            send_message(ms, "pw", invitation(ms))
        assert c.value.permanent
        other = Security.NONE if security is Security.TLS else Security.TLS
        wrong = settings_of(server, other, user="desk")
        with pytest.raises(MailFailed) as c:
            send_message(wrong, "pw", invitation(wrong), timeout=1, context=server.client_context())
        if security is Security.STARTTLS:  # TLS spoken to a plain SMTP port
            assert c.value.permanent and "check the security and port" in c.value.message
        else:  # plain SMTP spoken to a TLS port: no greeting comes
            assert not c.value.permanent and "did not answer" in c.value.message


def test_starttls_asked_of_a_server_without_it_is_permanent(smtp_server: SmtpServer) -> None:
    ms = settings_of(smtp_server, Security.STARTTLS)
    with pytest.raises(MailFailed, match="does not offer STARTTLS; choose") as caught:
        send_message(ms, None, invitation(ms))
    assert caught.value.permanent


# -- the patient's consent ---------------------------------------------------------------------


def test_consent_needs_an_address_goes_with_it_and_is_undone_with_the_edit(oslo: Clinic) -> None:
    store = oslo.store
    with pytest.raises(BadInput, match="Kari Nordmann has no e-mail address"):
        edit_patient(store, oslo.kari, email_consent=True)
    assert patient_record(store, oslo.kari).email_consent is False
    edit = edit_patient(store, oslo.kari, email="kari@example.no", email_consent=True)
    assert (edit.before.email_consent, edit.after.email_consent) == (False, True)
    assert (
        changed_fields(edit.before, edit.after)
        == "Kari Nordmann's e-mail and e-mail consent were changed"
    )
    # The undo writes the record before the edit back, consent and all.
    assert restore_patient(store, edit.before, expect=edit.after).email_consent is False
    edit_patient(store, oslo.kari, email="kari@example.no", email_consent=True)
    # Another desk's form, loaded before the consent was given, is refused over it.
    stale = edit.before
    with pytest.raises(ChangedElsewhere, match="consent"):
        edit_patient(store, oslo.kari, notes="x", expect=stale)
    # The address cleared: nothing left to agree to.
    assert edit_patient(store, oslo.kari, email="").after.email_consent is False
    # The address cleared and consent asked for at once: refused, nothing changed.
    edit_patient(store, oslo.kari, email="kari@example.no", email_consent=True)
    with pytest.raises(BadInput, match="no e-mail address"):
        edit_patient(store, oslo.kari, email="", email_consent=True)
    assert patient_record(store, oslo.kari).email == "kari@example.no"


def test_a_norwegian_patient_gets_the_message_in_bokmal(booked: Booked) -> None:
    ((method, _ics, sessions),) = itip(booked)
    subject, body = invitation_text(method, "Åse Øvrebø", sessions, CLINIC, "nb")
    first = first_monday(3)
    assert subject == f"De 12 timene dine hos Nordlys Klinikk, fra man. {first.day}. mars {YEAR}"
    assert body.startswith("Hei Åse Øvrebø,\n")
    assert f"mandag {first.day}. mars {YEAR}, 10:00–" in body
    prose = " ".join(body.split())
    assert "Her er de 12 timene dine hos Nordlys Klinikk." in prose
    assert "ring Nordlys Klinikk på +47 22 00 00 00 eller skriv til post@nordlys" in prose
    assert "Den vedlagte kalenderfilen (invite.ics) legger timene inn i kalenderen din" in prose
    assert body.rstrip().splitlines()[-5] == "Vennlig hilsen"
    assert "Dear" not in body and "appointment" not in body
    assert all(len(line) <= 72 for line in body.splitlines())
