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
import re
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

from planner.core.private import create_private_file, private_dir, tighten
from planner.db import lengths
from planner.db.audit import Audit, Author, install
from planner.db.sqlite_errors import explain, read_only_uri
from planner.errors import (
    DatabaseBusy,
    DatabaseError,
    DatabaseReadOnly,
    DatabaseUnavailable,
    SchemaTooNew,
)

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
        private_dir(path.parent)  # planner's own data folder: 0700 (tightened if looser)
        return f"sqlite:///{path}", True
    if db == ":memory:":
        return "sqlite://", False
    if "://" in db:
        return _known_url(db), False
    return f"sqlite:///{Path(db).expanduser().resolve()}", False


def _known_url(db: str) -> str:
    """``db`` itself when SQLAlchemy can parse it and load its dialect and driver; else
    BadInput in one line (``foo://bar`` raised NoSuchModuleError from create_engine)."""
    from planner.errors import BadInput

    try:
        make_url(db).get_dialect().import_dbapi()
        return db
    except sa_exc.NoSuchModuleError:
        why = "unknown kind of database"
    except (sa_exc.ArgumentError, ValueError):
        why = "it is not a database URL planner can read"
    except ImportError as exc:
        why = f"its driver is not installed ({exc})"
    shown = re.sub(r":[^:@/]*@", ":***@", db)  # never a password, even of a malformed URL
    raise BadInput(
        f"cannot open the database '{shown}': {why} (use a file path, sqlite:///FILE or "
        "postgresql+psycopg://...)"
    )


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def known_revisions() -> set[str]:
    """Every schema revision this planner's migrations know (an older database's included;
    a newer planner's not)."""
    return {r.revision for r in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


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
        self.notices: list[str] = []
        """One-line notes for the user about opening the database (its permissions were
        tightened); the command line prints them once on stderr, the window logs them."""
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
            # a folder planner creates is 0700; one the user chose is left as it is
            private_dir(self.path.parent, tighten_existing=False)
            self._make_private()
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

    def _make_private(self) -> None:
        """A new database file is created 0600 before SQLite opens it (SQLite then creates
        the -wal and -shm files with the same bits); an existing one with bits for the group
        or others is tightened, with a notice."""
        assert self.path is not None
        loose: list[str] = []
        try:
            create_private_file(self.path)
            for suffix in ("", "-wal", "-shm"):
                if tighten(self.path.with_name(self.path.name + suffix)):
                    loose.append(self.path.name + suffix)
        except OSError:
            pass  # a read-only folder, another user's file: SQLite's open says what is wrong
        if loose:
            self.notices.append(
                f"{', '.join(loose)} could be read by other users of this computer; "
                "made private (0600)"
            )

    # -- engine ---------------------------------------------------------------------------
    def _make_engine(self) -> Engine:
        kwargs: dict[str, Any] = {}
        self.read_only: str | None = None
        """Why the SQLite file was opened read-only (a read-only file, folder or disk, a full
        disk), None when it can be written: reads work, a write says what is wrong."""
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
            if self.path is None:
                kwargs["poolclass"] = StaticPool
            elif self.path.exists() and (ro := read_only_uri(self.path)) is not None:
                uri, self.read_only = ro
                kwargs["creator"] = lambda: sqlite3.connect(
                    uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
                )
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
            raise self._explain(exc, writing=False) from None
        except sa_exc.DatabaseError as exc:
            if not self.is_sqlite:
                raise DatabaseError(
                    f"cannot read the database {self.display} ({_short(exc)}); choose another "
                    "with --db"
                ) from None
            raise self._explain(exc, writing=False) from None
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
            if self.read_only is not None:
                raise DatabaseReadOnly(
                    f"{self.display} needs upgrading for this planner (schema {current}), but "
                    f"{self.read_only}. Ask for write access, or open it with the planner "
                    "that wrote it; nothing was changed"
                )
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
        if not create_private_file(target):  # a copy of health data: 0600
            tighten(target)
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
            except sa_exc.DatabaseError as exc:  # damaged pages, not a database
                if not self.is_sqlite or isinstance(exc, sa_exc.IntegrityError):
                    raise
                raise self._explain(exc, writing=False) from None

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
            lengths.install(s)  # before the audit: a refused value is never logged either
            install(s, audit)
            try:
                with s.begin():
                    yield s
            except sa_exc.OperationalError as exc:
                raise self._operational(exc, writing=True) from None
            except sa_exc.DatabaseError as exc:  # damaged pages; a broken rule stays as it is
                if not self.is_sqlite or isinstance(exc, sa_exc.IntegrityError):
                    raise
                raise self._explain(exc, writing=True) from None
        self.own_changes.update(audit.written)

    def _operational(self, exc: sa_exc.OperationalError, *, writing: bool) -> DatabaseError:
        text = str(exc)
        done = " Nothing was changed." if writing else ""
        if self.is_sqlite:
            return self._explain(exc, writing=writing)
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

    def _explain(self, exc: sa_exc.DBAPIError, *, writing: bool) -> DatabaseError:
        """A SQLite failure as what it is (:func:`planner.db.sqlite_errors.explain`)."""
        return explain(exc, self.path, self.display, writing=writing, read_only=self.read_only)

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
