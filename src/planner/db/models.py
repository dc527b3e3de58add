"""The schema. Portable SQLAlchemy 2 types only: it runs on SQLite and PostgreSQL alike.

Every session of a plan is its own :class:`Appointment` row with its own status, notes and
pain scores, keyed stably by the plan and its original wall-clock start (as an iCalendar
RECURRENCE-ID would be) and by a ``uid`` that never changes. Instants are stored as naive UTC;
wall-clock starts are stored as naive local times beside their IANA zone.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Location(Base):
    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Raised once per change (0007), so an edit from a stale view can be refused."""
    name: Mapped[str] = mapped_column(String(200), unique=True)
    address: Mapped[str] = mapped_column(String(400), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    tz: Mapped[str] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(8))
    subdivision: Mapped[str | None] = mapped_column(String(16))
    opening_hours: Mapped[dict[str, Any]] = mapped_column(JSON)

    rooms: Mapped[list[Room]] = relationship(back_populates="location", order_by="Room.id")


class Room(Base):
    __tablename__ = "rooms"
    __table_args__ = (UniqueConstraint("location_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Raised once per change (0007), so an edit from a stale view can be refused."""
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))

    location: Mapped[Location] = relationship(back_populates="rooms")


class Practitioner(Base):
    __tablename__ = "practitioners"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Raised once per change (0007), so an edit from a stale view can be refused."""
    name: Mapped[str] = mapped_column(String(200))
    profession: Mapped[str] = mapped_column(String(40))
    may_needle: Mapped[bool] = mapped_column(Boolean, default=False)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    caldav_url: Mapped[str] = mapped_column(String(400), default="", server_default="")
    """The practitioner's own calendar on a CalDAV server (0008); empty: not published."""
    caldav_user: Mapped[str] = mapped_column(String(200), default="", server_default="")
    """The CalDAV user name; the password is never stored (keyring or environment)."""

    workplaces: Mapped[list[PractitionerLocation]] = relationship(
        back_populates="practitioner", cascade="all, delete-orphan"
    )


class PractitionerLocation(Base):
    """Where a practitioner works, and their weekly hours there."""

    __tablename__ = "practitioner_locations"

    practitioner_id: Mapped[int] = mapped_column(
        ForeignKey("practitioners.id", ondelete="CASCADE"), primary_key=True
    )
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), primary_key=True
    )
    hours: Mapped[dict[str, Any]] = mapped_column(JSON)
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    practitioner: Mapped[Practitioner] = relationship(back_populates="workplaces")
    location: Mapped[Location] = relationship()


class Patient(Base):
    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Raised once per change (0007), so an edit from a stale view can be refused."""
    name: Mapped[str] = mapped_column(String(200), index=True)
    date_of_birth: Mapped[date | None] = mapped_column(Date, index=True)
    phone: Mapped[str] = mapped_column(String(50), default="", index=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    chart_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    email_consent: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    """The patient agreed to calendar invitations by e-mail (0008); never assumed."""
    """The language of the patient's documents: ``en`` or ``nb`` (added in 0005)."""

    flags: Mapped[list[PatientFlag]] = relationship(
        back_populates="patient", cascade="all, delete-orphan", order_by="PatientFlag.id"
    )


class PatientFlag(Base):
    """A screening flag (bleeding disorder, metal allergy, seizures, ...)."""

    __tablename__ = "patient_flags"
    __table_args__ = (UniqueConstraint("patient_id", "flag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    flag: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    regions: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    """Region codes the flag is about (lymphoedema of the left arm: ``shoulder-left``,
    ``elbow-left``, ``wrist-hand-left``); None for a flag about the whole body. Added in 0004."""

    patient: Mapped[Patient] = relationship(back_populates="flags")


class PlanTemplate(Base):
    """A named, editable plan shape (phases as JSON, see ``planner.core.domain.Phase``)."""

    __tablename__ = "plan_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    modality: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text, default="")
    regions: Mapped[list[Any]] = mapped_column(JSON)
    phases: Mapped[list[Any]] = mapped_column(JSON)


class Plan(Base):
    """A treatment plan: the main object. It keeps the rule that made its sessions."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Raised once per change (0007), so an edit from a stale view can be refused."""
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"), index=True)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioners.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"))
    modality: Mapped[str] = mapped_column(String(40))
    template_name: Mapped[str | None] = mapped_column(String(200))
    start_local: Mapped[datetime] = mapped_column(DateTime)
    tz: Mapped[str] = mapped_column(String(64))
    rule: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="active")
    acknowledged_flags: Mapped[list[Any]] = mapped_column(JSON, default=list)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    notes: Mapped[str] = mapped_column(Text, default="")

    patient: Mapped[Patient] = relationship()
    practitioner: Mapped[Practitioner] = relationship()
    location: Mapped[Location] = relationship()
    room: Mapped[Room | None] = relationship()
    regions: Mapped[list[PlanRegion]] = relationship(
        cascade="all, delete-orphan", order_by="PlanRegion.position"
    )
    appointments: Mapped[list[Appointment]] = relationship(
        back_populates="plan", order_by="Appointment.start_utc"
    )


class PlanRegion(Base):
    __tablename__ = "plan_regions"

    plan_id: Mapped[int] = mapped_column(
        ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True
    )
    region: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Appointment(Base):
    """One session. Its own status, notes and scores; its ``uid`` never changes.

    ``(plan_id, phase, original_start_local)`` is its stable key within the plan: where the
    plan's rule put it, as an iCalendar RECURRENCE-ID of the phase's series would say.
    """

    __tablename__ = "appointments"
    __table_args__ = (
        UniqueConstraint("plan_id", "phase", "original_start_local"),
        # The overlap check looks up one resource's bookings in a bounded start range.
        # With the length and status in it, the waitlist reads a practitioner's busy time from
        # the index alone (0009).
        Index(
            "ix_appointments_practitioner_start",
            "practitioner_id",
            "start_utc",
            "duration_min",
            "status",
        ),
        Index("ix_appointments_room_start", "room_id", "start_utc"),
        Index("ix_appointments_patient_start", "patient_id", "start_utc"),
        Index("ix_appointments_location_start", "location_id", "start_utc"),
        Index("ix_appointments_start", "start_utc"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(80), unique=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id"))
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioners.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"))
    kind: Mapped[str] = mapped_column(String(20))
    phase: Mapped[int] = mapped_column(Integer, default=0)
    start_local: Mapped[datetime] = mapped_column(DateTime)
    tz: Mapped[str] = mapped_column(String(64))
    start_utc: Mapped[datetime] = mapped_column(DateTime)
    end_utc: Mapped[datetime] = mapped_column(DateTime)
    duration_min: Mapped[int] = mapped_column(Integer)
    original_start_local: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20), default="booked")
    revision: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    """Why the desk cancelled it ("patient ill"); '' when not cancelled or none was given."""
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    plan: Mapped[Plan] = relationship(back_populates="appointments")
    regions: Mapped[list[AppointmentRegion]] = relationship(
        cascade="all, delete-orphan", order_by="AppointmentRegion.position"
    )


class AppointmentRegion(Base):
    """A region treated in a session, with its pain score (0-10) when one was taken."""

    __tablename__ = "appointment_regions"

    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointments.id", ondelete="CASCADE"), primary_key=True
    )
    region: Mapped[str] = mapped_column(String(40), primary_key=True)
    pain: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Closure(Base):
    """Whole days (inclusive) on which a location is closed."""

    __tablename__ = "closures"
    __table_args__ = (Index("ix_closures_location_days", "location_id", "first_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Raised once per change (0007), so an edit from a stale view can be refused."""
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


# -- calendars (.ics): settings, imported blocked time and closures, export bookkeeping ----------


class ClinicSetting(Base):
    """A clinic-wide setting as a key and a text value (``clinic_name``, ``clinic_phone``, ...).

    Read by the .ics export for what a patient's calendar shows: the clinic's name in each
    summary and whom to call. Unset keys fall back to the location's own name and phone.
    """

    __tablename__ = "clinic_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class CalendarImport(Base):
    """One import of an .ics file into a practitioner's blocked time or a location's closures.

    A later import from the same ``source`` for the same practitioner or location replaces
    this one (its blocked times and closures are deleted in the same transaction).
    """

    __tablename__ = "calendar_imports"
    __table_args__ = (Index("ix_calendar_imports_source", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    practitioner_id: Mapped[int | None] = mapped_column(
        ForeignKey("practitioners.id", ondelete="CASCADE")
    )
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(200))
    file_name: Mapped[str] = mapped_column(String(400), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    tz: Mapped[str] = mapped_column(String(64))
    """The zone all-day and floating events were read in."""
    window_start_utc: Mapped[datetime] = mapped_column(DateTime)
    window_end_utc: Mapped[datetime] = mapped_column(DateTime)
    events: Mapped[int] = mapped_column(Integer, default=0)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(DateTime)


BLOCKED_TIME_MAX_MINUTES = 24 * 60
"""The longest single ``blocked_times`` row; longer busy time is split into pieces."""


class BlockedTime(Base):
    """Time a practitioner is busy elsewhere (from their own calendar); no session may overlap.

    No row is longer than :data:`BLOCKED_TIME_MAX_MINUTES`: longer busy spans are stored as
    consecutive pieces, so the overlap check can bound its index scan from below like it does
    for sessions.
    """

    __tablename__ = "blocked_times"
    __table_args__ = (Index("ix_blocked_times_practitioner_start", "practitioner_id", "start_utc"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioners.id", ondelete="CASCADE"))
    import_id: Mapped[int] = mapped_column(
        ForeignKey("calendar_imports.id", ondelete="CASCADE"), index=True
    )
    start_utc: Mapped[datetime] = mapped_column(DateTime)
    end_utc: Mapped[datetime] = mapped_column(DateTime)
    summary: Mapped[str] = mapped_column(String(200), default="")
    source_uid: Mapped[str] = mapped_column(String(255), default="")
    recurrence_id: Mapped[str] = mapped_column(String(40), default="")
    """The occurrence of ``source_uid`` this piece comes from (its original start, UTC/date)."""


class ImportedClosure(Base):
    """Marks a row of ``closures`` as coming from a calendar import (and which event)."""

    __tablename__ = "imported_closures"

    closure_id: Mapped[int] = mapped_column(
        ForeignKey("closures.id", ondelete="CASCADE"), primary_key=True
    )
    import_id: Mapped[int] = mapped_column(
        ForeignKey("calendar_imports.id", ondelete="CASCADE"), index=True
    )
    source_uid: Mapped[str] = mapped_column(String(255), default="")
    recurrence_id: Mapped[str] = mapped_column(String(40), default="")


# -- outcomes: whole-body scores per session (pain per region is in appointment_regions) ---------


class AppointmentScore(Base):
    """A whole-body score (fatigue, sleep quality, function; 0-10) taken at a session.

    ``measure`` is a :class:`planner.core.outcomes.Measure` value. The scores taken at the
    plan's assessment are its baseline. Only an attended session's scores count.
    """

    __tablename__ = "appointment_scores"

    appointment_id: Mapped[int] = mapped_column(
        ForeignKey("appointments.id", ondelete="CASCADE"), primary_key=True
    )
    measure: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


# -- several desks: the change log (0007) ------------------------------------------------------


class Change(Base):
    """One changed row of one user action: who, where, when, and the values before and after.

    Append-only: written by :mod:`planner.db.audit` in the transaction of the change, never
    updated or deleted (a trigger refuses both). ``entity_id`` is not a foreign key, so the
    history of a row outlives the row (a plan booked by mistake and removed).
    """

    __tablename__ = "changes"
    __table_args__ = (
        Index("ix_changes_entity", "entity", "entity_id", "id"),
        Index("ix_changes_plan", "plan_id", "id"),
        Index("ix_changes_patient", "patient_id", "id"),
        Index("ix_changes_at", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    desk: Mapped[str] = mapped_column(String(100))
    os_user: Mapped[str] = mapped_column(String(100))
    program: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(20))
    """session, plan, patient, practitioner, workplace, location, room, closure, ..."""
    entity_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    """created, changed or deleted."""
    revision: Mapped[int | None] = mapped_column(Integer)
    """The row's revision after this change (None for rows that keep none)."""
    plan_id: Mapped[int | None] = mapped_column(Integer)
    patient_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


# -- calendars that reach people (0008) ---------------------------------------------------------


class Recipient(Base):
    """A calendar planner keeps in step: a patient's, a practitioner's, a practitioner's
    CalDAV calendar, or a named file. ``key`` is ``patient:ID``, ``practitioner:ID``,
    ``caldav:ID`` or ``file:NAME``; shape and profile are fixed by the first delivery."""

    __tablename__ = "recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(240), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    practitioner_id: Mapped[int | None] = mapped_column(
        ForeignKey("practitioners.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    shape: Mapped[str] = mapped_column(String(20))
    profile: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_delivered_at: Mapped[datetime | None] = mapped_column(DateTime)


class RecipientItem(Base):
    """One UID as a recipient last got it (see migration 0008)."""

    __tablename__ = "recipient_items"

    recipient_id: Mapped[int] = mapped_column(
        ForeignKey("recipients.id", ondelete="CASCADE"), primary_key=True
    )
    uid: Mapped[str] = mapped_column(String(120), primary_key=True)
    plan_id: Mapped[int] = mapped_column(Integer)
    appointment_ids: Mapped[list[Any]] = mapped_column(JSON)
    sequence: Mapped[int] = mapped_column(Integer)
    digest: Mapped[str] = mapped_column(String(64))
    live: Mapped[bool] = mapped_column(Boolean)
    """False once its cancellation was sent."""
    start_local: Mapped[datetime] = mapped_column(DateTime)
    tz: Mapped[str] = mapped_column(String(64))
    duration_min: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(String(400), default="", server_default="")
    href: Mapped[str] = mapped_column(String(400), default="", server_default="")
    """CalDAV: the resource's URL."""
    etag: Mapped[str] = mapped_column(String(200), default="", server_default="")
    """CalDAV: the ETag the server gave the resource planner last wrote."""
    sent_at: Mapped[datetime] = mapped_column(DateTime)


class OutboxItem(Base):
    """A delivery on its way (see :mod:`planner.services.outbox`).

    ``status``: ``waiting`` (a change noted; built when ``due_at`` comes, after the grace
    period), ``queued`` (a message built, sent at ``due_at``; retried with back-off),
    ``sent``, ``failed`` (refused for good; ``last_error`` says why; can be resent), or
    ``nothing`` (the change left nothing to send, e.g. it was undone in time).
    ``kind``: ``email`` (to a patient) or ``caldav`` (a practitioner's calendar).
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    recipient_id: Mapped[int | None] = mapped_column(
        ForeignKey("recipients.id", ondelete="SET NULL")
    )
    patient_id: Mapped[int | None] = mapped_column(ForeignKey("patients.id", ondelete="CASCADE"))
    practitioner_id: Mapped[int | None] = mapped_column(
        ForeignKey("practitioners.id", ondelete="CASCADE")
    )
    due_at: Mapped[datetime] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    to_address: Mapped[str] = mapped_column(String(400), default="", server_default="")
    subject: Mapped[str] = mapped_column(String(400), default="", server_default="")
    method: Mapped[str] = mapped_column(String(20), default="", server_default="")
    sessions: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    message_id: Mapped[str] = mapped_column(String(200), default="", server_default="")
    payload: Mapped[bytes | None] = mapped_column(LargeBinary)
    """The whole message (RFC 5322 bytes) once built."""
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime)
    """A desk sending it holds it until then, so two desks never send one message."""
    claimed_by: Mapped[str] = mapped_column(String(100), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)


# -- the waitlist (0009) ------------------------------------------------------------------------


class WaitlistEntry(Base):
    """A patient waiting for a whole series: what they need, where, with whom, and when they
    can come (see :mod:`planner.services.waitlist`).

    The cadence is a template (``template_name``) or the entry's own ``phases``. Practitioners
    are listed in ``practitioner_ids``; an empty list means anyone at the location who may
    give the modality. The patient's times are ``hours`` (weekly hours as
    ``WeeklyHours.to_json`` writes them; None: any time). An entry is ``open`` until it is
    booked, removed or expires; the reason it closed is kept in ``closed_reason``.
    """

    __tablename__ = "waitlist_entries"
    __table_args__ = (Index("ix_waitlist_entries_status", "status", "urgent", "added_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    patient_id: Mapped[int] = mapped_column(
        ForeignKey("patients.id", ondelete="CASCADE"), index=True
    )
    template_name: Mapped[str | None] = mapped_column(String(200))
    phases: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    modality: Mapped[str] = mapped_column(String(40))
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("locations.id", ondelete="SET NULL"), nullable=True
    )
    room_id: Mapped[int | None] = mapped_column(
        ForeignKey("rooms.id", ondelete="SET NULL"), nullable=True
    )
    practitioner_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    hours: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    earliest: Mapped[date] = mapped_column(Date)
    """The first session on this day or later."""
    latest: Mapped[date] = mapped_column(Date)
    """The first session on this day or earlier."""
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    expires_on: Mapped[date] = mapped_column(Date)
    """The last day the entry is open."""
    added_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20), default="open")
    """``open``, ``booked``, ``removed`` or ``expired``."""
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed_reason: Mapped[str] = mapped_column(Text, default="")
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plans.id", ondelete="SET NULL"), nullable=True
    )
    """The plan that closed the entry (from the waitlist or booked another way)."""

    patient: Mapped[Patient] = relationship()
