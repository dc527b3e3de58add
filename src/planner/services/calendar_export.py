"""Exporting sessions as an iCalendar file: scopes, profiles, shapes, and what changed.

:func:`export_calendar` is the one entry point, for the command line and the window alike:
it reads what a scope holds, renders it with the profile's text in the chosen shape, writes
the file atomically, and remembers what it exported so the next export can carry only the
changes.

Scopes (:class:`Scope`): one plan (all its sessions); one patient (their future sessions);
one practitioner, one location, or everything, over a range of local dates.

Updates that update (RFC 5545 sections 3.8.4.7 UID and 3.8.7.4 SEQUENCE): a session's UID
never changes and its SEQUENCE is its revision, which the booking service raises on every
move, cancellation, attendance or no-show. A series' SEQUENCE is the sum of its sessions'
revisions plus the sessions added to the phase since booking, so it rises whenever any of
them changes. A cancelled session is ``STATUS:CANCELLED`` (sessions shape) or an EXDATE
(series shape); a session moved to another practitioner or location is sent as cancelled to
the scope that exported it before. A plan cancelled as a whole is exported as a
``METHOD:CANCEL`` file holding only its cancelled sessions.

Shapes (see :mod:`planner.ics.series`): in the series shape a phase is always written whole,
also the part of it before now or outside the date range, because a recurring event's UID,
DTSTART and RECURRENCE-IDs must not change from one export to the next. For a plan both
shapes therefore hold exactly the same sessions; for a date range the series shape may hold
more (the rest of the phases that reach into it). Sessions of a phase now belonging to
another practitioner or location are EXDATEs of this scope's series.

What was exported is remembered per scope, profile and shape (``calendar_exports``): for
every session, its revision and a digest of its event(s) without DTSTAMP. With
``changes_since_last`` only events whose digest differs are written, so a renumbered session
("3 of 9" becoming "2 of 8") is sent again too. The date range is not part of the scope's
key: a desk exporting "the next month" every week gets the changes within each new month.
"""

from __future__ import annotations

import contextlib
import io
import uuid
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from planner.core.domain import PlanStatus
from planner.core.i18n import Words, words
from planner.core.patient_input import parse_language
from planner.core.timeutil import utcnow
from planner.db.models import Appointment, Plan
from planner.db.store import Store
from planner.errors import NotFound
from planner.ics import fast, render
from planner.ics.atomic import AtomicFile
from planner.ics.content import initials
from planner.ics.model import (
    DEFAULT_PATIENT_ALARMS,
    CalendarMeta,
    Organizer,
    PatientLabel,
    Profile,
    Shape,
    parse_profile,
    parse_shape,
)
from planner.services.booking.appointments import number_sessions
from planner.services.booking.naming import modality_label
from planner.services.export_events import EventBuilder, Unit, units
from planner.services.export_scope import (
    ExportRows,
    PatientLike,
    Scope,
    ScopeKind,
    check_exists,
    date_range,
    load_rows,
)
from planner.services.export_stream import Chunk, chunks, dimensions, survey

_NAMESPACE = uuid.UUID("a3c8e1f4-2b7d-4f0e-9a61-7d2b5c9e0f33")


@dataclass
class ExportResult:
    """What an export wrote."""

    scope_key: str
    profile: Profile
    shape: Shape
    path: Path | None
    data: bytes | None
    """The file's bytes when no path was given (the window attaches them to an e-mail)."""
    events: int
    """VEVENTs written (a series with two overrides counts three)."""
    sessions: int
    """Sessions the written events stand for."""
    unchanged: int = 0
    """Sessions left out because they are as last exported (``changes_since_last``)."""
    method: str | None = None
    first: date | None = None
    last: date | None = None
    warnings: list[str] = field(default_factory=list)
    recipient: str | None = None
    """Who a delivery was for, as people name them (None: a plain export)."""

    @property
    def nothing_changed(self) -> bool:
        return self.events == 0

    def to_json(self) -> dict[str, Any]:
        return {
            "scope": self.scope_key,
            "profile": self.profile.value,
            "shape": self.shape.value,
            "file": str(self.path) if self.path else None,
            "events": self.events,
            "sessions": self.sessions,
            "unchanged": self.unchanged,
            "method": self.method,
            "from": self.first.isoformat() if self.first else None,
            "to": self.last.isoformat() if self.last else None,
            "health_data": self.profile.health_data,
            "warnings": self.warnings,
            "recipient": self.recipient,
        }


# -- the export -----------------------------------------------------------------------------


def _calendar_name(
    scope: Scope, profile: Profile, world: ExportRows | Chunk, builder: EventBuilder
) -> str:
    """The calendar's name (X-WR-CALNAME), in the language of its events."""
    clinic = world.settings.get("clinic_name")
    patient: PatientLike | None = None
    if scope.kind is ScopeKind.PATIENT and scope.id is not None:
        patient = world.patients.get(scope.id)
    elif scope.kind is ScopeKind.PLAN and scope.id is not None and scope.id in world.plans:
        patient = world.patients.get(world.plans[scope.id].patient_id)
    w = words(builder.language_for(patient.language if patient is not None else ""))
    sessions = w.gettext("Sessions")
    if scope.kind in (ScopeKind.PLAN, ScopeKind.PATIENT) and profile is Profile.PATIENT:
        loc = world.locations[world.selected[0].location_id].name if world.selected else ""
        return w.gettext("{clinic} appointments").format(
            clinic=clinic or loc or w.gettext("clinic")
        )
    if scope.kind is ScopeKind.PRACTITIONER:
        if scope.id in world.practitioners:
            return w.gettext("{name} - sessions").format(name=world.practitioners[scope.id].name)
        return sessions
    if scope.kind is ScopeKind.LOCATION:
        if scope.id in world.locations:
            return w.gettext("{name} - sessions").format(name=world.locations[scope.id].name)
        return sessions
    # Named, never numbered; the practitioner profile shows a patient by initials only.
    if scope.kind is ScopeKind.PLAN and scope.id is not None and scope.id in world.plans:
        plan = world.plans[scope.id]
        # the modality, not the template: a template's name can say the diagnosis
        what = w.gettext(modality_label(plan.modality))
        return f"{what} - {_who(patient, profile, w)}"
    if scope.kind is ScopeKind.PATIENT and patient is not None:
        return w.gettext("{name} - sessions").format(name=_who(patient, profile, w))
    if scope.kind in (ScopeKind.PLAN, ScopeKind.PATIENT):
        return sessions
    return w.gettext("{clinic} - all sessions").format(clinic=clinic or w.gettext("Clinic"))


def _who(patient: PatientLike | None, profile: Profile, w: Words) -> str:
    if patient is None:
        return w.gettext("sessions")
    return initials(patient.name) if profile is Profile.PRACTITIONER else patient.name


def _organizer(world: ExportRows, plan: Plan, warnings: list[str]) -> Organizer | None:
    """Who cancels (RFC 5546 section 3.2.5 wants an ORGANIZER on a CANCEL)."""
    email = world.settings.get("clinic_email") or world.practitioners[plan.practitioner_id].email
    name = world.settings.get("clinic_name") or world.locations[plan.location_id].name
    if email:
        return Organizer(name, email)
    warnings.append(
        "no e-mail address for the clinic or the practitioner, so the cancellation has no "
        "ORGANIZER; some mail programs then ignore it (set clinic_email)"
    )
    return None


def _years(rows: Iterable[Appointment]) -> tuple[int, int]:
    years = set()
    for a in rows:
        years.add(a.start_local.year)
        years.add(a.original_start_local.year)
        years.add((a.start_local + timedelta(minutes=a.duration_min)).year)
    return min(years), max(years)


@dataclass
class Prepared:
    """What rendering a scope needs, read in one session: rows, event builder, calendar."""

    world: ExportRows
    builder: EventBuilder
    meta: CalendarMeta
    plan: Plan | None
    warnings: list[str]


def prepare(
    s: Session,
    scope: Scope,
    profile: Profile,
    *,
    now: datetime,
    alarms: Sequence[timedelta] | None,
    patient_label: PatientLabel,
    sent: Collection[int] = (),
    key: str,
    language: str | None = None,
) -> Prepared:
    """Read a scope and set up its calendar (``sent``: see :func:`load_rows`)."""
    world = load_rows(s, scope, now, sent)
    plan = world.plans.get(scope.id) if scope.kind is ScopeKind.PLAN and scope.id else None
    every = [a for g in world.siblings.values() for a in g]
    numbering = number_sessions(every)
    warnings: list[str] = []
    builder = EventBuilder(world, scope, profile, patient_label, numbering, warnings, language)
    method = "CANCEL" if plan is not None and plan.status == PlanStatus.CANCELLED.value else None
    organizer = _organizer(world, plan, warnings) if plan is not None and method else None
    attendee = None
    if plan is not None and method and profile is Profile.PATIENT:
        # RFC 5546 section 3.2.5: a CANCEL names the attendees it cancels for
        who = world.patients.get(plan.patient_id)
        attendee = Organizer(who.name, who.email) if who is not None and who.email else None
    meta = CalendarMeta(
        name=_calendar_name(scope, profile, world, builder),
        uid=f"{uuid.uuid5(_NAMESPACE, key)}@planner",
        stamp_utc=now.replace(microsecond=0),
        method=method,
        organizer=organizer,
        attendee=attendee,
        classification=None if profile is Profile.PATIENT else "CONFIDENTIAL",
        alarms=tuple(alarms)
        if alarms is not None
        else (DEFAULT_PATIENT_ALARMS if profile is Profile.PATIENT else ()),
        tzids=tuple(sorted({a.tz for a in every})),
        years=_years(every) if every else (now.year, now.year),
    )
    if profile.health_data:
        warnings.insert(
            0,
            "this file holds health data (names, diagnoses, screening flags, notes); "
            "keep it inside the clinic",
        )
    return Prepared(world, builder, meta, plan, warnings)


def export_calendar(
    store: Store,
    scope: Scope,
    *,
    profile: Profile | str | None = None,
    shape: Shape | str = Shape.SESSIONS,
    out: Path | None = None,
    alarms: Sequence[timedelta] | None = None,
    patient_label: PatientLabel = PatientLabel.INITIALS,
    now: datetime | None = None,
    language: str | None = None,
) -> ExportResult:
    """Export a scope as an .ics file (``out``) or as bytes (``out=None``).

    ``language`` (``en`` or ``nb``) writes every event's text in that language; by default a
    patient's own language for the patient profile and the clinic's for the others.

    A plain export: it is not a delivery, so it moves no recipient's "changes since last"
    (that is :func:`planner.services.delivery.deliver_file`). ``profile`` defaults to the
    scope's (:attr:`Scope.default_profile`); ``alarms`` to 24 and 2 hours before for the
    patient profile and none otherwise. ``now`` (naive UTC) is the DTSTAMP of every event and
    the start of a patient's "future".

    A practitioner, location or whole-clinic export streams (:func:`_streamed`): its rows are
    read plan by plan and its events written to the file as they are made, so memory stays
    bounded whatever the range, and its events come plan chunk by plan chunk rather than in
    time order (calendar files have no order). A plan or a patient is small and read at once
    (:func:`prepare`), its events in time order.
    """
    now = now or utcnow()
    profile = parse_profile(profile) if isinstance(profile, str) else profile
    profile = profile or scope.default_profile
    shape = parse_shape(shape) if isinstance(shape, str) else shape
    language = parse_language(language) if language else None
    key = scope.key(profile, shape)
    with store.read() as s:
        parts: Iterator[Unit]
        first: date | None
        last: date | None
        if scope.ranged:
            meta, warnings, first, last, parts = _streamed(
                s,
                scope,
                profile,
                shape,
                now=now,
                alarms=alarms,
                label=patient_label,
                key=key,
                language=language,
            )
        else:
            p = prepare(
                s,
                scope,
                profile,
                now=now,
                alarms=alarms,
                patient_label=patient_label,
                key=key,
                language=language,
            )
            meta, warnings, first, last = p.meta, p.warnings, p.world.first, p.world.last
            if not p.world.selected:
                what = "future sessions" if scope.kind is ScopeKind.PATIENT else "sessions"
                raise NotFound(f"nothing to export: {scope.describe()} has no {what}")
            parts = units(p.world, scope, p.builder, shape, p.meta)
        result = ExportResult(
            key,
            profile,
            shape,
            out,
            None,
            0,
            0,
            method=meta.method,
            first=first,
            last=last,
            warnings=warnings,
        )
        target: AtomicFile | contextlib.nullcontext[io.BytesIO] = (
            AtomicFile(out) if out is not None else contextlib.nullcontext(io.BytesIO())
        )
        with target as sink:
            sink.write(render.header(meta))
            for u in parts:
                sink.write(u.data)
                result.events += u.events
                result.sessions += len(u.ids)
            if result.events == 0:
                raise NotFound(f"nothing to export for {scope.describe()}")
            sink.write(render.footer())
            if isinstance(sink, AtomicFile):
                sink.commit()
            else:
                result.data = sink.getvalue()
    return result


def _streamed(
    s: Session,
    scope: Scope,
    profile: Profile,
    shape: Shape,
    *,
    now: datetime,
    alarms: Sequence[timedelta] | None,
    label: PatientLabel,
    key: str,
    language: str | None = None,
) -> tuple[CalendarMeta, list[str], date, date, Iterator[Unit]]:
    """A practitioner, location or whole-clinic export, read and written plan by plan
    (:mod:`planner.services.export_stream`): its calendar, warnings, dates, and its units.

    Memory stays bounded by a chunk of plans whatever the range. The units come plan chunk by
    plan chunk (in time order within a chunk), not in time order over the whole file: a
    calendar's events have no order (RFC 5545 section 3.6), and every program sorts them.
    """
    first, last = date_range(scope, now)
    assert first is not None and last is not None
    check_exists(s, scope)
    found = survey(s, scope, first, last)
    if not found.selected:
        raise NotFound(
            f"nothing to export: {scope.describe()} has no sessions from {first} to {last}"
        )
    dims = dimensions(s)
    warnings: list[str] = []
    if profile.health_data:
        warnings.append(
            "this file holds health data (names, diagnoses, screening flags, notes); "
            "keep it inside the clinic"
        )
    empty = Chunk.empty(dims, first, last)
    meta = CalendarMeta(
        name=_calendar_name(
            scope, profile, empty, EventBuilder(empty, scope, profile, label, {}, [], language)
        ),
        uid=f"{uuid.uuid5(_NAMESPACE, key)}@planner",
        stamp_utc=now.replace(microsecond=0),
        classification=None if profile is Profile.PATIENT else "CONFIDENTIAL",
        alarms=tuple(alarms)
        if alarms is not None
        else (DEFAULT_PATIENT_ALARMS if profile is Profile.PATIENT else ()),
        tzids=found.tzids,
        years=found.years or (now.year, now.year),
    )
    writer = fast.Writer(meta)

    def parts() -> Iterator[Unit]:
        for chunk in chunks(s, scope, first, last, dims):
            every = [a for group in chunk.siblings.values() for a in group]
            b = EventBuilder(
                chunk, scope, profile, label, number_sessions(every), warnings, language
            )
            yield from units(chunk, scope, b, shape, meta, writer)

    return meta, warnings, first, last, parts()
