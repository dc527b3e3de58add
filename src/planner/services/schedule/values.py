"""The schedule's read model: frozen values safe to hand from a worker to the GUI thread.

The window imports this module while it starts, so it loads neither SQLAlchemy, the database
models nor the holiday calendars (a test holds this): only the core's plain types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Any

from planner.core.domain import AppointmentStatus, Kind
from planner.core.i18n import Words
from planner.core.phrases import Phrase
from planner.core.regions import parse_region
from planner.errors import PlannerError

_KIND_LABELS = {k.value: k.label for k in Kind}

NO_ROOM = 0
"""Column key of sessions booked without a room, in the by-room layout."""

Interval = tuple[time, time]


def region_label(code: str) -> str:
    """The words for a region code (``left shoulder``); the code itself if it is unknown."""
    try:
        return parse_region(code).label
    except PlannerError:
        return code


# -- a week of one location -----------------------------------------------------------------


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
    closed_said: Phrase | None = field(default=None, compare=False, repr=False)
    """The same, to be said in the reader's language (:meth:`closed_text`)."""

    def closed_text(self, w: Words | None = None) -> str | None:
        """Why the day is closed, in ``w``'s language (English by default)."""
        if self.closed_said is not None:
            return self.closed_said.text(w)
        return self.closed


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
    cancel_reason: str = ""
    """Why it was cancelled ("patient ill"); '' when not cancelled or none was given."""

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


# -- what the booking dialogs choose from ---------------------------------------------------


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


# -- patients -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PatientRow:
    id: int
    name: str
    phone: str
    date_of_birth: date | None
    chart_number: str | None
    flags: tuple[str, ...]
    next_session: datetime | None = None
    """The local start of the patient's next booked session after now (None: none booked):
    with the date of birth, what tells seven patients called Astrid apart."""


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


def _session_label(kind: str, number: int | None, of: int | None) -> str:
    """``Treatment 3/9``; the kind alone for a cancelled session."""
    k = Kind(kind).label
    return f"{k} {number}/{of}" if number is not None else k


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
    cancel_reason: str = ""
    """Why it was cancelled ("patient ill"); '' when not cancelled or none was given."""
    revision: int = 0
    """The session's revision when read: an edit from this view passes it, and is refused
    if another desk changed the session since."""
    plan_revision: int = 0

    @property
    def label(self) -> str:
        return _session_label(self.kind, self.number, self.of)


@dataclass(frozen=True)
class PatientDetail:
    patient: PatientRow
    email: str
    notes: str
    plans: tuple[PlanRow, ...]
    sessions: tuple[SessionRow, ...]
    language: str = "en"
    """The language of the patient's documents (``en`` or ``nb``)."""


# -- one session, for the dialogs that act on it --------------------------------------------


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
    cancel_reason: str = ""
    """Why it was cancelled ("patient ill"); '' when not cancelled or none was given."""
    revision: int = 0
    """The session's revision when read: an edit from this view passes it, and is refused
    if another desk changed the session since."""
    plan_revision: int = 0

    @property
    def label(self) -> str:
        return _session_label(self.kind, self.number, self.of)
