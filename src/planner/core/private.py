"""Files that hold health data stay private, and logs never hold health data at all.

Everything planner writes can name patients: the database and its ``-wal``/``-shm`` files,
backups, exports, the window's log. So:

* both entry points (the ``planner`` command and the window) set the process umask to
  :data:`PRIVATE_UMASK` first (:func:`set_private_umask`), so every file the process creates,
  SQLite's and libraries' included, is readable by its owner only;
* the places that create files also ask for :data:`FILE_MODE` / :data:`DIR_MODE` explicitly
  (:func:`private_dir`, :func:`create_private_file`), so the library is private when used
  without either entry point (tests, scripts);
* a file that already exists with looser bits is tightened (:func:`tighten`) and the caller
  says so in one line.

Permission bits are set on POSIX only (Linux, macOS, the BSDs). On Windows a file's access is
decided by the ACL it inherits from its folder, and planner's default folders are inside the
user's own profile (``platformdirs``), which only that user can read: they are used as they are.

The logging half (:class:`PrivateFormatter`, :class:`PrivateRotatingFileHandler`,
:func:`prune_logs`) is the one place that decides what a log record may contain: what happened
(the record's own message, written in the code), the error's class and its codes, and where
in the code it happened (``file:line in function`` of every frame), but never an exception's
message, because those quote values: SQLAlchemy's ``str()`` carries ``[SQL: ...]`` and
``[parameters: (...)]`` with the row's values, PostgreSQL's ``DETAIL: Key (email)=(...)``,
and planner's own messages name patients and files.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import stat
import time
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

PRIVATE_UMASK = 0o077
"""The process umask: no bit for the group or others on anything the process creates."""
FILE_MODE = 0o600
"""A private file: its owner reads and writes it, nobody else can open it."""
DIR_MODE = 0o700
"""A private folder: nobody else can list it or reach the files in it."""
LOG_RETENTION_DAYS = 14
"""Rotated log files older than this are deleted when the window starts (see :func:`prune_logs`)."""

POSIX = os.name == "posix"


def set_private_umask() -> None:
    """Make everything this process creates private (idempotent; both entry points call it)."""
    if POSIX:
        os.umask(PRIVATE_UMASK)


def private_dir(path: Path, *, tighten_existing: bool = True) -> Path:
    """Create the folder ``path`` (and missing parents) as :data:`DIR_MODE`; return it.

    An existing folder with bits for the group or others is tightened to 0700 when
    ``tighten_existing`` (planner's own data and log folders); a folder the user chose for a
    file (``--db /srv/clinic/planner.db``) is left as it is, since it may be shared on purpose.
    """
    path = Path(path)
    existed = path.is_dir()
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    if POSIX and (tighten_existing or not existed):
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            os.chmod(path, mode & 0o700 | DIR_MODE)
    return path


def tighten(path: Path) -> bool:
    """Take every bit for the group and others off an existing file: True if it had any.

    A missing file, or a platform without permission bits (Windows), is left alone (False).
    """
    if not POSIX:
        return False
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return False
    if not mode & 0o077:
        return False
    os.chmod(path, mode & 0o700)
    return True


def create_private_file(path: Path) -> bool:
    """Create ``path`` empty as :data:`FILE_MODE` if it does not exist: True if it was created.

    Used before SQLite opens a new database or backup: SQLite creates its ``-wal`` and
    ``-shm`` files with the permissions of the database file, so they are private too,
    whatever the umask.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


# -- what an error may say -------------------------------------------------------------------


def error_class(exc: BaseException) -> str:
    """The error's class, with the driver's class and codes behind it (never its message).

    ``sqlalchemy.exc.IntegrityError (sqlite3.IntegrityError SQLITE_CONSTRAINT_UNIQUE)``,
    ``sqlalchemy.exc.OperationalError (psycopg.errors.UndefinedTable 42P01)``,
    ``OSError errno ENOSPC``.
    """
    name = _qualified(type(exc))
    orig = getattr(exc, "orig", None)  # SQLAlchemy's DBAPIError wraps the driver's error
    if isinstance(orig, BaseException):
        codes = [
            c
            for c in (getattr(orig, "sqlite_errorname", None), getattr(orig, "sqlstate", None))
            if isinstance(c, str) and c
        ]
        name += f" ({' '.join([_qualified(type(orig)), *codes])})"
    errno = getattr(exc, "errno", None)
    if isinstance(exc, OSError) and isinstance(errno, int):
        import errno as errnos

        name += f" errno {errnos.errorcode.get(errno, str(errno))}"
    return name


def _qualified(cls: type) -> str:
    return (
        cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
    )


def _short_file(filename: str) -> str:
    """A frame's file from its package down (``planner/db/store.py``,
    ``sqlalchemy/engine/base.py``): no home folder or user name."""
    parts = Path(filename).parts
    for anchor in ("site-packages", "dist-packages", "src"):
        if anchor in parts[:-1]:
            i = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[i + 1 :])
    if "planner" in parts:
        i = len(parts) - 1 - parts[::-1].index("planner")
        return "/".join(parts[i:])
    return "/".join(parts[-2:])


def frames(tb: TracebackType | None) -> list[str]:
    """``file:line in function`` of each frame of a traceback, outermost first."""
    summary = traceback.StackSummary.extract(traceback.walk_tb(tb), lookup_lines=False)
    return [f"{_short_file(f.filename)}:{f.lineno} in {f.name}" for f in summary]


def where(exc: BaseException) -> str:
    """The innermost place of ``exc``'s traceback (``planner/x.py:12 in f``), or ``""``."""
    places = frames(exc.__traceback__)
    return places[-1] if places else ""


def describe_exception(
    exc: BaseException, tb: TracebackType | None = None, *, limit: int = 10
) -> str:
    """A traceback that names classes and places only: each exception of the chain (cause or
    context) with its frames, innermost exception last, as Python prints them."""
    # chain[0] is ``exc``; chain[i + 1] is the cause or context of chain[i], and link[i] says
    # how chain[i] came about from chain[i + 1].
    chain: list[tuple[BaseException, TracebackType | None]] = []
    links: list[str] = []
    seen: set[int] = set()
    cur: BaseException | None = exc
    cur_tb = tb if tb is not None else exc.__traceback__
    while cur is not None and id(cur) not in seen and len(chain) < limit:
        seen.add(id(cur))
        chain.append((cur, cur_tb))
        nxt: BaseException | None = None
        if cur.__cause__ is not None:
            nxt = cur.__cause__
            links.append("-- the error above was the direct cause of the next one --")
        elif cur.__context__ is not None and not cur.__suppress_context__:
            nxt = cur.__context__
            links.append("-- the next error was raised while handling the one above --")
        cur = nxt
        cur_tb = cur.__traceback__ if cur is not None else None
    lines = ["(the messages of errors are not logged: they may quote personal data)"]
    for i in range(len(chain) - 1, -1, -1):  # as Python prints them: the first cause first
        e, etb = chain[i]
        if i < len(chain) - 1:
            lines.append(links[i])
        lines.append(error_class(e))
        lines.extend(f"  at {place}" for place in frames(etb))
    return "\n".join(lines)


_QUOTES_VALUES = re.compile(r"\[SQL:|\[parameters:|DETAIL:|\n", re.IGNORECASE)


def _safe_arg(arg: object) -> object:
    if isinstance(arg, BaseException):
        return error_class(arg)
    if isinstance(arg, str):
        m = _QUOTES_VALUES.search(arg)
        return arg[: m.start()].rstrip() + " [rest not logged]" if m else arg
    return arg


class PrivateFormatter(logging.Formatter):
    """Formats records for a file other people may be sent: no message of any exception.

    The record's message (written in the code) is kept; an exception given as an argument is
    replaced by its class, a string argument is cut where SQL, parameters or a driver's detail
    start. ``exc_info`` becomes :func:`describe_exception`. A text another handler cached on
    the record (``exc_text``, with the full message) is never used.
    """

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_text, record.msg, record.args
        try:
            record.exc_text = None
            if isinstance(record.args, tuple):
                record.args = tuple(_safe_arg(a) for a in record.args)
            elif isinstance(record.args, dict):
                record.args = {k: _safe_arg(v) for k, v in record.args.items()}
            if isinstance(record.msg, BaseException):
                record.msg = error_class(record.msg)
            return super().format(record)
        finally:
            record.exc_text, record.msg, record.args = saved

    def formatException(
        self,
        ei: tuple[type[BaseException], BaseException, TracebackType | None]
        | tuple[None, None, None],
    ) -> str:
        _type, exc, tb = ei
        return describe_exception(exc, tb) if exc is not None else ""


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A size-rotated log whose files are created 0600 (and an existing one tightened)."""

    def _open(self):  # type: ignore[no-untyped-def]  # the stdlib's own signature
        create_private_file(Path(self.baseFilename))
        tighten(Path(self.baseFilename))
        return super()._open()


def prune_logs(path: Path, *, days: int = LOG_RETENTION_DAYS, now: float | None = None) -> int:
    """Delete ``path``'s rotated files (``path.1``, ``path.2``, ...) last written more than
    ``days`` ago, and empty ``path`` itself if nothing was written to it since: how many went.

    With rotation by size (a few files of 1 MB) this bounds the log both ways: no more than a
    few megabytes, and nothing older than ``days`` once the window has started again.
    """
    path = Path(path)
    cutoff = (time.time() if now is None else now) - days * 86400
    removed = 0
    for old in path.parent.glob(f"{path.name}.*"):
        if old.name[len(path.name) + 1 :].isdigit() and old.stat().st_mtime < cutoff:
            with contextlib.suppress(OSError):
                old.unlink()
                removed += 1
    with contextlib.suppress(OSError):
        if path.stat().st_mtime < cutoff and path.stat().st_size:
            with open(path, "r+b") as fh:
                fh.truncate(0)
            removed += 1
    return removed


def private_file_log(
    path: Path, *, max_bytes: int = 1_000_000, backups: int = 3
) -> PrivateRotatingFileHandler:
    """The handler of a private, bounded log at ``path`` (folder 0700, files 0600): rotated at
    ``max_bytes`` keeping ``backups`` older files, and pruned by age first (:func:`prune_logs`)."""
    private_dir(Path(path).parent)
    prune_logs(path)
    handler = PrivateRotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
    )
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler
