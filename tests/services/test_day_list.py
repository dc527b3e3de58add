"""The day list: one practitioner's, room's or location's sessions of a local day."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from planner.core.domain import Kind, Phase
from planner.errors import BadInput, NotFound
from planner.services import clinic
from planner.services.booking.edits import cancel
from planner.services.booking.plans import PlanRequest, book
from planner.services.booking.scores import attend, no_show
from planner.services.clinic_settings import set_setting
from planner.services.day_list import (
    day_list,
    day_list_json,
    day_list_text,
    parse_day,
    region_words,
    table,
)

from ..conftest import FROZEN_NOW, Clinic

TUESDAY = date(2027, 3, 9)
"""The second week of the plans booked below (the first sessions are on 2 March 2027)."""
WEDNESDAY = date(2027, 3, 10)
AFTER = datetime(2027, 3, 9, 17, 0)
"""The clock (naive UTC) once that Tuesday's sessions are over."""


def _day(c: Clinic) -> dict[str, int]:
    """Three plans with Ingrid Berg from Tuesday 2 March 2027 and one with Per Lie; ids."""
    twin = clinic.add_patient(
        c.store, "Kari Nordmann", phone="+47 900 00 009", date_of_birth=date(1973, 5, 13)
    )
    lymph = clinic.add_patient(
        c.store, "Liv Berg", phone="+47 900 00 010", flags=["lymphoedema:arm-left"]
    )
    kari = book(
        c.store,
        PlanRequest(
            patient_id=c.kari,
            practitioner_id=c.practitioner,
            start="2027-03-02T10:00",
            template="Fibromyalgia acupuncture",
            room_id=c.room,
        ),
        now=FROZEN_NOW,
    )
    weekly = (Phase(Kind.TREATMENT, duration_min=30, weeks=4),)
    ola = book(
        c.store,
        PlanRequest(
            patient_id=c.ola,
            practitioner_id=c.practitioner,
            start="2027-03-02T09:00",
            phases=weekly,
            regions=["neck", "shoulder-left"],
            modality="acupuncture",
            acknowledge_flags=True,
        ),
        now=FROZEN_NOW,
    )
    twin_plan = book(
        c.store,
        PlanRequest(
            patient_id=twin.id,
            practitioner_id=c.practitioner,
            start="2027-03-02T13:30",
            phases=weekly,
            regions=["lower-back"],
            modality="acupuncture",
        ),
        now=FROZEN_NOW,
    )
    liv = book(
        c.store,
        PlanRequest(
            patient_id=lymph.id,
            practitioner_id=c.practitioner,
            start="2027-03-02T11:00",
            phases=weekly,
            regions=["knees"],
            modality="physiotherapy",
        ),
        now=FROZEN_NOW,
    )
    # Wednesdays in Room 1: Per Lie at 09:00, then Ingrid Berg at 10:00.
    per = book(
        c.store,
        PlanRequest(
            patient_id=c.nina,
            practitioner_id=c.physio,
            start="2027-03-03T09:00",
            phases=weekly,
            regions=["upper-back"],
            modality="physiotherapy",
            room_id=c.room,
        ),
        now=FROZEN_NOW,
    )
    book(
        c.store,
        PlanRequest(
            patient_id=c.nina,
            practitioner_id=c.practitioner,
            start="2027-03-03T10:00",
            phases=weekly,
            modality="physiotherapy",
            room_id=c.room,
        ),
        now=FROZEN_NOW,
    )
    ids = {
        "kari_t1": kari.appointments[1]["id"],  # Treatment 1 on 9 March
        "ola_1": ola.appointments[0]["id"],
        "ola_2": ola.appointments[1]["id"],
        "twin_2": twin_plan.appointments[1]["id"],
        "liv_2": liv.appointments[1]["id"],
        "twin": twin.id,
    }
    assert per.appointments, "Per Lie's plan is booked"
    return ids


def test_a_practitioners_day_in_time_order_with_numbering_flags_and_regions(
    oslo: Clinic,
) -> None:
    ids = _day(oslo)
    # Ola's first session was cancelled: the second becomes his first of three.
    cancel(oslo.store, ids["ola_1"], now=FROZEN_NOW)
    attend(oslo.store, ids["ola_2"], notes="Tolerated well, less neck pain", now=AFTER)
    no_show(oslo.store, ids["twin_2"], now=AFTER)
    cancel(oslo.store, ids["liv_2"], now=FROZEN_NOW)

    dl = day_list(oslo.store, TUESDAY, practitioner_id=oslo.practitioner, now=AFTER)
    assert (dl.scope, dl.subject, dl.day_text) == (
        "practitioner",
        "Ingrid Berg",
        "Tuesday 9 March 2027",
    )
    assert dl.detail == "Acupuncturist, Oslo sentrum"
    assert dl.clinic_name == "Oslo sentrum", "no clinic name set: the location's"
    assert dl.printed == datetime(2027, 3, 9, 18, 0), "printed at Oslo time, not UTC"
    assert dl.printed_text == "printed 9 March 2027 at 18:00"
    assert [(r.time_text, r.patient) for r in dl.rows] == [
        ("09:00–09:30", "Ola Hansen"),
        ("10:00–10:30", "Kari Nordmann"),
        ("13:30–14:00", "Kari Nordmann"),
    ]
    ola, kari, twin = dl.rows
    assert (ola.session_text, ola.status_text) == ("Treatment 1 of 3", "Attended")
    assert ola.flags == ("Takes anticoagulants",)
    assert ola.regions_text == "Neck, Left shoulder"
    assert ola.notes == "Tolerated well, less neck pain"
    assert ola.room == "", "Ola's plan has no room"
    assert (kari.session_text, kari.status_text) == ("Treatment 1 of 9", "")
    assert kari.regions_text == "Neck, Shoulders, Lower back"
    assert kari.room == "Room 1" and kari.flags == ()
    # Two patients of the same name are told apart by their date of birth and phone.
    assert (kari.born_text, kari.phone) == ("", "+47 900 00 001")
    assert (twin.born_text, twin.phone) == ("born 13 May 1973", "+47 900 00 009")
    assert (twin.session_text, twin.status_text) == ("Treatment 2 of 4", "No-show")
    # Liv's cancelled session is left out and counted; Per Lie's sessions are not hers.
    assert dl.cancelled == 1
    assert dl.summary == "3 sessions  ·  1 cancelled session not listed"

    titles, body = table(dl)
    assert titles == ("Time", "Patient", "Session", "Regions", "Flags", "Room", "Notes")
    assert body[0] == (
        ("09:00–09:30",),
        ("Ola Hansen", "+47 900 00 002"),
        ("Treatment 1 of 3", "Attended"),
        ("Neck, Left shoulder",),
        ("Takes anticoagulants",),
        ("No room",),
        ("Tolerated well, less neck pain",),
    )
    assert body[2][1] == ("Kari Nordmann", "born 13 May 1973", "+47 900 00 009")
    data = day_list_json(dl)
    assert data["cancelled"] == 1 and [s["start"] for s in data["sessions"]] == [
        "2027-03-09T09:00",
        "2027-03-09T10:00",
        "2027-03-09T13:30",
    ]
    assert data["sessions"][2]["date_of_birth"] == "1973-05-13"
    assert data["sessions"][0]["status"] == "attended"


def test_a_flag_names_its_regions_and_the_clinic_its_own_name(oslo: Clinic) -> None:
    _day(oslo)
    set_setting(oslo.store, "clinic_name", "Nål og Helse")
    dl = day_list(oslo.store, TUESDAY, practitioner_id=oslo.practitioner, now=AFTER)
    liv = next(r for r in dl.rows if r.patient == "Liv Berg")
    assert liv.flags == ("Lymphoedema (left arm)",)
    assert liv.regions_text == "Knees"
    assert dl.clinic_name == "Nål og Helse"
    assert "Lymphoedema (left arm)" in day_list_text(dl)


def test_a_room_and_a_location_list_name_the_practitioner(oslo: Clinic) -> None:
    _day(oslo)
    room = day_list(oslo.store, WEDNESDAY, room_id=oslo.room, now=AFTER)
    assert room.subject == "Room 1, Oslo sentrum"
    assert [(r.time_text, r.practitioner, r.session_text) for r in room.rows] == [
        ("09:00–09:30", "Per Lie", "Treatment 2 of 4"),
        ("10:00–10:30", "Ingrid Berg", "Treatment 2 of 4"),
    ]
    titles, body = table(room)
    assert titles[5] == "Practitioner" and body[0][5] == ("Per Lie",)
    assert body[1][3] == (), "a plan without target regions"

    where = day_list(oslo.store, TUESDAY, location_id=oslo.location, now=AFTER)
    assert where.subject == "Oslo sentrum" and where.detail == "Storgata 1, 0155 Oslo"
    assert [r.time_text[:5] for r in where.rows] == ["09:00", "10:00", "11:00", "13:30"]
    titles, body = table(where)
    assert titles[5] == "Room, practitioner"
    assert [cells[5] for cells in body[:2]] == [
        ("No room", "Ingrid Berg"),
        ("Room 1", "Ingrid Berg"),
    ]


def test_an_empty_day_prints_that_nothing_is_booked(oslo: Clinic) -> None:
    _day(oslo)
    dl = day_list(oslo.store, date(2027, 3, 13), practitioner_id=oslo.practitioner, now=AFTER)
    assert dl.rows == () and dl.cancelled == 0
    assert dl.summary == "No sessions booked"
    assert "No sessions booked." in day_list_text(dl)


def test_the_day_is_a_local_day(oslo: Clinic) -> None:
    """A session at 00:30 Oslo time belongs to its local day, though it is the day before
    in UTC (the index is scanned with a margin, then each start is kept by its local date)."""
    late = clinic.add_location(
        oslo.store, "Natt", "Europe/Oslo", hours=["mon-sun 00:00-24:00"], country="NO"
    )
    night = clinic.add_practitioner(
        oslo.store, "Nils Natt", "physiotherapist", [late.id], hours=["mon-sun 00:00-24:00"]
    )
    book(
        oslo.store,
        PlanRequest(
            patient_id=oslo.kari,
            practitioner_id=night.id,
            start="2027-03-10T00:30",
            phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=1),),
            modality="physiotherapy",
        ),
        now=FROZEN_NOW,
    )
    assert day_list(oslo.store, date(2027, 3, 9), practitioner_id=night.id).rows == ()
    (row,) = day_list(oslo.store, date(2027, 3, 10), practitioner_id=night.id).rows
    assert row.time_text == "00:30–01:00" and row.session_text == "Treatment"


def test_refusals(oslo: Clinic) -> None:
    with pytest.raises(
        NotFound, match="no practitioner with id 99; list them with 'planner practitioner list'"
    ):
        day_list(oslo.store, TUESDAY, practitioner_id=99)
    with pytest.raises(NotFound, match="planner room list"):
        day_list(oslo.store, TUESDAY, room_id=99)
    with pytest.raises(NotFound, match="planner location list"):
        day_list(oslo.store, TUESDAY, location_id=99)
    with pytest.raises(BadInput, match="exactly one"):
        day_list(oslo.store, TUESDAY)
    with pytest.raises(BadInput, match="exactly one"):
        day_list(oslo.store, TUESDAY, practitioner_id=oslo.practitioner, room_id=oslo.room)
    with pytest.raises(BadInput, match="outside the years 1900 to 2200"):
        day_list(oslo.store, date(3000, 1, 1), practitioner_id=oslo.practitioner)
    with pytest.raises(BadInput, match="outside the years"):
        day_list(oslo.store, date(1899, 12, 31), room_id=oslo.room)


def test_days_as_the_desk_types_them() -> None:
    today = date(2027, 2, 27)
    assert parse_day("15.12.2027", today) == date(2027, 12, 15)
    assert parse_day(" 5.3.2027 ", today) == date(2027, 3, 5)
    assert parse_day("2027-03-05", today) == date(2027, 3, 5)
    assert parse_day("Today", today) == today
    assert parse_day("tomorrow", today) == date(2027, 2, 28)
    with pytest.raises(BadInput, match="February 2027 has 28 days"):
        parse_day("29.02.2027", today)  # never rolled over into March
    with pytest.raises(BadInput, match="no month 13"):
        parse_day("01.13.2027", today)
    with pytest.raises(BadInput, match=r"write it as dd\.mm\.yyyy, e\.g\. 15\.12\.2026"):
        parse_day("next week", today)
    with pytest.raises(BadInput, match="outside the years"):
        parse_day("01.01.3001", today)
    with pytest.raises(BadInput):
        parse_day("2027-02-30", today)


def test_region_words() -> None:
    assert [region_words(c) for c in ("neck", "shoulders", "lower-back", "knee-left")] == [
        "Neck",
        "Shoulders",
        "Lower back",
        "Left knee",
    ]
    assert region_words("wrists-hands") == "Wrists and hands"
    assert region_words("elbow-right") == "Right elbow"
    assert region_words("tail") == "tail", "an unknown code is shown as stored"
