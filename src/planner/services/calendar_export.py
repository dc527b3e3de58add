"""Exporting sessions as an iCalendar file: scopes, profiles, shapes, and what changed.

:func:`export_calendar` is the one entry point, for the command line and the window alike:
it reads what a scope holds, renders it with the profile's text in the chosen shape, writes
the file atomically, and remembers what it exported so the next export can carry only the
changes.

Scopes (:class:`Scope`): one plan (all its sessions); one patient (their future sessions);
one practitioner, one location, or everything, over a range of local dates.

Updates that update (RFC 5545 sections 3.8.4.7 UID and 3.8.7.4 SEQUENCE): a session's UID
never changes and its SEQUENCE is its revision, which the booking service raises on every
move, cancellation, attendance or no-show. A series' SEQUENCE is the sum of its sessions'
revisions plus the sessions added to the phase since booking, so it rises whenever any of
them changes. A cancelled session is ``STATUS:CANCELLED`` (sessions shape) or an EXDATE
(series shape); a session moved to another practitioner or location is sent as cancelled to
the scope that exported it before. A plan cancelled as a whole is exported as a
``METHOD:CANCEL`` file holding only its cancelled sessions.

Shapes (see :mod:`planner.ics.series`): in the series shape a phase is always written whole,
also the part of it before now or outside the date range, because a recurring event's UID,
DTSTART and RECURRENCE-IDs must not change from one export to the next. For a plan both
shapes therefore hold exactly the same sessions; for a date range the series shape may hold
more (the rest of the phases that reach into it). Sessions of a phase now belonging to
another practitioner or location are EXDATEs of this scope's series.

What was exported is remembered per scope, profile and shape (``calendar_exports``): for
every session, its revision and a digest of its event(s) without DTSTAMP. With
``changes_since_last`` only events whose digest differs are written, so a renumbered session
("3 of 9" becoming "2 of 8") is sent again too. The date range is not part of the scope's
key: a desk exporting "the next month" every week gets the changes within each new month.
"""

from __future__ import annotations

import contextlib
import enum
import io
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from planner.core.domain import AppointmentStatus, Kind, Modality, PlanSpec, PlanStatus
from planner.core.engine import weekday_offsets
from planner.core.timeutil import UTC_MARGIN, utcnow
from planner.db.models import (
    Appointment,
    CalendarExport,
    CalendarExportItem,
    Location,
    Patient,
    Plan,
    Practitioner,
    Room,
)
from planner.db.store import Store
from planner.errors import BadInput, NotFound
from planner.ics import render
from planner.ics.atomic import AtomicFile
from planner.ics.content import SessionFacts, series_text, text_for
from planner.ics.model import (
    DEFAULT_PATIENT_ALARMS,
    Cadence,
    CalendarMeta,
    EventText,
    Organizer,
    PatientLabel,
    PhaseGroup,
    Profile,
    SessionEvent,
    Shape,
    parse_profile,
    parse_shape,
)
from planner.ics.series import Series, plan_series
from planner.services.booking import number_sessions
from planner.services.clinic_settings import read_settings

DEFAULT_RANGE_DAYS = 90
MAX_RANGE_DAYS = 5 * 366
_CHUNK = 500  # bound parameters per IN (...) list
_NAMESPACE = uuid.UUID("a3c8e1f4-2b7d-4f0e-9a61-7d2b5c9e0f33")


class ScopeKind(enum.StrEnum):
    PLAN = "plan"
    PATIENT = "patient"
    PRACTITIONER = "practitioner"
    LOCATION = "location"
    ALL = "all"


@dataclass(frozen=True)
class Scope:
    """Which sessions an export holds."""

    kind: ScopeKind
    id: int | None = None
    first: date | None = None
    """First local date (practitioner, location and everything scopes)."""
    last: date | None = None
    """Last local date, inclusive."""

    @classmethod
    def plan(cls, plan_id: int) -> Scope:
        return cls(ScopeKind.PLAN, plan_id)

    @classmethod
    def patient(cls, patient_id: int) -> Scope:
        return cls(ScopeKind.PATIENT, patient_id)

    @classmethod
    def practitioner(
        cls, practitioner_id: int, first: date | None = None, last: date | None = None
    ) -> Scope:
        return cls(ScopeKind.PRACTITIONER, practitioner_id, first, last)

    @classmethod
    def location(
        cls, location_id: int, first: date | None = None, last: date | None = None
    ) -> Scope:
        return cls(ScopeKind.LOCATION, location_id, first, last)

    @classmethod
    def everything(cls, first: date | None = None, last: date | None = None) -> Scope:
        return cls(ScopeKind.ALL, None, first, last)

    @property
    def ranged(self) -> bool:
        return self.kind in (ScopeKind.PRACTITIONER, ScopeKind.LOCATION, ScopeKind.ALL)

    @property
    def default_profile(self) -> Profile:
        """Patient for a plan or a patient; practitioner for the clinic's own views."""
        return (
            Profile.PATIENT
            if self.kind in (ScopeKind.PLAN, ScopeKind.PATIENT)
            else Profile.PRACTITIONER
        )

    def key(self, profile: Profile, shape: Shape) -> str:
        """What the last export is remembered by (the date range is deliberately not in it)."""
        target = self.id if self.id is not None else "*"
        return f"{self.kind.value}:{target}|{profile.value}|{shape.value}"

    def describe(self) -> str:
        if self.kind is ScopeKind.ALL:
            return "the clinic"
        return f"{self.kind.value} {self.id}"


@dataclass
class ExportResult:
    """What an export wrote."""

    scope_key: str
    profile: Profile
    shape: Shape
    path: Path | None
    data: bytes | None
    """The file's bytes when no path was given (the window attaches them to an e-mail)."""
    events: int
    """VEVENTs written (a series with two overrides counts three)."""
    sessions: int
    """Sessions the written events stand for."""
    unchanged: int = 0
    """Sessions left out because they are as last exported (``changes_since_last``)."""
    method: str | None = None
    first: date | None = None
    last: date | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def nothing_changed(self) -> bool:
        return self.events == 0

    def to_json(self) -> dict[str, Any]:
        return {
            "scope": self.scope_key,
            "profile": self.profile.value,
            "shape": self.shape.value,
            "file": str(self.path) if self.path else None,
            "events": self.events,
            "sessions": self.sessions,
            "unchanged": self.unchanged,
            "method": self.method,
            "from": self.first.isoformat() if self.first else None,
            "to": self.last.isoformat() if self.last else None,
            "health_data": self.profile.health_data,
            "warnings": self.warnings,
        }


# -- reading the database -------------------------------------------------------------------


@dataclass
class _World:
    """Everything the rendering needs, loaded in one read session, as plain rows."""

    selected: list[Appointment]
    departed: list[Appointment]
    siblings: dict[int, list[Appointment]]
    plans: dict[int, Plan]
    patients: dict[int, Patient]
    locations: dict[int, Location]
    rooms: dict[int, Room]
    practitioners: dict[int, Practitioner]
    settings: dict[str, str]
    marks: dict[int, str]
    first: date | None
    last: date | None


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    items = sorted(set(ids))
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _in_scope_filter(scope: Scope, a: Appointment) -> bool:
    if scope.kind is ScopeKind.PRACTITIONER:
        return a.practitioner_id == scope.id
    if scope.kind is ScopeKind.LOCATION:
        return a.location_id == scope.id
    if scope.kind is ScopeKind.PATIENT:
        return a.patient_id == scope.id
    return True


def _date_range(scope: Scope, now: datetime) -> tuple[date | None, date | None]:
    if not scope.ranged:
        if scope.first or scope.last:
            raise BadInput(
                "a date range (--from/--to) applies to practitioner, location and whole-clinic "
                "exports; a plan export holds the whole plan and a patient export their "
                "future sessions"
            )
        return None, None
    first = scope.first or now.date()
    last = scope.last or first + timedelta(days=DEFAULT_RANGE_DAYS - 1)
    if last < first:
        raise BadInput("the export ends before it starts; give --from before --to")
    if (last - first).days > MAX_RANGE_DAYS:
        raise BadInput("export at most five years at once; give a shorter --from/--to range")
    return first, last


def _load(s: Session, scope: Scope, key: str, now: datetime) -> _World:
    first, last = _date_range(scope, now)
    stmt = select(Appointment).options(selectinload(Appointment.regions))
    if scope.kind is ScopeKind.PLAN:
        if s.get(Plan, scope.id) is None:
            raise NotFound(f"no plan with id {scope.id}; find it with 'planner patient show ID'")
        stmt = stmt.where(Appointment.plan_id == scope.id)
    elif scope.kind is ScopeKind.PATIENT:
        if s.get(Patient, scope.id) is None:
            raise NotFound(f"no patient with id {scope.id}; list them with 'planner patient list'")
        stmt = stmt.where(Appointment.patient_id == scope.id, Appointment.start_utc >= now)
    else:
        if scope.kind is ScopeKind.PRACTITIONER:
            if s.get(Practitioner, scope.id) is None:
                raise NotFound(
                    f"no practitioner with id {scope.id}; "
                    "list them with 'planner practitioner list'"
                )
            stmt = stmt.where(Appointment.practitioner_id == scope.id)
        elif scope.kind is ScopeKind.LOCATION:
            if s.get(Location, scope.id) is None:
                raise NotFound(
                    f"no location with id {scope.id}; list them with 'planner location list'"
                )
            stmt = stmt.where(Appointment.location_id == scope.id)
        assert first is not None and last is not None
        lo = datetime.combine(first, datetime.min.time()) - UTC_MARGIN
        hi = datetime.combine(last + timedelta(days=1), datetime.min.time()) + UTC_MARGIN
        stmt = stmt.where(Appointment.start_utc >= lo, Appointment.start_utc < hi)
    rows = list(s.scalars(stmt.order_by(Appointment.start_utc, Appointment.id)))
    if first is not None and last is not None:
        rows = [a for a in rows if first <= a.start_local.date() <= last]

    export = s.scalar(select(CalendarExport).where(CalendarExport.scope_key == key))
    marks: dict[int, str] = {}
    departed: list[Appointment] = []
    if export is not None:
        marks = dict(
            s.execute(
                select(CalendarExportItem.appointment_id, CalendarExportItem.digest).where(
                    CalendarExportItem.export_id == export.id
                )
            ).all()
        )
        if scope.kind in (ScopeKind.PRACTITIONER, ScopeKind.LOCATION):
            for ids in _chunks(marks):
                departed.extend(
                    a
                    for a in s.scalars(
                        select(Appointment)
                        .where(Appointment.id.in_(ids))
                        .options(selectinload(Appointment.regions))
                    )
                    if not _in_scope_filter(scope, a)
                )
    plan_ids = {a.plan_id for a in [*rows, *departed]}
    siblings: dict[int, list[Appointment]] = {}
    for ids in _chunks(plan_ids):
        for a in s.scalars(
            select(Appointment)
            .where(Appointment.plan_id.in_(ids))
            .options(selectinload(Appointment.regions))
            .order_by(Appointment.start_utc, Appointment.id)
        ):
            siblings.setdefault(a.plan_id, []).append(a)
    plans: dict[int, Plan] = {}
    for ids in _chunks(plan_ids):
        for p in s.scalars(
            select(Plan).where(Plan.id.in_(ids)).options(selectinload(Plan.regions))
        ):
            plans[p.id] = p
    every = [a for group in siblings.values() for a in group]
    patients = _by_id(s, Patient, {a.patient_id for a in every}, selectinload(Patient.flags))
    locations = _by_id(s, Location, {a.location_id for a in every})
    rooms = _by_id(s, Room, {a.room_id for a in every if a.room_id is not None})
    practitioners = _by_id(
        s,
        Practitioner,
        {a.practitioner_id for a in every} | {p.practitioner_id for p in plans.values()},
    )
    return _World(
        selected=rows,
        departed=departed,
        siblings=siblings,
        plans=plans,
        patients=patients,
        locations=locations,
        rooms=rooms,
        practitioners=practitioners,
        settings=read_settings(s),
        marks=marks,
        first=first,
        last=last,
    )


def _by_id(s: Session, model: Any, ids: set[int], *options: Any) -> dict[int, Any]:
    out: dict[int, Any] = {}
    for chunk in _chunks(ids):
        for row in s.scalars(select(model).where(model.id.in_(chunk)).options(*options)):
            out[row.id] = row
    return out


# -- from rows to plain values --------------------------------------------------------------


@dataclass
class _Builder:
    world: _World
    scope: Scope
    profile: Profile
    label: PatientLabel
    numbering: dict[int, tuple[int, int]]
    warnings: list[str]

    def facts(self, a: Appointment, *, cancelled: bool | None = None) -> SessionFacts:
        w = self.world
        plan = w.plans[a.plan_id]
        patient = w.patients[a.patient_id]
        location = w.locations[a.location_id]
        room = w.rooms.get(a.room_id) if a.room_id is not None else None
        n = self.numbering.get(a.id)
        gone = a.status == AppointmentStatus.CANCELLED.value if cancelled is None else cancelled
        phone = location.phone or w.settings.get("clinic_phone", "")
        if not phone and self.profile is Profile.PATIENT:
            msg = (
                f"{location.name} has no phone number, so patients are told to call the clinic "
                "without a number; add one to the location or set clinic_phone"
            )
            if msg not in self.warnings:
                self.warnings.append(msg)
        return SessionFacts(
            appointment_id=a.id,
            plan_id=a.plan_id,
            kind=Kind(a.kind),
            number=None if gone or n is None else n[0],
            of=n[1] if n else 0,
            modality=Modality(plan.modality),
            cancelled=gone,
            start_local=a.start_local,
            duration_min=a.duration_min,
            clinic_name=w.settings.get("clinic_name") or location.name,
            clinic_phone=phone,
            location_name=location.name,
            location_address=location.address,
            room_name=room.name if room else None,
            practitioner_name=w.practitioners[a.practitioner_id].name,
            patient_id=patient.id,
            patient_name=patient.name,
            chart_number=patient.chart_number,
            patient_phone=patient.phone,
            template_name=plan.template_name,
            target_regions=tuple(r.region for r in plan.regions),
            treated=tuple((r.region, r.pain) for r in a.regions),
            flags=tuple(f.flag for f in patient.flags),
            acknowledged_flags=tuple(plan.acknowledged_flags or ()),
            plan_notes=plan.notes,
            notes=a.notes,
            patient_notes=patient.notes,
            status=a.status,
        )

    def event(
        self, a: Appointment, *, cancelled: bool | None = None, in_scope: bool = True
    ) -> SessionEvent:
        f = self.facts(a, cancelled=cancelled)
        return SessionEvent(
            appointment_id=a.id,
            uid=a.uid,
            sequence=a.revision,
            tz=a.tz,
            start_local=a.start_local,
            duration_min=a.duration_min,
            original_start_local=a.original_start_local,
            cancelled=f.cancelled,
            created_utc=a.created_at,
            modified_utc=a.updated_at,
            text=text_for(f, self.profile, self.label),
            plan_id=a.plan_id,
            phase=a.phase,
            in_scope=in_scope,
        )

    def series_text(self, series: Series, rows: dict[int, Appointment]) -> EventText:
        active = [rows[m.appointment_id] for m in series.members if not m.cancelled and m.in_scope]
        if not active:
            first = rows[series.members[0].appointment_id]
            f = replace(self.facts(first, cancelled=True), number=None)
            return text_for(f, self.profile, self.label)
        active.sort(key=lambda a: a.start_utc)
        return series_text(
            self.facts(active[0]), self.facts(active[-1]), len(active), self.profile, self.label
        )


def _cadence(plan: Plan, phase: int) -> Cadence | None:
    try:
        spec = PlanSpec.from_rule_json(plan.start_local, plan.tz, plan.rule)
        p = spec.phases[phase]
    except (BadInput, KeyError, IndexError, TypeError, ValueError):
        return None
    offsets = weekday_offsets(p, spec.start.date())
    weekdays = tuple(sorted({(spec.start.weekday() + o) % 7 for o in offsets}))
    return Cadence(
        interval_weeks=p.every_weeks,
        weekdays=weekdays,
        at=spec.start.time(),
        duration_min=p.duration_min,
        planned=p.count,
    )


@dataclass
class _Unit:
    """Events written together and the sessions they stand for."""

    ids: list[int]
    data: bytes
    digest: str
    events: int


def _units(
    world: _World, scope: Scope, b: _Builder, shape: Shape, meta: CalendarMeta
) -> Iterator[_Unit]:
    cancel_file = meta.method == "CANCEL"
    selected_ids = {a.id for a in world.selected}
    departed_ids = {a.id for a in world.departed}

    def unit(ids: list[int], events: list[Any]) -> _Unit:
        data = render.serialise(events)
        return _Unit(ids, data, render.digest(data), len(events))

    if shape is Shape.SESSIONS:
        ordered = sorted([*world.selected, *world.departed], key=lambda a: (a.start_utc, a.id))
        for a in ordered:
            gone = a.id in departed_ids
            ev = b.event(a, cancelled=True if gone else None)
            if cancel_file and not ev.cancelled:
                continue
            yield unit([a.id], [render.session_event(ev, meta)])
        return

    phases = sorted({(a.plan_id, a.phase) for a in [*world.selected, *world.departed]})
    pending: list[tuple[datetime, int, _Unit]] = []
    for plan_id, phase in phases:
        plan = world.plans[plan_id]
        members = [a for a in world.siblings[plan_id] if a.phase == phase]
        rows = {a.id: a for a in members}
        events = tuple(b.event(a, in_scope=_in_scope_filter(scope, a)) for a in members)
        cadence = _cadence(plan, phase)
        planned = cadence.planned if cadence else len(members)
        group = PhaseGroup(
            plan_id=plan_id,
            phase=phase,
            uid_seed=min(world.siblings[plan_id], key=lambda a: a.id).uid,
            tz=plan.tz,
            cadence=cadence,
            sessions=events,
            sequence=sum(a.revision for a in members) + max(0, len(members) - planned),
        )
        made = plan_series(group)
        for series in made.series:
            if cancel_file:
                if series.cancelled:
                    evs = render.series_events(
                        series, group.tz, b.series_text(series, rows), group.sequence, meta
                    )
                else:
                    evs = render.cancelled_instances(series, group.tz, group.sequence, meta)
                if not evs:
                    continue
            else:
                evs = render.series_events(
                    series, group.tz, b.series_text(series, rows), group.sequence, meta
                )
            u = unit([m.appointment_id for m in series.members], evs)
            pending.append((series.dtstart, plan_id, u))
        for ev in made.standalone:
            if ev.appointment_id in departed_ids:
                ev = b.event(rows[ev.appointment_id], cancelled=True)
            elif not ev.in_scope or (scope.ranged and ev.appointment_id not in selected_ids):
                # Another practitioner's or location's session; or, in a date range, one
                # outside it that no series of this file needs.
                continue
            if cancel_file and not ev.cancelled:
                continue
            pending.append(
                (
                    ev.start_local,
                    plan_id,
                    unit([ev.appointment_id], [render.session_event(ev, meta)]),
                )
            )
    pending.sort(key=lambda p: (p[0], p[1]))
    for _when, _plan, u in pending:
        yield u


# -- the export -----------------------------------------------------------------------------


def _calendar_name(scope: Scope, profile: Profile, world: _World) -> str:
    clinic = world.settings.get("clinic_name")
    if scope.kind in (ScopeKind.PLAN, ScopeKind.PATIENT) and profile is Profile.PATIENT:
        loc = world.locations[world.selected[0].location_id].name if world.selected else "clinic"
        return f"{clinic or loc} appointments"
    if scope.kind is ScopeKind.PRACTITIONER:
        return (
            f"{world.practitioners[scope.id].name} - sessions"
            if scope.id in world.practitioners
            else "Sessions"
        )
    if scope.kind is ScopeKind.LOCATION:
        return (
            f"{world.locations[scope.id].name} - sessions"
            if scope.id in world.locations
            else "Sessions"
        )
    if scope.kind is ScopeKind.PLAN:
        return f"Plan {scope.id} - sessions"
    if scope.kind is ScopeKind.PATIENT:
        return f"Patient {scope.id} - sessions"
    return f"{clinic or 'Clinic'} - all sessions"


def _organizer(world: _World, plan: Plan, warnings: list[str]) -> Organizer | None:
    """Who cancels (RFC 5546 section 3.2.5 wants an ORGANIZER on a CANCEL)."""
    email = world.settings.get("clinic_email") or world.practitioners[plan.practitioner_id].email
    name = world.settings.get("clinic_name") or world.locations[plan.location_id].name
    if email:
        return Organizer(name, email)
    warnings.append(
        "no e-mail address for the clinic or the practitioner, so the cancellation has no "
        "ORGANIZER; some mail programs then ignore it (set clinic_email)"
    )
    return None


def _years(rows: Iterable[Appointment]) -> tuple[int, int]:
    years = set()
    for a in rows:
        years.add(a.start_local.year)
        years.add(a.original_start_local.year)
        years.add((a.start_local + timedelta(minutes=a.duration_min)).year)
    return min(years), max(years)


def export_calendar(
    store: Store,
    scope: Scope,
    *,
    profile: Profile | str | None = None,
    shape: Shape | str = Shape.SESSIONS,
    out: Path | None = None,
    changes_since_last: bool = False,
    alarms: Sequence[timedelta] | None = None,
    patient_label: PatientLabel = PatientLabel.INITIALS,
    now: datetime | None = None,
    remember: bool = True,
) -> ExportResult:
    """Export a scope as an .ics file (``out``) or as bytes (``out=None``).

    ``profile`` defaults to the scope's (:attr:`Scope.default_profile`); ``alarms`` to 24 and
    2 hours before for the patient profile and none otherwise. ``now`` (naive UTC) is the
    DTSTAMP of every event and the start of a patient's "future". Nothing is remembered
    unless the file was written completely (``remember=False``: nothing at all).
    """
    now = now or utcnow()
    profile = parse_profile(profile) if isinstance(profile, str) else profile
    profile = profile or scope.default_profile
    shape = parse_shape(shape) if isinstance(shape, str) else shape
    key = scope.key(profile, shape)
    with store.read() as s:
        world = _load(s, scope, key, now)
        plan = world.plans.get(scope.id) if scope.kind is ScopeKind.PLAN and scope.id else None
        if not world.selected and not world.departed:
            span = f" from {world.first} to {world.last}" if world.first else ""
            what = "future sessions" if scope.kind is ScopeKind.PATIENT else "sessions"
            raise NotFound(f"nothing to export: {scope.describe()} has no {what}{span}")
        every = [a for g in world.siblings.values() for a in g]
        numbering = number_sessions(every)
        warnings: list[str] = []
        builder = _Builder(world, scope, profile, patient_label, numbering, warnings)
        method = (
            "CANCEL" if plan is not None and plan.status == PlanStatus.CANCELLED.value else None
        )
        organizer = _organizer(world, plan, warnings) if plan is not None and method else None
        meta = CalendarMeta(
            name=_calendar_name(scope, profile, world),
            uid=f"{uuid.uuid5(_NAMESPACE, key)}@planner",
            stamp_utc=now.replace(microsecond=0),
            method=method,
            organizer=organizer,
            classification=None if profile is Profile.PATIENT else "CONFIDENTIAL",
            alarms=tuple(alarms)
            if alarms is not None
            else (DEFAULT_PATIENT_ALARMS if profile is Profile.PATIENT else ()),
            tzids=tuple(sorted({a.tz for a in every})),
            years=_years(every),
        )
        if profile.health_data:
            warnings.insert(
                0,
                "this file holds health data (names, diagnoses, screening flags, notes); "
                "keep it inside the clinic",
            )
        result = ExportResult(
            key,
            profile,
            shape,
            out,
            None,
            0,
            0,
            method=method,
            first=world.first,
            last=world.last,
            warnings=warnings,
        )
        marks: dict[int, tuple[int, str]] = {}
        revisions = {a.id: a.revision for a in every}
        target: AtomicFile | contextlib.nullcontext[io.BytesIO] = (
            AtomicFile(out) if out is not None else contextlib.nullcontext(io.BytesIO())
        )
        with target as sink:
            sink.write(render.header(meta))
            for u in _units(world, scope, builder, shape, meta):
                if changes_since_last and all(world.marks.get(i) == u.digest for i in u.ids):
                    result.unchanged += len(u.ids)
                    continue
                sink.write(u.data)
                result.events += u.events
                result.sessions += len(u.ids)
                for i in u.ids:
                    marks[i] = (revisions[i], u.digest)
            if result.events == 0:
                if not changes_since_last:
                    raise NotFound(f"nothing to export for {scope.describe()}")
                result.path = None
                return result  # an AtomicFile left without commit() leaves no file behind
            sink.write(render.footer())
            if isinstance(sink, AtomicFile):
                sink.commit()
            else:
                result.data = sink.getvalue()
    if remember:
        _remember(store, key, out, result.events, marks, now)
    return result


def _remember(
    store: Store,
    key: str,
    out: Path | None,
    events: int,
    marks: dict[int, tuple[int, str]],
    now: datetime,
) -> None:
    with store.write() as s:
        export = s.scalar(select(CalendarExport).where(CalendarExport.scope_key == key))
        if export is None:
            export = CalendarExport(
                scope_key=key, last_exported_at=now, last_file="", last_events=0
            )
            s.add(export)
            s.flush()
        export.last_exported_at = now
        export.last_file = str(out)[:400] if out else ""
        export.last_events = events
        for ids in _chunks(marks):
            s.execute(
                delete(CalendarExportItem).where(
                    CalendarExportItem.export_id == export.id,
                    CalendarExportItem.appointment_id.in_(ids),
                )
            )
        s.add_all(
            CalendarExportItem(export_id=export.id, appointment_id=i, revision=rev, digest=d)
            for i, (rev, d) in marks.items()
        )


def last_export(
    store: Store, scope: Scope, profile: Profile, shape: Shape
) -> dict[str, Any] | None:
    """When a scope was last exported, to which file, and how many sessions it remembers."""
    key = scope.key(profile, shape)
    with store.read() as s:
        export = s.scalar(select(CalendarExport).where(CalendarExport.scope_key == key))
        if export is None:
            return None
        count = len(
            s.scalars(
                select(CalendarExportItem.appointment_id).where(
                    CalendarExportItem.export_id == export.id
                )
            ).all()
        )
        return {
            "scope": key,
            "exported_at": export.last_exported_at.isoformat(timespec="seconds") + "Z",
            "file": export.last_file or None,
            "events": export.last_events,
            "sessions_remembered": count,
        }
