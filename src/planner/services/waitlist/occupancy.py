"""What holds each practitioner, room and patient over a stretch of time, read once, indexed.

Matching 500 waitlist entries cannot afford a database round trip per candidate start (the
booking preview's way). :func:`read_occupancy` reads, in one query per kind of resource, every
live session and every piece of imported busy time of the resources the entries name over the
UTC windows their series can reach. :class:`Occupancy` keeps them per resource, sorted by
start, so "is this practitioner free from 08:00 to 08:45?" is two bisections, and
:meth:`Occupancy.source` is the engine's busy source for one plan, giving exactly what
:class:`~planner.services.booking.conflicts.DbBookings` would give inside those windows.
Anything asked outside them is answered as taken (never as free): a candidate that would need
it is not offered, rather than offered wrongly.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from planner.core.domain import MAX_SESSION_MINUTES, AppointmentStatus, Busy
from planner.core.i18n import N_
from planner.core.phrases import phrase
from planner.db.models import BLOCKED_TIME_MAX_MINUTES, Appointment, BlockedTime

Window = tuple[datetime, datetime]
Key = tuple[str, int]
"""``("practitioner", 7)``, ``("room", 3)``, ``("patient", 42)``."""

_BOOKED = phrase(N_("booked"))
_NOT_READ = phrase(N_("not read for the waitlist"))


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
    """One resource's busy intervals, sorted by start."""

    starts: list[datetime] = field(default_factory=list)
    ends: list[datetime] = field(default_factory=list)
    ids: list[int | None] = field(default_factory=list)
    longest: timedelta = timedelta(0)
    """The longest interval: how far before a window a start that reaches into it can be."""


class Occupancy:
    """Busy intervals per resource over ``covered`` UTC windows (see the module docstring)."""

    def __init__(self, covered: Sequence[Window]) -> None:
        self.covered = merge(covered)
        self._held: dict[Key, _Held] = {}
        self._pending: dict[Key, list[tuple[datetime, datetime, int | None]]] = {}

    def add(self, key: Key, start: datetime, end: datetime, ident: int | None = None) -> None:
        self._pending.setdefault(key, []).append((start, end, ident))

    def _get(self, key: Key) -> _Held:
        pending = self._pending.pop(key, None)
        held = self._held.get(key)
        if pending is not None:
            items = sorted(
                [*(zip(held.starts, held.ends, held.ids, strict=True) if held else []), *pending],
                key=lambda x: x[0],
            )
            held = _Held(
                [a for a, _, _ in items],
                [b for _, b, _ in items],
                [i for _, _, i in items],
                max((b - a for a, b, _ in items), default=timedelta(0)),
            )
            self._held[key] = held
        return held or _Held()

    def covers(self, lo: datetime, hi: datetime) -> bool:
        return any(a <= lo and hi <= b for a, b in self.covered)

    def free(self, key: Key, lo: datetime, hi: datetime) -> bool:
        """Nothing holds ``key`` between the two instants (False outside the windows read)."""
        if not self.covers(lo, hi):
            return False
        h = self._get(key)
        i = bisect_left(h.starts, lo - h.longest)
        j = bisect_left(h.starts, hi)
        return not any(h.ends[k] > lo for k in range(i, j))

    def overlapping(self, key: Key, lo: datetime, hi: datetime) -> list[tuple[datetime, datetime, int | None]]:
        h = self._get(key)
        i = bisect_left(h.starts, lo - h.longest)
        j = bisect_left(h.starts, hi)
        return [(h.starts[k], h.ends[k], h.ids[k]) for k in range(i, j) if h.ends[k] > lo]

    def source(
        self, practitioner_id: int, room_id: int | None, patient_id: int | None
    ) -> OccupancySource:
        keys: list[tuple[str, Key]] = [("practitioner", ("practitioner", practitioner_id))]
        if room_id is not None:
            keys.append(("room", ("room", room_id)))
        if patient_id is not None:
            keys.append(("patient", ("patient", patient_id)))
        return OccupancySource(self, keys)


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
                    Busy(a, b, resource, ident, _BOOKED)
                    for a, b, ident in self.occ.overlapping(key, lo, hi)
                )
        return out


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
            q = select(col, Appointment.start_utc, Appointment.end_utc, Appointment.id).where(
                col.in_(chunk),
                Appointment.status != AppointmentStatus.CANCELLED.value,
                or_(
                    *(
                        and_(Appointment.start_utc >= lo - pad, Appointment.start_utc < hi)
                        for lo, hi in merged
                    )
                ),
            )
            for rid, a, b, ident in s.execute(q):
                occ.add((name, rid), a, b, ident)
    if wanted["practitioner"] and merged:
        pad = timedelta(minutes=BLOCKED_TIME_MAX_MINUTES)
        for chunk in _chunks(wanted["practitioner"], 500):
            q2 = select(BlockedTime.practitioner_id, BlockedTime.start_utc, BlockedTime.end_utc).where(
                BlockedTime.practitioner_id.in_(chunk),
                or_(
                    *(
                        and_(BlockedTime.start_utc >= lo - pad, BlockedTime.start_utc < hi)
                        for lo, hi in merged
                    )
                ),
            )
            for rid, a, b in s.execute(q2):
                occ.add(("practitioner", rid), a, b, None)
    return occ


def _chunks(ids: list[int], n: int) -> Iterable[list[int]]:
    for i in range(0, len(ids), n):
        yield ids[i : i + n]
