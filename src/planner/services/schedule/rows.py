"""From rows to values: the steps :func:`~.week.load_range` and its first look share.

The full load reads through SQLAlchemy and the first look (:mod:`.first_look`) with sqlite3
alone; both select the same columns in the same order and turn them into the same values
here, so the two cannot drift apart. Pure, and as light to import as :mod:`.values`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from planner.core.domain import Modality
from planner.core.i18n import N_
from planner.core.phrases import HolidayName, Phrase, phrase
from planner.core.timeutil import UTC_MARGIN
from planner.services.schedule.values import NO_ROOM, Block, BusyTime, Column, DayInfo, Hours

BUSY_PAD = timedelta(days=1)
"""Longest blocked-time piece (the importer splits longer busy time into day-long pieces)."""

Numbering = dict[int, tuple[int, int]]
"""Session id -> (its place among its plan's active sessions of its kind, how many)."""


@dataclass(frozen=True)
class Span:
    """The local days a view shows, and the UTC bounds that scan the start index for them.

    Stored UTC starts are scanned with a margin of the widest UTC offset on either side, then
    each session is kept only if its local start falls on one of the days.
    """

    first: date
    last: date

    @classmethod
    def of(cls, first: date, days: int) -> Span:
        return cls(first, first + timedelta(days=days - 1))

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def lo_local(self) -> datetime:
        return datetime.combine(self.first, time())

    @property
    def hi_local(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time())

    @property
    def lo(self) -> datetime:
        return self.lo_local - UTC_MARGIN

    @property
    def hi(self) -> datetime:
        return self.hi_local + UTC_MARGIN

    def shows(self, local: datetime) -> bool:
        return self.lo_local <= local < self.hi_local


def needling(modality: str) -> bool:
    try:
        return Modality(modality).needling
    except ValueError:
        return False


def block_of(
    row: Sequence[Any],
    numbering: Mapping[int, tuple[int, int]],
    regions: Mapping[int, Sequence[str]],
    flagged: set[int],
) -> Block:
    """A session row as the schedule shows it.

    ``row`` is (id, plan_id, patient_id, patient name, practitioner_id, room_id, kind, status,
    local start, duration_min, revision, modality), the order both readers select, and then
    the cancel reason from the full load (the first look shows no cancelled session).
    """
    (aid, plan_id, patient_id, name, prac_id, room_id, kind, status, start, minutes, rev, mod) = (
        row[:12]
    )
    cancel_reason = str(row[12] or "") if len(row) > 12 else ""
    number, of = numbering.get(aid, (None, None))
    return Block(
        id=aid,
        plan_id=plan_id,
        patient_id=patient_id,
        patient_name=name,
        practitioner_id=prac_id,
        room_id=room_id,
        kind=kind,
        status=status,
        start=start,
        duration_min=minutes,
        number=number,
        of=of,
        regions=tuple(regions.get(plan_id, ())),
        modality=mod,
        flagged=patient_id in flagged and needling(mod),
        revision=rev,
        cancel_reason=cancel_reason,
    )


def number_groups(sessions: Iterable[tuple[int, str, datetime, int]]) -> Numbering:
    """'Treatment 3 of 9' from (plan_id, kind, start, id) of a plan's active sessions."""
    groups: dict[tuple[int, str], list[tuple[datetime, int]]] = {}
    for plan_id, kind, start, aid in sessions:
        groups.setdefault((plan_id, kind), []).append((start, aid))
    out: Numbering = {}
    for group in groups.values():
        group.sort()
        for i, (_start, aid) in enumerate(group, start=1):
            out[aid] = (i, len(group))
    return out


def practitioner_column(
    pid: int, name: str, profession: str, may_needle: bool, hours: Hours
) -> Column:
    return Column(pid, name, "practitioner", profession.replace("-", " "), hours, may_needle)


def strays(blocks: Sequence[Block], columns: Sequence[Column]) -> list[int]:
    """Practitioners with sessions shown but no column: they no longer work here."""
    return sorted({b.practitioner_id for b in blocks} - {c.key for c in columns})


def with_no_room(rooms: list[Column], blocks: Sequence[Block]) -> list[Column]:
    """The rooms, and a "No room" column when a session shown has none."""
    if any(b.room_id is None for b in blocks):
        rooms.append(Column(key=NO_ROOM, name="No room", kind="room"))
    return rooms


def clip_busy(
    pid: int, start: datetime, end: datetime, summary: str | None, span: Span
) -> BusyTime | None:
    """Imported busy time (local) clipped to the days shown (None when it falls outside)."""
    start, end = max(start, span.lo_local), min(end, span.hi_local)
    if end <= start:
        return None
    return BusyTime(pid, start, end, summary or "")


def day_list(
    opening: Hours,
    span: Span,
    closures: Sequence[tuple[date, date, str | None]],
    holiday: Callable[[date], HolidayName | None] = lambda _day: None,
) -> tuple[DayInfo, ...]:
    """Each day's opening hours, and why it is closed (a public holiday, then a closure)."""
    out = []
    for i in range(span.days):
        d = span.first + timedelta(days=i)
        name = holiday(d)
        said = phrase(N_("Public holiday: {name}"), name=name) if name else _closure(d, closures)
        closed = said.text() if said is not None else None
        out.append(DayInfo(d, opening.days[d.weekday()], closed, said))
    return tuple(out)


def _closure(d: date, closures: Sequence[tuple[date, date, str | None]]) -> Phrase | None:
    for first, last, reason in closures:
        if first <= d <= last:
            return phrase(N_("Closed: {why}"), why=reason) if reason else phrase(N_("Closed"))
    return None
