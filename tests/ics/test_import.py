"""Importing calendars as blocked time and closures; malformed files change nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Row, select, text

from planner.core.domain import Kind, Phase
from planner.db.models import BlockedTime, CalendarImport, Closure, ImportedClosure
from planner.db.store import Store
from planner.errors import BadInput, CalendarFileError, Conflict
from planner.services import clinic
from planner.services.booking.edits import cancel, move
from planner.services.booking.plans import PlanRequest, book, preview
from planner.services.calendar_export import export_calendar
from planner.services.calendar_import import import_calendar
from planner.services.export_scope import Scope

from ..conftest import FROZEN_NOW, Clinic
from .conftest import CalendarFiles
from .helpers import appointment

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> Path:
    return FIXTURES / name


def blocks(store: Store) -> list[tuple[datetime, datetime, str]]:
    with store.read() as s:
        rows = s.execute(
            select(BlockedTime.start_utc, BlockedTime.end_utc, BlockedTime.summary).order_by(
                BlockedTime.start_utc
            )
        ).all()
    return [(start, end, summary) for start, end, summary in rows]


def closures(store: Store) -> list[tuple[date, date, str]]:
    with store.read() as s:
        rows = s.execute(
            select(Closure.first_day, Closure.last_day, Closure.reason).order_by(Closure.first_day)
        ).all()
    return [(first, last, reason) for first, last, reason in rows]


def snapshot(store: Store) -> list[Sequence[Row[Any]]]:
    with store.read() as s:
        return [
            s.execute(select(BlockedTime.__table__)).all(),
            s.execute(select(Closure.__table__)).all(),
            s.execute(select(ImportedClosure.__table__)).all(),
            s.execute(select(CalendarImport.__table__)).all(),
        ]


def fibro(c: Clinic, start: str = "2026-09-15T10:00", **kw: Any) -> PlanRequest:
    return PlanRequest(
        patient_id=c.kari,
        practitioner_id=c.practitioner,
        start=start,
        template="Fibromyalgia acupuncture",
        **kw,
    )


# -- busy calendars ---------------------------------------------------------------------------


def test_outlook_busy_calendar_with_windows_zone_exdate_override_and_all_day(
    oslo: Clinic, calendar: CalendarFiles
) -> None:
    """Outlook names its zone "W. Europe Standard Time" and defines it from 1601 with RRULEs;
    a weekly meeting has one week excluded and one moved; free, cancelled and past events
    block nothing; an all-day holiday blocks whole local days, stored as day-long pieces."""
    res = import_calendar(
        oslo.store,
        calendar("outlook_windows_tzid_exdate_moved_free_cancelled.ics"),
        practitioner_id=oslo.practitioner,
        now=FROZEN_NOW,
    )
    assert res.source == "Ingrid (Outlook)" and res.tz == "Europe/Oslo"
    got = blocks(oslo.store)
    meetings = [(a, b) for a, b, s in got if s.startswith("Team meeting")]
    wednesdays = [datetime(2026, 9, 2) + timedelta(weeks=i) for i in range(18)]
    expected = []
    for d in wednesdays:
        if d.date() == date(2026, 9, 16):
            continue  # EXDATE
        hour = 15 if d.date() == date(2026, 9, 23) else 13  # the moved one
        utc = d + timedelta(hours=hour - (2 if d < datetime(2026, 10, 25) else 1))
        expected.append((utc, utc + timedelta(hours=1)))
    assert meetings == expected
    holiday = [(a, b) for a, b, s in got if s == "Autumn holiday"]
    assert holiday == [
        (datetime(2026, 10, 18 + i, 22, 0), datetime(2026, 10, 19 + i, 22, 0)) for i in range(4)
    ]
    assert {s for _a, _b, s in got} == {"Team meeting", "Team meeting (moved)", "Autumn holiday"}
    assert res.rows == len(got) == 17 + 4
    assert {sk.line for sk in res.skipped} == {
        calendar.line(n) for n in (53, 61, 69)
    }  # free, free (Outlook), cancelled


def test_google_calendar_with_rdate_thisandfuture_floating_and_utc(
    oslo: Clinic, calendar: CalendarFiles
) -> None:
    res = import_calendar(
        oslo.store,
        calendar("google_busy_rdate_thisandfuture_floating_utc.ics"),
        practitioner_id=oslo.practitioner,
        now=FROZEN_NOW,
    )
    got = {(a, s) for a, _b, s in blocks(oslo.store)}
    cest = timedelta(hours=2)
    board = {
        datetime(2026, 9, 7, 7) - cest,
        datetime(2026, 9, 10, 7) - cest,
        datetime(2026, 10, 5, 7) - cest,
        datetime(2026, 11, 2, 6),
    }
    assert {a for a, s in got if s == "Board meeting"} == board
    lunch = {a for a, s in got if s.startswith("Friday lunch")}
    assert lunch == {
        datetime(2026, 9, 4, 10),
        datetime(2026, 9, 11, 10),
        datetime(2026, 9, 18, 10),
        datetime(2026, 9, 25, 12),
        datetime(2026, 10, 2, 12),
        datetime(2026, 10, 9, 12),
    }
    assert (datetime(2026, 10, 5, 7), "Floating time (read in X-WR-TIMEZONE)") in got
    assert (datetime(2026, 10, 12, 8), "Phone call (UTC)") in got
    assert res.rows == 12 and res.skipped == []


def test_an_imported_busy_calendar_makes_the_engine_refuse_or_shift_a_series(
    oslo: Clinic, calendar: CalendarFiles
) -> None:
    """The dentist on Tue 6 Oct 09:30-11:00 takes the 10:00 slot of treatment 3."""
    import_calendar(
        oslo.store,
        calendar("minutely_rule_that_never_matches.ics"),
        practitioner_id=oslo.practitioner,
        now=FROZEN_NOW,
    )
    pv = preview(oslo.store, fibro(oslo))
    third = pv.sessions[3]
    assert third.state.value == "conflict"
    assert third.reasons[0].code == "practitioner-busy"
    assert "busy (imported calendar)" in third.reasons[0].message
    assert "Dentist" not in third.reasons[0].message, "what the event was stays private"
    assert [s.state.value for s in pv.sessions].count("conflict") == 1
    with pytest.raises(Conflict, match="busy \\(imported calendar\\)"):
        book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    shifted = preview(oslo.store, fibro(oslo, conflict_policy="same-day")).sessions[3]
    assert shifted.state.value == "shifted" and shifted.local_start == datetime(2026, 10, 6, 11, 0)


def test_a_long_block_stored_in_pieces_still_holds_every_hour(
    oslo: Clinic, calendar: CalendarFiles
) -> None:
    """The four-day holiday is four day-long rows; the overlap check, bounded from below by a
    day, finds the piece that covers a session in the middle of it, using its index."""
    import_calendar(
        oslo.store,
        calendar("outlook_windows_tzid_exdate_moved_free_cancelled.ics"),
        practitioner_id=oslo.practitioner,
        now=FROZEN_NOW,
    )
    pv = preview(oslo.store, fibro(oslo, conflict_policy="next-working-day"))
    t5 = pv.sessions[5]  # Tue 20 Oct falls in the holiday (19-22 Oct)
    assert t5.nominal_local == datetime(2026, 10, 20, 10, 0)
    assert t5.local_start == datetime(2026, 10, 23, 10, 0)
    assert t5.reasons[0].code == "practitioner-busy"
    with pytest.raises(Conflict, match="imported calendar"):  # Wednesdays 13:00: the meeting
        book(oslo.store, fibro(oslo, start="2026-09-16T13:00"), now=FROZEN_NOW)
    res = book(
        oslo.store,
        fibro(oslo, start="2026-09-15T12:00", conflict_policy="next-working-day"),
        now=FROZEN_NOW,
    )
    assert res.appointments[5]["local_start"] == "2026-10-23T12:00"
    with pytest.raises(Conflict, match="imported calendar"):
        move(oslo.store, res.appointments[1]["id"], "2026-10-21T12:00", now=FROZEN_NOW)
    with oslo.store.read() as s:
        plan = s.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT start_utc FROM blocked_times WHERE practitioner_id = 1 "
                "AND start_utc >= '2026-10-19' AND start_utc < '2026-10-21'"
            )
        ).all()
    assert any("ix_blocked_times_practitioner_start" in str(r) for r in plan), plan


def test_importing_the_same_source_again_replaces_it(
    oslo: Clinic, tmp_path: Path, calendar: CalendarFiles
) -> None:
    first = import_calendar(
        oslo.store,
        calendar("google_busy_rdate_thisandfuture_floating_utc.ics"),
        practitioner_id=oslo.practitioner,
        now=FROZEN_NOW,
    )
    newer = tmp_path / "google.ics"
    data = calendar("google_busy_rdate_thisandfuture_floating_utc.ics").read_bytes()
    newer.write_bytes(
        data.replace(b"DTSTART:20261012T080000Z", b"DTSTART:20261013T080000Z").replace(
            b"DTEND:20261012T083000Z", b"DTEND:20261013T083000Z"
        )
    )
    second = import_calendar(oslo.store, newer, practitioner_id=oslo.practitioner, now=FROZEN_NOW)
    assert second.source == first.source and second.replaced == first.rows == 12
    starts = [a for a, _b, _s in blocks(oslo.store)]
    assert datetime(2026, 10, 13, 8) in starts and datetime(2026, 10, 12, 8) not in starts
    assert len(starts) == 12
    other = import_calendar(
        oslo.store, newer, practitioner_id=oslo.practitioner, source="second copy", now=FROZEN_NOW
    )
    assert other.replaced == 0 and len(blocks(oslo.store)) == 24
    with oslo.store.read() as s:
        assert len(s.scalars(select(CalendarImport.id)).all()) == 2


def test_import_reports_booked_sessions_that_now_clash(
    oslo: Clinic, calendar: CalendarFiles
) -> None:
    res = book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    out = import_calendar(
        oslo.store,
        calendar("minutely_rule_that_never_matches.ics"),
        practitioner_id=oslo.practitioner,
        now=FROZEN_NOW,
    )
    assert [h["id"] for h in out.hits] == [res.appointments[3]["id"]]
    assert [(s.line, "FREQ=MINUTELY" in s.reason) for s in out.skipped] == [
        (calendar.line(9), True)
    ]


def test_an_export_imported_as_busy_time_blocks_exactly_its_sessions(oslo: Clinic) -> None:
    """planner reads its own files: a plan exported in the series shape becomes exactly its
    sessions as another practitioner's busy time (the same instants as the database)."""
    res = book(oslo.store, fibro(oslo), now=FROZEN_NOW)
    move(oslo.store, res.appointments[6]["id"], "2026-10-29T14:00", now=FROZEN_NOW)
    cancel(oslo.store, res.appointments[3]["id"], now=FROZEN_NOW)
    data = export_calendar(oslo.store, Scope.plan(res.plan_id), shape="series", now=FROZEN_NOW).data
    assert data is not None
    assert oslo.store.path is not None  # a SQLite file
    path = oslo.store.path.with_name("plan.ics")
    path.write_bytes(data)
    import_calendar(oslo.store, path, practitioner_id=oslo.physio, now=FROZEN_NOW, horizon_days=800)
    with oslo.store.read() as s:
        from planner.db.models import Appointment

        want = sorted(
            s.execute(
                select(Appointment.start_utc, Appointment.end_utc).where(
                    Appointment.plan_id == res.plan_id, Appointment.status != "cancelled"
                )
            ).all()
        )
    assert [(a, b) for a, b, _s in blocks(oslo.store)] == [tuple(w) for w in want]


# -- closures -----------------------------------------------------------------------------------


def test_a_closure_calendar_closes_whole_days(oslo: Clinic, calendar: CalendarFiles) -> None:
    res = import_calendar(
        oslo.store,
        calendar("closures_allday_span_whole_opening_day_yearly.ics"),
        location_id=oslo.location,
        now=FROZEN_NOW,
    )
    assert closures(oslo.store) == [
        (date(2026, 10, 15), date(2026, 10, 15), "Clinic anniversary"),
        (date(2026, 11, 6), date(2026, 11, 6), "Staff training day"),
        (date(2026, 12, 24), date(2027, 1, 1), "Christmas closure"),
        (date(2027, 10, 15), date(2027, 10, 15), "Clinic anniversary"),
    ]
    assert res.rows == 4
    (skip,) = res.skipped
    assert skip.line == calendar.line(20) and "covers no whole opening day" in skip.reason
    pv = preview(
        oslo.store,
        PlanRequest(
            patient_id=oslo.kari,
            practitioner_id=oslo.practitioner,
            start="2026-10-13T09:00",
            modality="acupuncture",
            phases=(Phase(Kind.TREATMENT, 30, weeks=1),),
        ),
    )
    assert pv.sessions[0].state.value == "free"
    pv = preview(
        oslo.store,
        PlanRequest(
            patient_id=oslo.kari,
            practitioner_id=oslo.practitioner,
            start="2026-11-06T09:00",
            modality="acupuncture",
            phases=(Phase(Kind.TREATMENT, 30, weeks=1),),
        ),
    )
    first = pv.sessions[0]
    assert first.reasons[0].code == "closure" and "Staff training day" in first.reasons[0].message
    assert first.local_start == datetime(2026, 11, 9, 9, 0)
    again = import_calendar(
        oslo.store,
        calendar("closures_allday_span_whole_opening_day_yearly.ics"),
        location_id=oslo.location,
        now=FROZEN_NOW,
    )
    assert again.replaced == 4 and len(closures(oslo.store)) == 4


def test_closures_report_the_sessions_they_hit(oslo: Clinic, calendar: CalendarFiles) -> None:
    res = book(
        oslo.store,
        PlanRequest(
            patient_id=oslo.kari,
            practitioner_id=oslo.practitioner,
            start="2026-11-06T09:00",
            modality="acupuncture",
            phases=(Phase(Kind.TREATMENT, 30, weeks=2),),
        ),
        now=FROZEN_NOW,
    )
    out = import_calendar(
        oslo.store,
        calendar("closures_allday_span_whole_opening_day_yearly.ics"),
        location_id=oslo.location,
        now=FROZEN_NOW,
    )
    assert [h["id"] for h in out.hits] == [res.appointments[0]["id"]]


# -- limits -------------------------------------------------------------------------------------


def test_an_unbounded_rule_since_1990_stops_at_the_horizon(
    oslo: Clinic, calendar: CalendarFiles
) -> None:
    res = import_calendar(
        oslo.store,
        calendar("unbounded_daily_since_1990.ics"),
        practitioner_id=oslo.practitioner,
        now=FROZEN_NOW,
        horizon_days=100,
    )
    got = blocks(oslo.store)
    assert len(got) == res.rows == 101  # 1 Sep .. 10 Dec 2026 (the horizon is 10 Dec 12:00 UTC)
    assert got[0][0] == datetime(2026, 9, 1, 9, 30) and got[-1][0] == datetime(2026, 12, 10, 10, 30)


def test_a_sub_daily_rule_is_skipped(oslo: Clinic, calendar: CalendarFiles) -> None:
    """FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30 never matches; dateutil would spin for seconds
    looking for it (within the time budget, which the next test pins), so it is not asked."""
    res = import_calendar(
        oslo.store,
        calendar("minutely_rule_that_never_matches.ics"),
        practitioner_id=oslo.practitioner,
        now=FROZEN_NOW,
    )
    assert res.rows == 1
    assert any("FREQ=MINUTELY is not imported" in s.reason for s in res.skipped)


def test_the_time_budget_stops_an_expansion_and_imports_nothing(oslo: Clinic) -> None:
    before = snapshot(oslo.store)
    with pytest.raises(
        CalendarFileError,
        match=r"line 4, in VEVENT .*: expanding the repeating events takes longer",
    ):
        import_calendar(
            oslo.store,
            fixture("unbounded_daily_since_1990.ics"),
            practitioner_id=oslo.practitioner,
            now=FROZEN_NOW,
            time_budget_seconds=0,
        )
    assert snapshot(oslo.store) == before


@pytest.mark.slow
def test_a_file_of_tens_of_megabytes_streams_in_bounded_memory(
    oslo: Clinic, tmp_path: Path
) -> None:
    """Ten years of history (60,000 events, about 25 MB) and 600 future events: the import
    takes seconds, and as the reader holds one event at a time and keeps only those that can
    reach the planning window, the peak traced memory is a small fraction of the file."""
    import tracemalloc

    path = tmp_path / "big.ics"

    def event(i: int, d: datetime) -> bytes:
        return appointment(f"big-{i}@example.com", i, d).encode()

    with path.open("wb") as f:
        f.write(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//big//EN\r\n")
        for i in range(60_000):  # 2016-09-05 onwards, 18 a day, to the end of August 2026
            f.write(event(i, datetime(2016, 9, 5, 8) + timedelta(days=i // 18, hours=i % 9)))
        for i in range(600):  # then 600 in the planning window
            f.write(
                event(60_000 + i, datetime(2026, 10, 1, 8) + timedelta(days=i // 6, hours=i % 6))
            )
        f.write(b"END:VCALENDAR\r\n")
    size = path.stat().st_size
    assert size > 20 * 1024 * 1024
    tracemalloc.start()
    res = import_calendar(oslo.store, path, practitioner_id=oslo.practitioner, now=FROZEN_NOW)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert res.events == 60_600 and res.rows == 600
    # No time limit here: speed is the benchmarks' business, and a loaded machine is slower.
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.1f} MB file"


def test_an_over_long_line_is_refused_without_reading_it_into_memory(
    oslo: Clinic, tmp_path: Path
) -> None:
    path = tmp_path / "long.ics"
    with path.open("wb") as f:
        f.write(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:")
        f.write(b"x" * (5 * 1024 * 1024))
        f.write(b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    with pytest.raises(CalendarFileError, match="line 4: the SUMMARY line is longer than 4 MB"):
        import_calendar(oslo.store, path, practitioner_id=oslo.practitioner, now=FROZEN_NOW)


# -- malformed files --------------------------------------------------------------------------


MALFORMED = [
    ("no_colon", 7, "has no ':' before its value"),
    ("bad_date", 7, "is not a real date"),
    ("cut_short", 4, "the VEVENT 'Cut' (UID m@example.com) begun on line 4 never ends"),
    ("mismatched_end", 8, "END:VTODO but the VEVENT begun on line 4 is still open"),
    ("bad_rrule", 9, "FREQ=DAILY, WEEKLY, MONTHLY or YEARLY (not 'FORTNIGHTLY')"),
    ("count_and_until", 9, "both COUNT and UNTIL"),
    ("bad_byday", 9, "the RRULE 'FREQ=WEEKLY;BYDAY=XX' cannot be read"),
    ("unknown_tzid", 7, "unknown time zone 'Mars/Olympus_Mons'"),
    ("dtend_before_dtstart", 8, "ends before it starts"),
    ("dtend_and_duration", 9, "both DTEND and DURATION"),
    ("bad_duration", 8, "'PT1H30' is not a duration"),
    ("vcalendar_1", 2, "vCalendar 1.0 file"),
    ("no_dtstart", 4, "has no DTSTART"),
    ("unclosed_quote", 7, "no closing quote"),
    ("outside_calendar", 1, "outside BEGIN:VCALENDAR"),
    ("date_mixed_with_datetime", 8, "DTEND is a date-time but DTSTART is a date"),
    ("latin1", 8, "the text is not UTF-8"),
]


OUTSIDE_ANY_COMPONENT = {"vcalendar_1", "outside_calendar", "latin1"}
"""Broken before any component could be read (a line that is not text, the calendar's own
VERSION, a line outside the calendar): there is no event to name."""


@pytest.mark.parametrize(("case", "line", "message"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_file_names_its_line_and_changes_nothing(
    oslo: Clinic, case: str, line: int, message: str
) -> None:
    """Each ``fixtures/malformed_<case>.ics`` is refused with the line where it breaks; the
    busy time already imported from the same source stays exactly as it was."""
    import_calendar(
        oslo.store,
        fixture("google_busy_rdate_thisandfuture_floating_utc.ics"),
        practitioner_id=oslo.practitioner,
        source="ingrid",
        now=FROZEN_NOW,
    )
    before = snapshot(oslo.store)
    assert before[0], "there is something to lose"
    path = fixture(f"malformed_{case}.ics")
    with pytest.raises(CalendarFileError) as err:
        import_calendar(
            oslo.store, path, practitioner_id=oslo.practitioner, source="ingrid", now=FROZEN_NOW
        )
    assert err.value.line == line
    assert err.value.exit_code == 2
    if case == "cut_short":
        where = f"begun on line {line} "
    elif case in OUTSIDE_ANY_COMPONENT:
        where = f"line {line}: "
    else:  # the event is named, so it can be found in the program that wrote it
        where = f"line {line}, in VEVENT "
        assert "(UID m@example.com)" in err.value.message
        assert err.value.details["uid"] == "m@example.com"
    assert err.value.message.startswith(f"malformed_{case}.ics: ")
    assert where in err.value.message
    assert message in err.value.message
    assert snapshot(oslo.store) == before


def test_targets_and_options_are_checked(oslo: Clinic, tmp_path: Path) -> None:
    f = fixture("google_busy_rdate_thisandfuture_floating_utc.ics")
    with pytest.raises(BadInput, match="not both"):
        import_calendar(oslo.store, f, practitioner_id=1, location_id=1)
    with pytest.raises(BadInput, match="not both"):
        import_calendar(oslo.store, f)
    with pytest.raises(BadInput, match="cannot read"):
        import_calendar(oslo.store, tmp_path / "missing.ics", practitioner_id=oslo.practitioner)
    with pytest.raises(BadInput, match="unknown time zone"):
        import_calendar(oslo.store, f, practitioner_id=oslo.practitioner, tz="Mars/Base")
    with pytest.raises(BadInput, match="horizon"):
        import_calendar(oslo.store, f, practitioner_id=oslo.practitioner, horizon_days=0)
    bergen = clinic.add_location(
        oslo.store, "New York office", "America/New_York", hours=["mon-fri 08:00-18:00"]
    )
    both = clinic.add_practitioner(
        oslo.store, "Tove Lund", "acupuncturist", [oslo.location, bergen.id]
    )
    with pytest.raises(BadInput, match="2 time zones"):
        import_calendar(oslo.store, f, practitioner_id=both.id)
    res = import_calendar(oslo.store, f, practitioner_id=both.id, tz="Europe/Oslo", now=FROZEN_NOW)
    assert res.rows == 12
    empty = tmp_path / "empty.ics"
    empty.write_bytes(b"")
    with pytest.raises(CalendarFileError, match="not an iCalendar file"):
        import_calendar(oslo.store, empty, practitioner_id=oslo.practitioner)


def test_per_rule_limits_skip_what_is_beyond_them() -> None:
    """A rule may scan at most ``max_scanned`` occurrences and keep ``max_instances``; past
    that the rest of the event is skipped with a reason (the import itself goes on)."""
    import io
    from zoneinfo import ZoneInfo

    from planner.ics.event import read_event
    from planner.ics.expand import Expander, Limits
    from planner.ics.reader import Component, read_calendar

    data = fixture("unbounded_daily_since_1990.ics").read_bytes()
    (comp,) = [c for c in read_calendar(io.BytesIO(data), "f.ics") if isinstance(c, Component)]
    ev = read_event(comp, "f.ics")
    window = (FROZEN_NOW, FROZEN_NOW + timedelta(days=30))
    few = Expander("f.ics", ZoneInfo("Europe/Oslo"), {}, Limits(*window, max_scanned=1000))
    assert few.expand(ev, []) == []
    assert "more than 1000 times" in few.skipped[0].reason and few.skipped[0].line == 9
    capped = Expander("f.ics", ZoneInfo("Europe/Oslo"), {}, Limits(*window, max_instances=5))
    assert len(capped.expand(ev, [])) == 5
    assert "only the first ones" in capped.skipped[0].reason


def test_an_import_is_recorded_with_its_file_and_digest(oslo: Clinic) -> None:
    import hashlib

    from planner.services.calendar_import import find_import

    path = fixture("google_busy_rdate_thisandfuture_floating_utc.ics")
    res = import_calendar(oslo.store, path, practitioner_id=oslo.practitioner, now=FROZEN_NOW)
    info = find_import(oslo.store, res.import_id)
    assert info["file"] == path.name and info["rows"] == 12 and info["tz"] == "Europe/Oslo"
    with oslo.store.read() as s:
        row = s.get(CalendarImport, res.import_id)
        assert row is not None and row.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(Exception, match="no calendar import with id 99"):
        find_import(oslo.store, 99)
