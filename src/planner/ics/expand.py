"""Turning imported VEVENTs into busy intervals: values, zones and bounded recurrence.

Rules an imported event follows (RFC 5545 references in brackets):

* **Times** [3.3.4, 3.3.5]. A DATE-TIME with TZID is local time in that zone; with ``Z`` it is
  UTC; with neither it is *floating* and is read in the import's zone (the practitioner's or
  the location's, or ``X-WR-TIMEZONE`` when the calendar names one, as Google's do). A DATE
  is an *all-day* event: whole local days in the import's zone, ``DTEND`` exclusive, one day
  when there is no end [3.6.1]. A local time in a DST gap is read with the offset before the
  gap and an ambiguous one as its first occurrence [3.3.5].
* **Zones**. An IANA TZID is read with the system's zone rules, even when the file has a
  VTIMEZONE for it (the tzdata rules are better than a truncated copy). Any other TZID uses
  the file's VTIMEZONE (Outlook's "W. Europe Standard Time"), else the Windows zone of that
  name, else it is an error naming the line.
* **Length**. ``DTEND`` (same value type as ``DTSTART``, not before it) or ``DURATION`` (days
  and weeks nominal, hours, minutes and seconds exact [3.3.6]), never both [3.6.1]. A timed
  event with neither has no length and blocks nothing.
* **Recurrence** [3.8.5]. RRULE (several allowed), RDATE (dates, date-times or periods) and
  EXDATE, expanded in the event's own local wall-clock time and then tied to its zone.
  DTSTART is always the first instance. RECURRENCE-ID overrides replace the instance they
  name (``RANGE=THISANDFUTURE`` moves that instance and all later ones) [3.8.4.4], also one
  outside the window moved into it; an override naming an occurrence the event does not
  have is left over from an older version and is reported, not added. A cancelled override
  removes its instance.
  An exception (EXDATE, RECURRENCE-ID) or an UNTIL of an all-day series names the date as
  written, also when written as a date-time in UTC or in some zone. Of several versions of
  one event (or of one override), only the newest is expanded: highest SEQUENCE, then the
  latest DTSTAMP or LAST-MODIFIED (RFC 5546 section 2.1.5); the others are reported.
* **Limits**. Only instances overlapping the import window (now to the planning horizon) are
  kept; rules are expanded lazily and stop at the horizon. ``FREQ=HOURLY`` and finer are not
  expanded (the event is skipped with a warning): dateutil can spin for seconds on such a rule
  that never matches, and a busy calendar has no business with them. One event may scan at
  most :attr:`Limits.max_scanned` occurrences and keep :attr:`Limits.max_instances`, and the
  whole expansion has a time budget; past those, the event is skipped or the import refused,
  so a hostile file neither hangs nor exhausts memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrule, rrulestr
from icalendar import Timezone as IcalTimezone
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from planner.core.timeutil import to_local, to_utc
from planner.errors import CalendarFileError
from planner.ics.event import SUB_DAILY, Duration, RawEvent, When, parse_rrule, parse_when_text
from planner.ics.reader import Component, ContentLine


@dataclass(frozen=True, slots=True)
class Instance:
    """One occurrence of an imported event, in UTC, with where it came from."""

    start_utc: datetime
    end_utc: datetime
    all_day: bool
    first_day: date
    """Local first day (all-day events: the date itself; timed: in the event's frame)."""
    last_day: date
    uid: str
    recurrence_id: str
    summary: str
    line: int


@dataclass
class Limits:
    """How far an import may go (see the module docstring)."""

    window_start_utc: datetime
    window_end_utc: datetime
    max_scanned: int = 400_000
    max_instances: int = 20_000
    seconds: float = 30.0


@dataclass
class Skipped:
    line: int
    reason: str


@dataclass
class Expander:
    """Expands events against one import zone and window; collects what it skipped."""

    source: str
    default_tz: tzinfo
    """The zone of all-day events (and of floating times unless ``floating_tz`` is set)."""
    vtimezones: dict[str, Component]
    limits: Limits
    floating_tz: tzinfo | None = None
    series_tzid: str | None = None
    """The calendar's ``X-WR-TIMEZONE`` (an IANA name): a repeating event written in UTC
    repeats on its wall clock, as Google Calendar and x-wr-timezone read such a feed (a UTC
    series would otherwise move by an hour when the clocks change)."""
    skipped: list[Skipped] = field(default_factory=list)
    _zones: dict[str, tzinfo] = field(default_factory=dict)
    _started: float = field(default_factory=time.monotonic)

    # -- zones ----------------------------------------------------------------------------
    def zone_of(self, when: When, line: int) -> tzinfo:
        if when.kind == "utc":
            return UTC
        if when.kind == "floating":
            return self.floating_tz or self.default_tz
        if when.kind == "date":
            return self.default_tz
        assert when.tzid is not None
        return self.resolve(when.tzid, when.line or line)

    def resolve(self, tzid: str, line: int) -> tzinfo:
        if tzid in self._zones:
            return self._zones[tzid]
        tz: tzinfo | None = iana_zone(tzid)
        if tz is None and tzid in self.vtimezones:
            tz = self._from_vtimezone(self.vtimezones[tzid])
        if tz is None and tzid in WINDOWS_TO_OLSON:
            tz = iana_zone(WINDOWS_TO_OLSON[tzid])
        if tz is None:
            raise CalendarFileError(
                f"{self.source}: line {line}: unknown time zone '{tzid}', and the file has no "
                "VTIMEZONE for it",
                line=line,
            )
        self._zones[tzid] = tz
        return tz

    def _from_vtimezone(self, comp: Component) -> tzinfo:
        lines = ["BEGIN:VTIMEZONE", *(_unparse(p) for p in comp.props)]
        for child in comp.children:
            lines += [
                f"BEGIN:{child.name}",
                *(_unparse(p) for p in child.props),
                f"END:{child.name}",
            ]
        lines.append("END:VTIMEZONE")
        try:
            vtz = cast(IcalTimezone, IcalTimezone.from_ical("\r\n".join(lines) + "\r\n"))
            made: tzinfo = vtz.to_tz(lookup_tzid=False)
            return made
        except Exception as exc:  # icalendar raises several types for broken components
            raise CalendarFileError(
                f"{self.source}: line {comp.line}: the VTIMEZONE cannot be read ({exc})",
                line=comp.line,
            ) from None

    # -- budget -----------------------------------------------------------------------------
    def _check_time(self, line: int) -> None:
        if time.monotonic() - self._started > self.limits.seconds:
            raise CalendarFileError(
                f"{self.source}: line {line}: expanding the repeating events takes longer than "
                f"{self.limits.seconds:g} seconds; nothing was imported. Export a shorter "
                "period of the calendar",
                line=line,
            )

    # -- instances ----------------------------------------------------------------------------
    def expand(self, master: RawEvent | None, overrides: list[RawEvent]) -> list[Instance]:
        """Every instance of one UID (its master and its overrides) inside the window."""
        if master is None:
            # Overrides of an event that is not in the file: each stands for itself.
            out: list[Instance] = []
            for ov in overrides:
                if not ov.cancelled:
                    inst = self._single(ov, ov.recurrence_id)
                    if inst is not None:
                        out.append(inst)
            return out
        self._check_time(master.line)
        if self.series_tzid and master.start.kind == "utc" and master.recurring:
            master = self._on_wall_clock(master, self.series_tzid)
        frame = self.zone_of(master.start, master.line)
        is_date = master.start.is_date
        base_len = self._length(master, frame)
        key = self._keyer(frame, is_date, master.line)
        excluded = {key(x) for x in master.exdates}
        by_rid, futures = self._by_instance(overrides, key)
        out = []
        seen: set[object] = set()
        kept = 0
        rules = [(line, self._rule(master, line, value, frame)) for line, value in master.rrules]
        for local, length in self._occurrences(master, frame, base_len, rules):
            k = key(When("date" if is_date else "zoned", local, None), frame_local=True)
            if k in seen:
                continue
            seen.add(k)
            if k in excluded or (not is_date and ("d", local.date()) in excluded):
                continue
            replacement = by_rid.pop(k) if k in by_rid else None
            if replacement is not None:
                if replacement.cancelled:
                    continue
                inst = self._single(
                    replacement, replacement.recurrence_id, fallback_len=length, frame=frame
                )
            else:
                inst = self._make(master, local, length, frame, is_date)
                # The latest THISANDFUTURE override at or before this instance applies.
                applicable = [fov for fk, fov in futures if _sort_key(fk) <= _sort_key(k)]
                if applicable and inst is not None:
                    inst = self._shift(inst, applicable[-1], frame)
            if inst is None:
                continue
            if kept == self.limits.max_instances:
                self.skipped.append(
                    Skipped(
                        master.line,
                        f"repeats more than {self.limits.max_instances} times before the "
                        "planning horizon; only the first ones were imported",
                    )
                )
                break
            out.append(inst)
            kept += 1
        # Overrides of occurrences outside the window (moved into it, or out of it), and
        # overrides naming an occurrence the event does not have at all: those are left over
        # from an older version of the event, and blocking their time was wrong.
        for k, stray in by_rid.items():
            if stray.cancelled:
                continue
            if not self._has_occurrence(master, frame, k, rules):
                self.skipped.append(
                    Skipped(
                        stray.line,
                        "the override names an occurrence the event does not have (left over "
                        "from an older version of it?); not imported",
                    )
                )
                continue
            inst = self._single(stray, stray.recurrence_id, fallback_len=base_len, frame=frame)
            if inst is not None:
                out.append(inst)
        return out

    def _by_instance(
        self, overrides: list[RawEvent], key: Callable[..., object]
    ) -> tuple[dict[object, RawEvent], list[tuple[object, RawEvent]]]:
        """The overrides by the instance they name, and the THISANDFUTURE ones in order."""
        by_rid: dict[object, RawEvent] = {}
        futures: list[tuple[object, RawEvent]] = []
        for ov in overrides:
            assert ov.recurrence_id is not None
            k = key(ov.recurrence_id)
            if ov.this_and_future:
                futures.append((k, ov))
            elif k in by_rid:
                # Two versions naming one instance, its RECURRENCE-ID written differently
                # (in UTC and in the series' zone): the newer one replaces it (RFC 5546).
                older, newer = sorted((by_rid[k], ov), key=lambda e: (e.version, e.line))
                by_rid[k] = newer
                self.skipped.append(
                    Skipped(older.line, f"an older version of the override on line {newer.line}")
                )
            else:
                by_rid[k] = ov
        futures.sort(key=lambda kv: _sort_key(kv[0]))
        return by_rid, futures

    def _on_wall_clock(self, ev: RawEvent, tzid: str) -> RawEvent:
        """The event with its UTC start (and end) as the same instants in zone ``tzid``."""
        tz = self.resolve(tzid, ev.line)

        def moved(w: When | None) -> When | None:
            if w is None or w.kind != "utc":
                return w
            return When("zoned", to_local(w.value, tz), tzid, w.line)

        start = moved(ev.start)
        assert start is not None
        return replace(ev, start=start, end=moved(ev.end))

    def _has_occurrence(
        self, ev: RawEvent, frame: tzinfo, k: object, rules: list[tuple[int, rrule | None]]
    ) -> bool:
        """Whether the event's DTSTART, RDATEs or rules have the occurrence keyed ``k`` (as
        :meth:`_keyer` keys them), wherever it lies; EXDATEs do not count."""
        is_date = ev.start.is_date
        key = self._keyer(frame, is_date, ev.line)

        def at(local: datetime) -> object:
            return key(When("date" if is_date else "zoned", local, None), frame_local=True)

        if at(ev.start.value) == k:
            return True
        for line, when, _period in ev.rdates:
            if at(self._to_frame(when, frame, line, is_date)) == k:
                return True
        target = _sort_key(k)
        for _line, rule in rules:
            if rule is None:
                continue
            for scanned, local in enumerate(rule, start=1):
                here = at(local)
                if here == k:
                    return True
                if _sort_key(here) > target or scanned > self.limits.max_scanned:
                    break
        return False

    def _keyer(self, frame: tzinfo, is_date: bool, line: int) -> Callable[..., object]:
        def key(w: When, *, frame_local: bool = False) -> object:
            if frame_local:
                if is_date:
                    return ("d", w.value.date())
                return ("t", to_utc(w.value, frame))
            if is_date:
                # An exception of an all-day series names the date as written, whatever its
                # value type or zone ("EXDATE:20260905T000000Z" and Outlook's
                # "RECURRENCE-ID;TZID=GMT Standard Time:20260905T000000" both mean 5 Sep):
                # read in the clinic's zone, it was the day before west of UTC.
                return ("d", w.value.date())
            if w.is_date:
                return ("d", w.value.date())
            tz = frame if w.kind == "floating" else self.zone_of(w, line)
            return ("t", to_utc(w.value, tz))

        return key

    def _length(self, ev: RawEvent, frame: tzinfo) -> Duration | timedelta | None:
        """The master's length: nominal days for all-day, exact for timed (None: zero)."""
        if ev.start.is_date:
            if ev.end is not None:
                return Duration((ev.end.value - ev.start.value).days, 0)
            if ev.duration is not None:
                days = ev.duration.days + (1 if ev.duration.seconds > 0 else 0)
                return Duration(max(days, 1), 0)
            return Duration(1, 0)
        if ev.end is not None:
            end_tz = frame if ev.end.kind == "floating" else self.zone_of(ev.end, ev.line)
            return to_utc(ev.end.value, end_tz) - to_utc(ev.start.value, frame)
        return ev.duration

    def _occurrences(
        self,
        ev: RawEvent,
        frame: tzinfo,
        length: Duration | timedelta | None,
        rules: list[tuple[int, rrule | None]],
    ) -> Iterator[tuple[datetime, Duration | timedelta | None]]:
        """(local start in the frame, length) of every instance that may touch the window."""
        lo = to_local(self.limits.window_start_utc, frame) - timedelta(days=2) - _span(length)
        hi = to_local(self.limits.window_end_utc, frame) + timedelta(days=2)
        starts: list[tuple[datetime, Duration | timedelta | None]] = [(ev.start.value, length)]
        for line, when, period in ev.rdates:
            local = self._to_frame(when, frame, line, ev.start.is_date)
            plen = length
            if isinstance(period, Duration):
                plen = period
            elif isinstance(period, When):
                ptz = frame if period.kind == "floating" else self.zone_of(period, line)
                plen = to_utc(period.value, ptz) - to_utc(local, frame)
            starts.append((local, plen))
        for local, plen in starts:
            if lo <= local < hi:
                yield local, plen
        for line, rule in rules:
            if rule is None:
                continue
            for scanned, local in enumerate(rule, start=1):
                if scanned % 2048 == 0:
                    self._check_time(line)
                if scanned > self.limits.max_scanned:
                    self.skipped.append(
                        Skipped(
                            line,
                            f"the rule repeats more than {self.limits.max_scanned} times before "
                            "the planning horizon; its later occurrences were not imported",
                        )
                    )
                    break
                if local >= hi:
                    break
                if local >= lo:
                    yield local, length

    def _to_frame(self, when: When, frame: tzinfo, line: int, is_date: bool) -> datetime:
        """An RDATE as a naive local time in the master's frame."""
        if is_date:
            return datetime.combine(when.value.date(), datetime.min.time())
        if when.is_date or when.kind == "floating":
            return when.value
        return to_local(to_utc(when.value, self.zone_of(when, line)), frame)

    def _rule(self, ev: RawEvent, line: int, value: str, frame: tzinfo) -> rrule | None:
        """The rule, bounded by its UNTIL; None for a sub-daily one (reported)."""
        parts = parse_rrule(value, line, self.source)
        freq = parts["FREQ"]
        if freq in SUB_DAILY:
            self.skipped.append(
                Skipped(line, f"FREQ={freq} is not imported (only daily or slower repeats)")
            )
            return None
        until_text = parts.pop("UNTIL", None)
        text = ";".join(f"{k}={v}" for k, v in parts.items())
        dtstart = ev.start.value
        try:
            rule = rrulestr(f"RRULE:{text}", dtstart=dtstart)
        except (ValueError, TypeError) as exc:
            raise CalendarFileError(
                f"{self.source}: line {line}: the RRULE '{value}' cannot be read ({exc})",
                line=line,
            ) from None
        assert isinstance(rule, rrule)
        if until_text is not None:
            until = parse_when_text(until_text, None, line, self.source, "UNTIL")
            if ev.start.is_date:
                # An all-day series ends on the date its UNTIL names, as written (Outlook
                # writes "UNTIL=20261230T000000Z"): the last day must not depend on the zone
                # of the clinic that imports it.
                limit = datetime.combine(until.value.date(), datetime.max.time())
            elif until.is_date:
                limit = datetime.combine(until.value.date(), datetime.max.time())
            elif until.kind == "utc":
                limit = to_local(until.value, frame)
            else:  # floating UNTIL with a zoned DTSTART: the RFC says UTC; read it locally
                limit = until.value
            rule = rule.replace(until=limit)
        return rule

    def _make(
        self,
        ev: RawEvent,
        local: datetime,
        length: Duration | timedelta | None,
        frame: tzinfo,
        is_date: bool,
    ) -> Instance | None:
        if is_date:
            days = length.days if isinstance(length, Duration) else 1
            days = max(days, 1)
            first = local.date()
            last = first + timedelta(days=days - 1)
            start = to_utc(datetime.combine(first, datetime.min.time()), self.default_tz)
            end = to_utc(
                datetime.combine(last + timedelta(days=1), datetime.min.time()), self.default_tz
            )
            rid = first.strftime("%Y%m%d")
            return self._bounded(start, end, True, first, last, ev, rid)
        start = to_utc(local, frame)
        end = _end(local, start, length, frame)
        rid = start.strftime("%Y%m%dT%H%M%SZ")
        first_day = local.date()
        last_day = to_local(end, frame).date() if end > start else first_day
        return self._bounded(start, end, False, first_day, last_day, ev, rid)

    def _bounded(
        self,
        start: datetime,
        end: datetime,
        all_day: bool,
        first: date,
        last: date,
        ev: RawEvent,
        rid: str,
    ) -> Instance | None:
        if end <= start:
            return None
        if end <= self.limits.window_start_utc or start >= self.limits.window_end_utc:
            return None
        return Instance(start, end, all_day, first, last, ev.uid, rid, ev.summary, ev.line)

    def _single(
        self,
        ev: RawEvent,
        rid: When | None,
        *,
        fallback_len: Duration | timedelta | None = None,
        frame: tzinfo | None = None,
    ) -> Instance | None:
        """An event (or override) standing for one instance at its own DTSTART."""
        own = self.zone_of(ev.start, ev.line)
        length: Duration | timedelta | None
        if ev.end is not None or ev.duration is not None or ev.start.is_date:
            length = self._length(ev, own)
        else:
            length = fallback_len
        local = ev.start.value
        if not (
            self.limits.window_start_utc - timedelta(days=2) - _span(length)
            <= to_utc(local, own)
            < self.limits.window_end_utc + timedelta(days=2)
        ):
            return None
        inst = self._make(ev, local, length, own, ev.start.is_date)
        if inst is not None and rid is not None and frame is not None:
            key = (
                rid.value.strftime("%Y%m%d")
                if rid.is_date
                else to_utc(
                    rid.value, frame if rid.kind == "floating" else self.zone_of(rid, ev.line)
                ).strftime("%Y%m%dT%H%M%SZ")
            )
            inst = Instance(
                inst.start_utc,
                inst.end_utc,
                inst.all_day,
                inst.first_day,
                inst.last_day,
                inst.uid,
                key,
                inst.summary,
                inst.line,
            )
        return inst

    def _shift(self, inst: Instance, ov: RawEvent, frame: tzinfo) -> Instance | None:
        """Apply a ``RANGE=THISANDFUTURE`` override: same shift and length for later ones."""
        if ov.cancelled:
            return None
        assert ov.recurrence_id is not None
        rid_tz = (
            frame
            if ov.recurrence_id.kind == "floating"
            else self.zone_of(ov.recurrence_id, ov.line)
        )
        own = self.zone_of(ov.start, ov.line)
        if inst.all_day or ov.start.is_date or ov.recurrence_id.is_date:
            shift = timedelta(days=(ov.start.value.date() - ov.recurrence_id.value.date()).days)
        else:
            shift = to_utc(ov.start.value, own) - to_utc(ov.recurrence_id.value, rid_tz)
        length = inst.end_utc - inst.start_utc
        if ov.end is not None or ov.duration is not None:
            own_len = self._length(ov, own)
            if isinstance(own_len, timedelta):
                length = own_len
            elif isinstance(own_len, Duration):
                length = timedelta(days=own_len.days, seconds=own_len.seconds)
        start = inst.start_utc + shift
        return self._bounded(
            start,
            start + length,
            inst.all_day,
            inst.first_day + timedelta(days=shift.days),
            inst.last_day + timedelta(days=shift.days),
            ov,
            inst.recurrence_id,
        )


# -- values ------------------------------------------------------------------------------------


def iana_zone(name: str) -> ZoneInfo | None:
    """The IANA zone a TZID names, also inside a longer path (Mozilla's); else None."""
    candidates = [name]
    if "/" in name:  # "/mozilla.org/20050126_1/Europe/Oslo" and the like
        parts = [p for p in name.split("/") if p]
        candidates += ["/".join(parts[i:]) for i in range(1, len(parts) - 1)]
    for c in candidates:
        if not c or c != c.strip() or ".." in c:
            continue
        try:
            return ZoneInfo(c)
        except (ZoneInfoNotFoundError, ValueError, IsADirectoryError, OSError):
            continue
    return None


def _unparse(p: ContentLine) -> str:
    params = "".join(
        f";{k}=" + ",".join(f'"{v}"' if any(c in v for c in ":;,") else v for v in vals)
        for k, vals in p.params.items()
    )
    return f"{p.name}{params}:{p.value}"


def _span(length: Duration | timedelta | None) -> timedelta:
    if length is None:
        return timedelta(0)
    if isinstance(length, Duration):
        return timedelta(days=abs(length.days), seconds=abs(length.seconds))
    return abs(length)


def _end(
    local: datetime, start_utc: datetime, length: Duration | timedelta | None, frame: tzinfo
) -> datetime:
    if length is None:
        return start_utc
    if isinstance(length, timedelta):
        return start_utc + length
    nominal = local + timedelta(days=length.days)
    return to_utc(nominal, frame) + timedelta(seconds=length.seconds)


def _sort_key(k: object) -> tuple[int, datetime]:
    """Order instance keys: ``("d", date)`` for all-day, ``("t", utc)`` for timed."""
    kind, value = cast(tuple[str, Any], k)
    if kind == "d":
        return 0, datetime.combine(value, datetime.min.time())
    return 1, cast(datetime, value)
