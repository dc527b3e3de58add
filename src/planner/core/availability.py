"""When a waiting patient can come ("Tuesday or Thursday, 08:00-12:00"), as the engine sees it.

A waitlist entry says on which weekdays and at what times of day the patient can come. The
engine needs no new rule for it: :class:`Unavailable` wraps the plan's busy source and adds
the rest of each day as busy time of the patient. A regular session outside the patient's
times then conflicts (the plan is not bookable from that start), and a session that a public
holiday moves is moved by the plan's own holiday policy to the first later day on which the
patient can come, or not at all. So the new-plan dialog, the booking transaction and the
waitlist's search all give the same answer for the same start.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from planner.core.calendars import Interval, WeeklyHours
from planner.core.domain import Busy
from planner.core.engine import BusySource
from planner.core.i18n import N_
from planner.core.phrases import Clock, Joined, Phrase, Weekday, phrase
from planner.core.timeutil import END_OF_DAY, to_local, to_utc
from planner.errors import BadInput

UNAVAILABLE = "unavailable"
"""The :attr:`Busy.resource` of the hours a waiting patient cannot come."""


def patient_hours(weekdays: Iterable[int] | None, windows: Sequence[Interval]) -> WeeklyHours:
    """The weekly hours a patient can come: ``windows`` (any time when empty) on ``weekdays``
    (every day when None)."""
    days = sorted(set(range(7) if weekdays is None else weekdays))
    if not days:
        raise BadInput("choose at least one weekday the patient can come")
    spans = tuple(sorted(windows)) or ((time(0), END_OF_DAY),)
    for a, b in spans:
        if b <= a:
            raise BadInput(f"the time span {a:%H:%M}-{b:%H:%M} ends before it starts")
    for (_a1, b1), (a2, _b2) in pairwise(spans):
        if a2 < b1:
            raise BadInput("the patient's time spans overlap; give each span once")
    return WeeklyHours(tuple(spans if d in days else () for d in range(7)))


def hours_said(hours: WeeklyHours) -> Phrase:
    """``tue, thu 08:00-12:00`` / ``tir., tor. 08:00–12:00``: the patient's times, said."""
    parts: list[Phrase | str] = []
    for runs, spans in hours.runs():
        days = [d for run in runs for d in run]
        every = len(days) == 7
        times = Joined(
            tuple(
                phrase(N_("any time"))
                if (a, b) == (time(0), END_OF_DAY)
                else phrase(N_("{start}-{end}"), start=Clock(a), end=_end_clock(b))
                for a, b in spans
            ),
            " ",
        )
        if every:
            parts.append(phrase(N_("every day {times}"), times=times))
        else:
            parts.append(
                phrase(
                    N_("{days} {times}"),
                    days=Joined(tuple(phrase("{d}", d=Weekday(d)) for d in days), ", "),
                    times=times,
                )
            )
    return phrase("{parts}", parts=Joined(tuple(parts), "; "))


def _end_clock(t: time) -> Clock | str:
    return "24:00" if t == END_OF_DAY else Clock(t)


def fits_hours(hours: WeeklyHours, local: datetime, minutes: int) -> bool:
    """Whether a session of ``minutes`` from ``local`` lies inside the patient's times."""
    end = local + timedelta(minutes=minutes)
    if end.date() != local.date():
        return (
            end.date() == local.date() + timedelta(days=1)
            and end.time() == time(0)
            and (hours.fits(local.weekday(), local.time(), END_OF_DAY))
        )
    return hours.fits(local.weekday(), local.time(), end.time())


def _gaps(spans: Sequence[Interval]) -> list[tuple[time, time | None]]:
    """The parts of a day outside ``spans`` (None: up to midnight)."""
    out: list[tuple[time, time | None]] = []
    at = time(0)
    for a, b in spans:
        if a > at:
            out.append((at, a))
        at = b
    if at != END_OF_DAY:
        out.append((at, None))
    return out


class Unavailable:
    """A busy source: ``inner``'s bookings plus the times the patient cannot come.

    The patient's times are wall-clock times in the location's zone ``tz``; each day outside
    them is reported as :class:`Busy` of the resource :data:`UNAVAILABLE`.
    """

    def __init__(self, inner: BusySource, hours: WeeklyHours, tz: ZoneInfo) -> None:
        self.inner = inner
        self.hours = hours
        self.tz = tz
        self.said = phrase(N_("the patient can come {times}"), times=hours_said(hours))
        self._days: dict[date, list[Busy]] = {}

    def fetch(self, windows: Sequence[tuple[datetime, datetime]]) -> list[Busy]:
        out = list(self.inner.fetch(windows))
        seen: set[int] = set()
        for lo, hi in windows:
            day = to_local(lo, self.tz).date()
            last = to_local(hi, self.tz).date()
            while day <= last:
                for b in self.day(day):
                    if b.start_utc < hi and b.end_utc > lo and id(b) not in seen:
                        seen.add(id(b))
                        out.append(b)
                day += timedelta(days=1)
        return out

    def day(self, d: date) -> list[Busy]:
        """The times of local day ``d`` the patient cannot come, as busy time (kept)."""
        got = self._days.get(d)
        if got is None:
            got = []
            for a, b in _gaps(self.hours.days[d.weekday()]):
                start = to_utc(datetime.combine(d, a), self.tz)
                end = to_utc(
                    datetime.combine(d + timedelta(days=1), time(0))
                    if b is None
                    else datetime.combine(d, b),
                    self.tz,
                )
                if end > start:
                    got.append(Busy(start, end, UNAVAILABLE, None, self.said))
            self._days[d] = got
        return got
