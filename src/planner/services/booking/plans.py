"""Preview and book a treatment plan: every session of it in one transaction, or none.

:func:`preview` resolves a :class:`PlanRequest` into a :class:`PlanContext` (plain values)
and proposes every session with its status; it writes nothing. :func:`book` runs the whole
conflict check again inside the write transaction, with the practitioner, patient and room
locked (see :mod:`.conflicts`), and refuses before anything is committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from planner.core.availability import Unavailable
from planner.core.calendars import ClinicCalendar, WeeklyHours
from planner.core.domain import (
    ConflictPolicy,
    HolidayPolicy,
    Modality,
    Phase,
    PlanSpec,
    PlanStatus,
    ProposedSession,
    ScreeningFlag,
    Template,
    parse_enum,
)
from planner.core.engine import BusySource, Proposal, check_pattern, propose
from planner.core.regions import BodyRegion, parse_region
from planner.core.timeutil import parse_local_datetime, strict_utc, utcnow, zone
from planner.core.typed_dates import in_range
from planner.db.models import Location, Patient, Plan, PlanRegion, Practitioner, Room
from planner.db.store import Store
from planner.errors import BadInput, Conflict, NotPermitted, ScreeningRequired
from planner.services.booking.appointments import appointment_json, new_appointment
from planner.services.booking.conflicts import (
    DbBookings,
    clinic_calendar,
    lock_resources,
    workplaces,
)
from planner.services.booking.past import past_note, refuse_past
from planner.services.clinic import find_template, flag_text, get, modality_of
from planner.services.waitlist.entries import close_for_plan, lock_entry


@dataclass
class PlanRequest:
    """What the desk asks for: a template or a custom cadence, for a patient, from a start."""

    patient_id: int | None
    """None only to look for free time before the patient is known (never to book)."""
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
    shift_only: frozenset[datetime] = frozenset()
    """Rule times of the sessions the desk chose to "Shift this one" (``PlanSpec.shift_only``)."""
    allow_past: bool = False
    """The desk means to record sessions that already took place (see :mod:`.past`)."""
    available: WeeklyHours | None = None
    """When the patient can come (a waitlist entry's times): every session must lie inside
    them, and a session a holiday moves goes to the first later day they can come
    (:mod:`planner.core.availability`). None: any time."""
    waitlist_entry: int | None = None
    """The waitlist entry this booking serves: it is closed in the booking's transaction
    (and refused if it was closed meanwhile)."""


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
    available: WeeklyHours | None = None
    """When the patient can come (:attr:`PlanRequest.available`); None: any time."""

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
    past: str | None = None
    """``the first session, Tue 2 Feb 2027 10:00, is in the past`` (said at the top), or None."""
    allow_past: bool = False
    """Whether the request allows the past (else a plan in the past is not bookable)."""

    @property
    def sessions(self) -> list[ProposedSession]:
        return self.proposal.sessions

    @property
    def past_refused(self) -> bool:
        """The first session is in the past and the request does not allow it."""
        return self.past is not None and not self.allow_past

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
            "bookable": self.proposal.bookable and not self.warnings and not self.past_refused,
            "past": self.past,
            "allow_past": self.allow_past,
            "screening_flags": [f.value for f in c.flags],
            "needs_acknowledgement": c.needs_acknowledgement,
            "flags_to_acknowledge": [f.value for f in c.flags_to_acknowledge],
            "warnings": self.warnings,
            "sessions": [p.to_json() for p in self.proposal.sessions],
        }


@dataclass
class BookedPlan:
    plan_id: int
    preview: Preview
    appointments: list[dict[str, Any]]
    waitlist_closed: list[int] = field(default_factory=list)
    """The waitlist entries the booking closed (the one it came from, and any other open
    entry of the patient for the same modality)."""


# -- resolving a request ---------------------------------------------------------------------


def _resolve(s: Session, req: PlanRequest, *, check_hours: bool = True) -> PlanContext:
    """The rows, template, cadence and calendar a request names; bad input raises here.

    Without ``check_hours`` a start outside the practitioner's hours is let through (a search
    for free time starts from any time of day and checks each candidate itself)."""
    # Practitioner before patient: inside a booking these reads lock the rows, and every
    # operation locks in the order of lock_resources (practitioner, patient, room), so two
    # desks can never wait for each other.
    practitioner = get(s, Practitioner, req.practitioner_id, "practitioner")
    patient = get(s, Patient, req.patient_id, "patient") if req.patient_id is not None else None
    location = _location(s, req, practitioner)
    room = _room(s, req, location)
    template, phases = _cadence(s, req)
    modality = _modality(req, template)
    region_texts = (
        list(req.regions) if req.regions is not None else list(template.regions if template else [])
    )
    regions = list(dict.fromkeys(parse_region(r) for r in region_texts))
    tz = zone(location.tz)
    if isinstance(req.start, datetime):
        in_range(req.start, "the start")  # the plan's offsets from it stay inside the years
        local, start_utc = req.start, strict_utc(req.start, tz)
    else:
        local, start_utc = parse_local_datetime(req.start, tz)
    spec = PlanSpec(
        start=local,
        tz=location.tz,
        phases=phases,
        holiday_policy=parse_enum(HolidayPolicy, req.holiday_policy, "holiday policy")
        if req.holiday_policy
        else HolidayPolicy.NEXT_WORKING_DAY,
        conflict_policy=parse_enum(ConflictPolicy, req.conflict_policy, "conflict policy")
        if req.conflict_policy
        else ConflictPolicy.REFUSE,
        shift_only=frozenset(req.shift_only),
    )
    spec.validate()
    calendar = clinic_calendar(s, location, practitioner)
    if check_hours:  # a weekday or hour never worked is bad input, not a refusal
        check_pattern(spec, calendar)
    flags = list(patient.flags) if patient is not None else []
    return PlanContext(
        patient=Ref(patient.id, patient.name) if patient is not None else Ref(0, ""),
        practitioner=Ref(practitioner.id, practitioner.name),
        location=Ref(location.id, location.name),
        room=Ref(room.id, room.name) if room else None,
        template=template,
        modality=modality,
        regions=regions,
        spec=spec,
        calendar=calendar,
        start_utc=start_utc,
        flags=[ScreeningFlag(f.flag) for f in flags],
        practitioner_profession=practitioner.profession,
        may_needle=practitioner.may_needle,
        flag_regions={
            ScreeningFlag(f.flag): tuple(parse_region(c) for c in f.regions)
            for f in flags
            if f.regions
        },
        available=req.available,
    )


def _location(s: Session, req: PlanRequest, practitioner: Practitioner) -> Location:
    """The location asked for, or the practitioner's only one."""
    if req.location_id is not None:
        return get(s, Location, req.location_id, "location")
    places = [w.location for w in practitioner.workplaces]
    if len(places) != 1:
        raise BadInput(
            f"{practitioner.name} works at {len(places)} locations "
            f"({workplaces(practitioner)}); choose one with --location"
        )
    return places[0]


def _room(s: Session, req: PlanRequest, location: Location) -> Room | None:
    if req.room_id is None:
        return None
    room = get(s, Room, req.room_id, "room")
    if room.location_id != location.id:
        raise BadInput(f"room {room.name} is at another location than {location.name}")
    return room


def _cadence(s: Session, req: PlanRequest) -> tuple[Template | None, tuple[Phase, ...]]:
    """The template asked for and its phases, or the request's own cadence (one of the two)."""
    if req.template is not None and req.phases is None:
        template = find_template(s, req.template)
        return template, tuple(template.phases)
    if req.template is None and req.phases is not None:
        return None, tuple(req.phases)
    raise BadInput(
        "give either a template (--template) or a cadence (--weeks, --per-week, --duration)"
    )


def _modality(req: PlanRequest, template: Template | None) -> Modality:
    if req.modality:
        return modality_of(req.modality)
    if template:
        return template.modality
    raise BadInput("say which modality the plan is for, e.g. --modality acupuncture")


def _bookings(s: Session, ctx: PlanContext) -> BusySource:
    db = DbBookings(
        s,
        practitioner_id=ctx.practitioner.id,
        patient_id=ctx.patient.id or None,  # no patient yet: their own sessions hold nothing
        room_id=ctx.room.id if ctx.room else None,
    )
    if ctx.available is None:
        return db
    return Unavailable(db, ctx.available, zone(ctx.spec.tz))


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


# -- preview and book ------------------------------------------------------------------------


def plan_context(store: Store, req: PlanRequest) -> PlanContext:
    """What a request names (its rows, cadence and calendar), from a start at any time of day:
    where a search for free time begins. Writes nothing."""
    with store.read() as s:
        return _resolve(s, req, check_hours=False)


def preview(store: Store, req: PlanRequest, *, now: datetime | None = None) -> Preview:
    """Every proposed session with its status, and whether the first one is in the past
    (before ``now``, naive UTC). Writes nothing."""
    with store.read() as s:
        ctx = _resolve(s, req)
        proposal = propose(ctx.spec, ctx.calendar, _bookings(s, ctx))
        return Preview(
            ctx,
            proposal,
            _warnings(ctx, req.acknowledge_flags),
            past=_past(proposal, now or utcnow()),
            allow_past=req.allow_past,
        )


def _first_session(proposal: Proposal) -> ProposedSession | None:
    placed = [p for p in proposal.sessions if p.local_start is not None]
    return min(placed, key=lambda p: p.utc_start or datetime.max, default=None)


def _what(proposal: Proposal) -> str:
    return "the session" if len(proposal.sessions) == 1 else "the first session"


def _past(proposal: Proposal, now: datetime) -> str | None:
    """The line saying the plan's first session is in the past, or None."""
    first = _first_session(proposal)
    if first is None or first.local_start is None or first.utc_start is None:
        return None
    return past_note(_what(proposal), first.local_start, first.utc_start, now)


def book(store: Store, req: PlanRequest, *, now: datetime | None = None) -> BookedPlan:
    """Book a plan and all its sessions in one transaction, or refuse and write nothing."""
    now = now or utcnow()
    if req.patient_id is None:
        raise BadInput("choose the patient the plan is for")
    with store.write("book plan") as s:
        ctx = _resolve(s, req)
        lock_resources(s, ctx.practitioner.id, ctx.patient.id, ctx.room.id if ctx.room else None)
        if req.waitlist_entry is not None:
            lock_entry(s, req.waitlist_entry)  # closed meanwhile: refused before anything
        if ctx.modality.needling and not ctx.may_needle:
            raise NotPermitted(_warnings(ctx, True)[0])
        if ctx.needs_acknowledgement and not req.acknowledge_flags:
            raise ScreeningRequired(
                _warnings(ctx, False)[-1],
                details={"screening_flags": [f.value for f in ctx.flags_to_acknowledge]},
            )
        proposal = propose(ctx.spec, ctx.calendar, _bookings(s, ctx))
        first = _first_session(proposal)
        if first is not None and first.local_start is not None and first.utc_start is not None:
            refuse_past(
                _what(proposal),
                first.local_start,
                first.utc_start,
                now,
                allow_past=req.allow_past,
                action="book it as a record of past sessions",
            )
        if not proposal.bookable:
            raise Conflict(
                _problem_text(proposal.problems),
                details={
                    "sessions": [p.to_json() for p in proposal.problems],
                    "conflicts": [c.to_json() for c in proposal.conflicts],
                },
            )
        plan = _new_plan(ctx, req, now)
        s.add(plan)
        s.flush()
        rows = [
            new_appointment(
                plan, ps.kind, ps.phase, ps.local_start, ps.nominal_local, ps.duration_min, now
            )
            for ps in proposal.sessions
            if ps.local_start is not None
        ]
        s.add_all(rows)
        s.flush()
        closed = close_for_plan(s, plan, req.waitlist_entry, now)
        return BookedPlan(
            plan.id,
            Preview(ctx, proposal, past=_past(proposal, now), allow_past=req.allow_past),
            [appointment_json(a) for a in rows],
            closed,
        )


def _new_plan(ctx: PlanContext, req: PlanRequest, now: datetime) -> Plan:
    return Plan(
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


def _problem_text(problems: Sequence[ProposedSession]) -> str:
    """One line: how many sessions do not fit, the first three by name and why."""
    parts = []
    for p in problems[:3]:
        why = "; ".join(r.message for r in p.reasons) or p.state.value
        parts.append(
            f"{p.kind.label} {p.number} of {p.of}, {p.nominal_local:%a %d %b %Y %H:%M} ({why})"
        )
    more = f", and {len(problems) - 3} more" if len(problems) > 3 else ""
    n = len(problems)
    return (
        f"cannot book: {n} session{'s do' if n != 1 else ' does'} not fit: "
        + ", ".join(parts)
        + more
        + ". Choose another time or practitioner, or a conflict policy that moves them"
    )
