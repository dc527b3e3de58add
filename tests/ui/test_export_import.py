"""Export from the dialog (patient profile, changes only, cancel) and import from the menu."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from planner.services.schedule.patients import patient_detail, search_patients
from planner.ui.dialogs import export_dialog, prompts
from planner.ui.dialogs.session_dialogs import CancelChoice
from planner.ui.i18n import ui_words

from .helpers import wait_active, wait_desk


def open_patient(qtbot, window, patient) -> None:  # type: ignore[no-untyped-def]
    window.panel.show_patient(patient.id)
    qtbot.waitUntil(
        lambda: window.panel.detail is not None and window.panel.detail.patient.id == patient.id
    )


def future_sessions(store, patient_id: int, now) -> int:  # type: ignore[no-untyped-def]
    d = patient_detail(store, patient_id)
    return sum(
        1 for s in d.sessions if s.status != "cancelled" and s.start > now + timedelta(hours=2)
    )


def test_export_patient_calendar_from_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, window, demo_store, tmp_path: Path, monkeypatch
) -> None:
    patient = next(
        p
        for p in search_patients(demo_store, "", 5000)
        if p.flags and future_sessions(demo_store, p.id, window.local_now()) >= 3
    )
    open_patient(qtbot, window, patient)
    target = tmp_path / "out" / "kari.ics"
    target.parent.mkdir()
    asked: list[str] = []

    def ask_save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> str:
        asked.append(suggested)
        return str(target)

    monkeypatch.setattr(prompts, "ask_save_path", ask_save_path)

    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dlg = window.export_dialog
    assert dlg.scope_is_patient() and dlg.profile.currentData() == "patient"
    assert "leaves out diagnosis, screening flags" in dlg.profile_text.text()
    qtbot.waitUntil(lambda: not dlg.reading_last_export)  # read on the worker
    assert dlg.last_info.text() == f"Not sent to {patient.name} yet."
    assert dlg.changes_only.isEnabled() and not dlg.changes_only.isChecked()
    with qtbot.waitSignal(dlg.sig_exported, timeout=20_000) as sig:
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    result = sig.args[0]
    assert asked and asked[0].endswith(".ics")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and "BEGIN:VTIMEZONE" in text
    assert text.count("BEGIN:VEVENT") == result.events >= 3
    for flag in patient.flags:
        assert flag not in text.lower(), "a patient's file never shows screening flags"
    assert "Saved" in dlg.status.text() and result.recipient is None

    # A plain export is never remembered: the patient was still sent nothing.
    qtbot.waitUntil(lambda: not dlg.reading_last_export)
    assert dlg.last_info.text() == f"Not sent to {patient.name} yet."
    # Changes only is a delivery to the patient: the first holds every future session...
    dlg.changes_only.setChecked(True)
    assert dlg.profile.currentData() == "patient"
    with qtbot.waitSignal(dlg.sig_exported, timeout=20_000) as sig:
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    first = sig.args[0]
    assert first.recipient == patient.name and first.events == result.events
    assert f"Saved what changed for {patient.name}" in dlg.status.text()
    qtbot.waitUntil(lambda: not dlg.reading_last_export)
    when = ui_words().skeleton("yMMMEd", window.local_now())
    assert dlg.last_info.text().startswith(f"Last sent to {patient.name} on {when} ")
    assert dlg.last_info.text().endswith(f"(sessions, {result.events} events)")
    # ... then nothing changed, and nothing is written.
    with qtbot.waitSignal(dlg.sig_exported, timeout=20_000) as sig:
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert sig.args[0].nothing_changed and "Nothing changed for" in dlg.status.text()
    # The patient's calendar has the sessions shape: a series delivery is refused, in the
    # dialog's status line as other refusals, and nothing moves.
    dlg.shape.setCurrentIndex(dlg.shape.findData("series"))
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.busy)
    assert dlg.status.text().startswith("Not exported: ")
    assert "sessions shape" in dlg.status.text()
    dlg.close()

    booked = next(
        s
        for s in window.panel.detail.sessions
        if s.status == "booked" and s.start > window.local_now() + timedelta(days=1)
    )
    monkeypatch.setattr(prompts, "ask_cancel", lambda parent, info: CancelChoice(False, ""))
    window.desk.cancel_session(booked.id)
    wait_desk(qtbot, window)
    wait_active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.export_dialog is not dlg
    dlg = window.export_dialog
    qtbot.waitUntil(lambda: not dlg.reading_last_export)
    dlg.shape.setCurrentIndex(dlg.shape.findData("series"))
    dlg.changes_only.setChecked(True)
    assert dlg.shape.currentData() == "sessions", "the recipient's shape is chosen for them"
    with qtbot.waitSignal(dlg.sig_exported, timeout=20_000) as sig:
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert sig.args[0].events >= 1
    assert "STATUS:CANCELLED" in target.read_text(encoding="utf-8")


def test_a_big_export_can_be_cancelled_and_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "clinic.ics"
    monkeypatch.setattr(prompts, "ask_save_path", lambda *a: str(target))
    started = threading.Event()

    def slow_export(store, req, control=None):  # type: ignore[no-untyped-def]
        started.set()
        while not control.cancelled:
            control.progress(0, 0)
            threading.Event().wait(0.01)
        control.check()

    monkeypatch.setattr(export_dialog, "run_export", slow_export)
    window.open_export()
    dlg = window.export_dialog
    dlg.r_all.setChecked(True)
    assert dlg.profile.currentData() == "practitioner" and dlg.first.isEnabled()
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert started.wait(5) and dlg.busy
    cancel = dlg.progress.findChild(type(dlg.save_button))
    assert cancel is not None and cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.busy)
    assert "cancelled" in dlg.status.text() and not target.exists()


def _import_busy_time(qtbot, window, ics: Path, practitioner: int):  # type: ignore[no-untyped-def]
    """Open the import dialog with Ctrl+I and import ``ics`` as a practitioner's busy time:
    the dialog and the import's result."""
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dlg = window.import_dialog
    dlg.path.setText(str(ics))
    dlg.practitioner.setCurrentIndex(dlg.practitioner.findData(practitioner))
    with qtbot.waitSignal(dlg.sig_imported, timeout=20_000) as sig:
        qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    return dlg, sig.args[0]


def test_import_busy_time_and_a_closure_from_the_menu(  # type: ignore[no-untyped-def]
    qtbot, window, demo_store, tmp_path: Path
) -> None:
    data = window.model.range_data
    col = data.practitioners[0]
    friday = data.first + timedelta(days=4)
    ics = tmp_path / "ingrid.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nX-WR-CALNAME:Course\r\n"
        "BEGIN:VEVENT\r\nUID:course-1@test\r\nDTSTAMP:20261101T000000Z\r\n"
        f"DTSTART;TZID=Europe/Oslo:{friday:%Y%m%d}T140000\r\nDTEND;TZID=Europe/Oslo:{friday:%Y%m%d}T170000\r\n"
        "SUMMARY:Needling course\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    dlg, result = _import_busy_time(qtbot, window, ics, col.key)
    assert result.rows == 1 and "Imported 1 busy time" in dlg.status.text()
    qtbot.waitUntil(
        lambda: any(b.practitioner_id == col.key for b in window.model.range_data.busy),
        timeout=10_000,
    )
    busy = next(b for b in window.model.range_data.busy if b.practitioner_id == col.key)
    assert (busy.start.hour, busy.end.hour, busy.summary) == (14, 17, "Needling course")

    closed = tmp_path / "closed.ics"
    thursday = data.first + timedelta(days=3)
    closed.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        f"BEGIN:VEVENT\r\nUID:closed-1@test\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:{thursday:%Y%m%d}\r\n"
        "SUMMARY:Water damage\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    dlg.path.setText(str(closed))
    dlg.r_closed.setChecked(True)
    with qtbot.waitSignal(dlg.sig_imported, timeout=20_000):
        qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.range_data.days[3].closed is not None, timeout=10_000)
    assert "Water damage" in window.model.range_data.days[3].closed

    bad = tmp_path / "bad.ics"
    bad.write_text("BEGIN:VCALENDAR\r\nthis is not a content line\r\n", encoding="utf-8")
    dlg.path.setText(str(bad))
    qtbot.mouseClick(dlg.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
    assert dlg.status.text().startswith("Nothing was imported")


def test_an_export_range_day_that_does_not_exist_is_said_before_a_file_is_chosen(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch
) -> None:
    from PySide6.QtTest import QTest

    asked: list[bool] = []

    def ask(*_args: object) -> None:
        asked.append(True)

    monkeypatch.setattr(prompts, "ask_save_path", ask)
    window.open_export()
    dlg = window.export_dialog
    dlg.r_all.setChecked(True)
    dlg.last.edit.selectAll()
    QTest.keyClicks(dlg.last.edit, "31.04.2027")  # never rolled over into May
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert asked == [] and "April 2027 has 30 days" in dlg.status.text()


def test_the_import_dialog_lists_what_it_left_out_by_line_and_name(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    """A to-do with a typo and a free event that cannot be read are left out; the dialog
    names each by its line, kind, title and UID, so the practitioner can find it."""
    data = window.model.range_data
    col = data.practitioners[0]
    friday = data.first + timedelta(days=4)
    ics = tmp_path / "ingrid.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        "BEGIN:VTODO\r\nUID:todo-1@test\r\nSUMMARY:Order needles\r\nDUE20261110\r\nEND:VTODO\r\n"
        "BEGIN:VEVENT\r\nUID:lunch-1@test\r\nSUMMARY:Lunch\r\nTRANSP:TRANSPARENT\r\n"
        f"DTSTART;TZID=Europe/Oslo:{friday:%Y%m%d}T120000\r\nDURATION:PT30M\r\nRRULE:\r\n"
        "END:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:course-1@test\r\nDTSTAMP:20261101T000000Z\r\n"
        f"DTSTART;TZID=Europe/Oslo:{friday:%Y%m%d}T140000\r\nDTEND;TZID=Europe/Oslo:{friday:%Y%m%d}T170000\r\n"
        "SUMMARY:Needling course\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    dlg, result = _import_busy_time(qtbot, window, ics, col.key)
    assert result.rows == 1
    text = dlg.status.text()
    assert "Left out 2 items:" in text, text
    assert "line 4: VTODO 'Order needles' (UID todo-1@test): a VTODO blocks no time" in text
    assert "line 9: VEVENT 'Lunch' (UID lunch-1@test): the event is marked free" in text
