"""Hearing that another desk changed the schedule, without asking the database all the time.

A :class:`ChangeListener` is opened on a :class:`~planner.db.store.Store` and has its own
connection, separate from the store's pool, so that it can wait while the desk works:

* **PostgreSQL**: ``LISTEN planner_changes`` on an autocommit psycopg connection. Every write
  transaction sends ``NOTIFY planner_changes, '<id of its last change>'`` as it commits
  (:mod:`planner.db.audit`), so :meth:`ChangeListener.wait` hears each committed action once,
  and never one that was rolled back. If the server goes away the listener connects again on
  its own (at most every :data:`RETRY_S` seconds) and then reports :data:`UNKNOWN`: whatever
  was sent meanwhile was missed.
* **SQLite**: a read-only sqlite3 connection asks ``PRAGMA data_version`` every
  :data:`POLL_S` seconds (it changes when another connection commits; a cheap look at the
  file's header, no table is read). When it changed, the new rows of the change log are the
  ids returned; a commit that wrote no change rows (bulk work) is reported as :data:`UNKNOWN`.
* An in-memory SQLite database has no other desk: its listener only waits.

:meth:`~ChangeListener.wait` returns within about its timeout (a reconnect attempt may add up
to :data:`CONNECT_TIMEOUT_S`), sleeping in between: no busy loop. The listener is meant for one
thread (the window's watcher, :mod:`planner.ui.live`); only :meth:`~ChangeListener.interrupt`
may be called from another.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from typing import TYPE_CHECKING, Any, Final, Protocol

from sqlalchemy.engine import make_url

from planner.db.audit import NOTIFY_CHANNEL

if TYPE_CHECKING:
    from planner.db.store import Store

log = logging.getLogger(__name__)

UNKNOWN: Final = 0
"""In what :meth:`ChangeListener.wait` returns: something changed, but which changes is not
known (a commit that wrote no change rows, or notifications missed while the server was away).
Change ids start at 1, so 0 is never a change's id."""
POLL_S: Final = 0.25
"""How often a SQLite listener looks at ``PRAGMA data_version``."""
RETRY_S: Final = 2.0
"""Least time between two attempts to reach a PostgreSQL server that went away."""
CONNECT_TIMEOUT_S: Final = 3
"""How long one attempt to reach the PostgreSQL server may take (libpq's connect_timeout)."""


class _Backend(Protocol):
    def wait(self, timeout: float) -> list[int]: ...

    def close(self) -> None: ...


class ChangeListener:
    """Waits for changes committed to a store's database by other connections; see the module
    docstring. Changes this program wrote are heard too (tell them apart with
    ``store.own_changes``)."""

    def __init__(self, store: Store) -> None:
        self._stop = threading.Event()
        self._backend: _Backend
        if not store.is_sqlite:
            self._backend = _Postgres(_libpq_url(store.url), self._stop)
        elif store.path is not None:
            self._backend = _Sqlite(str(store.path), self._stop)
        else:
            self._backend = _Nothing(self._stop)
        self.closed = False

    def wait(self, timeout: float) -> list[int]:
        """The ids of the changes committed since the last call, waiting up to ``timeout``
        seconds for the first (``[]`` if none came; :data:`UNKNOWN` among them when what
        changed is not known)."""
        if self.closed or self._stop.is_set():
            return []
        return self._backend.wait(max(0.0, timeout))

    def interrupt(self) -> None:
        """Make a running (and every later) :meth:`wait` return soon; from any thread."""
        self._stop.set()

    def close(self) -> None:
        """Close the listener's connection (from the thread that waits on it)."""
        if not self.closed:
            self.closed = True
            self._stop.set()
            self._backend.close()

    def __enter__(self) -> ChangeListener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _libpq_url(url: str) -> str:
    """The store's SQLAlchemy URL as libpq reads it (``postgresql+psycopg://`` without the
    driver, the password kept)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


# -- PostgreSQL --------------------------------------------------------------------------------


class _Postgres:
    def __init__(self, conninfo: str, stop: threading.Event) -> None:
        self.conninfo = conninfo
        self.stop = stop
        self.conn: Any = None
        self.lost = False
        """The connection broke (or could not be made): notifications may have been missed."""
        self.next_try = 0.0
        self._connect()

    def _connect(self) -> bool:
        import psycopg

        self.next_try = time.monotonic() + RETRY_S
        try:
            conn = psycopg.connect(
                self.conninfo,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT_S,
                application_name="planner listener",
                # a server that vanished without closing the socket is noticed in a minute
                keepalives=1,
                keepalives_idle=30,
                keepalives_interval=10,
                keepalives_count=3,
            )
            conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
        except psycopg.Error as exc:
            log.info("cannot listen for other desks' changes yet: %s", str(exc).splitlines()[0])
            self.lost = True
            return False
        self.conn = conn
        return True

    def _drop(self) -> None:
        conn, self.conn = self.conn, None
        self.lost = True
        if conn is not None:
            try:
                conn.close()
            except Exception:  # a broken connection may fail to close: it is gone either way
                log.debug("closing a broken listener connection failed", exc_info=True)

    def wait(self, timeout: float) -> list[int]:
        import psycopg

        deadline = time.monotonic() + timeout
        if self.conn is None:
            pause = self.next_try - time.monotonic()
            if pause > 0:
                self.stop.wait(min(pause, timeout))
                return []
            if not self._connect():
                return []
            if self.lost:  # back after a break: whatever was sent meanwhile was missed
                self.lost = False
                return [UNKNOWN]
        ids: list[int] = []
        try:
            # The first notification within the timeout, then whatever else has arrived.
            remaining = max(0.0, deadline - time.monotonic())
            for n in self.conn.notifies(timeout=remaining, stop_after=1):
                ids.append(_payload(n.payload))
            if ids:
                for n in self.conn.notifies(timeout=0):
                    ids.append(_payload(n.payload))
        except psycopg.Error as exc:
            log.info("lost the connection that listens for changes: %s", exc)
            self._drop()
            return ids
        return ids

    def close(self) -> None:
        conn, self.conn = self.conn, None
        if conn is not None:
            conn.close()


def _payload(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # not ours (someone sent NOTIFY by hand): something changed
        return UNKNOWN


# -- SQLite ------------------------------------------------------------------------------------


class _Sqlite:
    def __init__(self, path: str, stop: threading.Event) -> None:
        self.path = path
        self.stop = stop
        self.conn: sqlite3.Connection | None = None
        self.version = 0
        self.last_id = 0
        self.lost = False
        self._open()

    def _open(self) -> bool:
        from pathlib import Path

        try:
            # read-only, autocommit: every PRAGMA and SELECT sees the latest commit
            conn = sqlite3.connect(
                f"{Path(self.path).as_uri()}?mode=ro",
                uri=True,
                timeout=5,
                isolation_level=None,
                check_same_thread=False,
            )
            self.version = conn.execute("PRAGMA data_version").fetchone()[0]
            self.last_id = conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()[0]
        except sqlite3.Error as exc:
            log.info("cannot watch %s for changes yet: %s", self.path, exc)
            self.lost = True
            return False
        self.conn = conn
        return True

    def wait(self, timeout: float) -> list[int]:
        deadline = time.monotonic() + timeout
        while True:
            found = self._look()
            if found:
                return found
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.stop.wait(min(POLL_S, remaining)):
                return []

    def _look(self) -> list[int]:
        if self.conn is None:
            if not self._open():
                return []
            if self.lost:
                self.lost = False
                return [UNKNOWN]
        conn = self.conn
        assert conn is not None
        try:
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            if version == self.version:
                return []
            self.version = version
            ids = [
                int(r[0])
                for r in conn.execute(
                    "SELECT id FROM changes WHERE id > ? ORDER BY id", (self.last_id,)
                )
            ]
        except sqlite3.Error as exc:  # the file went away or is being replaced
            log.info("lost the watch on %s: %s", self.path, exc)
            conn.close()
            self.conn = None
            self.lost = True
            return []
        if not ids:
            return [UNKNOWN]
        self.last_id = ids[-1]
        return ids

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class _Nothing:
    """An in-memory database: no other connection can change it."""

    def __init__(self, stop: threading.Event) -> None:
        self.stop = stop

    def wait(self, timeout: float) -> list[int]:
        self.stop.wait(timeout)
        return []

    def close(self) -> None:
        pass
