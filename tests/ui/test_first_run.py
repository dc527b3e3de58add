"""The first run on an empty database: the guided set-up by keyboard alone, or the demo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from planner.db.store import Store
from planner.services.clinic_setup import setup_overview
from planner.services.demo import build_demo as _real_build_demo
from planner.services.schedule.week import is_empty
from planner.ui import first_run
from planner.ui.dialogs.clinic_setup import ClinicSetupDialog
from planner.ui.dialogs.setup_base import SetupPage
from planner.ui.first_run import FirstRun
from planner.ui.worker import Worker

from .helpers import wait_active

TODAY = date(2027, 3, 1)


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    store = Store(str(tmp_path / "new.db"), create=True)
    yield store
    store.close()


@pytest.fixture
def host(qtbot: QtBot) -> Iterator[tuple[FirstRun, QWidget]]:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(1280, 720)
    parent.show()
    worker = Worker(parent)
    yield FirstRun(worker, parent), parent
    worker.wait()


def press(
    qtbot: QtBot,
    widget: QWidget,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    qtbot.keyClick(widget, key, modifier)  # type: ignore[no-untyped-call]


def type_text(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    qtbot.keyClicks(edit, text)  # type: ignore[no-untyped-call]


def shown(dlg: ClinicSetupDialog) -> SetupPage:
    return dlg.current


def wait(qtbot: QtBot, dlg: ClinicSetupDialog) -> None:
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)


def choose(monkeypatch: pytest.MonkeyPatch, answer: str | None) -> list[bool]:
    asked: list[bool] = []

    def ask(parent: QWidget | None) -> str | None:
        asked.append(True)
        return answer

    monkeypatch.setattr(first_run, "ask_first_run", ask)
    return asked


def test_set_up_my_clinic_is_a_guided_sequence_by_keyboard(
    qtbot: QtBot,
    empty_store: Store,
    host: tuple[FirstRun, QWidget],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fr, _parent = host
    asked = choose(monkeypatch, first_run.SET_UP)
    messages: list[str] = []
    fr.sig_message.connect(messages.append)
    fr.offer(empty_store, TODAY)
    qtbot.waitUntil(lambda: fr.setup_dialog is not None, timeout=10_000)
    dlg = fr.setup_dialog
    assert dlg is not None and asked == [True] and dlg.guided
    wait(qtbot, dlg)
    wait_active(qtbot, dlg)  # the keys go to the dialog, as on a desktop
    assert dlg.heading.text() == "Step 1 of 4: Your clinic"
    assert not dlg.back_button.isEnabled() and not dlg.finish_button.isEnabled()

    # Step 1: Next with no name is refused, inline.
    clinic = dlg.clinic_page
    assert clinic.name.hasFocus() or dlg.focusWidget() in (clinic.name, None)
    press(qtbot, clinic.name, Qt.Key.Key_Return)
    assert shown(dlg) is clinic
    assert clinic.status.text() == "Type the clinic's name: patients' calendar files show it."
    type_text(qtbot, clinic.name, "Fjord Physio")
    press(qtbot, clinic.name, Qt.Key.Key_Return)  # Enter is Next: save, then go on
    wait(qtbot, dlg)
    assert shown(dlg) is dlg.locations_page
    assert setup_overview(empty_store).clinic.name == "Fjord Physio"

    # Step 2: the first location (the hours start as weekdays 08:00-16:00).
    loc = dlg.locations_page
    press(qtbot, loc.name, Qt.Key.Key_Return)
    assert shown(dlg) is loc and "Add the first location" in loc.status.text()
    type_text(qtbot, loc.name, "Oslo sentrum")
    zone_edit = loc.zone.lineEdit()
    assert zone_edit is not None
    zone_edit.setFocus()
    type_text(qtbot, zone_edit, "Europe/Oslo")
    press(qtbot, dlg, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)  # Ne&xt
    # (a mnemonic clicks after a short animation)
    qtbot.waitUntil(lambda: shown(dlg) is dlg.practitioners_page, timeout=10_000)
    (oslo,) = setup_overview(empty_store).locations
    assert oslo.tz == "Europe/Oslo" and oslo.hours == "mon-fri 08:00-16:00"

    # Step 3: the first practitioner, at the location's opening hours.
    staff = dlg.practitioners_page
    press(qtbot, staff.name, Qt.Key.Key_Return)
    assert "Add the first practitioner" in staff.status.text()
    type_text(qtbot, staff.name, "Ingrid Hansen")
    press(qtbot, staff.name, Qt.Key.Key_Return)
    wait(qtbot, dlg)
    assert shown(dlg) is dlg.rooms_page and dlg.finish_button.isEnabled()
    assert [p.name for p in setup_overview(empty_store).practitioners] == ["Ingrid Hansen"]

    # Back keeps what was saved; Next returns.
    press(qtbot, dlg, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: shown(dlg) is staff, timeout=10_000)
    assert staff.name.text() == "Ingrid Hansen"
    press(qtbot, dlg, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: shown(dlg) is dlg.rooms_page, timeout=10_000)

    # Step 4 (optional): two rooms; Enter in the name adds one and does not finish.
    rooms = dlg.rooms_page
    for name in ("Room 1", "Room 2"):
        rooms.name.setFocus()
        type_text(qtbot, rooms.name, name)
        press(qtbot, rooms.name, Qt.Key.Key_Return)
        wait(qtbot, dlg)
        assert dlg.isVisible()
    assert [r.name for r in setup_overview(empty_store).locations[0].rooms] == ["Room 1", "Room 2"]
    with qtbot.waitSignal(fr.sig_finished, timeout=10_000):
        press(qtbot, dlg, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # &Finish
    assert not dlg.isVisible() and fr.setup_dialog is None
    assert messages[-1].startswith("The clinic is set up")


def test_finish_waits_for_a_location_and_a_practitioner(
    qtbot: QtBot,
    empty_store: Store,
    host: tuple[FirstRun, QWidget],
) -> None:
    fr, _parent = host
    dlg = fr.set_up(empty_store)
    wait(qtbot, dlg)
    dlg.finish()
    assert dlg.isVisible() and not dlg.finish_button.isEnabled()
    assert "Add the first location before finishing" in dlg.clinic_page.status.text()


def test_cancel_leaves_what_was_saved_and_the_window_loads_it(
    qtbot: QtBot,
    empty_store: Store,
    host: tuple[FirstRun, QWidget],
) -> None:
    fr, _parent = host
    dlg = fr.set_up(empty_store)
    wait(qtbot, dlg)
    type_text(qtbot, dlg.clinic_page.name, "Fjord Physio")
    press(qtbot, dlg.clinic_page.name, Qt.Key.Key_Return)
    wait(qtbot, dlg)
    with qtbot.waitSignal(fr.sig_finished, timeout=10_000):
        press(qtbot, dlg, Qt.Key.Key_Escape)
    assert setup_overview(empty_store).clinic.name == "Fjord Physio"


def _small_demo(store: Store, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("patients", 60)
    return _real_build_demo(store, **kw)


def test_try_the_demo_clinic_builds_it(
    qtbot: QtBot,
    empty_store: Store,
    host: tuple[FirstRun, QWidget],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fr, _parent = host
    asked = choose(monkeypatch, first_run.DEMO)
    monkeypatch.setattr("planner.services.demo.build_demo", _small_demo)
    with qtbot.waitSignal(fr.sig_finished, timeout=60_000):
        fr.offer(empty_store, TODAY)
    assert asked == [True] and fr.setup_dialog is None
    assert not is_empty(empty_store)


def test_not_now_leaves_the_database_empty(
    qtbot: QtBot,
    empty_store: Store,
    host: tuple[FirstRun, QWidget],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fr, _parent = host
    choose(monkeypatch, None)
    with qtbot.waitSignal(fr.sig_message, timeout=10_000) as said:
        fr.offer(empty_store, TODAY)
    assert "Set up the clinic or create the demo" in said.args[0]
    assert fr.setup_dialog is None and is_empty(empty_store)


def test_a_clinic_is_never_offered_either(
    qtbot: QtBot,
    empty_store: Store,
    host: tuple[FirstRun, QWidget],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from planner.services.clinic import add_location

    fr, _parent = host
    add_location(empty_store, "Oslo", "Europe/Oslo")
    asked = choose(monkeypatch, first_run.DEMO)
    with qtbot.waitSignal(fr.sig_message, timeout=10_000) as said:
        fr.offer(empty_store, TODAY)
    assert asked == [] and "has a clinic already" in said.args[0]
