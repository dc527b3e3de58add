"""This computer's desk name: who the change log says made a change ("Front desk 2").

The name is kept in a small text file of this computer's (:func:`planner.db.audit.desk_file`),
not in the database: every desk has its own. ``PLANNER_DESK`` overrides it (a shared
terminal server, a test); without either, the desk is called by the computer's name. The
window's Settings shows and saves it (:func:`set_desk_name`), and the window's database is
opened with :func:`window_author`, so its changes carry the name.
"""

from __future__ import annotations

import contextlib
import os
import socket

from planner.db.audit import Author, desk_file
from planner.db.audit import desk_name as _desk_name
from planner.errors import BadInput
from planner.ics.atomic import AtomicFile

MAX_DESK_NAME = 100
"""The change log keeps up to this many characters of a desk name (``changes.desk``)."""


def desk_name() -> str:
    """The name this desk's changes are logged under (``PLANNER_DESK``, the saved name, or
    the computer's name)."""
    return _desk_name()


def computer_name() -> str:
    """The computer's own name: the desk name until one is set."""
    return (socket.gethostname() or "desk")[:MAX_DESK_NAME]


def desk_name_from_environment() -> str:
    """``PLANNER_DESK`` when it is set (it wins over the saved name); '' otherwise."""
    return os.environ.get("PLANNER_DESK", "").strip()


def check_desk_name(name: str) -> str:
    """The name as it is saved (spaces trimmed, on one line); BadInput when it is empty or
    longer than the change log keeps."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise BadInput(
            "the desk name is empty; give this computer a name the change log can show, "
            f"such as {computer_name()!r} or 'Front desk 2'"
        )
    if len(cleaned) > MAX_DESK_NAME:
        raise BadInput(
            f"the desk name has {len(cleaned)} characters; at most {MAX_DESK_NAME} are kept"
        )
    return cleaned


def set_desk_name(name: str) -> str:
    """Save this computer's desk name (checked with :func:`check_desk_name`); the name saved.

    Written atomically (readers see the old name or the new one), the file 0600 in a 0700
    folder: it names a computer of the clinic, for this user only. Saving the computer's own
    name removes the file, so a renamed computer is called by its new name.
    """
    cleaned = check_desk_name(name)
    path = desk_file()
    if cleaned == computer_name():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return cleaned
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with AtomicFile(path) as f:
        f.write((cleaned + "\n").encode("utf-8"))
        f.commit()
    os.chmod(path, 0o600)
    return cleaned


def window_author() -> Author:
    """Who the window's changes are logged as: this desk, its user, the program "window"."""
    return Author.here("window")
