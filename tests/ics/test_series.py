"""The series shape: which sessions a rule covers, and what becomes EXDATE or an override."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from dateutil.rrule import rrulestr

from planner.core.domain import Kind, Phase
from planner.ics.model import Cadence, EventText, PhaseGroup, SessionEvent, Shape
from planner.ics.series import plan_series
from planner.services.booking.appointments import list_appointments
from planner.services.booking.edits import cancel
from planner.services.booking.plans import PlanRequest, book
from planner.services.calendar_export import export_calendar
from planner.services.export_scope import Scope

from ..conftest import FROZEN_NOW, Clinic
from .conftest import booked_instants
from .helpers import PARSERS, RawComponent, strict_check, vevents

TEXT = EventText("s", "d", "l")
T0 = datetime(2026, 9, 1, 12, 0)


def session(
    i: int,
    nominal: datetime,
    *,
    start: datetime | None = None,
    cancelled: bool = False,
    in_scope: bool = True,
    minutes: int = 30,
) -> SessionEvent:
    return SessionEvent(
        appointment_id=i,
        uid=f"u{i}",
        sequence=0,
        tz="Europe/Oslo",
        start_local=start or nominal,
        duration_min=minutes,
        original_start_local=nominal,
        cancelled=cancelled,
        created_utc=T0,
        modified_utc=T0,
        text=TEXT,
        in_scope=in_scope,
    )


def group(sessions: list[SessionEvent], cadence: Cadence | None) -> PhaseGroup:
    return PhaseGroup(1, 1, "seed@x", "Europe/Oslo", cadence, tuple(sessions), sequence=0)


WEEKLY_TUE = Cadence(interval_weeks=1, weekdays=(1,), at=time(10, 0), duration_min=30, planned=6)


def tuesdays(n: int, first: datetime = datetime(2026, 9, 22, 10, 0)) -> list[datetime]:
    return [first + timedelta(weeks=i) for i in range(n)]


def test_a_regular_phase_is_one_series_with_exdates_and_overrides() -> None:
    days = tuesdays(6)
    sessions = [
        session(1, days[0]),
        session(2, days[1], cancelled=True),
        session(3, days[2], start=days[2] + timedelta(days=2, hours=4)),
        session(4, days[3]),
        # no session on days[4]: a week left out (skip-and-extend)
        session(6, days[5], in_scope=False),
        session(7, days[5] + timedelta(weeks=1)),
    ]
    plan = plan_series(group(sessions, WEEKLY_TUE))
    (s,) = plan.series
    assert plan.standalone == []
    assert s.dtstart == days[0] and s.count == 7 and s.byday is None
    assert s.rrule_value() == {"freq": "WEEKLY", "count": 7}
    assert s.exdates == [days[1], days[4], days[5]]
    assert [o.appointment_id for o in s.overrides] == [3]
    assert s.occurrences()[0] == s.dtstart, "DTSTART is an occurrence"
    assert not s.cancelled


def test_sessions_off_the_rule_stand_alone_and_single_sessions_are_not_series() -> None:
    days = tuesdays(3)
    stray = session(9, datetime(2026, 9, 24, 12, 0))  # a Thursday at noon: not the rule's
    plan = plan_series(group([session(1, days[0]), session(2, days[1]), stray], WEEKLY_TUE))
    assert [x.appointment_id for x in plan.standalone] == [9]
    assert plan.series[0].count == 2
    assert plan_series(group([session(1, days[0])], WEEKLY_TUE)).series == []
    assert plan_series(group([session(1, days[0]), session(2, days[1])], None)).series == []


def test_a_wholly_cancelled_series_is_cancelled_not_emptied() -> None:
    days = tuesdays(3)
    plan = plan_series(
        group([session(i, d, cancelled=True) for i, d in enumerate(days)], WEEKLY_TUE)
    )
    (s,) = plan.series
    assert s.cancelled and s.exdates == [] and s.count == 3


def test_two_weekdays_every_week_share_one_rule_with_byday() -> None:
    cad = Cadence(interval_weeks=1, weekdays=(1, 4), at=time(9, 0), duration_min=20, planned=6)
    first = datetime(2026, 9, 22, 9, 0)
    days = [first + timedelta(days=d) for d in (0, 3, 7, 10, 14, 17)]
    plan = plan_series(group([session(i, d, minutes=20) for i, d in enumerate(days)], cad))
    (s,) = plan.series
    assert s.rrule_value() == {"freq": "WEEKLY", "count": 6, "byday": ["TU", "FR"]}
    assert s.occurrences() == days


def _book(c: Clinic, start: str, policy: str | None = None, weeks: int = 4) -> int:
    req = PlanRequest(
        patient_id=c.kari,
        practitioner_id=c.practitioner,
        start=start,
        modality="acupuncture",
        phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=weeks),),
        holiday_policy=policy,
    )
    return book(c.store, req, now=FROZEN_NOW).plan_id


def _series(c: Clinic, plan_id: int) -> tuple[bytes, list[RawComponent]]:
    data = export_calendar(c.store, Scope.plan(plan_id), shape=Shape.SERIES, now=FROZEN_NOW).data
    assert data is not None
    strict_check(data)
    expected = booked_instants(c.store, plan_id)
    for parse in PARSERS.values():
        assert parse(data) == expected
    return data, vevents(data)


def test_a_session_shifted_around_easter_monday_is_an_override(oslo: Clinic) -> None:
    """Easter Monday 2027 (29 Mar) moves that week's session to Tuesday: the rule keeps
    Monday, and the shifted session overrides its Monday occurrence."""
    plan_id = _book(oslo, "2027-03-15T09:00")
    _data, evs = _series(oslo, plan_id)
    (ov,) = [e for e in evs if "RECURRENCE-ID" in e]
    assert ov.decoded("RECURRENCE-ID").replace(tzinfo=None) == datetime(2027, 3, 29, 9, 0)
    assert ov.decoded("DTSTART").replace(tzinfo=None) == datetime(2027, 3, 30, 9, 0)


def test_a_week_left_out_by_skip_and_extend_is_an_exdate(oslo: Clinic) -> None:
    plan_id = _book(oslo, "2027-03-15T09:00", policy="skip-extend")
    _data, evs = _series(oslo, plan_id)
    (master,) = [e for e in evs if "RRULE" in e]
    assert master["RRULE"]["COUNT"] == [5]
    assert [d.dt.replace(tzinfo=None) for d in master["EXDATE"].dts] == [
        datetime(2027, 3, 29, 9, 0)
    ]


def test_cancel_with_extension_grows_the_series_and_raises_its_sequence(oslo: Clinic) -> None:
    plan_id = _book(oslo, "2026-09-15T10:00")
    _data, before = _series(oslo, plan_id)
    (m0,) = [e for e in before if "RRULE" in e]
    with oslo.store.read() as s:
        second = list_appointments(s, plan_id=plan_id)[1]
    cancel(oslo.store, second.id, extend=True, now=FROZEN_NOW)
    _data, after = _series(oslo, plan_id)
    (m1,) = [e for e in after if "RRULE" in e]
    assert m1["UID"] == m0["UID"]
    assert m1["SEQUENCE"] > m0["SEQUENCE"]
    assert m1["RRULE"]["COUNT"] == [5]
    rule = rrulestr(m1["RRULE"].to_ical().decode(), dtstart=m1.decoded("DTSTART"))
    assert list(rule)[-1].replace(tzinfo=None) == datetime(2026, 10, 13, 10, 0)
