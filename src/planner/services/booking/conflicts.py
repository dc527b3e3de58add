"""What a booking must not overlap, and the calendar it must fit: read inside its transaction.

:class:`DbBookings` is the engine's view of existing bookings and imported busy time;
:func:`clinic_calendar` is one practitioner's hours, holidays and closures at one location;
:func:`lock_resources` serialises bookings of the same practitioner, patient and room on
PostgreSQL (SQLite holds its write lock from ``BEGIN IMMEDIATE``), so two desks booking the
same practitioner at the same moment cannot both succeed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import DateTime, Select, and_, bindparam, or_, select
from sqlalchemy.orm import Session

from planner.core.calendars import ClinicCalendar, ClosureSpan, WeeklyHours
from planner.core.domain import MAX_SESSION_MINUTES, AppointmentStatus, Busy
from planner.core.i18n import N_
from planner.core.phrases import DayTime, phrase
from planner.core.timeutil import zone
from planner.db.models import (
    BLOCKED_TIME_MAX_MINUTES,
    Appointment,
    BlockedTime,
    Closure,
    Location,
    Patient,
    Practitioner,
    PractitionerLocation,
    Room,
)
from planner.errors import BadInput
from planner.services.booking.naming import session_numbers, session_phrase

_IMPORTED = phrase(N_("busy (imported calendar)"))

Window = tuple[datetime, datetime]


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
            (name, val)
            for name, val in (
                ("practitioner", practitioner_id),
                ("room", room_id),
                ("patient", patient_id),
            )
            if val is not None
        ]
        self.exclude = set(exclude)
        self.practitioner_id = practitioner_id

    def fetch(self, windows: Sequence[Window]) -> list[Busy]:
        if not windows or not self.resources:
            return []
        merged = _merge(windows)
        names = tuple(name for name, _val in self.resources)
        params = _window_params(merged, timedelta(minutes=MAX_SESSION_MINUTES))
        params.update({f"{name}_id": val for name, val in self.resources})
        rows = [
            r
            for r in self.s.execute(_overlap_statement(names, len(merged)), params).all()
            if r.id not in self.exclude and _overlaps(r.start_utc, r.end_utc, merged)
        ]
        # Named as the desk names them, never by id: "Treatment 3 of 9 for Ada Berg, ...".
        numbers = session_numbers(self.s, {r.plan_id for r in rows}) if rows else {}
        out: list[Busy] = []
        for r in rows:
            desc = phrase(
                N_("{session} for {patient}, {when}"),
                session=session_phrase(r.kind, numbers.get(r.id)),
                patient=r.name,
                when=DayTime(r.start_local),
            )
            values = {"practitioner": r.practitioner_id, "room": r.room_id, "patient": r.patient_id}
            out.extend(
                Busy(r.start_utc, r.end_utc, name, r.id, desc)
                for name, val in self.resources
                if values[name] == val
            )
        if self.practitioner_id is not None:
            out.extend(self._blocked(merged))
        return out

    def _blocked(self, merged: list[Window]) -> list[Busy]:
        """The practitioner's imported busy time overlapping the (merged) windows."""
        params = _window_params(merged, timedelta(minutes=BLOCKED_TIME_MAX_MINUTES))
        params["practitioner_id"] = self.practitioner_id
        rows = self.s.execute(_blocked_statement(len(merged)), params).all()
        return [
            Busy(r.start_utc, r.end_utc, "practitioner", None, _IMPORTED)
            for r in rows
            if _overlaps(r.start_utc, r.end_utc, merged)
        ]


def _window_params(merged: list[Window], pad: timedelta) -> dict[str, Any]:
    """``lo0``/``hi0``, ``lo1``/``hi1`` ...: each window, its start moved back by ``pad``."""
    params: dict[str, Any] = {}
    for i, (lo, hi) in enumerate(merged):
        params[f"lo{i}"] = lo - pad
        params[f"hi{i}"] = hi
    return params


def _overlaps(start: datetime, end: datetime, merged: list[Window]) -> bool:
    return any(start < hi and end > lo for lo, hi in merged)


_RESOURCE_COLUMNS = {
    "practitioner": Appointment.practitioner_id,
    "room": Appointment.room_id,
    "patient": Appointment.patient_id,
}


@lru_cache(maxsize=256)
def _overlap_statement(resources: tuple[str, ...], windows: int) -> Select[*tuple[Any, ...]]:
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


@lru_cache(maxsize=64)
def _blocked_statement(windows: int) -> Select[datetime, datetime]:
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


def _merge(windows: Sequence[Window]) -> list[Window]:
    out: list[Window] = []
    for lo, hi in sorted(windows):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


# -- the clinic calendar for one practitioner at one location --------------------------------


def clinic_calendar(s: Session, location: Location, practitioner: Practitioner) -> ClinicCalendar:
    work = s.get(PractitionerLocation, (practitioner.id, location.id))
    if work is None:
        raise BadInput(
            f"{practitioner.name} does not work at {location.name}; choose a location they "
            f"work at ({workplaces(practitioner)})"
        )
    closures = [
        ClosureSpan(c.first_day, c.last_day, c.reason)
        for c in s.scalars(select(Closure).where(Closure.location_id == location.id))
    ]
    return _calendar(location, practitioner.name, work.hours, closures)


def _calendar(
    location: Location, practitioner_name: str, hours: Any, closures: list[ClosureSpan]
) -> ClinicCalendar:
    return ClinicCalendar(
        tz=zone(location.tz),
        opening=WeeklyHours.from_json(location.opening_hours),
        working=WeeklyHours.from_json(hours),
        country=location.country,
        subdivision=location.subdivision,
        closures=closures,
        location_name=location.name,
        practitioner_name=practitioner_name,
    )


def clinic_calendars(
    s: Session, practitioners: Collection[int] | None = None
) -> dict[tuple[int, int], ClinicCalendar]:
    """Every practitioner's calendar (or those of ``practitioners``) at every location they
    work at, keyed (practitioner id, location id), in four queries: what
    :func:`clinic_calendar` gives for each pair."""
    work_q = select(PractitionerLocation)
    names_q = select(Practitioner.id, Practitioner.name)
    if practitioners is not None:
        work_q = work_q.where(PractitionerLocation.practitioner_id.in_(list(practitioners)))
        names_q = names_q.where(Practitioner.id.in_(list(practitioners)))
    work = list(s.scalars(work_q))
    wanted = {w.location_id for w in work}
    locations = {loc.id: loc for loc in s.scalars(select(Location).where(Location.id.in_(wanted)))}
    closures: dict[int, list[ClosureSpan]] = {}
    for c in s.scalars(select(Closure).where(Closure.location_id.in_(wanted)).order_by(Closure.id)):
        closures.setdefault(c.location_id, []).append(
            ClosureSpan(c.first_day, c.last_day, c.reason)
        )
    names: dict[int, str] = {i: n for i, n in s.execute(names_q)}
    out: dict[tuple[int, int], ClinicCalendar] = {}
    for w in work:
        loc = locations[w.location_id]
        out[(w.practitioner_id, loc.id)] = _calendar(
            loc, names[w.practitioner_id], w.hours, closures.get(loc.id, [])
        )
    return out


def workplaces(p: Practitioner) -> str:
    """``Majorstuen, Grünerløkka``: where a practitioner works, for a message (by name)."""
    names = [w.location.name for w in p.workplaces]
    return ", ".join(names) or "none yet"


# -- row locks --------------------------------------------------------------------------------


def lock_resources(s: Session, practitioner_id: int, patient_id: int, room_id: int | None) -> None:
    """Serialise bookings of the same resources (PostgreSQL; SQLite already holds its lock)."""
    if s.get_bind().dialect.name == "sqlite":
        return
    s.execute(select(Practitioner.id).where(Practitioner.id == practitioner_id).with_for_update())
    s.execute(select(Patient.id).where(Patient.id == patient_id).with_for_update())
    if room_id is not None:
        s.execute(select(Room.id).where(Room.id == room_id).with_for_update())
