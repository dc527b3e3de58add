"""The command line's read-only listings: plain values, sessions on local dates, numbered."""

from __future__ import annotations

import json
from datetime import date

import pytest

from planner.errors import NotFound
from planner.services import listings
from planner.services.booking.edits import cancel
from planner.services.booking.plans import PlanRequest, book

from ..conftest import FROZEN_NOW, Clinic


def _book_fibromyalgia(c: Clinic) -> int:
    req = PlanRequest(
        patient_id=c.kari,
        practitioner_id=c.practitioner,
        start="2026-09-15T10:00",
        template="Fibromyalgia acupuncture",
    )
    return book(c.store, req, now=FROZEN_NOW).plan_id


def test_the_clinic_listings_are_plain_json_ready_values(oslo: Clinic) -> None:
    locs = listings.locations(oslo.store)
    assert [(d["id"], d["name"], d["hours"]) for d in locs] == [
        (oslo.location, "Oslo sentrum", "mon-fri 08:00-18:00")
    ]
    assert listings.rooms(oslo.store) == [
        {"id": oslo.room, "name": "Room 1", "location_id": oslo.location, "revision": 0}
    ]
    assert listings.rooms(oslo.store, oslo.location + 1) == []
    pracs = listings.practitioners(oslo.store)
    assert [p["name"] for p in pracs] == ["Ingrid Berg", "Per Lie"]
    assert pracs[1]["locations"] == [{"id": oslo.location, "hours": "mon,wed 08:00-16:00"}]
    json.dumps([locs, pracs, listings.patients(oslo.store)])  # nothing but JSON values


def test_patients_are_found_by_name_with_their_flags(oslo: Clinic) -> None:
    found = listings.patients(oslo.store, "ola")
    assert [(p["id"], p["flags"]) for p in found] == [(oslo.ola, ["anticoagulants"])]


def test_sessions_of_one_day_are_numbered_among_the_whole_plan(oslo: Clinic) -> None:
    _book_fibromyalgia(oslo)
    first_day = listings.sessions(oslo.store, date(2026, 9, 15), date(2026, 9, 15))
    assert [(s["kind"], s["number"], s["of"]) for s in first_day.sessions] == [("assessment", 1, 1)]
    assert first_day.names["patient"] == {oslo.kari: "Kari Nordmann"}
    assert first_day.names["practitioner"][oslo.practitioner] == "Ingrid Berg"
    week_two = listings.sessions(oslo.store, date(2026, 9, 21), date(2026, 9, 27))
    assert [(s["kind"], s["of"]) for s in week_two.sessions] == [("treatment", 9)]


def test_cancelled_sessions_can_be_left_out(oslo: Clinic) -> None:
    plan_id = _book_fibromyalgia(oslo)
    every = listings.sessions(oslo.store, plan_id=plan_id)
    cancel(oslo.store, every.sessions[1]["id"], now=FROZEN_NOW)
    assert len(listings.sessions(oslo.store, plan_id=plan_id).sessions) == 12
    active = listings.sessions(oslo.store, plan_id=plan_id, include_cancelled=False)
    assert len(active.sessions) == 11


def test_a_patient_and_a_plan_with_their_sessions(oslo: Clinic) -> None:
    plan_id = _book_fibromyalgia(oslo)
    patient = listings.patient_with_plans(oslo.store, oslo.kari)
    assert [p["id"] for p in patient["plans"]] == [plan_id]
    assert len(patient["sessions"]) == 12
    plan = listings.plan_with_sessions(oslo.store, plan_id)
    assert (plan["patient"], plan["practitioner"], plan["location"]) == (
        "Kari Nordmann",
        "Ingrid Berg",
        "Oslo sentrum",
    )
    assert plan["sessions"] == patient["sessions"]


def test_a_missing_patient_or_plan_says_how_to_list_them(oslo: Clinic) -> None:
    with pytest.raises(NotFound, match="planner patient list"):
        listings.patient_with_plans(oslo.store, 999)
    with pytest.raises(NotFound, match="no plan with id 999"):
        listings.plan_with_sessions(oslo.store, 999)
