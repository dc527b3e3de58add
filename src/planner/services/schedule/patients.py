"""Patients for the side panel, and one session for the dialogs that act on it.

:func:`search_patients`, :func:`patient_row` and :func:`patient_detail` feed the side panel
and the patient picker; :func:`session_info` and :func:`later_booked_ids` tell the session
dialogs and undo what they act on. Like
:mod:`.week`, this module imports SQLAlchemy and the models inside its functions: the window
imports it while it starts.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from planner.core.domain import ACTIVE_STATUSES, AppointmentStatus, Modality
from planner.core.patient_input import try_date_of_birth
from planner.core.timeutil import utcnow
from planner.errors import NotFound
from planner.services.schedule.rows import number_groups
from planner.services.schedule.values import (
    PatientDetail,
    PatientRow,
    PlanRow,
    SessionInfo,
    SessionRow,
)

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Row
    from sqlalchemy.orm import Session

    from planner.db.models import Appointment, Plan
    from planner.db.store import Store


def search_patients(
    store: Store, text: str, limit: int = 50, *, now: datetime | None = None
) -> list[PatientRow]:
    """Patients whose name or chart number contains ``text``, whose phone has its digits, or
    who were born on the date it names (``13.05.1973``, ``1973-05-13``, ``130573``), by name;
    each with their next booked session after ``now`` (naive UTC; default: the clock)."""
    from sqlalchemy import or_, select

    from planner.db.models import Patient

    with store.read() as s:
        stmt = select(
            Patient.id, Patient.name, Patient.phone, Patient.date_of_birth, Patient.chart_number
        )
        conds = patient_search_conditions(text)
        if conds:
            stmt = stmt.where(or_(*conds))
        rows = s.execute(stmt.order_by(Patient.name, Patient.id).limit(limit)).all()
        ids = [r.id for r in rows]
        flags = _flags_of(s, ids)
        upcoming = next_sessions(s, ids, now or utcnow())
    return [
        PatientRow(
            r.id,
            r.name,
            r.phone,
            r.date_of_birth,
            r.chart_number,
            tuple(flags.get(r.id, ())),
            upcoming.get(r.id),
        )
        for r in rows
    ]


def patient_row(store: Store, patient_id: int, *, now: datetime | None = None) -> PatientRow:
    """One patient as the search lists them (the patient picker chooses a new patient so)."""
    from planner.db.models import Patient

    with store.read() as s:
        p = s.get(Patient, patient_id)
        if p is None:
            raise NotFound(f"no patient with id {patient_id}; search for the patient again")
        return PatientRow(
            p.id,
            p.name,
            p.phone,
            p.date_of_birth,
            p.chart_number,
            tuple(f.flag for f in p.flags),
            next_sessions(s, [p.id], now or utcnow()).get(p.id),
        )


def patient_search_conditions(text: str) -> list[ColumnElement[bool]]:
    """The conditions (any one of them finds a patient) of a search for ``text``; none when
    it is empty. The side panel, the patient picker and ``planner patient list`` share them.

    Name and chart number: contains the text, case-insensitive. Phone: contains its digits
    (two or more). Date of birth: equal to the date the text names in any form the desk types
    (:func:`planner.core.patient_input.parse_date_of_birth`).
    """
    from sqlalchemy import func

    from planner.db.models import Patient

    q = " ".join((text or "").split())
    if not q:
        return []
    like = f"%{q.lower()}%"
    conds: list[ColumnElement[bool]] = [
        func.lower(Patient.name).like(like),
        func.lower(Patient.chart_number).like(like),
    ]
    digits = re.sub(r"\D", "", q)
    if len(digits) >= 2:
        conds.append(func.replace(Patient.phone, " ", "").like(f"%{digits}%"))
    born = try_date_of_birth(q)
    if born is not None:
        conds.append(Patient.date_of_birth == born)
    return conds


def _flags_of(s: Session, patient_ids: list[int]) -> dict[int, list[str]]:
    from sqlalchemy import select

    from planner.db.models import PatientFlag

    flags: dict[int, list[str]] = {}
    if patient_ids:
        for pid, flag in s.execute(
            select(PatientFlag.patient_id, PatientFlag.flag)
            .where(PatientFlag.patient_id.in_(patient_ids))
            .order_by(PatientFlag.id)
        ):
            flags.setdefault(pid, []).append(flag)
    return flags


def next_sessions(s: Session, patient_ids: list[int], now: datetime) -> dict[int, datetime]:
    """Each patient's next booked session after ``now`` (naive UTC), as its local start.

    One query for all of them (the earliest start per patient, joined back to its row), so a
    search of 50 patients is one round trip, not 50.
    """
    from sqlalchemy import func, select

    from planner.db.models import Appointment

    if not patient_ids:
        return {}
    booked = (
        Appointment.patient_id.in_(patient_ids),
        Appointment.status == AppointmentStatus.BOOKED.value,
        Appointment.start_utc > now,
    )
    first = (
        select(Appointment.patient_id, func.min(Appointment.start_utc).label("start_utc"))
        .where(*booked)
        .group_by(Appointment.patient_id)
        .subquery()
    )
    out: dict[int, datetime] = {}
    for pid, local in s.execute(
        select(Appointment.patient_id, Appointment.start_local)
        .join(
            first,
            (first.c.patient_id == Appointment.patient_id)
            & (first.c.start_utc == Appointment.start_utc),
        )
        .where(*booked)
    ):
        out.setdefault(pid, local)
    return out


def patient_detail(store: Store, patient_id: int) -> PatientDetail:
    """A patient with their flags, plans (with progress) and every session, in time order."""
    from sqlalchemy import select

    from planner.db.models import Location, Patient, Plan, Practitioner

    with store.read() as s:
        p = s.get(Patient, patient_id)
        if p is None:
            raise NotFound(f"no patient with id {patient_id}; search for the patient again")
        row = PatientRow(
            p.id,
            p.name,
            p.phone,
            p.date_of_birth,
            p.chart_number,
            tuple(f.flag for f in p.flags),
            next_sessions(s, [p.id], utcnow()).get(p.id),
        )
        names: dict[int, str] = dict(s.execute(select(Practitioner.id, Practitioner.name)).all())
        places: dict[int, str] = dict(s.execute(select(Location.id, Location.name)).all())
        plans = list(
            s.scalars(select(Plan).where(Plan.patient_id == patient_id).order_by(Plan.start_local))
        )
        sessions = _session_rows(s, patient_id, names, places)
        regions = _plan_regions(s, patient_id)
        plan_rows = tuple(_plan_row(pl, names, places, regions, sessions) for pl in plans)
        return PatientDetail(row, p.email, p.notes, plan_rows, sessions, p.language)


def _session_rows(
    s: Session, patient_id: int, names: dict[int, str], places: dict[int, str]
) -> tuple[SessionRow, ...]:
    """Every session of the patient in time order, numbered within its plan and kind."""
    appts = _patient_sessions(s, patient_id)
    treated = _treated(s, patient_id) if appts else {}
    numbering = number_groups(
        (a.plan_id, a.kind, a.start_utc, a.id)
        for a in appts
        if a.status != AppointmentStatus.CANCELLED.value
    )
    return tuple(
        SessionRow(
            id=a.id,
            plan_id=a.plan_id,
            kind=a.kind,
            number=numbering.get(a.id, (None, None))[0],
            of=numbering.get(a.id, (None, None))[1],
            status=a.status,
            start=a.start_local,
            duration_min=a.duration_min,
            practitioner=names.get(a.practitioner_id, "?"),
            location=places.get(a.location_id, "?"),
            location_id=a.location_id,
            treated=tuple(treated.get(a.id, ())),
            cancel_reason=a.cancel_reason,
        )
        for a in appts
    )


def _patient_sessions(s: Session, patient_id: int) -> list[Row[*tuple[Any, ...]]]:
    from sqlalchemy import select

    from planner.db.models import Appointment

    return list(
        s.execute(
            select(
                Appointment.id,
                Appointment.plan_id,
                Appointment.kind,
                Appointment.status,
                Appointment.start_local,
                Appointment.start_utc,
                Appointment.duration_min,
                Appointment.practitioner_id,
                Appointment.location_id,
                Appointment.cancel_reason,
            )
            .where(Appointment.patient_id == patient_id)
            .order_by(Appointment.start_utc, Appointment.id)
        ).all()
    )


def _treated(s: Session, patient_id: int) -> dict[int, list[tuple[str, int | None]]]:
    """The regions treated at each of the patient's sessions, with their pain scores."""
    from sqlalchemy import select

    from planner.db.models import Appointment, AppointmentRegion

    treated: dict[int, list[tuple[str, int | None]]] = {}
    for aid, region, pain in s.execute(
        select(
            AppointmentRegion.appointment_id,
            AppointmentRegion.region,
            AppointmentRegion.pain,
        )
        .join(Appointment, Appointment.id == AppointmentRegion.appointment_id)
        .where(Appointment.patient_id == patient_id)
        .order_by(AppointmentRegion.appointment_id, AppointmentRegion.position)
    ):
        treated.setdefault(aid, []).append((region, pain))
    return treated


def _plan_regions(s: Session, patient_id: int) -> dict[int, list[str]]:
    """The target regions of each of the patient's plans."""
    from sqlalchemy import select

    from planner.db.models import Plan, PlanRegion

    regions: dict[int, list[str]] = {}
    for pid, region in s.execute(
        select(PlanRegion.plan_id, PlanRegion.region)
        .join(Plan, Plan.id == PlanRegion.plan_id)
        .where(Plan.patient_id == patient_id)
        .order_by(PlanRegion.plan_id, PlanRegion.position)
    ):
        regions.setdefault(pid, []).append(region)
    return regions


def _plan_row(
    pl: Plan,
    names: dict[int, str],
    places: dict[int, str],
    regions: dict[int, list[str]],
    sessions: tuple[SessionRow, ...],
) -> PlanRow:
    return PlanRow(
        id=pl.id,
        title=pl.template_name or Modality(pl.modality).label,
        modality=pl.modality,
        status=pl.status,
        practitioner=names.get(pl.practitioner_id, "?"),
        location=places.get(pl.location_id, "?"),
        location_id=pl.location_id,
        start=pl.start_local,
        regions=tuple(regions.get(pl.id, ())),
        done=sum(1 for x in sessions if x.plan_id == pl.id and x.status == "attended"),
        total=sum(1 for x in sessions if x.plan_id == pl.id and x.status != "cancelled"),
    )


# -- one session ----------------------------------------------------------------------------


def session_info(store: Store, appointment_id: int) -> SessionInfo:
    """One session with its patient, practitioner, place in its plan and treated regions."""
    from sqlalchemy import func, select

    from planner.db.models import Appointment, Practitioner

    with store.read() as s:
        a = _session(s, appointment_id)
        plan = a.plan
        active = [st.value for st in ACTIVE_STATUSES]
        group = list(
            s.scalars(
                select(Appointment.id)
                .where(
                    Appointment.plan_id == a.plan_id,
                    Appointment.kind == a.kind,
                    Appointment.status.in_(active),
                )
                .order_by(Appointment.start_utc)
            )
        )
        number = group.index(a.id) + 1 if a.id in group else None
        later = s.scalar(select(func.count()).select_from(Appointment).where(*_later_booked(a)))
        prac = s.get(Practitioner, a.practitioner_id)
        return SessionInfo(
            id=a.id,
            plan_id=a.plan_id,
            patient_id=a.patient_id,
            patient_name=plan.patient.name,
            practitioner_id=a.practitioner_id,
            practitioner_name=prac.name if prac else "?",
            location_id=a.location_id,
            room_id=a.room_id,
            kind=a.kind,
            status=a.status,
            start=a.start_local,
            duration_min=a.duration_min,
            tz=a.tz,
            number=number,
            of=len(group) if number else None,
            plan_title=plan.template_name or Modality(plan.modality).label,
            plan_regions=tuple(r.region for r in plan.regions),
            later_booked=int(later or 0),
            treated=tuple((r.region, r.pain) for r in a.regions),
            cancel_reason=a.cancel_reason,
            revision=a.revision,
            plan_revision=plan.revision,
        )


def later_booked_ids(store: Store, appointment_id: int) -> list[int]:
    """Booked sessions of the same plan after this one: what "this and following" moves."""
    from sqlalchemy import select

    from planner.db.models import Appointment

    with store.read() as s:
        a = _session(s, appointment_id)
        return list(
            s.scalars(
                select(Appointment.id).where(*_later_booked(a)).order_by(Appointment.start_utc)
            )
        )


def _session(s: Session, appointment_id: int) -> Appointment:
    from planner.db.models import Appointment

    a = s.get(Appointment, appointment_id)
    if a is None:
        raise NotFound(
            f"no session with id {appointment_id}; it may have been removed, refresh the view"
        )
    return a


def _later_booked(a: Appointment) -> tuple[ColumnElement[bool], ...]:
    """The conditions of "a booked session of the same plan, after ``a``"."""
    from planner.db.models import Appointment

    return (
        Appointment.plan_id == a.plan_id,
        Appointment.start_utc > a.start_utc,
        Appointment.status == AppointmentStatus.BOOKED.value,
    )
