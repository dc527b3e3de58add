"""Book from the week: an empty time (double-click, or the keyboard's time cursor and Enter)
opens the new-plan dialog filled in; a single session; find a free time and pick it."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt

from planner.services.schedule.patients import search_patients
from planner.services.schedule.week import load_range

from .helpers import at, wait_active

SHIFT = Qt.KeyboardModifier.ShiftModifier


def _day_view_on(qtbot, window, day) -> None:  # type: ignore[no-untyped-def]
    window.set_mode("day")
    with qtbot.waitSignal(window.sig_week_shown, timeout=10_000):
        window.nav.go_to(day)
    assert window.range_first() == day and window.range_days() == 1


def _empty_time(window, day, column_key: int) -> datetime:  # type: ignore[no-untyped-def]
    """The first quarter hour from 09:00 on ``day`` with nothing drawn in the column."""
    view = window.view
    for quarter in range(36, 17 * 4):
        when = at(day, quarter // 4, quarter % 4 * 15)
        p = view.point_for(day, when.time(), column_key)
        if p is not None and view._box_at(p.toPointF()) is None:
            q = view.point_for(day, (when + timedelta(minutes=14)).time(), column_key)
            if q is not None and view._box_at(q.toPointF()) is None:
                return when
    raise AssertionError("no empty quarter hour in that column")


def test_double_click_on_empty_time_fills_in_practitioner_and_time(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    day = window.local_now().date() + timedelta(days=(1 - window.local_now().weekday()) % 7 + 7)
    _day_view_on(qtbot, window, day)
    column = window.model.range_data.columns("practitioner")[1]
    when = _empty_time(window, day, column.key)
    point = window.view.point_for(day, when.time(), column.key)
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    dlg = window.new_plan_dialog
    assert dlg.isVisible()
    assert dlg.form.practitioner.currentData() == column.key
    assert dlg.start_value() == when
    dlg.reject()


def test_the_time_cursor_walks_empty_time_and_enter_books_there(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    day = window.local_now().date() + timedelta(days=7)
    _day_view_on(qtbot, window, day)
    view = window.view
    view.setFocus()
    # The columns shown (the day view leaves out practitioners who are off that day).
    columns = [lane.column for lane in view._lanes if lane.column is not None]
    # From nothing selected on another day than today: the top of the first column.
    qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)
    start, key = view.time_cursor
    assert key == columns[0].key and start.date() == day
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)
    when, key = view.time_cursor
    assert key == columns[1].key and when == start + timedelta(minutes=30)
    assert view.selected_id == 0
    # Walk down to an empty quarter hour of that column, then Enter.
    target = _empty_time(window, day, key)
    while view.time_cursor[0] < target:
        qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)
    while view.time_cursor[0] > target:
        qtbot.keyClick(view, Qt.Key.Key_Up, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    dlg = window.new_plan_dialog
    assert dlg.isVisible()
    assert dlg.form.practitioner.currentData() == key and dlg.start_value() == target
    dlg.reject()
    # Esc puts the cursor away; plain arrows go back to choosing sessions.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.time_cursor is None


def test_a_single_assessment_is_booked_as_a_one_session_plan(qtbot, window, demo_store) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.dialogs.new_plan import NewPlanDialog

    data = window.model.range_data
    patient = next(p for p in search_patients(demo_store, "", 400) if not p.flags)
    practitioner = window.directory.practitioners_at(data.location.id)[0]
    day = window.local_now().date() + timedelta(days=14)
    dlg = NewPlanDialog(
        demo_store,
        window.worker,
        window.desk,
        window.directory,
        window,
        patient=patient,
        location_id=data.location.id,
        practitioner_id=practitioner.id,
        start=at(day, 10),
        local_now=window.local_now,
    )
    qtbot.addWidget(dlg)
    dlg.show()
    wait_active(qtbot, dlg)
    qtbot.keyClick(dlg, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Si&ngle session
    qtbot.waitUntil(dlg.use_single.isChecked)  # a mnemonic "clicks" after a short animation
    assert dlg.use_single.isChecked() and dlg.kind.isEnabled() and not dlg.weeks.isEnabled()
    assert dlg.kind.currentData() == "assessment" and dlg.duration.value() == 45
    dlg.modality.setCurrentIndex(dlg.modality.findData("physiotherapy"))
    qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=10_000)
    assert dlg.preview is not None
    if not dlg.preview.proposal.bookable:  # the demo may have the time taken: pick a free one
        free = dlg.open_free_time()
        assert free is not None
        qtbot.waitUntil(lambda: not free.busy, timeout=30_000)
        assert free.starts, free.status.text()
        assert free.use_button.isEnabled()
        qtbot.keyClick(free.list, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=10_000)
    assert dlg.model.rowCount() == 1
    assert dlg.preview is not None and dlg.preview.proposal.bookable
    assert dlg.book_button.text() == "&Book 1 session"
    with qtbot.waitSignal(dlg.sig_booked, timeout=10_000):
        qtbot.mouseClick(dlg.book_button, Qt.MouseButton.LeftButton)
    booked = dlg.preview.sessions[0].local_start
    assert booked is not None
    week = load_range(demo_store, data.location.id, booked.date(), 1)
    mine = [b for b in week.blocks if b.patient_id == patient.id and b.start == booked]
    assert len(mine) == 1 and mine[0].kind == "assessment" and mine[0].duration_min == 45
    assert window.desk.stack.undoText().startswith("Book Assessment (physiotherapy)")


def test_free_time_offers_the_chosen_days_and_hours(qtbot, window, demo_store) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.dialogs.new_plan import NewPlanDialog

    data = window.model.range_data
    practitioner = window.directory.practitioners_at(data.location.id)[0]
    dlg = NewPlanDialog(
        demo_store,
        window.worker,
        window.desk,
        window.directory,
        window,
        patient=None,  # a first call: the patient is not registered yet
        location_id=data.location.id,
        practitioner_id=practitioner.id,
        start=at(window.local_now().date() + timedelta(days=7), 8),
        local_now=window.local_now,
    )
    qtbot.addWidget(dlg)
    free = dlg.open_free_time()
    assert free is not None
    for i, box in enumerate(free.weekdays):
        box.setChecked(i in (1, 3))  # Tuesday or Thursday
    free.earliest.setTime(free.earliest.time().fromString("08:00", "HH:mm"))
    free.latest.setTime(free.latest.time().fromString("12:00", "HH:mm"))
    qtbot.waitUntil(lambda: not free.busy, timeout=60_000)
    assert free.starts, free.status.text()
    assert all(s.weekday() in (1, 3) and time(8) <= s.time() for s in free.starts)
    assert all(s.time() <= time(11, 30) for s in free.starts)  # 30-minute sessions end by 12
    chosen = free.starts[1] if len(free.starts) > 1 else free.starts[0]
    free.list.setCurrentRow(free.starts.index(chosen))
    qtbot.mouseClick(free.use_button, Qt.MouseButton.LeftButton)
    assert dlg.start_value() == chosen
    assert not free.isVisible()


def test_the_day_list_opens_for_the_time_cursors_column_and_day(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    day = window.local_now().date() + timedelta(days=2)
    _day_view_on(qtbot, window, day)
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    _when, key = view.time_cursor
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | SHIFT)
    dlg = window.day_list_dialog
    qtbot.waitUntil(lambda: dlg.day_list is not None, timeout=10_000)
    assert dlg.scope == "practitioner" and dlg.who_box.currentData() == key
    assert dlg.chosen_day() == day
    dlg.reject()
