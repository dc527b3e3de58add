"""Generated calendars: the importer blocks what recurring-ical-events expands (issue 16).

Hypothesis writes iCalendar files the way calendar programs do: timed and all-day series
(daily, weekly on several days, monthly by weekday or day of month) bounded by COUNT or
UNTIL, single events, EXDATE, RDATE and RECURRENCE-ID overrides (moved, cancelled, marked
free) written in UTC, in the master's zone and in another zone, all-day exceptions and
UNTILs written as dates and as date-times, several SEQUENCE versions of one event and of one
override, free events, a Windows zone name (with and without Outlook's VTIMEZONE), and the
components in any order. They sit around an import window a few years ahead that holds both
European and American DST changes, some crossing its edges. Each calendar is read for a
clinic in Oslo, Los Angeles and Tokyo and must block exactly what the maintained expander
does (:mod:`tests.ics.differential`).

Where planner reads a calendar differently on purpose, the generator stays off that case and
a ``test_difference_*`` test below pins both readings, saying why planner keeps its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from planner.ics.expand import Skipped

from .differential import Busy, differences, explain, planner_busy, reference_busy

GENERATED_CALENDARS = 300
"""Generated calendars compared, each read for a clinic in every one of :data:`CLINIC_ZONES`."""

CLINIC_ZONES = ["Europe/Oslo", "America/Los_Angeles", "Asia/Tokyo"]
NOW = datetime(2031, 3, 1, 12)
LO = NOW - timedelta(days=1)
HI = NOW + timedelta(days=400)
"""The import window (naive UTC): it holds the DST changes of 2031 on both sides of the
Atlantic (9 Mar and 2 Nov in America, 30 Mar and 26 Oct in Europe)."""

WINDOWS_ZONE = "W. Europe Standard Time"
ZONES = ["Europe/Oslo", "America/New_York", "Asia/Tokyo", "Europe/London", "UTC", WINDOWS_ZONE]
"""TZIDs the events are written in; "UTC" also stands for the ``...Z`` form."""
_IANA = {WINDOWS_ZONE: "Europe/Berlin"}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_W_EUROPE_VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{WINDOWS_ZONE}",
    "BEGIN:STANDARD",
    "DTSTART:16010101T030000",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:16010101T020000",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
    "END:DAYLIGHT",
    "END:VTIMEZONE",
]
"""What Outlook writes for Central European time (a copy of the tzdata rules)."""


# -- writing values ----------------------------------------------------------------------------


def _utc(local: datetime, tzid: str) -> datetime:
    """A wall-clock time in ``tzid`` as naive UTC (a time in a DST gap or overlap read with
    fold 0, as both readers do)."""
    tz = ZoneInfo(_IANA.get(tzid, tzid))
    return local.replace(tzinfo=tz).astimezone(UTC).replace(tzinfo=None)


def _local(instant: datetime, tzid: str) -> datetime:
    tz = ZoneInfo(_IANA.get(tzid, tzid))
    return instant.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)


def _ambiguous(local: datetime, tzid: str) -> bool:
    """Whether ``local`` happens twice in ``tzid`` (the hour the clocks go back)."""
    tz = ZoneInfo(_IANA.get(tzid, tzid))
    first = local.replace(tzinfo=tz, fold=0).utcoffset()
    second = local.replace(tzinfo=tz, fold=1).utcoffset()
    return first is not None and second is not None and first > second


def _dt(name: str, instant: datetime, how: str) -> str:
    """A DATE-TIME property for a UTC instant: ``how`` is "Z" or a TZID. An instant in the
    second of an hour that happens twice has no wall-clock form (a local time there means the
    first, RFC 5545 3.3.5), so it is written in UTC."""
    if how == "Z" or _utc(_local(instant, how), how) != instant:
        return f"{name}:{instant:%Y%m%dT%H%M%S}Z"
    return f"{name};TZID={how}:{_local(instant, how):%Y%m%dT%H%M%S}"


def _date(name: str, day: date) -> str:
    return f"{name};VALUE=DATE:{day:%Y%m%d}"


def _allday_exception(name: str, day: date, how: str) -> str:
    """An exception of an all-day series: a DATE, or a date-time naming the date as written
    (``...T000000Z`` or midnight with some TZID), as Outlook and others write them."""
    if how == "date":
        return _date(name, day)
    if how == "Z":
        return f"{name}:{day:%Y%m%d}T000000Z"
    return f"{name};TZID={how}:{day:%Y%m%d}T000000"


# -- strategies ----------------------------------------------------------------------------------

_WRITE_FORMS = st.sampled_from(["Z", "master", "other"])


@st.composite
def _zone_form(draw: st.DrawFn, master: str) -> str:
    """How an exception is written: in UTC, in the master's zone or in another one."""
    form = draw(_WRITE_FORMS)
    if form == "Z":
        return "Z"
    if form == "master":
        return master
    return draw(st.sampled_from([z for z in ZONES if z != master]))


@st.composite
def _start_day(draw: st.DrawFn) -> date:
    """A day near the window's edges or a DST change, or anywhere inside it."""
    anchors = [
        LO.date(),
        date(2031, 3, 9),
        date(2031, 3, 30),
        date(2031, 10, 26),
        date(2031, 11, 2),
        HI.date(),
    ]
    if draw(st.booleans()):
        return draw(st.sampled_from(anchors)) + timedelta(days=draw(st.integers(-25, 10)))
    return LO.date() + timedelta(days=draw(st.integers(-30, 405)))


_TIMES = st.builds(
    time, st.integers(0, 23), st.sampled_from([0, 30]), st.just(0)
)  # 02:30 falls in a gap on a DST day
_LENGTHS = st.sampled_from([30, 45, 60, 90, 120, 180, 600, 1500])  # minutes; some cross midnight


@dataclass
class _Event:
    """One VEVENT's lines, and what the generator must know to write exceptions of it."""

    lines: list[str]
    all_day: bool
    zone: str = "Z"
    occurrences: list[datetime] = field(default_factory=list)
    """Local starts (all-day: midnight of the day) of every instance, ends of the rule met."""


@st.composite
def _stamp(draw: st.DrawFn) -> str:
    day = datetime(2030, 12, 1) + timedelta(hours=draw(st.integers(0, 2000)))
    return f"DTSTAMP:{day:%Y%m%dT%H%M%S}Z"


def _straddles_dst(start_utc: datetime, minutes: int, tzid: str) -> bool:
    """Whether an instance spans a change of its zone's UTC offset (a DST change): the
    reference then adds hours on the wall clock, see below."""
    end = start_utc + timedelta(minutes=minutes)
    return _local(start_utc, tzid) - start_utc != _local(end, tzid) - end


@st.composite
def _length_lines(draw: st.DrawFn, start_utc: datetime, how: str) -> list[str]:
    minutes = draw(_LENGTHS)
    if draw(st.booleans()) and not _straddles_dst(start_utc, minutes, "UTC" if how == "Z" else how):
        return [f"DURATION:PT{minutes}M"]
    end_how = how if draw(st.booleans()) else draw(st.sampled_from(["Z", *ZONES]))
    return [_dt("DTEND", start_utc + timedelta(minutes=minutes), end_how)]


@st.composite
def _rule(draw: st.DrawFn, start: datetime, all_day: bool, zone: str) -> tuple[str, list[datetime]]:
    """An RRULE for a series starting at ``start`` (local) and its instances (local starts,
    DTSTART included)."""
    freq = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY"]))
    parts = [f"FREQ={freq}"]
    interval = draw(st.sampled_from([1, 1, 2, 3]))
    if interval > 1:
        parts.append(f"INTERVAL={interval}")
    if freq == "WEEKLY" and draw(st.booleans()):
        days = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=1, max_size=4, unique=True))
        parts.append("BYDAY=" + ",".join(days))  # DTSTART need not be one of them
    if freq == "MONTHLY":
        if draw(st.booleans()):
            nth = draw(st.sampled_from(["1", "2", "3", "-1"]))
            parts.append(f"BYDAY={nth}{draw(st.sampled_from(WEEKDAYS))}")
        elif draw(st.booleans()):
            parts.append(f"BYMONTHDAY={draw(st.sampled_from([1, 15, 28, -1]))}")
    text = ";".join(parts)
    unbounded = list(islice(rrulestr(f"RRULE:{text}", dtstart=start), 25))
    if draw(st.booleans()):
        count = draw(st.integers(1, 20))
        return f"{text};COUNT={count}", sorted({start, *unbounded[:count]})
    last = unbounded[draw(st.integers(0, len(unbounded) - 1))]
    if all_day:
        # An all-day series ends on the date its UNTIL names, as a DATE or (Outlook) a UTC
        # date-time of that date.
        until = f"{last:%Y%m%d}" + draw(st.sampled_from(["", "T000000Z", "T235959Z"]))
    else:
        # A timed series ends at a UTC instant: that of an instance, or a little after it.
        # (A DATE UNTIL on a timed series is a named difference, see below.)
        extra = timedelta(minutes=draw(st.sampled_from([0, 0, 1, 59])))
        until = f"{_utc(last, zone) + extra:%Y%m%dT%H%M%S}Z"
    return f"{text};UNTIL={until}", sorted({start, *(o for o in unbounded if o <= last)})


@st.composite
def _master(draw: st.DrawFn, uid: str, recurring: bool) -> _Event:
    """A series (or a single event): its DTSTART, length, rule, RDATEs and EXDATEs."""
    all_day = draw(st.booleans())
    day = draw(_start_day())
    lines = [f"UID:{uid}", draw(_stamp()), f"SUMMARY:{uid}"]
    if all_day:
        start = datetime.combine(day, time())
        lines.append(_date("DTSTART", day))
        length = draw(st.sampled_from(["none", "1", "2", "P1D", "P3D"]))
        if length in ("1", "2"):
            lines.append(_date("DTEND", day + timedelta(days=int(length))))
        elif length != "none":
            lines.append(f"DURATION:{length}")
        ev = _Event(lines, True)
    else:
        zone = draw(st.sampled_from(["Z", *ZONES]))
        start = datetime.combine(day, draw(_TIMES))
        frame = "UTC" if zone == "Z" else zone
        # A start in the hour that happens twice: the reference reads it otherwise than
        # RFC 5545's first occurrence (a named difference below).
        assume(not _ambiguous(start, frame))
        start_utc = _utc(start, frame)
        lines.append(
            _dt("DTSTART", start_utc, zone)
            if zone == "Z"
            else f"DTSTART;TZID={zone}:{start:%Y%m%dT%H%M%S}"
        )
        lines += draw(_length_lines(start_utc, zone))
        ev = _Event(lines, False, frame)
    ev.occurrences = [start]
    if not recurring:
        return ev
    rule, occurrences = draw(_rule(start, all_day, ev.zone))
    lines.append(f"RRULE:{rule}")
    for _ in range(draw(st.integers(0, 2))):
        base = draw(st.sampled_from(occurrences))
        extra = base + timedelta(days=draw(st.integers(-3, 10)))
        if all_day:
            lines.append(_date("RDATE", extra.date()))
        else:
            extra = datetime.combine(
                extra.date(), draw(st.sampled_from([start.time(), *_SOME_TIMES]))
            )
            how = draw(_zone_form(ev.zone))
            lines.append(_dt("RDATE", _utc(extra, ev.zone), how))
            extra = _local(_utc(extra, ev.zone), ev.zone)
        occurrences = sorted({*occurrences, extra})
    ev.occurrences = occurrences
    if not all_day:
        minutes = _minutes(lines, start_utc)
        # The reference measures a series' length on the wall clock (see below).
        assume(not any(_straddles_dst(_utc(o, ev.zone), minutes, ev.zone) for o in occurrences))
    for _ in range(draw(st.integers(0, 2))):
        local = draw(st.sampled_from(occurrences))
        if all_day:
            how = draw(st.sampled_from(["date", "Z", *ZONES]))
            if how not in ("date", "Z") and "UNTIL=" in rule:
                how = "Z"  # the reference then moves the last day, see below
            lines.append(_allday_exception("EXDATE", local.date(), how))
        elif draw(st.integers(0, 5)) == 0:
            lines.append(_date("EXDATE", local.date()))  # every instance that local day
        else:
            lines.append(_dt("EXDATE", _utc(local, ev.zone), draw(_zone_form(ev.zone))))
    if draw(st.integers(0, 5)) == 0:
        lines.append("TRANSP:TRANSPARENT")
    return ev


def _minutes(lines: list[str], start_utc: datetime) -> int:
    """The length in minutes a master's DURATION or DTEND line gives."""
    for line in lines:
        if line.startswith("DURATION:PT"):
            return int(line[len("DURATION:PT") : -1])
        if line.startswith("DTEND"):
            head, value = line.split(":", 1)
            tzid = head.split("TZID=", 1)[1] if "TZID=" in head else "UTC"
            end = _utc(datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S"), tzid)
            return int((end - start_utc).total_seconds() // 60)
    return 0


_SOME_TIMES = [time(7, 0), time(12, 30), time(23, 30)]


@st.composite
def _override(draw: st.DrawFn, master: _Event, local: datetime, rid: str) -> list[str]:
    """An override of the instance at ``local`` (RECURRENCE-ID line ``rid``): moved, cancelled
    or marked free."""
    lines = [f"UID:{master.lines[0][4:]}", draw(_stamp()), rid, "SUMMARY:moved"]
    kind = draw(st.sampled_from(["moved", "moved", "moved", "cancelled", "free"]))
    if master.all_day:
        day = local.date() + timedelta(days=draw(st.sampled_from([0, 1, -1, 2, 5, -40, 40])))
        lines += [
            _date("DTSTART", day),
            _date("DTEND", day + timedelta(days=draw(st.integers(1, 2)))),
        ]
    else:
        shift = timedelta(
            days=draw(st.sampled_from([0, 0, 1, -1, 3, -40, 40])),
            minutes=draw(st.sampled_from([0, 30, -60, 120, 300])),
        )
        start_utc = _utc(local, master.zone) + shift
        how = draw(st.sampled_from(["Z", master.zone, *ZONES]))
        lines.append(_dt("DTSTART", start_utc, how))
        # An override always says how long it is (without, planner keeps the master's
        # length: a named difference, see below).
        lines += draw(_length_lines(start_utc, how))
    if kind == "cancelled":
        lines.append("STATUS:CANCELLED")
    elif kind == "free":
        lines.append("TRANSP:TRANSPARENT")
    return lines


@st.composite
def _versions(draw: st.DrawFn, newest: list[str], older: list[list[str]]) -> list[list[str]]:
    """Give each version its SEQUENCE, distinct and highest for ``newest`` (the same number
    twice, or none beside 0, is a named difference, see below)."""
    numbers = sorted(
        draw(
            st.lists(
                st.integers(1, 9), min_size=len(older) + 1, max_size=len(older) + 1, unique=True
            )
        )
    )
    out = []
    for lines, n in zip([*older, newest], numbers, strict=True):
        out.append([*lines, f"SEQUENCE:{n}"])
    return out


@st.composite
def _family(draw: st.DrawFn, uid: str) -> list[list[str]]:
    """Every VEVENT of one UID: its versions and its overrides (with versions)."""
    recurring = draw(st.integers(0, 3)) > 0
    master = draw(_master(uid, recurring))
    older = [
        draw(_master(uid, draw(st.booleans()))).lines
        for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2])))
    ]
    events = draw(_versions(master.lines, older)) if older else [master.lines]
    if not recurring:
        return events
    excluded = {line for line in master.lines if line.startswith("EXDATE")}
    named = draw(st.lists(st.sampled_from(master.occurrences), max_size=3, unique=True))
    for local in named:
        if master.all_day:
            rid = _allday_exception(
                "RECURRENCE-ID", local.date(), draw(st.sampled_from(["date", "Z", *ZONES]))
            )
        else:
            rid = _dt("RECURRENCE-ID", _utc(local, master.zone), draw(_zone_form(master.zone)))
        if _names_excluded(master, local, excluded):
            continue  # an override of an excluded instance: a named difference, see below
        if _digits_clash(master, rid):
            continue  # the reference matches it by its digits alone: a named difference below
        newest = draw(_override(master, local, rid))
        # Every version of an override writes its RECURRENCE-ID the same way: written
        # differently, recurring-ical-events blocks every version (a named difference below).
        older_ovs = [
            draw(_override(master, local, rid)) for _ in range(draw(st.sampled_from([0, 0, 1])))
        ]
        events += draw(_versions(newest, older_ovs)) if older_ovs else [newest]
    return events


def _digits_clash(master: _Event, rid: str) -> bool:
    """Whether an RDATE of the master has the RECURRENCE-ID's digits in another zone form
    (``RDATE:20310301T060000Z`` and ``RECURRENCE-ID;TZID=Europe/Oslo:20310301T060000``): two
    instants an hour apart, which recurring-ical-events takes for one."""
    head, value = rid.split(":", 1)
    for line in master.lines:
        if line.startswith("RDATE"):
            other_head, other = line.split(":", 1)
            same_digits = other.rstrip("Z") == value.rstrip("Z")
            if same_digits and (other_head[5:], other[-1:]) != (head[13:], value[-1:]):
                return True
    return False


def _names_excluded(master: _Event, local: datetime, exdates: set[str]) -> bool:
    """Whether an EXDATE of the master takes out the instance at ``local``."""
    for line in exdates:
        head, value = line.split(":", 1)
        if master.all_day:
            if value[:8] == f"{local:%Y%m%d}":
                return True
        elif "VALUE=DATE" in head:
            if value == f"{local:%Y%m%d}":
                return True
        else:
            tzid = head.split("TZID=", 1)[1] if "TZID=" in head else "UTC"
            at = datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
            if _utc(at, tzid) == _utc(local, master.zone):
                return True
    return False


@st.composite
def calendars(draw: st.DrawFn) -> bytes:
    """A whole calendar file (CRLF, VERSION:2.0, PRODID), its VEVENTs in any order."""
    vevents: list[list[str]] = []
    for i in range(draw(st.integers(1, 4))):
        vevents += draw(_family(f"ev{i}@gen.example"))
    vevents = draw(st.permutations(vevents))
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//planner tests//generated//EN"]
    if any(WINDOWS_ZONE in line for ev in vevents for line in ev) and draw(st.booleans()):
        lines += _W_EUROPE_VTIMEZONE
    for ev in vevents:
        lines += ["BEGIN:VEVENT", *ev, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


@settings(
    max_examples=GENERATED_CALENDARS,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=calendars())
def test_generated_calendars_block_what_recurring_ical_events_expands(data: bytes) -> None:
    """Each generated calendar, read for a clinic in each zone, blocks the same instances
    (UID, start, end) as recurring-ical-events expands, each as often."""
    for tz in CLINIC_ZONES:
        ours = planner_busy(data, tz, LO, HI)
        reference = reference_busy(data, tz, LO, HI)
        assert differences(ours, reference) == ([], []), (
            f"clinic in {tz}: " + explain(ours, reference) + "\n" + data.decode()
        )


# -- named differences --------------------------------------------------------------------------
#
# Each test pins what planner and recurring-ical-events make of one calendar where they differ
# on purpose (or where the reference is wrong); the generator above stays off these cases.


def _calendar(*events: list[str]) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//planner tests//differences//EN"]
    for ev in events:
        lines += ["BEGIN:VEVENT", "DTSTAMP:20310101T000000Z", *ev, "END:VEVENT"]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def _at(day: int, hour: int, minutes: int = 60, month: int = 3) -> Busy:
    start = datetime(2031, month, day, hour)
    return ("a", start, start + timedelta(minutes=minutes))


_DAILY_NOON = [
    "UID:a",
    "DTSTART:20310305T120000Z",
    "DTEND:20310305T130000Z",
    "RRULE:FREQ=DAILY;COUNT=3",
]
"""A daily event at 12:00 UTC, 5-7 March 2031."""


@pytest.mark.parametrize("tz", CLINIC_ZONES)
def test_difference_an_override_naming_no_occurrence_is_reported_not_added(tz: str) -> None:
    """An override whose RECURRENCE-ID (6 Mar 11:00) names no occurrence of the event is left
    from an older version of it. recurring-ical-events adds it as busy time; planner reports
    it and adds nothing: blocking it was the bug of issue 16 (item 2)."""
    data = _calendar(
        _DAILY_NOON,
        ["UID:a", "RECURRENCE-ID:20310306T110000Z", "DTSTART:20310306T150000Z", "DURATION:PT1H"],
    )
    skipped: list[Skipped] = []
    assert planner_busy(data, tz, LO, HI, skipped=skipped) == [_at(5, 12), _at(6, 12), _at(7, 12)]
    assert any("does not have" in s.reason for s in skipped), skipped
    assert reference_busy(data, tz, LO, HI) == [_at(5, 12), _at(6, 12), _at(6, 15), _at(7, 12)]


def test_difference_two_versions_with_one_sequence_the_later_dtstamp_wins() -> None:
    """Two versions with SEQUENCE:1, the one written first stamped later. RFC 5546 (2.1.5)
    orders revisions by SEQUENCE, then DTSTAMP: planner keeps the later stamp (12:00).
    recurring-ical-events compares SEQUENCE only and keeps the one written first."""
    older = ["UID:a", "SEQUENCE:1", "DTSTAMP:20310101T000000Z", "DTSTART:20310305T100000Z"]
    newer = ["UID:a", "SEQUENCE:1", "DTSTAMP:20310102T000000Z", "DTSTART:20310305T120000Z"]
    rest = ["DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=3"]
    data = _calendar([*older, *rest], [*newer, *rest]).replace(
        b"DTSTAMP:20310101T000000Z\r\nUID", b"UID"
    )
    noon = [_at(5, 12), _at(6, 12), _at(7, 12)]
    ten = [_at(5, 10), _at(6, 10), _at(7, 10)]
    assert planner_busy(data, "Europe/Oslo", LO, HI) == noon
    assert reference_busy(data, "Europe/Oslo", LO, HI) == ten


def test_difference_a_missing_sequence_counts_as_zero() -> None:
    """One version says SEQUENCE:0 (12:00), a later-stamped one has no SEQUENCE (10:00).
    RFC 5545 (3.8.7.4) makes a missing SEQUENCE 0, so planner sees a tie and keeps the later
    stamp; recurring-ical-events ranks a missing SEQUENCE below 0."""
    data = _calendar(
        [
            "UID:a",
            "SEQUENCE:0",
            "DTSTART:20310305T120000Z",
            "DURATION:PT1H",
            "RRULE:FREQ=DAILY;COUNT=3",
        ],
        ["UID:a", "DTSTART:20310305T100000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=3"],
    ).replace(
        b"DTSTAMP:20310101T000000Z\r\nUID:a\r\nDTSTART:2031",
        b"DTSTAMP:20310102T000000Z\r\nUID:a\r\nDTSTART:2031",
    )
    assert planner_busy(data, "Europe/Oslo", LO, HI) == [_at(5, 10), _at(6, 10), _at(7, 10)]
    assert reference_busy(data, "Europe/Oslo", LO, HI) == [_at(5, 12), _at(6, 12), _at(7, 12)]


def test_difference_a_date_until_on_a_timed_series_keeps_that_day() -> None:
    """``UNTIL=20310307`` (a DATE) on a daily 12:00 Oslo series, which RFC 5545 wants as a
    UTC date-time. planner reads it as the end of that day in the series' zone, so 7 Mar is
    the last meeting; recurring-ical-events reads midnight UTC and drops it. Keeping the day
    the user typed is the documented reading (it cannot hide busy time)."""
    data = _calendar(
        [
            "UID:a",
            "DTSTART;TZID=Europe/Oslo:20310305T120000",
            "DTEND;TZID=Europe/Oslo:20310305T130000",
            "RRULE:FREQ=DAILY;UNTIL=20310307",
        ]
    )
    assert planner_busy(data, "Europe/Oslo", LO, HI) == [_at(5, 11), _at(6, 11), _at(7, 11)]
    assert reference_busy(data, "Europe/Oslo", LO, HI) == [_at(5, 11), _at(6, 11)]


def test_difference_an_override_without_an_end_keeps_the_length_of_its_instance() -> None:
    """An override moving 6 Mar to 15:00 that gives no DTEND or DURATION. planner keeps the
    length of the instance it replaces (one hour), as calendar programs show it;
    recurring-ical-events gives it no length, so it blocks nothing."""
    data = _calendar(
        _DAILY_NOON,
        ["UID:a", "RECURRENCE-ID:20310306T120000Z", "DTSTART:20310306T150000Z"],
    )
    assert planner_busy(data, "Europe/Oslo", LO, HI) == [_at(5, 12), _at(6, 15), _at(7, 12)]
    assert reference_busy(data, "Europe/Oslo", LO, HI) == [_at(5, 12), _at(7, 12)]


def test_difference_an_override_of_an_excluded_instance_still_blocks_its_time() -> None:
    """6 Mar is both an EXDATE and moved to 15:00 by an override. The override is an event
    of its own that calendar programs show, so planner blocks it (EXDATEs take out rule
    instances, not overrides; a busy calendar errs on the side of busy);
    recurring-ical-events drops it with the excluded instance."""
    data = _calendar(
        [*_DAILY_NOON, "EXDATE:20310306T120000Z"],
        ["UID:a", "RECURRENCE-ID:20310306T120000Z", "DTSTART:20310306T150000Z", "DURATION:PT1H"],
    )
    assert planner_busy(data, "Europe/Oslo", LO, HI) == [_at(5, 12), _at(6, 15), _at(7, 12)]
    assert reference_busy(data, "Europe/Oslo", LO, HI) == [_at(5, 12), _at(7, 12)]


def test_difference_a_date_exdate_on_a_timed_series_names_a_day_of_the_series_own_zone() -> None:
    """A series at 00:00 UTC on 5 and 6 Mar, an RDATE at 00:30 on 7 Mar Oslo time (23:30 UTC
    on 6 Mar) and ``EXDATE;VALUE=DATE:20310306``. planner reads the date in the series' own
    zone (its DTSTART's, here UTC), as it reads every instance of the series, so the EXDATE
    takes out both instances on 6 Mar UTC; recurring-ical-events compares it with the date of
    each instance in the zone it was written in, and keeps the RDATE (7 Mar in Oslo). Found
    by random runs of the generator; the derandomized examples do not write this mix."""
    data = _calendar(
        [
            "UID:a",
            "DTSTART:20310305T000000Z",
            "DURATION:PT30M",
            "RRULE:FREQ=DAILY;COUNT=2",
            "RDATE;TZID=Europe/Oslo:20310307T003000",
            "EXDATE;VALUE=DATE:20310306",
        ]
    )
    fifth = ("a", datetime(2031, 3, 5, 0), datetime(2031, 3, 5, 0, 30))
    rdate = ("a", datetime(2031, 3, 6, 23, 30), datetime(2031, 3, 7, 0))
    assert planner_busy(data, "Europe/Oslo", LO, HI) == [fifth]
    assert reference_busy(data, "Europe/Oslo", LO, HI) == [fifth, rdate]


@pytest.mark.parametrize(
    ("until", "exdate_zone", "reference_days"),
    [
        ("20310306", "America/New_York", [5]),  # the last day, 6 Mar, dropped
        ("20310306T235959Z", "Asia/Tokyo", [5, 6, 7]),  # a day after the last one added
    ],
)
def test_difference_an_all_day_until_is_not_read_in_the_zone_of_an_exdate(
    until: str, exdate_zone: str, reference_days: list[int]
) -> None:
    """An all-day daily series 4-6 Mar (``UNTIL=20310306`` or Outlook's
    ``UNTIL=20310306T235959Z``: the date as written) with
    ``EXDATE;TZID=...:20310304T000000``. planner blocks 5 and 6 Mar wherever the
    EXDATE's zone is (issue 16, item 1). recurring-ical-events compares the UNTIL instant
    with midnights in the EXDATE's zone: west of UTC the last day is lost, east of it a day
    too many is blocked. A reference bug; planner's reading stays."""
    data = _calendar(
        [
            "UID:a",
            "DTSTART;VALUE=DATE:20310304",
            f"RRULE:FREQ=DAILY;UNTIL={until}",
            f"EXDATE;TZID={exdate_zone}:20310304T000000",
        ]
    )
    tz = "Europe/Oslo"

    def day(d: int) -> Busy:
        return ("a", _utc(datetime(2031, 3, d), tz), _utc(datetime(2031, 3, d + 1), tz))

    assert planner_busy(data, tz, LO, HI) == [day(5), day(6)]
    assert reference_busy(data, tz, LO, HI) == [day(d) for d in reference_days]


def test_difference_hours_of_a_duration_are_exact_across_a_dst_change() -> None:
    """A daily 3-hour New York event at midnight (``DURATION:PT3H``; the instance of 9 Mar
    2031 spans the change to summer time at 02:00) and one that says ``DTEND`` 03:00 on 8
    Mar. RFC 5545 makes hours exact (3.3.6) and gives every instance the exact length of
    the first (3.8.5.3): planner blocks 05:00-08:00 UTC on 9 Mar and 3 hours each day.
    recurring-ical-events adds the hours on the wall clock: 9 Mar ends at 03:00 EDT (2
    hours), and the DTEND series lasts 4 hours from 9 Mar on."""
    data = _calendar(
        [
            "UID:a",
            "DTSTART;TZID=America/New_York:20310308T000000",
            "DURATION:PT3H",
            "RRULE:FREQ=DAILY;COUNT=2",
        ],
        [
            "UID:b",
            "DTSTART;TZID=America/New_York:20310308T000000",
            "DTEND;TZID=America/New_York:20310308T030000",
            "RRULE:FREQ=DAILY;COUNT=3",
        ],
    )
    ours = planner_busy(data, "Europe/Oslo", LO, HI)
    assert [(u, a, b - a) for u, a, b in ours if u == "a"] == [
        ("a", datetime(2031, 3, 8, 5), timedelta(hours=3)),
        ("a", datetime(2031, 3, 9, 5), timedelta(hours=3)),
    ]
    assert {b - a for u, a, b in ours if u == "b"} == {timedelta(hours=3)}
    reference = reference_busy(data, "Europe/Oslo", LO, HI)
    assert [(u, a, b - a) for u, a, b in reference] == [
        ("a", datetime(2031, 3, 8, 5), timedelta(hours=3)),
        ("a", datetime(2031, 3, 9, 5), timedelta(hours=2)),
        ("b", datetime(2031, 3, 8, 5), timedelta(hours=3)),
        ("b", datetime(2031, 3, 9, 5), timedelta(hours=2)),
        ("b", datetime(2031, 3, 10, 4), timedelta(hours=3)),
    ]


def test_difference_an_override_and_an_rdate_with_the_same_digits_in_two_zones() -> None:
    """RDATE 1 Mar 06:00 UTC and an override of the 06:00 Oslo occurrence (05:00 UTC) are two
    instants an hour apart with the same digits. planner moves the 05:00 occurrence and keeps
    the RDATE; recurring-ical-events takes the override for both and blocks one."""
    data = _calendar(
        [
            "UID:a",
            "DTSTART;TZID=Europe/Oslo:20310228T060000",
            "DURATION:PT30M",
            "RRULE:FREQ=DAILY;COUNT=2",
            "RDATE:20310301T060000Z",
        ],
        [
            "UID:a",
            "RECURRENCE-ID;TZID=Europe/Oslo:20310301T060000",
            "DTSTART:20310301T050000Z",
            "DURATION:PT30M",
        ],
    )
    moved, rdate = _at(1, 5, 30), _at(1, 6, 30)
    assert planner_busy(data, "Europe/Oslo", LO, HI) == [moved, rdate]
    assert reference_busy(data, "Europe/Oslo", LO, HI) == [moved]


def test_an_override_before_the_window_of_a_long_occurrence_reaching_it_is_applied() -> None:
    """A three-day all-day occurrence (26-28 Feb) reaches the window (from 28 Feb 12:00 UTC);
    its override moves it to 25 Feb, wholly before the window. The override is read although
    neither it nor its RECURRENCE-ID reaches the window: nothing is blocked (it blocked the
    28th once, because the reader had dropped the override)."""
    data = _calendar(
        [
            "UID:a",
            "DTSTART;VALUE=DATE:20310226",
            "DURATION:P3D",
            "RRULE:FREQ=DAILY;UNTIL=20310226",
        ],
        [
            "UID:a",
            "RECURRENCE-ID;VALUE=DATE:20310226",
            "DTSTART;VALUE=DATE:20310225",
            "DTEND;VALUE=DATE:20310226",
        ],
    )
    for tz in CLINIC_ZONES:
        assert planner_busy(data, tz, LO, HI) == reference_busy(data, tz, LO, HI) == [], tz


def test_difference_a_start_in_the_hour_that_happens_twice_is_the_first() -> None:
    """01:30 on 2 Nov 2031 happens twice in New York. RFC 5545 (3.3.5) reads it as the first
    (EDT, 05:30 UTC), so with DTEND 06:00 UTC the event lasts 30 minutes, as planner blocks.
    recurring-ical-events blocks 05:30 to 07:00."""
    data = _calendar(
        ["UID:a", "DTSTART;TZID=America/New_York:20311102T013000", "DTEND:20311102T060000Z"]
    )
    start = datetime(2031, 11, 2, 5, 30)
    assert planner_busy(data, "Europe/Oslo", LO, HI) == [
        ("a", start, start + timedelta(minutes=30))
    ]
    assert reference_busy(data, "Europe/Oslo", LO, HI) == [
        ("a", start, start + timedelta(minutes=90))
    ]
