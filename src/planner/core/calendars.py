"""Clinic calendars: opening hours, practitioners' working hours, public holidays, closures.

A :class:`ClinicCalendar` answers two questions for the series engine, both in local
wall-clock time: is this day closed (public holiday, closure), and does this session fit in
the location's opening hours and the practitioner's working hours there?
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Any
from zoneinfo import ZoneInfo

import holidays as holidays_lib

from planner.core.domain import WEEKDAYS, Reason, weekday_index
from planner.core.i18n import N_
from planner.core.phrases import Clock, Day, HolidayName, Phrase, Weekday, WeekdayTime, phrase
from planner.core.timeutil import END_OF_DAY, clock_text, parse_clock
from planner.errors import BadInput

Interval = tuple[time, time]


@dataclass(frozen=True)
class WeeklyHours:
    """Hours per weekday (0 = Monday), each a sorted tuple of (start, end) intervals."""

    days: tuple[tuple[Interval, ...], ...] = ((),) * 7

    @classmethod
    def parse(cls, texts: str | Iterable[str]) -> WeeklyHours:
        """Parse ``mon-fri 08:00-18:00; sat 09:00-13:00`` (several texts add up).

        A group is weekdays (``mon-fri``, ``mon,wed``, ``daily``) then one or more intervals;
        groups are separated by ``;``. A later group replaces the hours of its weekdays.
        """
        if isinstance(texts, str):
            texts = [texts]
        days: list[tuple[Interval, ...]] = [()] * 7
        any_group = False
        for text in texts:
            for group in text.split(";"):
                group = group.strip()
                if not group:
                    continue
                any_group = True
                parts = group.split()
                if len(parts) < 2:
                    raise BadInput(
                        f"cannot read the hours '{group}'; write them as 'mon-fri 08:00-18:00' "
                        "(groups separated by ';')"
                    )
                weekdays = _parse_day_set(parts[0])
                intervals = tuple(sorted(_parse_interval(p) for p in parts[1:]))
                for a, b in itertools.pairwise(intervals):
                    if b[0] < a[1]:
                        raise BadInput(f"the hours in '{group}' overlap")
                for d in weekdays:
                    days[d] = intervals
        if not any_group:
            raise BadInput("no hours given; write them as 'mon-fri 08:00-18:00'")
        return cls(tuple(days))

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> WeeklyHours:
        days: list[tuple[Interval, ...]] = [()] * 7
        for key, intervals in (data or {}).items():
            days[int(key)] = tuple((parse_clock(a), parse_clock(b)) for a, b in intervals)
        return cls(tuple(days))

    def to_json(self) -> dict[str, list[list[str]]]:
        return {
            str(d): [[clock_text(a), clock_text(b)] for a, b in ivs]
            for d, ivs in enumerate(self.days)
            if ivs
        }

    def fits(self, weekday: int, start: time, end: time) -> bool:
        """Whether ``start``-``end`` on ``weekday`` lies inside one interval."""
        return any(a <= start and end <= b for a, b in self.days[weekday])

    def works_on(self, weekday: int) -> bool:
        return bool(self.days[weekday])

    def __str__(self) -> str:
        """``mon-fri 08:00-18:00; sat 09:00-13:00``: days with equal hours written together.

        Runs of days become ranges (``mon-fri``), others are listed (``mon,wed,fri``); the
        text parses back to the same hours.
        """
        parts = []
        for runs, ivs in self.runs():
            spans = " ".join(f"{clock_text(a)}-{clock_text(b)}" for a, b in ivs)
            days = ",".join(
                WEEKDAYS[r[0]] if len(r) == 1 else f"{WEEKDAYS[r[0]]}-{WEEKDAYS[r[-1]]}"
                for r in runs
            )
            parts.append(f"{days} {spans}")
        return "; ".join(parts) if parts else "no hours"

    def runs(self) -> list[tuple[list[list[int]], tuple[Interval, ...]]]:
        """The days with equal hours, as runs of consecutive weekdays, and those hours: for
        ``mon-fri 08:00-16:00; sat 09:00-13:00``, ``[([[0..4]], (08-16,)), ([[5]], (09-13,))]``."""
        groups: dict[tuple[Interval, ...], list[int]] = {}
        for d, ivs in enumerate(self.days):
            if ivs:
                groups.setdefault(ivs, []).append(d)
        out = []
        for ivs, days in sorted(groups.items(), key=lambda kv: kv[1][0]):
            runs: list[list[int]] = []
            for d in days:
                if runs and d == runs[-1][-1] + 1:
                    runs[-1].append(d)
                else:
                    runs.append([d])
            out.append((runs, ivs))
        return out


def _parse_day_set(text: str) -> list[int]:
    t = text.strip().lower()
    if t in ("daily", "all", "every-day", "mon-sun"):
        return list(range(7))
    if t in ("weekdays",):
        return list(range(5))
    out: list[int] = []
    for part in t.split(","):
        if "-" in part:
            a, b = part.split("-", 1)
            i, j = _weekday(a), _weekday(b)
            if j < i:
                raise BadInput(f"weekday range '{part}' runs backwards; write e.g. mon-fri")
            out.extend(range(i, j + 1))
        else:
            out.append(_weekday(part))
    return out


def _weekday(text: str) -> int:
    return weekday_index(text)


_IV_RE = re.compile(r"^(\d{1,2}:?\d{2})-(\d{1,2}:?\d{2})$")


def _parse_interval(text: str) -> Interval:
    m = _IV_RE.match(text.strip())
    if not m:
        raise BadInput(f"cannot read the time span '{text}'; write it as 08:00-16:30")
    a, b = parse_clock(m.group(1)), parse_clock(m.group(2))
    if b <= a:
        raise BadInput(f"the time span '{text}' ends before it starts")
    return a, b


DEFAULT_OPENING = WeeklyHours.parse("mon-fri 08:00-18:00")


def holiday_calendar(
    country: str | None, subdivision: str | None
) -> holidays_lib.HolidayBase | None:
    """The public holidays of a country (ISO 3166 code) and optional subdivision."""
    if not country:
        if subdivision:
            raise BadInput("a holiday subdivision needs a country (--country)")
        return None
    code = country.strip().upper()
    supported = holidays_lib.list_supported_countries()
    if code not in supported:
        raise BadInput(
            f"no public-holiday calendar for country '{country}'; use an ISO 3166 code "
            "such as NO, SE, DK, GB, US, AU"
        )
    if subdivision and subdivision not in supported[code]:
        options = ", ".join(supported[code][:30])
        raise BadInput(f"'{subdivision}' is not a subdivision of {code}; use one of: {options}")
    found = holidays_lib.country_holidays(code, subdiv=subdivision or None)
    if "en_US" in getattr(found, "supported_languages", ()):
        # English whatever the machine's locale: the command line and the logs stay English,
        # and the window names a holiday in its own language (planner.core.phrases).
        return holidays_lib.country_holidays(code, subdiv=subdivision or None, language="en_US")
    return found


@dataclass(frozen=True)
class ClosureSpan:
    """Whole days (inclusive) on which a location is closed."""

    first: date
    last: date
    reason: str


@dataclass
class ClinicCalendar:
    """What the engine needs to know about one location and one practitioner."""

    tz: ZoneInfo
    opening: WeeklyHours = DEFAULT_OPENING
    working: WeeklyHours | None = None
    country: str | None = None
    subdivision: str | None = None
    closures: Sequence[ClosureSpan] = ()
    location_name: str = "the clinic"
    practitioner_name: str = "the practitioner"
    _closed_cache: dict[date, Reason | None] = field(default_factory=dict, repr=False)

    @cached_property
    def _holidays(self) -> holidays_lib.HolidayBase | None:
        return holiday_calendar(self.country, self.subdivision)

    def holiday_name(self, day: date) -> str | None:
        h = self._holidays
        if h is None:
            return None
        name = h.get(day)
        return str(name) if name else None

    def holiday(self, day: date) -> HolidayName | None:
        """The day's public holiday, to be named in any reader's language."""
        name = self.holiday_name(day)
        if name is None or not self.country:
            return None
        return HolidayName(self.country.strip().upper(), self.subdivision or None, day, name)

    def closed_reason(self, day: date) -> Reason | None:
        """A reason when the whole day is closed (public holiday or closure)."""
        if day in self._closed_cache:
            return self._closed_cache[day]
        reason: Reason | None = None
        holiday = self.holiday(day)
        if holiday:
            reason = Reason.of(
                "holiday", N_("{day} is a public holiday ({name})"), day=Day(day), name=holiday
            )
        else:
            for c in self.closures:
                if c.first <= day <= c.last:
                    if c.reason:
                        reason = Reason.of(
                            "closure",
                            N_("{location} is closed on {day} ({why})"),
                            location=self.location_name,
                            day=Day(day),
                            why=c.reason,
                        )
                    else:
                        reason = Reason.of(
                            "closure",
                            N_("{location} is closed on {day}"),
                            location=self.location_name,
                            day=Day(day),
                        )
                    break
        self._closed_cache[day] = reason
        return reason

    def hours_reason(self, start: datetime, end: datetime) -> Reason | None:
        """A reason when a session does not fit opening or working hours."""
        wd = start.weekday()
        end_t = session_end(start, end)
        if end_t is None or not self.opening.fits(wd, start.time(), end_t):
            return Reason.of(
                "outside-opening-hours",
                N_("{start}-{end} is outside the opening hours of {location} ({hours})"),
                start=WeekdayTime(start),
                end=Clock(end),
                location=self.location_name,
                hours=_day_hours(self.opening, wd),
            )
        if self.working is not None and not self.working.fits(wd, start.time(), end_t):
            return Reason.of(
                "outside-working-hours",
                N_("{practitioner} does not work {start}-{end} at {location} ({hours})"),
                practitioner=self.practitioner_name,
                start=WeekdayTime(start),
                end=Clock(end),
                location=self.location_name,
                hours=_day_hours(self.working, wd),
            )
        return None


def session_end(start: datetime, end: datetime) -> time | None:
    """A session's end as a time of its start's day (midnight is 24:00); None past that."""
    if end.date() == start.date():
        return end.time()
    if end == datetime.combine(start.date() + timedelta(days=1), time(0)):
        return END_OF_DAY
    return None


def _day_hours(hours: WeeklyHours, wd: int) -> Phrase:
    ivs = hours.days[wd]
    if not ivs:
        return phrase(N_("no hours on {weekday}"), weekday=Weekday(wd))
    spans = " ".join(f"{clock_text(a)}-{clock_text(b)}" for a, b in ivs)
    return phrase(N_("{weekday} {hours}"), weekday=Weekday(wd), hours=spans)
