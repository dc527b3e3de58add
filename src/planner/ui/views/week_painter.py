"""Painting a :class:`~planner.ui.views.week_layout.WeekLayout` with a QPainter.

Speed (``bench/bench_gui.py`` measures it): everything that does not change between paints
is prepared once per layout: the background (opening hours, working hours, closures, busy
time, hour lines, the hour gutter) and the header are pixmaps, every block's rectangle is a
``QRectF`` and its texts are ``QStaticText`` prepared with their font (shared by every block
showing the same words). A paint blits the background and draws the blocks that intersect
the exposed rectangle with unantialiased rectangles; the view asks for repaints of only what
changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetrics,
    QPainter,
    QPen,
    QPixmap,
)

from planner.core import vocabulary
from planner.core.domain import Profession
from planner.services.schedule.values import Block
from planner.ui.i18n import arg, language, tr, ui_words
from planner.ui.style import (
    NO_SHOW,
    NOW_LINE,
    SELECTION,
    SELECTION_RING,
    TEXT,
    TEXT_MUTED,
    kind_colours,
    short_name,
)
from planner.ui.views.week_layout import GUTTER_W, BlockBox, Chip, Rect, WeekLayout
from planner.ui.views.week_texts import BOLD, SMALL, SMALL_BOLD, BlockTexts, Texts

_BG = QColor("#ffffff")
_CLOSED_BG = QColor("#eef0f3")
_OFF_HOURS = QColor("#e9ecf0")
_NOT_WORKING = QColor("#f2f3f6")
_HOLIDAY_HATCH = QColor("#d5d9df")
_HOUR_LINE = QColor("#e3e6ea")
_HALF_LINE = QColor("#f0f2f4")
_DAY_LINE = QColor("#b9bfc8")
_LANE_LINE = QColor("#e6e8ec")
_HEADER_BG = QColor("#f8f9fb")
_HEADER_LINE = QColor("#d5d9df")
_TODAY = QColor("#1f77d0")
_TODAY_TINT = QColor(31, 119, 208, 10)
_GHOST = QColor(31, 119, 208, 70)
_BUSY_FILL = QColor("#eceef2")
_BUSY_HATCH = QColor("#c3c8d0")
_CHIP_BG = QColor("#f4f6f9")
_CHIP_LINE = QColor("#aab2bd")


def qrect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.w, r.h)


@dataclass(eq=False)
class PaintedChip:
    """A chip as painted: its layout, its rectangle and its prepared texts."""

    chip: Chip
    rect: QRectF
    texts: Texts = field(default_factory=list)


@dataclass(eq=False)
class PaintedBlock:
    """A session as painted: its layout, its rectangle and its prepared texts."""

    box: BlockBox
    rect: QRectF
    texts: Texts = field(default_factory=list)
    chip: PaintedChip | None = None
    """Set when the session is not drawn itself but listed in this chip."""

    @property
    def block(self) -> Block:
        return self.box.block

    @property
    def movable(self) -> bool:
        return self.box.movable


class WeekPainter:
    """Prepared texts and pixmaps for one view, and the paint of its layout."""

    def __init__(self) -> None:
        self.texts = BlockTexts()
        """The fonts, and what each block says."""
        self.items: list[PaintedBlock] = []
        """Every session of the layout, in its order (chip members included)."""
        self.chips: list[PaintedChip] = []
        self.last_now_y: float | None = None
        """Where the now-line was last painted (the view repaints there when time moves)."""
        self._drawn: list[PaintedBlock] = []
        self._bg: QPixmap | None = None
        self._header: QPixmap | None = None

    @property
    def ready(self) -> bool:
        """A layout has been prepared and can be painted."""
        return self._bg is not None

    def clear(self) -> None:
        self.items, self.chips, self._drawn = [], [], []
        self._bg = self._header = None

    def prepare(self, layout: WeekLayout, dpr: float) -> None:
        """Everything a paint of ``layout`` reuses: rectangles, texts, background, header."""
        self.items, self.chips, self._drawn = [], [], []
        chips: dict[Chip, PaintedChip] = {}
        for box in layout.boxes:
            item = PaintedBlock(box, qrect(box.rect))
            if box.chip is None:
                who = layout.named_column(box.block)
                item.texts = self.texts.for_block(item.rect, box.block, who)
                self._drawn.append(item)
            else:
                chip = chips.get(box.chip)
                if chip is None:
                    chip = chips[box.chip] = PaintedChip(box.chip, item.rect)
                item.chip = chip
            self.items.append(item)
        for c in layout.chips:
            chip = chips[c]
            chip.texts = self.texts.for_chip(chip.rect, c.blocks)
            self.chips.append(chip)
        self._bg = self._paint_background(layout, dpr)
        self._header = self._paint_header(layout, dpr)

    # -- background and header ---------------------------------------------------------------
    def _paint_background(self, layout: WeekLayout, dpr: float) -> QPixmap:
        w = layout.width
        content_h = layout.content_h
        pm = _pixmap(w, content_h, dpr, _BG)
        p = QPainter(pm)
        small = self.texts.fonts[SMALL]
        p.setFont(small)
        fm = QFontMetrics(small)
        for d in layout.days:
            col = QRectF(d.x, 0, d.w, content_h)
            if d.collapsed:
                p.fillRect(col, _CLOSED_BG)
                continue
            p.fillRect(col, _OFF_HOURS)
            for band in d.open_bands:
                p.fillRect(qrect(band), _BG)
            if d.info.day == layout.today and layout.week:
                p.fillRect(col, _TODAY_TINT)
        # Working hours per lane: time a practitioner does not work here is shaded.
        for band in layout.not_working:
            p.fillRect(qrect(band), _NOT_WORKING)
        # Busy time imported from practitioners' own calendars, in their columns.
        self._paint_busy(p, layout, fm)
        # Hour and half-hour lines.
        p.setPen(QPen(_HALF_LINE, 1))
        for y in layout.half_hour_ys():
            y = round(y) + 0.5
            p.drawLine(QPointF(GUTTER_W, y), QPointF(w, y))
        p.setPen(QPen(_HOUR_LINE, 1))
        for y in layout.hour_ys():
            y = round(y) + 0.5
            p.drawLine(QPointF(GUTTER_W - 6, y), QPointF(w, y))
        # Lane and day separators.
        p.setPen(QPen(_LANE_LINE, 1))
        for x in layout.lane_lines():
            x = round(x) + 0.5
            p.drawLine(QPointF(x, 0), QPointF(x, content_h))
        p.setPen(QPen(_DAY_LINE, 1))
        for d in layout.days:
            x = round(d.x) + 0.5
            p.drawLine(QPointF(x, 0), QPointF(x, content_h))
        # Holidays and closures: hatched, with the reason written down the column.
        for closure in layout.closures:
            col = qrect(closure.rect)
            p.fillRect(col, QColor("#eceef1"))
            p.fillRect(col, QBrush(_HOLIDAY_HATCH, Qt.BrushStyle.BDiagPattern))
            box = qrect(closure.label)
            p.fillRect(box, QColor(255, 255, 255, 225))
            p.setPen(QColor(TEXT_MUTED))
            p.drawText(
                box.adjusted(4, 2, -4, -2),
                int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                closure.reason,
            )
        # Hour labels in the gutter.
        p.setPen(QColor(TEXT_MUTED))
        for y, label in layout.hour_labels():
            p.drawText(
                QRectF(0, y + 2, GUTTER_W - 10, fm.height()),
                int(Qt.AlignmentFlag.AlignRight),
                label,
            )
        p.end()
        return pm

    def _paint_busy(self, p: QPainter, layout: WeekLayout, fm: QFontMetrics) -> None:
        if not layout.busy:
            return
        hatch = QBrush(_BUSY_HATCH, Qt.BrushStyle.FDiagPattern)
        p.setPen(QColor(TEXT_MUTED))
        for band in layout.busy:
            r = qrect(band.rect)
            p.fillRect(r, _BUSY_FILL)
            p.fillRect(r, hatch)
            if r.height() >= fm.height() + 2 and r.width() > 30:
                label = (
                    arg(tr("Busy: %1", "imported busy time and its summary"), band.summary)
                    if band.summary
                    else tr("Busy", "imported busy time")
                )
                label = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(r.width() - 8))
                p.drawText(
                    r.adjusted(4, 1, -4, -1),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                    label,
                )

    def _paint_header(self, layout: WeekLayout, dpr: float) -> QPixmap:
        w = layout.width
        h = layout.header_h
        pm = _pixmap(w, h, dpr, _HEADER_BG)
        p = QPainter(pm)
        self._paint_day_headers(p, layout)
        if layout.week and not layout.packed:
            self._paint_lane_names(p, layout)
        elif not layout.week:
            self._paint_column_headers(p, layout)
        p.setPen(QPen(_HEADER_LINE, 1))
        p.drawLine(QPointF(0, h - 0.5), QPointF(w, h - 0.5))
        for d in layout.days:
            x = round(d.x) + 0.5
            p.drawLine(QPointF(x, 0), QPointF(x, h))
        p.end()
        return pm

    def _paint_day_headers(self, p: QPainter, layout: WeekLayout) -> None:
        """The week's day names ("Wed 18 Nov" / "ons. 18. nov.", today in a pill; "Sa 21" /
        "lø 21" when collapsed), in the window's language."""
        lang = language()
        bold, small = self.texts.fonts[BOLD], self.texts.fonts[SMALL]
        fb, fs = QFontMetrics(bold), QFontMetrics(small)
        for d in layout.days:
            if d.collapsed:
                p.setFont(small)
                p.setPen(QColor(TEXT_MUTED))
                p.drawText(
                    QRectF(d.x, 4, d.w, fs.height()),
                    int(Qt.AlignmentFlag.AlignHCenter),
                    _weekday_short(d.info.day, lang),
                )
                p.drawText(
                    QRectF(d.x, 4 + fs.height(), d.w, fs.height()),
                    int(Qt.AlignmentFlag.AlignHCenter),
                    f"{d.info.day.day}",
                )
                continue
            if not layout.week:
                continue
            label = _day_label(d.info.day, lang)
            rect = QRectF(d.x, 4, d.w, fb.height() + 2)
            if d.info.day == layout.today:
                pill_w = fb.horizontalAdvance(label) + 16
                pill = QRectF(d.x + (d.w - pill_w) / 2, 3, pill_w, fb.height() + 3)
                p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                p.setBrush(_TODAY)
                p.setPen(Qt.PenStyle.NoPen)
                p.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
                p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                p.setPen(QColor("#ffffff"))
            else:
                p.setPen(QColor(TEXT))
            p.setFont(bold)
            p.drawText(
                rect,
                int(Qt.AlignmentFlag.AlignHCenter) | int(Qt.AlignmentFlag.AlignVCenter),
                label,
            )

    def _paint_lane_names(self, p: QPainter, layout: WeekLayout) -> None:
        """Under each day of the week, the name of each lane's practitioner or room."""
        small = self.texts.fonts[SMALL]
        fb, fs = QFontMetrics(self.texts.fonts[BOLD]), QFontMetrics(small)
        p.setFont(small)
        y = 8 + fb.height()
        for lane in layout.lanes:
            if lane.column is None:
                continue
            name = lane.column.name
            text = name if fs.horizontalAdvance(name) <= lane.w - 6 else short_name(name)
            text = fs.elidedText(text, Qt.TextElideMode.ElideRight, int(lane.w - 6))
            p.setPen(QColor(TEXT_MUTED))
            p.drawText(
                QRectF(lane.x + 3, y, lane.w - 6, fs.height()),
                int(Qt.AlignmentFlag.AlignHCenter),
                text,
            )

    def _paint_column_headers(self, p: QPainter, layout: WeekLayout) -> None:
        """Over each column of the day, its name and detail (profession, "needles")."""
        bold, small = self.texts.fonts[BOLD], self.texts.fonts[SMALL]
        fb, fs = QFontMetrics(bold), QFontMetrics(small)
        for lane in layout.lanes:
            c = lane.column
            if c is None:
                continue
            p.setFont(bold)
            p.setPen(QColor(TEXT))
            name = c.name if fb.horizontalAdvance(c.name) <= lane.w - 8 else short_name(c.name)
            name = fb.elidedText(name, Qt.TextElideMode.ElideRight, int(lane.w - 8))
            p.drawText(
                QRectF(lane.x + 4, 5, lane.w - 8, fb.height()),
                int(Qt.AlignmentFlag.AlignHCenter),
                name,
            )
            p.setFont(small)
            p.setPen(QColor(TEXT_MUTED))
            detail = _profession(c.detail, language())
            if c.may_needle and c.kind == "practitioner" and "acupunct" not in c.detail:
                detail = arg(tr("%1 · needles", "a practitioner who may needle"), detail)
            detail = fs.elidedText(detail, Qt.TextElideMode.ElideRight, int(lane.w - 8))
            p.drawText(
                QRectF(lane.x + 4, 6 + fb.height(), lane.w - 8, fs.height()),
                int(Qt.AlignmentFlag.AlignHCenter),
                detail,
            )

    # -- painting ----------------------------------------------------------------------------
    def paint_empty(self, p: QPainter, exposed: QRectF, area: QRect, message: str) -> None:
        """No range to show: the background, and the message in the middle."""
        p.fillRect(exposed, _BG)
        if message:
            p.setPen(QColor(TEXT_MUTED))
            p.drawText(
                area,
                int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                message,
            )

    def paint(
        self,
        p: QPainter,
        exposed: QRectF,
        layout: WeekLayout,
        *,
        width: int,
        height: int,
        scroll: int,
        selected: int,
        now: datetime,
        ghost: tuple[QRectF, datetime] | None = None,
        message: str = "",
    ) -> None:
        """Paint the part ``exposed`` of a viewport ``width`` x ``height`` scrolled by
        ``scroll`` pixels: background, blocks, now-line, the dragged session's ghost, the
        header and a message line under it."""
        assert self._bg is not None
        hh = layout.header_h
        body = QRectF(0, hh, width, height - hh)
        clip = exposed.intersected(body)
        if not clip.isEmpty():
            p.save()
            p.setClipRect(clip)
            p.translate(0, hh - scroll)
            src = clip.translated(0, scroll - hh)
            dpr = self._bg.devicePixelRatio()
            p.drawPixmap(
                src,
                self._bg,
                QRectF(src.x() * dpr, src.y() * dpr, src.width() * dpr, src.height() * dpr),
            )
            self._paint_blocks(p, src, layout.by_id.get(selected))
            self._paint_now(p, layout, now)
            if ghost is not None:
                self._paint_ghost(p, *ghost)
            p.restore()
        if exposed.top() < hh and self._header is not None:
            p.drawPixmap(QPointF(0, 0), self._header)
        if message:
            p.fillRect(QRectF(0, hh, width, 28), QColor(255, 255, 255, 230))
            p.setPen(QColor(TEXT_MUTED))
            p.drawText(QRectF(0, hh, width, 28), int(Qt.AlignmentFlag.AlignCenter), message)

    def _paint_blocks(self, p: QPainter, area: QRectF, selected: BlockBox | None) -> None:
        fonts = self.texts.fonts
        current_font = -1
        hatch = QColor(NO_SHOW)
        hatch.setAlpha(70)
        no_show_brush = QBrush(hatch, Qt.BrushStyle.BDiagPattern)
        for item in self._drawn:
            r = item.rect
            if not r.intersects(area):
                continue
            b = item.block
            _paint_block_frame(p, r, b, no_show_brush)
            for st, off, fi, colour in item.texts:
                if fi != current_font:
                    p.setFont(fonts[fi])
                    current_font = fi
                p.setPen(colour)
                p.drawStaticText(r.topLeft() + off, st)
            if item.box is selected:
                _paint_selection(p, r)
        for chip in self.chips:
            r = chip.rect
            if not r.intersects(area):
                continue
            p.fillRect(r, _CHIP_BG)
            p.setPen(_CHIP_LINE)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(r.adjusted(0, 0, -1, -1))
            for st, off, fi, colour in chip.texts:
                if fi != current_font:
                    p.setFont(fonts[fi])
                    current_font = fi
                p.setPen(colour)
                p.drawStaticText(r.topLeft() + off, st)
            if selected is not None and selected.chip is chip.chip:
                _paint_selection(p, r)

    def _paint_now(self, p: QPainter, layout: WeekLayout, now: datetime) -> None:
        hit = layout.now_line(now)
        if hit is None:
            return
        y, d = hit
        p.fillRect(QRectF(d.x, y - 1, d.w, 2), QColor(NOW_LINE))
        p.fillRect(QRectF(d.x, y - 4, 4, 8), QColor(NOW_LINE))
        self.last_now_y = y

    def _paint_ghost(self, p: QPainter, ghost: QRectF, when: datetime) -> None:
        p.fillRect(ghost, _GHOST)
        p.setPen(QPen(_TODAY, 1, Qt.PenStyle.DashLine))
        p.drawRect(ghost.adjusted(0, 0, -1, -1))
        p.setFont(self.texts.fonts[SMALL_BOLD])
        p.setPen(QColor(TEXT))
        p.drawText(
            ghost.adjusted(6, 2, -2, -2),
            int(Qt.AlignmentFlag.AlignLeft),
            _ghost_label(when, language()),
        )


# Texts made while painting, cached by (value, language): Babel is not called per paint.
@lru_cache(maxsize=512)
def _day_label(day: date, lang: str) -> str:
    """``Mon 30 Nov`` / ``man. 30. nov.``: a day's header in the week."""
    return ui_words().day_month(day)


@lru_cache(maxsize=512)
def _weekday_short(day: date, lang: str) -> str:
    """``Mo`` / ``ma``: a collapsed day's header."""
    return ui_words().weekday(day)[:2]


@lru_cache(maxsize=256)
def _ghost_label(when: datetime, lang: str) -> str:
    """``Mon 09:05`` / ``man. kl. 09:05``: where the dragged session would land."""
    return ui_words().skeleton("EHm", when)


@lru_cache(maxsize=64)
def _profession(detail: str, lang: str) -> str:
    """A column's profession (``manual therapist``) in the window's language; other text as
    given."""
    try:
        return vocabulary.profession(Profession(detail.replace(" ", "-")), ui_words()).lower()
    except ValueError:
        return detail


_SELECTION_PEN = QPen(QColor(SELECTION), 3)
_SELECTION_PEN.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
_RING_PEN = QPen(QColor(SELECTION_RING), 1)


def _paint_selection(p: QPainter, r: QRectF) -> None:
    """The selected session: a 3 px dark outline around it and a white ring inside that, so
    it stands out on dark and pale blocks alike (the view repaints 2 px around a block)."""
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(_SELECTION_PEN)
    p.drawRect(r.adjusted(0.5, 0.5, -0.5, -0.5))
    p.setPen(_RING_PEN)
    p.drawRect(r.adjusted(2, 2, -3, -3))


def _pixmap(w: int, h: int, dpr: float, fill: QColor) -> QPixmap:
    """A pixmap for ``w`` x ``h`` logical pixels on a screen of device pixel ratio ``dpr``."""
    pm = QPixmap(int(w * dpr), int(h * dpr))
    pm.setDevicePixelRatio(dpr)
    pm.fill(fill)
    return pm


def _paint_block_frame(p: QPainter, r: QRectF, b: Block, no_show_brush: QBrush) -> None:
    """A session's fill, border and status bar in its kind's colours, by its status."""
    strong, pale = kind_colours(b.kind)
    status = b.status
    if status == "attended":
        fill = QColor(pale)
        fill.setAlpha(150)
        p.fillRect(r, QColor("#ffffff"))
        p.fillRect(r, fill)
        bar = QColor(strong)
        bar.setAlpha(120)
        border = QColor(strong)
        border.setAlpha(60)
    elif status == "cancelled":
        p.fillRect(r, QColor("#ffffff"))
        bar = QColor("#c0c4ca")
        border = QColor("#c0c4ca")
    else:
        p.fillRect(r, pale)
        bar = strong
        border = QColor(strong)
        border.setAlpha(90)
        if status == "no-show":
            p.fillRect(r, QColor("#fbe9e9"))
            p.fillRect(r, no_show_brush)
            bar = QColor(NO_SHOW)
    style = Qt.PenStyle.DashLine if status == "cancelled" else Qt.PenStyle.SolidLine
    p.setPen(QPen(border, 1, style))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(r.adjusted(0, 0, -1, -1))
    p.fillRect(QRectF(r.x(), r.y(), 3, r.height()), bar)
    if b.flagged and r.width() > 24 and r.height() > 10:
        p.fillRect(QRectF(r.right() - 6, r.y() + 1, 5, 5), QColor("#e8710a"))
