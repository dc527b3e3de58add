"""The week (or day) of one location, and the clinic directory the booking dialogs use.

:func:`load_range` returns a location's columns (practitioners or rooms), each day's opening
hours and closures, every session in range with its patient, plan progress ("treatment 3 of
9") and target regions, and the practitioners' imported busy time. Only the visible range is
read: the location/start index bounds the scan, so the cost does not grow with the clinic's
history. :mod:`.first_look` reads the same with sqlite3 alone, before this module's database
layer has loaded.

SQLAlchemy, the models and the holiday calendars are imported inside the functions that use
them: the window imports this module while it starts, and must not wait for the database
layer to load before it can paint.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from planner.core.domain import ACTIVE_STATUSES, AppointmentStatus
from planner.core.timeutil import to_local, zone
from planner.errors import NotFound
from planner.services.batches import in_batches
from planner.services.schedule.rows import (
    BUSY_PAD,
    Numbering,
    Span,
    block_of,
    clip_busy,
    day_list,
    number_groups,
    practitioner_column,
    strays,
    with_no_room,
)
from planner.services.schedule.values import (
    Block,
    BusyTime,
    ClinicDirectory,
    Column,
    DayInfo,
    Hours,
    LocationInfo,
    PractitionerInfo,
    RangeData,
    RoomInfo,
    TemplateInfo,
)

if TYPE_CHECKING:
    from sqlalchemy import Row
    from sqlalchemy.orm import Session

    from planner.core.calendars import ClosureSpan
    from planner.db.models import Location
    from planner.db.store import Store


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


def clinic_directory(store: Store) -> ClinicDirectory:
    """Every location, practitioner (with where they work), room and plan template."""
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


def day_infos(
    location: LocationInfo, first: date, days: int, closures: Sequence[ClosureSpan]
) -> tuple[DayInfo, ...]:
    """Each day's opening hours, and why it is closed: a public holiday, then a closure."""
    from planner.core.calendars import ClinicCalendar

    holidays = ClinicCalendar(
        tz=zone(location.tz), country=location.country, subdivision=location.subdivision
    )
    return day_list(
        location.opening,
        Span.of(first, days),
        [(c.first, c.last, c.reason) for c in closures],
        holidays.holiday,
    )


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
    from planner.db.models import Location

    if days < 1:
        raise ValueError("days must be at least 1")
    span = Span.of(first, days)
    with store.read() as s:
        loc = s.get(Location, location_id)
        if loc is None:
            raise NotFound(f"no location with id {location_id}; choose another location")
        location = _location_info(loc)
        rows = _sessions(s, location_id, span, include_cancelled)
        numbering, regions = plan_facts(s, sorted({r.plan_id for r in rows}))
        flagged = _flagged(s, [r.patient_id for r in rows])
        blocks = tuple(block_of(r, numbering, regions, flagged) for r in rows)
        practitioners = _practitioner_columns(s, location_id, blocks)
        rooms = _room_columns(s, location_id, blocks)
        closures = _closures(s, location_id, span)
        busy = _busy_times(s, [c.key for c in practitioners], location.tz, span)
    return RangeData(
        location=location,
        first=first,
        days=day_infos(location, first, days, closures),
        practitioners=tuple(practitioners),
        rooms=tuple(rooms),
        blocks=blocks,
        busy=tuple(busy),
    )


def _sessions(
    s: Session, location_id: int, span: Span, include_cancelled: bool
) -> list[Row[*tuple[Any, ...]]]:
    """The location's sessions starting on the days shown, in the order :func:`block_of` reads."""
    from sqlalchemy import select

    from planner.db.models import Appointment, Patient, Plan

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
            Appointment.cancel_reason,
        )
        .join(Patient, Patient.id == Appointment.patient_id)
        .join(Plan, Plan.id == Appointment.plan_id)
        .where(
            Appointment.location_id == location_id,
            Appointment.start_utc >= span.lo,
            Appointment.start_utc < span.hi,
        )
        .order_by(Appointment.start_utc, Appointment.id)
    )
    if not include_cancelled:
        stmt = stmt.where(Appointment.status != AppointmentStatus.CANCELLED.value)
    return [r for r in s.execute(stmt).all() if span.shows(r.start_local)]


def plan_facts(s: Session, plan_ids: list[int]) -> tuple[Numbering, dict[int, list[str]]]:
    """The plans' numbering of their active sessions, and their target regions (the week and
    the day list number and describe sessions alike)."""
    from sqlalchemy import select

    from planner.db.models import Appointment, PlanRegion

    active = [st.value for st in ACTIVE_STATUSES]
    siblings: list[tuple[int, str, datetime, int]] = []
    regions: dict[int, list[str]] = {}
    for batch in in_batches(plan_ids):
        siblings.extend(
            (pid, kind, start, aid)
            for aid, pid, kind, start in s.execute(
                select(
                    Appointment.id, Appointment.plan_id, Appointment.kind, Appointment.start_utc
                ).where(Appointment.plan_id.in_(batch), Appointment.status.in_(active))
            )
        )
        for pid, region in s.execute(
            select(PlanRegion.plan_id, PlanRegion.region)
            .where(PlanRegion.plan_id.in_(batch))
            .order_by(PlanRegion.plan_id, PlanRegion.position)
        ):
            regions.setdefault(pid, []).append(region)
    return number_groups(siblings), regions


def _flagged(s: Session, patient_ids: list[int]) -> set[int]:
    """The patients among ``patient_ids`` with screening flags."""
    from sqlalchemy import select

    from planner.db.models import PatientFlag

    flagged: set[int] = set()
    for batch in in_batches(patient_ids):
        flagged.update(
            s.scalars(
                select(PatientFlag.patient_id).where(PatientFlag.patient_id.in_(batch)).distinct()
            )
        )
    return flagged


def _practitioner_columns(s: Session, location_id: int, blocks: Sequence[Block]) -> list[Column]:
    """The location's practitioners, then anyone with sessions shown who no longer works here."""
    from sqlalchemy import select

    from planner.db.models import Practitioner, PractitionerLocation

    columns = [
        practitioner_column(p.id, p.name, p.profession, p.may_needle, Hours.from_json(hours))
        for p, hours in s.execute(
            select(Practitioner, PractitionerLocation.hours)
            .join(PractitionerLocation, PractitionerLocation.practitioner_id == Practitioner.id)
            .where(PractitionerLocation.location_id == location_id)
            .order_by(Practitioner.name, Practitioner.id)
        )
    ]
    missing = strays(blocks, columns)
    if missing:
        columns.extend(
            practitioner_column(p.id, p.name, p.profession, p.may_needle, Hours())
            for p in s.scalars(select(Practitioner).where(Practitioner.id.in_(missing)))
        )
    return columns


def _room_columns(s: Session, location_id: int, blocks: Sequence[Block]) -> list[Column]:
    from sqlalchemy import select

    from planner.db.models import Room

    rooms = [
        Column(key=r.id, name=r.name, kind="room")
        for r in s.scalars(select(Room).where(Room.location_id == location_id).order_by(Room.id))
    ]
    return with_no_room(rooms, blocks)


def _closures(s: Session, location_id: int, span: Span) -> list[ClosureSpan]:
    from sqlalchemy import select

    from planner.core.calendars import ClosureSpan
    from planner.db.models import Closure

    rows = s.execute(
        select(Closure.first_day, Closure.last_day, Closure.reason).where(
            Closure.location_id == location_id,
            Closure.first_day <= span.last,
            Closure.last_day >= span.first,
        )
    ).all()
    return [ClosureSpan(a, b, r) for a, b, r in rows]


def _busy_times(s: Session, pids: list[int], tz_name: str, span: Span) -> list[BusyTime]:
    """The practitioners' imported busy time on the days shown, clipped to them."""
    from sqlalchemy import select

    from planner.db.models import BlockedTime

    if not pids:
        return []
    tz = zone(tz_name)
    busy = []
    for pid, start_utc, end_utc, summary in s.execute(
        select(
            BlockedTime.practitioner_id,
            BlockedTime.start_utc,
            BlockedTime.end_utc,
            BlockedTime.summary,
        )
        .where(
            BlockedTime.practitioner_id.in_(pids),
            BlockedTime.start_utc >= span.lo - BUSY_PAD,
            BlockedTime.start_utc < span.hi,
            BlockedTime.end_utc > span.lo,
        )
        .order_by(BlockedTime.start_utc, BlockedTime.id)
    ):
        piece = clip_busy(pid, to_local(start_utc, tz), to_local(end_utc, tz), summary, span)
        if piece is not None:
            busy.append(piece)
    return busy
