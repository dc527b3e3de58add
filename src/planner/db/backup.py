"""Copies of a SQLite database that are checked before they count.

:func:`make_backup` copies the database with SQLite's online backup API
(:meth:`sqlite3.Connection.backup`): one step over one read transaction, so the copy is the
database as it was at one moment, and in WAL mode the desks go on writing while it runs. The
copy is written under a hidden temporary name (``.planner-….db.partial``, 0600), switched to a
self-contained file (no ``-wal`` beside it), checked with :func:`verify`, and only then renamed
to ``planner-YYYYMMDD-HHMMSS.db`` (the time in UTC). A file with that name is therefore a
backup that passed the check; one that failed never gets the name and is removed.

:func:`verify` is the check: ``PRAGMA integrity_check``, a schema revision this planner knows
(Alembic's ``alembic_version``), and the row counts of the main tables. It reads any file, so
``planner restore`` checks the file it is given the same way.

PostgreSQL has no file to copy: the server's own tools (``pg_dump``, ``pg_basebackup``) back it
up, and :func:`make_backup` refuses with :data:`POSTGRES_MESSAGE` rather than pretend.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import sqlite3
import stat
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.db.sqlite_errors import MAX_MESSAGES, page_findings
from planner.errors import BadInput, DatabaseBusy, DiskFull, Refused

if TYPE_CHECKING:
    from planner.db.store import Store

POSTGRES_MESSAGE = (
    "planner does not back up a PostgreSQL database itself: use the server's own tools, "
    "for example 'pg_dump -Fc -f planner.dump DBNAME' every night (restore with pg_restore), "
    "or pg_basebackup with WAL archiving for point-in-time recovery (see the README, Backups)"
)
"""What every backup action says on PostgreSQL."""

COUNTED = {"sessions": "appointments", "patients": "patients", "plans": "plans"}
"""The row counts a backup reports: what they are called → their table."""

NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.db$")
"""A good backup's file name: ``<database stem>-YYYYMMDD-HHMMSS[-N].db`` (UTC)."""
STAMP = "%Y%m%d-%H%M%S"
PARTIAL = ".db.partial"
"""How a backup being written ends; such a file never counts and is removed when stale."""
STALE_PARTIAL_S = 3600
"""A partial file older than this was left by a killed backup: the next backup removes it."""
SQLITE_HEADER = b"SQLite format 3\x00"


class BackupRefused(Refused):
    """A file is not a backup planner can trust (damaged, not a planner database, too new)."""


@dataclass(frozen=True)
class BackupInfo:
    """A backup that passed :func:`verify`: where it is, when it was made, what it holds."""

    path: Path
    made_at: datetime
    """When the copy was taken (naive UTC)."""
    size: int
    """Bytes."""
    revision: str
    """The Alembic schema revision it was written at."""
    counts: dict[str, int] = field(default_factory=dict)
    """Rows of :data:`COUNTED`: sessions, patients, plans."""
    last_change: int = 0
    """The id of the newest change-log row it holds (0: none): what a restore would lose is
    the current database's change-log rows after this one."""

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "made_at": self.made_at.isoformat(timespec="seconds") + "Z",
            "size": self.size,
            "revision": self.revision,
            "counts": dict(self.counts),
            "last_change": self.last_change,
        }


def stamp_of(path: Path) -> datetime | None:
    """The time (naive UTC) a good backup's name gives; None for any other name."""
    m = NAME.match(path.name)
    if m is None:
        return None
    try:
        return datetime.strptime(m["stamp"], STAMP)
    except ValueError:
        return None


def sqlite_file(store: Store) -> Path:
    """The file of a SQLite store; Refused (with what to use instead) for anything else."""
    if not store.is_sqlite:
        raise Refused(POSTGRES_MESSAGE)
    if store.path is None:
        raise BadInput("an in-memory database has no file to back up or restore")
    return store.path


def make_backup(store: Store, folder: Path, *, now: datetime | None = None) -> BackupInfo:
    """Copy the database of ``store`` into ``folder`` and check the copy; see the module.

    ``now`` (naive UTC; default the clock) names the file. Raises BackupRefused when the copy
    fails the check (the database itself has corrupt pages: the copy has them too) and
    BadInput when the folder cannot be written; nothing is left behind in either case.
    """
    source = sqlite_file(store)
    made_at = (now or datetime.now(UTC).replace(tzinfo=None)).replace(microsecond=0)
    stem = source.stem
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise BadInput(
            f"cannot make the backup folder {folder}: {exc.strerror}; nothing was written"
        ) from None
    remove_stale_partials(folder)
    tmp = folder / f".{stem}-{made_at.strftime(STAMP)}-{os.getpid()}{PARTIAL}"
    try:
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
            _copy(source, tmp)
        except (OSError, sqlite3.Error) as exc:
            full = _full(folder, exc)
            if full is not None:
                raise full from None
            if isinstance(exc, OSError):
                raise BadInput(
                    f"cannot write a backup in {folder}: {exc.strerror}; nothing was written"
                ) from None
            raise BackupRefused(
                f"the backup of {source} failed ({exc}); it does not count and was removed"
            ) from None
        info = verify(tmp, made_at=made_at)
        final = _free_name(folder, stem, made_at)
        os.replace(tmp, final)
        _fsync_folder(folder)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return BackupInfo(final, made_at, info.size, info.revision, info.counts, info.last_change)


def _full(folder: Path, exc: BaseException) -> DiskFull | None:
    """DiskFull when ``exc`` (writing into ``folder``) came of a full disk; else None. SQLite
    says "disk I/O error" for a write that finds no space, so the disk is asked too."""
    from planner.db.sqlite_errors import LOW_SPACE, free_bytes, size_text

    free = free_bytes(folder) if folder.exists() else free_bytes(folder.parent)
    no_space = getattr(exc, "errno", None) == errno.ENOSPC or "SQLITE_FULL" in str(
        getattr(exc, "sqlite_errorname", "")
    )
    if not no_space and (free is None or free >= LOW_SPACE):
        return None
    return DiskFull(
        f"cannot write in {folder}: its disk is full ({size_text(free)} free). Free some space "
        "there, or choose another folder (see 'planner backup folder'); nothing was changed"
    )


def _copy(source: Path, target: Path) -> None:
    """The online backup of ``source`` into ``target``, then fsync'ed, 0600, one file."""
    from planner.db.store import BUSY_TIMEOUT_MS

    src = sqlite3.connect(_ro(source), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(target)
        try:
            # pages=-1: every page in one step, over one read transaction of the source: a
            # copy of one moment, and (WAL) writers are not held up. Copying in steps would
            # restart whenever another desk writes in between.
            src.backup(dst, pages=-1)
            # The copy is self-contained: no -wal or -shm file beside it in the folder.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with open(target, "rb") as fh:
        os.fsync(fh.fileno())
    os.chmod(target, 0o600)


def _free_name(folder: Path, stem: str, made_at: datetime) -> Path:
    """``<stem>-YYYYMMDD-HHMMSS.db``, or with ``-2``, ``-3`` when two come in one second."""
    base = f"{stem}-{made_at.strftime(STAMP)}"
    path = folder / f"{base}.db"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{base}-{n}.db"
    return path


def remove_stale_partials(folder: Path) -> list[Path]:
    """Remove the ``….db.partial`` files a killed backup left (older than an hour)."""
    removed = []
    cutoff = time.time() - STALE_PARTIAL_S
    with contextlib.suppress(OSError):
        for p in folder.glob(f".*{PARTIAL}"):
            with contextlib.suppress(OSError):
                if p.stat().st_mtime < cutoff:
                    p.unlink()
                    removed.append(p)
    return removed


def verify(path: Path, *, made_at: datetime | None = None, pages: bool = True) -> BackupInfo:
    """Check that ``path`` is a whole planner database this planner can open; what it holds.

    ``pages`` False skips ``integrity_check`` (reading every page: seconds on a large file),
    for reading what a database holds rather than whether it can be trusted.

    Raises BadInput for a file that is missing or not a regular file, and BackupRefused (one
    line, naming the file) when it is not a SQLite database, fails ``integrity_check``, has no
    planner schema or one from a newer planner. ``made_at`` defaults to the time in the file's
    name, else its modification time.
    """
    path = Path(path)
    try:
        st = path.stat()
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise BadInput(f"{path} is not a regular file; give a backup file")
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror}") from None
    if header != SQLITE_HEADER:
        raise BackupRefused(f"{path} is not a SQLite database, so not a planner backup")
    when = (
        made_at or stamp_of(path) or datetime.fromtimestamp(st.st_mtime, UTC).replace(tzinfo=None)
    )
    try:
        conn = sqlite3.connect(_ro(path), uri=True)
    except sqlite3.Error as exc:
        raise BackupRefused(f"cannot open {path} ({exc}); it is not a good backup") from None
    try:
        problems = (
            page_findings(lambda sql: conn.execute(sql).fetchall(), quick=False, foreign_keys=False)
            if pages
            else []
        )
        if problems:
            first = problems[0].removeprefix("SQLite: ")
            more = "+" if len(problems) >= MAX_MESSAGES else ""
            raise BackupRefused(
                f"{path} is damaged: the integrity check found {len(problems)}{more} "
                f"problem(s), the first: {first}; it is not a good backup: use an older one"
            )
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" not in tables:
                raise BackupRefused(f"{path} is not a planner database (it has no schema version)")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else ""
            from planner.db.store import known_revisions  # SQLAlchemy and Alembic: when needed

            if revision not in known_revisions():
                raise BackupRefused(
                    f"{path} has schema {revision or '(none)'}, which this planner does not "
                    "know (a newer planner's database?); update planner to use it"
                )
            counts = {}
            for what, table in COUNTED.items():
                if table not in tables:
                    raise BackupRefused(f"{path} is not a planner database (no {table} table)")
                counts[what] = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            last = 0
            if "changes" in tables:
                last = int(conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            raise BackupRefused(f"cannot read {path} ({exc}); it is not a good backup") from None
    finally:
        conn.close()
    return BackupInfo(path, when, st.st_size, revision, counts, last)


def changes_after(database: Path, last_change: int) -> dict[str, tuple[int, int]]:
    """The change-log rows of ``database`` after id ``last_change``, by kind of row:
    ``{"session": (rows changed, changes)}``; {} for a schema before the change log."""
    try:
        conn = sqlite3.connect(_ro(database), uri=True)
        try:
            rows = conn.execute(
                "SELECT entity, count(DISTINCT entity_id), count(*) FROM changes WHERE id > ? "
                "GROUP BY entity",
                (last_change,),
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return {}
    return {str(e): (int(n), int(c)) for e, n, c in rows}


def replace_database(
    database: Path, file: Path, aside: Path | None, *, current_readable: bool = True
) -> None:
    """Put a copy of the checked backup ``file`` in place of ``database``; the current one
    (if any) is renamed to ``aside`` first, 0600.

    The current database must be alone: it is switched out of WAL mode first, which SQLite
    allows only when no other connection has it open (DatabaseBusy otherwise, nothing
    changed), and which folds its ``-wal`` into it. A database that cannot be read is moved
    aside with its ``-wal`` and ``-shm``. The copy is made under a hidden name beside
    ``database``, switched to WAL mode and fsync'ed, and renamed into place: ``database`` is at
    every moment the old file or the whole backup.
    """
    folder = database.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = folder / f".{database.name}.restore-{os.getpid()}{PARTIAL}"
    try:
        try:
            shutil.copyfile(file, tmp)
            os.chmod(tmp, 0o600)
            conn = sqlite3.connect(tmp)
            try:
                conn.execute("PRAGMA journal_mode=WAL")
            finally:
                conn.close()
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        except (OSError, sqlite3.Error) as exc:
            full = _full(folder, exc)
            if full is not None:
                raise full from None
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise BadInput(
                f"cannot copy {file} beside {database} ({why}); nothing was changed"
            ) from None
        if aside is not None and database.exists():
            _set_aside(database, aside, readable=current_readable)
        os.replace(tmp, database)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    _fsync_folder(folder)


def _set_aside(database: Path, aside: Path, *, readable: bool) -> None:
    """Rename ``database`` (and a ``-wal``/``-shm`` it still has) to ``aside``, 0600."""
    if readable:
        conn = sqlite3.connect(database, timeout=1)
        try:
            mode = str(conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0])
        except sqlite3.Error as exc:
            mode = f"({exc})"
        finally:
            conn.close()
        if mode.lower() != "delete":
            raise DatabaseBusy(
                f"{database} is open in a window or another command; close it and run the "
                "restore again (nothing was changed)"
            )
    os.replace(database, aside)
    os.chmod(aside, 0o600)
    for suffix in ("-wal", "-shm"):  # a damaged database keeps its journal beside it
        side = database.with_name(database.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))


def _ro(path: Path) -> str:
    """A read-only SQLite URI for ``path`` (percent-encoded: a name may hold ``?`` or ``#``)."""
    return path.resolve().as_uri() + "?mode=ro"


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (where the platform allows it)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
