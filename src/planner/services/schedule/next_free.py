"""The "next free slot" fix of the new-plan dialog.

:func:`next_free_start` is the earliest start from which every session of the plan is free,
found with the booking service's own preview, so the answer is exactly what booking accepts.
The booking service (and with it SQLAlchemy) is imported when the search runs, not with this
module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from planner.core.timeutil import strict_utc, zone
from planner.errors import InvalidTime, PlannerError

if TYPE_CHECKING:
    from planner.core.calendars import ClinicCalendar
    from planner.db.store import Store
    from planner.services.booking.plans import PlanRequest


def next_free_start(
    store: Store,
    request: PlanRequest,
    *,
    days: int = 28,
    step_min: int = 15,
    cancelled: Callable[[], bool] | None = None,
) -> datetime | None:
    """The earliest start, from the request's own, at which every session of the plan fits.

    Candidates run day by day from the requested day: first the requested time of day, then
    the other quarter hours of the practitioner's working hours. A candidate whose first
    session is outside hours or taken is skipped cheaply; the rest go through the booking
    service's preview, so the answer is exactly what :func:`booking.plans.book` will accept.
    Returns the local wall-clock start, or None when nothing fits within ``days``.
    """
    from planner.services.booking.plans import plan_context

    ctx = plan_context(store, request)
    tz = zone(ctx.spec.tz)
    cal = ctx.calendar
    first_len = ctx.spec.phases[0].duration_min
    start = ctx.spec.start
    step = timedelta(minutes=step_min)
    for d in range(days):
        day = start.date() + timedelta(days=d)
        if cal.closed_reason(day) is not None:
            continue
        for local in day_candidates(cal, day, start.time(), first_len, step):
            if cancelled is not None and cancelled():
                return None
            if d == 0 and local < start:
                continue
            if fits_at(store, request, local, tz):
                return local
    return None


def fits_at(store: Store, request: PlanRequest, local: datetime, tz: ZoneInfo) -> bool:
    """Whether the whole plan, started at ``local``, can be booked."""
    from planner.services.booking.plans import preview

    try:
        strict_utc(local, tz)
    except InvalidTime:
        return False
    try:
        pv = preview(store, replace(request, start=local))
    except PlannerError:
        return False
    return pv.proposal.bookable


def day_candidates(
    cal: ClinicCalendar, day: date, preferred: time, minutes: int, step: timedelta
) -> list[datetime]:
    """The starts on ``day`` at which a first session of ``minutes`` is inside hours.

    Every ``step`` through the practitioner's working hours (else the opening hours), the
    preferred time of day first, then the rest in time order.
    """
    hours = cal.working or cal.opening
    length = timedelta(minutes=minutes)
    out: list[datetime] = []
    for a, b in hours.days[day.weekday()]:
        t = _round_up(datetime.combine(day, a), step)
        while (t + length).time() <= b and (t + length).date() == day:
            if cal.hours_reason(t, t + length) is None:
                out.append(t)
            t += step
    pref = datetime.combine(day, preferred)
    out.sort(key=lambda x: (x != pref, x))
    return out


def _round_up(t: datetime, step: timedelta) -> datetime:
    minutes = step.seconds // 60
    rem = t.minute % minutes
    return t + timedelta(minutes=minutes - rem) if rem else t
