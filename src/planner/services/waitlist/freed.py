"""After the schedule changes: which time was freed, and which waiting patients now fit it.

The change log (:class:`~planner.db.models.Change`) says what every desk did. From the
changes after a given id, :func:`freed_since` reads the time that may have opened up:

* a session cancelled, moved, given to another practitioner or removed (its old time);
* a closure removed or shortened (its days, at its location);
* a practitioner's hours at a location added or changed, a location's opening hours
  changed, or a practitioner's calendar imported again (any time, for them or the location).

:func:`rematch` then matches again only the open entries that could use that time (the
practitioner or location is one they can be booked with, the days are in reach of their
series, the times of day are theirs) and keeps those whose candidates do use it: "2 waitlist
patients fit the time freed by this cancellation". Nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.core.domain import PlanSpec
from planner.core.timeutil import to_local, to_utc, utcnow, zone
from planner.db.models import Appointment, Change, Location, WaitlistEntry
from planner.db.store import Store
from planner.services.waitlist.entries import OPEN, Entry, read_entries
from planner.services.waitlist.matching import (
    DEFAULT_LIMIT,
    Candidate,
    ClinicIndex,
    EntryMatch,
    Option,
    entry_options,
    match_in,
    offsets,
    reach,
)

CANCELLED = "cancelled"
MOVED = "moved"
CLOSURE = "closure"
HOURS = "hours"
IMPORT = "import"


@dataclass(frozen=True)
class Freed:
    """Time that may have opened up: for a practitioner (None: anyone at the location), at a
    location (None: wherever), between two UTC instants (None: at any time)."""

    cause: str
    """:data:`CANCELLED`, :data:`MOVED`, :data:`CLOSURE`, :data:`HOURS` or :data:`IMPORT`."""
    practitioner_id: int | None
    location_id: int | None
    start_utc: datetime | None = None
    end_utc: datetime | None = None

    def overlaps(self, lo: datetime, hi: datetime) -> bool:
        if self.start_utc is None or self.end_utc is None:
            return True
        return lo < self.end_utc and hi > self.start_utc

    def concerns(self, practitioner_id: int, location_id: int) -> bool:
        return (self.practitioner_id in (None, practitioner_id)) and (
            self.location_id in (None, location_id)
        )


@dataclass
class Rematch:
    """What :func:`rematch_since` found: the last change read, the freed time, and the entries
    whose candidates now use it (urgent first, then by waiting time)."""

    last_change: int
    freed: list[Freed]
    matches: list[EntryMatch]

    @property
    def cause(self) -> str | None:
        """The one cause of the freed time, or None when there were several."""
        causes = {f.cause for f in self.freed}
        return causes.pop() if len(causes) == 1 else None


def last_change(store: Store) -> int:
    """The id of the newest change (0 when there is none): where to read from next time."""
    with store.read() as s:
        return int(s.scalar(select(func.max(Change.id))) or 0)


def freed_since(store: Store, after: int) -> tuple[int, list[Freed]]:
    """The time the changes after ``after`` may have freed, and the newest change's id."""
    with store.read() as s:
        return _freed(s, after)


def _freed(s: Session, after: int) -> tuple[int, list[Freed]]:
    rows = list(s.scalars(select(Change).where(Change.id > after).order_by(Change.id)))
    last = rows[-1].id if rows else after
    out: list[Freed] = []
    sessions: dict[int, Appointment | None] = {}
    ids = [c.entity_id for c in rows if c.entity == "session" and c.kind == "changed"]
    if ids:
        for a in s.scalars(select(Appointment).where(Appointment.id.in_(ids))):
            sessions[a.id] = a
    for c in rows:
        before, after_values = c.before or {}, c.after or {}
        if c.entity == "session":
            out.extend(_session_freed(c.kind, before, after_values, sessions.get(c.entity_id)))
        elif c.entity == "closure" and c.kind in ("deleted", "changed"):
            loc = before.get("location_id")
            if loc is None and c.kind == "changed":
                loc = after_values.get("location_id")
            first, last_day = before.get("first_day"), before.get("last_day")
            if loc is not None and first and last_day:
                out.append(_days_freed(s, int(loc), first, last_day))
            elif loc is not None:
                out.append(Freed(CLOSURE, None, int(loc)))
        elif c.entity == "workplace" and c.kind in ("created", "changed"):
            pid = (
                after_values.get("practitioner_id") or before.get("practitioner_id") or c.entity_id
            )
            loc = after_values.get("location_id") or before.get("location_id")
            out.append(Freed(HOURS, int(pid), int(loc) if loc is not None else None))
        elif c.entity == "location" and c.kind == "changed" and "opening_hours" in after_values:
            out.append(Freed(HOURS, None, c.entity_id))
        elif c.entity == "practitioner" and c.kind == "changed" and after_values.get("may_needle"):
            out.append(Freed(HOURS, c.entity_id, None))
        elif c.entity == "import":
            target, target_id = after_values.get("target"), after_values.get("target_id")
            if target == "practitioner" and target_id is not None:
                out.append(Freed(IMPORT, int(target_id), None))
            elif target == "location" and target_id is not None:
                out.append(Freed(IMPORT, None, int(target_id)))
    return last, list(dict.fromkeys(out))


def _session_freed(
    kind: str, before: dict[str, Any], after: dict[str, Any], row: Appointment | None
) -> list[Freed]:
    """The time a changed or removed session held before the change, if it let it go."""
    if kind == "deleted":
        return _held(MOVED, before) if before.get("status", "booked") != CANCELLED else []
    if kind != "changed" or row is None:
        return []
    if after.get("status") == CANCELLED and before.get("status") != CANCELLED:
        return [Freed(CANCELLED, row.practitioner_id, row.location_id, row.start_utc, row.end_utc)]
    moved = {"start_local", "practitioner_id", "duration_min", "location_id"} & set(before)
    if not moved or row.status == CANCELLED:
        return []
    old = {
        "practitioner_id": row.practitioner_id,
        "location_id": row.location_id,
        "start_local": row.start_local.isoformat(),
        "tz": row.tz,
        "duration_min": row.duration_min,
        **before,
    }
    return _held(MOVED, old)


def _held(cause: str, values: dict[str, Any]) -> list[Freed]:
    try:
        start = datetime.fromisoformat(str(values["start_local"]))
        tz = zone(str(values["tz"]))
        a = to_utc(start, tz)
        b = a + timedelta(minutes=int(values["duration_min"]))
        return [Freed(cause, int(values["practitioner_id"]), int(values["location_id"]), a, b)]
    except (KeyError, TypeError, ValueError):
        return []


def _days_freed(s: Session, location_id: int, first: str, last: str) -> Freed:
    loc = s.get(Location, location_id)
    tz = zone(loc.tz) if loc is not None else zone("UTC")
    a = to_utc(datetime.combine(date.fromisoformat(first), time(0)), tz)
    b = to_utc(datetime.combine(date.fromisoformat(last) + timedelta(days=1), time(0)), tz)
    return Freed(CLOSURE, None, location_id, a, b)


# -- matching again --------------------------------------------------------------------------


def could_use(entry: Entry, options: Sequence[Option], freed: Freed, now: datetime) -> bool:
    """Whether some series of ``entry`` could take a session in the freed time."""
    for opt in options:
        if not freed.concerns(opt.practitioner.id, opt.location.id):
            continue
        if freed.start_utc is None or freed.end_utc is None:
            return True
        if not any(
            lo < freed.end_utc and hi > freed.start_utc for lo, hi in reach(entry, opt.tz, now)
        ):
            continue
        if entry.hours is None or _hours_overlap(entry, opt, freed):
            return True
    return False


def _hours_overlap(entry: Entry, opt: Option, freed: Freed) -> bool:
    """Whether the freed interval meets the patient's times on one of its local days."""
    assert entry.hours is not None and freed.start_utc is not None and freed.end_utc is not None
    lo, hi = to_local(freed.start_utc, opt.tz), to_local(freed.end_utc, opt.tz)
    day = lo.date()
    while day <= hi.date():
        for a, b in entry.hours.days[day.weekday()]:
            span_lo = datetime.combine(day, a)
            span_hi = (
                datetime.combine(day, b)
                if b != time.max
                else datetime.combine(day + timedelta(days=1), time(0))
            )
            if span_lo < hi and span_hi > lo:
                return True
        day += timedelta(days=1)
    return False


def uses(candidate: Candidate, freed: Sequence[Freed]) -> bool:
    """Whether a candidate has a session in any of the freed time."""
    for f in freed:
        if not f.concerns(candidate.practitioner.id, candidate.location.id):
            continue
        if any(f.overlaps(a, b) for a, b in candidate.spans()):
            return True
    return False


def rematch(
    store: Store, freed: Sequence[Freed], *, now: datetime | None = None, limit: int = DEFAULT_LIMIT
) -> list[EntryMatch]:
    """The open entries that fit the freed time now, each with its candidates that use it.

    Only the entries that could use the time are matched, and for them only the starts from
    which a session can reach it (a session on its day, or moved onto it by a holiday)."""
    now = now or utcnow()
    if not freed:
        return []
    with store.read() as s:
        entries = [
            e for e in read_entries(s, ids=_touched(s, freed, now)) if e.expires_on >= now.date()
        ]
        if not entries:
            return []
        whose = {f.practitioner_id for f in freed}
        clinic = ClinicIndex(s, None if None in whose else {p for p in whose if p is not None})
        # whom to try: only the practitioners (at the locations) whose time was freed, so the
        # index is read for them alone
        concerned = {
            e.id: [
                o
                for o in entry_options(clinic, e)
                if any(f.concerns(o.practitioner.id, o.location.id) for f in freed)
            ]
            for e in entries
        }
        wanted = [e for e in entries if any(could_use(e, concerned[e.id], f, now) for f in freed)]
        matches = match_in(
            s,
            wanted,
            now=now,
            limit=limit,
            clinic=clinic,
            only=lambda e: _reaching(e, freed),
            options_of=lambda e: concerned[e.id],
        )
    return [m for m in matches if any(uses(c, freed) for c in m.candidates)]


def _touched(s: Session, freed: Sequence[Freed], now: datetime) -> list[int]:
    """The open entries that could be booked with a practitioner or at a location whose time
    was freed (read from the entries' own columns, before anything else is read)."""
    rows = s.execute(
        select(WaitlistEntry.id, WaitlistEntry.practitioner_ids, WaitlistEntry.location_id).where(
            WaitlistEntry.status == OPEN, WaitlistEntry.expires_on >= now.date()
        )
    )
    out = []
    for ident, named, location in rows:
        for f in freed:
            if f.location_id is not None and location not in (None, f.location_id):
                continue
            if f.practitioner_id is not None and named and f.practitioner_id not in named:
                continue
            out.append(ident)
            break
    return out


def _reaching(entry: Entry, freed: Sequence[Freed]) -> Callable[[Option, date], bool]:
    """Which (option, start day) pairs can put a session of ``entry`` in the freed time."""
    offs = offsets(entry)
    shift = PlanSpec(start=datetime(2001, 1, 1), tz="UTC", phases=entry.phases).max_shift_days
    cache: dict[int, set[date] | None] = {}

    def days_for(opt: Option) -> set[date] | None:
        key = id(opt)
        if key not in cache:
            days: set[date] | None = set()
            for f in freed:
                if not f.concerns(opt.practitioner.id, opt.location.id):
                    continue
                if f.start_utc is None or f.end_utc is None:
                    days = None
                    break
                lo, hi = to_local(f.start_utc, opt.tz).date(), to_local(f.end_utc, opt.tz).date()
                d = lo
                while d <= hi:
                    assert days is not None
                    days.update(d - timedelta(days=o + k) for o in offs for k in range(shift + 1))
                    d += timedelta(days=1)
            cache[key] = days
        return cache[key]

    def reaches(opt: Option, day: date) -> bool:
        days = days_for(opt)
        return days is None or day in days

    return reaches


def rematch_since(store: Store, after: int, *, now: datetime | None = None) -> Rematch:
    """:func:`freed_since` and :func:`rematch` in one: what the window runs after a change."""
    last, freed = freed_since(store, after)
    return Rematch(last, freed, rematch(store, freed, now=now))
