"""Dialogs that never lose work (issue 10, item 4): the cancel reason gets the first keys and
is kept on the session, Esc or Close with entered data asks first, attend is not offered
before a session starts, a refused save opens the dialog again with its data, and an attended
session can be corrected to a no-show and back, with undo."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu

from planner.core.outcomes import Measure
from planner.core.regions import parse_region
from planner.errors import InvalidState
from planner.services.schedule.patients import patient_detail, session_info
from planner.services.schedule.values import Block
from planner.services.schedule.week import load_range
from planner.ui import undo
from planner.ui.dialogs import discard, prompts
from planner.ui.dialogs.session_dialogs import AttendChoice, AttendDialog, CancelDialog
from planner.ui.models.patient_models import SessionsModel
from planner.ui.models.schedule_model import block_tooltip

from .helpers import wait_desk


def _booked(window: Any, *, started: bool) -> Block:
    """A booked treatment of the week shown that has (or has not yet) started."""
    now = window.local_now()
    found: Block = next(
        b
        for b in sorted(window.model.range_data.blocks, key=lambda b: b.start)
        if b.status == "booked"
        and b.kind == "treatment"
        and (
            (b.start <= now - timedelta(minutes=5))
            if started
            else (b.start > now + timedelta(hours=2))
        )
    )
    return found


def test_typing_a_reason_right_after_the_cancel_dialog_opens_leaves_extend_and_stores_it(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    block = _booked(window, started=False)
    seen: dict[str, tuple[bool, bool]] = {}

    def ask_cancel(parent, info):  # type: ignore[no-untyped-def]
        dlg = CancelDialog(info, parent)
        qtbot.addWidget(dlg)
        dlg.show()
        extend_before = dlg.extend.isChecked()
        # The desk types at once, into whatever has the focus.
        qtbot.keyClicks(dlg.focusWidget(), "patient ill")
        seen["extend"] = (extend_before, dlg.extend.isChecked())
        choice = dlg.result_value()
        dlg.accept()
        return choice

    monkeypatch.setattr(prompts, "ask_cancel", ask_cancel)
    window.desk.cancel_session(block.id)
    wait_desk(qtbot, window)
    before, after = seen["extend"]
    assert before == after, "typing the reason toggled 'extend the plan'"
    info = session_info(window.store, block.id)
    assert (info.status, info.cancel_reason) == ("cancelled", "patient ill")

    # Shown afterwards: the week's tooltip (cancelled sessions shown) and the patient's list.
    data = load_range(window.store, info.location_id, info.start.date(), 1, include_cancelled=True)
    shown = data.block(block.id)
    assert shown is not None and "Cancelled: patient ill" in block_tooltip(shown)
    rows = patient_detail(window.store, info.patient_id).sessions
    model = SessionsModel()
    model.set_rows(rows)
    row = model.row_of(block.id)
    assert model.index(row, 2).data() == "Cancelled: patient ill"


def _cancel_dialog(qtbot: Any, window: Any) -> CancelDialog:
    dlg = CancelDialog(session_info(window.store, _booked(window, started=False).id), window)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_esc_or_close_on_the_cancel_dialog_with_a_reason_asks_first(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[bool] = []
    asked: list[str] = []

    def ask_discard(parent, title, what):  # type: ignore[no-untyped-def]
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(discard, "ask_discard", ask_discard)
    empty = _cancel_dialog(qtbot, window)
    qtbot.keyClick(empty, Qt.Key.Key_Escape)
    assert not empty.isVisible() and asked == [], "nothing entered: Esc closes at once"

    dlg = _cancel_dialog(qtbot, window)
    qtbot.keyClicks(dlg.reason, "work")
    answers[:] = [False, False, True]
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert dlg.isVisible() and dlg.reason.text() == "work", "going back keeps the dialog"
    dlg.close()  # the window's Close button
    assert dlg.isVisible() and dlg.reason.text() == "work"
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible() and dlg.result() == CancelDialog.DialogCode.Rejected
    assert asked == ["Cancel session"] * 3


def test_esc_on_the_attend_dialog_with_a_score_asks_first(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def ask_discard(parent: Any, title: str, what: str) -> bool:
        asked.append(what)
        return False

    monkeypatch.setattr(discard, "ask_discard", ask_discard)
    info = session_info(window.store, _booked(window, started=True).id)
    dlg = AttendDialog(info, window)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.score_spins[Measure.FATIGUE].setValue(6)
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert asked == ["the scores and notes you entered"]
    assert dlg.isVisible() and dlg.result_value().scores == {Measure.FATIGUE: 6}


def test_attend_is_not_offered_before_the_session_starts(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, errors_shown: list[str]
) -> None:
    menus: list[QMenu] = []
    monkeypatch.setattr(window, "_popup", lambda menu, pos: menus.append(menu))
    later = _booked(window, started=False)
    window._context_menu(later.id, QPoint(10, 10))
    assert not window.acts.attend.isEnabled() and not window.acts.no_show.isEnabled()
    started = _booked(window, started=True)
    window._context_menu(started.id, QPoint(10, 10))
    assert window.acts.attend.isEnabled() and window.acts.no_show.isEnabled()
    # The Session menu of the menu bar, for the selected session, the same way.
    window.view.select(later.id)
    qtbot.waitUntil(lambda: window.current_session == later.id)
    window.session_menu.aboutToShow.emit()
    assert not window.acts.attend.isEnabled() and window.acts.cancel.isEnabled()
    window.session_menu.aboutToHide.emit()
    assert window.acts.attend.isEnabled()  # the shortcut reaches the desk, which says why

    # The shortcut (or a stale menu) still reaches the desk: it says why, before any score.
    opened: list[int] = []
    monkeypatch.setattr(prompts, "ask_attend", lambda parent, info: opened.append(info.id))
    window.desk.attend_session(later.id)
    wait_desk(qtbot, window)
    assert opened == []
    assert (
        len(errors_shown) == 1 and "can be marked attended from an hour before" in errors_shown[0]
    )
    assert session_info(window.store, later.id).status == "booked"


def test_a_refused_attend_opens_the_dialog_again_with_what_was_entered(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    block = _booked(window, started=True)
    choice = AttendChoice([(parse_region("neck"), 6)], "tender", {Measure.SLEEP: 4})
    asked: list[tuple[object, ...]] = []

    def ask_attend(parent, info, *again):  # type: ignore[no-untyped-def]
        asked.append(again)
        return choice if len(asked) == 1 else None

    real_forward = undo.AttendCommand.forward
    refusals = [InvalidState("the database said no")]

    def forward(self):  # type: ignore[no-untyped-def]
        if refusals:
            raise refusals.pop()
        return real_forward(self)

    monkeypatch.setattr(undo.AttendCommand, "forward", forward)
    monkeypatch.setattr(prompts, "ask_attend", ask_attend)
    window.desk.attend_session(block.id)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=10_000)
    wait_desk(qtbot, window)
    assert asked[1] == (choice, "the database said no")
    assert session_info(window.store, block.id).status == "booked"

    # And the dialog shows that choice again, with the refusal.
    dlg = AttendDialog(session_info(window.store, block.id), window, choice=choice, refusal="no")
    qtbot.addWidget(dlg)
    assert dlg.result_value() == choice and not dlg.refusal.isHidden()


def test_attended_corrected_to_no_show_and_back_with_undo(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    block = _booked(window, started=True)
    choice = AttendChoice([(parse_region("neck"), 6)], "", {Measure.FATIGUE: 5})
    monkeypatch.setattr(prompts, "ask_attend", lambda parent, info: choice)
    window.desk.attend_session(block.id)
    wait_desk(qtbot, window)
    assert session_info(window.store, block.id).status == "attended"

    questions: list[str] = []

    def confirm(parent: Any, title: str, text: str, yes: str, no: str = "") -> bool:
        questions.append(title)
        return True

    monkeypatch.setattr(prompts, "confirm", confirm)
    window.view.select(block.id)
    window.desk.no_show_session(block.id)
    wait_desk(qtbot, window)
    assert questions == ["Correct to a no-show"]
    info = session_info(window.store, block.id)
    assert (info.status, info.treated) == ("no-show", ())

    window.desk.undo()
    wait_desk(qtbot, window)
    info = session_info(window.store, block.id)
    assert (info.status, info.treated) == ("attended", (("neck", 6),))
    window.desk.redo()
    wait_desk(qtbot, window)
    assert session_info(window.store, block.id).status == "no-show"

    # No-show -> attended is the other way round, and undoes back to the no-show.
    window.desk.attend_session(block.id)
    wait_desk(qtbot, window)
    assert session_info(window.store, block.id).status == "attended"
    window.desk.undo()
    wait_desk(qtbot, window)
    assert session_info(window.store, block.id).status == "no-show"


def test_esc_on_the_new_plan_dialog_asks_once_something_was_entered(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answers = [False, True]

    def ask_discard(parent, title, what):  # type: ignore[no-untyped-def]
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(discard, "ask_discard", ask_discard)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dlg = window.new_plan_dialog
    assert dlg.isVisible() and not dlg.has_entered_data()
    dlg.weeks.setValue(dlg.weeks.value() + 1)
    dlg.use_custom.setChecked(True)
    assert dlg.has_entered_data()
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert dlg.isVisible() and asked == ["New treatment plan"], "going back keeps the plan"
    qtbot.mouseClick(dlg.close_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and asked == ["New treatment plan"] * 2

    # Opened and closed without a change: no question.
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    again = window.new_plan_dialog
    qtbot.waitUntil(lambda: not again.busy, timeout=10_000)
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    assert not again.isVisible() and len(asked) == 2
