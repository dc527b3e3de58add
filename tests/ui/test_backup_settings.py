"""Settings' Backups tab (this computer's backup folder) and File > Back up now."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.db.store import Store
from planner.services import backups
from planner.ui.dialogs.settings_dialog import SettingsDialog
from planner.ui.settings import Preferences
from planner.ui.worker import Worker


@pytest.fixture
def worker(qapp: Any) -> Iterator[Worker]:
    w = Worker()
    yield w
    w.wait()


def _dialog(qtbot: QtBot, store: Store | None, worker: Worker) -> SettingsDialog:
    dlg = SettingsDialog(Preferences(), "", store, worker)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
    return dlg


def test_the_tab_shows_the_default_and_saves_a_folder_of_this_computer(
    qtbot: QtBot, store: Store, db_path: Path, worker: Worker, tmp_path: Path
) -> None:
    dlg = _dialog(qtbot, store, worker)
    assert dlg.backup_folder.text() == ""
    assert dlg.backup_folder.placeholderText() == str(db_path.parent / "backups")
    nas = tmp_path / "nas" / "planner-backups"
    dlg.tabs.setCurrentWidget(dlg.backups_tab)
    dlg.backup_folder.setText(str(nas))
    qtbot.keyClick(dlg, Qt.Key.Key_Return)  # type: ignore[no-untyped-call]
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=10_000)
    assert dlg.backup_folder_changed
    assert backups.saved_folder() == nas and nas.is_dir()
    assert backups.backup_folder(db_path) == nas
    again = _dialog(qtbot, store, worker)
    assert again.backup_folder.text() == str(nas)
    again.backup_folder.setText("")  # back to the default
    again.accept()
    qtbot.waitUntil(lambda: not again.isVisible(), timeout=10_000)
    assert backups.saved_folder() is None


def test_a_folder_that_cannot_be_used_is_refused_on_its_tab_and_nothing_is_saved(
    qtbot: QtBot, store: Store, worker: Worker, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    dlg = _dialog(qtbot, store, worker)
    dlg.tabs.setCurrentIndex(0)
    dlg.desk_name.setText("Front desk 2")
    dlg.backup_folder.setText(str(blocker / "backups"))
    dlg.accept()
    assert dlg.isVisible() and dlg.tabs.currentWidget() is dlg.backups_tab
    assert dlg.backup_note.isVisible() and dlg.backup_note.text().startswith("Not saved: ")
    assert "cannot use" in dlg.backup_note.text()
    assert backups.saved_folder() is None and not backups.setting_file().exists()
    from planner.services.desk import desk_name

    assert desk_name() != "Front desk 2", "nothing of the dialog was saved"


def test_back_up_now_makes_a_checked_backup_and_says_so(  # type: ignore[no-untyped-def]
    qtbot: QtBot, store: Store, db_path: Path, settings, clock
) -> None:
    from planner.ui.main_window import MainWindow

    w = MainWindow(store, settings, clock=clock, outbox_every_s=None)
    qtbot.addWidget(w)
    assert w.acts.back_up.isEnabled()
    w.acts.back_up.trigger()
    qtbot.waitUntil(lambda: w.backups.runs >= 1, timeout=10_000)
    (made,) = backups.list_backups(db_path)
    assert w.status_text.text() == f"Backup made and checked: {made.path}"
    assert w.backup_status.text().startswith("Backup: ")
    assert not w.backups.timer.isActive(), "by hand: no timer where the window makes none"
    w.close()
