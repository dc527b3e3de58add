"""A first look at the week, read with sqlite3 before the database layer has loaded.

The window paints :func:`peek_range` while SQLAlchemy, the migrations check and the holiday
calendars load behind it; :func:`planner.services.schedule.week.load_range` replaces it a
moment later. Each query here mirrors one of ``load_range`` and both turn their rows into
values through :mod:`.rows`; a test holds the two results equal. Imports only the standard
library and the light core modules.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from planner.core.domain import ACTIVE_STATUSES, AppointmentStatus
from planner.core.timeutil import to_local, zone
from planner.errors import PlannerError
from planner.services.batches import in_batches
from planner.services.schedule.rows import (
    BUSY_PAD,
    Numbering,
    Span,
    block_of,
    clip_busy,
    day_list,
    practitioner_column,
    strays,
    with_no_room,
)
from planner.services.schedule.values import (
    Block,
    BusyTime,
    Column,
    Hours,
    LocationInfo,
    RangeData,
)


def sqlite_file_of(db: str | None, default: Path | None = None) -> Path | None:
    """The SQLite file a ``--db`` value names, or None (PostgreSQL, in memory, unknown).

    Mirrors :func:`planner.db.store.resolve_url` for the SQLite cases without importing
    SQLAlchemy; only :func:`peek_range` uses it, and the full load that follows it goes
    through the real store, so a disagreement costs a moment, never correctness.
    """
    if not db:
        return default
    if db == ":memory:":
        return None
    if "://" in db:
        prefix = "sqlite:///"
        return Path(db[len(prefix) :]) if db.startswith(prefix) and len(db) > len(prefix) else None
    return Path(db).expanduser().resolve()


def peek_range(
    path: Path,
    location_id: int | None,
    days: int,
    now_utc: datetime,
) -> RangeData | None:
    """The current week (or day) of a SQLite database, read with the standard library only.

    It is the same data as ``load_range(...)`` (a test holds them equal) except that public
    holidays are not named yet. Read-only; returns None when the file is missing, empty,
    locked or not readable as a planner database, and the normal start-up takes over.
    """
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
    except sqlite3.Error:
        return None
    try:
        return _peek(con, location_id, days, now_utc)
    except (sqlite3.Error, ValueError, KeyError, TypeError, PlannerError):
        return None
    finally:
        con.close()


def _ts(dt: datetime) -> str:
    """A naive instant as SQLAlchemy stores DateTime in SQLite (sortable text)."""
    return dt.strftime("%Y-%m-%d %H:%M:%S.%f")


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _peek(
    con: sqlite3.Connection, location_id: int | None, days: int, now_utc: datetime
) -> RangeData | None:
    loc = _location(con, location_id)
    if loc is None:
        return None
    today = to_local(now_utc, zone(loc.tz)).date()
    first = today - timedelta(days=today.weekday()) if days == 7 else today
    span = Span.of(first, days)
    rows = _sessions(con, loc.id, span)
    plan_ids = sorted({r[1] for r in rows})
    numbering = _numbering(con, plan_ids, loc.id, span)
    regions = _regions(con, plan_ids)
    flagged = _flagged(con, [r[2] for r in rows])
    blocks = tuple(block_of(r, numbering, regions, flagged) for r in rows)
    practitioners = _practitioner_columns(con, loc.id, blocks)
    rooms = with_no_room(
        [
            Column(key=rid, name=name, kind="room")
            for rid, name in con.execute(
                "SELECT id, name FROM rooms WHERE location_id = ? ORDER BY id", (loc.id,)
            )
        ],
        blocks,
    )
    closures = [
        (date.fromisoformat(a), date.fromisoformat(b), reason or "")
        for a, b, reason in con.execute(
            "SELECT first_day, last_day, reason FROM closures"
            " WHERE location_id = ? AND first_day <= ? AND last_day >= ?",
            (loc.id, span.last.isoformat(), span.first.isoformat()),
        )
    ]
    busy = _busy_times(con, [c.key for c in practitioners], loc.tz, span)
    return RangeData(
        loc,
        first,
        day_list(loc.opening, span, closures),
        tuple(practitioners),
        tuple(rooms),
        blocks,
        tuple(busy),
    )


def _location(con: sqlite3.Connection, location_id: int | None) -> LocationInfo | None:
    """The location asked for, or else the first one; None in a database without any."""
    cols = "id, name, tz, country, subdivision, opening_hours, address, phone"
    row = None
    if location_id is not None:
        row = con.execute(f"SELECT {cols} FROM locations WHERE id = ?", (location_id,)).fetchone()
    if row is None:
        row = con.execute(f"SELECT {cols} FROM locations ORDER BY id LIMIT 1").fetchone()
    if row is None:
        return None
    return LocationInfo(
        id=row[0],
        name=row[1],
        tz=row[2],
        opening=Hours.from_json(json.loads(row[5] or "{}")),
        country=row[3],
        subdivision=row[4],
        address=row[6] or "",
        phone=row[7] or "",
    )


def _sessions(con: sqlite3.Connection, location_id: int, span: Span) -> list[tuple[Any, ...]]:
    """The location's booked sessions on the days shown, in the order ``block_of`` reads."""
    rows = []
    for r in con.execute(
        "SELECT a.id, a.plan_id, a.patient_id, p.name, a.practitioner_id, a.room_id,"
        " a.kind, a.status,"
        " a.start_local, a.duration_min, a.revision, pl.modality"
        " FROM appointments a JOIN patients p ON p.id = a.patient_id"
        " JOIN plans pl ON pl.id = a.plan_id"
        " WHERE a.location_id = ? AND a.start_utc >= ? AND a.start_utc < ? AND a.status != ?"
        " ORDER BY a.start_utc, a.id",
        (location_id, _ts(span.lo), _ts(span.hi), AppointmentStatus.CANCELLED.value),
    ):
        start = datetime.fromisoformat(r[8])
        if span.shows(start):
            rows.append((*r[:8], start, *r[9:]))
    return rows


def _numbering(
    con: sqlite3.Connection, plan_ids: list[int], location_id: int, span: Span
) -> Numbering:
    """ "n of N" of the shown sessions, counted by SQLite (window functions; SQLite >= 3.25).

    Only the shown sessions come back, not every session of their plans, so this thread
    holds the interpreter lock for less of the window's start-up.
    """
    active = [st.value for st in ACTIVE_STATUSES]
    shown = (location_id, _ts(span.lo), _ts(span.hi))
    numbering: Numbering = {}
    for batch in in_batches(plan_ids):
        numbering.update(
            (aid, (n, total))
            for aid, n, total in con.execute(
                "SELECT id, n, total FROM (SELECT id, location_id, start_utc,"
                " ROW_NUMBER() OVER (PARTITION BY plan_id, kind ORDER BY start_utc, id) AS n,"
                " COUNT(*) OVER (PARTITION BY plan_id, kind) AS total"
                f" FROM appointments WHERE plan_id IN ({_marks(len(batch))})"
                f" AND status IN ({_marks(len(active))}))"
                " WHERE location_id = ? AND start_utc >= ? AND start_utc < ?",
                (*batch, *active, *shown),
            )
        )
    return numbering


def _regions(con: sqlite3.Connection, plan_ids: list[int]) -> dict[int, list[str]]:
    regions: dict[int, list[str]] = {}
    for batch in in_batches(plan_ids):
        for pid, region in con.execute(
            f"SELECT plan_id, region FROM plan_regions WHERE plan_id IN ({_marks(len(batch))})"
            " ORDER BY plan_id, position",
            tuple(batch),
        ):
            regions.setdefault(pid, []).append(region)
    return regions


def _flagged(con: sqlite3.Connection, patient_ids: list[int]) -> set[int]:
    flagged: set[int] = set()
    for batch in in_batches(patient_ids):
        flagged.update(
            pid
            for (pid,) in con.execute(
                "SELECT DISTINCT patient_id FROM patient_flags"
                f" WHERE patient_id IN ({_marks(len(batch))})",
                tuple(batch),
            )
        )
    return flagged


def _practitioner_columns(
    con: sqlite3.Connection, location_id: int, blocks: tuple[Block, ...]
) -> list[Column]:
    columns = [
        practitioner_column(
            pid, name, prof, bool(needle), Hours.from_json(json.loads(hours or "{}"))
        )
        for pid, name, prof, needle, hours in con.execute(
            "SELECT p.id, p.name, p.profession, p.may_needle, w.hours FROM practitioners p"
            " JOIN practitioner_locations w ON w.practitioner_id = p.id WHERE w.location_id = ?"
            " ORDER BY p.name, p.id",
            (location_id,),
        )
    ]
    missing = strays(blocks, columns)
    if missing:
        columns.extend(
            practitioner_column(pid, name, prof, bool(needle), Hours())
            for pid, name, prof, needle in con.execute(
                "SELECT id, name, profession, may_needle FROM practitioners"
                f" WHERE id IN ({_marks(len(missing))})",
                tuple(missing),
            )
        )
    return columns


def _busy_times(
    con: sqlite3.Connection, pids: list[int], tz_name: str, span: Span
) -> list[BusyTime]:
    if not pids:
        return []
    tz = zone(tz_name)
    try:
        found = con.execute(
            "SELECT practitioner_id, start_utc, end_utc, summary FROM blocked_times"
            f" WHERE practitioner_id IN ({_marks(len(pids))})"
            " AND start_utc >= ? AND start_utc < ? AND end_utc > ?"
            " ORDER BY start_utc, id",
            (*pids, _ts(span.lo - BUSY_PAD), _ts(span.hi), _ts(span.lo)),
        ).fetchall()
    except sqlite3.OperationalError:  # a database from before calendar imports
        found = []
    busy = []
    for pid, a, b, summary in found:
        piece = clip_busy(
            pid,
            to_local(datetime.fromisoformat(a), tz),
            to_local(datetime.fromisoformat(b), tz),
            summary,
            span,
        )
        if piece is not None:
            busy.append(piece)
    return busy
