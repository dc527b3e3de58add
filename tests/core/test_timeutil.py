"""Wall-clock time, zones and the daylight-saving traps: planner.core.timeutil."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.core.timeutil import (
    describe_ambiguity,
    describe_gap,
    gap_length,
    is_ambiguous,
    is_nonexistent,
    parse_clock,
    parse_date,
    parse_local_datetime,
    strict_utc,
    to_local,
    to_utc,
    zone,
)
from planner.errors import BadInput, InvalidTime

OSLO = ZoneInfo("Europe/Oslo")
# Europe/Oslo: clocks forward 02:00 -> 03:00 on Sun 29 Mar 2026, back 03:00 -> 02:00 on
# Sun 25 Oct 2026.
GAP = datetime(2026, 3, 29, 2, 30)
OVERLAP = datetime(2026, 10, 25, 2, 30)


# -- zones -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Europe/Oslo", "America/New_York", "Australia/Sydney", "UTC"])
def test_zone_knows_iana_names(name: str) -> None:
    tz = zone(name)
    assert isinstance(tz, ZoneInfo)
    assert tz.key == name


@pytest.mark.parametrize(
    "name",
    [
        "Mars/Olympus_Mons",
        "",
        " Europe/Oslo",
        "Europe/Oslo ",
        "europe/oslo",
        "Europe",
        "../etc/passwd",
        "CEST+2",
    ],
)
def test_unknown_zone_is_bad_input(name: str) -> None:
    with pytest.raises(BadInput) as err:
        zone(name)
    assert "unknown time zone" in err.value.message
    assert "Europe/Oslo" in err.value.message  # says what to write instead
    assert not isinstance(err.value, InvalidTime)


# -- gaps and overlaps -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("local", "nonexistent", "ambiguous"),
    [
        (datetime(2026, 3, 29, 1, 59), False, False),
        (datetime(2026, 3, 29, 2, 0), True, False),
        (datetime(2026, 3, 29, 2, 59), True, False),
        (datetime(2026, 3, 29, 3, 0), False, False),
        (datetime(2026, 10, 25, 1, 59), False, False),
        (datetime(2026, 10, 25, 2, 0), False, True),
        (datetime(2026, 10, 25, 2, 59), False, True),
        (datetime(2026, 10, 25, 3, 0), False, False),
        (datetime(2026, 9, 15, 10, 0), False, False),
    ],
)
def test_gap_and_overlap_boundaries_in_oslo(
    local: datetime, nonexistent: bool, ambiguous: bool
) -> None:
    assert is_nonexistent(local, OSLO) is nonexistent
    assert is_ambiguous(local, OSLO) is ambiguous


def test_gap_length_is_the_jump_of_the_clocks() -> None:
    assert gap_length(GAP, OSLO) == timedelta(hours=1)
    assert gap_length(datetime(2026, 9, 15, 10, 0), OSLO) == timedelta(0)
    # Lord Howe Island moves its clocks by half an hour
    lord_howe = zone("Australia/Lord_Howe")
    assert is_nonexistent(datetime(2026, 10, 4, 2, 15), lord_howe)
    assert gap_length(datetime(2026, 10, 4, 2, 15), lord_howe) == timedelta(minutes=30)
    assert "forward by 30 minutes" in describe_gap(datetime(2026, 10, 4, 2, 15), lord_howe)


def test_descriptions_name_the_time_the_day_and_the_zone() -> None:
    assert describe_gap(GAP, OSLO) == (
        "02:30 on Sun 29 Mar 2026 does not exist in Europe/Oslo: "
        "the clocks go forward by 60 minutes"
    )
    assert describe_ambiguity(OVERLAP, OSLO) == (
        "02:30 on Sun 25 Oct 2026 happens twice in Europe/Oslo: the clocks go back"
    )


# -- conversions -----------------------------------------------------------------------------------
def test_to_utc_and_to_local() -> None:
    assert to_utc(datetime(2026, 9, 15, 10, 0), OSLO) == datetime(2026, 9, 15, 8, 0)
    assert to_utc(datetime(2026, 12, 15, 10, 0), OSLO) == datetime(2026, 12, 15, 9, 0)
    assert to_local(datetime(2026, 9, 15, 8, 0), OSLO) == datetime(2026, 9, 15, 10, 0)
    assert to_local(datetime(2026, 12, 15, 9, 0), OSLO) == datetime(2026, 12, 15, 10, 0)
    # in the overlap, fold picks the first (summer time) or the second (winter time) 02:30
    assert to_utc(OVERLAP, OSLO) == datetime(2026, 10, 25, 0, 30)
    assert to_utc(OVERLAP, OSLO, fold=1) == datetime(2026, 10, 25, 1, 30)
    assert to_local(datetime(2026, 10, 25, 0, 30), OSLO) == OVERLAP
    assert to_local(datetime(2026, 10, 25, 1, 30), OSLO) == OVERLAP
    assert to_utc(datetime(2026, 9, 15, 10, 0), OSLO).tzinfo is None
    assert to_local(datetime(2026, 9, 15, 8, 0), OSLO).tzinfo is None


def test_strict_utc_refuses_gap_and_overlap() -> None:
    assert strict_utc(datetime(2026, 9, 15, 10, 0), OSLO) == datetime(2026, 9, 15, 8, 0)
    with pytest.raises(InvalidTime, match="does not exist"):
        strict_utc(GAP, OSLO)
    with pytest.raises(InvalidTime, match=r"give the offset, e\.g\. 2026-10-25T02:30\+02:00"):
        strict_utc(OVERLAP, OSLO)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(
    minute=st.integers(0, 6 * 366 * 24 * 60),
    tz=st.sampled_from(["Europe/Oslo", "America/New_York", "Australia/Sydney"]),
)
def test_local_round_trip_for_every_real_instant(minute: int, tz: str) -> None:
    """Every UTC instant has a wall time; that wall time maps back unless it is doubled."""
    utc = datetime(2025, 1, 1) + timedelta(minutes=minute)
    z = ZoneInfo(tz)
    local = to_local(utc, z)
    assert not is_nonexistent(local, z)
    expected = utc.replace(tzinfo=UTC).astimezone(z)
    assert local == expected.replace(tzinfo=None, fold=0)
    if is_ambiguous(local, z):
        assert utc in (to_utc(local, z, fold=0), to_utc(local, z, fold=1))
        with pytest.raises(InvalidTime):
            parse_local_datetime(f"{local:%Y-%m-%dT%H:%M}", z)
    else:
        assert to_utc(local, z) == utc
        assert parse_local_datetime(f"{local:%Y-%m-%dT%H:%M}", z) == (local, utc)
    # an explicit offset always names the instant
    text = expected.isoformat(timespec="minutes")
    assert parse_local_datetime(text, z) == (local, utc)


# -- parse_local_datetime --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "local", "utc"),
    [
        ("2026-09-15T10:00", datetime(2026, 9, 15, 10, 0), datetime(2026, 9, 15, 8, 0)),
        ("2026-09-15 10:00", datetime(2026, 9, 15, 10, 0), datetime(2026, 9, 15, 8, 0)),
        ("  2026-09-15T9:05  ", datetime(2026, 9, 15, 9, 5), datetime(2026, 9, 15, 7, 5)),
        ("2026-09-15T10:00:30", datetime(2026, 9, 15, 10, 0, 30), datetime(2026, 9, 15, 8, 0, 30)),
        ("2026-12-15T10:00", datetime(2026, 12, 15, 10, 0), datetime(2026, 12, 15, 9, 0)),
        ("2026-09-15T10:00+02:00", datetime(2026, 9, 15, 10, 0), datetime(2026, 9, 15, 8, 0)),
        ("2026-09-15T10:00+0200", datetime(2026, 9, 15, 10, 0), datetime(2026, 9, 15, 8, 0)),
        ("2026-09-15T08:00Z", datetime(2026, 9, 15, 10, 0), datetime(2026, 9, 15, 8, 0)),
        # an offset from elsewhere: the instant is kept, the wall time is Oslo's
        ("2026-09-15T10:00-04:00", datetime(2026, 9, 15, 16, 0), datetime(2026, 9, 15, 14, 0)),
        # the offset settles which 02:30 of 25 Oct is meant
        ("2026-10-25T02:30+02:00", OVERLAP, datetime(2026, 10, 25, 0, 30)),
        ("2026-10-25T02:30+01:00", OVERLAP, datetime(2026, 10, 25, 1, 30)),
    ],
)
def test_parse_local_datetime(text: str, local: datetime, utc: datetime) -> None:
    assert parse_local_datetime(text, OSLO) == (local, utc)


def test_parse_local_datetime_refuses_a_time_in_the_spring_gap() -> None:
    with pytest.raises(InvalidTime) as err:
        parse_local_datetime("2026-03-29T02:30", OSLO)
    assert "does not exist in Europe/Oslo" in err.value.message
    assert "choose another time" in err.value.message
    assert err.value.exit_code == 2  # InvalidTime is a BadInput


def test_parse_local_datetime_refuses_an_ambiguous_time_and_suggests_an_offset() -> None:
    with pytest.raises(InvalidTime) as err:
        parse_local_datetime("2026-10-25T02:30", OSLO)
    assert "happens twice" in err.value.message
    assert "2026-10-25T02:30+02:00" in err.value.message


@pytest.mark.parametrize(
    "text",
    ["2026-09-15", "tomorrow 10:00", "", "15.09.2026 10:00", "2026-09-15T10", "2026-09-15T10:00+2"],
)
def test_parse_local_datetime_unreadable_text(text: str) -> None:
    with pytest.raises(BadInput, match="cannot read the date and time") as err:
        parse_local_datetime(text, OSLO)
    assert not isinstance(err.value, InvalidTime)


@pytest.mark.parametrize("text", ["2026-02-30T10:00", "2026-09-15T25:00", "2026-09-15T10:61"])
def test_parse_local_datetime_impossible_date_or_time(text: str) -> None:
    with pytest.raises(BadInput, match="is not a real date and time") as err:
        parse_local_datetime(text, OSLO)
    assert not isinstance(err.value, InvalidTime)


# -- dates and clock times -------------------------------------------------------------------------
def test_parse_date() -> None:
    assert parse_date("2026-09-15") == date(2026, 9, 15)
    assert parse_date(" 2026-09-15 ") == date(2026, 9, 15)
    with pytest.raises(BadInput, match=r"cannot read the start date '15\.09\.2026'"):
        parse_date("15.09.2026", "start date")
    with pytest.raises(BadInput):
        parse_date("2026-13-01")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08:00", time(8, 0)),
        ("8:30", time(8, 30)),
        ("0800", time(8, 0)),
        (" 17:45 ", time(17, 45)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("24:00", time.max),  # the end of the day
    ],
)
def test_parse_clock(text: str, expected: time) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize("text", ["24:30", "12:60", "8", "noon", "-1:00", "", "8.30"])
def test_parse_clock_refuses_non_times(text: str) -> None:
    with pytest.raises(BadInput):
        parse_clock(text)
