"""Files given to planner to read (a calendar to import, a template): regular files only, of a
bounded size, opened without ever waiting.

``planner import /dev/zero`` read for ever, and ``planner import FIFO`` (or ``/dev/stdin`` with
nothing behind it) waited for a writer that never came: opening a FIFO blocks until someone
opens its other end, and a device has no end. So a file is opened with ``O_NONBLOCK`` (which
makes no difference to a regular file, and lets the open of a FIFO return at once), then
checked with ``fstat`` on what was opened, not on the name, so nothing can be swapped in
between the check and the read: a directory, a FIFO, a socket or a device is refused in one
line, and so is a file larger than :data:`MAX_INPUT_BYTES`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from planner.errors import BadInput

MAX_INPUT_BYTES = 200 * 1024 * 1024
"""The largest file planner reads (a whole clinic's ten-year calendar is a few tens of MB)."""


def open_input(path: Path | str, *, limit: int = MAX_INPUT_BYTES) -> BinaryIO:
    """``path`` opened for reading in binary; BadInput in one line when it cannot be read,
    is not a regular file, or holds more than ``limit`` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        try:  # a socket cannot be opened at all (ENXIO): say what it is, not the errno's words
            mode = os.stat(path).st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise BadInput(f"cannot read {path}: it is {_kind(mode)}, not a regular file") from None
        raise BadInput(f"cannot read {path}: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise BadInput(f"cannot read {path}: it is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise BadInput(
                f"cannot read {path}: it holds {info.st_size / 2**20:.0f} MB, more than the "
                f"{limit / 2**20:.0f} MB planner reads"
            )
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_input(path: Path | str, *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """All of ``path`` (see :func:`open_input`), never more than ``limit`` bytes even when the
    file grows while it is read."""
    with open_input(path, limit=limit) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise BadInput(
            f"cannot read {path}: it holds more than the {limit / 2**20:.0f} MB planner reads"
        )
    return data


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
