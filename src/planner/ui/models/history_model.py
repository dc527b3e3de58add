"""The History dialog's table: one change per row, when, where, who, what, before → after."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from planner.services.history_text import ChangeLine
from planner.ui.models.rows import Index as _Index
from planner.ui.models.rows import RowTableModel, headers, when_local

ChangeRole = Qt.ItemDataRole.UserRole + 1
"""The whole :class:`~planner.services.history_text.ChangeLine` of the row."""

WHEN, DESK, USER, WHAT, CHANGES = range(5)


class HistoryModel(RowTableModel[ChangeLine]):
    HEADERS = headers(
        QT_TRANSLATE_NOOP("", "When"),
        QT_TRANSLATE_NOOP("", "Desk"),
        QT_TRANSLATE_NOOP("", "User"),
        QT_TRANSLATE_NOOP("", "What"),
        QT_TRANSLATE_NOOP("", "Before → after"),
    )

    def __init__(self, parent: Any = None, *, show_subject: bool = True) -> None:
        super().__init__(parent)
        self.show_subject = show_subject
        """Name the changed row under the action (a patient's history: their record, plans
        and sessions); a session's history names its one session in the heading instead."""

    def set_lines(self, lines: list[ChangeLine]) -> None:
        self._replace_rows(lines)

    def line(self, row: int) -> ChangeLine:
        return self._rows[row]

    def lines(self) -> list[ChangeLine]:
        return list(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self._row_at(index)
        if line is None:
            return None
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            e = line.entry
            if col == WHEN:
                return when_local(line.when)
            if col == DESK:
                return e.desk if e.program in ("", "window") else f"{e.desk} ({e.program})"
            if col == USER:
                return e.user
            if col == WHAT:
                if not self.show_subject:
                    return what_done(line)
                return f"{what_done(line)}\n{line.subject}"
            return "\n".join(line.changes) if line.changes else line.what
        if role == ChangeRole:
            return line
        return None


def what_done(line: ChangeLine) -> str:
    """The action as a person says it: ``Move``, ``Cancel and extend``, ``Undo move``."""
    action = line.entry.action.strip() or line.what
    return action[:1].upper() + action[1:]
