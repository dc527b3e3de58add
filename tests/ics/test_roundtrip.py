"""What we write, we read back identically (hypothesis).

Two properties:

* a session written as an event reads back, in icalendar and in planner's own importer, with
  the same UID, SEQUENCE, texts (commas, semicolons, backslashes, newlines, any language),
  status, zone, wall-clock start and end, and UTC instants;
* a phase written in the series shape, after any mix of cancellations, moves, weeks left out
  and sessions given to another practitioner, expands in icalendar and in the strict ``ical``
  library to exactly the sessions that remain.
"""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
from dateutil.rrule import WEEKLY, rrule
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.timeutil import is_nonexistent, to_utc
from planner.ics import render
from planner.ics.event import read_event
from planner.ics.expand import Expander, Limits
from planner.ics.model import Cadence, CalendarMeta, EventText, PhaseGroup, SessionEvent
from planner.ics.reader import Component, read_calendar
from planner.ics.series import plan_series

from .helpers import expand_ical, expand_icalendar, strict_check

ZONES = ["Europe/Oslo", "America/New_York", "Australia/Sydney", "Asia/Tokyo"]
STAMP = datetime(2026, 9, 1, 12, 0)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SPECIAL = [",", ";", "\\", ":", "\n", '"', "æ", "ø", "å", "Ω", "😀", "\\n", "\\,", "\t"]
"""Characters TEXT escaping (RFC 5545 section 3.3.11) or folding of UTF-8 can get wrong."""
text = (
    st.lists(
        st.one_of(
            st.sampled_from(SPECIAL),
            st.text(
                alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
            ),
        ),
        min_size=1,
        max_size=14,
    )
    .map("".join)
    .filter(bool)
)


@st.composite
def local_times(draw: st.DrawFn, tz: str) -> datetime:
    day = draw(
        st.dates(min_value=datetime(2025, 1, 2).date(), max_value=datetime(2028, 12, 30).date())
    )
    minutes = draw(st.integers(min_value=0, max_value=24 * 12 - 1)) * 5
    local = datetime.combine(day, time()) + timedelta(minutes=minutes)
    if is_nonexistent(local, ZoneInfo(tz)):
        local += timedelta(hours=1)  # the engine never books inside a DST gap
    return local


@st.composite
def sessions(draw: st.DrawFn) -> SessionEvent:
    tz = draw(st.sampled_from(ZONES))
    start = draw(local_times(tz))
    cancelled = draw(st.booleans())
    return SessionEvent(
        appointment_id=1,
        uid=draw(st.uuids()).hex + "@planner",
        sequence=draw(st.integers(min_value=0, max_value=10_000)),
        tz=tz,
        start_local=start,
        duration_min=draw(st.integers(min_value=5, max_value=480)),
        original_start_local=start,
        cancelled=cancelled,
        created_utc=STAMP,
        modified_utc=STAMP,
        text=EventText(draw(text), draw(text), draw(text), alarm=draw(text)),
    )


def _meta(
    tzids: set[str], years: tuple[int, int], alarms: tuple[timedelta, ...] = ()
) -> CalendarMeta:
    return CalendarMeta(
        name="round trip",
        uid="rt@planner",
        stamp_utc=STAMP,
        tzids=tuple(sorted(tzids)),
        years=years,
        alarms=alarms,
    )


def _tzid(vtimezone: Component) -> str:
    line = vtimezone.get("TZID")
    assert line is not None, "a VTIMEZONE without TZID"
    return line.value


@SETTINGS
@given(sessions())
def test_a_session_reads_back_identically(s: SessionEvent) -> None:
    alarms = (timedelta(hours=24), timedelta(minutes=90))
    meta = _meta({s.tz}, (s.start_local.year, s.end_local.year), alarms)
    data = render.header(meta) + render.session_event(s, meta).to_ical() + render.footer()
    strict_check(data)
    (ev,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(ev["UID"]) == s.uid and ev["SEQUENCE"] == s.sequence
    assert (str(ev["SUMMARY"]), str(ev["DESCRIPTION"]), str(ev["LOCATION"])) == (
        s.text.summary,
        s.text.description,
        s.text.location,
    )
    assert ev["STATUS"] == ("CANCELLED" if s.cancelled else "CONFIRMED")
    start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
    assert str(start.tzinfo) == s.tz and str(end.tzinfo) == s.tz
    assert start.replace(tzinfo=None) == s.start_local
    assert end.replace(tzinfo=None) == s.end_local
    tz = ZoneInfo(s.tz)
    utc = to_utc(s.start_local, tz)
    assert start.astimezone(ZoneInfo("UTC")).replace(tzinfo=None) == utc
    alarms_back = [a for a in ev.walk("VALARM")]
    if s.cancelled:
        assert alarms_back == []
    else:
        assert [a.decoded("TRIGGER") for a in alarms_back] == [-a for a in alarms]
        assert {str(a["DESCRIPTION"]) for a in alarms_back} == {s.text.alarm}

    # planner's own importer reads the same instant back
    items = list(read_calendar(io.BytesIO(data), "rt.ics"))
    comps = [i for i in items if isinstance(i, Component)]
    vtz = {_tzid(c): c for c in comps if c.name == "VTIMEZONE"}
    (vevent,) = [c for c in comps if c.name == "VEVENT"]
    raw = read_event(vevent, "rt.ics")
    assert raw.summary == s.text.summary and raw.uid == s.uid
    ex = Expander(
        "rt.ics", ZoneInfo("UTC"), vtz, Limits(utc - timedelta(days=1), utc + timedelta(days=2))
    )
    (inst,) = ex.expand(raw, [])
    assert (inst.start_utc, inst.end_utc) == (utc, to_utc(s.end_local, tz))


@st.composite
def phases(draw: st.DrawFn) -> tuple[PhaseGroup, list[tuple[datetime, datetime]]]:
    tz = draw(st.sampled_from(ZONES))
    interval = draw(st.integers(min_value=1, max_value=3))
    weekdays = tuple(
        sorted(draw(st.sets(st.integers(min_value=0, max_value=6), min_size=1, max_size=3)))
    )
    at = time(draw(st.integers(min_value=7, max_value=18)), draw(st.sampled_from([0, 15, 30, 45])))
    minutes = draw(st.sampled_from([15, 20, 30, 45, 60]))
    count = draw(st.integers(min_value=2, max_value=14))
    day = draw(
        st.dates(min_value=datetime(2025, 6, 1).date(), max_value=datetime(2027, 6, 1).date())
    )
    first_wd = draw(st.sampled_from(weekdays))
    day += timedelta(days=(first_wd - day.weekday()) % 7)
    start = datetime.combine(day, at)
    # The engine's rule: every `interval` weeks on the weekdays, weeks counted from the start.
    nominals = list(
        rrule(
            WEEKLY,
            dtstart=start,
            interval=interval,
            byweekday=weekdays,
            wkst=start.weekday(),
            count=count,
        )
    )
    zone = ZoneInfo(tz)
    members: list[SessionEvent] = []
    expected: list[tuple[datetime, datetime]] = []
    for i, nominal in enumerate(nominals):
        fate = draw(st.sampled_from(["kept", "kept", "moved", "cancelled", "missing", "elsewhere"]))
        if fate == "missing":
            continue  # a week left out: no session at all
        actual = nominal
        if fate == "moved":
            actual = nominal + timedelta(
                days=draw(st.integers(-3, 3)), minutes=15 * draw(st.integers(-8, 8))
            )
        for t in (nominal, actual):
            if is_nonexistent(t, zone):
                fate = "kept" if t is actual and fate == "moved" else fate
        if is_nonexistent(actual, zone) or is_nonexistent(nominal, zone):
            actual = nominal = nominal + timedelta(hours=2)  # off the rule: stands alone
        members.append(
            SessionEvent(
                appointment_id=i + 1,
                uid=f"s{i}@planner",
                sequence=0,
                tz=tz,
                start_local=actual,
                duration_min=minutes,
                original_start_local=nominal,
                cancelled=fate == "cancelled",
                created_utc=STAMP,
                modified_utc=STAMP,
                text=EventText(f"session {i}", "", ""),
                in_scope=fate != "elsewhere",
            )
        )
        if fate in ("kept", "moved"):
            u = to_utc(actual, zone)
            expected.append((u, u + timedelta(minutes=minutes)))
    cadence = Cadence(interval, weekdays, at, minutes, planned=count)
    return PhaseGroup(1, 0, "seed@planner", tz, cadence, tuple(members), sequence=3), sorted(
        expected
    )


@SETTINGS
@given(phases())
def test_a_phase_in_series_shape_expands_to_its_remaining_sessions(
    case: tuple[PhaseGroup, list[tuple[datetime, datetime]]],
) -> None:
    group, expected = case
    if not group.sessions:
        return
    years = (
        min(s.start_local.year for s in group.sessions) - 1,
        max(s.start_local.year for s in group.sessions) + 1,
    )
    meta = _meta({group.tz}, years)
    made = plan_series(group)
    body = b""
    for series in made.series:
        assert series.occurrences()[0] == series.dtstart
        body += render.serialise(
            render.series_events(series, group.tz, EventText("series", "", ""), 3, meta)
        )
    for s in made.standalone:
        if s.in_scope:
            body += render.session_event(s, meta).to_ical()
    if not body:
        assert expected == []
        return
    data = render.header(meta) + body + render.footer()
    strict_check(data)
    assert expand_icalendar(data) == expected
    assert expand_ical(data) == expected


def test_literal_backslash_n_is_not_a_line_break() -> None:
    """Found by the round-trip property: icalendar's own escaper reads a literal ``\\N`` in a
    text (a Windows path, ``C:\\Notes``) as an already-escaped newline and writes ``\\n``, so
    the patient's calendar showed a line break. planner escapes TEXT itself (RFC 5545 3.3.11):
    every backslash is doubled and only real line breaks become ``\\n``."""
    import vobject

    start = datetime(2026, 9, 15, 10, 0)
    s = SessionEvent(
        appointment_id=1,
        uid="backslash@planner",
        sequence=0,
        tz="Europe/Oslo",
        start_local=start,
        duration_min=30,
        original_start_local=start,
        cancelled=False,
        created_utc=STAMP,
        modified_utc=STAMP,
        text=EventText("C:\\Notes; a, b", "line one\nline two \\N end", "Room\\North", alarm="x"),
    )
    meta = _meta({s.tz}, (2026, 2026))
    data = render.header(meta) + render.session_event(s, meta).to_ical() + render.footer()
    assert b"SUMMARY:C:\\\\Notes\\; a\\, b" in data
    strict_check(data)
    (ev,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(ev["SUMMARY"]) == "C:\\Notes; a, b"
    assert str(ev["DESCRIPTION"]) == "line one\nline two \\N end"
    assert str(ev["LOCATION"]) == "Room\\North"
    other = vobject.readOne(data.decode())
    assert other.vevent.summary.value == "C:\\Notes; a, b"
    assert other.vevent.location.value == "Room\\North"
