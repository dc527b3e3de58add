"""What an import stores is what a maintained expander reads: every import fixture, three zones.

Each calendar in ``fixtures/`` that is meant to import (all but ``malformed_*`` and
``golden_*``, found by glob, so a new fixture is compared without touching this file) is
imported for a practitioner with the location's zone set to Europe/Oslo, America/Los_Angeles
and Asia/Tokyo, read back from the database and compared with what recurring-ical-events (with
x-wr-timezone) expands from the same bytes in the same zone and window (see
:mod:`tests.ics.differential`). Where planner reads a calendar differently on purpose, the
difference is named in :data:`KNOWN_DIFFERENCES` and asserted exactly: a difference that goes
away, or a new one, fails the test.

Below the comparison, one test per real-world export (Outlook, Thunderbird, Confluence, Google)
says which days and times a receptionist would see blocked, so each fixture pins behaviour on
its own, without the reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from planner.services.calendar_import import import_calendar

from ..conftest import FROZEN_NOW, Clinic
from .conftest import FIXTURES, CalendarFiles
from .differential import Busy, blocked_local, differences, explain, reference_busy, stored_busy

ZONES = ["Europe/Oslo", "America/Los_Angeles", "Asia/Tokyo"]
IMPORT_FIXTURES = sorted(
    p.name for p in FIXTURES.glob("*.ics") if not p.name.startswith(("malformed_", "golden_"))
)
"""Every fixture an import should read (the malformed ones are refused, the golden ones are
exports planner wrote)."""


@dataclass(frozen=True)
class Difference:
    """A deliberate reading of planner's that recurring-ical-events does not share."""

    reason: str
    only_planner: tuple[Busy, ...] = ()
    only_reference: tuple[Busy, ...] = ()


KNOWN_DIFFERENCES: dict[str, Difference] = {
    "override_from_before_the_window_and_one_left_from_an_older_version.ics": Difference(
        "An override (SEQUENCE 0) names Wednesday 9 Sep 10:00, which the current Thursday "
        "series (SEQUENCE 1) does not have: it is left from an older version. "
        "recurring-ical-events blocks it at its own time (12:00-13:00 Oslo); planner reports "
        "the override and adds nothing (issue 16 item 2: one event, one version).",
        only_reference=(
            ("clinic-meeting@example.com", datetime(2026, 9, 9, 10), datetime(2026, 9, 9, 11)),
        ),
    ),
}
"""Named differences per fixture: (why, blocked only by planner, only by the reference), each
``(uid, start, end)`` in naive UTC; the same in every zone, since none of them is all-day or
floating."""

PLANNER_BUGS: dict[str, str] = {}
"""Fixtures where planner differs from the reference by a bug (not a reading): the case is an
expected failure (strict, so a fix makes it fail until this entry goes) naming the bug."""

SLOW_REFERENCE: dict[str, str] = {
    "minutely_rule_that_never_matches.ics": (
        "recurring-ical-events walks the FREQ=MINUTELY rule minute by minute through the whole "
        "window (about 14 s each time); planner refuses to expand sub-daily rules. The file "
        "holds no all-day or floating time, so every zone reads it alike: compared in one."
    ),
}
"""Fixtures the reference takes seconds to expand: compared in the first zone only, as slow."""


def _cases() -> list[Any]:
    cases = []
    for name in IMPORT_FIXTURES:
        marks: list[pytest.MarkDecorator] = []
        if name in PLANNER_BUGS:
            marks.append(
                pytest.mark.xfail(strict=True, reason=f"planner bug: {PLANNER_BUGS[name]}")
            )
        if name in SLOW_REFERENCE:
            marks.append(pytest.mark.slow)
        for tz in ZONES[:1] if name in SLOW_REFERENCE else ZONES:
            cases.append(
                pytest.param(name, tz, marks=marks, id=f"{name.removesuffix('.ics')}-{tz}")
            )
    return cases


def without_components(data: bytes, lines: set[int]) -> bytes:
    """``data`` with the component that begins on each of ``lines`` (1-based) cut out, nested
    components (a VALARM) included. A line that does not begin a component is an error, so a
    change in what planner reports cannot silently cut the wrong thing."""
    out: list[bytes] = []
    depth = 0
    found: set[int] = set()
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        word = line.rstrip(b"\r\n").upper()
        if depth:
            if word.startswith(b"BEGIN:"):
                depth += 1
            elif word.startswith(b"END:"):
                depth -= 1
            continue
        if number in lines:
            assert word.startswith(b"BEGIN:"), f"line {number} begins no component: {line!r}"
            found.add(number)
            depth = 1
            continue
        out.append(line)
    assert found == lines, f"no such lines: {sorted(lines - found)}"
    return b"".join(out)


@pytest.mark.parametrize(("name", "tz"), _cases())
def test_an_import_stores_the_busy_time_recurring_ical_events_expands(
    oslo: Clinic, name: str, tz: str
) -> None:
    """The blocked time stored after a real import equals recurring-ical-events' busy instances
    in the import's window, but for the differences named in :data:`KNOWN_DIFFERENCES`.

    Components planner left out as unreadable (listed in ``ImportResult.skipped`` as "cannot be
    read": a to-do with a typo, a free event with an empty RRULE, an override with both DTEND
    and DURATION) cannot be read by icalendar either, or are read by it differently; the
    reference is handed the file with those components cut out, so both sides compare the
    same calendar. What planner skipped for other reasons (free, cancelled, an older version)
    stays in: the reference must find it blocks nothing on its own.
    """
    path = FIXTURES / name
    res = import_calendar(
        oslo.store, path, practitioner_id=oslo.practitioner, tz=tz, now=FROZEN_NOW
    )
    unreadable = {s.line for s in res.skipped if "cannot be read" in s.reason}
    data = without_components(path.read_bytes(), unreadable)
    ours = stored_busy(oslo.store, oslo.practitioner)
    reference = reference_busy(data, tz, res.window_start_utc, res.window_end_utc)
    assert ours, "the fixture blocks nothing in the window: nothing is compared"
    only_ours, only_reference = differences(ours, reference)
    known = KNOWN_DIFFERENCES.get(name, Difference("no difference expected"))
    assert (only_ours, only_reference) == (
        list(known.only_planner),
        list(known.only_reference),
    ), f"{name} in {tz} ({known.reason}):\n{explain(ours, reference)}"


def test_every_named_difference_and_bug_names_a_fixture_that_is_compared() -> None:
    """A renamed or deleted fixture must not leave a stale entry that excuses nothing."""
    named = set(KNOWN_DIFFERENCES) | set(PLANNER_BUGS) | set(SLOW_REFERENCE)
    assert named <= set(IMPORT_FIXTURES)
    assert len(IMPORT_FIXTURES) >= 14


# -- what a receptionist sees blocked, per real-world export ---------------------------------------


def _days(first: date, last: date) -> tuple[datetime, datetime]:
    """An all-day block from ``first`` to ``last`` inclusive, as local midnights."""
    return datetime.combine(first, datetime.min.time()), datetime.combine(
        last + timedelta(days=1), datetime.min.time()
    )


def _day(d: date) -> tuple[datetime, datetime]:
    return _days(d, d)


def _import(oslo: Clinic, path: Path, tz: str = "Europe/Oslo") -> Any:
    return import_calendar(
        oslo.store, path, practitioner_id=oslo.practitioner, tz=tz, now=FROZEN_NOW
    )


@pytest.mark.parametrize("tz", ZONES)
def test_outlook_all_day_series_keep_their_days_and_exceptions_in_every_zone(
    oslo: Clinic, calendar: CalendarFiles, tz: str
) -> None:
    """Outlook 16 with Windows zone names. An all-day teaching day every other Wednesday
    (out of office) until ``UNTIL=20261230T000000Z``: 21 Oct excluded by
    ``EXDATE;TZID="W. Europe Standard Time":20261021T000000``, 18 Nov moved to Thursday 19 Nov
    by a RECURRENCE-ID written the same way, and 30 Dec, the UNTIL day, kept. A monthly
    all-day US support day (first Friday, three times) has 6 Nov moved a week by
    ``RECURRENCE-ID;TZID="Pacific Standard Time":20261106T000000``. The all-day days are the
    same dates in Oslo, Los Angeles and Tokyo. The free lunch and the free birthday block
    nothing and are listed; the tentative London case conference blocks its hour."""
    res = _import(
        oslo,
        calendar("outlook_allday_series_windows_zones_utc_until_exdate_moved_tentative_free.ics"),
        tz,
    )
    teaching = "Undervisning OsloMet"
    support = "US support day (Seattle)"
    all_day = [(a, b, s) for a, b, s in blocked_local(oslo.store, tz) if a.time() == b.time()]
    assert all_day == [
        (*_day(date(2026, 9, 9)), teaching),
        (*_day(date(2026, 9, 23)), teaching),
        (*_day(date(2026, 10, 2)), support),
        (*_day(date(2026, 10, 7)), teaching),
        (*_day(date(2026, 11, 4)), teaching),
        (*_day(date(2026, 11, 13)), "US support day (Seattle, moved a week)"),
        (*_day(date(2026, 11, 19)), "Undervisning OsloMet (flyttet til torsdag)"),
        (*_day(date(2026, 12, 2)), teaching),
        (*_day(date(2026, 12, 4)), support),
        (*_day(date(2026, 12, 16)), teaching),
        (*_day(date(2026, 12, 30)), teaching),
    ]
    free = {s.line for s in res.skipped if "marked free" in s.reason}
    assert free == {calendar.line(130), calendar.line(139)}, res.skipped


def test_outlook_timed_events_in_windows_zones_follow_both_clock_changes(
    oslo: Clinic, calendar: CalendarFiles
) -> None:
    """Seen from Oslo: the Seattle call (08:00 Pacific) is at 17:00, but at 16:00 on 29 Oct,
    the week Europe has left summer time and America has not; the tentative London case
    conference (14:00 GMT Standard Time, British summer time) is at 15:00. The free lunch on
    15 Sep is not blocked."""
    _import(
        oslo,
        calendar("outlook_allday_series_windows_zones_utc_until_exdate_moved_tentative_free.ics"),
    )
    blocked = blocked_local(oslo.store, "Europe/Oslo")
    timed = [(a, b, s) for a, b, s in blocked if a.time() != b.time()]
    call = "Call with the Seattle team"
    london = "Case conference, London (tentative)"
    assert timed == [
        (datetime(2026, 10, 8, 15), datetime(2026, 10, 8, 16), london),
        (datetime(2026, 10, 15, 17), datetime(2026, 10, 15, 17, 30), call),
        (datetime(2026, 10, 22, 17), datetime(2026, 10, 22, 17, 30), call),
        (datetime(2026, 10, 29, 16), datetime(2026, 10, 29, 16, 30), call),
        (datetime(2026, 11, 5, 17), datetime(2026, 11, 5, 17, 30), call),
    ]


def test_thunderbird_overrides_move_their_occurrence_and_an_unreadable_free_one_is_listed(
    oslo: Clinic, calendar: CalendarFiles
) -> None:
    """Thunderbird (X-MOZ-GENERATION, X-MOZ-LASTACK, a snooze time, alarms): a weekly Friday
    supervision 09:00, ten times from 4 Sep, 9 Oct excluded (EXDATE in UTC). One override
    moves 18 Sep to 13:00, one moves 30 Oct to Thursday 29 Oct 08:00 (after the clocks went
    back). A third marks 16 Oct free but has both DTEND and DURATION: it cannot be read, could
    block nothing, and is listed and left out, so 16 Oct keeps the series' own hour (the
    practitioner may be busy after all; the receptionist sees it blocked). The dentist and
    the two-day course in Trondheim block their time."""
    res = _import(
        oslo,
        calendar("thunderbird_weekly_overrides_moved_and_free_with_dtend_and_duration_alarms.ics"),
    )
    sup = "Veiledning"
    assert blocked_local(oslo.store, "Europe/Oslo") == [
        (datetime(2026, 9, 4, 9), datetime(2026, 9, 4, 10), sup),
        (datetime(2026, 9, 11, 9), datetime(2026, 9, 11, 10), sup),
        (datetime(2026, 9, 18, 13), datetime(2026, 9, 18, 14), "Veiledning (etter lunsj)"),
        (datetime(2026, 9, 22, 7, 30), datetime(2026, 9, 22, 8, 30), "Tannlege"),
        (datetime(2026, 9, 25, 9), datetime(2026, 9, 25, 10), sup),
        (datetime(2026, 10, 2, 9), datetime(2026, 10, 2, 10), sup),
        (datetime(2026, 10, 16, 9), datetime(2026, 10, 16, 10), sup),
        (datetime(2026, 10, 23, 9), datetime(2026, 10, 23, 10), sup),
        (datetime(2026, 10, 29, 8), datetime(2026, 10, 29, 9), "Veiledning (torsdag denne uka)"),
        (*_days(date(2026, 11, 2), date(2026, 11, 3)), "Kurs i Trondheim"),
        (datetime(2026, 11, 6, 9), datetime(2026, 11, 6, 10), sup),
    ]
    (left_out,) = [s for s in res.skipped if "cannot be read" in s.reason]
    assert left_out.line == calendar.line(70)
    assert "marked free" in left_out.reason and "DTEND and DURATION" in left_out.reason


def test_confluence_leave_travel_and_a_recurring_duty_block_whole_days(
    oslo: Clinic, calendar: CalendarFiles
) -> None:
    """Confluence Team Calendars: leave Mon-Fri 12-16 Oct, a congress in Bergen 25-27 Nov
    (travel), a hospital visit written in UTC (11:00-14:00Z, 13:00-16:00 in Oslo), and a
    week of duty every sixth Monday, three times. Confluence writes its override of the
    second duty week with the series' RRULE still in it; that override replaces its week and
    is not expanded as a series of its own."""
    res = _import(
        oslo,
        calendar("confluence_leave_travel_multiday_recurring_allday_override_with_rrule_utc.ics"),
    )
    assert res.source == "Klinikken - fravær og reiser"
    assert blocked_local(oslo.store, "Europe/Oslo") == [
        (*_days(date(2026, 9, 7), date(2026, 9, 11)), "Vakt"),
        (datetime(2026, 9, 17, 13), datetime(2026, 9, 17, 16), "Ingrid Berg - Hospitering på Ahus"),
        (*_days(date(2026, 10, 12), date(2026, 10, 16)), "Ingrid Berg - Ferie"),
        (*_days(date(2026, 10, 19), date(2026, 10, 23)), "Vakt (Per er bakvakt)"),
        (*_days(date(2026, 11, 25), date(2026, 11, 27)), "Ingrid Berg - Fagkongress i Bergen"),
        (*_days(date(2026, 11, 30), date(2026, 12, 4)), "Vakt"),
    ]


@pytest.mark.parametrize("tz", ["Europe/Oslo", "America/Los_Angeles"])
def test_google_series_with_utc_exceptions_and_floating_time_in_x_wr_timezone(
    oslo: Clinic, calendar: CalendarFiles, tz: str
) -> None:
    """Google Calendar (X-WR-TIMEZONE:Europe/Oslo): a Tuesday meeting 08:30 until 24 Nov, with
    13 Oct and 3 Nov excluded by EXDATEs in UTC (06:30Z in summer time, 07:30Z after) and
    20 Oct moved to Wednesday 14:00 by ``RECURRENCE-ID:20261020T063000Z``; a dentist in UTC;
    a parents' meeting at 15:00 floating, read in X-WR-TIMEZONE wherever the clinic is; an
    all-day seminar; a yearly birthday marked free blocks nothing. Shown in Oslo time."""
    _import(
        oslo,
        calendar("google_x_wr_timezone_weekly_utc_exdate_and_moved_floating_allday.ics"),
        tz,
    )
    meeting = "Fagmøte"
    tuesdays = [date(2026, 9, 8) + timedelta(weeks=i) for i in range(12)]
    expected = [
        (datetime.combine(d, datetime.min.time()) + timedelta(hours=8, minutes=30), meeting)
        for d in tuesdays
        if d not in (date(2026, 10, 13), date(2026, 10, 20), date(2026, 11, 3))
    ]
    expected += [
        (datetime(2026, 10, 21, 14), "Fagmøte (onsdag)"),
        (datetime(2026, 9, 25, 14), "Tannlege"),
        (datetime(2026, 11, 4, 15), "Foreldremøte"),
    ]
    blocked = blocked_local(oslo.store, "Europe/Oslo")
    timed = sorted((a, s) for a, b, s in blocked if b - a == timedelta(hours=1))
    assert timed == sorted(expected)
    in_zone = blocked_local(oslo.store, tz)
    all_day = [(a, b, s) for a, b, s in in_zone if b - a != timedelta(hours=1)]
    assert all_day == [(*_day(date(2026, 12, 2)), "Seminar om smertebehandling")]


@pytest.mark.parametrize("tz", ZONES)
def test_a_utc_series_in_an_x_wr_timezone_calendar_keeps_its_local_hour_after_the_clocks_change(
    oslo: Clinic, calendar: CalendarFiles, tz: str
) -> None:
    """A union's feed (X-WR-TIMEZONE:Europe/Oslo) writes its Thursday meeting in UTC, 16:00Z:
    18:00 in Oslo summer time. It repeats on the Oslo wall clock, as Google Calendar shows
    such a feed and x-wr-timezone reads it, so after the clocks go back on 25 Oct it still
    blocks 18:00-19:30 (it used to move to 17:00, freeing the real hour); the EXDATE in UTC
    takes out 15 Oct. Wherever the clinic is."""
    _import(
        oslo,
        calendar("x_wr_timezone_weekly_series_written_in_utc_across_the_clocks_change.ics"),
        tz,
    )
    thursdays = [date(2026, 10, 1) + timedelta(weeks=i) for i in range(6)]
    assert [(a, b) for a, b, _s in blocked_local(oslo.store, "Europe/Oslo")] == [
        (datetime.combine(d, time(18)), datetime.combine(d, time(19, 30)))
        for d in thursdays
        if d != date(2026, 10, 15)
    ]
