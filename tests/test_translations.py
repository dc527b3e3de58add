"""The catalogues are complete and compiled, and the window shows no text without them.

A new ``tr()`` text, a changed one, or a new ``N_``/``gettext`` text in the documents fails
here until it is translated and compiled (``python scripts/translations.py``); a literal
handed straight to a widget fails the bypass check, which is Babel's own extractor run over the
window's display calls (:func:`translations.bypasses`).
"""

from __future__ import annotations

import importlib.util
import io
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts/translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("translations", module)
    spec.loader.exec_module(module)
    return module


tx = _load_script()


def _unfinished(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    out = []
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            kind = tr.get("type") if tr is not None else "missing"
            forms = [f.text for f in tr.iter("numerusform")] if tr is not None else []
            empty = tr is not None and not (tr.text or "").strip() and not any(forms)
            if kind in ("unfinished", "vanished", "obsolete", "missing") or empty:
                out.append(f"{name}::{message.findtext('source')!r} ({kind or 'empty'})")
    return out


@pytest.mark.parametrize("lang", sorted(tx.WINDOW_LANGUAGES))
def test_the_window_catalogue_has_every_text_translated(lang: str, tmp_path: Path) -> None:
    """lupdate brings a copy up to date with the code: every text it finds is translated."""
    copy = tmp_path / tx.ts_file(lang).name
    shutil.copy(tx.ts_file(lang), copy)
    tx.lupdate(lang, copy)  # a text new in the code comes in unfinished
    left = _unfinished(copy)
    assert not left, f"{len(left)} unfinished in planner_{lang}.ts:\n" + "\n".join(left[:40])


@pytest.mark.parametrize("lang", sorted(tx.WINDOW_LANGUAGES))
def test_the_window_catalogue_is_compiled(lang: str, tmp_path: Path) -> None:
    fresh = tx.qm_file(lang, tmp_path)
    tx.lrelease(tx.ts_file(lang), fresh)
    assert fresh.read_bytes() == tx.qm_file(lang).read_bytes(), (
        f"planner_{lang}.qm is older than its .ts: run python scripts/translations.py compile"
    )


def test_the_documents_catalogue_has_every_text_translated() -> None:
    from babel.messages.pofile import read_po

    template = read_po(io.BytesIO(tx.extract_documents()))
    for lang in tx.DOCUMENT_LANGUAGES:
        po = tx.LOCALE / lang / "LC_MESSAGES" / "planner.po"
        with po.open("rb") as f:
            catalog = read_po(f, locale=lang)
        missing = [m.id for m in template if m.id and (m.id, m.context) not in _ids(catalog)]
        assert not missing, f"not in {po.name} ({lang}): {missing[:20]}"
        unfinished = [m.id for m in catalog if m.id and (m.fuzzy or not _all_forms(m.string))]
        assert not unfinished, f"unfinished in {lang}/{po.name}: {unfinished[:20]}"


def _all_forms(string: object) -> bool:
    forms = string if isinstance(string, tuple) else (string,)
    return all(forms)


def _ids(catalog: object) -> set[tuple[object, object]]:
    return {(m.id, m.context) for m in catalog}  # type: ignore[attr-defined]


def test_the_documents_catalogue_is_compiled() -> None:
    for lang in tx.DOCUMENT_LANGUAGES:
        mo = tx.LOCALE / lang / "LC_MESSAGES" / "planner.mo"
        assert tx.compile_mo(lang) == mo.read_bytes(), (
            f"{lang}/planner.mo is older than its .po: run python scripts/translations.py compile"
        )


def test_no_text_in_the_window_bypasses_translation() -> None:
    found = tx.bypasses()
    assert not found, f"{len(found)} texts shown without tr():\n" + "\n".join(found[:40])


def test_the_bypass_check_sees_a_literal_and_an_f_string(tmp_path: Path) -> None:
    """The check itself: a literal or an f-string given to a widget is caught, tr() is not."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "label.setText('Save plan')\n"
        "label.setText(tr('Save plan'))\n"
        "box.setWindowTitle(f'Week {n}')\n"
        "QLabel(arg(tr('Week %1'), n), self)\n"
        "combo.addItem('', None)\n"
    )
    found = tx.bypasses([sample])
    assert [f.split(": ", 1)[0].rsplit(":", 1)[1] for f in found] == ["1", "3"], found


def test_the_glossary_words_reach_both_audiences() -> None:
    """Spot checks of GLOSSARY.md's choices in the compiled catalogue."""
    from planner.core import vocabulary
    from planner.core.domain import Kind, Modality, ScreeningFlag
    from planner.core.i18n import words
    from planner.core.regions import parse_region

    nb = words("nb")
    assert vocabulary.kind(Kind.ASSESSMENT, nb) == "Undersøkelse"
    assert vocabulary.kind(Kind.ASSESSMENT, nb, patient=True) == "Førstegangsundersøkelse"
    assert vocabulary.kind(Kind.REASSESSMENT, nb) == "Kontroll"
    assert vocabulary.kind(Kind.FOLLOW_UP, nb) == "Oppfølging"
    assert vocabulary.modality(Modality.DRY_NEEDLING, nb) == "Dry needling"
    assert vocabulary.modality(Modality.MANUAL_THERAPY, nb) == "Manuellterapi"
    assert vocabulary.body_region(parse_region("lower-back"), nb) == "Korsrygg"
    assert vocabulary.body_region(parse_region("shoulders"), nb) == "Skulder (begge)"
    assert vocabulary.body_region(parse_region("knee-left"), nb) == "Kne (venstre)"
    assert vocabulary.flag(ScreeningFlag.ANTICOAGULANTS, nb) == "Bruker blodfortynnende"
    assert vocabulary.flag("not-a-flag", nb) == "not-a-flag"
    assert vocabulary.status("no-show", nb) == "Ikke møtt"
    en = words("en")
    assert vocabulary.kind(Kind.ASSESSMENT, en, patient=True) == "Assessment"
    assert vocabulary.body_region(parse_region("shoulders"), en) == "Shoulder (both)"


def test_dates_and_numbers_come_from_cldr() -> None:
    from datetime import date, time

    from planner.core.i18n import words

    nb, en = words("nb"), words("en")
    d = date(2026, 9, 15)
    assert nb.date_long(d) == "tirsdag 15. september 2026"
    assert nb.date_short(d) == "15.09.2026"
    assert nb.day_month(date(2026, 11, 30)) == "man. 30. nov."
    assert nb.time(time(9, 5)) == "09:05"
    assert nb.percent(0.125) == "12,5\xa0%" or nb.percent(0.125) == "12,5 %"
    assert nb.decimal(3.5) == "3,5"
    assert en.date_long(d) == "Tuesday, 15 September 2026"
    assert en.decimal(3.5) == "3.5"
    assert nb.join(["nakke", "skuldre", "korsrygg"]) == "nakke, skuldre og korsrygg"
