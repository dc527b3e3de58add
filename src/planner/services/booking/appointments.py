"""The session row: a new one, one found for an operation, as JSON, numbered, listed.

Every operation on sessions (:mod:`.edits`, :mod:`.scores`) finds its row with
:func:`get_appointment`, checks it with :func:`require_status` and marks the change with
:func:`touch`; what it returns is :func:`appointment_json`.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planner.core.domain import AppointmentStatus, Kind
from planner.core.timeutil import to_utc, zone
from planner.db.models import Appointment, Plan
from planner.errors import InvalidState, NotFound
from planner.services.booking.naming import describe_one


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


def get_appointment(s: Session, appointment_id: int) -> Appointment:
    a = s.get(Appointment, appointment_id)
    if a is None:
        raise NotFound(
            f"no session with id {appointment_id}; find it with 'planner appointment list'"
        )
    return a


def require_status(a: Appointment, allowed: Sequence[AppointmentStatus], doing: str) -> None:
    if a.status not in {x.value for x in allowed}:
        raise InvalidState(f"{describe_one(a)} is {a.status}; it cannot be {doing}")


def touch(a: Appointment, now: datetime) -> None:
    """Count a change of the session (its revision) and when it happened."""
    a.revision += 1
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


def session_notes(a: Appointment) -> str:
    """The session's notes for a person to read, with why it was cancelled when it was."""
    reason = f"Cancelled: {a.cancel_reason}" if a.cancel_reason else ""
    return "\n".join(t for t in (a.notes, reason) if t)


def number_sessions(appointments: Sequence[Appointment]) -> dict[int, tuple[int, int]]:
    """'Treatment 3 of 9': the place of each active session among its plan's of its kind."""
    by_kind: dict[tuple[int, str], list[Appointment]] = {}
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
