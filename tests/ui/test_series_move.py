"""The series-move dialog: a "this and following" move that hits conflicts, fixed and moved."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from planner.core.domain import SessionState
from planner.db.models import Appointment
from planner.db.store import Store
from planner.services.schedule.patients import session_info
from planner.ui.desk import Desk
from planner.ui.dialogs.series_move import SeriesMoveDialog
from planner.ui.models.rows import when_local
from planner.ui.worker import Worker

from .conftest import FROZEN_UTC


def _starts(store: Store, ids: list[int]) -> list[datetime]:
    with store.read() as s:
        rows = {
            a.id: a.start_local
            for a in s.scalars(select(Appointment).where(Appointment.id.in_(ids)))
        }
    return [rows[i] for i in ids]


def _series_and_clash(store: Store) -> tuple[int, datetime]:
    """A booked session a week or more ahead with at least three booked sessions after it, and
    the start of another patient's session with the same practitioner a day later (taken)."""
    soon = FROZEN_UTC + timedelta(days=7)
    with store.read() as s:
        candidates = s.scalars(
            select(Appointment)
            .where(Appointment.status == "booked", Appointment.start_utc > soon)
            .order_by(Appointment.start_utc)
            .limit(400)
        ).all()
        for a in candidates:
            later = s.scalars(
                select(Appointment.id).where(
                    Appointment.plan_id == a.plan_id,
                    Appointment.status == "booked",
                    Appointment.start_utc > a.start_utc,
                )
            ).all()
            if len(later) < 3:
                continue
            day = a.start_utc + timedelta(days=1)
            other = s.scalars(
                select(Appointment).where(
                    Appointment.practitioner_id == a.practitioner_id,
                    Appointment.patient_id != a.patient_id,
                    Appointment.status == "booked",
                    Appointment.start_utc >= day,
                    Appointment.start_utc < day + timedelta(hours=12),
                )
            ).first()
            if other is not None:
                return a.id, other.start_local
    raise AssertionError("the demo clinic has no series to move onto a taken time")


@pytest.fixture
def desk(demo_store: Store, clock) -> Iterator[Desk]:  # type: ignore[no-untyped-def]
    worker = Worker()
    d = Desk(demo_store, worker, None, clock=clock)
    yield d
    worker.wait()


def _open(qtbot: QtBot, desk: Desk, appointment_id: int, start: datetime) -> SeriesMoveDialog:
    info = session_info(desk.store, appointment_id)  # type: ignore[arg-type]
    dlg = desk.open_series_move(info, start)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=15_000)
    return dlg


def _wait(qtbot: QtBot, dlg: SeriesMoveDialog) -> None:
    qtbot.waitUntil(lambda: not dlg.busy, timeout=15_000)


def test_conflicts_shown_fixed_moved_in_one_command_and_undone(
    qtbot: QtBot, desk: Desk, demo_store: Store
) -> None:
    first, taken = _series_and_clash(demo_store)
    dlg = _open(qtbot, desk, first, taken)
    QAbstractItemModelTester(dlg.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    pv = dlg.preview
    assert pv is not None and pv.sessions[0].state is SessionState.CONFLICT
    assert len(pv.sessions) >= 4
    assert not dlg.move_button.isEnabled()
    assert "not fit" in dlg.blocked_label.text()
    assert dlg.model.index(0, 3).data() == "Conflict"
    assert dlg.model.index(0, 1).data() == when_local(pv.sessions[0].old_local)
    ids = [m.appointment_id for m in pv.sessions]
    before = _starts(demo_store, ids)

    # Shift this one: only the chosen (first) session changes, and the dialog says so
    dlg.table.selectRow(0)
    assert dlg.fix_shift.isEnabled()
    suggestion = pv.sessions[0].suggestion
    dlg.fix_shift.click()
    _wait(qtbot, dlg)
    pv = dlg.preview
    assert pv is not None and pv.sessions[0].state is SessionState.SHIFTED
    assert pv.sessions[0].new_local == suggestion
    assert "→" in dlg.change_label.text()
    assert dlg.model.index(0, 0).data(Qt.ItemDataRole.UserRole + 4) is True  # marked changed

    # The rest: next free day for any time still taken, and closed weeks left out
    if pv.problems and dlg.fix_rest.isEnabled():
        dlg.fix_rest.click()
        _wait(qtbot, dlg)
    if dlg.preview is not None and dlg.preview.problems and dlg.fix_extend.isEnabled():
        dlg.fix_extend.click()
        _wait(qtbot, dlg)
    for _ in range(5):  # a session still without a time: shift it to its nearest free time
        pv = dlg.preview
        assert pv is not None
        row = next((i for i, m in enumerate(pv.sessions) if not m.fits and m.suggestion), None)
        if row is None:
            break
        dlg.table.selectRow(row)
        dlg.fix_shift.click()
        _wait(qtbot, dlg)
    pv = dlg.preview
    assert pv is not None
    assert pv.movable, [m.why for m in pv.problems]
    assert dlg.move_button.isEnabled() and dlg.blocked_label.text() == ""
    shown = [m.new_local for m in pv.sessions]

    with qtbot.waitSignal(dlg.sig_moved, timeout=15_000):
        dlg.move_button.click()
    qtbot.waitUntil(lambda: not desk.busy, timeout=15_000)
    assert _starts(demo_store, ids) == shown
    assert desk.stack.count() == 1 and "following sessions" in desk.stack.undoText()

    assert desk.undo()
    qtbot.waitUntil(lambda: not desk.busy, timeout=15_000)
    assert _starts(demo_store, ids) == before


def test_a_refused_move_keeps_the_dialog_and_its_choices(
    qtbot: QtBot, desk: Desk, demo_store: Store
) -> None:
    first, taken = _series_and_clash(demo_store)
    dlg = _open(qtbot, desk, first, taken)
    dlg.fix_rest.click()
    _wait(qtbot, dlg)
    if dlg.preview is not None and dlg.preview.problems and dlg.fix_extend.isEnabled():
        dlg.fix_extend.click()
        _wait(qtbot, dlg)
    for _ in range(5):
        pv = dlg.preview
        assert pv is not None
        row = next((i for i, m in enumerate(pv.sessions) if not m.fits and m.suggestion), None)
        if row is None:
            break
        dlg.table.selectRow(row)
        dlg.fix_shift.click()
        _wait(qtbot, dlg)
    assert dlg.move_button.isEnabled()
    ids = [m.appointment_id for m in dlg.preview.sessions]  # type: ignore[union-attr]
    before = _starts(demo_store, ids)
    # Another desk takes the moved session away meanwhile: the move is refused
    from planner.services.booking.edits import cancel

    cancel(demo_store, first, now=FROZEN_UTC)
    dlg.move_button.click()
    qtbot.waitUntil(lambda: not desk.busy and not dlg.moving, timeout=15_000)
    assert dlg.isVisible() and dlg.result() == 0
    assert "Nothing was moved" in dlg.change_label.text()
    assert dlg.conflict_policy == "next-working-day"
    assert dlg.policy_box.currentData() == "next-working-day"
    assert desk.stack.count() == 0
    assert _starts(demo_store, ids) == before
    _wait(qtbot, dlg)  # the preview after the refusal reads the session again
    assert dlg.preview is None and "cancelled" in dlg.summary.text()


def test_this_and_following_from_the_desk_opens_the_dialog(
    qtbot: QtBot, desk: Desk, demo_store: Store
) -> None:
    first, taken = _series_and_clash(demo_store)
    assert desk.move_session(first, taken, following=True)
    qtbot.waitUntil(lambda: getattr(desk, "series_move_dialog", None) is not None, timeout=15_000)
    dlg = desk.series_move_dialog
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=15_000)
    assert not desk.busy and desk.stack.count() == 0  # nothing moved before Move
    assert dlg.isVisible() and dlg.new_start() == taken


def test_a_start_in_the_past_needs_the_record_a_past_session_tick(
    qtbot: QtBot, desk: Desk, demo_store: Store
) -> None:
    first, _taken = _series_and_clash(demo_store)
    dlg = _open(qtbot, desk, first, datetime(2026, 11, 2, 10, 0))
    assert dlg.preview is not None and dlg.preview.past is not None
    assert dlg.allow_past.isVisible() and not dlg.move_button.isEnabled()
    assert "in the past" in dlg.blocked_label.text()
    assert "in the past" in dlg.summary.text()


def test_the_new_start_is_typed_and_an_impossible_day_blocks_the_move(
    qtbot: QtBot, desk: Desk, demo_store: Store
) -> None:
    from PySide6.QtTest import QTest

    first, taken = _series_and_clash(demo_store)
    dlg = _open(qtbot, desk, first, taken)
    day = dlg.start_edit.day.edit
    day.selectAll()
    QTest.keyClicks(day, "30.02.2031")  # never rolled over into March
    assert not dlg.start_edit.is_valid()
    assert not dlg.move_button.isEnabled()
    assert "February 2031 has 28 days" in dlg.blocked_label.text()
    assert dlg.new_start() == taken  # the last good start, not a rolled-over one
