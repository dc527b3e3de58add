"""From the rows an export loaded to events: the facts each profile may show, and units.

A unit is what is written and remembered together: one session's VEVENT (sessions shape),
or a series' master with its overrides (series shape). Its digest, without DTSTAMP, is what
:func:`planner.services.calendar_export.export_calendar` compares with the last export's to
send only what changed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from functools import cached_property
from typing import Any, TypeVar

from planner.core.domain import AppointmentStatus, Kind, Modality, PlanSpec
from planner.core.engine import weekday_offsets
from planner.core.patient_input import LANGUAGES
from planner.errors import BadInput
from planner.ics import fast, render
from planner.ics.content import SessionFacts, series_text, text_for
from planner.ics.model import (
    Cadence,
    CalendarMeta,
    EventText,
    PatientLabel,
    PhaseGroup,
    Profile,
    SessionEvent,
    Shape,
)
from planner.ics.series import Series, plan_series
from planner.services.booking.appointments import session_notes
from planner.services.clinic_settings import clinic_language
from planner.services.export_scope import (
    PlanLike,
    RowsLike,
    Scope,
    SessionLike,
    in_scope,
)


class _EnumTable(dict[str, Any]):
    """An enum's members by value, falling back to the enum itself (its error) for others."""

    def __init__(self, enum: Any) -> None:
        super().__init__((m.value, m) for m in enum)
        self.enum = enum

    def __missing__(self, key: str) -> Any:
        return self.enum(key)


_T = TypeVar("_T")


def frozen(cls: type[_T], **values: Any) -> _T:
    """``cls(**values)`` for a frozen dataclass given every one of its fields, without the
    generated ``__init__``: that sets each field through ``object.__setattr__``, which for the
    28 fields of a SessionFacts costs some 20 microseconds, a tenth of a whole-clinic export's
    time. Checked against the real constructor in tests/services/test_export_stream.py."""
    obj = object.__new__(cls)
    if values.keys() != _FIELDS[cls]:
        raise TypeError(f"{cls.__name__} needs exactly {sorted(_FIELDS[cls])}")
    obj.__dict__.update(values)
    return obj


_FIELDS: dict[type, set[str]] = {
    cls: {f.name for f in fields(cls)} for cls in (SessionFacts, SessionEvent)
}


# Looked up once: an enum member's attribute access and an enum call cost a microsecond or
# two each, times several per session of a 100,000-session export.
_CANCELLED = AppointmentStatus.CANCELLED.value
_PATIENT = Profile.PATIENT
_KINDS = _EnumTable(Kind)
_MODALITIES = _EnumTable(Modality)


@dataclass
class EventBuilder:
    """Turns loaded rows into the plain session facts and events a profile renders."""

    world: RowsLike
    scope: Scope
    profile: Profile
    label: PatientLabel
    numbering: dict[int, tuple[int, int]]
    warnings: list[str]
    language: str | None = None
    """The language of every event's text; None: the patient's for the patient profile, the
    clinic's (the ``clinic_language`` setting) for the others."""

    _places: dict[int, tuple[str, str, str, str]] = field(
        default_factory=dict, init=False, repr=False
    )
    _plans: dict[int, tuple[Any, ...]] = field(default_factory=dict, init=False, repr=False)
    _people: dict[int, tuple[Any, ...]] = field(default_factory=dict, init=False, repr=False)

    # What a session's location, plan and patient say is worked out once per export (or chunk)
    # and kept: a whole-clinic export reads the same few places and plans thousands of times.

    def _place(self, location_id: int) -> tuple[str, str, str, str]:
        """Name, address, the phone patients are told to call, and the clinic's name."""
        place = self._places.get(location_id)
        if place is None:
            w = self.world
            location = w.locations[location_id]
            phone = location.phone or w.settings.get("clinic_phone", "")
            if not phone and self.profile is _PATIENT:
                msg = (
                    f"{location.name} has no phone number, so patients are told to call the "
                    "clinic without a number; add one to the location or set clinic_phone"
                )
                if msg not in self.warnings:
                    self.warnings.append(msg)
            clinic = w.settings.get("clinic_name") or location.name
            place = self._places[location_id] = (location.name, location.address, phone, clinic)
        return place

    def _plan(self, plan_id: int) -> tuple[Any, ...]:
        facts = self._plans.get(plan_id)
        if facts is None:
            plan = self.world.plans[plan_id]
            facts = self._plans[plan_id] = (
                _MODALITIES[plan.modality],
                plan.template_name,
                tuple(r.region for r in plan.regions),
                tuple(plan.acknowledged_flags or ()),
                plan.notes,
            )
        return facts

    def _patient(self, patient_id: int) -> tuple[Any, ...]:
        facts = self._people.get(patient_id)
        if facts is None:
            p = self.world.patients[patient_id]
            facts = self._people[patient_id] = (
                p.id,
                p.name,
                p.chart_number,
                p.phone,
                tuple(f.flag for f in p.flags),
                p.notes,
                self.language_for(p.language),
            )
        return facts

    def language_for(self, patients: str) -> str:
        """The language of a text about a patient whose own language is ``patients``."""
        if self.language:
            return self.language
        if self.profile is _PATIENT:
            return patients if patients in LANGUAGES else clinic_language(self.world.settings)
        return clinic_language(self.world.settings)

    def facts(self, a: SessionLike, *, cancelled: bool | None = None) -> SessionFacts:
        w = self.world
        modality, template, targets, acknowledged, plan_notes = self._plan(a.plan_id)
        patient_id, name, chart, patient_phone, flags, patient_notes, language = self._patient(
            a.patient_id
        )
        location, address, phone, clinic = self._place(a.location_id)
        room = w.rooms.get(a.room_id) if a.room_id is not None else None
        n = self.numbering.get(a.id)
        gone = a.status == _CANCELLED if cancelled is None else cancelled
        return frozen(
            SessionFacts,
            appointment_id=a.id,
            plan_id=a.plan_id,
            kind=_KINDS[a.kind],
            number=None if gone or n is None else n[0],
            of=n[1] if n else 0,
            modality=modality,
            cancelled=gone,
            start_local=a.start_local,
            duration_min=a.duration_min,
            clinic_name=clinic,
            clinic_phone=phone,
            location_name=location,
            location_address=address,
            room_name=room.name if room else None,
            practitioner_name=w.practitioners[a.practitioner_id].name,
            patient_id=patient_id,
            patient_name=name,
            chart_number=chart,
            patient_phone=patient_phone,
            template_name=template,
            target_regions=targets,
            treated=tuple([(r.region, r.pain) for r in a.regions]) if a.regions else (),
            flags=flags,
            acknowledged_flags=acknowledged,
            plan_notes=plan_notes,
            notes=session_notes(a),
            patient_notes=patient_notes,
            status=a.status,
            language=language,
        )

    def event(
        self, a: SessionLike, *, cancelled: bool | None = None, in_scope: bool = True
    ) -> SessionEvent:
        f = self.facts(a, cancelled=cancelled)
        return frozen(
            SessionEvent,
            appointment_id=a.id,
            uid=a.uid,
            sequence=a.revision,
            tz=a.tz,
            start_local=a.start_local,
            duration_min=a.duration_min,
            original_start_local=a.original_start_local,
            cancelled=f.cancelled,
            created_utc=a.created_at,
            modified_utc=a.updated_at,
            text=text_for(f, self.profile, self.label),
            plan_id=a.plan_id,
            phase=a.phase,
            in_scope=in_scope,
        )

    def series_text(self, series: Series, rows: Mapping[int, SessionLike]) -> EventText:
        active = [rows[m.appointment_id] for m in series.members if not m.cancelled and m.in_scope]
        if not active:
            first = rows[series.members[0].appointment_id]
            f = replace(self.facts(first, cancelled=True), number=None)
            return text_for(f, self.profile, self.label)
        active.sort(key=lambda a: a.start_utc)
        return series_text(
            self.facts(active[0]), self.facts(active[-1]), len(active), self.profile, self.label
        )


def cadence(plan: PlanLike, phase: int) -> Cadence | None:
    """The rule a plan phase follows, for its RRULE (None when the stored rule is unreadable)."""
    try:
        spec = PlanSpec.from_rule_json(plan.start_local, plan.tz, plan.rule)
        p = spec.phases[phase]
    except (BadInput, KeyError, IndexError, TypeError, ValueError):
        return None
    offsets = weekday_offsets(p, spec.start.date())
    weekdays = tuple(sorted({(spec.start.weekday() + o) % 7 for o in offsets}))
    return Cadence(
        interval_weeks=p.every_weeks,
        weekdays=weekdays,
        at=spec.start.time(),
        duration_min=p.duration_min,
        planned=p.count,
    )


@dataclass
class Unit:
    """Events written together (one UID) and the sessions they stand for."""

    ids: list[int]
    data: bytes
    events: int
    uid: str = ""
    sequence: int = 0
    """The SEQUENCE ``data`` was written with (a delivery may raise it: ``resequence``)."""
    cancelled: bool = False
    """Every session the unit stands for is cancelled here (or no longer this scope's)."""
    plan_id: int = 0
    start_local: datetime | None = None
    """The event's (the series': its first occurrence's) local start, in zone ``tz``."""
    tz: str = ""
    duration_min: int = 0
    summary: str = ""

    @cached_property
    def digest(self) -> str:
        """Of ``data`` without DTSTAMP and SEQUENCE (:func:`planner.ics.render.digest`); made
        when asked (a delivery compares it; a plain export never needs it)."""
        return render.digest(self.data)


def units(
    world: RowsLike,
    scope: Scope,
    b: EventBuilder,
    shape: Shape,
    meta: CalendarMeta,
    writer: fast.Writer | None = None,
) -> Iterator[Unit]:
    """The units of the rows, written by :class:`planner.ics.fast.Writer` (``writer``: one
    made for ``meta`` already, when a streaming export calls this once per chunk of plans).
    Within one call they come in time order."""
    w = writer or fast.Writer(meta)
    cancel_file = meta.method == "CANCEL"
    selected_ids = {a.id for a in world.selected}
    departed_ids = {a.id for a in world.departed}

    def unit(
        ids: list[int],
        events: list[bytes],
        ev: SessionEvent,
        *,
        uid: str,
        sequence: int,
        cancelled: bool,
        start_local: datetime,
        summary: str,
    ) -> Unit:
        # what the first event says: its UID, SEQUENCE, STATUS, DTSTART and SUMMARY
        data = render.serialise(events)
        return Unit(
            ids,
            data,
            len(events),
            uid=uid,
            sequence=sequence,
            cancelled=cancelled,
            plan_id=ev.plan_id,
            start_local=start_local,
            tz=ev.tz,
            duration_min=ev.duration_min,
            summary=summary,
        )

    def single(ev: SessionEvent) -> Unit:
        return unit(
            [ev.appointment_id],
            [w.session_event(ev)],
            ev,
            uid=ev.uid,
            sequence=ev.sequence,
            cancelled=ev.cancelled,
            start_local=ev.start_local,
            summary=ev.text.summary,
        )

    if shape is Shape.SESSIONS:
        ordered = sorted([*world.selected, *world.departed], key=lambda a: (a.start_utc, a.id))
        for a in ordered:
            gone = a.id in departed_ids
            ev = b.event(a, cancelled=True if gone else None)
            if cancel_file and not ev.cancelled:
                continue
            yield single(ev)
        return

    phases = sorted({(a.plan_id, a.phase) for a in [*world.selected, *world.departed]})
    pending: list[tuple[datetime, int, Unit]] = []
    for plan_id, phase in phases:
        plan = world.plans[plan_id]
        members = [a for a in world.siblings[plan_id] if a.phase == phase]
        rows = {a.id: a for a in members}
        events = tuple(b.event(a, in_scope=in_scope(scope, a)) for a in members)
        rule = cadence(plan, phase)
        planned = rule.planned if rule else len(members)
        group = PhaseGroup(
            plan_id=plan_id,
            phase=phase,
            uid_seed=min(world.siblings[plan_id], key=lambda a: a.id).uid,
            tz=plan.tz,
            cadence=rule,
            sessions=events,
            sequence=sum(a.revision for a in members) + max(0, len(members) - planned),
        )
        made = plan_series(group)
        for series in made.series:
            first = series.members[0]
            if cancel_file and not series.cancelled:
                evs = w.cancelled_instances(series, group.tz, group.sequence)
                if not evs:
                    continue
                dropped = next(m for m in series.members if m.cancelled)
                u = unit(
                    [m.appointment_id for m in series.members],
                    evs,
                    first,
                    uid=series.uid,
                    sequence=group.sequence,
                    cancelled=True,
                    start_local=dropped.start_local,
                    summary=dropped.text.summary,
                )
            else:
                text = b.series_text(series, rows)
                u = unit(
                    [m.appointment_id for m in series.members],
                    w.series_events(series, group.tz, text, group.sequence),
                    first,
                    uid=series.uid,
                    sequence=group.sequence,
                    cancelled=series.cancelled,
                    start_local=series.dtstart,
                    summary=text.summary,
                )
            u.duration_min = series.duration_min
            pending.append((series.dtstart, plan_id, u))
        for ev in made.standalone:
            if ev.appointment_id in departed_ids:
                ev = b.event(rows[ev.appointment_id], cancelled=True)
            elif not ev.in_scope or (scope.ranged and ev.appointment_id not in selected_ids):
                # Another practitioner's or location's session; or, in a date range, one
                # outside it that no series of this file needs.
                continue
            if cancel_file and not ev.cancelled:
                continue
            pending.append((ev.start_local, plan_id, single(ev)))
    pending.sort(key=lambda p: (p[0], p[1]))
    for _when, _plan, u in pending:
        yield u
