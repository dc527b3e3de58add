"""The session row: a new one, one found for an operation, as JSON, numbered, listed.

Every operation on sessions (:mod:`.edits`, :mod:`.scores`) finds its row with
:func:`get_appointment`, checks it with :func:`require_status` and marks the change with
:func:`touch`; what it returns is :func:`appointment_json`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.core.domain import AppointmentStatus, Kind
from planner.core.timeutil import to_utc, zone
from planner.db.models import Appointment, Plan
from planner.errors import ChangedElsewhere, InvalidState, NotFound
from planner.services.booking.naming import describe_one, plan_name


def new_appointment(
    plan: Plan,
    kind: Kind,
    phase: int,
    local: datetime | None,
    nominal: datetime,
    minutes: int,
    now: datetime,
) -> Appointment:
    """A booked session of ``plan`` at ``local`` (its rule's own time was ``nominal``)."""
    assert local is not None
    utc = to_utc(local, zone(plan.tz))
    return Appointment(
        uid=f"{uuid.uuid4()}@planner",
        plan_id=plan.id,
        patient_id=plan.patient_id,
        practitioner_id=plan.practitioner_id,
        location_id=plan.location_id,
        room_id=plan.room_id,
        kind=kind.value,
        phase=phase,
        start_local=local,
        tz=plan.tz,
        start_utc=utc,
        end_utc=utc + timedelta(minutes=minutes),
        duration_min=minutes,
        original_start_local=nominal,
        status=AppointmentStatus.BOOKED.value,
        revision=0,
        notes="",
        created_at=now,
        updated_at=now,
        regions=[],  # a new session has treated no region yet (and needs no lazy load)
    )


def get_appointment(
    s: Session, appointment_id: int, *, expect: Mapping[int, int] | None = None
) -> Appointment:
    """The session ``appointment_id``, locked for this transaction, as it is now.

    On PostgreSQL the plan's row is locked first and then the session's (``FOR UPDATE``), so
    every operation on a plan's sessions is serialised with every other (and always in that
    order, so two of them cannot deadlock); another desk's change committed meanwhile is read,
    never a copy loaded before the lock. SQLite holds its write lock from ``BEGIN IMMEDIATE``.

    ``expect`` maps session ids to the revision the desk saw (the window always passes it,
    the command line with ``--expect-revision``): if this session changed since, the edit is
    refused (:func:`require_revisions`).
    """
    plan_id = s.scalar(select(Appointment.plan_id).where(Appointment.id == appointment_id))
    if plan_id is not None:
        s.get(Plan, plan_id, with_for_update=True, populate_existing=True)
    a = s.get(Appointment, appointment_id, with_for_update=True, populate_existing=True)
    if a is None:
        if expect and appointment_id in expect:  # the desk saw it: removed since, elsewhere
            raise NotFound(
                "this session was just removed at another desk (its booking or the session "
                "added for it was undone); look again"
            )
        raise NotFound(
            f"no session with id {appointment_id}; find it with 'planner appointment list'"
        )
    require_revisions([a], expect)
    return a


def lock_plan(s: Session, plan_id: int, *, expect: int | None = None) -> Plan:
    """The plan ``plan_id``, locked for this transaction (see :func:`get_appointment`);
    refused if ``expect`` is given and the plan changed since that revision."""
    plan = s.get(Plan, plan_id, with_for_update=True, populate_existing=True)
    if plan is None:
        raise NotFound(f"no plan with id {plan_id}; list them with 'planner plan list'")
    if expect is not None and plan.revision != expect:
        raise ChangedElsewhere(
            f"this plan was changed at another desk a moment ago: {plan_name(plan)} is now "
            f"{plan.status}; look again",
            details={"plan_id": plan.id, "revision": plan.revision, "expected_revision": expect},
        )
    return plan


def require_revisions(rows: Iterable[Appointment], expect: Mapping[int, int] | None) -> None:
    """Refuse an edit made from a view of any of ``rows`` older than its last change.

    ``expect`` maps session ids to the revision the desk saw; sessions it does not name are
    not checked. Undo passes the revisions its own step left, so it never undoes over a later
    change made at another desk.
    """
    if not expect:
        return
    for a in rows:
        expected = expect.get(a.id)
        if expected is not None and a.revision != expected:
            raise _changed(a, expected)


def _changed(a: Appointment, expected: int) -> ChangedElsewhere:
    return ChangedElsewhere(
        f"this session was changed at another desk a moment ago: it is now {_state(a)}; look again",
        details={"id": a.id, "revision": a.revision, "expected_revision": expected},
    )


def _state(a: Appointment) -> str:
    """``Treatment 3 of 9, Tue 12 Jan 2027 10:00, booked``: the session as it is now."""
    status = "booked" if a.status == AppointmentStatus.BOOKED.value else a.status
    return f"{describe_one(a)}, {status.replace('_', '-')}"


def require_status(a: Appointment, allowed: Sequence[AppointmentStatus], doing: str) -> None:
    if a.status not in {x.value for x in allowed}:
        raise InvalidState(f"{describe_one(a)} is {a.status}; it cannot be {doing}")


def touch(a: Appointment, now: datetime) -> None:
    """Mark when the session changed. Its revision is raised by the write session itself,
    once per action however often it is touched (:mod:`planner.db.audit`)."""
    a.updated_at = now


# -- presenting sessions --------------------------------------------------------------------


def appointment_json(
    a: Appointment, numbering: dict[int, tuple[int, int]] | None = None
) -> dict[str, Any]:
    n = numbering.get(a.id) if numbering else None
    return {
        "id": a.id,
        "uid": a.uid,
        "plan_id": a.plan_id,
        "kind": a.kind,
        "number": n[0] if n else None,
        "of": n[1] if n else None,
        "status": a.status,
        "local_start": a.start_local.isoformat(timespec="minutes"),
        "tz": a.tz,
        "utc_start": a.start_utc.isoformat(timespec="minutes") + "Z",
        "utc_end": a.end_utc.isoformat(timespec="minutes") + "Z",
        "duration_min": a.duration_min,
        "patient_id": a.patient_id,
        "practitioner_id": a.practitioner_id,
        "location_id": a.location_id,
        "room_id": a.room_id,
        "original_local_start": a.original_start_local.isoformat(timespec="minutes"),
        "revision": a.revision,
        "regions": [{"region": r.region, "pain": r.pain} for r in a.regions],
        "notes": a.notes,
        "cancel_reason": a.cancel_reason,
    }


class Noted(Protocol):
    """What :func:`session_notes` reads: an ORM session, or the export's plain row."""

    @property
    def notes(self) -> str: ...
    @property
    def cancel_reason(self) -> str: ...


class Numbered(Protocol):
    """What :func:`number_sessions` reads: an ORM session, or the export's plain row."""

    @property
    def id(self) -> int: ...
    @property
    def plan_id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def start_utc(self) -> datetime: ...


def session_notes(a: Noted) -> str:
    """The session's notes for a person to read, with why it was cancelled when it was."""
    reason = f"Cancelled: {a.cancel_reason}" if a.cancel_reason else ""
    return "\n".join(t for t in (a.notes, reason) if t)


def number_sessions(appointments: Iterable[Numbered]) -> dict[int, tuple[int, int]]:
    """'Treatment 3 of 9': the place of each active session among its plan's of its kind
    (the sessions must hold every session of their plans)."""
    by_kind: dict[tuple[int, str], list[Numbered]] = {}
    for a in appointments:
        if a.status != AppointmentStatus.CANCELLED.value:
            by_kind.setdefault((a.plan_id, a.kind), []).append(a)
    out: dict[int, tuple[int, int]] = {}
    for group in by_kind.values():
        group.sort(key=lambda a: a.start_utc)
        for i, a in enumerate(group, start=1):
            out[a.id] = (i, len(group))
    return out


# -- reading ----------------------------------------------------------------------------------


def list_appointments(
    s: Session,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    patient_id: int | None = None,
    practitioner_id: int | None = None,
    location_id: int | None = None,
    plan_id: int | None = None,
    include_cancelled: bool = True,
    limit: int | None = None,
) -> list[Appointment]:
    """Sessions in a UTC range, by patient, practitioner, location or plan, in time order."""
    stmt = (
        select(Appointment)
        .order_by(Appointment.start_utc, Appointment.id)
        .options(selectinload(Appointment.regions))
    )
    if start is not None:
        stmt = stmt.where(Appointment.start_utc >= start)
    if end is not None:
        stmt = stmt.where(Appointment.start_utc < end)
    for col, val in (
        (Appointment.patient_id, patient_id),
        (Appointment.practitioner_id, practitioner_id),
        (Appointment.location_id, location_id),
        (Appointment.plan_id, plan_id),
    ):
        if val is not None:
            stmt = stmt.where(col == val)
    if not include_cancelled:
        stmt = stmt.where(Appointment.status != AppointmentStatus.CANCELLED.value)
    if limit:
        stmt = stmt.limit(limit)
    return list(s.scalars(stmt))
