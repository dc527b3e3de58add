"""Example tests for the series engine: planner.core.engine.

Every test builds a plan spec and a clinic calendar by hand and checks concrete dates, times,
states and reasons. Dates were chosen against the real Norwegian calendar (holidays library)
and the real IANA rules (tzdata): Europe/Oslo changes on 29 Mar and 25 Oct 2026,
America/New_York on 8 Mar and 1 Nov 2026 and on 14 Mar 2027, Australia/Sydney on
4 Oct 2026 and 4 Apr 2027.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from planner.core.calendars import ClinicCalendar, ClosureSpan, WeeklyHours, session_end
from planner.core.domain import (
    SEED_TEMPLATES,
    Anchor,
    Busy,
    ConflictPolicy,
    HolidayPolicy,
    Kind,
    Phase,
    PlanSpec,
    ProposedSession,
    SessionState,
)
from planner.core.engine import (
    MemoryBookings,
    NoBookings,
    Proposal,
    check_pattern,
    check_slot,
    next_pattern_start,
    place_session,
    propose,
    weekday_offsets,
)
from planner.core.timeutil import zone
from planner.errors import BadInput

OSLO = "Europe/Oslo"
NEW_YORK = "America/New_York"
SYDNEY = "Australia/Sydney"

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


# -- helpers ---------------------------------------------------------------------------------------
def norway(**kw: Any) -> ClinicCalendar:
    """A fresh Oslo calendar with Norwegian public holidays (mon-fri 08:00-18:00)."""
    return ClinicCalendar(zone(OSLO), country="NO", **kw)


def weekly(
    start: datetime, weeks: int = 3, minutes: int = 30, tz: str = OSLO, **kw: Any
) -> PlanSpec:
    """A one-phase plan: one treatment a week on the start's weekday and time."""
    return PlanSpec(
        start=start,
        tz=tz,
        phases=(Phase(Kind.TREATMENT, duration_min=minutes, weeks=weeks),),
        **kw,
    )


def template(name: str) -> tuple[Phase, ...]:
    return next(t for t in SEED_TEMPLATES if t.name == name).phases


def busy(
    utc_start: datetime,
    minutes: int,
    resource: str = "practitioner",
    appointment_id: int | None = None,
    description: str = "",
) -> Busy:
    return Busy(
        utc_start, utc_start + timedelta(minutes=minutes), resource, appointment_id, description
    )


def at(d: date, hh: int = 10, mm: int = 0) -> datetime:
    return datetime.combine(d, time(hh, mm))


def codes(session: ProposedSession) -> list[str]:
    return [r.code for r in session.reasons]


def session_at(proposal: Proposal, nominal: datetime) -> ProposedSession:
    """The proposed session whose rule put it at ``nominal``."""
    matches = [s for s in proposal.sessions if s.nominal_local == nominal]
    assert len(matches) == 1, f"expected one session planned for {nominal}, got {matches}"
    return matches[0]


def start_of(session: ProposedSession) -> datetime:
    """The local start of a session the test expects to be placed."""
    assert session.local_start is not None, f"session {session.seq} is {session.state.value}"
    return session.local_start


# -- the reference plan ----------------------------------------------------------------------------
FIBRO_START = datetime(2026, 9, 15, 10, 0)  # a Tuesday


@pytest.fixture
def fibro() -> Proposal:
    spec = PlanSpec(FIBRO_START, OSLO, template("Fibromyalgia acupuncture"))
    return propose(spec, norway())


def test_fibromyalgia_template_has_twelve_sessions_of_the_right_kinds(fibro: Proposal) -> None:
    kinds = [s.kind for s in fibro.sessions]
    assert kinds == [Kind.ASSESSMENT, *[Kind.TREATMENT] * 9, Kind.REASSESSMENT, Kind.FOLLOW_UP]
    assert [s.seq for s in fibro.sessions] == list(range(1, 13))
    treatments = [s for s in fibro.sessions if s.kind is Kind.TREATMENT]
    assert [(s.number, s.of) for s in treatments] == [(n, 9) for n in range(1, 10)]
    assert [s.duration_min for s in fibro.sessions] == [45, *[30] * 9, 45, 30]
    assert [s.phase for s in fibro.sessions] == [0, *[1] * 9, 2, 3]


def test_fibromyalgia_template_dates_follow_the_trial_plan(fibro: Proposal) -> None:
    starts = [start_of(s) for s in fibro.sessions]
    assert starts[0] == datetime(2026, 9, 15, 10, 0)
    assert starts[1:10] == [datetime(2026, 9, 22, 10, 0) + timedelta(weeks=w) for w in range(9)]
    assert all(s.weekday() == TUE and s.time() == time(10, 0) for s in starts)
    # reassessment in week 10 of the plan
    assert starts[10] == datetime(2026, 11, 24, 10, 0)
    assert (starts[10].date() - FIBRO_START.date()).days == 10 * 7
    # follow-up 52 weeks after the last treatment (Tue 17 Nov 2026)
    assert starts[9] == datetime(2026, 11, 17, 10, 0)
    assert starts[11] == datetime(2027, 11, 16, 10, 0)


def test_fibromyalgia_template_is_all_free_at_its_nominal_times(fibro: Proposal) -> None:
    assert fibro.bookable
    assert fibro.problems == []
    assert {s.state for s in fibro.sessions} == {SessionState.FREE}
    assert all(s.reasons == [] and s.conflicts == [] for s in fibro.sessions)
    assert all(s.local_start == s.nominal_local for s in fibro.sessions)
    assert all(s.tz == OSLO for s in fibro.sessions)


def test_fibromyalgia_utc_moves_with_the_october_clock_change(fibro: Proposal) -> None:
    # CEST (UTC+2) until Sun 25 Oct 2026, CET (UTC+1) after it; the wall clock stays 10:00.
    utc = [s.utc_start for s in fibro.sessions]
    assert utc[:6] == [
        datetime(2026, 9, 15, 8, 0),
        datetime(2026, 9, 22, 8, 0),
        datetime(2026, 9, 29, 8, 0),
        datetime(2026, 10, 6, 8, 0),
        datetime(2026, 10, 13, 8, 0),
        datetime(2026, 10, 20, 8, 0),
    ]
    assert utc[6:] == [
        datetime(2026, 10, 27, 9, 0),
        datetime(2026, 11, 3, 9, 0),
        datetime(2026, 11, 10, 9, 0),
        datetime(2026, 11, 17, 9, 0),
        datetime(2026, 11, 24, 9, 0),
        datetime(2027, 11, 16, 9, 0),
    ]
    assert fibro.sessions[0].utc_end == datetime(2026, 9, 15, 8, 45)


def test_proposed_session_json_names_status_and_utc(fibro: Proposal) -> None:
    data = fibro.sessions[6].to_json()
    assert data["kind"] == "treatment"
    assert (data["number"], data["of"]) == (6, 9)
    assert data["local_start"] == "2026-10-27T10:00"
    assert data["utc_start"] == "2026-10-27T09:00Z"
    assert data["status"] == "free"
    assert data["reasons"] == [] and data["conflicts"] == []


# -- Norwegian public holidays ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "holiday", "moved_to", "name"),
    [
        # Wed 17 May 2028: Constitution Day alone (Whit Monday is 5 June that year)
        (date(2028, 5, 10), date(2028, 5, 17), date(2028, 5, 18), "Constitution Day"),
        # Mon 6 Apr 2026: Easter Monday -> Tuesday
        (date(2026, 3, 30), date(2026, 4, 6), date(2026, 4, 7), "Easter Monday"),
        # Fri 25 Dec 2026: Christmas Day; Sat 26 is a holiday, the clinic is shut at weekends
        (date(2026, 12, 18), date(2026, 12, 25), date(2026, 12, 28), "Christmas Day"),
    ],
)
def test_holiday_session_moves_to_next_working_day_at_same_time(
    start: date, holiday: date, moved_to: date, name: str
) -> None:
    p = propose(weekly(at(start), weeks=2), norway())
    assert len(p.sessions) == 2
    hit = session_at(p, at(holiday))
    assert hit.state is SessionState.SHIFTED
    assert hit.local_start == at(moved_to)
    assert hit.utc_start == at(moved_to).replace(tzinfo=ZoneInfo(OSLO)).astimezone(UTC).replace(
        tzinfo=None
    )
    # a move past more than one day says why it passed each (Sat 26 Dec: Boxing Day, Sun 27)
    assert codes(hit) == (
        ["holiday"] if (moved_to - holiday).days == 1 else ["holiday", "days-passed"]
    )
    assert name in hit.reasons[0].message
    assert f"{holiday:%d %b %Y}" in hit.reasons[0].message
    others = [s for s in p.sessions if s is not hit]
    assert all(s.state is SessionState.FREE and s.local_start == s.nominal_local for s in others)
    assert p.bookable


def test_constitution_day_on_whit_monday_names_both_holidays() -> None:
    p = propose(weekly(datetime(2027, 5, 10, 10, 0), weeks=2), norway())
    hit = p.sessions[1]
    assert hit.local_start == datetime(2027, 5, 18, 10, 0)
    assert "Constitution Day" in hit.reasons[0].message
    assert "Pentecost Monday" in hit.reasons[0].message or "Whit Monday" in hit.reasons[0].message


def test_holidays_shift_a_nine_week_series_and_keep_all_nine() -> None:
    # Mondays from 22 Mar 2027: Easter Monday (29 Mar) and 17 May (Constitution Day) both hit.
    p = propose(weekly(datetime(2027, 3, 22, 10, 0), weeks=9), norway())
    assert len(p.sessions) == 9
    shifted = [s for s in p.sessions if s.state is SessionState.SHIFTED]
    assert [s.local_start for s in shifted] == [
        datetime(2027, 3, 30, 10, 0),
        datetime(2027, 5, 18, 10, 0),
    ]
    assert [s.number for s in p.sessions] == list(range(1, 10))
    # the sessions after the Easter Monday one are back on Mondays at 10:00
    assert p.sessions[2].local_start == datetime(2027, 4, 5, 10, 0)


def test_next_working_day_skips_days_the_practitioner_does_not_work() -> None:
    cal = norway(working=WeeklyHours.parse("mon,thu 08:00-16:00"), practitioner_name="Ola")
    p = propose(weekly(datetime(2027, 3, 22, 10, 0), weeks=2), cal)
    easter_monday = p.sessions[1]
    assert easter_monday.nominal_local == datetime(2027, 3, 29, 10, 0)
    assert easter_monday.local_start == datetime(2027, 4, 1, 10, 0)  # Thursday
    assert easter_monday.state is SessionState.SHIFTED


def test_holiday_shift_does_not_collide_with_the_plans_own_next_session() -> None:
    """Twice a week, Monday and Tuesday, over Easter Monday 2027.

    The Monday session must move (not be dropped) and must not take the time of the plan's
    own Tuesday session: the plan stays bookable with six sessions on six different days.
    """
    spec = PlanSpec(
        datetime(2027, 3, 22, 10, 0),
        OSLO,
        (Phase(Kind.TREATMENT, 30, weeks=3, per_week=2, weekdays=(MON, TUE)),),
    )
    p = propose(spec, norway())
    assert len(p.sessions) == 6
    tuesday = session_at(p, datetime(2027, 3, 30, 10, 0))
    assert tuesday.state is SessionState.FREE, [r.message for r in tuesday.reasons]
    assert tuesday.local_start == datetime(2027, 3, 30, 10, 0)
    moved = session_at(p, datetime(2027, 3, 29, 10, 0))
    assert moved.state is SessionState.SHIFTED
    assert codes(moved) == ["holiday", "days-passed"]
    assert moved.reasons[1].message == "Tue 30 Mar: another session of this plan that day"
    assert moved.local_start == datetime(2027, 3, 31, 10, 0)
    days = [s.local_start.date() for s in p.sessions if s.local_start]
    assert len(days) == len(set(days)) == 6
    assert p.bookable


def test_holiday_shift_does_not_take_the_next_phases_day() -> None:
    """Thursdays, then one Monday session: Christmas Day 2025 (Thu) must not move onto Mon 29
    Dec, which the next phase uses (Fri 26 is a holiday, the weekend is closed)."""
    spec = PlanSpec(
        datetime(2025, 11, 21, 8, 0),
        OSLO,
        (
            Phase(Kind.TREATMENT, 15, weeks=5, weekdays=(THU,)),
            Phase(Kind.TREATMENT, 15, weeks=1, weekdays=(MON,), after_weeks=1),
        ),
    )
    p = propose(spec, norway())
    assert len(p.sessions) == 6
    christmas = session_at(p, datetime(2025, 12, 25, 8, 0))
    assert christmas.local_start == datetime(2025, 12, 30, 8, 0)
    assert christmas.state is SessionState.SHIFTED
    monday = session_at(p, datetime(2025, 12, 29, 8, 0))
    assert (monday.state, monday.local_start) == (SessionState.FREE, datetime(2025, 12, 29, 8, 0))
    # sessions are listed in time order, whichever phase they belong to
    starts = [start_of(s) for s in p.sessions]
    assert starts == sorted(starts)
    assert p.bookable


# -- each holiday policy ---------------------------------------------------------------------------
EASTER_MONDAY_2027 = datetime(2027, 3, 29, 10, 0)


@pytest.mark.parametrize(
    ("policy", "dates", "states"),
    [
        (
            HolidayPolicy.NEXT_WORKING_DAY,
            [date(2027, 3, 22), date(2027, 3, 30), date(2027, 4, 5)],
            ["free", "shifted", "free"],
        ),
        (
            # the whole day is closed, so there is no same-day time: next working day
            HolidayPolicy.SAME_DAY,
            [date(2027, 3, 22), date(2027, 3, 30), date(2027, 4, 5)],
            ["free", "shifted", "free"],
        ),
        (
            # Easter Monday's week is left out, a week is added at the end
            HolidayPolicy.SKIP_EXTEND,
            [date(2027, 3, 22), date(2027, 4, 5), date(2027, 4, 12)],
            ["free", "free", "shifted"],
        ),
        (
            HolidayPolicy.KEEP_FLAG,
            [date(2027, 3, 22), date(2027, 3, 29), date(2027, 4, 5)],
            ["free", "flagged", "free"],
        ),
    ],
)
def test_holiday_policies(policy: HolidayPolicy, dates: list[date], states: list[str]) -> None:
    p = propose(weekly(datetime(2027, 3, 22, 10, 0), weeks=3, holiday_policy=policy), norway())
    assert len(p.sessions) == 3
    assert [s.local_start for s in p.sessions] == [at(d) for d in dates]
    assert [s.state.value for s in p.sessions] == states
    explained = [s for s in p.sessions if s.state is not SessionState.FREE]
    assert len(explained) == 1
    assert explained[0].reasons[0].code == "holiday"
    assert "Easter Monday" in explained[0].reasons[0].message
    assert p.bookable


def test_skip_extend_says_the_week_was_added_at_the_end() -> None:
    spec = weekly(datetime(2027, 3, 22, 10, 0), weeks=3, holiday_policy=HolidayPolicy.SKIP_EXTEND)
    p = propose(spec, norway())
    last = p.sessions[-1]
    assert last.nominal_local == datetime(2027, 4, 12, 10, 0)
    assert "Mon 29 Mar 2027" in last.reasons[0].message
    assert "a week added at the end" in last.reasons[0].message
    assert all(start_of(s).date() != date(2027, 3, 29) for s in p.sessions)


def test_skip_extend_moves_later_phases_by_the_weeks_added() -> None:
    # Fridays from 13 Nov 2026: treatments 6 and 7 would fall on Christmas and New Year's Day.
    spec = PlanSpec(
        datetime(2026, 11, 13, 10, 0),
        OSLO,
        template("Fibromyalgia acupuncture"),
        holiday_policy=HolidayPolicy.SKIP_EXTEND,
    )
    p = propose(spec, norway())
    assert len(p.sessions) == 12
    treatments = [s.local_start for s in p.sessions if s.kind is Kind.TREATMENT]
    assert treatments == [
        datetime(2026, 11, 20, 10, 0),
        datetime(2026, 11, 27, 10, 0),
        datetime(2026, 12, 4, 10, 0),
        datetime(2026, 12, 11, 10, 0),
        datetime(2026, 12, 18, 10, 0),
        datetime(2027, 1, 8, 10, 0),
        datetime(2027, 1, 15, 10, 0),
        datetime(2027, 1, 22, 10, 0),
        datetime(2027, 1, 29, 10, 0),
    ]
    reassessment = next(s for s in p.sessions if s.kind is Kind.REASSESSMENT)
    follow_up = next(s for s in p.sessions if s.kind is Kind.FOLLOW_UP)
    assert reassessment.local_start == datetime(2027, 2, 5, 10, 0)
    assert follow_up.local_start == datetime(2028, 1, 28, 10, 0)  # 52 weeks after 29 Jan 2027
    names = " ".join(r.message for s in p.sessions for r in s.reasons)
    assert "Christmas Day" in names and "New Year's Day" in names


def test_skip_extend_out_of_extra_weeks_is_unplaceable_not_missing() -> None:
    cal = ClinicCalendar(
        zone(OSLO), closures=(ClosureSpan(date(2026, 10, 5), date(2026, 10, 16), "renovation"),)
    )
    spec = weekly(
        datetime(2026, 9, 29, 10, 0),
        weeks=3,
        holiday_policy=HolidayPolicy.SKIP_EXTEND,
        max_extra_weeks=1,
    )
    p = propose(spec, cal)
    assert len(p.sessions) == 3
    assert [s.state for s in p.sessions] == [
        SessionState.FREE,
        SessionState.SHIFTED,
        SessionState.UNPLACEABLE,
    ]
    assert p.sessions[1].local_start == datetime(2026, 10, 20, 10, 0)
    lost = p.sessions[2]
    assert lost.local_start is None and lost.utc_start is None
    assert codes(lost) == ["closure", "no-slot"]
    assert "renovation" in lost.reasons[0].message
    assert not p.bookable
    assert p.problems == [lost]


def test_keep_flag_keeps_the_session_on_the_holiday() -> None:
    spec = weekly(datetime(2026, 12, 18, 10, 0), weeks=2, holiday_policy=HolidayPolicy.KEEP_FLAG)
    p = propose(spec, norway())
    christmas = p.sessions[1]
    assert christmas.local_start == datetime(2026, 12, 25, 10, 0)
    assert christmas.utc_start == datetime(2026, 12, 25, 9, 0)
    assert christmas.state is SessionState.FLAGGED
    assert codes(christmas) == ["holiday"]
    assert "Christmas Day" in christmas.reasons[0].message
    assert p.bookable  # flagged sessions are for the desk to decide, not blocked


# -- closures --------------------------------------------------------------------------------------
AUTUMN_BREAK = ClosureSpan(date(2026, 10, 5), date(2026, 10, 9), "autumn break")


@pytest.mark.parametrize(
    ("policy", "dates", "states"),
    [
        (
            HolidayPolicy.NEXT_WORKING_DAY,
            [date(2026, 9, 29), date(2026, 10, 12), date(2026, 10, 13)],
            ["free", "shifted", "free"],
        ),
        (
            HolidayPolicy.SAME_DAY,
            [date(2026, 9, 29), date(2026, 10, 12), date(2026, 10, 13)],
            ["free", "shifted", "free"],
        ),
        (
            HolidayPolicy.SKIP_EXTEND,
            [date(2026, 9, 29), date(2026, 10, 13), date(2026, 10, 20)],
            ["free", "free", "shifted"],
        ),
        (
            HolidayPolicy.KEEP_FLAG,
            [date(2026, 9, 29), date(2026, 10, 6), date(2026, 10, 13)],
            ["free", "flagged", "free"],
        ),
    ],
)
def test_closure_policies(policy: HolidayPolicy, dates: list[date], states: list[str]) -> None:
    cal = norway(closures=(AUTUMN_BREAK,), location_name="Bergen")
    p = propose(weekly(datetime(2026, 9, 29, 10, 0), weeks=3, holiday_policy=policy), cal)
    assert [s.local_start for s in p.sessions] == [at(d) for d in dates]
    assert [s.state.value for s in p.sessions] == states
    explained = next(s for s in p.sessions if s.state is not SessionState.FREE)
    assert codes(explained)[0] == "closure"
    if policy is HolidayPolicy.NEXT_WORKING_DAY:  # and why the days up to Monday were passed
        assert explained.reasons[-1].message == (
            "Wed 07 to Fri 09 Oct: Bergen is closed (autumn break); "
            "Sat 10 and Sun 11 Oct: 10:00 is outside the hours"
        )
    assert "Bergen is closed on Tue 06 Oct 2026" in explained.reasons[0].message
    assert "autumn break" in explained.reasons[0].message


def test_closure_longer_than_the_shift_limit_is_unplaceable_and_kept() -> None:
    cal = ClinicCalendar(
        zone(OSLO), closures=(ClosureSpan(date(2026, 10, 5), date(2026, 10, 16), "renovation"),)
    )
    p = propose(weekly(datetime(2026, 9, 29, 10, 0), weeks=3), cal)
    assert len(p.sessions) == 3
    stuck = session_at(p, datetime(2026, 10, 6, 10, 0))
    assert stuck.state is SessionState.UNPLACEABLE
    assert stuck.local_start is None
    assert codes(stuck) == ["closure", "no-slot"]
    assert "6 days" in stuck.reasons[1].message
    second = session_at(p, datetime(2026, 10, 13, 10, 0))
    assert second.local_start == datetime(2026, 10, 19, 10, 0)
    assert second.state is SessionState.SHIFTED


# -- conflicts with existing bookings --------------------------------------------------------------
# Tue 22 Sep 2026 10:00 Oslo is 08:00 UTC.
PRACTITIONER_BUSY = busy(datetime(2026, 9, 22, 8, 0), 30, "practitioner", 7, "Kari Nordmann")
ROOM_BUSY = busy(datetime(2026, 9, 22, 8, 15), 45, "room", 8, "room 2 booked for laser")


def test_refuse_reports_conflict_naming_the_bookings() -> None:
    bookings = MemoryBookings([ROOM_BUSY, PRACTITIONER_BUSY])
    p = propose(weekly(FIBRO_START, weeks=3), norway(), bookings)
    assert len(p.sessions) == 3
    hit = p.sessions[1]
    assert hit.state is SessionState.CONFLICT
    assert hit.local_start is None and hit.utc_start is None
    assert hit.nominal_local == datetime(2026, 9, 22, 10, 0)
    assert hit.conflicts == [PRACTITIONER_BUSY, ROOM_BUSY]
    assert codes(hit) == ["practitioner-busy", "room-busy"]
    assert "Kari Nordmann" in hit.reasons[0].message
    assert "room 2 booked for laser" in hit.reasons[1].message
    assert not p.bookable
    assert p.problems == [hit]
    assert p.conflicts == [PRACTITIONER_BUSY, ROOM_BUSY]
    assert [c["appointment_id"] for c in hit.to_json()["conflicts"]] == [7, 8]
    assert [p.sessions[0].state, p.sessions[2].state] == [SessionState.FREE, SessionState.FREE]


@pytest.mark.parametrize(
    "booking",
    [
        busy(datetime(2026, 9, 22, 7, 30), 30),  # 09:30-10:00 local: ends as ours starts
        busy(datetime(2026, 9, 22, 8, 30), 30),  # 10:30-11:00 local: starts as ours ends
        busy(datetime(2026, 9, 23, 8, 0), 30),  # the next day
    ],
)
def test_touching_or_other_day_bookings_are_no_conflict(booking: Busy) -> None:
    p = propose(weekly(FIBRO_START, weeks=3), norway(), MemoryBookings([booking]))
    assert [s.state for s in p.sessions] == [SessionState.FREE] * 3


@pytest.mark.parametrize(
    ("local_from", "minutes", "expected"),
    [
        ((10, 0), 30, (10, 30)),  # 10:15 and 09:45 overlap; 10:30 is the nearest free
        ((10, 0), 45, (9, 30)),  # 10:30 overlaps, 09:30-10:00 is free and as near as 10:45
        ((10, 0), 20, (10, 30)),  # a 15-minute grid: 10:20 is not offered
        ((9, 30), 60, (10, 30)),  # busy 09:30-10:30
        ((9, 45), 90, (9, 15)),  # busy 09:45-11:15: 09:15 is 45 min away, 11:15 is 75
    ],
)
def test_same_day_conflict_policy_finds_nearest_free_quarter_hour(
    local_from: tuple[int, int], minutes: int, expected: tuple[int, int]
) -> None:
    tz = ZoneInfo(OSLO)
    start_local = datetime(2026, 9, 22, *local_from, tzinfo=tz)
    booking = busy(start_local.astimezone(UTC).replace(tzinfo=None), minutes)
    spec = weekly(FIBRO_START, weeks=3, conflict_policy=ConflictPolicy.SAME_DAY)
    p = propose(spec, norway(), MemoryBookings([booking]))
    moved = p.sessions[1]
    assert moved.state is SessionState.SHIFTED
    assert moved.local_start == datetime(2026, 9, 22, *expected)
    assert codes(moved) == ["practitioner-busy"]
    assert moved.conflicts == []
    assert p.bookable


def test_same_day_conflict_policy_gives_up_outside_its_window() -> None:
    course = busy(datetime(2026, 9, 22, 5, 0), 12 * 60, "practitioner", 9, "course")
    spec = weekly(FIBRO_START, weeks=3, conflict_policy=ConflictPolicy.SAME_DAY)
    p = propose(spec, norway(), MemoryBookings([course]))
    stuck = p.sessions[1]
    assert stuck.state is SessionState.UNPLACEABLE
    assert stuck.local_start is None
    assert codes(stuck) == ["practitioner-busy"]
    assert stuck.conflicts == [course]
    assert len(p.sessions) == 3


def test_same_day_conflict_policy_respects_its_window_size() -> None:
    # busy 08:00-11:45 local: 11:45 is 105 minutes away, inside the default 120-minute window
    # but not inside a 60-minute one
    booking = busy(datetime(2026, 9, 22, 6, 0), 225)
    base = weekly(FIBRO_START, weeks=2, conflict_policy=ConflictPolicy.SAME_DAY)
    ok = propose(base, norway(), MemoryBookings([booking]))
    assert ok.sessions[1].local_start == datetime(2026, 9, 22, 11, 45)
    narrow = propose(replace(base, same_day_window_min=60), norway(), MemoryBookings([booking]))
    assert narrow.sessions[1].state is SessionState.UNPLACEABLE


def test_next_working_day_conflict_policy_moves_to_the_next_day() -> None:
    spec = weekly(FIBRO_START, weeks=3, conflict_policy=ConflictPolicy.NEXT_WORKING_DAY)
    p = propose(spec, norway(), MemoryBookings([PRACTITIONER_BUSY, ROOM_BUSY]))
    moved = p.sessions[1]
    assert moved.state is SessionState.SHIFTED
    assert moved.local_start == datetime(2026, 9, 23, 10, 0)
    assert moved.utc_start == datetime(2026, 9, 23, 8, 0)
    assert codes(moved) == ["practitioner-busy", "room-busy"]
    assert moved.conflicts == []


def test_next_working_day_conflict_policy_skips_weekend_and_busy_days() -> None:
    # Fri 25 Sep 2026 10:00 is taken, the clinic is shut at the weekend and Mon 28 Sep 10:00 is
    # taken too: the session goes to Tue 29 Sep, reported with the original conflict.
    start = datetime(2026, 9, 25, 10, 0)
    bookings = MemoryBookings(
        [
            busy(datetime(2026, 9, 25, 8, 0), 30, "patient"),
            busy(datetime(2026, 9, 28, 8, 0), 30, "room"),
        ]
    )
    spec = weekly(start, weeks=1, conflict_policy=ConflictPolicy.NEXT_WORKING_DAY)
    p = propose(spec, norway(), bookings)
    assert p.sessions[0].local_start == datetime(2026, 9, 29, 10, 0)
    assert codes(p.sessions[0]) == ["patient-busy", "days-passed"]
    assert p.sessions[0].reasons[1].message == (
        "Sat 26 and Sun 27 Sep: 10:00 is outside the hours; Mon 28 Sep: the room is booked at 10:00"
    )


def test_next_working_day_conflict_policy_skips_the_plans_own_days() -> None:
    # Monday and Tuesday each week; Monday 14 Sep 10:00 is taken: Tuesday is the plan's own day.
    spec = PlanSpec(
        datetime(2026, 9, 14, 10, 0),
        OSLO,
        (Phase(Kind.TREATMENT, 30, weeks=2, per_week=2, weekdays=(MON, TUE)),),
        conflict_policy=ConflictPolicy.NEXT_WORKING_DAY,
    )
    p = propose(spec, norway(), MemoryBookings([busy(datetime(2026, 9, 14, 8, 0), 30, "room")]))
    moved = session_at(p, datetime(2026, 9, 14, 10, 0))
    assert moved.local_start == datetime(2026, 9, 16, 10, 0)
    assert codes(moved) == ["room-busy", "days-passed"]
    assert session_at(p, datetime(2026, 9, 15, 10, 0)).state is SessionState.FREE


# -- several phases and cadences -------------------------------------------------------------------
def test_twice_a_week_for_three_weeks_then_weekly_for_six() -> None:
    spec = PlanSpec(
        FIBRO_START,
        OSLO,
        (
            Phase(Kind.TREATMENT, 20, weeks=3, per_week=2, weekdays=(TUE, FRI)),
            Phase(Kind.TREATMENT, 20, weeks=6, after_weeks=1),
        ),
    )
    assert spec.count == 12
    p = propose(spec, norway())
    assert [start_of(s).date() for s in p.sessions] == [
        date(2026, 9, 15),
        date(2026, 9, 18),
        date(2026, 9, 22),
        date(2026, 9, 25),
        date(2026, 9, 29),
        date(2026, 10, 2),
        date(2026, 10, 6),
        date(2026, 10, 13),
        date(2026, 10, 20),
        date(2026, 10, 27),
        date(2026, 11, 3),
        date(2026, 11, 10),
    ]
    assert [s.phase for s in p.sessions] == [0] * 6 + [1] * 6
    assert [(s.number, s.of) for s in p.sessions] == [(n, 12) for n in range(1, 13)]
    assert all(start_of(s).time() == time(10, 0) for s in p.sessions)
    assert {s.state for s in p.sessions} == {SessionState.FREE}


def test_twice_a_week_without_weekdays_spreads_from_the_first_weekday() -> None:
    p = propose(
        PlanSpec(FIBRO_START, OSLO, template("Dry needling, many trigger points")), norway()
    )
    assert len(p.sessions) == 14
    assert [f"{s.local_start:%a %m-%d}" for s in p.sessions] == [
        "Tue 09-15",
        "Tue 09-22",
        "Fri 09-25",
        "Tue 09-29",
        "Fri 10-02",
        "Tue 10-06",
        "Fri 10-09",
        "Tue 10-13",
        "Tue 10-20",
        "Tue 10-27",
        "Tue 11-03",
        "Tue 11-10",
        "Tue 11-17",
        "Tue 11-24",
    ]
    assert p.sessions[-1].kind is Kind.REASSESSMENT


def test_weekday_offsets_are_relative_to_the_plans_first_day() -> None:
    assert weekday_offsets(Phase(Kind.TREATMENT, 30, per_week=2), date(2026, 9, 15)) == [0, 3]
    assert weekday_offsets(Phase(Kind.TREATMENT, 30, per_week=3), date(2026, 9, 15)) == [0, 2, 4]
    with_days = Phase(Kind.TREATMENT, 30, per_week=2, weekdays=(MON, THU))
    assert weekday_offsets(with_days, date(2026, 9, 15)) == [2, 6]  # Thu, then next Mon


def test_every_second_week() -> None:
    spec = PlanSpec(
        FIBRO_START,
        OSLO,
        (
            Phase(Kind.TREATMENT, 30, weeks=4, every_weeks=2),
            Phase(Kind.REASSESSMENT, 30, after_weeks=1),
        ),
    )
    p = propose(spec, norway())
    assert [s.local_start for s in p.sessions] == [
        datetime(2026, 9, 15, 10, 0),
        datetime(2026, 9, 29, 10, 0),
        datetime(2026, 10, 13, 10, 0),
        datetime(2026, 10, 27, 10, 0),
        datetime(2026, 11, 3, 10, 0),  # one week after the last fortnightly session
    ]


def test_fortnightly_physiotherapy_template() -> None:
    p = propose(PlanSpec(FIBRO_START, OSLO, template("Physiotherapy, fortnightly")), norway())
    assert [start_of(s).date() for s in p.sessions] == [
        date(2026, 9, 15),
        date(2026, 9, 29),
        date(2026, 10, 13),
        date(2026, 10, 27),
        date(2026, 11, 10),
        date(2026, 11, 24),
        date(2026, 12, 8),
    ]


def test_later_phase_with_default_after_weeks_does_not_collide_with_itself() -> None:
    """A reassessment phase written without ``after_weeks`` (Template.from_json defaults it
    to 0) starts in the last treatment week, on the same weekday and time as the last
    treatment. Either the spec is refused as bad input, or the plan places all its sessions:
    a plan must not be unbookable only because it overlaps itself."""
    spec = PlanSpec(
        FIBRO_START,
        OSLO,
        (Phase(Kind.TREATMENT, 30, weeks=2), Phase(Kind.REASSESSMENT, 30)),
    )
    with pytest.raises(BadInput, match="after_weeks of 1 or more"):
        propose(spec, norway())


def test_follow_up_anchored_to_last_treatment_not_to_reassessment() -> None:
    spec = PlanSpec(
        FIBRO_START,
        OSLO,
        (
            Phase(Kind.TREATMENT, 30, weeks=2),
            Phase(Kind.REASSESSMENT, 30, after_weeks=3),
            Phase(Kind.FOLLOW_UP, 30, after_weeks=4, anchor=Anchor.LAST_TREATMENT),
        ),
    )
    p = propose(spec, norway())
    assert [start_of(s).date() for s in p.sessions] == [
        date(2026, 9, 15),
        date(2026, 9, 22),
        date(2026, 10, 13),  # 3 weeks after the last treatment week
        date(2026, 10, 20),  # 4 weeks after the last treatment, not after the reassessment
    ]


# -- daylight saving: gaps and overlaps ------------------------------------------------------------
ROUND_THE_CLOCK = "daily 00:00-24:00"


def new_york_24h() -> ClinicCalendar:
    return ClinicCalendar(zone(NEW_YORK), opening=WeeklyHours.parse(ROUND_THE_CLOCK))


def test_series_through_spring_gap_reports_dst_gap_shift() -> None:
    # Sun 14 Mar 2027 02:00 -> 03:00 in New York: 02:30 does not exist.
    p = propose(weekly(datetime(2027, 3, 7, 2, 30), weeks=3, tz=NEW_YORK), new_york_24h())
    before, gap, after = p.sessions
    assert (before.local_start, before.utc_start) == (
        datetime(2027, 3, 7, 2, 30),
        datetime(2027, 3, 7, 7, 30),
    )
    assert gap.state is SessionState.SHIFTED
    assert gap.nominal_local == datetime(2027, 3, 14, 2, 30)
    assert gap.local_start == datetime(2027, 3, 14, 3, 30)
    assert gap.utc_start == datetime(2027, 3, 14, 7, 30)
    assert codes(gap) == ["dst-gap"]
    assert "does not exist in America/New_York" in gap.reasons[0].message
    assert "60 minutes" in gap.reasons[0].message
    assert "moved to 03:30" in gap.reasons[0].message
    # the week after is back at 02:30 wall clock, now EDT
    assert (after.local_start, after.utc_start) == (
        datetime(2027, 3, 21, 2, 30),
        datetime(2027, 3, 21, 6, 30),
    )
    assert after.state is SessionState.FREE


def test_start_inside_the_gap_is_shifted_not_silently_moved() -> None:
    p = propose(weekly(datetime(2027, 3, 14, 2, 30), weeks=2, tz=NEW_YORK), new_york_24h())
    first = p.sessions[0]
    assert first.state is SessionState.SHIFTED
    assert codes(first) == ["dst-gap"]
    assert first.local_start == datetime(2027, 3, 14, 3, 30)
    assert p.sessions[1].local_start == datetime(2027, 3, 21, 2, 30)
    assert p.sessions[1].reasons == []


def test_series_through_autumn_overlap_flags_dst_ambiguous() -> None:
    # Sun 1 Nov 2026 02:00 EDT -> 01:00 EST in New York: 01:30 happens twice.
    p = propose(weekly(datetime(2026, 10, 25, 1, 30), weeks=3, tz=NEW_YORK), new_york_24h())
    before, twice, after = p.sessions
    assert before.utc_start == datetime(2026, 10, 25, 5, 30)
    assert twice.state is SessionState.FLAGGED
    assert twice.local_start == datetime(2026, 11, 1, 1, 30)
    assert twice.utc_start == datetime(2026, 11, 1, 5, 30)  # the first 01:30 (EDT)
    assert codes(twice) == ["dst-ambiguous"]
    assert "happens twice" in twice.reasons[0].message
    assert "first of the two" in twice.reasons[0].message
    assert (after.local_start, after.utc_start) == (
        datetime(2026, 11, 8, 1, 30),
        datetime(2026, 11, 8, 6, 30),
    )
    assert p.bookable


def test_every_wall_clock_change_is_explained() -> None:
    """No silent one-hour drift: a session off its rule's time always carries a reason."""
    spec = weekly(datetime(2026, 10, 4, 2, 30), weeks=30, tz=NEW_YORK)
    p = propose(spec, new_york_24h())
    assert len(p.sessions) == 30
    for s in p.sessions:
        if s.local_start != s.nominal_local:
            assert codes(s) == ["dst-gap"], s
        else:
            assert s.local_start.time() == time(2, 30)
    assert sum(1 for s in p.sessions if codes(s) == ["dst-gap"]) == 1  # 14 Mar 2027
    assert sum(1 for s in p.sessions if codes(s) == ["dst-ambiguous"]) == 0  # 02:30 is not doubled


def test_sydney_series_keeps_nine_oclock_across_both_changes() -> None:
    cal = ClinicCalendar(zone(SYDNEY))
    spring = propose(weekly(datetime(2026, 9, 24, 9, 0), weeks=3, tz=SYDNEY), cal)
    assert [s.utc_start for s in spring.sessions] == [
        datetime(2026, 9, 23, 23, 0),  # AEST, UTC+10
        datetime(2026, 9, 30, 23, 0),
        datetime(2026, 10, 7, 22, 0),  # AEDT, UTC+11
    ]
    autumn = propose(weekly(datetime(2027, 3, 25, 9, 0), weeks=3, tz=SYDNEY), cal)
    assert [s.utc_start for s in autumn.sessions] == [
        datetime(2027, 3, 24, 22, 0),
        datetime(2027, 3, 31, 22, 0),
        datetime(2027, 4, 7, 23, 0),
    ]
    for s in [*spring.sessions, *autumn.sessions]:
        assert start_of(s).time() == time(9, 0)


# -- the pattern check -----------------------------------------------------------------------------
def test_check_pattern_refuses_a_weekday_the_practitioner_does_not_work() -> None:
    cal = norway(
        working=WeeklyHours.parse("mon,wed,thu 08:00-16:00"), practitioner_name="Ola Hansen"
    )
    spec = weekly(FIBRO_START, weeks=3)  # Tuesdays
    with pytest.raises(BadInput) as err:
        check_pattern(spec, cal)
    assert "Ola Hansen does not work tue 10:00-10:30" in err.value.message
    with pytest.raises(BadInput):
        propose(spec, cal)


def test_check_pattern_refuses_a_second_weekday_the_practitioner_does_not_work() -> None:
    cal = norway(working=WeeklyHours.parse("mon,thu 08:00-16:00"))
    spec = PlanSpec(
        datetime(2027, 3, 22, 10, 0),
        OSLO,
        (Phase(Kind.TREATMENT, 30, weeks=2, per_week=2, weekdays=(MON, WED)),),
    )
    with pytest.raises(BadInput, match="does not work wed"):
        propose(spec, cal)


def test_check_pattern_refuses_a_time_past_the_end_of_working_hours() -> None:
    cal = norway(working=WeeklyHours.parse("mon,thu 08:00-16:00"))
    with pytest.raises(BadInput, match="mon 15:45-16:15"):
        check_pattern(weekly(datetime(2027, 3, 22, 15, 45)), cal)
    check_pattern(weekly(datetime(2027, 3, 22, 15, 30)), cal)  # accepted: does not raise


def test_check_pattern_refuses_a_day_the_clinic_is_closed() -> None:
    with pytest.raises(BadInput, match="not open sat 10:00-10:30"):
        propose(weekly(datetime(2026, 9, 19, 10, 0)), norway())


def test_check_pattern_refuses_a_session_running_past_midnight() -> None:
    cal = ClinicCalendar(zone(OSLO), opening=WeeklyHours.parse(ROUND_THE_CLOCK))
    with pytest.raises(BadInput, match="runs past midnight"):
        propose(weekly(datetime(2026, 9, 15, 23, 45), minutes=30), cal)


def test_session_end() -> None:
    assert session_end(datetime(2026, 9, 15, 10, 0), datetime(2026, 9, 15, 10, 30)) == time(10, 30)
    # midnight is the end of the start's day (24:00)
    assert session_end(datetime(2026, 9, 15, 23, 30), datetime(2026, 9, 16, 0, 0)) == time.max
    assert session_end(datetime(2026, 9, 15, 23, 30), datetime(2026, 9, 16, 0, 15)) is None


def test_session_ending_exactly_at_midnight_fits_hours_to_24_00() -> None:
    """Opening hours 00:00-24:00 admit a 23:30-24:00 session; check_slot already agrees."""
    cal = ClinicCalendar(zone(OSLO), opening=WeeklyHours.parse(ROUND_THE_CLOCK))
    assert check_slot(cal, NoBookings(), datetime(2026, 9, 15, 23, 30), 30) == ([], [])
    p = propose(weekly(datetime(2026, 9, 15, 23, 30), weeks=1, minutes=30), cal)
    assert p.sessions[0].local_start == datetime(2026, 9, 15, 23, 30)


# -- bad input -------------------------------------------------------------------------------------
def _phase(**kw: Any) -> Phase:
    base: dict[str, Any] = {"kind": Kind.TREATMENT, "duration_min": 30, "weeks": 3}
    base.update(kw)
    return Phase(**base)


@pytest.mark.parametrize(
    ("phase", "message"),
    [
        (_phase(duration_min=0), "more than 0 minutes"),
        (_phase(duration_min=-30), "more than 0 minutes"),
        (_phase(duration_min=481), "8-hour limit"),
        (_phase(duration_min=30.0), "whole number"),
        (_phase(duration_min=True), "whole number"),
        (_phase(per_week=2, weekdays=(TUE,)), "2 session(s) a week but 1 weekday(s)"),
        (_phase(per_week=1, weekdays=(TUE, FRI)), "1 session(s) a week but 2 weekday(s)"),
        (_phase(weeks=0), "at least one week"),
        (_phase(per_week=0), "1 to 7"),
        (_phase(per_week=8), "1 to 7"),
        (_phase(every_weeks=0), "K of 1 or more"),
        (_phase(after_weeks=-1), "before its anchor"),
        (_phase(per_week=2, weekdays=(TUE, TUE)), "different days"),
        (_phase(weekdays=(7,)), "different days"),
    ],
)
def test_bad_phases_raise_bad_input(phase: Phase, message: str) -> None:
    spec = PlanSpec(FIBRO_START, OSLO, (phase,))
    with pytest.raises(BadInput) as err:
        propose(spec, norway())
    assert message in err.value.message


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phases": ()}, "at least one phase"),
        ({"phases": (_phase(weeks=401),)}, "too long"),
        ({"same_day_window_min": 721}, "0 to 720"),
        ({"same_day_window_min": -1}, "0 to 720"),
        ({"max_shift_days": 0}, "1 to 14"),
        ({"max_shift_days": 15}, "1 to 14"),
        ({"tz": "Mars/Olympus_Mons"}, "unknown time zone"),
    ],
)
def test_bad_plan_specs_raise_bad_input(changes: dict[str, Any], message: str) -> None:
    spec = replace(weekly(FIBRO_START), **changes)
    with pytest.raises(BadInput) as err:
        propose(spec, norway())
    assert message in err.value.message


def test_eight_hour_session_is_the_longest_allowed() -> None:
    p = propose(weekly(datetime(2026, 9, 15, 8, 0), weeks=1, minutes=480), norway())
    assert p.sessions[0].utc_end == datetime(2026, 9, 15, 14, 0)


@pytest.mark.parametrize("extra", [-3, -1, 53])
def test_max_extra_weeks_out_of_range_is_refused_not_an_empty_plan(extra: int) -> None:
    """max_extra_weeks < 0 once gave a proposal with no sessions at all."""
    spec = weekly(FIBRO_START, weeks=2, max_extra_weeks=extra)
    with pytest.raises(BadInput, match="extended by 0 to 52 weeks"):
        propose(spec, norway())


@pytest.mark.parametrize("extra", [0, 52])
def test_max_extra_weeks_limits_are_allowed(extra: int) -> None:
    spec = weekly(FIBRO_START, weeks=2, max_extra_weeks=extra)
    assert len(propose(spec, norway()).sessions) == 2


def test_skip_extend_without_extra_weeks_reports_the_session_unplaceable() -> None:
    spec = weekly(
        datetime(2026, 12, 18, 10, 0),
        weeks=2,
        holiday_policy=HolidayPolicy.SKIP_EXTEND,
        max_extra_weeks=0,
    )
    p = propose(spec, norway())
    assert [s.state for s in p.sessions] == [SessionState.FREE, SessionState.UNPLACEABLE]
    assert codes(p.sessions[1]) == ["holiday", "no-slot"]
    assert "Christmas Day" in p.sessions[1].reasons[0].message


# -- check_slot: a session moved by hand -----------------------------------------------------------
def test_check_slot_free_time_has_no_obstacles() -> None:
    assert check_slot(norway(), NoBookings(), datetime(2026, 9, 22, 10, 0), 30) == ([], [])


def test_check_slot_reports_holiday_and_weekend_hours() -> None:
    reasons, hits = check_slot(norway(), NoBookings(), datetime(2026, 12, 26, 10, 0), 30)
    assert [r.code for r in reasons] == ["holiday", "outside-opening-hours"]
    assert "Second Day of Christmas" in reasons[0].message
    assert "no hours on sat" in reasons[1].message
    assert hits == []


def test_check_slot_reports_closure_and_working_hours() -> None:
    cal = norway(
        closures=(AUTUMN_BREAK,),
        working=WeeklyHours.parse("mon-fri 08:00-16:00"),
        practitioner_name="Ola",
    )
    reasons, _ = check_slot(cal, NoBookings(), datetime(2026, 10, 7, 15, 45), 30)
    assert [r.code for r in reasons] == ["closure", "outside-working-hours"]
    assert "Ola does not work Wed 15:45-16:15" in reasons[1].message


def test_check_slot_reports_opening_hours() -> None:
    reasons, _ = check_slot(norway(), NoBookings(), datetime(2026, 9, 22, 17, 45), 30)
    assert [r.code for r in reasons] == ["outside-opening-hours"]
    assert "tue 08:00-18:00" in reasons[0].message


def test_check_slot_reports_bookings_and_other_moved_sessions() -> None:
    reasons, hits = check_slot(
        norway(), MemoryBookings([PRACTITIONER_BUSY, ROOM_BUSY]), datetime(2026, 9, 22, 10, 0), 30
    )
    assert [r.code for r in reasons] == ["practitioner-busy", "room-busy"]
    assert hits == [PRACTITIONER_BUSY, ROOM_BUSY]
    mine = busy(datetime(2026, 9, 22, 8, 15), 30, "plan", 3, "session 3")
    reasons, hits = check_slot(
        norway(), NoBookings(), datetime(2026, 9, 22, 10, 0), 30, others=[mine]
    )
    assert [r.code for r in reasons] == ["plan-busy"]
    assert "session 3" in reasons[0].message
    assert hits == [mine]


def test_check_slot_refuses_dst_gap_and_overlap() -> None:
    gap, hits = check_slot(norway(), NoBookings(), datetime(2026, 3, 29, 2, 30), 30)
    assert [r.code for r in gap] == ["dst-gap"] and hits == []
    twice, _ = check_slot(norway(), NoBookings(), datetime(2026, 10, 25, 2, 30), 30)
    assert [r.code for r in twice] == ["dst-ambiguous"]
    assert "give the offset" in twice[0].message


# -- place_session: one extra session by the plan's policies ---------------------------------------
def test_place_session_moves_a_holiday_to_the_next_working_day() -> None:
    spec = weekly(FIBRO_START)
    local, state, reasons, hits = place_session(
        spec, norway(), NoBookings(), datetime(2026, 12, 25, 10, 0), 30
    )
    assert local == datetime(2026, 12, 28, 10, 0)
    assert state is SessionState.SHIFTED
    assert [r.code for r in reasons] == ["holiday", "days-passed"]
    assert reasons[1].message == (
        "Sat 26 Dec: public holiday (Second Day of Christmas); Sun 27 Dec: 10:00 is outside "
        "the hours"
    )
    assert hits == []


def test_place_session_avoids_days_of_the_plans_other_sessions() -> None:
    spec = weekly(FIBRO_START)
    monday = busy(datetime(2026, 12, 28, 13, 0), 30, "plan")  # 14:00 local on Mon 28 Dec
    local, state, _, _ = place_session(
        spec, norway(), NoBookings(), datetime(2026, 12, 25, 10, 0), 30, others=[monday]
    )
    assert local == datetime(2026, 12, 29, 10, 0)
    assert state is SessionState.SHIFTED


def test_place_session_skip_extend_reports_the_weeks_it_skipped() -> None:
    """Christmas Day and New Year's Day are Fridays: the session lands two weeks later.

    Like propose(), the answer must say why it is not at its rule's time (it once came back
    'free' with no reason).
    """
    spec = weekly(FIBRO_START, holiday_policy=HolidayPolicy.SKIP_EXTEND)
    local, state, reasons, _ = place_session(
        spec, norway(), NoBookings(), datetime(2026, 12, 25, 10, 0), 30
    )
    assert local == datetime(2027, 1, 8, 10, 0)
    assert state is SessionState.SHIFTED
    assert [r.code for r in reasons] == ["holiday", "holiday"]
    assert "Christmas Day" in reasons[0].message
    assert "New Year's Day" in reasons[1].message


def test_place_session_skip_extend_out_of_weeks_is_unplaceable() -> None:
    spec = weekly(FIBRO_START, holiday_policy=HolidayPolicy.SKIP_EXTEND, max_extra_weeks=1)
    local, state, reasons, hits = place_session(
        spec, norway(), NoBookings(), datetime(2026, 12, 25, 10, 0), 30
    )
    assert (local, state, hits) == (None, SessionState.UNPLACEABLE, [])
    assert [r.code for r in reasons] == ["holiday", "holiday", "no-slot"]


def test_place_session_same_day_policy_finds_a_time_inside_opening_hours() -> None:
    spec = weekly(FIBRO_START, holiday_policy=HolidayPolicy.SAME_DAY)
    late = place_session(spec, norway(), NoBookings(), datetime(2026, 9, 22, 17, 45), 30)
    assert late[:2] == (datetime(2026, 9, 22, 17, 30), SessionState.SHIFTED)
    assert [r.code for r in late[2]] == ["outside-opening-hours"]
    early = place_session(spec, norway(), NoBookings(), datetime(2026, 9, 22, 7, 0), 30)
    assert early[:2] == (datetime(2026, 9, 22, 8, 0), SessionState.SHIFTED)


def test_place_session_keep_flag_stays_on_the_holiday() -> None:
    spec = weekly(FIBRO_START, holiday_policy=HolidayPolicy.KEEP_FLAG)
    local, state, reasons, _ = place_session(
        spec, norway(), NoBookings(), datetime(2026, 12, 25, 10, 0), 30
    )
    assert (local, state) == (datetime(2026, 12, 25, 10, 0), SessionState.FLAGGED)
    assert [r.code for r in reasons] == ["holiday"]


def test_place_session_conflict_with_a_session_placed_in_the_same_operation() -> None:
    mine = busy(datetime(2026, 12, 22, 9, 0), 30, "plan")  # Tue 22 Dec 10:00 local
    refused = place_session(
        weekly(FIBRO_START),
        norway(),
        NoBookings(),
        datetime(2026, 12, 22, 10, 0),
        30,
        others=[mine],
    )
    assert refused[0] is None
    assert refused[1] is SessionState.CONFLICT
    assert [r.code for r in refused[2]] == ["plan-busy"]
    assert refused[3] == [mine]
    moved = place_session(
        weekly(FIBRO_START, conflict_policy=ConflictPolicy.NEXT_WORKING_DAY),
        norway(),
        NoBookings(),
        datetime(2026, 12, 22, 10, 0),
        30,
        others=[mine],
    )
    assert moved[:2] == (datetime(2026, 12, 23, 10, 0), SessionState.SHIFTED)


def test_next_working_day_after_a_dst_gap_keeps_the_plans_wall_clock_time() -> None:
    """A clinic open 00:00-03:00: the gap day cannot hold 02:30, the next day can.

    NEXT_WORKING_DAY means the same time (02:30) on the next working day, not the gap-shifted
    03:30, which lies outside opening hours on every day.
    """
    cal = ClinicCalendar(zone(NEW_YORK), opening=WeeklyHours.parse("daily 00:00-03:00"))
    p = propose(weekly(datetime(2027, 3, 7, 2, 30), weeks=2, tz=NEW_YORK), cal)
    gap = p.sessions[1]
    assert gap.state is SessionState.SHIFTED, [r.message for r in gap.reasons]
    assert gap.local_start == datetime(2027, 3, 15, 2, 30)


# -- next_pattern_start ----------------------------------------------------------------------------
def test_next_pattern_start_weekly() -> None:
    spec = weekly(FIBRO_START, weeks=9)
    assert next_pattern_start(spec, 0, FIBRO_START, datetime(2026, 11, 10, 10, 0)) == datetime(
        2026, 11, 17, 10, 0
    )
    # across the October change the wall-clock time stays
    assert next_pattern_start(spec, 0, FIBRO_START, datetime(2026, 10, 20, 10, 0)) == datetime(
        2026, 10, 27, 10, 0
    )
    # from between two sessions
    assert next_pattern_start(spec, 0, FIBRO_START, datetime(2026, 10, 7, 9, 0)) == datetime(
        2026, 10, 13, 10, 0
    )


def test_next_pattern_start_twice_a_week() -> None:
    spec = PlanSpec(
        FIBRO_START, OSLO, (Phase(Kind.TREATMENT, 30, weeks=3, per_week=2, weekdays=(TUE, FRI)),)
    )
    first = FIBRO_START
    assert next_pattern_start(spec, 0, first, datetime(2026, 9, 29, 10, 0)) == datetime(
        2026, 10, 2, 10, 0
    )
    assert next_pattern_start(spec, 0, first, datetime(2026, 10, 2, 10, 0)) == datetime(
        2026, 10, 6, 10, 0
    )


def test_next_pattern_start_fortnightly_phase() -> None:
    spec = PlanSpec(FIBRO_START, OSLO, template("Physiotherapy, fortnightly"))
    first = datetime(2026, 9, 29, 10, 0)
    assert next_pattern_start(spec, 1, first, datetime(2026, 12, 8, 10, 0)) == datetime(
        2026, 12, 22, 10, 0
    )
    assert next_pattern_start(spec, 1, first, datetime(2026, 12, 9, 10, 0)) == datetime(
        2026, 12, 22, 10, 0
    )


# -- busy sources ----------------------------------------------------------------------------------
def test_memory_bookings_fetch_only_overlapping_windows() -> None:
    a = busy(datetime(2026, 9, 22, 8, 0), 30)
    b = busy(datetime(2026, 9, 23, 8, 0), 30)
    source = MemoryBookings([a, b])
    assert source.fetch([(datetime(2026, 9, 22, 0, 0), datetime(2026, 9, 22, 23, 0))]) == [a]
    assert source.fetch([(datetime(2026, 9, 22, 8, 30), datetime(2026, 9, 23, 8, 0))]) == []
    assert source.fetch([]) == []
    assert NoBookings().fetch([(datetime(2026, 9, 22), datetime(2026, 9, 23))]) == []
