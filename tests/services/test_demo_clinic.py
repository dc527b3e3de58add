"""The demo clinic has a name, phone, e-mail and address: its patients' calendars and plan cards
name the clinic ("call Nordlys Klinikk on ..."), not a town (issue 9 found "call Oslo")."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import vobject
from sqlalchemy import select

from planner.db.models import Location, Plan
from planner.db.store import Store
from planner.services.calendar_export import export_calendar
from planner.services.clinic_settings import clinic_details, set_clinic_details
from planner.services.demo import build_demo
from planner.services.demo.data import CLINIC_DETAILS
from planner.services.export_scope import Scope
from planner.services.plan_card import card_blocks, plan_card

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, int, str, str]]:
    """A small demo: the store, an active plan, its location's name and phone."""
    store = Store(str(tmp_path_factory.mktemp("demo") / "d.db"), create=True)
    build_demo(store, locations=2, practitioners=4, patients=10, appointments=60, today=TODAY)
    with store.read() as s:
        plan = s.scalars(select(Plan).where(Plan.status == "active").order_by(Plan.id)).first()
        assert plan is not None
        loc = s.get(Location, plan.location_id)
        assert loc is not None
        yield store, plan.id, loc.name, loc.phone
    store.close()


def _patient_events(store: Store, plan_id: int) -> list[vobject.base.Component]:
    # In English: the demo's patients read bokmål mostly (tests/ics/test_export_language.py)
    res = export_calendar(store, Scope.plan(plan_id), profile="patient", language="en")
    assert res.data is not None
    cal = vobject.readOne(res.data.decode())
    return list(cal.vevent_list)


def test_the_demo_sets_the_clinic_details(demo: tuple[Store, int, str, str]) -> None:
    store = demo[0]
    d = clinic_details(store)
    assert (d.name, d.phone, d.email, d.address) == (
        "Nordlys Klinikk",
        CLINIC_DETAILS["clinic_phone"],
        CLINIC_DETAILS["clinic_email"],
        CLINIC_DETAILS["clinic_address"],
    )


def test_the_patients_ics_and_plan_card_name_the_clinic(
    demo: tuple[Store, int, str, str],
) -> None:
    store, plan_id, town, town_phone = demo
    events = _patient_events(store, plan_id)
    assert events
    for ev in events:
        assert ev.summary.value.endswith(" - Nordlys Klinikk")
        assert f"call Nordlys Klinikk on {town_phone}" in ev.description.value
        assert f"call {town}" not in ev.description.value
        assert ev.location.value.startswith(town)  # where to go is still the department
    blocks = card_blocks(plan_card(store, plan_id, today=TODAY, language="en"))
    assert blocks[0].kind == "header" and blocks[0].text == "Nordlys Klinikk"
    assert blocks[0].rows[0][0].startswith(town)  # the place under the clinic's name
    texts = [b.text for b in blocks]
    assert any(f"call Nordlys Klinikk on {town_phone}" in t for t in texts)
    assert not any(f"call {town}" in t for t in texts)
    assert any("E-mail post@nordlys-klinikk.example" in r[0] for r in blocks[0].rows)


def test_without_a_clinic_name_the_location_names_itself(
    demo: tuple[Store, int, str, str],
) -> None:
    """What the demo looked like before it set a name: the town stands in for the clinic."""
    store, plan_id, town, town_phone = demo
    set_clinic_details(store, name="")
    try:
        events = _patient_events(store, plan_id)
        assert all(ev.summary.value.endswith(f" - {town}") for ev in events)
        assert f"call {town} on {town_phone}" in events[0].description.value
        blocks = card_blocks(plan_card(store, plan_id, today=TODAY, language="en"))
        assert blocks[0].text == town
        assert any(f"call {town} on {town_phone}" in b.text for b in blocks)
    finally:
        set_clinic_details(store, name=CLINIC_DETAILS["clinic_name"])


def test_the_demo_keeps_details_the_clinic_set_first(tmp_path: Path) -> None:
    store = Store(str(tmp_path / "own.db"), create=True)
    try:
        set_clinic_details(store, name="Fysio Nord", phone="+47 75 00 00 00")
        build_demo(store, locations=1, practitioners=2, patients=4, appointments=20, today=TODAY)
        d = clinic_details(store)
        assert (d.name, d.phone) == ("Fysio Nord", "+47 75 00 00 00")
        assert d.email == CLINIC_DETAILS["clinic_email"]
    finally:
        store.close()
