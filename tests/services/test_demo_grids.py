"""The demo's occupancy grids: 5-minute cells as bits, checked against slow set arithmetic."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest

from planner.core.calendars import DEFAULT_OPENING, WeeklyHours
from planner.core.domain import Profession
from planner.core.timeutil import zone
from planner.services.demo.grids import (
    CELLS_PER_DAY,
    QUARTERS,
    Days,
    Loc,
    Prac,
    bits,
    cells,
    hours_cells,
    near_bookings,
    order,
    runs,
    spread,
    spread_by_length,
    working_minutes,
)

WIDTH = 60
"""Cells the random checks use (five hours)."""


def _cell(hh: int, mm: int) -> int:
    return (hh * 60 + mm) // 5


def _set(*cs: int) -> int:
    return sum(1 << c for c in cs)


def test_hours_cells_cover_whole_cells_within_the_hours() -> None:
    h = WeeklyHours.parse("mon-fri 08:00-11:30 12:00-16:00; sat 08:02-09:04")
    monday = hours_cells(h, 0)
    assert bits(monday) == [*range(_cell(8, 0), _cell(11, 30)), *range(_cell(12, 0), _cell(16, 0))]
    # A cell counts only when it lies wholly inside: 08:02 starts at 08:05, 09:04 ends at 09:00.
    assert bits(hours_cells(h, 5)) == list(range(_cell(8, 5), _cell(9, 0)))
    assert hours_cells(h, 6) == 0


def test_hours_to_midnight_reach_the_last_cell() -> None:
    h = WeeklyHours.parse("daily 22:00-23:59")
    assert bits(hours_cells(h, 3)) == list(range(_cell(22, 0), CELLS_PER_DAY))


def test_quarters_are_every_third_cell() -> None:
    assert bits(QUARTERS) == list(range(0, CELLS_PER_DAY, 3))


def test_cells_and_bits() -> None:
    assert cells(3, 10) == 0b111 << 10
    assert cells(1, 0) == 1
    assert bits(0) == []
    assert bits(0b101001) == [0, 3, 5]
    assert bits(1 << 287 | 1 << 96) == [96, 287]


def test_spread_marks_the_starts_that_would_touch_a_booking() -> None:
    assert bits(spread(_set(10), 3)) == [8, 9, 10]
    assert spread(_set(10), 1) == _set(10)
    rng = random.Random(1)
    for _ in range(200):
        occ = rng.getrandbits(WIDTH) & rng.getrandbits(WIDTH)
        n = rng.randrange(1, 10)
        expected = {s for s in range(WIDTH) if cells(n, s) & occ}
        assert set(bits(spread(occ, n))) == expected


def test_runs_marks_the_starts_that_fit_wholly_in_the_mask() -> None:
    assert bits(runs(0b111111, 3)) == [0, 1, 2, 3]
    assert runs(0b11011, 3) == 0
    rng = random.Random(2)
    for _ in range(200):
        mask = rng.getrandbits(WIDTH) | rng.getrandbits(WIDTH)
        n = rng.randrange(1, 10)
        expected = {s for s in range(WIDTH) if cells(n, s) & ~mask == 0}
        assert set(bits(runs(mask, n))) == expected


def test_spread_by_length_joins_each_length_spread() -> None:
    groups = {2: _set(10), 4: _set(30)}
    assert spread_by_length(groups) == spread(_set(10), 2) | spread(_set(30), 4)
    assert bits(spread_by_length(groups)) == [9, 10, 27, 28, 29, 30]
    assert spread_by_length({}) == 0


def test_near_bookings_leave_gaps_under_a_quarter_of_an_hour() -> None:
    # A session of 3 cells ending 1-3 cells before cell 20 starts at 15-17; one starting 1-3
    # cells after the booking at 20 starts at 21-23.
    assert bits(near_bookings(_set(20), 3)) == [15, 16, 17, 21, 22, 23]
    for start in bits(near_bookings(_set(20), 3)):
        assert not cells(3, start) & _set(20)


def test_order_tries_starts_next_to_bookings_first_and_each_once() -> None:
    cand = _set(1, 2, 3, 10, 11, 40)
    near = _set(2, 10, 50)
    for seed in range(20):
        tried = order(cand, near, random.Random(seed))
        assert set(tried[:2]) == {2, 10}
        assert sorted(tried) == bits(cand)
    assert order(0, near, random.Random(0)) == []


def test_order_is_the_same_for_the_same_seed() -> None:
    cand = (1 << 200) - 1
    assert order(cand, 0, random.Random(5)) == order(cand, 0, random.Random(5))
    assert order(cand, 0, random.Random(5)) != order(cand, 0, random.Random(6))


def test_working_minutes_count_only_time_within_opening_hours() -> None:
    assert working_minutes(WeeklyHours.parse("mon-fri 08:00-16:00"), DEFAULT_OPENING) == 5 * 480
    # Opening is 08:00-18:00 on weekdays only: the evening and Saturday do not count.
    h = WeeklyHours.parse("mon 17:00-20:00; sat 09:00-13:00")
    assert working_minutes(h, DEFAULT_OPENING) == 60


def _prac(hours: WeeklyHours) -> Prac:
    return Prac(0, 1, "P", Profession.PHYSIOTHERAPIST, False, [0], {0: hours}, [], 1.0)


def test_allowed_starts_are_quarters_from_which_the_session_fits() -> None:
    loc = Loc(0, 1, "Oslo", DEFAULT_OPENING, bytearray(7))
    p = _prac(WeeklyHours.parse("mon 07:00-09:00; tue 08:10-08:40"))
    # Monday: opening starts at 08:00; a 15-minute session must end by 09:00.
    assert bits(p.allowed_starts(loc, 0, 3)) == [
        _cell(8, 0),
        _cell(8, 15),
        _cell(8, 30),
        _cell(8, 45),
    ]
    assert bits(p.allowed_starts(loc, 0, 12)) == [_cell(8, 0)]
    assert p.allowed_starts(loc, 0, 13) == 0
    # Tuesday 08:10-08:40 holds 30 minutes, but only 08:15 is a quarter hour and 08:15-08:40
    # is too short for 30 minutes.
    assert bits(p.allowed_starts(loc, 1, 3)) == [_cell(8, 15)]
    assert p.allowed_starts(loc, 1, 6) == 0
    assert p.allowed_starts(loc, 2, 1) == 0  # not working on Wednesday
    assert set(p.allowed) == {(0, 0, 3), (0, 0, 12), (0, 0, 13), (0, 1, 3), (0, 1, 6), (0, 2, 1)}


def test_load_is_booked_share_of_capacity() -> None:
    p = _prac(DEFAULT_OPENING)
    p.capacity_min = 600.0
    p.booked_min = 150
    assert p.load == pytest.approx(0.25)


def test_days_index_weekdays_and_utc_across_daylight_saving() -> None:
    days = Days(date(2026, 3, 23), 14, zone("Europe/Oslo"))
    assert days.day(0) == date(2026, 3, 23) and days.index(date(2026, 4, 1)) == 9
    assert days.wd[:7] == [0, 1, 2, 3, 4, 5, 6]
    assert days.at(2, _cell(9, 45)) == datetime(2026, 3, 25, 9, 45)
    # Summer time starts on Sunday 29 March 2026: +01:00 before, +02:00 after.
    assert days.utc(4, days.at(4, _cell(10, 0))) == datetime(2026, 3, 27, 9, 0)
    assert days.utc(7, days.at(7, _cell(10, 0))) == datetime(2026, 3, 30, 8, 0)
