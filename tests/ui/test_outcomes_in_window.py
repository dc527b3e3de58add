"""Outcomes in the window: the body map in the attend and new-plan dialogs, progress and the
plan card from the session menu and the patient panel."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from planner.cli import main
from planner.core.outcomes import Measure
from planner.services import clinic, progress
from planner.services.schedule.patients import search_patients, session_info
from planner.ui.dialogs import prompts
from planner.ui.dialogs.new_plan import NewPlanDialog
from planner.ui.dialogs.session_dialogs import NOT_TAKEN, AttendChoice, AttendDialog
from planner.ui.widgets.body_map import BodyMap

from .conftest import ARTIFACTS
from .helpers import wait_desk
from .test_progress_panel import nine_treatments_plan


def _click(qtbot, body_map: BodyMap, code: str, view: str = "front") -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(
        body_map, Qt.MouseButton.LeftButton, pos=body_map.spot_centre(code, view).toPoint()
    )


def test_attend_dialog_body_map_rows_and_scores(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = window.local_now()
    past = [b for b in window.model.range_data.blocks if b.status == "booked" and b.start < now]
    if not past:
        pytest.skip("the demo week has no open session before now")
    block = past[0]
    info = session_info(window.store, block.id)
    seen: dict[str, AttendChoice] = {}

    def fill_in(parent, info):  # type: ignore[no-untyped-def]
        dlg = AttendDialog(info, parent)
        qtbot.addWidget(dlg)
        dlg.resize(760, 620)
        dlg.show()
        qtbot.waitExposed(dlg)
        m = dlg.body_map
        # The plan's target regions start ticked and chosen on the map.
        assert m.value() == [c for c, box, _s in dlg.rows if box.isChecked()]
        for code, _box, _spin in list(dlg.rows):
            dlg.set_pain(code, 5)
        # A click on the map adds a region the plan does not target, with its own row.
        _click(qtbot, m, "knee-left")
        row = next(r for r in dlg.rows if r[0] == "knee-left")
        assert row[1].isChecked() and row[2].value() == NOT_TAKEN
        # Pain typed on the map lands in the row; the row's pain shows on the map.
        m.setFocus()
        m._current = next(s for s in m.spots if s.code == "knee-left")
        qtbot.keyClicks(m, "6")
        assert row[2].value() == 6 and m.scores()["knee-left"] == 6
        # Unticking a row leaves the region out on the map, and clicking brings it back.
        row[1].setChecked(False)
        assert "knee-left" not in m.value()
        _click(qtbot, m, "knee-left", "back")
        assert row[1].isChecked()
        dlg.score_spins[Measure.FATIGUE].setValue(6)
        dlg.score_spins[Measure.SLEEP].setValue(4)
        # A row added to a shown dialog is shown and laid out when the event loop runs.
        qtbot.waitUntil(
            lambda: (
                row[1].isVisible() and dlg.add_combo.geometry().top() > row[1].geometry().bottom()
            )
        )
        ARTIFACTS.mkdir(exist_ok=True)
        assert dlg.grab().save(str(ARTIFACTS / "attend_dialog_body_map.png"))
        choice = dlg.result_value()
        seen["choice"] = choice
        return choice

    monkeypatch.setattr(prompts, "ask_attend", fill_in)
    window.view.select(block.id)
    window.act_attend.trigger()
    wait_desk(qtbot, window)
    assert session_info(window.store, block.id).status == "attended"
    choice = seen["choice"]
    assert choice.scores == {Measure.FATIGUE: 6, Measure.SLEEP: 4}
    treated = dict(session_info(window.store, block.id).treated)
    assert treated["knee-left"] == 6
    assert all(v == 5 for c, v in treated.items() if c != "knee-left")
    p = progress.plan_progress(window.store, info.plan_id)
    fatigue = next(s for s in p.measures if s.key == "fatigue")
    assert any(pt.value == 6 for pt in fatigue.points)
    # Undo takes the whole attendance back, scores included.
    window.desk.stack.undo()  # the desk's stack: undone on the worker, then it moves
    wait_desk(qtbot, window)
    assert session_info(window.store, block.id).status == "booked"
    p = progress.plan_progress(window.store, info.plan_id)
    assert all(pt.appointment_id != block.id for s in p.measures for pt in s.points)


def test_new_plan_dialog_has_the_body_map_and_regional_flags(qtbot, window, demo_store) -> None:  # type: ignore[no-untyped-def]
    eva = clinic.add_patient(
        demo_store, "Eva Lymfe-Testesen", phone="+47 900 12 345", flags=["lymphoedema:arm-left"]
    )
    row = next(r for r in search_patients(demo_store, "Lymfe") if r.id == eva.id)
    dlg = NewPlanDialog(
        demo_store,
        window.worker,
        window.desk,
        window.directory,
        window,
        patient=row,
        location_id=window.location.id,
        local_now=window.local_now,
    )
    qtbot.addWidget(dlg)
    dlg.resize(1280, 860)
    dlg.show()
    assert isinstance(dlg.regions, BodyMap)
    qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=10_000)
    # The fibromyalgia template targets neck, shoulders and lower back: the left shoulder is
    # in the lymphoedema arm, so it needs acknowledging, and the arm is hatched on the map.
    assert dlg.regions.value() == ["neck", "shoulders", "lower-back"]
    assert dlg.regions._flagged == {"shoulder-left", "elbow-left", "wrist-hand-left"}
    assert "Lymphoedema (left arm)" in dlg.flags_text.text()
    assert dlg.acknowledge.isVisibleTo(dlg)
    assert dlg.preview is not None
    assert dlg.preview.context.needs_acknowledgement
    ARTIFACTS.mkdir(exist_ok=True)
    assert dlg.grab().save(str(ARTIFACTS / "new_plan_body_map.png"))
    # Leave the left shoulder out by clicking it: nothing flagged is targeted any more.
    _click(qtbot, dlg.regions, "shoulder-left")
    assert dlg.regions.value() == ["neck", "shoulder-right", "lower-back"]
    qtbot.waitUntil(lambda: not dlg.busy, timeout=10_000)
    assert dlg.preview is not None
    assert dlg.preview.to_json()["regions"] == ["neck", "shoulder-right", "lower-back"]
    assert not dlg.preview.context.needs_acknowledgement
    assert not dlg.acknowledge.isVisibleTo(dlg)
    assert "not targets of this plan" in dlg.flags_text.text()


def test_progress_and_plan_card_from_the_session_menu(  # type: ignore[no-untyped-def]
    qtbot, window, demo_store, capsys, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_id = nine_treatments_plan(demo_store)
    with demo_store.read() as s:
        from planner.db.models import Appointment

        aid = s.query(Appointment.id).filter(Appointment.plan_id == plan_id).first()[0]
    menus = []
    monkeypatch.setattr(type(window), "_popup", lambda self, menu, pos: menus.append(menu))
    window._context_menu(aid, window.mapToGlobal(window.rect().center()))
    texts = [a.text() for a in menus[-1].actions()]
    assert "Plan p&rogress…" in texts and "Print plan c&ard…" in texts

    window._current_session = aid
    window.act_progress.trigger()  # the session's plan is looked up on the worker
    qtbot.waitUntil(lambda: hasattr(window, "progress_dialog"), timeout=10_000)
    dlg = window.progress_dialog
    qtbot.waitUntil(lambda: not dlg.loading and dlg.panel.progress is not None, timeout=10_000)
    capsys.readouterr()
    assert main(["--db", str(demo_store.path), "plan", "progress", str(plan_id), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert dlg.panel.figures() == {
        **{r["region"]: r["change_pct"] for r in data["regions"] if r["points"]},
        **{m["measure"]: m["change_pct"] for m in data["measures"] if m["points"]},
    }
    # The progress window's button opens the plan card.
    dlg.card_button.click()
    card = window.plan_card_dialog
    qtbot.waitUntil(lambda: card.card is not None, timeout=10_000)
    assert card.card.plan_id == plan_id
    out = tmp_path / "card.pdf"
    monkeypatch.setattr(prompts, "ask_save_path", lambda *a, **k: str(out))
    card.save_button.click()
    assert out.exists() and "Plan card saved" in window.status_text.text()
    ARTIFACTS.mkdir(exist_ok=True)
    card.resize(720, 940)
    assert card.grab().save(str(ARTIFACTS / "plan_card_dialog.png"))
    card.reject()
    dlg.reject()


def test_patient_panel_buttons_ask_for_the_chosen_plan(qtbot, window, demo_store) -> None:  # type: ignore[no-untyped-def]
    plan_id = nine_treatments_plan(demo_store)
    with demo_store.read() as s:
        from planner.db.models import Plan

        patient_id = s.get(Plan, plan_id).patient_id
    panel = window.panel
    panel.show_patient(patient_id)
    qtbot.waitUntil(lambda: panel.detail is not None and not panel.loading)
    assert panel.progress_button.isEnabled() and panel.card_button.isEnabled()
    model = panel.plans_model
    row = next(r for r in range(model.rowCount()) if model.plan(r).id == plan_id)
    panel.plans.setCurrentIndex(panel.plans_model.index(row, 0))
    with qtbot.waitSignal(panel.sig_progress_requested) as asked:
        panel.progress_button.click()
    assert asked.args == [plan_id]
    dlg = window.progress_dialog
    qtbot.waitUntil(lambda: not dlg.loading and dlg.panel.progress is not None, timeout=10_000)
    assert dlg.panel.progress.plan_id == plan_id
    dlg.resize(900, 1000)
    assert dlg.grab().save(str(ARTIFACTS / "progress_from_patient_panel.png"))
    dlg.reject()
    with qtbot.waitSignal(panel.sig_plan_card_requested) as asked:
        panel.act_card.trigger()
    assert asked.args == [plan_id]
    window.plan_card_dialog.reject()
    assert window.grab().save(str(ARTIFACTS / "main_window_patient_panel_plan_buttons.png"))
