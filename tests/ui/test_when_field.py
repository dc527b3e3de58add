"""The session start field: typed strictly, never rolled over, never spilling between fields."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from planner.errors import BadInput
from planner.ui.widgets.when_field import WhenField, read_time

START = datetime(2027, 2, 2, 10, 0)


@pytest.fixture
def field(qtbot: QtBot) -> WhenField:
    w = WhenField(START)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    QTest.keyClicks(edit, text)


def test_shows_its_value_in_two_fields(field: WhenField) -> None:
    assert field.day.text() == "02.02.2027" and field.time.text() == "10:00"
    assert field.weekday.text() == "Tuesday"
    assert field.value() == START and field.message.isHidden()


def test_30_february_is_refused_on_the_spot_not_rolled_over(qtbot: QtBot, field: WhenField) -> None:
    with qtbot.assertNotEmitted(field.sig_changed):
        _retype(qtbot, field.day.edit, "30.02.2027")
    assert field.day.text() == "30.02.2027"  # what was typed stays, to be corrected
    assert not field.message.isHidden()
    assert field.message.text() == "'30.02.2027' is not a date: February 2027 has 28 days"
    with pytest.raises(BadInput, match="February 2027 has 28 days"):
        field.value()
    assert field.last_good() == START and not field.is_valid()


def test_a_good_date_is_taken_and_announced(qtbot: QtBot, field: WhenField) -> None:
    with qtbot.waitSignal(field.sig_changed):
        _retype(qtbot, field.day.edit, "26.02.2027")
    assert field.value() == datetime(2027, 2, 26, 10, 0) and field.message.isHidden()
    assert field.weekday.text() == "Friday"


def test_a_half_typed_date_waits_without_a_message(qtbot: QtBot, field: WhenField) -> None:
    _retype(qtbot, field.day.edit, "30.0")
    assert field.message.isHidden()
    field.day.edit.editingFinished.emit()  # focus leaves: now it is said
    assert "cannot read the day '30.0'" in field.message.text()


def test_the_year_does_not_spill_into_the_time(qtbot: QtBot, field: WhenField) -> None:
    _retype(qtbot, field.day.edit, "03.03.202799")
    assert field.day.text() == "03.03.2027"
    assert field.time.text() == "10:00"
    assert field.value() == datetime(2027, 3, 3, 10, 0)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("24:00", "the hours go from 00 to 23"),
        ("10:75", "the minutes go from 00 to 59"),
    ],
)
def test_impossible_times_are_refused_not_carried_over(
    qtbot: QtBot, field: WhenField, typed: str, why: str
) -> None:
    with qtbot.assertNotEmitted(field.sig_changed):
        _retype(qtbot, field.time, typed)
    assert field.message.text() == f"'{typed}' is not a time: {why}"
    assert field.last_good() == START


def test_the_time_field_takes_no_more_than_hh_mm(qtbot: QtBot, field: WhenField) -> None:
    _retype(qtbot, field.time, "11:451")
    assert field.time.text() == "11:45" and field.day.text() == "02.02.2027"
    assert field.value() == datetime(2027, 2, 2, 11, 45)


def test_esc_puts_back_the_last_good_value_and_a_second_esc_goes_on(
    qtbot: QtBot, field: WhenField
) -> None:
    _retype(qtbot, field.day.edit, "30.02.2027")
    QTest.keyClick(field.day.edit, Qt.Key.Key_Escape)
    assert field.day.text() == "02.02.2027" and field.message.isHidden()
    assert field.value() == START
    # nothing left to undo: the filter lets Esc through (to the dialog, which closes or asks)
    from PySide6.QtGui import QKeyEvent

    esc = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    assert field.eventFilter(field.day.edit, esc) is False


def test_up_and_down_step_a_day_and_a_quarter_hour(qtbot: QtBot, field: WhenField) -> None:
    with qtbot.waitSignal(field.sig_changed):
        QTest.keyClick(field.day.edit, Qt.Key.Key_Down)
    assert field.value() == datetime(2027, 2, 1, 10, 0)
    QTest.keyClick(field.time, Qt.Key.Key_Up)
    QTest.keyClick(field.time, Qt.Key.Key_Up)
    assert field.value() == datetime(2027, 2, 1, 10, 30)
    field.set_value(datetime(2027, 2, 28, 23, 50))
    QTest.keyClick(field.day.edit, Qt.Key.Key_Up)  # across the month, as a calendar does
    assert field.value() == datetime(2027, 3, 1, 23, 50)


def test_picking_from_the_calendar_sets_the_day(qtbot: QtBot, field: WhenField) -> None:
    from PySide6.QtCore import QDate

    with qtbot.waitSignal(field.sig_changed):
        field.day._picked(QDate(2027, 4, 13))
    assert field.value() == datetime(2027, 4, 13, 10, 0)


def test_read_time() -> None:
    assert read_time("9:30") == time(9, 30) and read_time("09.05") == time(9, 5)
    for bad in ("", "930", "9", "24:00", "23:60", "ab:cd"):
        with pytest.raises(BadInput):
            read_time(bad)
