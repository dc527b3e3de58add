"""The progress panel's table: each region's and measure's baseline, latest, change and
milestones (the same figures as ``planner plan progress``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from planner.core.outcomes import format_change
from planner.services.progress import Milestone, Series
from planner.ui.i18n import tr, ui_words
from planner.ui.models.rows import Index as _Index
from planner.ui.models.rows import RowTableModel
from planner.ui.style import regions_text

SeriesKeyRole = Qt.ItemDataRole.UserRole + 1
"""The region code or measure of the row."""
ChangeRole = Qt.ItemDataRole.UserRole + 2
"""The change from baseline in per cent (float or None), as in the JSON."""

BETTER = "#2e7d32"
WORSE = "#c62828"


class ProgressFiguresModel(RowTableModel[Series]):
    HEADERS = ("", "Baseline", "Latest", "Change", "Week 10", "Follow-up")
    """The columns (shown in the window's language by :meth:`headerData`)."""

    def set_series(self, series: list[Series]) -> None:
        self._replace_rows(series)

    def series(self, row: int) -> Series:
        return self._rows[row]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return {
                0: "",
                1: tr("Baseline"),
                2: tr("Latest"),
                3: tr("Change", "a column: the change since the baseline"),
                4: tr("Week 10"),
                5: tr("Follow-up"),
            }.get(section)
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return {
                1: tr("The score at the assessment, or the first scored session"),
                2: tr("The last score after the baseline"),
                3: tr("Latest against baseline, in per cent of the baseline"),
                4: tr("At the week-10 reassessment"),
                5: tr("At the 12-month follow-up"),
            }.get(section)
        return super().headerData(section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        s = self._row_at(index)
        if s is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(s, col)
        if role == SeriesKeyRole:
            return s.key
        if role == ChangeRole:
            return s.change_pct
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 3 and s.improved is not None:
            return QColor(BETTER if s.improved else WORSE)
        if role == Qt.ItemDataRole.FontRole and col == 3:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            if s.baseline_from == "first-scored-session":
                return tr("Baseline: its first scored session (not scored at the assessment)")
            if s.higher_is_better:
                return tr("Higher is better")
        return None

    @staticmethod
    def _text(s: Series, col: int) -> str:
        def ms(m: Milestone | None) -> str:
            return f"{m.value}  ({format_change(m.change_pct)})" if m else "–"

        if col == 0:
            return series_label(s) + (
                "" if s.target or s.higher_is_better or _is_measure(s) else " *"
            )
        if col == 1:
            return "–" if s.baseline is None else str(s.baseline)
        if col == 2:
            return "–" if s.latest is None else str(s.latest)
        if col == 3:
            return format_change(s.change_pct)
        if col == 4:
            return ms(s.reassessment)
        return ms(s.follow_up)


def series_label(s: Series) -> str:
    """A region's or a measure's name in the window's language."""
    from planner.core import vocabulary
    from planner.core.outcomes import Measure

    if s.key in {m.value for m in Measure}:
        return vocabulary.measure(Measure(s.key), ui_words())
    return regions_text((s.key,)) if s.key else s.label


def _is_measure(s: Series) -> bool:
    from planner.core.outcomes import Measure

    return s.key in {m.value for m in Measure}
