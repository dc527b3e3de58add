"""Reading exported calendars back: three independent parsers and a strict RFC 5545 check.

Each ``expand_*`` function returns the instances a calendar program would show, as sorted
``(start_utc, end_utc)`` pairs (naive UTC), leaving out cancelled events, EXDATEs and
cancelled series. They share no code with planner, and not with each other:

* :func:`expand_icalendar`: icalendar's parser, recurrence by dateutil on its values;
* :func:`expand_vobject`: vobject's parser and its own ``getrruleset``;
* :func:`expand_ical`: the strict, pydantic-validated ``ical`` library and its timeline.

``rename_tzids`` gives a copy whose TZIDs are not IANA names, so that every parser must use
the file's VTIMEZONE instead of its own zone database.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeAlias
from zoneinfo import ZoneInfo

import icalendar
import vobject
from dateutil.rrule import rrulestr
from ical.calendar_stream import IcsCalendarStream

Instant = tuple[datetime, datetime]

RawComponent: TypeAlias = Any
"""An icalendar component read by property name (``ev["SEQUENCE"]``, ``ev["RRULE"]["COUNT"]``,
``ev.decoded("DTSTART")``), which is how these tests look at what a file holds. icalendar types
every such value as the union of all its property classes (``vText | vInt | vRecur | ...``),
which only the property's name narrows, so the tests take the values as they come and compare
them with what they expect."""


def vevents(data: bytes) -> list[RawComponent]:
    """The VEVENTs of a calendar file, in file order, to be read by property name."""
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


def _naive_utc(dt: date) -> datetime:
    assert isinstance(dt, datetime), f"{dt} is a whole day"
    assert dt.tzinfo is not None, f"{dt} is floating"
    return dt.astimezone(UTC).replace(tzinfo=None)


def rename_tzids(data: bytes) -> bytes:
    """Every ``TZID=Area/City`` and ``TZID:Area/City`` becomes ``X-Test-Area-City``."""
    text = data.decode()
    names = set(re.findall(r"TZID[=:]([A-Za-z_]+/[A-Za-z_/]+)", text))
    for n in sorted(names, key=len, reverse=True):
        text = text.replace(f"TZID={n}:", f"TZID=X-Test-{n.replace('/', '-')}:")
        text = text.replace(f"TZID:{n}\r\n", f"TZID:X-Test-{n.replace('/', '-')}\r\n")
    assert "X-Test-" in text
    return text.encode()


# -- icalendar + dateutil -----------------------------------------------------------------------


def expand_icalendar(data: bytes) -> list[Instant]:
    events = vevents(data)  # unknown TZIDs: zones from the VTIMEZONEs
    overrides: dict[tuple[str, datetime], RawComponent] = {}
    for ev in events:
        if "RECURRENCE-ID" in ev:
            rid = _naive_utc(ev.decoded("RECURRENCE-ID"))
            overrides[(str(ev["UID"]), rid)] = ev
    out: list[Instant] = []
    for ev in events:
        if "RECURRENCE-ID" in ev:
            continue
        if str(ev.get("STATUS", "")).upper() == "CANCELLED":
            continue
        start, end = ev.decoded("DTSTART"), ev.decoded("DTEND")
        length = end - start
        if "RRULE" not in ev:
            out.append((_naive_utc(start), _naive_utc(end)))
            continue
        rule = rrulestr(ev["RRULE"].to_ical().decode(), dtstart=start)
        exdates: set[datetime] = set()
        for ex in (
            ev.get("EXDATE", []) if isinstance(ev.get("EXDATE"), list) else [ev.get("EXDATE")]
        ):
            if ex is None:
                continue
            exdates.update(_naive_utc(d.dt) for d in ex.dts)
        for occ in rule:
            key = _naive_utc(occ)
            if key in exdates:
                continue
            ov = overrides.get((str(ev["UID"]), key))
            if ov is not None:
                if str(ov.get("STATUS", "")).upper() == "CANCELLED":
                    continue
                out.append((_naive_utc(ov.decoded("DTSTART")), _naive_utc(ov.decoded("DTEND"))))
            else:
                out.append((key, _naive_utc(occ + length)))
    return sorted(out)


# -- vobject --------------------------------------------------------------------------------------


def expand_vobject(data: bytes) -> list[Instant]:
    cal = vobject.readOne(data.decode())
    events = list(getattr(cal, "vevent_list", []))
    overrides = {}
    for ev in events:
        if hasattr(ev, "recurrence_id"):
            overrides[(ev.uid.value, _naive_utc(ev.recurrence_id.value))] = ev
    out: list[Instant] = []
    for ev in events:
        if hasattr(ev, "recurrence_id"):
            continue
        if hasattr(ev, "status") and ev.status.value.upper() == "CANCELLED":
            continue
        start, end = ev.dtstart.value, ev.dtend.value
        length = end - start
        if not hasattr(ev, "rrule"):
            out.append((_naive_utc(start), _naive_utc(end)))
            continue
        for occ in ev.getrruleset(addRDate=True):
            key = _naive_utc(occ)
            ov = overrides.get((ev.uid.value, key))
            if ov is not None:
                if hasattr(ov, "status") and ov.status.value.upper() == "CANCELLED":
                    continue
                out.append((_naive_utc(ov.dtstart.value), _naive_utc(ov.dtend.value)))
            else:
                out.append((key, _naive_utc(occ + length)))
    return sorted(out)


# -- ical (strict) ------------------------------------------------------------------------------


def expand_ical(data: bytes) -> list[Instant]:
    cal = IcsCalendarStream.calendar_from_ics(data.decode())
    out: list[Instant] = []
    for ev in cal.timeline_tz(ZoneInfo("UTC")):
        if ev.status is not None and ev.status.value == "CANCELLED":
            continue
        out.append((_naive_utc(ev.start), _naive_utc(ev.end)))
    return sorted(out)


PARSERS = {"icalendar": expand_icalendar, "vobject": expand_vobject, "ical": expand_ical}


# -- a strict structural check of RFC 5545 --------------------------------------------------------


def strict_check(data: bytes) -> None:
    """Assert the octet-level and structural rules planner promises (RFC 5545 references).

    * 3.1: every line ends in CRLF, is at most 75 octets, and folding never splits a UTF-8
      character (each physical line decodes on its own);
    * 3.4, 3.6: one calendar with VERSION:2.0 and PRODID, components properly nested;
    * 3.6.1: every VEVENT has exactly one UID, DTSTAMP (UTC) and DTSTART;
    * 3.3.5 form 3 and 3.2.19: DTSTART, DTEND, EXDATE, RECURRENCE-ID carry a TZID (never
      floating, never UTC-only), and each TZID has a VTIMEZONE that comes before the events;
    * 3.8.5.3: a recurring event's DTSTART is its own first occurrence;
    * 3.6.6: alarms have ACTION, TRIGGER and DESCRIPTION.

    Then the strict ``ical`` library must accept the file.
    """
    assert data.startswith(b"BEGIN:VCALENDAR\r\n"), data[:40]
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\r\n".join(data.split(b"\r\n")) == data
    assert b"\n" not in data.replace(b"\r\n", b""), "bare LF"
    assert b"\r" not in data.replace(b"\r\n", b""), "bare CR"
    physical = data.split(b"\r\n")[:-1]
    for line in physical:
        assert len(line) <= 75, f"line longer than 75 octets: {line!r}"
        line.decode("utf-8")  # a fold never splits a character
    # unfold
    logical: list[str] = []
    for line in physical:
        text = line.decode()
        if text.startswith((" ", "\t")):
            logical[-1] += text[1:]
        else:
            logical.append(text)
    stack: list[tuple[str, dict[str, list[tuple[str, str]]]]] = []
    tzids_defined: list[str] = []
    tzids_used: set[str] = set()
    first_event_seen = False
    cal_props: dict[str, list[tuple[str, str]]] = {}
    for text in logical:
        name, _, value = text.partition(":")
        prop = name.split(";")[0]
        if prop == "BEGIN":
            stack.append((value, {}))
            if value == "VEVENT":
                first_event_seen = True
            continue
        if prop == "END":
            comp, props = stack.pop()
            assert comp == value, f"END:{value} closes {comp}"
            if comp == "VEVENT":
                for required in ("UID", "DTSTAMP", "DTSTART"):
                    assert len(props.get(required, [])) == 1, f"VEVENT needs one {required}"
                assert props["DTSTAMP"][0][1].endswith("Z")
                if "RRULE" in props:
                    _check_dtstart_is_occurrence(props)
            if comp == "VALARM":
                for required in ("ACTION", "TRIGGER", "DESCRIPTION"):
                    assert required in props, f"VALARM needs {required}"
            if comp == "VTIMEZONE":
                tzids_defined.append(props["TZID"][0][1])
                assert not first_event_seen, "VTIMEZONE after an event"
            if comp == "VCALENDAR":
                cal_props = props
            continue
        assert stack, f"property outside any component: {text}"
        stack[-1][1].setdefault(prop, []).append((name, value))
        if stack[-1][0] == "VEVENT" and prop in ("DTSTART", "DTEND", "EXDATE", "RECURRENCE-ID"):
            m = re.search(r";TZID=([^;:]+)", name)
            assert m, f"{prop} without TZID: {text}"
            assert not value.endswith("Z"), f"{prop} in UTC: {text}"
            tzids_used.add(m.group(1))
    assert not stack
    assert cal_props["VERSION"] == [("VERSION", "2.0")]
    assert len(cal_props["PRODID"]) == 1
    assert tzids_used <= set(tzids_defined), (tzids_used, tzids_defined)
    assert len(tzids_defined) == len(set(tzids_defined))
    IcsCalendarStream.calendar_from_ics(data.decode())  # the strict parser accepts it


def _check_dtstart_is_occurrence(props: dict[str, list[tuple[str, str]]]) -> None:
    dtstart = datetime.strptime(props["DTSTART"][0][1], "%Y%m%dT%H%M%S")
    rule = rrulestr(props["RRULE"][0][1], dtstart=dtstart)
    assert rule[0] == dtstart, "DTSTART is not an occurrence of its RRULE"


def session_instants(rows: list[tuple[datetime, int]]) -> list[Instant]:
    """(start_utc, minutes) rows as sorted instants."""
    return sorted((s, s + timedelta(minutes=m)) for s, m in rows)


def appointment(uid: str, i: int, start: datetime) -> str:
    """One 45-minute appointment in Oslo with a long, folded description: what a
    practitioner's years of history look like in a big calendar export (a VEVENT, CRLF)."""
    return (
        "BEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20170101T000000Z\r\n"
        f"DTSTART;TZID=Europe/Oslo:{start:%Y%m%dT%H%M%S}\r\n"
        f"DTEND;TZID=Europe/Oslo:{start + timedelta(minutes=45):%Y%m%dT%H%M%S}\r\n"
        f"SUMMARY:Appointment {i}\r\n"
        "DESCRIPTION:" + ("A long description of the appointment. " * 5) + "\r\n"
        " and a folded continuation line\r\n"
        "END:VEVENT\r\n"
    )
