"""Waitlist entries: who waits for which series, where, with whom and when they can come.

:func:`add_entry` checks a :class:`WaitlistRequest` and stores it in one transaction (or
refuses it and writes nothing); :func:`list_entries` reads them as plain :class:`Entry` values;
:func:`remove_entry` closes one with the desk's reason; :func:`sweep` closes the entries that
expired. Booking closes entries itself, in the booking's transaction (:func:`close_for_plan`):
the entry it was booked from, and any other open entry of the patient for the same modality
("booked another way").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from planner.core.availability import hours_said, patient_hours
from planner.core.calendars import Interval, WeeklyHours
from planner.core.domain import Kind, Modality, Phase, parse_enum
from planner.core.i18n import N_
from planner.core.phrases import Day, Label, Phrase, phrase
from planner.core.timeutil import utcnow
from planner.db.models import (
    Location,
    Patient,
    PatientFlag,
    Plan,
    Practitioner,
    PractitionerLocation,
    Room,
    WaitlistEntry,
)
from planner.db.store import Store
from planner.errors import BadInput, ChangedElsewhere, InvalidState, NotFound, NotPermitted
from planner.services.clinic import find_template, get, modality_of

DEFAULT_EXPIRY = timedelta(weeks=8)
"""How long an entry stays open unless the desk says otherwise."""
MAX_RANGE = timedelta(days=366)
"""The first session is looked for at most this far after the earliest day."""

OPEN = "open"
BOOKED = "booked"
REMOVED = "removed"
EXPIRED = "expired"


@dataclass(frozen=True)
class Ref:
    id: int
    name: str


@dataclass
class WaitlistRequest:
    """What the desk asks for when it puts a patient on the waitlist."""

    patient_id: int
    template: str | None = None
    weeks: int | None = None
    per_week: int | None = None
    duration_min: int | None = None
    modality: str | None = None
    location_id: int | None = None
    practitioner_ids: Sequence[int] = ()
    room_id: int | None = None
    weekdays: Sequence[int] | None = None
    windows: Sequence[Interval] = ()
    earliest: date | None = None
    latest: date | None = None
    expires_on: date | None = None
    urgent: bool = False
    note: str = ""


@dataclass(frozen=True)
class Entry:
    """One waitlist entry as plain values (safe after the database session is closed)."""

    id: int
    revision: int
    patient: Ref
    patient_flags: tuple[str, ...]
    template: str | None
    phases: tuple[Phase, ...]
    modality: Modality
    location: Ref | None
    room: Ref | None
    practitioners: tuple[Ref, ...]
    hours: WeeklyHours | None
    earliest: date
    latest: date
    urgent: bool
    note: str
    expires_on: date
    added_at: datetime
    status: str
    closed_at: datetime | None = None
    closed_reason: str = ""
    plan_id: int | None = None
    regions: tuple[str, ...] = field(default=())

    @property
    def is_open(self) -> bool:
        return self.status == OPEN

    @property
    def count(self) -> int:
        return sum(p.count for p in self.phases)

    def waited_days(self, now: datetime) -> int:
        return max(0, (now - self.added_at).days)

    def what(self) -> str:
        """``Fibromyalgia acupuncture`` or ``6 x 30 min, 1 a week (physiotherapy)``."""
        if self.template:
            return self.template
        p = self.phases[0]
        return f"{p.count} x {p.duration_min} min, {p.per_week} a week ({self.modality.value})"

    def hours_text(self) -> str:
        """``tue, thu 08:00-12:00``; ``any time``."""
        return hours_said(self.hours).text() if self.hours is not None else "any time"

    def order_key(self) -> tuple[bool, datetime, int]:
        """Urgent first, then who has waited longest."""
        return (not self.urgent, self.added_at, self.id)

    def to_json(self, now: datetime | None = None) -> dict[str, Any]:
        now = now or utcnow()
        return {
            "id": self.id,
            "revision": self.revision,
            "patient_id": self.patient.id,
            "patient": self.patient.name,
            "screening_flags": list(self.patient_flags),
            "template": self.template,
            "phases": [p.to_json() for p in self.phases],
            "sessions": self.count,
            "modality": self.modality.value,
            "location_id": self.location.id if self.location else None,
            "location": self.location.name if self.location else None,
            "room_id": self.room.id if self.room else None,
            "practitioner_ids": [p.id for p in self.practitioners],
            "practitioners": [p.name for p in self.practitioners],
            "hours": self.hours.to_json() if self.hours is not None else None,
            "hours_text": self.hours_text(),
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
            "urgent": self.urgent,
            "note": self.note,
            "expires_on": self.expires_on.isoformat(),
            "added_at": self.added_at.isoformat() + "Z",
            "waited_days": self.waited_days(now),
            "status": self.status,
            "closed_at": self.closed_at.isoformat() + "Z" if self.closed_at else None,
            "closed_reason": self.closed_reason,
            "plan_id": self.plan_id,
        }


# -- adding ------------------------------------------------------------------------------------


def add_entry(store: Store, req: WaitlistRequest, *, now: datetime | None = None) -> Entry:
    """Put a patient on the waitlist, or refuse with one line and write nothing."""
    now = now or utcnow()
    today = now.date()
    note = req.note.strip()
    if len(note) > 2000:
        raise BadInput(phrase(N_("the note is too long (at most 2,000 characters)")))
    hours = (
        None
        if req.weekdays is None and not req.windows
        else patient_hours(req.weekdays, list(req.windows))
    )
    earliest = req.earliest or today
    latest = req.latest or max(today, earliest) + DEFAULT_EXPIRY
    if req.latest is None and req.expires_on is not None:
        latest = max(min(latest, req.expires_on), earliest)  # looked for until it expires
    expires_on = req.expires_on or max(latest, today + DEFAULT_EXPIRY)
    if expires_on < today:
        raise BadInput(
            phrase(N_("the entry would expire on {day}, in the past"), day=Day(expires_on))
        )
    if latest < earliest:
        raise BadInput(
            phrase(
                N_("the latest first session ({latest}) is before the earliest ({first})"),
                latest=Day(latest),
                first=Day(earliest),
            )
        )
    if expires_on < earliest:
        raise BadInput(
            phrase(
                N_("the entry would expire on {day}, before its earliest first session ({first})"),
                day=Day(expires_on),
                first=Day(earliest),
            )
        )
    if expires_on < latest:
        raise BadInput(
            phrase(
                N_(
                    "the entry would expire on {day}, before its latest first session "
                    "({latest}); move the expiry or the latest day"
                ),
                day=Day(expires_on),
                latest=Day(latest),
            )
        )
    if latest < today:
        raise BadInput(
            phrase(N_("the latest first session ({latest}) is in the past"), latest=Day(latest))
        )
    if latest - earliest > MAX_RANGE:
        raise BadInput(phrase(N_("look for the first session within a year of the earliest day")))
    with store.write("add to waitlist") as s:
        patient = get(s, Patient, req.patient_id, "patient")
        template_name, phases, modality = _cadence(s, req)
        location = get(s, Location, req.location_id, "location") if req.location_id else None
        room = _room(s, req.room_id, location)
        practitioners = _practitioners(s, req.practitioner_ids, location, modality)
        _check_duplicate(s, patient, modality)
        row = WaitlistEntry(
            patient_id=patient.id,
            template_name=template_name,
            phases=None if template_name else [p.to_json() for p in phases],
            modality=modality.value,
            location_id=location.id if location else None,
            room_id=room.id if room else None,
            practitioner_ids=[p.id for p in practitioners],
            hours=hours.to_json() if hours is not None else None,
            earliest=earliest,
            latest=latest,
            urgent=req.urgent,
            note=note,
            expires_on=expires_on,
            added_at=now,
            status=OPEN,
            closed_reason="",
        )
        s.add(row)
        s.flush()
        return _entry(s, row)


def _cadence(s: Session, req: WaitlistRequest) -> tuple[str | None, tuple[Phase, ...], Modality]:
    custom = (req.weeks, req.per_week, req.duration_min)
    if req.template is not None:
        if any(v is not None for v in custom):
            raise BadInput(phrase(N_("give either a template or a cadence, not both")))
        template = find_template(s, req.template)
        if req.modality and modality_of(req.modality) is not template.modality:
            raise BadInput(
                phrase(
                    N_("the template {name} is for {modality}; choose another template"),
                    name=template.name,
                    modality=Label(template.modality.label),
                )
            )
        return template.name, tuple(template.phases), template.modality
    if any(v is None for v in custom):
        raise BadInput(
            phrase(
                N_(
                    "give either a template or a whole cadence (weeks, sessions a week and "
                    "the length of a session)"
                )
            )
        )
    assert req.weeks is not None and req.per_week is not None and req.duration_min is not None
    if not req.modality:
        raise BadInput(phrase(N_("say which modality the series is for, e.g. physiotherapy")))
    modality = parse_enum(Modality, req.modality, "modality")
    weekdays = (
        tuple(sorted(set(req.weekdays)))
        if req.weekdays is not None and len(set(req.weekdays)) == req.per_week
        else None
    )
    phase = Phase(
        Kind.TREATMENT,
        duration_min=req.duration_min,
        weeks=req.weeks,
        per_week=req.per_week,
        weekdays=weekdays,
    )
    phase.validate()
    return None, (phase,), modality


def _room(s: Session, room_id: int | None, location: Location | None) -> Room | None:
    if room_id is None:
        return None
    room = get(s, Room, room_id, "room")
    if location is None:
        raise BadInput(phrase(N_("a room belongs to one location: choose the location too")))
    if room.location_id != location.id:
        raise BadInput(
            phrase(
                N_("room {room} is at another location than {location}"),
                room=room.name,
                location=location.name,
            )
        )
    return room


def _practitioners(
    s: Session, ids: Sequence[int], location: Location | None, modality: Modality
) -> list[Practitioner]:
    out: list[Practitioner] = []
    for pid in dict.fromkeys(ids):
        p = get(s, Practitioner, pid, "practitioner")
        if modality.needling and not p.may_needle:
            raise NotPermitted(
                phrase(
                    N_(
                        "{name} is not registered as licensed to needle; {modality} needs a "
                        "practitioner who is"
                    ),
                    name=p.name,
                    modality=Label(modality.label),
                )
            )
        if location is not None and s.get(PractitionerLocation, (p.id, location.id)) is None:
            raise BadInput(
                phrase(
                    N_("{name} does not work at {location}"), name=p.name, location=location.name
                )
            )
        out.append(p)
    return out


def _check_duplicate(s: Session, patient: Patient, modality: Modality) -> None:
    other = s.scalar(
        select(WaitlistEntry.id).where(
            WaitlistEntry.patient_id == patient.id,
            WaitlistEntry.status == OPEN,
            WaitlistEntry.modality == modality.value,
        )
    )
    if other is not None:
        raise InvalidState(
            phrase(
                N_(
                    "{patient} is on the waitlist already ({modality}); change or remove that "
                    "entry first"
                ),
                patient=patient.name,
                modality=Label(modality.label),
            ),
            details={"entry_id": other},
        )


# -- reading ------------------------------------------------------------------------------------


def list_entries(
    store: Store,
    *,
    ids: Sequence[int] | None = None,
    include_closed: bool = False,
) -> list[Entry]:
    """The entries (open ones unless ``include_closed``), urgent first, then by waiting time."""
    with store.read() as s:
        return read_entries(s, ids=ids, include_closed=include_closed)


def read_entries(
    s: Session, *, ids: Sequence[int] | None = None, include_closed: bool = False
) -> list[Entry]:
    q = select(WaitlistEntry)
    if ids is not None:
        q = q.where(WaitlistEntry.id.in_(list(ids)))
    if not include_closed:
        q = q.where(WaitlistEntry.status == OPEN)
    rows = list(s.scalars(q))
    names = _names(s, rows)
    templates: dict[str, tuple[tuple[Phase, ...], tuple[str, ...]]] = {}
    out = [_entry(s, r, names, templates) for r in rows]
    return sorted(out, key=Entry.order_key)


def get_entry(store: Store, entry_id: int) -> Entry:
    with store.read() as s:
        row = s.get(WaitlistEntry, entry_id)
        if row is None:
            raise NotFound(
                f"no waitlist entry with id {entry_id}; list them with 'planner waitlist list'"
            )
        return _entry(s, row)


def _names(s: Session, rows: Sequence[WaitlistEntry]) -> dict[tuple[str, int], str]:
    """Every name the entries refer to, read in one query per kind of row."""
    want: dict[str, set[int]] = {
        "patient": set(),
        "location": set(),
        "room": set(),
        "practitioner": set(),
    }
    for r in rows:
        want["patient"].add(r.patient_id)
        if r.location_id:
            want["location"].add(r.location_id)
        if r.room_id:
            want["room"].add(r.room_id)
        want["practitioner"].update(int(p) for p in r.practitioner_ids)
    out: dict[tuple[str, int], str] = {}
    for kind, model in (
        ("patient", Patient),
        ("location", Location),
        ("room", Room),
        ("practitioner", Practitioner),
    ):
        if want[kind]:
            for i, name in s.execute(select(model.id, model.name).where(model.id.in_(want[kind]))):
                out[(kind, i)] = name
    flags: dict[int, list[str]] = {}
    for pid, flag in s.execute(
        select(PatientFlag.patient_id, PatientFlag.flag)
        .where(PatientFlag.patient_id.in_(want["patient"]))
        .order_by(PatientFlag.id)
    ):
        flags.setdefault(pid, []).append(flag)
    for pid, fs in flags.items():
        out[("flags", pid)] = " ".join(fs)  # flag codes have no spaces
    return out


def _entry(
    s: Session,
    r: WaitlistEntry,
    names: dict[tuple[str, int], str] | None = None,
    templates: dict[str, tuple[tuple[Phase, ...], tuple[str, ...]]] | None = None,
) -> Entry:
    names = names if names is not None else _names(s, [r])
    templates = templates if templates is not None else {}
    regions: tuple[str, ...] = ()
    if r.template_name:
        if r.template_name not in templates:
            try:
                t = find_template(s, r.template_name)
                templates[r.template_name] = (tuple(t.phases), tuple(t.regions))
            except (NotFound, BadInput):
                raise InvalidState(
                    f"waitlist entry {r.id} asks for the template '{r.template_name}', which "
                    "no longer exists; remove the entry and add it again"
                ) from None
        phases, regions = templates[r.template_name]
    else:
        phases = tuple(Phase.from_json(p) for p in r.phases or [])
    flags = tuple(names.get(("flags", r.patient_id), "").split())

    def ref(kind: str, i: int | None) -> Ref | None:
        return Ref(i, names.get((kind, i), f"{kind} {i}")) if i else None

    patient = ref("patient", r.patient_id)
    assert patient is not None
    return Entry(
        id=r.id,
        revision=r.revision,
        patient=patient,
        patient_flags=flags,
        template=r.template_name,
        phases=phases,
        modality=Modality(r.modality),
        location=ref("location", r.location_id),
        room=ref("room", r.room_id),
        practitioners=tuple(
            Ref(int(p), names.get(("practitioner", int(p)), f"practitioner {p}"))
            for p in r.practitioner_ids
        ),
        hours=WeeklyHours.from_json(r.hours) if r.hours is not None else None,
        earliest=r.earliest,
        latest=r.latest,
        urgent=r.urgent,
        note=r.note,
        expires_on=r.expires_on,
        added_at=r.added_at,
        status=r.status,
        closed_at=r.closed_at,
        closed_reason=r.closed_reason,
        plan_id=r.plan_id,
        regions=regions,
    )


# -- closing ------------------------------------------------------------------------------------


def lock_entry(s: Session, entry_id: int, *, expect: int | None = None) -> WaitlistEntry:
    """The entry, locked for this transaction; refused when it is closed or changed since
    ``expect`` (the revision the desk saw)."""
    row = get(s, WaitlistEntry, entry_id, "waitlist entry")
    if expect is not None and row.revision != expect:
        raise ChangedElsewhere(
            phrase(
                N_(
                    "the waitlist entry of {patient} was changed at another desk a moment ago; "
                    "look again"
                ),
                patient=row.patient.name,
            ),
            details={"entry_id": entry_id, "revision": row.revision, "expected_revision": expect},
        )
    if row.status != OPEN:
        raise InvalidState(closed_said(row.status, row.patient.name, row.closed_reason))
    return row


_CLOSED = {
    BOOKED: N_("the waitlist entry of {patient} is booked already ({reason})"),
    REMOVED: N_("the waitlist entry of {patient} was removed ({reason})"),
    EXPIRED: N_("the waitlist entry of {patient} has expired ({reason})"),
}


def closed_said(status: str, patient: str, reason: str) -> Phrase:
    """Why a closed entry cannot be booked or removed, with the reason it was closed."""
    return phrase(
        _CLOSED.get(status, N_("the waitlist entry of {patient} is closed ({reason})")),
        patient=patient,
        reason=reason or status,
    )


def remove_entry(
    store: Store,
    entry_id: int,
    *,
    reason: str = "",
    now: datetime | None = None,
    expect: int | None = None,
) -> Entry:
    """Take an entry off the waitlist, keeping why (``removed by the desk`` when no reason)."""
    now = now or utcnow()
    reason = reason.strip()
    if len(reason) > 500:
        raise BadInput(phrase(N_("the reason is too long (at most 500 characters)")))
    with store.write("remove from waitlist") as s:
        row = lock_entry(s, entry_id, expect=expect)
        row.status = REMOVED
        row.closed_at = now
        row.closed_reason = reason or "removed by the desk"
        s.flush()
        return _entry(s, row)


def sweep(store: Store, *, now: datetime | None = None) -> list[int]:
    """Close the open entries whose last day, or whose latest first session day, has passed
    (the reason kept); their ids."""
    now = now or utcnow()
    today = now.date()
    with store.read() as s:
        due = list(
            s.scalars(
                select(WaitlistEntry.id).where(
                    WaitlistEntry.status == OPEN,
                    or_(WaitlistEntry.expires_on < today, WaitlistEntry.latest < today),
                )
            )
        )
    if not due:
        return []
    with store.write("waitlist entries expired") as s:
        rows = list(
            s.scalars(
                select(WaitlistEntry)
                .where(WaitlistEntry.id.in_(due), WaitlistEntry.status == OPEN)
                .with_for_update()
            )
        )
        for row in rows:
            row.status = EXPIRED
            row.closed_at = now
            if row.expires_on < today:
                row.closed_reason = f"expired on {row.expires_on:%a %d %b %Y} without a booking"
            else:
                row.closed_reason = (
                    f"its latest first session day ({row.latest:%a %d %b %Y}) passed "
                    "without a booking"
                )
        return [r.id for r in rows]


def close_for_plan(s: Session, plan: Plan, entry_id: int | None, now: datetime) -> list[int]:
    """Inside a booking's transaction: close the entry the plan was booked from (refused if it
    is closed already) and the patient's other open entries for the same modality (booked
    another way). Returns the ids closed."""
    closed: list[int] = []
    if entry_id is not None:
        row = lock_entry(s, entry_id)
        if row.patient_id != plan.patient_id:
            raise BadInput(phrase(N_("this waitlist entry is for another patient")))
        row.status = BOOKED
        row.closed_at = now
        row.closed_reason = f"booked from the waitlist as plan {plan.id}"
        row.plan_id = plan.id
        closed.append(row.id)
    others = s.scalars(
        select(WaitlistEntry).where(
            WaitlistEntry.patient_id == plan.patient_id,
            WaitlistEntry.status == OPEN,
            WaitlistEntry.modality == plan.modality,
        )
    )
    for row in others:
        if row.id == entry_id:
            continue
        row.status = BOOKED
        row.closed_at = now
        row.closed_reason = f"booked another way: plan {plan.id}"
        row.plan_id = plan.id
        closed.append(row.id)
    return closed
