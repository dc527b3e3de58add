"""The printable day list: one practitioner's, one room's or one location's sessions of a day.

An internal clinic document (unlike the patient's plan card, :mod:`planner.services.plan_card`):
it names each session's patient with their date of birth and phone, the session's kind and
place in its plan ("Treatment 3 of 9"), the plan's target regions, the patient's screening
flags, the room or practitioner, and the session's notes. :func:`day_list` reads it in one
read; :func:`table` writes it as the column titles and each row's lines of text, which
:mod:`planner.ui.day_list` paints onto PDF or printer pages and the tests read as text.

Times are local wall-clock times in each session's own zone; the "printed at" time is the
clinic's local time, never UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.domain import AppointmentStatus, Kind, Profession
from planner.core.regions import Side, parse_region
from planner.core.timeutil import to_local, utcnow, zone
from planner.core.typed_dates import EARLIEST, LATEST, MONTHS, read_date
from planner.db.models import (
    Appointment,
    Location,
    Patient,
    PatientFlag,
    Practitioner,
    Room,
)
from planner.db.store import Store
from planner.errors import BadInput, PlannerError
from planner.services.batches import in_batches
from planner.services.clinic import flag_text, get
from planner.services.clinic_settings import read_settings
from planner.services.plan_card import WEEKDAYS, long_date
from planner.services.schedule.rows import Span
from planner.services.schedule.week import plan_facts

FIRST_YEAR, LAST_YEAR = EARLIEST.year, LATEST.year
"""The days a list can be asked for (a typo such as 20226 is refused, not searched)."""

SCOPES = ("practitioner", "room", "location")


# -- what the list says ----------------------------------------------------------------------


@dataclass(frozen=True)
class DayListRow:
    """One session of the day."""

    id: int
    """The session's id (for the JSON output; never printed)."""
    start: datetime
    """Local wall-clock start in the session's zone."""
    minutes: int
    patient: str
    date_of_birth: date | None
    phone: str
    kind: str
    number: int | None
    """Its place among its plan's active sessions of its kind (3 in "3 of 9")."""
    of: int | None
    status: str
    regions: tuple[str, ...]
    """The plan's target regions (codes), in the plan's order."""
    flags: tuple[str, ...]
    """The patient's screening flags as words, with the regions they concern."""
    room: str
    """The room's name; empty when the session has none."""
    practitioner: str
    location: str
    notes: str

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)

    @property
    def time_text(self) -> str:
        """``09:00–09:30``."""
        return f"{self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def session_text(self) -> str:
        """``Treatment 3 of 9``; the kind alone when the plan has one of it."""
        try:
            words = Kind(self.kind).label
        except ValueError:
            words = self.kind
        if self.number is not None and self.of is not None and self.of > 1:
            words += f" {self.number} of {self.of}"
        return words

    @property
    def status_text(self) -> str:
        """``Attended``, ``No-show``; empty for a session still booked."""
        if self.status == AppointmentStatus.ATTENDED.value:
            return "Attended"
        if self.status == AppointmentStatus.NO_SHOW.value:
            return "No-show"
        return ""

    @property
    def regions_text(self) -> str:
        """``Neck, Shoulders, Lower back``."""
        return ", ".join(region_words(c) for c in self.regions)

    @property
    def born_text(self) -> str:
        """``born 13 May 1973``; empty when the date of birth is not known."""
        if self.date_of_birth is None:
            return ""
        d = self.date_of_birth
        return f"born {d.day} {MONTHS[d.month - 1][:3]} {d.year}"


@dataclass(frozen=True)
class DayList:
    """The heading and the rows of one day's list."""

    scope: str
    """``practitioner``, ``room`` or ``location``."""
    clinic_name: str
    subject: str
    """Whose list it is: the practitioner's name, ``Room 2, Oslo`` or the location's name."""
    detail: str
    """A line under it: the profession and where they work, or the location's address."""
    day: date
    rows: tuple[DayListRow, ...]
    cancelled: int
    """Sessions of the day that were cancelled (left out of the rows)."""
    printed: datetime
    """When it was made, local wall-clock time in the clinic's zone."""
    tz: str

    @property
    def day_text(self) -> str:
        """``Tuesday 15 December 2026``."""
        return f"{WEEKDAYS[self.day.weekday()]} {long_date(self.day)}"

    @property
    def short_day(self) -> str:
        """``Tue 15 Dec``."""
        d = self.day
        return f"{WEEKDAYS[d.weekday()][:3]} {d.day} {MONTHS[d.month - 1][:3]}"

    @property
    def title(self) -> str:
        return f"Day list for {self.subject}"

    @property
    def printed_text(self) -> str:
        """``printed 1 December 2026 at 14:05`` (local time)."""
        return f"printed {long_date(self.printed.date())} at {self.printed:%H:%M}"

    @property
    def several_locations(self) -> bool:
        return len({r.location for r in self.rows}) > 1

    @property
    def summary(self) -> str:
        """``12 sessions · 1 cancelled session not listed``; ``No sessions booked.``"""
        n = len(self.rows)
        bits = [f"{n} session{'s' if n != 1 else ''}"] if n else ["No sessions booked"]
        if self.cancelled:
            c = self.cancelled
            bits.append(f"{c} cancelled session{'s' if c != 1 else ''} not listed")
        return "  ·  ".join(bits)


def region_words(code: str) -> str:
    """``Neck``, ``Shoulders`` (both), ``Left knee``; the code itself if it is unknown."""
    try:
        r = parse_region(code)
    except PlannerError:
        return code
    if r.side is None:
        return r.region.label
    if r.side is Side.BOTH:
        words = r.code.replace("-", " and ")  # "shoulders", "wrists and hands"
        return words[:1].upper() + words[1:]
    return f"{r.side.value.capitalize()} {r.region.label.lower()}"


# -- reading it ------------------------------------------------------------------------------


def parse_day(text: str, today: date) -> date:
    """A day as the desk types it: ``15.12.2026``, ``2026-12-15``, ``today``, ``tomorrow``.

    A date that does not exist (``31.02.2027``) is refused, never rolled over into March.
    """
    s = (text or "").strip().lower()
    if s in ("today", "tomorrow"):
        return today + timedelta(days=1 if s == "tomorrow" else 0)
    return check_day(read_date(text, "the day", example="15.12.2026"))


def check_day(day: date) -> date:
    """``day`` itself, or BadInput when it lies outside the years a list can be made for."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise BadInput(
            f"the day {day.isoformat()} is outside the years {FIRST_YEAR} to {LAST_YEAR}"
        )
    return day


def day_list(
    store: Store,
    day: date,
    *,
    practitioner_id: int | None = None,
    room_id: int | None = None,
    location_id: int | None = None,
    now: datetime | None = None,
) -> DayList:
    """The sessions of ``day`` (local time) of exactly one practitioner, room or location.

    ``now`` is the naive UTC instant it is printed at (the clock, for tests). Refuses an
    unknown id (NotFound, naming the command that lists them) and a day outside 1900..2999.
    """
    given = [x for x in (practitioner_id, room_id, location_id) if x is not None]
    if len(given) != 1:
        raise BadInput("give exactly one of a practitioner, a room or a location")
    check_day(day)
    with store.read() as s:
        settings = read_settings(s)
        if practitioner_id is not None:
            scope = "practitioner"
            prac = get(s, Practitioner, practitioner_id, "practitioner")
            where = Appointment.practitioner_id == practitioner_id
            places = [w.location for w in prac.workplaces]
            subject = prac.name
            detail = ", ".join(x for x in (_profession(prac.profession), *_names(places)) if x)
        elif room_id is not None:
            scope = "room"
            room = get(s, Room, room_id, "room")
            where = Appointment.room_id == room_id
            places = [room.location]
            subject = f"{room.name}, {room.location.name}"
            detail = room.location.address
        else:
            assert location_id is not None
            scope = "location"
            loc = get(s, Location, location_id, "location")
            where = Appointment.location_id == location_id
            places = [loc]
            subject = loc.name
            detail = loc.address
        span = Span.of(day, 1)
        found = [
            a
            for a in s.scalars(
                select(Appointment)
                .where(where, Appointment.start_utc >= span.lo, Appointment.start_utc < span.hi)
                .order_by(Appointment.start_utc, Appointment.id)
            )
            if span.shows(a.start_local)
        ]
        shown = [a for a in found if a.status != AppointmentStatus.CANCELLED.value]
        rows = _rows(s, shown)
        if not places:  # a practitioner who works nowhere now: the clinic's first location
            first = s.scalars(select(Location).order_by(Location.id).limit(1)).first()
            places = [first] if first is not None else []
        tz = places[0].tz if places else (shown[0].tz if shown else "UTC")
        clinic_name = settings.get("clinic_name") or (places[0].name if places else "")
    return DayList(
        scope=scope,
        clinic_name=clinic_name,
        subject=subject,
        detail=detail,
        day=day,
        rows=tuple(rows),
        cancelled=len(found) - len(shown),
        printed=to_local(now or utcnow(), zone(tz)),
        tz=tz,
    )


def _profession(value: str) -> str:
    try:
        return Profession(value).value.replace("-", " ").capitalize()
    except ValueError:
        return value


def _names(places: list[Location]) -> list[str]:
    return sorted({p.name for p in places})


def _rows(s: Session, shown: list[Appointment]) -> list[DayListRow]:
    """The rows of the sessions shown, with their numbering, regions, patients and flags."""
    plan_ids = sorted({a.plan_id for a in shown})
    patient_ids = sorted({a.patient_id for a in shown})
    numbering, regions = plan_facts(s, plan_ids)
    patients: dict[int, Patient] = {}
    flags: dict[int, list[str]] = {}
    for batch in in_batches(patient_ids):
        patients.update((p.id, p) for p in s.scalars(select(Patient).where(Patient.id.in_(batch))))
        for f in s.scalars(
            select(PatientFlag)
            .where(PatientFlag.patient_id.in_(batch))
            .order_by(PatientFlag.patient_id, PatientFlag.id)
        ):
            words = flag_text(f.flag, f.regions)
            if f.note.strip():
                words += f": {' '.join(f.note.split())}"
            flags.setdefault(f.patient_id, []).append(words)
    rooms = dict(s.execute(select(Room.id, Room.name)).all())
    people = dict(s.execute(select(Practitioner.id, Practitioner.name)).all())
    places = dict(s.execute(select(Location.id, Location.name)).all())
    rows = []
    for a in shown:
        patient = patients[a.patient_id]
        number, of = numbering.get(a.id, (None, None))
        rows.append(
            DayListRow(
                id=a.id,
                start=a.start_local,
                minutes=a.duration_min,
                patient=patient.name,
                date_of_birth=patient.date_of_birth,
                phone=patient.phone,
                kind=a.kind,
                number=number,
                of=of,
                status=a.status,
                regions=tuple(regions.get(a.plan_id, ())),
                flags=tuple(flags.get(a.patient_id, ())),
                room=rooms.get(a.room_id, "") if a.room_id is not None else "",
                practitioner=people.get(a.practitioner_id, ""),
                location=places.get(a.location_id, ""),
                notes=" ".join(a.notes.split()),
            )
        )
    rows.sort(key=lambda r: (r.start, r.practitioner, r.room, r.id))
    return rows


# -- as a table ------------------------------------------------------------------------------

COLUMN_KEYS = ("time", "patient", "session", "regions", "flags", "where", "notes")
"""What each column of :func:`table` holds (the painter styles them by key)."""


def where_title(dl: DayList) -> str:
    """The title of the room/practitioner column: what the list's subject does not say."""
    return {"practitioner": "Room", "room": "Practitioner"}.get(dl.scope, "Room, practitioner")


def table(dl: DayList) -> tuple[tuple[str, ...], list[tuple[tuple[str, ...], ...]]]:
    """The column titles and, for each row, each cell's lines of text (top to bottom).

    The patient's cell is the name, then the date of birth and phone; the session's, its
    kind and place in the plan, then its status when it is not simply booked; the flags'
    cell, one flag a line (empty when the patient has none).
    """
    titles = ("Time", "Patient", "Session", "Regions", "Flags", where_title(dl), "Notes")
    body: list[tuple[tuple[str, ...], ...]] = []
    for r in dl.rows:
        where = _where(dl, r)
        body.append(
            (
                (r.time_text,),
                tuple(x for x in (r.patient, r.born_text, r.phone) if x),
                tuple(x for x in (r.session_text, r.status_text) if x),
                (r.regions_text,) if r.regions else (),
                r.flags,
                tuple(x for x in where if x),
                (r.notes,) if r.notes else (),
            )
        )
    return titles, body


def _where(dl: DayList, r: DayListRow) -> tuple[str, ...]:
    room = r.room or "No room"
    if dl.scope == "practitioner":
        return (room, r.location) if dl.several_locations else (room,)
    if dl.scope == "room":
        return (r.practitioner,)
    return (room, r.practitioner)


def day_list_text(dl: DayList) -> str:
    """The list as plain text, one session a line (for a terminal or a test)."""
    out = [dl.clinic_name, dl.title, dl.day_text]
    _titles, body = table(dl)
    if not body:
        out.append("No sessions booked.")
    for cells in body:
        out.append("  ".join("; ".join(lines) for lines in cells if lines))
    out.append(dl.summary)
    return "\n".join(out)


def day_list_json(dl: DayList) -> dict[str, Any]:
    return {
        "scope": dl.scope,
        "clinic": dl.clinic_name,
        "subject": dl.subject,
        "day": dl.day.isoformat(),
        "tz": dl.tz,
        "cancelled": dl.cancelled,
        "sessions": [
            {
                "id": r.id,
                "start": r.start.isoformat(timespec="minutes"),
                "end": r.end.isoformat(timespec="minutes"),
                "minutes": r.minutes,
                "patient": r.patient,
                "date_of_birth": r.date_of_birth.isoformat() if r.date_of_birth else None,
                "phone": r.phone,
                "kind": r.kind,
                "session": r.session_text,
                "status": r.status,
                "regions": list(r.regions),
                "flags": list(r.flags),
                "room": r.room or None,
                "practitioner": r.practitioner,
                "location": r.location,
                "notes": r.notes,
            }
            for r in dl.rows
        ],
    }
