"""What a patient's form and the command line accept as typed: dates of birth and languages.

A receptionist types a date of birth the way it is written in the clinic's country, often
while the patient reads it out: ``13.05.1973``, ``13.5.1973``, ``13/05/1973``, ``1973-05-13``
(ISO), ``13051973`` (ddmmyyyy) or ``130573`` (ddmmyy, as on a Norwegian personal number). A
two-digit year is the most recent year that does not put the birthday in the future, so
``130573`` is 1973 and ``010120`` is 2020. A date that does not exist (``30.02.1980``) is
refused, never rolled over to March; so are dates in the future and before 1900.

Python's ``datetime.strptime`` is not used: it accepts ``%y`` with a fixed pivot (1969/2068)
instead of "the most recent past year", and it takes ``1.2.3`` for a date. The patterns below
are the few forms the desk types, each tried in turn.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date

from planner.errors import BadInput

EARLIEST_BIRTH = date(1900, 1, 1)
"""No date of birth before this is accepted (a typing slip, not a patient)."""

DOB_PLACEHOLDER = "dd.mm.yyyy"
"""How the form asks for a date of birth."""

LANGUAGES: dict[str, str] = {"en": "English", "nb": "Norsk bokmål"}
"""Languages of the documents a patient is given (ISO 639-1 code: its own name)."""

DEFAULT_LANGUAGE = "en"

# day, month and a year of 2 or 4 digits, separated by '.', '/' or '-' (spaces allowed)
_DMY = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DIGITS = re.compile(r"^\d{6}$|^\d{8}$")


def _full_year(yy: int, day: int, month: int, today: date) -> int:
    """The most recent year ending in ``yy`` whose ``day.month`` is not after ``today``."""
    year = today.year - (today.year - yy) % 100
    if year == today.year and (month, day) > (today.month, today.day):
        year -= 100
    return year


def _pieces(text: str) -> tuple[int, int, int, bool] | None:
    """(day, month, year, year had two digits) of a recognised form; None for anything else."""
    if m := _ISO.match(text):
        return int(m[3]), int(m[2]), int(m[1]), False
    if m := _DMY.match(text):
        return int(m[1]), int(m[2]), int(m[3]), len(m[3]) == 2
    if _DIGITS.match(text):
        return int(text[:2]), int(text[2:4]), int(text[4:]), len(text) == 6
    return None


def parse_date_of_birth(text: str, *, today: date | None = None) -> date:
    """A date of birth as typed (see the module); BadInput with one line when it is not one."""
    today = today or date.today()
    raw = (text or "").strip()
    parts = _pieces(raw)
    if parts is None:
        raise BadInput(
            f"cannot read the date of birth '{raw}'; write it as {DOB_PLACEHOLDER} "
            "(13.05.1973), 1973-05-13 or 130573"
        )
    day, month, year, short = parts
    if not 1 <= month <= 12:
        raise BadInput(f"'{raw}' is not a date of birth: there is no month {month}")
    if short:
        year = _full_year(year, day, month, today)
    if year < 1:
        raise BadInput(f"'{raw}' is not a date of birth: there is no year {year}")
    last = monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise BadInput(f"'{raw}' is not a date: {date(year, month, 1):%B %Y} has {last} days")
    born = date(year, month, day)
    check_date_of_birth(born, today=today)
    return born


def try_date_of_birth(text: str, *, today: date | None = None) -> date | None:
    """The date of birth ``text`` names, or None when it is not one (for searching)."""
    try:
        return parse_date_of_birth(text, today=today)
    except BadInput:
        return None


def check_date_of_birth(born: date, *, today: date | None = None) -> date:
    """``born`` itself; BadInput when it is in the future or before 1900."""
    today = today or date.today()
    if born > today:
        raise BadInput(f"the date of birth {dob_text(born)} is in the future")
    if born < EARLIEST_BIRTH:
        raise BadInput(f"the date of birth {dob_text(born)} is before 1900; check the year")
    return born


def dob_text(born: date | None) -> str:
    """``13.05.1973`` (empty for no date), as the form and the search results write it."""
    return f"{born.day:02d}.{born.month:02d}.{born.year:04d}" if born else ""


def parse_language(text: str | None) -> str:
    """``en`` or ``nb`` (also from ``English``, ``norsk``, ``no``); BadInput otherwise."""
    key = (text or "").strip().lower()
    aliases = {"no": "nb", "nob": "nb", "norsk": "nb", "norwegian": "nb", "eng": "en"}
    key = aliases.get(key, key)
    for code, name in LANGUAGES.items():
        if key in (code, name.lower()):
            return code
    choices = ", ".join(f"{c} ({n})" for c, n in LANGUAGES.items())
    raise BadInput(f"unknown language '{text}'; choose {choices}")
