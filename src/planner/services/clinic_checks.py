"""The checks a clinic's set-up must pass, shared by adding and editing it.

Each check raises :class:`~planner.errors.BadInput` with one line that says what to fix, or
returns the cleaned value. None of them writes: the services call them before (or inside)
their one transaction, so a refusal changes nothing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import time
from functools import cache
from zoneinfo import available_timezones

import holidays as holidays_lib

from planner.core.calendars import WeeklyHours, holiday_calendar
from planner.core.domain import Profession, parse_enum
from planner.core.i18n import N_
from planner.core.phrases import phrase
from planner.core.timeutil import clock_text, zone
from planner.errors import BadInput

# The shapes of a phone number and an e-mail address, for the clinic's and the patients'.
PHONE_RE = re.compile(r"^[+0-9 ()./-]{3,40}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


SHOWN = 40
"""A refused value is quoted in its message up to this many characters: a pasted paragraph
in a phone field would otherwise fill the screen (and the log)."""


def quoted(value: str) -> str:
    """``'value'`` for a message, cut to :data:`SHOWN` characters with ``…``."""
    return f"'{value}'" if len(value) <= SHOWN else f"'{value[: SHOWN - 1]}…'"


def clean_text(text: str | None, what: str, limit: int) -> str:
    """``text`` with its runs of white space made one space; BadInput when too long."""
    out = " ".join((text or "").split())
    if len(out) > limit:
        raise BadInput(f"the {what} is too long (at most {limit} characters)")
    return out


def check_phone(text: str | None, what: str = "phone number") -> str:
    """A phone number as typed (digits, spaces, +()./-), or "" for none."""
    phone = clean_text(text, what, 50)
    if phone and not PHONE_RE.match(phone):
        raise BadInput(
            phrase(
                N_("{phone} does not look like a phone number; use digits, spaces and +"),
                phone=quoted(phone),
            )
        )
    return phone


def check_email(text: str | None, what: str = "e-mail address") -> str:
    """An e-mail address (name@domain.tld), or "" for none."""
    email = clean_text(text, what, 200)
    if email and not EMAIL_RE.match(email):
        raise BadInput(
            phrase(
                N_("{email} does not look like an e-mail address (name@example.com)"),
                email=quoted(email),
            )
        )
    return email


# -- time zones and holidays ------------------------------------------------------------------


@cache
def _zones() -> tuple[str, ...]:
    return tuple(sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc")))


def suggest_zone(text: str) -> str | None:
    """A real IANA zone close to ``text``: ``Oslo`` -> ``Europe/Oslo``, ``new york`` ->
    ``America/New_York``, ``europe/olso`` -> ``Europe/Oslo``; None when nothing is close.

    Hand-written because zoneinfo has no lookup by city; difflib does the fuzzy part.
    """
    key = "_".join(text.strip().split()).lower()
    if not key:
        return None
    zones = _zones()
    by_lower = {z.lower(): z for z in zones}
    if key in by_lower:
        return by_lower[key]
    by_city: dict[str, str] = {}
    for z in zones:
        by_city.setdefault(z.rsplit("/", 1)[-1].lower(), z)
    if key in by_city:
        return by_city[key]
    close = difflib.get_close_matches(key, list(by_lower), n=1, cutoff=0.8)
    if close:
        return by_lower[close[0]]
    close = difflib.get_close_matches(key.rsplit("/", 1)[-1], list(by_city), n=1, cutoff=0.8)
    return by_city[close[0]] if close else None


def check_zone(tz: str | None) -> str:
    """An IANA zone name that exists; BadInput suggesting a close one (``did you mean``)."""
    name = (tz or "").strip()
    try:
        zone(name)
    except BadInput:
        hint = suggest_zone(name)
        if hint:
            raise BadInput(
                f"unknown time zone '{name}'; did you mean {hint}? Use an IANA name such as "
                "Europe/Oslo"
            ) from None
        raise
    return name


def check_holidays(country: str | None, subdivision: str | None) -> tuple[str | None, str | None]:
    """The holiday country (ISO code, upper case) and subdivision as the holidays library
    writes them; BadInput for an unknown one, listing what there is."""
    code = (country or "").strip().upper() or None
    sub = (subdivision or "").strip() or None
    if code and sub:
        known = holidays_lib.list_supported_countries().get(code, [])
        by_lower = {s.lower(): s for s in known}
        sub = by_lower.get(sub.lower(), sub)
    holiday_calendar(code, sub)
    return code, sub


# -- hours --------------------------------------------------------------------------------------


def parse_hours(text: str | Iterable[str], what: str) -> WeeklyHours:
    """Weekly hours from ``mon-fri 08:00-18:00; sat 09:00-13:00``; BadInput naming ``what``."""
    texts = [text] if isinstance(text, str) else list(text)
    if not any(t.strip() for t in texts):
        raise BadInput(f"no hours given for {what}; write them as 'mon-fri 08:00-16:00'")
    try:
        return WeeklyHours.parse(texts)
    except BadInput as exc:
        raise BadInput(f"{what}: {exc.message}") from None


def _span(a: time, b: time) -> str:
    return f"{clock_text(a)}-{clock_text(b)}"


def hours_problem(
    person: str, working: WeeklyHours, place: str, opening: WeeklyHours
) -> str | None:
    """What is wrong when ``person``'s working hours at ``place`` are not inside its opening
    hours (the first such day), as the start of a sentence; None when they fit.

    ``Kari Nordmann's Tuesday 07:00-15:00 starts before Oslo opens (08:00)``.
    """
    for day, intervals in enumerate(working.days):
        open_ivs = opening.days[day]
        for start, end in intervals:
            if any(a <= start and end <= b for a, b in open_ivs):
                continue
            head = f"{person}'s {DAY_NAMES[day]} {_span(start, end)}"
            if not open_ivs:
                return f"{head} falls on a day {place} is closed"
            first, last = open_ivs[0][0], open_ivs[-1][1]
            if start < first:
                return f"{head} starts before {place} opens ({clock_text(first)})"
            if start >= last:
                return f"{head} starts after {place} closes ({clock_text(last)})"
            inside = [(a, b) for a, b in open_ivs if a <= start < b]
            if not inside:
                gap_end = min(a for a, _ in open_ivs if a > start)
                gap_start = max(b for _, b in open_ivs if b <= start)
                return f"{head} starts while {place} is closed ({_span(gap_start, gap_end)})"
            close = inside[0][1]
            if close == last:
                return f"{head} ends after {place} closes ({clock_text(last)})"
            reopen = min(a for a, _ in open_ivs if a >= close)
            return f"{head} runs through {place}'s break ({_span(close, reopen)})"
    return None


# -- practitioners ----------------------------------------------------------------------------


def check_profession(text: str) -> Profession:
    return parse_enum(Profession, text, "profession")


def check_needling(name: str, profession: Profession, may_needle: bool) -> None:
    """BadInput when ``may_needle`` is set for a profession that cannot be licensed to needle."""
    if may_needle and not profession.may_be_licensed_to_needle:
        raise BadInput(
            f"{name} cannot be allowed to needle as a {profession.label.lower()}; "
            "clear 'may needle' or choose a profession licensed to needle"
        )
