"""Is the database sound? SQLite's own page checks and planner's schema checks, in one report.

Nothing else notices damaged pages until a read happens to touch one, so the check runs in three
places: ``planner check`` (the full :func:`check`), the window at start-up (the quick check,
only on databases up to :data:`QUICK_CHECK_MAX_BYTES`, where it costs under 200 ms), and after
each backup (:func:`check_file` on the copy, full).

* ``PRAGMA integrity_check`` reads every page, every index entry against its table and every
  constraint; ``PRAGMA quick_check`` skips the index-against-table part (O(N) instead of
  O(N log N)) and is what start-up affords. ``PRAGMA foreign_key_check`` finds rows that point
  at rows that are gone (possible only where foreign keys were off while writing).
* The schema: the Alembic revision is one this planner knows and is the newest; every table of
  the models is there.

On PostgreSQL the server guards its own pages: only the schema is checked.

:func:`with_backup` turns the damaged-database message of :mod:`planner.db.sqlite_errors`
into one that names the newest good backup (file and date), where there is one.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import exc as sa_exc
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from planner.db.models import Base
from planner.db.sqlite_errors import RESTORE_HINT, explain, page_findings, read_only_uri, short
from planner.db.store import Store, head_revision, resolve_url
from planner.errors import DatabaseDamaged, DatabaseError

QUICK_CHECK_MAX_BYTES = 24_000_000
"""The window's start-up quick check runs on databases up to this size. Measured on this
project's 2-core test machine under load, warm cache: 4.3 MB 14 ms, 16.5 MB 111 ms (the default
demo, 22,000 sessions), 150 MB 489 ms (200,000 sessions); about 7 ms per MB at worst, so 24 MB
stays under 200 ms with a margin for a cold cache."""


@dataclass(frozen=True)
class CheckReport:
    """What a check found: ``ok`` when nothing is wrong, else ``problems`` in plain lines."""

    database: str
    quick: bool
    problems: list[str] = field(default_factory=list)
    revision: str | None = None
    head: str = ""
    seconds: float = 0.0
    size: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def damaged(self) -> bool:
        """SQLite found damaged pages (as opposed to only an old or unknown schema)."""
        return any(p.startswith("SQLite: ") for p in self.problems)

    def to_json(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "ok": self.ok,
            "quick": self.quick,
            "problems": list(self.problems),
            "revision": self.revision,
            "head": self.head,
            "seconds": round(self.seconds, 3),
            "size": self.size,
        }

    @property
    def text(self) -> str:
        """One line when all is well, else one line per problem after a heading."""
        kind = "quick check" if self.quick else "check"
        if self.ok:
            return f"{self.database}: OK ({kind}, schema {self.revision}, {self.seconds:.2f} s)"
        return "\n".join(
            [f"{self.database}: {len(self.problems)} problem(s) found ({kind}):"]
            + [f"  {p}" for p in self.problems]
        )


def _schema_findings(revision: str | None, tables: set[str]) -> list[str]:
    head = head_revision()
    found = []
    if revision is None:
        found.append("the schema has no planner revision")
    elif revision != head:
        found.append(f"the schema is at revision {revision}, not this planner's {head}")
    missing = sorted(set(Base.metadata.tables) - tables)
    if missing:
        found.append(f"tables missing: {', '.join(missing)}")
    return found


def check(store: Store, *, quick: bool = False) -> CheckReport:
    """Check the open database ``store``: SQLite's page checks (``quick``: the cheaper
    ``quick_check``, no foreign keys) and the schema. Changes nothing."""
    started = time.perf_counter()
    problems: list[str] = []
    revision: str | None = None
    with store.engine.connect() as conn:
        if store.is_sqlite:
            problems += page_findings(lambda sql: conn.exec_driver_sql(sql).fetchall(), quick=quick)
        try:
            revision = store.revision()
            tables = set(inspect(conn).get_table_names())
            problems += _schema_findings(revision, tables)
        except sa_exc.DatabaseError as exc:
            if not problems:
                problems.append(f"SQLite: {short(exc)}")
    size = None
    if store.path is not None:
        try:
            size = store.path.stat().st_size
        except OSError:
            size = None
    return CheckReport(
        store.display,
        quick,
        problems,
        revision,
        head_revision(),
        time.perf_counter() - started,
        size,
    )


def check_file(path: Path, *, quick: bool = False) -> CheckReport:
    """Check a SQLite file that is not open as a :class:`Store` (a backup just made, or the
    database for ``planner check``), read-only and without upgrading it: the same findings as
    :func:`check`. A file that cannot be opened or is not a database raises what
    :func:`planner.db.sqlite_errors.explain` says it is."""
    if not path.exists():
        raise DatabaseError(f"there is no database at {path}")
    started = time.perf_counter()
    ro = read_only_uri(path)
    con = sqlite3.connect(ro[0] if ro else f"file:{quote(str(path))}?mode=ro", uri=True)
    try:
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise explain(exc, path, str(path), writing=False) from None
        problems = page_findings(lambda sql: con.execute(sql).fetchall(), quick=quick)
        revision: str | None = None
        try:
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            problems += _schema_findings(revision, tables)
        except sqlite3.DatabaseError as exc:
            if not problems:
                problems.append(f"SQLite: {short(exc)}")
    finally:
        con.close()
    return CheckReport(
        str(path),
        quick,
        problems,
        revision,
        head_revision(),
        time.perf_counter() - started,
        path.stat().st_size,
    )


def check_database(db: str | None, *, quick: bool = False) -> CheckReport:
    """Check the database ``--db`` names (:func:`planner.db.store.resolve_url`): a SQLite file
    by :func:`check_file`, so checking changes nothing (an old schema is reported, not
    upgraded); any other database opened as a :class:`Store` and :func:`check`."""
    url, _default = resolve_url(db)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return check_file(Path(parsed.database), quick=quick)
    store = Store(db)
    try:
        return check(store, quick=quick)
    finally:
        store.close()


def worth_quick_check(store: Store) -> bool:
    """Whether the window's start-up quick check is cheap enough for ``store`` (a SQLite file
    up to :data:`QUICK_CHECK_MAX_BYTES`)."""
    if store.path is None:
        return False
    try:
        return store.path.stat().st_size <= QUICK_CHECK_MAX_BYTES
    except OSError:
        return False


def backup_advice(database: Path) -> str:
    """What to do about a damaged ``database``: restore the newest good backup, by file and
    date, or look for one when there is none in its backup folder."""
    from planner.services.backups import last_good, local_text

    try:
        newest = last_good(database)
    except Exception:  # a folder setting that cannot be read: fall back to the listing
        newest = None
    if newest is None:
        return "there is no good backup in its backup folder: " + RESTORE_HINT
    return (
        f"restore the newest good backup, {newest.path.name} of "
        f"{local_text(newest.made_at)}: 'planner restore {newest.path}'"
    )


def with_backup(exc: DatabaseDamaged) -> DatabaseDamaged:
    """``exc`` naming the newest good backup of its database instead of the general hint."""
    path = exc.details.get("path")
    if not path or RESTORE_HINT not in exc.message:
        return exc
    message = exc.message.replace(RESTORE_HINT, backup_advice(Path(path)), 1)
    return DatabaseDamaged(message, details=exc.details)
