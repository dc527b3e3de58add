"""Busy time and closed days from a calendar that comes in: the pure half of an import.

:func:`read` streams a calendar once and keeps only what can reach the import window: its
events grouped by UID (masters and RECURRENCE-ID overrides), its VTIMEZONEs and its FREEBUSY
busy periods. :func:`expander` and :func:`expand` turn the events into instances (see
:mod:`planner.ics.expand` for the rules); :func:`blocks` makes them blocked-time pieces and
:func:`closures` the whole local days they close. A component that cannot be read is left
out and listed when it could not block time anyway (a to-do, a cancelled or free event, a
zero-length override); anything else that cannot be read refuses the whole file, because it
might hide busy time. Storing the result is the service's job
(:mod:`planner.services.calendar_import`); nothing here knows the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, BinaryIO

from planner.core.calendars import WeeklyHours
from planner.core.timeutil import to_local, to_utc
from planner.errors import CalendarFileError
from planner.ics.event import (
    Duration,
    RawEvent,
    parse_duration,
    parse_period,
    read_event,
    tzids_of,
)
from planner.ics.expand import Expander, Instance, Limits, Skipped, iana_zone
from planner.ics.reader import (
    CalendarProperty,
    Component,
    ContentLine,
    LineSource,
    describe,
    read_calendar,
)

_PREFILTER_MARGIN = timedelta(days=2)


class HashingReader:
    """Reads lines from a binary file while hashing everything read (the file's sha256)."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.sha = hashlib.sha256()

    def readline(self, limit: int = -1) -> bytes:
        data = self.fh.readline(limit)
        self.sha.update(data)
        return data


@dataclass
class Incoming:
    """Everything kept from one pass over the file."""

    events: dict[str, tuple[list[RawEvent], list[RawEvent]]] = field(default_factory=dict)
    vtimezones: dict[str, Component] = field(default_factory=dict)
    freebusy: list[tuple[int, datetime, datetime]] = field(default_factory=list)
    calname: str | None = None
    wr_timezone: str | None = None
    count: int = 0
    ignored: dict[str, int] = field(default_factory=dict)
    tzids: dict[str, tuple[int, RawEvent]] = field(default_factory=dict)
    """Every TZID the events use, with the first line and event using it (checked after
    reading)."""
    skipped: list[Skipped] = field(default_factory=list)
    """Components that cannot be read but could not block time anyway (left out)."""
    outside: dict[str, tuple[list[RawEvent], list[RawEvent]]] = field(default_factory=dict)
    """Revisions that cannot reach the window, while reading: those of a UID that has a
    version inside the window join :attr:`events` at the end (they may supersede it)."""


def _may_reach(ev: RawEvent, lo: datetime, hi: datetime) -> bool:
    """Cheap test, before zones are known, whether an event can touch the window."""
    if ev.recurring or ev.this_and_future:
        return True
    end = ev.start.value
    if ev.end is not None:
        end = max(end, ev.end.value)
    elif ev.duration is not None:
        end = ev.start.value + timedelta(
            days=abs(ev.duration.days), seconds=abs(ev.duration.seconds)
        )
    elif ev.start.is_date:
        end = ev.start.value + timedelta(days=1)
    latest = max(end, ev.recurrence_id.value) if ev.recurrence_id is not None else end
    earliest = min(ev.start.value, ev.recurrence_id.value) if ev.recurrence_id else ev.start.value
    return latest >= lo - _PREFILTER_MARGIN and earliest <= hi + _PREFILTER_MARGIN


def read(fh: LineSource, source: str, lo: datetime, hi: datetime, busy: bool) -> Incoming:
    """One streaming pass: the events that may reach ``lo``-``hi``, grouped by UID."""
    r = Incoming()
    for item in read_calendar(fh, source, tolerant=True):
        if isinstance(item, CalendarProperty):
            _property(item.prop, r, source)
        elif item.name == "VTIMEZONE":
            _vtimezone(item, r, source)
        elif item.error is not None:
            _leave_out(item, item.error, r, busy)
        elif item.name == "VEVENT":
            _event(item, r, source, lo, hi, busy)
        elif item.name == "VFREEBUSY":
            _freebusy(item, r, source, lo, hi, busy)
        else:
            r.ignored[item.name] = r.ignored.get(item.name, 0) + 1
    for uid, (masters, overrides) in r.outside.items():
        if uid in r.events:
            r.events[uid][0].extend(masters)
            r.events[uid][1].extend(overrides)
    r.outside.clear()
    return r


def _property(p: ContentLine, r: Incoming, source: str) -> None:
    if p.name == "VERSION" and p.value.strip() != "2.0":
        raise CalendarFileError(
            f"{source}: line {p.line}: this is a vCalendar {p.value.strip()} file; "
            "export the calendar as iCalendar (VERSION:2.0)",
            line=p.line,
        )
    if p.name == "X-WR-CALNAME" and p.value.strip():
        r.calname = p.value.strip()
    if p.name == "X-WR-TIMEZONE" and p.value.strip():
        r.wr_timezone = p.value.strip()


def _vtimezone(comp: Component, r: Incoming, source: str) -> None:
    if comp.error is not None:
        raise comp.error  # a zone read wrongly moves every event that uses it
    tzid_p = comp.get("TZID")
    if tzid_p is None or not tzid_p.value.strip():
        raise CalendarFileError(
            f"{source}: line {comp.line}: the VTIMEZONE has no TZID", line=comp.line
        )
    if not comp.children:
        raise CalendarFileError(
            f"{source}: line {comp.line}: the VTIMEZONE {tzid_p.value} has no STANDARD or "
            "DAYLIGHT part",
            line=comp.line,
        )
    r.vtimezones[tzid_p.value.strip()] = comp


def _event(
    comp: Component, r: Incoming, source: str, lo: datetime, hi: datetime, busy: bool
) -> None:
    try:
        ev = read_event(comp, source)
    except CalendarFileError as exc:
        _leave_out(comp, exc, r, busy)
        return
    r.count += 1
    for tzid, line in tzids_of(ev):
        r.tzids.setdefault(tzid, (line, ev))
    if not _may_reach(ev, lo, hi):
        if ev.version[0] == 0 and ev.recurrence_id is None:
            return
        # A revision (SEQUENCE above 0) that cannot reach the window may still supersede an
        # older version inside it (a meeting moved out of the window): keep what choosing the
        # newest needs. RFC 5545 raises SEQUENCE whenever the time changes, so first versions
        # (the bulk of a long history) are not held in memory. An override is kept whatever
        # its SEQUENCE: the occurrence it replaces lasts as long as its master says, which may
        # reach the window although the override and its RECURRENCE-ID do not (a three-day
        # all-day occurrence moved to the day before it began).
        stub = replace(ev, summary="", rrules=[], rdates=[], exdates=[])
        _add(r.outside, stub)
        return
    _add(r.events, ev)


def _add(events: dict[str, tuple[list[RawEvent], list[RawEvent]]], ev: RawEvent) -> None:
    masters, overrides = events.setdefault(ev.uid, ([], []))
    (overrides if ev.recurrence_id is not None else masters).append(ev)


def _freebusy(
    comp: Component, r: Incoming, source: str, lo: datetime, hi: datetime, busy: bool
) -> None:
    for p in comp.all("FREEBUSY"):
        fbtype = (p.param("FBTYPE") or "BUSY").upper()
        for period in p.value.split(","):
            r.count += 1
            try:
                start, until = parse_period(period, None, p.line, source, "FREEBUSY")
            except CalendarFileError as exc:
                raise comp.blame(exc) from None
            if fbtype == "FREE" or not busy:
                continue
            if start.kind != "utc":
                raise comp.blame(
                    CalendarFileError(
                        f"{source}: line {p.line}: FREEBUSY times must be in UTC (ending in Z)",
                        line=p.line,
                    )
                )
            if isinstance(until, Duration):
                end = start.value + timedelta(days=until.days, seconds=until.seconds)
            else:
                end = until.value
            if end > start.value and end >= lo and start.value <= hi:
                r.freebusy.append((p.line, start.value, end))


def _leave_out(comp: Component, exc: CalendarFileError, r: Incoming, busy: bool) -> None:
    """Skip an unreadable component that could not block time; refuse the file otherwise.

    A to-do, a journal entry or any component other than an event blocks no time; nor does a
    cancelled event, an event marked free (in a busy calendar) or a zero-length override.
    Anything else that cannot be read might hide busy time, so the whole file is refused
    (nothing imported), naming the line.
    """
    why = _harmless(comp, busy)
    if why is None:
        raise comp.blame(exc) from None
    what = exc.message.split(": ", 1)[-1]  # without the file name, which the import names
    named = describe(comp.name, comp.text("UID"), comp.text("SUMMARY"))
    left_out = f"{why}, and cannot be read ({what}); left out"
    r.skipped.append(Skipped(comp.line, f"{named}: {left_out}" if named else left_out))


def _harmless(comp: Component, busy: bool) -> str | None:
    """Why a component blocks no time (or None when it might)."""
    if comp.name not in ("VEVENT", "VFREEBUSY"):
        return f"a {comp.name} blocks no time"
    if comp.name == "VFREEBUSY":
        return None

    def value(name: str) -> str:
        p = comp.get(name)
        return p.value.strip().upper() if p is not None else ""

    if value("STATUS") == "CANCELLED":
        return "the event is cancelled"
    if busy and (value("TRANSP") == "TRANSPARENT" or value("X-MICROSOFT-CDO-BUSYSTATUS") == "FREE"):
        return "the event is marked free"
    start, end, length = value("DTSTART"), value("DTEND"), value("DURATION")
    if (
        comp.get("RECURRENCE-ID") is not None
        and start
        and (end == start or (length and _zero_length(length)))
    ):
        return "the override has no length"
    return None


def _zero_length(text: str) -> bool:
    """Whether a DURATION value reads as nothing (PT0S, P0D, ...); unreadable is not zero."""
    try:
        d = parse_duration(text, 0, "", "DURATION")
    except CalendarFileError:
        return False
    return d.days == 0 and d.seconds == 0


def expander(read: Incoming, name: str, day_tz: tzinfo, limits: Limits) -> Expander:
    """The expander for a calendar read in ``day_tz``, every zone it names checked."""
    floating_tz: tzinfo = day_tz
    series_tzid: str | None = None
    if read.wr_timezone and (wr := iana_zone(read.wr_timezone)) is not None:
        floating_tz, series_tzid = wr, read.wr_timezone
    ex = Expander(
        name, day_tz, read.vtimezones, limits, floating_tz=floating_tz, series_tzid=series_tzid
    )
    ex.skipped.extend(read.skipped)
    for tzid, (line, ev) in read.tzids.items():
        try:
            ex.resolve(tzid, line)  # an unknown zone is an error even in a past event
        except CalendarFileError as exc:
            raise ev.blame(exc) from None
    return ex


def expand(read: Incoming, ex: Expander, *, busy: bool, max_instances: int) -> list[Instance]:
    """Every instance inside the expander's window; what is skipped goes to ``ex.skipped``.

    In a busy calendar (``busy``), events marked free block nothing, and neither do cancelled
    ones. Past ``max_instances`` the calendar is refused, naming the event that went over.
    """
    instances: list[Instance] = []
    for versions, all_overrides in read.events.values():
        masters = _newest(versions, ex.skipped)
        overrides = _newest_overrides(all_overrides, ex.skipped)
        for ov in overrides:
            if busy and ov.transparent:
                ov.cancelled = True  # free time in a busy calendar blocks nothing
        live = [m for m in masters if not m.cancelled and not (busy and m.transparent)]
        for m in masters:
            if m not in live:
                why = "cancelled" if m.cancelled else "marked free (TRANSP:TRANSPARENT)"
                ex.skipped.append(Skipped(m.line, f"the event is {why}"))
        if not masters:
            instances.extend(_expanded(ex, None, overrides))
        for m in masters:
            if m.cancelled:
                continue
            if m in live:
                instances.extend(_expanded(ex, m, overrides))
            else:
                # A free series blocks nothing, but an occurrence of it that an override
                # makes busy (no TRANSP: opaque, RFC 5545 3.8.2.7) blocks that time.
                instances.extend(i for i in _expanded(ex, m, overrides) if i.line != m.line)
            if len(instances) > max_instances:
                raise CalendarFileError(
                    f"{ex.source}: line {m.line}: the calendar holds more than "
                    f"{max_instances:,} occurrences within the planning horizon; nothing was "
                    "imported",
                    line=m.line,
                )
    return instances


def _expanded(ex: Expander, master: RawEvent | None, overrides: list[RawEvent]) -> list[Instance]:
    """One UID's instances; an error names the event (the master, else the first override)."""
    try:
        return ex.expand(master, overrides)
    except CalendarFileError as exc:
        raise (master or overrides[0]).blame(exc) from None


def _newest(versions: list[RawEvent], skipped: list[Skipped]) -> list[RawEvent]:
    """The newest version of an event (RFC 5546: highest SEQUENCE, then latest DTSTAMP); on a
    tie the one written last. Older versions are reported, not expanded: expanding them all
    blocked deleted and moved occurrences and doubled every other one."""
    if len(versions) < 2:
        return versions
    newest = versions[0]
    for ev in versions[1:]:
        if ev.version >= newest.version:
            newest = ev
    for ev in versions:
        if ev is not newest:
            skipped.append(Skipped(ev.line, f"an older version of the event on line {newest.line}"))
    return [newest]


def _newest_overrides(overrides: list[RawEvent], skipped: list[Skipped]) -> list[RawEvent]:
    """One override per occurrence it names: the newest version of it."""
    by_rid: dict[tuple[str, datetime, str | None, bool], list[RawEvent]] = {}
    for ov in overrides:
        rid = ov.recurrence_id
        assert rid is not None
        by_rid.setdefault((rid.kind, rid.value, rid.tzid, ov.this_and_future), []).append(ov)
    return [ov for group in by_rid.values() for ov in _newest(group, skipped)]


# -- rows ---------------------------------------------------------------------------------------


def blocks(
    instances: list[Instance],
    freebusy: list[tuple[int, datetime, datetime]],
    lo: datetime,
    hi: datetime,
    piece: timedelta,
) -> list[dict[str, Any]]:
    """Blocked-time rows, clipped to the window and cut into pieces of at most ``piece``."""
    spans = [(i.start_utc, i.end_utc, i.summary, i.uid, i.recurrence_id) for i in instances]
    spans += [
        (a, b, "busy", f"freebusy-line-{line}", a.strftime("%Y%m%dT%H%M%SZ"))
        for line, a, b in freebusy
    ]
    rows: list[dict[str, Any]] = []
    for start, end, summary, uid, rid in sorted(spans):
        s, e = max(start, lo), min(end, hi)
        while s < e:
            t = min(s + piece, e)
            rows.append(
                {
                    "start_utc": s,
                    "end_utc": t,
                    "summary": summary[:200],
                    "source_uid": uid[:255],
                    "recurrence_id": rid[:40],
                }
            )
            s = t
    return rows


def closures(
    instances: list[Instance],
    tz: tzinfo,
    opening: WeeklyHours,
    lo: datetime,
    hi: datetime,
    skipped: list[Skipped],
) -> list[dict[str, Any]]:
    """Closure rows: the whole local days each instance closes, as inclusive spans."""
    first_day = to_local(lo, tz).date()
    last_day = to_local(hi, tz).date()
    rows: list[dict[str, Any]] = []
    for inst in sorted(instances, key=lambda i: (i.start_utc, i.uid)):
        if inst.all_day:
            days = days_between(inst.first_day, inst.last_day)
        else:
            days = [
                d
                for d in days_between(
                    to_local(inst.start_utc, tz).date(),
                    to_local(inst.end_utc - timedelta(microseconds=1), tz).date(),
                )
                if covers_opening(inst, d, tz, opening)
            ]
            if not days:
                when = to_local(inst.start_utc, tz)
                skipped.append(
                    Skipped(
                        inst.line,
                        f"'{inst.summary or inst.uid}' on {when:%a %d %b %Y %H:%M} covers no "
                        "whole opening day; closures are whole days (block shorter times in "
                        "the practitioners' calendars)",
                    )
                )
                continue
        days = [d for d in days if first_day <= d <= last_day]
        for a, b in runs(days):
            if (b - a).days > 366:
                skipped.append(
                    Skipped(inst.line, f"'{inst.summary}' closes more than a year; not imported")
                )
                continue
            rows.append(
                {
                    "first_day": a,
                    "last_day": b,
                    "reason": (inst.summary or "closed (imported calendar)")[:200],
                    "source_uid": inst.uid[:255],
                    "recurrence_id": inst.recurrence_id[:40],
                }
            )
    return rows


def days_between(a: date, b: date) -> list[date]:
    return [a + timedelta(days=i) for i in range((b - a).days + 1)] if b >= a else []


def runs(days: Iterable[date]) -> list[tuple[date, date]]:
    out: list[tuple[date, date]] = []
    for d in sorted(set(days)):
        if out and d == out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


def covers_opening(inst: Instance, day: date, tz: tzinfo, opening: WeeklyHours) -> bool:
    intervals = opening.days[day.weekday()]
    if not intervals:
        return False  # closed anyway that day
    open_at = datetime.combine(day, intervals[0][0])
    close_t = intervals[-1][1]
    close_at = (
        datetime.combine(day, close_t)
        if close_t != time(23, 59, 59)
        else datetime.combine(day + timedelta(days=1), time(0, 0))
    )
    return inst.start_utc <= to_utc(open_at, tz) and inst.end_utc >= to_utc(close_at, tz)
