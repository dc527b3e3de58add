"""A one-line key to the schedule's colours, letters and patterns, for the status bar.

Each entry is drawn as the week view draws a block: the kind's pale fill and strong bar, its
letter (A, T, R, F) and the status's sign (✓ attended, ✗ no-show, – cancelled), the no-show
hatch and the cancelled dashed border, so the key reads without telling colours apart.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from planner.core import vocabulary
from planner.core.domain import Kind
from planner.ui.i18n import arg, language, tr, ui_words
from planner.ui.style import KIND_COLOURS, KIND_GLYPHS, NO_SHOW, TEXT, TEXT_MUTED, kind_glyph

ENTRIES = (
    ("assessment", "booked", "Assessment"),
    ("treatment", "booked", "Treatment"),
    ("reassessment", "booked", "Reassessment"),
    ("follow-up", "booked", "Follow-up"),
    ("treatment", "attended", "Attended"),
    ("treatment", "no-show", "No-show"),
    ("treatment", "cancelled", "Cancelled"),
    ("treatment", "flagged", "Flags"),
)
"""(kind, status, English name) of each entry; "flagged" is the orange corner, not a status.
The name shown is :func:`entry_labels`' (the window's language)."""


@lru_cache(maxsize=4)
def entry_labels(lang: str) -> tuple[str, ...]:
    """The name of each entry of :data:`ENTRIES` in the window's language ``lang``."""
    w = ui_words()
    out = []
    for kind, status, _name in ENTRIES:
        if status == "flagged":
            out.append(tr("Flags", "the legend: an orange corner marks screening flags"))
        elif status == "booked":
            out.append(vocabulary.kind(Kind(kind), w))
        else:
            out.append(vocabulary.status(status, w))
    return tuple(out)


_CHIP_W = 24


class Legend(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip(
            arg(
                tr(
                    "Each block carries its kind's letter: %1 assessment, %2 treatment, "
                    "%3 reassessment, %4 follow-up; ✓ attended (faded), ✗ no-show (hatched "
                    "red), – cancelled (dashed); an orange corner marks screening flags"
                ),
                *(KIND_GLYPHS[k] for k in ("assessment", "treatment", "reassessment", "follow-up")),
            )
        )

    def _bold(self) -> QFont:
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold)
        return font

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        w = sum(fm.horizontalAdvance(label) + _CHIP_W + 10 for label in entry_labels(language()))
        return QSize(w, fm.height() + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        fm = self.fontMetrics()
        bold = self._bold()
        x = 0.0
        h = self.height()
        labels = entry_labels(language())
        for (kind, status, _name), label in zip(ENTRIES, labels, strict=True):
            strong, pale = (QColor(c) for c in KIND_COLOURS[kind])
            chip = QRectF(x, (h - 14) / 2, _CHIP_W, 14)
            if status in ("attended", "cancelled"):
                pale.setAlpha(150 if status == "attended" else 0)
                strong = QColor("#c0c4ca") if status == "cancelled" else strong
                strong.setAlpha(120 if status == "attended" else 255)
            p.fillRect(chip, QColor("#ffffff"))
            p.fillRect(chip, pale)
            if status == "no-show":
                p.fillRect(chip, QColor("#fbe9e9"))
                hatch = QColor(NO_SHOW)
                hatch.setAlpha(110)
                p.fillRect(chip, QBrush(hatch, Qt.BrushStyle.BDiagPattern))
                strong = QColor(NO_SHOW)
            if status == "cancelled":
                p.setPen(QPen(QColor("#c0c4ca"), 1, Qt.PenStyle.DashLine))
                p.drawRect(chip.adjusted(0, 0, -1, -1))
            p.fillRect(QRectF(chip.x(), chip.y(), 3, chip.height()), strong)
            if status == "flagged":
                p.fillRect(QRectF(chip.right() - 5, chip.y(), 5, 5), QColor("#e8710a"))
            else:
                p.setFont(bold)
                p.setPen(QColor(TEXT))
                p.drawText(
                    chip.adjusted(4, 0, 0, 0),
                    int(Qt.AlignmentFlag.AlignCenter),
                    kind_glyph(kind, status),
                )
                p.setFont(self.font())
            p.setPen(QColor(TEXT_MUTED))
            p.drawText(
                QRectF(x + _CHIP_W + 4, 0, fm.horizontalAdvance(label) + 4, h),
                int(Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            x += fm.horizontalAdvance(label) + _CHIP_W + 10
        p.end()
