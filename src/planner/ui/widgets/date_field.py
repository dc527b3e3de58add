"""A date typed as the desk writes it (13.05.2027) or picked from a calendar.

A QDateEdit's sections roll over with the arrow keys and correct a half-typed date silently
when focus leaves; a receptionist typing a closure from a letter wants what they typed, or a
one-line reason why it is not a date. So this is a QLineEdit read strictly by
:func:`parse_day` (``dd.mm.yyyy``, also ``d.m.yyyy`` and ISO ``yyyy-mm-dd``), with a button
that drops a QCalendarWidget down for picking (F4 or Alt+Down open it, as in a combo box).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from planner.core.typed_dates import date_text, read_date
from planner.errors import BadInput
from planner.ui.i18n import arg, tr


def parse_day(text: str, what: str | None = None) -> date:
    """``13.05.2027``, ``3.5.2027`` or ``2027-05-13``; BadInput saying how to write it
    (``what`` names the date in it; "the date" in the window's language when not given)."""
    return read_date(text, what if what is not None else tr("the date"))


def day_text(day: date) -> str:
    return date_text(day)


class DateField(QWidget):
    """A line edit for ``dd.mm.yyyy`` and a button with a drop-down calendar."""

    sig_edited = Signal()
    """The user typed or picked a date."""

    def __init__(self, parent: QWidget | None = None, *, what: str | None = None) -> None:
        super().__init__(parent)
        self.what = what if what is not None else tr("the date")
        """What the date is, in the window's language ("the first closed day")."""
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(tr("dd.mm.yyyy", "how to type a date"))
        self.edit.setToolTip(tr("Type the date as dd.mm.yyyy, or press F4 to pick it"))
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("00.00.00000") + 20)
        self.edit.textEdited.connect(lambda _t: self.sig_edited.emit())
        self.edit.installEventFilter(self)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setAccessibleName(arg(tr("Pick %1 from a calendar"), self.what))
        self.button.setToolTip(tr("Pick from a calendar (F4)"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.calendar = QCalendarWidget(self.menu)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(False)
        holder = QWidgetAction(self.menu)
        holder.setDefaultWidget(self.calendar)
        self.menu.addAction(holder)
        self.menu.aboutToShow.connect(self._before_popup)
        self.calendar.activated.connect(self._picked)
        self.calendar.clicked.connect(self._picked)
        self.button.setMenu(self.menu)
        lay.addWidget(self.edit)
        lay.addWidget(self.button)
        lay.addStretch(1)
        self.setFocusProxy(self.edit)

    def eventFilter(self, obj: object, event: object) -> bool:
        if (
            obj is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == event.Type.KeyPress
        ):
            alt_down = (
                event.key() == Qt.Key.Key_Down
                and event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if event.key() == Qt.Key.Key_F4 or alt_down:
                self.button.showMenu()
                return True
        return super().eventFilter(obj, event)  # type: ignore[arg-type]

    def _before_popup(self) -> None:
        try:
            d = self.value()
        except BadInput:
            d = date.today()
        self.calendar.setSelectedDate(QDate(d.year, d.month, d.day))
        self.calendar.setFocus()

    def _picked(self, q: QDate) -> None:
        self.set_value(date(q.year(), q.month(), q.day()))
        self.menu.hide()
        self.edit.setFocus()
        self.sig_edited.emit()

    def value(self) -> date:
        """The date typed; BadInput saying how to write it."""
        return parse_day(self.edit.text(), self.what)

    def set_value(self, day: date | None) -> None:
        self.edit.setText(day_text(day) if day is not None else "")

    def text(self) -> str:
        return self.edit.text()
