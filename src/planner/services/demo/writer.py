"""Writing the demo's rows: ids handed out here, rows kept in buffers and inserted in batches.

Rows are plain dicts written with SQLAlchemy Core ``insert(...)`` executemany, in chunks of
``CHUNK_ROWS``, on the connection of the build's one ``store.write()`` transaction (the
generator flushes about every ``BATCH_SESSIONS`` sessions, so memory stays bounded while the
whole demo commits or none of it does). Ids are assigned here, so no ``RETURNING`` round trips
are needed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text

from planner.db.models import (
    Appointment,
    AppointmentRegion,
    Closure,
    Location,
    Patient,
    PatientFlag,
    Plan,
    PlanRegion,
    Practitioner,
    Room,
)
from planner.db.store import Store

BATCH_SESSIONS = 50_000
CHUNK_ROWS = 10_000

ID_MODELS: tuple[type, ...] = (
    Location,
    Room,
    Practitioner,
    Patient,
    PatientFlag,
    Plan,
    Appointment,
    Closure,
)
"""The tables whose ids the demo assigns."""

BUFFERED: tuple[tuple[str, type], ...] = (
    ("patients", Patient),
    ("patient_flags", PatientFlag),
    ("plans", Plan),
    ("plan_regions", PlanRegion),
    ("appointments", Appointment),
    ("appointment_regions", AppointmentRegion),
)
"""The buffered tables, in the order a flush inserts them (parents first)."""

Row = dict[str, Any]


def table_of(model: type) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


class Writer:
    """Ids and buffered rows of one build; ``goal`` is the session count progress is told."""

    def __init__(
        self, store: Store, progress: Callable[[int, int], None] | None, goal: int
    ) -> None:
        self.store = store
        self.conn: Connection | None = None
        """The connection of the build's transaction (see :meth:`start_ids`)."""
        self.progress = progress
        self.goal = goal
        self.next_id: dict[str, int] = {}
        self.written = 0
        """Sessions written so far."""
        self.buf: dict[str, list[Row]] = {key: [] for key, _model in BUFFERED}

    # -- ids -------------------------------------------------------------------------------
    def start_ids(self, conn: Connection) -> None:
        """Write on ``conn`` from now on; the database is empty, but start after whatever ids
        exist to be safe."""
        self.conn = conn
        if self.store.is_sqlite:  # a bigger page cache for the build (per connection)
            conn.exec_driver_sql("PRAGMA cache_size=-65536")
        for model in ID_MODELS:
            table = table_of(model)
            top = conn.execute(select(func.max(table.c.id))).scalar() or 0
            self.next_id[table.name] = top + 1

    def take(self, table: str) -> int:
        """The next id of ``table``."""
        i = self.next_id[table]
        self.next_id[table] = i + 1
        return i

    # -- rows ------------------------------------------------------------------------------
    def add(self, table: str, row: Row) -> None:
        self.buf[table].append(row)

    def pending_sessions(self) -> int:
        return len(self.buf["appointments"])

    @staticmethod
    def insert_now(conn: Connection, model: type, rows: list[Row]) -> None:
        """Insert ``rows`` into ``model``'s table at once (the clinic's few rows)."""
        conn.execute(insert(table_of(model)), rows)

    def flush(self) -> None:
        """Write the buffered rows (in the build's transaction) and tell ``progress``."""
        buf = self.buf
        if not any(buf.values()):
            return
        conn = self.conn
        assert conn is not None, "start_ids() first"
        for key, model in BUFFERED:
            rows = buf[key]
            table = table_of(model)
            for k in range(0, len(rows), CHUNK_ROWS):
                conn.execute(insert(table), rows[k : k + CHUNK_ROWS])
            if key == "appointments":
                self.written += len(rows)
            rows.clear()
        if self.progress is not None:
            self.progress(self.written, max(self.goal, self.written))

    def finish(self) -> None:
        """Undo the build's SQLite cache size; on PostgreSQL move the id sequences on (in the
        build's transaction, so nothing of it is left when it rolls back)."""
        conn = self.conn
        if conn is None:
            return
        if self.store.is_sqlite:
            conn.exec_driver_sql("PRAGMA cache_size=-2000")
            return
        if self.store.engine.dialect.name == "postgresql":
            # Ids were given explicitly: without this the next add_patient() would take id 1.
            for model in ID_MODELS:
                table = table_of(model).name
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                    )
                )
