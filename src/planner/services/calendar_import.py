"""Importing a calendar file as a practitioner's busy time or a location's closures.

``import_calendar(store, path, practitioner_id=...)`` reads a practitioner's own calendar
(Google, Outlook, Apple, Thunderbird export) and stores the time it holds as blocked time,
which the series engine treats like any other booking of the practitioner.
``import_calendar(store, path, location_id=...)`` reads a closure or holiday calendar and
stores the days it closes as the location's closures.

* **All or nothing.** The file is read, checked and expanded completely before anything is
  written; the rows are then written in one transaction. Any malformed line stops the import
  with an error naming the line, and the database is unchanged.
* **Re-importing replaces.** An import remembers its *source* (``--source``, else the
  calendar's ``X-WR-CALNAME``, else the file name). Importing the same source again for the
  same practitioner or location replaces what the earlier import added, so an updated
  calendar moves and removes blocks instead of piling them up.
* **Window.** Only instances between now (less a day) and the planning horizon (18 months
  by default) are kept: that is the time the engine can book in.
* **Zones.** All-day events are whole local days in the import's zone: the location's, or
  the zone of the locations the practitioner works at (``tz`` when those differ). Floating
  times are read in the calendar's ``X-WR-TIMEZONE`` if it names one, else in that zone.
* **Busy calendars** skip events marked free (``TRANSP:TRANSPARENT``, Outlook's
  ``X-MICROSOFT-CDO-BUSYSTATUS:FREE``) and cancelled ones; ``VFREEBUSY`` busy periods count
  too. A block longer than a day is stored as day-long pieces (see ``blocked_times``).
* **Closure calendars** close whole days. An all-day event closes its days. A timed event
  closes a day only when it covers the location's opening hours that day (a staff day
  08:00-18:00 does; a one-hour meeting does not and is reported as skipped). Holiday
  calendars mark their events free, so transparency is ignored here.
* **Size.** The file is streamed (see :mod:`planner.ics.reader`) and only events that can
  reach the window are kept while reading; see :mod:`planner.ics.expand` for the limits on
  recurrence.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any, BinaryIO, cast

from sqlalchemy import CursorResult, delete, insert, select

from planner.core.calendars import WeeklyHours
from planner.core.domain import AppointmentStatus
from planner.core.timeutil import to_local, to_utc, utcnow, zone
from planner.db.models import (
    BLOCKED_TIME_MAX_MINUTES,
    Appointment,
    BlockedTime,
    CalendarImport,
    Closure,
    ImportedClosure,
    Location,
    Practitioner,
)
from planner.db.store import Store
from planner.errors import BadInput, CalendarFileError, NotFound
from planner.ics.expand import (
    Expander,
    Instance,
    Limits,
    RawEvent,
    Skipped,
    _iana,
    parse_duration,
    parse_when_text,
    read_event,
    tzids_of,
)
from planner.ics.reader import CalendarProperty, Component, read_calendar
from planner.services.booking import appointment_json
from planner.services.clinic import get

DEFAULT_HORIZON_DAYS = 548
"""About 18 months: as far ahead as plans are booked (a follow-up a year after treatment)."""
MAX_HORIZON_DAYS = 5 * 366
MAX_ROWS = 200_000
"""Refuse an import that would add more blocked pieces or closures than this."""
_PREFILTER_MARGIN = timedelta(days=2)


@dataclass
class ImportResult:
    """What an import read and stored."""

    import_id: int
    target: str
    target_id: int
    source: str
    tz: str
    window_start_utc: datetime
    window_end_utc: datetime
    events: int = 0
    """VEVENTs (and VFREEBUSY periods) read."""
    instances: int = 0
    """Occurrences inside the window after expansion."""
    rows: int = 0
    """Blocked-time pieces or closures stored."""
    replaced: int = 0
    """Rows of the earlier import of the same source that were removed."""
    skipped: list[Skipped] = field(default_factory=list)
    hits: list[dict[str, Any]] = field(default_factory=list)
    """Booked sessions that now fall in blocked time or on a closed day."""

    def to_json(self) -> dict[str, Any]:
        return {
            "import_id": self.import_id,
            "target": self.target,
            "target_id": self.target_id,
            "source": self.source,
            "tz": self.tz,
            "window_start_utc": self.window_start_utc.isoformat(timespec="minutes") + "Z",
            "window_end_utc": self.window_end_utc.isoformat(timespec="minutes") + "Z",
            "events": self.events,
            "instances": self.instances,
            "rows": self.rows,
            "replaced": self.replaced,
            "skipped": [{"line": s.line, "reason": s.reason} for s in self.skipped],
            "hits": self.hits,
        }


class _HashingReader:
    """Reads lines from a binary file while hashing everything read (the file's sha256)."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.sha = hashlib.sha256()

    def readline(self, limit: int = -1) -> bytes:
        data = self.fh.readline(limit)
        self.sha.update(data)
        return data


@dataclass
class _Read:
    """Everything kept from one pass over the file."""

    events: dict[str, tuple[list[RawEvent], list[RawEvent]]] = field(default_factory=dict)
    vtimezones: dict[str, Component] = field(default_factory=dict)
    freebusy: list[tuple[int, datetime, datetime]] = field(default_factory=list)
    calname: str | None = None
    wr_timezone: str | None = None
    count: int = 0
    ignored: dict[str, int] = field(default_factory=dict)
    tzids: dict[str, int] = field(default_factory=dict)
    """Every TZID the events use, with the first line using it (checked after reading)."""


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


def _read(fh: BinaryIO, source: str, lo: datetime, hi: datetime, busy: bool) -> _Read:
    r = _Read()
    for item in read_calendar(fh, source):
        if isinstance(item, CalendarProperty):
            p = item.prop
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
            continue
        comp: Component = item
        if comp.name == "VTIMEZONE":
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
        elif comp.name == "VEVENT":
            ev = read_event(comp, source)
            r.count += 1
            for tzid, line in tzids_of(ev):
                r.tzids.setdefault(tzid, line)
            if not _may_reach(ev, lo, hi):
                continue
            masters, overrides = r.events.setdefault(ev.uid, ([], []))
            (overrides if ev.recurrence_id is not None else masters).append(ev)
        elif comp.name == "VFREEBUSY":
            for p in comp.all("FREEBUSY"):
                fbtype = (p.param("FBTYPE") or "BUSY").upper()
                for period in p.value.split(","):
                    a, sep, b = period.partition("/")
                    if not sep:
                        raise CalendarFileError(
                            f"{source}: line {p.line}: the FREEBUSY period '{period[:40]}' is "
                            "not start/end or start/duration",
                            line=p.line,
                        )
                    r.count += 1
                    if fbtype == "FREE" or not busy:
                        continue
                    start = parse_when_text(a, None, p.line, source, "FREEBUSY")
                    if start.kind != "utc":
                        raise CalendarFileError(
                            f"{source}: line {p.line}: FREEBUSY times must be in UTC (ending in Z)",
                            line=p.line,
                        )
                    if b.strip().lstrip("+-").startswith("P"):
                        d = parse_duration(b, p.line, source, "FREEBUSY")
                        end = start.value + timedelta(days=d.days, seconds=d.seconds)
                    else:
                        e = parse_when_text(b, None, p.line, source, "FREEBUSY")
                        end = e.value
                    if end > start.value and end >= lo and start.value <= hi:
                        r.freebusy.append((p.line, start.value, end))
        else:
            r.ignored[comp.name] = r.ignored.get(comp.name, 0) + 1
    return r


def _zone_for(
    store: Store, practitioner_id: int | None, location_id: int | None, tz: str | None
) -> tuple[str, str, int, WeeklyHours | None]:
    """(target, zone name, target id, opening hours for a location)."""
    if (practitioner_id is None) == (location_id is None):
        raise BadInput(
            "say whose calendar this is: --practitioner ID (their busy time) or --location ID "
            "(closures), not both"
        )
    with store.read() as s:
        if practitioner_id is not None:
            p = get(s, Practitioner, practitioner_id, "practitioner")
            if tz:
                zone(tz)
                return "practitioner", tz, p.id, None
            zones = sorted({w.location.tz for w in p.workplaces})
            if len(zones) != 1:
                raise BadInput(
                    f"{p.name} works in {len(zones)} time zones ({', '.join(zones) or 'none'}); "
                    "say which one all-day and floating events are in with --tz"
                )
            return "practitioner", zones[0], p.id, None
        assert location_id is not None
        loc = get(s, Location, location_id, "location")
        if tz:
            zone(tz)
        return "location", tz or loc.tz, loc.id, WeeklyHours.from_json(loc.opening_hours)


def import_calendar(
    store: Store,
    path: Path | str,
    *,
    practitioner_id: int | None = None,
    location_id: int | None = None,
    source: str | None = None,
    tz: str | None = None,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    now: datetime | None = None,
    time_budget_seconds: float = 30.0,
) -> ImportResult:
    """Import ``path`` as blocked time or closures (see the module docstring).

    ``now`` is naive UTC (injectable for tests). Raises
    :class:`~planner.errors.CalendarFileError` for a malformed file, with nothing imported.
    """
    now = now or utcnow()
    if not 1 <= horizon_days <= MAX_HORIZON_DAYS:
        raise BadInput(f"the planning horizon must be 1 to {MAX_HORIZON_DAYS} days")
    target, tzname, target_id, opening = _zone_for(store, practitioner_id, location_id, tz)
    path = Path(path)
    name = path.name
    lo = now - timedelta(days=1)
    hi = now + timedelta(days=horizon_days)
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror}") from None
    with fh:
        reader = _HashingReader(fh)
        read = _read(reader, name, lo, hi, busy=target == "practitioner")  # type: ignore[arg-type]
        while reader.readline(1 << 20):
            pass  # hash whatever follows the last calendar too
    day_tz = zone(tzname)
    floating_tz: tzinfo = day_tz
    if read.wr_timezone:
        floating_tz = _iana(read.wr_timezone) or day_tz
    expander = Expander(
        name,
        day_tz,
        read.vtimezones,
        Limits(lo, hi, seconds=time_budget_seconds),
        floating_tz=floating_tz,
    )
    for tzid, line in read.tzids.items():
        expander.resolve(tzid, line)  # an unknown zone is an error even in a past event
    instances: list[Instance] = []
    busy = target == "practitioner"
    for masters, overrides in read.events.values():
        for ov in overrides:
            if busy and ov.transparent:
                ov.cancelled = True  # free time in a busy calendar blocks nothing
        live = [m for m in masters if not m.cancelled and not (busy and m.transparent)]
        for m in masters:
            if m not in live:
                why = "cancelled" if m.cancelled else "marked free (TRANSP:TRANSPARENT)"
                expander.skipped.append(Skipped(m.line, f"the event is {why}"))
        if not masters:
            instances.extend(expander.expand(None, overrides))
        for m in live:
            instances.extend(expander.expand(m, overrides))
            if len(instances) > MAX_ROWS:
                raise CalendarFileError(
                    f"{name}: line {m.line}: the calendar holds more than {MAX_ROWS:,} "
                    "occurrences within the planning horizon; nothing was imported",
                    line=m.line,
                )
    result = ImportResult(
        import_id=0,
        target=target,
        target_id=target_id,
        source=(source or read.calname or name).strip()[:200] or name[:200],
        tz=tzname,
        window_start_utc=lo,
        window_end_utc=hi,
        events=read.count,
        instances=len(instances) + len(read.freebusy),
        skipped=expander.skipped,
    )
    if target == "practitioner":
        rows = _blocks(instances, read.freebusy, lo, hi)
    else:
        assert opening is not None
        rows = _closures(instances, day_tz, opening, lo, hi, expander.skipped)
    if len(rows) > MAX_ROWS:
        raise CalendarFileError(
            f"{name}: the calendar would add more than {MAX_ROWS:,} rows; nothing was imported",
            line=None,
        )
    _store_rows(store, result, rows, name, reader.sha.hexdigest(), now)
    return result


# -- rows ---------------------------------------------------------------------------------------


def _blocks(
    instances: list[Instance],
    freebusy: list[tuple[int, datetime, datetime]],
    lo: datetime,
    hi: datetime,
) -> list[dict[str, Any]]:
    """Blocked-time rows, clipped to the window and cut into pieces of at most a day."""
    piece = timedelta(minutes=BLOCKED_TIME_MAX_MINUTES)
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


def _closures(
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
            days = _days(inst.first_day, inst.last_day)
        else:
            days = [
                d
                for d in _days(
                    to_local(inst.start_utc, tz).date(),
                    to_local(inst.end_utc - timedelta(microseconds=1), tz).date(),
                )
                if _covers_opening(inst, d, tz, opening)
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
        for a, b in _runs(days):
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


def _days(a: date, b: date) -> list[date]:
    return [a + timedelta(days=i) for i in range((b - a).days + 1)] if b >= a else []


def _runs(days: Iterable[date]) -> list[tuple[date, date]]:
    out: list[tuple[date, date]] = []
    for d in sorted(set(days)):
        if out and d == out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out


def _covers_opening(inst: Instance, day: date, tz: tzinfo, opening: WeeklyHours) -> bool:
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


def _store_rows(
    store: Store,
    result: ImportResult,
    rows: list[dict[str, Any]],
    file_name: str,
    sha256: str,
    now: datetime,
) -> None:
    """One transaction: drop the same source's earlier import, add this one, find the hits."""
    is_p = result.target == "practitioner"
    with store.write() as s:
        col = CalendarImport.practitioner_id if is_p else CalendarImport.location_id
        old = list(
            s.scalars(
                select(CalendarImport.id).where(
                    col == result.target_id, CalendarImport.source == result.source
                )
            )
        )
        if old:
            if is_p:
                gone = s.execute(delete(BlockedTime).where(BlockedTime.import_id.in_(old)))
                result.replaced = int(cast(CursorResult[Any], gone).rowcount)
            else:
                closure_ids = list(
                    s.scalars(
                        select(ImportedClosure.closure_id).where(ImportedClosure.import_id.in_(old))
                    )
                )
                s.execute(delete(ImportedClosure).where(ImportedClosure.import_id.in_(old)))
                if closure_ids:
                    s.execute(delete(Closure).where(Closure.id.in_(closure_ids)))
                result.replaced = len(closure_ids)
            s.execute(delete(CalendarImport).where(CalendarImport.id.in_(old)))
        batch = CalendarImport(
            practitioner_id=result.target_id if is_p else None,
            location_id=None if is_p else result.target_id,
            source=result.source,
            file_name=file_name[:400],
            sha256=sha256,
            tz=result.tz,
            window_start_utc=result.window_start_utc,
            window_end_utc=result.window_end_utc,
            events=result.events,
            rows=len(rows),
            imported_at=now,
        )
        s.add(batch)
        s.flush()
        result.import_id = batch.id
        result.rows = len(rows)
        if is_p:
            if rows:
                extra = {"practitioner_id": result.target_id, "import_id": batch.id}
                s.execute(insert(BlockedTime), [{**r, **extra} for r in rows])
            result.hits = _practitioner_hits(s, result.target_id, rows, result)
        else:
            for r in rows:
                c = Closure(
                    location_id=result.target_id,
                    first_day=r["first_day"],
                    last_day=r["last_day"],
                    reason=r["reason"],
                    created_at=now,
                )
                s.add(c)
                s.flush()
                s.add(
                    ImportedClosure(
                        closure_id=c.id,
                        import_id=batch.id,
                        source_uid=r["source_uid"],
                        recurrence_id=r["recurrence_id"],
                    )
                )
            result.hits = _location_hits(s, result.target_id, rows)


def _practitioner_hits(
    s: Any, practitioner_id: int, rows: list[dict[str, Any]], result: ImportResult
) -> list[dict[str, Any]]:
    if not rows:
        return []
    spans = sorted((r["start_utc"], r["end_utc"]) for r in rows)
    starts = [a for a, _b in spans]
    longest = max(b - a for a, b in spans)
    appts = s.scalars(
        select(Appointment)
        .where(
            Appointment.practitioner_id == practitioner_id,
            Appointment.status == AppointmentStatus.BOOKED.value,
            Appointment.start_utc >= result.window_start_utc - timedelta(days=1),
            Appointment.start_utc < result.window_end_utc,
        )
        .order_by(Appointment.start_utc)
    )
    out = []
    for a in appts:
        i = bisect.bisect_left(starts, a.start_utc - longest)
        while i < len(spans) and spans[i][0] < a.end_utc:
            if spans[i][1] > a.start_utc:
                out.append(appointment_json(a))
                break
            i += 1
    return out


def _location_hits(s: Any, location_id: int, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not rows:
        return []
    days = {d for r in rows for d in _days(r["first_day"], r["last_day"])}
    lo, hi = min(days), max(days) + timedelta(days=1)
    appts = s.scalars(
        select(Appointment)
        .where(
            Appointment.location_id == location_id,
            Appointment.status == AppointmentStatus.BOOKED.value,
            Appointment.start_local >= datetime.combine(lo, time(0)),
            Appointment.start_local < datetime.combine(hi, time(0)),
        )
        .order_by(Appointment.start_utc)
    )
    return [appointment_json(a) for a in appts if a.start_local.date() in days]


def find_import(store: Store, import_id: int) -> dict[str, Any]:
    """An import's bookkeeping (for the window's list of imported calendars)."""
    with store.read() as s:
        row = s.get(CalendarImport, import_id)
        if row is None:
            raise NotFound(f"no calendar import with id {import_id}")
        return {
            "id": row.id,
            "practitioner_id": row.practitioner_id,
            "location_id": row.location_id,
            "source": row.source,
            "file": row.file_name,
            "tz": row.tz,
            "events": row.events,
            "rows": row.rows,
            "imported_at": row.imported_at.isoformat(timespec="seconds") + "Z",
        }
