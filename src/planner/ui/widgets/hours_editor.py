"""Weekly hours, one row per weekday: closed, or one or two time spans.

The editor reads and writes the WeeklyHours text format of the services and the command line
(``mon-fri 08:00-18:00; sat 09:00-13:00``, :meth:`planner.core.calendars.WeeklyHours.parse`
and its ``str``). Each span is a QLineEdit with an input mask (``08:00-12:00``): typing never
rolls a time over into another hour or day the way a spin box's arrow keys do, and a time
that is not a time of day is reported in one line naming the weekday, not corrected.
A row whose spans are both empty is a closed day (for a practitioner: a day off).
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.core.calendars import Interval, WeeklyHours
from planner.core.timeutil import clock_text, parse_clock
from planner.errors import BadInput
from planner.ui.i18n import arg, said, tr, ui_words

_A_MONDAY = date(2024, 1, 1)


def day_name(day: int) -> str:
    """``Monday`` / ``Mandag`` for ``day`` (0 = Monday), as a message or a name starts."""
    name = ui_words().weekday(_A_MONDAY + timedelta(days=day))
    return name[:1].upper() + name[1:]


def day_labels() -> tuple[str, ...]:
    """Row labels with mnemonics (Alt+letter jumps to the day's first span), in the window's
    language; the letters differ from the buttons' below."""
    return (
        tr("&Monday", "a row of the hours editor"),
        tr("&Tuesday", "a row of the hours editor"),
        tr("&Wednesday", "a row of the hours editor"),
        tr("T&hursday", "a row of the hours editor"),
        tr("Fr&iday", "a row of the hours editor"),
        tr("Sat&urday", "a row of the hours editor"),
        tr("Sunda&y", "a row of the hours editor"),
    )


SPAN_MASK = "00:00-00:00; "
"""Digits are optional while typing (``0``), so a half-typed span can be corrected; an empty
span shows only its separators."""
MUTED = "color: #5f6670"


def _span_text(iv: Interval) -> str:
    return f"{clock_text(iv[0])}-{clock_text(iv[1])}"


def _clock(day: str, text: str) -> time:
    """A time typed in a span of ``day``; BadInput naming the day, in the window's language."""
    try:
        return parse_clock(text)
    except BadInput:
        if re.fullmatch(r"\d{1,2}:?\d{2}", text.strip()):
            raise BadInput(
                arg(tr("%1: '%2' is not a time of day", "hours of a weekday"), day, text)
            ) from None
        raise BadInput(
            arg(
                tr("%1: cannot read the time '%2'; write it as 08:30", "hours of a weekday"),
                day,
                text,
            )
        ) from None


def _is_blank(edit: QLineEdit) -> bool:
    """With a mask, an empty field reads back as its separators only (``:-``)."""
    return not edit.text().replace(":", "").replace("-", "").strip()


class HoursEditor(QWidget):
    """Seven weekday rows, each closed or one or two spans (``08:00-12:00``, ``13:00-18:00``)."""

    sig_changed = Signal()
    """The user changed a span (the page that holds the editor marks itself unsaved)."""

    def __init__(self, parent: QWidget | None = None, *, closed_word: str | None = None) -> None:
        super().__init__(parent)
        self.closed_word = (
            closed_word if closed_word is not None else tr("closed", "a day in the hours editor")
        )
        self.first: list[QLineEdit] = []
        self.second: list[QLineEdit] = []
        self.notes: list[QLabel] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        for col, title in (
            (1, tr("From-to", "the first span of a day's hours")),
            (2, tr("and (after a break)", "the second span of a day's hours")),
        ):
            head = QLabel(title, self)
            head.setStyleSheet(MUTED)
            grid.addWidget(head, 0, col)
        for day, label_text in enumerate(day_labels()):
            label = QLabel(label_text, self)
            first = self._span_edit(arg(tr("%1, first span", "hours of a weekday"), day_name(day)))
            second = self._span_edit(
                arg(tr("%1, second span", "hours of a weekday"), day_name(day))
            )
            label.setBuddy(first)
            note = QLabel(self)
            note.setStyleSheet(MUTED)
            note.setMinimumWidth(70)
            grid.addWidget(label, day + 1, 0)
            grid.addWidget(first, day + 1, 1)
            grid.addWidget(second, day + 1, 2)
            grid.addWidget(note, day + 1, 3)
            self.first.append(first)
            self.second.append(second)
            self.notes.append(note)
        grid.setColumnStretch(4, 1)
        outer.addLayout(grid)
        row = QHBoxLayout()
        self.copy_button = QPushButton(tr("Co&py Monday to Tuesday-Friday"), self)
        self.copy_button.setToolTip(tr("Give Tuesday to Friday the hours typed for Monday"))
        self.copy_button.clicked.connect(self.copy_monday)
        self.clear_button = QPushButton(tr("C&lear all", "every day of the hours editor"), self)
        self.clear_button.setToolTip(tr("Every day closed"))
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.copy_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        outer.addLayout(row)
        self._update_notes()

    def _span_edit(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setInputMask(SPAN_MASK)
        edit.setAccessibleName(name)
        edit.setToolTip(tr("Type the hours as 08:00-16:00; leave both empty for a closed day"))
        edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("00:00-00:00") + 24)
        edit.textEdited.connect(self._edited)
        return edit

    def _edited(self, _text: str) -> None:
        self._update_notes()
        self.sig_changed.emit()

    def _update_notes(self) -> None:
        for day, note in enumerate(self.notes):
            closed = _is_blank(self.first[day]) and _is_blank(self.second[day])
            note.setText(self.closed_word if closed else "")

    # -- reading ---------------------------------------------------------------------------------
    def day_spans(self, day: int) -> tuple[Interval, ...]:
        """The spans typed on ``day`` (0 = Monday), checked; BadInput names the day."""
        spans: list[Interval] = []
        name = day_name(day)
        unfinished = (
            tr("%1: finish the first span as 08:00-16:00, or empty it", "hours of a weekday"),
            tr("%1: finish the second span as 08:00-16:00, or empty it", "hours of a weekday"),
        )
        for which, edit in enumerate((self.first[day], self.second[day])):
            if _is_blank(edit):
                continue
            start_text, _, end_text = edit.text().partition("-")
            if len(start_text) != 5 or len(end_text) != 5:
                raise BadInput(arg(unfinished[which], name))
            start, end = _clock(name, start_text), _clock(name, end_text)
            if end <= start:
                raise BadInput(
                    arg(tr("%1: %2 ends before it starts", "hours of a weekday"), name, edit.text())
                )
            spans.append((start, end))
        spans.sort()
        if len(spans) == 2 and spans[1][0] < spans[0][1]:
            raise BadInput(
                arg(
                    tr("%1: %2 and %3 overlap", "hours of a weekday"),
                    name,
                    _span_text(spans[0]),
                    _span_text(spans[1]),
                )
            )
        return tuple(spans)

    def hours(self) -> WeeklyHours:
        """The week as typed; BadInput (naming the day) when a span cannot be read."""
        return WeeklyHours(tuple(self.day_spans(d) for d in range(7)))

    def hours_text(self) -> str:
        """The WeeklyHours text (``mon-fri 08:00-18:00; sat 09:00-13:00``); empty when every
        day is closed."""
        hours = self.hours()
        return str(hours) if any(hours.days) else ""

    def first_problem(self) -> tuple[int, str] | None:
        """The first weekday that cannot be read and why, or None."""
        for day in range(7):
            try:
                self.day_spans(day)
            except BadInput as exc:
                return day, said(exc)
        return None

    def focus_day(self, day: int) -> None:
        self.first[day].setFocus()
        self.first[day].selectAll()

    # -- writing ---------------------------------------------------------------------------------
    def set_hours(self, hours: WeeklyHours | None) -> None:
        """Show ``hours`` (None: every day closed). A day with more than two spans shows its
        first and its last, joined (the editor offers two; the services accept more)."""
        for day in range(7):
            spans = hours.days[day] if hours is not None else ()
            if len(spans) > 2:
                spans = (spans[0], (spans[1][0], spans[-1][1]))
            texts = [_span_text(iv) for iv in spans] + ["", ""]
            self.first[day].setText(texts[0])
            self.second[day].setText(texts[1])
        self._update_notes()

    def set_hours_text(self, text: str) -> None:
        """Show the WeeklyHours text ``text`` (empty or ``no hours``: every day closed)."""
        t = text.strip()
        self.set_hours(None if not t or t == "no hours" else WeeklyHours.parse(t))

    def clear(self) -> None:
        self.set_hours(None)
        self.sig_changed.emit()

    def copy_monday(self) -> None:
        for day in range(1, 5):
            self.first[day].setText(self.first[0].text())
            self.second[day].setText(self.second[0].text())
        self._update_notes()
        self.sig_changed.emit()
