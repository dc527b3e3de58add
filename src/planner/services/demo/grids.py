"""Occupancy grids: a day as one Python ``int`` whose bits are 5-minute cells.

Bit ``c`` of a day's grid is the cell that starts ``c * 5`` minutes after midnight. A session of
``n`` cells starting in cell ``c`` is the mask ``cells(n, c)``; whether a plan fits is decided
with a handful of bitwise operations on such masks (see the package's docstring). The grids of
a practitioner or a room are lists indexed by day index (``Days``): day ``i`` is ``base + i``.

The functions here are pure; ``Room``, ``Prac`` and ``Loc`` hold the grids the generator fills.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from planner.core.calendars import WeeklyHours
from planner.core.domain import Profession

CELL_MIN = 5
CELLS_PER_DAY = 24 * 60 // CELL_MIN
QUARTERS = sum(1 << c for c in range(0, CELLS_PER_DAY, 15 // CELL_MIN))
"""Sessions start on the quarter hour."""


def hours_cells(h: WeeklyHours, wd: int) -> int:
    """The cells of weekday ``wd`` that lie wholly within the hours ``h``."""
    mask = 0
    for a, b in h.days[wd]:
        ca = -(-(a.hour * 60 + a.minute) // CELL_MIN)
        cb = (b.hour * 60 + b.minute) // CELL_MIN
        if b >= time(23, 59):
            cb = CELLS_PER_DAY
        for c in range(ca, cb):
            mask |= 1 << c
    return mask


def cells(n: int, c: int) -> int:
    """The mask of a session of ``n`` cells that starts in cell ``c``."""
    return ((1 << n) - 1) << c


def spread(occ: int, n: int) -> int:
    """Start cells from which a session of ``n`` cells would touch a set bit of ``occ``."""
    r = occ
    for k in range(1, n):
        r |= occ >> k
    return r


def spread_by_length(groups: dict[int, int]) -> int:
    """Start cells that are blocked for some length: ``groups`` maps cells to an occupancy."""
    blocked = 0
    for n, g in groups.items():
        blocked |= spread(g, n)
    return blocked


def runs(mask: int, n: int) -> int:
    """Start cells from which ``n`` cells all lie in ``mask`` (one run of consecutive cells)."""
    r = mask
    for k in range(1, n):
        r &= mask >> k
    return r


def near_bookings(busy: int, n: int) -> int:
    """Start cells for a session of ``n`` cells that leave a gap of under a quarter of an hour
    (one to three cells) before or after a booking in ``busy``."""
    return (
        (busy << 1)
        | (busy << 2)
        | (busy << 3)
        | (busy >> n)
        | (busy >> (n + 1))
        | (busy >> (n + 2))
    )


def bits(x: int) -> list[int]:
    """The indices of the set bits of ``x``, lowest first."""
    out = []
    while x:
        low = x & -x
        out.append(low.bit_length() - 1)
        x ^= low
    return out


def order(cand: int, near: int, rng: random.Random) -> list[int]:
    """Start cells to try, best first: next to existing bookings (random among them), then
    anywhere. Packing sessions together leaves free time in runs, for later weekly series."""
    best = cand & near
    first = bits(best)
    rng.shuffle(first)
    rest = bits(cand & ~near)
    rng.shuffle(rest)
    return first + rest


def working_minutes(hours: WeeklyHours, opening: WeeklyHours) -> float:
    """Minutes a week within both ``hours`` and the ``opening`` hours."""
    capacity = 0.0
    for wd in range(7):
        capacity += (hours_cells(hours, wd) & hours_cells(opening, wd)).bit_count()
    return capacity * CELL_MIN


class Days:
    """The day index: day ``i`` is ``base + i``; the grids are lists indexed by it."""

    def __init__(self, base: date, ndays: int, tz: ZoneInfo) -> None:
        self.base = base
        self.ndays = ndays
        self.tz = tz
        self.dt = [datetime.combine(base + timedelta(days=i), time()) for i in range(ndays)]
        """Local midnight of each day."""
        self.wd = [(base + timedelta(days=i)).weekday() for i in range(ndays)]
        self._utc_off: list[timedelta | None] = [None] * ndays
        self._cell_td = [timedelta(minutes=c * CELL_MIN) for c in range(CELLS_PER_DAY + 1)]

    def day(self, idx: int) -> date:
        return self.base + timedelta(days=idx)

    def index(self, d: date) -> int:
        return (d - self.base).days

    def at(self, idx: int, cell: int) -> datetime:
        """The local time of cell ``cell`` on day ``idx``."""
        return self.dt[idx] + self._cell_td[cell]

    def utc(self, idx: int, local: datetime) -> datetime:
        """``local`` (a naive time on day ``idx``) in UTC, naive."""
        # The zone's offset at noon holds for every session of the day: daylight saving
        # changes happen at night, far outside opening hours (08:00-18:00).
        off = self._utc_off[idx]
        if off is None:
            noon = self.dt[idx].replace(hour=12, tzinfo=self.tz)
            off = noon.utcoffset()
            assert off is not None
            self._utc_off[idx] = off
        return local - off


@dataclass
class Room:
    id: int
    occ: list[int]


@dataclass
class Loc:
    idx: int
    id: int
    name: str
    opening: WeeklyHours
    closed: bytearray
    """1 on the day indices the location is closed (public holidays, closures)."""
    rooms: list[Room] = field(default_factory=list)


@dataclass
class Prac:
    idx: int
    id: int
    name: str
    profession: Profession
    may_needle: bool
    locs: list[int]
    hours: dict[int, WeeklyHours]
    occ: list[int]
    capacity_min: float
    booked_min: int = 0
    allowed: dict[tuple[int, int, int], int] = field(default_factory=dict)
    """Cache of ``allowed_starts`` by (location index, weekday, cells)."""

    @property
    def load(self) -> float:
        return self.booked_min / self.capacity_min

    def allowed_starts(self, loc: Loc, wd: int, n: int) -> int:
        """Quarter-hour cells of weekday ``wd`` from which ``n`` cells lie within both this
        practitioner's hours at ``loc`` and its opening hours."""
        key = (loc.idx, wd, n)
        a = self.allowed.get(key)
        if a is None:
            h = hours_cells(self.hours[loc.idx], wd) & hours_cells(loc.opening, wd)
            a = runs(h, n) & QUARTERS
            self.allowed[key] = a
        return a
