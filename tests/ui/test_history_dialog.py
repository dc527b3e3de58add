"""History… in the window: who changed a session or a patient, when, at which desk, and what,
in words (issue 11, item 3); and the desk name from Settings in that log."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QAbstractItemModelTester, QTest

from planner.db.audit import Author, desk_file
from planner.db.store import Store
from planner.errors import BadInput
from planner.services.booking import edits
from planner.services.desk import check_desk_name, computer_name, desk_name, set_desk_name
from planner.services.history import history
from planner.services.schedule.patients import session_info
from planner.services.schedule.values import Block
from planner.ui.dialogs.history_dialog import HistoryDialog
from planner.ui.models.history_model import CHANGES, DESK, USER, WHAT, WHEN
from planner.ui.settings import Preferences

from .conftest import FROZEN_UTC
from .helpers import wait_desk
from .test_editing import movable_block

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from planner.ui.main_window import MainWindow


@pytest.fixture
def desk_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This computer's config folder, in the test's own folder; no PLANNER_DESK."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("PLANNER_DESK", raising=False)
    assert str(desk_file()).startswith(str(tmp_path))
    return desk_file()


@pytest.fixture
def other_desk(tmp_path: Path, demo_store: Store) -> Iterator[Store]:
    other = Store(str(tmp_path / "clinic.db"), author=Author("Reception 2", "anne", "cli"))
    yield other
    other.close()


def _open(qtbot, window, **kw) -> HistoryDialog:  # type: ignore[no-untyped-def]
    dlg = HistoryDialog(window.store, window.worker, window, **kw)
    qtbot.addWidget(dlg)
    QAbstractItemModelTester(dlg.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    dlg.open()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
    return dlg


def _moved_twice_and_cancelled(
    qtbot: QtBot, window: MainWindow, other_desk: Store
) -> tuple[Block, datetime]:
    """A session moved at this desk (the window), moved again and cancelled at the next."""
    assert window.store is not None
    window.store.author = Author("Front desk 1", "kim", "window")
    block, first = movable_block(window)
    assert window.desk.move_session(block.id, first, following=False)
    wait_desk(qtbot, window)
    back = block.start  # the next desk puts it back where it was, then cancels it
    edits.move(other_desk, block.id, back, now=FROZEN_UTC)
    edits.cancel(other_desk, block.id, reason="patient ill", now=FROZEN_UTC)
    return block, first


def test_a_sessions_history_says_each_change_in_words(qtbot, window, other_desk) -> None:  # type: ignore[no-untyped-def]
    block, first = _moved_twice_and_cancelled(qtbot, window, other_desk)
    dlg = _open(qtbot, window, session_id=block.id)
    m = dlg.model
    assert m.rowCount() == 3
    rows = [[m.index(r, c).data() for c in (WHEN, DESK, USER, WHAT, CHANGES)] for r in range(3)]
    start = f"{block.start:%a %d %b %Y %H:%M}"
    moved = f"{first:%a %d %b %Y %H:%M}"
    assert rows[0][3] == "Move"  # the session itself is named in the heading
    assert f"start {start} → {moved}" in rows[0][4]
    assert rows[1][1:3] == ["Reception 2 (cli)", "anne"]
    assert f"start {moved} → {start}" in rows[1][4]
    assert rows[2][3] == "Cancel"
    assert "status booked → cancelled" in rows[2][4]
    assert "reason (empty) → 'patient ill'" in rows[2][4]
    assert rows[0][1:3] == ["Front desk 1", "kim"]  # this desk, the window
    assert block.patient_name in dlg.heading.text()
    assert block.patient_name in dlg.windowTitle()
    assert dlg.status.text() == "3 changes, oldest first."
    # no database id, no UTC time, in anything a person reads
    said = " ".join(str(x) for row in rows for x in row) + dlg.windowTitle()
    assert f"session {block.id}" not in said and "Z" not in rows[0][0]
    assert dlg.table.currentIndex().row() == 2  # the latest is selected
    assert dlg.table.focusPolicy() & Qt.FocusPolicy.TabFocus
    QTest.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()


def test_history_from_the_session_menu_and_the_patient_card(qtbot, window, other_desk) -> None:  # type: ignore[no-untyped-def]
    block, _first = _moved_twice_and_cancelled(qtbot, window, other_desk)
    window._current_session = block.id
    window.acts.history.trigger()
    qtbot.waitUntil(lambda: getattr(window, "history_dialog", None) is not None, timeout=5_000)
    dlg = window.history_dialog
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
    assert dlg.session_id == block.id and dlg.model.rowCount() == 3
    dlg.reject()
    window.history_dialog = None

    window.panel.show_patient(block.patient_id)
    qtbot.waitUntil(lambda: window.panel.patient_id == block.patient_id, timeout=5_000)
    window.panel.history.click()
    qtbot.waitUntil(lambda: window.history_dialog is not None, timeout=5_000)
    dlg = window.history_dialog
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
    assert dlg.patient_id == block.patient_id
    expected = history(window.store, patient_id=block.patient_id, limit=501)
    assert dlg.model.rowCount() == min(len(expected), 500) >= 3
    assert dlg.windowTitle() == f"History: {block.patient_name}"
    what = [dlg.model.index(r, WHAT).data() for r in range(dlg.model.rowCount())]
    assert any(w.startswith("Cancel\n") and block.patient_name in w for w in what)  # which row


def test_the_history_dialog_fits_1280x720_and_a_screenshot(qtbot, window, other_desk) -> None:  # type: ignore[no-untyped-def]
    block, _first = _moved_twice_and_cancelled(qtbot, window, other_desk)
    window.resize(1280, 720)
    dlg = _open(qtbot, window, session_id=block.id)
    assert dlg.width() <= 1280 and dlg.height() <= 720
    folder = os.environ.get("PLANNER_SHOTS")
    if folder:  # PLANNER_SHOTS=DIR PLANNER_TEST_QPA=xcb xvfb-run -s "-screen 0 1280x720x24"
        Path(folder).mkdir(parents=True, exist_ok=True)
        screen = QGuiApplication.primaryScreen()
        if QGuiApplication.platformName() == "xcb" and screen is not None:
            QTest.qWait(400)  # let the window system draw what was just shown
            image = screen.grabWindow(0)
        else:
            image = dlg.grab()
        image.save(str(Path(folder) / "history-dialog.png"))


# -- the desk name ---------------------------------------------------------------------------


def test_the_desk_name_is_checked_and_saved_privately(desk_config: Path) -> None:
    assert desk_name() == computer_name()
    with pytest.raises(BadInput, match="empty"):
        check_desk_name("   ")
    with pytest.raises(BadInput, match="at most 100"):
        check_desk_name("x" * 101)
    assert not desk_config.exists()
    assert set_desk_name("  Front   desk 2 ") == "Front desk 2"
    assert desk_config.read_text(encoding="utf-8") == "Front desk 2\n"
    assert stat.S_IMODE(desk_config.stat().st_mode) == 0o600
    assert stat.S_IMODE(desk_config.parent.stat().st_mode) == 0o700
    assert desk_name() == "Front desk 2"
    set_desk_name(computer_name())  # back to the computer's name: no file to go stale
    assert not desk_config.exists() and desk_name() == computer_name()


def test_settings_saves_the_desk_name_and_the_change_log_uses_it(  # type: ignore[no-untyped-def]
    qtbot, window, desk_config
) -> None:
    from planner.ui.dialogs.settings_dialog import SettingsDialog

    dlg = SettingsDialog(Preferences(), "", window.store, window.worker, window)
    qtbot.addWidget(dlg)
    dlg.open()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=5_000)
    assert dlg.desk_name.text() == computer_name()  # the default shown
    dlg.desk_name.clear()
    assert "empty" in dlg.status.text()  # said as it is typed
    dlg.accept()
    assert dlg.isVisible() and "Not saved" in dlg.status.text()
    assert not desk_config.exists()  # nothing saved
    QTest.keyClicks(dlg.desk_name, "Front desk 2")
    dlg.accept()
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=5_000)
    assert desk_config.read_text(encoding="utf-8").strip() == "Front desk 2"
    assert window.store.author.desk == "Front desk 2"

    block, target = movable_block(window)
    assert window.desk.move_session(block.id, target, following=False)
    wait_desk(qtbot, window)
    last = history(window.store, session_id=block.id)[-1]
    assert (last.desk, last.action) == ("Front desk 2", "move")
    assert session_info(window.store, block.id).start == target


def test_the_window_opens_its_database_as_this_desk_and_the_window(  # type: ignore[no-untyped-def]
    tmp_path, desk_config
) -> None:
    from planner.ui.app import _open

    set_desk_name("Front desk 3")
    store, _directory = _open(str(tmp_path / "new.db"))
    try:
        assert (store.author.desk, store.author.program) == ("Front desk 3", "window")
    finally:
        store.close()


def test_history_is_on_the_keyboard_with_shortcuts_no_other_action_has(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAction, QKeySequence

    taken: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            assert taken.setdefault(text, action.text()) == action.text(), text
    assert taken["Ctrl+Shift+H"] == "&History…"
    assert taken["Ctrl+Alt+H"] == "Patient hist&ory…"
    block, _target = movable_block(window)
    window.view.select(block.id)
    window.view.setFocus()
    QTest.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: getattr(window, "history_dialog", None) is not None, timeout=5_000)
    dlg = window.history_dialog
    assert dlg.session_id == block.id
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
    assert dlg.focusWidget() is dlg.table  # the list takes the keys first
    QTest.keyClick(dlg.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=5_000)
