"""Find a free time: the next few starts from which a whole plan fits, by weekday and hours.

The desk asks "when can Kari see a new patient for nine Tuesdays, mornings?" before (or while)
the patient is on the phone. :func:`free_starts` walks the days from the requested start and
tries the quarter hours of the practitioner's working hours that lie in the wanted weekdays
and time of day. Each candidate goes through the booking service's own preview, so a start it
offers is one that booking accepts (the whole series, with holidays, closures, the room, the
patient's other sessions and the practitioner's imported busy time). The practitioner's,
room's and patient's bookings over the whole search are read once first, so a candidate whose
first session is taken is skipped without a preview.

One start is offered per free stretch (10:00 when 10:00 to 12:00 is free, not 10:00, 10:15,
10:30 ...): a list of different times to offer the patient.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from planner.core.engine import propose
from planner.core.timeutil import strict_utc, zone
from planner.errors import BadInput, InvalidTime, PlannerError
from planner.services.schedule.next_free import day_candidates, fits_at

if TYPE_CHECKING:
    from planner.core.calendars import ClinicCalendar
    from planner.core.domain import Busy, PlanSpec
    from planner.db.store import Store
    from planner.services.booking.plans import PlanRequest

MAX_DAYS = 366
LONGEST_HELD = timedelta(days=1)
"""Nothing that holds a resource is stored longer than this (see ``BLOCKED_TIME_MAX_MINUTES``)."""


def free_starts(
    store: Store,
    request: PlanRequest,
    *,
    weekdays: Collection[int] | None = None,
    earliest: time | None = None,
    latest: time | None = None,
    count: int = 6,
    days: int = 56,
    step_min: int = 15,
    cancelled: Callable[[], bool] | None = None,
) -> list[datetime]:
    """Up to ``count`` local starts, from the request's own, at which every session fits.

    ``weekdays`` (0 = Monday) and the time of day ``earliest``-``latest`` (the first
    session starts at or after ``earliest`` and ends by ``latest``) narrow the search; the
    search looks ``days`` days ahead. Raises BadInput for a request that cannot be previewed
    (as the booking service would) or an empty weekday choice.
    """
    from planner.services.booking.plans import plan_context

    if weekdays is not None and not set(weekdays) & set(range(7)):
        raise BadInput("choose at least one weekday to search")
    if earliest is not None and latest is not None and latest <= earliest:
        raise BadInput("the time of day ends before it starts; check the hours")
    if not 1 <= days <= MAX_DAYS:
        raise BadInput(f"search between 1 and {MAX_DAYS} days ahead")
    ctx = plan_context(store, request)  # from any time of day: each candidate is checked
    tz = zone(ctx.spec.tz)
    cal = ctx.calendar
    minutes = ctx.spec.phases[0].duration_min
    length = timedelta(minutes=minutes)
    start = ctx.spec.start
    step = timedelta(minutes=step_min)
    held = _held(store, request, start, days + _plan_days(ctx.spec), tz)
    memory = _HeldTimes(held)
    found: list[datetime] = []
    for d in range(days):
        day = start.date() + timedelta(days=d)
        if (weekdays is not None and day.weekday() not in weekdays) or cal.closed_reason(day):
            continue
        stretch: datetime | None = None
        """The last candidate of the free stretch whose first start was offered."""
        for local in sorted(day_candidates(cal, day, start.time(), minutes, step)):
            if cancelled is not None and cancelled():
                return found
            if local < start or not _in_hours(local, length, earliest, latest):
                continue
            if _taken(local, length, tz, held):
                stretch = None
                continue
            if stretch is not None and local - stretch == step:
                stretch = local  # the same free stretch: its first start is offered already
                continue
            if _fits_in_memory(ctx.spec, cal, memory, local) and fits_at(store, request, local, tz):
                found.append(local)
                stretch = local
                if len(found) >= count:
                    return found
    return found


def _plan_days(spec: PlanSpec) -> int:
    """At most how many days the plan spans from its first session (its follow-up a year on,
    say), with room for sessions that holidays or taken times push later."""
    weeks = sum(p.after_weeks + p.weeks * p.every_weeks for p in spec.phases)
    return weeks * 7 + 60


class _HeldTimes:
    """The bookings read once, sorted by start: the engine's busy source for every candidate.

    A window's bookings are found by bisecting on the start (nothing held is longer than a
    day: sessions are at most a few hours, imported busy time is stored in day-long pieces).
    """

    def __init__(self, items: list[Busy]) -> None:
        self.items = sorted(items, key=lambda b: b.start_utc)
        self.starts = [b.start_utc for b in self.items]

    def fetch(self, windows: Sequence[tuple[datetime, datetime]]) -> list[Busy]:
        out: list[Busy] = []
        for lo, hi in windows:
            i = bisect_left(self.starts, lo - LONGEST_HELD)
            j = bisect_left(self.starts, hi)
            out += [b for b in self.items[i:j] if b.end_utc > lo]
        return out


def _fits_in_memory(spec: PlanSpec, cal: ClinicCalendar, held: _HeldTimes, local: datetime) -> bool:
    """Whether every session fits, checked by the engine against the bookings read once.

    The cheap filter: the booking service's own preview then confirms each start offered
    (it reads the database, so it also sees what another desk booked meanwhile).
    """
    try:
        return propose(replace(spec, start=local), cal, held).bookable
    except PlannerError:  # a later phase on a weekday or hour never worked from this start
        return False


def _in_hours(local: datetime, length: timedelta, lo: time | None, hi: time | None) -> bool:
    if lo is not None and local.time() < lo:
        return False
    end = local + length
    return hi is None or (end.date() == local.date() and end.time() <= hi)


def _taken(local: datetime, length: timedelta, tz: ZoneInfo, held: list[Busy]) -> bool:
    """Whether the first session would overlap something already held (a cheap pre-check)."""
    try:
        a = strict_utc(local, tz)
    except InvalidTime:
        return True
    b = a + length
    return any(x.start_utc < b and x.end_utc > a for x in held)


def _held(
    store: Store, request: PlanRequest, start: datetime, days: int, tz: ZoneInfo
) -> list[Busy]:
    """Everything that holds the practitioner, the room or the patient over the search."""
    from planner.services.booking.conflicts import DbBookings

    lo = strict_utc(datetime.combine(start.date(), time(12)), tz) - timedelta(days=1)
    hi = lo + timedelta(days=days + 2)
    with store.read() as s:
        bookings = DbBookings(
            s,
            practitioner_id=request.practitioner_id,
            patient_id=request.patient_id,
            room_id=request.room_id,
        )
        return bookings.fetch([(lo, hi)])
