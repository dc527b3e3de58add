"""Read-only listings for the command line: locations, rooms, practitioners, patients, plans
and sessions as plain values (dicts of JSON-ready values), each read in one session.

The command line prints these as tables or ``--json``; it never queries the database itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from planner.core.calendars import WeeklyHours
from planner.core.domain import AppointmentStatus, PlanStatus, Template
from planner.core.timeutil import utcnow
from planner.db.models import Appointment, Location, Patient, Plan, Practitioner, Room
from planner.db.store import Store
from planner.errors import BadInput
from planner.services.booking.appointments import (
    appointment_json,
    list_appointments,
    number_sessions,
)
from planner.services.clinic import find_patients, find_template, flag_spec, get, list_templates
from planner.services.patient_records import PatientRecord

# -- the clinic ---------------------------------------------------------------------------------


def locations(store: Store) -> list[dict[str, Any]]:
    """Every location by id, its opening hours as text (``mon-fri 08:00-18:00``)."""
    with store.read() as s:
        return [
            {
                "id": r.id,
                "name": r.name,
                "tz": r.tz,
                "country": r.country,
                "subdivision": r.subdivision,
                "address": r.address,
                "phone": r.phone,
                "hours": str(WeeklyHours.from_json(r.opening_hours)),
                "revision": r.revision,
            }
            for r in s.scalars(select(Location).order_by(Location.id))
        ]


def rooms(store: Store, location_id: int | None = None) -> list[dict[str, Any]]:
    """The rooms of one location, or of all of them (by location, then id)."""
    stmt = select(Room).order_by(Room.location_id, Room.id)
    if location_id:
        stmt = stmt.where(Room.location_id == location_id)
    with store.read() as s:
        return [
            {"id": r.id, "name": r.name, "location_id": r.location_id, "revision": r.revision}
            for r in s.scalars(stmt)
        ]


def practitioners(store: Store) -> list[dict[str, Any]]:
    """Every practitioner by id with the locations they work at and their hours there."""
    stmt = (
        select(Practitioner)
        .order_by(Practitioner.id)
        .options(selectinload(Practitioner.workplaces))
    )
    with store.read() as s:
        return [
            {
                "id": p.id,
                "name": p.name,
                "profession": p.profession,
                "may_needle": p.may_needle,
                "locations": [
                    {"id": w.location_id, "hours": str(WeeklyHours.from_json(w.hours))}
                    for w in p.workplaces
                ],
                "revision": p.revision,
                "caldav_url": p.caldav_url,
                "caldav_user": p.caldav_user,
            }
            for p in s.scalars(stmt)
        ]


def templates(store: Store) -> list[Template]:
    """The plan templates, oldest first."""
    with store.read() as s:
        return list_templates(s)


def template(store: Store, name: str) -> Template:
    """The template called ``name`` (NotFound lists the names there are)."""
    with store.read() as s:
        return find_template(s, name)


# -- patients and plans -------------------------------------------------------------------------


def patient_json(p: Patient) -> dict[str, Any]:
    """A patient's details, the screening flags as specs (``lymphoedema:arm-left``)."""
    return {
        "id": p.id,
        "name": p.name,
        "phone": p.phone,
        "email": p.email,
        "email_consent": bool(p.email_consent),
        "date_of_birth": p.date_of_birth.isoformat() if p.date_of_birth else None,
        "chart_number": p.chart_number,
        "language": p.language,
        "flags": [flag_spec(f.flag, f.regions) for f in p.flags],
        "notes": p.notes,
    }


def record_json(r: PatientRecord) -> dict[str, Any]:
    """A patient's record (from an edit) in the same shape as :func:`patient_json`."""
    return {
        "id": r.id,
        "name": r.name,
        "phone": r.phone,
        "email": r.email,
        "email_consent": r.email_consent,
        "date_of_birth": r.date_of_birth.isoformat() if r.date_of_birth else None,
        "chart_number": r.chart_number,
        "language": r.language,
        "flags": list(r.flag_specs),
        "notes": r.notes,
    }


def patients(store: Store, search: str = "", limit: int = 50) -> list[dict[str, Any]]:
    """Patients whose name, chart number, phone or date of birth (``13.05.1973``, ``130573``)
    matches ``search``, by name."""
    with store.read() as s:
        return [patient_json(p) for p in find_patients(s, search, limit)]


def plan_summary(pl: Plan) -> dict[str, Any]:
    """A plan without its sessions: who, where, its template or modality, rule and regions."""
    return {
        "id": pl.id,
        "patient_id": pl.patient_id,
        "practitioner_id": pl.practitioner_id,
        "location_id": pl.location_id,
        "room_id": pl.room_id,
        "modality": pl.modality,
        "template": pl.template_name,
        "start_local": pl.start_local.isoformat(timespec="minutes"),
        "tz": pl.tz,
        "status": pl.status,
        "revision": pl.revision,
        "regions": [r.region for r in pl.regions],
        "acknowledged_flags": pl.acknowledged_flags,
        "rule": pl.rule,
    }


def patient_with_plans(store: Store, patient_id: int) -> dict[str, Any]:
    """A patient with their plans (by start) and every session of theirs (numbered)."""
    with store.read() as s:
        p = get(s, Patient, patient_id, "patient")
        plans = s.scalars(select(Plan).where(Plan.patient_id == p.id).order_by(Plan.start_local))
        return patient_json(p) | {
            "plans": [plan_summary(pl) for pl in plans],
            "sessions": _numbered(list_appointments(s, patient_id=p.id)),
        }


def plan_with_sessions(store: Store, plan_id: int) -> dict[str, Any]:
    """A plan with the names of its patient, practitioner and location, and its sessions."""
    with store.read() as s:
        pl = get(s, Plan, plan_id, "plan")
        return plan_summary(pl) | {
            "patient": pl.patient.name,
            "practitioner": pl.practitioner.name,
            "location": pl.location.name,
            "sessions": _numbered(list_appointments(s, plan_id=pl.id)),
        }


_PLAN_STATUS_WORDS = {
    "active": PlanStatus.ACTIVE.value,
    "done": PlanStatus.COMPLETED.value,
    "completed": PlanStatus.COMPLETED.value,
    "cancelled": PlanStatus.CANCELLED.value,
    "canceled": PlanStatus.CANCELLED.value,
}


def plans(
    store: Store, *, patient_id: int | None = None, status: str | None = None
) -> list[dict[str, Any]]:
    """Plans (of one patient, or all), by start: :func:`plan_summary` with the names of the
    patient, practitioner and location, how many sessions it has (cancelled ones left out),
    how many were attended, and the next booked session's local start.

    ``status`` is ``active``, ``done`` (or ``completed``) or ``cancelled``; NotFound for an
    unknown patient.
    """
    wanted = None
    if status is not None:
        wanted = _PLAN_STATUS_WORDS.get(status.strip().lower())
        if wanted is None:
            raise BadInput(f"unknown plan status '{status}'; use active, done or cancelled")
    stmt = (
        select(Plan)
        .order_by(Plan.start_local, Plan.id)
        .options(
            selectinload(Plan.regions),
            selectinload(Plan.patient),
            selectinload(Plan.practitioner),
            selectinload(Plan.location),
        )
    )
    with store.read() as s:
        if patient_id is not None:
            get(s, Patient, patient_id, "patient")
            stmt = stmt.where(Plan.patient_id == patient_id)
        if wanted is not None:
            stmt = stmt.where(Plan.status == wanted)
        found = list(s.scalars(stmt))
        ids = [pl.id for pl in found]
        counts: dict[int, dict[str, int]] = {}
        upcoming: dict[int, datetime] = {}
        if ids:
            for plan_id, st, n in s.execute(
                select(Appointment.plan_id, Appointment.status, func.count(Appointment.id))
                .where(Appointment.plan_id.in_(ids))
                .group_by(Appointment.plan_id, Appointment.status)
            ):
                counts.setdefault(plan_id, {})[st] = n
            for plan_id, first in s.execute(
                select(Appointment.plan_id, func.min(Appointment.start_local))
                .where(
                    Appointment.plan_id.in_(ids),
                    Appointment.status == AppointmentStatus.BOOKED.value,
                    Appointment.end_utc > utcnow(),
                )
                .group_by(Appointment.plan_id)
            ):
                upcoming[plan_id] = first
        out = []
        for pl in found:
            c = counts.get(pl.id, {})
            nxt = upcoming.get(pl.id)
            out.append(
                plan_summary(pl)
                | {
                    "patient": pl.patient.name,
                    "practitioner": pl.practitioner.name,
                    "location": pl.location.name,
                    "sessions": sum(
                        n for st, n in c.items() if st != AppointmentStatus.CANCELLED.value
                    ),
                    "attended": c.get(AppointmentStatus.ATTENDED.value, 0),
                    "next_session": nxt.isoformat(timespec="minutes") if nxt else None,
                }
            )
        return out


def _numbered(appointments: Sequence[Appointment]) -> list[dict[str, Any]]:
    numbering = number_sessions(appointments)
    return [appointment_json(a, numbering) for a in appointments]


# -- sessions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SessionListing:
    """Sessions as :func:`~planner.services.booking.appointments.appointment_json` gives them,
    and the names to show for them: ``names["patient"][id]``, ``names["practitioner"][id]``."""

    sessions: list[dict[str, Any]]
    names: dict[str, dict[int, str]]


_MARGIN = timedelta(hours=15)
"""Wider than any UTC offset: the UTC range read is refined on local dates."""


def sessions(
    store: Store,
    first: date | None = None,
    last: date | None = None,
    *,
    patient_id: int | None = None,
    practitioner_id: int | None = None,
    location_id: int | None = None,
    plan_id: int | None = None,
    include_cancelled: bool = True,
) -> SessionListing:
    """Sessions on the local dates ``first`` to ``last`` (inclusive; None: open), in time order.

    Each is numbered among all of its plan's sessions ("treatment 3 of 9"), not only among
    the ones listed.
    """
    lo = datetime.combine(first, datetime.min.time()) - _MARGIN if first else None
    hi = datetime.combine(last + timedelta(days=1), datetime.min.time()) + _MARGIN if last else None
    with store.read() as s:
        found = list_appointments(
            s,
            start=lo,
            end=hi,
            patient_id=patient_id,
            practitioner_id=practitioner_id,
            location_id=location_id,
            plan_id=plan_id,
            include_cancelled=include_cancelled,
        )
        appts = [
            a
            for a in found
            if (first is None or a.start_local.date() >= first)
            and (last is None or a.start_local.date() <= last)
        ]
        plan_ids = {a.plan_id for a in appts}
        siblings = (
            list(s.scalars(select(Appointment).where(Appointment.plan_id.in_(plan_ids))))
            if plan_ids
            else []
        )
        numbering = number_sessions(siblings)
        patient_ids = {a.patient_id for a in appts}
        patient_names = s.execute(
            select(Patient.id, Patient.name).where(Patient.id.in_(patient_ids))
        ).all()
        practitioner_names = s.execute(select(Practitioner.id, Practitioner.name)).all()
        return SessionListing(
            sessions=[appointment_json(a, numbering) for a in appts],
            names={
                "patient": {i: name for i, name in patient_names},
                "practitioner": {i: name for i, name in practitioner_names},
            },
        )
