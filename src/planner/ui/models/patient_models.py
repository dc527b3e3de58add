"""Models of the side panel: patient search results, a patient's plans and sessions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from planner.core import vocabulary
from planner.core.domain import Kind
from planner.core.patient_input import dob_text
from planner.services.schedule.values import PatientRow, PlanRow, SessionRow
from planner.ui.i18n import arg, tr, ui_words, vocab
from planner.ui.models.rows import Index as _Index
from planner.ui.models.rows import RowListModel, RowTableModel, headers, when_local
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
DateOfBirthRole = Qt.ItemDataRole.UserRole + 10
NextSessionRole = Qt.ItemDataRole.UserRole + 11
"""The local start of the patient's next booked session (None: none)."""


def next_session_text(when: datetime | None, today: date) -> str:
    """``next Tue 8 Dec 10:00`` (with the year when it is not this year); empty for none."""
    if when is None:
        return ""
    w = ui_words()
    day = w.skeleton("MMMEd" if when.year == today.year else "yMMMEd", when)
    return arg(tr("next %1 %2"), day, w.time(when))


def session_label(kind: str, number: int | None, of: int | None) -> str:
    """``Treatment 3/9`` in the window's language; the kind alone for a cancelled session."""
    try:
        k = vocabulary.kind(Kind(kind), ui_words())
    except ValueError:
        k = kind
    return f"{k} {number}/{of}" if number is not None else k


class PatientSearchModel(RowListModel[PatientRow]):
    """Patients found by the search box, by name: two lines each, the name (⚠ when they have
    screening flags), then what tells same-named patients apart: date of birth, phone and the
    next booked session."""

    def __init__(self, parent: Any = None, *, today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.today = today

    def set_rows(self, rows: list[PatientRow]) -> None:
        self._replace_rows(rows)

    def patient(self, row: int) -> PatientRow:
        return self._rows[row]

    def details(self, p: PatientRow) -> str:
        """``13.05.1973 · 412 34 567 · next Tue 8 Dec 10:00`` (the parts there are)."""
        bits = [
            dob_text(p.date_of_birth) or tr("born ?"),
            p.phone,
            next_session_text(p.next_session, self.today()),
        ]
        return "  ·  ".join(b for b in bits if b)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        p = self._row_at(index)
        if p is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            flag = "  ⚠" if p.flags else ""
            return f"{p.name}{flag}\n{self.details(p)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [p.name]
            if p.date_of_birth:
                lines.append(arg(tr("born %1"), dob_text(p.date_of_birth)))
            if p.chart_number:
                lines.append(arg(tr("chart %1"), p.chart_number))
            if p.next_session:
                lines.append(
                    arg(tr("%1 (booked)"), next_session_text(p.next_session, self.today()))
                )
            if p.flags:
                flags = ", ".join(flag_label(f) for f in p.flags)
                lines.append(arg(tr("Screening: %1"), flags))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{p.name}, {self.details(p)}"
        if role == Qt.ItemDataRole.ForegroundRole and p.flags:
            return QColor(WARNING)
        if role == PatientIdRole:
            return p.id
        if role == FlagsRole:
            return list(p.flags)
        if role == PhoneRole:
            return p.phone
        if role == DateOfBirthRole:
            return p.date_of_birth
        if role == NextSessionRole:
            return p.next_session
        if role == RowRole:
            return p
        return None


class PlansModel(RowListModel[PlanRow]):
    """The selected patient's plans, newest last, with their progress."""

    def set_rows(self, rows: list[PlanRow] | tuple[PlanRow, ...]) -> None:
        self._replace_rows(rows)

    def plan(self, row: int) -> PlanRow:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        p = self._row_at(index)
        if p is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            first = arg(tr("%1 · %2/%3 attended"), vocab(p.title), p.done, p.total)
            if p.status != "active":
                first += " · " + vocabulary.plan_status(p.status, ui_words())
            start = ui_words().skeleton("yMMMd", p.start)
            return f"{first}\n{start} · {p.practitioner} · {p.location}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return arg(tr("Regions: %1"), regions_text(p.regions) or "-")
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


class SessionsModel(RowTableModel[SessionRow]):
    """The selected patient's sessions, one row each, in time order."""

    HEADERS = headers(
        QT_TRANSLATE_NOOP("", "When"),
        QT_TRANSLATE_NOOP("", "Session"),
        QT_TRANSLATE_NOOP("", "Status"),
    )

    def set_rows(self, rows: list[SessionRow] | tuple[SessionRow, ...]) -> None:
        self._replace_rows(rows)

    def session(self, row: int) -> SessionRow:
        return self._rows[row]

    def row_of(self, appointment_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == appointment_id:
                return i
        return -1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        s = self._row_at(index)
        if s is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return when_local(s.start)
            if col == 1:
                return session_label(s.kind, s.number, s.of)
            status = STATUS_LABELS.get(s.status, s.status)
            return f"{status}: {s.cancel_reason}" if s.cancel_reason else status
        if role == Qt.ItemDataRole.ToolTipRole:
            label = session_label(s.kind, s.number, s.of)
            lines = [
                arg(
                    tr("%1 · %2 min with %3 at %4"),
                    label,
                    s.duration_min,
                    s.practitioner,
                    s.location,
                )
            ]
            if s.cancel_reason:
                lines.append(arg(tr("Cancelled: %1"), s.cancel_reason))
            if s.treated:
                treated = ", ".join(
                    regions_text((c,))
                    if p is None
                    else arg(tr("%1 (pain %2)"), regions_text((c,)), p)
                    for c, p in s.treated
                )
                lines.append(arg(tr("Treated: %1"), treated))
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
        return bool(src.index(source_row, 0, source_parent).data(PlanIdRole) == self._plan_id)
