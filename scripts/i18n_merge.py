"""Fill the window's catalogues from translation tables: ``python scripts/i18n_merge.py T.json...``.

Runs ``scripts/translations.py update`` first (so every ``tr()`` text is in the ``.ts``), then
sets every unfinished message whose source (and disambiguation) a table gives, and compiles.
A table is JSON: ``{"nb": {KEY: TEXT or [ONE, MANY]}, "en": {KEY: [ONE, MANY]}}`` where KEY is
the source text, or ``source\\u0004disambiguation`` for a ``tr(text, disambiguation)``, either
of them optionally after ``CONTEXT\\u0005`` for one context only (Qt's own texts); a plural
(``%n``) message takes a list of its two forms. A finished translation in the ``.ts`` is never
overwritten (edit it in the ``.ts`` or in Qt Linguist). Serialised with a lock, so several
people (or helpers) can run it at once.
"""

from __future__ import annotations

import fcntl
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import translations as tx

LOCK = tx.ROOT / ".i18n-merge.lock"


def _key(message: ET.Element) -> str:
    source = message.findtext("source") or ""
    comment = message.findtext("comment")
    return f"{source}\u0004{comment}" if comment else source


def fill(ts: Path, table: dict[str, str | list[str]]) -> tuple[int, int]:
    """Fill ``ts`` from ``table``; (filled, still unfinished)."""
    tree = ET.parse(ts)
    filled = left = 0
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            done, value = _fill_one(message, table.get(f"{name}\u0005{_key(message)}"), table)
            filled += done
            left += value
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n")
    return filled, left


def _fill_one(
    message: ET.Element, value: str | list[str] | None, table: dict[str, str | list[str]]
) -> tuple[int, int]:
    """(1, 0) when filled, (0, 1) when left unfinished, (0, 0) when it was finished."""
    tr = message.find("translation")
    if tr is None or tr.get("type") != "unfinished":
        return 0, 0
    if value is None:
        value = table.get(_key(message))
    numerus = message.get("numerus") == "yes"
    if value is None or (numerus and not isinstance(value, list)):
        return 0, 1
    tr.attrib.pop("type", None)
    if numerus:
        for child in list(tr):
            tr.remove(child)
        tr.text = None
        for form in value:
            ET.SubElement(tr, "numerusform").text = form
    else:
        tr.text = value if isinstance(value, str) else value[-1]
    return 1, 0


def main(paths: list[str]) -> int:
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        tables: dict[str, dict[str, str | list[str]]] = {"nb": {}, "en": {}}
        for p in paths:
            data = json.loads(Path(p).read_text(encoding="utf-8"))
            for lang in tables:
                tables[lang].update(data.get(lang, {}))
        for lang in tx.WINDOW_LANGUAGES:
            tx.lupdate(lang, tx.ts_file(lang))
            filled, left = fill(tx.ts_file(lang), tables[lang])
            print(f"planner_{lang}.ts: {filled} filled, {left} still unfinished")
        tx.compile_window()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
