"""Busy time as a maintained expander reads it, beside what planner's importer stores.

The importer has its own streaming reader and expander (fast on a 26 MB calendar, see
``bench/``). These helpers read the same calendar with icalendar and recurring-ical-events
(which applies x-wr-timezone for Google's ``X-WR-TIMEZONE`` calendars itself) and turn both
results into the same shape, so a test can compare them:

* :func:`reference_busy`: what recurring-ical-events expands, left out what a busy calendar
  does not block (cancelled events, ``TRANSP:TRANSPARENT``, Outlook's
  ``X-MICROSOFT-CDO-BUSYSTATUS:FREE``, zero-length events);
* :func:`planner_busy`: the importer's own pipeline (:mod:`planner.ics.incoming`, exactly the
  functions :func:`planner.services.calendar_import.import_calendar` calls), its day-long
  pieces glued back into the instances they were cut from;
* :func:`stored_busy`: the same read back from the database after a real import.

Each is a sorted list of :data:`Busy` ``(uid, start_utc, end_utc)``, naive UTC, clipped to the
import window. All-day events are the clinic's local days (midnight to midnight in ``tz``), as
the importer stores them; floating times are read in ``X-WR-TIMEZONE`` or else in ``tz``.

VFREEBUSY periods are not compared: recurring-ical-events expands events, not free/busy
replies. Where the importer reads a calendar differently on purpose, the test that finds the
difference names it (see ``test_import_differential.py``).
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any

import icalendar
import recurring_ical_events  # type: ignore[import-untyped]
from sqlalchemy import select

from planner.core.timeutil import to_local, to_utc, zone
from planner.db.models import BlockedTime
from planner.db.store import Store
from planner.ics import incoming
from planner.ics.expand import Limits, Skipped
from planner.services.calendar_import import BLOCKED_TIME_PIECE, MAX_ROWS

Busy = tuple[str, datetime, datetime]
"""(UID, start, end) of one busy instance, naive UTC."""

_FREEBUSY_UID = "freebusy-line-"
_QUERY_MARGIN = timedelta(days=3)
"""Asked of the reference beyond the window, so all-day events at its edges are not lost to a
different reading of where a date starts; both sides are clipped to the window afterwards."""


def _clip(items: list[Busy], lo: datetime, hi: datetime) -> list[Busy]:
    out = []
    for uid, a, b in items:
        a, b = max(a, lo), min(b, hi)
        if a < b:
            out.append((uid, a, b))
    return sorted(out)


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    return str(value).strip().upper() if value is not None else ""


def _as_utc(value: date, tz: str) -> datetime:
    """A DATE (local midnight in ``tz``), a floating time (in ``tz``) or an aware time, as UTC."""
    if not isinstance(value, datetime):
        return to_utc(datetime.combine(value, datetime.min.time()), zone(tz))
    if value.tzinfo is None:
        return to_utc(value, zone(tz))
    return value.astimezone(UTC).replace(tzinfo=None)


def reference_busy(data: bytes, tz: str, lo: datetime, hi: datetime) -> list[Busy]:
    """The busy instances recurring-ical-events finds between ``lo`` and ``hi`` (naive UTC)."""
    cal = icalendar.Calendar.from_ical(data)
    query = recurring_ical_events.of(cal, components=["VEVENT"])
    start = (lo - _QUERY_MARGIN).replace(tzinfo=UTC)
    stop = (hi + _QUERY_MARGIN).replace(tzinfo=UTC)
    out: list[Busy] = []
    for ev in query.between(start, stop):
        if _text(ev, "STATUS") == "CANCELLED":
            continue
        if _text(ev, "TRANSP") == "TRANSPARENT":
            continue
        if _text(ev, "X-MICROSOFT-CDO-BUSYSTATUS") == "FREE":
            continue
        a = _as_utc(ev.decoded("DTSTART"), tz)
        b = _as_utc(ev.decoded("DTEND"), tz) if "DTEND" in ev else a
        out.append((str(ev["UID"]), a, b))
    return _clip(out, lo, hi)


def planner_busy(
    data: bytes, tz: str, lo: datetime, hi: datetime, *, skipped: list[Skipped] | None = None
) -> list[Busy]:
    """What the importer would store for a practitioner's calendar read in ``tz``.

    Runs the same steps as ``import_calendar`` (read, expand, cut into pieces) without a
    database; what the importer left out is appended to ``skipped`` when given.
    """
    read = incoming.read(io.BytesIO(data), "test.ics", lo, hi, busy=True)
    ex = incoming.expander(read, "test.ics", zone(tz), Limits(lo, hi, seconds=60.0))
    instances = incoming.expand(read, ex, busy=True, max_instances=MAX_ROWS)
    rows = incoming.blocks(instances, read.freebusy, lo, hi, BLOCKED_TIME_PIECE)
    if skipped is not None:
        skipped.extend(ex.skipped)
    return glued(
        [(r["source_uid"], r["recurrence_id"], r["start_utc"], r["end_utc"]) for r in rows]
    )


def stored_busy(store: Store, practitioner_id: int) -> list[Busy]:
    """The blocked time an import stored for a practitioner, pieces glued back together."""
    with store.read() as s:
        rows = s.execute(
            select(
                BlockedTime.source_uid,
                BlockedTime.recurrence_id,
                BlockedTime.start_utc,
                BlockedTime.end_utc,
            ).where(BlockedTime.practitioner_id == practitioner_id)
        ).all()
    return glued([(uid or "", rid or "", a, b) for uid, rid, a, b in rows])


def blocked_local(store: Store, tz: str = "Europe/Oslo") -> list[tuple[datetime, datetime, str]]:
    """What a receptionist sees blocked: every instance as (local start, local end, summary)
    in ``tz``, earliest first, the day-long pieces of one event glued back together."""
    local = zone(tz)
    with store.read() as s:
        rows = s.execute(
            select(BlockedTime.start_utc, BlockedTime.end_utc, BlockedTime.summary).order_by(
                BlockedTime.start_utc
            )
        ).all()
    out: list[tuple[datetime, datetime, str]] = []
    for a, b, summary in rows:
        start, end = to_local(a, local), to_local(b, local)
        if out and out[-1][1] == start and out[-1][2] == summary:
            out[-1] = (out[-1][0], end, summary)
        else:
            out.append((start, end, summary))
    return out


def glued(rows: list[tuple[str, str, datetime, datetime]]) -> list[Busy]:
    """Pieces of one instance (same UID and RECURRENCE-ID, end meeting start) made one again;
    free/busy periods left out (see the module docstring)."""
    out: list[tuple[str, str, datetime, datetime]] = []
    for uid, rid, a, b in sorted(rows, key=lambda r: (r[0], r[1], r[2])):
        if uid.startswith(_FREEBUSY_UID):
            continue
        if out and out[-1][0] == uid and out[-1][1] == rid and out[-1][3] == a:
            out[-1] = (uid, rid, out[-1][2], b)
        else:
            out.append((uid, rid, a, b))
    return sorted((uid, a, b) for uid, _rid, a, b in out)


def differences(ours: list[Busy], reference: list[Busy]) -> tuple[list[Busy], list[Busy]]:
    """(only planner blocks, only the reference blocks), counting repeats: an instance blocked
    twice by one side and once by the other is a difference."""
    a, b = Counter(ours), Counter(reference)
    return sorted((a - b).elements()), sorted((b - a).elements())


def explain(ours: list[Busy], reference: list[Busy]) -> str:
    """A readable account of the differences, for assertion messages."""
    only_ours, only_ref = differences(ours, reference)
    lines = [f"planner blocks {len(ours)}, recurring-ical-events {len(reference)}"]
    for side, items in (("planner", only_ours), ("reference", only_ref)):
        lines += [f"  only {side}: {u} {a:%Y-%m-%d %H:%M}-{b:%Y-%m-%d %H:%M}" for u, a, b in items]
    return "\n".join(lines)
