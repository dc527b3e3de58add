"""A small chart of scores (0-10) across a plan's sessions, painted with QPainter.

One slot per session that is not cancelled, in order: ``A`` (assessment), ``1``..``9``
(treatments), ``R`` (reassessment), ``F`` (follow-up). A no-show is marked with a red cross
under its slot, a session still to come has a grey label. Each series (a region's pain, or a
whole-body measure) is a line through its scored sessions; its baseline is a ring, with a
dashed line at the baseline's level, and the series is named at its right end with its
change from baseline (``Lower back −41 %``). A dotted gap on the axis marks the long wait
before the follow-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from planner.core.outcomes import format_change
from planner.services.progress import Series, Slot
from planner.ui.i18n import language, tr
from planner.ui.models.progress_model import series_label
from planner.ui.style import KIND_GLYPHS

PALETTE = (
    "#1f77d0",
    "#d9480f",
    "#2b8a3e",
    "#7048e8",
    "#c2255c",
    "#0b7285",
    "#e67700",
    "#495057",
)
GRID = QColor("#e3e7ec")
AXIS = QColor("#9aa5b1")
MUTED = QColor("#5f6670")
INK = QColor("#1f2328")
NO_SHOW = QColor("#c62828")
BASELINE_BAND = QColor("#f1ecfb")


@dataclass(frozen=True)
class ChartSeries:
    """A series as the chart draws it: the figures of :class:`Series` and a colour."""

    series: Series
    colour: QColor

    @property
    def label(self) -> str:
        """``Lower back −41 %`` / ``Korsrygg −41 %`` (the name alone while there is no change
        yet), in the window's language."""
        s = self.series
        name = series_label(s)
        if s.change_pct is None:
            return name
        return f"{name} {format_change(s.change_pct)}"


@lru_cache(maxsize=256)
def _slot_label(kind: str, number: int, of: int, lang: str) -> str:
    """A slot on the axis: ``3`` for a treatment, else its kind's letter in the window's
    language ``lang`` (``A``/``U``), numbered when the kind has several (``R2``/``K2``)."""
    if kind == "treatment":
        return str(number)
    letter = KIND_GLYPHS.get(kind, "?")
    return letter if of == 1 else f"{letter}{number}"


def slot_label(s: Slot) -> str:
    """What the axis says under a slot (:func:`_slot_label`)."""
    return _slot_label(s.kind, s.number, s.of, language())


class ProgressChart(QWidget):
    """Scores 0-10 by session; see the module docstring."""

    def __init__(self, parent: QWidget | None = None, *, empty_text: str = "") -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.slots: list[Slot] = []
        self.lines: list[ChartSeries] = []
        self.empty_text = empty_text or tr(
            "No scores yet: they appear as sessions are marked attended."
        )
        self.y_max = 10
        self.setAccessibleName(tr("Progress chart"))

    def set_data(self, slots: Sequence[Slot], series: Sequence[Series]) -> None:
        self.slots = list(slots)
        self.lines = [
            ChartSeries(s, QColor(PALETTE[i % len(PALETTE)])) for i, s in enumerate(series)
        ]
        self.setAccessibleDescription("; ".join(c.label for c in self.lines if c.series.points))
        self.update()

    def figures(self) -> dict[str, float | None]:
        """Each drawn series' change from baseline (what its end label says), by key."""
        return {c.series.key: c.series.change_pct for c in self.lines if c.series.points}

    def end_labels(self) -> dict[str, str]:
        return {c.series.key: c.label for c in self.lines if c.series.points}

    def sizeHint(self) -> QSize:
        return QSize(640, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 180)

    # -- geometry -----------------------------------------------------------------------------
    def _label_width(self) -> float:
        fm = QFontMetricsF(self._bold())
        widths = [fm.horizontalAdvance(c.label) for c in self.lines if c.series.points]
        return min(max(widths, default=0.0) + 30, self.width() * 0.4)

    def plot_rect(self) -> QRectF:
        fm = QFontMetricsF(self.font())
        left = fm.horizontalAdvance("10") + 14
        bottom = fm.height() * 2 + 10
        top = fm.height() * 0.6 + 6
        return QRectF(
            left,
            top,
            max(10.0, self.width() - left - self._label_width()),
            max(10.0, self.height() - top - bottom),
        )

    def slot_x(self, index: int) -> float:
        r = self.plot_rect()
        n = max(1, len(self.slots))
        step = r.width() / n
        return r.left() + step * (index + 0.5)

    def value_y(self, value: float) -> float:
        r = self.plot_rect()
        return r.bottom() - r.height() * value / self.y_max

    def point_position(self, key: str, slot: int) -> QPointF:
        """Where a series' point for a slot is drawn (for tests)."""
        for c in self.lines:
            if c.series.key == key:
                for p in c.series.points:
                    if p.slot == slot:
                        return QPointF(self.slot_x(p.slot), self.value_y(p.value))
        raise KeyError((key, slot))

    def _bold(self) -> QFont:
        f = QFont(self.font())
        f.setBold(True)
        return f

    # -- painting -----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(self.rect(), self.palette().base())
        r = self.plot_rect()
        fm = QFontMetricsF(self.font())
        self._paint_baseline_band(p, r, fm)
        self._paint_grid(p, r, fm)
        self._paint_axis(p, r, fm)
        drawn = [c for c in self.lines if c.series.points]
        if not drawn:
            p.setPen(MUTED)
            p.drawText(
                r, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.empty_text
            )
            p.end()
            return
        for c in drawn:
            self._paint_series(p, c)
        self._paint_end_labels(p, r, drawn)
        p.end()

    def _baseline_slots(self) -> set[int]:
        """Slots shaded as the baseline: the assessment's (a region first scored later has
        its baseline ring, but no band)."""
        return {
            c.series.baseline_slot
            for c in self.lines
            if c.series.baseline_slot is not None and c.series.baseline_from == "assessment"
        }

    def _paint_baseline_band(self, p: QPainter, r: QRectF, fm: QFontMetricsF) -> None:
        if not self.slots:
            return
        step = r.width() / len(self.slots)
        for i in sorted(self._baseline_slots()):
            x = self.slot_x(i)
            band = QRectF(x - step / 2, r.top(), step, r.height())
            p.fillRect(band, BASELINE_BAND)
        main = next(
            (c.series.baseline_slot for c in self.lines if c.series.baseline_from == "assessment"),
            None,
        )
        if main is not None:
            small = QFont(self.font())
            small.setPointSizeF(max(6.5, small.pointSizeF() * 0.8))
            p.setFont(small)
            p.setPen(QColor("#7b55c7"))
            x = self.slot_x(main)
            p.drawText(
                QRectF(x - step / 2 - 40, 0, step + 80, r.top()),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                tr("baseline", "over the chart's baseline session"),
            )
            p.setFont(self.font())

    def _paint_grid(self, p: QPainter, r: QRectF, fm: QFontMetricsF) -> None:
        for v in range(0, self.y_max + 1, 2):
            y = self.value_y(v)
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
            p.setPen(MUTED)
            p.drawText(
                QRectF(0, y - fm.height() / 2, r.left() - 6, fm.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(v),
            )

    def _paint_axis(self, p: QPainter, r: QRectF, fm: QFontMetricsF) -> None:
        p.setPen(QPen(AXIS, 1))
        p.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()))
        if not self.slots:
            return
        step = r.width() / len(self.slots)
        for s in self.slots:
            x = self.slot_x(s.index)
            label_rect = QRectF(x - step / 2, r.bottom() + 4, step, fm.height())
            future = s.status == "booked"
            f = QFont(self.font())
            f.setBold(s.kind != "treatment")
            p.setFont(f)
            p.setPen(AXIS if future else INK)
            p.drawText(label_rect, int(Qt.AlignmentFlag.AlignCenter), slot_label(s))
            if s.status == "no-show":
                c = QPointF(x, r.bottom() + 6 + fm.height() * 1.45)
                d = 3.5
                p.setPen(QPen(NO_SHOW, 1.6))
                p.drawLine(c + QPointF(-d, -d), c + QPointF(d, d))
                p.drawLine(c + QPointF(-d, d), c + QPointF(d, -d))
            # The long wait before a follow-up: a break in the axis.
            if s.kind == "follow-up" and s.index > 0:
                bx = x - step / 2
                p.setPen(QPen(AXIS, 1))
                for dx in (-2.5, 2.5):
                    p.drawLine(
                        QPointF(bx + dx - 3, r.bottom() + 4), QPointF(bx + dx + 3, r.bottom() - 4)
                    )
                p.setPen(QPen(GRID, 1, Qt.PenStyle.DotLine))
                p.drawLine(QPointF(bx, r.top()), QPointF(bx, r.bottom()))
        p.setFont(self.font())

    def _paint_series(self, p: QPainter, c: ChartSeries) -> None:
        s = c.series
        pts = [QPointF(self.slot_x(pt.slot), self.value_y(pt.value)) for pt in s.points]
        colour = QColor(c.colour)
        if s.baseline is not None and s.baseline_slot is not None:
            faint = QColor(colour)
            faint.setAlpha(110)
            p.setPen(QPen(faint, 1, Qt.PenStyle.DashLine))
            y = self.value_y(s.baseline)
            p.drawLine(
                QPointF(self.slot_x(s.baseline_slot), y), QPointF(self.plot_rect().right(), y)
            )
        # Consecutive scored sessions are joined solid; across a gap the line is dotted.
        for a, b, pa, pb in zip(s.points, s.points[1:], pts, pts[1:], strict=False):
            gap = any(sl.index > a.slot and sl.index < b.slot for sl in self.slots)
            pen = QPen(
                colour,
                2.2 if not gap else 1.4,
                Qt.PenStyle.SolidLine if not gap else Qt.PenStyle.DotLine,
            )
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.drawLine(pa, pb)
        for pt, pos in zip(s.points, pts, strict=True):
            if pt.slot == s.baseline_slot:
                p.setPen(QPen(colour, 2))
                p.setBrush(self.palette().base())
                p.drawEllipse(pos, 5.5, 5.5)
            else:
                p.setPen(QPen(self.palette().base().color(), 1.2))
                p.setBrush(colour)
                p.drawEllipse(pos, 3.8, 3.8)
        p.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_end_labels(self, p: QPainter, r: QRectF, drawn: list[ChartSeries]) -> None:
        """Name each series at the right, at the height of its last point, without overlaps."""
        fm = QFontMetricsF(self._bold())
        h = fm.height()
        order = sorted(drawn, key=lambda c: self.value_y(c.series.points[-1].value))
        ys = [self.value_y(c.series.points[-1].value) for c in order]
        # Push labels apart (downwards, then back up if they run off the bottom).
        for i in range(1, len(ys)):
            ys[i] = max(ys[i], ys[i - 1] + h)
        bottom = r.bottom() + h / 2
        for i in range(len(ys) - 1, -1, -1):
            limit = bottom if i == len(ys) - 1 else ys[i + 1] - h
            ys[i] = min(ys[i], limit)
        p.setFont(self._bold())
        for y, c in zip(ys, order, strict=True):
            x = r.right() + 22
            pen = QPen(c.colour, 2.2)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.drawLine(QPointF(r.right() + 6, y), QPointF(r.right() + 16, y))
            p.setPen(c.colour)
            text = fm.elidedText(c.label, Qt.TextElideMode.ElideMiddle, self.width() - x - 2)
            p.drawText(
                QRectF(x, y - h / 2, self.width() - x, h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
        p.setFont(self.font())
