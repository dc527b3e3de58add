"""Sentences the engine says about a session, kept so any reader can have them in their words.

A :class:`Phrase` is an English template marked for the gettext catalogue and its values;
:meth:`Phrase.text` writes it in a language: ``Phrase.text()`` (English) is what the command
line and the logs say, exactly as before, and ``Phrase.text(words("nb"))`` is what the window
shows a Norwegian desk. Values keep their type until then, so a date is written as the reader's
language writes dates (:class:`Day`, :class:`DayTime`...), a clinic word is translated
(:class:`Label`), and a phrase inside a phrase is written in the same language.

English keeps the short strftime forms planner's messages always used ("Fri 25 Dec 2026",
"Mon 09:00"), which scripts and the tests read; every other language gets CLDR's (Babel).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from planner.core.i18n import Words

WEEKDAY_CODES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Day:
    """``Fri 25 Dec 2026`` / ``fre. 25. des. 2026``; without the year ``Fri 25 Dec``."""

    day: date
    year: bool = True


@dataclass(frozen=True)
class Month:
    """``February 1980`` / ``februar 1980``."""

    year: int
    month: int


@dataclass(frozen=True)
class DayTime:
    """``Fri 25 Dec 2026 10:00`` / ``fre. 25. des. 2026 10:00``."""

    at: datetime


@dataclass(frozen=True)
class WeekdayTime:
    """``Mon 09:00`` / ``man. 09:00``."""

    at: datetime


@dataclass(frozen=True)
class Clock:
    """``09:00`` (of a time, or of a datetime's time: equal clocks on two days are equal)."""

    at: time | datetime

    def __post_init__(self) -> None:
        if isinstance(self.at, datetime):
            object.__setattr__(self, "at", self.at.time())


@dataclass(frozen=True)
class Weekday:
    """``mon`` (the command line's code) / ``man.``."""

    index: int


@dataclass(frozen=True)
class Days:
    """``Mon 28 Dec``, ``Mon 28 and Tue 29 Dec``, ``Wed 07 to Fri 09 Oct`` (consecutive days)."""

    days: tuple[date, ...]


@dataclass(frozen=True)
class HolidayName:
    """A public holiday's name (``Christmas Day`` / ``Første juledag``), from the holidays
    library in the reader's language where it has one."""

    country: str
    subdivision: str | None
    day: date
    name: str
    """The name in English (what the command line says)."""


HOLIDAY_LANGUAGES = {"en": "en_US", "nb": "no"}
"""The holidays library's name for each of planner's languages."""


@lru_cache(maxsize=64)
def holiday_names(country: str, subdivision: str | None, language: str) -> Any:
    """The holidays of ``country`` named in ``language`` (planner's code), or None."""
    import holidays as holidays_lib

    cls = holidays_lib.country_holidays(country, subdiv=subdivision)
    wanted = HOLIDAY_LANGUAGES.get(language, language)
    if wanted not in getattr(cls, "supported_languages", ()):
        return None
    return holidays_lib.country_holidays(country, subdiv=subdivision, language=wanted)


@dataclass(frozen=True)
class Label:
    """A clinic word marked with ``N_`` (``Kind.label``...), translated for the reader."""

    text: str


@dataclass(frozen=True)
class Joined:
    """Phrases (or plain texts) joined by ``sep``."""

    parts: tuple[Phrase | str, ...]
    sep: str = "; "


@dataclass(frozen=True)
class Phrase:
    """An English template (``{name}`` placeholders) and its values."""

    template: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, w: Words | None = None) -> str:
        """The phrase in ``w``'s language (English, as the command line says it, by default)."""
        template = self.template if w is None else w.gettext(self.template)
        return template.format(**{k: render(v, w) for k, v in self.values})

    def __str__(self) -> str:
        return self.text()


def phrase(template: str, **values: object) -> Phrase:
    """``phrase(N_("{day} is a public holiday ({name})"), day=Day(d), name=name)``."""
    return Phrase(template, tuple(values.items()))


def joined(parts: Sequence[Phrase | str], sep: str = "; ") -> Joined:
    return Joined(tuple(parts), sep)


def render(value: object, w: Words | None = None) -> str:
    """One value of a phrase, written for ``w`` (None or English: the command line's forms)."""
    english = w is None or w.language == "en"
    if isinstance(value, Phrase):
        return value.text(w)
    if isinstance(value, Joined):
        return value.sep.join(render(p, w) for p in value.parts)
    if isinstance(value, Label):
        return value.text if w is None else w.gettext(value.text)
    if isinstance(value, Day):
        if english:
            return f"{value.day:%a %d %b %Y}" if value.year else f"{value.day:%a %d %b}"
        assert w is not None
        return w.skeleton("yMMMEd" if value.year else "MMMEd", value.day)
    if isinstance(value, Month):
        first = date(value.year, value.month, 1)
        if english:
            return f"{first:%B} {value.year}"
        assert w is not None
        return w.skeleton("yMMMM", first)
    if isinstance(value, DayTime):
        if english:
            return f"{value.at:%a %d %b %Y %H:%M}"
        assert w is not None
        return f"{w.skeleton('yMMMEd', value.at.date())} {w.time(value.at)}"
    if isinstance(value, WeekdayTime):
        if english:
            return f"{value.at:%a %H:%M}"
        assert w is not None
        return f"{w.skeleton('EEE', value.at.date())} {w.time(value.at)}"
    if isinstance(value, Clock):
        return f"{value.at:%H:%M}" if english or w is None else w.time(value.at)
    if isinstance(value, Weekday):
        if english or w is None:
            return WEEKDAY_CODES[value.index]
        from babel.dates import get_day_names

        return str(get_day_names("abbreviated", locale=w.locale)[value.index])
    if isinstance(value, Days):
        return _days(value.days, w)
    if isinstance(value, HolidayName):
        if w is None:
            return value.name
        named = holiday_names(value.country, value.subdivision, w.language)
        found = named.get(value.day) if named is not None else None
        return str(found) if found else value.name
    return str(value)


def _days(days: tuple[date, ...], w: Words | None) -> str:
    first, last = days[0], days[-1]
    if w is None or w.language == "en":
        if len(days) == 1:
            return f"{first:%a %d %b}"
        head = f"{first:%a %d}" if first.month == last.month else f"{first:%a %d %b}"
        joint = "and" if len(days) == 2 else "to"
        return f"{head} {joint} {last:%a %d %b}"
    a, b = w.skeleton("MMMEd", first), w.skeleton("MMMEd", last)
    if len(days) == 1:
        return a
    if len(days) == 2:
        return w.gettext("{first} and {last}").format(first=a, last=b)
    return w.gettext("{first} to {last}").format(first=a, last=b)
