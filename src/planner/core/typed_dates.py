"""Dates as the desk types them, read one way everywhere: a closure's days, a day list's day,
a date of birth.

The forms are the ones written in the clinic's country and in ISO: ``13.05.2027``,
``13.5.2027``, ``13/05/2027``, ``2027-05-13``; a date of birth also takes ``13051973`` and
``130573`` (as on a Norwegian personal number), whose two-digit year the caller resolves. A
date that does not exist (``30.02.2027``) is refused in one line that says why, never rolled
over into March as ``date`` arithmetic or a spin box would.

Python's ``datetime.strptime`` is not used: it takes ``1.2.3`` for a date, and reads ``%y``
with a fixed pivot (1969/2068) where a date of birth wants "the most recent past year". The
patterns below are the few forms the desk types, each tried in turn.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date, datetime

from planner.core.i18n import N_
from planner.core.phrases import Month, phrase
from planner.errors import BadInput

EARLIEST = date(1900, 1, 1)
"""The first day any date typed into planner may name (a date of birth, a closure, a start)."""
LATEST = date(2200, 12, 31)
"""The last such day: far enough for any plan, near enough that a plan's sessions, a
calendar's window and every other offset computed from a date stay inside Python's years
(a date in year 9999 plus a week raised OverflowError)."""

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names, whatever the process locale is (messages are English for now)."""

# day, month and a year of 2 or 4 digits, separated by '.', '/' or '-' (spaces allowed)
_DMY = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DIGITS = re.compile(r"^\d{6}$|^\d{8}$")

ShortYear = Callable[[int, int, int], int]
"""Resolves a two-digit year: (yy, day, month) -> the full year."""


def _pieces(text: str, digits: bool) -> tuple[int, int, int, bool] | None:
    """(day, month, year, year had two digits) of a recognised form; None for anything else."""
    if m := _ISO.match(text):
        return int(m[3]), int(m[2]), int(m[1]), False
    if m := _DMY.match(text):
        return int(m[1]), int(m[2]), int(m[3]), len(m[3]) == 2
    if digits and _DIGITS.match(text):
        return int(text[:2]), int(text[2:4]), int(text[4:]), len(text) == 6
    return None


def read_date(
    text: str,
    what: str = "the date",
    *,
    example: str = "24.12.2027",
    short_year: ShortYear | None = None,
) -> date:
    """The date ``text`` names; BadInput in one line when it names none.

    With ``short_year`` the digits-only forms and two-digit years are read too (a date of
    birth); without, a year has four digits and the date must lie in 1900 to 2200.
    """
    raw = (text or "").strip()
    parts = _pieces(raw, digits=short_year is not None)
    if parts is None or (parts[3] and short_year is None):
        if not raw:
            raise BadInput(
                phrase(N_("type {what} as dd.mm.yyyy, e.g. {example}"), what=what, example=example)
            )
        raise BadInput(
            phrase(
                N_("cannot read {what} '{raw}'; write it as dd.mm.yyyy, e.g. {example}"),
                what=what,
                raw=raw,
                example=example,
            )
        )
    day, month, year, short = parts
    if not 1 <= month <= 12:
        raise BadInput(
            phrase(N_("'{raw}' is not a date: there is no month {month}"), raw=raw, month=month)
        )
    if short and short_year is not None:
        year = short_year(year, day, month)
    if year < 1:
        raise BadInput(
            phrase(N_("'{raw}' is not a date: there is no year {year}"), raw=raw, year=year)
        )
    last = monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise BadInput(
            phrase(
                N_("'{raw}' is not a date: {month} has {days} days"),
                raw=raw,
                month=Month(year, month),
                days=last,
            )
        )
    # a date of birth is checked by its caller, in its own words (future, before 1900)
    return date(year, month, day) if short_year else in_range(date(year, month, day), what)


def in_range(day: date | datetime, what: str = "the date") -> date:
    """``day`` (its date), or BadInput in one line when it lies outside 1900 to 2200: the
    range every date a command or form accepts is checked against (:data:`EARLIEST`)."""
    d = day.date() if isinstance(day, datetime) else day
    if not EARLIEST <= d <= LATEST:
        raise BadInput(
            phrase(
                N_("{what} {day} is outside the years {first} to {last}"),
                what=what,
                day=d.isoformat(),
                first=EARLIEST.year,
                last=LATEST.year,
            )
        )
    return d


def date_text(day: date | None) -> str:
    """``13.05.1973`` (empty for no date), as the forms and lists write a date."""
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}" if day else ""
