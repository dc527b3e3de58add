"""The words and dates of Qt-free text, in English or Norwegian bokmål.

Patient documents (calendar files, plan cards, e-mails) are written in the *patient's*
language, and the clinic's vocabulary (kinds of session, modalities, body regions, screening
flags) is shown in the *reader's* language. Both come from one gettext catalogue, domain
``planner`` in ``planner/locale`` (``.po`` kept in the repository, ``.mo`` compiled from it by
``bash scripts/translations`` and shipped as package data); English is the source language and
needs no catalogue. Dates, times and numbers come from Babel, which carries the Unicode CLDR
data, so no format string is written by hand per language: ``Words("nb").date_long(d)`` is
"tirsdag 15. september 2026", ``Words("en").date_long(d)`` "Tuesday 15 September 2026".

Mark a text for the catalogue where it is *written* with :func:`N_` (it stays English there)
and translate it where it is *shown*, with the reader's :class:`Words`. Call ``gettext`` and
``ngettext`` on a :class:`Words` with a literal, so ``pybabel extract`` finds it; put values in
with ``str.format`` names (``"session {number} of {of}"``), never with an f-string, so a
translation can reorder them.

The clinical words are chosen in ``resources/translations/GLOSSARY.md``.
"""

from __future__ import annotations

import gettext
import os
from datetime import date, datetime, time
from functools import cache
from importlib import resources

DOMAIN = "planner"
"""The gettext domain: ``planner/locale/<language>/LC_MESSAGES/planner.mo``."""

LANGUAGES = ("en", "nb")
"""The languages planner speaks (ISO 639-1). English is the source language."""

CLDR_LOCALE = {"en": "en_GB", "nb": "nb_NO"}
"""The CLDR locale each language is written in. ``en_GB``, not ``en_US``: a clinic's week
starts on Monday and its times are 24-hour. ``nb_NO``, not bare ``nb``: CLDR's ``nb`` counts
weeks from 1 January (1 January 2027 would be week 1), ``nb_NO`` by ISO 8601 (week 53)."""

NORWEGIAN_CODES = ("nb", "no", "nn")
"""Locale languages that read bokmål best of the two (nynorsk readers read bokmål too)."""


def N_(text: str) -> str:
    """Mark ``text`` for the catalogue without translating it (it is translated when shown)."""
    return text


def language_of_locale(name: str | None) -> str:
    """``nb_NO.UTF-8``, ``nn_NO``, ``no`` -> ``nb``; anything else (``C``, ``en_GB``) -> ``en``."""
    code = (name or "").replace("-", "_").split(".")[0].split("_")[0].lower()
    return "nb" if code in NORWEGIAN_CODES else "en"


def system_language() -> str:
    """The language of the user's locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, ``LANGUAGE``)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return language_of_locale(value)
    first = (os.environ.get("LANGUAGE") or "").split(":")[0]
    return language_of_locale(first)


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    if language == "en":
        # The source language: its plurals are gettext's own English rule.
        return gettext.NullTranslations()
    folder = resources.files("planner").joinpath("locale")
    with resources.as_file(folder) as path:
        return gettext.translation(DOMAIN, localedir=str(path), languages=[language])


class Words:
    """What a text needs to be written in one language: its translations, dates and numbers."""

    __slots__ = ("_cat", "_clock", "language", "locale")

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; planner speaks {LANGUAGES}")
        self.language = language
        self.locale = CLDR_LOCALE[language]
        self._cat = _catalogue(language)
        self._clock: dict[tuple[int, int], str] = {}

    def __repr__(self) -> str:
        return f"Words({self.language!r})"

    # -- translations ---------------------------------------------------------------------
    def gettext(self, message: str) -> str:
        """``message`` in this language (a vocabulary label marked with :func:`N_` too)."""
        return self._cat.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form for ``n`` (English: one or other; bokmål the same two forms)."""
        return self._cat.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """``message`` in ``context``, where one English word has two translations."""
        return self._cat.pgettext(context, message)

    # -- dates, times and numbers (CLDR, through Babel) ---------------------------------------
    def date_long(self, d: date) -> str:
        """``tirsdag 15. september 2026`` / ``Tuesday, 15 September 2026``."""
        from babel.dates import format_date

        return format_date(d, "full", locale=self.locale)

    def date_medium(self, d: date) -> str:
        """``15. sep. 2026`` / ``15 Sept 2026``."""
        from babel.dates import format_date

        return format_date(d, "medium", locale=self.locale)

    def date_short(self, d: date) -> str:
        """``15.09.2026`` / ``15/09/2026``."""
        from babel.dates import format_date

        return format_date(d, "short", locale=self.locale)

    def day_month(self, d: date) -> str:
        """``tir. 15. sep.`` / ``Tue 15 Sept``: a day in a week or a list."""
        from babel.dates import format_skeleton

        return format_skeleton("MMMEd", d, locale=self.locale)

    def skeleton(self, skeleton: str, d: date | datetime | time) -> str:
        """``d`` in CLDR's pattern for ``skeleton`` in this language (``"yMMMM"``: ``november
        2026`` / ``November 2026``; ``"MMMd"``: ``30. nov.`` / ``30 Nov``; ``"EEEEd"``...).

        A skeleton names the fields, not their order or punctuation, so the same one serves
        every language.
        """
        from babel.dates import format_skeleton

        return format_skeleton(skeleton, d, locale=self.locale)

    def weekday(self, d: date) -> str:
        """``tirsdag`` / ``Tuesday``."""
        from babel.dates import format_date

        return format_date(d, "EEEE", locale=self.locale)

    def time(self, t: time | datetime) -> str:
        """``09:05`` (24-hour in both languages)."""
        # Kept per hour and minute: an export writes one per event (Babel takes ~9 us).
        key = (t.hour, t.minute)
        text = self._clock.get(key)
        if text is None:
            from babel.dates import format_time

            text = self._clock[key] = format_time(
                time(t.hour, t.minute), "short", locale=self.locale
            )
        return text

    def date_time_long(self, dt: datetime) -> str:
        """``tirsdag 15. september 2026 kl. 09:05`` / ``Tuesday, 15 September 2026 at 09:05``."""
        return self.gettext("{date} at {time}").format(
            date=self.date_long(dt.date()), time=self.time(dt)
        )

    def decimal(self, value: float, digits: int = 1) -> str:
        """``3,5`` / ``3.5`` (at most ``digits`` decimals)."""
        from babel.numbers import format_decimal

        return format_decimal(value, "#,##0." + "#" * digits, locale=self.locale)

    def percent(self, fraction: float, digits: int = 1) -> str:
        """``12,5 %`` / ``12.5%`` from 0.125 (at most ``digits`` decimals; CLDR's spacing)."""
        from babel.numbers import format_percent

        value = round(fraction, digits + 2)
        return format_percent(value, locale=self.locale, decimal_quantization=False)

    def join(self, items: list[str]) -> str:
        """``nakke, skuldre og korsrygg`` / ``neck, shoulders and lower back``."""
        from babel.lists import format_list

        return format_list(items, style="standard", locale=self.locale) if items else ""


@cache
def words(language: str) -> Words:
    """The :class:`Words` of ``language`` (one per language per process)."""
    return Words(language)
