"""Changing booked sessions: move, cancel (and extend), and the undo of each desk action.

Each operation is one transaction; one that does not fit raises before anything is
committed. :func:`move` and :func:`cancel` with ``extend`` check every session they place
again (see :mod:`.conflicts`); :func:`restore`, :func:`revert_cancel`, :func:`reopen` and
:func:`delete_plan` are the undo of cancelling, of a cancel, of marking a session, and of
booking a plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planner.core.calendars import ClinicCalendar
from planner.core.domain import AppointmentStatus, Busy, Kind, PlanSpec, PlanStatus
from planner.core.engine import next_pattern_start, place_session
from planner.core.i18n import N_
from planner.core.phrases import phrase
from planner.core.timeutil import parse_local_datetime, strict_utc, to_utc, utcnow, zone
from planner.db.models import Appointment, AppointmentScore, Location, Plan, Practitioner
from planner.db.store import Store
from planner.errors import ClinicClosed, Conflict, InvalidState, NotPermitted
from planner.services.booking.appointments import (
    appointment_json,
    get_appointment,
    lock_plan,
    new_appointment,
    require_revisions,
    require_status,
    touch,
)
from planner.services.booking.conflicts import DbBookings, clinic_calendar, lock_resources
from planner.services.booking.moves import conflict_text, plan_move
from planner.services.booking.naming import describe, describe_one, plan_name
from planner.services.booking.past import refuse_past


def _reschedule(a: Appointment, local: datetime, utc: datetime, now: datetime) -> None:
    """Put a session at a new time (its length kept) and count the change."""
    a.start_local, a.start_utc = local, utc
    a.end_utc = utc + timedelta(minutes=a.duration_min)
    touch(a, now)


# -- move --------------------------------------------------------------------------------------


@dataclass
class MoveResult:
    moved: list[dict[str, Any]]
    previous: dict[int, tuple[str, int, int | None]] = field(default_factory=dict)
    """Each moved session's local start (ISO), practitioner and room before, for the undo."""

    def revisions(self) -> dict[int, int]:
        """Each moved session's revision after the move: what its undo expects to find."""
        return {int(x["id"]): int(x["revision"]) for x in self.moved}


def move(
    store: Store,
    appointment_id: int,
    new_start: str | datetime,
    *,
    following: bool = False,
    practitioner_id: int | None = None,
    room_id: int | None = None,
    now: datetime | None = None,
    allow_past: bool = False,
    conflict_policy: str | None = None,
    extend: bool = False,
    overrides: Mapping[int, datetime] | None = None,
    expect: Mapping[int, int] | None = None,
) -> MoveResult:
    """Move one session, or it and the plan's later booked sessions by the same shift.

    A new start before ``now`` is refused unless ``allow_past`` (see :mod:`.past`).

    The shift is in wall-clock terms (same days and minutes later), so sessions keep their
    local time across daylight-saving changes. ``conflict_policy``, ``extend`` and
    ``overrides`` place the sessions as :func:`.moves.preview_move` shows them; the whole
    preview is worked out again inside this transaction, and if one session does not fit,
    nothing moves.

    ``expect`` maps session ids to the revisions the desk saw; the move is refused if one of
    the sessions it moves changed since (see :func:`.appointments.require_revisions`).
    """
    now = now or utcnow()
    with store.write("move following" if following else "move") as s:
        a = get_appointment(s, appointment_id, expect=expect)
        require_status(a, [AppointmentStatus.BOOKED], "moved")
        tz = zone(a.tz)
        if isinstance(new_start, datetime):
            new_local = new_start
            new_utc = strict_utc(new_local, tz)
        else:
            new_local, new_utc = parse_local_datetime(new_start, tz)
        refuse_past(
            "the new start",
            new_local,
            new_utc,
            now,
            allow_past=allow_past,
            action="move it there as a record of a past session",
        )
        lock_resources(s, practitioner_id or a.practitioner_id, a.patient_id, room_id or a.room_id)
        planned = plan_move(
            s,
            a.id,
            new_local,
            following=following,
            practitioner_id=practitioner_id,
            room_id=room_id,
            conflict_policy=conflict_policy,
            extend=extend,
            overrides=overrides,
        )
        require_revisions(planned.rows, expect)
        if following and expect:
            # A session the desk's preview moved with the rest but that is no longer among
            # them (cancelled or attended at another desk meanwhile): the preview is stale.
            gone = set(expect) - {g.id for g in planned.rows}
            if gone:
                require_revisions(
                    s.scalars(
                        select(Appointment).where(
                            Appointment.plan_id == a.plan_id, Appointment.id.in_(gone)
                        )
                    ),
                    expect,
                )
        pv = planned.preview
        if pv.warnings:
            raise NotPermitted(pv.warnings[0])
        if pv.problems:
            conflicts = [c for m in pv.problems for c in m.conflicts]
            raise (Conflict if conflicts else ClinicClosed)(
                conflict_text(pv.problems),
                details={
                    "sessions": [m.to_json() for m in pv.problems],
                    "conflicts": [c.to_json() for c in conflicts],
                },
            )
        previous = {
            g.id: (g.start_local.isoformat(timespec="minutes"), g.practitioner_id, g.room_id)
            for g in planned.rows
        }
        tz = zone(a.tz)
        for g, m in zip(planned.rows, pv.sessions, strict=True):
            assert m.new_local is not None  # every session fits (checked above)
            g.practitioner_id = pv.practitioner.id
            g.room_id = pv.room.id if pv.room else None
            _reschedule(g, m.new_local, to_utc(m.new_local, tz), now)
        s.flush()
        return MoveResult([appointment_json(g) for g in planned.rows], previous)


def move_back(
    store: Store,
    previous: Mapping[int, tuple[str, int, int | None]],
    *,
    now: datetime | None = None,
    expect: Mapping[int, int] | None = None,
) -> dict[int, int]:
    """Undo :func:`move`: every session back to its time, practitioner and room from before
    (``MoveResult.previous``), in one transaction; refused if one of those times is taken,
    or if one of the sessions changed since the revision in ``expect`` (the move's result).

    Returns each session's revision as it left it (what a redo expects to find)."""
    now = now or utcnow()
    with store.write("undo move") as s:
        rows = []
        for appointment_id, (local_text, practitioner_id, room_id) in sorted(previous.items()):
            a = get_appointment(s, appointment_id, expect=expect)
            require_status(a, [AppointmentStatus.BOOKED], "moved back")
            local = datetime.fromisoformat(local_text)
            a.practitioner_id, a.room_id = practitioner_id, room_id
            _reschedule(a, local, to_utc(local, zone(a.tz)), now)
            rows.append(a)
        s.flush()
        _require_free(s, rows)
        return {a.id: a.revision for a in rows}


# -- cancel ------------------------------------------------------------------------------------


@dataclass
class CancelResult:
    cancelled: list[dict[str, Any]]
    added: dict[str, Any] | None = None
    shifted: list[dict[str, Any]] = field(default_factory=list)
    shifted_from: dict[int, str] = field(default_factory=dict)
    """Where each shifted session was before (local ISO time), so the cancel can be undone."""

    def revisions(self) -> dict[int, int]:
        """Each session's revision as this cancel left it: what its undo expects to find."""
        return {
            int(x["id"]): int(x["revision"])
            for x in [*self.cancelled, *self.shifted, *([self.added] if self.added else [])]
        }


def cancel(
    store: Store,
    appointment_id: int,
    *,
    extend: bool = False,
    reason: str = "",
    now: datetime | None = None,
    expect: Mapping[int, int] | None = None,
) -> CancelResult:
    """Cancel one session; with ``extend``, add one at the end of its phase to keep the count.

    ``reason`` ("patient ill") is kept on the session (``cancel_reason``) and shown with it;
    undoing the cancel clears it.

    The added session takes the phase's next regular slot after its last session and is
    placed by the plan's own holiday and conflict policies; the plan's later phases
    (reassessment, follow-up) move by the same number of weeks so they stay after it.
    """
    now = now or utcnow()
    with store.write("cancel and extend" if extend else "cancel") as s:
        a = get_appointment(s, appointment_id, expect=expect)
        require_status(a, [AppointmentStatus.BOOKED], "cancelled")
        a.status = AppointmentStatus.CANCELLED.value
        a.cancel_reason = reason.strip()
        touch(a, now)
        if not extend:
            s.flush()
            return CancelResult([appointment_json(a)])
        return _extend(s, a, now)


def _extend(s: Session, a: Appointment, now: datetime) -> CancelResult:
    """Add a session at the end of cancelled ``a``'s phase; later phases move after it."""
    plan = a.plan
    spec = PlanSpec.from_rule_json(plan.start_local, plan.tz, plan.rule)
    if a.phase >= len(spec.phases):  # pragma: no cover - defensive, rule and rows disagree
        raise InvalidState(f"{plan_name(plan)} has no phase {a.phase + 1}")
    lock_resources(s, plan.practitioner_id, plan.patient_id, plan.room_id)
    sessions = list(
        s.scalars(
            select(Appointment)
            .where(Appointment.plan_id == plan.id)
            .order_by(Appointment.original_start_local)
        )
    )
    phase_rows = [x for x in sessions if x.phase == a.phase]
    last_nominal = max(x.original_start_local for x in phase_rows)
    first_nominal = min(x.original_start_local for x in phase_rows)
    nominal = next_pattern_start(spec, a.phase, first_nominal, last_nominal)
    weeks_later = _week(plan, nominal) - _week(plan, last_nominal)
    later = (
        [x for x in sessions if x.phase > a.phase and x.status == AppointmentStatus.BOOKED.value]
        if weeks_later > 0
        else []
    )
    location = s.get(Location, plan.location_id)
    practitioner = s.get(Practitioner, plan.practitioner_id)
    assert location is not None and practitioner is not None
    cal = clinic_calendar(s, location, practitioner)
    busy = DbBookings(
        s,
        practitioner_id=plan.practitioner_id,
        patient_id=plan.patient_id,
        room_id=plan.room_id,
        exclude=[x.id for x in later],
    )
    tz = zone(plan.tz)
    phase = spec.phases[a.phase]
    local, _state, reasons, hits = place_session(spec, cal, busy, nominal, phase.duration_min)
    if local is None:
        raise Conflict(
            f"cannot extend the plan: the new session at {nominal:%a %d %b %Y %H:%M} does not fit ("
            + "; ".join(r.message for r in reasons)
            + "); cancel without extending, or book an extra session by hand",
            details={"conflicts": [h.to_json() for h in hits]},
        )
    new = new_appointment(plan, Kind(a.kind), a.phase, local, nominal, phase.duration_min, now)
    utc = to_utc(local, tz)
    placed = [
        Busy(
            utc,
            utc + timedelta(minutes=phase.duration_min),
            "plan",
            None,
            phrase(N_("the added session")),
        )
    ]
    moves = _shift_later(spec, cal, busy, later, weeks_later, placed, tz)
    s.add(new)
    previous = {x.id: x.start_local.isoformat(timespec="minutes") for x, _l, _u in moves}
    for x, loc2, u2 in moves:
        _reschedule(x, loc2, u2, now)
    s.flush()
    return CancelResult(
        [appointment_json(a)],
        appointment_json(new),
        [appointment_json(x) for x, _l, _u in moves],
        previous,
    )


def _shift_later(
    spec: PlanSpec,
    cal: ClinicCalendar,
    busy: DbBookings,
    later: Sequence[Appointment],
    weeks: int,
    placed: list[Busy],
    tz: ZoneInfo,
) -> list[tuple[Appointment, datetime, datetime]]:
    """Where each of ``later`` goes ``weeks`` later, placed by the plan's policies."""
    moves = []
    for x in later:
        target = x.start_local + timedelta(weeks=weeks)
        local, _state, reasons, hits = place_session(
            spec, cal, busy, target, x.duration_min, others=placed
        )
        if local is None:
            raise Conflict(
                f"cannot extend the plan: its {describe_one(x)} would move to "
                f"{target:%a %d %b %Y %H:%M}, which does not fit ("
                + "; ".join(r.message for r in reasons)
                + ")",
                details={"conflicts": [h.to_json() for h in hits]},
            )
        utc = to_utc(local, tz)
        placed.append(Busy(utc, utc + timedelta(minutes=x.duration_min), "plan", x.id, ""))
        moves.append((x, local, utc))
    return moves


def _week(plan: Plan, local: datetime) -> int:
    return (local.date() - plan.start_local.date()).days // 7


def cancel_rest(
    store: Store,
    plan_id: int,
    *,
    now: datetime | None = None,
    expect_plan: int | None = None,
) -> CancelResult:
    """Cancel every booked session of a plan from now on and mark the plan cancelled.

    ``expect_plan`` is the plan's revision the desk saw (refused if it changed since)."""
    now = now or utcnow()
    with store.write("cancel the rest") as s:
        plan = lock_plan(s, plan_id, expect=expect_plan)
        if plan.status == PlanStatus.CANCELLED.value:
            raise InvalidState(f"{plan_name(plan)} is cancelled already")
        rows = list(
            s.scalars(
                select(Appointment)
                .where(
                    Appointment.plan_id == plan_id,
                    Appointment.status == AppointmentStatus.BOOKED.value,
                    Appointment.start_utc >= now,
                )
                .order_by(Appointment.start_utc)
            )
        )
        for r in rows:
            r.status = AppointmentStatus.CANCELLED.value
            touch(r, now)
        plan.status = PlanStatus.CANCELLED.value
        s.flush()
        return CancelResult([appointment_json(r) for r in rows])


# -- undo ----------------------------------------------------------------------------------


def _require_free(s: Session, rows: Sequence[Appointment], exclude: Iterable[int] = ()) -> None:
    """Refuse when any of ``rows`` (about to hold their time again) overlaps another booking."""
    placed: list[Busy] = []
    for a in rows:
        busy = DbBookings(
            s,
            practitioner_id=a.practitioner_id,
            patient_id=a.patient_id,
            room_id=a.room_id,
            exclude=[*exclude, *(r.id for r in rows)],
        )
        pad = timedelta(hours=1)
        hits = [
            b
            for b in [*busy.fetch([(a.start_utc - pad, a.end_utc + pad)]), *placed]
            if b.start_utc < a.end_utc and b.end_utc > a.start_utc
        ]
        if hits:
            raise Conflict(
                f"{describe_one(a)} cannot be restored: its "
                f"time is taken ({hits[0].description or hits[0].resource}); move it instead",
                details={"conflicts": [h.to_json() for h in hits]},
            )
        placed.append(
            Busy(
                a.start_utc,
                a.end_utc,
                "plan",
                a.id,
                phrase(N_("another session of this plan restored")),
            )
        )


def restore(
    store: Store,
    appointment_id: int,
    *,
    now: datetime | None = None,
    expect: Mapping[int, int] | None = None,
) -> dict[str, Any]:
    """Bring a cancelled session back, if its time is still free (undo of a cancel)."""
    now = now or utcnow()
    with store.write("restore") as s:
        a = get_appointment(s, appointment_id, expect=expect)
        require_status(a, [AppointmentStatus.CANCELLED], "restored")
        lock_resources(s, a.practitioner_id, a.patient_id, a.room_id)
        _require_free(s, [a])
        a.status = AppointmentStatus.BOOKED.value
        a.cancel_reason = ""
        if a.plan.status == PlanStatus.CANCELLED.value:
            a.plan.status = PlanStatus.ACTIVE.value
        touch(a, now)
        s.flush()
        return appointment_json(a)


def revert_cancel(
    store: Store, result: CancelResult, *, now: datetime | None = None
) -> dict[int, int]:
    """Undo :func:`cancel`: restore the session, remove the added one, move the rest back.

    All in one transaction. The added session is deleted outright: undo follows the action
    it reverses, before its calendar files are handed out. Refused if any of the sessions
    changed since the cancel left them (``result.revisions()``). Returns the revisions of
    the restored and moved-back sessions as it left them (what a redo expects to find).
    """
    now = now or utcnow()
    seen = result.revisions()
    with store.write("undo cancel") as s:
        restored = [get_appointment(s, c["id"], expect=seen) for c in result.cancelled]
        for a in restored:
            require_status(a, [AppointmentStatus.CANCELLED], "restored")
        if result.added is not None:
            added = get_appointment(s, result.added["id"])
            if added.status != AppointmentStatus.BOOKED.value or added.revision != 0:
                raise InvalidState(
                    f"the session added at the end ({describe(s, added)}) has changed since; "
                    "cancel it by hand instead"
                )
            s.delete(added)
            s.flush()
        moved = []
        for x_id, previous in result.shifted_from.items():
            x = get_appointment(s, x_id, expect=seen)
            local = datetime.fromisoformat(previous)
            _reschedule(x, local, to_utc(local, zone(x.tz)), now)
            moved.append(x)
        for a in restored:
            a.status = AppointmentStatus.BOOKED.value
            a.cancel_reason = ""
            touch(a, now)
        s.flush()
        _require_free(s, [*restored, *moved])
        return {a.id: a.revision for a in [*restored, *moved]}


def restore_many(
    store: Store,
    appointment_ids: Sequence[int],
    *,
    now: datetime | None = None,
    expect: Mapping[int, int] | None = None,
) -> list[dict[str, Any]]:
    """Bring several cancelled sessions back in one transaction (undo of cancelling the rest).

    Every session is locked and checked first (its status, and its revision against
    ``expect``: the revisions the cancel left), then every time is checked to be free: if
    one session changed at another desk or lost its time, nothing is restored. A plan that
    was cancelled is active again.
    """
    now = now or utcnow()
    if not appointment_ids:
        raise InvalidState("no session was cancelled, so there is nothing to restore")
    with store.write("restore") as s:
        rows = [get_appointment(s, i, expect=expect) for i in sorted(set(appointment_ids))]
        for a in rows:
            require_status(a, [AppointmentStatus.CANCELLED], "restored")
        for a in rows:
            lock_resources(s, a.practitioner_id, a.patient_id, a.room_id)
        _require_free(s, rows)
        for a in rows:
            a.status = AppointmentStatus.BOOKED.value
            a.cancel_reason = ""
            if a.plan.status == PlanStatus.CANCELLED.value:
                a.plan.status = PlanStatus.ACTIVE.value
            touch(a, now)
        s.flush()
        return [appointment_json(a) for a in rows]


def reopen(
    store: Store,
    appointment_id: int,
    *,
    now: datetime | None = None,
    expect: Mapping[int, int] | None = None,
    as_no_show: bool = False,
) -> dict[str, Any]:
    """Undo attended or no-show: the session is booked again and its scores are cleared.

    ``as_no_show``: an attended session goes back to the no-show it was before it was marked
    attended (the undo of attending a no-show), in the same one transaction.
    """
    now = now or utcnow()
    with store.write("undo attendance") as s:
        a = get_appointment(s, appointment_id, expect=expect)
        if as_no_show:
            require_status(a, [AppointmentStatus.ATTENDED], "made a no-show again")
        else:
            require_status(a, [AppointmentStatus.ATTENDED, AppointmentStatus.NO_SHOW], "reopened")
        a.status = (AppointmentStatus.NO_SHOW if as_no_show else AppointmentStatus.BOOKED).value
        a.regions = []
        # The whole-body scores go too: a booked session has not been measured.
        s.execute(delete(AppointmentScore).where(AppointmentScore.appointment_id == a.id))
        touch(a, now)
        s.flush()
        return appointment_json(a)


def delete_plan(store: Store, plan_id: int) -> None:
    """Remove a plan booked by mistake (undo of a booking): only while nothing happened yet."""
    with store.write("undo booking") as s:
        plan = lock_plan(s, plan_id)
        rows = list(s.scalars(select(Appointment).where(Appointment.plan_id == plan_id)))
        touched = [a for a in rows if a.status != AppointmentStatus.BOOKED.value or a.revision]
        if touched:
            raise InvalidState(
                f"{plan_name(plan)} has sessions that were attended, moved or cancelled since it "
                "was booked; cancel the rest of the plan instead of removing it"
            )
        for a in rows:
            s.delete(a)
        s.flush()
        s.delete(plan)
