"""The clinic's own set-up as one read and one write per desk action.

:func:`setup_overview` is everything the window's set-up dialog (and ``planner clinic show``)
shows: the clinic's details, its locations with their rooms, the practitioners with where and
when they work, and the closures with how many booked sessions each one hits. It returns plain
frozen values, never database rows.

The edits change one location, room, practitioner or closure in one transaction. Each checks
everything first and refuses with one line that says what to fix: hours outside the opening
hours, a zone or holiday calendar that does not exist, a duplicate name, needling for a
profession that cannot be licensed to, a practitioner without a workplace, a closure on days
already closed. A refusal changes nothing. Adding is :mod:`planner.services.clinic`'s
``add_location``, ``add_room``, ``add_practitioner`` and ``add_closure``, with the same checks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from planner.core.calendars import WeeklyHours
from planner.core.domain import AppointmentStatus, Kind, Profession
from planner.core.timeutil import utcnow
from planner.db.audit import current
from planner.db.models import (
    Appointment,
    Closure,
    Location,
    Patient,
    Plan,
    Practitioner,
    PractitionerLocation,
    Room,
)
from planner.db.store import Store
from planner.errors import BadInput, ChangedElsewhere
from planner.services.caldav_address import check_caldav_url
from planner.services.clinic import (
    check_location_name,
    check_room_name,
    days_text,
    get,
    parse_workplaces,
    workplace_hours,
)
from planner.services.clinic_checks import (
    check_email,
    check_holidays,
    check_needling,
    check_phone,
    check_profession,
    check_zone,
    clean_text,
    hours_problem,
    parse_hours,
)
from planner.services.clinic_settings import ClinicDetails, details_from, read_settings

HoursJson = dict[str, list[list[str]]]
"""Weekly hours as :meth:`WeeklyHours.to_json` writes them: ``{"0": [["08:00", "18:00"]]}``
(weekday 0 is Monday; a weekday that is missing has no hours)."""


# -- the values ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoomInfo:
    id: int
    location_id: int
    name: str
    revision: int = 0
    """Raised by every change of the room: what ``expect_revision`` of an edit takes."""


@dataclass(frozen=True)
class LocationInfo:
    id: int
    name: str
    address: str
    phone: str
    tz: str
    country: str | None
    """ISO 3166 code of the public holidays kept (None: no holidays)."""
    subdivision: str | None
    hours: str
    """The opening hours as text: ``mon-fri 08:00-18:00; sat 09:00-13:00``."""
    hours_json: HoursJson
    rooms: tuple[RoomInfo, ...]
    revision: int = 0
    """Raised by every change of the location itself (its rooms have their own)."""


@dataclass(frozen=True)
class WorkplaceInfo:
    location_id: int
    location_name: str
    hours: str
    """The practitioner's weekly hours there as text; a weekday not named is a day off."""
    hours_json: HoursJson
    revision: int = 0


@dataclass(frozen=True)
class PractitionerInfo:
    id: int
    name: str
    profession: str
    """A :class:`~planner.core.domain.Profession` value (``physiotherapist``)."""
    may_needle: bool
    email: str
    phone: str
    workplaces: tuple[WorkplaceInfo, ...]
    revision: int = 0
    """Raised by every change of the practitioner, their workplaces and hours included."""
    caldav_url: str = ""
    """The CalDAV calendar their sessions are published to ("" for none)."""
    caldav_user: str = ""


@dataclass(frozen=True)
class ClosureInfo:
    id: int
    location_id: int
    location_name: str
    first: date
    last: date
    reason: str
    hits: int
    """How many booked sessions fall on its days (see :func:`closure_hits`)."""
    revision: int = 0

    @property
    def days(self) -> str:
        """``Thu 24 Dec 2026 - Fri 1 Jan 2027``."""
        return days_text(self.first, self.last)


@dataclass(frozen=True)
class ProfessionInfo:
    value: str
    label: str
    needles_by_default: bool
    may_be_licensed_to_needle: bool


@dataclass(frozen=True)
class SetupOverview:
    """The whole set-up, each list in id order (closures by location, then first day)."""

    clinic: ClinicDetails
    locations: tuple[LocationInfo, ...]
    practitioners: tuple[PractitionerInfo, ...]
    closures: tuple[ClosureInfo, ...]
    professions: tuple[ProfessionInfo, ...]

    def to_json(self) -> dict[str, Any]:
        def plain(obj: Any) -> Any:
            if isinstance(obj, tuple):
                return [plain(x) for x in obj]
            if hasattr(obj, "__dataclass_fields__"):
                return {k: plain(getattr(obj, k)) for k in obj.__dataclass_fields__}
            return obj.isoformat() if isinstance(obj, date) else obj

        data: dict[str, Any] = plain(self)
        return data


@dataclass(frozen=True)
class ClosureHit:
    """A booked session on a closure's days, for the desk to open and move."""

    appointment_id: int
    plan_id: int
    start_local: datetime
    """Wall-clock start in the location's zone (naive)."""
    minutes: int
    kind: str
    """A :class:`~planner.core.domain.Kind` value; :attr:`kind_label` for people."""
    patient: str
    practitioner: str

    @property
    def kind_label(self) -> str:
        try:
            return Kind(self.kind).label
        except ValueError:
            return self.kind


# -- reading ------------------------------------------------------------------------------------


def professions() -> tuple[ProfessionInfo, ...]:
    """Every profession, and whether it needles by default or may be licensed to at all."""
    return tuple(
        ProfessionInfo(p.value, p.label, p.needles_by_default, p.may_be_licensed_to_needle)
        for p in Profession
    )


def _hours_info(data: Mapping[str, Any] | None) -> tuple[str, HoursJson]:
    hours = WeeklyHours.from_json(dict(data or {}))
    return str(hours), hours.to_json()


def _location_info(loc: Location) -> LocationInfo:
    text, js = _hours_info(loc.opening_hours)
    return LocationInfo(
        id=loc.id,
        name=loc.name,
        address=loc.address,
        phone=loc.phone,
        tz=loc.tz,
        country=loc.country,
        subdivision=loc.subdivision,
        hours=text,
        hours_json=js,
        rooms=tuple(RoomInfo(r.id, r.location_id, r.name, r.revision) for r in loc.rooms),
        revision=loc.revision,
    )


def _practitioner_info(p: Practitioner, names: Mapping[int, str]) -> PractitionerInfo:
    places = []
    for w in sorted(p.workplaces, key=lambda w: w.location_id):
        text, js = _hours_info(w.hours)
        places.append(
            WorkplaceInfo(w.location_id, names.get(w.location_id, ""), text, js, w.revision)
        )
    return PractitionerInfo(
        id=p.id,
        name=p.name,
        profession=p.profession,
        may_needle=p.may_needle,
        email=p.email,
        phone=p.phone,
        workplaces=tuple(places),
        revision=p.revision,
        caldav_url=p.caldav_url,
        caldav_user=p.caldav_user,
    )


def _location_names(s: Session) -> dict[int, str]:
    return {lid: name for lid, name in s.execute(select(Location.id, Location.name))}


def _closure_span(first: date, last: date) -> tuple[datetime, datetime]:
    """The local start range of a closure's days: midnight of ``first`` to after ``last``."""
    return (
        datetime.combine(first, datetime.min.time()),
        datetime.combine(last + timedelta(days=1), datetime.min.time()),
    )


def _hits_query(c: Closure) -> Any:
    lo, hi = _closure_span(c.first_day, c.last_day)
    return select(Appointment).where(
        Appointment.location_id == c.location_id,
        Appointment.status == AppointmentStatus.BOOKED.value,
        Appointment.start_local >= lo,
        Appointment.start_local < hi,
    )


def _hit_count(s: Session, c: Closure) -> int:
    return int(s.scalar(select(func.count()).select_from(_hits_query(c).subquery())) or 0)


def _closure_info(s: Session, c: Closure, names: Mapping[int, str]) -> ClosureInfo:
    return ClosureInfo(
        id=c.id,
        location_id=c.location_id,
        location_name=names.get(c.location_id, ""),
        first=c.first_day,
        last=c.last_day,
        reason=c.reason,
        hits=_hit_count(s, c),
        revision=c.revision,
    )


def setup_overview(store: Store) -> SetupOverview:
    """The clinic's details, locations with rooms, practitioners and closures (one read)."""
    with store.read() as s:
        locs = list(
            s.scalars(select(Location).order_by(Location.id).options(selectinload(Location.rooms)))
        )
        names = {loc.id: loc.name for loc in locs}
        pracs = s.scalars(
            select(Practitioner)
            .order_by(Practitioner.id)
            .options(selectinload(Practitioner.workplaces))
        )
        closures = s.scalars(
            select(Closure).order_by(Closure.location_id, Closure.first_day, Closure.id)
        )
        return SetupOverview(
            clinic=details_from(read_settings(s)),
            locations=tuple(_location_info(loc) for loc in locs),
            practitioners=tuple(_practitioner_info(p, names) for p in pracs),
            closures=tuple(_closure_info(s, c, names) for c in closures),
            professions=professions(),
        )


def closure_hits(store: Store, closure_id: int) -> tuple[ClosureHit, ...]:
    """The booked sessions on a closure's days, by start (NotFound for an unknown closure)."""
    with store.read() as s:
        c = get(s, Closure, closure_id, "closure")
        rows = s.execute(
            _hits_query(c)
            .with_only_columns(
                Appointment.id,
                Appointment.plan_id,
                Appointment.start_local,
                Appointment.duration_min,
                Appointment.kind,
                Patient.name,
                Practitioner.name,
            )
            .join(Patient, Patient.id == Appointment.patient_id)
            .join(Practitioner, Practitioner.id == Appointment.practitioner_id)
            .order_by(Appointment.start_utc, Appointment.id)
        ).all()
        return tuple(ClosureHit(*row) for row in rows)


# -- checks that need the database ------------------------------------------------------------


def _booked_from_now(s: Session, *conds: Any) -> tuple[int, datetime | None]:
    """How many booked sessions from now on match ``conds``, and the first one's local start."""
    now = utcnow()
    count, first = s.execute(
        select(func.count(Appointment.id), func.min(Appointment.start_local)).where(
            Appointment.status == AppointmentStatus.BOOKED.value,
            Appointment.end_utc > now,
            *conds,
        )
    ).one()
    return int(count or 0), first


def _when(local: datetime | None) -> str:
    return f" from {local:%a} {local.day} {local:%b %Y}" if local else ""


def _check_staff_fit(s: Session, loc: Location, opening: WeeklyHours) -> None:
    """BadInput when new opening hours of ``loc`` would leave someone's hours outside them."""
    rows = s.execute(
        select(Practitioner.name, PractitionerLocation.hours)
        .join(Practitioner, Practitioner.id == PractitionerLocation.practitioner_id)
        .where(PractitionerLocation.location_id == loc.id)
        .order_by(Practitioner.name)
    ).all()
    for name, hours in rows:
        problem = hours_problem(name, WeeklyHours.from_json(hours), loc.name, opening)
        if problem:
            raise BadInput(
                f"with these opening hours, {problem}; change {name}'s hours first "
                "or keep the location open then"
            )


# -- stale views --------------------------------------------------------------------------------


def require_revision(row: Any, expect: int | None, what: str, name: str) -> None:
    """ChangedElsewhere when ``expect`` is given and ``row`` (locked by ``get``) is at another
    revision: the desk's view of it is stale, so the edit is not made over the other one."""
    if expect is not None and row.revision != expect:
        raise ChangedElsewhere(
            f"this {what} was changed at another desk a moment ago: {name}; look again",
            details={"id": row.id, "revision": row.revision, "expected_revision": expect},
        )


# -- locations and rooms ------------------------------------------------------------------------


def edit_location(
    store: Store,
    location_id: int,
    *,
    name: str | None = None,
    address: str | None = None,
    phone: str | None = None,
    tz: str | None = None,
    country: str | None = None,
    subdivision: str | None = None,
    hours: str | Sequence[str] | None = None,
    expect_revision: int | None = None,
) -> LocationInfo:
    """Change a location; None leaves a value as it is, "" clears address, phone, country or
    subdivision. Returns the location as it is afterwards.

    ``expect_revision`` is the location's revision the desk saw (:attr:`LocationInfo.revision`):
    refused with ChangedElsewhere if another desk changed it since.

    Refused: a duplicate name, a zone that does not exist (or a new zone while sessions are
    booked there: their wall-clock times would change meaning), an unknown holiday country
    or subdivision, opening hours that would leave a practitioner's hours outside them.
    """
    clean_name = _name_or_none(name, "location")
    clean_tz = check_zone(tz) if tz is not None else None
    clean_address = clean_text(address, "address", 400) if address is not None else None
    opening = parse_hours(hours, "the opening hours") if hours is not None else None
    with store.write("edit location") as s:
        loc = get(s, Location, location_id, "location")
        require_revision(loc, expect_revision, "location", loc.name)
        label = clean_name or loc.name
        clean_phone = check_phone(phone, f"phone number of {label}") if phone is not None else None
        new_country = loc.country if country is None else country
        new_sub = loc.subdivision if subdivision is None else subdivision
        if (
            country is not None
            and subdivision is None
            and (country or "").upper() != (loc.country or "")
        ):
            new_sub = None  # a subdivision belongs to its country: a new country drops it
        new_country, new_sub = check_holidays(new_country, new_sub)
        if clean_name is not None:
            check_location_name(s, clean_name, loc.id)
        if clean_tz is not None and clean_tz != loc.tz:
            count, first = _booked_from_now(s, Appointment.location_id == loc.id)
            if count:
                raise BadInput(
                    f"{loc.name} has {count} booked session{'s' if count != 1 else ''}"
                    f"{_when(first)}; its time zone can change only when none are booked "
                    "(move or cancel them first)"
                )
        if opening is not None:
            _check_staff_fit(s, loc, opening)
            loc.opening_hours = opening.to_json()
        if clean_name is not None:
            loc.name = clean_name
        if clean_address is not None:
            loc.address = clean_address
        if clean_phone is not None:
            loc.phone = clean_phone
        if clean_tz is not None:
            loc.tz = clean_tz
        loc.country, loc.subdivision = new_country, new_sub
        s.flush()
        s.refresh(loc, ["rooms"])
        return _location_info(loc)


def _name_or_none(text: str | None, what: str) -> str | None:
    if text is None:
        return None
    name = " ".join(text.split())
    if not name:
        raise BadInput(f"the {what} needs a name")
    if len(name) > 200:
        raise BadInput(f"the {what} name is too long (at most 200 characters)")
    return name


def edit_room(
    store: Store, room_id: int, *, name: str, expect_revision: int | None = None
) -> RoomInfo:
    """Rename a room (refused when its location has another room of that name, or when it
    changed since ``expect_revision``, the revision the desk saw)."""
    clean = _name_or_none(name, "room")
    assert clean is not None
    if len(clean) > 100:
        raise BadInput("the room name is too long (at most 100 characters)")
    with store.write("edit room") as s:
        room = get(s, Room, room_id, "room")
        require_revision(room, expect_revision, "room", f"{room.name} at {room.location.name}")
        check_room_name(s, room.location, clean, room.id)
        room.name = clean
        s.flush()
        return RoomInfo(room.id, room.location_id, room.name, room.revision)


def remove_room(store: Store, room_id: int, *, expect_revision: int | None = None) -> RoomInfo:
    """Remove a room that no plan or session has used; what was removed.

    ``expect_revision``: refused if the room changed since the desk saw that revision.

    A room with booked sessions is refused (move them first); one that holds past sessions
    is kept for their history (rename it instead).
    """
    with store.write("remove room") as s:
        room = get(s, Room, room_id, "room")
        where = f"{room.name} at {room.location.name}"
        require_revision(room, expect_revision, "room", where)
        count, first = _booked_from_now(s, Appointment.room_id == room.id)
        if count:
            raise BadInput(
                f"{where} has {count} booked session{'s' if count != 1 else ''}{_when(first)}; "
                "move them to another room first"
            )
        used = s.scalar(select(func.count(Appointment.id)).where(Appointment.room_id == room.id))
        planned = s.scalar(select(func.count(Plan.id)).where(Plan.room_id == room.id))
        if used or planned:
            raise BadInput(
                f"{where} holds the history of past sessions and cannot be removed; "
                "rename it instead"
            )
        info = RoomInfo(room.id, room.location_id, room.name, room.revision)
        s.delete(room)
        return info


# -- practitioners ------------------------------------------------------------------------------


def edit_practitioner(
    store: Store,
    practitioner_id: int,
    *,
    name: str | None = None,
    profession: str | None = None,
    may_needle: bool | None = None,
    email: str | None = None,
    phone: str | None = None,
    workplaces: Mapping[int, str | Sequence[str]] | None = None,
    expect_revision: int | None = None,
    caldav_url: str | None = None,
    caldav_user: str | None = None,
) -> PractitionerInfo:
    """Change a practitioner; None leaves a value as it is ("" clears e-mail or phone).

    ``caldav_url`` is the CalDAV calendar their sessions are published to (http or https;
    "" stops publishing), ``caldav_user`` its user name (:mod:`planner.services.caldav_sync`).

    ``expect_revision`` is the revision the desk saw (:attr:`PractitionerInfo.revision`,
    which a change of their workplaces or hours raises too): refused with ChangedElsewhere
    if another desk changed the practitioner since.

    ``workplaces`` maps location ids to weekly hours text (``mon-wed 08:00-16:00``; a weekday
    without hours is a day off) and replaces every workplace. Refused: hours outside a
    location's opening hours, no workplace, leaving a location where sessions are still
    booked, needling for a profession that cannot be licensed to.
    """
    clean_name = _name_or_none(name, "practitioner")
    prof = check_profession(profession) if profession is not None else None
    clean_url = check_caldav_url(caldav_url) if caldav_url is not None else None
    clean_user = " ".join(caldav_user.split()) if caldav_user is not None else None
    if clean_user is not None and len(clean_user) > 200:
        raise BadInput("the calendar user name is too long (at most 200 characters)")
    with store.write("edit practitioner") as s:
        p = get(s, Practitioner, practitioner_id, "practitioner")
        require_revision(p, expect_revision, "practitioner", p.name)
        label = clean_name or p.name
        clean_email = (
            check_email(email, f"e-mail address of {label}") if email is not None else None
        )
        clean_phone = check_phone(phone, f"phone number of {label}") if phone is not None else None
        new_prof = prof or check_profession(p.profession)
        needles = p.may_needle if may_needle is None else may_needle
        check_needling(label, new_prof, needles)
        if workplaces is not None:
            plan = parse_workplaces(label, workplaces=workplaces)
            resolved = workplace_hours(s, label, plan)
            names = _location_names(s)
            before = _workplaces_text(p, names)
            _set_workplaces(s, p, label, resolved)
            audit = current(s)
            if audit is not None:  # hours are the practitioner's too: one revision for both
                audit.field(p, "workplaces", before, _workplaces_text(p, names))
        if clean_name is not None:
            p.name = clean_name
        p.profession = new_prof.value
        p.may_needle = needles
        if clean_email is not None:
            p.email = clean_email
        if clean_phone is not None:
            p.phone = clean_phone
        if clean_url is not None:
            p.caldav_url = clean_url
        if clean_user is not None:
            p.caldav_user = clean_user
        s.flush()
        names = _location_names(s)
        return _practitioner_info(p, names)


def _workplaces_text(p: Practitioner, names: Mapping[int, str]) -> dict[str, str]:
    """Where and when ``p`` works, as the change log keeps it: location name -> hours text."""
    return {
        names.get(w.location_id, str(w.location_id)): str(WeeklyHours.from_json(w.hours))
        for w in sorted(p.workplaces, key=lambda w: w.location_id)
    }


def _set_workplaces(
    s: Session, p: Practitioner, name: str, resolved: Mapping[int, WeeklyHours]
) -> None:
    """Replace ``p``'s workplaces by ``resolved``, in place (a row's key is its location)."""
    for w in list(p.workplaces):
        if w.location_id in resolved:
            continue
        count, first = _booked_from_now(
            s, Appointment.practitioner_id == p.id, Appointment.location_id == w.location_id
        )
        if count:
            place = w.location.name
            raise BadInput(
                f"{name} has {count} booked session{'s' if count != 1 else ''} at {place}"
                f"{_when(first)}; move them to someone else or keep {place} among "
                f"{name}'s workplaces"
            )
        p.workplaces.remove(w)
    current = {w.location_id: w for w in p.workplaces}
    for lid, hours in resolved.items():
        if lid in current:
            current[lid].hours = hours.to_json()
        else:
            p.workplaces.append(PractitionerLocation(location_id=lid, hours=hours.to_json()))


# -- closures -----------------------------------------------------------------------------------


def remove_closure(
    store: Store, closure_id: int, *, expect_revision: int | None = None
) -> ClosureInfo:
    """Open a location again on a closure's days; what was removed (NotFound if unknown;
    refused if it changed since ``expect_revision``, the revision the desk saw).

    A closure that came from a calendar import comes back when that calendar is imported
    again.
    """
    with store.write("remove closure") as s:
        c = get(s, Closure, closure_id, "closure")
        loc = get(s, Location, c.location_id, "location")
        info = _closure_info(s, c, {loc.id: loc.name})
        require_revision(c, expect_revision, "closure", f"the closure of {loc.name} {info.days}")
        s.delete(c)
        return info


def closures(store: Store, location_id: int | None = None) -> tuple[ClosureInfo, ...]:
    """The closures of one location (or all), by location and first day, with their hits."""
    with store.read() as s:
        stmt = select(Closure).order_by(Closure.location_id, Closure.first_day, Closure.id)
        if location_id is not None:
            get(s, Location, location_id, "location")
            stmt = stmt.where(Closure.location_id == location_id)
        names = _location_names(s)
        return tuple(_closure_info(s, c, names) for c in s.scalars(stmt))
