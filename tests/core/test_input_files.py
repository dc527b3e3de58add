"""Files given to planner to read: regular files of a bounded size, opened without waiting."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from planner.core.input_files import MAX_INPUT_BYTES, open_input, read_input
from planner.errors import BadInput


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert read_input(path) == path.read_bytes()
    with open_input(str(path)) as fh:
        assert fh.read(5) == b"BEGIN"


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda p: p.mkdir(), "a folder"),
        (lambda p: os.mkfifo(p), "a pipe (FIFO)"),
        (lambda p: socket.socket(socket.AF_UNIX).bind(str(p)), "a socket"),
    ],
    ids=["folder", "fifo", "socket"],
)
def test_special_files_are_refused_at_once_by_what_they_are(
    tmp_path: Path, make: object, kind: str
) -> None:
    path = tmp_path / "x"
    make(path)  # type: ignore[operator]
    with pytest.raises(BadInput) as refused:
        read_input(path)  # a FIFO with no writer: answered at once, no wait
    assert str(refused.value) == f"cannot read {path}: it is {kind}, not a regular file"


def test_a_device_is_refused() -> None:
    with pytest.raises(BadInput, match="it is a device, not a regular file"):
        read_input("/dev/zero")


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.ics"
    with path.open("wb") as fh:  # sparse: 201 MB on paper, nothing on the disk
        fh.truncate(MAX_INPUT_BYTES + 2**20)
    with pytest.raises(BadInput, match=r"it holds 201 MB, more than the 200 MB planner reads"):
        read_input(path)
    small = tmp_path / "small.ics"
    small.write_bytes(b"x" * 11)
    with pytest.raises(BadInput, match="more than the 0 MB"):
        read_input(small, limit=10)
    assert read_input(small, limit=11) == b"x" * 11


def test_a_missing_or_unreadable_file_says_why(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"cannot read .*missing\.ics: No such file or directory"):
        read_input(tmp_path / "missing.ics")
