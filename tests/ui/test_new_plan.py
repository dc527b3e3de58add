"""The new-plan dialog, driven like the desk does: template to booked plan in the week view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from planner.db.models import Appointment, Plan
from planner.services.schedule.patients import search_patients

from .helpers import flagged_patient


def find_patient(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    panel = window.panel
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert panel.search.hasFocus()
    qtbot.keyClicks(panel.search, text)
    qtbot.waitUntil(lambda: not panel.searching and panel.results_model.rowCount() > 0)
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.detail is not None and panel.detail.patient.name == text)


def test_template_to_booked_plan(qtbot, window, demo_store) -> None:  # type: ignore[no-untyped-def]
    patient = flagged_patient(demo_store)
    find_patient(qtbot, window, patient.name)
    assert window.panel.flags.isVisible()  # screening flags show in the side panel

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dlg = window.new_plan_dialog
    assert dlg.isVisible() and dlg.patient.id == patient.id
    assert dlg.template.currentData() == "Fibromyalgia acupuncture"
    assert dlg.flags_box.isVisible() and dlg.acknowledge.isVisible()  # shown prominently
    assert dlg.regions.value() == ["neck", "shoulders", "lower-back"]
    qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=10_000)
    assert dlg.model.rowCount() == 12

    if not dlg.preview.proposal.bookable:
        assert dlg.fix_next.isEnabled()
        qtbot.mouseClick(dlg.fix_next, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dlg.busy, timeout=20_000)
    assert dlg.preview.proposal.bookable
    assert not dlg.book_button.isEnabled(), "flags must be acknowledged before booking"
    dlg.acknowledge.setChecked(True)
    assert dlg.book_button.isEnabled()
    first_start = dlg.preview.sessions[0].local_start

    with qtbot.waitSignal(dlg.sig_booked) as booked:
        qtbot.mouseClick(dlg.book_button, Qt.MouseButton.LeftButton)
    plan_id, first_session = booked.args
    assert not dlg.isVisible()
    with demo_store.read() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(Appointment).where(Appointment.plan_id == plan_id)
            )
            == 12
        )
        assert s.get(Plan, plan_id).acknowledged_flags == list(patient.flags)

    # The week view moves to the plan's first session and shows it selected.
    qtbot.waitUntil(lambda: window.model.row_of(first_session) >= 0, timeout=10_000)
    assert window.range_first() <= first_start.date()
    assert window.view.selected_id == first_session
    assert window.desk.stack.count() == 1 and window.desk.stack.canUndo()


def test_shift_fix_makes_a_conflicting_plan_bookable(qtbot, window, demo_store) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.dialogs.new_plan import NewPlanDialog

    # A busy practitioner's existing session: a plan starting at its time conflicts.
    data = window.model.range_data
    taken = next(
        b
        for b in data.blocks
        if b.status == "booked" and b.start.date() > window.local_now().date()
    )
    patient = search_patients(demo_store, "", 1)[0]
    dlg = NewPlanDialog(
        demo_store,
        window.worker,
        window.desk,
        window.directory,
        window,
        patient=patient,
        location_id=data.location.id,
        practitioner_id=taken.practitioner_id,
        start=taken.start,
        local_now=window.local_now,
    )
    qtbot.addWidget(dlg)
    dlg.use_custom.setChecked(True)
    dlg.weeks.setValue(3)
    dlg.duration.setValue(taken.duration_min)
    dlg.modality.setCurrentIndex(dlg.modality.findData("physiotherapy"))
    qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=10_000)
    assert dlg.preview is not None
    assert not dlg.preview.proposal.bookable
    assert dlg.model.index(0, 3).data() == "Conflict"
    assert not dlg.book_button.isEnabled() and "not fit" in dlg.book_reason.text()
    # Shift this one moves the chosen session only; each conflicting one is shifted in turn.
    while not dlg.preview.proposal.bookable:
        chosen = next(s for s in dlg.preview.sessions if not s.state.bookable)
        dlg.table.selectRow(chosen.seq - 1)
        assert dlg.fix_shift.isEnabled()
        qtbot.mouseClick(dlg.fix_shift, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
        assert dlg.preview is not None
        assert dlg.model.changed() == {chosen.seq}
        assert dlg.preview.sessions[chosen.seq - 1].state.value == "shifted"
        assert dlg.preview_panel.fix_label.text().startswith(
            f"Shift this one: Treatment {chosen.number}, "
        )
    assert dlg.preview.sessions[0].state.value == "shifted"
    assert dlg.book_button.isEnabled() and dlg.book_reason.text() == ""


def test_the_dialog_fits_a_1280x720_screen_with_flags_and_every_shape(  # type: ignore[no-untyped-def]
    qtbot, window, demo_store
) -> None:
    from planner.ui.dialogs.new_plan import NewPlanDialog

    dlg = NewPlanDialog(
        demo_store,
        window.worker,
        window.desk,
        window.directory,
        window,
        patient=flagged_patient(demo_store),
        local_now=window.local_now,
    )
    qtbot.addWidget(dlg)
    dlg.show()
    for shape in ("template", "custom", "single"):
        dlg.form.set_shape(shape)
        hint = dlg.minimumSizeHint()
        assert hint.width() <= 1240 and hint.height() <= 680, (shape, hint)
    assert dlg.flags_box.isVisible()
