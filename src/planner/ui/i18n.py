"""The window's language: its Qt catalogue, its locale, and the clinic's words in it.

Every text the window shows goes through :func:`tr` (``tr("Book")``, with the count for a
plural: ``tr("%n session(s)", "", n)``), which looks it up in the Qt Linguist catalogue of the
window's language: ``resources/translations/planner_<lang>.ts`` in the repository, compiled by
``bash scripts/translations`` to ``planner/ui/translations/planner_<lang>.qm``, which ships as
package data. English is the source language; its catalogue holds only the plural forms
(``1 session``, ``3 sessions``). Call ``tr`` with literal text so ``pyside6-lupdate`` finds it,
and put values in with Qt's numbered placeholders and :func:`arg`
(``arg(tr("Week %1"), 49)``), never with an f-string: a translation may reorder them.

One context, the empty one, for the whole window: ``tr`` here is a plain function, so a text
reads the same in every dialog and a subclass never loses its parent's translations (PySide's
``self.tr`` looks the text up under the instance's class, which ``lupdate`` cannot know). Where
one English word needs two translations, the second argument tells them apart
(``tr("Open", "a file")``).

The clinic's vocabulary (kinds, modalities, body regions, screening flags) is Qt-free and comes
from the gettext catalogue of :mod:`planner.core.i18n`, in the window's language: :func:`vocab`.

Qt ships no bokmål catalogue for its own buttons and dialogs (``qtbase_nn`` exists, ``nb``
does not), so :mod:`planner.ui.qt_texts` lists the ones planner shows and planner's catalogue
translates them under Qt's own contexts.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time
from importlib import resources

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from planner.core.i18n import LANGUAGES, Words, language_of_locale, words

_state: dict[str, object] = {"language": "en"}


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the window's language; ``%n`` in it is ``n``, in the right plural form."""
    return QCoreApplication.translate("", text, disambiguation, n)


def arg(text: str, *values: object) -> str:
    """Qt's ``%1``, ``%2``... in a translated text, filled in order (as ``QString.arg``)."""
    # Replaced from the highest number down, so "%1" never eats the start of "%10".
    for i in range(len(values), 0, -1):
        text = text.replace(f"%{i}", str(values[i - 1]))
    return text


def chosen_language(choice: str | None) -> str:
    """The window's language for a Settings choice (``system``, ``nb`` or ``en``).

    ``$PLANNER_LANGUAGE`` (``nb`` or ``en``) overrides both, for a kiosk or a test run; the
    system's language is Qt's (``QLocale.system()``, which reads ``LANG`` and its kin).
    """
    forced = (os.environ.get("PLANNER_LANGUAGE") or "").strip().lower()
    if forced in LANGUAGES:
        return forced
    if choice in LANGUAGES:
        return str(choice)
    return language_of_locale(QLocale.system().name())


def install(app: QCoreApplication, language: str) -> None:
    """Speak ``language`` in the window from now on (before its widgets are built).

    Loads planner's catalogue, makes the language's locale the default for every widget
    (dates, numbers, the first day of the week) and remembers it for :func:`vocab`.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    # Every earlier one goes at once: one only deleteLater()'d is still a child (and found
    # again) until the event loop runs.
    for old in app.findChildren(QTranslator, "planner-translator"):
        app.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()
    translator = QTranslator(app)
    translator.setObjectName("planner-translator")
    data = resources.files("planner.ui").joinpath(f"translations/planner_{language}.qm")
    with resources.as_file(data) as path:
        if not translator.load(str(path)):
            raise RuntimeError(f"planner's {language} catalogue {path} could not be loaded")
    app.installTranslator(translator)
    QLocale.setDefault(QLocale(words(language).locale))
    _state["language"] = language


def language() -> str:
    """The language the window speaks (``en`` until :func:`install` says otherwise)."""
    return str(_state["language"])


def ui_words() -> Words:
    """The Qt-free words, dates and numbers of the window's language."""
    return words(language())


def vocab(label: str) -> str:
    """A clinic word (``Kind.label``, ``Region`` label, ``ScreeningFlag.label``...) shown here."""
    return ui_words().gettext(label)


def said(exc: BaseException) -> str:
    """An error's message in the window's language (its English message when it has no
    phrase): what the window shows of a refusal."""
    phrase = getattr(exc, "said", None)
    if phrase is not None:
        return str(phrase.text(ui_words()))
    return str(getattr(exc, "message", None) or exc)


def date_long(d: date) -> str:
    """``tirsdag 15. september 2026`` in the window's language."""
    return ui_words().date_long(d)


def date_short(d: date) -> str:
    """``15.09.2026`` in the window's language."""
    return ui_words().date_short(d)


def day_month(d: date) -> str:
    """``man. 30. nov.`` in the window's language."""
    return ui_words().day_month(d)


def time_text(t: time | datetime) -> str:
    """``09:05``."""
    return ui_words().time(t)
