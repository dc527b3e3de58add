"""The series engine: a plan's rule in, every proposed session out, checked one by one.

Pure functions of (plan spec, clinic calendar, existing bookings). Sessions are expanded in
local wall-clock time with dateutil's rrule, then tied to the zone, so a weekly 10:00 session
stays at 10:00 across daylight-saving changes. Every session is checked against holidays,
closures, opening and working hours, and the bookings of the practitioner, the room and the
patient. The engine is **count-preserving**: a session that lands on a holiday or closure is
moved by the plan's :class:`~planner.core.domain.HolidayPolicy`, never silently dropped; one
that cannot be placed is returned as ``unplaceable`` with the reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Protocol

from dateutil.rrule import WEEKLY, rrule

from planner.core.calendars import ClinicCalendar, WeeklyHours, session_end
from planner.core.domain import (
    WEEKDAYS,
    Anchor,
    Busy,
    ConflictPolicy,
    HolidayPolicy,
    Kind,
    Phase,
    PlanSpec,
    ProposedSession,
    Reason,
    SessionState,
)
from planner.core.i18n import N_
from planner.core.phrases import Clock, Days, Phrase, joined, phrase
from planner.core.timeutil import (
    ambiguity_phrase,
    gap_length,
    gap_phrase,
    is_ambiguous,
    is_nonexistent,
    to_local,
    to_utc,
    zone,
)
from planner.errors import BadInput

SLOT_STEP = timedelta(minutes=15)
"""Granularity of the same-day search for a free time."""

_DAY_MARGIN = timedelta(hours=3)


class BusySource(Protocol):
    """Where the engine learns about existing bookings of the plan's resources."""

    def fetch(self, windows: Sequence[tuple[datetime, datetime]]) -> list[Busy]:
        """Bookings of the practitioner, room or patient overlapping any UTC window."""
        ...


class NoBookings:
    """A clinic with an empty diary."""

    def fetch(self, windows: Sequence[tuple[datetime, datetime]]) -> list[Busy]:
        return []


@dataclass
class MemoryBookings:
    """Existing bookings held in memory (tests, demo generation)."""

    items: list[Busy] = field(default_factory=list)

    def fetch(self, windows: Sequence[tuple[datetime, datetime]]) -> list[Busy]:
        return [
            b for b in self.items if any(b.start_utc < hi and b.end_utc > lo for lo, hi in windows)
        ]


@dataclass
class Proposal:
    """The engine's answer: every session of the plan, in time order."""

    spec: PlanSpec
    sessions: list[ProposedSession]

    @property
    def bookable(self) -> bool:
        return all(s.state.bookable for s in self.sessions)

    @property
    def problems(self) -> list[ProposedSession]:
        return [s for s in self.sessions if not s.state.bookable]

    @property
    def conflicts(self) -> list[Busy]:
        return [c for s in self.sessions for c in s.conflicts]


def weekday_offsets(phase: Phase, start: date) -> list[int]:
    """Days after the start of each week block on which the phase's sessions fall.

    A week block begins on the plan's first day. Without explicit weekdays, sessions are
    spread evenly from the first weekday (twice a week from a Tuesday: Tuesday and Friday).
    """
    if phase.weekdays is None:
        return [(i * 7) // phase.per_week for i in range(phase.per_week)]
    return sorted((wd - start.weekday()) % 7 for wd in phase.weekdays)


def check_pattern(spec: PlanSpec, calendar: ClinicCalendar) -> None:
    """Refuse a plan whose regular weekday and time lie outside opening or working hours.

    Holidays and one-off closures are handled session by session; a weekday the practitioner
    never works, or a time the clinic is never open, is a mistake in the request.
    """
    start = spec.start
    for phase in spec.phases:
        end = start + timedelta(minutes=phase.duration_min)
        for off in weekday_offsets(phase, start.date()):
            day = start + timedelta(days=off)
            wd = day.weekday()
            end_t = session_end(start, end)
            if end_t is None:
                raise BadInput(
                    f"a {phase.duration_min}-minute session from {start:%H:%M} runs past midnight"
                )
            if not calendar.opening.fits(wd, start.time(), end_t):
                raise BadInput(
                    f"{calendar.location_name} is not open {WEEKDAYS[wd]} "
                    f"{start:%H:%M}-{end:%H:%M} (opening hours: {calendar.opening}); "
                    "choose a time inside them"
                )
            if calendar.working is not None and not calendar.working.fits(wd, start.time(), end_t):
                raise BadInput(
                    f"{calendar.practitioner_name} does not work {WEEKDAYS[wd]} "
                    f"{start:%H:%M}-{end:%H:%M} at {calendar.location_name} "
                    f"(working hours: {_hours_text(calendar.working)}); "
                    "choose another day, time or practitioner"
                )


def _hours_text(h: WeeklyHours) -> str:
    return str(h)


@dataclass
class _Slot:
    local: datetime
    utc: datetime
    end_utc: datetime


class _Placer:
    """Checks and places the sessions of one plan, remembering what it has placed."""

    def __init__(self, spec: PlanSpec, calendar: ClinicCalendar, busy: BusySource) -> None:
        self.spec = spec
        self.cal = calendar
        self.tz = zone(spec.tz)
        self.source = busy
        self.known: dict[tuple[int | None, str, datetime, datetime, str | Phrase], Busy] = {}
        """Bookings fetched so far, keyed so that overlapping fetches do not double them."""
        self.covered: list[tuple[datetime, datetime]] = []
        """UTC windows whose bookings are all in ``known``."""
        self.placed: list[Busy] = []
        self.placed_days: set[date] = set()
        self.reserved_days: set[date] = set()
        """Days the plan's rule itself uses: a shifted session does not move onto them."""
        self.skipped: list[tuple[date, Phrase]] = []
        """Why the last :meth:`next_days` search passed each day before the one it found."""

    # -- bookings -------------------------------------------------------------------------
    def _window(self, d: date) -> tuple[datetime, datetime]:
        lo = to_utc(datetime.combine(d, datetime.min.time()), self.tz) - _DAY_MARGIN
        hi = to_utc(datetime.combine(d + timedelta(days=1), datetime.min.time()), self.tz)
        return lo, hi + _DAY_MARGIN

    def _fetch(self, windows: list[tuple[datetime, datetime]]) -> None:
        missing = [w for w in windows if not self._is_covered(*w)]
        if not missing:
            return
        for b in self.source.fetch(missing):
            self.known[(b.appointment_id, b.resource, b.start_utc, b.end_utc, b.description)] = b
        self.covered.extend(missing)

    def _is_covered(self, lo: datetime, hi: datetime) -> bool:
        return any(a <= lo and hi <= b for a, b in self.covered)

    def prefetch(self, days: Iterable[date]) -> None:
        """Fetch whole days at once (before searching them for another time)."""
        self._fetch([self._window(d) for d in sorted(set(days))])

    def prefetch_slots(self, slots: Iterable[tuple[datetime, int]]) -> None:
        """Fetch just the sessions' own times, in one round trip."""
        windows = []
        for local, minutes in slots:
            utc = to_utc(local, self.tz)
            windows.append((utc, utc + timedelta(minutes=minutes)))
        self._fetch(windows)

    def conflicts(self, slot: _Slot) -> list[Busy]:
        self._fetch([(slot.utc, slot.end_utc)])
        hits = [
            b
            for b in [*self.known.values(), *self.placed]
            if b.start_utc < slot.end_utc and b.end_utc > slot.utc
        ]
        return sorted(hits, key=lambda b: (b.start_utc, b.resource))

    # -- slots ----------------------------------------------------------------------------
    def slot(self, local: datetime, minutes: int) -> _Slot:
        utc = to_utc(local, self.tz)
        return _Slot(local, utc, utc + timedelta(minutes=minutes))

    def day_closed(self, d: date) -> Reason | None:
        return self.cal.closed_reason(d)

    def usable(self, local: datetime, minutes: int, *, other_day_ok: bool) -> _Slot | None:
        """A slot at ``local`` with no obstacle at all, or None."""
        if is_nonexistent(local, self.tz) or is_ambiguous(local, self.tz):
            return None
        if self.day_closed(local.date()):
            return None
        if not other_day_ok and (
            local.date() in self.placed_days or local.date() in self.reserved_days
        ):
            return None
        if self.cal.hours_reason(local, local + timedelta(minutes=minutes)):
            return None
        s = self.slot(local, minutes)
        if self.conflicts(s):
            return None
        return s

    def next_days(self, local: datetime, minutes: int) -> _Slot | None:
        """The same wall-clock time on the first usable later day; ``self.skipped`` then says
        why each day in between could not take it."""
        days = [local.date() + timedelta(days=i) for i in range(1, self.spec.max_shift_days + 1)]
        self.prefetch(d for d in days if not self.day_closed(d))
        self.skipped = []
        for i in range(1, self.spec.max_shift_days + 1):
            cand = local + timedelta(days=i)
            s = self.usable(cand, minutes, other_day_ok=False)
            if s:
                return s
            self.skipped.append((cand.date(), self._why_not(cand, minutes)))
        return None

    def _why_not(self, local: datetime, minutes: int) -> Phrase:
        """Why :meth:`usable` turned a later day's time down, without the day (the days with
        one cause are said together)."""
        d = local.date()
        holiday = self.cal.holiday(d)
        if holiday:
            return phrase(N_("public holiday ({name})"), name=holiday)
        closure = self.day_closed(d)
        if closure is not None:
            why = next((c.reason for c in self.cal.closures if c.first <= d <= c.last), "")
            if why:
                return phrase(
                    N_("{location} is closed ({why})"), location=self.cal.location_name, why=why
                )
            return phrase(N_("{location} is closed"), location=self.cal.location_name)
        if d in self.placed_days or d in self.reserved_days:
            return phrase(N_("another session of this plan that day"))
        if self.cal.hours_reason(local, local + timedelta(minutes=minutes)) is not None:
            return phrase(N_("{time} is outside the hours"), time=Clock(local))
        if is_nonexistent(local, self.tz) or is_ambiguous(local, self.tz):
            return phrase(N_("{time} falls in a daylight-saving change"), time=Clock(local))
        hits = self.conflicts(self.slot(local, minutes))
        if hits and all(b.resource == "unavailable" for b in hits):
            return phrase(N_("the patient cannot come at {time}"), time=Clock(local))
        whose = sorted(
            {_BUSY_WHOSE.get(b.resource, b.resource) for b in hits if b.resource != "unavailable"}
        )
        if not whose:
            return phrase(N_("someone is booked at {time}"), time=Clock(local))
        who: Phrase | str = _whose(whose[-1], self.cal.practitioner_name)
        for other in reversed(whose[:-1]):
            who = phrase(
                N_("{first} and {rest}"), first=_whose(other, self.cal.practitioner_name), rest=who
            )
        if len(whose) == 1:
            return phrase(N_("{who} is booked at {time}"), who=who, time=Clock(local))
        return phrase(N_("{who} are booked at {time}"), who=who, time=Clock(local))

    def same_day(self, local: datetime, minutes: int) -> _Slot | None:
        self.prefetch([local.date()])
        steps = int(timedelta(minutes=self.spec.same_day_window_min) / SLOT_STEP)
        for k in range(1, steps + 1):
            for sign in (1, -1):
                cand = local + sign * k * SLOT_STEP
                if cand.date() != local.date():
                    continue
                s = self.usable(cand, minutes, other_day_ok=True)
                if s:
                    return s
        return None

    def _with_skipped(self, reasons: list[Reason]) -> list[Reason]:
        """``reasons`` and, when a move to a later day passed days over, why it passed them
        ("Mon 28 and Tue 29 Dec: Nina is booked at 10:00"), as a last reason of its own."""
        if not self.skipped:
            return reasons
        groups: list[tuple[list[date], Phrase]] = []
        for d, why in self.skipped:
            if groups and groups[-1][1] == why:
                groups[-1][0].append(d)
            else:
                groups.append(([d], why))
        said = joined(
            [phrase(N_("{days}: {why}"), days=Days(tuple(days)), why=why) for days, why in groups]
        )
        return [*reasons, Reason.of("days-passed", "{text}", text=said)]

    def remember(self, s: _Slot) -> None:
        self.placed.append(Busy(s.utc, s.end_utc, "plan", None, "another session of this plan"))
        self.placed_days.add(s.local.date())

    # -- one session ----------------------------------------------------------------------
    def place(
        self, nominal: datetime, minutes: int
    ) -> tuple[_Slot | None, SessionState, list[Reason], list[Busy]] | Reason:
        """Place one session; returns a Reason alone when skip-and-extend leaves it out."""
        reasons: list[Reason] = []
        state = SessionState.FREE
        cand = nominal
        if is_nonexistent(cand, self.tz):
            moved = cand + gap_length(cand, self.tz)
            reasons.append(
                Reason.of(
                    "dst-gap",
                    N_("{gap}; moved to {time}"),
                    gap=gap_phrase(cand, self.tz),
                    time=Clock(moved),
                )
            )
            cand, state = moved, SessionState.SHIFTED
        if is_ambiguous(cand, self.tz):
            reasons.append(
                Reason.of(
                    "dst-ambiguous",
                    N_("{twice}; booked at the first of the two"),
                    twice=ambiguity_phrase(cand, self.tz),
                )
            )
            state = SessionState.FLAGGED

        obstacle = self.day_closed(cand.date()) or self.cal.hours_reason(
            cand, cand + timedelta(minutes=minutes)
        )
        if obstacle is not None:
            policy = self.spec.holiday_policy
            if policy is HolidayPolicy.SKIP_EXTEND:
                return obstacle
            reasons.append(obstacle)
            if policy is HolidayPolicy.KEEP_FLAG:
                state = SessionState.FLAGGED
            else:
                moved_slot = None
                self.skipped = []
                if policy is HolidayPolicy.SAME_DAY and obstacle.code.startswith("outside"):
                    moved_slot = self.same_day(cand, minutes)
                if moved_slot is None:
                    # the rule's wall-clock time, even when a DST gap moved ``cand`` today
                    moved_slot = self.next_days(nominal, minutes)
                if moved_slot is None:
                    return (
                        None,
                        SessionState.UNPLACEABLE,
                        [
                            *reasons,
                            Reason.of(
                                "no-slot",
                                N_("no free time within {days} days at {time}"),
                                days=self.spec.max_shift_days,
                                time=Clock(cand),
                            ),
                        ],
                        [],
                    )
                self.remember(moved_slot)
                return moved_slot, SessionState.SHIFTED, self._with_skipped(reasons), []

        slot = self.slot(cand, minutes)
        hits = self.conflicts(slot)
        if not hits:
            self.remember(slot)
            return slot, state, reasons, []
        busy_reasons = _busy_reasons(hits)
        policy_c = self.spec.conflict_policy
        moved_slot = None
        self.skipped = []
        if policy_c is ConflictPolicy.SAME_DAY:
            moved_slot = self.same_day(cand, minutes)
        elif policy_c is ConflictPolicy.NEXT_WORKING_DAY:
            moved_slot = self.next_days(nominal, minutes)
        elif nominal in self.spec.shift_only:
            # "Shift this one": this session alone moves, nearest that day, else a later day.
            moved_slot = self.same_day(cand, minutes) or self.next_days(nominal, minutes)
        if moved_slot is not None:
            self.remember(moved_slot)
            if moved_slot.local.date() == cand.date():
                self.skipped = []
            return (
                moved_slot,
                SessionState.SHIFTED,
                self._with_skipped([*reasons, *busy_reasons]),
                [],
            )
        final = (
            SessionState.CONFLICT if policy_c is ConflictPolicy.REFUSE else SessionState.UNPLACEABLE
        )
        return None, final, [*reasons, *busy_reasons], hits


_BUSY_WHOSE = {
    "practitioner": "{p}",
    "room": N_("the room"),
    "patient": N_("the patient"),
    "unavailable": N_("the patient"),
    "plan": N_("another session of this plan"),
}
"""Whose time a :class:`Busy` holds, for "Tue 29 Dec 10:00 is booked for Nina"."""


def _whose(text: str, practitioner: str) -> Phrase | str:
    """One of :data:`_BUSY_WHOSE`'s values, said (the practitioner by name)."""
    return practitioner if text == "{p}" else phrase(text)


def _busy_reasons(hits: list[Busy]) -> list[Reason]:
    out: list[Reason] = []
    seen: set[str] = set()
    for b in hits:
        code = f"{b.resource}-busy"
        if code in seen:
            continue
        seen.add(code)
        what = {
            "practitioner": N_("the practitioner is booked"),
            "room": N_("the room is booked"),
            "patient": N_("the patient has another appointment"),
            "unavailable": N_("the patient cannot come then"),
            "plan": N_("another session of this plan is at that time"),
        }.get(b.resource)
        said = phrase(what) if what else phrase(N_("{what} is busy"), what=b.resource)
        if b.description:
            out.append(Reason.of(code, N_("{what} ({detail})"), what=said, detail=b.description))
        else:
            out.append(Reason.of(code, "{what}", what=said))
    return out


@dataclass
class _Draft:
    kind: Kind
    phase: int
    minutes: int
    nominal: datetime
    slot: _Slot | None
    state: SessionState
    reasons: list[Reason]
    conflicts: list[Busy]


def _phase_dates(
    phase: Phase, start: datetime, first_week: int, weeks: int
) -> list[tuple[int, datetime]]:
    """(week number, local datetime) of a phase's regular sessions, via dateutil's rrule.

    The rule depends on the start only through its weekday: it is expanded once per shape
    (:func:`_phase_days`) and laid on the start's own day and wall-clock time."""
    day = start.replace(hour=0, minute=0, second=0, microsecond=0)
    return [
        (week, start + timedelta(days=d))
        for week, d in _phase_days(phase, day.weekday(), first_week, weeks)
    ]


@lru_cache(maxsize=4096)
def _phase_days(
    phase: Phase, weekday: int, first_week: int, weeks: int
) -> tuple[tuple[int, int], ...]:
    """(week number, days after the start) of the phase's sessions for a start on
    ``weekday``: dateutil's rrule, expanded from a reference day on that weekday."""
    start = datetime(2001, 1, 1) + timedelta(days=weekday)  # 1 Jan 2001 was a Monday
    block_start = start + timedelta(weeks=first_week)
    offsets = weekday_offsets(phase, start.date())
    byweekday = sorted({(start.weekday() + o) % 7 for o in offsets})
    rule = rrule(
        WEEKLY,
        dtstart=block_start,
        interval=phase.every_weeks,
        wkst=start.weekday(),
        byweekday=byweekday,
        count=weeks * phase.per_week,
    )
    return tuple(((dt.date() - start.date()).days // 7, (dt - start).days) for dt in rule)


def regular_times(spec: PlanSpec) -> list[tuple[datetime, int]]:
    """Every session's rule time (local) and length, as if no week were left out or added:
    where the plan's sessions are unless a holiday, closure or taken time moves them."""
    regular: list[tuple[datetime, int]] = []
    week = 0
    treatment_week: int | None = None
    for i, phase in enumerate(spec.phases):
        if phase.anchor is Anchor.LAST_TREATMENT and treatment_week is not None:
            anchor = treatment_week
        else:
            anchor = 0 if i == 0 else week
        first = anchor + phase.after_weeks
        dates = _phase_dates(phase, spec.start, first, phase.weeks)
        regular.extend((dt, phase.duration_min) for _, dt in dates)
        week = dates[-1][0] if dates else first
        if phase.kind is Kind.TREATMENT:
            treatment_week = week
    return regular


def propose(spec: PlanSpec, calendar: ClinicCalendar, busy: BusySource | None = None) -> Proposal:
    """Expand a plan into proposed sessions, each checked and placed by the plan's policies.

    Nothing is written. The count of sessions always equals ``spec.count``: every session is
    free, shifted (with its reasons), flagged, in conflict, or unplaceable.
    """
    spec.validate()
    zone(spec.tz)
    check_pattern(spec, calendar)
    placer = _Placer(spec, calendar, busy or NoBookings())

    # One round trip for the regular dates of every phase (assuming no phase is extended).
    regular = regular_times(spec)
    placer.prefetch_slots((dt, m) for dt, m in regular if not placer.day_closed(dt.date()))
    placer.reserved_days.update(dt.date() for dt, _m in regular)

    drafts: list[_Draft] = []
    last_week = 0
    last_treatment_week: int | None = None
    for i, phase in enumerate(spec.phases):
        if phase.anchor is Anchor.LAST_TREATMENT and last_treatment_week is not None:
            anchor = last_treatment_week
        else:
            anchor = 0 if i == 0 else last_week
        first = anchor + phase.after_weeks
        candidates = _phase_dates(phase, spec.start, first, phase.weeks + spec.max_extra_weeks)
        regular_n = phase.count
        placed = 0
        skipped: list[Reason] = []
        phase_last_week = first
        for n, (wk, nominal) in enumerate(candidates):
            if placed == phase.count:
                break
            if n >= regular_n and not skipped:
                break
            result = placer.place(nominal, phase.duration_min)
            if isinstance(result, Reason):
                skipped.append(result)
                continue
            slot, state, reasons, hits = result
            if n >= regular_n and skipped:
                moved_from = skipped.pop(0)
                reasons = [
                    Reason.of(
                        moved_from.code,
                        N_("{reason}; that week was left out and a week added at the end"),
                        reason=moved_from.said or moved_from.message,
                    ),
                    *reasons,
                ]
                if state is SessionState.FREE:
                    state = SessionState.SHIFTED
            drafts.append(
                _Draft(phase.kind, i, phase.duration_min, nominal, slot, state, reasons, hits)
            )
            placed += 1
            phase_last_week = wk
        for reason in skipped[: phase.count - placed]:
            # Skip-and-extend ran out of extra weeks: say so rather than lose the session.
            drafts.append(
                _Draft(
                    phase.kind,
                    i,
                    phase.duration_min,
                    candidates[-1][1] + timedelta(weeks=phase.every_weeks),
                    None,
                    SessionState.UNPLACEABLE,
                    [
                        reason,
                        Reason.of(
                            "no-slot",
                            N_("no free week within {weeks} extra weeks"),
                            weeks=spec.max_extra_weeks,
                        ),
                    ],
                    [],
                )
            )
        last_week = phase_last_week
        if phase.kind is Kind.TREATMENT:
            last_treatment_week = phase_last_week

    drafts.sort(key=lambda d: (d.slot.local if d.slot else d.nominal, d.phase))
    totals: dict[Kind, int] = {}
    for d in drafts:
        totals[d.kind] = totals.get(d.kind, 0) + 1
    numbers: dict[Kind, int] = {}
    sessions: list[ProposedSession] = []
    for seq, d in enumerate(drafts, start=1):
        numbers[d.kind] = numbers.get(d.kind, 0) + 1
        sessions.append(
            ProposedSession(
                seq=seq,
                kind=d.kind,
                number=numbers[d.kind],
                of=totals[d.kind],
                phase=d.phase,
                duration_min=d.minutes,
                tz=spec.tz,
                nominal_local=d.nominal,
                local_start=d.slot.local if d.slot else None,
                utc_start=d.slot.utc if d.slot else None,
                state=d.state,
                reasons=d.reasons,
                conflicts=d.conflicts,
            )
        )
    return Proposal(spec, sessions)


def check_slot(
    calendar: ClinicCalendar,
    busy: BusySource,
    local: datetime,
    minutes: int,
    *,
    others: Sequence[Busy] = (),
) -> tuple[list[Reason], list[Busy]]:
    """Everything that stands in the way of one session at an explicit wall-clock time.

    Used when the desk moves a session by hand: no policy applies, the obstacles are reported.
    ``others`` are sessions placed in the same operation (moving several at once).
    """
    tz = calendar.tz
    if is_nonexistent(local, tz):
        return [Reason.of("dst-gap", "{gap}", gap=gap_phrase(local, tz))], []
    if is_ambiguous(local, tz):
        twice = ambiguity_phrase(local, tz)
        return [Reason.of("dst-ambiguous", N_("{twice}; give the offset"), twice=twice)], []
    reasons: list[Reason] = []
    closed = calendar.closed_reason(local.date())
    if closed:
        reasons.append(closed)
    hours = calendar.hours_reason(local, local + timedelta(minutes=minutes))
    if hours:
        reasons.append(hours)
    utc = to_utc(local, tz)
    end = utc + timedelta(minutes=minutes)
    margin = timedelta(hours=1)
    hits = [
        b
        for b in [*busy.fetch([(utc - margin, end + margin)]), *others]
        if b.start_utc < end and b.end_utc > utc
    ]
    reasons.extend(_busy_reasons(hits))
    return reasons, hits


def place_session(
    spec: PlanSpec,
    calendar: ClinicCalendar,
    busy: BusySource,
    nominal: datetime,
    minutes: int,
    *,
    others: Sequence[Busy] = (),
) -> tuple[datetime | None, SessionState, list[Reason], list[Busy]]:
    """Place one extra session of an existing plan by the plan's own policies.

    Used when a cancelled session is replaced at the end of its phase, and for the sessions
    that move with it. Skip-and-extend tries the same weekday in the following weeks.
    """
    tz = zone(spec.tz)
    placer = _Placer(spec, calendar, busy)
    placer.placed.extend(others)
    placer.placed_days.update(to_local(b.start_utc, tz).date() for b in others)
    skipped: list[Reason] = []
    for week in range(spec.max_extra_weeks + 1):
        result = placer.place(nominal + timedelta(weeks=week), minutes)
        if isinstance(result, Reason):
            skipped.append(
                Reason.of(
                    result.code,
                    N_("{reason}; that week was left out"),
                    reason=result.said or result.message,
                )
            )
            continue
        slot, state, reasons, hits = result
        if skipped and state is SessionState.FREE:
            state = SessionState.SHIFTED
        return (slot.local if slot else None), state, [*skipped, *reasons], hits
    return (
        None,
        SessionState.UNPLACEABLE,
        [
            *skipped,
            Reason.of(
                "no-slot",
                N_("no free week within {weeks} extra weeks"),
                weeks=spec.max_extra_weeks,
            ),
        ],
        [],
    )


def next_pattern_start(
    spec: PlanSpec, phase_index: int, first: datetime, after: datetime
) -> datetime:
    """The phase's next regular wall-clock start after ``after`` (``first``: its first one)."""
    phase = spec.phases[phase_index]
    offsets = weekday_offsets(phase, spec.start.date())
    byweekday = sorted({(spec.start.weekday() + o) % 7 for o in offsets})
    rule = rrule(
        WEEKLY,
        dtstart=first,
        interval=phase.every_weeks,
        wkst=spec.start.weekday(),
        byweekday=byweekday,
    )
    nxt = rule.after(after)
    assert isinstance(nxt, datetime)  # an open-ended weekly rule always has a next one
    return nxt
