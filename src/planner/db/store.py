"""The database handle: one place that opens, checks, migrates and writes.

* SQLite by default, in the user data folder; any SQLAlchemy URL through ``--db`` or
  ``PLANNER_DB`` (PostgreSQL when several front desks share one schedule).
* SQLite runs in WAL mode with a busy timeout and foreign keys on. A write transaction starts
  with ``BEGIN IMMEDIATE`` so the conflict check and the insert it guards are serialised
  between processes; on PostgreSQL the booking service locks the resource rows instead.
* The schema is versioned by Alembic. An older database is upgraded in place (a SQLite file
  is backed up first); a database from a newer planner is refused with a clear message.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from planner.db.audit import Audit, Author, install
from planner.errors import DatabaseBusy, DatabaseError, DatabaseUnavailable, SchemaTooNew

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT_MS = 15_000


def default_db_path() -> Path:
    return platformdirs.user_data_path("planner", appauthor=False) / "planner.db"


def resolve_url(db: str | None) -> tuple[str, bool]:
    """The SQLAlchemy URL to open, and whether it is the default database.

    ``db`` may be a URL (``sqlite:///x.db``, ``postgresql+psycopg://...``), a plain file path,
    or None for ``PLANNER_DB`` or else the default file in the user data folder.
    """
    if not db:
        db = os.environ.get("PLANNER_DB") or None
    if not db:
        path = default_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}", True
    if db == ":memory:":
        return "sqlite://", False
    if "://" in db:
        return db, False
    return f"sqlite:///{Path(db).expanduser().resolve()}", False


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


class Store:
    """An open planner database."""

    def __init__(
        self, db: str | None = None, *, create: bool | None = None, author: Author | None = None
    ) -> None:
        self.url, is_default = resolve_url(db)
        self.author = author or Author.here("cli")
        """Who this program's changes are logged as (:mod:`planner.db.audit`)."""
        self.own_changes: set[int] = set()
        """Ids of the change-log rows this program wrote, so a desk can tell its own changes
        from another desk's when it is told the schedule changed."""
        parsed = make_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path: Path | None = None
        # what messages show: a server URL without its password, a SQLite file by its path
        self.display = (
            parsed.render_as_string(hide_password=True)
            if not self.is_sqlite
            else (parsed.database or ":memory:")
        )
        if create is None:
            create = is_default
        if self.is_sqlite and parsed.database not in (None, "", ":memory:"):
            self.path = Path(parsed.database)
            if not self.path.exists() and not create:
                raise DatabaseError(
                    f"there is no database at {self.path}; create one with "
                    f"'planner --db {self.path} init'"
                )
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = self._make_engine()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine = (
            self.engine.execution_options(planner_begin="IMMEDIATE")
            if self.is_sqlite
            else self.engine
        )
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)
        try:
            self._ensure_schema(create)
        except BaseException:
            self.engine.dispose()
            raise

    # -- engine ---------------------------------------------------------------------------
    def _make_engine(self) -> Engine:
        kwargs: dict[str, Any] = {}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
            if self.path is None:
                kwargs["poolclass"] = StaticPool
        else:
            # A desk keeps its pool across a server restart: test each connection before use,
            # so the first action after the server is back works instead of failing once.
            kwargs["pool_pre_ping"] = True
        engine = create_engine(self.url, **kwargs)
        if self.is_sqlite:
            _sqlite_setup(engine)
        return engine

    # -- schema ---------------------------------------------------------------------------
    def _ensure_schema(self, create: bool) -> None:
        try:
            with self.engine.connect() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
                tables = set(inspect(conn).get_table_names()) - {"alembic_version"}
        except sa_exc.OperationalError as exc:
            if not self.is_sqlite:
                raise DatabaseUnavailable(
                    f"cannot reach the database server for {self.display} ({_short(exc)}); "
                    "nothing was changed. Check that it is running and this computer may "
                    "connect to it"
                ) from None
            raise DatabaseError(
                f"cannot read the database {self.display}: it is damaged or not a planner "
                f"database ({_short(exc)}). Restore it from a backup or choose another with --db"
            ) from None
        except sa_exc.DatabaseError as exc:
            raise DatabaseError(
                f"cannot read the database {self.display}: it is damaged or not a planner "
                f"database ({_short(exc)}). Restore it from a backup or choose another with --db"
            ) from None
        script = ScriptDirectory.from_config(_alembic_config())
        head = script.get_current_head()
        if current is None:
            if tables:
                raise DatabaseError(
                    f"{self.display} holds other data and is not a planner database; "
                    "choose another file with --db"
                )
            if not create:
                raise DatabaseError(
                    f"{self.display} has no planner data yet; create it with "
                    f"'planner --db {self.display} init'"
                )
            self._upgrade()
            return
        try:
            known = script.get_revision(current)
        except Exception:
            known = None
        if known is None:
            raise SchemaTooNew(
                f"{self.display} was written by a newer version of planner (schema {current}; "
                f"this planner knows up to {head}). Update planner to open it; nothing was changed"
            )
        if current != head:
            self._backup(current)
            self._upgrade()

    def _upgrade(self) -> None:
        cfg = _alembic_config()
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        if self.path is not None:
            # journal_mode cannot change inside a transaction: use the raw connection.
            with self.engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                assert raw is not None
                raw.execute("PRAGMA journal_mode=WAL")

    def _backup(self, revision: str) -> None:
        if self.path is None:
            return
        target = self.path.with_name(f"{self.path.name}.before-upgrade-from-{revision}")
        src = sqlite3.connect(self.path)
        try:
            dst = sqlite3.connect(target)
            with dst:
                src.backup(dst)
            dst.close()
        finally:
            src.close()

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    # -- sessions -------------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed.

        Closing it (rather than rolling back) detaches the loaded rows without expiring them,
        so callers may keep reading what they loaded.
        """
        with self._sessions() as s:
            try:
                yield s
            except sa_exc.OperationalError as exc:
                raise self._operational(exc, writing=False) from None

    @contextmanager
    def write(self, action: str = "") -> Iterator[Session]:
        """One transaction for one user action: all of it is committed, or none of it.

        On SQLite it begins with ``BEGIN IMMEDIATE``: the database's write lock is held from
        the first read, so a conflict check inside it cannot be overtaken by another desk. On
        PostgreSQL the services lock the rows they read (``SELECT ... FOR UPDATE``).

        ``action`` names what the user did ("cancel", "move following"); the change log
        records it with every row the transaction changed (:mod:`planner.db.audit`).
        """
        audit = Audit(self.author, action, notify=not self.is_sqlite)
        with self._write_sessions() as s:
            install(s, audit)
            try:
                with s.begin():
                    yield s
            except sa_exc.OperationalError as exc:
                raise self._operational(exc, writing=True) from None
        self.own_changes.update(audit.written)

    def _operational(self, exc: sa_exc.OperationalError, *, writing: bool) -> DatabaseError:
        text = str(exc)
        done = " Nothing was changed." if writing else ""
        if "locked" in text:
            return DatabaseBusy(
                "the database is busy with another desk's change; try again in a moment"
            )
        code = getattr(getattr(exc, "orig", None), "sqlstate", None)
        if code in ("40001", "40P01"):  # serialization failure, deadlock detected
            return DatabaseBusy(
                "another desk changed the same sessions at the same moment; try again" + done
            )
        if not self.is_sqlite:
            return DatabaseUnavailable(
                f"cannot reach the database server ({_short(exc)}).{done} Check that the "
                "server is running and this computer can reach it; planner connects again "
                "on the next action"
            )
        return DatabaseError(f"the database {self.display} failed: {_short(exc)}.{done}")

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("planner_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def _short(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0]
