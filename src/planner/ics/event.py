"""One VEVENT as read: its values (dates, date-times, durations, periods, rules) checked.

Every value is parsed here with the line it came from, so a malformed file is refused with
an error naming that line (RFC 5545 section numbers in brackets). What the values mean for
busy time, zones and recurrence is :mod:`planner.ics.expand`'s business.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from planner.errors import CalendarFileError
from planner.ics.reader import Component, ContentLine, describe, unescape_text

WhenKind = Literal["date", "floating", "utc", "zoned"]

_DATE_RE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DATETIME_RE = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)")
_DURATION_RE = re.compile(
    r"([+-])?P(?:(\d+)W|(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?)"
)
_RRULE_KEYS = {
    "FREQ",
    "UNTIL",
    "COUNT",
    "INTERVAL",
    "BYSECOND",
    "BYMINUTE",
    "BYHOUR",
    "BYDAY",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYMONTH",
    "BYSETPOS",
    "WKST",
}
_FREQS = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY")
SUB_DAILY = ("HOURLY", "MINUTELY", "SECONDLY")
"""Frequencies an import does not expand (see :mod:`planner.ics.expand`)."""


@dataclass(frozen=True, slots=True)
class When:
    """A DATE, or a DATE-TIME that is floating, UTC, or local in a named zone (naive value)."""

    kind: WhenKind
    value: datetime
    """Naive; midnight for a DATE."""
    tzid: str | None = None
    line: int = 0
    """Where it was read (for errors about its zone)."""

    @property
    def is_date(self) -> bool:
        return self.kind == "date"


@dataclass(frozen=True, slots=True)
class Duration:
    """A DURATION: nominal days (weeks count 7) and exact seconds, with a sign."""

    days: int
    seconds: int

    @property
    def negative(self) -> bool:
        return self.days < 0 or self.seconds < 0


def tzids_of(ev: RawEvent) -> Iterator[tuple[str, int]]:
    """(TZID, line) of every zoned value of an event."""
    values: list[When | Duration | None] = [ev.start, ev.end, ev.recurrence_id, *ev.exdates]
    for _line, a, b in ev.rdates:
        values += [a, b]
    for w in values:
        if isinstance(w, When) and w.tzid is not None:
            yield w.tzid, w.line


@dataclass(slots=True)
class RawEvent:
    """A VEVENT as read, compact: only what blocking time needs."""

    line: int
    uid: str
    start: When
    end: When | None
    duration: Duration | None
    rrules: list[tuple[int, str]]
    rdates: list[tuple[int, When, When | Duration | None]]
    exdates: list[When]
    recurrence_id: When | None
    this_and_future: bool
    summary: str
    cancelled: bool
    transparent: bool
    version: tuple[int, str] = (0, "")
    """(SEQUENCE, the later of DTSTAMP and LAST-MODIFIED): which revision of the event this is
    (RFC 5546 section 2.1.5); the highest one of a UID is the event."""

    @property
    def recurring(self) -> bool:
        return bool(self.rrules or self.rdates)

    def blame(self, exc: CalendarFileError) -> CalendarFileError:
        """``exc`` naming this event by its UID and SUMMARY (see :meth:`Component.blame`)."""
        uid = "" if self.uid == _no_uid(self.line) else self.uid
        return exc.naming(describe("VEVENT", uid, self.summary), uid=uid, summary=self.summary)


def _no_uid(line: int) -> str:
    """The UID an event without one is known by (its line), never shown as a UID."""
    return f"line-{line}"


def parse_when_text(
    value: str, params: dict[str, list[str]] | None, line: int, source: str, name: str
) -> When:
    """A DATE or DATE-TIME value (RFC 5545 sections 3.3.4 and 3.3.5)."""
    v = value.strip()
    params = params or {}
    want_date = (params.get("VALUE") or [""])[0].upper() == "DATE"
    tz_values = params.get("TZID")
    tzid = tz_values[0] if tz_values else None
    m = _DATETIME_RE.fullmatch(v)
    try:
        if m and not want_date:
            y, mo, d, hh, mi, ss, z = m.groups()
            dt = datetime(int(y), int(mo), int(d), int(hh), int(mi), min(int(ss), 59))
            if z:
                return When("utc", dt, None, line)
            if tzid:
                return When("zoned", dt, tzid, line)
            return When("floating", dt, None, line)
        dm = _DATE_RE.fullmatch(v)
        if dm:
            y, mo, d = dm.groups()
            return When("date", datetime(int(y), int(mo), int(d)), None, line)
    except ValueError as exc:
        raise CalendarFileError(
            f"{source}: line {line}: {name} '{_clip(v)}' is not a real date ({exc})", line=line
        ) from None
    if want_date and m:
        raise CalendarFileError(
            f"{source}: line {line}: {name} says VALUE=DATE but '{_clip(v)}' has a time",
            line=line,
        )
    raise CalendarFileError(
        f"{source}: line {line}: {name} '{_clip(v)}' is not a date (20261020) or a date-time "
        "(20261020T100000, with Z for UTC)",
        line=line,
    )


def parse_when(p: ContentLine, source: str) -> When:
    return parse_when_text(p.value, p.params, p.line, source, p.name)


def parse_when_list(p: ContentLine, source: str) -> list[When]:
    return [parse_when_text(v, p.params, p.line, source, p.name) for v in p.value.split(",") if v]


def parse_duration(text: str, line: int, source: str, name: str = "DURATION") -> Duration:
    """``P1D``, ``PT1H30M``, ``P2W``, ``-PT15M`` (RFC 5545 section 3.3.6)."""
    m = _DURATION_RE.fullmatch(text.strip())
    if not m or text.strip().rstrip("T").endswith("P") or text.strip().endswith("T"):
        raise CalendarFileError(
            f"{source}: line {line}: {name} '{_clip(text)}' is not a duration (PT1H30M, P1D, P2W)",
            line=line,
        )
    sign = -1 if m.group(1) == "-" else 1
    weeks, days, hours, minutes, seconds = (int(g) if g else 0 for g in m.groups()[1:])
    return Duration(sign * (weeks * 7 + days), sign * (hours * 3600 + minutes * 60 + seconds))


def parse_rrule(value: str, line: int, source: str) -> dict[str, str]:
    """Check an RRULE's parts (RFC 5545 section 3.3.10); the values are checked by dateutil."""
    parts: dict[str, str] = {}
    for item in value.strip().split(";"):
        if not item:
            continue
        k, sep, v = item.partition("=")
        k = k.strip().upper()
        if not sep or not v:
            raise CalendarFileError(
                f"{source}: line {line}: the RRULE part '{_clip(item)}' is not NAME=value",
                line=line,
            )
        if k.startswith("X-"):
            continue
        if k not in _RRULE_KEYS:
            raise CalendarFileError(
                f"{source}: line {line}: the RRULE has an unknown part '{k}'", line=line
            )
        if k in parts:
            raise CalendarFileError(f"{source}: line {line}: the RRULE gives {k} twice", line=line)
        parts[k] = v.strip().upper()
    freq = parts.get("FREQ")
    if freq not in _FREQS:
        raise CalendarFileError(
            f"{source}: line {line}: the RRULE needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"
            + (f" (not '{freq}')" if freq else ""),
            line=line,
        )
    if "COUNT" in parts and "UNTIL" in parts:
        raise CalendarFileError(
            f"{source}: line {line}: the RRULE has both COUNT and UNTIL; RFC 5545 allows one",
            line=line,
        )
    for k in ("COUNT", "INTERVAL"):
        if k in parts and (not parts[k].isdigit() or int(parts[k]) < 1):
            raise CalendarFileError(
                f"{source}: line {line}: the RRULE's {k} must be a whole number of 1 or more",
                line=line,
            )
    return parts


def parse_period(
    text: str, params: dict[str, list[str]] | None, line: int, source: str, name: str
) -> tuple[When, When | Duration]:
    """A PERIOD value [3.3.9]: ``start/end`` or ``start/duration``."""
    a, sep, b = text.partition("/")
    if not sep:
        raise CalendarFileError(
            f"{source}: line {line}: the {name} period '{_clip(text)}' is not start/end or "
            "start/duration",
            line=line,
        )
    start = parse_when_text(a, params, line, source, name)
    if b.strip().lstrip("+-").startswith("P"):
        return start, parse_duration(b, line, source, name)
    return start, parse_when_text(b, params, line, source, name)


def _clip(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "..."


def read_event(comp: Component, source: str) -> RawEvent:
    """Check a VEVENT and keep what blocking time needs (RFC 5545 section 3.6.1)."""

    def one(name: str) -> ContentLine | None:
        found = comp.all(name)
        if len(found) > 1:
            raise CalendarFileError(
                f"{source}: line {found[1].line}: the VEVENT begun on line {comp.line} has "
                f"{name} twice",
                line=found[1].line,
            )
        return found[0] if found else None

    dtstart_p = one("DTSTART")
    if dtstart_p is None:
        raise CalendarFileError(
            f"{source}: line {comp.line}: the VEVENT has no DTSTART, so it cannot be placed",
            line=comp.line,
        )
    start = parse_when(dtstart_p, source)
    dtend_p, dur_p = one("DTEND"), one("DURATION")
    if dtend_p is not None and dur_p is not None:
        raise CalendarFileError(
            f"{source}: line {dur_p.line}: the VEVENT has both DTEND and DURATION; RFC 5545 "
            "allows one",
            line=dur_p.line,
        )
    end = parse_when(dtend_p, source) if dtend_p is not None else None
    if end is not None and end.is_date != start.is_date:
        assert dtend_p is not None
        raise CalendarFileError(
            f"{source}: line {dtend_p.line}: DTEND is a {'date' if end.is_date else 'date-time'} "
            f"but DTSTART is a {'date' if start.is_date else 'date-time'}; they must match",
            line=dtend_p.line,
        )
    duration = parse_duration(dur_p.value, dur_p.line, source) if dur_p is not None else None
    if duration is not None and duration.negative:
        assert dur_p is not None
        raise CalendarFileError(
            f"{source}: line {dur_p.line}: the DURATION is negative", line=dur_p.line
        )
    if (
        end is not None
        and end.kind == start.kind
        and end.tzid == start.tzid
        and end.value < start.value
    ):
        assert dtend_p is not None
        raise CalendarFileError(
            f"{source}: line {dtend_p.line}: the event ends before it starts (DTEND "
            f"{dtend_p.value} is before DTSTART {dtstart_p.value})",
            line=dtend_p.line,
        )
    rrules = [(p.line, p.value) for p in comp.all("RRULE")]
    for line, value in rrules:
        parse_rrule(value, line, source)
    rdates: list[tuple[int, When, When | Duration | None]] = []
    for p in comp.all("RDATE"):
        if (p.param("VALUE") or "").upper() == "PERIOD":
            for item in p.value.split(","):
                s, e = parse_period(item, p.params, p.line, source, "RDATE")
                rdates.append((p.line, s, e))
        else:
            rdates.extend((p.line, w, None) for w in parse_when_list(p, source))
    exdates = [w for p in comp.all("EXDATE") for w in parse_when_list(p, source)]
    rid_p = one("RECURRENCE-ID")
    rid = parse_when(rid_p, source) if rid_p is not None else None
    uid_p = one("UID")
    uid = uid_p.value.strip() if uid_p is not None and uid_p.value.strip() else _no_uid(comp.line)
    status_p, transp_p = one("STATUS"), one("TRANSP")
    status = status_p.value.strip().upper() if status_p is not None else ""
    transp = transp_p.value.strip().upper() if transp_p is not None else ""
    busy = comp.get("X-MICROSOFT-CDO-BUSYSTATUS")
    summary_p = comp.get("SUMMARY")
    version = _version(comp)
    return RawEvent(
        line=comp.line,
        uid=uid[:255],
        start=start,
        end=end,
        duration=duration,
        rrules=rrules,
        rdates=rdates,
        exdates=exdates,
        recurrence_id=rid,
        this_and_future=bool(
            rid_p is not None and (rid_p.param("RANGE") or "").upper() == "THISANDFUTURE"
        ),
        summary=unescape_text(summary_p.value)[:200] if summary_p is not None else "",
        cancelled=status == "CANCELLED",
        transparent=transp == "TRANSPARENT"
        or (busy is not None and busy.value.strip().upper() == "FREE"),
        version=version,
    )


def _version(comp: Component) -> tuple[int, str]:
    """SEQUENCE (0 when missing or unreadable: it cannot hide busy time) and the later of
    DTSTAMP and LAST-MODIFIED as written (UTC date-times, so they compare as text)."""
    seq_p = comp.get("SEQUENCE")
    text = seq_p.value.strip() if seq_p is not None else ""
    sequence = int(text) if text.isdigit() else 0
    stamps = [
        p.value.strip().upper()
        for name in ("DTSTAMP", "LAST-MODIFIED")
        if (p := comp.get(name)) is not None and _DATETIME_RE.fullmatch(p.value.strip().upper())
    ]
    return sequence, max(stamps, default="")
