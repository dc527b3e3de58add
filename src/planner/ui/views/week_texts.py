"""What each session block and "+N more" chip of the schedule says, fitted to its size.

The patient's name comes first (whole, else "First L.", else the first name), the place in
the plan ("3/9") beside it when both fit, else below it; then what the session is, whose it
is in the packed week, and the regions treated, as many lines as the block has room for.
Every text is a ``QStaticText`` prepared once with its font and shared by every block that
shows the same words, so a paint only blits them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QStaticText, QTransform

from planner.core import vocabulary
from planner.core.domain import Kind
from planner.services.schedule.values import Block
from planner.ui.i18n import arg, language, tr, ui_words
from planner.ui.style import (
    NO_SHOW,
    TEXT,
    TEXT_MUTED,
    initials,
    kind_glyph,
    regions_text,
    short_name,
)

BOLD, SMALL, SMALL_BOLD, BASE = range(4)
"""Indexes of the view's fonts."""

Texts = list[tuple[QStaticText, QPointF, int, QColor]]
"""Prepared texts of a block or chip: (text, offset from its top-left, font index, colour)."""

_TEXT = QColor(TEXT)
_MUTED = QColor(TEXT_MUTED)
_NO_SHOW = QColor(NO_SHOW)


class BlockTexts:
    """The view's fonts and the prepared texts of its blocks and chips."""

    def __init__(self) -> None:
        self.fonts: list[QFont] = []
        """Bold, small, small bold and the widget's own (see ``BOLD`` ...)."""
        self.metrics: tuple[QFontMetrics, ...] = ()
        """Of bold, small and small bold."""
        self._cache: dict[tuple[str, int], QStaticText] = {}

    def set_font(self, font: QFont) -> None:
        """Derive the fonts from the widget's; prepared texts are dropped when it changed."""
        if self.fonts and self.fonts[BASE] == font:
            return
        self._cache.clear()
        base = QFont(font)
        bold = QFont(base)
        bold.setWeight(QFont.Weight.DemiBold)
        small = QFont(base)
        small.setPointSizeF(max(6.5, base.pointSizeF() - 1))
        small_bold = QFont(small)
        small_bold.setWeight(QFont.Weight.DemiBold)
        self.fonts = [bold, small, small_bold, base]
        self.metrics = (QFontMetrics(bold), QFontMetrics(small), QFontMetrics(small_bold))

    def line_heights(self) -> tuple[int, int]:
        """The height of a line of bold and of small text."""
        return self.metrics[BOLD].height(), self.metrics[SMALL].height()

    def static(self, text: str, fi: int) -> QStaticText:
        """A prepared text, shared by every block that shows the same words in font ``fi``."""
        st = self._cache.get((text, fi))
        if st is None:
            if len(self._cache) > 20_000:
                self._cache.clear()
            st = self._cache[(text, fi)] = _static(text, self.fonts[fi])
        return st

    def for_chip(self, rect: QRectF, blocks: Sequence[Block]) -> Texts:
        """A chip's head ("+3 more") and one line per session listed, as many as fit."""
        fs = self.metrics[SMALL]
        inner = int(rect.width() - 9)
        y = 2.0
        texts: Texts = []
        if inner < 14:
            return texts
        if rect.height() < fs.height() + 2:
            # A chip of 15-minute sessions: one compact line, "+2 Aisha A., Ben K.", centred
            # (only descenders may be cut), never a blank chip.
            names = ", ".join(short_name(b.patient_name) for b in blocks)
            line = fs.elidedText(f"+{len(blocks)} {names}", Qt.TextElideMode.ElideRight, inner)
            y = min(1.0, (rect.height() - fs.height()) / 2)
            texts.append((self.static(line, SMALL_BOLD), QPointF(5, y), SMALL_BOLD, _TEXT))
            return texts
        head = _more(len(blocks), language())
        texts.append((self.static(head, SMALL_BOLD), QPointF(5, y), SMALL_BOLD, _TEXT))
        y += fs.height()
        for b in blocks:
            if y + fs.height() > rect.height() - 1:
                break
            line = f"{short_name(b.patient_name)} {b.progress}".strip()
            line = fs.elidedText(line, Qt.TextElideMode.ElideRight, inner)
            texts.append((self.static(line, SMALL), QPointF(5, y), SMALL, _MUTED))
            y += fs.height()
        return texts

    def for_block(self, r: QRectF, b: Block, who: str | None) -> Texts:
        """A session's texts in a block ``r`` big; ``who`` names its column in the packed
        week (None otherwise)."""
        fb, fs, fsb = self.metrics
        inner_w = r.width() - 9
        texts: Texts = []
        colour = _MUTED if b.status in ("attended", "cancelled") else _TEXT
        if r.height() < fs.ascent() + 1:
            # not even the capitals of a name would fit (shorter than any session the
            # hour height allows: min_hour_h gives a 15-minute session a small line)
            return texts
        if inner_w < 14:  # a sliver: the patient's initials, so no block is ever blank
            tag = fsb.elidedText(initials(b.patient_name), Qt.TextElideMode.ElideNone, 40)
            y = min(1.0, (r.height() - fs.height()) / 2)
            texts.append((self.static(tag, SMALL_BOLD), QPointF(4, y), SMALL_BOLD, colour))
            return texts
        glyph_text: Texts = []
        if inner_w >= 48 + 32:  # room for the glyph beside a "First L." and "9/12"
            # The kind's letter and the status's sign at the top right: the shape that tells
            # kinds and statuses apart without their colours.
            glyph = kind_glyph(b.kind, b.status)
            glyph_w = fsb.horizontalAdvance(glyph) + 6
            at = QPointF(r.width() - glyph_w - 2, min(1.0, (r.height() - fs.height()) / 2))
            glyph_text.append((self.static(glyph, SMALL_BOLD), at, SMALL_BOLD, colour))
            inner_w -= glyph_w
        y = 2.0
        line_h_b = fb.height()
        line_h_s = fs.height()
        progress = b.progress
        prog_w = fs.horizontalAdvance(progress) + 6 if progress else 0
        if inner_w < 48:  # very narrow (a double booking in a column): name, then progress
            y = min(y, (r.height() - line_h_s) / 2)
            name = fsb.elidedText(
                short_name(b.patient_name), Qt.TextElideMode.ElideRight, int(r.width() - 7)
            )
            texts.append((self.static(name, SMALL_BOLD), QPointF(5, y), SMALL_BOLD, colour))
            y += line_h_s
            if progress and y + line_h_s <= r.height() - 1:
                texts.append((self.static(progress, SMALL), QPointF(5, y), SMALL, colour))
            return texts
        name_fm, name_idx, name_h = (fb, BOLD, line_h_b)
        if r.height() < line_h_b + 2 or inner_w < 96:
            name_fm, name_idx, name_h = (fsb, SMALL_BOLD, line_h_s)
            # small text: two lines fit in a 20-minute session; in a 15-minute one at the
            # smallest hour height the line is centred and only its descenders may be cut
            y = min(1.0, (r.height() - line_h_s) / 2)
        two_lines = r.height() >= y + name_h + line_h_s + 1
        name_w = inner_w - prog_w if progress else inner_w
        name, name_w = _fit_beside(b.patient_name, progress, name_fm, name_w, inner_w, two_lines)
        texts.append((self.static(name, name_idx), QPointF(6, y), name_idx, colour))
        if progress and name_w < inner_w:
            at = QPointF(6 + inner_w - prog_w + 6, y + (name_h - line_h_s) / 2 + 0.5)
            texts.append((self.static(progress, SMALL), at, SMALL, colour))
        y += name_h
        below = progress if progress and name_w >= inner_w and two_lines else ""
        for k, line in enumerate(_detail_lines(b, who, below)):
            if y + line_h_s > r.height() - 1:
                break
            c = _NO_SHOW if b.status == "no-show" and k == 0 else (_MUTED if k else colour)
            text = fs.elidedText(line, Qt.TextElideMode.ElideRight, int(inner_w))
            texts.append((self.static(text, SMALL), QPointF(6, y), SMALL, c))
            y += line_h_s
        return texts + glyph_text


def _fit_beside(
    full: str, progress: str, fm: QFontMetrics, name_w: float, inner_w: float, two_lines: bool
) -> tuple[str, float]:
    """The name to show and the width it may take (``inner_w`` when the progress does not go
    beside it). Two lines: "First L." beside the progress, else alone with the progress
    below. One line: down to the first name beside it, else the name alone."""
    if not progress:
        return _fit_name(full, fm, int(name_w)), name_w
    name = _fit_name(full, fm, int(name_w), first=not two_lines) if name_w >= 24 else "…"
    if name.endswith("…"):
        wide = _fit_name(full, fm, int(inner_w))
        if two_lines or name_w < 24 or not wide.endswith("…"):
            return wide, inner_w
    return name, name_w


def _detail_lines(b: Block, who: str | None, progress_below: str) -> list[str]:
    """What the session is (and its status), whose it is in the packed week (``who`` is None
    otherwise), the progress when it goes below the name, and the regions treated."""
    what = _what(b.kind, b.status, language())
    first = what if not who else f"{short_name(who)} · {what}"
    if progress_below:
        first = f"{progress_below} · {first}"
    lines = [first]
    if b.regions:
        lines.append(regions_text(b.regions))
    return lines


@lru_cache(maxsize=64)
def _more(n: int, lang: str) -> str:
    """A chip's head, ``+3 more`` (``+3 til``), in the window's language ``lang``."""
    return tr("+%n more", "", n)


@lru_cache(maxsize=64)
def _what(kind: str, status: str, lang: str) -> str:
    """What the session is and its status (``Treatment · no-show``), in the window's
    language ``lang`` (the key of the cache: texts are made for every block shown)."""
    try:
        what = vocabulary.kind(Kind(kind), ui_words())
    except ValueError:
        what = kind
    if status == "attended":
        return what + " ✓"
    if status == "no-show":
        return arg(tr("%1 · no-show", "a missed session on its block"), what)
    if status == "cancelled":
        return arg(tr("%1 · cancelled", "a cancelled session on its block"), what)
    return what


def _fit_name(name: str, fm: QFontMetrics, width: int, *, first: bool = True) -> str:
    """The patient's name as it fits: whole, else first name and initial, else elided."""
    if fm.horizontalAdvance(name) <= width:
        return name
    short = short_name(name)
    if fm.horizontalAdvance(short) <= width:
        return short
    given = name.split()[0] if name.split() else name
    if first and fm.horizontalAdvance(given) <= width:
        return given
    return fm.elidedText(short, Qt.TextElideMode.ElideRight, width)


_IDENTITY = QTransform()


def _static(text: str, font: QFont) -> QStaticText:
    st = QStaticText(text)
    st.setTextFormat(Qt.TextFormat.PlainText)
    st.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
    st.prepare(_IDENTITY, font)
    return st
