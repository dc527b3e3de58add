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

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.availability import Unavailable
from planner.core.calendars import ClinicCalendar, WeeklyHours
from planner.core.domain import PlanSpec, ProposedSession, ScreeningFlag, SessionState
from planner.core.engine import BusySource, Proposal, propose, regular_times
from planner.core.timeutil import to_utc, utcnow
from planner.db.models import Practitioner, Room
from planner.db.store import Store
from planner.errors import PlannerError
from planner.services.booking.conflicts import clinic_calendars
from planner.services.schedule.next_free import day_candidates
from planner.services.waitlist.entries import Entry, Ref, read_entries
from planner.services.waitlist.occupancy import (
    MINUTES_A_DAY,
    Occupancy,
    Window,
    dst_day,
    read_occupancy,
)

STEP = timedelta(minutes=15)
"""The starts tried: every quarter hour (as the new-plan dialog's free-time search)."""
DEFAULT_LIMIT = 3
LEAD = timedelta(hours=1)
"""A first session is offered only this long from now at the earliest: time to call the
patient and for them to come."""
MAX_SHIFT_DAYS = PlanSpec(start=datetime(2001, 1, 1), tz="UTC", phases=()).max_shift_days
"""How many days later the booking's holiday policy looks for the same time."""
"""The first start and a few alternatives."""


class Option:
    """One way an entry can be booked: a practitioner at a location (and the room asked for).

    It keeps, per weekday and first-session length, the minutes of the day at which a first
    session fits the practitioner's working hours and the opening hours."""

    def __init__(
        self,
        practitioner: Ref,
        location: Ref,
        room: Ref | None,
        calendar: ClinicCalendar,
        closed: dict[date, bool] | None = None,
    ) -> None:
        self.practitioner = practitioner
        self.location = location
        self.room = room
        self.calendar = calendar
        self._starts: dict[tuple[int, int], list[int]] = {}
        self._sets: dict[tuple[int, int], frozenset[int]] = {}
        self._closed: dict[date, bool] = closed if closed is not None else {}

    @property
    def tz(self) -> ZoneInfo:
        return self.calendar.tz

    def starts(self, weekday: int, minutes: int) -> list[int]:
        """Minutes of the day (a quarter hour apart) at which a first session of ``minutes``
        fits the hours on ``weekday``, as :func:`~.next_free.day_candidates` finds them."""
        key = (weekday, minutes)
        got = self._starts.get(key)
        if got is None:
            got = _starts(self.calendar.opening, self.calendar.working, weekday, minutes)
            self._starts[key] = got
        return got

    def closed(self, day: date) -> bool:
        """Whether the location is closed all day (a public holiday or a closure)."""
        got = self._closed.get(day)
        if got is None:
            got = self.calendar.closed_reason(day) is not None
            self._closed[day] = got
        return got

    def start_set(self, weekday: int, minutes: int) -> frozenset[int]:
        """:meth:`starts` as a set (is a session at this minute inside the hours?)."""
        key = (weekday, minutes)
        got = self._sets.get(key)
        if got is None:
            got = frozenset(self.starts(weekday, minutes))
            self._sets[key] = got
        return got

    def __repr__(self) -> str:
        return f"Option({self.practitioner.name} at {self.location.name})"


class Candidate:
    """A start from which every session of the entry's series fits, with every session.

    When the search's first step found every session free at its rule time (no holiday,
    closure or clock change among them), the engine's proposal is known to be every session
    free there, and it is laid out only when :attr:`sessions` is first read; otherwise the
    engine's proposal was made by the search and is kept."""

    def __init__(
        self,
        entry_id: int,
        practitioner: Ref,
        location: Ref,
        room: Ref | None,
        start: datetime,
        tz: str,
        first_utc: datetime,
        layout: Callable[[], Proposal],
        proposal: Proposal | None = None,
    ) -> None:
        self.entry_id = entry_id
        self.practitioner = practitioner
        self.location = location
        self.room = room
        self.start = start
        """The first session's local wall-clock start."""
        self.tz = tz
        self.first_utc = first_utc
        self._layout = layout
        self._proposal = proposal

    @property
    def sessions(self) -> tuple[ProposedSession, ...]:
        if self._proposal is None:
            self._proposal = self._layout()
        return tuple(self._proposal.sessions)

    @property
    def first(self) -> ProposedSession:
        return min(self.sessions, key=lambda p: p.utc_start or datetime.max)

    @property
    def moved(self) -> int:
        """How many sessions the holiday policy moved from their rule time."""
        if self._proposal is None:
            return 0  # every session at its rule time (see the class docstring)
        return sum(1 for p in self.sessions if p.state is SessionState.SHIFTED)

    def spans(self) -> list[tuple[datetime, datetime]]:
        """Every session's UTC interval."""
        return [(p.utc_start, p.utc_end) for p in self.sessions if p.utc_start and p.utc_end]

    def __repr__(self) -> str:
        return f"Candidate({self.entry_id}, {self.practitioner.name}, {self.start:%Y-%m-%d %H:%M})"

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
    s: Session,
    entries: Sequence[Entry],
    *,
    now: datetime,
    limit: int = DEFAULT_LIMIT,
    clinic: ClinicIndex | None = None,
    only: Callable[[Entry], Callable[[Option, date], bool] | None] | None = None,
    options_of: Callable[[Entry], list[Option]] | None = None,
) -> list[EntryMatch]:
    """:func:`match_entries` inside an open read session, for ``entries`` (``only(entry)``:
    which starts to try for it, see :func:`search`; ``options_of(entry)``: whom to try, by
    default everyone it can be booked with)."""
    if not entries:
        return []
    clinic = clinic or ClinicIndex(s)
    options = {
        e.id: options_of(e) if options_of is not None else entry_options(clinic, e) for e in entries
    }
    windows: list[Window] = []
    for e in entries:
        for tz in {o.tz.key: o.tz for o in options[e.id]}.values():
            windows.extend(reach(e, tz, now))
    occ = read_occupancy(
        s,
        windows,
        practitioners={o.practitioner.id for opts in options.values() for o in opts},
        rooms={o.room.id for opts in options.values() for o in opts if o.room},
        patients={e.patient.id for e in entries},
    )
    return [
        EntryMatch(
            e,
            search(e, options[e.id], occ, now=now, limit=limit, only=only(e) if only else None),
            len(options[e.id]),
        )
        for e in entries
    ]


@lru_cache(maxsize=4096)
def _starts(
    opening: WeeklyHours, working: WeeklyHours | None, weekday: int, minutes: int
) -> list[int]:
    """Minutes of the day at which a session of ``minutes`` fits the hours on ``weekday``
    (practitioners with the same hours share them)."""
    cal = ClinicCalendar(tz=ZoneInfo("UTC"), opening=opening, working=working)
    ref = date(2001, 1, 1) + timedelta(days=weekday)  # 1 Jan 2001 was a Monday
    return [
        t.hour * 60 + t.minute for t in sorted(day_candidates(cal, ref, time(0), minutes, STEP))
    ]


class ClinicIndex:
    """The practitioners, their calendars and the rooms' locations, read once per match."""

    def __init__(self, s: Session, practitioners: Collection[int] | None = None) -> None:
        """``practitioners``: only these (the re-match after a cancellation needs the ones
        whose time was freed); None: everyone."""
        self.calendars = clinic_calendars(s, practitioners)
        self.names: dict[int, str] = {}
        self.needles: set[int] = set()
        q = select(Practitioner.id, Practitioner.name, Practitioner.may_needle)
        if practitioners is not None:
            q = q.where(Practitioner.id.in_(list(practitioners)))
        for pid, name, may_needle in s.execute(q):
            self.names[pid] = name
            if may_needle:
                self.needles.add(pid)
        self.places: dict[int, list[tuple[int, ClinicCalendar]]] = {}
        for (pid, loc), cal in sorted(self.calendars.items()):
            self.places.setdefault(pid, []).append((loc, cal))
        self.room_location: dict[int, int] = {
            rid: loc for rid, loc in s.execute(select(Room.id, Room.location_id))
        }
        self._options: dict[tuple[int, int, int | None], Option] = {}
        self._closed: dict[int, dict[date, bool]] = {}

    def option(self, pid: int, loc: int, cal: ClinicCalendar, room: Ref | None) -> Option:
        """One :class:`Option` per (practitioner, location, room), shared by the entries."""
        key = (pid, loc, room.id if room else None)
        got = self._options.get(key)
        if got is None:
            got = Option(
                Ref(pid, self.names.get(pid, "")),
                Ref(loc, cal.location_name),
                room,
                cal,
                self._closed.setdefault(loc, {}),  # one location's closed days, shared
            )
            self._options[key] = got
        return got


def entry_options(clinic: ClinicIndex, entry: Entry) -> list[Option]:
    """The practitioners (and locations) an entry can be booked with: those it names, else
    everyone at its location (or anywhere) who may give its modality."""
    if entry.practitioners:
        ids = [p.id for p in entry.practitioners]
    elif entry.modality.needling:
        ids = sorted(pid for pid in clinic.places if pid in clinic.needles)
    else:
        ids = sorted(clinic.places)
    room_location = clinic.room_location.get(entry.room.id) if entry.room else None
    out: list[Option] = []
    for pid in ids:
        for loc, cal in clinic.places.get(pid, []):
            if entry.location is not None and loc != entry.location.id:
                continue
            if entry.room is not None and room_location != loc:
                continue
            out.append(clinic.option(pid, loc, cal, entry.room))
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


def offsets(entry: Entry) -> set[int]:
    """The days after its start on which a regular session of the series can fall, for a
    start on any weekday."""
    out: set[int] = set()
    for wd in range(7):
        ref = date(2001, 1, 1) + timedelta(days=wd)
        spec = _spec(entry, datetime.combine(ref, time(12)), "UTC")
        out.update((dt.date() - ref).days for dt, _m in regular_times(spec))
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
    only: Callable[[Option, date], bool] | None = None,
) -> list[Candidate]:
    """Up to ``limit`` candidates for ``entry``, earliest first (see the module docstring).

    Day by day, the starts of every option are tried in time order; an option that gave a
    candidate on a day is not tried again that day. ``only(option, day)`` narrows the days
    tried (the re-match after a cancellation tries only starts that can reach the freed time).
    """
    first_day, last_day = search_days(entry, now)
    if last_day < first_day or not options or not entry.phases:
        return []
    minutes = entry.phases[0].duration_min
    hours = _hours_masks(entry)
    found: list[Candidate] = []
    patterns: dict[tuple[str, int], list[tuple[int, int]]] = {}
    dst: dict[tuple[str, date], bool] = {}
    masks: dict[int, list[dict[date, int]]] = {}
    day = first_day
    while day <= last_day:
        wd = day.weekday()
        if hours is None or hours[wd]:
            tries: list[tuple[int, int]] = []
            full = (1 << minutes) - 1
            for i, opt in enumerate(options):
                if opt.closed(day):
                    continue
                if only is not None and not only(opt, day):
                    continue
                if i not in masks:
                    masks[i] = [occ.masks(k, opt.tz) for k in _keys(entry, opt)]
                # the first session's own minutes, all at once: free and inside the times
                busy = 0
                for mk in masks[i]:
                    busy |= mk.get(day, 0)
                free = (hours[wd] if hours is not None else ALL_DAY) & ~busy
                tries.extend((m, i) for m in opt.starts(wd, minutes) if (free >> m) & full == full)
            tries.sort()
            done: set[int] = set()
            for m, i in tries:
                if i in done:
                    continue
                opt = options[i]
                local = datetime.combine(day, time(m // 60, m % 60))
                pattern = _pattern(entry, opt.tz.key, wd, patterns)
                step = _cheap_ok(opt, masks[i], hours, local, pattern, dst)
                if step is _REFUSED:
                    continue
                c = _confirm(entry, opt, occ, local, now, clean=step is _CLEAN)
                if c is None:
                    continue
                found.append(c)
                done.add(i)
                if len(found) >= limit:
                    return found
        day += timedelta(days=1)
    return found


ALL_DAY = (1 << MINUTES_A_DAY) - 1
_REFUSED, _CLEAN, _ENGINE = object(), object(), object()
"""What step 1 says of a start: it cannot fit; every session free at its rule time; the
engine must decide (a holiday, a closure or a clock change among the sessions)."""


def _keys(entry: Entry, opt: Option) -> list[tuple[str, int]]:
    keys = [("practitioner", opt.practitioner.id), ("patient", entry.patient.id)]
    if opt.room is not None:
        keys.append(("room", opt.room.id))
    return keys


def _hours_masks(entry: Entry) -> list[int] | None:
    """The patient's times as minute masks per weekday (None: any time)."""
    if entry.hours is None:
        return None
    out = []
    for spans in entry.hours.days:
        mask = 0
        for a, b in spans:
            lo = a.hour * 60 + a.minute
            hi = MINUTES_A_DAY if b == time.max else b.hour * 60 + b.minute
            mask |= ((1 << (hi - lo)) - 1) << lo
        out.append(mask)
    return out


def _pattern(
    entry: Entry, tz: str, weekday: int, cache: dict[tuple[str, int], list[tuple[int, int]]]
) -> list[tuple[int, int]]:
    """(days after the start, minutes) of every regular session of a start on ``weekday``."""
    got = cache.get((tz, weekday))
    if got is None:
        ref = date(2001, 1, 1) + timedelta(days=weekday)  # 1 Jan 2001 was a Monday
        spec = _spec(entry, datetime.combine(ref, time(12)), tz)
        got = [((dt.date() - ref).days, m) for dt, m in regular_times(spec)]
        cache[(tz, weekday)] = got
    return got


def _cheap_ok(
    opt: Option,
    masks: list[dict[date, int]],
    hours: list[int] | None,
    start: datetime,
    pattern: list[tuple[int, int]],
    dst: dict[tuple[str, date], bool],
) -> object:
    """Step 1: every regular session inside the practitioner's hours and the patient's times,
    and on no taken time (``masks``: the practitioner's, patient's and room's busy minutes).
    A session on a closed day (the holiday policy moves it) or on a day the clocks change is
    left to the engine; so is everything when the index was not read that far."""
    tz = opt.tz
    minute = start.hour * 60 + start.minute
    day0 = start.date()
    rule_days: set[date] | None = None
    clean = True
    for off, minutes in pattern:
        d = day0 + timedelta(days=off)
        if dst_day(tz, d, dst):
            clean = False
            continue
        if opt.closed(d):
            clean = False
            # the holiday policy moves it to the same time on one of the next days: unless
            # one of them could take it, the engine would say "no free time" (skip it here)
            if rule_days is None:
                rule_days = {day0 + timedelta(days=o) for o, _m in pattern}
            if not _later_day(opt, masks, hours, d, minute, minutes, rule_days, dst):
                return _REFUSED
            continue
        wd = d.weekday()
        if minute not in opt.start_set(wd, minutes):
            return _REFUSED
        bits = ((1 << minutes) - 1) << minute
        if hours is not None and hours[wd] & bits != bits:
            return _REFUSED
        for m in masks:
            if m.get(d, 0) & bits:
                return _REFUSED
    return _CLEAN if clean else _ENGINE


def _later_day(
    opt: Option,
    masks: list[dict[date, int]],
    hours: list[int] | None,
    closed_day: date,
    minute: int,
    minutes: int,
    rule_days: set[date],
    dst: dict[tuple[str, date], bool],
) -> bool:
    """Whether some later day within the plan's reach of a move could take the session at the
    same time (what the engine's next-working-day search needs at the least)."""
    bits = ((1 << minutes) - 1) << minute
    for k in range(1, MAX_SHIFT_DAYS + 1):
        d = closed_day + timedelta(days=k)
        if dst_day(opt.tz, d, dst):
            return True  # the engine decides
        if opt.closed(d) or d in rule_days:
            continue
        wd = d.weekday()
        if minute not in opt.start_set(wd, minutes):
            continue
        if hours is not None and hours[wd] & bits != bits:
            continue
        if any(m.get(d, 0) & bits for m in masks):
            continue
        return True
    return False


def _confirm(
    entry: Entry, opt: Option, occ: Occupancy, local: datetime, now: datetime, *, clean: bool
) -> Candidate | None:
    """Step 2: the engine's proposal from ``local``, bookable, first session still ahead.

    A ``clean`` start (step 1 saw every session free at its rule time) is not proposed now:
    the engine would place every session there, so only the first one's time is checked."""
    tz = opt.tz

    def layout() -> Proposal:
        spec = _spec(entry, local, tz.key)
        source: BusySource = occ.source(
            opt.practitioner.id, opt.room.id if opt.room else None, entry.patient.id
        )
        if entry.hours is not None:
            source = Unavailable(source, entry.hours, tz)
        return propose(spec, opt.calendar, source)

    ahead = now + LEAD
    args = (entry.id, opt.practitioner, opt.location, opt.room, local, tz.key)
    if clean:
        first = to_utc(local, tz)
        return Candidate(*args, first, layout) if first > ahead else None
    try:
        proposal = layout()
    except PlannerError:  # a later phase on a weekday or hour this practitioner never works
        return None
    if not proposal.bookable:
        return None
    placed = [p.utc_start for p in proposal.sessions if p.utc_start is not None]
    if not placed or min(placed) <= ahead:
        return None
    return Candidate(*args, min(placed), layout, proposal)
