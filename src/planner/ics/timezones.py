"""VTIMEZONE components that match the IANA zone's real rules (RFC 5545 section 3.6.5).

Every TZID a file uses gets a VTIMEZONE (RFC 5545 section 3.2.19: "An individual VTIMEZONE
calendar component MUST be specified for each unique TZID parameter value"). Clients that know
the IANA name (Google, Apple, Thunderbird) mostly use their own rules; Outlook and many
libraries use the VTIMEZONE, so it must be right for every instant the file contains.

How it is built:

* The zone's transitions are computed from :mod:`zoneinfo` (the ``tzdata`` rules) for the
  years the file covers, plus one year before so the first instant is preceded by an onset.
* Transitions that repeat yearly on the same weekday rule (``-1SU`` of March at 02:00, ...)
  become one STANDARD or DAYLIGHT observance with ``RRULE:FREQ=YEARLY;BYMONTH=..;BYDAY=..``
  (RFC 5545 section 3.8.5.3), which is the only form Outlook reads reliably: it misreads the
  ``RDATE`` lists that ``icalendar.Timezone.from_tzid`` writes (iCalcreator issues #86 and
  #106 show events an hour off).
* Each rule is expanded again and compared with the real transitions; anything irregular
  (a zone that changed or ended its rules within those years) falls back to explicit
  ``RDATE`` onsets, so the component is exact either way. ``DTSTART`` of an observance is
  its first onset in local time before the change (section 3.6.5: "DTSTART ... MUST be
  specified as a date with local time").
* A zone without transitions in those years (``Asia/Tokyo``) is one STANDARD observance.
* An observance without RRULE repeats its DTSTART as the first RDATE (allowed: the onsets
  are the union, duplicates ignored), because some readers (the ``ical`` library) take onsets
  from RRULE and RDATE only.
* DAYLIGHT is the observance the clocks go forward into (by at most two hours), STANDARD
  every other one. That is the tzdata "rearguard" reading (Europe/Dublin's summer is
  daylight time), and it keeps "offset minus DST" constant across every change, which readers
  that convert with Python's default ``fromutc`` (dateutil's ``tzical``, icalendar's
  ``to_tz``) rely on.

The tests check, for zones with regular and irregular histories, that icalendar, dateutil's
``tzical`` and the ``ical`` library all read the component back to zoneinfo's offsets.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import pairwise

from dateutil.rrule import YEARLY, rrule, weekday
from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from planner.core.timeutil import zone

_SCAN_STEP = timedelta(hours=12)
_MAX_DST_SHIFT = timedelta(hours=2)
_LOOK_BACK = timedelta(days=30 * 366)
_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Transition:
    """A change of a zone's offset (or its abbreviation) at one UTC instant."""

    at_utc: datetime
    """Naive UTC instant of the change."""
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    @property
    def local_onset(self) -> datetime:
        """The onset as RFC 5545 writes it: local time in the offset before the change."""
        return self.at_utc + self.offset_from


def _state(tzid: str, at_utc: datetime) -> tuple[timedelta, str]:
    local = at_utc.replace(tzinfo=UTC).astimezone(zone(tzid))
    off = local.utcoffset()
    assert off is not None
    return off, local.tzname() or ""


def transitions(tzid: str, start_utc: datetime, end_utc: datetime) -> list[Transition]:
    """Every transition of ``tzid`` in ``[start_utc, end_utc)``, to the second, in order."""
    out: list[Transition] = []
    t = start_utc
    state = _state(tzid, t)
    while t < end_utc:
        nxt = min(t + _SCAN_STEP, end_utc)
        new = _state(tzid, nxt)
        if new != state:
            lo, hi = t, nxt  # state(lo) == old, state(hi) == new
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(microsecond=0)
                if mid <= lo:
                    break
                if _state(tzid, mid) == state:
                    lo = mid
                else:
                    hi = mid
            # DAYLIGHT when the clocks go forward (see the module docstring), not zoneinfo's
            # dst(), which is negative in Dublin's winter. A jump of more than two hours (Samoa
            # crossing the date line in 2011) is a change of standard time, not DST.
            forward = timedelta(0) < new[0] - state[0] <= _MAX_DST_SHIFT
            out.append(Transition(hi, state[0], new[0], new[1], forward))
            state = new
        t = nxt
    return out


def _position(day: datetime) -> tuple[int, bool]:
    """(n, is_last): the n-th such weekday of its month, and whether it is also the last."""
    month_len = calendar.monthrange(day.year, day.month)[1]
    return (day.day - 1) // 7 + 1, day.day + 7 > month_len


def _yearly_rule(onsets: list[datetime]) -> tuple[int, int, int] | None:
    """(month, weekday, position) if the onsets follow one yearly weekday rule, else None."""
    if len(onsets) < 2:
        return None
    first = onsets[0]
    for a, b in pairwise(onsets):
        if b.year != a.year + 1:
            return None
    if any(
        (o.month, o.weekday(), o.time()) != (first.month, first.weekday(), first.time())
        for o in onsets
    ):
        return None
    positions = [_position(o) for o in onsets]
    if all(last for _n, last in positions):
        return first.month, first.weekday(), -1
    ns = {n for n, _last in positions}
    if len(ns) == 1 and (n := ns.pop()) <= 4:
        return first.month, first.weekday(), n
    return None


def _observance(
    kind: type[TimezoneStandard] | type[TimezoneDaylight],
    group: list[Transition],
    range_end_utc: datetime,
) -> TimezoneStandard | TimezoneDaylight:
    first = group[0]
    comp = kind()
    comp.add("DTSTART", first.local_onset)
    comp.add("TZOFFSETFROM", first.offset_from)
    comp.add("TZOFFSETTO", first.offset_to)
    if first.name:
        comp.add("TZNAME", first.name)
    onsets = [t.local_onset for t in group]
    rule = _yearly_rule(onsets)
    if rule is not None:
        month, wd, pos = rule
        exp = rrule(YEARLY, dtstart=onsets[0], bymonth=month, byweekday=weekday(wd, pos))
        # Only a rule still in force at the end of the covered years is written as an RRULE:
        # one that ended would need an UNTIL in UTC against a local DTSTART (section 3.3.10),
        # which dateutil-based readers reject; its onsets are listed instead.
        horizon = range_end_utc + first.offset_from
        if list(exp.between(onsets[0], horizon, inc=True)) == onsets:
            comp.add(
                "RRULE",
                {"freq": "YEARLY", "bymonth": month, "byday": f"{pos}{_WEEKDAY_CODES[wd]}"},
            )
            return comp
    # Explicit onsets. DTSTART is repeated as the first RDATE: RFC 5545 section 3.8.5.2 makes
    # the recurrence set the union of DTSTART and RDATE (duplicates ignored), and readers such
    # as the ``ical`` library take the onsets from RRULE/RDATE only.
    comp.add("RDATE", onsets)
    return comp


@lru_cache(maxsize=256)
def vtimezone_ical(tzid: str, first_year: int, last_year: int) -> bytes:
    """:func:`vtimezone` serialised (cached: an export writes the same zone many times)."""
    return bytes(vtimezone(tzid, first_year, last_year).to_ical())


def vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for ``tzid`` that is exact for every instant from ``first_year`` to
    ``last_year`` (inclusive), built as described in the module docstring."""
    zone(tzid)  # a clear error for a name that is not an IANA zone
    if last_year < first_year:
        first_year, last_year = last_year, first_year
    start_utc = datetime(first_year - 1, 1, 1)
    cover_utc = datetime(first_year, 1, 1) - timedelta(days=1)
    end_utc = datetime(last_year + 1, 1, 1) + timedelta(days=1)
    trans = transitions(tzid, start_utc, end_utc)

    tz = Timezone()
    tz.add("TZID", tzid)
    if not trans or trans[0].at_utc > cover_utc:
        # Nothing changes just before the covered years: the offset in force then began at
        # the zone's last earlier change, which is written as the first onset (Moscow's
        # +03 to +04 of 2011 for a file from 2013). Readers then see that change's direction
        # too, which those using Python's default fromutc() need. A zone without any change
        # for decades (Asia/Tokyo) gets one observance from the start of the range.
        earlier = transitions(tzid, start_utc - _LOOK_BACK, start_utc)
        if earlier:
            trans = [earlier[-1], *trans]
        else:
            off, name = _state(tzid, start_utc)
            trans = [Transition(start_utc, off, off, name, False)]
    groups: dict[tuple[bool, timedelta, timedelta, str], list[Transition]] = {}
    for t in trans:
        groups.setdefault((t.daylight, t.offset_from, t.offset_to, t.name), []).append(t)
    for (daylight, *_rest), group in sorted(groups.items(), key=lambda kv: kv[1][0].at_utc):
        kind = TimezoneDaylight if daylight else TimezoneStandard
        tz.add_component(_observance(kind, group, end_utc))
    return tz
