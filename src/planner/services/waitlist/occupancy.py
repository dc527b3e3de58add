"""What holds each practitioner, room and patient over a stretch of time, read once, indexed.

Matching 500 waitlist entries cannot afford a database round trip per candidate start (the
booking preview's way). :func:`read_occupancy` reads, in one query per kind of resource, every
live session and every piece of imported busy time of the resources the entries name over the
UTC windows their series can reach. :class:`Occupancy` keeps them per resource as whole
seconds since the epoch, sorted by start, and gives them two ways:

* :meth:`Occupancy.masks`: per local day, the busy minutes as the bits of one integer, so the
  search's cheap first step asks "is 08:00-08:45 free?" with one ``&``;
* :meth:`Occupancy.source`: the engine's busy source for one plan, giving exactly what
  :class:`~planner.services.booking.conflicts.DbBookings` would give inside those windows.
  Anything asked outside them is answered as taken (never as free): a candidate that would
  need it is not offered, rather than offered wrongly.

The times are kept as whole seconds (a start rounded down, an end up), read from SQLite's text
with ``datetime.fromisoformat``: the demo clinic's whole waitlist reads about 180,000
intervals, and SQLAlchemy's own timestamp parsing cost more than the query.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, and_, or_, select, type_coerce
from sqlalchemy.orm import Session

from planner.core.domain import MAX_SESSION_MINUTES, AppointmentStatus, Busy
from planner.core.i18n import N_
from planner.core.phrases import phrase
from planner.core.timeutil import to_local
from planner.db.models import BLOCKED_TIME_MAX_MINUTES, Appointment, BlockedTime

Window = tuple[datetime, datetime]
Key = tuple[str, int]
"""``("practitioner", 7)``, ``("room", 3)``, ``("patient", 42)``."""
MINUTES_A_DAY = 24 * 60

EPOCH = datetime(1970, 1, 1)
_EPOCH_DAY = EPOCH.date().toordinal()
_BOOKED = phrase(N_("booked"))
_NOT_READ = phrase(N_("not read for the waitlist"))


def seconds(dt: datetime) -> int:
    """A naive UTC instant as whole seconds since the epoch (rounded down)."""
    return int((dt - EPOCH).total_seconds() // 1)


def instant(s: int) -> datetime:
    return EPOCH + timedelta(seconds=s)


def dst_day(tz: ZoneInfo, day: date, cache: dict[tuple[str, date], bool]) -> bool:
    """Whether the clocks change on ``day`` in ``tz`` (its minutes are not a plain 0-1440)."""
    k = (tz.key, day)
    got = cache.get(k)
    if got is None:
        start = datetime.combine(day, datetime.min.time())
        got = tz.utcoffset(start) != tz.utcoffset(start + timedelta(days=1))
        cache[k] = got
    return got


def merge(windows: Iterable[Window]) -> list[Window]:
    out: list[Window] = []
    for lo, hi in sorted(windows):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


@dataclass
class _Held:
    """One resource's busy intervals (epoch seconds), sorted by start."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    longest: int = 0
    """The longest interval: how far before a window a start that reaches into it can be."""


class Occupancy:
    """Busy intervals per resource over ``covered`` UTC windows (see the module docstring)."""

    def __init__(self, covered: Sequence[Window]) -> None:
        self.covered = merge(covered)
        self._covered_s = [(seconds(a), seconds(b)) for a, b in self.covered]
        self._held: dict[Key, _Held] = {}
        self._pending: dict[Key, list[tuple[int, int]]] = {}
        self._masks: dict[tuple[Key, str], dict[date, int]] = {}
        self._offsets: dict[str, dict[int, int | None]] = {}
        """Per zone, its UTC offset per UTC day (None on a day the clocks change)."""

    def add(self, key: Key, start: datetime, end: datetime) -> None:
        self.add_seconds(key, seconds(start), math.ceil((end - EPOCH).total_seconds()))

    def add_seconds(self, key: Key, start: int, end: int) -> None:
        self._pending.setdefault(key, []).append((start, end))
        for cached in [k for k in self._masks if k[0] == key]:
            del self._masks[cached]

    def load(self, key: Key, items: list[tuple[int, int]]) -> None:
        """Many intervals of ``key`` at once (epoch seconds), as the read gives them."""
        self._pending.setdefault(key, []).extend(items)
        for cached in [k for k in self._masks if k[0] == key]:
            del self._masks[cached]

    def _get(self, key: Key) -> _Held:
        pending = self._pending.pop(key, None)
        held = self._held.get(key)
        if pending is not None:
            items = sorted([*(zip(held.starts, held.ends, strict=True) if held else []), *pending])
            held = _Held(
                [a for a, _ in items],
                [b for _, b in items],
                max((b - a for a, b in items), default=0),
            )
            self._held[key] = held
        return held or _Held()

    def covers(self, lo: datetime, hi: datetime) -> bool:
        a, b = seconds(lo), seconds(hi)
        return any(x <= a and b <= y for x, y in self._covered_s)

    def free(self, key: Key, lo: datetime, hi: datetime) -> bool:
        """Nothing holds ``key`` between the two instants (False outside the windows read)."""
        return self.covers(lo, hi) and not self.overlapping(key, lo, hi)

    def overlapping(self, key: Key, lo: datetime, hi: datetime) -> list[tuple[datetime, datetime]]:
        h = self._get(key)
        a, b = seconds(lo), seconds(hi)
        i = bisect_left(h.starts, a - h.longest)
        j = bisect_left(h.starts, b)
        return [(instant(h.starts[k]), instant(h.ends[k])) for k in range(i, j) if h.ends[k] > a]

    def masks(self, key: Key, tz: ZoneInfo) -> dict[date, int]:
        """``key``'s busy minutes per local day in ``tz``: bit ``m`` set when minute ``m`` of
        the day (00:00 = 0) is held (a part of a minute counts as the whole), built once. On a
        day the clocks change the search does not use them (:func:`dst_day`)."""
        cache_key = (key, tz.key)
        got = self._masks.get(cache_key)
        if got is not None:
            return got
        got = {}
        h = self._get(key)
        offsets = self._offsets.setdefault(tz.key, {})
        for a, b in zip(h.starts, h.ends, strict=True):
            lo = _local_seconds(a, tz, offsets) // 60
            hi = -(-_local_seconds(b, tz, offsets) // 60)
            while hi > lo:
                day, first = divmod(lo, MINUTES_A_DAY)
                last = min(hi - day * MINUTES_A_DAY, MINUTES_A_DAY)
                d = date.fromordinal(_EPOCH_DAY + day)
                got[d] = got.get(d, 0) | (((1 << (last - first)) - 1) << first)
                lo = (day + 1) * MINUTES_A_DAY
        self._masks[cache_key] = got
        return got

    def source(
        self, practitioner_id: int, room_id: int | None, patient_id: int | None
    ) -> OccupancySource:
        keys: list[tuple[str, Key]] = [("practitioner", ("practitioner", practitioner_id))]
        if room_id is not None:
            keys.append(("room", ("room", room_id)))
        if patient_id is not None:
            keys.append(("patient", ("patient", patient_id)))
        return OccupancySource(self, keys)


def _local_seconds(s: int, tz: ZoneInfo, offsets: dict[int, int | None]) -> int:
    """Epoch seconds of the local wall clock at UTC ``s``: the zone's offset is worked out
    once per UTC day (a day the clocks change on is converted instant by instant)."""
    day = s // 86400
    if day not in offsets:
        start = instant(day * 86400)
        a = to_local(start, tz) - start
        b = to_local(start + timedelta(days=1), tz) - (start + timedelta(days=1))
        offsets[day] = int(a.total_seconds()) if a == b else None
    off = offsets[day]
    if off is None:
        return seconds(to_local(instant(s), tz))
    return s + off


class OccupancySource:
    """The engine's busy source for one plan's practitioner, room and patient."""

    def __init__(self, occ: Occupancy, keys: list[tuple[str, Key]]) -> None:
        self.occ = occ
        self.keys = keys

    def fetch(self, windows: Sequence[Window]) -> list[Busy]:
        out: list[Busy] = []
        for lo, hi in merge(windows):
            if not self.occ.covers(lo, hi):
                # never read: say it is taken, so nothing is offered on a guess
                out.append(Busy(lo, hi, self.keys[0][0], None, _NOT_READ))
                continue
            for resource, key in self.keys:
                out.extend(
                    Busy(a, b, resource, None, _BOOKED)
                    for a, b in self.occ.overlapping(key, lo, hi)
                )
        return out


def _raw(s: Session, col: Any) -> Any:
    """The column as the driver gives it: SQLite's text, read by :func:`_seconds_of` with
    ``datetime.fromisoformat`` (SQLAlchemy's own parsing of 360,000 timestamps costs more
    than the query); PostgreSQL's driver gives ``datetime`` values already."""
    if s.get_bind().dialect.name == "sqlite":
        return type_coerce(col, String)
    return col


def _seconds_of(value: Any, *, up: bool = False) -> int:
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    whole = seconds(dt)
    return whole + 1 if up and dt.microsecond else whole


def read_occupancy(
    s: Session,
    windows: Sequence[Window],
    *,
    practitioners: Iterable[int] = (),
    rooms: Iterable[int] = (),
    patients: Iterable[int] = (),
) -> Occupancy:
    """Every live session and imported busy time of these resources overlapping ``windows``."""
    merged = merge(windows)
    occ = Occupancy(merged)
    wanted = {
        "practitioner": sorted(set(practitioners)),
        "room": sorted(set(rooms)),
        "patient": sorted(set(patients)),
    }
    columns = {
        "practitioner": Appointment.practitioner_id,
        "room": Appointment.room_id,
        "patient": Appointment.patient_id,
    }
    pad = timedelta(minutes=MAX_SESSION_MINUTES)
    for name, ids in wanted.items():
        if not ids or not merged:
            continue
        col = columns[name]
        for chunk in _chunks(ids, 500):
            # a session's end is its start plus its length: one timestamp to read per row
            q = select(col, _raw(s, Appointment.start_utc), Appointment.duration_min).where(
                col.in_(chunk),
                Appointment.status != AppointmentStatus.CANCELLED.value,
                or_(
                    *(
                        and_(Appointment.start_utc >= lo - pad, Appointment.start_utc < hi)
                        for lo, hi in merged
                    )
                ),
            )
            got: dict[int, list[tuple[int, int]]] = {}
            for rid, a, minutes in s.execute(q):
                start = _seconds_of(a)
                got.setdefault(rid, []).append((start, start + 60 * minutes))
            for rid, items in got.items():
                occ.load((name, rid), items)
    if wanted["practitioner"] and merged:
        pad = timedelta(minutes=BLOCKED_TIME_MAX_MINUTES)
        for chunk in _chunks(wanted["practitioner"], 500):
            q2 = select(
                BlockedTime.practitioner_id,
                _raw(s, BlockedTime.start_utc),
                _raw(s, BlockedTime.end_utc),
            ).where(
                BlockedTime.practitioner_id.in_(chunk),
                or_(
                    *(
                        and_(BlockedTime.start_utc >= lo - pad, BlockedTime.start_utc < hi)
                        for lo, hi in merged
                    )
                ),
            )
            for rid, a, b in s.execute(q2):
                # an end inside a second (imported times can have them) holds the whole second
                occ.add_seconds(("practitioner", rid), _seconds_of(a), _seconds_of(b, up=True))
    return occ


def _chunks(ids: list[int], n: int) -> Iterable[list[int]]:
    for i in range(0, len(ids), n):
        yield ids[i : i + n]
