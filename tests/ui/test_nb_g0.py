"""The menus, the backup line, the day list, the set-up and the desk's words in bokmål
(issue 14): their texts come from the catalogue, their dates from CLDR."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QMenuBar
from pytestqt.qtbot import QtBot

from planner.db.store import Store
from planner.services.schedule.values import SessionInfo
from planner.services.schedule.week import clinic_directory
from planner.ui.actions import WindowActions
from planner.ui.backup_status import BackupState, status_text
from planner.ui.desk import session_words, status_words, when_words
from planner.ui.dialogs import clinic_setup
from planner.ui.dialogs.clinic_setup import ClinicSetupDialog
from planner.ui.dialogs.day_list_dialog import DayListDialog, _pages
from planner.ui.worker import Worker

NOW = datetime(2026, 12, 2, 12, 0)


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&(\w)", text)
    return found.group(1).lower() if found else None


def test_the_menus_read_bokmal_with_one_mnemonic_each(qtbot: QtBot, bokmal: None) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    acts = WindowActions(window)
    bar = QMenuBar(window)
    session_menu = acts.build_menus(bar)
    titles = [a.text() for a in bar.actions()]
    assert titles == ["&Fil", "&Rediger", "&Vis", "&Time", "&Klinikk", "&Hjelp"]
    assert session_menu.title() == "&Time"
    assert acts.move.text() == "&Flytt…" and acts.no_show.text() == "Marker &ikke møtt"
    assert acts.today.toolTip() == "Gå til i dag (Ctrl+T)"
    assert acts.undo.text() == "&Angre"
    for menu in [a.menu() for a in bar.actions()]:
        keys = [_mnemonic(a.text()) for a in menu.actions() if not a.isSeparator()]  # type: ignore[attr-defined]
        keys = [k for k in keys if k]
        assert len(keys) == len(set(keys)), (menu.title(), keys)  # type: ignore[attr-defined]
    menu_keys = [_mnemonic(t) for t in titles]
    assert len(menu_keys) == len(set(menu_keys))


def test_the_backup_line_in_bokmal(bokmal: None) -> None:
    text, warn, _tip = status_text(BackupState(NOW - timedelta(days=3, hours=1)), NOW)
    assert warn and text == "⚠ Siste sikkerhetskopi: for 3 dager siden"
    assert status_text(BackupState(), NOW)[0] == "⚠ Ingen sikkerhetskopi ennå"
    text, warn, tip = status_text(BackupState(NOW - timedelta(minutes=5), "/b/x.db"), NOW)
    assert not warn and text.startswith("Sikkerhetskopi: ")
    assert tip.startswith("Siste gode sikkerhetskopi: ") and tip.endswith("/b/x.db")
    assert status_text(BackupState(server=True), NOW)[0].startswith("Sikkerhetskopier: ")


def test_the_day_list_dialog_in_bokmal(qtbot: QtBot, demo_store: Store, bokmal: None) -> None:
    dlg = DayListDialog(
        demo_store,
        Worker(),
        clinic_directory(demo_store),
        None,
        local_now=lambda: datetime(2026, 11, 18, 10, 20),
    )
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Skriv ut dagsliste"
    assert [dlg.scope_box.itemText(i) for i in range(3)] == ["Behandler", "Rom", "Hele stedet"]
    assert dlg.today_button.text() == "I d&ag" and dlg.save_button.text() == "&Lagre som PDF …"
    assert dlg.day_edit.placeholderText() == "dd.mm.åååå"
    assert (_pages(1), _pages(3)) == ("1 side", "3 sider")
    with qtbot.waitSignal(dlg.sig_loaded, timeout=10_000):
        dlg.load()
    assert re.search(r"\d+ sider? på A4\.$", dlg.summary.text()), dlg.summary.text()


def test_the_guided_set_up_in_bokmal(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bokmal: None
) -> None:
    monkeypatch.setattr(clinic_setup, "ask_unsaved", lambda parent, title: clinic_setup.DISCARD)
    store = Store(str(tmp_path / "new.db"), create=True)
    try:
        dlg = ClinicSetupDialog(store, Worker(), guided=True)
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
        assert dlg.windowTitle() == "Sett opp klinikken din"
        assert dlg.heading.text() == "Steg 1 av 4: Klinikken din"
        assert dlg.nav.item(3).text() == "4. Rom (valgfritt)"
        assert (dlg.next_button.text(), dlg.close_button.text()) == ("&Neste ›", "Avbryt")
        dlg.close()
    finally:
        store.close()


def test_the_desk_says_sessions_and_times_in_bokmal(bokmal: None) -> None:
    info = SessionInfo(
        id=1,
        plan_id=1,
        patient_id=1,
        patient_name="Kari Nordmann",
        practitioner_id=1,
        practitioner_name="Per Lie",
        location_id=1,
        room_id=None,
        kind="treatment",
        status="no-show",
        start=datetime(2026, 12, 1, 10, 0),
        duration_min=45,
        tz="Europe/Oslo",
        number=3,
        of=9,
        plan_title="",
        plan_regions=(),
        later_booked=0,
    )
    assert session_words(info) == "Behandling 3/9"
    assert status_words(info.status) == "ikke møtt"
    assert when_words(info.start) == "tir. 1. des. 2026 kl. 10:00"
    assert when_words(info.start, year=False) == "tir. 1. des. kl. 10:00"
