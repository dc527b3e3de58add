"""The series-move dialog's table: every session a move changes, old and new time, status, why."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QFont

from planner.services.booking.moves import MovedSession
from planner.ui.i18n import vocab
from planner.ui.models.rows import Index as _Index
from planner.ui.models.rows import RowTableModel, headers, when_local
from planner.ui.style import STATE_COLOURS, STATE_LABELS

AppointmentIdRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2
MovedRole = Qt.ItemDataRole.UserRole + 3
"""The whole :class:`~planner.services.booking.moves.MovedSession`."""
ChangedRole = Qt.ItemDataRole.UserRole + 4
"""True for a row the last fix changed (shown in bold)."""


def session_label(label: str) -> str:
    """The service's ``Treatment 3/9`` with its kind in the window's language."""
    kind, _, numbers = label.rpartition(" ")
    if kind and "/" in numbers:
        return f"{vocab(kind)} {numbers}"
    return vocab(label)


class MovePreviewModel(RowTableModel[MovedSession]):
    HEADERS = headers(
        QT_TRANSLATE_NOOP("", "Session"),
        QT_TRANSLATE_NOOP("", "Now"),
        QT_TRANSLATE_NOOP("", "New time"),
        QT_TRANSLATE_NOOP("", "Status"),
        QT_TRANSLATE_NOOP("", "Why"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.changed: set[int] = set()
        """Appointment ids whose new time the last fix changed."""

    def set_sessions(self, sessions: list[MovedSession], changed: set[int] | None = None) -> None:
        self.changed = set(changed or ())
        self._replace_rows(sessions)

    def session(self, row: int) -> MovedSession:
        return self._rows[row]

    def sessions(self) -> list[MovedSession]:
        return list(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        m = self._row_at(index)
        if m is None:
            return None
        col = index.column()
        state = m.state.value
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return session_label(m.label)
            if col == 1:
                return when_local(m.old_local)
            if col == 2:
                if m.new_local is None:
                    return f"({when_local(m.target_local)})"
                return when_local(m.new_local)
            if col == 3:
                return STATE_LABELS.get(state, state)
            return m.why
        if role == Qt.ItemDataRole.ToolTipRole and col == 4 and m.why:
            return m.why
        if role == Qt.ItemDataRole.ForegroundRole and col == 3:
            return QColor(STATE_COLOURS.get(state, "#000000"))
        if role == Qt.ItemDataRole.FontRole and (col == 3 or m.appointment_id in self.changed):
            f = QFont()
            f.setBold(True)
            return f
        if role == AppointmentIdRole:
            return m.appointment_id
        if role == StateRole:
            return state
        if role == MovedRole:
            return m
        if role == ChangedRole:
            return m.appointment_id in self.changed
        return None
