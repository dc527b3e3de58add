"""The window's automatic backups (on a lane of their own) and the status bar's line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from planner.db.store import Store
from planner.services import backups, clinic
from planner.ui.backup_status import BackupKeeper, BackupState, status_text
from tests.damage import damage_table

NOW = datetime(2026, 9, 1, 12, 0)


def _local_hm(utc: datetime) -> str:
    return utc.replace(tzinfo=UTC).astimezone().strftime("%H:%M")


def test_the_line_is_calm_for_a_recent_backup_and_warns_after_two_days() -> None:
    recent = NOW - timedelta(hours=3)
    text, warn, tip = status_text(BackupState(recent, "/b/planner.db"), NOW)
    assert text.startswith("Backup: ") and text.endswith(_local_hm(recent)) and not warn
    assert "/b/planner.db" in tip
    text, warn, _tip = status_text(BackupState(NOW - timedelta(days=3, hours=1)), NOW)
    assert warn and text.startswith("⚠ Last backup: ") and "days ago" in text
    assert status_text(BackupState(NOW - timedelta(days=1, hours=23)), NOW)[1] is False
    assert status_text(BackupState(), NOW)[:2] == ("⚠ No backup yet", True)
    text, warn, _tip = status_text(BackupState(failed="cannot write a backup in /x"), NOW)
    assert warn and text == "⚠ Backup failed: cannot write a backup in /x"
    text, warn, tip = status_text(BackupState(server=True), NOW)
    assert not warn and "pg_dump" in tip


def test_the_keeper_backs_up_at_start_only_when_due_and_then_on_its_timer(  # type: ignore[no-untyped-def]
    qtbot, store: Store, db_path: Path
) -> None:
    keeper = BackupKeeper(every_h=6)
    try:
        with qtbot.waitSignal(keeper.sig_state, timeout=10_000) as got:
            keeper.start(store)
        state = got.args[0]
        assert isinstance(state, BackupState) and state.last is not None and not state.failed
        assert keeper.timer.isActive() and keeper.timer.interval() == 6 * 3_600_000
        made = backups.list_backups(db_path)
        assert [str(e.path) for e in made] == [state.where]
        keeper.stop()
        again = BackupKeeper(every_h=6)  # the window opened again an hour later: not due
        with qtbot.waitSignal(again.sig_state, timeout=10_000):
            again.start(store)
        assert len(backups.list_backups(db_path)) == 1
        with qtbot.waitSignal(again.sig_state, timeout=10_000):
            again.back_up_now()  # what the timer does every 6 hours
        qtbot.waitUntil(lambda: len(backups.list_backups(db_path)) == 2, timeout=5_000)
        again.stop()
    finally:
        keeper.stop()


def test_a_failed_backup_says_so_and_keeps_the_last_good_one(  # type: ignore[no-untyped-def]
    qtbot, store: Store, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    backups.setting_file().parent.mkdir(parents=True)
    backups.setting_file().write_text(str(blocker / "backups"))
    keeper = BackupKeeper(every_h=6)
    try:
        with qtbot.waitSignal(keeper.sig_state, timeout=10_000) as got:
            keeper.start(store)
        assert "cannot make the backup folder" in got.args[0].failed
    finally:
        keeper.stop()


def test_the_window_shows_the_last_good_backup_and_makes_one_at_start_up(  # type: ignore[no-untyped-def]
    qtbot, demo_store: Store, settings, clock
) -> None:
    from planner.ui.main_window import MainWindow

    w = MainWindow(demo_store, settings, clock=clock, outbox_every_s=None, backup_every_h=6)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.backups.runs >= 1, timeout=20_000)
    assert w.backup_status.isVisible() and not w.backup_status.warning
    assert w.backup_status.text().startswith("Backup: ")
    assert demo_store.path is not None
    last = backups.last_good(demo_store.path)
    assert last is not None and str(last.path) in w.backup_status.toolTip()
    w.close()
    assert not w.backups.timer.isActive()


def test_the_start_up_check_shows_damaged_pages_names_the_backup_and_backs_up_nothing(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, settings, clock, boxes
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from planner.ui.main_window import MainWindow

    db = tmp_path / "clinic.db"
    st = Store(str(db), create=True)
    clinic.add_patient(st, "Kari Nordmann")
    good = backups.backup_now(st).info.path
    st.close()
    damage_table(db, "patients")
    shown = boxes
    damaged = Store(str(db))
    try:
        w = MainWindow(
            damaged, settings, clock=clock, outbox_every_s=None, backup_every_h=6,
            check_at_start=True,
        )  # fmt: skip
        qtbot.addWidget(w)
        qtbot.waitUntil(lambda: w.backups.checked and bool(shown), timeout=10_000)
        (box,) = shown
        assert box.windowTitle() == "The database is damaged"
        assert box.icon() == QMessageBox.Icon.Critical
        assert "start-up check found damaged pages" in box.text()
        assert f"restore the newest good backup, {good.name} of " in box.text()
        assert w.backup_status.warning and "damaged" in w.backup_status.text()
        assert [e.path for e in backups.list_backups(db)] == [good], "no backup of the damage"
        assert not w.backups.timer.isActive()
        w.close()
    finally:
        damaged.close()


def test_the_start_up_check_is_quiet_on_a_sound_database_then_backs_up(  # type: ignore[no-untyped-def]
    qtbot, store: Store, db_path: Path, settings, clock
) -> None:
    from planner.ui.backup_status import start_up_check
    from planner.ui.main_window import MainWindow

    assert start_up_check(store) is None
    w = MainWindow(
        store, settings, clock=clock, outbox_every_s=None, backup_every_h=6, check_at_start=True
    )
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.backups.runs >= 1, timeout=10_000)
    assert w.backups.checked and len(backups.list_backups(db_path)) == 1
    w.close()
