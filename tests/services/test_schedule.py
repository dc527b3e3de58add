"""The window's read-only queries: a week of one location, patients, the next free start."""

from __future__ import annotations

from datetime import date, datetime, time

from planner.services import clinic
from planner.services.booking.edits import cancel
from planner.services.booking.plans import PlanRequest, book, preview
from planner.services.schedule.next_free import next_free_start
from planner.services.schedule.patients import (
    later_booked_ids,
    patient_detail,
    search_patients,
    session_info,
)
from planner.services.schedule.week import clinic_directory, is_empty, load_range

from ..conftest import FROZEN_NOW, Clinic


def fibro(c: Clinic, patient: int, start: str = "2026-09-15T10:00", **kw) -> PlanRequest:  # type: ignore[no-untyped-def]
    return PlanRequest(
        patient_id=patient,
        practitioner_id=c.practitioner,
        start=start,
        template="Fibromyalgia acupuncture",
        room_id=c.room,
        **kw,
    )


def test_a_week_numbers_sessions_and_names_patients(oslo: Clinic) -> None:
    booked = book(oslo.store, fibro(oslo, oslo.ola, acknowledge_flags=True), now=FROZEN_NOW)
    week = load_range(oslo.store, oslo.location, date(2026, 9, 21), 7)
    assert week.days[0].day == date(2026, 9, 21) and len(week.days) == 7
    assert [b.kind for b in week.blocks] == ["treatment"]
    b = week.blocks[0]
    assert (b.patient_name, b.progress, b.start) == (
        "Ola Hansen",
        "1/9",
        datetime(2026, 9, 22, 10, 0),
    )
    assert b.regions == ("neck", "shoulders", "lower-back")
    assert b.flagged, "anticoagulants and an acupuncture plan"
    assert {c.name for c in week.practitioners} == {"Ingrid Berg", "Per Lie"}
    assert [c.name for c in week.rooms] == ["Room 1"]
    assert week.days[5].opening == () and week.days[0].opening[0][0] == time(8, 0)

    # A cancelled session leaves the count: the next one becomes 1/8 ... and shows only on request.
    cancel(oslo.store, booked.appointments[1]["id"], now=FROZEN_NOW)
    assert load_range(oslo.store, oslo.location, date(2026, 9, 21), 7).blocks == ()
    with_cancelled = load_range(
        oslo.store, oslo.location, date(2026, 9, 21), 7, include_cancelled=True
    )
    assert (
        with_cancelled.blocks[0].status == "cancelled" and with_cancelled.blocks[0].progress == ""
    )
    next_week = load_range(oslo.store, oslo.location, date(2026, 9, 28), 7)
    assert next_week.blocks[0].progress == "1/8"


def test_holidays_and_closures_are_named(oslo: Clinic) -> None:
    clinic.add_closure(oslo.store, oslo.location, date(2026, 12, 23), reason="Staff training")
    week = load_range(oslo.store, oslo.location, date(2026, 12, 21), 7)
    closed = {d.day: d.closed for d in week.days if d.closed}
    assert closed[date(2026, 12, 23)] == "Closed: Staff training"
    assert closed[date(2026, 12, 25)].startswith("Public holiday: ")


def test_patients_and_their_plans(oslo: Clinic) -> None:
    book(oslo.store, fibro(oslo, oslo.kari), now=FROZEN_NOW)
    assert [p.name for p in search_patients(oslo.store, "nord")] == ["Kari Nordmann"]
    assert [p.name for p in search_patients(oslo.store, "900 00 002")] == ["Ola Hansen"]
    assert search_patients(oslo.store, "ola")[0].flags == ("anticoagulants",)
    detail = patient_detail(oslo.store, oslo.kari)
    assert [p.title for p in detail.plans] == ["Fibromyalgia acupuncture"]
    assert detail.plans[0].total == 12 and detail.plans[0].done == 0
    assert [s.label for s in detail.sessions][:3] == [
        "Assessment 1/1",
        "Treatment 1/9",
        "Treatment 2/9",
    ]
    info = session_info(oslo.store, detail.sessions[1].id)
    assert (info.label, info.later_booked, info.plan_regions) == (
        "Treatment 1/9",
        10,
        ("neck", "shoulders", "lower-back"),
    )
    assert later_booked_ids(oslo.store, detail.sessions[-2].id) == [detail.sessions[-1].id]


def test_next_free_start_finds_where_the_whole_plan_fits(oslo: Clinic) -> None:
    book(oslo.store, fibro(oslo, oslo.kari), now=FROZEN_NOW)
    req = fibro(oslo, oslo.nina)
    assert not preview(oslo.store, req).proposal.bookable
    start = next_free_start(oslo.store, req)
    assert start is not None and start > datetime(2026, 9, 15, 10, 0)
    assert preview(oslo.store, PlanRequest(**{**req.__dict__, "start": start})).proposal.bookable


def test_the_directory_lists_what_dialogs_choose_from(oslo: Clinic) -> None:
    d = clinic_directory(oslo.store)
    assert [loc.name for loc in d.locations] == ["Oslo sentrum"]
    assert [p.name for p in d.practitioners_at(oslo.location)] == ["Ingrid Berg", "Per Lie"]
    assert [r.name for r in d.rooms_at(oslo.location)] == ["Room 1"]
    assert d.templates[0].name == "Fibromyalgia acupuncture" and d.templates[0].needling
    assert not is_empty(oslo.store)
