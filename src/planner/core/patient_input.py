"""What a patient's form and the command line accept as typed: dates of birth and languages.

A receptionist types a date of birth the way it is written in the clinic's country, often
while the patient reads it out: ``13.05.1973``, ``13.5.1973``, ``13/05/1973``, ``1973-05-13``
(ISO), ``13051973`` (ddmmyyyy) or ``130573`` (ddmmyy, as on a Norwegian personal number). A
two-digit year is the most recent year that does not put the birthday in the future, so
``130573`` is 1973 and ``010120`` is 2020. A date that does not exist (``30.02.1980``) is
refused, never rolled over to March; so are dates in the future and before 1900.

The forms are read by :func:`planner.core.typed_dates.read_date`, as every date the desk
types is.
"""

from __future__ import annotations

from datetime import date

from planner.core.i18n import N_
from planner.core.phrases import phrase
from planner.core.typed_dates import date_text, read_date
from planner.errors import BadInput

EARLIEST_BIRTH = date(1900, 1, 1)
"""No date of birth before this is accepted (a typing slip, not a patient)."""

DOB_PLACEHOLDER = "dd.mm.yyyy"
"""How the form asks for a date of birth."""

LANGUAGES: dict[str, str] = {"en": "English", "nb": "Norsk bokmål"}
"""Languages of the documents a patient is given (ISO 639-1 code: its own name)."""

DEFAULT_LANGUAGE = "en"


def _full_year(yy: int, day: int, month: int, today: date) -> int:
    """The most recent year ending in ``yy`` whose ``day.month`` is not after ``today``."""
    year = today.year - (today.year - yy) % 100
    if year == today.year and (month, day) > (today.month, today.day):
        year -= 100
    return year


def parse_date_of_birth(text: str, *, today: date | None = None) -> date:
    """A date of birth as typed (see the module); BadInput with one line when it is not one."""
    now = today or date.today()
    born = read_date(
        text,
        "the date of birth",
        example="13.05.1973, 1973-05-13 or 130573",
        short_year=lambda yy, day, month: _full_year(yy, day, month, now),
    )
    check_date_of_birth(born, today=now)
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
        raise BadInput(phrase(N_("the date of birth {day} is in the future"), day=dob_text(born)))
    if born < EARLIEST_BIRTH:
        raise BadInput(
            phrase(N_("the date of birth {day} is before 1900; check the year"), day=dob_text(born))
        )
    return born


def dob_text(born: date | None) -> str:
    """``13.05.1973`` (empty for no date), as the form and the search results write it."""
    return date_text(born)


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
