"""Deliveries: what each person's calendar was sent, and what to send it next.

A **recipient** is a calendar planner keeps in step (:class:`RecipientRef`): a patient's (the
e-mail invitations and the desk's "changes since last" files for them), a practitioner's
(files), a practitioner's CalDAV calendar (:mod:`planner.services.caldav_sync`), or a named
file target (a location's or the whole clinic's "changes since last" file). For every UID it
was sent, a :class:`~planner.db.models.RecipientItem` keeps the SEQUENCE, a digest of the
event(s) without DTSTAMP and SEQUENCE, and whether it was live or cancelled.

:func:`plan_delivery` compares what a scope holds now with what the recipient was sent:

* a UID never sent and live is **new**; one never sent and cancelled is left out (nothing to
  take back);
* a UID whose digest differs was **changed**: time, status, title ("3 of 9" becoming "3 of
  8" changes the title) or anything else the recipient sees. Its SEQUENCE becomes
  ``max(the session's own, last sent + 1)``, so every client that honours SEQUENCE (RFC 5546
  section 2.1.4) applies it;
* a UID sent live that is now cancelled, that left the scope (another practitioner or
  location has the session), or whose sessions no longer exist (a booking undone) is
  **cancelled**: sent as a cancellation with a higher SEQUENCE;
* everything else is unchanged and not sent.

Only a delivery moves a recipient's baseline (:func:`record`); a plain export
(:func:`planner.services.calendar_export.export_calendar`) never does, so printing a plan
between two deliveries no longer swallows a move.

**One shape and one profile per recipient.** The first delivery fixes them; a later one in
the other shape or profile is refused (:class:`~planner.errors.Refused`) rather than
replacing the old events. Replacing would take two messages (cancel every old UID, then send
the new ones), and a client that applied only one of them would be left with every session
twice or with none; a patient gains nothing from the other shape. A patient's calendar is
always written in the patient profile: a practitioner's or the full profile is kept in step
as a named file target instead.

**iTIP** (RFC 5546): for people, every event carries ORGANIZER (the clinic) and ATTENDEE
(the recipient) from the first delivery on; :meth:`DeliveryPlan.itip` gives a ``METHOD:CANCEL``
calendar for the cancellations and a ``METHOD:REQUEST`` one for new and changed sessions
(section 3.2.2 REQUEST, 3.2.5 CANCEL). A recurring series whose sessions were partly
cancelled is re-sent as a REQUEST with the new EXDATEs, which is how section 3.2.2.5 lets an
organizer remove instances; a series cancelled whole is a CANCEL of its UID. A file for
someone who imports files by hand (:meth:`DeliveryPlan.file`) has no METHOD unless it only
cancels, and shows cancellations as ``STATUS:CANCELLED`` events, as files always did.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.patient_input import parse_language
from planner.core.timeutil import utcnow
from planner.db.models import (
    Appointment,
    Location,
    Patient,
    Plan,
    Practitioner,
    Recipient,
    RecipientItem,
)
from planner.db.store import Store
from planner.errors import BadInput, NotFound, Refused
from planner.ics import render
from planner.ics.atomic import AtomicFile
from planner.ics.model import (
    CalendarMeta,
    EventText,
    Organizer,
    PatientLabel,
    Profile,
    SessionEvent,
    Shape,
    parse_profile,
    parse_shape,
)
from planner.services.batches import in_batches
from planner.services.calendar_export import ExportResult, Prepared, prepare
from planner.services.export_events import Unit, units
from planner.services.export_scope import Scope, ScopeKind, in_scope


class RecipientKind(enum.StrEnum):
    PATIENT = "patient"
    PRACTITIONER = "practitioner"
    CALDAV = "caldav"
    FILE = "file"


@dataclass(frozen=True)
class RecipientRef:
    """Who a delivery is for; :attr:`key` is what its state is kept by."""

    kind: RecipientKind
    id: int | None = None
    name: str = ""

    @property
    def key(self) -> str:
        if self.kind is RecipientKind.FILE:
            return f"file:{self.name}"
        return f"{self.kind.value}:{self.id}"

    @classmethod
    def patient(cls, patient_id: int) -> RecipientRef:
        return cls(RecipientKind.PATIENT, patient_id)

    @classmethod
    def practitioner(cls, practitioner_id: int) -> RecipientRef:
        return cls(RecipientKind.PRACTITIONER, practitioner_id)

    @classmethod
    def caldav(cls, practitioner_id: int) -> RecipientRef:
        return cls(RecipientKind.CALDAV, practitioner_id)

    @classmethod
    def file(cls, name: str) -> RecipientRef:
        name = " ".join(name.split())
        if not name:
            raise BadInput("name the file target, e.g. --recipient 'reception wall'")
        if len(name) > 200:
            raise BadInput("a file target's name is at most 200 characters")
        return cls(RecipientKind.FILE, None, name)


def recipient_for(s: Session, scope: Scope, name: str | None = None) -> RecipientRef:
    """The recipient a scope's "changes since last" delivery is for.

    A plan's or a patient's: the patient; a practitioner's: the practitioner; a location's or
    the clinic's: a file target named after the scope unless ``name`` names one. ``name``
    always makes it a named file target.
    """
    if name is not None:
        return RecipientRef.file(name)
    if scope.kind is ScopeKind.PLAN:
        plan = s.get(Plan, scope.id)
        if plan is None:
            raise NotFound(f"no plan with id {scope.id}; find it with 'planner patient show ID'")
        return RecipientRef.patient(plan.patient_id)
    if scope.kind is ScopeKind.PATIENT:
        assert scope.id is not None
        return RecipientRef.patient(scope.id)
    if scope.kind is ScopeKind.PRACTITIONER:
        assert scope.id is not None
        return RecipientRef.practitioner(scope.id)
    if scope.kind is ScopeKind.LOCATION:
        place = s.get(Location, scope.id)
        if place is None:
            raise NotFound(
                f"no location with id {scope.id}; list them with 'planner location list'"
            )
        return RecipientRef.file(f"{place.name}, all sessions")
    return RecipientRef.file("the whole clinic")


def _who(s: Session, ref: RecipientRef) -> str:
    if ref.kind is RecipientKind.PATIENT:
        p = s.get(Patient, ref.id)
        return p.name if p is not None else "the patient"
    if ref.kind in (RecipientKind.PRACTITIONER, RecipientKind.CALDAV):
        pr = s.get(Practitioner, ref.id)
        return pr.name if pr is not None else "the practitioner"
    return f"the file target '{ref.name}'"


def recipient(
    s: Session, ref: RecipientRef, shape: Shape | None, profile: Profile | None, now: datetime
) -> tuple[Recipient, Shape, Profile]:
    """The recipient's row (created on its first delivery, locked inside a write), with the
    shape and profile it gets; a delivery in another shape or profile is refused."""
    if ref.kind is RecipientKind.PATIENT and profile not in (None, Profile.PATIENT):
        raise Refused(
            "a patient's calendar gets the patient profile only; to keep a "
            f"{profile.value if profile else ''} file in step, name it with --recipient NAME"
        )
    row = s.scalar(select(Recipient).where(Recipient.key == ref.key).with_for_update())
    if row is None:
        chosen_profile = profile or (
            Profile.PATIENT if ref.kind is RecipientKind.PATIENT else Profile.PRACTITIONER
        )
        chosen_shape = shape or Shape.SESSIONS
        row = Recipient(
            key=ref.key,
            kind=ref.kind.value,
            patient_id=ref.id if ref.kind is RecipientKind.PATIENT else None,
            practitioner_id=ref.id
            if ref.kind in (RecipientKind.PRACTITIONER, RecipientKind.CALDAV)
            else None,
            name=ref.name,
            shape=chosen_shape.value,
            profile=chosen_profile.value,
            created_at=now,
        )
        s.add(row)
        s.flush()
        return row, chosen_shape, chosen_profile
    kept_shape, kept_profile = Shape(row.shape), Profile(row.profile)
    if shape is not None and shape is not kept_shape:
        raise Refused(
            f"{_who(s, ref)}'s calendar gets the {kept_shape.value} shape; a {shape.value} "
            "delivery would put every session in it twice. Deliver in the "
            f"{kept_shape.value} shape, or export without --changes-since-last for a one-off file"
        )
    if profile is not None and profile is not kept_profile:
        raise Refused(
            f"{_who(s, ref)} gets the {kept_profile.value} profile; deliver in that profile, "
            "or name another file target with --recipient NAME"
        )
    return row, kept_shape, kept_profile


# -- the plan of one delivery ------------------------------------------------------------------


@dataclass
class Planned:
    """One UID of a delivery: its events as they are sent, and its state afterwards."""

    uid: str
    data: bytes
    sequence: int
    cancel: bool
    ids: list[int]
    plan_id: int
    digest: str
    start_local: datetime
    tz: str
    duration_min: int
    summary: str
    new: bool = False


@dataclass
class DeliveryPlan:
    """What one delivery sends (:func:`plan_delivery`)."""

    recipient: Recipient
    shape: Shape
    profile: Profile
    prepared: Prepared
    requests: list[Planned] = field(default_factory=list)
    cancels: list[Planned] = field(default_factory=list)
    unchanged: int = 0
    """Sessions left out because the recipient has them as they are."""

    @property
    def empty(self) -> bool:
        return not self.requests and not self.cancels

    @property
    def warnings(self) -> list[str]:
        return self.prepared.warnings

    @property
    def sessions(self) -> int:
        return sum(len(p.ids) for p in [*self.requests, *self.cancels])

    def _calendar(self, method: str | None, parts: Sequence[Planned]) -> bytes:
        meta = self.prepared.meta
        years = {p.start_local.year for p in parts} | {meta.years[0], meta.years[1]}
        meta = _with(
            meta,
            method=method,
            tzids=tuple(sorted({*meta.tzids, *(p.tz for p in parts)})),
            years=(min(years), max(years)),
        )
        return render.header(meta) + b"".join(p.data for p in parts) + render.footer()

    def file(self) -> bytes:
        """One calendar for a file: METHOD:CANCEL when it only cancels, else no METHOD."""
        if not self.requests:
            return self._calendar("CANCEL", self.cancels)
        return self._calendar(None, [*self.requests, *self.cancels])

    def itip(self) -> list[tuple[str, bytes, list[Planned]]]:
        """The iTIP messages, in the order to send them: CANCEL, then REQUEST."""
        out: list[tuple[str, bytes, list[Planned]]] = []
        if self.cancels:
            out.append(("CANCEL", self._calendar("CANCEL", self.cancels), self.cancels))
        if self.requests:
            out.append(("REQUEST", self._calendar("REQUEST", self.requests), self.requests))
        return out


def _with(meta: CalendarMeta, **changes: Any) -> CalendarMeta:
    return replace(meta, **changes)


def organizer_of(settings: dict[str, str], fallback_email: str = "") -> Organizer | None:
    """The clinic as ORGANIZER: its e-mail setting (else ``fallback_email``)."""
    email = settings.get("clinic_email") or fallback_email
    if not email:
        return None
    return Organizer(settings.get("clinic_name") or "Clinic", email)


def attendee_of(s: Session, ref: RecipientRef) -> Organizer | None:
    """The recipient as ATTENDEE, when they have an e-mail address."""
    if ref.kind is RecipientKind.PATIENT:
        p = s.get(Patient, ref.id)
        return Organizer(p.name, p.email) if p is not None and p.email else None
    if ref.kind in (RecipientKind.PRACTITIONER, RecipientKind.CALDAV):
        pr = s.get(Practitioner, ref.id)
        return Organizer(pr.name, pr.email) if pr is not None and pr.email else None
    return None


def plan_delivery(
    s: Session,
    ref: RecipientRef,
    scope: Scope,
    *,
    shape: Shape | None = None,
    profile: Profile | None = None,
    now: datetime,
    alarms: Sequence[timedelta] | None = None,
    patient_label: PatientLabel = PatientLabel.INITIALS,
    organizer_email: str = "",
    language: str | None = None,
) -> DeliveryPlan:
    """What a delivery of ``scope`` to ``ref`` sends (see the module docstring).

    Run it inside the write session that records it (:func:`record`), so two desks cannot
    both send the same change. ``organizer_email``: the ORGANIZER's address when the clinic
    has no e-mail setting (the mail sender's).
    """
    row, shape, profile = recipient(s, ref, shape, profile, now)
    items = {
        it.uid: it
        for it in s.scalars(select(RecipientItem).where(RecipientItem.recipient_id == row.id))
    }
    sent = {i for it in items.values() if it.live for i in it.appointment_ids}
    prepared = prepare(
        s,
        scope,
        profile,
        now=now,
        alarms=alarms,
        patient_label=patient_label,
        sent=sent,
        key=f"{ref.key}|{profile.value}|{shape.value}",
        language=language,
    )
    world = prepared.world
    settings = world.settings
    prepared.meta = _with(
        prepared.meta,
        method=None,
        organizer=organizer_of(settings, organizer_email),
        attendee=attendee_of(s, ref),
    )
    out = DeliveryPlan(row, shape, profile, prepared)
    seen: set[str] = set()
    for u in units(world, scope, prepared.builder, shape, prepared.meta):
        seen.add(u.uid)
        _decide(out, u, items.get(u.uid))
    _gone(s, out, scope, [it for uid, it in items.items() if uid not in seen and it.live], now)
    return out


def _decide(out: DeliveryPlan, u: Unit, it: RecipientItem | None) -> None:
    if it is None:
        if u.cancelled:
            return  # never sent: nothing to take back
        out.requests.append(_planned(u, u.sequence, cancel=False, new=True))
        return
    if it.digest == u.digest:
        out.unchanged += len(u.ids)
        return
    if u.cancelled and not it.live:
        return  # its cancellation was sent; what a cancelled event says no longer matters
    sequence = max(u.sequence, it.sequence + 1)
    out_list = out.cancels if u.cancelled else out.requests
    out_list.append(_planned(u, sequence, cancel=u.cancelled))


def _planned(u: Unit, sequence: int, *, cancel: bool, new: bool = False) -> Planned:
    assert u.start_local is not None
    return Planned(
        uid=u.uid,
        data=render.resequence(u.data, u.sequence, sequence),
        sequence=sequence,
        cancel=cancel,
        ids=list(u.ids),
        plan_id=u.plan_id,
        digest=u.digest,
        start_local=u.start_local,
        tz=u.tz,
        duration_min=u.duration_min,
        summary=u.summary,
        new=new,
    )


def _gone(
    s: Session, out: DeliveryPlan, scope: Scope, unseen: list[RecipientItem], now: datetime
) -> None:
    """Cancel what was sent live and is no longer anyone's session in this scope."""
    if scope.kind is ScopeKind.PLAN:
        unseen = [it for it in unseen if it.plan_id == scope.id]
    if not unseen:
        return
    ids = {i for it in unseen for i in it.appointment_ids}
    rows: dict[int, Appointment] = {}
    for chunk in in_batches(ids):
        rows.update(
            {a.id: a for a in s.scalars(select(Appointment).where(Appointment.id.in_(chunk)))}
        )
    meta = out.prepared.meta
    for it in unseen:
        left = [rows[i] for i in it.appointment_ids if i in rows]
        if left and any(in_scope(scope, a) for a in left):
            continue  # still this scope's, only outside the range (or in the past): untouched
        summary = it.summary if it.summary.startswith("Cancelled: ") else f"Cancelled: {it.summary}"
        ev = SessionEvent(
            appointment_id=0,
            uid=it.uid,
            sequence=it.sequence + 1,
            tz=it.tz,
            start_local=it.start_local,
            duration_min=it.duration_min,
            original_start_local=it.start_local,
            cancelled=True,
            created_utc=it.sent_at,
            modified_utc=now.replace(microsecond=0),
            text=EventText(summary, "", ""),
            plan_id=it.plan_id,
        )
        data = render.serialise([render.session_event(ev, meta)])
        out.cancels.append(
            Planned(
                uid=it.uid,
                data=data,
                sequence=it.sequence + 1,
                cancel=True,
                ids=list(it.appointment_ids),
                plan_id=it.plan_id,
                digest=render.digest(data),
                start_local=it.start_local,
                tz=it.tz,
                duration_min=it.duration_min,
                summary=summary,
            )
        )


def record(s: Session, plan: DeliveryPlan, now: datetime) -> None:
    """Move the recipient's baseline to what ``plan`` sent (in the delivery's transaction)."""
    row = plan.recipient
    existing = {
        it.uid: it
        for it in s.scalars(select(RecipientItem).where(RecipientItem.recipient_id == row.id))
    }
    for p in [*plan.requests, *plan.cancels]:
        it = existing.get(p.uid)
        if it is None:
            it = RecipientItem(recipient_id=row.id, uid=p.uid)
            s.add(it)
        it.plan_id = p.plan_id
        it.appointment_ids = p.ids
        it.sequence = p.sequence
        it.digest = p.digest
        it.live = not p.cancel
        it.start_local = p.start_local
        it.tz = p.tz
        it.duration_min = p.duration_min
        it.summary = p.summary[:400]
        it.sent_at = now
    row.last_delivered_at = now


# -- a delivery written to a file -------------------------------------------------------------


def deliver_file(
    store: Store,
    scope: Scope,
    out: Path,
    *,
    recipient_name: str | None = None,
    profile: Profile | str | None = None,
    shape: Shape | str | None = None,
    alarms: Sequence[timedelta] | None = None,
    patient_label: PatientLabel = PatientLabel.INITIALS,
    now: datetime | None = None,
    language: str | None = None,
) -> ExportResult:
    """Write what changed for the scope's recipient since its last delivery to ``out``.

    ``language``: as :func:`planner.services.calendar_export.export_calendar`'s.

    One transaction: the file is written atomically, then the recipient's baseline moves. If
    nothing changed, no file is written (``nothing_changed``). If the transaction fails after
    the file was written, the next delivery sends the same changes again (harmless: same
    UIDs, same SEQUENCE).
    """
    now = now or utcnow()
    prof = parse_profile(profile) if isinstance(profile, str) else profile
    shp = parse_shape(shape) if isinstance(shape, str) else shape
    with store.write("deliver calendar") as s:
        ref = recipient_for(s, scope, recipient_name)
        plan = plan_delivery(
            s,
            ref,
            scope,
            shape=shp,
            profile=prof,
            now=now,
            alarms=alarms,
            patient_label=patient_label,
            language=parse_language(language) if language else None,
        )
        world = plan.prepared.world
        result = ExportResult(
            ref.key,
            plan.profile,
            plan.shape,
            out,
            None,
            0,
            0,
            unchanged=plan.unchanged,
            method=None if plan.requests or not plan.cancels else "CANCEL",
            first=world.first,
            last=world.last,
            warnings=plan.warnings,
            recipient=_who(s, ref),
        )
        if plan.empty:
            if not world.selected and not plan.unchanged:
                span = f" from {world.first} to {world.last}" if world.first else ""
                what = "future sessions" if scope.kind is ScopeKind.PATIENT else "sessions"
                raise NotFound(f"nothing to export: {scope.describe()} has no {what}{span}")
            result.path = None
            return result
        data = plan.file()
        with AtomicFile(out) as f:
            f.write(data)
            f.commit()
        result.events = sum(p.data.count(b"BEGIN:VEVENT") for p in [*plan.requests, *plan.cancels])
        result.sessions = plan.sessions
        record(s, plan, now)
    return result


@dataclass(frozen=True)
class RecipientInfo:
    """A recipient as the desk sees it."""

    key: str
    who: str
    shape: str
    profile: str
    last_delivered_at: datetime | None
    uids: int
    live: int

    def to_json(self) -> dict[str, Any]:
        return {
            "recipient": self.key,
            "who": self.who,
            "shape": self.shape,
            "profile": self.profile,
            "last_delivered": self.last_delivered_at.isoformat(timespec="seconds") + "Z"
            if self.last_delivered_at
            else None,
            "events_sent": self.uids,
            "live": self.live,
        }


def recipient_info(store: Store, scope: Scope, name: str | None = None) -> RecipientInfo | None:
    """The scope's recipient and what it was last sent (None: never delivered to)."""
    with store.read() as s:
        ref = recipient_for(s, scope, name)
        row = s.scalar(select(Recipient).where(Recipient.key == ref.key))
        if row is None:
            return None
        items = list(s.scalars(select(RecipientItem).where(RecipientItem.recipient_id == row.id)))
        return RecipientInfo(
            ref.key,
            _who(s, ref),
            row.shape,
            row.profile,
            row.last_delivered_at,
            len(items),
            sum(1 for it in items if it.live),
        )
