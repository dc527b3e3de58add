"""What a SQLite failure really means, in one line that says what to do.

SQLite reports a full disk, a read-only folder, a lock held by another program and a damaged
file through a handful of result codes (Python 3.11 gives them as ``sqlite_errorname``), and
some of them only as ``SQLITE_IOERR`` or ``SQLITE_CANTOPEN``. Staff told "the database is
damaged, restore a backup" when the disk is merely full lose the day's bookings by following
the advice; so :func:`explain` reads the code *and* the state of the file, its folder and its
disk (``os.access``, ``statvfs``) and says which it is: disk full, read-only file, folder or
disk, locked, not a planner database, or really damaged.

:func:`read_only_uri` is the other half: when the file cannot be written here (a read-only
file, folder or mount, or a disk with no space for SQLite's ``-shm`` index), the database is
opened read-only, so a receptionist can still see the day.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from planner.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseError,
    DatabaseReadOnly,
    DiskFull,
)

SQLITE_HEADER = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""
SHM_MIN = 32768
"""The size of a whole ``-shm`` index: SQLite maps it in regions of 32 KiB."""
LOW_SPACE = 1 << 20
"""Below this many free bytes a disk counts as full: SQLite's I/O errors there are the disk's."""
RESTORE_HINT = "restore the newest good backup (see 'planner backup list')"
"""Where the damaged-database message sends the user; the services name the backup itself
when they can (:func:`planner.services.integrity.with_backup`)."""


def error_name(exc: BaseException) -> str:
    """The SQLite result code's name (``SQLITE_IOERR_SHMSIZE``), or "" when there is none."""
    orig = getattr(exc, "orig", None) or exc
    return str(getattr(orig, "sqlite_errorname", "") or "")


def short(exc: BaseException) -> str:
    """The driver's own first line (``database or disk is full``), without the SQL."""
    orig = getattr(exc, "orig", None)
    return str(orig or exc).splitlines()[0]


def free_bytes(folder: Path) -> int | None:
    """Bytes this user may still write on the disk holding ``folder`` (None: unknown)."""
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):  # AttributeError: Windows has no statvfs
        return None
    return st.f_bavail * st.f_frsize


def size_text(n: int | None) -> str:
    """``0 bytes``, ``512 KB``, ``3.2 GB``: free space as staff read it."""
    if n is None:
        return "unknown space"
    if n < 1000:
        return f"{n} bytes"
    for unit in ("KB", "MB", "GB", "TB"):
        n_f = n / 1000
        if n_f < 1000 or unit == "TB":
            return f"{n_f:.0f} {unit}" if n_f >= 10 else f"{n_f:.1f} {unit}"
        n = int(n_f)
    return f"{n} bytes"  # pragma: no cover - the loop always returns


def _mounted_read_only(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


MAX_MESSAGES = 20
"""At most this many lines of SQLite's own findings are kept (a badly damaged file has many)."""


def page_findings(
    run: Callable[[str], Iterable[Sequence[Any]]], *, quick: bool, foreign_keys: bool | None = None
) -> list[str]:
    """SQLite's own findings about a database, each line starting ``SQLite: ``, through
    ``run(sql) -> rows``; [] when it is sound. ``quick``: ``quick_check`` (no index against
    table) instead of ``integrity_check``. ``foreign_keys`` (default: not ``quick``): also
    ``foreign_key_check``, as one line per table with rows pointing at rows that are gone.
    The check of ``planner check``, of the window at start-up and of every backup."""
    pragma = "quick_check" if quick else "integrity_check"
    found: list[str] = []
    try:
        rows = run(f"PRAGMA {pragma}({MAX_MESSAGES})")
        # "*** in database main ***" heads the findings of each attached database: not one
        lines = [
            ln for r in rows for ln in str(r[0]).splitlines() if ln and not ln.startswith("***")
        ][:MAX_MESSAGES]
        if lines != ["ok"]:
            found += [f"SQLite: {line}" for line in lines]
        if foreign_keys if foreign_keys is not None else not quick:
            dangling: dict[str, int] = {}
            for r in run("PRAGMA foreign_key_check"):
                dangling[str(r[0])] = dangling.get(str(r[0]), 0) + 1
            found += [f"{n} row(s) of {t} point at rows that are gone" for t, n in dangling.items()]
    except Exception as exc:
        # sqlite3's DatabaseError, or SQLAlchemy's wrapping it (``orig``; not imported here,
        # so the window's first paint needs no SQLAlchemy): the file is damaged
        if not isinstance(getattr(exc, "orig", exc), sqlite3.DatabaseError):
            raise
        found.append(f"SQLite: {short(exc)}")
    return found


def read_only_place(path: Path) -> str | None:
    """Why ``path`` cannot be written here, naming the file, its folder or its disk; None when
    it can. ``os.access`` sees a read-only mount and an immutable file even for root."""
    folder = path.parent
    if _mounted_read_only(folder):
        return f"the disk holding {folder} is mounted read-only"
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {path} is read-only for this user"
    if not os.access(folder, os.W_OK):
        return f"the folder {folder} is read-only for this user"
    return None


def read_only_uri(path: Path) -> tuple[str, str] | None:
    """A SQLite URI that opens the existing database ``path`` read-only, and why, when it
    cannot be opened for writing; None when it can.

    ``mode=ro`` needs the ``-shm`` index file (WAL mode) to exist or to be creatable; where it
    can be neither (a read-only folder or disk, a full disk) ``immutable=1`` reads the main
    file without it. That ignores a ``-wal`` file, so it is used only when there is no -wal
    holding changes (then it would show an older schedule): such a database is refused.
    """
    place = read_only_place(path)
    folder = path.parent
    full = False
    if place is None:
        free = free_bytes(folder)
        full = free is not None and free < LOW_SPACE
        if not full:
            return None
        place = f"the disk holding {folder} is full ({size_text(free)} free)"
    shm = path.with_name(path.name + "-shm")
    wal = path.with_name(path.name + "-wal")
    base = "file:" + quote(str(path)) + "?mode=ro"
    folder_ok = not _mounted_read_only(folder) and os.access(folder, os.W_OK)
    # A -shm file SQLite could not grow on a full disk is shorter than its first 32 KiB
    # region; such a one is no index to read by.
    shm_ok = _size(shm) >= SHM_MIN
    if full and shm_ok:
        return None  # the index is there: reading works as usual; writes say the disk is full
    if (folder_ok and not full) or shm_ok:
        return base, place
    if _size(wal):
        return None  # changes only in the -wal: let the normal open say what is wrong
    return base + "&immutable=1", place


def explain(
    exc: BaseException,
    path: Path | None,
    display: str,
    *,
    writing: bool,
    read_only: str | None = None,
) -> DatabaseError:
    """The planner error for the SQLite failure ``exc`` on ``path`` (None: in memory).

    ``writing``: the failure ended a write (the message says nothing was changed; a read's
    says nothing was lost). ``read_only``: why the database was opened read-only, if it was.
    """
    name = error_name(exc)
    done = " Nothing was changed." if writing else " Nothing was lost."
    folder = path.parent if path is not None else None
    free = free_bytes(folder) if folder is not None else None
    if name in ("SQLITE_BUSY", "SQLITE_LOCKED") or name.startswith(
        ("SQLITE_BUSY_", "SQLITE_LOCKED_")
    ):
        return DatabaseBusy(
            f"the database {display} is busy with another desk's change or locked by another "
            "program (a backup or sync tool); wait a moment or close that program, then try "
            f"again.{done}"
        )
    if name == "SQLITE_FULL" or (
        name.startswith("SQLITE_IOERR") and free is not None and free < LOW_SPACE
    ):
        return DiskFull(
            f"the database {display} cannot grow: its disk is full ({size_text(free)} free "
            f"there). Free some space on that disk and try again.{done}"
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")) or (
        name.startswith("SQLITE_IOERR") and folder is not None and _mounted_read_only(folder)
    ):
        place = read_only or (read_only_place(path) if path is not None else None)
        if place is not None and " is full " in place:
            return DiskFull(
                f"the database {display} cannot be changed: {place}. Free some space on that "
                f"disk and try again.{done}"
            )
        if place is not None:
            return DatabaseReadOnly(
                f"the database {display} cannot be changed here: {place}. Ask for write "
                "access, or copy the file to a folder you can write to and open the copy "
                f"with --db.{done}"
            )
        if path is not None and path.exists() and not os.access(path, os.R_OK):
            return DatabaseReadOnly(
                f"the database {display} may not be read by this user; ask for access to it.{done}"
            )
    if name.startswith("SQLITE_IOERR"):
        return DatabaseError(
            f"the disk holding {display} failed to read or write ({short(exc)}); check the "
            f"disk or the network share, then try again.{done}"
        )
    if name == "SQLITE_NOTADB" and not _has_header(path):
        return DatabaseError(
            f"{display} is not a planner database (it is not a SQLite file); choose another "
            "file with --db"
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return DatabaseDamaged(
            f"the database {display} is damaged ({short(exc)}); {RESTORE_HINT}.{done}",
            details={"path": str(path) if path is not None else None},
        )
    return DatabaseError(f"the database {display} failed: {short(exc)}.{done}")


def _size(path: Path) -> int:
    """The size of ``path`` in bytes; 0 when it is not there."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _has_header(path: Path | None) -> bool:
    if path is None:
        return False
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False
