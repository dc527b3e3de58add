"""Starting the window, the CLI route to it, and the core staying free of Qt."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from planner import cli
from planner.db.store import Store
from planner.services.demo import build_demo as _real_build_demo
from planner.ui import app, first_run
from planner.ui.main_window import PANEL_MIN_W
from planner.ui.settings import AppSettings, Preferences, parse_reminders


def test_planner_alone_and_planner_gui_open_the_window(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[Sequence[str] | None] = []

    def window_main(argv: Sequence[str] | None = None) -> int:
        calls.append(argv)
        return 0

    monkeypatch.setattr(app, "main", window_main)
    db = str(tmp_path / "c.db")
    assert cli.main(["--db", db]) == 0
    assert cli.main(["gui", "--db", db, "--demo-if-empty"]) == 0
    assert calls == [["--db", db], ["--db", db, "--demo-if-empty"]]
    # 'planner gui' goes straight to the window's own parser; its help is still the CLI's.
    assert cli.main(["gui"]) == 0 and calls[-1] == []
    with pytest.raises(SystemExit) as done:
        cli.main(["gui", "--help"])
    assert done.value.code == 0 and len(calls) == 3


def test_no_display_says_what_to_do(monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert app.main([]) == 2
    assert "xvfb-run" in capsys.readouterr().err


def test_first_run_on_an_empty_database_offers_the_demo(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: AppSettings
) -> None:
    asked: list[str] = []

    def ask_first_run(parent: QWidget | None) -> str:
        asked.append("An empty database")
        return first_run.DEMO

    monkeypatch.setattr(first_run, "ask_first_run", ask_first_run)
    monkeypatch.setattr("planner.services.demo.build_demo", _small_demo)
    args = app.build_parser().parse_args(["--db", str(tmp_path / "new.db")])
    window = app.launch(args, settings=settings)
    qtbot.addWidget(window)
    assert window.store is None and not window.act_new_plan.isEnabled()  # still opening
    qtbot.waitUntil(lambda: bool(asked), timeout=20_000)
    assert asked == ["An empty database"]
    assert window.store is not None
    qtbot.waitUntil(lambda: bool(window.directory.locations), timeout=60_000)
    qtbot.waitUntil(
        lambda: window.model.range_data is not None and window.view.visible_items() > 0,
        timeout=20_000,
    )
    assert window.act_new_plan.isEnabled()
    # The start-up backup held the empty database; the demo clinic is backed up when made.
    from planner.db.backup import verify
    from planner.services.backups import list_backups

    def demo_backed_up() -> bool:
        made = list_backups(tmp_path / "new.db")
        return bool(made) and verify(made[0].path).counts["patients"] > 0

    qtbot.waitUntil(demo_backed_up, timeout=30_000)
    assert window.backups.checked, "the start-up check ran"
    window.backups.stop()
    window.worker.wait()
    window.store.close()


def test_start_paints_a_first_look_before_the_database_layer_loads(
    qtbot: QtBot, demo_template: Path, tmp_path: Path, settings: AppSettings
) -> None:
    """The week read with sqlite3 alone is painted first; the full load then takes over."""
    import shutil

    db = tmp_path / "clinic.db"
    shutil.copyfile(demo_template, db)
    args = app.build_parser().parse_args(["--db", str(db)])
    from .conftest import FROZEN_UTC

    window = app.launch(args, settings=settings, now_utc=lambda: FROZEN_UTC)
    qtbot.addWidget(window)
    preview = window.model.range_data
    assert preview is not None and preview.blocks, "the first look was painted at once"
    # The side panel is left out of the first frame; a stand-in of its width keeps its place.
    assert window._panel is None
    stand_in = window.splitter.widget(0)
    qtbot.waitUntil(lambda: window._panel is not None, timeout=5_000)
    assert window.splitter.widget(0) is window.panel is not stand_in
    assert window.splitter.sizes()[0] >= PANEL_MIN_W
    assert not window.panel.isEnabled()  # nothing to search until the database is open
    # Until the database is open (pytest-qt leaves SignalBlocker.wait unannotated).
    qtbot.waitSignal(window.sig_store_ready, timeout=30_000).wait()  # type: ignore[no-untyped-call]
    qtbot.waitUntil(lambda: window.model.range_data is not preview, timeout=20_000)
    assert window.panel.isEnabled() and window.panel.store is window.store
    window.worker.wait()
    assert window.store is not None
    window.store.close()


def test_first_look_equals_the_full_load(demo_store) -> None:  # type: ignore[no-untyped-def]
    from planner.services.schedule.first_look import peek_range
    from planner.services.schedule.week import load_range

    from .conftest import FROZEN_UTC

    path = Path(demo_store.path)
    for days in (7, 1):
        peek = peek_range(path, 1, days, FROZEN_UTC)
        assert peek is not None
        full = load_range(demo_store, 1, peek.first, days)
        assert peek.blocks == full.blocks and len(peek.blocks) > 10
        assert peek.busy == full.busy
        assert (peek.location, peek.practitioners, peek.rooms) == (
            full.location,
            full.practitioners,
            full.rooms,
        )
        assert [d.opening for d in peek.days] == [d.opening for d in full.days]
    assert peek_range(path.with_name("missing.db"), None, 7, FROZEN_UTC) is None


def _small_demo(store: Store, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("patients", 200)
    return _real_build_demo(store, **kw)


def test_app_icon_comes_from_package_data(qapp) -> None:  # type: ignore[no-untyped-def]
    assert not app.app_icon().isNull()


def test_settings_round_trip(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    s = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    p = s.preferences()
    assert p.export_profile == "patient" and p.reminders == (1440, 120)
    s.save_preferences(Preferences((60,), "full", "/tmp/x.db"))
    again = AppSettings(
        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    ).preferences()
    assert again == Preferences((60,), "full", "/tmp/x.db")
    assert parse_reminders("30, x, 1440, 30") == (1440, 30)


def test_settings_dialog_keeps_preferences_and_tells_the_calendar_files(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from planner.services.clinic_settings import get_settings
    from planner.ui.dialogs.settings_dialog import SettingsDialog

    window.open_settings()
    dlg = next(d for d in window._dialogs if isinstance(d, SettingsDialog))
    qtbot.waitUntil(lambda: not dlg.busy and dlg.clinic_name.isEnabled())  # read on the worker
    dlg.clinic_name.setText("Oslo Needling & Physio")
    dlg.clinic_phone.setText("+47 22 00 00 00")
    dlg.clinic_email.setText("post@oslo-needling.example")
    dlg.reminders[1440].setChecked(True)
    dlg.reminders[120].setChecked(False)
    dlg.profile.setCurrentIndex(dlg.profile.findData("practitioner"))
    with qtbot.waitSignal(dlg.accepted, timeout=10_000):  # closes once saved on the worker
        dlg.accept()
    prefs = window.settings.preferences()
    assert (prefs.reminders, prefs.export_profile) == ((1440,), "practitioner")
    shared = get_settings(window.store)
    assert (
        shared["clinic_name"] == "Oslo Needling & Physio"
        and shared["clinic_phone"] == "+47 22 00 00 00"
    )
    assert shared["clinic_email"] == "post@oslo-needling.example"
    # One copy: the database's. Nothing about the clinic is left in this computer's settings.
    assert not [k for k in window.settings.q.allKeys() if k.startswith("clinic")]


def test_settings_show_the_database_copy_not_an_old_local_one(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A name an older planner kept in QSettings is ignored; the dialog shows the database's."""
    from planner.services.clinic_settings import get_settings, set_setting
    from planner.ui.dialogs.settings_dialog import SettingsDialog

    set_setting(window.store, "clinic_name", "Helse og Nål Klinikk")
    window.settings.q.setValue("clinic/name", "An old local copy")
    window.open_settings()
    dlg = next(d for d in window._dialogs if isinstance(d, SettingsDialog))
    qtbot.waitUntil(lambda: not dlg.busy and dlg.clinic_name.isEnabled())
    assert dlg.clinic_name.text() == "Helse og Nål Klinikk"
    shared = get_settings(window.store)  # the demo's own phone and e-mail, from the database
    assert dlg.clinic_phone.text() == shared["clinic_phone"]
    assert dlg.clinic_email.text() == shared["clinic_email"]
    dlg.clinic_name.setText("x" * 201)  # refused by the service: the dialog stays open and says so
    dlg.accept()
    qtbot.waitUntil(lambda: not dlg.busy)
    assert dlg.isVisible() and "too long" in dlg.status.text()
    dlg.reject()


def test_show_cancelled_and_by_room_views(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    before = window.model.rowCount()
    with qtbot.waitSignal(window.sig_week_shown, timeout=10_000):
        window.act_cancelled.trigger()
    assert window.model.rowCount() >= before
    assert any(b.status == "cancelled" for b in window.model.range_data.blocks)
    window.bar.columns.setCurrentIndex(window.bar.columns.findData("room"))
    assert window.view.column_mode == "room"
    with qtbot.waitSignal(window.sig_week_shown, timeout=10_000):
        window.set_mode("day")
    assert not window.view.packed and window.view.visible_items() > 0
