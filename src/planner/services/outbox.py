"""The outbox: deliveries noted with each change, built after the grace period, sent once.

A change to someone's sessions notes a ``waiting`` row in its own transaction
(:mod:`planner.db.deliveries`). :func:`run_due` (the window runs it every few seconds on its
worker; ``planner outbox send`` runs it once) then:

1. **builds** each waiting row that has come due: for a patient, the delivery to them is
   worked out from what they were sent last (:mod:`planner.services.delivery`), and becomes
   at most two ``queued`` messages (a CANCEL, then a REQUEST) in one transaction that also
   moves their baseline. A change undone in the grace period leaves nothing to send
   (``nothing``). For a practitioner's CalDAV calendar, the calendar is brought in step
   (:func:`planner.services.caldav_sync.publish` with ``full=False``);
2. **sends** each queued message through the clinic's SMTP server. A server that is down or
   answers "try later" is retried with back-off (30 s, doubling, at most 30 minutes) for as
   long as it takes; a message the server refuses for good (an address it does not know, a
   password it rejects) is ``failed``, with the reason, and can be resent.

**Exactly once.** A desk claims a row before working on it (a conditional UPDATE that only
one desk can win, with a lease of two minutes), so two desks never build or send the same
row. A message is marked sent in the transaction right after the SMTP server accepted it;
only a crash between those two moments can send it again (with the same Message-ID, which
mail programs use to drop duplicates): SMTP offers no way to make the two one step.
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import formatdate, make_msgid
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from planner.core.timeutil import utcnow
from planner.db.audit import desk_name
from planner.db.models import Appointment, OutboxItem, Patient, Practitioner
from planner.db.store import Store
from planner.errors import BadInput, NotFound, PlannerError
from planner.services.delivery import DeliveryPlan, Planned, RecipientRef, plan_delivery, record
from planner.services.export_scope import Scope

LEASE = timedelta(minutes=2)
WIRE = email.policy.SMTP.clone(max_line_length=200)
"""How a message is stored and sent: CRLF lines, and headers folded only past 200 octets
(RFC 5322 allows 998): Python's folding at 78 breaks a long subject right after "Subject:",
which mail programs then show with a leading space."""
FIRST_RETRY = timedelta(seconds=30)
LAST_RETRY = timedelta(minutes=30)

WAITING, WORKING, QUEUED, SENT, FAILED, NOTHING = (
    "waiting",
    "working",
    "queued",
    "sent",
    "failed",
    "nothing",
)


def backoff(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed try (30 s, 1 min, 2 min, ... 30 min)."""
    step: timedelta = FIRST_RETRY * (2 ** max(0, attempts - 1))
    return min(step, LAST_RETRY)


@dataclass
class RunReport:
    """What one :func:`run_due` did."""

    built: int = 0
    """Messages built from waiting changes."""
    nothing: int = 0
    """Waiting changes that left nothing to send."""
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    published: int = 0
    """Practitioners' CalDAV calendars brought in step."""
    errors: list[str] = field(default_factory=list)

    @property
    def busy(self) -> bool:
        return bool(self.built or self.nothing or self.sent or self.retrying or self.published)

    def to_json(self) -> dict[str, Any]:
        return {
            "built": self.built,
            "nothing_to_send": self.nothing,
            "sent": self.sent,
            "retrying": self.retrying,
            "failed": self.failed,
            "calendars_published": self.published,
            "errors": self.errors,
        }

    def text(self) -> str:
        parts = [
            f"{self.sent} message(s) sent",
            f"{self.built} built",
            f"{self.published} calendar(s) published",
        ]
        if self.retrying:
            parts.append(f"{self.retrying} to retry")
        if self.failed:
            parts.append(f"{self.failed} failed")
        if self.nothing:
            parts.append(f"{self.nothing} change(s) with nothing left to send")
        return ", ".join(parts)


def run_due(
    store: Store,
    *,
    now: datetime | None = None,
    force: bool = False,
    stop: Callable[[], bool] | None = None,
) -> RunReport:
    """Build what has come due and send what is queued (``force``: ignore the grace period and
    the back-off, as ``planner outbox send --now`` does). ``stop`` is asked before each row:
    True ends the run there (the window closing); what is left waits for the next run."""
    now = now or utcnow()
    report = RunReport()
    halted = stop or (lambda: False)
    for row_id, kind in _due(store, (WAITING, WORKING), now, force):
        if halted():
            return report
        if not _claim(store, row_id, (WAITING, WORKING), now, force, to=WORKING):
            continue
        if kind == "email":
            _build(store, row_id, now, report)
        else:
            _publish(store, row_id, now, report)
    for row_id, _kind in _due(store, (QUEUED,), now, force):
        if halted():
            return report
        if _claim(store, row_id, (QUEUED,), now, force, to=QUEUED):
            _send(store, row_id, now, report)
    return report


def _due(
    store: Store, statuses: tuple[str, ...], now: datetime, force: bool
) -> list[tuple[int, str]]:
    with store.read() as s:
        stmt = select(OutboxItem.id, OutboxItem.kind).where(OutboxItem.status.in_(statuses))
        if not force:
            stmt = stmt.where(OutboxItem.due_at <= now)
        stmt = stmt.where(
            or_(OutboxItem.claimed_until.is_(None), OutboxItem.claimed_until < now)
        ).order_by(OutboxItem.due_at, OutboxItem.id)
        return [(int(i), str(k)) for i, k in s.execute(stmt)]


def _claim(
    store: Store, row_id: int, statuses: tuple[str, ...], now: datetime, force: bool, *, to: str
) -> bool:
    """Take the row for this desk (one conditional UPDATE: only one desk can win it)."""
    with store.write("outbox") as s:
        stmt = update(OutboxItem).where(
            OutboxItem.id == row_id,
            OutboxItem.status.in_(statuses),
            or_(OutboxItem.claimed_until.is_(None), OutboxItem.claimed_until < now),
        )
        if not force:
            stmt = stmt.where(OutboxItem.due_at <= now)
        done = s.execute(stmt.values(status=to, claimed_until=now + LEASE, claimed_by=desk_name()))
        return bool(getattr(done, "rowcount", 0) == 1)


def _release(
    s: Session, row: OutboxItem, now: datetime, error: PlannerError, *, permanent: bool
) -> None:
    row.attempts += 1
    row.last_error = str(error)[:2000]
    row.claimed_until = None
    if permanent:
        row.status = FAILED
    else:
        row.due_at = now + backoff(row.attempts)


def _failed(
    store: Store,
    row_id: int,
    now: datetime,
    error: PlannerError,
    report: RunReport,
    *,
    permanent: bool,
    retry_as: str | None = None,
) -> None:
    """Record a failed try of a row (``retry_as``: the status it waits in for the next try)
    and count it in the run's report."""
    with store.write("outbox") as s:
        row = s.get(OutboxItem, row_id)
        if row is not None:
            if retry_as is not None and not permanent:
                row.status = retry_as
            _release(s, row, now, error, permanent=permanent)
    if permanent:
        report.failed += 1
    else:
        report.retrying += 1
    if str(error) not in report.errors:
        report.errors.append(str(error))


def _finished(store: Store, row_id: int, now: datetime, status: str, **values: Any) -> None:
    """Record a row's successful try: its status, when, and ``values`` (sessions, subject)."""
    with store.write("outbox") as s:
        row = s.get(OutboxItem, row_id)
        if row is not None:
            row.status = status
            row.sent_at = now
            row.attempts += 1
            row.last_error = ""
            row.claimed_until = None
            for name, value in values.items():
                setattr(row, name, value)


# -- building a patient's messages --------------------------------------------------------------


def _build(store: Store, row_id: int, now: datetime, report: RunReport) -> None:
    from planner.services.clinic_settings import patient_language
    from planner.services.mail_message import build_message, invitation_text
    from planner.services.mail_settings import read_mail_settings

    with store.write("send invitations") as s:
        row = s.get(OutboxItem, row_id, with_for_update=True)
        if row is None or row.status != WORKING:
            return
        patient = s.get(Patient, row.patient_id) if row.patient_id is not None else None
        ms = read_mail_settings(s)
        reason = _no_mail(patient, ms is not None)
        if reason:
            _settle(s, row, NOTHING, reason)
            report.nothing += 1
            return
        assert patient is not None and ms is not None
        ref = RecipientRef.patient(patient.id)
        plan = plan_delivery(
            s, ref, Scope.patient(patient.id), now=now, organizer_email=ms.from_address
        )
        messages = plan.itip()
        if not messages:
            _settle(
                s,
                row,
                NOTHING,
                "nothing left to send: their calendar already has the sessions as they are",
            )
            report.nothing += 1
            return
        contact = _contact(plan)
        for method, ics, parts in messages:
            subject, body = invitation_text(
                method,
                patient.name,
                _mail_sessions(s, plan, parts),
                contact,
                patient_language(patient.language, plan.prepared.world.settings),
            )
            msg = build_message(
                sender_name=ms.from_name,
                sender_address=ms.from_address,
                to_name=patient.name,
                to_address=patient.email,
                subject=subject,
                body=body,
                ics=ics,
                method=method,
            )
            s.add(
                OutboxItem(
                    kind="email",
                    status=QUEUED,
                    recipient_id=plan.recipient.id,
                    patient_id=patient.id,
                    due_at=now,
                    to_address=patient.email,
                    subject=subject[:400],
                    method=method,
                    sessions=sum(len(p.ids) for p in parts),
                    message_id=str(msg["Message-ID"] or "")[:200],
                    payload=msg.as_bytes(policy=WIRE),
                    created_at=now,
                )
            )
            report.built += 1
        record(s, plan, now)
        s.delete(row)  # the waiting change has become the messages


def _no_mail(patient: Patient | None, mail_set_up: bool) -> str:
    if patient is None:
        return "the patient was removed"
    if not mail_set_up:
        return "e-mail is not set up (planner mail set)"
    if not patient.email:
        return "the patient has no e-mail address"
    if not patient.email_consent:
        return "the patient has not agreed to e-mail"
    return ""


def _settle(s: Session, row: OutboxItem, status: str, why: str) -> None:
    row.status = status
    row.last_error = why
    row.claimed_until = None


def _contact(plan: DeliveryPlan) -> Any:
    from planner.services.mail_message import ClinicContact

    world = plan.prepared.world
    settings = world.settings
    place = next(iter(world.locations.values()), None)
    return ClinicContact(
        name=settings.get("clinic_name") or (place.name if place else ""),
        phone=(place.phone if place and place.phone else "") or settings.get("clinic_phone", ""),
        email=settings.get("clinic_email", ""),
        address=(place.address if place else "") or settings.get("clinic_address", ""),
    )


def _mail_sessions(s: Session, plan: DeliveryPlan, parts: list[Planned]) -> list[Any]:
    """The sessions a message is about, as its text lists them (local times, places)."""
    from planner.services.mail_message import MailSession

    world = plan.prepared.world
    rows: dict[int, Appointment] = {a.id: a for g in world.siblings.values() for a in g}
    out = []
    for p in sorted(parts, key=lambda p: p.start_local):
        a = next((rows[i] for i in p.ids if i in rows), None)
        place = world.locations.get(a.location_id) if a is not None else None
        where = (f"{place.name}, {place.address}" if place.address else place.name) if place else ""
        title = p.summary.removeprefix("Cancelled: ")
        out.append(MailSession(p.start_local, p.duration_min, title, p.cancel, where))
    return out


# -- sending ---------------------------------------------------------------------------------


def _send(store: Store, row_id: int, now: datetime, report: RunReport) -> None:
    from planner.errors import MailFailed
    from planner.services.mail_settings import read_mail_settings, smtp_password
    from planner.services.smtp import send_message

    with store.read() as s:
        row = s.get(OutboxItem, row_id)
        if row is None or row.payload is None:
            return
        payload = row.payload
        ms = read_mail_settings(s)
    if ms is None:
        _failed(
            store,
            row_id,
            now,
            BadInput("e-mail is not set up (planner mail set); the message waits"),
            report,
            permanent=False,
        )
        return
    # smtplib writes the message again with its own policy: keep the long-line one
    msg = email.message_from_bytes(payload, policy=email.policy.default.clone(max_line_length=200))
    try:
        send_message(ms, smtp_password(ms), msg)
    except MailFailed as exc:
        _failed(store, row_id, now, exc, report, permanent=exc.permanent)
        return
    _finished(store, row_id, now, SENT)
    report.sent += 1


# -- a practitioner's CalDAV calendar -------------------------------------------------------


def _publish(store: Store, row_id: int, now: datetime, report: RunReport) -> None:
    from planner.errors import CalDavFailed
    from planner.services.caldav_sync import publish

    with store.read() as s:
        row = s.get(OutboxItem, row_id)
        if row is None or row.practitioner_id is None:
            return
        pid = row.practitioner_id
        pr = s.get(Practitioner, pid)
        if pr is None or not pr.caldav_url:
            reason = "the practitioner no longer publishes a calendar"
        else:
            reason = ""
    if reason:
        with store.write("outbox") as s:
            row = s.get(OutboxItem, row_id)
            if row is not None:
                _settle(s, row, NOTHING, reason)
        report.nothing += 1
        return
    try:
        done = publish(store, pid, now=now, full=False)
    except CalDavFailed as exc:
        _failed(store, row_id, now, exc, report, permanent=exc.permanent, retry_as=WAITING)
        return
    changed = done.added + done.updated + done.removed
    _finished(
        store,
        row_id,
        now,
        SENT if changed else NOTHING,
        sessions=changed,
        subject=done.text()[:400],
    )
    report.published += 1


# -- what the desk sees and does ------------------------------------------------------------


@dataclass(frozen=True)
class OutboxEntry:
    """One row of the outbox as the desk sees it (times as aware local times)."""

    id: int
    kind: str
    status: str
    who: str
    to_address: str
    subject: str
    method: str
    sessions: int
    created: datetime
    due: datetime
    sent: datetime | None
    attempts: int
    last_error: str

    @property
    def state_text(self) -> str:
        """``waiting (grace period)``, ``queued``, ``retrying: …``, ``sent``, ``failed: …``."""
        if self.status in (WAITING, WORKING):
            return "waiting" + (f", retrying: {self.last_error}" if self.last_error else "")
        if self.status == QUEUED:
            return f"retrying: {self.last_error}" if self.last_error else "queued"
        if self.status == FAILED:
            return f"failed: {self.last_error}"
        if self.status == NOTHING:
            return f"nothing to send: {self.last_error}" if self.last_error else "nothing to send"
        return "sent"

    @property
    def what(self) -> str:
        if self.kind == "caldav":
            return self.subject or "bring the calendar in step"
        if self.status in (WAITING, WORKING) and not self.subject:
            return "calendar update (built when the grace period ends)"
        if self.status == NOTHING and not self.subject:
            return "calendar update"
        verb = {"REQUEST": "invitation", "CANCEL": "cancellation"}.get(self.method, "message")
        return f"{verb}: {self.subject}" if self.subject else verb

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "state": self.state_text,
            "who": self.who,
            "to": self.to_address,
            "subject": self.subject,
            "method": self.method or None,
            "sessions": self.sessions,
            "created": self.created.isoformat(timespec="seconds"),
            "due": self.due.isoformat(timespec="seconds"),
            "sent": self.sent.isoformat(timespec="seconds") if self.sent else None,
            "attempts": self.attempts,
            "error": self.last_error or None,
        }


def list_outbox(
    store: Store, *, include_done: bool = True, limit: int = 500, tz: tzinfo | None = None
) -> list[OutboxEntry]:
    """The outbox, newest first (``include_done=False``: only what is not sent or settled)."""
    from planner.services.history_text import history_zone

    shown = tz or history_zone(store)
    with store.read() as s:
        stmt = select(OutboxItem).order_by(OutboxItem.created_at.desc(), OutboxItem.id.desc())
        if not include_done:
            stmt = stmt.where(OutboxItem.status.in_((WAITING, WORKING, QUEUED, FAILED)))
        rows = list(s.scalars(stmt.limit(limit)))
        patients = _names(s, Patient, {r.patient_id for r in rows if r.patient_id})
        staff = _names(s, Practitioner, {r.practitioner_id for r in rows if r.practitioner_id})

        def local(t: datetime) -> datetime:
            return t.replace(tzinfo=UTC).astimezone(shown)

        return [
            OutboxEntry(
                id=r.id,
                kind=r.kind,
                status=r.status,
                who=patients.get(r.patient_id or 0)
                or staff.get(r.practitioner_id or 0)
                or "(removed)",
                to_address=r.to_address,
                subject=r.subject,
                method=r.method,
                sessions=r.sessions,
                created=local(r.created_at),
                due=local(r.due_at),
                sent=local(r.sent_at) if r.sent_at else None,
                attempts=r.attempts,
                last_error=r.last_error,
            )
            for r in rows
        ]


def _names(s: Session, model: Any, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {
        int(i): str(n) for i, n in s.execute(select(model.id, model.name).where(model.id.in_(ids)))
    }


def counts(store: Store) -> dict[str, int]:
    """How many rows are waiting, queued and failed (for the window's status line)."""
    with store.read() as s:
        out = {WAITING: 0, QUEUED: 0, FAILED: 0}
        for status in s.scalars(
            select(OutboxItem.status).where(
                OutboxItem.status.in_((WAITING, WORKING, QUEUED, FAILED))
            )
        ):
            key = WAITING if status == WORKING else str(status)
            out[key] += 1
        return out


def retry(store: Store, ids: list[int] | None = None, *, now: datetime | None = None) -> int:
    """Send failed (or retrying) messages again now; ``ids`` None: all of them. Returns how
    many were put back in the queue."""
    now = now or utcnow()
    with store.write("outbox retry") as s:
        stmt = select(OutboxItem).where(OutboxItem.status.in_((FAILED, QUEUED, WAITING)))
        if ids is not None:
            stmt = stmt.where(OutboxItem.id.in_(ids))
        rows = list(s.scalars(stmt))
        if ids is not None:
            found = {r.id for r in rows}
            missing = [i for i in ids if i not in found]
            if missing:
                raise NotFound(
                    "no queued or failed outbox entry with id "
                    + ", ".join(str(i) for i in missing)
                    + "; list them with 'planner outbox list'"
                )
        for r in rows:
            if r.status == FAILED:
                r.status = QUEUED if r.kind == "email" else WAITING
            r.due_at = now
            r.claimed_until = None
        return len(rows)


def resend(store: Store, row_id: int, *, now: datetime | None = None) -> int:
    """Queue a copy of a sent or failed message (a new Message-ID); returns the copy's id."""
    now = now or utcnow()
    with store.write("outbox resend") as s:
        row = s.get(OutboxItem, row_id)
        if row is None or row.kind != "email" or row.payload is None:
            raise NotFound(
                f"no e-mail message with id {row_id} in the outbox; list them with "
                "'planner outbox list'"
            )
        if row.status in (QUEUED,):
            raise BadInput("that message is still queued; 'planner outbox retry' sends it now")
        payload, message_id = _fresh_copy(row.payload)
        copy = OutboxItem(
            kind="email",
            status=QUEUED,
            recipient_id=row.recipient_id,
            patient_id=row.patient_id,
            due_at=now,
            to_address=row.to_address,
            subject=row.subject,
            method=row.method,
            sessions=row.sessions,
            message_id=message_id[:200],
            payload=payload,
            created_at=now,
        )
        s.add(copy)
        s.flush()
        return int(copy.id)


def _fresh_copy(payload: bytes) -> tuple[bytes, str]:
    """The same message with a new Message-ID and Date (a resend is a new message)."""
    msg = email.message_from_bytes(payload, policy=email.policy.default)
    sender = str(msg.get("From", ""))
    domain = sender.rpartition("@")[2].rstrip(">").strip() or None
    del msg["Message-ID"]
    del msg["Date"]
    msg["Message-ID"] = make_msgid(domain=domain)
    msg["Date"] = formatdate(localtime=True)
    return msg.as_bytes(policy=WIRE), str(msg["Message-ID"])
