"""UI test fixtures: offscreen Qt, a demo clinic per test, a frozen clock, no blocking modals.

The platform is set before pytest-qt creates its one session-wide QApplication. The demo
clinic is built once per session and copied for each test that changes it. Every modal
path (QDialog.exec, QMessageBox, file dialogs, the prompts module) fails the test unless
the test replaces it: nothing can ever block a run.
"""

from __future__ import annotations

import os

# Before any QApplication exists. PLANNER_TEST_QPA=xcb runs them on a (virtual) X display
# instead, to look at them: `PLANNER_TEST_QPA=xcb xvfb-run -a pytest tests/ui/...`.
os.environ["QT_QPA_PLATFORM"] = os.environ.get("PLANNER_TEST_QPA", "offscreen")

import gc
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from planner.db.store import Store
from planner.services.demo import build_demo
from planner.ui.i18n import install

DEMO_TODAY = date(2026, 11, 18)
"""The demo clinic's "today" (a Wednesday): sessions before it are mostly attended."""
FROZEN_UTC = datetime(2026, 11, 18, 9, 20)
"""The window's clock (naive UTC): 10:20 in Oslo on the demo's today."""

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread() -> Iterator[None]:
    """Each test's garbage is collected when it ends, on this (the GUI) thread: never by a
    worker thread in the middle of a test (a Qt object freed on another thread crashes the
    process; the window does the same, see :mod:`planner.ui.garbage`), and never long after
    Qt has deleted the objects behind it (a run that collected several tests' garbage at once
    crashed while freeing it). What lives when the test starts is frozen out of the
    collection, so collecting only the test's own objects stays quick."""
    gc.disable()
    gc.freeze()
    yield
    gc.collect()


@pytest.fixture(scope="session", autouse=True)
def automatic_collection_again(qapp: object) -> Iterator[None]:
    """Automatic collection is back on after the UI tests (asks for the application, so that
    it is torn down after this)."""
    yield
    gc.enable()


@pytest.fixture(scope="session", autouse=True)
def window_in_english(qapp: QApplication) -> None:
    """The window speaks English in the tests, whatever the machine's locale (the bokmål
    tests switch with :func:`in_language`): English is the source language, and its catalogue
    holds the plural forms ("1 session", "3 sessions")."""
    install(qapp, "en")


@pytest.fixture
def in_language(qapp: QApplication) -> Iterator[Callable[[str], None]]:
    """``in_language("nb")``: the window speaks bokmål until the test ends."""
    yield lambda lang: install(qapp, lang)
    install(qapp, "en")


@pytest.fixture
def bokmal(in_language: Callable[[str], None]) -> None:
    """The window speaks bokmål during the test (English again after it)."""
    in_language("nb")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default demo clinic, built once (about 22,000 sessions) and checkpointed."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = Store(str(path), create=True)
    build_demo(store, today=DEMO_TODAY)
    store.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


@pytest.fixture
def demo_store(demo_template: Path, tmp_path: Path) -> Iterator[Store]:
    """A private copy of the demo clinic for one test."""
    path = tmp_path / "clinic.db"
    shutil.copyfile(demo_template, path)
    store = Store(str(path))
    yield store
    store.close()


@pytest.fixture
def clock():  # type: ignore[no-untyped-def]
    return lambda: FROZEN_UTC


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from planner.ui.settings import AppSettings

    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


class UnexpectedModal(AssertionError):
    """A test opened a modal dialog it did not replace."""


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every QMessageBox the test shows, recorded instead of run (exec returns 0 at once)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[QMessageBox] = []

    def fake_exec(self: QMessageBox) -> int:
        shown.append(self)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture(autouse=True)
def no_blocking_modals(monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

    from planner.ui.dialogs import prompts

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def _refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
            raise UnexpectedModal(f"a test opened a blocking modal ({name}) without replacing it")

        return _refuse

    monkeypatch.setattr(QDialog, "exec", refuse("QDialog.exec"))
    monkeypatch.setattr(QMessageBox, "exec", refuse("QMessageBox.exec"))
    for name in ("getSaveFileName", "getOpenFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(refuse(f"QFileDialog.{name}")))
    for name in (
        "ask_move_scope",
        "ask_move_target",
        "ask_cancel",
        "ask_attend",
        "ask_date",
        "confirm",
        "ask_save_path",
        "ask_open_path",
        "inform",
    ):
        monkeypatch.setattr(prompts, name, refuse(f"prompts.{name}"))
    # Closing a dialog with entered data asks first; qtbot closes every widget at teardown,
    # so unless a test answers itself the data is discarded (never a blocking question).
    from planner.ui.dialogs import discard

    monkeypatch.setattr(discard, "ask_discard", lambda parent, title, what: True)


@pytest.fixture
def errors_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages that would have been shown in an error box, instead of showing them."""
    shown: list[str] = []
    import planner.ui.desk as desk_module
    import planner.ui.main_window as main_module

    def record(parent, exc, title=""):  # type: ignore[no-untyped-def]
        shown.append(getattr(exc, "message", str(exc)))

    monkeypatch.setattr(desk_module, "show_error", record)
    monkeypatch.setattr(main_module, "show_error", record)
    return shown


@pytest.fixture
def window(qtbot, demo_store: Store, settings, clock):  # type: ignore[no-untyped-def]
    """The main window over the demo clinic, 1600x1000, with this week loaded and painted."""
    from planner.ui.main_window import MainWindow

    w = MainWindow(demo_store, settings, clock=clock)
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    with qtbot.waitSignal(w.sig_week_shown, timeout=10_000):
        w.start()
    yield w
    w.worker.wait()
