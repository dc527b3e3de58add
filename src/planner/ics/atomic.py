"""Writing a file so that readers see the old file or the whole new one, never half of it.

The data goes to a temporary file in the target's own folder (so the final rename never
crosses file systems), is flushed and fsync'ed, and only then replaces the target with
:func:`os.replace`, which is atomic on POSIX and Windows. The folder is fsync'ed afterwards
where the platform allows it, so the rename itself survives a power cut. If anything fails
before the rename, the temporary file is removed and the old file is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from planner.errors import ExportFailed

NEW_FILE_MODE = 0o600
"""Permissions of a new export: it may hold health data, so only its owner reads it."""


class AtomicFile:
    """A file written under a temporary name and renamed over ``path`` on :meth:`commit`.

    Use as a context manager: leaving the block without :meth:`commit` (or with an exception)
    discards the temporary file and leaves ``path`` untouched. An existing target keeps its
    permission bits; a new one gets :data:`NEW_FILE_MODE`.
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
        try:
            fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=folder)
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
