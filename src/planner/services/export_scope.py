"""What an export holds: its scope, and the rows it reads for it in one read session.

A scope is one plan (all its sessions), one patient (their future sessions), or one
practitioner, one location or the whole clinic over a range of local dates. Besides the
sessions in scope, an export needs every session of their plans (a series is written whole,
and "3 of 9" counts them all), the sessions that left the scope since it was last exported
(moved to another practitioner or location: sent as cancelled), and the plans, patients,
places and people they name.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, selectinload

from planner.core.timeutil import UTC_MARGIN
from planner.db.models import (
    Appointment,
    Location,
    Patient,
    Plan,
    Practitioner,
    Room,
)
from planner.errors import BadInput, NotFound
from planner.ics.model import Profile, Shape
from planner.services.batches import in_batches
from planner.services.clinic_settings import read_settings

DEFAULT_RANGE_DAYS = 90
MAX_RANGE_DAYS = 5 * 366


class ScopeKind(enum.StrEnum):
    PLAN = "plan"
    PATIENT = "patient"
    PRACTITIONER = "practitioner"
    LOCATION = "location"
    ALL = "all"


@dataclass(frozen=True)
class Scope:
    """Which sessions an export holds."""

    kind: ScopeKind
    id: int | None = None
    first: date | None = None
    """First local date (practitioner, location and everything scopes)."""
    last: date | None = None
    """Last local date, inclusive."""

    @classmethod
    def plan(cls, plan_id: int) -> Scope:
        return cls(ScopeKind.PLAN, plan_id)

    @classmethod
    def patient(cls, patient_id: int) -> Scope:
        return cls(ScopeKind.PATIENT, patient_id)

    @classmethod
    def practitioner(
        cls, practitioner_id: int, first: date | None = None, last: date | None = None
    ) -> Scope:
        return cls(ScopeKind.PRACTITIONER, practitioner_id, first, last)

    @classmethod
    def location(
        cls, location_id: int, first: date | None = None, last: date | None = None
    ) -> Scope:
        return cls(ScopeKind.LOCATION, location_id, first, last)

    @classmethod
    def everything(cls, first: date | None = None, last: date | None = None) -> Scope:
        return cls(ScopeKind.ALL, None, first, last)

    @property
    def ranged(self) -> bool:
        return self.kind in (ScopeKind.PRACTITIONER, ScopeKind.LOCATION, ScopeKind.ALL)

    @property
    def default_profile(self) -> Profile:
        """Patient for a plan or a patient; practitioner for the clinic's own views."""
        return (
            Profile.PATIENT
            if self.kind in (ScopeKind.PLAN, ScopeKind.PATIENT)
            else Profile.PRACTITIONER
        )

    def key(self, profile: Profile, shape: Shape) -> str:
        """The scope, profile and shape of a file (the calendar's UID is derived from it)."""
        target = self.id if self.id is not None else "*"
        return f"{self.kind.value}:{target}|{profile.value}|{shape.value}"

    def describe(self) -> str:
        if self.kind is ScopeKind.ALL:
            return "the clinic"
        return f"{self.kind.value} {self.id}"


@dataclass
class ExportRows:
    """Everything the rendering needs, loaded in one read session."""

    selected: list[Appointment]
    departed: list[Appointment]
    siblings: dict[int, list[Appointment]]
    plans: dict[int, Plan]
    patients: dict[int, Patient]
    locations: dict[int, Location]
    rooms: dict[int, Room]
    practitioners: dict[int, Practitioner]
    settings: dict[str, str]
    first: date | None
    last: date | None


# What the rendering reads of a session, plan and patient: ORM rows (load_rows) and the plain
# rows of the streaming export (planner.services.export_stream) both have it.


class TargetLike(Protocol):
    """A plan's target region."""

    @property
    def region(self) -> str: ...


class RegionLike(Protocol):
    """A region treated in a session, with its pain score."""

    @property
    def region(self) -> str: ...
    @property
    def pain(self) -> int | None: ...


class FlagLike(Protocol):
    @property
    def flag(self) -> str: ...


class SessionLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def uid(self) -> str: ...
    @property
    def plan_id(self) -> int: ...
    @property
    def patient_id(self) -> int: ...
    @property
    def practitioner_id(self) -> int: ...
    @property
    def location_id(self) -> int: ...
    @property
    def room_id(self) -> int | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def phase(self) -> int: ...
    @property
    def start_local(self) -> datetime: ...
    @property
    def tz(self) -> str: ...
    @property
    def start_utc(self) -> datetime: ...
    @property
    def duration_min(self) -> int: ...
    @property
    def original_start_local(self) -> datetime: ...
    @property
    def status(self) -> str: ...
    @property
    def revision(self) -> int: ...
    @property
    def notes(self) -> str: ...
    @property
    def cancel_reason(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def regions(self) -> Sequence[RegionLike]: ...


class PlanLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def patient_id(self) -> int: ...
    @property
    def practitioner_id(self) -> int: ...
    @property
    def location_id(self) -> int: ...
    @property
    def modality(self) -> str: ...
    @property
    def template_name(self) -> str | None: ...
    @property
    def start_local(self) -> datetime: ...
    @property
    def tz(self) -> str: ...
    @property
    def rule(self) -> dict[str, Any]: ...
    @property
    def status(self) -> str: ...
    @property
    def acknowledged_flags(self) -> list[Any]: ...
    @property
    def notes(self) -> str: ...
    @property
    def regions(self) -> Sequence[TargetLike]: ...


class PatientLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def chart_number(self) -> str | None: ...
    @property
    def phone(self) -> str: ...
    @property
    def notes(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def flags(self) -> Sequence[FlagLike]: ...


class RowsLike(Protocol):
    """What :class:`planner.services.export_events.EventBuilder` and ``units`` read: an
    :class:`ExportRows`, or one chunk of plans of a streaming export."""

    @property
    def selected(self) -> Sequence[SessionLike]: ...
    @property
    def departed(self) -> Sequence[SessionLike]: ...
    @property
    def siblings(self) -> Mapping[int, Sequence[SessionLike]]: ...
    @property
    def plans(self) -> Mapping[int, PlanLike]: ...
    @property
    def patients(self) -> Mapping[int, PatientLike]: ...
    @property
    def locations(self) -> Mapping[int, Location]: ...
    @property
    def rooms(self) -> Mapping[int, Room]: ...
    @property
    def practitioners(self) -> Mapping[int, Practitioner]: ...
    @property
    def settings(self) -> Mapping[str, str]: ...
    @property
    def first(self) -> date | None: ...
    @property
    def last(self) -> date | None: ...


def in_scope(scope: Scope, a: SessionLike) -> bool:
    """Whether a session belongs to the scope's practitioner, location or patient."""
    if scope.kind is ScopeKind.PRACTITIONER:
        return a.practitioner_id == scope.id
    if scope.kind is ScopeKind.LOCATION:
        return a.location_id == scope.id
    if scope.kind is ScopeKind.PATIENT:
        return a.patient_id == scope.id
    return True


def date_range(scope: Scope, now: datetime) -> tuple[date | None, date | None]:
    """The scope's local dates (default: today and 90 days on), checked."""
    if not scope.ranged:
        if scope.first or scope.last:
            raise BadInput(
                "a date range (--from/--to) applies to practitioner, location and whole-clinic "
                "exports; a plan export holds the whole plan and a patient export their "
                "future sessions"
            )
        return None, None
    first = scope.first or now.date()
    last = scope.last or first + timedelta(days=DEFAULT_RANGE_DAYS - 1)
    if last < first:
        raise BadInput("the export ends before it starts; give --from before --to")
    if (last - first).days > MAX_RANGE_DAYS:
        raise BadInput("export at most five years at once; give a shorter --from/--to range")
    return first, last


def check_exists(s: Session, scope: Scope) -> None:
    """NotFound when the scope names a plan, patient, practitioner or location not there."""
    if scope.kind is ScopeKind.PLAN:
        if s.get(Plan, scope.id) is None:
            raise NotFound(f"no plan with id {scope.id}; find it with 'planner patient show ID'")
    elif scope.kind is ScopeKind.PATIENT:
        if s.get(Patient, scope.id) is None:
            raise NotFound(f"no patient with id {scope.id}; list them with 'planner patient list'")
    elif scope.kind is ScopeKind.PRACTITIONER:
        if s.get(Practitioner, scope.id) is None:
            raise NotFound(
                f"no practitioner with id {scope.id}; list them with 'planner practitioner list'"
            )
    elif scope.kind is ScopeKind.LOCATION and s.get(Location, scope.id) is None:
        raise NotFound(f"no location with id {scope.id}; list them with 'planner location list'")


def ranged_filter(scope: Scope, first: date, last: date) -> list[ColumnElement[bool]]:
    """The sessions of a practitioner, location or whole-clinic scope starting within the local
    dates ``first`` to ``last``: by ``start_utc`` (indexed, with a margin for every zone), and
    by the local start itself (the dates are local)."""
    out: list[ColumnElement[bool]] = []
    if scope.kind is ScopeKind.PRACTITIONER:
        out.append(Appointment.practitioner_id == scope.id)
    elif scope.kind is ScopeKind.LOCATION:
        out.append(Appointment.location_id == scope.id)
    lo = datetime.combine(first, datetime.min.time())
    hi = datetime.combine(last + timedelta(days=1), datetime.min.time())
    out += [
        Appointment.start_utc >= lo - UTC_MARGIN,
        Appointment.start_utc < hi + UTC_MARGIN,
        Appointment.start_local >= lo,
        Appointment.start_local < hi,
    ]
    return out


def load_rows(s: Session, scope: Scope, now: datetime, sent: Collection[int] = ()) -> ExportRows:
    """What the scope holds now; with ``sent`` (sessions a recipient was sent), also those of
    them that have left the scope since (another practitioner or location now has them)."""
    first, last = date_range(scope, now)
    stmt = select(Appointment).options(selectinload(Appointment.regions))
    check_exists(s, scope)
    if scope.kind is ScopeKind.PLAN:
        stmt = stmt.where(Appointment.plan_id == scope.id)
    elif scope.kind is ScopeKind.PATIENT:
        stmt = stmt.where(Appointment.patient_id == scope.id, Appointment.start_utc >= now)
    else:
        assert first is not None and last is not None
        stmt = stmt.where(*ranged_filter(scope, first, last))
    rows = list(s.scalars(stmt.order_by(Appointment.start_utc, Appointment.id)))
    if first is not None and last is not None:
        rows = [a for a in rows if first <= a.start_local.date() <= last]

    departed: list[Appointment] = []
    for ids in in_batches(sent):
        departed.extend(
            a
            for a in s.scalars(
                select(Appointment)
                .where(Appointment.id.in_(ids))
                .options(selectinload(Appointment.regions))
            )
            if not in_scope(scope, a)
        )
    plan_ids = {a.plan_id for a in [*rows, *departed]}
    siblings: dict[int, list[Appointment]] = {}
    for ids in in_batches(plan_ids):
        for a in s.scalars(
            select(Appointment)
            .where(Appointment.plan_id.in_(ids))
            .options(selectinload(Appointment.regions))
            .order_by(Appointment.start_utc, Appointment.id)
        ):
            siblings.setdefault(a.plan_id, []).append(a)
    plans: dict[int, Plan] = {}
    for ids in in_batches(plan_ids):
        for p in s.scalars(
            select(Plan).where(Plan.id.in_(ids)).options(selectinload(Plan.regions))
        ):
            plans[p.id] = p
    every = [a for group in siblings.values() for a in group]
    patients = _by_id(s, Patient, {a.patient_id for a in every}, selectinload(Patient.flags))
    locations = _by_id(s, Location, {a.location_id for a in every})
    rooms = _by_id(s, Room, {a.room_id for a in every if a.room_id is not None})
    practitioners = _by_id(
        s,
        Practitioner,
        {a.practitioner_id for a in every} | {p.practitioner_id for p in plans.values()},
    )
    return ExportRows(
        selected=rows,
        departed=departed,
        siblings=siblings,
        plans=plans,
        patients=patients,
        locations=locations,
        rooms=rooms,
        practitioners=practitioners,
        settings=read_settings(s),
        first=first,
        last=last,
    )


def _by_id(s: Session, model: Any, ids: set[int], *options: Any) -> dict[int, Any]:
    out: dict[int, Any] = {}
    for chunk in in_batches(ids):
        for row in s.scalars(select(model).where(model.id.in_(chunk)).options(*options)):
            out[row.id] = row
    return out
