"""Editing sessions in the window: drag to move, cancel with extension, attend, no-show, undo."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt

from planner.core.regions import parse_region
from planner.errors import NotFound
from planner.services.schedule.patients import session_info
from planner.services.schedule.values import Block
from planner.ui.dialogs import prompts
from planner.ui.dialogs.session_dialogs import AttendChoice, CancelChoice

from .helpers import wait_desk


def status_of(store, appointment_id: int) -> str:  # type: ignore[no-untyped-def]
    return session_info(store, appointment_id).status


def free_target(window, block: Block) -> datetime | None:  # type: ignore[no-untyped-def]
    """A start later this week where the practitioner, room and patient are all free."""
    data = window.model.range_data
    col = next(c for c in data.practitioners if c.key == block.practitioner_id)
    for d in data.days:
        if d.day <= block.start.date() or d.closed or not d.opening:
            continue
        for minutes in range(8 * 60, 17 * 60, 15):
            start = datetime.combine(d.day, datetime.min.time()) + timedelta(minutes=minutes)
            end = start + timedelta(minutes=block.duration_min)
            if not col.hours or not col.hours.fits(d.day.weekday(), start.time(), end.time()):
                continue
            clash = [
                b
                for b in data.blocks
                if b.id != block.id
                and b.start < end
                and b.end > start
                and (
                    b.practitioner_id == block.practitioner_id
                    or b.patient_id == block.patient_id
                    or (b.room_id is not None and b.room_id == block.room_id)
                )
            ]
            if not clash:
                return start
    return None


def movable_block(window) -> tuple[Block, datetime]:  # type: ignore[no-untyped-def]
    """A booked session of today and a free time later this week to move it to."""
    today = window.local_now().date()
    blocks = [
        b
        for b in window.model.range_data.blocks
        if b.status == "booked" and b.start.date() == today
    ]
    for b in sorted(blocks, key=lambda b: b.start, reverse=True):
        target = free_target(window, b)
        if target is not None:
            return b, target
    raise AssertionError("no movable session today")


def test_drag_to_move_asks_this_or_following_and_undoes(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    block, target = movable_block(window)
    asked = []

    def scope(parent, info, new_start):  # type: ignore[no-untyped-def]
        asked.append((info.id, new_start))
        return prompts.ONE

    monkeypatch.setattr(prompts, "ask_move_scope", scope)
    view = window.view
    rect = view.block_rect(block.id)
    start = QPoint(rect.center().x(), rect.top() + 3)
    drop = view.point_for(target.date(), target.time())
    assert drop is not None
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    for k in range(1, 6):
        qtbot.mouseMove(vp, start + (drop - start) * k / 5)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=drop)
    wait_desk(qtbot, window)
    assert asked == [(block.id, target)]
    qtbot.waitUntil(lambda: window.model.range_data.block(block.id).start == target, timeout=5_000)
    assert session_info(window.store, block.id).start == target

    window.desk.undo()
    qtbot.waitUntil(
        lambda: window.model.range_data.block(block.id).start == block.start, timeout=5_000
    )
    wait_desk(qtbot, window)
    window.desk.redo()
    qtbot.waitUntil(lambda: window.model.range_data.block(block.id).start == target, timeout=5_000)


def test_cancel_with_extension_then_undo_and_redo(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    data = window.model.range_data
    block = next(
        b
        for b in data.blocks
        if b.status == "booked" and b.kind == "treatment" and b.of and b.number < b.of
    )
    offered = []

    def ask_cancel(parent, info):  # type: ignore[no-untyped-def]
        offered.append(info)
        return CancelChoice(extend=True, reason="patient ill")

    monkeypatch.setattr(prompts, "ask_cancel", ask_cancel)
    window.view.select(block.id)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    wait_desk(qtbot, window)
    assert offered and offered[0].id == block.id
    cmd = window.desk.stack.command(0)
    added = cmd.result.added
    assert added is not None, "the plan was extended by one session"
    assert status_of(window.store, block.id) == "cancelled"
    assert status_of(window.store, added["id"]) == "booked"
    qtbot.waitUntil(
        lambda: window.model.row_of(block.id) < 0, timeout=5_000
    )  # cancelled leave the view

    window.desk.undo()  # survives the refresh above: the command holds ids, not view rows
    wait_desk(qtbot, window)
    assert status_of(window.store, block.id) == "booked"
    with pytest.raises(NotFound):  # the session added at the end is gone again
        session_info(window.store, added["id"])
    qtbot.waitUntil(lambda: window.model.row_of(block.id) >= 0, timeout=5_000)
    window.refresh()
    window.desk.redo()
    wait_desk(qtbot, window)
    assert status_of(window.store, block.id) == "cancelled"


def test_attend_and_no_show_from_the_context_menu(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    now = window.local_now()
    past = [b for b in window.model.range_data.blocks if b.status == "booked" and b.start < now]
    if len(past) < 2:
        pytest.skip("the demo week has fewer than two open sessions before now")
    first, second = past[0], past[1]
    menus = []
    monkeypatch.setattr(type(window), "_popup", lambda self, menu, pos: menus.append(menu))
    monkeypatch.setattr(
        prompts,
        "ask_attend",
        lambda parent, info: AttendChoice(
            [(parse_region("neck"), 4), (parse_region("shoulders"), 6)], "felt better"
        ),
    )
    rect = window.view.block_rect(first.id)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    window.view.open_context_menu()
    assert menus, "the context menu opened"
    texts = [a.text() for a in menus[-1].actions()]
    assert "Mark &attended…" in texts and "&Cancel…" in texts
    window.act_attend.trigger()
    wait_desk(qtbot, window)
    assert status_of(window.store, first.id) == "attended"
    info = session_info(window.store, first.id)
    assert dict(info.treated) == {"neck": 4, "shoulders": 6}

    window.view.select(second.id)
    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    wait_desk(qtbot, window)
    assert status_of(window.store, second.id) == "no-show"
    window.desk.undo()
    wait_desk(qtbot, window)
    assert status_of(window.store, second.id) == "booked"
    window.desk.undo()
    wait_desk(qtbot, window)
    assert status_of(window.store, first.id) == "booked"
    assert window.desk.stack.index() == 0


def test_refused_move_shows_advice_and_keeps_the_stack_clean(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch, errors_shown
) -> None:
    block, _target = movable_block(window)
    monkeypatch.setattr(prompts, "ask_move_scope", lambda *a: prompts.ONE)
    sunday = window.range_first() + timedelta(days=6)
    window.desk.move_session(block.id, datetime.combine(sunday, block.start.time()))
    wait_desk(qtbot, window)
    assert errors_shown and "cannot move" in errors_shown[0]
    assert window.desk.stack.count() == 0
