"""The window's log says what went wrong and where, and never whose data was involved.

Each kind of unexpected error the window logs is provoked with a patient whose name, phone
and e-mail are unique markers, in the window's real paths (a worker task with no error
callback, an exception on the GUI thread and on a plain thread, the live listener's
``log.exception``); then every file in the log folder is searched for the markers.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from planner.core import private
from planner.db.models import Patient
from planner.db.store import Store
from planner.services import clinic
from planner.ui import errors

from .conftest import FROZEN_UTC

NAME = "Zyxwv Qqqmarker-Nordmann"
PHONE = "+47 913 57 246"
EMAIL = "zyxwv.marker@example.invalid"
MARKERS = (NAME, PHONE, EMAIL, "Zyxwv", "913 57 246", "zyxwv.marker")
CHART = "CH-424242"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def log_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The window's logging set up as at start-up, into a fresh folder; torn down after."""
    folder = tmp_path / "logs"
    path = folder / "planner-gui.log"
    monkeypatch.setattr(errors, "log_path", lambda: path)
    monkeypatch.setattr(errors, "_reporter", None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    root = logging.getLogger("planner")
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(root, "level", root.level)
    old = os.umask(0o022)  # planner's own modes, not the umask, make the files private
    try:
        assert errors.setup_logging() == path
        errors.install_excepthook(lambda: None)
        yield folder
    finally:
        os.umask(old)
        for h in root.handlers:
            h.close()


@pytest.fixture
def marked(tmp_path: Path) -> Iterator[Store]:
    """A database holding the marker patient."""
    st = Store(str(tmp_path / "clinic.db"), create=True)
    clinic.add_patient(st, NAME, phone=PHONE, email=EMAIL, chart_number=CHART)
    yield st
    st.close()


def reported(n: int) -> Callable[[], bool]:
    """Whether the window has reported ``n`` unexpected errors so far."""
    return lambda: errors.reporter().count >= n


def _log_text(folder: Path) -> str:
    for h in logging.getLogger("planner").handlers:
        h.flush()
    files = sorted(p for p in folder.iterdir() if p.is_file())
    assert files, "something was logged"
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


def test_unexpected_errors_are_logged_without_a_trace_of_the_patient(  # type: ignore[no-untyped-def]
    qtbot: QtBot, boxes: list[QMessageBox], log_folder: Path, marked: Store, settings
) -> None:
    from planner.ui.main_window import MainWindow

    window = MainWindow(None, settings, clock=lambda: FROZEN_UTC)
    qtbot.addWidget(window)

    def duplicate_patient() -> None:  # an IntegrityError whose parameters are the patient
        with marked.write("add patient") as s:
            s.add(Patient(name=NAME, phone=PHONE, email=EMAIL, chart_number=CHART))

    def bad_query() -> None:  # an OperationalError whose parameters are the patient
        with marked.engine.connect() as conn:
            conn.execute(
                text("SELECT * FROM patients WHERE no_such_column IN (:n, :p, :e)"),
                {"n": NAME, "p": PHONE, "e": EMAIL},
            )

    def names_the_patient() -> None:  # planner's own kind of message, naming the patient
        raise ValueError(f"cannot book {NAME} ({PHONE}, {EMAIL})")

    for n, task in enumerate((duplicate_patient, bad_query, names_the_patient), start=1):
        window.worker.run(task)  # no error callback: the window reports it
        qtbot.waitUntil(reported(n), timeout=10_000)

    try:  # on the GUI thread, from a slot
        raise KeyError(f"{NAME} {EMAIL}")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    thread = threading.Thread(target=names_the_patient)
    thread.start()
    thread.join()
    try:  # a component's own log.exception, as the live listener writes it
        bad_query()
    except Exception as exc:
        logging.getLogger("planner.ui.live").exception("listening for other desks' changes failed")
        logging.getLogger("planner.db.listen").info("lost the connection: %s", exc)
        logging.getLogger("planner.db.listen").info("detail: %s", f"x\nDETAIL: Key={EMAIL}")
    qtbot.waitUntil(reported(5), timeout=10_000)

    logged = _log_text(log_folder)
    for marker in MARKERS:
        assert marker not in logged
    # ... yet each record says what happened and where
    assert (
        "sqlalchemy.exc.IntegrityError (sqlite3.IntegrityError SQLITE_CONSTRAINT_UNIQUE)" in logged
    )
    assert "sqlalchemy.exc.OperationalError (sqlite3.OperationalError" in logged
    assert "ValueError" in logged and "KeyError" in logged
    assert "test_log_privacy.py" in logged and "in duplicate_patient" in logged
    assert "in bad_query" in logged and "in names_the_patient" in logged
    assert "planner/db/store.py:" in logged, "the frames inside planner are named"
    assert "listening for other desks' changes failed" in logged
    assert "lost the connection: sqlalchemy.exc.OperationalError" in logged
    # the dialog, on the desk's own screen, still says what happened
    assert any(NAME in (b.detailedText() or "") for b in boxes)


def test_the_log_folder_and_files_are_private_rotated_files_too(log_folder: Path) -> None:
    assert mode(log_folder) == 0o700
    log = logging.getLogger("planner.ui")
    for i in range(3):
        log.error("record %d", i)
    (handler,) = logging.getLogger("planner").handlers
    assert isinstance(handler, private.PrivateRotatingFileHandler)
    handler.doRollover()
    log.error("after the rotation")
    handler.flush()
    files = sorted(log_folder.iterdir())
    assert [p.name for p in files] == ["planner-gui.log", "planner-gui.log.1"]
    assert [mode(p) for p in files] == [0o600, 0o600]


def test_a_loose_log_folder_and_file_are_tightened(tmp_path: Path) -> None:
    folder = tmp_path / "logs"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    path = folder / "planner-gui.log"
    path.write_text("old\n")
    path.chmod(0o644)
    handler = private.private_file_log(path)
    handler.close()
    assert (mode(folder), mode(path)) == (0o700, 0o600)


def test_logs_are_kept_a_bounded_time(tmp_path: Path) -> None:
    path = tmp_path / "planner-gui.log"
    now = time.time()
    ages = {"planner-gui.log": 20, "planner-gui.log.1": 20, "planner-gui.log.2": 3}
    for name, days in ages.items():
        (tmp_path / name).write_text(f"{name}\n")
        os.utime(tmp_path / name, (now - days * 86400, now - days * 86400))
    (tmp_path / "planner-gui.log.notes").write_text("not a rotated log\n")
    os.utime(tmp_path / "planner-gui.log.notes", (now - 99 * 86400, now - 99 * 86400))
    assert private.prune_logs(path, now=now) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "planner-gui.log",
        "planner-gui.log.2",
        "planner-gui.log.notes",
    ]
    assert path.read_text() == "", "the current log held only records older than 14 days"
    assert private.LOG_RETENTION_DAYS == 14


def test_the_window_sets_a_private_umask() -> None:
    from planner.ui import app

    old = os.umask(0o022)
    try:
        with pytest.raises(SystemExit):
            app.main(["--help"])
        assert os.umask(0o022) == 0o077
    finally:
        os.umask(old)
