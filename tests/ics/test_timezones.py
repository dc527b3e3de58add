"""VTIMEZONE components: the zone's real rules, read back the same by three readers."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.tz import tzical
from ical.calendar_stream import IcsCalendarStream
from ical.timezone import IcsTimezoneInfo

from planner.errors import BadInput
from planner.ics.timezones import transitions, vtimezone

from .helpers import RawComponent

REGULAR = ["Europe/Oslo", "America/New_York", "Australia/Sydney", "Pacific/Chatham"]
"""Zones whose current rules repeat every year (two RRULE observances)."""
IRREGULAR = [
    "Asia/Tokyo",  # no daylight saving time at all
    "Europe/Moscow",  # permanent summer time in 2011, back to +03 in 2014
    "Europe/Dublin",  # negative DST in tzdata: winter is "daylight saving"
    "Africa/Casablanca",  # DST suspended every Ramadan
    "America/Sao_Paulo",  # DST abolished in 2019
    "Asia/Tehran",  # DST abolished in 2022
]


def _as_calendar(tzid: str, first: int, last: int) -> str:
    """The component in a calendar, with a TZID no reader can look up."""
    comp: str = vtimezone(tzid, first, last).to_ical().decode()
    comp = comp.replace(f"TZID:{tzid}", "TZID:X-Test")
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        + comp
        + "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\n"
        "DTSTART;TZID=X-Test:20260101T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def _observances(comp: icalendar.Timezone) -> list[RawComponent]:
    """The DAYLIGHT and STANDARD components, read by property name."""
    return comp.subcomponents


def _readers(text: str) -> dict[str, object]:
    return {
        "icalendar": icalendar.Calendar.from_ical(text).timezones[0].to_tz(lookup_tzid=False),
        "tzical": tzical(io.StringIO(text)).get("X-Test"),
        "ical": IcsTimezoneInfo.from_timezone(
            IcsCalendarStream.calendar_from_ics(text).timezones[0]
        ),
    }


def _samples(tzid: str, first: int, last: int) -> list[datetime]:
    """Instants around every real transition of the covered years, and twice a month."""
    out = []
    for t in transitions(tzid, datetime(first, 1, 1), datetime(last + 1, 1, 1)):
        for d in (-7200, -3600, -1800, -1, 0, 1, 1800, 3600, 7200):
            out.append((t.at_utc + timedelta(seconds=d)).replace(tzinfo=UTC))
    day = datetime(first, 1, 1, 12, tzinfo=UTC)
    while day.year <= last:
        out += [day, day + timedelta(days=14)]
        day = (day + timedelta(days=32)).replace(day=1)
    return out


@pytest.mark.parametrize(("first", "last"), [(2026, 2027), (2013, 2027)])
@pytest.mark.parametrize("tzid", REGULAR + IRREGULAR)
def test_every_reader_gets_the_zones_offsets(tzid: str, first: int, last: int) -> None:
    """Around every transition (to the second) and twice a month, each reader's offset for
    the component equals zoneinfo's. ``ical`` reads local time only, so for it the ambiguous
    hour after a change back is left out."""
    text = _as_calendar(tzid, first, last)
    real = ZoneInfo(tzid)
    samples = _samples(tzid, first, last)
    assert len(samples) >= 24 * (last - first + 1)
    for name, tz in _readers(text).items():
        bad = []
        for u in samples:
            want = u.astimezone(real).utcoffset()
            if name == "ical":
                local = u.astimezone(real).replace(tzinfo=None)
                if (
                    local.replace(tzinfo=real, fold=0).utcoffset()
                    != local.replace(tzinfo=real, fold=1).utcoffset()
                ):
                    continue
                got = tz.utcoffset(local)  # type: ignore[attr-defined]
            else:
                got = u.astimezone(tz).utcoffset()  # type: ignore[arg-type]
            if got != want:
                bad.append(u)
        assert bad == [], f"{name} reads {tzid} wrong at {bad[:3]}"


@pytest.mark.parametrize("tzid", REGULAR)
def test_regular_zones_are_two_rrule_observances_as_outlook_wants(tzid: str) -> None:
    """Outlook misreads RDATE lists (iCalcreator issues #86, #106): a zone with yearly rules
    is one DAYLIGHT and one STANDARD observance, each with a yearly BYDAY rule."""
    comp = vtimezone(tzid, 2026, 2028)
    subs = _observances(comp)
    assert sorted(c.name for c in subs) == ["DAYLIGHT", "STANDARD"]
    for c in subs:
        assert "RDATE" not in c
        rule = c["RRULE"].to_ical().decode()
        assert rule.startswith("FREQ=YEARLY;BYDAY=") and "BYMONTH=" in rule and "UNTIL" not in rule
    assert "X-LIC-LOCATION" not in comp, "dateutil's tzical refuses unknown properties"


def test_oslo_observances_are_exactly_the_eu_rule() -> None:
    text = vtimezone("Europe/Oslo", 2026, 2027).to_ical().decode()
    assert (
        "BEGIN:DAYLIGHT\r\nDTSTART:20250330T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
        in text
    )
    assert (
        "BEGIN:STANDARD\r\nDTSTART:20251026T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
        in text
    )
    assert "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100" in text


def test_a_zone_without_dst_is_one_standard_observance() -> None:
    (std,) = _observances(vtimezone("Asia/Tokyo", 2026, 2027))
    assert std.name == "STANDARD"
    assert std["TZOFFSETFROM"].td == std["TZOFFSETTO"].td == timedelta(hours=9)
    assert [d.dt for d in std["RDATE"].dts] == [std.decoded("DTSTART")]


def test_transitions_agree_with_icalendars_own_vtimezone() -> None:
    """Cross-check the transition scan with icalendar's VTIMEZONE-from-zoneinfo support: the
    same changes on the same days (its times use its own local convention; the exact instants
    are checked against zoneinfo above). Not Africa/Casablanca: icalendar 7.3 misses its
    Ramadan changes (tzdata has, for example, 28 Jun 2014), which the test above checks."""
    for tzid in REGULAR + [z for z in IRREGULAR if z != "Africa/Casablanca"]:
        ours = [
            t.at_utc.date() for t in transitions(tzid, datetime(2014, 1, 1), datetime(2028, 1, 1))
        ]
        theirs_tz = icalendar.Timezone.from_tzid(
            tzid, first_date=datetime(2014, 1, 1).date(), last_date=datetime(2028, 1, 1).date()
        )
        times, _info = theirs_tz.get_transitions()  # the first is its range's start, not a change
        theirs = [t.date() for t in times[1:] if datetime(2014, 1, 1) < t < datetime(2028, 1, 1)]
        assert ours == theirs, tzid
        assert len(ours) >= (28 if tzid in REGULAR else 0)


def test_an_unknown_zone_is_bad_input() -> None:
    with pytest.raises(BadInput, match="unknown time zone"):
        vtimezone("Mars/Olympus_Mons", 2026, 2027)
