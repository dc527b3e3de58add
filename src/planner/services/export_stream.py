"""Reading a large export plan by plan, in bounded memory.

:func:`planner.services.export_scope.load_rows` loads a scope's sessions as ORM objects, all at
once: right for one patient or one practitioner's month (deliveries, CalDAV), but a whole
clinic over three years is 100,000 sessions, and ORM objects for all of them (and their
events) took 840 MB. Here the sessions are read with SQLAlchemy Core as plain tuples, in plan
order, with a server-side cursor on PostgreSQL (``stream_results``) and in batches on SQLite
(``yield_per``); every ``PLANS_PER_CHUNK`` plans, the regions, plans, patients and flags those
plans name are read in a few ``IN`` queries, and :class:`Chunk` holds just that. The small
tables (locations, rooms, practitioners, settings) are read once.

A plan's sessions are always read together (the cursor is in plan order), because a series is
written whole and "3 of 9" counts all of them. What the calendar's header needs up front, the
zones and years of every session written, comes from one aggregate query (:func:`survey`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Select, func, select
from sqlalchemy.orm import Session

from planner.db.models import (
    Appointment,
    AppointmentRegion,
    Location,
    Patient,
    PatientFlag,
    Plan,
    PlanRegion,
    Practitioner,
    Room,
)
from planner.services.batches import in_batches
from planner.services.clinic_settings import read_settings
from planner.services.export_scope import Scope, in_scope, ranged_filter

PLANS_PER_CHUNK = 400
"""Plans whose rows are held at once (the demo clinic averages ten sessions a plan)."""
CURSOR_BATCH = 2000
"""Sessions fetched from the cursor at a time."""


@dataclass(slots=True)
class TreatedRow:
    region: str
    pain: int | None


@dataclass(slots=True)
class TargetRow:
    region: str


@dataclass(slots=True)
class FlagRow:
    flag: str


@dataclass(slots=True)
class SessionRow:
    """One session as a plain row (the columns the rendering reads)."""

    id: int
    uid: str
    plan_id: int
    patient_id: int
    practitioner_id: int
    location_id: int
    room_id: int | None
    kind: str
    phase: int
    start_local: datetime
    tz: str
    start_utc: datetime
    duration_min: int
    original_start_local: datetime
    status: str
    revision: int
    notes: str
    cancel_reason: str
    created_at: datetime
    updated_at: datetime
    regions: list[TreatedRow] = field(default_factory=list)


_SESSION_COLUMNS = (
    Appointment.id,
    Appointment.uid,
    Appointment.plan_id,
    Appointment.patient_id,
    Appointment.practitioner_id,
    Appointment.location_id,
    Appointment.room_id,
    Appointment.kind,
    Appointment.phase,
    Appointment.start_local,
    Appointment.tz,
    Appointment.start_utc,
    Appointment.duration_min,
    Appointment.original_start_local,
    Appointment.status,
    Appointment.revision,
    Appointment.notes,
    Appointment.cancel_reason,
    Appointment.created_at,
    Appointment.updated_at,
)


@dataclass(slots=True)
class PlanRow:
    id: int
    patient_id: int
    practitioner_id: int
    location_id: int
    modality: str
    template_name: str | None
    start_local: datetime
    tz: str
    rule: dict[str, Any]
    status: str
    acknowledged_flags: list[Any]
    notes: str
    regions: list[TargetRow] = field(default_factory=list)


_PLAN_COLUMNS = (
    Plan.id,
    Plan.patient_id,
    Plan.practitioner_id,
    Plan.location_id,
    Plan.modality,
    Plan.template_name,
    Plan.start_local,
    Plan.tz,
    Plan.rule,
    Plan.status,
    Plan.acknowledged_flags,
    Plan.notes,
)


@dataclass(slots=True)
class PatientRow:
    id: int
    name: str
    chart_number: str | None
    phone: str
    notes: str
    language: str = "en"
    flags: list[FlagRow] = field(default_factory=list)


@dataclass
class Dimensions:
    """The small tables, read once per export."""

    locations: dict[int, Location]
    rooms: dict[int, Room]
    practitioners: dict[int, Practitioner]
    settings: dict[str, str]

    def tables(
        self,
    ) -> tuple[dict[int, Location], dict[int, Room], dict[int, Practitioner], dict[str, str]]:
        return self.locations, self.rooms, self.practitioners, self.settings


def dimensions(s: Session) -> Dimensions:
    return Dimensions(
        locations={x.id: x for x in s.scalars(select(Location))},
        rooms={x.id: x for x in s.scalars(select(Room))},
        practitioners={x.id: x for x in s.scalars(select(Practitioner))},
        settings=read_settings(s),
    )


@dataclass
class Chunk:
    """Some whole plans of a streaming export: a :class:`~planner.services.export_scope.RowsLike`
    for :func:`planner.services.export_events.units`."""

    selected: list[SessionRow]
    siblings: dict[int, list[SessionRow]]
    plans: dict[int, PlanRow]
    patients: dict[int, PatientRow]
    locations: dict[int, Location]
    rooms: dict[int, Room]
    practitioners: dict[int, Practitioner]
    settings: dict[str, str]
    first: date | None
    last: date | None
    departed: Sequence[SessionRow] = ()

    @classmethod
    def empty(cls, dims: Dimensions, first: date | None, last: date | None) -> Chunk:
        """No sessions: what the calendar's name reads (places, people, settings)."""
        return cls([], {}, {}, {}, *dims.tables(), first, last)


@dataclass(frozen=True)
class Survey:
    """What the calendar's header and the empty-export check need before streaming."""

    selected: int
    """Sessions in the scope and date range."""
    tzids: tuple[str, ...]
    years: tuple[int, int] | None
    """First and last year any session of the plans touches (start, rule time or end)."""


def _plans_in(scope: Scope, first: date, last: date) -> Select[int]:
    return select(Appointment.plan_id).where(*ranged_filter(scope, first, last))


def survey(s: Session, scope: Scope, first: date, last: date) -> Survey:
    """One count and one aggregate per zone over the plans the export writes (and, only when a
    session may end in the year after the last one starting, one small query more)."""
    selected = s.scalar(select(func.count()).where(*ranged_filter(scope, first, last))) or 0
    plans = _plans_in(scope, first, last)
    rows = s.execute(
        select(
            Appointment.tz,
            func.min(Appointment.start_local),
            func.max(Appointment.start_local),
            func.min(Appointment.original_start_local),
            func.max(Appointment.original_start_local),
            func.max(Appointment.duration_min),
        )
        .where(Appointment.plan_id.in_(plans))
        .group_by(Appointment.tz)
    ).all()
    if not rows:
        return Survey(selected, (), None)
    lo = min(min(r[1].year, r[3].year) for r in rows)
    hi = max(max(r[2].year, r[4].year) for r in rows)
    latest = max(r[2] for r in rows)
    longest = max(r[5] for r in rows)
    if (latest + timedelta(minutes=longest)).year > hi:
        # a session may run past midnight into a new year: find out exactly
        edge = datetime(hi + 1, 1, 1) - timedelta(minutes=longest)
        for start, minutes in s.execute(
            select(Appointment.start_local, Appointment.duration_min).where(
                Appointment.plan_id.in_(plans), Appointment.start_local > edge
            )
        ):
            hi = max(hi, (start + timedelta(minutes=minutes)).year)
    return Survey(selected, tuple(sorted(r[0] for r in rows)), (lo, hi))


def chunks(s: Session, scope: Scope, first: date, last: date, dims: Dimensions) -> Iterator[Chunk]:
    """Every plan with a session in the scope and range, whole, a chunk of plans at a time."""
    stmt = (
        select(*_SESSION_COLUMNS)
        .where(Appointment.plan_id.in_(_plans_in(scope, first, last)))
        .order_by(Appointment.plan_id, Appointment.start_utc, Appointment.id)
    )
    # Core, not the ORM: plain tuples. A server-side cursor on PostgreSQL (stream_results),
    # fetched CURSOR_BATCH rows at a time there and on SQLite (yield_per).
    conn = s.connection()
    result = conn.execute(stmt.execution_options(stream_results=True, yield_per=CURSOR_BATCH))
    lo = datetime.combine(first, datetime.min.time())
    hi = datetime.combine(last + timedelta(days=1), datetime.min.time())
    pending: list[SessionRow] = []
    plans = 0
    current = None
    try:
        for row in result:
            values: tuple[Any, ...] = tuple(row)
            if row[2] != current:
                if plans >= PLANS_PER_CHUNK:
                    yield _chunk(conn, scope, pending, lo, hi, dims, first, last)
                    pending, plans = [], 0
                current = row[2]
                plans += 1
            pending.append(SessionRow(*values))
        if pending:
            yield _chunk(conn, scope, pending, lo, hi, dims, first, last)
    finally:
        result.close()


def _chunk(
    s: Connection,
    scope: Scope,
    rows: list[SessionRow],
    lo: datetime,
    hi: datetime,
    dims: Dimensions,
    first: date,
    last: date,
) -> Chunk:
    plan_ids = sorted({a.plan_id for a in rows})
    by_id = {a.id: a for a in rows}
    siblings: dict[int, list[SessionRow]] = {}
    for a in rows:
        siblings.setdefault(a.plan_id, []).append(a)
    plans: dict[int, PlanRow] = {}
    for ids in in_batches(plan_ids):
        for region in s.execute(
            select(
                AppointmentRegion.appointment_id, AppointmentRegion.region, AppointmentRegion.pain
            )
            .join(Appointment, Appointment.id == AppointmentRegion.appointment_id)
            .where(Appointment.plan_id.in_(ids))
            .order_by(AppointmentRegion.appointment_id, AppointmentRegion.position)
        ):
            by_id[region[0]].regions.append(TreatedRow(region[1], region[2]))
        for p in s.execute(select(*_PLAN_COLUMNS).where(Plan.id.in_(ids))):
            plans[p[0]] = PlanRow(*p)
        for target in s.execute(
            select(PlanRegion.plan_id, PlanRegion.region)
            .where(PlanRegion.plan_id.in_(ids))
            .order_by(PlanRegion.plan_id, PlanRegion.position)
        ):
            plans[target[0]].regions.append(TargetRow(target[1]))
    patients: dict[int, PatientRow] = {}
    for ids in in_batches({a.patient_id for a in rows}):
        for p in s.execute(
            select(
                Patient.id,
                Patient.name,
                Patient.chart_number,
                Patient.phone,
                Patient.notes,
                Patient.language,
            ).where(Patient.id.in_(ids))
        ):
            patients[p[0]] = PatientRow(*p)
        for f in s.execute(
            select(PatientFlag.patient_id, PatientFlag.flag)
            .where(PatientFlag.patient_id.in_(ids))
            .order_by(PatientFlag.id)
        ):
            patients[f[0]].flags.append(FlagRow(f[1]))
    selected = [a for a in rows if lo <= a.start_local < hi and in_scope(scope, a)]
    return Chunk(selected, siblings, plans, patients, *dims.tables(), first, last)
