"""The hand-written event writer (planner.ics.fast) against icalendar (planner.ics.render).

Both must write the same bytes for every session, series and calendar: random texts with
everything RFC 5545 escapes or folds awkwardly, alarms, organizer and attendee, cancelled
sessions and series, overrides, exdates, and zones icalendar writes with a TZID or as UTC.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar.parser.string import _foldline

from planner.ics import fast, render
from planner.ics.model import CalendarMeta, EventText, Organizer, SessionEvent
from planner.ics.series import Series

PIECES = [
    ",",
    ";",
    ":",
    "\\",
    "\\N",
    "\n",
    "\r\n",
    "\r",
    "^",
    '"',
    "'",
    "\u2019",
    " ",
    "\t",
    "😀",
    "👩🏽‍⚕️",
    "æøå ÆØÅ",
    "Sykehusinnkjøpsforvaltningsavdelingsleder",
    "fylkeskommunesamferdselsetatsrepresentant",
    "Øvre Ålesundsgate 12, 3. etasje; ring på",
    "C:\\Notes\\new",
]
ZONES = [
    "Europe/Oslo",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Europe/London",
    "UTC",
    "Etc/UTC",
]

texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=25).map("".join)
short_texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=6).map(
    "".join
)
moments = st.datetimes(min_value=datetime(2027, 1, 1), max_value=datetime(2035, 12, 31))
uids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9.@_-]{0,90}", fullmatch=True)
event_texts = st.builds(
    EventText,
    summary=texts,
    description=st.one_of(st.just(""), texts),
    location=st.one_of(st.just(""), texts),
    alarm=st.one_of(st.just(""), short_texts),
)
people = st.builds(
    Organizer,
    name=short_texts,
    email=st.sampled_from(["clinic@example.no", "kari.o+cal@example.com", "a@b.c"]),
)


@st.composite
def session_events(draw: st.DrawFn, tz: str | None = None) -> SessionEvent:
    start = draw(moments)
    return SessionEvent(
        appointment_id=draw(st.integers(1, 10**6)),
        uid=draw(uids),
        sequence=draw(st.integers(0, 500)),
        tz=tz or draw(st.sampled_from(ZONES)),
        start_local=start,
        duration_min=draw(st.integers(5, 600)),
        original_start_local=draw(st.one_of(st.just(start), moments)),
        cancelled=draw(st.booleans()),
        created_utc=draw(moments),
        modified_utc=draw(moments),
        text=draw(event_texts),
        in_scope=draw(st.booleans()),
    )


metas = st.builds(
    CalendarMeta,
    name=short_texts,
    uid=uids,
    stamp_utc=moments,
    method=st.sampled_from([None, "CANCEL", "REQUEST"]),
    organizer=st.one_of(st.none(), people),
    attendee=st.one_of(st.none(), people),
    classification=st.sampled_from([None, "CONFIDENTIAL"]),
    alarms=st.lists(
        st.integers(1, 4 * 7 * 24 * 60).map(lambda m: timedelta(minutes=m)),
        max_size=3,
        unique=True,
    ).map(tuple),
)


@st.composite
def series_and_zone(draw: st.DrawFn) -> tuple[Series, str]:
    tz = draw(st.sampled_from(ZONES))
    members = draw(st.lists(session_events(tz), min_size=1, max_size=5))
    series = Series(
        uid=draw(uids),
        dtstart=draw(moments),
        count=draw(st.integers(2, 60)),
        interval_weeks=draw(st.integers(1, 4)),
        byday=draw(
            st.one_of(
                st.none(),
                st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True).map(
                    lambda d: tuple(sorted(d))
                ),
            )
        ),
        duration_min=draw(st.integers(5, 600)),
        exdates=draw(st.lists(moments, max_size=12)),
        overrides=[m for m in members if draw(st.booleans())],
        members=members,
    )
    return series, tz


SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(session_events(), metas, st.sampled_from([None, True, False]))
def test_a_session_event_is_written_as_icalendar_writes_it(
    s: SessionEvent, meta: CalendarMeta, cancelled: bool | None
) -> None:
    expected = render.session_event(s, meta, cancelled=cancelled).to_ical()
    assert fast.session_event(s, meta, cancelled=cancelled) == expected


@SETTINGS
@given(series_and_zone(), event_texts, st.integers(0, 10**4), metas)
def test_a_series_is_written_as_icalendar_writes_it(
    made: tuple[Series, str], master: EventText, sequence: int, meta: CalendarMeta
) -> None:
    series, tz = made
    expected = render.series_events(series, tz, master, sequence, meta)
    got = fast.series_events(series, tz, master, sequence, meta)
    assert len(got) == len(expected)
    assert fast.join(got) == render.serialise(expected)
    cancelled = render.cancelled_instances(series, tz, sequence, meta)
    got = fast.cancelled_instances(series, tz, sequence, meta)
    assert len(got) == len(cancelled)
    assert fast.join(got) == render.serialise(cancelled)


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(["\\", "^", "ø", "😀", "a", "\\,", "^^"]), st.text(max_size=3)),
        max_size=120,
    ).map("".join)
)
def test_lines_fold_where_icalendar_folds_them(value: str) -> None:
    line = ("DESCRIPTION:" + value).replace("\r", " ").replace("\n", " ")
    assert fast.fold(line) == _foldline(line) + "\r\n"


def test_an_unusual_uid_is_rendered_by_the_reference() -> None:
    meta = CalendarMeta("n", "u", datetime(2027, 1, 1))
    s = SessionEvent(
        1,
        "odd,uid;with\\escapes",
        0,
        "Europe/Oslo",
        datetime(2027, 3, 1, 10),
        30,
        datetime(2027, 3, 1, 10),
        False,
        datetime(2027, 1, 1),
        datetime(2027, 1, 1),
        EventText("x", "", ""),
    )
    assert fast.session_event(s, meta) == render.session_event(s, meta).to_ical()
    assert b"UID:odd\\,uid\\;with\\\\escapes" in fast.session_event(s, meta)
