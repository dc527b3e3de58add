"""Booking: preview and book plans, and the operations on their sessions.

Each operation is one transaction. Booking re-runs the whole conflict check inside the write
transaction (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: the practitioner, patient and room rows
are locked ``FOR UPDATE``), so two desks booking the same practitioner at the same moment
cannot both succeed. A refused operation raises before anything is committed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import DateTime, Select, and_, bindparam, delete, or_, select
from sqlalchemy.orm import Session, selectinload

from planner.core.calendars import ClinicCalendar, ClosureSpan, WeeklyHours
from planner.core.domain import (
    MAX_SESSION_MINUTES,
    AppointmentStatus,
    Busy,
    ConflictPolicy,
    HolidayPolicy,
    Kind,
    Modality,
    Phase,
    PlanSpec,
    PlanStatus,
    ProposedSession,
    ScreeningFlag,
    Template,
    parse_enum,
)
from planner.core.engine import (
    Proposal,
    check_pattern,
    check_slot,
    next_pattern_start,
    place_session,
    propose,
)
from planner.core.outcomes import Measure, check_score
from planner.core.regions import BodyRegion, parse_region
from planner.core.timeutil import parse_local_datetime, strict_utc, to_utc, utcnow, zone
from planner.db.models import (
    BLOCKED_TIME_MAX_MINUTES,
    Appointment,
    AppointmentRegion,
    AppointmentScore,
    BlockedTime,
    Closure,
    Location,
    Patient,
    Plan,
    PlanRegion,
    Practitioner,
    PractitionerLocation,
    Room,
)
from planner.db.store import Store
from planner.errors import (
    BadInput,
    ClinicClosed,
    Conflict,
    InvalidState,
    NotFound,
    NotPermitted,
    ScreeningRequired,
)
from planner.services.clinic import find_template, flag_text, get, modality_of

# -- existing bookings, from the database --------------------------------------------------


class DbBookings:
    """The engine's view of existing bookings: one indexed query per batch of day windows.

    Each probe is ``resource = :id AND start_utc >= :lo - 8h AND start_utc < :hi``: the start
    is bounded from below by the longest possible session, so the index range scanned does not
    grow with the clinic's history.

    The practitioner's imported busy time (``blocked_times``, from their own calendar) holds
    them too. It is probed the same way on its own index, bounded from below by the longest
    piece a block is stored as (a day), and reported as ``Busy`` of the practitioner with the
    description "busy (imported calendar)" (what the event was stays private).
    """

    def __init__(
        self,
        session: Session,
        *,
        practitioner_id: int | None,
        patient_id: int | None,
        room_id: int | None = None,
        exclude: Iterable[int] = (),
    ) -> None:
        self.s = session
        self.resources = [
            (name, col, val)
            for name, col, val in (
                ("practitioner", Appointment.practitioner_id, practitioner_id),
                ("room", Appointment.room_id, room_id),
                ("patient", Appointment.patient_id, patient_id),
            )
            if val is not None
        ]
        self.exclude = set(exclude)
        self.practitioner_id = practitioner_id

    def fetch(self, windows: Sequence[tuple[datetime, datetime]]) -> list[Busy]:
        if not windows or not self.resources:
            return []
        pad = timedelta(minutes=MAX_SESSION_MINUTES)
        merged = _merge(windows)
        names = tuple(name for name, _col, _val in self.resources)
        params: dict[str, Any] = {f"{name}_id": val for name, _col, val in self.resources}
        for i, (lo, hi) in enumerate(merged):
            params[f"lo{i}"] = lo - pad
            params[f"hi{i}"] = hi
        rows = self.s.execute(_overlap_statement(names, len(merged)), params).all()
        out: list[Busy] = []
        for r in rows:
            if r.id in self.exclude:
                continue
            if not any(r.start_utc < hi and r.end_utc > lo for lo, hi in merged):
                continue
            desc = (
                f"{r.start_local:%a %d %b %Y %H:%M} {r.kind} for {r.name}, "
                f"session {r.id} of plan {r.plan_id}"
            )
            values = {"practitioner": r.practitioner_id, "room": r.room_id, "patient": r.patient_id}
            for name, _col, val in self.resources:
                if values[name] == val:
                    out.append(Busy(r.start_utc, r.end_utc, name, r.id, desc))
        if self.practitioner_id is not None:
            out.extend(self._blocked(merged))
        return out

    def _blocked(self, merged: list[tuple[datetime, datetime]]) -> list[Busy]:
        """The practitioner's imported busy time overlapping the (merged) windows."""
        pad = timedelta(minutes=BLOCKED_TIME_MAX_MINUTES)
        params: dict[str, Any] = {"practitioner_id": self.practitioner_id}
        for i, (lo, hi) in enumerate(merged):
            params[f"lo{i}"] = lo - pad
            params[f"hi{i}"] = hi
        rows = self.s.execute(DbBookings._blocked_statement(len(merged)), params).all()
        return [
            Busy(r.start_utc, r.end_utc, "practitioner", None, "busy (imported calendar)")
            for r in rows
            if any(r.start_utc < hi and r.end_utc > lo for lo, hi in merged)
        ]

    @staticmethod
    @lru_cache(maxsize=64)
    def _blocked_statement(windows: int) -> Select[Any]:
        """``practitioner_id = :id AND start_utc >= :lo - 1 day AND start_utc < :hi`` per
        window: an index range on (practitioner_id, start_utc), built once per shape."""
        terms = [
            and_(
                BlockedTime.practitioner_id == bindparam("practitioner_id"),
                BlockedTime.start_utc >= bindparam(f"lo{i}", type_=DateTime()),
                BlockedTime.start_utc < bindparam(f"hi{i}", type_=DateTime()),
            )
            for i in range(windows)
        ]
        return select(BlockedTime.start_utc, BlockedTime.end_utc).where(or_(*terms))


_RESOURCE_COLUMNS = {
    "practitioner": Appointment.practitioner_id,
    "room": Appointment.room_id,
    "patient": Appointment.patient_id,
}


@lru_cache(maxsize=256)
def _overlap_statement(resources: tuple[str, ...], windows: int) -> Select[Any]:
    """The overlap query for a shape (which resources, how many windows), built once.

    Every term is ``resource = :id AND start_utc >= :lo AND start_utc < :hi``, an index range
    on (resource, start_utc); the values are bound at execution, so the compiled statement is
    reused from SQLAlchemy's cache.
    """
    terms = [
        and_(
            _RESOURCE_COLUMNS[name] == bindparam(f"{name}_id"),
            Appointment.start_utc >= bindparam(f"lo{i}", type_=DateTime()),
            Appointment.start_utc < bindparam(f"hi{i}", type_=DateTime()),
        )
        for name in resources
        for i in range(windows)
    ]
    return (
        select(
            Appointment.id,
            Appointment.plan_id,
            Appointment.kind,
            Appointment.start_local,
            Appointment.start_utc,
            Appointment.end_utc,
            Appointment.practitioner_id,
            Appointment.room_id,
            Appointment.patient_id,
            Patient.name,
        )
        .join(Patient, Patient.id == Appointment.patient_id)
        .where(or_(*terms), Appointment.status != AppointmentStatus.CANCELLED.value)
    )


def _merge(windows: Sequence[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    out: list[tuple[datetime, datetime]] = []
    for lo, hi in sorted(windows):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


# -- the clinic calendar for one practitioner at one location --------------------------------


def clinic_calendar(
    s: Session, location: Location, practitioner: Practitioner, around: date | None = None
) -> ClinicCalendar:
    work = s.get(PractitionerLocation, (practitioner.id, location.id))
    if work is None:
        raise BadInput(
            f"{practitioner.name} does not work at {location.name}; choose a location they "
            f"work at ({_workplaces(s, practitioner)})"
        )
    closures = [
        ClosureSpan(c.first_day, c.last_day, c.reason)
        for c in s.scalars(select(Closure).where(Closure.location_id == location.id))
    ]
    return ClinicCalendar(
        tz=zone(location.tz),
        opening=WeeklyHours.from_json(location.opening_hours),
        working=WeeklyHours.from_json(work.hours),
        country=location.country,
        subdivision=location.subdivision,
        closures=closures,
        location_name=location.name,
        practitioner_name=practitioner.name,
    )


def _workplaces(s: Session, p: Practitioner) -> str:
    names = [f"{w.location_id} {w.location.name}" for w in p.workplaces]
    return ", ".join(names) or "none yet"


# -- preview and book --------------------------------------------------------------------------


@dataclass
class PlanRequest:
    """What the desk asks for: a template or a custom cadence, for a patient, from a start."""

    patient_id: int
    practitioner_id: int
    start: str | datetime
    """Local wall time in the location's zone (``2026-09-15T10:00``) or with an offset."""
    template: str | None = None
    phases: tuple[Phase, ...] | None = None
    location_id: int | None = None
    room_id: int | None = None
    regions: Sequence[str] | None = None
    modality: str | None = None
    acknowledge_flags: bool = False
    holiday_policy: str | None = None
    conflict_policy: str | None = None
    notes: str = ""


@dataclass(frozen=True)
class Ref:
    """A plain reference to a row, safe to hold after its database session is closed."""

    id: int
    name: str


@dataclass
class PlanContext:
    """Everything a preview or booking resolved, as plain values (no live ORM objects)."""

    patient: Ref
    practitioner: Ref
    location: Ref
    room: Ref | None
    template: Template | None
    modality: Modality
    regions: list[BodyRegion]
    spec: PlanSpec
    calendar: ClinicCalendar
    start_utc: datetime
    flags: list[ScreeningFlag]
    practitioner_profession: str
    may_needle: bool
    flag_regions: dict[ScreeningFlag, tuple[BodyRegion, ...]] = field(default_factory=dict)
    """The regions of region-aware flags (lymphoedema of the left arm); other flags are about
    the whole body."""

    @property
    def flags_to_acknowledge(self) -> list[ScreeningFlag]:
        """Whole-body flags for a needling plan, and region-aware flags for any plan that
        targets one of their regions (or a needling plan that names no target regions)."""
        out = []
        for f in self.flags:
            where = self.flag_regions.get(f)
            if where is None:
                hit = self.modality.needling
            else:
                hit = (self.modality.needling and not self.regions) or any(
                    t.overlaps(w) for t in self.regions for w in where
                )
            if hit:
                out.append(f)
        return out

    @property
    def needs_acknowledgement(self) -> bool:
        return bool(self.flags_to_acknowledge)

    def flag_words(self, flag: ScreeningFlag) -> str:
        """``takes anticoagulants``; ``lymphoedema (left arm), which the plan targets``."""
        where = self.flag_regions.get(flag)
        if where is None:
            return flag.label.lower()
        text = flag_text(flag.value, [r.code for r in where]).lower()
        if any(t.overlaps(w) for t in self.regions for w in where):
            return f"{text}, which the plan targets"
        return text


@dataclass
class Preview:
    context: PlanContext
    proposal: Proposal
    warnings: list[str] = field(default_factory=list)

    @property
    def sessions(self) -> list[ProposedSession]:
        return self.proposal.sessions

    def to_json(self) -> dict[str, Any]:
        c = self.context
        return {
            "patient_id": c.patient.id,
            "practitioner_id": c.practitioner.id,
            "location_id": c.location.id,
            "room_id": c.room.id if c.room else None,
            "template": c.template.name if c.template else None,
            "modality": c.modality.value,
            "regions": [r.code for r in c.regions],
            "tz": c.spec.tz,
            "count": c.spec.count,
            "bookable": self.proposal.bookable and not self.warnings,
            "screening_flags": [f.value for f in c.flags],
            "needs_acknowledgement": c.needs_acknowledgement,
            "flags_to_acknowledge": [f.value for f in c.flags_to_acknowledge],
            "warnings": self.warnings,
            "sessions": [p.to_json() for p in self.proposal.sessions],
        }


def _resolve(s: Session, req: PlanRequest) -> PlanContext:
    patient = get(s, Patient, req.patient_id, "patient")
    practitioner = get(s, Practitioner, req.practitioner_id, "practitioner")
    if req.location_id is not None:
        location = get(s, Location, req.location_id, "location")
    else:
        places = [w.location for w in practitioner.workplaces]
        if len(places) != 1:
            raise BadInput(
                f"{practitioner.name} works at {len(places)} locations "
                f"({_workplaces(s, practitioner)}); choose one with --location"
            )
        location = places[0]
    room = None
    if req.room_id is not None:
        room = get(s, Room, req.room_id, "room")
        if room.location_id != location.id:
            raise BadInput(f"room {room.name} is at another location than {location.name}")
    if (req.template is None) == (req.phases is None):
        raise BadInput(
            "give either a template (--template) or a cadence (--weeks, --per-week, --duration)"
        )
    template = find_template(s, req.template) if req.template is not None else None
    phases = template.phases if template else req.phases
    assert phases is not None
    if req.modality:
        modality = modality_of(req.modality)
    elif template:
        modality = template.modality
    else:
        raise BadInput("say which modality the plan is for, e.g. --modality acupuncture")
    region_texts = (
        list(req.regions) if req.regions is not None else list(template.regions if template else [])
    )
    regions = list(dict.fromkeys(parse_region(r) for r in region_texts))
    tz = zone(location.tz)
    if isinstance(req.start, datetime):
        local, start_utc = req.start, strict_utc(req.start, tz)
    else:
        local, start_utc = parse_local_datetime(req.start, tz)
    spec = PlanSpec(
        start=local,
        tz=location.tz,
        phases=tuple(phases),
        holiday_policy=parse_enum(HolidayPolicy, req.holiday_policy, "holiday policy")
        if req.holiday_policy
        else HolidayPolicy.NEXT_WORKING_DAY,
        conflict_policy=parse_enum(ConflictPolicy, req.conflict_policy, "conflict policy")
        if req.conflict_policy
        else ConflictPolicy.REFUSE,
    )
    spec.validate()
    calendar = clinic_calendar(s, location, practitioner)
    check_pattern(spec, calendar)  # a weekday or hour never worked is bad input, not a refusal
    return PlanContext(
        patient=Ref(patient.id, patient.name),
        practitioner=Ref(practitioner.id, practitioner.name),
        location=Ref(location.id, location.name),
        room=Ref(room.id, room.name) if room else None,
        template=template,
        modality=modality,
        regions=regions,
        spec=spec,
        calendar=calendar,
        start_utc=start_utc,
        flags=[ScreeningFlag(f.flag) for f in patient.flags],
        practitioner_profession=practitioner.profession,
        may_needle=practitioner.may_needle,
        flag_regions={
            ScreeningFlag(f.flag): tuple(parse_region(c) for c in f.regions)
            for f in patient.flags
            if f.regions
        },
    )


def _bookings(s: Session, ctx: PlanContext, exclude: Iterable[int] = ()) -> DbBookings:
    return DbBookings(
        s,
        practitioner_id=ctx.practitioner.id,
        patient_id=ctx.patient.id,
        room_id=ctx.room.id if ctx.room else None,
        exclude=exclude,
    )


def _warnings(ctx: PlanContext, acknowledged: bool) -> list[str]:
    out = []
    if ctx.modality.needling and not ctx.may_needle:
        out.append(
            f"{ctx.practitioner.name} ({ctx.practitioner_profession}) is not registered as "
            f"licensed to needle; choose a practitioner who is for {ctx.modality.label.lower()}"
        )
    if ctx.needs_acknowledgement and not acknowledged:
        labels = "; ".join(ctx.flag_words(f) for f in ctx.flags_to_acknowledge)
        purpose = "needling" if ctx.modality.needling else "this plan"
        out.append(
            f"{ctx.patient.name} has screening flags for {purpose} ({labels}); confirm they "
            "were discussed and acknowledge them (--acknowledge-flags) to book"
        )
    return out


def preview(store: Store, req: PlanRequest) -> Preview:
    """Every proposed session with its status. Writes nothing."""
    with store.read() as s:
        ctx = _resolve(s, req)
        proposal = propose(ctx.spec, ctx.calendar, _bookings(s, ctx))
        return Preview(ctx, proposal, _warnings(ctx, req.acknowledge_flags))


@dataclass
class BookedPlan:
    plan_id: int
    preview: Preview
    appointments: list[dict[str, Any]]


def book(store: Store, req: PlanRequest, *, now: datetime | None = None) -> BookedPlan:
    """Book a plan and all its sessions in one transaction, or refuse and write nothing."""
    now = now or utcnow()
    with store.write() as s:
        ctx = _resolve(s, req)
        _lock(s, ctx.practitioner.id, ctx.patient.id, ctx.room.id if ctx.room else None)
        if ctx.modality.needling and not ctx.may_needle:
            raise NotPermitted(_warnings(ctx, True)[0])
        if ctx.needs_acknowledgement and not req.acknowledge_flags:
            raise ScreeningRequired(
                _warnings(ctx, False)[-1],
                details={"screening_flags": [f.value for f in ctx.flags_to_acknowledge]},
            )
        proposal = propose(ctx.spec, ctx.calendar, _bookings(s, ctx))
        if not proposal.bookable:
            raise Conflict(
                _problem_text(proposal.problems),
                details={
                    "sessions": [p.to_json() for p in proposal.problems],
                    "conflicts": [c.to_json() for c in proposal.conflicts],
                },
            )
        plan = Plan(
            patient_id=ctx.patient.id,
            practitioner_id=ctx.practitioner.id,
            location_id=ctx.location.id,
            room_id=ctx.room.id if ctx.room else None,
            modality=ctx.modality.value,
            template_name=ctx.template.name if ctx.template else None,
            start_local=ctx.spec.start,
            tz=ctx.spec.tz,
            rule=ctx.spec.rule_json(),
            status=PlanStatus.ACTIVE.value,
            acknowledged_flags=[f.value for f in ctx.flags] if req.acknowledge_flags else [],
            acknowledged_at=now if req.acknowledge_flags and ctx.flags else None,
            created_at=now,
            notes=req.notes,
            regions=[PlanRegion(region=r.code, position=i) for i, r in enumerate(ctx.regions)],
        )
        s.add(plan)
        s.flush()
        rows = [
            _new_appointment(
                plan, ps.kind, ps.phase, ps.local_start, ps.nominal_local, ps.duration_min, now
            )
            for ps in proposal.sessions
            if ps.local_start is not None
        ]
        s.add_all(rows)
        s.flush()
        return BookedPlan(plan.id, Preview(ctx, proposal), [appointment_json(a) for a in rows])


def _new_appointment(
    plan: Plan,
    kind: Kind,
    phase: int,
    local: datetime | None,
    nominal: datetime,
    minutes: int,
    now: datetime,
) -> Appointment:
    assert local is not None
    utc = to_utc(local, zone(plan.tz))
    return Appointment(
        uid=f"{uuid.uuid4()}@planner",
        plan_id=plan.id,
        patient_id=plan.patient_id,
        practitioner_id=plan.practitioner_id,
        location_id=plan.location_id,
        room_id=plan.room_id,
        kind=kind.value,
        phase=phase,
        start_local=local,
        tz=plan.tz,
        start_utc=utc,
        end_utc=utc + timedelta(minutes=minutes),
        duration_min=minutes,
        original_start_local=nominal,
        status=AppointmentStatus.BOOKED.value,
        revision=0,
        notes="",
        created_at=now,
        updated_at=now,
        regions=[],  # a new session has treated no region yet (and needs no lazy load)
    )


def _lock(s: Session, practitioner_id: int, patient_id: int, room_id: int | None) -> None:
    """Serialise bookings of the same resources (PostgreSQL; SQLite already holds its lock)."""
    if s.get_bind().dialect.name == "sqlite":
        return
    s.execute(select(Practitioner.id).where(Practitioner.id == practitioner_id).with_for_update())
    s.execute(select(Patient.id).where(Patient.id == patient_id).with_for_update())
    if room_id is not None:
        s.execute(select(Room.id).where(Room.id == room_id).with_for_update())


def _problem_text(problems: Sequence[ProposedSession]) -> str:
    parts = []
    for p in problems[:3]:
        why = "; ".join(r.message for r in p.reasons) or p.state.value
        parts.append(
            f"session {p.seq} ({p.kind.value} {p.number} of {p.of}, "
            f"{p.nominal_local:%a %d %b %Y %H:%M}): {why}"
        )
    more = f" | and {len(problems) - 3} more" if len(problems) > 3 else ""
    return (
        f"cannot book: {len(problems)} session(s) do not fit. "
        + " | ".join(parts)
        + more
        + ". Choose another time or practitioner, or a conflict policy that moves them"
    )


# -- presenting sessions --------------------------------------------------------------------


def appointment_json(
    a: Appointment, numbering: dict[int, tuple[int, int]] | None = None
) -> dict[str, Any]:
    n = numbering.get(a.id) if numbering else None
    return {
        "id": a.id,
        "uid": a.uid,
        "plan_id": a.plan_id,
        "kind": a.kind,
        "number": n[0] if n else None,
        "of": n[1] if n else None,
        "status": a.status,
        "local_start": a.start_local.isoformat(timespec="minutes"),
        "tz": a.tz,
        "utc_start": a.start_utc.isoformat(timespec="minutes") + "Z",
        "utc_end": a.end_utc.isoformat(timespec="minutes") + "Z",
        "duration_min": a.duration_min,
        "patient_id": a.patient_id,
        "practitioner_id": a.practitioner_id,
        "location_id": a.location_id,
        "room_id": a.room_id,
        "original_local_start": a.original_start_local.isoformat(timespec="minutes"),
        "revision": a.revision,
        "regions": [{"region": r.region, "pain": r.pain} for r in a.regions],
        "notes": a.notes,
    }


def number_sessions(appointments: Sequence[Appointment]) -> dict[int, tuple[int, int]]:
    """'Treatment 3 of 9': the place of each active session among its plan's of its kind."""
    by_kind: dict[tuple[int, str], list[Appointment]] = {}
    for a in appointments:
        if a.status != AppointmentStatus.CANCELLED.value:
            by_kind.setdefault((a.plan_id, a.kind), []).append(a)
    out: dict[int, tuple[int, int]] = {}
    for group in by_kind.values():
        group.sort(key=lambda a: a.start_utc)
        for i, a in enumerate(group, start=1):
            out[a.id] = (i, len(group))
    return out


# -- operations on sessions -------------------------------------------------------------------


def _appointment(s: Session, appointment_id: int) -> Appointment:
    a = s.get(Appointment, appointment_id)
    if a is None:
        raise NotFound(
            f"no session with id {appointment_id}; find it with 'planner appointment list'"
        )
    return a


def _require_status(a: Appointment, allowed: Sequence[AppointmentStatus], doing: str) -> None:
    if a.status not in {x.value for x in allowed}:
        raise InvalidState(f"session {a.id} is {a.status}; it cannot be {doing}")


def _touch(a: Appointment, now: datetime) -> None:
    a.revision += 1
    a.updated_at = now


def _spec_of(plan: Plan) -> PlanSpec:
    return PlanSpec.from_rule_json(plan.start_local, plan.tz, plan.rule)


@dataclass
class MoveResult:
    moved: list[dict[str, Any]]


def move(
    store: Store,
    appointment_id: int,
    new_start: str | datetime,
    *,
    following: bool = False,
    practitioner_id: int | None = None,
    room_id: int | None = None,
    now: datetime | None = None,
) -> MoveResult:
    """Move one session, or it and the plan's later booked sessions by the same shift.

    The shift is in wall-clock terms (same days and minutes later), so sessions keep their
    local time across daylight-saving changes. Every moved session is checked again; if one
    does not fit, nothing moves.
    """
    now = now or utcnow()
    with store.write() as s:
        a = _appointment(s, appointment_id)
        _require_status(a, [AppointmentStatus.BOOKED], "moved")
        tz = zone(a.tz)
        if isinstance(new_start, datetime):
            new_local = new_start
            strict_utc(new_local, tz)
        else:
            new_local, _ = parse_local_datetime(new_start, tz)
        delta = new_local - a.start_local
        group = [a]
        if following:
            group += list(
                s.scalars(
                    select(Appointment)
                    .where(
                        Appointment.plan_id == a.plan_id,
                        Appointment.start_utc > a.start_utc,
                        Appointment.status == AppointmentStatus.BOOKED.value,
                    )
                    .order_by(Appointment.start_utc)
                )
            )
        practitioner = get(s, Practitioner, practitioner_id or a.practitioner_id, "practitioner")
        location = s.get(Location, a.location_id)
        assert location is not None
        if room_id is not None:
            room = get(s, Room, room_id, "room")
            if room.location_id != location.id:
                raise BadInput(f"room {room.name} is at another location")
        new_room = room_id if room_id is not None else a.room_id
        plan = a.plan
        if Modality(plan.modality).needling and not practitioner.may_needle:
            raise NotPermitted(f"{practitioner.name} is not registered as licensed to needle")
        _lock(s, practitioner.id, a.patient_id, new_room)
        cal = clinic_calendar(s, location, practitioner)
        busy = DbBookings(
            s,
            practitioner_id=practitioner.id,
            patient_id=a.patient_id,
            room_id=new_room,
            exclude=[g.id for g in group],
        )
        placed: list[Busy] = []
        problems: list[str] = []
        conflicts: list[Busy] = []
        targets = []
        for g in group:
            local = g.start_local + delta
            reasons, hits = check_slot(cal, busy, local, g.duration_min, others=placed)
            if reasons:
                problems.append(
                    f"session {g.id} at {local:%a %d %b %Y %H:%M}: "
                    + "; ".join(r.message for r in reasons)
                )
                conflicts.extend(hits)
                continue
            utc = to_utc(local, tz)
            placed.append(
                Busy(
                    utc,
                    utc + timedelta(minutes=g.duration_min),
                    "plan",
                    g.id,
                    f"session {g.id} of this plan",
                )
            )
            targets.append((g, local, utc))
        if problems:
            exc_cls = Conflict if conflicts else ClinicClosed
            raise exc_cls(
                "cannot move: "
                + " | ".join(problems[:3])
                + (f" (and {len(problems) - 3} more)" if len(problems) > 3 else "")
                + "; nothing was moved",
                details={"conflicts": [c.to_json() for c in conflicts]},
            )
        for g, local, utc in targets:
            g.start_local = local
            g.start_utc = utc
            g.end_utc = utc + timedelta(minutes=g.duration_min)
            g.practitioner_id = practitioner.id
            g.room_id = new_room
            _touch(g, now)
        s.flush()
        return MoveResult([appointment_json(g) for g, _l, _u in targets])


@dataclass
class CancelResult:
    cancelled: list[dict[str, Any]]
    added: dict[str, Any] | None = None
    shifted: list[dict[str, Any]] = field(default_factory=list)
    shifted_from: dict[int, str] = field(default_factory=dict)
    """Where each shifted session was before (local ISO time), so the cancel can be undone."""


def cancel(
    store: Store,
    appointment_id: int,
    *,
    extend: bool = False,
    reason: str = "",
    now: datetime | None = None,
) -> CancelResult:
    """Cancel one session; with ``extend``, add one at the end of its phase to keep the count.

    The added session takes the phase's next regular slot after its last session and is
    placed by the plan's own holiday and conflict policies; the plan's later phases
    (reassessment, follow-up) move by the same number of weeks so they stay after it.
    """
    now = now or utcnow()
    with store.write() as s:
        a = _appointment(s, appointment_id)
        _require_status(a, [AppointmentStatus.BOOKED], "cancelled")
        a.status = AppointmentStatus.CANCELLED.value
        if reason:
            a.notes = (a.notes + "\n" if a.notes else "") + f"Cancelled: {reason}"
        _touch(a, now)
        if not extend:
            s.flush()
            return CancelResult([appointment_json(a)])
        plan = a.plan
        spec = _spec_of(plan)
        if a.phase >= len(spec.phases):  # pragma: no cover - defensive, rule and rows disagree
            raise InvalidState(f"plan {plan.id} has no phase {a.phase}")
        _lock(s, plan.practitioner_id, plan.patient_id, plan.room_id)
        sessions = list(
            s.scalars(
                select(Appointment)
                .where(Appointment.plan_id == plan.id)
                .order_by(Appointment.original_start_local)
            )
        )
        phase_rows = [x for x in sessions if x.phase == a.phase]
        last_nominal = max(x.original_start_local for x in phase_rows)
        first_nominal = min(x.original_start_local for x in phase_rows)
        nominal = next_pattern_start(spec, a.phase, first_nominal, last_nominal)
        weeks_later = _week(plan, nominal) - _week(plan, last_nominal)
        later = (
            [
                x
                for x in sessions
                if x.phase > a.phase and x.status == AppointmentStatus.BOOKED.value
            ]
            if weeks_later > 0
            else []
        )
        location = s.get(Location, plan.location_id)
        practitioner = s.get(Practitioner, plan.practitioner_id)
        assert location is not None and practitioner is not None
        cal = clinic_calendar(s, location, practitioner)
        busy = DbBookings(
            s,
            practitioner_id=plan.practitioner_id,
            patient_id=plan.patient_id,
            room_id=plan.room_id,
            exclude=[x.id for x in later],
        )
        tz = zone(plan.tz)
        phase = spec.phases[a.phase]
        local, _state, reasons, hits = place_session(spec, cal, busy, nominal, phase.duration_min)
        if local is None:
            raise Conflict(
                f"cannot extend the plan: the new session at {nominal:%a %d %b %Y %H:%M} does not fit ("
                + "; ".join(r.message for r in reasons)
                + "); cancel without extending, or book an extra session by hand",
                details={"conflicts": [h.to_json() for h in hits]},
            )
        new = _new_appointment(plan, Kind(a.kind), a.phase, local, nominal, phase.duration_min, now)
        utc = to_utc(local, tz)
        placed = [
            Busy(
                utc, utc + timedelta(minutes=phase.duration_min), "plan", None, "the added session"
            )
        ]
        moves = []
        for x in later:
            target = x.start_local + timedelta(weeks=weeks_later)
            loc2, _st2, rs2, hits2 = place_session(
                spec, cal, busy, target, x.duration_min, others=placed
            )
            if loc2 is None:
                raise Conflict(
                    f"cannot extend the plan: its {x.kind} (session {x.id}) would move to "
                    f"{target:%a %d %b %Y %H:%M}, which does not fit ("
                    + "; ".join(r.message for r in rs2)
                    + ")",
                    details={"conflicts": [h.to_json() for h in hits2]},
                )
            u2 = to_utc(loc2, tz)
            placed.append(Busy(u2, u2 + timedelta(minutes=x.duration_min), "plan", x.id, ""))
            moves.append((x, loc2, u2))
        s.add(new)
        previous = {x.id: x.start_local.isoformat(timespec="minutes") for x, _l, _u in moves}
        for x, loc2, u2 in moves:
            x.start_local, x.start_utc = loc2, u2
            x.end_utc = u2 + timedelta(minutes=x.duration_min)
            _touch(x, now)
        s.flush()
        return CancelResult(
            [appointment_json(a)],
            appointment_json(new),
            [appointment_json(x) for x, _l, _u in moves],
            previous,
        )


def _require_free(s: Session, rows: Sequence[Appointment], exclude: Iterable[int] = ()) -> None:
    """Refuse when any of ``rows`` (about to hold their time again) overlaps another booking."""
    placed: list[Busy] = []
    for a in rows:
        busy = DbBookings(
            s,
            practitioner_id=a.practitioner_id,
            patient_id=a.patient_id,
            room_id=a.room_id,
            exclude=[*exclude, *(r.id for r in rows)],
        )
        pad = timedelta(hours=1)
        hits = [
            b
            for b in [*busy.fetch([(a.start_utc - pad, a.end_utc + pad)]), *placed]
            if b.start_utc < a.end_utc and b.end_utc > a.start_utc
        ]
        if hits:
            raise Conflict(
                f"session {a.id} at {a.start_local:%a %d %b %Y %H:%M} cannot be restored: its "
                f"time is taken ({hits[0].description or hits[0].resource}); move it instead",
                details={"conflicts": [h.to_json() for h in hits]},
            )
        placed.append(Busy(a.start_utc, a.end_utc, "plan", a.id, f"session {a.id}"))


def restore(store: Store, appointment_id: int, *, now: datetime | None = None) -> dict[str, Any]:
    """Bring a cancelled session back, if its time is still free (undo of a cancel)."""
    now = now or utcnow()
    with store.write() as s:
        a = _appointment(s, appointment_id)
        _require_status(a, [AppointmentStatus.CANCELLED], "restored")
        _lock(s, a.practitioner_id, a.patient_id, a.room_id)
        _require_free(s, [a])
        a.status = AppointmentStatus.BOOKED.value
        if a.plan.status == PlanStatus.CANCELLED.value:
            a.plan.status = PlanStatus.ACTIVE.value
        _touch(a, now)
        s.flush()
        return appointment_json(a)


def revert_cancel(store: Store, result: CancelResult, *, now: datetime | None = None) -> None:
    """Undo :func:`cancel`: restore the session, remove the added one, move the rest back.

    All in one transaction. The added session is deleted outright: undo follows the action
    it reverses, before its calendar files are handed out.
    """
    now = now or utcnow()
    with store.write() as s:
        restored = [_appointment(s, c["id"]) for c in result.cancelled]
        for a in restored:
            _require_status(a, [AppointmentStatus.CANCELLED], "restored")
        if result.added is not None:
            added = _appointment(s, result.added["id"])
            if added.status != AppointmentStatus.BOOKED.value or added.revision != 0:
                raise InvalidState(
                    f"the session added at the end (session {added.id}) has changed since; "
                    "cancel it by hand instead"
                )
            s.delete(added)
            s.flush()
        moved = []
        for x_id, previous in result.shifted_from.items():
            x = _appointment(s, x_id)
            local = datetime.fromisoformat(previous)
            utc = to_utc(local, zone(x.tz))
            x.start_local, x.start_utc = local, utc
            x.end_utc = utc + timedelta(minutes=x.duration_min)
            _touch(x, now)
            moved.append(x)
        for a in restored:
            a.status = AppointmentStatus.BOOKED.value
            _touch(a, now)
        s.flush()
        _require_free(s, [*restored, *moved])


def reopen(store: Store, appointment_id: int, *, now: datetime | None = None) -> dict[str, Any]:
    """Undo attended or no-show: the session is booked again and its scores are cleared."""
    now = now or utcnow()
    with store.write() as s:
        a = _appointment(s, appointment_id)
        _require_status(a, [AppointmentStatus.ATTENDED, AppointmentStatus.NO_SHOW], "reopened")
        a.status = AppointmentStatus.BOOKED.value
        a.regions = []
        _touch(a, now)
        s.flush()
        return appointment_json(a)


def delete_plan(store: Store, plan_id: int) -> None:
    """Remove a plan booked by mistake (undo of a booking): only while nothing happened yet."""
    with store.write() as s:
        plan = get(s, Plan, plan_id, "plan")
        rows = list(s.scalars(select(Appointment).where(Appointment.plan_id == plan_id)))
        touched = [a for a in rows if a.status != AppointmentStatus.BOOKED.value or a.revision]
        if touched:
            raise InvalidState(
                f"plan {plan_id} has sessions that were attended, moved or cancelled since it was "
                "booked; cancel the rest of the plan instead of removing it"
            )
        for a in rows:
            s.delete(a)
        s.flush()
        s.delete(plan)


def _week(plan: Plan, local: datetime) -> int:
    return (local.date() - plan.start_local.date()).days // 7


def cancel_rest(store: Store, plan_id: int, *, now: datetime | None = None) -> CancelResult:
    """Cancel every booked session of a plan from now on and mark the plan cancelled."""
    now = now or utcnow()
    with store.write() as s:
        plan = get(s, Plan, plan_id, "plan")
        if plan.status == PlanStatus.CANCELLED.value:
            raise InvalidState(f"plan {plan_id} is cancelled already")
        rows = list(
            s.scalars(
                select(Appointment)
                .where(
                    Appointment.plan_id == plan_id,
                    Appointment.status == AppointmentStatus.BOOKED.value,
                    Appointment.start_utc >= now,
                )
                .order_by(Appointment.start_utc)
            )
        )
        for r in rows:
            r.status = AppointmentStatus.CANCELLED.value
            _touch(r, now)
        plan.status = PlanStatus.CANCELLED.value
        s.flush()
        return CancelResult([appointment_json(r) for r in rows])


ATTEND_EARLY = timedelta(hours=1)


def attend(
    store: Store,
    appointment_id: int,
    regions: Sequence[tuple[BodyRegion, int | None]] = (),
    *,
    notes: str = "",
    scores: Mapping[Measure, int] | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Mark a session attended, with the regions treated and their pain scores (0-10).

    ``scores`` are the optional whole-body scores taken at the session (fatigue, sleep
    quality, function; 0-10). At the plan's assessment, the pain scores and ``scores`` are the
    plan's baseline (see :mod:`planner.services.progress`).
    """
    now = now or utcnow()
    with store.write() as s:
        a = _appointment(s, appointment_id)
        _require_status(a, [AppointmentStatus.BOOKED, AppointmentStatus.NO_SHOW], "marked attended")
        if a.start_utc > now + ATTEND_EARLY:
            raise InvalidState(
                f"session {a.id} is on {a.start_local:%a %d %b %Y %H:%M}; it cannot be marked "
                "attended before it starts"
            )
        _check_scores(regions, scores)
        a.status = AppointmentStatus.ATTENDED.value
        _set_scores(s, a, regions, scores)
        if notes:
            a.notes = (a.notes + "\n" if a.notes else "") + notes
        _touch(a, now)
        s.flush()
        return _scored_json(s, a)


def record_baseline(
    store: Store,
    plan_id: int,
    regions: Sequence[tuple[BodyRegion, int | None]],
    *,
    scores: Mapping[Measure, int] | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Record the plan's baseline at its assessment: pain per region and whole-body scores.

    A booked (or no-show) assessment is marked attended with them, as :func:`attend` would;
    an attended one has its scores replaced (the form was filled in after the session was
    marked, or a score was mistyped). A plan without an assessment takes each region's first
    scored session as its baseline: score that session with :func:`attend` instead.
    """
    now = now or utcnow()
    _check_scores(regions, scores)
    with store.write() as s:
        get(s, Plan, plan_id, "plan")
        a = s.scalar(
            select(Appointment)
            .where(
                Appointment.plan_id == plan_id,
                Appointment.kind == Kind.ASSESSMENT.value,
                Appointment.status != AppointmentStatus.CANCELLED.value,
            )
            .order_by(Appointment.start_utc)
            .limit(1)
        )
        if a is None:
            raise InvalidState(
                f"plan {plan_id} has no assessment (or it was cancelled); its baseline is each "
                "region's first scored session: give the scores when marking it attended"
            )
        if a.status != AppointmentStatus.ATTENDED.value:
            if a.start_utc > now + ATTEND_EARLY:
                raise InvalidState(
                    f"the assessment (session {a.id}) is on {a.start_local:%a %d %b %Y %H:%M}; "
                    "its baseline can be recorded when it takes place"
                )
            a.status = AppointmentStatus.ATTENDED.value
        _set_scores(s, a, regions, scores)
        _touch(a, now)
        s.flush()
        return _scored_json(s, a)


def _check_scores(
    regions: Sequence[tuple[BodyRegion, int | None]], scores: Mapping[Measure, int] | None
) -> None:
    for r, pain in regions:
        if pain is not None and not 0 <= pain <= 10:
            raise BadInput(f"pain for {r.code} must be 0-10")
    for m, value in (scores or {}).items():
        check_score(value, Measure(m).label.lower())


def _set_scores(
    s: Session,
    a: Appointment,
    regions: Sequence[tuple[BodyRegion, int | None]],
    scores: Mapping[Measure, int] | None,
) -> None:
    """Replace the session's region pain scores and whole-body scores."""
    a.regions = [
        AppointmentRegion(region=r.code, pain=p, position=i) for i, (r, p) in enumerate(regions)
    ]
    s.execute(delete(AppointmentScore).where(AppointmentScore.appointment_id == a.id))
    s.add_all(
        AppointmentScore(appointment_id=a.id, measure=Measure(m).value, value=v)
        for m, v in (scores or {}).items()
    )


def _scored_json(s: Session, a: Appointment) -> dict[str, Any]:
    """:func:`appointment_json` with the session's whole-body scores."""
    s.flush()
    rows = s.execute(
        select(AppointmentScore.measure, AppointmentScore.value).where(
            AppointmentScore.appointment_id == a.id
        )
    ).all()
    order = {m.value: i for i, m in enumerate(Measure)}
    return appointment_json(a) | {
        "scores": {m: v for m, v in sorted(rows, key=lambda r: order.get(r[0], 99))}
    }


def no_show(store: Store, appointment_id: int, *, now: datetime | None = None) -> dict[str, Any]:
    now = now or utcnow()
    with store.write() as s:
        a = _appointment(s, appointment_id)
        _require_status(a, [AppointmentStatus.BOOKED], "marked as a no-show")
        if a.start_utc > now:
            raise InvalidState(
                f"session {a.id} is on {a.start_local:%a %d %b %Y %H:%M}; it cannot be a "
                "no-show before it starts"
            )
        a.status = AppointmentStatus.NO_SHOW.value
        _touch(a, now)
        s.flush()
        return appointment_json(a)


# -- reading ------------------------------------------------------------------------------------


def list_appointments(
    s: Session,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    patient_id: int | None = None,
    practitioner_id: int | None = None,
    location_id: int | None = None,
    plan_id: int | None = None,
    include_cancelled: bool = True,
    limit: int | None = None,
) -> list[Appointment]:
    """Sessions in a UTC range, by patient, practitioner, location or plan, in time order."""
    stmt = (
        select(Appointment)
        .order_by(Appointment.start_utc, Appointment.id)
        .options(selectinload(Appointment.regions))
    )
    if start is not None:
        stmt = stmt.where(Appointment.start_utc >= start)
    if end is not None:
        stmt = stmt.where(Appointment.start_utc < end)
    for col, val in (
        (Appointment.patient_id, patient_id),
        (Appointment.practitioner_id, practitioner_id),
        (Appointment.location_id, location_id),
        (Appointment.plan_id, plan_id),
    ):
        if val is not None:
            stmt = stmt.where(col == val)
    if not include_cancelled:
        stmt = stmt.where(Appointment.status != AppointmentStatus.CANCELLED.value)
    if limit:
        stmt = stmt.limit(limit)
    return list(s.scalars(stmt))
