"""The choices the location form offers: IANA time zones and public-holiday calendars.

Zones come from :func:`zoneinfo.available_timezones` and holiday countries and their
subdivisions from the ``holidays`` library (the same lists the services check against), so
the combos never offer something the database would refuse. Both combos stay editable: a
receptionist can type ``Oslo`` and pick ``Europe/Oslo`` from the completer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from zoneinfo import available_timezones

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from planner.ui.i18n import tr, ui_words


@cache
def zone_names() -> tuple[str, ...]:
    """Region/City zones, sorted (``Etc/GMT+1`` and bare aliases such as ``CET`` left out;
    ``UTC`` kept for a clinic that wants it)."""
    zones = {
        z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/"))
    }
    return (*sorted(zones), "UTC")


def _words(class_name: str) -> str:
    """``UnitedKingdom`` -> ``United Kingdom`` (the library names its classes after countries)."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", class_name)


@cache
def holiday_countries() -> tuple[tuple[str, str], ...]:
    """(ISO 3166 alpha-2 code, country name) of every country with a holiday calendar, by name."""
    import holidays
    from holidays.registry import COUNTRIES

    supported = holidays.list_supported_countries()
    out = {entry[1]: _words(entry[0]) for entry in COUNTRIES.values() if entry[1] in supported}
    return tuple(sorted(out.items(), key=lambda kv: kv[1]))


@cache
def _territories(locale: str) -> dict[str, str]:
    from babel import Locale

    return dict(Locale.parse(locale).territories)


def country_names() -> tuple[tuple[str, str], ...]:
    """:func:`holiday_countries` named in the window's language (CLDR's names: ``Norge`` /
    ``Norway``), sorted by that name."""
    names = _territories(ui_words().locale)
    out = [(code, names.get(code.upper(), name)) for code, name in holiday_countries()]
    return tuple(sorted(out, key=lambda kv: _sort_key(kv[1])))


def _sort_key(name: str) -> str:
    """Accents ignored (``Élfenbenskysten`` by E), Æ, Ø and Å last, in that order."""
    text = name.casefold().translate({ord("æ"): "{", ord("ø"): "|", ord("å"): "}"})
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@cache
def subdivisions(country: str) -> tuple[tuple[str, str], ...]:
    """(code, name) of a country's holiday subdivisions (``("03", "Oslo")``); the name is
    empty where the library has none."""
    import holidays

    codes = holidays.list_supported_countries().get(country.upper(), [])
    if not codes:
        return ()
    try:
        aliases = holidays.country_holidays(country.upper()).subdivisions_aliases
    except (NotImplementedError, AttributeError, KeyError):
        aliases = {}
    names: dict[str, str] = {}
    for name, code in aliases.items():
        names.setdefault(code, name)
    return tuple((code, names.get(code, "")) for code in codes)


def with_code(name: str, code: str) -> str:
    """``Norge (NO)``: a name with its code (:func:`combo_code` reads either back)."""
    return f"{name} ({code})"


def zone_combo(parent: QWidget) -> QComboBox:
    """An editable combo of every zone, completing on any part (``oslo`` finds Europe/Oslo)."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(zone_names()))
    combo.setMaxVisibleItems(15)
    completer = QCompleter(list(zone_names()), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    combo.setCompleter(completer)
    combo.setCurrentIndex(-1)
    combo.setEditText("")
    line = combo.lineEdit()
    if line is not None:
        line.setPlaceholderText(tr("e.g. Europe/Oslo (type a city)"))
    return combo


def country_combo(parent: QWidget) -> QComboBox:
    """``Norway (NO)``..., first entry 'No public holidays'; the item data is the code."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem(tr("No public holidays"), "")
    for code, name in country_names():
        combo.addItem(with_code(name, code), code)
    combo.setMaxVisibleItems(15)
    completer = combo.completer()
    if completer is not None:
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


def fill_subdivisions(combo: QComboBox, country: str, current: str | None) -> None:
    """The subdivisions of ``country`` in ``combo`` (first: the whole country), ``current``
    selected."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(tr("The whole country"), "")
    for code, name in subdivisions(country) if country else ():
        combo.addItem(with_code(name, code) if name else code, code)
    index = combo.findData(current or "")
    combo.setCurrentIndex(max(0, index))
    combo.setEnabled(combo.count() > 1)
    combo.blockSignals(False)


def combo_code(combo: QComboBox) -> str:
    """The code chosen in a country or subdivision combo; what was typed when it matches one
    (``no``, ``Norway``), else the text itself (the service says what is wrong with it)."""
    text = combo.currentText().strip()
    if not text:
        return ""
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if index >= 0:
        return str(combo.itemData(index) or "")
    for i in range(combo.count()):
        data = str(combo.itemData(i) or "")
        label = combo.itemText(i).lower()
        if text.lower() in (data.lower(), label.rsplit(" (", 1)[0]):
            return data
    return text
