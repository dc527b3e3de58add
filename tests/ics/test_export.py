"""Exporting plans as .ics: golden files, three parsers, privacy, updates, atomic files."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from sqlalchemy import select, update

from planner.db.models import Appointment
from planner.db.store import Store
from planner.errors import BadInput, ExportFailed, NotFound
from planner.ics import render
from planner.ics.model import PatientLabel, Profile, Shape
from planner.services import clinic
from planner.services.booking.edits import cancel, cancel_rest, move
from planner.services.booking.plans import PlanRequest, book
from planner.services.calendar_export import export_calendar
from planner.services.clinic_settings import get_settings, set_setting
from planner.services.export_scope import Scope

from ..conftest import FROZEN_NOW, Clinic
from .conftest import (
    CANCEL_REASON,
    DIAGNOSIS,
    MOVED_AT,
    PATIENT_NOTES,
    PLAN_NOTES,
    Scenario,
    booked_instants,
    fix_uids,
    golden,
)
from .helpers import PARSERS, expand_ical, rename_tzids, strict_check, vevents

EXPORT_AT = datetime(2026, 9, 4, 8, 0)


def export(sc: Scenario, profile: Profile, shape: Shape, **kw: Any) -> bytes:
    res = export_calendar(
        sc.clinic.store, Scope.plan(sc.plan_id), profile=profile, shape=shape, now=EXPORT_AT, **kw
    )
    assert res.data is not None
    return res.data


# -- golden files and parse-back --------------------------------------------------------------


@pytest.mark.parametrize("shape", list(Shape))
@pytest.mark.parametrize("profile", list(Profile))
def test_golden_file_per_profile_and_shape(
    scenario: Scenario, profile: Profile, shape: Shape
) -> None:
    """The exact bytes of each profile and shape are pinned (fixed DTSTAMP, fixed UIDs)."""
    data = export(scenario, profile, shape)
    strict_check(data)
    golden(f"golden_{profile.value}_profile_{shape.value}_shape.ics", data)


@pytest.mark.parametrize("shape", list(Shape))
@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_both_shapes_expand_to_exactly_the_booked_sessions(
    scenario: Scenario, shape: Shape, parser: str
) -> None:
    """Across the end of summer time, with one session moved to another day and one cancelled,
    each parser sees exactly the 11 booked sessions at their UTC instants; also when the
    TZIDs are renamed so that the parser must use the file's VTIMEZONE."""
    expected = booked_instants(scenario.clinic.store, scenario.plan_id)
    assert len(expected) == 11
    assert (datetime(2026, 10, 29, 13, 0), datetime(2026, 10, 29, 13, 30)) in expected
    assert (datetime(2026, 10, 6, 8, 0), datetime(2026, 10, 6, 8, 30)) not in expected
    data = export(scenario, Profile.PATIENT, shape)
    assert PARSERS[parser](data) == expected
    assert PARSERS[parser](rename_tzids(data)) == expected


def test_series_shape_is_a_real_series(scenario: Scenario) -> None:
    """One RRULE for the nine treatments, the cancelled one an EXDATE, the moved one an
    override whose RECURRENCE-ID is its original start in the series' zone."""
    data = export(scenario, Profile.PATIENT, Shape.SERIES)
    evs = vevents(data)
    masters = [e for e in evs if "RRULE" in e]
    assert len(masters) == 1
    m = masters[0]
    assert m["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=9"
    assert m.decoded("DTSTART") == datetime(2026, 9, 22, 10, 0, tzinfo=m.decoded("DTSTART").tzinfo)
    assert str(m.decoded("DTSTART").tzinfo) == "Europe/Oslo"
    assert [d.dt.replace(tzinfo=None) for d in m["EXDATE"].dts] == [datetime(2026, 10, 6, 10, 0)]
    overrides = [e for e in evs if "RECURRENCE-ID" in e]
    assert len(overrides) == 1
    ov = overrides[0]
    assert ov["UID"] == m["UID"]
    assert b"RECURRENCE-ID;TZID=Europe/Oslo:20261027T100000" in data
    assert ov.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 10, 29, 14, 0)
    singles = [e for e in evs if "RRULE" not in e and "RECURRENCE-ID" not in e]
    assert sorted(str(e["SUMMARY"]).split(" - ")[1] for e in singles) == [
        "assessment",
        "follow-up",
        "reassessment",
    ]


def test_sessions_shape_keeps_cancelled_sessions_as_cancelled(scenario: Scenario) -> None:
    data = export(scenario, Profile.PATIENT, Shape.SESSIONS)
    evs = {str(e["UID"]): e for e in vevents(data)}
    assert len(evs) == 12
    gone = evs["a-04@planner.test"]
    assert gone["STATUS"] == "CANCELLED" and gone["TRANSP"] == "TRANSPARENT"
    assert gone["SEQUENCE"] == 1 and str(gone["SUMMARY"]).startswith("Cancelled: ")
    assert not gone.walk("VALARM"), "no reminder for a cancelled session"
    live = evs["a-05@planner.test"]
    assert live["STATUS"] == "CONFIRMED"
    assert [a.decoded("TRIGGER") for a in live.walk("VALARM")] == [
        -timedelta(hours=24),
        -timedelta(hours=2),
    ]


def test_patient_profile_reads_like_an_appointment(scenario: Scenario) -> None:
    data = export(scenario, Profile.PATIENT, Shape.SESSIONS)
    ev = {str(e["UID"]): e for e in vevents(data)}["a-05@planner.test"]
    assert str(ev["SUMMARY"]) == "Acupuncture - session 3 of 8 - Oslo sentrum"
    assert str(ev["LOCATION"]) == "Oslo sentrum, Storgata 1, 0155 Oslo"
    text = str(ev["DESCRIPTION"])
    assert "mild soreness or a small bruise" in text
    assert "fever or the pain increases, call Oslo sentrum on +47 22 00 00 00" in text
    assert "CLASS" not in ev


def test_patient_profile_reveals_no_health_data_and_no_other_patient(scenario: Scenario) -> None:
    """Grep the bytes of both shapes (unfolded and unescaped) for what must never leave."""
    forbidden = [
        DIAGNOSIS,  # the template's name is a diagnosis
        PLAN_NOTES,
        PATIENT_NOTES,
        CANCEL_REASON,
        "nticoagulant",  # the screening flag, as code or label
        "screening",
        "Ola",  # the patient's own name is not needed either
        "Hansen",
        "C-1042",
        "Kari",  # another patient of the same practitioner
        "Nordmann",
        "Dry needling",
        "Neck",  # target regions
        "neck",
        "houlder",
        "ower back",
        "ower-back",
        "Room 1",
        "900 00",  # patients' phone numbers
    ]
    for shape in Shape:
        data = export(scenario, Profile.PATIENT, shape)
        plain = data.replace(b"\r\n ", b"").decode()
        plain = plain.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n")
        for word in forbidden:
            assert word not in plain, (shape, word)
        # "fever" is in the after-care advice, and only there.
        assert plain.count("fever") == plain.count("If you get a fever") > 0


def test_practitioner_profile_shows_initials_regions_room_and_number(scenario: Scenario) -> None:
    data = export(scenario, Profile.PRACTITIONER, Shape.SESSIONS)
    ev = {str(e["UID"]): e for e in vevents(data)}["a-05@planner.test"]
    assert str(ev["SUMMARY"]) == "O.H. - acupuncture treatment 3/8"
    text = str(ev["DESCRIPTION"])
    assert "Target regions: Neck, Shoulder (both), Lower back" in text
    assert "Room: Room 1" in text and "treatment 3 of 8" in text
    assert ev["CLASS"] == "CONFIDENTIAL"
    plain = data.replace(b"\r\n ", b"").decode()
    for word in ("Hansen", "anticoagulant", PLAN_NOTES, PATIENT_NOTES, DIAGNOSIS):
        assert word.lower() not in plain.lower(), word
    by_chart = export(
        scenario, Profile.PRACTITIONER, Shape.SESSIONS, patient_label=PatientLabel.CHART
    )
    ev = {str(e["UID"]): e for e in vevents(by_chart)}["a-05@planner.test"]
    assert str(ev["SUMMARY"]) == "chart C-1042 - acupuncture treatment 3/8"


def test_full_profile_holds_everything_and_says_so(scenario: Scenario) -> None:
    res = export_calendar(
        scenario.clinic.store, Scope.plan(scenario.plan_id), profile=Profile.FULL, now=EXPORT_AT
    )
    assert res.data is not None
    plain = res.data.replace(b"\r\n ", b"").decode().replace("\\,", ",").replace("\\;", ";")
    for word in ("Ola Hansen", "Takes anticoagulants", PLAN_NOTES, PATIENT_NOTES, CANCEL_REASON):
        assert word in plain, word
    assert "health data" in res.warnings[0]


# -- updates that update ----------------------------------------------------------------------


def test_re_export_after_a_second_move_keeps_uids_and_raises_the_sequence(
    scenario: Scenario,
) -> None:
    store = scenario.clinic.store
    for shape in Shape:
        before = {
            (str(e["UID"]), e.get("RECURRENCE-ID") and e.decoded("RECURRENCE-ID")): e
            for e in vevents(export(scenario, Profile.PATIENT, shape))
        }
        move(store, scenario.moved_id, "2026-10-30T09:00", now=MOVED_AT + timedelta(days=1))
        after = {
            (str(e["UID"]), e.get("RECURRENCE-ID") and e.decoded("RECURRENCE-ID")): e
            for e in vevents(export(scenario, Profile.PATIENT, shape))
        }
        assert set(before) == set(after), "every UID (and RECURRENCE-ID) stays"
        changed = {k for k in after if after[k].decoded("DTSTART") != before[k].decoded("DTSTART")}
        assert len(changed) == 1
        (key,) = changed
        assert after[key]["SEQUENCE"] > before[key]["SEQUENCE"]
        assert after[key].decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 10, 30, 9, 0)
        if shape is Shape.SESSIONS:
            assert key[0] == "a-07@planner.test" and after[key]["SEQUENCE"] == 2
            unchanged = [k for k in after if k != key]
            assert all(after[k]["SEQUENCE"] == before[k]["SEQUENCE"] for k in unchanged)
        else:
            assert key[1].replace(tzinfo=None) == datetime(2026, 10, 27, 10, 0)
        assert expand_ical(export(scenario, Profile.PATIENT, shape)) == booked_instants(
            store, scenario.plan_id
        )
        move(store, scenario.moved_id, "2026-10-29T14:00", now=MOVED_AT + timedelta(days=2))


def test_a_cancelled_plan_is_a_method_cancel_file(scenario: Scenario) -> None:
    store = scenario.clinic.store
    cancel_rest(store, scenario.plan_id, now=datetime(2026, 10, 1, 12, 0))
    res = export_calendar(store, Scope.plan(scenario.plan_id), now=EXPORT_AT)
    assert res.method == "CANCEL" and res.data is not None
    assert any("ORGANIZER" in w for w in res.warnings)
    set_setting(store, "clinic_email", "desk@clinic.example")
    for shape in Shape:
        res = export_calendar(store, Scope.plan(scenario.plan_id), shape=shape, now=EXPORT_AT)
        assert res.data is not None and not res.warnings
        cal = icalendar.Calendar.from_ical(res.data)
        assert cal["METHOD"] == "CANCEL"
        evs = list(cal.walk("VEVENT"))
        assert evs and all(e["STATUS"] == "CANCELLED" for e in evs)
        assert all(str(e["ORGANIZER"]) == "mailto:desk@clinic.example" for e in evs)
        assert expand_ical(res.data) == [], "nothing left to show"
        strict_check(res.data)
        if shape is Shape.SESSIONS:
            # 6 Oct onwards: the earlier cancellation, 7 treatments, reassessment, follow-up
            assert len(evs) == 9
            assert "a-01@planner.test" not in {str(e["UID"]) for e in evs}
            golden("golden_cancelled_plan_method_cancel.ics", res.data)
        else:
            rid = [e for e in evs if "RECURRENCE-ID" in e]
            assert len(rid) == 7  # the series lives on for its first two (attended) weeks


# -- scopes, options, errors ------------------------------------------------------------------


def test_patient_scope_is_future_sessions_only(scenario: Scenario) -> None:
    c = scenario.clinic
    later = datetime(2026, 10, 20, 12, 0)
    res = export_calendar(c.store, Scope.patient(c.ola), now=later)
    assert res.data is not None
    starts = sorted(e.decoded("DTSTART").replace(tzinfo=None) for e in vevents(res.data))
    assert starts[0] == datetime(2026, 10, 29, 14, 0)
    assert len(starts) == 6
    series = export_calendar(c.store, Scope.patient(c.ola), shape=Shape.SERIES, now=later)
    assert series.data is not None
    # The series is exported whole (its UID and DTSTART must not change from export to export).
    assert len(expand_ical(series.data)) == 10


def test_location_and_everything_scopes_over_a_date_range(scenario: Scenario) -> None:
    c = scenario.clinic
    res = export_calendar(
        c.store, Scope.location(c.location, date(2026, 9, 14), date(2026, 9, 20)), now=EXPORT_AT
    )
    assert res.data is not None
    summaries = sorted(str(e["SUMMARY"]) for e in vevents(res.data))
    assert summaries == ["K.N. - dry needling treatment 1/6", "O.H. - acupuncture assessment"]
    whole = export_calendar(
        c.store, Scope.everything(date(2026, 9, 14), date(2026, 9, 20)), now=EXPORT_AT
    )
    assert whole.data is not None and len(vevents(whole.data)) == 2
    with pytest.raises(NotFound, match="has no sessions from 2030-01-01"):
        export_calendar(
            c.store, Scope.location(c.location, date(2030, 1, 1), date(2030, 1, 31)), now=EXPORT_AT
        )
    with pytest.raises(BadInput, match="ends before it starts"):
        export_calendar(c.store, Scope.location(c.location, date(2026, 9, 20), date(2026, 9, 14)))
    with pytest.raises(BadInput, match="date range"):
        export_calendar(c.store, Scope(Scope.plan(1).kind, 1, date(2026, 9, 1)))
    with pytest.raises(NotFound, match="no plan with id 99"):
        export_calendar(c.store, Scope.plan(99))
    with pytest.raises(NotFound, match="no practitioner with id 99"):
        export_calendar(c.store, Scope.practitioner(99))


def test_alarms_are_configurable(scenario: Scenario) -> None:
    data = export(scenario, Profile.PATIENT, Shape.SESSIONS, alarms=[timedelta(minutes=30)])
    triggers = {a.decoded("TRIGGER") for e in vevents(data) for a in e.walk("VALARM")}
    assert triggers == {-timedelta(minutes=30)}
    none = export(scenario, Profile.PATIENT, Shape.SESSIONS, alarms=[])
    assert b"VALARM" not in none
    assert b"VALARM" not in export(scenario, Profile.PRACTITIONER, Shape.SESSIONS)


def test_clinic_name_setting_and_missing_phone(scenario: Scenario) -> None:
    c = scenario.clinic
    set_setting(c.store, "clinic_name", "Nordlys Klinikk")
    with c.store.write() as s:
        from planner.db.models import Location

        location = s.get(Location, c.location)
        assert location is not None
        location.phone = ""
    res = export_calendar(c.store, Scope.plan(scenario.plan_id), now=EXPORT_AT)
    assert res.data is not None
    ev = vevents(res.data)[1]
    assert str(ev["SUMMARY"]) == "Acupuncture - session 1 of 8 - Nordlys Klinikk"
    assert "call Nordlys Klinikk." in str(ev["DESCRIPTION"])
    assert any("no phone number" in w for w in res.warnings)
    set_setting(c.store, "clinic_phone", "+47 99 99 99 99")
    assert get_settings(c.store) == {
        "clinic_name": "Nordlys Klinikk",
        "clinic_phone": "+47 99 99 99 99",
    }
    res = export_calendar(c.store, Scope.plan(scenario.plan_id), now=EXPORT_AT)
    assert res.data is not None and not res.warnings
    assert "+47 99 99 99 99" in str(vevents(res.data)[1]["DESCRIPTION"])
    with pytest.raises(BadInput, match="unknown setting"):
        set_setting(c.store, "colour", "red")


# -- daylight saving time in several zones -------------------------------------------------------


ZONES = [
    # zone, country, subdivision, first session (local), the DST change it crosses
    ("Europe/Oslo", "NO", None, "2026-03-10T10:00", date(2026, 3, 29)),
    ("America/New_York", "US", "NY", "2026-10-13T10:00", date(2026, 11, 1)),
    ("Australia/Sydney", "AU", "NSW", "2026-09-15T10:00", date(2026, 10, 4)),
]


@pytest.mark.parametrize(("tz", "country", "subdiv", "start", "change"), ZONES)
def test_plans_crossing_dst_keep_wall_clock_time_in_every_parser(
    store: Store, tz: str, country: str, subdiv: str | None, start: str, change: date
) -> None:
    loc = clinic.add_location(
        store,
        f"Clinic {tz}",
        tz,
        country=country,
        subdivision=subdiv,
        address="Main St 1",
        phone="+1 555 0100",
        hours=["mon-fri 08:00-18:00"],
    )
    pr = clinic.add_practitioner(store, "Dana Lee", "acupuncturist", [loc.id])
    pa = clinic.add_patient(store, "Sam Roe")
    from planner.core.domain import Kind, Phase

    res = book(
        store,
        PlanRequest(
            patient_id=pa.id,
            practitioner_id=pr.id,
            start=start,
            modality="acupuncture",
            phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=6, per_week=2, weekdays=(1, 3)),),
            allow_past=True,  # Oslo's spring change (March 2026) lies before the tests' clock
        ),
        now=FROZEN_NOW,
    )
    fix_uids(store, res.plan_id, "dst")
    rows = booking_rows(store, res.plan_id)
    assert len(rows) == 12
    before = {a.hour for a, _ in rows if a.date() < change}
    after = {a.hour for a, _ in rows if a.date() > change}
    assert len(before) == 1 and len(after) == 1 and before != after, "the plan crosses DST"
    move(
        store,
        res.appointments[7]["id"],
        res.appointments[7]["local_start"][:11] + "15:00",
        now=MOVED_AT,
        allow_past=True,  # Oslo's plan is in spring 2026, before the tests' clock
    )
    cancel(store, res.appointments[2]["id"], now=MOVED_AT)
    expected = booked_instants(store, res.plan_id)
    assert len(expected) == 11
    for shape in Shape:
        data = export_calendar(store, Scope.plan(res.plan_id), shape=shape, now=EXPORT_AT).data
        assert data is not None
        strict_check(data)
        assert f"TZID={tz}:".encode() in data
        if shape is Shape.SERIES:
            assert b"RRULE:FREQ=WEEKLY;COUNT=12;BYDAY=" in data
        for name, parse in PARSERS.items():
            assert parse(data) == expected, (shape, name)
            assert parse(rename_tzids(data)) == expected, (shape, name, "VTIMEZONE")


def booking_rows(store: Store, plan_id: int) -> list[tuple[datetime, datetime]]:
    with store.read() as s:
        return [
            (start, end)
            for start, end in s.execute(
                select(Appointment.start_utc, Appointment.end_utc)
                .where(Appointment.plan_id == plan_id)
                .order_by(Appointment.start_utc)
            ).all()
        ]


def test_every_other_week_on_two_weekdays_becomes_one_series_per_weekday(oslo: Clinic) -> None:
    """With INTERVAL=2 and two weekdays, which weeks count depends on WKST, which clients
    read differently; one series per weekday makes WKST irrelevant."""
    from planner.core.domain import Kind, Phase

    req = PlanRequest(
        patient_id=oslo.kari,
        practitioner_id=oslo.practitioner,
        start="2026-09-14T09:00",
        modality="physiotherapy",
        phases=(
            Phase(
                Kind.TREATMENT, duration_min=30, weeks=4, per_week=2, weekdays=(0, 3), every_weeks=2
            ),
        ),
    )
    res = book(oslo.store, req, now=FROZEN_NOW)
    data = export_calendar(
        oslo.store, Scope.plan(res.plan_id), shape=Shape.SERIES, now=EXPORT_AT
    ).data
    assert data is not None
    rules = re.findall(rb"RRULE:(FREQ=WEEKLY[^\r]*)", data)
    assert sorted(rules) == [b"FREQ=WEEKLY;COUNT=4;INTERVAL=2"] * 2
    assert b"WKST" not in data
    expected = booked_instants(oslo.store, res.plan_id)
    assert len(expected) == 8
    for parse in PARSERS.values():
        assert parse(data) == expected


# -- files ------------------------------------------------------------------------------------


def test_export_replaces_a_file_atomically_and_a_failure_leaves_the_old_one(
    scenario: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = scenario.clinic.store
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    out = tmp_path / "ola.ics"
    out.write_bytes(b"the old calendar")
    out.chmod(0o640)
    calls = {"n": 0}
    real = render.serialise

    def failing(events: list[icalendar.Event]) -> bytes:  # fails while writing the third event
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real(events)

    monkeypatch.setattr(render, "serialise", failing)
    with pytest.raises(OSError, match="No space"):
        export_calendar(store, Scope.plan(scenario.plan_id), out=out, now=EXPORT_AT)
    assert out.read_bytes() == b"the old calendar"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ola.ics"], "temporary file removed"
    monkeypatch.setattr(render, "serialise", real)

    def no_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", no_fsync)
    with pytest.raises(ExportFailed, match="the old file was left as it was"):
        export_calendar(store, Scope.plan(scenario.plan_id), out=out, now=EXPORT_AT)
    assert out.read_bytes() == b"the old calendar"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ola.ics"]
    monkeypatch.undo()
    export_calendar(store, Scope.plan(scenario.plan_id), out=out, now=EXPORT_AT)
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert out.stat().st_mode & 0o777 == 0o640, "an existing file keeps its permissions"
    new = tmp_path / "new.ics"
    export_calendar(store, Scope.plan(scenario.plan_id), out=new, now=EXPORT_AT)
    assert new.stat().st_mode & 0o777 == 0o600, "a new export is readable by its owner only"


def test_export_into_a_missing_folder_is_bad_input(scenario: Scenario, tmp_path: Path) -> None:
    with pytest.raises(ExportFailed, match="does not exist"):
        export_calendar(
            scenario.clinic.store, Scope.plan(scenario.plan_id), out=tmp_path / "no" / "x.ics"
        )


def test_uids_are_stable_across_the_two_shapes_for_single_sessions(scenario: Scenario) -> None:
    sessions = {str(e["UID"]) for e in vevents(export(scenario, Profile.PATIENT, Shape.SESSIONS))}
    series = {str(e["UID"]) for e in vevents(export(scenario, Profile.PATIENT, Shape.SERIES))}
    assert {"a-01@planner.test", "a-11@planner.test", "a-12@planner.test"} <= sessions & series
    with scenario.clinic.store.write() as s:
        s.execute(update(Appointment).where(Appointment.id == scenario.moved_id).values(notes="x"))
    again = {str(e["UID"]) for e in vevents(export(scenario, Profile.PATIENT, Shape.SERIES))}
    assert again == series, "series UIDs derive from the plan, not from the export"
