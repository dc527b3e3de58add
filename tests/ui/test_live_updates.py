"""Every desk sees the others: an open window shows what another process booked within 2 s,
keeping the desk's selection, time cursor and scroll; its own changes are not read twice; an
open new-plan preview says which of its slots were just taken. On SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner.core.domain import Kind, Phase
from planner.db.audit import Author
from planner.db.store import Store
from planner.services import clinic
from planner.services.booking.plans import PlanRequest, book
from planner.ui.dialogs.plan_preview import summary_text
from planner.ui.live import live_note

from ..conftest import Clinic
from ..db.conftest import pg_server, pg_url  # the throwaway PostgreSQL server
from .test_front_desk_day import shot

__all__ = ["pg_server", "pg_url"]

NOW_UTC = datetime(2027, 3, 1, 8, 0)
"""The window's clock: Monday 1 March 2027, 09:00 in Oslo (the week shown)."""
WEEK = date(2027, 3, 1)


def _clinic(store: Store) -> Clinic:
    loc = clinic.add_location(
        store, "Oslo sentrum", "Europe/Oslo", country="NO", hours=["mon-fri 07:00-21:00"]
    )
    room = clinic.add_room(store, loc.id, "Room 1")
    acu = clinic.add_practitioner(
        store, "Ingrid Berg", "acupuncturist", [loc.id], hours=["mon-fri 07:00-21:00"]
    )
    physio = clinic.add_practitioner(
        store, "Per Lie", "physiotherapist", [loc.id], hours=["mon-fri 08:00-16:00"]
    )
    kari = clinic.add_patient(store, "Kari Nordmann")
    ola = clinic.add_patient(store, "Ola Hansen")
    nina = clinic.add_patient(store, "Nina Dahl")
    return Clinic(store, loc.id, acu.id, physio.id, room.id, kari.id, ola.id, nina.id)


def _book_one(c: Clinic, patient: int, start: str, weeks: int = 1) -> list[int]:
    booked = book(
        c.store,
        PlanRequest(
            patient_id=patient,
            practitioner_id=c.practitioner,
            start=start,
            phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=weeks, per_week=1),),
            modality="acupuncture",
        ),
        now=NOW_UTC,
    )
    return [int(a["id"]) for a in booked.appointments]


def _other_desk_books(
    qtbot: Any, db: str, c: Clinic, patient: int, start: str, weeks: int = 1
) -> None:
    """Another desk (a separate process, the command line) books a plan; the window's event
    loop keeps running meanwhile."""
    env = {**os.environ, "PLANNER_DESK": "Reception 2"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "planner.cli",
            "--db",
            db,
            "plan",
            "book",
            "--patient",
            str(patient),
            "--practitioner",
            str(c.practitioner),
            "--start",
            start,
            "--weeks",
            str(weeks),
            "--duration",
            "30",
            "--modality",
            "acupuncture",
        ],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for(qtbot, proc)


def _wait_for(qtbot: Any, proc: subprocess.Popen[str]) -> None:
    # the GUI thread keeps turning its event loop while the other desk works
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, (out, err)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[tuple[str, Clinic]]:
    path = tmp_path / "clinic.db"
    store = Store(str(path), create=True, author=Author("Front desk", "tester", "window"))
    yield str(path), _clinic(store)
    store.close()


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[tuple[str, Clinic]]:
    store = Store(pg_url, create=True, author=Author("Front desk", "tester", "window"))
    yield pg_url, _clinic(store)
    store.close()


def _window(qtbot: Any, c: Clinic, settings: Any) -> Any:
    from planner.ui.main_window import MainWindow

    w = MainWindow(c.store, settings, clock=lambda: NOW_UTC)
    qtbot.addWidget(w)
    w.resize(1280, 720)  # the smallest screen: the day does not fit, the week scrolls
    w.show()
    with qtbot.waitSignal(w.sig_week_shown, timeout=10_000):
        w.start()
    assert w.model.range_data is not None and w.model.range_data.first == WEEK
    return w


def _ids(w: Any) -> set[int]:
    data = w.model.range_data
    return {b.id for b in data.blocks} if data is not None else set()


def _shows_another_desks_booking(qtbot: Any, db: str, c: Clinic, settings: Any) -> None:
    (kept,) = _book_one(c, c.kari, "2027-03-02T20:00")
    w = _window(qtbot, c, settings)
    assert w.view.select(kept)
    sb = w.view.verticalScrollBar()
    assert sb.maximum() > 0, "the week should scroll at 1280x720"
    # the desk scrolled up to the morning, away from the evening session it selected
    sb.setValue(0)
    scroll = sb.value()
    rect = w.view.block_rect(kept)
    assert rect is not None and rect.top() > w.view.viewport().height()
    before = _ids(w)

    _other_desk_books(qtbot, db, c, c.nina, "2027-03-03T09:00")
    t0 = time.monotonic()
    qtbot.waitUntil(lambda: len(_ids(w) - before) == 1, timeout=2000)
    took = time.monotonic() - t0
    assert took < 2.0
    new = next(iter(_ids(w) - before))
    block = w.model.range_data.block(new)
    assert block.patient_id == c.nina and block.start == datetime(2027, 3, 3, 9, 0)
    # what the desk was looking at stays as it was
    assert w.view.selected_id == kept and w.current_session == kept
    assert sb.value() == scroll
    # who it was, at the location's time (not UTC, 08:00)
    qtbot.waitUntil(lambda: w.statusBar().currentMessage() != "", timeout=2000)
    assert w.statusBar().currentMessage() == "Updated from Reception 2 at 09:00"
    shot(w, f"live-status-note-{'sqlite' if c.store.is_sqlite else 'postgres'}")


def test_window_shows_a_session_booked_by_another_process_sqlite(
    qtbot: Any, sqlite_db: tuple[str, Clinic], settings: Any
) -> None:
    db, c = sqlite_db
    _shows_another_desks_booking(qtbot, db, c, settings)


@pytest.mark.slow
def test_window_shows_a_session_booked_by_another_process_postgres(
    qtbot: Any, pg_db: tuple[str, Clinic], settings: Any
) -> None:
    db, c = pg_db
    _shows_another_desks_booking(qtbot, db, c, settings)


def test_time_cursor_is_kept_across_another_desks_change(
    qtbot: Any, sqlite_db: tuple[str, Clinic], settings: Any
) -> None:
    db, c = sqlite_db
    (kept,) = _book_one(c, c.kari, "2027-03-02T10:00")
    w = _window(qtbot, c, settings)
    assert w.view.select(kept)
    w.view.setFocus()
    for _ in range(3):  # the time cursor from the session's end, three quarters later
        qtbot.keyClick(w.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    cursor = w.view.time_cursor
    assert cursor is not None and cursor[0] == datetime(2027, 3, 2, 11, 0)
    assert w.view.selected_id == 0  # the cursor, not a session
    before = _ids(w)
    _other_desk_books(qtbot, db, c, c.nina, "2027-03-04T13:00")
    qtbot.waitUntil(lambda: len(_ids(w) - before) == 1, timeout=2000)
    assert w.view.time_cursor == cursor
    assert w.view.selected_id == 0


def test_the_windows_own_change_is_read_once(
    qtbot: Any, sqlite_db: tuple[str, Clinic], settings: Any
) -> None:
    _db, c = sqlite_db
    (aid,) = _book_one(c, c.kari, "2027-03-02T10:00")
    w = _window(qtbot, c, settings)
    reloads: list[int] = []
    real_reload = w.loader.reload

    def counted_reload() -> None:
        reloads.append(1)
        real_reload()

    w.loader.reload = counted_reload
    heard: list[object] = []
    w.live.sig_changed_elsewhere.connect(heard.append)

    assert w.desk.move_session(aid, datetime(2027, 3, 3, 11, 0), following=False) is not False
    qtbot.waitUntil(
        lambda: (
            w.model.range_data.block(aid) is not None
            and w.model.range_data.block(aid).start == datetime(2027, 3, 3, 11, 0)
        ),
        timeout=5000,
    )
    assert w.store.own_changes  # the move's change rows, which the listener hears too
    qtbot.wait(1200)  # several looks of the listener and more than one gathering
    assert heard == []
    assert reloads == [1]  # the desk's own reload, no second one
    assert "Updated from" not in w.statusBar().currentMessage()


def test_new_plan_preview_says_which_slots_another_desk_just_took(
    qtbot: Any, sqlite_db: tuple[str, Clinic], settings: Any
) -> None:
    db, c = sqlite_db
    w = _window(qtbot, c, settings)
    w.panel.show_patient(c.kari)
    qtbot.waitUntil(lambda: w.panel.detail is not None, timeout=5000)
    w.open_new_plan(start=datetime(2027, 3, 8, 10, 0), practitioner_id=c.practitioner)
    dlg = w.new_plan_dialog
    dlg.use_custom.setChecked(True)
    dlg.weeks.setValue(3)
    dlg.duration.setValue(30)
    qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=10_000)
    pv = dlg.preview
    assert pv.proposal.bookable and len(pv.sessions) == 3
    assert [s.local_start for s in pv.sessions][1:3] == [
        datetime(2027, 3, 15, 10, 0),
        datetime(2027, 3, 22, 10, 0),
    ]
    assert not dlg.preview_panel.taken_label.isVisible()

    # another desk books Ola with Ingrid at the preview's second and third times
    _other_desk_books(qtbot, db, c, c.ola, "2027-03-15T10:00", weeks=2)
    panel = dlg.preview_panel
    qtbot.waitUntil(lambda: panel.taken_label.isVisible(), timeout=2000)
    qtbot.waitUntil(lambda: not dlg.busy, timeout=5000)
    assert panel.taken_label.text().startswith(
        "2 sessions of this preview were just booked at another desk: look again"
    )
    assert "Treatment 2 (Mon 15 Mar 10:00)" in panel.taken_label.text()
    # the re-checked preview is shown: those two in conflict and marked, Book disabled
    states = [s.state.value for s in dlg.preview.sessions]
    assert states == ["free", "conflict", "conflict"]
    assert dlg.model.changed() == {2, 3}
    assert not dlg.book_button.isEnabled()
    # the span still runs to the last session's time, though that one does not fit now
    assert "8 Mar 2027 to 22 Mar 2027" in summary_text(dlg.preview)
    shot(dlg, "live-preview-taken")
    # the desk changes the plan: a new request, the note goes
    dlg.weeks.setValue(1)
    qtbot.waitUntil(lambda: not dlg.busy, timeout=5000)
    assert not panel.taken_label.isVisible()


def test_the_note_names_the_desk_briefly() -> None:
    at = datetime(2027, 3, 1, 9, 5)
    assert live_note(["Reception 2"], at) == "Updated from Reception 2 at 09:05"
    assert live_note(["Reception 2", "Physio desk"], at) == "Updated from 2 other desks at 09:05"
    assert live_note([], at) == "Updated from another desk at 09:05"  # bulk work, a reconnect
    long = live_note(["The front desk by the main entrance, ground floor"], at)
    assert long == "Updated from The front desk by the m… at 09:05"  # 24 characters


def _other_desk(qtbot: Any, db: str, *args: str) -> None:
    """Another desk runs a command (a separate process) while the window's loop turns."""
    env = {**os.environ, "PLANNER_DESK": "Reception 2"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner.cli", "--db", db, *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for(qtbot, proc)


def test_side_panel_and_open_plan_card_follow_another_desks_cancel(
    qtbot: Any, sqlite_db: tuple[str, Clinic], settings: Any
) -> None:
    db, c = sqlite_db
    first, second, _third = _book_one(c, c.kari, "2027-03-02T10:00", weeks=3)
    w = _window(qtbot, c, settings)
    w.panel.show_patient(c.kari, select_session=first)
    qtbot.waitUntil(lambda: w.panel.detail is not None, timeout=5000)
    block = w.model.range_data.block(first)
    w.open_plan_card(block.plan_id)
    card = w.plan_card_dialog
    qtbot.waitUntil(lambda: card.card is not None, timeout=10_000)
    assert [x.status for x in card.card.sessions] == ["booked"] * 3

    _other_desk(qtbot, db, "appointment", "cancel", str(second), "--reason", "patient ill")

    def status_in_panel() -> str:
        detail = w.panel.detail
        return next(x.status for x in detail.sessions if x.id == second) if detail else ""

    qtbot.waitUntil(lambda: status_in_panel() == "cancelled", timeout=2000)
    # the card lists the sessions the patient comes to: the cancelled one leaves it
    qtbot.waitUntil(lambda: len(card.card.sessions) == 2, timeout=2000)
    assert [x.start.day for x in card.card.sessions] == [2, 16]
    assert w.panel.current_session_id() == first  # the panel keeps the session chosen


def test_held_while_the_desk_works_then_read_once(
    qtbot: Any, sqlite_db: tuple[str, Clinic], settings: Any
) -> None:
    db, c = sqlite_db
    w = _window(qtbot, c, settings)
    heard: list[object] = []
    w.live.sig_changed_elsewhere.connect(heard.append)
    w.live.hold(True)  # as Desk.sig_busy_changed(True) does while its own action runs
    before = _ids(w)
    _other_desk_books(qtbot, db, c, c.nina, "2027-03-03T09:00")
    qtbot.wait(1000)  # heard, but not said while the desk is busy
    assert heard == [] and _ids(w) == before
    w.live.hold(False)
    qtbot.waitUntil(lambda: len(_ids(w) - before) == 1, timeout=2000)
    assert len(heard) == 1


def test_a_practitioner_added_at_another_desk_gets_a_column(
    qtbot: Any, sqlite_db: tuple[str, Clinic], settings: Any
) -> None:
    db, c = sqlite_db
    w = _window(qtbot, c, settings)
    assert [p.name for p in w.directory.practitioners] == ["Ingrid Berg", "Per Lie"]
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "planner.cli", "--db", db, "practitioner", "add",
            "--name", "Siri Moe", "--profession", "physiotherapist",
            "--location", str(c.location), "--hours", "mon-fri 08:00-16:00",
        ],
        env={**os.environ, "PLANNER_DESK": "Reception 2"},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    _wait_for(qtbot, proc)
    qtbot.waitUntil(lambda: "Siri Moe" in [p.name for p in w.directory.practitioners], timeout=2000)
    qtbot.waitUntil(lambda: "Updated from Reception 2" in w.statusBar().currentMessage())
