"""Match waitlist entries: the first starts from which *every* session of the series fits.

For each entry and each practitioner (and location) it may be booked with, the search walks
the days from the entry's earliest day to its latest and, on the weekdays the patient can
come, the quarter hours of the practitioner's working hours inside the patient's times. A
start is checked in two steps:

1. **Cheap, on the index** (:mod:`.occupancy`): every session at its rule time must lie inside
   the patient's times and find the practitioner, the room and the patient free. A session on
   a public holiday or a closure is left to step 2 (the holiday policy moves it).
2. **The engine itself** (:func:`planner.core.engine.propose`), with the booking's own
   policies, the practitioner's calendar, and the index as its busy source wrapped in
   :class:`~planner.core.availability.Unavailable`: the patient's other times count as busy,
   so a session a holiday moves lands only where the patient can come, or the start is not
   offered.

A start that passes is a :class:`Candidate`, with every proposed session and its state, as
the new-plan dialog's preview shows it. The booking service runs the same proposal against the
database inside its transaction (the request carries the patient's times), so a candidate
books as shown unless another desk took the time meanwhile. One start is offered per
practitioner and day (the earliest); an entry gets up to ``limit`` candidates in time order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.availability import Unavailable, fits_hours
from planner.core.calendars import ClinicCalendar
from planner.core.domain import PlanSpec, ProposedSession, ScreeningFlag
from planner.core.engine import BusySource, propose, regular_times
from planner.core.timeutil import is_ambiguous, is_nonexistent, to_utc, utcnow
from planner.db.models import Practitioner, PractitionerLocation, Room
from planner.db.store import Store
from planner.errors import PlannerError
from planner.services.booking.conflicts import clinic_calendars
from planner.services.schedule.next_free import day_candidates
from planner.services.waitlist.entries import Entry, Ref, read_entries
from planner.services.waitlist.occupancy import Occupancy, Window, read_occupancy

STEP = timedelta(minutes=15)
"""The starts tried: every quarter hour (as the new-plan dialog's free-time search)."""
DEFAULT_LIMIT = 3
"""The first start and a few alternatives."""


@dataclass(frozen=True)
class Option:
    """One way an entry can be booked: a practitioner at a location (and the room asked for)."""

    practitioner: Ref
    location: Ref
    room: Ref | None
    calendar: ClinicCalendar = field(compare=False, repr=False)

    @property
    def tz(self) -> ZoneInfo:
        return self.calendar.tz


@dataclass(frozen=True)
class Candidate:
    """A start from which every session of the entry's series fits, with every session."""

    entry_id: int
    practitioner: Ref
    location: Ref
    room: Ref | None
    start: datetime
    """The first session's local wall-clock start."""
    tz: str
    sessions: tuple[ProposedSession, ...]

    @property
    def first(self) -> ProposedSession:
        return self.sessions[0]

    @property
    def moved(self) -> int:
        """How many sessions the holiday policy moved from their rule time."""
        return sum(1 for p in self.sessions if p.state.value == "shifted")

    def spans(self) -> list[tuple[datetime, datetime]]:
        """Every session's UTC interval."""
        return [(p.utc_start, p.utc_end) for p in self.sessions if p.utc_start and p.utc_end]

    def to_json(self) -> dict[str, Any]:
        return {
            "entry_id": self.entry_id,
            "practitioner_id": self.practitioner.id,
            "practitioner": self.practitioner.name,
            "location_id": self.location.id,
            "location": self.location.name,
            "room_id": self.room.id if self.room else None,
            "start": self.start.isoformat(timespec="minutes"),
            "tz": self.tz,
            "count": len(self.sessions),
            "moved": self.moved,
            "sessions": [p.to_json() for p in self.sessions],
        }


@dataclass
class EntryMatch:
    """An entry and the candidates found for it now (none: nothing fits)."""

    entry: Entry
    candidates: list[Candidate]
    options: int = 0
    """How many practitioner-and-location pairs were searched."""

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def flags_to_acknowledge(self) -> list[str]:
        """The patient's screening flags a needling series must have acknowledged to book."""
        if not self.entry.modality.needling:
            return []
        return [f for f in self.entry.patient_flags if f in ScreeningFlag._value2member_map_]

    def to_json(self, now: datetime | None = None) -> dict[str, Any]:
        return {
            **self.entry.to_json(now),
            "options_searched": self.options,
            "flags_to_acknowledge": self.flags_to_acknowledge,
            "candidates": [c.to_json() for c in self.candidates],
        }


# -- the whole search ---------------------------------------------------------------------------


def match_entries(
    store: Store,
    entry_ids: Sequence[int] | None = None,
    *,
    now: datetime | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[EntryMatch]:
    """The open entries (or those of ``entry_ids``) with their candidates, urgent first, then
    by how long they have waited. Writes nothing."""
    now = now or utcnow()
    with store.read() as s:
        entries = [e for e in read_entries(s, ids=entry_ids) if e.expires_on >= now.date()]
        return match_in(s, entries, now=now, limit=limit)


def match_in(
    s: Session, entries: Sequence[Entry], *, now: datetime, limit: int = DEFAULT_LIMIT
) -> list[EntryMatch]:
    """:func:`match_entries` inside an open read session, for ``entries``."""
    if not entries:
        return []
    calendars = clinic_calendars(s)
    options = {e.id: entry_options(s, e, calendars) for e in entries}
    windows: list[Window] = []
    for e in entries:
        for opt in {o.tz.key: o for o in options[e.id]}.values():
            windows.extend(reach(e, opt.tz, now))
    occ = read_occupancy(
        s,
        windows,
        practitioners={o.practitioner.id for opts in options.values() for o in opts},
        rooms={o.room.id for opts in options.values() for o in opts if o.room},
        patients={e.patient.id for e in entries},
    )
    return [
        EntryMatch(e, search(e, options[e.id], occ, now=now, limit=limit), len(options[e.id]))
        for e in entries
    ]


def entry_options(
    s: Session, entry: Entry, calendars: dict[tuple[int, int], ClinicCalendar]
) -> list[Option]:
    """The practitioners (and locations) an entry can be booked with: those it names, else
    everyone at its location (or anywhere) who may give its modality."""
    if entry.practitioners:
        ids = [p.id for p in entry.practitioners]
    else:
        q = select(Practitioner.id).order_by(Practitioner.id)
        if entry.modality.needling:
            q = q.where(Practitioner.may_needle.is_(True))
        if entry.location is not None:
            q = q.join(
                PractitionerLocation, PractitionerLocation.practitioner_id == Practitioner.id
            ).where(PractitionerLocation.location_id == entry.location.id)
        ids = list(s.scalars(q))
    names: dict[int, str] = {
        i: n
        for i, n in s.execute(
            select(Practitioner.id, Practitioner.name).where(Practitioner.id.in_(ids))
        )
    }
    room_location = (
        s.scalar(select(Room.location_id).where(Room.id == entry.room.id)) if entry.room else None
    )
    out: list[Option] = []
    for pid in ids:
        for (p, loc_id), cal in sorted(calendars.items()):
            if p != pid or (entry.location is not None and loc_id != entry.location.id):
                continue
            room = entry.room if entry.room is not None and room_location == loc_id else None
            if entry.room is not None and room is None:
                continue
            out.append(Option(Ref(pid, names.get(pid, "")), Ref(loc_id, cal.location_name), room, cal))
    return out


def search_days(entry: Entry, now: datetime) -> tuple[date, date]:
    """The first and last day a first session may be on (from today)."""
    return max(entry.earliest, now.date()), entry.latest


def reach(entry: Entry, tz: ZoneInfo, now: datetime) -> list[Window]:
    """The UTC windows an entry's sessions can fall in, from any start it may be offered:
    each regular session's day range, widened by the days a holiday can move it."""
    first, last = search_days(entry, now)
    if last < first:
        return []
    spec = _spec(entry, datetime.combine(first, time(12)), tz.key)
    offsets = sorted({(dt.date() - first).days for dt, _m in regular_times(spec)})
    shift = spec.max_shift_days + 7  # a later weekday of the start week, then a move
    out: list[Window] = []
    for off in offsets:
        lo = datetime.combine(first + timedelta(days=off - 1), time(0))
        hi = datetime.combine(last + timedelta(days=off + shift + 1), time(0))
        out.append((to_utc(lo, tz) - timedelta(hours=1), to_utc(hi, tz) + timedelta(hours=1)))
    return out


def _spec(entry: Entry, start: datetime, tz: str) -> PlanSpec:
    """The plan's rule, with the booking's default policies (as the new-plan dialog books)."""
    return PlanSpec(start=start, tz=tz, phases=entry.phases)


# -- one entry ----------------------------------------------------------------------------------


def search(
    entry: Entry,
    options: Sequence[Option],
    occ: Occupancy,
    *,
    now: datetime,
    limit: int = DEFAULT_LIMIT,
    only_days: Iterable[date] | None = None,
) -> list[Candidate]:
    """Up to ``limit`` candidates for ``entry``, earliest first (see the module docstring)."""
    first_day, last_day = search_days(entry, now)
    if last_day < first_day or not options or not entry.phases:
        return []
    allowed = set(only_days) if only_days is not None else None
    minutes = entry.phases[0].duration_min
    found: list[Candidate] = []
    day = first_day
    patterns: dict[int, list[tuple[int, int]]] = {}
    while day <= last_day and len(found) < limit:
        if (allowed is None or day in allowed) and (
            entry.hours is None or entry.hours.works_on(day.weekday())
        ):
            for opt in options:
                c = _first_on_day(entry, opt, occ, day, minutes, now, patterns)
                if c is not None:
                    found.append(c)
        day += timedelta(days=1)
    found.sort(key=lambda c: (c.first.utc_start or datetime.max, c.practitioner.id))
    return found[:limit]


def _pattern(
    entry: Entry, tz: str, weekday: int, cache: dict[int, list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """(days after the start, minutes) of every regular session of a start on ``weekday``."""
    got = cache.get(weekday)
    if got is None:
        ref = date(2001, 1, 1) + timedelta(days=weekday)  # a Monday plus the weekday
        spec = _spec(entry, datetime.combine(ref, time(12)), tz)
        got = [((dt.date() - ref).days, m) for dt, m in regular_times(spec)]
        cache[weekday] = got
    return got


def _first_on_day(
    entry: Entry,
    opt: Option,
    occ: Occupancy,
    day: date,
    minutes: int,
    now: datetime,
    patterns: dict[int, list[tuple[int, int]]],
) -> Candidate | None:
    cal = opt.calendar
    if cal.closed_reason(day) is not None:
        return None
    tz = opt.tz
    keys = [("practitioner", opt.practitioner.id), ("patient", entry.patient.id)]
    if opt.room is not None:
        keys.append(("room", opt.room.id))
    pattern = _pattern(entry, tz.key, day.weekday(), patterns)
    for local in sorted(day_candidates(cal, day, time(0), minutes, STEP)):
        if entry.hours is not None and not fits_hours(entry.hours, local, minutes):
            continue
        if not _cheap_ok(entry, cal, occ, keys, local, pattern, tz):
            continue
        c = _confirm(entry, opt, occ, local, now)
        if c is not None:
            return c
    return None


def _cheap_ok(
    entry: Entry,
    cal: ClinicCalendar,
    occ: Occupancy,
    keys: list[tuple[str, int]],
    start: datetime,
    pattern: list[tuple[int, int]],
    tz: ZoneInfo,
) -> bool:
    """Step 1: no regular session outside the patient's times or on a taken time (a session on
    a closed day or in a daylight-saving change is left to the engine)."""
    for off, minutes in pattern:
        local = start + timedelta(days=off)
        if cal.closed_reason(local.date()) is not None:
            continue
        if is_nonexistent(local, tz) or is_ambiguous(local, tz):
            continue
        if entry.hours is not None and not fits_hours(entry.hours, local, minutes):
            return False
        a = to_utc(local, tz)
        b = a + timedelta(minutes=minutes)
        for key in keys:
            if not occ.free(key, a, b):
                return False
    return True


def _confirm(
    entry: Entry, opt: Option, occ: Occupancy, local: datetime, now: datetime
) -> Candidate | None:
    """Step 2: the engine's proposal from ``local``, bookable, first session still ahead."""
    spec = _spec(entry, local, opt.tz.key)
    source: BusySource = occ.source(opt.practitioner.id, opt.room.id if opt.room else None, entry.patient.id)
    if entry.hours is not None:
        source = Unavailable(source, entry.hours, opt.tz)
    try:
        proposal = propose(spec, opt.calendar, source)
    except PlannerError:  # a later phase on a weekday or hour this practitioner never works
        return None
    if not proposal.bookable:
        return None
    sessions = tuple(proposal.sessions)
    first = min(sessions, key=lambda p: p.utc_start or datetime.max)
    if first.utc_start is None or first.utc_start <= now:
        return None
    return Candidate(
        entry.id, opt.practitioner, opt.location, opt.room, local, opt.tz.key, sessions
    )
