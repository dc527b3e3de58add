"""The past is explicit: a session that starts before now is booked or moved only on purpose.

A plan typed with last year's date, or a move to yesterday, is almost always a slip of the
keyboard; recording sessions that already took place is a real but rare need. So booking,
previewing and moving say when a start lies in the past, and the writes refuse it unless the
caller passes ``allow_past`` (``--allow-past`` on the command line, "Record past sessions?" in
the window). The texts name the local wall time, never UTC.
"""

from __future__ import annotations

from datetime import datetime

from planner.errors import BadInput


def when_text(local: datetime) -> str:
    """``Tue 2 Feb 2027 10:00``: a session's local start as the messages write it."""
    return f"{local:%a} {local.day} {local:%b %Y %H:%M}"


def past_note(what: str, local: datetime, start_utc: datetime, now_utc: datetime) -> str | None:
    """``the first session, Tue 2 Feb 2027 10:00, is in the past`` when it starts before
    ``now_utc`` (both naive UTC); None when it does not."""
    if start_utc >= now_utc:
        return None
    return f"{what}, {when_text(local)}, is in the past"


def refuse_past(
    what: str,
    local: datetime,
    start_utc: datetime,
    now_utc: datetime,
    *,
    allow_past: bool,
    action: str,
) -> None:
    """BadInput in one line when the start is in the past and the past was not allowed.

    ``action`` completes the hint: ``book it as a record of past sessions``.
    """
    note = past_note(what, local, start_utc, now_utc)
    if note is not None and not allow_past:
        raise BadInput(f"{note}; {action} with --allow-past")
