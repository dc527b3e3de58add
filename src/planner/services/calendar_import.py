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
  times are read in the calendar's ``X-WR-TIMEZONE`` if it names one, else in that zone; in
  such a calendar a series written in UTC repeats on X-WR-TIMEZONE's wall clock.
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
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, delete, insert, select

from planner.core.calendars import WeeklyHours
from planner.core.domain import AppointmentStatus
from planner.core.input_files import open_input
from planner.core.timeutil import utcnow, zone
from planner.db.audit import current
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
from planner.ics import incoming
from planner.ics.expand import (
    Limits,
    Skipped,
)
from planner.services.booking.appointments import appointment_json
from planner.services.clinic import get

DEFAULT_HORIZON_DAYS = 548
"""About 18 months: as far ahead as plans are booked (a follow-up a year after treatment)."""
MAX_HORIZON_DAYS = 5 * 366
MAX_ROWS = 200_000
"""Refuse an import that would add more blocked pieces or closures than this."""
BLOCKED_TIME_PIECE = timedelta(minutes=BLOCKED_TIME_MAX_MINUTES)


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
    fh = open_input(path)  # a regular file of a bounded size; a FIFO or device is refused
    with fh:
        reader = incoming.HashingReader(fh)
        read = incoming.read(reader, name, lo, hi, busy=target == "practitioner")
        while reader.readline(1 << 20):
            pass  # hash whatever follows the last calendar too
    day_tz = zone(tzname)
    expander = incoming.expander(read, name, day_tz, Limits(lo, hi, seconds=time_budget_seconds))
    instances = incoming.expand(
        read, expander, busy=target == "practitioner", max_instances=MAX_ROWS
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
        rows = incoming.blocks(instances, read.freebusy, lo, hi, BLOCKED_TIME_PIECE)
    else:
        assert opening is not None
        rows = incoming.closures(instances, day_tz, opening, lo, hi, expander.skipped)
    if len(rows) > MAX_ROWS:
        raise CalendarFileError(
            f"{name}: the calendar would add more than {MAX_ROWS:,} rows; nothing was imported",
            line=None,
        )
    _store_rows(store, result, rows, name, reader.sha.hexdigest(), now)
    return result


# -- rows ---------------------------------------------------------------------------------------


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
    with store.write("import calendar") as s:
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
        audit = current(s)
        if audit is not None:  # busy time and replaced rows are written in bulk
            audit.note(
                "import",
                batch.id,
                {
                    "target": result.target,
                    "target_id": result.target_id,
                    "source": result.source,
                    "rows": len(rows),
                    "replaced": result.replaced,
                },
            )


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
    days = {d for r in rows for d in incoming.days_between(r["first_day"], r["last_day"])}
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
