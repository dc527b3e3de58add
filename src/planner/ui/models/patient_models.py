"""Models of the side panel: patient search results, a patient's plans and sessions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from planner.services.schedule import PatientRow, PlanRow, SessionRow
from planner.ui.style import NO_SHOW, STATUS_LABELS, TEXT_MUTED, WARNING, flag_label, regions_text

PatientIdRole = Qt.ItemDataRole.UserRole + 1
FlagsRole = Qt.ItemDataRole.UserRole + 2
PhoneRole = Qt.ItemDataRole.UserRole + 3
PlanIdRole = Qt.ItemDataRole.UserRole + 4
StatusRole = Qt.ItemDataRole.UserRole + 5
AppointmentIdRole = Qt.ItemDataRole.UserRole + 6
StartRole = Qt.ItemDataRole.UserRole + 7
LocationIdRole = Qt.ItemDataRole.UserRole + 8
RowRole = Qt.ItemDataRole.UserRole + 9
"""The whole row value (a frozen dataclass)."""

_Index = QModelIndex | QPersistentModelIndex


class PatientSearchModel(QAbstractListModel):
    """Patients found by the search box, by name."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PatientRow] = []

    def set_rows(self, rows: list[PatientRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def patient(self, row: int) -> PatientRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        p = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            flag = "  ⚠" if p.flags else ""
            phone = f"  ·  {p.phone}" if p.phone else ""
            return f"{p.name}{phone}{flag}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [p.name]
            if p.date_of_birth:
                lines.append(f"born {p.date_of_birth:%d %b %Y}")
            if p.chart_number:
                lines.append(f"chart {p.chart_number}")
            if p.flags:
                lines.append("Screening: " + ", ".join(flag_label(f) for f in p.flags))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and p.flags:
            return QColor(WARNING)
        if role == PatientIdRole:
            return p.id
        if role == FlagsRole:
            return list(p.flags)
        if role == PhoneRole:
            return p.phone
        if role == RowRole:
            return p
        return None


class PlansModel(QAbstractListModel):
    """The selected patient's plans, newest last, with their progress."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PlanRow] = []

    def set_rows(self, rows: list[PlanRow] | tuple[PlanRow, ...]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def plan(self, row: int) -> PlanRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        p = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            status = "" if p.status == "active" else f" · {p.status}"
            return (
                f"{p.title} · {p.done}/{p.total} attended{status}\n"
                f"{p.start:%d %b %Y} · {p.practitioner} · {p.location}"
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Regions: {regions_text(p.regions) or '-'}"
        if role == Qt.ItemDataRole.ForegroundRole and p.status != "active":
            return QColor(TEXT_MUTED)
        if role == PlanIdRole:
            return p.id
        if role == StatusRole:
            return p.status
        if role == LocationIdRole:
            return p.location_id
        if role == RowRole:
            return p
        return None


class SessionsModel(QAbstractTableModel):
    """The selected patient's sessions, one row each, in time order."""

    HEADERS = ("When", "Session", "Status")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionRow] = []

    def set_rows(self, rows: list[SessionRow] | tuple[SessionRow, ...]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def session(self, row: int) -> SessionRow:
        return self._rows[row]

    def row_of(self, appointment_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == appointment_id:
                return i
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self._rows)
            or not 0 <= index.column() < len(self.HEADERS)
        ):
            return None
        s = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"{s.start:%a %d %b %Y %H:%M}"
            if col == 1:
                return s.label
            return STATUS_LABELS.get(s.status, s.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{s.label} · {s.duration_min} min with {s.practitioner} at {s.location}"]
            if s.treated:
                lines.append(
                    "Treated: "
                    + ", ".join(
                        f"{regions_text((c,))}{'' if p is None else f' (pain {p})'}"
                        for c, p in s.treated
                    )
                )
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole:
            if s.status == "cancelled":
                return QColor(TEXT_MUTED)
            if s.status == "no-show":
                return QColor(NO_SHOW)
        if role == Qt.ItemDataRole.FontRole and s.status == "cancelled" and col == 2:
            f = QFont()
            f.setStrikeOut(True)
            return f
        if role == AppointmentIdRole:
            return s.id
        if role == PlanIdRole:
            return s.plan_id
        if role == StatusRole:
            return s.status
        if role == StartRole:
            return s.start
        if role == LocationIdRole:
            return s.location_id
        if role == RowRole:
            return s
        return None


class PlanFilterProxy(QSortFilterProxyModel):
    """Sessions of one plan (or all of them when no plan is chosen)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._plan_id: int | None = None

    def set_plan(self, plan_id: int | None) -> None:
        if plan_id == self._plan_id:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self._plan_id = plan_id
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._plan_id = plan_id
            self.invalidateRowsFilter()

    @property
    def plan_id(self) -> int | None:
        return self._plan_id

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._plan_id is None:
            return True
        src = self.sourceModel()
        return src.index(source_row, 0, source_parent).data(PlanIdRole) == self._plan_id
