"""The issue's keyboard-only walk, with the window's real dialogs driven by keys.

Find a patient, book the fibromyalgia template, move one session to another day, cancel one
with extension, export the patient's .ics; then undo the cancellation. No mouse click.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from planner.services.schedule.patients import patient_detail, session_info
from planner.ui.dialogs import prompts
from planner.ui.dialogs.session_dialogs import CancelDialog, MoveDialog

from .helpers import flagged_patient, free_day, wait_active, wait_desk

Key = Qt.Key
Mod = Qt.KeyboardModifier


def run_by_keys(qtbot: QtBot, dialog: QDialog, keys: list[tuple[Key, Mod]]) -> bool:
    """Show a dialog non-modally, type ``keys`` into whatever has focus, report acceptance."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    wait_active(qtbot, dialog)
    for key, mod in keys:
        target = dialog.focusWidget() or dialog
        QTest.keyClick(target, key, mod)
    accepted = dialog.result() == dialog.DialogCode.Accepted
    parent = dialog.parentWidget()
    assert parent is not None, "the dialog has the window as its parent"
    wait_active(qtbot, parent)  # what a window manager does when a dialog closes
    return accepted


def test_keyboard_only_front_desk_walk(  # type: ignore[no-untyped-def]
    qtbot, window, demo_store, tmp_path: Path, monkeypatch
) -> None:
    patient = flagged_patient(demo_store)
    panel = window.panel
    keys = qtbot.keyClick

    # 1. Find the patient: Ctrl+F, type, Enter.
    keys(window, Key.Key_F, Mod.ControlModifier)
    qtbot.keyClicks(panel.search, patient.name)
    keys(panel.search, Key.Key_Return)
    qtbot.waitUntil(
        lambda: panel.detail is not None and panel.detail.patient.id == patient.id, timeout=10_000
    )
    plans_before = len(panel.detail.plans)

    # 2. Book the fibromyalgia template: Ctrl+N, Alt+S (next free slot) if needed,
    #    Alt+D (acknowledge the screening flags), Enter (Book).
    keys(window, Key.Key_N, Mod.ControlModifier)
    dlg = window.new_plan_dialog
    qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=10_000)
    if not dlg.preview.proposal.bookable:
        keys(dlg, Key.Key_S, Mod.AltModifier)  # a mnemonic "clicks" after a short animation
        qtbot.waitUntil(lambda: not dlg.busy and dlg.preview.proposal.bookable, timeout=20_000)
    keys(dlg, Key.Key_D, Mod.AltModifier)
    qtbot.waitUntil(dlg.acknowledge.isChecked)
    qtbot.waitUntil(dlg.book_button.isEnabled)
    with qtbot.waitSignal(dlg.sig_booked) as booked:
        keys(dlg, Key.Key_Return)
    plan_id, _first_session = booked.args
    qtbot.waitUntil(
        lambda: panel.detail is not None and len(panel.detail.plans) == plans_before + 1,
        timeout=10_000,
    )
    sessions = [s for s in panel.detail.sessions if s.plan_id == plan_id]
    assert len(sessions) == 12

    # 3. Move one session (the first treatment) to another day: pick it in the patient's
    #    session list by keyboard, Ctrl+M, Up on the day, Enter.
    treatment = next(s for s in sessions if s.kind == "treatment")
    day = free_day(demo_store, treatment.id)
    assert day is not None
    steps = (day - treatment.start.date()).days

    def move_by_keys(parent, info):  # type: ignore[no-untyped-def]
        d = MoveDialog(info, parent)
        ok = run_by_keys(
            qtbot, d, [(Key.Key_Up, Mod.NoModifier)] * steps + [(Key.Key_Return, Mod.NoModifier)]
        )
        return d.result_value() if ok else None

    monkeypatch.setattr(prompts, "ask_move_target", move_by_keys)
    wait_active(qtbot, window)
    keys(window, Key.Key_F, Mod.ControlModifier)
    keys(panel.search, Key.Key_Return)  # the same patient again: focus lands in the session list
    qtbot.waitUntil(lambda: panel.sessions.hasFocus() and not panel.loading, timeout=10_000)
    while panel.current_session_id() != treatment.id:
        keys(panel.sessions, Key.Key_Down)
    assert window.current_session == treatment.id
    keys(window, Key.Key_M, Mod.ControlModifier)
    wait_desk(qtbot, window)
    moved = session_info(demo_store, treatment.id)
    assert moved.start.date() == day and moved.start.time() == treatment.start.time()

    # 4. Cancel another treatment with extension: Down to it, Delete, Enter.
    qtbot.waitUntil(lambda: not panel.loading, timeout=10_000)
    later = [s for s in panel.detail.sessions if s.plan_id == plan_id and s.kind == "treatment"][3]
    assert panel.sessions.hasFocus()  # focus came back to the list after the move
    while panel.current_session_id() != later.id:
        keys(panel.sessions, Key.Key_Down)

    def cancel_by_keys(parent, info):  # type: ignore[no-untyped-def]
        d = CancelDialog(info, parent)
        assert d.extend.isChecked(), "extending the plan is offered and on by default"
        ok = run_by_keys(qtbot, d, [(Key.Key_Return, Mod.NoModifier)])
        return d.result_value() if ok else None

    monkeypatch.setattr(prompts, "ask_cancel", cancel_by_keys)
    keys(panel.sessions, Key.Key_Delete)
    wait_desk(qtbot, window)
    assert session_info(demo_store, later.id).status == "cancelled"
    detail = patient_detail(demo_store, patient.id)
    assert sum(1 for s in detail.sessions if s.plan_id == plan_id and s.status == "booked") == 12

    # 5. Export the patient's .ics: Ctrl+E, Enter (the file dialog answers), Escape.
    exported = export_by_keys(qtbot, window, tmp_path / "patient.ics", monkeypatch)
    text = exported.read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in text and text.count("BEGIN:VEVENT") >= 12

    # 6. Undo the cancellation: Ctrl+Z.
    keys(window, Key.Key_Z, Mod.ControlModifier)
    wait_desk(qtbot, window)
    assert session_info(demo_store, later.id).status == "booked"
    detail = patient_detail(demo_store, patient.id)
    assert sum(1 for s in detail.sessions if s.plan_id == plan_id and s.status == "booked") == 12
    assert window.desk.stack.canRedo()


def export_by_keys(qtbot, window, target: Path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(prompts, "ask_save_path", lambda *a, **k: str(target))
    qtbot.keyClick(window, Key.Key_E, Mod.ControlModifier)
    dlg = window.export_dialog
    wait_active(qtbot, dlg)
    assert dlg.scope_is_patient() and dlg.profile.currentData() == "patient"
    with qtbot.waitSignal(dlg.sig_exported, timeout=20_000):
        qtbot.keyClick(dlg.focusWidget() or dlg, Key.Key_Return)
    qtbot.keyClick(dlg.focusWidget() or dlg, Key.Key_Escape)
    assert not dlg.isVisible()
    wait_active(qtbot, window)
    return target
