"""E-mail invitations end to end, through a real SMTP server on loopback (issue 12).

A plan is booked for a patient with an e-mail address who agreed to e-mail; one session is
moved and another cancelled. The server receives a REQUEST with the 12 sessions, a REQUEST
for the moved one with a higher SEQUENCE, and a CANCEL for the cancelled one (plus a REQUEST
for the sessions whose "n of N" changed). Applied in order to a simple iTIP model (RFC 5546:
an update applies when its SEQUENCE is not lower than the one held; CANCEL removes), they
leave exactly the 11 live sessions at their times, read by three independent parsers.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import icalendar
import pytest
import vobject
from sqlalchemy import func, select

from planner.core.timeutil import utcnow
from planner.db.models import Appointment, OutboxItem, Patient
from planner.db.store import Store
from planner.services.booking.edits import cancel, move
from planner.services.booking.plans import PlanRequest, book
from planner.services.clinic_settings import set_setting
from planner.services.mail_settings import save_mail_settings
from planner.services.outbox import list_outbox, run_due

from ..conftest import Clinic

YEAR = utcnow().year + 2  # far enough ahead that every session is in the future


def monday(month: int) -> date:
    """The first Monday of ``month`` in YEAR (plans start on a weekday the clinic is open)."""
    d = date(YEAR, month, 1)
    return d + timedelta(days=(7 - d.weekday()) % 7)


def two_days_later(local_start: str, at: str) -> str:
    """The session's day plus two (a Monday session to Wednesday), at ``at``."""
    day = datetime.fromisoformat(local_start).date() + timedelta(days=2)
    return f"{day.isoformat()}T{at}"


@dataclass
class Held:
    start: datetime
    end: datetime
    sequence: int
    summary: str


def _events_of(data: bytes) -> Any:
    """The parsed calendar, untyped (icalendar's values are read by property name)."""
    return icalendar.Calendar.from_ical(data)


def calendar_part(msg: EmailMessage) -> tuple[str, bytes]:
    for part in msg.walk():
        if part.get_content_type() == "text/calendar":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return str(part.get_param("method")), payload
    raise AssertionError("no text/calendar part")


def apply(model: dict[str, Held], method: str, ics: bytes) -> None:
    """A calendar client as RFC 5546 section 2.1.5 describes it, without recurrences."""
    cal = _events_of(ics)
    assert str(cal["METHOD"]) == method
    for ev in cal.walk("VEVENT"):
        uid, seq = str(ev["UID"]), int(ev["SEQUENCE"])
        assert "ORGANIZER" in ev and "ATTENDEE" in ev, "iTIP needs both on every event"
        held = model.get(uid)
        if held is not None and seq < held.sequence:
            continue  # an older update: ignored
        if method == "CANCEL":
            model.pop(uid, None)
        else:
            model[uid] = Held(
                ev.DTSTART.replace(tzinfo=None),
                ev.DTEND.replace(tzinfo=None),
                seq,
                str(ev["SUMMARY"]),
            )


def live_sessions(store: Store, plan_id: int) -> dict[str, tuple[datetime, datetime]]:
    with store.read() as s:
        return {
            a.uid: (a.start_local, a.start_local + timedelta(minutes=a.duration_min))
            for a in s.scalars(
                select(Appointment).where(
                    Appointment.plan_id == plan_id, Appointment.status != "cancelled"
                )
            )
        }


@pytest.fixture
def mailing(oslo: Clinic, smtp_server: Any) -> Iterator[Clinic]:
    store = oslo.store
    set_setting(store, "clinic_email", "post@nordlys.example")
    set_setting(store, "clinic_name", "Nordlys Klinikk")
    save_mail_settings(
        store,
        host=smtp_server.host,
        port=smtp_server.port,
        security="none",
        user="",
        from_address="post@nordlys.example",
    )
    with store.write() as s:
        kari = s.get(Patient, oslo.kari)
        assert kari is not None
        kari.email = "kari@example.no"
        kari.email_consent = True
    yield oslo


def test_book_move_cancel_reach_the_patient_and_leave_exactly_the_live_sessions(
    mailing: Clinic, smtp_server: Any
) -> None:
    c = mailing
    res = book(
        c.store,
        PlanRequest(
            patient_id=c.kari,
            practitioner_id=c.practitioner,
            start=f"{monday(3)}T10:00",
            template="Fibromyalgia acupuncture",
        ),
    )
    assert len(res.appointments) == 12
    (row,) = list_outbox(c.store)
    assert row.status == "waiting", "held for the grace period"
    assert run_due(c.store).sent == 0, "nothing leaves before the grace period ends"
    report = run_due(c.store, force=True)
    assert (report.built, report.sent) == (1, 1), report
    (first,) = smtp_server.messages
    method, ics = calendar_part(first)
    assert method == "REQUEST"
    assert len(_events_of(ics).walk("VEVENT")) == 12
    assert first["To"].addresses[0].addr_spec == "kari@example.no"

    t3, t6 = res.appointments[3], res.appointments[6]
    target = two_days_later(t3["local_start"], "14:00")
    move(c.store, t3["id"], target)
    run_due(c.store, force=True)
    (second,) = smtp_server.messages[1:]
    method, ics = calendar_part(second)
    (moved,) = _events_of(ics).walk("VEVENT")
    assert method == "REQUEST"
    assert moved.DTSTART.replace(tzinfo=None) == datetime.fromisoformat(target)
    sent_before = {
        str(e["UID"]): int(e["SEQUENCE"])
        for e in _events_of(calendar_part(first)[1]).walk("VEVENT")
    }
    assert int(moved["SEQUENCE"]) > sent_before[str(moved["UID"])]

    cancel(c.store, t6["id"], reason="ill")
    run_due(c.store, force=True)
    later = smtp_server.messages[2:]
    methods = [calendar_part(m)[0] for m in later]
    assert methods[0] == "CANCEL", "the cancellation goes first"
    assert set(methods) <= {"CANCEL", "REQUEST"} and len(later) <= 2
    (gone,) = _events_of(calendar_part(later[0])[1]).walk("VEVENT")
    with c.store.read() as s:
        cancelled = s.get(Appointment, t6["id"])
        assert cancelled is not None
        assert str(gone["UID"]) == cancelled.uid

    model: dict[str, Held] = {}
    for m in smtp_server.messages:
        apply(model, *calendar_part(m))
    want = live_sessions(c.store, res.plan_id)
    assert len(want) == 11
    assert {u: (h.start, h.end) for u, h in model.items()} == want
    # The renumbered titles reached the patient too ("treatment 4 of 9" -> "... of 8").
    assert all(" of 8" in h.summary for h in model.values() if "treatment" in h.summary.lower())

    # Independent parsers read every attachment the same way.
    for m in smtp_server.messages:
        _method, data = calendar_part(m)
        ours = {
            str(e["UID"]): e.DTSTART.replace(tzinfo=None) for e in _events_of(data).walk("VEVENT")
        }
        theirs = {
            v.uid.value: v.dtstart.value.replace(tzinfo=None)
            for v in vobject.readOne(data.decode()).vevent_list
        }
        assert ours == theirs
    # A long subject ("Cancelled: your appointment on ...") is not folded after "Subject:",
    # which mail programs would show with a leading space.
    for raw in smtp_server.raw:
        assert b"Subject: \r\n" not in raw and b"Subject: " in raw
    # Exactly once: nothing more is sent, and every message is marked sent.
    assert run_due(c.store, force=True).sent == 0
    with c.store.read() as s:
        statuses = dict(
            s.execute(select(OutboxItem.status, func.count()).group_by(OutboxItem.status)).all()
        )
    assert statuses == {"sent": len(smtp_server.messages)}


def test_an_undo_within_the_grace_period_sends_nothing(mailing: Clinic, smtp_server: Any) -> None:
    c = mailing
    res = book(
        c.store,
        PlanRequest(
            patient_id=c.kari,
            practitioner_id=c.practitioner,
            start=f"{monday(4)}T10:00",
            template="Fibromyalgia acupuncture",
        ),
    )
    run_due(c.store, force=True)
    assert len(smtp_server.messages) == 1
    t2 = res.appointments[2]
    move(c.store, t2["id"], two_days_later(t2["local_start"], "15:00"))
    move(c.store, t2["id"], t2["local_start"])  # undone before the grace period ended
    report = run_due(c.store, force=True)
    assert (report.built, report.sent, report.nothing) == (0, 0, 1)
    assert len(smtp_server.messages) == 1


def test_with_the_server_down_bookings_succeed_and_the_mail_goes_once_it_is_back(
    mailing: Clinic, smtp_server: Any
) -> None:
    c = mailing
    smtp_server.stop()
    book(
        c.store,
        PlanRequest(
            patient_id=c.kari,
            practitioner_id=c.practitioner,
            start=f"{monday(5)}T10:00",
            template="Fibromyalgia acupuncture",
        ),
    )
    report = run_due(c.store, force=True)
    assert (report.built, report.sent, report.retrying) == (1, 0, 1)
    (row,) = list_outbox(c.store)
    assert row.status == "queued" and "did not answer" in row.state_text
    assert row.attempts == 1
    assert run_due(c.store).sent == 0, "the back-off holds it"
    smtp_server.start()
    assert run_due(c.store, force=True).sent == 1
    assert len(smtp_server.messages) == 1
    (row,) = list_outbox(c.store)
    assert row.status == "sent"


def test_no_consent_no_mail(mailing: Clinic, smtp_server: Any) -> None:
    c = mailing
    with c.store.write() as s:
        kari = s.get(Patient, c.kari)
        assert kari is not None
        kari.email_consent = False
    book(
        c.store,
        PlanRequest(
            patient_id=c.kari,
            practitioner_id=c.practitioner,
            start=f"{monday(6)}T10:00",
            template="Fibromyalgia acupuncture",
        ),
    )
    # Only the note of the fixture's consent (given, then taken back) is there, and it
    # settles as nothing to send, saying why.
    assert run_due(c.store, force=True).sent == 0
    assert smtp_server.messages == []
    (row,) = list_outbox(c.store)
    assert row.state_text == "nothing to send: the patient has not agreed to e-mail"


def test_consent_given_later_sends_what_is_booked_and_a_new_address_starts_afresh(
    mailing: Clinic, smtp_server: Any
) -> None:
    c = mailing
    with c.store.write() as s:
        kari = s.get(Patient, c.kari)
        assert kari is not None
        kari.email_consent = False
    book(
        c.store,
        PlanRequest(
            patient_id=c.kari,
            practitioner_id=c.practitioner,
            start=f"{monday(9)}T10:00",
            template="Fibromyalgia acupuncture",
        ),
    )
    assert run_due(c.store, force=True).sent == 0
    with c.store.write() as s:
        kari = s.get(Patient, c.kari)
        assert kari is not None
        kari.email_consent = True
    assert run_due(c.store, force=True).sent == 1
    (first,) = smtp_server.messages
    assert len(_events_of(calendar_part(first)[1]).walk("VEVENT")) == 12
    with c.store.write() as s:
        kari = s.get(Patient, c.kari)
        assert kari is not None
        kari.email = "kari.nordmann@example.no"
    assert run_due(c.store, force=True).sent == 1
    second = smtp_server.messages[1]
    assert second["To"].addresses[0].addr_spec == "kari.nordmann@example.no"
    assert len(_events_of(calendar_part(second)[1]).walk("VEVENT")) == 12, "all of them anew"
