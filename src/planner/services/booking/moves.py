"""Where a move puts each session: the preview of a move and the plan the move itself follows.

:func:`preview_move` reads, works out every affected session (one, or "this and following")
and writes nothing; :func:`plan_move` is the same computation inside a transaction, which
:func:`planner.services.booking.edits.move` runs again inside its write before it changes a
row. So what the desk saw in the preview is what the move checks, with the same engine
(:func:`~planner.core.engine.check_slot` and :func:`~planner.core.engine.place_session`).

How each session's new time is found:

* the shift: the moved session's new wall-clock start minus its old one, added to each of the
  group's sessions (so a weekly 10:00 stays at 10:00 across daylight saving);
* ``extend``: a session that lands on a closed day (holiday or closure) goes a week later, and
  so does every session after it: the week is left out and the series ends a week later;
* ``overrides``: an explicit new time for one session (the window's "Shift this one");
* ``conflict_policy`` (``same-day`` or ``next-working-day``): a session whose time is taken,
  or whose day is closed, is placed by that policy and the plan's own holiday policy. Without
  one (or with ``refuse``) every obstacle is reported and the move cannot be made.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.calendars import ClinicCalendar
from planner.core.domain import (
    AppointmentStatus,
    Busy,
    ConflictPolicy,
    HolidayPolicy,
    Kind,
    Modality,
    PlanSpec,
    Reason,
    SessionState,
    parse_enum,
)
from planner.core.engine import check_slot, place_session
from planner.core.i18n import N_
from planner.core.phrases import Clock, Day, Label, Phrase, phrase
from planner.core.timeutil import parse_local_datetime, strict_utc, to_utc, utcnow, zone
from planner.db.models import Appointment, Location, Practitioner, PractitionerLocation, Room
from planner.db.store import Store
from planner.errors import BadInput
from planner.services.booking.appointments import get_appointment, number_sessions, require_status
from planner.services.booking.conflicts import DbBookings, clinic_calendar
from planner.services.booking.past import past_note
from planner.services.booking.plans import Ref
from planner.services.clinic import get

EXTEND_MAX_WEEKS = 8
"""How many closed weeks in a row ``extend`` leaves out before it gives up on a session."""


@dataclass
class MovedSession:
    """One session of a move: where it is, where it would go, and why."""

    appointment_id: int
    label: str
    """``Treatment 3/9``."""
    duration_min: int
    old_local: datetime
    target_local: datetime
    """Where the shift (and ``extend``) puts it, before any policy or override."""
    new_local: datetime | None
    """Where it would go; None when no time was found."""
    state: SessionState
    reasons: list[Reason] = field(default_factory=list)
    conflicts: list[Busy] = field(default_factory=list)
    overridden: bool = False
    """Its time was chosen by hand (``overrides``)."""
    suggestion: datetime | None = None
    """For a session that does not fit: the nearest free time (same day, else the next days)."""
    revision: int = 0
    """The session's revision when the preview was worked out: a move made from this preview
    passes it (``expect``) and is refused if the session changed since."""

    @property
    def fits(self) -> bool:
        return self.new_local is not None and self.state.bookable

    @property
    def why(self) -> str:
        """``shifted because …`` / ``conflict: …``; empty when it simply goes to its time."""
        said = "; ".join(r.message for r in self.reasons)
        if self.state is SessionState.FREE:
            return said
        if self.state is SessionState.SHIFTED:
            return f"shifted because {said}" if said else "shifted"
        if self.state is SessionState.CONFLICT:
            return f"conflict: {said}"
        return f"no time: {said}" if said else "no free time found"

    def to_json(self) -> dict[str, Any]:
        return {
            "appointment_id": self.appointment_id,
            "label": self.label,
            "duration_min": self.duration_min,
            "old_local": self.old_local.isoformat(timespec="minutes"),
            "target_local": self.target_local.isoformat(timespec="minutes"),
            "new_local": self.new_local.isoformat(timespec="minutes") if self.new_local else None,
            "status": self.state.value,
            "why": self.why,
            "reasons": [{"code": r.code, "message": r.message} for r in self.reasons],
            "conflicts": [c.to_json() for c in self.conflicts],
            "overridden": self.overridden,
            "suggestion": self.suggestion.isoformat(timespec="minutes")
            if self.suggestion
            else None,
        }


@dataclass
class MovePreview:
    """Every session a move would change, and who and where it would be with."""

    appointment_id: int
    following: bool
    patient: Ref
    practitioner: Ref
    room: Ref | None
    location: Ref
    tz: str
    conflict_policy: ConflictPolicy | None
    extend: bool
    sessions: list[MovedSession]
    practitioners: list[Ref]
    """Who works at the session's location (the choices for a move)."""
    rooms: list[Ref]
    """The rooms at the session's location."""
    warnings: list[str] = field(default_factory=list)
    """What stops the move besides the sessions' times (a practitioner who may not needle)."""
    past: str | None = None
    """``the new start, Tue 2 Feb 2027 10:00, is in the past``: the move then needs
    ``allow_past`` (see :mod:`.past`); None when it starts after now."""

    @property
    def problems(self) -> list[MovedSession]:
        return [m for m in self.sessions if not m.fits]

    @property
    def movable(self) -> bool:
        return not self.problems and not self.warnings

    def to_json(self) -> dict[str, Any]:
        return {
            "appointment_id": self.appointment_id,
            "following": self.following,
            "patient": self.patient.name,
            "practitioner_id": self.practitioner.id,
            "practitioner": self.practitioner.name,
            "room_id": self.room.id if self.room else None,
            "room": self.room.name if self.room else None,
            "location": self.location.name,
            "tz": self.tz,
            "conflict_policy": self.conflict_policy.value if self.conflict_policy else None,
            "extend": self.extend,
            "movable": self.movable,
            "warnings": self.warnings,
            "past": self.past,
            "sessions": [m.to_json() for m in self.sessions],
        }


@dataclass
class MovePlan:
    """:class:`MovePreview` with the live rows it is about (inside one transaction)."""

    preview: MovePreview
    rows: list[Appointment]
    """The group, in the order of ``preview.sessions``."""


def parse_conflict_policy(text: str | ConflictPolicy | None) -> ConflictPolicy | None:
    if text is None or isinstance(text, ConflictPolicy):
        return text
    return parse_enum(ConflictPolicy, text, "conflict policy")


def preview_move(
    store: Store,
    appointment_id: int,
    new_start: str | datetime,
    *,
    following: bool,
    practitioner_id: int | None = None,
    room_id: int | None = None,
    conflict_policy: str | ConflictPolicy | None = None,
    extend: bool = False,
    overrides: Mapping[int, datetime] | None = None,
    now: datetime | None = None,
) -> MovePreview:
    """Every session the move would change with its old and new local time and status.

    Writes nothing. Bad input (an unknown room, a time that does not exist) raises as it
    would for the move; sessions that do not fit are reported, not raised.
    """
    with store.read() as s:
        return plan_move(
            s,
            appointment_id,
            new_start,
            following=following,
            practitioner_id=practitioner_id,
            room_id=room_id,
            conflict_policy=conflict_policy,
            extend=extend,
            overrides=overrides,
            now=now or utcnow(),
        ).preview


def plan_move(
    s: Session,
    appointment_id: int,
    new_start: str | datetime,
    *,
    following: bool,
    practitioner_id: int | None = None,
    room_id: int | None = None,
    conflict_policy: str | ConflictPolicy | None = None,
    extend: bool = False,
    overrides: Mapping[int, datetime] | None = None,
    now: datetime | None = None,
) -> MovePlan:
    """Work a move out in session ``s`` (see the module docstring); changes no row.

    With ``now`` (naive UTC), a new start before it is noted in ``preview.past``."""
    policy = parse_conflict_policy(conflict_policy)
    a = get_appointment(s, appointment_id)
    require_status(a, [AppointmentStatus.BOOKED], "moved")
    tz = zone(a.tz)
    if isinstance(new_start, datetime):
        new_local = new_start
        new_utc = strict_utc(new_local, tz)
    else:
        new_local, new_utc = parse_local_datetime(new_start, tz)
    group = [a, *later_booked(s, a)] if following else [a]
    wanted = dict(overrides or {})
    unknown = set(wanted) - {g.id for g in group}
    if unknown:
        raise BadInput("a session chosen by hand is not among the sessions being moved")
    for when in wanted.values():
        strict_utc(when, tz)
    practitioner = get(s, Practitioner, practitioner_id or a.practitioner_id, "practitioner")
    location = s.get(Location, a.location_id)
    assert location is not None
    room = _room_to_move_to(s, room_id, location, a)
    cal = clinic_calendar(s, location, practitioner)
    busy = DbBookings(
        s,
        practitioner_id=practitioner.id,
        patient_id=a.patient_id,
        room_id=room.id if room else None,
        exclude=[g.id for g in group],
    )
    spec = PlanSpec.from_rule_json(a.plan.start_local, a.plan.tz, a.plan.rule)
    numbers = number_sessions(
        list(s.scalars(select(Appointment).where(Appointment.plan_id == a.plan_id)))
    )
    placer = _MovePlacer(cal, busy, spec, policy)
    sessions: list[MovedSession] = []
    extra_weeks = 0
    delta = new_local - a.start_local
    for g in group:
        target = g.start_local + delta + timedelta(weeks=extra_weeks)
        if extend:
            skipped = 0
            while cal.closed_reason(target.date()) is not None and skipped < EXTEND_MAX_WEEKS:
                target += timedelta(weeks=1)
                skipped += 1
            extra_weeks += skipped
        n = numbers.get(g.id)
        label = f"{Kind(g.kind).label} {n[0]}/{n[1]}" if n else Kind(g.kind).label
        said = (
            phrase("{kind} {n}/{of}", kind=Label(Kind(g.kind).label), n=n[0], of=n[1])
            if n
            else None
        )
        sessions.append(placer.place(g, label, target, wanted.get(g.id), said))
    warnings = []
    if Modality(a.plan.modality).needling and not practitioner.may_needle:
        warnings.append(f"{practitioner.name} is not registered as licensed to needle")
    preview = MovePreview(
        appointment_id=a.id,
        following=following,
        patient=Ref(a.patient_id, a.plan.patient.name),
        practitioner=Ref(practitioner.id, practitioner.name),
        room=Ref(room.id, room.name) if room else None,
        location=Ref(location.id, location.name),
        tz=a.tz,
        conflict_policy=policy,
        extend=extend,
        sessions=sessions,
        practitioners=_practitioners_at(s, location.id),
        rooms=[
            Ref(r.id, r.name)
            for r in s.scalars(
                select(Room).where(Room.location_id == location.id).order_by(Room.name)
            )
        ],
        warnings=warnings,
        past=past_note("the new start", new_local, new_utc, now) if now else None,
    )
    return MovePlan(preview, group)


class _MovePlacer:
    """Checks the sessions of one move in order, each against the ones placed before it."""

    def __init__(
        self,
        cal: ClinicCalendar,
        busy: DbBookings,
        spec: PlanSpec,
        policy: ConflictPolicy | None,
    ) -> None:
        self.cal = cal
        self.busy = busy
        self.spec = spec
        self.policy = None if policy is ConflictPolicy.REFUSE else policy
        self.placed: list[Busy] = []

    def place(
        self,
        g: Appointment,
        label: str,
        target: datetime,
        override: datetime | None,
        said: Phrase | None = None,
    ) -> MovedSession:
        minutes = g.duration_min
        m = MovedSession(g.id, label, minutes, g.start_local, target, None, SessionState.FREE)
        m.revision = g.revision
        reasons, hits = check_slot(self.cal, self.busy, target, minutes, others=self.placed)
        if override is not None:
            m.overridden = True
            o_reasons, o_hits = check_slot(
                self.cal, self.busy, override, minutes, others=self.placed
            )
            if o_reasons:
                m.state = SessionState.CONFLICT if o_hits else SessionState.UNPLACEABLE
                m.reasons, m.conflicts = o_reasons, o_hits
                return m
            m.new_local, m.state = override, SessionState.SHIFTED
            m.reasons = [
                Reason.of(
                    "by-hand",
                    N_("moved by hand from {when}"),
                    when=phrase(
                        "{day} {time}", day=Day(target.date(), year=False), time=Clock(target)
                    ),
                )
            ]
            m.reasons += reasons
        elif not reasons:
            m.new_local = target
        elif self.policy is not None:
            local, state, p_reasons, p_hits = place_session(
                replace(self.spec, conflict_policy=self.policy),
                self.cal,
                self.busy,
                target,
                minutes,
                others=self.placed,
            )
            m.new_local, m.state = local, state
            m.reasons, m.conflicts = p_reasons or reasons, p_hits
            if local is not None and local != target and state is SessionState.FREE:
                m.state = SessionState.SHIFTED
        else:
            m.state = SessionState.CONFLICT if hits else SessionState.UNPLACEABLE
            m.reasons, m.conflicts = reasons, hits
        if m.new_local is None:
            m.suggestion = self.nearest_free(target, minutes)
            return m
        utc = to_utc(m.new_local, self.cal.tz)
        self.placed.append(
            Busy(
                utc,
                utc + timedelta(minutes=minutes),
                "plan",
                g.id,
                phrase(N_("{session} of this plan"), session=said or label),
            )
        )
        return m

    def nearest_free(self, target: datetime, minutes: int) -> datetime | None:
        """The nearest free time the same day, else the same time on one of the next days."""
        holiday = (
            self.spec.holiday_policy
            if self.spec.holiday_policy in (HolidayPolicy.SAME_DAY, HolidayPolicy.NEXT_WORKING_DAY)
            else HolidayPolicy.NEXT_WORKING_DAY
        )
        for policy in (ConflictPolicy.SAME_DAY, ConflictPolicy.NEXT_WORKING_DAY):
            spec = replace(self.spec, conflict_policy=policy, holiday_policy=holiday)
            local, _state, _r, _h = place_session(
                spec, self.cal, self.busy, target, minutes, others=self.placed
            )
            if local is not None:
                return local
        return None


def later_booked(s: Session, a: Appointment) -> list[Appointment]:
    """The plan's booked sessions after ``a``, in time order ("this and following")."""
    return list(
        s.scalars(
            select(Appointment)
            .where(
                Appointment.plan_id == a.plan_id,
                Appointment.start_utc > a.start_utc,
                Appointment.status == AppointmentStatus.BOOKED.value,
            )
            .order_by(Appointment.start_utc)
        )
    )


def _room_to_move_to(
    s: Session, room_id: int | None, location: Location, a: Appointment
) -> Room | None:
    """The room asked for (at the session's location), else the session's own."""
    if room_id is None:
        return s.get(Room, a.room_id) if a.room_id is not None else None
    room = get(s, Room, room_id, "room")
    if room.location_id != location.id:
        raise BadInput(f"room {room.name} is at another location")
    return room


def _practitioners_at(s: Session, location_id: int) -> list[Ref]:
    rows = s.execute(
        select(Practitioner.id, Practitioner.name)
        .join(PractitionerLocation, PractitionerLocation.practitioner_id == Practitioner.id)
        .where(PractitionerLocation.location_id == location_id)
        .order_by(Practitioner.name)
    ).all()
    return [Ref(r.id, r.name) for r in rows]


def conflict_text(problems: Sequence[MovedSession], tz_note: str = "") -> str:
    """One line for a refusal: which sessions do not fit and why (no internal numbers)."""
    parts = [f"{m.label} on {m.target_local:%a %d %b %Y %H:%M}: {m.why}" for m in problems[:3]]
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return (
        f"cannot move: {len(problems)} session(s) do not fit{tz_note}. "
        + "; ".join(parts)
        + more
        + ". Nothing was moved; preview the move (--preview) and choose another time, room or "
        "practitioner, or a conflict policy"
    )
