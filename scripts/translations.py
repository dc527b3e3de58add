"""Update and compile planner's two catalogues: ``python scripts/translations.py [update|compile]``.

- **The window's** (Qt Linguist): ``pyside6-lupdate`` reads every ``tr(...)`` and
  ``QT_TRANSLATE_NOOP(...)`` under ``src/planner/ui`` into
  ``resources/translations/planner_nb.ts`` (every text) and ``planner_en.ts`` (the plural forms
  only: English is the source language), and ``pyside6-lrelease`` compiles them to
  ``src/planner/ui/translations/planner_<lang>.qm``, which ships as package data.
- **The documents' and the vocabulary's** (gettext): Babel's extractor reads ``gettext``,
  ``ngettext``, ``pgettext`` and ``N_`` under ``src/planner/{core,ics,services}`` into
  ``src/planner/locale/planner.pot``, updates ``src/planner/locale/nb/LC_MESSAGES/planner.po``
  from it and compiles ``planner.mo`` beside it.

``update`` (the default) does both steps; ``compile`` only compiles what the catalogues hold;
``bypasses [FILE...]`` lists texts the window shows without translating them.
A new or changed text comes into the catalogue as unfinished; translate it (Qt Linguist opens
the ``.ts``: ``pyside6-linguist resources/translations/planner_nb.ts``; the ``.po`` is plain
text), then run this again. ``tests/test_translations.py`` fails while any text is missing,
unfinished or not compiled.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "src" / "planner" / "ui"
TS_DIR = ROOT / "resources" / "translations"
QM_DIR = UI / "translations"
LOCALE = ROOT / "src" / "planner" / "locale"
POT = LOCALE / "planner.pot"
DOCUMENT_PACKAGES = ("core", "ics", "services")
WINDOW_LANGUAGES = {"nb": "nb_NO", "en": "en_GB"}
DOCUMENT_LANGUAGES = ("nb",)
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None}


def _tool(name: str) -> str:
    """A Qt tool installed with PySide6, beside this Python (the venv's ``bin``)."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install the project first (bash scripts/test)")
    return found


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in UI.rglob("*.py"))


def ts_file(lang: str) -> Path:
    return TS_DIR / f"planner_{lang}.ts"


def qm_file(lang: str, folder: Path = QM_DIR) -> Path:
    return folder / f"planner_{lang}.qm"


def lupdate(lang: str, target: Path) -> str:
    """Bring ``target`` (a .ts) up to date with the window's texts; lupdate's report."""
    args = [_tool("pyside6-lupdate"), *ui_sources(), "-no-obsolete", "-locations", "relative"]
    args += ["-target-language", WINDOW_LANGUAGES[lang]]
    if lang == "en":
        args.append("-pluralonly")
    args += ["-ts", str(target)]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout + done.stderr


def lrelease(source: Path, target: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)],
        cwd=ROOT,
        check=True,
    )


def extract_documents() -> bytes:
    """The gettext template of the Qt-free texts, as bytes (no creation date: reproducible)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import write_po

    catalog = Catalog(project="planner", charset="utf-8", fuzzy=False)
    for package in DOCUMENT_PACKAGES:
        base = ROOT / "src" / "planner" / package
        for filename, lineno, message, comments, context in extract_from_dir(
            str(base), keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
        ):
            where = (f"src/planner/{package}/{filename}", lineno)
            catalog.add(message, None, [where], auto_comments=comments, context=context)
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=True, sort_output=True)
    return out.getvalue()


def update_po(lang: str, template: bytes) -> None:
    from babel.messages.pofile import read_po, write_po

    po = LOCALE / lang / "LC_MESSAGES" / "planner.po"
    pot = read_po(io.BytesIO(template))
    if po.exists():
        with po.open("rb") as f:
            catalog = read_po(f, locale=lang)
    else:
        from babel.messages.catalog import Catalog

        catalog = Catalog(locale=lang, project="planner", charset="utf-8")
    catalog.update(pot, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False, sort_output=True, include_previous=False)


def compile_mo(lang: str, target: Path | None = None) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po = LOCALE / lang / "LC_MESSAGES" / "planner.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    if target is not None:
        target.write_bytes(out.getvalue())
    return out.getvalue()


DISPLAY_CALLS = {
    name: (1,)
    for name in [
        "setText",
        "setWindowTitle",
        "setToolTip",
        "setStatusTip",
        "setWhatsThis",
        "setPlaceholderText",
        "setTitle",
        "setAccessibleName",
        "setAccessibleDescription",
        "setLabelText",
        "setInformativeText",
        "setDetailedText",
        "setButtonText",
        "setSuffix",
        "setPrefix",
        "setSpecialValueText",
        "setTabText",
        "setTabToolTip",
        "setItemText",
        "setWindowIconText",
        "addItem",
        "insertItem",
        "addAction",
        "addMenu",
        "addTab",
        "insertTab",
        "addRow",
        "insertRow",
        "addButton",
        "showMessage",
        "setHeaderData",
        "QLabel",
        "QPushButton",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QAction",
        "QMenu",
        "QToolButton",
        "QCommandLinkButton",
        "QMessageBox",
        "information",
        "question",
        "about",
    ]
}
"""Calls whose first argument a person reads: a string literal there bypasses :func:`tr`."""


def bypasses(paths: list[Path] | None = None) -> list[str]:
    """Texts the window shows without translating them, as ``file:line: text``.

    Babel's own extractor reads the window's code with the calls above as its keywords: a
    literal it reports was handed straight to the widget (``setText("Save")``), where a
    translated text is a call (``setText(tr("Save"))``) that it does not report. An f-string
    given to such a call is reported by the extractor as one it skipped, and counts too.
    Text without a letter (``"–"``, ``"%"``, ``""``) is not a bypass.
    """
    import contextlib

    from babel.messages.extract import extract

    found: list[str] = []
    for path in paths or sorted(UI.rglob("*.py")):
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        skipped = io.StringIO()
        with path.open("rb") as f, contextlib.redirect_stderr(skipped):
            for lineno, message, _comments, _context in extract(
                "python", f, keywords=DISPLAY_CALLS, comment_tags=(), strip_comment_tags=True
            ):
                text = message if isinstance(message, str) else message[0]
                if text and any(c.isalpha() for c in text):
                    found.append(f"{rel}:{lineno}: {text!r}")
        for line in skipped.getvalue().splitlines():
            if "Skipping f-string" in line:
                where = line.split(": warning")[0].rsplit(":", 1)[-1]
                found.append(f"{rel}:{where}: an f-string (use tr() with %1 and arg())")
    return found


def update() -> None:
    TS_DIR.mkdir(parents=True, exist_ok=True)
    for lang in WINDOW_LANGUAGES:
        print(lupdate(lang, ts_file(lang)).strip())
    template = extract_documents()
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(template)
    for lang in DOCUMENT_LANGUAGES:
        update_po(lang, template)
    compile_all()


def compile_window() -> None:
    QM_DIR.mkdir(parents=True, exist_ok=True)
    for lang in WINDOW_LANGUAGES:
        lrelease(ts_file(lang), qm_file(lang))
    print("compiled", ", ".join(f"planner_{lang}.qm" for lang in WINDOW_LANGUAGES))


def compile_documents() -> None:
    for lang in DOCUMENT_LANGUAGES:
        compile_mo(lang, LOCALE / lang / "LC_MESSAGES" / "planner.mo")
    print("compiled", ", ".join(f"{lang}/LC_MESSAGES/planner.mo" for lang in DOCUMENT_LANGUAGES))


def compile_all() -> None:
    compile_window()
    compile_documents()


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "update"
    if what == "update":
        update()
    elif what == "compile":
        compile_all()
    elif what == "bypasses":
        paths = [Path(p).resolve() for p in argv[1:]] or None
        found = bypasses(paths)
        print("\n".join(found) or "no text bypasses tr()")
        return 1 if found else 0
    else:
        print(__doc__.splitlines()[0], file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
