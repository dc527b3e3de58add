"""The new-plan dialog's preview: every proposed session with its status and reasons."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QFont

from planner.core import vocabulary
from planner.core.domain import ProposedSession
from planner.ui.i18n import tr, ui_words
from planner.ui.models.rows import Index as _Index
from planner.ui.models.rows import RowTableModel, headers, when_local
from planner.ui.style import STATE_COLOURS, STATE_LABELS

SeqRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2
LocalStartRole = Qt.ItemDataRole.UserRole + 3
ReasonCodesRole = Qt.ItemDataRole.UserRole + 4
SessionRole = Qt.ItemDataRole.UserRole + 5
"""The whole :class:`~planner.core.domain.ProposedSession`."""
ChangedRole = Qt.ItemDataRole.UserRole + 6
"""True for a session the last fix changed."""

CHANGED_FILL = "#fff3c4"
"""The background of a row the last fix changed (with a "changed" mark in its # column)."""


class ProposalModel(RowTableModel[ProposedSession]):
    HEADERS = headers(
        "#",
        QT_TRANSLATE_NOOP("", "Session"),
        QT_TRANSLATE_NOOP("", "When"),
        QT_TRANSLATE_NOOP("", "Status"),
        QT_TRANSLATE_NOOP("", "Why"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._changed: frozenset[int] = frozenset()

    def set_sessions(
        self, sessions: list[ProposedSession], changed: frozenset[int] = frozenset()
    ) -> None:
        """Show ``sessions``; ``changed`` are the seqs of those the last fix changed."""
        self.beginResetModel()
        self._rows = list(sessions)
        self._changed = changed
        self.endResetModel()

    def changed(self) -> frozenset[int]:
        """The seqs of the sessions marked as changed by the last fix."""
        return self._changed

    def sessions(self) -> list[ProposedSession]:
        return list(self._rows)

    def session(self, row: int) -> ProposedSession:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        s = self._row_at(index)
        if s is None:
            return None
        col = index.column()
        state = s.state.value
        changed = s.seq in self._changed
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"● {s.seq}" if changed else str(s.seq)
            if col == 1:
                return f"{vocabulary.kind(s.kind, ui_words())} {s.number}/{s.of}"
            if col == 2:
                when = s.local_start or s.nominal_local
                text = when_local(when)
                return text if s.local_start else f"({text})"
            if col == 3:
                return STATE_LABELS.get(state, state)
            return "; ".join(r.text(ui_words()) for r in s.reasons)
        if role == Qt.ItemDataRole.ToolTipRole and col == 4 and s.reasons:
            return "\n".join(r.text(ui_words()) for r in s.reasons)
        if role == Qt.ItemDataRole.ToolTipRole and col == 0 and changed:
            return tr("Changed by the last fix")
        if role == Qt.ItemDataRole.BackgroundRole and changed:
            return QColor(CHANGED_FILL)
        if role == ChangedRole:
            return changed
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return QColor(STATE_COLOURS.get(state, "#000000"))
        if role == Qt.ItemDataRole.FontRole and col == 3:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SeqRole:
            return s.seq
        if role == StateRole:
            return state
        if role == LocalStartRole:
            return s.local_start
        if role == ReasonCodesRole:
            return [r.code for r in s.reasons]
        if role == SessionRole:
            return s
        return None
