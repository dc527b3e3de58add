"""Bases for the window's flat models: rows held as a list and replaced wholesale.

Each model keeps its own public setter (``set_rows``, ``set_sessions``...), its named roles and
its ``data()``; the row storage, ``rowCount``, ``columnCount``, the column headers and the
index bounds check live here once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from planner.ui.i18n import tr, ui_words

Index = QModelIndex | QPersistentModelIndex

Row = TypeVar("Row")
"""The value one row shows (a frozen dataclass from the services)."""


class RowListModel(QAbstractListModel, Generic[Row]):
    """One column; ``self._rows`` holds one value per row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def _replace_rows(self, rows: Iterable[Row]) -> None:
        """Swap in new rows, bracketed by a model reset."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def _row_at(self, index: Index) -> Row | None:
        """The row value behind ``index``, or None when the index is not one of ours."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        return self._rows[index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)


def headers(*texts: object) -> tuple[str, ...]:
    """Column headers marked with ``QT_TRANSLATE_NOOP("", ...)`` (shown translated)."""
    return tuple(str(t) for t in texts)


def when_local(when: datetime) -> str:
    """A local date and time in the window's language: ``Wed, 2 Dec 2026 09:41``
    (``ons. 2. des. 2026 09:41``)."""
    w = ui_words()
    return " ".join((w.skeleton("yMMMEd", when), w.time(when)))


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Columns named by ``HEADERS`` (English, marked with ``QT_TRANSLATE_NOOP``: shown in the
    window's language); ``self._rows`` holds one value per row."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def _replace_rows(self, rows: Iterable[Row]) -> None:
        """Swap in new rows, bracketed by a model reset."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def _row_at(self, index: Index) -> Row | None:
        """The row value behind ``index``, or None when the index is not one of ours."""
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self._rows)
            or not 0 <= index.column() < len(self.HEADERS)
        ):
            return None
        return self._rows[index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            header = self.HEADERS[section]
            return tr(header) if header else header
        return None
