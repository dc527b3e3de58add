"""Imported busy time is exactly the busy time: all-day exceptions on the right day wherever
the clinic is, and one version of each event (part of issue 16)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from planner.db.models import Closure
from planner.errors import CalendarFileError
from planner.ics.expand import Skipped
from planner.services import clinic
from planner.services.calendar_import import import_calendar

from ..conftest import FROZEN_NOW, Clinic
from .conftest import FIXTURES, CalendarFiles
from .differential import blocked_local, planner_busy, reference_busy


@pytest.mark.parametrize("tz", ["Europe/Oslo", "America/Los_Angeles", "Asia/Tokyo"])
def test_all_day_exceptions_written_as_date_times_free_exactly_their_day(
    oslo: Clinic, calendar: CalendarFiles, tz: str
) -> None:
    """A daily all-day course 7-11 Sep whose exceptions are date-times: ``EXDATE:…0908T000000Z``,
    ``EXDATE;TZID=Asia/Tokyo:…0910T000000``, Outlook's moved occurrence
    ``RECURRENCE-ID;TZID=GMT Standard Time:…0909T000000`` (to 14 Sep) and
    ``UNTIL=…0911T000000Z``. Each names the date as written. The bug: they were converted
    into the clinic's zone first, so in Los Angeles 7 Sep (a real course day) was freed, 8 Sep
    stayed blocked and the last day, 11 Sep, was dropped; seen from Oslo, the Tokyo EXDATE
    freed 9 Sep instead of 10 Sep."""
    import_calendar(
        oslo.store,
        calendar("allday_series_exceptions_written_as_datetimes.ics"),
        practitioner_id=oslo.practitioner,
        tz=tz,
        now=FROZEN_NOW,
    )
    days = sorted({a.date() for a, _b, _s in blocked_local(oslo.store, tz)})
    assert days == [date(2026, 9, 7), date(2026, 9, 11), date(2026, 9, 14)]
    for a, b, _summary in blocked_local(oslo.store, tz):
        assert a.time() == b.time() == datetime.min.time()


@pytest.mark.parametrize("tz", ["Europe/Oslo", "America/Los_Angeles", "Asia/Tokyo"])
def test_as_a_location_calendar_the_same_series_closes_exactly_its_days(
    oslo: Clinic, calendar: CalendarFiles, tz: str
) -> None:
    """The same course imported as a closure calendar for a location in Oslo, Los Angeles and
    Tokyo closes the same three days in each: the excepted ones (8, 9 and 10 Sep) stay open."""
    loc = clinic.add_location(oslo.store, f"Clinic in {tz}", tz, hours=["mon-fri 08:00-18:00"])
    res = import_calendar(
        oslo.store,
        calendar("allday_series_exceptions_written_as_datetimes.ics"),
        location_id=loc.id,
        now=FROZEN_NOW,
    )
    assert res.tz == tz
    with oslo.store.read() as s:
        closed = s.execute(
            select(Closure.first_day, Closure.last_day)
            .where(Closure.location_id == loc.id)
            .order_by(Closure.first_day)
        ).all()
    assert [tuple(c) for c in closed] == [
        (date(2026, 9, 7), date(2026, 9, 7)),
        (date(2026, 9, 11), date(2026, 9, 11)),
        (date(2026, 9, 14), date(2026, 9, 14)),
    ]


def test_only_the_newest_version_of_an_event_blocks_time_once(
    oslo: Clinic, calendar: CalendarFiles
) -> None:
    """One UID written twice: SEQUENCE 0 (Wednesdays 10:00) and SEQUENCE 1 (Thursdays 14:00,
    three times), and one occurrence moved twice (to 15:00 at SEQUENCE 1, to 16:00 at
    SEQUENCE 2). The bug: every version was expanded, so the old Wednesdays stayed blocked
    and the moved Thursday was blocked at both new times."""
    res = import_calendar(
        oslo.store,
        calendar("two_versions_of_a_weekly_meeting.ics"),
        practitioner_id=oslo.practitioner,
        now=FROZEN_NOW,
    )
    assert blocked_local(oslo.store) == [
        (datetime(2026, 9, 3, 14), datetime(2026, 9, 3, 15), "Team meeting"),
        (datetime(2026, 9, 10, 16), datetime(2026, 9, 10, 17), "Team meeting (later still)"),
        (datetime(2026, 9, 17, 14), datetime(2026, 9, 17, 15), "Team meeting"),
    ]
    older = sorted(s.line for s in res.skipped if "older version" in s.reason)
    assert len(older) == 2, res.skipped  # the old master and the first move are reported


def test_unreadable_items_that_block_no_time_are_listed_and_the_rest_imported(
    oslo: Clinic, calendar: CalendarFiles
) -> None:
    """A to-do with a typo (``DUE20260910``, no colon), a free lunch with an empty ``RRULE:``
    and a zero-length Thunderbird override with both DTEND and DURATION: none of them could
    block time, yet each made the whole file refused, and the practitioner's real busy time
    (a weekly course, the dentist) was not imported at all."""
    res = import_calendar(
        oslo.store,
        calendar("unreadable_items_that_block_no_time_beside_busy_time.ics"),
        practitioner_id=oslo.practitioner,
        now=FROZEN_NOW,
    )
    got = [(a, s) for a, _b, s in blocked_local(oslo.store)]
    assert got == [
        (datetime(2026, 9, 8, 8), "Course"),
        (datetime(2026, 9, 15, 8), "Course"),  # the unreadable override is left out
        (datetime(2026, 9, 22, 8), "Course"),
        (datetime(2026, 10, 6, 9, 30), "Dentist"),
    ]
    left_out = {s.line: s.reason for s in res.skipped}
    assert set(left_out) == {calendar.line(n) for n in (4, 10, 27)}, res.skipped
    assert "VTODO blocks no time" in left_out[calendar.line(4)]
    # each named as the practitioner finds it in their calendar program
    assert left_out[calendar.line(4)].startswith("VTODO 'Order needles' (UID todo@example.com): ")
    assert left_out[calendar.line(10)].startswith("VEVENT 'Lunch (free)' (UID lunch@example.com)")
    assert "marked free" in left_out[calendar.line(10)]
    assert "no length" in left_out[calendar.line(27)]
    assert all("left out" in why for why in left_out.values())


def test_an_unreadable_busy_event_still_refuses_the_file(oslo: Clinic, tmp_path: Path) -> None:
    """Busy time that cannot be read could hide a real appointment: nothing is imported."""
    data = (FIXTURES / "unreadable_items_that_block_no_time_beside_busy_time.ics").read_bytes()
    path = tmp_path / "busy_with_empty_rule.ics"
    path.write_bytes(data.replace(b"TRANSP:TRANSPARENT\r\n", b""))
    with pytest.raises(CalendarFileError) as err:
        import_calendar(oslo.store, path, practitioner_id=oslo.practitioner, now=FROZEN_NOW)
    assert "line 15, in VEVENT 'Lunch (free)' (UID lunch@example.com): the RRULE" in str(err.value)
    assert (err.value.details["uid"], err.value.details["summary"]) == (
        "lunch@example.com",
        "Lunch (free)",
    )
    assert blocked_local(oslo.store) == []


def test_an_override_of_no_occurrence_is_reported_and_one_from_before_the_window_kept(
    oslo: Clinic, calendar: CalendarFiles
) -> None:
    """A weekly Thursday meeting from 6 Aug. One override moves 13 Aug (before the import
    window, which opens the day before "now", 1 Sep) to Friday 4 Sep: that busy time is real.
    Another, left from an older version, names Wednesday 9 Sep, which the meeting does not
    have. The bug: it was added as extra busy time; now it is listed and not imported."""
    res = import_calendar(
        oslo.store,
        calendar("override_from_before_the_window_and_one_left_from_an_older_version.ics"),
        practitioner_id=oslo.practitioner,
        now=FROZEN_NOW,
    )
    got = [a for a, _b, _s in blocked_local(oslo.store)]
    assert got == [
        datetime(2026, 9, 3, 10),
        datetime(2026, 9, 4, 9),  # moved here from 13 August
        datetime(2026, 9, 10, 10),
        datetime(2026, 9, 17, 10),
        datetime(2026, 9, 24, 10),
    ]
    (left_over,) = [s for s in res.skipped if "does not have" in s.reason]
    assert left_over.line == calendar.line(22)


# -- versions and free series, read without a database (tests/ics/differential.py) --------------

_NOW = datetime(2031, 3, 1, 12)
_LO, _HI = _NOW - timedelta(days=1), _NOW + timedelta(days=400)


def _cal(*events: str) -> bytes:
    """A calendar of these VEVENT bodies (CRLF), each with a DTSTAMP unless it has its own."""
    body = "".join(
        "BEGIN:VEVENT\r\n"
        + ("" if "DTSTAMP" in ev else "DTSTAMP:20310101T000000Z\r\n")
        + f"{ev}\r\nEND:VEVENT\r\n"
        for ev in events
    )
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//planner tests//EN\r\n"
    return f"{head}{body}END:VCALENDAR\r\n".encode()


def _busy(data: bytes, tz: str = "Europe/Oslo") -> list[tuple[datetime, datetime]]:
    return [(a, b) for _uid, a, b in planner_busy(data, tz, _LO, _HI)]


def test_versions_of_an_override_are_one_instance_however_its_recurrence_id_is_written() -> None:
    """SEQUENCE 2 names 6 Mar 12:00 Oslo in UTC (11:00Z), SEQUENCE 1 in the series' zone.
    They name the same instance: only the newer move blocks. The bug: they were grouped by
    how the RECURRENCE-ID was written, and the one written last won. (recurring-ical-events
    blocks both moves.)"""
    data = _cal(
        "UID:a\r\nDTSTART;TZID=Europe/Oslo:20310305T120000\r\n"
        "DTEND;TZID=Europe/Oslo:20310305T130000\r\nRRULE:FREQ=DAILY;COUNT=3",
        "UID:a\r\nSEQUENCE:2\r\nRECURRENCE-ID:20310306T110000Z\r\n"
        "DTSTART:20310306T150000Z\r\nDTEND:20310306T160000Z",
        "UID:a\r\nSEQUENCE:1\r\nRECURRENCE-ID;TZID=Europe/Oslo:20310306T120000\r\n"
        "DTSTART:20310306T170000Z\r\nDTEND:20310306T180000Z",
    )
    skipped: list[Skipped] = []
    got = [(a, b) for _u, a, b in planner_busy(data, "Europe/Oslo", _LO, _HI, skipped=skipped)]
    assert got == [
        (datetime(2031, 3, 5, 11), datetime(2031, 3, 5, 12)),
        (datetime(2031, 3, 6, 15), datetime(2031, 3, 6, 16)),  # the newer move only
        (datetime(2031, 3, 7, 11), datetime(2031, 3, 7, 12)),
    ]
    assert any("older version of the override" in s.reason for s in skipped), skipped
    # A named difference: recurring-ical-events keys overrides by how they are written.
    reference = [(a, b) for _u, a, b in reference_busy(data, "Europe/Oslo", _LO, _HI)]
    assert reference == [*got[:2], (datetime(2031, 3, 6, 17), datetime(2031, 3, 6, 18)), got[2]]


def test_a_busy_override_of_a_free_series_blocks_its_time() -> None:
    """A free daily series (TRANSP:TRANSPARENT) blocks nothing, but the occurrence an
    override moves and leaves opaque (no TRANSP) is busy. The bug: it was dropped with the
    series."""
    data = _cal(
        "UID:a\r\nDTSTART:20310305T120000Z\r\nDTEND:20310305T130000Z\r\n"
        "RRULE:FREQ=DAILY;COUNT=3\r\nTRANSP:TRANSPARENT",
        "UID:a\r\nRECURRENCE-ID:20310306T120000Z\r\nDTSTART:20310306T150000Z\r\n"
        "DTEND:20310306T160000Z",
    )
    assert _busy(data) == [(datetime(2031, 3, 6, 15), datetime(2031, 3, 6, 16))]
    assert _busy(data) == [(a, b) for _u, a, b in reference_busy(data, "Europe/Oslo", _LO, _HI)]


@pytest.mark.parametrize("tz", ["Europe/Oslo", "America/Los_Angeles", "Asia/Tokyo"])
def test_a_newer_version_outside_the_window_supersedes_an_older_one_inside_it(tz: str) -> None:
    """A meeting on 5 Mar (inside the window) moved to 20 Feb (before it) at SEQUENCE 2, and a
    moved occurrence of a February series moved again, out of the window. The bug: versions
    that cannot reach the window were dropped while reading, before the newest was chosen, so
    the older ones still blocked 5 and 10 Mar."""
    data = _cal(
        "UID:a\r\nDTSTAMP:20310101T000000Z\r\nSEQUENCE:1\r\n"
        "DTSTART:20310305T100000Z\r\nDTEND:20310305T110000Z",
        "UID:a\r\nDTSTAMP:20310102T000000Z\r\nSEQUENCE:2\r\n"
        "DTSTART:20310220T100000Z\r\nDTEND:20310220T110000Z",
        "UID:b\r\nDTSTART:20310201T120000Z\r\nDTEND:20310201T130000Z\r\nRRULE:FREQ=DAILY;COUNT=3",
        "UID:b\r\nSEQUENCE:1\r\nRECURRENCE-ID:20310202T120000Z\r\n"
        "DTSTART:20310310T120000Z\r\nDTEND:20310310T130000Z",
        "UID:b\r\nSEQUENCE:2\r\nRECURRENCE-ID:20310202T120000Z\r\n"
        "DTSTART:20310203T150000Z\r\nDTEND:20310203T160000Z",
    )
    assert _busy(data, tz) == []
    assert reference_busy(data, tz, _LO, _HI) == []
