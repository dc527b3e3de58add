"""The week and day view of one location: a custom-painted schedule.

Time runs down, days run across. In the day view each practitioner (or room) has a column;
in the week view each day is split into one column per practitioner (or room) as long as the
columns stay wide enough to read. When they would not (a location with eleven practitioners
on a laptop screen), the week view packs each day's sessions side by side and names the
practitioner on every block; choosing fewer columns brings the one-column-each layout back.

Three parts: :mod:`~planner.ui.views.week_layout` says where everything goes (plain values,
hit testing included), :mod:`~planner.ui.views.week_painter` paints that with prepared
pixmaps and texts, and this widget holds the selection and turns mouse and keyboard input
into signals. Selection, dragging and the now-line repaint only their own rectangles.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from planner.services.schedule.values import Block, RangeData
from planner.ui.i18n import tr, ui_words
from planner.ui.models.schedule_model import ScheduleModel, block_tooltip
from planner.ui.views.week_layout import (
    EMPTY_LAYOUT,
    SNAP_MIN,
    BlockBox,
    Lane,
    Rect,
    WeekLayout,
    layout_week,
)
from planner.ui.views.week_painter import PaintedBlock, PaintedChip, WeekPainter, qrect

CURSOR_MIN = 30
"""How tall the keyboard's time cursor is drawn (it moves by quarter hours)."""


def _snap(t: datetime) -> datetime:
    """``t`` rounded down to a quarter hour."""
    return t.replace(minute=t.minute - t.minute % SNAP_MIN, second=0, microsecond=0)


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
    """An empty time was double-clicked, or Enter was pressed on the time cursor:
    (local start as datetime, column key or 0)."""
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
        self.setAccessibleName(tr("Schedule"))

        self.column_mode = "practitioner"
        self.shown_columns: set[int] | None = None
        self.show_off = False
        """The day view shows practitioners who are off that day (View menu)."""
        self.now_provider: Callable[[], datetime] = datetime.now
        self.message = ""

        self._layout: WeekLayout = EMPTY_LAYOUT
        self._painter = WeekPainter()
        self._selected = 0
        self._press: tuple[QPointF, BlockBox] | None = None
        self._drag: tuple[BlockBox, QRectF, datetime, int] | None = None
        """While dragging: the session, its ghost (content coordinates), the time and the
        column key it would be dropped at."""
        self._drag_offset_min = 0.0
        self._emit_painted = False
        self._cursor: tuple[int, datetime] | None = None
        """The keyboard's time cursor (Shift+arrow keys): a lane index and a local start."""

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
        return self._layout.packed

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

    def set_show_off(self, show: bool) -> None:
        """Show (True) or leave out (False) the day view's practitioners who are off."""
        if show != self.show_off:
            self.show_off = show
            self._relayout()

    def set_message(self, text: str) -> None:
        """A line shown over an empty schedule ("Loading…", "No practitioners here yet")."""
        self.message = text
        self.viewport().update()

    def select(self, appointment_id: int, *, scroll: bool = True) -> bool:
        """Select a session shown in the view; False when it is not in the loaded range."""
        box = self._layout.by_id.get(appointment_id)
        if box is None:
            self._set_selected(0)
            return False
        self._set_selected(appointment_id)
        if scroll:
            self.ensure_visible(box)
        return True

    def block_rect(self, appointment_id: int) -> QRect | None:
        """Where a session is drawn, in viewport coordinates (tests and benchmarks)."""
        box = self._layout.by_id.get(appointment_id)
        return self._to_viewport(box.rect).toAlignedRect() if box else None

    def point_for(self, day: date, at: time, column_key: int | None = None) -> QPoint | None:
        """The viewport point of a local time in a day (and column), for tests and drags."""
        hit = self._layout.point_at(day, at, column_key)
        if hit is None:
            return None
        x, y = hit
        return QPointF(x, y + (self._layout.header_h - self._scroll())).toPoint()

    @property
    def time_cursor(self) -> tuple[datetime, int] | None:
        """The keyboard's time cursor: its local start and column key (0 in a packed week)."""
        if self._cursor is None:
            return None
        li, when = self._cursor
        column = self._layout.lanes[li].column
        return when, column.key if column else 0

    def set_time_cursor(self, when: datetime, column_key: int) -> bool:
        """Put the time cursor back at a local start in the lane of its day and column (as
        :attr:`time_cursor` gave them), without scrolling; False when that lane is not shown."""
        for li, lane in enumerate(self._layout.lanes):
            column = lane.column
            if self._layout.days[lane.day].info.day == when.date() and column_key == (
                column.key if column else 0
            ):
                old = self._cursor_rect()
                self._cursor = (li, when)
                for r in (old, self._cursor_rect()):
                    if r is not None:
                        self._update_rect(r)
                return True
        return False

    def visible_items(self) -> int:
        return len(self._layout.boxes)

    def ensure_visible(self, box: BlockBox) -> None:
        top = box.rect.y
        bottom = box.rect.bottom
        sb = self.verticalScrollBar()
        body_h = self.viewport().height() - self._layout.header_h
        if top < sb.value():
            sb.setValue(int(top) - 8)
        elif bottom > sb.value() + body_h:
            sb.setValue(int(bottom - body_h) + 8)

    # -- what the painter prepared (tests look at the drawn blocks and their texts) ---------
    @property
    def _items(self) -> list[PaintedBlock]:
        return self._painter.items

    @property
    def _chips(self) -> list[PaintedChip]:
        return self._painter.chips

    @property
    def _metrics(self) -> tuple[QFontMetrics, ...]:
        return self._painter.texts.metrics

    @property
    def _lanes(self) -> tuple[Lane, ...]:
        return self._layout.lanes

    # -- layout ----------------------------------------------------------------------------
    def _on_model_reset(self, *args: object) -> None:
        self._emit_painted = True
        keep = self._selected
        self._cursor = None  # its lane may be another column or day now
        self._relayout()
        if keep and keep not in self._layout.by_id:
            self._set_selected(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:
        """A new font (the system's, or the Settings' text size): fonts, layout, texts anew."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._relayout()

    def sizeHint(self) -> QSize:
        return QSize(1100, 760)

    def _relayout(self) -> None:
        self._painter.texts.set_font(self.font())
        data = self.data
        vw = self.viewport().width()
        vh = self.viewport().height()
        if data is None or vw < 50:
            self._layout = self._layout.cleared()
            self._painter.clear()
            self.viewport().update()
            return
        bold_h, small_h = self._painter.texts.line_heights()
        layout = self._layout = layout_week(
            data,
            width=vw,
            height=vh,
            column_mode=self.column_mode,
            shown_columns=self.shown_columns,
            bold_h=bold_h,
            small_h=small_h,
            today=self.now_provider().date(),
            show_off=self.show_off,
        )
        body_h = vh - layout.header_h
        sb = self.verticalScrollBar()
        sb.setRange(0, max(0, layout.content_h - body_h))
        sb.setPageStep(max(1, body_h))
        sb.setSingleStep(int(layout.hour_h / 4))
        if self._layout is not layout:
            return  # the scroll bar's change laid the view out again already
        self._painter.prepare(layout, self.devicePixelRatioF())
        self.viewport().update()

    # -- coordinates -----------------------------------------------------------------------
    def _scroll(self) -> int:
        return self.verticalScrollBar().value()

    def _to_viewport(self, r: QRectF | Rect) -> QRectF:
        q = r if isinstance(r, QRectF) else qrect(r)
        return q.translated(0, self._layout.header_h - self._scroll())

    def _to_content(self, p: QPointF) -> QPointF:
        return QPointF(p.x(), p.y() - self._layout.header_h + self._scroll())

    def _box_at(self, pos: QPointF) -> BlockBox | None:
        """The session at a viewport point (none over the header)."""
        if pos.y() < self._layout.header_h:
            return None
        c = self._to_content(pos)
        return self._layout.box_at(c.x(), c.y(), self._selected)

    def _update_rect(self, r: QRectF | Rect) -> None:
        """Repaint a content rectangle and the selection outline around it."""
        q = r if isinstance(r, QRectF) else qrect(r)
        self.viewport().update(self._to_viewport(q.adjusted(-2, -2, 2, 2)).toAlignedRect())

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        vp = self.viewport()
        p = QPainter(vp)
        exposed = QRectF(event.rect())
        if not self._painter.ready or self.data is None:
            self._painter.paint_empty(p, exposed, vp.rect(), self.message)
            p.end()
            return
        self._painter.paint(
            p,
            exposed,
            self._layout,
            width=vp.width(),
            height=vp.height(),
            scroll=self._scroll(),
            selected=self._selected,
            now=self.now_provider(),
            ghost=self._ghost(),
            message=self.message,
        )
        p.end()
        if self._emit_painted:
            self._emit_painted = False
            self.sig_painted.emit()

    def _ghost(self) -> tuple[QRectF, datetime] | None:
        """What the painter outlines: the dragged session's landing, else the time cursor."""
        if self._drag is not None:
            return self._drag[1], self._drag[2]
        rect = self._cursor_rect()
        return (rect, self._cursor[1]) if rect is not None and self._cursor else None

    def _cursor_rect(self) -> QRectF | None:
        if self._cursor is None or not 0 <= self._cursor[0] < len(self._layout.lanes):
            return None
        li, when = self._cursor
        return qrect(self._layout.ghost(self._layout.lanes[li], when, CURSOR_MIN))

    def _tick_now(self) -> None:
        hit = self._layout.now_line(self.now_provider())
        ys = [y for y in (self._painter.last_now_y, hit[0] if hit else None) if y is not None]
        for y in ys:
            r = self._to_viewport(QRectF(0, y - 6, self.viewport().width(), 12))
            self.viewport().update(r.toAlignedRect())

    def _set_selected(self, appointment_id: int) -> None:
        if appointment_id == self._selected:
            return
        old = self._layout.by_id.get(self._selected)
        self._selected = appointment_id
        new = self._layout.by_id.get(appointment_id)
        for box in (old, new):
            if box is not None:
                self._update_rect(box.rect)
        self.sig_selection_changed.emit(appointment_id)

    # -- mouse -------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._set_cursor(None)
        pos = event.position()
        box = self._box_at(pos)
        if event.button() == Qt.MouseButton.LeftButton:
            if box is not None and box.chip is not None and box.block.id == self._selected:
                # Clicking a chip again steps through the sessions listed in it.
                box = self._layout.next_in_chip(box)
            self._set_selected(box.block.id if box else 0)
            self._press = (pos, box) if box is not None else None
        elif event.button() == Qt.MouseButton.RightButton and box is not None:
            self._set_selected(box.block.id)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._press is None or not (event.buttons() & Qt.MouseButton.LeftButton):
            box = self._box_at(pos)
            shape = (
                Qt.CursorShape.OpenHandCursor
                if box is not None and box.movable
                else Qt.CursorShape.ArrowCursor
            )
            self.viewport().setCursor(shape)
            return
        start, box = self._press
        if self._drag is None:
            if (
                pos - start
            ).manhattanLength() < QApplication.startDragDistance() or not box.movable:
                return
            c = self._to_content(start)
            self._drag_offset_min = (c.y() - box.rect.y) / self._layout.hour_h * 60
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        self._update_drag(box, pos)

    def _update_drag(self, box: BlockBox, pos: QPointF) -> None:
        layout = self._layout
        li = layout.lane_at(pos.x())
        if li is None:
            return
        lane = layout.lanes[li]
        top_y = self._to_content(pos).y() - self._drag_offset_min / 60 * layout.hour_h
        when = layout.time_at(lane, top_y)
        b = box.block
        key = lane.column.key if lane.column is not None else b.column_key(self.column_mode)
        ghost = qrect(layout.ghost(lane, when, b.duration_min))
        if self._drag is not None:
            self._update_rect(self._drag[1])
        self._drag = (box, ghost, when, key)
        self._update_rect(ghost)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag, self._press = self._drag, None, None
        self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
        if drag is None:
            return
        box, ghost, when, key = drag
        self._update_rect(ghost)
        b = box.block
        if when != b.start or key != b.column_key(self.column_mode):
            self.sig_move_requested.emit(b.id, when, key)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        box = self._box_at(pos)
        if box is not None:
            self.sig_activated.emit(box.block.id)
            return
        layout = self._layout
        li = layout.lane_at(pos.x())
        if li is None or pos.y() < layout.header_h:
            return
        lane = layout.lanes[li]
        when = layout.time_at(lane, self._to_content(pos).y() - layout.hour_h / 8)
        self.sig_slot_activated.emit(when, lane.column.key if lane.column else 0)

    def contextMenuEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.reason() == event.Reason.Mouse:
            box = self._box_at(QPointF(event.pos()))  # viewport coordinates
            if box is None:
                return
            self._set_selected(box.block.id)
            self.sig_context_menu_requested.emit(box.block.id, event.globalPos())
        else:
            self.open_context_menu()

    def open_context_menu(self) -> None:
        """The context menu of the selected session, next to it (keyboard: Menu, Shift+F10)."""
        box = self._layout.by_id.get(self._selected)
        if box is None:
            return
        self.ensure_visible(box)
        r = self._to_viewport(box.rect)
        self.sig_context_menu_requested.emit(
            box.block.id, self.viewport().mapToGlobal(r.center().toPoint())
        )

    def viewportEvent(self, e) -> bool:  # type: ignore[no-untyped-def]
        if e.type() == e.Type.ToolTip:
            box = self._box_at(QPointF(e.pos()))
            if box is not None:
                QToolTip.showText(e.globalPos(), self._tooltip(box), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(e)

    def _tooltip(self, box: BlockBox) -> str:
        if box.chip is None:
            b = box.block
            return block_tooltip(b, self._name_of(b, "practitioner"), self._name_of(b, "room"))
        w = ui_words()
        lines = [
            f"{w.time(b.start)}–{w.time(b.end)}  {b.patient_name}"
            f"  {b.progress}  ·  {self._name_of(b, 'practitioner')}"
            for b in box.chip.blocks
        ]
        head = tr("%n more at this time (click or use the arrow keys to select):", "", len(lines))
        return head + "\n" + "\n".join(lines)

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
            self._update_rect(drag[1])
            return
        if key == Qt.Key.Key_Escape and self._cursor is not None:
            self._set_cursor(None)
            return
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            super().keyPressEvent(event)
            return
        arrows = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)
        if key in arrows and mods & Qt.KeyboardModifier.ShiftModifier:
            self._move_cursor(key)
            return
        if key in arrows:
            self._set_cursor(None)
            self._move_selection(key)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._cursor is not None:
            self._activate_cursor()
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

    # -- the time cursor: Shift+arrows walk empty time, Enter books there -------------------
    def _set_cursor(self, cursor: tuple[int, datetime] | None) -> None:
        old = self._cursor_rect()
        self._cursor = cursor
        new = self._cursor_rect()
        for r in (old, new):
            if r is not None:
                self._update_rect(r)
        if new is not None:
            self._scroll_to(new)

    def _move_cursor(self, key: int) -> None:
        """Shift+Up/Down: a quarter hour earlier or later; Shift+Left/Right: the lane beside.

        The cursor starts on the selected session (its lane, after it for Shift+Down), else at
        the current time in today's first lane, else at the top of the first open day.
        """
        layout = self._layout
        lanes = [i for i, lane in enumerate(layout.lanes) if not layout.days[lane.day].collapsed]
        if not lanes:
            return
        if self._cursor is None:
            self._set_cursor(self._cursor_start(lanes, key))
            return
        li, when = self._cursor
        step = timedelta(minutes=SNAP_MIN)
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            when += step if key == Qt.Key.Key_Down else -step
            day = when.date()
            first = datetime.combine(day, time()) + timedelta(minutes=layout.start_min)
            last = datetime.combine(day, time()) + timedelta(minutes=layout.end_min - CURSOR_MIN)
            if not first <= when <= last or day != self._cursor[1].date():
                return
        else:
            pos = lanes.index(li) if li in lanes else 0
            pos += 1 if key == Qt.Key.Key_Right else -1
            if not 0 <= pos < len(lanes):
                return
            li = lanes[pos]
            day = layout.days[layout.lanes[li].day].info.day
            when = datetime.combine(day, when.time())
        self._set_selected(0)
        self._set_cursor((li, when))

    def _cursor_start(self, lanes: list[int], key: int) -> tuple[int, datetime]:
        layout = self._layout
        box = layout.by_id.get(self._selected)
        if box is not None and box.lane in lanes:
            b = box.block
            when = b.end if key == Qt.Key.Key_Down else b.start
            return box.lane, _snap(when)
        now = self.now_provider()
        for li in lanes:
            if layout.days[layout.lanes[li].day].info.day == now.date():
                lo = datetime.combine(now.date(), time()) + timedelta(minutes=layout.start_min)
                return li, max(lo, _snap(now))
        li = lanes[0]
        day = layout.days[layout.lanes[li].day].info.day
        return li, datetime.combine(day, time()) + timedelta(minutes=layout.start_min)

    def _activate_cursor(self) -> None:
        """Enter on the time cursor: the session there, or book at that empty time."""
        rect = self._cursor_rect()
        if rect is None or self._cursor is None:
            return
        li, when = self._cursor
        box = self._layout.box_at(rect.x() + rect.width() / 2, rect.y() + 2, self._selected)
        if box is not None:
            self._set_cursor(None)
            self._set_selected(box.block.id)
            self.sig_activated.emit(box.block.id)
            return
        column = self._layout.lanes[li].column
        self.sig_slot_activated.emit(when, column.key if column else 0)

    def _scroll_to(self, r: QRectF) -> None:
        sb = self.verticalScrollBar()
        body_h = self.viewport().height() - self._layout.header_h
        if r.top() < sb.value():
            sb.setValue(int(r.top()) - 8)
        elif r.bottom() > sb.value() + body_h:
            sb.setValue(int(r.bottom() - body_h) + 8)

    def _move_selection(self, key: int) -> None:
        boxes = self._layout.boxes
        if not boxes:
            return
        order = sorted(boxes, key=lambda it: (it.lane, it.block.start, it.rect.x))
        cur = self._layout.by_id.get(self._selected)
        if cur is None:
            now = self.now_provider()
            upcoming = [
                it for it in sorted(boxes, key=lambda it: it.block.start) if it.block.end >= now
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
            lanes = sorted({it.lane for it in boxes})
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
