"""Helpers shared by the UI tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from planner.db.store import Store
from planner.services.schedule.patients import patient_detail, search_patients, session_info
from planner.services.schedule.values import PatientRow
from planner.services.schedule.week import load_range

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget
    from pytestqt.qtbot import QtBot

    from planner.ui.main_window import MainWindow


def free_day(store: Store, appointment_id: int, days: range = range(1, 6)) -> date | None:
    """A later day at the same time where the session's practitioner, room and patient are free."""
    info = session_info(store, appointment_id)
    for step in days:
        start = info.start + timedelta(days=step)
        end = start + timedelta(minutes=info.duration_min)
        data = load_range(store, info.location_id, start.date(), 1)
        if data.days[0].closed or not data.location.opening.fits(
            start.weekday(), start.time(), end.time()
        ):
            continue
        col = next((c for c in data.practitioners if c.key == info.practitioner_id), None)
        if (
            col is None
            or not col.hours
            or not col.hours.fits(start.weekday(), start.time(), end.time())
        ):
            continue
        clash = [
            b
            for b in data.blocks
            if b.id != info.id
            and b.start < end
            and b.end > start
            and (
                b.practitioner_id == info.practitioner_id
                or b.patient_id == info.patient_id
                or (info.room_id is not None and b.room_id == info.room_id)
            )
        ]
        if not clash and not _other_sessions_that_day(
            store, info.patient_id, start.date(), info.id
        ):
            return start.date()
    return None


def _other_sessions_that_day(store: Store, patient_id: int, day: date, skip: int) -> bool:
    detail = patient_detail(store, patient_id)
    return any(
        s.start.date() == day and s.id != skip and s.status != "cancelled" for s in detail.sessions
    )


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute)


def flagged_patient(store: Store) -> PatientRow:
    """A patient with screening flags whose full name finds only them."""
    for p in search_patients(store, "", 5000):
        if p.flags and [r.id for r in search_patients(store, p.name)] == [p.id]:
            return p
    raise AssertionError("the demo clinic has no uniquely named patient with flags")


def wait_active(qtbot: QtBot, widget: QWidget) -> None:
    """Wait until ``widget``'s window is the active one (as after a dialog closes)."""
    from PySide6.QtWidgets import QApplication

    window = widget.window()
    if QApplication.activeWindow() is not window:
        window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def wait_desk(qtbot: QtBot, window: MainWindow, timeout: int = 10_000) -> None:
    """Wait until the desk's operation (read, questions, the change on the worker) is done."""
    qtbot.waitUntil(lambda: not window.desk.busy, timeout=timeout)
