"""The week and day view of one location: a custom-painted schedule.

Time runs down, days run across. In the day view each practitioner (or room) has a column;
in the week view each day is split into one column per practitioner (or room) as long as the
columns stay wide enough to read. When they would not (a location with eleven practitioners
on a laptop screen), the week view packs each day's sessions side by side and names the
practitioner on every block; choosing fewer columns brings the one-column-each layout back.

Speed (see ENV-NOTES.md): everything that does not change between paints is prepared once
per layout: the background (opening hours, working hours, closures, hour lines, the hour
gutter) is a pixmap, and every block's texts are ``QStaticText`` prepared with their font.
A paint blits the background and draws the blocks that intersect the exposed rectangle with
unantialiased rectangles. Selection, dragging and the now-line repaint only their own
rectangles.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from planner.services.schedule.values import Block, Column, DayInfo, RangeData
from planner.ui.models.schedule_model import ScheduleModel, block_tooltip
from planner.ui.style import (
    NO_SHOW,
    NOW_LINE,
    SELECTION,
    TEXT,
    TEXT_MUTED,
    kind_colours,
    regions_text,
    short_name,
)

GUTTER_W = 52
"""Width of the hour labels at the left."""
COLLAPSED_W = 30
"""Width of a day the location is closed and that has no sessions (a weekend)."""
MIN_LANE_W = 72
"""Narrowest column (per practitioner or room) in the week view before it packs sessions."""
MIN_BLOCK_W = 72
"""The narrowest a session may be drawn beside others: room for "Aisha A." and "9/12". When a
time cluster needs more side-by-side slots than fit, the last slot becomes a "+N more" chip
listing the rest (hover for all of them; click or arrow keys select them)."""
MIN_HOUR_H = 44
"""Fewest pixels per hour; below this the view scrolls vertically."""
MAX_HOUR_H = 132
SNAP_MIN = 15
"""Dragging snaps to quarter hours, the same steps the booking engine searches."""

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
_TEXT = QColor(TEXT)
_MUTED = QColor(TEXT_MUTED)
_NO_SHOW = QColor(NO_SHOW)
_BUSY_FILL = QColor("#eceef2")
_BUSY_HATCH = QColor("#c3c8d0")
_CHIP_BG = QColor("#f4f6f9")
_CHIP_LINE = QColor("#aab2bd")


@dataclass
class _Day:
    index: int
    info: DayInfo
    x: float
    w: float
    collapsed: bool


@dataclass
class _Lane:
    day: int
    column: Column | None
    """None in the packed week layout (one lane per day)."""
    x: float
    w: float


@dataclass
class _Item:
    block: Block
    rect: QRectF
    """In content coordinates: x as on screen, y from the top of the first hour."""
    lane: int
    texts: list[tuple[QStaticText, QPointF, int, QColor]] = field(default_factory=list)
    """(text, offset from the block's top-left, font index, colour)."""
    movable: bool = True
    chip: _Chip | None = None
    """Set when the session is not drawn itself but listed in an overflow chip."""


@dataclass
class _Chip:
    """A "+N more" stand-in for the sessions of a time cluster that do not fit side by side."""

    rect: QRectF
    items: list[_Item]
    texts: list[tuple[QStaticText, QPointF, int, QColor]] = field(default_factory=list)


class ScheduleView(QAbstractScrollArea):
    """Paints a :class:`ScheduleModel`; selection, keyboard, drag to move, context menu."""

    sig_selection_changed = Signal(int)
    """The selected session changed (its id; 0 when none)."""
    sig_activated = Signal(int)
    """A session was double-clicked or Enter was pressed on it."""
    sig_move_requested = Signal(int, object, int)
    """A session was dragged: (id, new local start as datetime, column key it was dropped in)."""
    sig_context_menu_requested = Signal(int, QPoint)
    """The context menu was asked for on a session: (id, global position)."""
    sig_slot_activated = Signal(object, int)
    """An empty time was double-clicked: (local start as datetime, column key or 0)."""
    sig_navigate = Signal(int)
    """Page to the previous (-1) or next (+1) range."""
    sig_painted = Signal()
    """The first paint after new data was shown (benchmarks and tests wait for it)."""

    def __init__(self, model: ScheduleModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        # Our own viewport, as the one QAbstractScrollArea makes (same name, role and fill):
        # the first ``viewport()`` on Qt's own made PySide6 find the Python type of a plain
        # ``QWidget *``, which creates every QWidget subclass of QtWidgets and their enums
        # (QFileDialog, QColorDialog, ...; 10-20 ms before the first paint). A widget made
        # here already has its Python object.
        vp = QWidget()
        vp.setObjectName("qt_scrollarea_viewport")
        vp.setBackgroundRole(QPalette.ColorRole.Base)
        vp.setAutoFillBackground(True)
        self.setViewport(vp)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.viewport().setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QAbstractScrollArea.Shape.NoFrame)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self.viewport().update())
        self.setAccessibleName("Schedule")

        self.column_mode = "practitioner"
        self.shown_columns: set[int] | None = None
        self.now_provider: Callable[[], datetime] = datetime.now
        self.message = ""

        self._fonts: list[QFont] = []
        self._metrics: tuple[QFontMetrics, ...] = ()
        self._texts: dict[tuple[str, int], QStaticText] = {}
        self._days: list[_Day] = []
        self._lanes: list[_Lane] = []
        self._items: list[_Item] = []
        self._chips: list[_Chip] = []
        self._by_id: dict[int, _Item] = {}
        self._columns: tuple[Column, ...] = ()
        self._names: dict[int, str] = {}
        self._packed = False
        self._start_min = 8 * 60
        self._end_min = 18 * 60
        self._hour_h = 60.0
        self._header_h = 40
        self._bg: QPixmap | None = None
        self._header: QPixmap | None = None
        self._selected = 0
        self._press: tuple[QPointF, _Item] | None = None
        self._drag: tuple[_Item, QRectF, datetime, int] | None = None
        self._drag_offset_min = 0.0
        self._emit_painted = False
        self._last_now_y: float | None = None

        self._now_timer = QTimer(self)
        self._now_timer.setInterval(60_000)
        self._now_timer.timeout.connect(self._tick_now)
        self._now_timer.start()

        model.modelReset.connect(self._on_model_reset)
        model.rowsInserted.connect(self._on_model_reset)
        model.rowsRemoved.connect(self._on_model_reset)
        model.dataChanged.connect(self._on_model_reset)

    # -- public ----------------------------------------------------------------------------
    @property
    def data(self) -> RangeData | None:
        return self.model.range_data

    @property
    def packed(self) -> bool:
        return self._packed

    @property
    def selected_id(self) -> int:
        return self._selected

    def set_column_mode(self, by: str) -> None:
        if by != self.column_mode:
            self.column_mode = by
            self.shown_columns = None
            self._relayout()

    def set_shown_columns(self, keys: set[int] | None) -> None:
        self.shown_columns = set(keys) if keys is not None else None
        self._relayout()

    def set_message(self, text: str) -> None:
        """A line shown over an empty schedule ("Loading…", "No practitioners here yet")."""
        self.message = text
        self.viewport().update()

    def select(self, appointment_id: int, *, scroll: bool = True) -> bool:
        """Select a session shown in the view; False when it is not in the loaded range."""
        item = self._by_id.get(appointment_id)
        if item is None:
            self._set_selected(0)
            return False
        self._set_selected(appointment_id)
        if scroll:
            self.ensure_visible(item)
        return True

    def block_rect(self, appointment_id: int) -> QRect | None:
        """Where a session is drawn, in viewport coordinates (tests and benchmarks)."""
        item = self._by_id.get(appointment_id)
        return self._to_viewport(item.rect).toAlignedRect() if item else None

    def point_for(self, day: date, at: time, column_key: int | None = None) -> QPoint | None:
        """The viewport point of a local time in a day (and column), for tests and drags."""
        for lane in self._lanes:
            d = self._days[lane.day]
            if d.info.day != day or d.collapsed:
                continue
            if lane.column is not None and column_key is not None and lane.column.key != column_key:
                continue
            y = self._y_of(datetime.combine(day, at))
            return self._to_viewport(QRectF(lane.x + lane.w / 2, y + 2, 1, 1)).topLeft().toPoint()
        return None

    def visible_items(self) -> int:
        return len(self._items)

    def ensure_visible(self, item: _Item) -> None:
        top = item.rect.top()
        bottom = item.rect.bottom()
        sb = self.verticalScrollBar()
        body_h = self.viewport().height() - self._header_h
        if top < sb.value():
            sb.setValue(int(top) - 8)
        elif bottom > sb.value() + body_h:
            sb.setValue(int(bottom - body_h) + 8)

    # -- layout ----------------------------------------------------------------------------
    def _on_model_reset(self, *args: object) -> None:
        self._emit_painted = True
        keep = self._selected
        self._relayout()
        if keep and keep not in self._by_id:
            self._set_selected(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def sizeHint(self) -> QSize:
        return QSize(1100, 760)

    def _prepare_fonts(self) -> None:
        if self._fonts and self._fonts[3] == self.font():
            return
        self._texts.clear()
        base = QFont(self.font())
        bold = QFont(base)
        bold.setWeight(QFont.Weight.DemiBold)
        small = QFont(base)
        small.setPointSizeF(max(6.5, base.pointSizeF() - 1))
        small_bold = QFont(small)
        small_bold.setWeight(QFont.Weight.DemiBold)
        self._fonts = [bold, small, small_bold, base]
        self._metrics = (QFontMetrics(bold), QFontMetrics(small), QFontMetrics(small_bold))

    def _static(self, text: str, fi: int) -> QStaticText:
        """A prepared text, shared by every block that shows the same words in font ``fi``."""
        st = self._texts.get((text, fi))
        if st is None:
            if len(self._texts) > 20_000:
                self._texts.clear()
            st = self._texts[(text, fi)] = _static(text, self._fonts[fi])
        return st

    def _relayout(self) -> None:
        self._prepare_fonts()
        data = self.data
        self._items, self._by_id, self._lanes, self._days = [], {}, [], []
        self._chips = []
        vw = self.viewport().width()
        vh = self.viewport().height()
        if data is None or vw < 50:
            self._bg = self._header = None
            self.viewport().update()
            return
        all_columns = data.columns(self.column_mode)
        cols = tuple(
            c for c in all_columns if self.shown_columns is None or c.key in self.shown_columns
        )
        self._columns = cols
        self._names = {c.key: c.name for c in all_columns}
        week = len(data.days) > 1
        shown = {c.key for c in cols}
        blocks = [b for b in data.blocks if b.column_key(self.column_mode) in shown]

        # Days: a closed weekday without sessions collapses to a narrow strip.
        busy_days = {b.start.date() for b in blocks}
        collapsed = [week and not d.opening and d.day not in busy_days for d in data.days]
        avail = vw - GUTTER_W
        n_open = sum(1 for c in collapsed if not c) or 1
        open_w = max(40.0, (avail - COLLAPSED_W * sum(collapsed)) / n_open)
        x = float(GUTTER_W)
        for i, d in enumerate(data.days):
            w = COLLAPSED_W if collapsed[i] else open_w
            self._days.append(_Day(i, d, x, w, collapsed[i]))
            x += w

        n_cols = max(1, len(cols))
        self._packed = week and (not cols or open_w / n_cols < MIN_LANE_W)
        for day in self._days:
            if day.collapsed:
                continue
            if self._packed:
                self._lanes.append(_Lane(day.index, None, day.x, day.w))
            else:
                lw = day.w / n_cols
                for j, c in enumerate(cols):
                    self._lanes.append(_Lane(day.index, c, day.x + j * lw, lw))

        # Hours: from the earliest opening, working hour or session to the latest.
        starts, ends = [], []
        for d in data.days:
            for opens, closes in d.opening:
                starts.append(opens.hour * 60 + opens.minute)
                ends.append(closes.hour * 60 + closes.minute + (1 if closes.second else 0))
        for c in cols:
            if c.hours:
                for ivs in c.hours.days:
                    for opens, closes in ivs:
                        starts.append(opens.hour * 60 + opens.minute)
                        ends.append(closes.hour * 60 + closes.minute)
        for block in blocks:
            starts.append(block.start.hour * 60 + block.start.minute)
            end = block.end
            ends.append(24 * 60 if end.date() > block.start.date() else end.hour * 60 + end.minute)
        self._start_min = (min(starts) // 60) * 60 if starts else 8 * 60
        self._end_min = min(24 * 60, -(-max(ends) // 60) * 60) if ends else 18 * 60
        if self._end_min - self._start_min < 4 * 60:
            self._end_min = min(24 * 60, self._start_min + 4 * 60)

        fm_small = QFontMetrics(self._fonts[1])
        fm_bold = QFontMetrics(self._fonts[0])
        if week:
            self._header_h = (
                8 + fm_bold.height() + (fm_small.height() + 6 if not self._packed else 6)
            )
        else:
            self._header_h = 12 + fm_bold.height() + fm_small.height()
        hours = (self._end_min - self._start_min) / 60
        self._hour_h = max(MIN_HOUR_H, min(MAX_HOUR_H, (vh - self._header_h - 2) / hours))
        content_h = math.ceil(hours * self._hour_h) + 1
        sb = self.verticalScrollBar()
        sb.setRange(0, max(0, content_h - (vh - self._header_h)))
        sb.setPageStep(max(1, vh - self._header_h))
        sb.setSingleStep(int(self._hour_h / 4))

        self._place_blocks(blocks, data)
        self._bg = self._paint_background(data, content_h)
        self._header = self._paint_header(data)
        self.viewport().update()

    def _place_blocks(self, blocks: list[Block], data: RangeData) -> None:
        day_index = {d.info.day: d.index for d in self._days}
        lane_of: dict[tuple[int, int | None], int] = {}
        for i, lane in enumerate(self._lanes):
            lane_of[(lane.day, lane.column.key if lane.column else None)] = i
        per_lane: dict[int, list[Block]] = {}
        for b in blocks:
            di = day_index.get(b.start.date())
            if di is None:
                continue
            key = None if self._packed else b.column_key(self.column_mode)
            li = lane_of.get((di, key))
            if li is None:
                continue
            per_lane.setdefault(li, []).append(b)
        for li, group in per_lane.items():
            lane = self._lanes[li]
            group.sort(key=lambda b: (b.start, b.end, b.id))
            # Overlapping sessions in one lane (a packed day, or a double booking) share it.
            for cluster in _clusters(group):
                slots: list[datetime] = []
                where: list[int] = []
                for b in cluster:
                    for k, free_at in enumerate(slots):
                        if free_at <= b.start:
                            slots[k] = b.end
                            where.append(k)
                            break
                    else:
                        slots.append(b.end)
                        where.append(len(slots) - 1)
                n = len(slots)
                fit = int(lane.w // MIN_BLOCK_W)
                overflow = fit >= 2 and n > fit
                if overflow:
                    n = fit
                    where = [min(k, fit - 1) for k in where]
                w = lane.w / n
                placed = list(zip(cluster, where, strict=True))
                hidden: list[_Item] = []
                for b, k in placed:
                    y0 = self._y_of(b.start)
                    y1 = (
                        self._y_of(b.end)
                        if b.end.date() == b.start.date()
                        else self._y_of_min(24 * 60)
                    )
                    if overflow and k == n - 1:
                        item = _Item(b, QRectF(), li, movable=False)
                        item.rect = QRectF(0, y0, 0, y1 - y0)  # its time; the chip's rect later
                        hidden.append(item)
                        self._by_id[b.id] = item
                        continue
                    # Widen into the slots to the right that are free while this one runs.
                    span = 1
                    for j in range(k + 1, n):
                        if any(kk == j and o.start < b.end and o.end > b.start for o, kk in placed):
                            break
                        span += 1
                    rect = QRectF(lane.x + k * w + 1, y0 + 1, w * span - 2, max(4.0, y1 - y0 - 1))
                    item = _Item(b, rect, li, movable=b.status == "booked")
                    self._prepare_texts(item)
                    self._items.append(item)
                    self._by_id[b.id] = item
                if hidden:
                    self._make_chips(hidden, lane.x + (n - 1) * w + 1, w - 2)

    def _make_chips(self, hidden: list[_Item], x: float, w: float) -> None:
        """One chip per run of overlapping hidden sessions, in the last slot of the cluster."""
        runs: list[list[_Item]] = []
        end = -1.0
        for it in sorted(hidden, key=lambda it: (it.rect.top(), it.block.id)):
            if runs and it.rect.top() < end:
                runs[-1].append(it)
                end = max(end, it.rect.bottom())
            else:
                runs.append([it])
                end = it.rect.bottom()
        fs = self._metrics[1]
        for run in runs:
            top = min(it.rect.top() for it in run)
            bottom = max(it.rect.bottom() for it in run)
            rect = QRectF(x, top + 1, w, max(4.0, bottom - top - 1))
            if len(run) == 1:  # a chip for one session would hide it for nothing
                it = run[0]
                it.rect = rect
                it.movable = it.block.status == "booked"
                self._prepare_texts(it)
                self._items.append(it)
                continue
            chip = _Chip(rect, run)
            for it in run:
                it.rect = rect
                it.chip = chip
                self._items.append(it)
            inner = int(w - 9)
            y = 2.0
            head = f"+{len(run)} more"
            if rect.height() >= fs.height() + 2 and inner >= 14:
                chip.texts.append((self._static(head, 2), QPointF(5, y), 2, _TEXT))
                y += fs.height()
                for it in run:
                    if y + fs.height() > rect.height() - 1:
                        break
                    b = it.block
                    line = f"{short_name(b.patient_name)} {b.progress}".strip()
                    line = fs.elidedText(line, Qt.TextElideMode.ElideRight, inner)
                    chip.texts.append((self._static(line, 1), QPointF(5, y), 1, _MUTED))
                    y += fs.height()
            self._chips.append(chip)

    def _prepare_texts(self, item: _Item) -> None:
        b = item.block
        r = item.rect
        fb, fs, fsb = self._metrics
        inner_w = r.width() - 9
        if inner_w < 14:
            return
        muted = b.status in ("attended", "cancelled")
        colour = _MUTED if muted else _TEXT
        _static = self._static
        texts = item.texts
        y = 2.0
        line_h_b = fb.height()
        line_h_s = fs.height()
        progress = b.progress
        prog_w = fs.horizontalAdvance(progress) + 6 if progress else 0
        if r.height() < line_h_s + 2:
            return
        if inner_w < 48:  # very narrow (a double booking in a column): name, then progress
            name = fsb.elidedText(
                short_name(b.patient_name), Qt.TextElideMode.ElideRight, int(r.width() - 7)
            )
            texts.append((_static(name, 2), QPointF(5, y), 2, colour))
            y += line_h_s
            if progress and y + line_h_s <= r.height() - 1:
                texts.append((_static(progress, 1), QPointF(5, y), 1, colour))
            return
        name_fm, name_idx, name_h = (fb, 0, line_h_b)
        if r.height() < line_h_b + 2 or inner_w < 96:
            name_fm, name_idx, name_h = (fsb, 2, line_h_s)
            y = 1.0  # small text: two lines fit in a 20-minute session
        # The name comes first (whole, else "First L."), the progress beside it when both fit,
        # else below it, else (one line only) in the tooltip.
        two_lines = r.height() >= y + name_h + line_h_s + 1
        name_w = inner_w - prog_w if progress else inner_w
        full = b.patient_name
        if not progress:
            name = _fit_name(full, name_fm, int(name_w))
        else:
            # Two lines: "First L." beside the progress, else alone with the progress below.
            # One line: down to the first name beside it, else the name alone.
            name = (
                _fit_name(full, name_fm, int(name_w), first=not two_lines) if name_w >= 24 else "…"
            )
            if name.endswith("…"):
                wide = _fit_name(full, name_fm, int(inner_w))
                if two_lines or name_w < 24 or not wide.endswith("…"):
                    name_w, name = inner_w, wide
        texts.append((_static(name, name_idx), QPointF(6, y), name_idx, colour))
        progress_below = bool(progress) and name_w >= inner_w and two_lines
        if progress and name_w < inner_w:
            texts.append(
                (
                    _static(progress, 1),
                    QPointF(6 + inner_w - prog_w + 6, y + (name_h - line_h_s) / 2 + 0.5),
                    1,
                    colour,
                )
            )
        y += name_h
        lines: list[str] = []
        what = b.kind_label
        if b.status == "attended":
            what += " ✓"
        elif b.status == "no-show":
            what += " · no-show"
        elif b.status == "cancelled":
            what += " · cancelled"
        if self._packed:
            who = self._names.get(b.column_key(self.column_mode), "")
            lines.append(f"{short_name(who)} · {what}" if who else what)
        else:
            lines.append(what)
        if progress_below:
            lines[0] = f"{progress} · {lines[0]}"
        if b.regions:
            lines.append(regions_text(b.regions))
        for k, line in enumerate(lines):
            if y + line_h_s > r.height() - 1:
                break
            c = _NO_SHOW if b.status == "no-show" and k == 0 else (_MUTED if k else colour)
            text = fs.elidedText(line, Qt.TextElideMode.ElideRight, int(inner_w))
            texts.append((_static(text, 1), QPointF(6, y), 1, c))
            y += line_h_s

    # -- coordinates -----------------------------------------------------------------------
    def _y_of_min(self, minutes: float) -> float:
        return (minutes - self._start_min) / 60 * self._hour_h

    def _y_of(self, dt: datetime) -> float:
        return self._y_of_min(dt.hour * 60 + dt.minute + dt.second / 60)

    def _scroll(self) -> int:
        return self.verticalScrollBar().value()

    def _to_viewport(self, r: QRectF) -> QRectF:
        return r.translated(0, self._header_h - self._scroll())

    def _to_content(self, p: QPointF) -> QPointF:
        return QPointF(p.x(), p.y() - self._header_h + self._scroll())

    def _item_at(self, pos: QPointF) -> _Item | None:
        if pos.y() < self._header_h:
            return None
        c = self._to_content(pos)
        for item in reversed(self._items):
            if item.chip is None and item.rect.contains(c):
                return item
        for chip in self._chips:
            if chip.rect.contains(c):
                chosen = self._by_id.get(self._selected)
                return chosen if chosen in chip.items else chip.items[0]
        return None

    def _lane_at(self, x: float) -> int | None:
        for i, lane in enumerate(self._lanes):
            if lane.x <= x < lane.x + lane.w:
                return i
        return None

    def _time_at(self, lane: _Lane, y_content: float, snap: int = SNAP_MIN) -> datetime:
        minutes = self._start_min + y_content / self._hour_h * 60
        minutes = round(minutes / snap) * snap
        minutes = max(self._start_min, min(self._end_min - snap, minutes))
        day = self._days[lane.day].info.day
        return datetime.combine(day, time()) + timedelta(minutes=minutes)

    # -- background and header ---------------------------------------------------------------
    def _paint_background(self, data: RangeData, content_h: int) -> QPixmap:
        dpr = self.devicePixelRatioF()
        w = self.viewport().width()
        pm = QPixmap(int(w * dpr), int(content_h * dpr))
        pm.setDevicePixelRatio(dpr)
        pm.fill(_BG)
        p = QPainter(pm)
        small = self._fonts[1]
        p.setFont(small)
        fm = QFontMetrics(small)
        today = self.now_provider().date()
        for d in self._days:
            col = QRectF(d.x, 0, d.w, content_h)
            if d.collapsed:
                p.fillRect(col, _CLOSED_BG)
                continue
            p.fillRect(col, _OFF_HOURS)
            for a, b in d.info.opening:
                y0 = self._y_of_min(a.hour * 60 + a.minute)
                y1 = self._y_of_min(b.hour * 60 + b.minute + (1 if b.second else 0))
                p.fillRect(QRectF(d.x, y0, d.w, y1 - y0), _BG)
            if d.info.day == today and len(self._days) > 1:
                p.fillRect(col, _TODAY_TINT)
        # Working hours per lane: time a practitioner does not work here is shaded.
        for lane in self._lanes:
            c = lane.column
            if c is None or c.hours is None:
                continue
            d = self._days[lane.day]
            wd = d.info.day.weekday()
            for a, b in d.info.opening:
                oa, ob = a.hour * 60 + a.minute, b.hour * 60 + b.minute
                cursor = oa
                for wa, wb in c.hours.days[wd]:
                    s, e = wa.hour * 60 + wa.minute, wb.hour * 60 + wb.minute
                    if s > cursor:
                        p.fillRect(
                            QRectF(
                                lane.x,
                                self._y_of_min(cursor),
                                lane.w,
                                self._y_of_min(min(s, ob)) - self._y_of_min(cursor),
                            ),
                            _NOT_WORKING,
                        )
                    cursor = max(cursor, e)
                if cursor < ob:
                    p.fillRect(
                        QRectF(
                            lane.x,
                            self._y_of_min(cursor),
                            lane.w,
                            self._y_of_min(ob) - self._y_of_min(cursor),
                        ),
                        _NOT_WORKING,
                    )
        # Busy time imported from practitioners' own calendars, in their columns.
        self._paint_busy(p, data, fm)
        # Hour and half-hour lines.
        p.setPen(QPen(_HALF_LINE, 1))
        for m in range(self._start_min + 30, self._end_min, 60):
            y = round(self._y_of_min(m)) + 0.5
            p.drawLine(QPointF(GUTTER_W, y), QPointF(w, y))
        p.setPen(QPen(_HOUR_LINE, 1))
        for m in range(self._start_min, self._end_min + 1, 60):
            y = round(self._y_of_min(m)) + 0.5
            p.drawLine(QPointF(GUTTER_W - 6, y), QPointF(w, y))
        # Lane and day separators.
        p.setPen(QPen(_LANE_LINE, 1))
        for lane in self._lanes:
            if lane.column is not None and lane.x > self._days[lane.day].x + 1:
                x = round(lane.x) + 0.5
                p.drawLine(QPointF(x, 0), QPointF(x, content_h))
        p.setPen(QPen(_DAY_LINE, 1))
        for d in self._days:
            x = round(d.x) + 0.5
            p.drawLine(QPointF(x, 0), QPointF(x, content_h))
        # Holidays and closures: hatched, with the reason written down the column.
        for d in self._days:
            if not d.info.closed or d.collapsed:
                continue
            col = QRectF(d.x + 1, 0, d.w - 1, content_h)
            p.fillRect(col, QColor("#eceef1"))
            p.fillRect(col, QBrush(_HOLIDAY_HATCH, Qt.BrushStyle.BDiagPattern))
            box = QRectF(d.x + 8, 12, d.w - 16, fm.height() * 3 + 8)
            p.fillRect(box, QColor(255, 255, 255, 225))
            p.setPen(QColor(TEXT_MUTED))
            p.drawText(
                box.adjusted(4, 2, -4, -2),
                int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                d.info.closed,
            )
        # Hour labels in the gutter.
        p.setPen(QColor(TEXT_MUTED))
        for m in range(self._start_min, self._end_min, 60):
            y = self._y_of_min(m)
            p.drawText(
                QRectF(0, y + 2, GUTTER_W - 10, fm.height()),
                int(Qt.AlignmentFlag.AlignRight),
                f"{m // 60:02d}:00",
            )
        p.end()
        return pm

    def _paint_busy(self, p: QPainter, data: RangeData, fm: QFontMetrics) -> None:
        if not data.busy or self.column_mode != "practitioner":
            return
        lanes = {
            (lane.day, lane.column.key): lane for lane in self._lanes if lane.column is not None
        }
        day_index = {d.info.day: d.index for d in self._days}
        hatch = QBrush(_BUSY_HATCH, Qt.BrushStyle.FDiagPattern)
        p.setPen(QColor(TEXT_MUTED))
        for busy in data.busy:
            day = busy.start.date()
            while day <= busy.end.date():
                lane = lanes.get((day_index.get(day, -1), busy.practitioner_id))
                start = max(busy.start, datetime.combine(day, time()))
                end = min(busy.end, datetime.combine(day, time()) + timedelta(days=1))
                if lane is not None and end > start:
                    y0 = self._y_of(start)
                    y1 = self._y_of(end) if end.date() == day else self._y_of_min(24 * 60)
                    r = QRectF(lane.x + 1, max(0.0, y0), lane.w - 2, max(2.0, y1 - max(0.0, y0)))
                    p.fillRect(r, _BUSY_FILL)
                    p.fillRect(r, hatch)
                    if r.height() >= fm.height() + 2 and r.width() > 30:
                        label = "Busy" + (f": {busy.summary}" if busy.summary else "")
                        label = fm.elidedText(
                            label, Qt.TextElideMode.ElideRight, int(r.width() - 8)
                        )
                        p.drawText(
                            r.adjusted(4, 1, -4, -1),
                            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                            label,
                        )
                day += timedelta(days=1)

    def _paint_header(self, data: RangeData) -> QPixmap:
        dpr = self.devicePixelRatioF()
        w = self.viewport().width()
        h = self._header_h
        pm = QPixmap(int(w * dpr), int(h * dpr))
        pm.setDevicePixelRatio(dpr)
        pm.fill(_HEADER_BG)
        p = QPainter(pm)
        bold, small, _small_bold, _base = self._fonts
        fb, fs = QFontMetrics(bold), QFontMetrics(small)
        today = self.now_provider().date()
        week = len(data.days) > 1
        for d in self._days:
            is_today = d.info.day == today
            if d.collapsed:
                p.setFont(small)
                p.setPen(QColor(TEXT_MUTED))
                p.drawText(
                    QRectF(d.x, 4, d.w, fs.height()),
                    int(Qt.AlignmentFlag.AlignHCenter),
                    f"{d.info.day:%a}"[:2],
                )
                p.drawText(
                    QRectF(d.x, 4 + fs.height(), d.w, fs.height()),
                    int(Qt.AlignmentFlag.AlignHCenter),
                    f"{d.info.day.day}",
                )
                continue
            if week:
                label = f"{d.info.day:%a} {d.info.day.day} {d.info.day:%b}"
                rect = QRectF(d.x, 4, d.w, fb.height() + 2)
                if is_today:
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
        if week and not self._packed:
            p.setFont(small)
            y = 8 + fb.height()
            for lane in self._lanes:
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
        elif not week:
            for lane in self._lanes:
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
                detail = c.detail + (
                    " · needles"
                    if c.may_needle and c.kind == "practitioner" and "acupunct" not in c.detail
                    else ""
                )
                detail = fs.elidedText(detail, Qt.TextElideMode.ElideRight, int(lane.w - 8))
                p.drawText(
                    QRectF(lane.x + 4, 6 + fb.height(), lane.w - 8, fs.height()),
                    int(Qt.AlignmentFlag.AlignHCenter),
                    detail,
                )
        p.setPen(QPen(_HEADER_LINE, 1))
        p.drawLine(QPointF(0, h - 0.5), QPointF(w, h - 0.5))
        for d in self._days:
            x = round(d.x) + 0.5
            p.drawLine(QPointF(x, 0), QPointF(x, h))
        p.end()
        return pm

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        vp = self.viewport()
        p = QPainter(vp)
        exposed = QRectF(event.rect())
        if self._bg is None or self.data is None:
            p.fillRect(exposed, _BG)
            if self.message:
                p.setPen(QColor(TEXT_MUTED))
                p.drawText(
                    vp.rect(),
                    int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                    self.message,
                )
            p.end()
            return
        hh = self._header_h
        scroll = self._scroll()
        body = QRectF(0, hh, vp.width(), vp.height() - hh)
        clip = exposed.intersected(body)
        if not clip.isEmpty():
            p.save()
            p.setClipRect(clip)
            p.translate(0, hh - scroll)
            src = clip.translated(0, scroll - hh)
            p.drawPixmap(
                src,
                self._bg,
                QRectF(
                    src.x() * self._bg.devicePixelRatio(),
                    src.y() * self._bg.devicePixelRatio(),
                    src.width() * self._bg.devicePixelRatio(),
                    src.height() * self._bg.devicePixelRatio(),
                ),
            )
            self._paint_blocks(p, src)
            self._paint_now(p)
            if self._drag is not None:
                _item, ghost, when, _key = self._drag
                p.fillRect(ghost, _GHOST)
                p.setPen(QPen(_TODAY, 1, Qt.PenStyle.DashLine))
                p.drawRect(ghost.adjusted(0, 0, -1, -1))
                p.setFont(self._fonts[2])
                p.setPen(QColor(TEXT))
                p.drawText(
                    ghost.adjusted(6, 2, -2, -2),
                    int(Qt.AlignmentFlag.AlignLeft),
                    f"{when:%a %H:%M}",
                )
            p.restore()
        if exposed.top() < hh and self._header is not None:
            p.drawPixmap(QPointF(0, 0), self._header)
        if self.message:
            p.fillRect(QRectF(0, hh, vp.width(), 28), QColor(255, 255, 255, 230))
            p.setPen(QColor(TEXT_MUTED))
            p.drawText(
                QRectF(0, hh, vp.width(), 28), int(Qt.AlignmentFlag.AlignCenter), self.message
            )
        p.end()
        if self._emit_painted:
            self._emit_painted = False
            self.sig_painted.emit()

    def _paint_blocks(self, p: QPainter, area: QRectF) -> None:
        fonts = self._fonts
        current_font = -1
        hatch = QColor(NO_SHOW)
        hatch.setAlpha(70)
        no_show_brush = QBrush(hatch, Qt.BrushStyle.BDiagPattern)
        for item in self._items:
            r = item.rect
            if item.chip is not None or not r.intersects(area):
                continue
            b = item.block
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
            p.setPen(
                QPen(
                    border,
                    1,
                    Qt.PenStyle.DashLine if status == "cancelled" else Qt.PenStyle.SolidLine,
                )
            )
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(r.adjusted(0, 0, -1, -1))
            p.fillRect(QRectF(r.x(), r.y(), 3, r.height()), bar)
            if b.flagged and r.width() > 24 and r.height() > 10:
                p.fillRect(QRectF(r.right() - 6, r.y() + 1, 5, 5), QColor("#e8710a"))
            for st, off, fi, colour in item.texts:
                if fi != current_font:
                    p.setFont(fonts[fi])
                    current_font = fi
                p.setPen(colour)
                p.drawStaticText(r.topLeft() + off, st)
            if b.id == self._selected:
                p.setPen(QPen(QColor(SELECTION), 2))
                p.drawRect(r.adjusted(1, 1, -1, -1))
        selected = self._by_id.get(self._selected)
        for chip in self._chips:
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
            if selected is not None and selected.chip is chip:
                p.setPen(QPen(QColor(SELECTION), 2))
                p.drawRect(r.adjusted(1, 1, -1, -1))

    def _now_y(self) -> tuple[float, _Day] | None:
        now = self.now_provider()
        for d in self._days:
            if d.info.day == now.date() and not d.collapsed:
                minutes = now.hour * 60 + now.minute
                if self._start_min <= minutes <= self._end_min:
                    return self._y_of_min(minutes), d
        return None

    def _paint_now(self, p: QPainter) -> None:
        hit = self._now_y()
        if hit is None:
            return
        y, d = hit
        p.fillRect(QRectF(d.x, y - 1, d.w, 2), QColor(NOW_LINE))
        p.fillRect(QRectF(d.x, y - 4, 4, 8), QColor(NOW_LINE))
        self._last_now_y = y

    def _tick_now(self) -> None:
        hit = self._now_y()
        ys = [y for y in (self._last_now_y, hit[0] if hit else None) if y is not None]
        for y in ys:
            r = self._to_viewport(QRectF(0, y - 6, self.viewport().width(), 12))
            self.viewport().update(r.toAlignedRect())

    def _update_item(self, item: _Item | None) -> None:
        if item is not None:
            self.viewport().update(
                self._to_viewport(item.rect.adjusted(-2, -2, 2, 2)).toAlignedRect()
            )

    def _set_selected(self, appointment_id: int) -> None:
        if appointment_id == self._selected:
            return
        old = self._by_id.get(self._selected)
        self._selected = appointment_id
        self._update_item(old)
        self._update_item(self._by_id.get(appointment_id))
        self.sig_selection_changed.emit(appointment_id)

    # -- mouse -------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position()
        item = self._item_at(pos)
        if event.button() == Qt.MouseButton.LeftButton:
            if item is not None and item.chip is not None and item.block.id == self._selected:
                # Clicking a chip again steps through the sessions listed in it.
                listed = item.chip.items
                item = listed[(listed.index(item) + 1) % len(listed)]
            self._set_selected(item.block.id if item else 0)
            self._press = (pos, item) if item is not None else None
        elif event.button() == Qt.MouseButton.RightButton and item is not None:
            self._set_selected(item.block.id)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._press is None or not (event.buttons() & Qt.MouseButton.LeftButton):
            item = self._item_at(pos)
            shape = (
                Qt.CursorShape.OpenHandCursor
                if item is not None and item.movable
                else Qt.CursorShape.ArrowCursor
            )
            self.viewport().setCursor(shape)
            return
        start, item = self._press
        if self._drag is None:
            if (
                pos - start
            ).manhattanLength() < QApplication.startDragDistance() or not item.movable:
                return
            c = self._to_content(start)
            self._drag_offset_min = (c.y() - item.rect.top()) / self._hour_h * 60
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        self._update_drag(item, pos)

    def _update_drag(self, item: _Item, pos: QPointF) -> None:
        li = self._lane_at(pos.x())
        if li is None:
            return
        lane = self._lanes[li]
        c = self._to_content(pos)
        top_y = c.y() - self._drag_offset_min / 60 * self._hour_h
        when = self._time_at(lane, top_y)
        b = item.block
        key = lane.column.key if lane.column is not None else b.column_key(self.column_mode)
        y0 = self._y_of(when)
        h = b.duration_min / 60 * self._hour_h
        ghost = QRectF(lane.x + 1, y0 + 1, lane.w - 2, max(4.0, h - 1))
        if self._drag is not None:
            self.viewport().update(
                self._to_viewport(self._drag[1].adjusted(-2, -2, 2, 2)).toAlignedRect()
            )
        self._drag = (item, ghost, when, key)
        self.viewport().update(self._to_viewport(ghost.adjusted(-2, -2, 2, 2)).toAlignedRect())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag, self._press = self._drag, None, None
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        if drag is None:
            return
        item, ghost, when, key = drag
        self.viewport().update(self._to_viewport(ghost.adjusted(-2, -2, 2, 2)).toAlignedRect())
        b = item.block
        if when != b.start or key != b.column_key(self.column_mode):
            self.sig_move_requested.emit(b.id, when, key)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        item = self._item_at(pos)
        if item is not None:
            self.sig_activated.emit(item.block.id)
            return
        li = self._lane_at(pos.x())
        if li is None or pos.y() < self._header_h:
            return
        lane = self._lanes[li]
        when = self._time_at(lane, self._to_content(pos).y() - self._hour_h / 8)
        self.sig_slot_activated.emit(when, lane.column.key if lane.column else 0)

    def contextMenuEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.reason() == event.Reason.Mouse:
            item = self._item_at(QPointF(event.pos()))  # viewport coordinates
            if item is None:
                return
            self._set_selected(item.block.id)
            self.sig_context_menu_requested.emit(item.block.id, event.globalPos())
        else:
            self.open_context_menu()

    def open_context_menu(self) -> None:
        """The context menu of the selected session, next to it (keyboard: Menu, Shift+F10)."""
        item = self._by_id.get(self._selected)
        if item is None:
            return
        self.ensure_visible(item)
        r = self._to_viewport(item.rect)
        self.sig_context_menu_requested.emit(
            item.block.id, self.viewport().mapToGlobal(r.center().toPoint())
        )

    def viewportEvent(self, e) -> bool:  # type: ignore[no-untyped-def]
        if e.type() == e.Type.ToolTip:
            item = self._item_at(QPointF(e.pos()))
            if item is not None and item.chip is not None:
                lines = [
                    f"{it.block.start:%H:%M}–{it.block.end:%H:%M}  {it.block.patient_name}"
                    f"  {it.block.progress}  ·  {self._name_of(it.block, 'practitioner')}"
                    for it in item.chip.items
                ]
                QToolTip.showText(
                    e.globalPos(),
                    f"{len(lines)} more at this time (click or use the arrow keys to select):\n"
                    + "\n".join(lines),
                    self.viewport(),
                )
            elif item is not None:
                b = item.block
                QToolTip.showText(
                    e.globalPos(),
                    block_tooltip(b, self._name_of(b, "practitioner"), self._name_of(b, "room")),
                    self.viewport(),
                )
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(e)

    def _name_of(self, b: Block, what: str) -> str:
        data = self.data
        if data is None:
            return ""
        key = b.practitioner_id if what == "practitioner" else b.room_id
        for c in data.columns(what):
            if c.key == key:
                return c.name
        return ""

    # -- keyboard ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers()
        if key == Qt.Key.Key_Escape and self._drag is not None:
            drag, self._drag, self._press = self._drag, None, None
            self.viewport().update(
                self._to_viewport(drag[1].adjusted(-2, -2, 2, 2)).toAlignedRect()
            )
            return
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._move_selection(key)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected:
            self.sig_activated.emit(self._selected)
            return
        if key == Qt.Key.Key_Menu or (
            key == Qt.Key.Key_F10 and mods & Qt.KeyboardModifier.ShiftModifier
        ):
            self.open_context_menu()
            return
        if key == Qt.Key.Key_PageUp:
            self.sig_navigate.emit(-1)
            return
        if key == Qt.Key.Key_PageDown:
            self.sig_navigate.emit(1)
            return
        super().keyPressEvent(event)

    def _move_selection(self, key: int) -> None:
        if not self._items:
            return
        order = sorted(self._items, key=lambda it: (it.lane, it.block.start, it.rect.x()))
        cur = self._by_id.get(self._selected)
        if cur is None:
            now = self.now_provider()
            upcoming = [
                it
                for it in sorted(self._items, key=lambda it: it.block.start)
                if it.block.end >= now
            ]
            target = upcoming[0] if upcoming else order[0]
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            same = [it for it in order if it.lane == cur.lane]
            i = same.index(cur) + (1 if key == Qt.Key.Key_Down else -1)
            if not 0 <= i < len(same):
                return
            target = same[i]
        else:
            step = 1 if key == Qt.Key.Key_Right else -1
            lanes = sorted({it.lane for it in self._items})
            pos = lanes.index(cur.lane) + step
            if not 0 <= pos < len(lanes):
                return
            lane = lanes[pos]
            cands = [it for it in order if it.lane == lane]
            t = cur.block.start.hour * 60 + cur.block.start.minute
            target = min(
                cands, key=lambda it: abs(it.block.start.hour * 60 + it.block.start.minute - t)
            )
        self._set_selected(target.block.id)
        self.ensure_visible(target)


def _clusters(blocks: list[Block]) -> list[list[Block]]:
    """Runs of sessions (sorted by start) that overlap one another, transitively."""
    out: list[list[Block]] = []
    end: datetime | None = None
    for b in blocks:
        if out and end is not None and b.start < end:
            out[-1].append(b)
            end = max(end, b.end)
        else:
            out.append([b])
            end = b.end
    return out


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
