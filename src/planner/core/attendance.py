"""When a session may be marked attended or a no-show: the one rule the desk, the menus and
the booking service share (pure; wall-clock times in the session's own zone)."""

from __future__ import annotations

from datetime import datetime, timedelta

ATTEND_EARLY = timedelta(hours=1)
"""How long before its start a session may be marked attended (the patient came early)."""


def may_attend(start_local: datetime, now_local: datetime) -> bool:
    """True once ``now_local`` is at most :data:`ATTEND_EARLY` before the session starts."""
    return start_local - ATTEND_EARLY <= now_local


def may_be_no_show(start_local: datetime, now_local: datetime) -> bool:
    """True once the session has started: a patient is not missing before the start."""
    return start_local <= now_local


def not_started(what: str, start_local: datetime) -> str:
    """Why ``what`` ("Treatment 3 of 9 for Kari Nordmann") cannot be marked attended yet."""
    return (
        f"{what} starts on {start_local:%a %d %b %Y %H:%M}: it can be marked attended from "
        "an hour before it starts"
    )
