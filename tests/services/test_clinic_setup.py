"""The clinic's set-up: one read for the dialog, edits in one transaction, refusals that say
what to fix and change nothing (a dump of every table before and after)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from planner.db.models import Base
from planner.db.store import Store
from planner.errors import BadInput, NotFound
from planner.services import clinic
from planner.services.booking.plans import PlanRequest, book
from planner.services.clinic_checks import suggest_zone
from planner.services.clinic_settings import clinic_details, set_clinic_details
from planner.services.clinic_setup import (
    closure_hits,
    closures,
    edit_location,
    edit_practitioner,
    edit_room,
    remove_closure,
    remove_room,
    setup_overview,
)
from planner.services.listings import plans

from ..conftest import Clinic


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove a refusal changed nothing."""
    with store.read() as s:
        return {
            t.name: sorted(tuple(r) for r in s.execute(select(t)).all())
            for t in Base.metadata.sorted_tables
        }


def book_fibro(c: Clinic, start: str = "2027-03-02T10:00", patient: int | None = None) -> int:
    """Ingrid's fibromyalgia plan for Kari from a Tuesday well ahead: its plan id."""
    req = PlanRequest(
        patient_id=patient or c.kari,
        practitioner_id=c.practitioner,
        start=start,
        template="Fibromyalgia acupuncture",
        room_id=c.room,
    )
    return book(c.store, req).plan_id


# -- the overview -------------------------------------------------------------------------------


def test_overview_holds_the_whole_set_up_as_plain_values(oslo: Clinic) -> None:
    set_clinic_details(oslo.store, name="Nordlys Klinikk", phone="+47 22 40 00 00")
    clinic.add_closure(oslo.store, oslo.location, date(2027, 5, 17), reason="National day")
    ov = setup_overview(oslo.store)
    assert ov.clinic.name == "Nordlys Klinikk" and ov.clinic.phone == "+47 22 40 00 00"
    assert ov.clinic.email == "" and ov.clinic.address == ""
    (loc,) = ov.locations
    assert (loc.name, loc.tz, loc.country, loc.hours) == (
        "Oslo sentrum",
        "Europe/Oslo",
        "NO",
        "mon-fri 08:00-18:00",
    )
    assert loc.hours_json["0"] == [["08:00", "18:00"]] and "5" not in loc.hours_json
    assert [r.name for r in loc.rooms] == ["Room 1"]
    ingrid, per = ov.practitioners
    assert (ingrid.name, ingrid.profession, ingrid.may_needle) == (
        "Ingrid Berg",
        "acupuncturist",
        True,
    )
    assert per.may_needle is False
    assert [(w.location_name, w.hours) for w in per.workplaces] == [
        ("Oslo sentrum", "mon,wed 08:00-16:00")
    ]
    (closed,) = ov.closures
    assert (closed.location_name, closed.days, closed.reason, closed.hits) == (
        "Oslo sentrum",
        "Mon 17 May 2027",
        "National day",
        0,
    )
    massage = [p for p in ov.professions if p.value == "massage-therapist"]
    assert massage and not massage[0].may_be_licensed_to_needle
    data = ov.to_json()
    assert data["closures"][0]["first"] == "2027-05-17"
    assert data["locations"][0]["rooms"][0]["name"] == "Room 1"


def test_closure_hits_name_the_booked_sessions_on_its_days(oslo: Clinic) -> None:
    book_fibro(oslo)
    res = clinic.add_closure(
        oslo.store, oslo.location, date(2027, 3, 15), date(2027, 3, 19), "staff course"
    )
    hits = closure_hits(oslo.store, res.closure.id)
    assert [(h.start_local, h.patient, h.practitioner, h.kind) for h in hits] == [
        (datetime(2027, 3, 16, 10, 0), "Kari Nordmann", "Ingrid Berg", "treatment")
    ]
    assert hits[0].kind_label == "Treatment" and hits[0].minutes == 30
    (info,) = closures(oslo.store, oslo.location)
    assert info.hits == 1
    with pytest.raises(NotFound):
        closure_hits(oslo.store, 999)


# -- clinic details ---------------------------------------------------------------------------


def test_clinic_details_none_keeps_and_empty_clears(store: Store) -> None:
    set_clinic_details(
        store, name="Nordlys Klinikk", email="post@nordlys.example", address="Kirkeveien 64"
    )
    after = set_clinic_details(store, email="", phone="+47 22 40 00 00")
    assert after == clinic_details(store)
    assert (after.name, after.phone, after.email, after.address) == (
        "Nordlys Klinikk",
        "+47 22 40 00 00",
        "",
        "Kirkeveien 64",
    )


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"email": "post at nordlys"}, "does not look like an e-mail address"),
        ({"phone": "call us"}, "does not look like a phone number"),
        ({"name": "x" * 201}, "too long"),
    ],
)
def test_bad_clinic_details_change_nothing(store: Store, bad: dict[str, str], message: str) -> None:
    set_clinic_details(store, name="Nordlys Klinikk")
    before = dump(store)
    with pytest.raises(BadInput, match=message):
        set_clinic_details(store, address="Kirkeveien 64", **bad)
    assert dump(store) == before


# -- edits that work ----------------------------------------------------------------------------


def test_edit_location_changes_only_what_is_given(oslo: Clinic) -> None:
    loc = edit_location(
        oslo.store,
        oslo.location,
        name="Oslo Majorstuen",
        hours="mon-fri 07:30-18:00; sat 09:00-13:00",
        phone="",
    )
    assert loc.name == "Oslo Majorstuen" and loc.phone == "" and loc.tz == "Europe/Oslo"
    assert loc.address == "Storgata 1, 0155 Oslo" and loc.country == "NO"
    assert loc.hours == "mon-fri 07:30-18:00; sat 09:00-13:00"
    assert setup_overview(oslo.store).practitioners[0].workplaces[0].location_name == (
        "Oslo Majorstuen"
    )


def test_edit_location_country_drops_the_old_subdivision_and_reads_any_case(
    oslo: Clinic,
) -> None:
    loc = edit_location(oslo.store, oslo.location, country="us", subdivision="ny")
    assert (loc.country, loc.subdivision) == ("US", "NY")
    loc = edit_location(oslo.store, oslo.location, country="NO")
    assert (loc.country, loc.subdivision) == ("NO", None)
    loc = edit_location(oslo.store, oslo.location, country="")
    assert (loc.country, loc.subdivision) == (None, None)


def test_edit_practitioner_replaces_workplaces_with_days_off(oslo: Clinic) -> None:
    second = clinic.add_location(oslo.store, "Bergen", "Europe/Oslo", country="NO")
    p = edit_practitioner(
        oslo.store,
        oslo.physio,
        name="Per Lie Hansen",
        may_needle=True,
        email="per@nordlys.example",
        workplaces={oslo.location: "tue,thu 08:00-16:00", second.id: ["fri 09:00-15:00"]},
    )
    assert p.name == "Per Lie Hansen" and p.may_needle and p.email == "per@nordlys.example"
    assert [(w.location_name, w.hours) for w in p.workplaces] == [
        ("Oslo sentrum", "tue,thu 08:00-16:00"),
        ("Bergen", "fri 09:00-15:00"),
    ]
    p = edit_practitioner(oslo.store, oslo.physio, workplaces={second.id: "mon-fri 08:00-12:00"})
    assert [w.location_name for w in p.workplaces] == ["Bergen"]


def test_add_practitioner_takes_hours_per_location(oslo: Clinic) -> None:
    second = clinic.add_location(oslo.store, "Bergen", "Europe/Oslo")
    p = clinic.add_practitioner(
        oslo.store,
        "Kari Nordmann",
        "physiotherapist",
        workplaces={oslo.location: "mon-wed 08:00-16:00", second.id: "thu 08:00-16:00"},
    )
    (info,) = [x for x in setup_overview(oslo.store).practitioners if x.id == p.id]
    assert [w.hours for w in info.workplaces] == ["mon-wed 08:00-16:00", "thu 08:00-16:00"]


def test_rename_and_remove_rooms_and_closures(oslo: Clinic) -> None:
    spare = clinic.add_room(oslo.store, oslo.location, "Room 2")
    assert edit_room(oslo.store, spare.id, name="Blue room").name == "Blue room"
    assert remove_room(oslo.store, spare.id).name == "Blue room"
    res = clinic.add_closure(oslo.store, oslo.location, date(2027, 5, 17), reason="National day")
    removed = remove_closure(oslo.store, res.closure.id)
    assert removed.days == "Mon 17 May 2027"
    assert setup_overview(oslo.store).closures == ()
    assert [r.name for r in setup_overview(oslo.store).locations[0].rooms] == ["Room 1"]


def test_suggest_zone() -> None:
    assert suggest_zone("Oslo") == "Europe/Oslo"
    assert suggest_zone("new york") == "America/New_York"
    assert suggest_zone("europe/olso") == "Europe/Oslo"
    assert suggest_zone("Mars/Olympus_Mons") is None


# -- refusals: one line that says what to fix, nothing changed ----------------------------------


def _refusals(c: Clinic) -> list[tuple[Callable[[], Any], str]]:
    s, loc = c.store, c.location
    return [
        (
            lambda: edit_practitioner(s, c.practitioner, workplaces={loc: "tue 07:00-15:00"}),
            "Ingrid Berg's Tuesday 07:00-15:00 starts before Oslo sentrum opens (08:00); "
            "change the hours or the location's opening hours",
        ),
        (
            lambda: edit_practitioner(s, c.practitioner, workplaces={loc: "mon 12:00-19:00"}),
            "Ingrid Berg's Monday 12:00-19:00 ends after Oslo sentrum closes (18:00)",
        ),
        (
            lambda: edit_practitioner(s, c.practitioner, workplaces={loc: "sat 09:00-13:00"}),
            "Ingrid Berg's Saturday 09:00-13:00 falls on a day Oslo sentrum is closed",
        ),
        (
            lambda: edit_practitioner(s, c.practitioner, workplaces={}),
            "Ingrid Berg needs a workplace",
        ),
        (
            lambda: edit_practitioner(s, c.physio, profession="massage-therapist", may_needle=True),
            "Per Lie cannot be allowed to needle as a massage therapist",
        ),
        (
            lambda: edit_practitioner(s, c.practitioner, email="ingrid at clinic"),
            "does not look like an e-mail address",
        ),
        (
            lambda: edit_location(s, loc, hours="mon-fri 09:00-18:00"),
            "with these opening hours, Ingrid Berg's Monday 08:00-16:00 starts before "
            "Oslo sentrum opens (09:00); change Ingrid Berg's hours first",
        ),
        (
            lambda: edit_location(s, loc, hours="mon-fri 08:00-12:00 12:30-18:00"),
            "runs through Oslo sentrum's break (12:00-12:30)",
        ),
        (lambda: edit_location(s, loc, tz="Oslo"), "did you mean Europe/Oslo?"),
        (lambda: edit_location(s, loc, tz="Mars/Olympus_Mons"), "unknown time zone"),
        (lambda: edit_location(s, loc, country="XX"), "no public-holiday calendar for country"),
        (lambda: edit_location(s, loc, subdivision="ZZ"), "'ZZ' is not a subdivision of NO"),
        (lambda: edit_location(s, loc, name=""), "the location needs a name"),
        (
            lambda: clinic.add_location(s, "OSLO SENTRUM", "Europe/Oslo"),
            "a location called 'Oslo sentrum' exists already",
        ),
        (
            lambda: clinic.add_location(s, "Bergen", "stockholm"),
            "unknown time zone 'stockholm'; did you mean Europe/Stockholm?",
        ),
        (
            lambda: clinic.add_location(s, "Bergen", "Europe/Oslo", country="NO", subdivision="X"),
            "'X' is not a subdivision of NO",
        ),
        (lambda: clinic.add_room(s, loc, "room 1"), "Oslo sentrum has a room called 'Room 1'"),
        (
            lambda: clinic.add_practitioner(s, "Ola", "massage-therapist", [loc], may_needle=True),
            "Ola cannot be allowed to needle",
        ),
        (
            lambda: clinic.add_practitioner(s, "Ola", "physiotherapist", [loc], hours="sun 10-12"),
            "Ola's hours",
        ),
        (
            lambda: clinic.add_practitioner(
                s, "Ola", "physiotherapist", [loc], hours="mon 06:00-12:00"
            ),
            "Ola's Monday 06:00-12:00 starts before Oslo sentrum opens (08:00)",
        ),
        (lambda: clinic.add_practitioner(s, "Ola", "physiotherapist", []), "Ola needs a workplace"),
        (
            lambda: clinic.add_closure(s, loc, date(2027, 5, 14), date(2027, 5, 18)),
            "Oslo sentrum is already closed Mon 17 May 2027 (National day); change the dates "
            "or remove that closure first",
        ),
        (lambda: edit_practitioner(s, 999, name="x"), "no practitioner with id 999"),
        (lambda: edit_location(s, 999, name="x"), "no location with id 999"),
        (lambda: edit_room(s, 999, name="x"), "no room with id 999"),
        (lambda: remove_closure(s, 999), "no closure with id 999"),
    ]


@pytest.mark.parametrize("case", range(26))
def test_each_refusal_says_what_to_fix_and_changes_nothing(oslo: Clinic, case: int) -> None:
    clinic.add_closure(oslo.store, oslo.location, date(2027, 5, 17), reason="National day")
    cases = _refusals(oslo)
    assert len(cases) == 26
    action, message = cases[case]
    before = dump(oslo.store)
    with pytest.raises((BadInput, NotFound)) as err:
        action()
    assert message in err.value.message
    assert "\n" not in err.value.message
    assert dump(oslo.store) == before


def test_refusals_that_protect_booked_sessions(oslo: Clinic) -> None:
    book_fibro(oslo)
    second = clinic.add_location(oslo.store, "Bergen", "Europe/Oslo")
    spare = clinic.add_room(oslo.store, oslo.location, "Room 2")
    before = dump(oslo.store)
    with pytest.raises(BadInput, match=r"Ingrid Berg has 12 booked sessions at Oslo sentrum "):
        edit_practitioner(oslo.store, oslo.practitioner, workplaces={second.id: "mon 08:00-12:00"})
    with pytest.raises(BadInput, match=r"time zone can change only when none are booked"):
        edit_location(oslo.store, oslo.location, tz="Europe/Stockholm")
    with pytest.raises(BadInput, match=r"Room 1 at Oslo sentrum has 12 booked sessions from"):
        remove_room(oslo.store, oslo.room)
    with pytest.raises(BadInput, match=r"a room called 'Room 2' already"):
        edit_room(oslo.store, oslo.room, name="room 2")
    assert dump(oslo.store) == before
    # The same zone again, or a free room, is fine.
    assert edit_location(oslo.store, oslo.location, tz="Europe/Oslo").tz == "Europe/Oslo"
    remove_room(oslo.store, spare.id)


# -- plans listing ------------------------------------------------------------------------------


def test_plans_listing_by_patient_and_status(oslo: Clinic) -> None:
    plan_id = book_fibro(oslo)
    listed = plans(oslo.store, patient_id=oslo.kari)
    assert [(p["id"], p["patient"], p["practitioner"], p["sessions"]) for p in listed] == [
        (plan_id, "Kari Nordmann", "Ingrid Berg", 12)
    ]
    assert listed[0]["next_session"] == "2027-03-02T10:00" and listed[0]["attended"] == 0
    assert plans(oslo.store, patient_id=oslo.nina) == []
    assert [p["id"] for p in plans(oslo.store, status="active")] == [plan_id]
    assert plans(oslo.store, status="done") == plans(oslo.store, status="cancelled") == []
    with pytest.raises(BadInput, match="use active, done or cancelled"):
        plans(oslo.store, status="finished")
    with pytest.raises(NotFound):
        plans(oslo.store, patient_id=999)
