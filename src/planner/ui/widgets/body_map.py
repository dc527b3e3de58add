"""A body map: front and back silhouettes whose regions are picked by mouse or keyboard.

The drawing is ``resources/body_map.svg`` (package data). Each region is a group whose id is
a one-sided region code of :mod:`planner.core.regions` (``neck``, ``shoulder-left``, ...);
its shapes are ``CODE.front`` and ``CODE.back`` (ellipses and rounded rectangles). Qt's SVG
renderer draws the silhouettes; the widget reads the region shapes from the same file to
know where each region is, and paints the state over them: chosen regions filled, the
hovered one outlined, the keyboard's current one with a focus ring, regions named by a
screening flag outlined red, and a pain score on each region that has one.

Mouse: click a region to choose it or leave it out; hovering names it (tooltip and caption).
Keyboard: Tab into the map, arrow keys move between regions (to the nearest one in that
direction, across both views), Space or Enter chooses or leaves out the current region;
with scores on, digits 0-9 give its pain, ``+``/``-`` change it by one (up to 10) and
Delete clears it.

:meth:`BodyMap.value` gives region codes in body order, ``shoulders`` when both sides are
chosen, like :class:`planner.ui.widgets.region_picker.RegionPicker` (same API: ``value``,
``set_value``, ``sig_changed``).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from xml.sax.saxutils import escape

from PySide6.QtCore import QByteArray, QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from planner.core import vocabulary
from planner.core.regions import BodyRegion, Region, Side, parse_region
from planner.errors import PlannerError
from planner.ui.i18n import arg, language, tr, ui_words

SVG_NS = "{http://www.w3.org/2000/svg}"

ACCENT = QColor("#1f77d0")
ACCENT_DARK = QColor("#0f4f8f")
FLAG = QColor("#c62828")
FOCUS = QColor("#1a1c20")
MUTED = QColor("#5f6670")


def map_codes() -> tuple[str, ...]:
    """The one-sided region codes a body map has, in body order (from the core's regions)."""
    return tuple(
        BodyRegion(r, s).code
        for r in Region
        for s in ((None,) if not r.sided else (Side.LEFT, Side.RIGHT))
    )


def atomic_codes(code: str) -> tuple[str, ...]:
    """``shoulders`` -> (``shoulder-left``, ``shoulder-right``); ``neck`` -> (``neck``,)."""
    r = parse_region(code)
    if r.side is Side.BOTH:
        return (BodyRegion(r.region, Side.LEFT).code, BodyRegion(r.region, Side.RIGHT).code)
    return (r.code,)


def region_name(code: str) -> str:
    """``Shoulder (left)`` / ``Skulder (venstre)`` for a region code, in the window's
    language (an unknown code as is)."""
    return _region_name(code, language())


@lru_cache(maxsize=256)
def _region_name(code: str, lang: str) -> str:
    # Cached by language: the caption is made at every paint.
    return vocabulary.region_code(code, ui_words())


@dataclass(frozen=True)
class Spot:
    """One shape of a region in one view (the left shoulder seen from the back)."""

    code: str
    view: str
    """``front`` or ``back``."""
    path: QPainterPath
    """In the SVG's user units."""

    @property
    def centre(self) -> QPointF:
        return self.path.boundingRect().center()

    @property
    def area(self) -> float:
        r = self.path.boundingRect()
        return r.width() * r.height()


def svg_bytes() -> bytes:
    """The body map drawing, from package data (never from a loose path)."""
    return resources.files("planner.ui").joinpath("resources/body_map.svg").read_bytes()


def svg_in_language() -> bytes:
    """The drawing with its four captions (Front, Back, Right, Left) in the window's
    language; the regions' ids and shapes stay as they are."""
    data = svg_bytes()
    captions = {
        b">Front<": tr("Front", "body map"),
        b">Back<": tr("Back", "body map"),
        b">Right<": tr("Right", "body map"),
        b">Left<": tr("Left", "body map"),
    }
    for english, words in captions.items():
        data = data.replace(english, b">" + escape(words).encode() + b"<")
    return data


def _num(el: ET.Element, name: str, default: float = 0.0) -> float:
    text = el.get(name)
    return float(text) if text not in (None, "") else default


@lru_cache(maxsize=1)
def _parse() -> tuple[QRectF, tuple[tuple[str, str, str, tuple[float, ...]], ...]]:
    """The viewBox and every region shape: (code, view, kind, numbers)."""
    root = ET.fromstring(svg_bytes())
    vb = [float(x) for x in (root.get("viewBox") or "0 0 100 100").replace(",", " ").split()]
    shapes = []
    for group in root.iter(f"{SVG_NS}g"):
        if group.get("class") != "region":
            continue
        code = group.get("id") or ""
        for el in group:
            tag = el.tag.removeprefix(SVG_NS)
            ident = el.get("id") or ""
            if tag == "title" or "." not in ident:
                continue
            view = ident.rsplit(".", 1)[1]
            nums: tuple[float, ...]
            if tag == "ellipse":
                nums = (_num(el, "cx"), _num(el, "cy"), _num(el, "rx"), _num(el, "ry"))
            elif tag == "circle":
                r = _num(el, "r")
                nums = (_num(el, "cx"), _num(el, "cy"), r, r)
            elif tag == "rect":
                nums = (
                    _num(el, "x"),
                    _num(el, "y"),
                    _num(el, "width"),
                    _num(el, "height"),
                    _num(el, "rx"),
                )
            else:  # pragma: no cover - the drawing uses only these shapes
                raise ValueError(f"body map shape {ident} is a <{tag}>; use ellipse or rect")
            shapes.append((code, view, tag, nums))
    return QRectF(*vb), tuple(shapes)


def svg_regions() -> dict[str, tuple[str, ...]]:
    """Region code -> the views it has shapes in (for tests and tools)."""
    out: dict[str, list[str]] = {}
    for code, view, _tag, _nums in _parse()[1]:
        out.setdefault(code, []).append(view)
    return {k: tuple(v) for k, v in out.items()}


def _spots() -> list[Spot]:
    out = []
    for code, view, tag, nums in _parse()[1]:
        path = QPainterPath()
        if tag in ("ellipse", "circle"):
            cx, cy, rx, ry = nums
            path.addEllipse(QPointF(cx, cy), rx, ry)
        else:
            x, y, w, h, r = nums
            path.addRoundedRect(QRectF(x, y, w, h), r, r)
        out.append(Spot(code, view, path))
    return out


_DIRECTIONS = {
    Qt.Key.Key_Left: (-1.0, 0.0),
    Qt.Key.Key_Right: (1.0, 0.0),
    Qt.Key.Key_Up: (0.0, -1.0),
    Qt.Key.Key_Down: (0.0, 1.0),
}


class BodyMap(QWidget):
    """Front and back silhouettes; click or use the keyboard to choose regions."""

    sig_changed = Signal()
    """The chosen regions changed."""
    sig_hovered = Signal(str)
    """The mouse is over a region (its code), or left the regions ("")."""
    sig_score_entered = Signal(str, object)
    """A pain score was typed on the map: (the value code it belongs to, 0-10 or None)."""

    CAPTION_LINES = 2

    def __init__(self, parent: QWidget | None = None, *, scores: bool = False) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Body map"))
        self.scoring = scores
        self._renderer = QSvgRenderer(QByteArray(svg_in_language()), self)
        self._viewbox, _shapes = _parse()
        self.spots = _spots()
        # Hit testing tries the smallest shape first (a hand before the arm around it).
        self._hit_order = sorted(self.spots, key=lambda s: s.area)
        self._chosen: set[str] = set()
        self._flagged: set[str] = set()
        self._scores: dict[str, int] = {}
        self._hover: Spot | None = None
        self._current: Spot = self.spots[0]
        self._update_description()

    # -- value --------------------------------------------------------------------------------
    def chosen(self) -> set[str]:
        """The chosen one-sided region codes."""
        return set(self._chosen)

    def value(self) -> list[str]:
        """Region codes in body order (``shoulders`` when both sides are chosen)."""
        out: list[str] = []
        for region in Region:
            if region.sided:
                left = BodyRegion(region, Side.LEFT).code in self._chosen
                right = BodyRegion(region, Side.RIGHT).code in self._chosen
                if left and right:
                    out.append(BodyRegion(region, Side.BOTH).code)
                elif left or right:
                    out.append(BodyRegion(region, Side.LEFT if left else Side.RIGHT).code)
            elif region.value in self._chosen:
                out.append(region.value)
        return out

    def set_value(self, codes: Iterable[str]) -> None:
        """Choose exactly these regions (codes the core reads; unknown ones are left out)."""
        chosen: set[str] = set()
        for code in codes:
            try:
                chosen.update(atomic_codes(code))
            except PlannerError:
                continue
        if chosen != self._chosen:
            self._chosen = chosen
            self._changed()

    def toggle(self, code: str) -> None:
        """Choose a region, or leave it out if it was chosen (one-sided or both-sided code)."""
        parts = set(atomic_codes(code))
        if parts <= self._chosen:
            self._chosen -= parts
        else:
            self._chosen |= parts
        self._changed()

    def _changed(self) -> None:
        self._update_description()
        self.update()
        self.sig_changed.emit()

    def value_code_for(self, code: str) -> str | None:
        """The code in :meth:`value` that covers a one-sided region (``shoulders`` for
        ``shoulder-left`` when both are chosen); None when it is not chosen."""
        for v in self.value():
            if code in atomic_codes(v):
                return v
        return None

    # -- decorations ----------------------------------------------------------------------------
    def set_flagged(self, codes: Iterable[str]) -> None:
        """Outline these regions red (a screening flag names them)."""
        flagged: set[str] = set()
        for code in codes:
            try:
                flagged.update(atomic_codes(code))
            except PlannerError:
                continue
        self._flagged = flagged
        self.update()

    def set_scores(self, scores: Mapping[str, int | None]) -> None:
        """Show a pain score on each region that has one (``shoulders`` on both sides)."""
        out: dict[str, int] = {}
        for code, value in scores.items():
            if value is None:
                continue
            try:
                for c in atomic_codes(code):
                    out[c] = value
            except PlannerError:
                continue
        self._scores = out
        self.update()

    def scores(self) -> dict[str, int]:
        return dict(self._scores)

    # -- state for tests and accessibility ------------------------------------------------------
    def hovered(self) -> str:
        return self._hover.code if self._hover else ""

    def current(self) -> str:
        return self._current.code

    def current_view(self) -> str:
        return self._current.view

    def caption(self) -> str:
        """The line under the figures: the hovered or current region, else a hint."""
        spot = self._hover or (self._current if self.hasFocus() else None)
        if spot is not None:
            parts = [
                tr("chosen", "a region on the body map")
                if spot.code in self._chosen
                else tr("not chosen", "a region on the body map")
            ]
            if spot.code in self._scores:
                parts.append(
                    arg(
                        tr("pain %1", "a region's pain score on the body map"),
                        self._scores[spot.code],
                    )
                )
            if spot.code in self._flagged:
                parts.append(tr("screening flag", "a region on the body map"))
            return arg(
                tr("%1: %2", "a region on the body map: its state"),
                region_name(spot.code),
                ", ".join(parts),
            )
        if not self._chosen:
            return tr("Click a region (or Tab, arrows and Space) to choose it")
        names = [region_name(c) for c in self.value()]
        return ", ".join(names)

    def _update_description(self) -> None:
        self.setAccessibleDescription(self.caption())

    # -- geometry ---------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(340, 400)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 240)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        vb = self._viewbox
        return int(width * vb.height() / vb.width()) + self._caption_height()

    def _caption_height(self) -> int:
        return self.fontMetrics().height() * self.CAPTION_LINES + 6

    def drawing_rect(self) -> QRectF:
        """Where the SVG is drawn: as large as fits above the caption, aspect kept."""
        avail = QRectF(self.rect()).adjusted(4, 4, -4, -4 - self._caption_height())
        vb = self._viewbox
        scale = min(avail.width() / vb.width(), avail.height() / vb.height())
        scale = max(scale, 0.01)
        w, h = vb.width() * scale, vb.height() * scale
        return QRectF(
            avail.x() + (avail.width() - w) / 2, avail.y() + (avail.height() - h) / 2, w, h
        )

    def transform(self) -> QTransform:
        """SVG user units -> widget pixels."""
        target, vb = self.drawing_rect(), self._viewbox
        t = QTransform()
        t.translate(target.x(), target.y())
        t.scale(target.width() / vb.width(), target.height() / vb.height())
        t.translate(-vb.x(), -vb.y())
        return t

    def spot_at(self, pos: QPointF) -> Spot | None:
        inverted, ok = self.transform().inverted()
        if not ok:
            return None
        p = inverted.map(pos)
        for spot in self._hit_order:
            if spot.path.contains(p):
                return spot
        return None

    def region_at(self, pos: QPointF) -> str | None:
        spot = self.spot_at(pos)
        return spot.code if spot else None

    def spot_centre(self, code: str, view: str | None = None) -> QPointF:
        """The widget position of a region's shape (the front one unless ``view``)."""
        for spot in self.spots:
            if spot.code == code and (view is None or spot.view == view):
                return self.transform().map(spot.centre)
        raise KeyError(code)

    # -- mouse ------------------------------------------------------------------------------------
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._set_hover(self.spot_at(event.position()))
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._set_hover(None)
        super().leaveEvent(event)

    def _set_hover(self, spot: Spot | None) -> None:
        if spot is self._hover:
            return
        self._hover = spot
        self.setCursor(Qt.CursorShape.PointingHandCursor if spot else Qt.CursorShape.ArrowCursor)
        self.setToolTip(region_name(spot.code) if spot else "")
        self._update_description()
        self.update()
        self.sig_hovered.emit(spot.code if spot else "")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        spot = self.spot_at(event.position())
        if spot is None:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._current = spot
        self.toggle(spot.code)
        event.accept()

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            spot = self.spot_at(QPointF(e.pos()))
            if spot is None:
                QToolTip.hideText()
                e.ignore()
                return True
            QToolTip.showText(e.globalPos(), region_name(spot.code), self)
            return True
        return super().event(e)

    # -- keyboard ---------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            super().keyPressEvent(event)
            return
        if key in _DIRECTIONS:
            self._move(*_DIRECTIONS[Qt.Key(key)])
        elif key == Qt.Key.Key_Home:
            self._set_current(self.spots[0])
        elif key == Qt.Key.Key_End:
            self._set_current(self.spots[-1])
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            self.toggle(self._current.code)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.scoring:
            # In a dialog Enter usually means OK; on the map it chooses, as Space does.
            self.toggle(self._current.code)
        elif self.scoring and self._score_key(event):
            pass
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _score_key(self, event: QKeyEvent) -> bool:
        text = event.text()
        code = self._current.code
        old = self._scores.get(code)
        if text.isdigit() and len(text) == 1:
            new: int | None = int(text)
        elif text == "+":
            new = min(10, (old if old is not None else -1) + 1)
        elif text == "-":
            new = max(0, (old if old is not None else 1) - 1)
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            new = None
        else:
            return False
        if code not in self._chosen:
            self._chosen.add(code)
            self._changed()
        owner = self.value_code_for(code) or code
        parts = atomic_codes(owner)
        for c in parts:
            if new is None:
                self._scores.pop(c, None)
            else:
                self._scores[c] = new
        self._update_description()
        self.update()
        self.sig_score_entered.emit(owner, new)
        return True

    def _set_current(self, spot: Spot) -> None:
        self._current = spot
        self._update_description()
        self.update()

    def _move(self, dx: float, dy: float) -> None:
        """To the nearest shape in that direction (in a 60° cone first, then a half-plane)."""
        here = self._current.centre
        best: tuple[float, Spot] | None = None
        for wide in (False, True):
            for spot in self.spots:
                if spot is self._current:
                    continue
                v = spot.centre - here
                along = v.x() * dx + v.y() * dy
                if along <= 0.5:
                    continue
                across = abs(v.x() * dy - v.y() * dx)
                if not wide and across > along * math.tan(math.radians(60)):
                    continue
                score = along + 2.5 * across
                if best is None or score < best[0]:
                    best = (score, spot)
            if best is not None:
                break
        if best is not None:
            self._set_current(best[1])

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._update_description()
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._update_description()
        self.update()
        super().focusOutEvent(event)

    # -- painting ---------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        target = self.drawing_rect()
        self._renderer.render(p, target)
        t = self.transform()
        unit = target.width() / self._viewbox.width()
        for spot in self.spots:
            path = t.map(spot.path)
            chosen = spot.code in self._chosen
            hovered = self._hover is not None and self._hover.code == spot.code
            if chosen:
                fill = QColor(ACCENT)
                fill.setAlpha(200 if not hovered else 230)
                p.fillPath(path, fill)
                p.setPen(QPen(ACCENT_DARK, max(1.2, 1.3 * unit)))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawPath(path)
            elif hovered:
                fill = QColor(ACCENT)
                fill.setAlpha(60)
                p.fillPath(path, fill)
                p.setPen(QPen(ACCENT, max(1.5, 1.6 * unit)))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawPath(path)
            if spot.code in self._flagged:
                pen = QPen(FLAG, max(1.5, 1.8 * unit), Qt.PenStyle.DashLine)
                p.setPen(pen)
                p.setBrush(
                    QBrush(FLAG, Qt.BrushStyle.BDiagPattern)
                    if not chosen
                    else Qt.BrushStyle.NoBrush
                )
                p.drawPath(path)
        if self.hasFocus():
            path = t.map(self._current.path)
            ring = path.boundingRect().adjusted(-3, -3, 3, 3)
            p.setPen(QPen(FOCUS, 1.5, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(ring, 4, 4)
        self._paint_scores(p, t, unit)
        self._paint_caption(p)
        p.end()

    def _paint_scores(self, p: QPainter, t: QTransform, unit: float) -> None:
        if not self._scores:
            return
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(9, round(9 * unit)))
        p.setFont(font)
        radius = max(7.0, 8.5 * unit)
        for spot in self.spots:
            value = self._scores.get(spot.code)
            if value is None or spot.code not in self._chosen:
                continue
            c = t.map(spot.centre)
            p.setPen(QPen(QColor("white"), 1.2))
            p.setBrush(ACCENT_DARK)
            p.drawEllipse(c, radius, radius)
            p.setPen(QColor("white"))
            p.drawText(
                QRectF(c.x() - radius, c.y() - radius, 2 * radius, 2 * radius),
                int(Qt.AlignmentFlag.AlignCenter),
                str(value),
            )

    def _paint_caption(self, p: QPainter) -> None:
        h = self._caption_height()
        rect = QRectF(4, self.height() - h, self.width() - 8, h)
        spot = self._hover or (self._current if self.hasFocus() else None)
        font = QFont(self.font())
        if spot is not None:
            font.setBold(True)
        p.setFont(font)
        p.setPen(self.palette().color(self.foregroundRole()) if spot else MUTED)
        text = self.caption()
        text = self.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideRight, int(rect.width()) * 2
        )
        p.drawText(
            rect,
            int(
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            ),
            text,
        )
