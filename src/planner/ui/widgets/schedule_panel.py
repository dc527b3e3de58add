"""The schedule panel: the bar (paging, range, week or day, location, columns) over the view."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from planner.services.schedule.values import Block, RangeData
from planner.ui.actions import WindowActions
from planner.ui.i18n import tr
from planner.ui.models.schedule_model import ScheduleModel
from planner.ui.views.schedule_view import ScheduleView
from planner.ui.widgets.schedule_bar import ScheduleBar

COLUMN_MODES = ("practitioner", "room")


class SchedulePanel(QWidget):
    """The week or day of one location, with its bar; shows the ranges the loader reads."""

    def __init__(self, actions: WindowActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        a = actions
        self.model = ScheduleModel(self)
        self.view = ScheduleView(self.model, self)
        self.bar = ScheduleBar(a.prev, a.today, a.next, a.goto, a.week, a.day, self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.bar)
        lay.addWidget(self.view, 1)
        self.bar.sig_column_mode_changed.connect(self.set_column_mode)
        self.bar.sig_filter_changed.connect(self.view.set_shown_columns)

    def block(self, appointment_id: int) -> Block | None:
        """The session's block, when it is in the range shown."""
        data = self.model.range_data
        return data.block(appointment_id) if data is not None and appointment_id else None

    def set_column_mode(self, by: str) -> None:
        """Columns by practitioner or by room (anything else: by practitioner)."""
        by = by if by in COLUMN_MODES else COLUMN_MODES[0]
        self.view.set_column_mode(by)
        self.bar.set_column_mode(by)
        if self.model.range_data:
            self.bar.set_columns(self.model.range_data.columns(by), None)

    def show_range(self, data: RangeData, select: int = 0) -> bool:
        """Show a range that arrived, keeping the column filter within one location; select
        ``select`` if it is in it (True when it is)."""
        keep_filter = self.view.shown_columns
        old = self.model.range_data
        if old is None or old.location.id != data.location.id:
            keep_filter = None
        self.view.message = ""
        self.model.set_range(data)
        self.bar.set_columns(data.columns(self.view.column_mode), keep_filter)
        return bool(select) and self.view.select(select)

    def show_empty(self, message: str) -> None:
        self.model.set_range(None)
        self.view.set_message(message)

    def show_loading(self, loading: bool) -> None:
        if loading and self.model.range_data is None:
            self.view.set_message(tr("Loading…"))
