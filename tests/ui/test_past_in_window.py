"""The past is explicit in the window: the new-plan dialog and a move say so and ask first;
the move dialog's start is typed strictly."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtTest import QTest
from sqlalchemy import func, select

from planner.db.models import Plan
from planner.services.schedule.patients import search_patients, session_info
from planner.ui.dialogs import prompts

from .helpers import wait_desk


def past_free_start(window, practitioner_id: int, patient_id: int | None, minutes: int):  # type: ignore[no-untyped-def]
    """A start earlier this week (before now) when the practitioner works and they, the
    patient and nobody's room are busy; None if the week has none."""
    data = window.model.range_data
    now = window.local_now()
    col = next(c for c in data.practitioners if c.key == practitioner_id)
    for d in data.days:
        if d.closed or not d.opening or d.day > now.date():
            continue
        for m in range(8 * 60, 16 * 60, 15):
            start = datetime.combine(d.day, datetime.min.time()) + timedelta(minutes=m)
            end = start + timedelta(minutes=minutes)
            if (
                end > now
                or not col.hours
                or not col.hours.fits(d.day.weekday(), start.time(), end.time())
            ):
                continue
            if not any(
                b.start < end
                and b.end > start
                and b.status != "cancelled"
                and (b.practitioner_id == practitioner_id or b.patient_id == patient_id)
                for b in data.blocks
            ):
                return start
    return None


def _plans(store) -> int:  # type: ignore[no-untyped-def]
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(Plan)) or 0)


def test_new_plan_in_the_past_says_so_and_asks_before_booking(  # type: ignore[no-untyped-def]
    qtbot, window, demo_store, monkeypatch
) -> None:
    from planner.ui.dialogs.new_plan import NewPlanDialog

    patient = next(p for p in search_patients(demo_store, "", 50) if not p.flags)
    data = window.model.range_data
    found = next(
        (
            (c.key, start)
            for c in data.practitioners
            if (start := past_free_start(window, c.key, patient.id, 45)) is not None
        ),
        None,
    )
    assert found is not None, "the demo week has free time before now"
    practitioner_id, start = found
    dlg = NewPlanDialog(
        demo_store,
        window.worker,
        window.desk,
        window.directory,
        window,
        patient=patient,
        location_id=data.location.id,
        practitioner_id=practitioner_id,
        start=start,
        local_now=window.local_now,
    )
    qtbot.addWidget(dlg)
    dlg.use_single.setChecked(True)
    dlg.modality.setCurrentIndex(dlg.modality.findData("physiotherapy"))
    qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=10_000)
    assert dlg.preview is not None
    assert dlg.preview.proposal.bookable, dlg.preview.to_json()
    when = f"{start:%a} {start.day} {start:%b %Y %H:%M}"
    summary = dlg.preview_panel.summary.text()
    assert (
        summary.startswith("<b style='color:")
        and f"The session, {when}, is in the past" in (summary.split("<br>")[0])
    )
    assert dlg.book_button.isEnabled()

    asked: list[tuple[str, str]] = []
    answer = [False]

    def ask(parent, past, action):  # type: ignore[no-untyped-def]
        asked.append((past, action))
        return answer[0]

    monkeypatch.setattr(prompts, "ask_record_past", ask)
    before = _plans(demo_store)
    dlg.book()
    assert asked == [(f"The session, {when}, is in the past", "Book the plan")]
    assert dlg.isVisible() or not dlg.booking  # still open, nothing sent
    assert not dlg.booking and _plans(demo_store) == before
    answer[0] = True
    with qtbot.waitSignal(dlg.sig_booked, timeout=10_000):
        dlg.book()
    assert _plans(demo_store) == before + 1


def test_the_first_session_typed_impossible_says_why_in_the_preview(  # type: ignore[no-untyped-def]
    qtbot, window, demo_store
) -> None:
    from planner.ui.dialogs.new_plan import NewPlanDialog

    patient = next(p for p in search_patients(demo_store, "", 50) if not p.flags)
    dlg = NewPlanDialog(
        demo_store,
        window.worker,
        window.desk,
        window.directory,
        window,
        patient=patient,
        local_now=window.local_now,
    )
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
    field = dlg.form.start
    field.day.edit.selectAll()
    QTest.keyClicks(field.day.edit, "30.02.2027")
    assert field.message.text() == "'30.02.2027' is not a date: February 2027 has 28 days"
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
    assert "Correct the first session" in dlg.preview_panel.summary.text()
    assert dlg.request() is None and not dlg.book_button.isEnabled()


def test_move_dialog_keeps_an_impossible_date_and_says_the_past(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.dialogs.session_dialogs import MoveDialog

    block = next(b for b in window.model.range_data.blocks if b.status == "booked")
    info = session_info(window.store, block.id)
    now = window.local_now()
    dlg = MoveDialog(info, window, local_now=now)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.when.day.edit.selectAll()
    QTest.keyClicks(dlg.when.day.edit, "31.04.2027")
    dlg.ok.click()
    assert dlg.isVisible() and dlg.result() != MoveDialog.DialogCode.Accepted
    assert "April 2027 has 30 days" in dlg.when.message.text()
    yesterday = now - timedelta(days=1)
    dlg.when.set_value(yesterday)
    dlg.when.sig_changed.emit()
    assert dlg.in_past() and not dlg.past_note.isHidden()
    assert "is in the past" in dlg.past_note.text()
    dlg.when.set_value(now + timedelta(days=7))
    dlg.when.sig_changed.emit()
    assert not dlg.in_past() and dlg.past_note.isHidden()
    dlg.ok.click()
    assert dlg.result() == MoveDialog.DialogCode.Accepted
    assert dlg.result_value() == ((now + timedelta(days=7)).replace(second=0, microsecond=0), False)


def test_a_move_into_the_past_asks_first_and_undoes(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    now = window.local_now()
    data = window.model.range_data
    candidates = [
        b
        for b in data.blocks
        if b.status == "booked" and b.start > now and b.start.date() == now.date()
    ]
    found = next(
        (
            (b, t)
            for b in candidates
            if (t := past_free_start(window, b.practitioner_id, b.patient_id, b.duration_min))
            is not None
        ),
        None,
    )
    assert found is not None, "a session later today and free time earlier this week"
    block, target = found
    answers: list[str] = []

    def correct_it(parent, past, action):  # type: ignore[no-untyped-def]
        answers.append(past)
        return False

    monkeypatch.setattr(prompts, "ask_record_past", correct_it)
    window.desk.move_session(block.id, target, following=False)
    wait_desk(qtbot, window)
    assert answers and "is in the past" in answers[0]
    assert session_info(window.store, block.id).start == block.start  # nothing moved
    assert window.desk.stack.count() == 0

    monkeypatch.setattr(prompts, "ask_record_past", lambda *a: True)
    window.desk.move_session(block.id, target, following=False)
    wait_desk(qtbot, window)
    assert session_info(window.store, block.id).start == target
    window.desk.undo()  # back to later today: undo needs no question
    wait_desk(qtbot, window)
    assert session_info(window.store, block.id).start == block.start
