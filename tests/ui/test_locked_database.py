"""The window stays responsive while another program holds the database's write lock.

Every change (and every undo and redo) runs on the worker, so SQLite's busy timeout is waited
out there: the GUI thread keeps running its timers and painting, editing waits its turn, and
the change completes once the lock is released, or is refused (and reported, with nothing
changed) when it is not released in time.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from planner.db import store as store_module
from planner.db.store import Store
from planner.services.schedule.patients import session_info
from planner.ui.desk import BUSY_NOTE
from planner.ui.dialogs import prompts
from planner.ui.dialogs.session_dialogs import CancelChoice
from planner.ui.main_window import MainWindow
from planner.ui.settings import AppSettings

from .helpers import wait_desk


class Pulse(QObject):
    """Counts a 20 ms timer's ticks and the schedule's paints, and the longest gap between ticks."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.viewport = window.view.viewport()
        self.ticks = 0
        self.paints = 0
        self.longest_gap = 0.0
        self._last = time.monotonic()
        self.timer = QTimer(self)
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.viewport.installEventFilter(self)

    def start(self) -> None:
        self.ticks = self.paints = 0
        self.longest_gap = 0.0
        self._last = time.monotonic()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.viewport.removeEventFilter(self)

    def _tick(self) -> None:
        now = time.monotonic()
        self.longest_gap = max(self.longest_gap, now - self._last)
        self._last = now
        self.ticks += 1
        self.viewport.update()  # asks for a repaint: only a running event loop does it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


class WriteLock:
    """Another program's write transaction on the database file (``BEGIN IMMEDIATE``)."""

    def __init__(self, path: Path) -> None:
        self.con = sqlite3.connect(path, isolation_level=None, timeout=0)
        self.con.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if self.con.in_transaction:
            self.con.execute("ROLLBACK")
        self.con.close()


def store_path(window: MainWindow) -> Path:
    assert window.store is not None and window.store.path is not None
    return window.store.path


def status_of(window: MainWindow, appointment_id: int) -> str:
    assert window.store is not None
    return session_info(window.store, appointment_id).status


def cancel_one(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> int:
    """Cancel a booked session of the week shown (through the desk); its id."""
    data = window.model.range_data
    assert data is not None
    block = next(b for b in data.blocks if b.status == "booked")
    monkeypatch.setattr(prompts, "ask_cancel", lambda parent, info: CancelChoice(False, "ill"))
    assert window.desk.cancel_session(block.id)
    wait_desk(qtbot, window)
    assert status_of(window, block.id) == "cancelled"
    assert window.desk.stack.index() == 1
    return block.id


def test_undo_waits_for_a_locked_database_while_the_window_keeps_running(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = cancel_one(qtbot, window, monkeypatch)
    lock = WriteLock(store_path(window))
    pulse = Pulse(window)
    try:
        pulse.start()
        t0 = time.monotonic()
        QTest.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Undo
        assert time.monotonic() - t0 < 0.5, "the undo returned at once; the worker waits"
        assert window.desk.busy
        # While it waits: editing waits its turn, nothing else can start, the stack stays.
        assert not window.acts.undo.isEnabled() and not window.acts.cancel.isEnabled()
        assert not window.desk.redo() and not window.desk.cancel_session(aid)
        assert window.status_text.text() == BUSY_NOTE
        qtbot.wait(800)  # the event loop runs all along: the timer fires, the schedule repaints
        assert window.desk.busy, "the undo is still waiting for the lock"
        # Generous bounds (a loaded test machine): a frozen window would show no tick at all
        # and one gap as long as the wait.
        assert pulse.ticks >= 10 and pulse.paints >= 3, (pulse.ticks, pulse.paints)
        assert pulse.longest_gap < 0.5, f"the GUI thread stalled for {pulse.longest_gap:.2f} s"
        assert status_of(window, aid) == "cancelled"  # reads go on
        assert window.desk.stack.index() == 1
    finally:
        lock.release()
    wait_desk(qtbot, window)  # the lock is gone: the undo completes
    pulse.stop()
    assert status_of(window, aid) == "booked"
    assert window.desk.stack.index() == 0 and window.desk.stack.canRedo()
    assert window.status_text.text().startswith("Undone: Cancel ")
    assert window.acts.redo.isEnabled() and window.acts.cancel.isEnabled()
    qtbot.waitUntil(lambda: window.model.row_of(aid) >= 0, timeout=5_000)  # back in the week


@pytest.fixture
def impatient_window(
    qtbot: QtBot,
    demo_template: Path,
    tmp_path: Path,
    settings: AppSettings,
    clock: Callable[[], datetime],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[MainWindow]:
    """The window over a demo clinic whose store gives up on a locked database after 1 s."""
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 1_000)
    path = tmp_path / "clinic.db"
    shutil.copyfile(demo_template, path)
    store = Store(str(path))
    w = MainWindow(store, settings, clock=clock)
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    with qtbot.waitSignal(w.sig_week_shown, timeout=10_000):
        w.start()
    yield w
    w.worker.wait()
    store.close()


def test_an_undo_refused_by_a_locked_database_says_so_and_can_be_tried_again(
    qtbot: QtBot,
    impatient_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    errors_shown: list[str],
) -> None:
    window = impatient_window
    aid = cancel_one(qtbot, window, monkeypatch)
    lock = WriteLock(store_path(window))
    pulse = Pulse(window)
    try:
        pulse.start()
        window.desk.undo()
        wait_desk(qtbot, window, timeout=10_000)  # gives up after the busy timeout
        assert pulse.ticks >= 10, pulse.ticks  # running all along the 1 s timeout
        assert pulse.longest_gap < 0.5, f"the GUI thread stalled for {pulse.longest_gap:.2f} s"
        assert status_of(window, aid) == "cancelled"  # unchanged
    finally:
        lock.release()
        pulse.stop()
    text = window.status_text.text()
    assert text.startswith("Could not undo “Cancel ") and "busy" in text
    qtbot.waitUntil(lambda: bool(errors_shown))
    assert "busy with another desk" in errors_shown[0]
    # A busy database is only a wait: the step stays, and the same undo works once it is free.
    assert window.desk.stack.count() == 1 and window.desk.stack.index() == 1
    assert window.acts.undo.isEnabled()
    window.desk.undo()
    wait_desk(qtbot, window)
    assert status_of(window, aid) == "booked"
    assert window.desk.stack.index() == 0 and window.desk.stack.canRedo()


def test_a_redo_refused_by_a_locked_database_says_so_and_can_be_tried_again(
    qtbot: QtBot,
    impatient_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    errors_shown: list[str],
) -> None:
    window = impatient_window
    aid = cancel_one(qtbot, window, monkeypatch)
    window.desk.undo()
    wait_desk(qtbot, window)
    assert status_of(window, aid) == "booked" and window.desk.stack.canRedo()
    lock = WriteLock(store_path(window))
    try:
        window.desk.redo()
        assert window.desk.busy and not window.acts.redo.isEnabled()
        wait_desk(qtbot, window, timeout=10_000)
        assert status_of(window, aid) == "booked"  # unchanged
    finally:
        lock.release()
    assert window.status_text.text().startswith("Could not redo “Cancel ")
    qtbot.waitUntil(lambda: bool(errors_shown))
    assert window.desk.stack.canRedo() and window.acts.redo.isEnabled()
    window.desk.redo()
    wait_desk(qtbot, window)
    assert status_of(window, aid) == "cancelled" and window.desk.stack.canUndo()
