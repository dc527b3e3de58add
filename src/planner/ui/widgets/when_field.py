"""A session's start as the desk types it: the day as ``dd.mm.yyyy`` and the time as ``HH:MM``.

It replaces a QDateTimeEdit, whose sections roll over (30 Feb became 28 Feb without a word)
and whose typing runs on from one section into the next (a fifth digit of the year went into
the hours). Here the day and the time are two line edits of fixed length, so typing never
spills from one into the other; the day is read by :func:`planner.core.typed_dates.read_date`
(the one reader of typed dates) with the calendar popup of :class:`DateField`, and the time
by :func:`read_time`, strictly: ``24:00`` and ``10:75`` are refused, never carried over. An
impossible value is said at once in a line under the fields and the last good value is kept;
Esc puts that value back. Up and Down step the day by a day and the time by a quarter hour,
the steps sessions are booked in.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from planner.core.typed_dates import date_text, read_date
from planner.errors import BadInput
from planner.ui.i18n import arg, said, tr, ui_words
from planner.ui.widgets.date_field import DateField

# hours of one or two digits, a ':' or '.', two digits of minutes (09:30, 9:30, 9.30)
_HM = re.compile(r"^(\d{1,2})\s*[:.]\s*(\d{2})$")
# the date typed to its end (dd.mm.yyyy and its short forms, or ISO): worth a message now
_WHOLE_DATE = re.compile(r"^\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{4}$|^\d{4}-\d{1,2}-\d{1,2}$")
STEP_MINUTES = 15
"""Up and Down on the time move it by a quarter hour."""

# What a WhenField is the start of (its ``what``), translated where it is shown.
WHATS = (
    QT_TRANSLATE_NOOP("", "start"),
    QT_TRANSLATE_NOOP("", "new start"),
    QT_TRANSLATE_NOOP("", "first session"),
)


def read_time(text: str, what: str | None = None) -> time:
    """``10:30`` (also ``9:30``, ``9.30``); BadInput in one line for anything else.

    A clock has no 24:00 and no 75th minute: such a time is refused, not carried over.
    """
    what = what or tr("the time")
    raw = (text or "").strip()
    m = _HM.match(raw)
    if m is None:
        if not raw:
            raise BadInput(arg(tr("type %1 as HH:MM, e.g. 10:30"), what))
        raise BadInput(arg(tr("cannot read %1 '%2'; write it as HH:MM, e.g. 10:30"), what, raw))
    hour, minute = int(m[1]), int(m[2])
    if hour > 23:
        raise BadInput(arg(tr("'%1' is not a time: the hours go from 00 to 23"), raw))
    if minute > 59:
        raise BadInput(arg(tr("'%1' is not a time: the minutes go from 00 to 59"), raw))
    return time(hour, minute)


def time_text(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


class WhenField(QWidget):
    """The day (dd.mm.yyyy, F4 for a calendar) and the time (HH:MM) of a session's start."""

    sig_changed = Signal()
    """A new, valid date and time was typed or picked (``value()`` has it)."""
    sig_invalid = Signal()
    """What is typed stopped being a date and time (``error()`` says why)."""

    def __init__(
        self, when: datetime | None = None, parent: QWidget | None = None, *, what: str = "start"
    ) -> None:
        super().__init__(parent)
        self._good = (when or datetime.now()).replace(second=0, microsecond=0, tzinfo=None)
        self._valid = True
        lay = QGridLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setHorizontalSpacing(6)
        lay.setVerticalSpacing(2)
        shown = tr(what)  # one of WHATS, in the window's language
        self.day = DateField(self, what=arg(tr("the day of the %1"), shown))
        self.day.edit.setMaxLength(10)  # dd.mm.yyyy: a further digit goes nowhere
        self.day.edit.setAccessibleName(arg(tr("Day of the %1"), shown))
        self.time = QLineEdit(self)
        self.time.setMaxLength(5)  # HH:MM
        self.time.setPlaceholderText(tr("HH:MM"))
        self.time.setToolTip(
            tr("Type the time as HH:MM (24 hours); Up and Down move it 15 minutes")
        )
        self.time.setAccessibleName(arg(tr("Time of the %1"), shown))
        self.time.setFixedWidth(self.time.fontMetrics().horizontalAdvance("00:000") + 16)
        self.weekday = QLabel(self)
        monday = date(2026, 11, 30)
        widest = max(
            self.weekday.fontMetrics().horizontalAdvance(
                ui_words().weekday(monday + timedelta(days=i))
            )
            for i in range(7)
        )
        self.weekday.setMinimumWidth(widest)
        self.message = QLabel(self)
        self.message.setObjectName("when_message")
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        self.message.hide()
        lay.addWidget(self.day, 0, 0)
        lay.addWidget(self.time, 0, 1)
        lay.addWidget(self.weekday, 0, 2)
        lay.setColumnStretch(3, 1)
        lay.addWidget(self.message, 1, 0, 1, 4)
        self.setFocusProxy(self.day)
        self.day.sig_edited.connect(lambda: self._edited(finished=False))
        self.time.textEdited.connect(lambda _t: self._edited(finished=False))
        self.day.edit.editingFinished.connect(lambda: self._edited(finished=True))
        self.time.editingFinished.connect(lambda: self._edited(finished=True))
        for edit in (self.day.edit, self.time):
            edit.installEventFilter(self)
        self._show(self._good)

    # -- the value -----------------------------------------------------------------------------
    def value(self) -> datetime:
        """The date and time typed, a naive local datetime; BadInput (the message shown) while
        what is typed is not one."""
        return datetime.combine(read_date(self.day.text(), "the day"), read_time(self.time.text()))

    def set_value(self, when: datetime) -> None:
        """Show ``when`` (seconds dropped); does not emit ``sig_changed``."""
        self._good = when.replace(second=0, microsecond=0, tzinfo=None)
        self._show(self._good)

    def last_good(self) -> datetime:
        """The last valid value typed, picked or set (what Esc puts back)."""
        return self._good

    def error(self) -> str | None:
        """Why what is typed is not a date and time, or None."""
        try:
            self.value()
        except BadInput as exc:
            return said(exc)
        return None

    def is_valid(self) -> bool:
        return self.error() is None

    def check(self) -> bool:
        """Say under the fields what is wrong, as when focus leaves; whether the value is
        valid (a dialog calls this before it accepts)."""
        self._edited(finished=True)
        return self.is_valid()

    # -- reactions -----------------------------------------------------------------------------
    def _show(self, when: datetime) -> None:
        self._valid = True
        self.day.set_value(when.date())
        self.time.setText(time_text(when.time()))
        self._say(None)

    def _say(self, message: str | None) -> None:
        self.message.setText(message or "")
        self.message.setVisible(bool(message))
        try:
            self.weekday.setText(ui_words().weekday(read_date(self.day.text())))
        except BadInput:
            self.weekday.setText("")

    def _edited(self, *, finished: bool) -> None:
        """Read what is typed: a valid value is kept and announced; an impossible one is said
        as soon as its part is typed to its end (or focus leaves), a half-typed one waits."""
        try:
            when = self.value()
        except BadInput:
            self._say(self._complaint(finished))
            if self._valid:
                self._valid = False
                self.sig_invalid.emit()
            return
        self._say(None)
        if when != self._good or not self._valid:
            self._valid = True
            self._good = when
            self.sig_changed.emit()

    def _complaint(self, finished: bool) -> str | None:
        """The message for the first part typed to its end (any part once finished) that is
        not a day or a time."""
        day, hm = self.day.text().strip(), self.time.text().strip()
        if finished or _WHOLE_DATE.match(day):
            try:
                read_date(day, "the day")
            except BadInput as exc:
                return said(exc)
        if finished or _HM.match(hm):
            try:
                read_time(hm)
            except BadInput as exc:
                return said(exc)
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Escape and self._typed_differs():
                self._show(self._good)  # Esc undoes the typing; a second Esc reaches the dialog
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not (
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            ):
                sign = 1 if key == Qt.Key.Key_Up else -1
                step = (
                    timedelta(days=1) if obj is self.day.edit else timedelta(minutes=STEP_MINUTES)
                )
                base = self._good if not self.is_valid() else self.value()
                self._show(base + sign * step)
                self._edited(finished=False)
                return True
        return super().eventFilter(obj, event)

    def _typed_differs(self) -> bool:
        return (self.day.text(), self.time.text()) != (
            date_text(self._good.date()),
            time_text(self._good.time()),
        )
