"""The series shape: one recurring event per plan phase (RFC 5545 sections 3.8.4.4, 3.8.5).

A phase's sessions were made by a weekly rule in local wall-clock time: every ``K`` weeks on
some weekdays at one time. Each session keeps where the rule put it
(``original_start_local``), which is exactly what an iCalendar RECURRENCE-ID names. So:

* The recurring event's DTSTART is the phase's first regular session time, which is itself an
  occurrence of the rule (section 3.8.5.3: DTSTART "SHOULD be synchronized with the
  recurrence rule"; we make sure it is). The rule is ``FREQ=WEEKLY`` with ``INTERVAL`` and
  ``BYDAY`` when there are several weekdays, bounded by ``COUNT`` (never ``UNTIL``, which
  would need a UTC value, section 3.3.10). DTSTART, EXDATE and RECURRENCE-ID carry the
  location's TZID, so every occurrence stays at the same local time across DST changes.
* An occurrence whose session was cancelled, or that has no session (a week left out by the
  skip-and-extend holiday policy), or whose session now belongs to another practitioner or
  location than the export's, is an EXDATE (section 3.8.5.1).
* A session moved away from its occurrence (by the desk, or shifted at booking around a
  holiday) is an override: a VEVENT with the series' UID and ``RECURRENCE-ID`` = its
  original start in the series' own zone (section 3.8.4.4).
* Sessions that do not fit the rule are their own events with their own UIDs: phases of one
  session (assessment, reassessment, follow-up), and anything not at the rule's weekday and
  time.
* With ``INTERVAL`` above 1 and several weekdays, which weeks count depends on WKST, and
  clients disagree on WKST; such a phase becomes one series per weekday, where WKST cannot
  matter.

Both shapes therefore expand to the same sessions at the same instants; the tests check it
with three independent parsers.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from dateutil.rrule import WEEKLY, rrule

from planner.ics.model import Cadence, PhaseGroup, SessionEvent

SERIES_NAMESPACE = uuid.UUID("5b0f2c5e-6d2f-4b8e-9d5c-3e0c2f9a7a11")
"""Series UIDs are uuid5 of this namespace and the plan's seed UID, phase and weekday."""

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass
class Series:
    """One recurring event: its rule, exceptions and overrides."""

    uid: str
    dtstart: datetime
    count: int
    interval_weeks: int
    byday: tuple[int, ...] | None
    """Weekdays for BYDAY, or None when the rule repeats DTSTART's weekday."""
    duration_min: int
    exdates: list[datetime] = field(default_factory=list)
    overrides: list[SessionEvent] = field(default_factory=list)
    members: list[SessionEvent] = field(default_factory=list)
    """Every session this series stands for (occurrence, override, or an EXDATE'd one)."""

    @property
    def cancelled(self) -> bool:
        """Every session of the series is cancelled (or not this scope's)."""
        return all(m.cancelled or not m.in_scope for m in self.members)

    def rrule_value(self) -> dict[str, object]:
        value: dict[str, object] = {"freq": "WEEKLY", "count": self.count}
        if self.interval_weeks != 1:
            value["interval"] = self.interval_weeks
        if self.byday:
            value["byday"] = [WEEKDAY_CODES[d] for d in self.byday]
        return value

    def occurrences(self) -> list[datetime]:
        """The rule's occurrences in local wall-clock time (DTSTART first)."""
        return list(_rule(self.dtstart, self.interval_weeks, self.byday, count=self.count))


@dataclass
class SeriesPlan:
    """How one phase is written: its series, and the sessions that stand alone."""

    series: list[Series]
    standalone: list[SessionEvent]


def _rule(
    dtstart: datetime,
    interval: int,
    byday: tuple[int, ...] | None,
    *,
    count: int | None = None,
    until: datetime | None = None,
) -> rrule:
    return rrule(
        WEEKLY,
        dtstart=dtstart,
        interval=interval,
        byweekday=list(byday) if byday else None,
        count=count,
        until=until,
    )


def series_uid(seed: str, phase: int, weekday: int | None) -> str:
    """A UID for life: the same plan phase (and weekday) always gets the same one."""
    name = f"{seed}/phase-{phase}" + (f"/{WEEKDAY_CODES[weekday]}" if weekday is not None else "")
    return f"{uuid.uuid5(SERIES_NAMESPACE, name)}@planner"


def _fits(s: SessionEvent, cadence: Cadence) -> bool:
    o = s.original_start_local
    return o.weekday() in cadence.weekdays and o.time() == cadence.at


def plan_series(group: PhaseGroup) -> SeriesPlan:
    """Split a phase into recurring events and stand-alone sessions (module docstring)."""
    sessions = sorted(group.sessions, key=lambda s: (s.original_start_local, s.appointment_id))
    cadence = group.cadence
    if cadence is None or len(sessions) < 2:
        return SeriesPlan([], list(sessions))
    fitting = [s for s in sessions if _fits(s, cadence)]
    standalone = [s for s in sessions if not _fits(s, cadence)]
    weekdays = tuple(sorted(set(cadence.weekdays)))
    buckets: list[tuple[int | None, tuple[int, ...] | None, list[SessionEvent]]]
    if len(weekdays) > 1 and cadence.interval_weeks > 1:
        buckets = [
            (wd, None, [s for s in fitting if s.original_start_local.weekday() == wd])
            for wd in weekdays
        ]
    else:
        byday = weekdays if len(weekdays) > 1 else None
        buckets = [(None, byday, fitting)]
    out: list[Series] = []
    for wd, byday, members in buckets:
        made = _one_series(group, cadence, wd, byday, members)
        if made is None:
            standalone.extend(members)
        else:
            series, strays = made
            out.append(series)
            standalone.extend(strays)
    standalone.sort(key=lambda s: (s.start_local, s.appointment_id))
    return SeriesPlan(out, standalone)


def _one_series(
    group: PhaseGroup,
    cadence: Cadence,
    weekday: int | None,
    byday: tuple[int, ...] | None,
    members: Sequence[SessionEvent],
) -> tuple[Series, list[SessionEvent]] | None:
    if len(members) < 2:
        return None
    first, last = members[0].original_start_local, members[-1].original_start_local
    occurrences = list(_rule(first, cadence.interval_weeks, byday, until=last))
    on_rule = set(occurrences)
    inside = [m for m in members if m.original_start_local in on_rule]
    strays = [m for m in members if m.original_start_local not in on_rule]
    if len(inside) < 2:
        return None
    if inside[-1].original_start_local != last:
        occurrences = [o for o in occurrences if o <= inside[-1].original_start_local]
    if occurrences[0] != inside[0].original_start_local:  # pragma: no cover - by construction
        raise AssertionError("a series must start at its first session's occurrence")
    by_nominal = {m.original_start_local: m for m in inside}
    series = Series(
        uid=series_uid(group.uid_seed, group.phase, weekday),
        dtstart=occurrences[0],
        count=len(occurrences),
        interval_weeks=cadence.interval_weeks,
        byday=byday,
        duration_min=cadence.duration_min,
        members=list(inside),
    )
    all_gone = series.cancelled
    for occ in occurrences:
        m = by_nominal.get(occ)
        if m is None:
            series.exdates.append(occ)  # a week left out (skip-and-extend)
        elif not m.in_scope or (m.cancelled and not all_gone):
            series.exdates.append(occ)
        elif m.cancelled:
            continue  # the whole series is cancelled: its status says so
        elif m.start_local != occ or m.duration_min != cadence.duration_min:
            series.overrides.append(m)
    return series, strays
