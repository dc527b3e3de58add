"""A one-line key to the schedule's colours, for the status bar."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from planner.ui.style import KIND_COLOURS, NO_SHOW, TEXT_MUTED

_ENTRIES = (
    ("assessment", "Assessment"),
    ("treatment", "Treatment"),
    ("reassessment", "Reassessment"),
    ("follow-up", "Follow-up"),
)


class Legend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip(
            "Faded blocks were attended (✓); hatched red ones were no-shows; "
            "an orange corner marks screening flags"
        )

    def _items(self) -> list[tuple[str, str, str]]:
        items = [(k, label, "booked") for k, label in _ENTRIES]
        items.append(("treatment", "Attended ✓", "attended"))
        items.append(("treatment", "No-show", "no-show"))
        items.append(("treatment", "Screening flags", "flagged"))
        return items

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        w = sum(fm.horizontalAdvance(label) + 26 for _k, label, _s in self._items())
        return QSize(w, fm.height() + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        fm = self.fontMetrics()
        x = 0.0
        h = self.height()
        for kind, label, status in self._items():
            strong, pale = (QColor(c) for c in KIND_COLOURS[kind])
            chip = QRectF(x, (h - 12) / 2, 14, 12)
            if status == "attended":
                pale.setAlpha(150)
                strong.setAlpha(120)
            p.fillRect(chip, QColor("#ffffff"))
            p.fillRect(chip, pale)
            if status == "no-show":
                p.fillRect(chip, QColor("#fbe9e9"))
                hatch = QColor(NO_SHOW)
                hatch.setAlpha(110)
                p.fillRect(chip, QBrush(hatch, Qt.BrushStyle.BDiagPattern))
                strong = QColor(NO_SHOW)
            p.fillRect(QRectF(chip.x(), chip.y(), 3, chip.height()), strong)
            if status == "flagged":
                p.fillRect(QRectF(chip.right() - 5, chip.y(), 5, 5), QColor("#e8710a"))
            p.setPen(QColor(TEXT_MUTED))
            p.drawText(
                QRectF(x + 18, 0, fm.horizontalAdvance(label) + 4, h),
                int(Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            x += fm.horizontalAdvance(label) + 26
        p.end()
