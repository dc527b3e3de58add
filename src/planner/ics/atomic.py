"""Writing a file so that readers see the old file or the whole new one, never half of it.

The data goes to a temporary file in the target's own folder (so the final rename never
crosses file systems), is flushed and fsync'ed, and only then replaces the target with
:func:`os.replace`, which is atomic on POSIX and Windows. The folder is fsync'ed afterwards
where the platform allows it, so the rename itself survives a power cut. If anything fails
before the rename, the temporary file is removed and the old file is left exactly as it was.

A write that is killed (``kill -9``, a power cut) cannot remove its temporary file, which
holds the whole export. So temporary files are named recognisably,
``.<name>.planner-tmp-<host>-<pid>-<random>``, created 0600, and every write first removes
the ones in its folder left by writers on this computer whose process is gone
(:func:`remove_stale_temp_files`). A writer still running, in this process or another, keeps
its file; so does one from another computer writing to the same network folder, since its
process cannot be checked from here.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import stat
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from planner.errors import ExportFailed

NEW_FILE_MODE = 0o600
"""Permissions of a new export: it may hold health data, so only its owner reads it."""
TEMP_MARK = ".planner-tmp-"
"""What every temporary file's name holds, so a later write can recognise it."""
_TEMP_NAME = re.compile(
    r"^\..+" + re.escape(TEMP_MARK) + r"(?P<host>[A-Za-z0-9.]+)-(?P<pid>\d+)-[a-z0-9_]+$"
)
STALE_AFTER_S = 24 * 3600
"""Where a process cannot be asked whether it is alive (Windows), a temporary file of this
computer older than this counts as left by a killed write."""


def _host() -> str:
    """This computer's name as it goes into a temporary file's name (letters, digits, dots)."""
    return re.sub(r"[^A-Za-z0-9.]", "", socket.gethostname())[:32] or "host"


def _alive(pid: int) -> bool | None:
    """Whether process ``pid`` runs on this computer (None where that cannot be asked)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return None  # os.kill(pid, 0) would end the process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, as another user
        return True
    return True


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Remove the temporary files of killed writes in ``folder``: the ones removed.

    Only names of :data:`TEMP_MARK`'s pattern written by this computer are considered, and of
    those only the ones whose writer's process is gone (or, where that cannot be checked, older
    than :data:`STALE_AFTER_S`).
    """
    removed: list[Path] = []
    host = _host()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if TEMP_MARK not in entry.name:
            continue
        m = _TEMP_NAME.match(entry.name)
        if m is None or m["host"] != host:
            continue
        alive = _alive(int(m["pid"]))
        if alive is None:
            with contextlib.suppress(OSError):
                alive = time.time() - entry.stat(follow_symlinks=False).st_mtime < STALE_AFTER_S
        if alive is False:
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


class AtomicFile:
    """A file written under a temporary name and renamed over ``path`` on :meth:`commit`.

    Use as a context manager: leaving the block without :meth:`commit` (or with an exception)
    discards the temporary file and leaves ``path`` untouched. An existing target keeps its
    permission bits; a new one gets :data:`NEW_FILE_MODE`. Entering the block first removes
    the temporary files killed writes left in the folder (:func:`remove_stale_temp_files`).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._tmp: Path | None = None
        self._fh: BinaryIO | None = None
        self.committed = False

    def __enter__(self) -> AtomicFile:
        folder = self.path.parent if str(self.path.parent) else Path(".")
        if not folder.is_dir():
            raise ExportFailed(f"cannot write {self.path}: the folder {folder} does not exist")
        remove_stale_temp_files(folder)
        try:
            # mkstemp creates the file 0600 and adds the random part
            fd, name = tempfile.mkstemp(
                prefix=f".{self.path.name}{TEMP_MARK}{_host()}-{os.getpid()}-", dir=folder
            )
        except OSError as exc:
            raise ExportFailed(f"cannot write {self.path}: {exc.strerror}") from None
        self._tmp = Path(name)
        self._fh = os.fdopen(fd, "wb")
        return self

    def write(self, data: bytes) -> None:
        assert self._fh is not None, "write() outside the 'with' block"
        try:
            self._fh.write(data)
        except OSError as exc:
            raise ExportFailed(
                f"cannot write {self.path}: {exc.strerror}; the old file was left as it was"
            ) from None

    def commit(self) -> None:
        """Flush, fsync and rename the temporary file over the target."""
        assert self._fh is not None and self._tmp is not None
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            mode = NEW_FILE_MODE
            with contextlib.suppress(FileNotFoundError):
                mode = stat.S_IMODE(self.path.stat().st_mode)
            os.chmod(self._tmp, mode)
            os.replace(self._tmp, self.path)
        except OSError as exc:
            raise ExportFailed(
                f"cannot write {self.path}: {exc.strerror}; the old file was left as it was"
            ) from None
        self.committed = True
        _fsync_folder(self.path.parent)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fh is not None and not self._fh.closed:
            # A failed write or commit leaves data in the buffer; closing flushes it again,
            # and its second ENOSPC would hide the one-line ExportFailed already raised.
            with contextlib.suppress(OSError):
                self._fh.close()
        if not self.committed and self._tmp is not None:
            with contextlib.suppress(OSError):
                self._tmp.unlink()


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (see the module docstring)."""
    with AtomicFile(path) as f:
        f.write(data)
        f.commit()


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened (Windows)."""
    try:
        fd = os.open(folder if str(folder) else ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
