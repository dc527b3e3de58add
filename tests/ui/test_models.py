"""Every item model passes Qt's QAbstractItemModelTester, empty, filled and after resets."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtTest import QAbstractItemModelTester

from planner.services.booking.plans import PlanRequest, preview
from planner.services.schedule.patients import patient_detail, search_patients
from planner.services.schedule.week import clinic_directory, load_range
from planner.ui.models.patient_models import (
    AppointmentIdRole,
    PatientSearchModel,
    PlanFilterProxy,
    PlanIdRole,
    PlansModel,
    SessionsModel,
)
from planner.ui.models.proposal_model import ProposalModel, StateRole
from planner.ui.models.schedule_model import (
    AppointmentIdRole as BlockIdRole,
)
from planner.ui.models.schedule_model import (
    BlockRole,
    ScheduleModel,
)

FAIL = QAbstractItemModelTester.FailureReportingMode.Fatal


def model_tester(model: QAbstractItemModel) -> QAbstractItemModelTester:
    return QAbstractItemModelTester(model, FAIL)


def test_schedule_model(qapp, demo_store) -> None:  # type: ignore[no-untyped-def]
    model = ScheduleModel()
    t = model_tester(model)
    data = load_range(demo_store, 1, date(2026, 11, 16), 7)
    assert data.blocks
    model.set_range(data)
    assert model.rowCount() == len(data.blocks)
    first = model.index(0, 0)
    assert first.data(BlockIdRole) == data.blocks[0].id
    assert first.data(BlockRole) is data.blocks[0]
    assert data.blocks[0].patient_name in first.data(Qt.ItemDataRole.DisplayRole)
    assert model.row_of(data.blocks[3].id) == 3
    model.set_range(load_range(demo_store, 1, date(2026, 11, 17), 1))
    model.set_range(None)
    assert model.rowCount() == 0
    del t


def test_patient_models(qapp, demo_store) -> None:  # type: ignore[no-untyped-def]
    search = PatientSearchModel()
    plans = PlansModel()
    sessions = SessionsModel()
    proxy = PlanFilterProxy()
    proxy.setSourceModel(sessions)
    testers = [model_tester(m) for m in (search, plans, sessions, proxy)]
    rows = search_patients(demo_store, "an")
    assert rows
    search.set_rows(rows)
    flagged = next(r for r in search_patients(demo_store, "", 2000) if r.flags)
    detail = patient_detail(demo_store, flagged.id)
    plans.set_rows(detail.plans)
    sessions.set_rows(detail.sessions)
    assert sessions.columnCount() == 3
    plan_id = detail.plans[0].id
    proxy.set_plan(plan_id)
    assert proxy.rowCount() == sum(1 for s in detail.sessions if s.plan_id == plan_id)
    assert all(proxy.index(r, 0).data(PlanIdRole) == plan_id for r in range(proxy.rowCount()))
    proxy.set_plan(None)
    assert proxy.rowCount() == len(detail.sessions)
    assert sessions.index(0, 0).data(AppointmentIdRole) == detail.sessions[0].id
    search.set_rows([])
    plans.set_rows([])
    sessions.set_rows([])
    del testers


def test_proposal_model(qapp, demo_store) -> None:  # type: ignore[no-untyped-def]
    model = ProposalModel()
    t = model_tester(model)
    patient = search_patients(demo_store, "", 1)[0]
    directory = clinic_directory(demo_store)
    prac = next(p for p in directory.practitioners if p.may_needle and 1 in p.location_ids)
    pv = preview(
        demo_store,
        PlanRequest(
            patient_id=patient.id,
            practitioner_id=prac.id,
            location_id=1,
            start="2026-12-01T08:00",
            template="Fibromyalgia acupuncture",
            acknowledge_flags=True,
        ),
    )
    model.set_sessions(pv.sessions)
    assert model.rowCount() == 12
    assert model.index(0, 3).data(StateRole) == pv.sessions[0].state.value
    model.set_sessions([])
    del t


@pytest.mark.parametrize("role", [BlockIdRole, BlockRole])
def test_schedule_roles_are_named(qapp, role) -> None:  # type: ignore[no-untyped-def]
    names = ScheduleModel().roleNames()
    assert role in names
