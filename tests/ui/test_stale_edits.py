"""Two desks on one schedule, the window's side: no edit from a stale view, no undo over
another desk's later change (issue 11, item 1).

"Another desk" is a second Store on the same database file, with its own author, changing
the session through the services between the window's read and its write, as a receptionist
at the next computer would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from planner.db.audit import Author
from planner.db.store import Store
from planner.services.booking import edits, scores
from planner.services.history import history
from planner.services.schedule.patients import session_info
from planner.services.schedule.values import Block
from planner.ui.dialogs import prompts
from planner.ui.dialogs.session_dialogs import AttendChoice, CancelChoice

from .conftest import FROZEN_UTC

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow
from .helpers import wait_desk
from .test_editing import movable_block

STALE = "was changed at another desk a moment ago"


@pytest.fixture
def other_desk(tmp_path: Path, demo_store: Store) -> Iterator[Store]:
    """The next computer's desk, on the window's database file (demo_store's copy)."""
    other = Store(str(tmp_path / "clinic.db"), author=Author("Reception 2", "anne", "window"))
    yield other
    other.close()


def test_a_drag_from_a_stale_week_is_refused_and_the_week_reads_again(  # type: ignore[no-untyped-def]
    qtbot, window, other_desk, errors_shown, monkeypatch
) -> None:
    block, target = movable_block(window)
    edits.cancel(other_desk, block.id, reason="phoned in", now=FROZEN_UTC)  # the next desk
    monkeypatch.setattr(prompts, "ask_move_scope", lambda *a: prompts.ONE)
    window._drag_move(block.id, target, block.practitioner_id)  # the block as it was drawn
    wait_desk(qtbot, window)
    qtbot.waitUntil(lambda: bool(errors_shown), timeout=5_000)
    assert STALE in errors_shown[0] and "is now cancelled; look again" in errors_shown[0]
    info = session_info(window.store, block.id)
    assert (info.status, info.start) == ("cancelled", block.start)  # nothing moved
    assert window.desk.stack.count() == 0
    # the week read again: the cancelled session left the view
    qtbot.waitUntil(lambda: window.model.row_of(block.id) < 0, timeout=5_000)


def test_a_move_asked_while_another_desk_moves_it_is_refused(  # type: ignore[no-untyped-def]
    qtbot, window, other_desk, errors_shown, monkeypatch
) -> None:
    block, target = movable_block(window)
    elsewhere = target  # the next desk moves it there while this one asks where to

    def ask_move_target(parent, info):  # type: ignore[no-untyped-def]
        edits.move(other_desk, block.id, elsewhere, now=FROZEN_UTC)  # meanwhile, next door
        return target, False

    monkeypatch.setattr(prompts, "ask_move_target", ask_move_target)
    assert window.desk.move_session(block.id)
    wait_desk(qtbot, window)
    qtbot.waitUntil(lambda: bool(errors_shown), timeout=5_000)
    assert STALE in errors_shown[0]
    assert f"{elsewhere:%a %d %b %Y %H:%M}, booked; look again" in errors_shown[0]
    assert session_info(window.store, block.id).start == elsewhere  # the other desk's move
    assert window.desk.stack.count() == 0
    qtbot.waitUntil(
        lambda: window.model.range_data.block(block.id).start == elsewhere, timeout=5_000
    )


def test_a_cancel_asked_while_another_desk_moves_it_is_refused_and_asked_again(  # type: ignore[no-untyped-def]
    qtbot, window, other_desk, monkeypatch
) -> None:
    block, target = movable_block(window)
    asked: list[tuple[int, str]] = []

    def ask_cancel(parent, info, before=None, refusal=""):  # type: ignore[no-untyped-def]
        asked.append((info.revision, refusal))
        if len(asked) == 1:
            edits.move(other_desk, block.id, target, now=FROZEN_UTC)
            return CancelChoice(extend=False, reason="patient ill")
        return None  # the desk reads what happened and keeps the session

    monkeypatch.setattr(prompts, "ask_cancel", ask_cancel)
    assert window.desk.cancel_session(block.id)
    qtbot.waitUntil(lambda: len(asked) == 2 and not window.desk.busy, timeout=10_000)
    (seen, first), (seen_again, refusal) = asked
    assert first == "" and STALE in refusal
    assert seen_again == seen + 1  # the dialog opened again on the session as it is now
    info = session_info(window.store, block.id)
    assert (info.status, info.start) == ("booked", target)  # not cancelled
    assert window.desk.stack.count() == 0


def _started_booked(window: MainWindow) -> Block:
    now = window.local_now()
    data = window.model.range_data
    assert data is not None
    return next(
        b
        for b in data.blocks
        if b.status == "booked" and b.start.date() == now.date() and b.start <= now
    )


def test_an_attendance_asked_while_another_desk_marks_a_no_show_is_refused(  # type: ignore[no-untyped-def]
    qtbot, window, other_desk, monkeypatch
) -> None:
    block = _started_booked(window)
    refusals: list[str] = []

    def ask_attend(parent, info, before=None, refusal=""):  # type: ignore[no-untyped-def]
        refusals.append(refusal)
        if len(refusals) == 1:
            scores.no_show(other_desk, block.id, now=FROZEN_UTC)
            return AttendChoice(regions=[], notes="", scores={})
        return None

    monkeypatch.setattr(prompts, "ask_attend", ask_attend)
    assert window.desk.attend_session(block.id)
    qtbot.waitUntil(lambda: len(refusals) == 2 and not window.desk.busy, timeout=10_000)
    assert STALE in refusals[1] and ", no-show; look again" in refusals[1]
    assert session_info(window.store, block.id).status == "no-show"
    assert window.desk.stack.count() == 0


def test_undo_is_refused_over_another_desks_later_change_and_dropped(  # type: ignore[no-untyped-def]
    qtbot, window, other_desk, errors_shown
) -> None:
    block, target = movable_block(window)
    assert window.desk.move_session(block.id, target, following=False)
    wait_desk(qtbot, window)
    assert session_info(window.store, block.id).start == target
    stack = window.desk.stack
    assert (stack.count(), stack.index()) == (1, 1)
    text = stack.undoText()

    edits.cancel(other_desk, block.id, reason="rang to cancel", now=FROZEN_UTC)
    assert window.desk.undo()
    wait_desk(qtbot, window)
    qtbot.waitUntil(lambda: bool(errors_shown), timeout=5_000)
    assert STALE in errors_shown[0]
    info = session_info(window.store, block.id)
    assert (info.status, info.start) == ("cancelled", target)  # not moved back over it
    # refused for good: dropped from the stack, so earlier steps stay within reach
    assert (stack.count(), stack.index(), stack.canUndo()) == (0, 0, False)
    assert text not in stack.undoText()


def test_undo_of_an_attendance_checks_the_session_first(  # type: ignore[no-untyped-def]
    qtbot, window, other_desk, errors_shown, monkeypatch
) -> None:
    block = _started_booked(window)
    monkeypatch.setattr(
        prompts, "ask_attend", lambda *a, **k: AttendChoice(regions=[], notes="", scores={})
    )
    assert window.desk.attend_session(block.id)
    wait_desk(qtbot, window)
    assert session_info(window.store, block.id).status == "attended"
    scores.correct_to_no_show(other_desk, block.id, now=FROZEN_UTC)  # the next desk corrects
    assert window.desk.undo()
    wait_desk(qtbot, window)
    qtbot.waitUntil(lambda: bool(errors_shown), timeout=5_000)
    assert STALE in errors_shown[0]
    assert session_info(window.store, block.id).status == "no-show"
    assert window.desk.stack.index() == 0


def test_undo_of_cancel_the_rest_restores_none_when_one_was_changed_elsewhere(  # type: ignore[no-untyped-def]
    qtbot, window, other_desk, errors_shown, monkeypatch
) -> None:
    block = next(
        b
        for b in window.model.range_data.blocks
        if b.status == "booked"
        and b.of
        and b.number
        and b.of - b.number >= 2
        and b.start > window.local_now()
    )
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    assert window.desk.cancel_rest(block.id)
    wait_desk(qtbot, window)
    command = window.desk.stack.command(0)
    cancelled = [c["id"] for c in command.cancelled]
    assert len(cancelled) >= 2
    edits.restore(other_desk, cancelled[-1], now=FROZEN_UTC)  # the next desk brings one back
    edits.cancel(other_desk, cancelled[-1], reason="no, really", now=FROZEN_UTC)
    assert window.desk.undo()
    wait_desk(qtbot, window)
    qtbot.waitUntil(lambda: bool(errors_shown), timeout=5_000)
    assert STALE in errors_shown[0]
    assert {session_info(window.store, i).status for i in cancelled} == {"cancelled"}
    assert window.desk.stack.index() == 0


def test_undo_and_redo_pass_the_revisions_their_own_steps_left(  # type: ignore[no-untyped-def]
    qtbot, window
) -> None:
    block, target = movable_block(window)
    assert window.desk.move_session(block.id, target, following=False)
    wait_desk(qtbot, window)
    for _ in range(2):  # with no other desk, undo and redo go on working
        assert window.desk.undo()
        wait_desk(qtbot, window)
        assert session_info(window.store, block.id).start == block.start
        assert window.desk.redo()
        wait_desk(qtbot, window)
        assert session_info(window.store, block.id).start == target
    moves = [c for c in history(window.store, session_id=block.id) if "start_local" in c.after]
    assert len(moves) == 5
    revisions = [c.revision or 0 for c in moves]
    assert revisions == list(range(revisions[0], revisions[0] + 5))  # once per step


def test_a_series_move_passes_the_revisions_its_preview_showed(  # type: ignore[no-untyped-def]
    qtbot, demo_store, other_desk, clock
) -> None:
    from planner.ui.desk import Desk
    from planner.ui.worker import Worker

    from .test_series_move import _open, _series_and_clash, _wait

    worker = Worker()
    desk = Desk(demo_store, worker, None, clock=clock)
    try:
        first, taken = _series_and_clash(demo_store)
        dlg = _open(qtbot, desk, first, taken)
        dlg.fix_rest.click()
        _wait(qtbot, dlg)
        if dlg.preview is not None and dlg.preview.problems and dlg.fix_extend.isEnabled():
            dlg.fix_extend.click()
            _wait(qtbot, dlg)
        for _ in range(5):
            pv = dlg.preview
            assert pv is not None
            row = next((i for i, m in enumerate(pv.sessions) if not m.fits and m.suggestion), None)
            if row is None:
                break
            dlg.table.selectRow(row)
            dlg.fix_shift.click()
            _wait(qtbot, dlg)
        assert dlg.move_button.isEnabled()
        pv = dlg.preview
        assert pv is not None
        seen = dlg.seen_revisions()
        assert seen == {
            m.appointment_id: session_info(demo_store, m.appointment_id).revision
            for m in pv.sessions
        }
        last = pv.sessions[-1].appointment_id
        # the next desk cancels the last session and brings it back: same place, changed
        edits.cancel(other_desk, last, now=FROZEN_UTC)
        edits.restore(other_desk, last, now=FROZEN_UTC)
        before = {i: session_info(demo_store, i).start for i in seen}
        dlg.move_button.click()
        qtbot.waitUntil(lambda: not desk.busy and not dlg.moving, timeout=15_000)
        assert dlg.isVisible()
        assert "Nothing was moved" in dlg.change_label.text()
        assert STALE in dlg.change_label.text()
        assert {i: session_info(demo_store, i).start for i in seen} == before
        assert desk.stack.count() == 0
        _wait(qtbot, dlg)
    finally:
        worker.wait()


def test_cancel_the_rest_undone_and_redone_with_the_plans_revision(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch
) -> None:
    data = window.model.range_data
    block = next(
        b
        for b in data.blocks
        if b.status == "booked"
        and b.of
        and b.number
        and b.of - b.number >= 2
        and b.start > window.local_now()
    )
    monkeypatch.setattr(prompts, "confirm", lambda *a, **k: True)
    assert window.desk.cancel_rest(block.id)
    wait_desk(qtbot, window)
    command = window.desk.stack.command(0)
    ids = [c["id"] for c in command.cancelled]
    for _ in range(2):
        assert window.desk.undo()
        wait_desk(qtbot, window)
        assert {session_info(window.store, i).status for i in ids} == {"booked"}
        assert window.desk.redo()
        wait_desk(qtbot, window)
        assert {session_info(window.store, i).status for i in ids} == {"cancelled"}
    assert command.expect_plan == session_info(window.store, block.id).plan_revision
