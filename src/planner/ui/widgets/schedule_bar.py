"""The bar above the schedule: paging, the range shown, week or day, location and columns."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from planner.services.schedule.values import Column, LocationInfo
from planner.ui.i18n import arg, tr, ui_words


class ScheduleBar(QWidget):
    sig_location_changed = Signal(int)
    """Another location was chosen (its id)."""
    sig_column_mode_changed = Signal(str)
    """Columns by ``practitioner`` or by ``room``."""
    sig_filter_changed = Signal(object)
    """The set of column keys to show, or None for all."""

    def __init__(
        self,
        prev_action: QAction,
        today_action: QAction,
        next_action: QAction,
        goto_action: QAction,
        week_action: QAction,
        day_action: QAction,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(6)

        def tool(action: QAction, text: str | None = None) -> QToolButton:
            b = QToolButton(self)
            b.setDefaultAction(action)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            if text:
                b.setText(text)
            b.setAutoRaise(False)
            return b

        self.prev = tool(prev_action, "◀")
        self.today = tool(today_action, tr("Today"))
        self.next = tool(next_action, "▶")
        self.range_button = QToolButton(self)
        self.range_button.setDefaultAction(goto_action)
        self.range_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.range_button.setAutoRaise(True)
        f = self.range_button.font()
        f.setPointSizeF(f.pointSizeF() + 2)
        f.setBold(True)
        self.range_button.setFont(f)
        self.week = tool(week_action)
        self.day = tool(day_action)
        for b in (self.week, self.day):
            b.setCheckable(True)

        self.location = QComboBox(self)
        self.location.setAccessibleName(tr("Location"))
        self.location.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.columns = QComboBox(self)
        self.columns.addItem(tr("By practitioner"), "practitioner")
        self.columns.addItem(tr("By room"), "room")
        self.columns.setAccessibleName(tr("Columns"))
        self.filter_button = QPushButton(tr("Show: all"), self)
        self.filter_menu = QMenu(self.filter_button)
        self.filter_button.setMenu(self.filter_menu)
        self.filter_button.setToolTip(tr("Choose which practitioners (or rooms) get a column"))
        self.filter_button.setMinimumWidth(
            self.filter_button.fontMetrics().horizontalAdvance(arg(tr("Show: %1 of %2"), 10, 10))
            + 36
        )

        lay.addWidget(self.prev)
        lay.addWidget(self.today)
        lay.addWidget(self.next)
        lay.addSpacing(6)
        lay.addWidget(self.range_button)
        lay.addStretch(1)
        lay.addWidget(self.week)
        lay.addWidget(self.day)
        lay.addSpacing(12)
        lay.addWidget(QLabel(tr("Location:"), self))
        lay.addWidget(self.location)
        lay.addWidget(self.columns)
        lay.addWidget(self.filter_button)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self._columns: tuple[Column, ...] = ()
        self._shown: set[int] | None = None
        self.location.currentIndexChanged.connect(self._location_chosen)
        self.columns.currentIndexChanged.connect(
            lambda _i: self.sig_column_mode_changed.emit(str(self.columns.currentData()))
        )

    def _location_chosen(self, _index: int) -> None:
        if self.location.currentData() is not None:
            self.sig_location_changed.emit(int(self.location.currentData()))

    def set_locations(
        self, locations: tuple[LocationInfo, ...] | list[LocationInfo], current: int | None
    ) -> None:
        self.location.blockSignals(True)
        self.location.clear()
        for loc in locations:
            self.location.addItem(loc.name, loc.id)
        i = self.location.findData(current)
        self.location.setCurrentIndex(i if i >= 0 else 0)
        self.location.blockSignals(False)

    def set_column_mode(self, by: str) -> None:
        self.columns.blockSignals(True)
        self.columns.setCurrentIndex(max(0, self.columns.findData(by)))
        self.columns.blockSignals(False)

    def set_range(self, first: date, days: int, mode: str) -> None:
        w = ui_words()
        if days == 1:
            text = w.date_long(first)
        else:
            # "man. 30. nov. – søn. 6. des. 2026  ·  uke 49" / "Mon 30 Nov – Sun 6 Dec 2026 ..."
            last = first + timedelta(days=days - 1)
            week = first.isocalendar()[1]
            start = w.day_month(first) if first.year == last.year else w.skeleton("yMMMEd", first)
            span = arg(tr("%1 – %2", "a range of days"), start, w.skeleton("yMMMEd", last))
            text = "  ·  ".join((span, arg(tr("week %1"), week)))
        self.range_button.setText(text)
        self.week.setChecked(mode == "week")
        self.day.setChecked(mode == "day")

    def set_columns(self, columns: tuple[Column, ...], shown: set[int] | None) -> None:
        """Offer the location's columns in the "Show" menu."""
        self._columns = columns
        self._shown = (
            shown if shown is None else {k for k in shown if any(c.key == k for c in columns)}
        )
        self._rebuild_menu()

    def _rebuild_menu(self) -> None:
        m = self.filter_menu
        m.clear()
        all_action = m.addAction(tr("Show all"))
        all_action.triggered.connect(lambda: self._apply(None))
        m.addSeparator()
        group = QActionGroup(m)
        group.setExclusive(False)
        for c in self._columns:
            a = m.addAction(c.name)
            a.setCheckable(True)
            a.setChecked(self._shown is None or c.key in self._shown)
            a.toggled.connect(lambda on, key=c.key: self._toggle(key, on))
            group.addAction(a)
        n = len(self._columns)
        if self._shown is None or len(self._shown) == n:
            self.filter_button.setText(tr("Show: all"))
        else:
            self.filter_button.setText(arg(tr("Show: %1 of %2"), len(self._shown), n))

    def _toggle(self, key: int, on: bool) -> None:
        shown = set(self._shown) if self._shown is not None else {c.key for c in self._columns}
        if on:
            shown.add(key)
        else:
            shown.discard(key)
        if not shown:
            return
        self._apply(None if len(shown) == len(self._columns) else shown)

    def _apply(self, shown: set[int] | None) -> None:
        self._shown = shown
        self._rebuild_menu()
        self.sig_filter_changed.emit(shown)
