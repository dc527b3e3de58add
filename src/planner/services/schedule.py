"""Read-only queries the front-desk window needs, as plain values (Qt-free).

The window never holds ORM objects: every function here opens one read session, asks the
database for exactly what one view shows, and returns frozen dataclasses that are safe to
hand from a worker thread to the GUI thread.

* :func:`load_range` is the week (or day) of one location: its columns (practitioners or
  rooms), each day's opening hours and closures, and every session in range with its patient,
  plan progress ("treatment 3 of 9") and target regions. Only the visible range is read: the
  location/start index bounds the scan, so the cost does not grow with the clinic's history.
* :func:`search_patients` and :func:`patient_detail` feed the side panel.
* :func:`next_free_start` is the "next free slot" fix of the new-plan dialog: the earliest
  start from which every session of the plan is free, found with the booking service's own
  preview.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.core.domain import ACTIVE_STATUSES, AppointmentStatus, Kind, Modality
from planner.core.regions import parse_region
from planner.core.timeutil import UTC_MARGIN, strict_utc, to_local, to_utc, zone
from planner.errors import InvalidTime, NotFound, PlannerError

if TYPE_CHECKING:
    from planner.core.calendars import ClinicCalendar, ClosureSpan
    from planner.db.models import Location
    from planner.db.store import Store

# SQLAlchemy, the models and the holiday calendars are imported inside the functions that use
# them: the window imports this module for its value types while it starts, and must not
# wait for the database layer to load before it can paint (see peek_range).



_KIND_LABELS = {k.value: k.label for k in Kind}

NO_ROOM = 0
"""Column key of sessions booked without a room, in the by-room layout."""


# -- values ------------------------------------------------------------------------------------

Interval = tuple[time, time]


@dataclass(frozen=True)
class Hours:
    """Weekly hours (0 = Monday) as plain intervals, in the JSON form the database keeps.

    The same data as :class:`planner.core.calendars.WeeklyHours`, without loading the public
    holiday calendars that module needs: the schedule only draws and compares hours.
    """

    days: tuple[tuple[Interval, ...], ...] = ((),) * 7

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Hours:
        days: list[tuple[Interval, ...]] = [()] * 7
        for key, intervals in (data or {}).items():
            days[int(key)] = tuple(
                (time.fromisoformat(a), time.fromisoformat(b)) for a, b in intervals
            )
        return cls(tuple(days))

    def fits(self, weekday: int, start: time, end: time) -> bool:
        """Whether ``start``-``end`` on ``weekday`` lies inside one interval."""
        return any(a <= start and end <= b for a, b in self.days[weekday])


@dataclass(frozen=True)
class LocationInfo:
    id: int
    name: str
    tz: str
    opening: Hours
    country: str | None = None
    subdivision: str | None = None
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Column:
    """One column of the schedule: a practitioner or a room at the location."""

    key: int
    name: str
    kind: str
    """``practitioner`` or ``room``."""
    detail: str = ""
    """The practitioner's profession; empty for rooms."""
    hours: Hours | None = None
    """The practitioner's weekly hours at this location (None for rooms: opening hours apply)."""
    may_needle: bool = False


@dataclass(frozen=True)
class DayInfo:
    day: date
    opening: tuple[Interval, ...]
    """The location's opening hours that day (empty: closed that weekday)."""
    closed: str | None = None
    """Why the whole day is closed: ``Public holiday: Christmas Day`` or a closure's reason."""


@dataclass(frozen=True)
class Block:
    """One session as the schedule shows it."""

    id: int
    plan_id: int
    patient_id: int
    patient_name: str
    practitioner_id: int
    room_id: int | None
    kind: str
    status: str
    start: datetime
    """Local wall-clock start (naive, in the location's zone)."""
    duration_min: int
    number: int | None
    """Place among the plan's active sessions of its kind (3 in "3/9"); None when cancelled."""
    of: int | None
    regions: tuple[str, ...]
    """The plan's target regions (codes)."""
    modality: str
    flagged: bool
    """The patient has screening flags and the plan is a needling plan."""
    revision: int = 0

    @cached_property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.duration_min)

    @property
    def progress(self) -> str:
        return f"{self.number}/{self.of}" if self.number is not None else ""

    @property
    def kind_label(self) -> str:
        return _KIND_LABELS.get(self.kind) or self.kind

    @property
    def active(self) -> bool:
        return self.status != AppointmentStatus.CANCELLED.value

    def column_key(self, by: str) -> int:
        if by == "room":
            return self.room_id if self.room_id is not None else NO_ROOM
        return self.practitioner_id


@dataclass(frozen=True)
class BusyTime:
    """Time a practitioner is busy elsewhere (imported from their own calendar)."""

    practitioner_id: int
    start: datetime
    """Local wall-clock start in the location's zone."""
    end: datetime
    summary: str = ""


@dataclass(frozen=True)
class RangeData:
    """What one view of the schedule shows: a location over consecutive days."""

    location: LocationInfo
    first: date
    days: tuple[DayInfo, ...]
    practitioners: tuple[Column, ...]
    rooms: tuple[Column, ...]
    blocks: tuple[Block, ...]
    busy: tuple[BusyTime, ...] = ()
    """Imported busy time of the location's practitioners in the range."""

    @property
    def last(self) -> date:
        return self.first + timedelta(days=len(self.days) - 1)

    def columns(self, by: str) -> tuple[Column, ...]:
        return self.rooms if by == "room" else self.practitioners

    def block(self, appointment_id: int) -> Block | None:
        for b in self.blocks:
            if b.id == appointment_id:
                return b
        return None


# -- locations ---------------------------------------------------------------------------------


def is_empty(store: Store) -> bool:
    """True when the database has no location yet (a fresh install)."""
    from sqlalchemy import func, select

    from planner.db.models import Location

    with store.read() as s:
        return not s.scalar(select(func.count()).select_from(Location))


def _location_info(loc: Location) -> LocationInfo:
    return LocationInfo(
        id=loc.id,
        name=loc.name,
        tz=loc.tz,
        opening=Hours.from_json(loc.opening_hours),
        country=loc.country,
        subdivision=loc.subdivision,
        address=loc.address,
        phone=loc.phone,
    )


def list_locations(store: Store) -> list[LocationInfo]:
    from sqlalchemy import select

    from planner.db.models import Location

    with store.read() as s:
        return [_location_info(loc) for loc in s.scalars(select(Location).order_by(Location.id))]


@dataclass(frozen=True)
class PractitionerInfo:
    id: int
    name: str
    profession: str
    may_needle: bool
    location_ids: tuple[int, ...]


@dataclass(frozen=True)
class RoomInfo:
    id: int
    name: str
    location_id: int


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    modality: str
    count: int
    description: str
    regions: tuple[str, ...]
    needling: bool


@dataclass(frozen=True)
class ClinicDirectory:
    """Everything the booking dialogs choose from: locations, practitioners, rooms, templates."""

    locations: tuple[LocationInfo, ...]
    practitioners: tuple[PractitionerInfo, ...]
    rooms: tuple[RoomInfo, ...]
    templates: tuple[TemplateInfo, ...]

    def practitioners_at(self, location_id: int) -> list[PractitionerInfo]:
        return [p for p in self.practitioners if location_id in p.location_ids]

    def rooms_at(self, location_id: int) -> list[RoomInfo]:
        return [r for r in self.rooms if r.location_id == location_id]

    def location(self, location_id: int) -> LocationInfo | None:
        return next((loc for loc in self.locations if loc.id == location_id), None)


def clinic_directory(store: Store) -> ClinicDirectory:
    from sqlalchemy import select

    from planner.db.models import Location, Practitioner, PractitionerLocation, Room
    from planner.services.clinic import list_templates

    with store.read() as s:
        locations = tuple(
            _location_info(x) for x in s.scalars(select(Location).order_by(Location.id))
        )
        work: dict[int, list[int]] = {}
        for pid, lid in s.execute(
            select(PractitionerLocation.practitioner_id, PractitionerLocation.location_id)
        ):
            work.setdefault(pid, []).append(lid)
        practitioners = tuple(
            PractitionerInfo(
                p.id, p.name, p.profession, p.may_needle, tuple(sorted(work.get(p.id, [])))
            )
            for p in s.scalars(select(Practitioner).order_by(Practitioner.name, Practitioner.id))
        )
        rooms = tuple(
            RoomInfo(r.id, r.name, r.location_id)
            for r in s.scalars(select(Room).order_by(Room.location_id, Room.id))
        )
        templates = tuple(
            TemplateInfo(
                t.name,
                t.modality.value,
                t.count,
                t.description,
                tuple(t.regions),
                t.modality.needling,
            )
            for t in list_templates(s)
        )
    return ClinicDirectory(locations, practitioners, rooms, templates)


# -- the schedule of a range of days ---------------------------------------------------------


def _closures(s, location_id: int, first: date, last: date) -> list[ClosureSpan]:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from planner.core.calendars import ClosureSpan
    from planner.db.models import Closure

    rows = s.execute(
        select(Closure.first_day, Closure.last_day, Closure.reason).where(
            Closure.location_id == location_id,
            Closure.first_day <= last,
            Closure.last_day >= first,
        )
    ).all()
    return [ClosureSpan(a, b, r) for a, b, r in rows]


def day_infos(
    location: LocationInfo, first: date, days: int, closures: Sequence[ClosureSpan]
) -> tuple[DayInfo, ...]:
    from planner.core.calendars import ClinicCalendar

    cal = ClinicCalendar(
        tz=zone(location.tz),
        opening=location.opening,
        country=location.country,
        subdivision=location.subdivision,
        closures=closures,
        location_name=location.name,
    )
    out = []
    for i in range(days):
        d = first + timedelta(days=i)
        closed: str | None = None
        holiday = cal.holiday_name(d)
        if holiday:
            closed = f"Public holiday: {holiday}"
        else:
            for c in closures:
                if c.first <= d <= c.last:
                    closed = f"Closed: {c.reason}" if c.reason else "Closed"
                    break
        out.append(DayInfo(d, location.opening.days[d.weekday()], closed))
    return tuple(out)


def load_range(
    store: Store,
    location_id: int,
    first: date,
    days: int = 7,
    *,
    include_cancelled: bool = False,
) -> RangeData:
    """The schedule of one location from ``first`` over ``days`` local days.

    One indexed range query for the sessions (location, start), one for the plans' sibling
    sessions (to number them "3/9"), one each for regions, flags and the columns.
    """
    from sqlalchemy import select

    from planner.db.models import (
        Appointment,
        BlockedTime,
        Location,
        Patient,
        PatientFlag,
        Plan,
        PlanRegion,
        Practitioner,
        PractitionerLocation,
        Room,
    )

    if days < 1:
        raise ValueError("days must be at least 1")
    last = first + timedelta(days=days - 1)
    with store.read() as s:
        loc = s.get(Location, location_id)
        if loc is None:
            raise NotFound(f"no location with id {location_id}; choose another location")
        location = _location_info(loc)
        lo = datetime.combine(first, time()) - UTC_MARGIN
        hi = datetime.combine(last + timedelta(days=1), time()) + UTC_MARGIN
        stmt = (
            select(
                Appointment.id,
                Appointment.plan_id,
                Appointment.patient_id,
                Patient.name,
                Appointment.practitioner_id,
                Appointment.room_id,
                Appointment.kind,
                Appointment.status,
                Appointment.start_local,
                Appointment.duration_min,
                Appointment.revision,
                Plan.modality,
            )
            .join(Patient, Patient.id == Appointment.patient_id)
            .join(Plan, Plan.id == Appointment.plan_id)
            .where(
                Appointment.location_id == location_id,
                Appointment.start_utc >= lo,
                Appointment.start_utc < hi,
            )
            .order_by(Appointment.start_utc, Appointment.id)
        )
        if not include_cancelled:
            stmt = stmt.where(Appointment.status != AppointmentStatus.CANCELLED.value)
        lo_local = datetime.combine(first, time())
        hi_local = datetime.combine(last + timedelta(days=1), time())
        rows = [r for r in s.execute(stmt).all() if lo_local <= r.start_local < hi_local]

        plan_ids = sorted({r.plan_id for r in rows})
        numbering: dict[int, tuple[int, int]] = {}
        regions: dict[int, list[str]] = {}
        flagged: set[int] = set()
        if plan_ids:
            active = [st.value for st in ACTIVE_STATUSES]
            siblings: dict[tuple[int, str], list[tuple[datetime, int]]] = {}
            for chunk in _chunks(plan_ids):
                for aid, pid, kind, start in s.execute(
                    select(
                        Appointment.id, Appointment.plan_id, Appointment.kind, Appointment.start_utc
                    ).where(Appointment.plan_id.in_(chunk), Appointment.status.in_(active))
                ):
                    siblings.setdefault((pid, kind), []).append((start, aid))
                for pid, region in s.execute(
                    select(PlanRegion.plan_id, PlanRegion.region)
                    .where(PlanRegion.plan_id.in_(chunk))
                    .order_by(PlanRegion.plan_id, PlanRegion.position)
                ):
                    regions.setdefault(pid, []).append(region)
            for group in siblings.values():
                group.sort()
                for i, (_start, aid) in enumerate(group, start=1):
                    numbering[aid] = (i, len(group))
            patient_ids = sorted({r.patient_id for r in rows})
            for chunk in _chunks(patient_ids):
                flagged.update(
                    s.scalars(
                        select(PatientFlag.patient_id)
                        .where(PatientFlag.patient_id.in_(chunk))
                        .distinct()
                    )
                )

        blocks = tuple(
            Block(
                id=r.id,
                plan_id=r.plan_id,
                patient_id=r.patient_id,
                patient_name=r.name,
                practitioner_id=r.practitioner_id,
                room_id=r.room_id,
                kind=r.kind,
                status=r.status,
                start=r.start_local,
                duration_min=r.duration_min,
                number=numbering.get(r.id, (None, None))[0],
                of=numbering.get(r.id, (None, None))[1],
                regions=tuple(regions.get(r.plan_id, ())),
                modality=r.modality,
                flagged=r.patient_id in flagged and _needling(r.modality),
                revision=r.revision,
            )
            for r in rows
        )

        practitioners = [
            Column(
                key=p.id,
                name=p.name,
                kind="practitioner",
                detail=p.profession.replace("-", " "),
                hours=Hours.from_json(hours),
                may_needle=p.may_needle,
            )
            for p, hours in s.execute(
                select(Practitioner, PractitionerLocation.hours)
                .join(PractitionerLocation, PractitionerLocation.practitioner_id == Practitioner.id)
                .where(PractitionerLocation.location_id == location_id)
                .order_by(Practitioner.name, Practitioner.id)
            )
        ]
        known = {c.key for c in practitioners}
        strays = sorted({b.practitioner_id for b in blocks} - known)
        if strays:  # sessions of someone who no longer works here still need a column
            for p in s.scalars(select(Practitioner).where(Practitioner.id.in_(strays))):
                practitioners.append(
                    Column(
                        p.id,
                        p.name,
                        "practitioner",
                        p.profession.replace("-", " "),
                        Hours(),
                        p.may_needle,
                    )
                )
        rooms = [
            Column(key=r.id, name=r.name, kind="room")
            for r in s.scalars(
                select(Room).where(Room.location_id == location_id).order_by(Room.id)
            )
        ]
        if any(b.room_id is None for b in blocks):
            rooms.append(Column(key=NO_ROOM, name="No room", kind="room"))
        closures = _closures(s, location_id, first, last)
        busy: list[BusyTime] = []
        pids = [c.key for c in practitioners]
        if pids:
            tz = zone(location.tz)
            from planner.core.timeutil import to_local

            for pid, start_utc, end_utc, summary in s.execute(
                select(
                    BlockedTime.practitioner_id,
                    BlockedTime.start_utc,
                    BlockedTime.end_utc,
                    BlockedTime.summary,
                )
                .where(
                    BlockedTime.practitioner_id.in_(pids),
                    BlockedTime.start_utc >= lo - _BUSY_PAD,
                    BlockedTime.start_utc < hi,
                    BlockedTime.end_utc > lo,
                )
                .order_by(BlockedTime.start_utc, BlockedTime.id)
            ):
                b = _busy(
                    pid, to_local(start_utc, tz), to_local(end_utc, tz), summary, lo_local, hi_local
                )
                if b is not None:
                    busy.append(b)
    return RangeData(
        location=location,
        first=first,
        days=day_infos(location, first, days, closures),
        practitioners=tuple(practitioners),
        rooms=tuple(rooms),
        blocks=blocks,
        busy=tuple(busy),
    )


_BUSY_PAD = timedelta(days=1)
"""Longest blocked-time piece (the importer splits longer busy time into day-long pieces)."""


def _busy(
    pid: int, start: datetime, end: datetime, summary: str, lo: datetime, hi: datetime
) -> BusyTime | None:
    """Clip imported busy time to the range shown (None when it falls outside)."""
    start, end = max(start, lo), min(end, hi)
    if end <= start:
        return None
    return BusyTime(pid, start, end, summary or "")


def _needling(modality: str) -> bool:
    try:
        return Modality(modality).needling
    except ValueError:
        return False


def _chunks(ids: Sequence[int], size: int = 500) -> list[Sequence[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


# -- patients ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PatientRow:
    id: int
    name: str
    phone: str
    date_of_birth: date | None
    chart_number: str | None
    flags: tuple[str, ...]


def search_patients(store: Store, text: str, limit: int = 50) -> list[PatientRow]:
    """Patients whose name, chart number or phone digits contain ``text``, by name."""
    from sqlalchemy import func, or_, select

    from planner.db.models import Patient, PatientFlag

    q = " ".join(text.split())
    with store.read() as s:
        stmt = select(
            Patient.id, Patient.name, Patient.phone, Patient.date_of_birth, Patient.chart_number
        )
        if q:
            like = f"%{q.lower()}%"
            conds = [
                func.lower(Patient.name).like(like),
                func.lower(Patient.chart_number).like(like),
            ]
            digits = re.sub(r"\D", "", q)
            if digits and len(digits) >= 2:
                conds.append(func.replace(Patient.phone, " ", "").like(f"%{digits}%"))
            stmt = stmt.where(or_(*conds))
        rows = s.execute(stmt.order_by(Patient.name, Patient.id).limit(limit)).all()
        flags: dict[int, list[str]] = {}
        if rows:
            for pid, flag in s.execute(
                select(PatientFlag.patient_id, PatientFlag.flag)
                .where(PatientFlag.patient_id.in_([r.id for r in rows]))
                .order_by(PatientFlag.id)
            ):
                flags.setdefault(pid, []).append(flag)
    return [
        PatientRow(
            r.id, r.name, r.phone, r.date_of_birth, r.chart_number, tuple(flags.get(r.id, ()))
        )
        for r in rows
    ]


@dataclass(frozen=True)
class PlanRow:
    id: int
    title: str
    """Template name, or the modality for a custom plan."""
    modality: str
    status: str
    practitioner: str
    location: str
    location_id: int
    start: datetime
    regions: tuple[str, ...]
    done: int
    """Sessions attended."""
    total: int
    """Sessions that are not cancelled."""


@dataclass(frozen=True)
class SessionRow:
    id: int
    plan_id: int
    kind: str
    number: int | None
    of: int | None
    status: str
    start: datetime
    duration_min: int
    practitioner: str
    location: str
    location_id: int
    treated: tuple[tuple[str, int | None], ...] = ()

    @property
    def label(self) -> str:
        k = Kind(self.kind).label
        return f"{k} {self.number}/{self.of}" if self.number is not None else k


@dataclass(frozen=True)
class PatientDetail:
    patient: PatientRow
    email: str
    notes: str
    plans: tuple[PlanRow, ...]
    sessions: tuple[SessionRow, ...]


def patient_detail(store: Store, patient_id: int) -> PatientDetail:
    """A patient with their flags, plans (with progress) and every session, in time order."""
    from sqlalchemy import select

    from planner.db.models import (
        Appointment,
        AppointmentRegion,
        Location,
        Patient,
        Plan,
        PlanRegion,
        Practitioner,
    )

    with store.read() as s:
        p = s.get(Patient, patient_id)
        if p is None:
            raise NotFound(f"no patient with id {patient_id}; search for the patient again")
        row = PatientRow(
            p.id, p.name, p.phone, p.date_of_birth, p.chart_number, tuple(f.flag for f in p.flags)
        )
        names = dict(s.execute(select(Practitioner.id, Practitioner.name)).all())
        places = dict(s.execute(select(Location.id, Location.name)).all())
        plans = list(
            s.scalars(select(Plan).where(Plan.patient_id == patient_id).order_by(Plan.start_local))
        )
        regions: dict[int, list[str]] = {}
        for pid, region in s.execute(
            select(PlanRegion.plan_id, PlanRegion.region)
            .join(Plan, Plan.id == PlanRegion.plan_id)
            .where(Plan.patient_id == patient_id)
            .order_by(PlanRegion.plan_id, PlanRegion.position)
        ):
            regions.setdefault(pid, []).append(region)
        appts = list(
            s.execute(
                select(
                    Appointment.id,
                    Appointment.plan_id,
                    Appointment.kind,
                    Appointment.status,
                    Appointment.start_local,
                    Appointment.start_utc,
                    Appointment.duration_min,
                    Appointment.practitioner_id,
                    Appointment.location_id,
                )
                .where(Appointment.patient_id == patient_id)
                .order_by(Appointment.start_utc, Appointment.id)
            ).all()
        )
        treated: dict[int, list[tuple[str, int | None]]] = {}
        if appts:
            for aid, region, pain in s.execute(
                select(
                    AppointmentRegion.appointment_id,
                    AppointmentRegion.region,
                    AppointmentRegion.pain,
                )
                .join(Appointment, Appointment.id == AppointmentRegion.appointment_id)
                .where(Appointment.patient_id == patient_id)
                .order_by(AppointmentRegion.appointment_id, AppointmentRegion.position)
            ):
                treated.setdefault(aid, []).append((region, pain))
        groups: dict[tuple[int, str], list[int]] = {}
        for a in appts:
            if a.status != AppointmentStatus.CANCELLED.value:
                groups.setdefault((a.plan_id, a.kind), []).append(a.id)
        numbering = {aid: (i, len(g)) for g in groups.values() for i, aid in enumerate(g, start=1)}
        sessions = tuple(
            SessionRow(
                id=a.id,
                plan_id=a.plan_id,
                kind=a.kind,
                number=numbering.get(a.id, (None, None))[0],
                of=numbering.get(a.id, (None, None))[1],
                status=a.status,
                start=a.start_local,
                duration_min=a.duration_min,
                practitioner=names.get(a.practitioner_id, "?"),
                location=places.get(a.location_id, "?"),
                location_id=a.location_id,
                treated=tuple(treated.get(a.id, ())),
            )
            for a in appts
        )
        plan_rows = tuple(
            PlanRow(
                id=pl.id,
                title=pl.template_name or Modality(pl.modality).label,
                modality=pl.modality,
                status=pl.status,
                practitioner=names.get(pl.practitioner_id, "?"),
                location=places.get(pl.location_id, "?"),
                location_id=pl.location_id,
                start=pl.start_local,
                regions=tuple(regions.get(pl.id, ())),
                done=sum(1 for x in sessions if x.plan_id == pl.id and x.status == "attended"),
                total=sum(1 for x in sessions if x.plan_id == pl.id and x.status != "cancelled"),
            )
            for pl in plans
        )
        return PatientDetail(row, p.email, p.notes, plan_rows, sessions)


# -- one session, for the dialogs that act on it ----------------------------------------------


@dataclass(frozen=True)
class SessionInfo:
    id: int
    plan_id: int
    patient_id: int
    patient_name: str
    practitioner_id: int
    practitioner_name: str
    location_id: int
    room_id: int | None
    kind: str
    status: str
    start: datetime
    duration_min: int
    tz: str
    number: int | None
    of: int | None
    plan_title: str
    plan_regions: tuple[str, ...]
    later_booked: int
    """Booked sessions of the same plan after this one (moved too by "this and following")."""
    treated: tuple[tuple[str, int | None], ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        k = Kind(self.kind).label
        return f"{k} {self.number}/{self.of}" if self.number is not None else k


def session_info(store: Store, appointment_id: int) -> SessionInfo:
    from sqlalchemy import func, select

    from planner.db.models import Appointment, Practitioner

    with store.read() as s:
        a = s.get(Appointment, appointment_id)
        if a is None:
            raise NotFound(
                f"no session with id {appointment_id}; it may have been removed, refresh the view"
            )
        plan = a.plan
        active = [st.value for st in ACTIVE_STATUSES]
        group = list(
            s.scalars(
                select(Appointment.id)
                .where(
                    Appointment.plan_id == a.plan_id,
                    Appointment.kind == a.kind,
                    Appointment.status.in_(active),
                )
                .order_by(Appointment.start_utc)
            )
        )
        number = group.index(a.id) + 1 if a.id in group else None
        later = s.scalar(
            select(func.count())
            .select_from(Appointment)
            .where(
                Appointment.plan_id == a.plan_id,
                Appointment.start_utc > a.start_utc,
                Appointment.status == AppointmentStatus.BOOKED.value,
            )
        )
        prac = s.get(Practitioner, a.practitioner_id)
        return SessionInfo(
            id=a.id,
            plan_id=a.plan_id,
            patient_id=a.patient_id,
            patient_name=plan.patient.name,
            practitioner_id=a.practitioner_id,
            practitioner_name=prac.name if prac else "?",
            location_id=a.location_id,
            room_id=a.room_id,
            kind=a.kind,
            status=a.status,
            start=a.start_local,
            duration_min=a.duration_min,
            tz=a.tz,
            number=number,
            of=len(group) if number else None,
            plan_title=plan.template_name or Modality(plan.modality).label,
            plan_regions=tuple(r.region for r in plan.regions),
            later_booked=int(later or 0),
            treated=tuple((r.region, r.pain) for r in a.regions),
        )


def later_booked_ids(store: Store, appointment_id: int) -> list[int]:
    """Booked sessions of the same plan after this one: what "this and following" moves."""
    from sqlalchemy import select

    from planner.db.models import Appointment

    with store.read() as s:
        a = s.get(Appointment, appointment_id)
        if a is None:
            raise NotFound(
                f"no session with id {appointment_id}; it may have been removed, refresh the view"
            )
        return list(
            s.scalars(
                select(Appointment.id)
                .where(
                    Appointment.plan_id == a.plan_id,
                    Appointment.start_utc > a.start_utc,
                    Appointment.status == AppointmentStatus.BOOKED.value,
                )
                .order_by(Appointment.start_utc)
            )
        )


# -- the "next free slot" fix of the new-plan dialog -----------------------------------------


def next_free_start(
    store: Store,
    request,  # type: ignore[no-untyped-def]  # planner.services.booking.PlanRequest
    *,
    days: int = 28,
    step_min: int = 15,
    cancelled: Callable[[], bool] | None = None,
) -> datetime | None:
    """The earliest start, from the request's own, at which every session of the plan fits.

    Candidates run day by day from the requested day: first the requested time of day, then
    the other quarter hours of the practitioner's working hours. A candidate whose first
    session is outside hours or taken is skipped cheaply; the rest go through the booking
    service's preview, so the answer is exactly what :func:`booking.book` will accept.
    Returns the local wall-clock start, or None when nothing fits within ``days``.
    """
    from planner.services import booking

    base = booking.preview(store, request)
    tz = zone(base.context.spec.tz)
    cal = base.context.calendar
    first_len = base.context.spec.phases[0].duration_min
    start = base.context.spec.start
    step = timedelta(minutes=step_min)
    for d in range(days):
        day = start.date() + timedelta(days=d)
        if cal.closed_reason(day) is not None:
            continue
        times = _day_candidates(cal, day, start.time(), first_len, step)
        for local in times:
            if cancelled is not None and cancelled():
                return None
            if d == 0 and local < start:
                continue
            try:
                strict_utc(local, tz)
            except InvalidTime:
                continue
            req = replace(request, start=local)
            try:
                pv = booking.preview(store, req)
            except PlannerError:
                continue
            if pv.proposal.bookable:
                return local
    return None


def _day_candidates(
    cal: ClinicCalendar, day: date, preferred: time, minutes: int, step: timedelta
) -> list[datetime]:
    wd = day.weekday()
    hours = cal.working or cal.opening
    out: list[datetime] = []
    for a, b in hours.days[wd]:
        t = datetime.combine(day, a)
        # round up to the step
        rem = t.minute % (step.seconds // 60)
        if rem:
            t += timedelta(minutes=step.seconds // 60 - rem)
        while (t + timedelta(minutes=minutes)).time() <= b and (
            t + timedelta(minutes=minutes)
        ).date() == day:
            if cal.hours_reason(t, t + timedelta(minutes=minutes)) is None:
                out.append(t)
            t += step
    pref = datetime.combine(day, preferred)
    out.sort(key=lambda x: (x != pref, x))
    return out


def utc_range_of_days(tz: str, first: date, days: int) -> tuple[datetime, datetime]:
    """The UTC instants bounding local days ``first`` .. ``first + days`` in zone ``tz``."""
    z = zone(tz)
    return (
        to_utc(datetime.combine(first, time()), z),
        to_utc(datetime.combine(first + timedelta(days=days), time()), z),
    )


def region_label(code: str) -> str:
    try:
        return parse_region(code).label
    except PlannerError:
        return code


# -- a first look at the week, before the database layer has loaded --------------------------


def sqlite_file_of(db: str | None, default: Path | None = None) -> Path | None:
    """The SQLite file a ``--db`` value names, or None (PostgreSQL, in memory, unknown).

    Mirrors :func:`planner.db.store.resolve_url` for the SQLite cases without importing
    SQLAlchemy; only :func:`peek_range` uses it, and the full load that follows it goes
    through the real store, so a disagreement costs a moment, never correctness.
    """
    if not db:
        return default
    if db == ":memory:":
        return None
    if "://" in db:
        prefix = "sqlite:///"
        return Path(db[len(prefix) :]) if db.startswith(prefix) and len(db) > len(prefix) else None
    return Path(db).expanduser().resolve()


def peek_range(
    path: Path,
    location_id: int | None,
    days: int,
    now_utc: datetime,
) -> RangeData | None:
    """The current week (or day) of a SQLite database, read with the standard library only.

    The window paints this while SQLAlchemy, the migrations check and the holiday calendars
    load behind it; :func:`load_range` replaces it a moment later. It is the same data as
    ``load_range(...)`` (a test holds them equal) except that public holidays are not named
    yet. Read-only; returns None when the file is missing, empty, locked or not readable as a
    planner database, and the normal start-up takes over.
    """
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
    except sqlite3.Error:
        return None
    try:
        return _peek(con, location_id, days, now_utc)
    except (sqlite3.Error, ValueError, KeyError, TypeError, PlannerError):
        return None
    finally:
        con.close()


def _ts(dt: datetime) -> str:
    """A naive instant as SQLAlchemy stores DateTime in SQLite (sortable text)."""
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")


def _peek(
    con: sqlite3.Connection, location_id: int | None, days: int, now_utc: datetime
) -> RangeData | None:
    cols = "id, name, tz, country, subdivision, opening_hours, address, phone"
    row = None
    if location_id is not None:
        row = con.execute(f"SELECT {cols} FROM locations WHERE id = ?", (location_id,)).fetchone()
    if row is None:
        row = con.execute(f"SELECT {cols} FROM locations ORDER BY id LIMIT 1").fetchone()
    if row is None:
        return None
    loc = LocationInfo(
        id=row[0],
        name=row[1],
        tz=row[2],
        opening=Hours.from_json(json.loads(row[5] or "{}")),
        country=row[3],
        subdivision=row[4],
        address=row[6] or "",
        phone=row[7] or "",
    )
    today = to_local(now_utc, zone(loc.tz)).date()
    first = today - timedelta(days=today.weekday()) if days == 7 else today
    last = first + timedelta(days=days - 1)
    lo = datetime.combine(first, time()) - UTC_MARGIN
    hi = datetime.combine(last + timedelta(days=1), time()) + UTC_MARGIN
    lo_local, hi_local = (
        datetime.combine(first, time()),
        datetime.combine(last + timedelta(days=1), time()),
    )
    rows = []
    for r in con.execute(
        "SELECT a.id, a.plan_id, a.patient_id, p.name, a.practitioner_id, a.room_id,"
        " a.kind, a.status,"
        " a.start_local, a.duration_min, a.revision, pl.modality"
        " FROM appointments a JOIN patients p ON p.id = a.patient_id"
        " JOIN plans pl ON pl.id = a.plan_id"
        " WHERE a.location_id = ? AND a.start_utc >= ? AND a.start_utc < ? AND a.status != ?"
        " ORDER BY a.start_utc, a.id",
        (loc.id, _ts(lo), _ts(hi), AppointmentStatus.CANCELLED.value),
    ):
        start = datetime.fromisoformat(r[8])
        if lo_local <= start < hi_local:
            rows.append((*r[:8], start, *r[9:]))
    plan_ids = sorted({r[1] for r in rows})
    numbering: dict[int, tuple[int, int]] = {}
    regions: dict[int, list[str]] = {}
    flagged: set[int] = set()
    active = [st.value for st in ACTIVE_STATUSES]
    shown = (loc.id, _ts(lo), _ts(hi))
    for chunk in _chunks(plan_ids):
        marks = ",".join("?" * len(chunk))
        # "n of N" counted by SQLite (window functions; SQLite >= 3.25): only the shown
        # sessions come back, not every session of their plans, so this thread holds the
        # interpreter lock for less of the window's start-up.
        numbering.update(
            (aid, (n, total))
            for aid, n, total in con.execute(
                "SELECT id, n, total FROM (SELECT id, location_id, start_utc,"
                " ROW_NUMBER() OVER (PARTITION BY plan_id, kind ORDER BY start_utc, id) AS n,"
                " COUNT(*) OVER (PARTITION BY plan_id, kind) AS total"
                f" FROM appointments WHERE plan_id IN ({marks})"
                f" AND status IN ({','.join('?' * len(active))}))"
                " WHERE location_id = ? AND start_utc >= ? AND start_utc < ?",
                (*chunk, *active, *shown),
            )
        )
        for pid, region in con.execute(
            f"SELECT plan_id, region FROM plan_regions WHERE plan_id IN ({marks})"
            " ORDER BY plan_id, position",
            tuple(chunk),
        ):
            regions.setdefault(pid, []).append(region)
    patient_ids = sorted({r[2] for r in rows})
    for chunk in _chunks(patient_ids):
        marks = ",".join("?" * len(chunk))
        flagged.update(
            pid
            for (pid,) in con.execute(
                f"SELECT DISTINCT patient_id FROM patient_flags WHERE patient_id IN ({marks})",
                tuple(chunk),
            )
        )
    blocks = tuple(
        Block(
            id=r[0],
            plan_id=r[1],
            patient_id=r[2],
            patient_name=r[3],
            practitioner_id=r[4],
            room_id=r[5],
            kind=r[6],
            status=r[7],
            start=r[8],
            duration_min=r[9],
            number=numbering.get(r[0], (None, None))[0],
            of=numbering.get(r[0], (None, None))[1],
            regions=tuple(regions.get(r[1], ())),
            modality=r[11],
            flagged=r[2] in flagged and _needling(r[11]),
            revision=r[10],
        )
        for r in rows
    )
    practitioners = [
        Column(
            pid,
            name,
            "practitioner",
            prof.replace("-", " "),
            Hours.from_json(json.loads(hours or "{}")),
            bool(needle),
        )
        for pid, name, prof, needle, hours in con.execute(
            "SELECT p.id, p.name, p.profession, p.may_needle, w.hours FROM practitioners p"
            " JOIN practitioner_locations w ON w.practitioner_id = p.id WHERE w.location_id = ?"
            " ORDER BY p.name, p.id",
            (loc.id,),
        )
    ]
    strays = sorted({b.practitioner_id for b in blocks} - {c.key for c in practitioners})
    if strays:
        marks = ",".join("?" * len(strays))
        for pid, name, prof, needle in con.execute(
            f"SELECT id, name, profession, may_needle FROM practitioners WHERE id IN ({marks})",
            tuple(strays),
        ):
            practitioners.append(
                Column(pid, name, "practitioner", prof.replace("-", " "), Hours(), bool(needle))
            )
    rooms = [
        Column(key=rid, name=name, kind="room")
        for rid, name in con.execute(
            "SELECT id, name FROM rooms WHERE location_id = ? ORDER BY id", (loc.id,)
        )
    ]
    if any(b.room_id is None for b in blocks):
        rooms.append(Column(key=NO_ROOM, name="No room", kind="room"))
    closures = [
        (date.fromisoformat(a), date.fromisoformat(b), reason or "")
        for a, b, reason in con.execute(
            "SELECT first_day, last_day, reason FROM closures"
            " WHERE location_id = ? AND first_day <= ? AND last_day >= ?",
            (loc.id, last.isoformat(), first.isoformat()),
        )
    ]
    busy: list[BusyTime] = []
    pids = [c.key for c in practitioners]
    if pids:

        tz = zone(loc.tz)
        marks = ",".join("?" * len(pids))
        try:
            found = con.execute(
                f"SELECT practitioner_id, start_utc, end_utc, summary FROM blocked_times"
                f" WHERE practitioner_id IN ({marks})"
                " AND start_utc >= ? AND start_utc < ? AND end_utc > ?"
                " ORDER BY start_utc, id",
                (*pids, _ts(lo - _BUSY_PAD), _ts(hi), _ts(lo)),
            ).fetchall()
        except sqlite3.OperationalError:  # a database from before calendar imports
            found = []
        for pid, a, b, summary in found:
            piece = _busy(
                pid,
                to_local(datetime.fromisoformat(a), tz),
                to_local(datetime.fromisoformat(b), tz),
                summary,
                lo_local,
                hi_local,
            )
            if piece is not None:
                busy.append(piece)
    day_list = []
    for i in range(days):
        d = first + timedelta(days=i)
        closed = next(
            (
                (f"Closed: {reason}" if reason else "Closed")
                for a, b, reason in closures
                if a <= d <= b
            ),
            None,
        )
        day_list.append(DayInfo(d, loc.opening.days[d.weekday()], closed))
    return RangeData(
        loc, first, tuple(day_list), tuple(practitioners), tuple(rooms), blocks, tuple(busy)
    )
