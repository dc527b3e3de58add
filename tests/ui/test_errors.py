"""Errors at the window's edge: advice for expected ones, a logged dialog for the rest."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from planner.errors import Conflict
from planner.ui import errors


def test_planner_error_is_a_message_that_says_what_to_do(qapp, boxes) -> None:  # type: ignore[no-untyped-def]
    errors.show_error(None, Conflict("the practitioner is booked then; choose another time"))
    assert len(boxes) == 1
    assert boxes[0].windowTitle() == "That time is taken"
    assert boxes[0].text() == "The practitioner is booked then; choose another time."


def test_unexpected_exception_is_logged_and_shown(
    qtbot: QtBot,
    boxes: list[QMessageBox],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(errors, "log_path", lambda: tmp_path / "planner-gui.log")
    monkeypatch.setattr(errors, "_reporter", None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    errors.install_excepthook(lambda: None)
    with caplog.at_level(logging.ERROR, logger="planner.ui"):
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: bool(boxes))
    box = boxes[0]
    assert box.windowTitle() == "Something went wrong"
    assert "Nothing was lost" in box.text()
    assert "RuntimeError: boom" in box.informativeText()
    assert "Traceback" in box.detailedText()
    logged = [r for r in caplog.records if r.getMessage() == "unexpected error"]
    assert logged and logged[0].exc_info is not None
    assert isinstance(logged[0].exc_info[1], RuntimeError)


def test_log_file_is_set_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = logging.getLogger("planner")
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(root, "level", root.level)
    path = errors.setup_logging(tmp_path / "logs" / "gui.log")
    logging.getLogger("planner.ui").error("written")
    for h in logging.getLogger("planner").handlers:
        h.flush()
    assert "written" in path.read_text(encoding="utf-8")


def test_a_damaged_database_met_anywhere_names_its_newest_good_backup(  # type: ignore[no-untyped-def]
    qapp, boxes, tmp_path
) -> None:
    from planner.db.sqlite_errors import RESTORE_HINT
    from planner.db.store import Store
    from planner.errors import DatabaseDamaged
    from planner.services import backups

    db = tmp_path / "clinic.db"
    store = Store(str(db), create=True)
    made = backups.backup_now(store).info.path
    store.close()
    exc = DatabaseDamaged(
        f"the database {db} is damaged (database disk image is malformed); {RESTORE_HINT}.",
        details={"path": str(db)},
    )
    errors.show_error(None, exc)
    (box,) = boxes
    assert box.windowTitle() == "The database is damaged"
    assert f"restore the newest good backup, {made.name} of " in box.text()
    assert RESTORE_HINT not in box.text()
