"""Property tests for the series engine (hypothesis).

Counts are kept, weekly spacing is exact, the wall clock holds across daylight-saving changes,
holidays and closures move sessions rather than drop them, and skip-and-extend adds weeks at the
end. Every run tests the same examples (``derandomize``) and writes no example database, so the
suite is deterministic; each test runs in well under a few seconds.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.calendars import ClinicCalendar, ClosureSpan
from planner.core.domain import (
    Busy,
    ConflictPolicy,
    HolidayPolicy,
    Kind,
    Phase,
    PlanSpec,
    ProposedSession,
    SessionState,
)
from planner.core.engine import MemoryBookings, propose
from planner.core.timeutil import zone

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

ZONES = ("Europe/Oslo", "America/New_York", "Australia/Sydney")
DURATIONS = (15, 20, 30, 45, 60)


# -- strategies ------------------------------------------------------------------------------------
def _to_weekday(d: date) -> date:
    """The date itself, or the Monday after a weekend day."""
    return d if d.weekday() < 5 else d + timedelta(days=7 - d.weekday())


start_days = st.dates(date(2025, 1, 1), date(2030, 12, 31)).map(_to_weekday)
# 08:00 .. 17:00 on the quarter hour: with at most 60 minutes every session ends by 18:00, and
# no zone used here has a clock change between 08:00 and 18:00.
start_times = st.integers(0, 36).map(lambda q: time(8 + q // 4, 15 * (q % 4)))


@st.composite
def phases(draw: st.DrawFn, *, first: bool) -> Phase:
    per_week = draw(st.integers(1, 3))
    if per_week == 1 and draw(st.booleans()):
        weekdays = None  # the plan's own weekday
    else:
        weekdays = tuple(
            sorted(draw(st.sets(st.integers(0, 4), min_size=per_week, max_size=per_week)))
        )
    return Phase(
        kind=draw(st.sampled_from([Kind.TREATMENT, Kind.ASSESSMENT, Kind.REASSESSMENT])),
        duration_min=draw(st.sampled_from(DURATIONS)),
        weeks=draw(st.integers(1, 6)),
        per_week=per_week,
        weekdays=weekdays,
        every_weeks=draw(st.integers(1, 3)),
        after_weeks=0 if first else draw(st.integers(1, 3)),
    )


@st.composite
def plans(
    draw: st.DrawFn, *, tz: str | None = None, policy: HolidayPolicy | None = None
) -> PlanSpec:
    first = draw(phases(first=True))
    rest = draw(st.lists(phases(first=False), max_size=2))
    return PlanSpec(
        start=datetime.combine(draw(start_days), draw(start_times)),
        tz=tz or draw(st.sampled_from(ZONES)),
        phases=(first, *rest),
        holiday_policy=policy or HolidayPolicy.NEXT_WORKING_DAY,
    )


@st.composite
def closures(draw: st.DrawFn, around: date) -> tuple[ClosureSpan, ...]:
    spans = []
    for _ in range(draw(st.integers(0, 3))):
        first = around + timedelta(days=draw(st.integers(0, 150)))
        spans.append(
            ClosureSpan(first, first + timedelta(days=draw(st.integers(0, 9))), "staff training")
        )
    return tuple(spans)


# -- helpers ---------------------------------------------------------------------------------------
def placed(sessions: list[ProposedSession]) -> list[ProposedSession]:
    return [s for s in sessions if s.local_start is not None]


def start_of(s: ProposedSession) -> datetime:
    """The local start of a session the test expects to be placed."""
    assert s.local_start is not None, f"session {s.seq} is {s.state.value}"
    return s.local_start


def utc_span(s: ProposedSession) -> tuple[datetime, datetime]:
    """The UTC start and end of a session the test expects to be placed."""
    assert s.utc_start is not None and s.utc_end is not None, f"session {s.seq} has no UTC time"
    return s.utc_start, s.utc_end


def utc_of(local: datetime, tz: str) -> datetime:
    return local.replace(tzinfo=ZoneInfo(tz)).astimezone(UTC).replace(tzinfo=None)


def assert_no_overlaps(sessions: list[ProposedSession]) -> None:
    spans = sorted(utc_span(s) for s in placed(sessions))
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start, f"two sessions of one plan overlap: {spans}"


# -- (a) the count is kept -------------------------------------------------------------------------
@PROPERTY
@given(spec=plans())
def test_count_is_kept_and_all_free_without_holidays_or_bookings(spec: PlanSpec) -> None:
    p = propose(spec, ClinicCalendar(zone(spec.tz)))
    assert len(p.sessions) == spec.count
    assert [s.state for s in p.sessions] == [SessionState.FREE] * spec.count
    assert all(s.reasons == [] and s.conflicts == [] for s in p.sessions)
    assert all(s.local_start == s.nominal_local for s in p.sessions)
    starts = [start_of(s) for s in p.sessions]
    assert starts == sorted(starts)
    assert [s.seq for s in p.sessions] == list(range(1, spec.count + 1))
    for kind in {s.kind for s in p.sessions}:
        mine = [s for s in p.sessions if s.kind is kind]
        assert [s.number for s in mine] == list(range(1, len(mine) + 1))
        assert {s.of for s in mine} == {len(mine)}
    assert_no_overlaps(p.sessions)
    assert p.bookable


# -- (b) weekly spacing ----------------------------------------------------------------------------
@PROPERTY
@given(spec=plans())
def test_weekly_sessions_are_exactly_seven_local_days_apart(spec: PlanSpec) -> None:
    p = propose(spec, ClinicCalendar(zone(spec.tz)))
    for index, phase in enumerate(spec.phases):
        mine = [start_of(s) for s in p.sessions if s.phase == index]
        assert len(mine) == phase.count
        if phase.per_week == 1:
            gaps = {b - a for a, b in pairwise(mine)}
            assert gaps <= {timedelta(days=7 * phase.every_weeks)}
        else:
            # the same weekly pattern repeats: session i and session i + per_week are k weeks apart
            for a, b in zip(mine, mine[phase.per_week :], strict=False):
                assert b - a == timedelta(days=7 * phase.every_weeks)


@PROPERTY
@given(day=start_days, at=start_times, weeks=st.integers(2, 60), tz=st.sampled_from(ZONES))
def test_long_weekly_series_keep_exact_spacing(day: date, at: time, weeks: int, tz: str) -> None:
    spec = PlanSpec(datetime.combine(day, at), tz, (Phase(Kind.TREATMENT, 30, weeks=weeks),))
    starts = [s.local_start for s in propose(spec, ClinicCalendar(zone(tz))).sessions]
    assert starts == [spec.start + timedelta(days=7 * k) for k in range(weeks)]


# -- (c) wall-clock time across daylight-saving changes ------------------------------------------
@PROPERTY
@given(day=start_days, at=start_times, weeks=st.integers(36, 60), tz=st.sampled_from(ZONES))
def test_wall_clock_is_kept_across_dst(day: date, at: time, weeks: int, tz: str) -> None:
    """36 weeks or more: longer than any summer or winter time in these zones (New York's
    summer time, the longest, lasts 34 weeks), so every series crosses a clock change."""
    spec = PlanSpec(datetime.combine(day, at), tz, (Phase(Kind.TREATMENT, 30, weeks=weeks),))
    p = propose(spec, ClinicCalendar(zone(tz)))
    offsets = set()
    for s in p.sessions:
        assert s.local_start is not None and s.utc_start is not None
        assert s.local_start.time() == at
        assert s.utc_start == utc_of(s.local_start, tz)
        offsets.add(s.local_start - s.utc_start)
    assert len(offsets) == 2, "the series was meant to cross a daylight-saving change"


@PROPERTY
@given(spec=plans())
def test_every_session_keeps_the_start_time_and_its_true_utc(spec: PlanSpec) -> None:
    p = propose(spec, ClinicCalendar(zone(spec.tz)))
    for s in p.sessions:
        assert s.local_start is not None and s.utc_start is not None
        assert s.local_start.time() == spec.start.time()
        assert s.utc_start == utc_of(s.local_start, spec.tz)
        assert s.utc_end == s.utc_start + timedelta(minutes=s.duration_min)


# -- (d) holidays and closures are moved, never dropped --------------------------------------------
@PROPERTY
@given(data=st.data(), spec=plans(tz="Europe/Oslo"))
def test_no_session_on_a_holiday_or_closure_and_none_missing(
    data: st.DataObject, spec: PlanSpec
) -> None:
    spans = data.draw(closures(spec.start.date()))
    cal = ClinicCalendar(zone(spec.tz), country="NO", closures=spans)
    p = propose(spec, cal)
    assert len(p.sessions) == spec.count
    allowed = {SessionState.FREE, SessionState.SHIFTED, SessionState.UNPLACEABLE}
    assert {s.state for s in p.sessions} <= allowed, [
        (s.nominal_local, s.state.value, [r.message for r in s.reasons])
        for s in p.sessions
        if s.state not in allowed
    ]
    for s in p.sessions:
        if s.state is SessionState.UNPLACEABLE:
            assert s.local_start is None and s.utc_start is None
            assert s.reasons[-1].code == "no-slot"
            continue
        assert s.local_start is not None
        day = s.local_start.date()
        assert cal.holiday_name(day) is None, s
        assert not any(c.first <= day <= c.last for c in spans), s
        assert day.weekday() < 5
        assert s.local_start.time() == spec.start.time()  # same time on another day
        if s.state is SessionState.FREE:
            assert s.local_start == s.nominal_local and s.reasons == []
        else:
            assert s.reasons and s.reasons[0].code in {"holiday", "closure"}
            assert cal.closed_reason(s.nominal_local.date()) == s.reasons[0]
            assert (
                timedelta(0)
                < s.local_start - s.nominal_local
                <= timedelta(days=spec.max_shift_days)
            )
    assert_no_overlaps(p.sessions)


# -- (e) skip-and-extend ------------------------------------------------------------------------
@PROPERTY
@given(
    data=st.data(),
    day=start_days,
    at=start_times,
    weeks=st.integers(1, 10),
    every=st.integers(1, 2),
)
def test_skip_extend_keeps_count_and_adds_weeks_at_the_end(
    data: st.DataObject, day: date, at: time, weeks: int, every: int
) -> None:
    start = datetime.combine(day, at)
    spans = data.draw(closures(day))
    cal = ClinicCalendar(zone("Europe/Oslo"), country="NO", closures=spans)
    spec = PlanSpec(
        start,
        "Europe/Oslo",
        (
            Phase(Kind.TREATMENT, 30, weeks=weeks, every_weeks=every),
            Phase(Kind.REASSESSMENT, 30, after_weeks=1),
        ),
        holiday_policy=HolidayPolicy.SKIP_EXTEND,
    )
    p = propose(spec, cal)
    assert len(p.sessions) == weeks + 1

    def is_open(d: datetime) -> bool:
        return cal.closed_reason(d.date()) is None

    # Model: the treatments take the first `weeks` open dates of the regular cadence, looking
    # at most max_extra_weeks cadence steps past the regular end.
    cadence = [start + timedelta(weeks=every * k) for k in range(weeks + spec.max_extra_weeks)]
    expected = [d for d in cadence if is_open(d)][:weeks]
    treatments = [s for s in p.sessions if s.kind is Kind.TREATMENT]
    assert len(treatments) == weeks
    assert [s.local_start for s in placed(treatments)] == expected
    assert all(s.local_start == s.nominal_local for s in placed(treatments))
    missing = [s for s in treatments if s.local_start is None]
    assert len(missing) == weeks - len(expected)
    assert all(s.state is SessionState.UNPLACEABLE for s in missing)

    if expected and not missing:
        skipped = sum(1 for d in cadence if d <= expected[-1] and not is_open(d))
        regular_last = start + timedelta(weeks=every * (weeks - 1))
        assert expected[-1] == regular_last + timedelta(weeks=every * skipped)
        extended = [s for s in treatments if start_of(s) > regular_last]
        assert len(extended) == sum(1 for d in cadence[:weeks] if not is_open(d))
        assert all(s.state is SessionState.SHIFTED for s in extended)
        assert all("a week added at the end" in s.reasons[0].message for s in extended)
        # the reassessment follows the extended phase: the first open week after it
        reassessment = p.sessions[-1]
        assert reassessment.kind is Kind.REASSESSMENT
        after = [expected[-1] + timedelta(weeks=k) for k in range(1, 2 + spec.max_extra_weeks)]
        assert reassessment.local_start == next(d for d in after if is_open(d))


# -- bookings: nothing placed on top of a booking --------------------------------------------------
@PROPERTY
@given(
    data=st.data(),
    spec=plans(tz="Europe/Oslo"),
    policy=st.sampled_from(list(ConflictPolicy)),
)
def test_placed_sessions_never_overlap_bookings(
    data: st.DataObject, spec: PlanSpec, policy: ConflictPolicy
) -> None:
    # Bookings on top of or next to the plan's own sessions, so that many are in the way.
    free_plan = propose(spec, ClinicCalendar(zone(spec.tz)))
    targets = data.draw(st.lists(st.sampled_from(free_plan.sessions), max_size=8))
    items = []
    for i, target in enumerate(targets):
        utc = utc_span(target)[0] + timedelta(minutes=15 * data.draw(st.integers(-4, 4)))
        minutes = data.draw(st.sampled_from([15, 30, 60, 120]))
        resource = data.draw(st.sampled_from(["practitioner", "room", "patient"]))
        items.append(Busy(utc, utc + timedelta(minutes=minutes), resource, i, f"booking {i}"))
    spec = PlanSpec(spec.start, spec.tz, spec.phases, conflict_policy=policy)
    p = propose(spec, ClinicCalendar(zone(spec.tz)), MemoryBookings(items))
    assert len(p.sessions) == spec.count
    for s in placed(p.sessions):
        start, end = utc_span(s)
        assert not any(b.start_utc < end and b.end_utc > start for b in items), s
    for s in p.sessions:
        if s.state is SessionState.CONFLICT:
            assert policy is ConflictPolicy.REFUSE
            assert s.conflicts and s.local_start is None
            assert all(c in items or c.resource == "plan" for c in s.conflicts)
        if s.state is not SessionState.FREE:
            assert s.reasons
    assert_no_overlaps(p.sessions)


@PROPERTY
@given(data=st.data(), spec=plans(tz="Europe/Oslo"), policy=st.sampled_from(list(HolidayPolicy)))
def test_every_holiday_policy_keeps_the_count_and_explains_each_move(
    data: st.DataObject, spec: PlanSpec, policy: HolidayPolicy
) -> None:
    spans = data.draw(closures(spec.start.date()))
    cal = ClinicCalendar(zone(spec.tz), country="NO", closures=spans)
    spec = PlanSpec(spec.start, spec.tz, spec.phases, holiday_policy=policy)
    p = propose(spec, cal)
    assert len(p.sessions) == spec.count
    for index, phase in enumerate(spec.phases):
        assert sum(1 for s in p.sessions if s.phase == index) == phase.count
    for s in p.sessions:
        if s.state is SessionState.FREE:
            assert s.local_start == s.nominal_local and not s.reasons
        else:
            assert s.reasons, s
        if s.state is SessionState.FLAGGED:
            assert policy is HolidayPolicy.KEEP_FLAG
            assert cal.closed_reason(start_of(s).date()) is not None
        elif s.local_start is not None:
            assert cal.closed_reason(s.local_start.date()) is None, s
    assert_no_overlaps(p.sessions)
