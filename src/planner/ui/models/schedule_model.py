"""The sessions of the visible range, as the schedule view shows them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt

from planner.services.schedule.values import Block, RangeData
from planner.ui.i18n import arg, tr, ui_words, vocab
from planner.ui.style import STATUS_LABELS, regions_text

AppointmentIdRole = Qt.ItemDataRole.UserRole + 1
PlanIdRole = Qt.ItemDataRole.UserRole + 2
PatientIdRole = Qt.ItemDataRole.UserRole + 3
StartRole = Qt.ItemDataRole.UserRole + 4
EndRole = Qt.ItemDataRole.UserRole + 5
StatusRole = Qt.ItemDataRole.UserRole + 6
KindRole = Qt.ItemDataRole.UserRole + 7
ProgressRole = Qt.ItemDataRole.UserRole + 8
PractitionerIdRole = Qt.ItemDataRole.UserRole + 9
RoomIdRole = Qt.ItemDataRole.UserRole + 10
BlockRole = Qt.ItemDataRole.UserRole + 11
"""The whole :class:`~planner.services.schedule.values.Block` (a frozen value)."""

_Index = QModelIndex | QPersistentModelIndex


class ScheduleModel(QAbstractListModel):
    """One row per session of the loaded range (one location, a week or a day)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._data: RangeData | None = None
        self._blocks: tuple[Block, ...] = ()
        self._rows: dict[int, int] = {}

    # -- loading ---------------------------------------------------------------------------
    def set_range(self, data: RangeData | None) -> None:
        """Replace the whole range (a new week, or the same week after a change)."""
        self.beginResetModel()
        self._data = data
        self._blocks = data.blocks if data else ()
        self._rows = {b.id: i for i, b in enumerate(self._blocks)}
        self.endResetModel()

    @property
    def range_data(self) -> RangeData | None:
        return self._data

    def blocks(self) -> tuple[Block, ...]:
        return self._blocks

    def block(self, row: int) -> Block:
        return self._blocks[row]

    def row_of(self, appointment_id: int) -> int:
        """Row of a session, or -1 when it is not in the loaded range."""
        return self._rows.get(appointment_id, -1)

    # -- Qt's model protocol ----------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._blocks)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._blocks) or index.column() != 0:
            return None
        b = self._blocks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            what = f"{vocab(b.kind_label)} {b.progress}".strip()
            w = ui_words()
            return f"{w.skeleton('E', b.start)} {w.time(b.start)} {b.patient_name} – {what}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return block_tooltip(b)
        if role == AppointmentIdRole:
            return b.id
        if role == PlanIdRole:
            return b.plan_id
        if role == PatientIdRole:
            return b.patient_id
        if role == StartRole:
            return b.start
        if role == EndRole:
            return b.end
        if role == StatusRole:
            return b.status
        if role == KindRole:
            return b.kind
        if role == ProgressRole:
            return b.progress
        if role == PractitionerIdRole:
            return b.practitioner_id
        if role == RoomIdRole:
            return b.room_id
        if role == BlockRole:
            return b
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update(
            {
                role: QByteArray(name)
                for role, name in (
                    (AppointmentIdRole, b"appointmentId"),
                    (PlanIdRole, b"planId"),
                    (PatientIdRole, b"patientId"),
                    (StartRole, b"start"),
                    (EndRole, b"end"),
                    (StatusRole, b"status"),
                    (KindRole, b"kind"),
                    (ProgressRole, b"progress"),
                    (PractitionerIdRole, b"practitionerId"),
                    (RoomIdRole, b"roomId"),
                    (BlockRole, b"block"),
                )
            }
        )
        return names


def block_tooltip(b: Block, practitioner: str = "", room: str = "") -> str:
    lines = [f"<b>{_esc(b.patient_name)}</b>"]
    what = f"{vocab(b.kind_label)} {b.progress}".strip()
    lines.append(f"{what} · {STATUS_LABELS.get(b.status, b.status)}")
    if b.cancel_reason:
        lines.append(arg(tr("Cancelled: %1"), _esc(b.cancel_reason)))
    w = ui_words()
    where = f"{w.skeleton('MMMEd', b.start)} {w.time(b.start)}–{w.time(b.end)}"
    if practitioner:
        where += f" · {_esc(practitioner)}"
    if room:
        where += f" · {_esc(room)}"
    lines.append(where)
    if b.regions:
        lines.append(arg(tr("Regions: %1"), _esc(regions_text(b.regions))))
    if b.flagged:
        lines.append(
            tr("<span style='color:#b3261e'>⚠ Screening flags: check before needling</span>")
        )
    return "<br>".join(lines)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
