"""Plain values the .ics export works with: no database rows, no Qt.

The export reads the database once into these values; rendering an iCalendar file is then a
pure function of them (and of the clock, which is passed in), so it can be tested without a
database and reproduced byte for byte.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from planner.core.domain import parse_enum
from planner.errors import BadInput


class Profile(enum.StrEnum):
    """What a file reveals (see :mod:`planner.ics.content`)."""

    PATIENT = "patient"
    """For the patient: times, place, preparation and after-care. No health data."""
    PRACTITIONER = "practitioner"
    """For the practitioner: initials or chart number, target regions, room, n of N."""
    FULL = "full"
    """Everything, including diagnosis, screening flags and notes: stays in the clinic."""

    @property
    def health_data(self) -> bool:
        return self is Profile.FULL


class Shape(enum.StrEnum):
    """How sessions become events."""

    SESSIONS = "sessions"
    """One VEVENT per session, each with the session's own UID."""
    SERIES = "series"
    """One recurring VEVENT per plan phase, with EXDATE and RECURRENCE-ID overrides."""


class PatientLabel(enum.StrEnum):
    """How the practitioner profile names the patient."""

    INITIALS = "initials"
    CHART = "chart"


def parse_profile(text: str) -> Profile:
    return Profile(parse_enum(Profile, text, "profile"))


def parse_shape(text: str) -> Shape:
    return Shape(parse_enum(Shape, text, "shape"))


def parse_alarms(text: str) -> tuple[timedelta, ...]:
    """``24h,2h``, ``30m``, ``1d`` (before the session), or ``none``."""
    t = text.strip().lower()
    if t in ("none", "no", "off", ""):
        return ()
    out: list[timedelta] = []
    for part in t.split(","):
        p = part.strip()
        unit = p[-1:] if p else ""
        number = p[:-1]
        if unit not in ("m", "h", "d") or not number.isdigit():
            raise BadInput(
                f"cannot read the reminder '{part.strip()}'; write it as 24h, 2h, 30m or 1d "
                "(several separated by commas), or 'none'"
            )
        minutes = int(number) * {"m": 1, "h": 60, "d": 24 * 60}[unit]
        if not 0 < minutes <= 4 * 7 * 24 * 60:
            raise BadInput(f"a reminder must be between 1 minute and 4 weeks before, not '{p}'")
        td = timedelta(minutes=minutes)
        if td not in out:
            out.append(td)
    return tuple(sorted(out, reverse=True))


DEFAULT_PATIENT_ALARMS = (timedelta(hours=24), timedelta(hours=2))


@dataclass(frozen=True)
class EventText:
    """The human-readable parts of one event, as a profile allows them."""

    summary: str
    description: str
    location: str
    alarm: str = ""
    """What a reminder says (empty: no reminders for this event)."""


@dataclass(frozen=True)
class SessionEvent:
    """One session, ready to be written as an event."""

    appointment_id: int
    uid: str
    sequence: int
    tz: str
    start_local: datetime
    duration_min: int
    original_start_local: datetime
    """Where the plan's rule put it: the RECURRENCE-ID of its phase's series."""
    cancelled: bool
    created_utc: datetime
    modified_utc: datetime
    text: EventText
    plan_id: int = 0
    phase: int = 0
    in_scope: bool = True
    """False for a session of the phase that belongs to another practitioner or location:
    the series shape leaves it out of this scope's series (EXDATE)."""

    @property
    def end_local(self) -> datetime:
        return self.start_local + timedelta(minutes=self.duration_min)


@dataclass(frozen=True)
class Cadence:
    """The regular pattern of one plan phase, from the rule the plan keeps."""

    interval_weeks: int
    weekdays: tuple[int, ...]
    """0 = Monday."""
    at: time
    duration_min: int
    planned: int
    """Sessions the phase was planned with."""


@dataclass(frozen=True)
class PhaseGroup:
    """Every session of one phase of one plan, for the series shape."""

    plan_id: int
    phase: int
    uid_seed: str
    """A UID of the plan that never changes (its first session's); series UIDs derive from it."""
    tz: str
    cadence: Cadence | None
    sessions: tuple[SessionEvent, ...]
    sequence: int
    """Raised by every change to any session of the phase (see the export for how)."""


@dataclass(frozen=True)
class Organizer:
    name: str
    email: str


@dataclass(frozen=True)
class CalendarMeta:
    """What the VCALENDAR itself says (RFC 5545 section 3.7, RFC 7986 NAME)."""

    name: str
    uid: str
    stamp_utc: datetime
    """DTSTAMP of every event: when the file was made (naive UTC)."""
    method: str | None = None
    """``CANCEL`` for a fully cancelled plan, ``REQUEST``/``CANCEL`` for an iTIP message
    (RFC 5546); otherwise none (a plain calendar file)."""
    organizer: Organizer | None = None
    """ORGANIZER of every event: the clinic (RFC 5546 section 3.2 wants one on every iTIP
    component)."""
    attendee: Organizer | None = None
    """ATTENDEE of every event: the person the file or message is for (a delivery)."""
    classification: str | None = None
    """``CONFIDENTIAL`` on events that name patients (practitioner and full profiles)."""
    alarms: tuple[timedelta, ...] = ()
    tzids: tuple[str, ...] = ()
    years: tuple[int, int] = (1970, 1970)
    extra_warnings: list[str] = field(default_factory=list)
