"""The progress panel shows the figures ``planner plan progress --json`` prints."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from planner.cli import main
from planner.core.outcomes import Measure, format_change
from planner.core.regions import parse_scored_regions
from planner.db.models import Appointment, Plan
from planner.db.store import Store
from planner.services import progress
from planner.services.booking.edits import cancel
from planner.services.booking.plans import PlanRequest, book
from planner.services.booking.scores import attend, no_show, record_baseline
from planner.ui.dialogs.progress_dialog import ProgressDialog
from planner.ui.models.progress_model import ChangeRole, ProgressFiguresModel, SeriesKeyRole
from planner.ui.widgets.progress_panel import ProgressPanel
from planner.ui.worker import Worker

from ..conftest import FROZEN_NOW, Clinic
from .conftest import ARTIFACTS

LATER = datetime(2028, 1, 10, 12, 0)


def nine_treatments_plan(store) -> int:  # type: ignore[no-untyped-def]
    """A demo fibromyalgia plan with all nine treatments attended."""
    with store.read() as s:
        done = (
            select(Appointment.plan_id)
            .where(Appointment.kind == "treatment", Appointment.status == "attended")
            .group_by(Appointment.plan_id)
            .having(func.count() == 9)
        )
        plan_id = s.scalar(
            select(Plan.id)
            .where(Plan.template_name == "Fibromyalgia acupuncture", Plan.id.in_(done))
            .order_by(Plan.id)
            .limit(1)
        )
    assert plan_id is not None, "the demo clinic has a plan with nine attended treatments"
    return int(plan_id)


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    """The command's parsed ``--json`` output (JSON is Any)."""
    capsys.readouterr()
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_panel_and_command_line_agree_for_a_demo_plan(
    qtbot: QtBot, demo_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    plan_id = nine_treatments_plan(demo_store)
    data = cli_json(capsys, "--db", str(demo_store.path), "plan", "progress", str(plan_id))
    assert data["sessions"]["treatments_done"] == 9

    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.resize(860, 900)
    panel.set_progress(progress.plan_progress(demo_store, plan_id))
    panel.show()

    expected = {r["region"]: r["change_pct"] for r in data["regions"] if r["points"]} | {
        m["measure"]: m["change_pct"] for m in data["measures"] if m["points"]
    }
    assert expected, "the demo plan has pain scores"
    assert panel.figures() == expected
    # The chart names each region with the figure the command line prints.
    labels = panel.pain_chart.end_labels()
    for r in data["regions"]:
        if r["points"] and r["change_pct"] is not None:
            assert labels[r["region"]].endswith(format_change(r["change_pct"]))
            # The summary line says the same per cent (ASCII minus on the command line).
            assert any(
                line.startswith(r["label"])
                and line.endswith(f"{format_change(r['change_pct'], plain=True)} since baseline")
                for line in data["summary"]
            )
    # The baseline point is drawn at the baseline's value, in the baseline's slot.
    for r in data["regions"]:
        if r["baseline"] is not None:
            slot = next(
                s["index"] for s in data["slots"] if s["appointment_id"] == r["baseline_session"]
            )
            pos = panel.pain_chart.point_position(r["region"], slot)
            assert pos.y() == pytest.approx(panel.pain_chart.value_y(r["baseline"]))
    counts = data["sessions"]
    assert {k: int(t.value.text()) for k, t in panel.tiles.items()} == {
        "done": counts["done"],
        "remaining": counts["remaining"],
        "cancelled": counts["cancelled"],
        "no_show": counts["no_show"],
    }
    model = panel.model
    rows = {
        model.index(r, 0).data(SeriesKeyRole): (
            model.index(r, 1).data(),
            model.index(r, 2).data(),
            model.index(r, 0).data(ChangeRole),
        )
        for r in range(model.rowCount())
    }
    for r in data["regions"]:
        base = "–" if r["baseline"] is None else str(r["baseline"])
        latest = "–" if r["latest"] is None else str(r["latest"])
        assert rows[r["region"]] == (base, latest, r["change_pct"])
    ARTIFACTS.mkdir(exist_ok=True)
    assert panel.grab().save(str(ARTIFACTS / "progress_panel_demo.png"))


def _scored_plan(c: Clinic) -> int:
    """Nine weekly treatments with pain falling, a no-show, a cancellation, a knee added
    mid-plan, whole-body scores, the reassessment and the follow-up."""
    res = book(
        c.store,
        PlanRequest(
            patient_id=c.kari,
            practitioner_id=c.practitioner,
            start="2026-09-15T10:00",
            template="Fibromyalgia acupuncture",
            regions=["neck", "shoulders", "lower-back"],
        ),
        now=FROZEN_NOW,
    )
    ids = [a["id"] for a in res.appointments]
    record_baseline(
        c.store,
        res.plan_id,
        parse_scored_regions("neck:7,shoulders:6,lower-back:8"),
        scores={Measure.FATIGUE: 8, Measure.SLEEP: 3, Measure.FUNCTION: 4},
        now=LATER,
    )
    neck = [7, 6, None, 5, 5, 4, 4, 4, 4]
    shoulders = [6, 6, None, 5, 4, 4, 3, 4, 3]
    back = [8, 7, None, 6, 6, 5, 5, 5, 4]
    for i in range(9):
        aid = ids[1 + i]
        if i == 2:
            no_show(c.store, aid, now=LATER)
            continue
        if i == 4:
            cancel(c.store, aid, extend=False, now=FROZEN_NOW)
            continue
        knee = f",knee-right:{[0, 0, 0, 0, 0, 6, 5, 4, 3][i]}" if i >= 5 else ""
        attend(
            c.store,
            aid,
            parse_scored_regions(
                f"neck:{neck[i]},shoulders:{shoulders[i]},lower-back:{back[i]}{knee}"
            ),
            scores={
                Measure.FATIGUE: 8 - i // 2,
                Measure.SLEEP: 3 + i // 3,
                Measure.FUNCTION: 4 + i // 3,
            }
            if i % 2 == 0
            else None,
            now=LATER,
        )
    attend(
        c.store,
        ids[10],
        parse_scored_regions("neck:4,shoulders:4,lower-back:5,knee-right:3"),
        scores={Measure.FATIGUE: 5, Measure.SLEEP: 6, Measure.FUNCTION: 7},
        now=LATER,
    )
    attend(
        c.store,
        ids[11],
        parse_scored_regions("neck:5,shoulders:4,lower-back:6"),
        scores={Measure.FATIGUE: 6, Measure.SLEEP: 5, Measure.FUNCTION: 6},
        now=LATER,
    )
    return res.plan_id


def test_dialog_loads_the_panel_off_the_gui_thread(qtbot, oslo: Clinic, capsys) -> None:  # type: ignore[no-untyped-def]
    plan_id = _scored_plan(oslo)
    worker = Worker()
    dlg = ProgressDialog(oslo.store, worker, plan_id)
    qtbot.addWidget(dlg)
    dlg.resize(900, 1180)
    dlg.show()
    with qtbot.waitSignal(dlg.sig_loaded, timeout=10_000):
        dlg.load()
    panel = dlg.panel
    data = cli_json(capsys, "--db", str(oslo.store.path), "plan", "progress", str(plan_id))
    assert panel.figures() == {
        **{r["region"]: r["change_pct"] for r in data["regions"] if r["points"]},
        **{m["measure"]: m["change_pct"] for m in data["measures"] if m["points"]},
    }
    assert panel.figures()["neck"] == -28.6  # 7 -> 5 at the follow-up
    assert panel.body_chart.isVisible() and len(panel.body_chart.lines) == 3
    assert "Week-10 reassessment" in panel.milestones.text()
    assert "knee" in panel.milestones.text().lower() or "not a target" in panel.milestones.text()
    assert "Neck" in panel.headlines.text() and "−29 %" in panel.headlines.text()
    no_show_slot = next(s for s in panel.pain_chart.slots if s.status == "no-show")
    assert no_show_slot.label == "3"
    with qtbot.waitSignal(dlg.sig_print_card_requested) as asked:
        dlg.card_button.click()
    assert asked.args == [plan_id]
    # Laid out to the scroll area's width (no sideways scrolling).
    qtbot.waitUntil(lambda: panel.width() <= dlg.scroll_area.viewport().width())
    ARTIFACTS.mkdir(exist_ok=True)
    image = dlg.grab().toImage()
    assert image.save(str(ARTIFACTS / "progress_dialog.png"))
    # The chart has colour in it: the series are drawn.
    chart = panel.pain_chart.grab().toImage()
    coloured = sum(
        1
        for y in range(0, chart.height(), 3)
        for x in range(0, chart.width(), 3)
        if QColor(chart.pixel(x, y)).saturation() > 120
    )
    assert coloured > 100
    worker.wait()


def test_a_missing_plan_says_so(qtbot, oslo: Clinic) -> None:  # type: ignore[no-untyped-def]
    worker = Worker()
    dlg = ProgressDialog(oslo.store, worker, 4242)
    qtbot.addWidget(dlg)
    dlg.load()
    qtbot.waitUntil(lambda: not dlg.loading, timeout=10_000)
    assert "no plan with id 4242" in dlg.status.text()
    worker.wait()


def test_empty_plan_and_the_figures_model(qtbot, oslo: Clinic) -> None:  # type: ignore[no-untyped-def]
    res = book(
        oslo.store,
        PlanRequest(
            patient_id=oslo.nina,
            practitioner_id=oslo.practitioner,
            start="2026-09-16T10:00",
            template="Dry needling, acute",
            regions=["knee-left"],
        ),
        now=FROZEN_NOW,
    )
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.set_progress(progress.plan_progress(oslo.store, res.plan_id))
    assert panel.figures() == {}
    assert "No pain scores yet" in panel.headlines.text()
    assert not panel.body_chart.isVisibleTo(panel)
    model = ProgressFiguresModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    p = progress.plan_progress(oslo.store, _scored_plan(oslo))
    model.set_series([*p.regions, *p.measures])
    assert model.rowCount() == len(p.regions) + len(p.measures)
    assert model.index(0, 3).data() == format_change(p.regions[0].change_pct)
    assert model.index(0, 3).data(Qt.ItemDataRole.ForegroundRole) == QColor("#2e7d32")
    knee = next(
        r for r in range(model.rowCount()) if model.index(r, 0).data(SeriesKeyRole) == "knee-right"
    )
    assert model.index(knee, 0).data() == "Right knee *"
    model.set_series([])
    assert model.rowCount() == 0
