"""Setting up the clinic: locations, rooms, practitioners, patients, templates, closures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from planner.core.calendars import DEFAULT_OPENING, WeeklyHours
from planner.core.domain import (
    AppointmentStatus,
    Modality,
    ScreeningFlag,
    Template,
    parse_enum,
)
from planner.core.i18n import N_
from planner.core.patient_input import (
    check_date_of_birth,
    parse_language,
)
from planner.core.phrases import phrase
from planner.core.regions import BodyRegion, Region, Side, parse_region
from planner.core.timeutil import utcnow
from planner.db.audit import current
from planner.db.models import (
    Appointment,
    Closure,
    Location,
    Patient,
    PatientFlag,
    PlanTemplate,
    Practitioner,
    PractitionerLocation,
    Room,
)
from planner.db.store import Store
from planner.errors import BadInput, NotFound
from planner.services import clinic_checks
from planner.services.clinic_checks import (
    check_holidays,
    check_needling,
    check_profession,
    check_zone,
    clean_text,
    hours_problem,
    parse_hours,
)
from planner.services.clinic_settings import clinic_language, read_settings

_Row = TypeVar("_Row")


def _name(text: str, what: str) -> str:
    name = " ".join((text or "").split())
    if not name:
        raise BadInput(f"the {what} needs a name")
    if len(name) > 200:
        raise BadInput(f"the {what} name is too long (at most 200 characters)")
    return name


def get(session: Session, model: type[_Row], ident: int, what: str) -> _Row:
    """The row ``ident`` of ``model``; NotFound naming the list command when there is none.

    In a write transaction the row is locked (``FOR UPDATE`` on PostgreSQL; SQLite holds its
    write lock already) and read as it is now, so what the edit decides on cannot change
    under it at another desk before it commits.
    """
    if current(session) is not None:
        obj = session.get(model, ident, with_for_update=True, populate_existing=True)
    else:
        obj = session.get(model, ident)
    if obj is None:
        raise NotFound(f"no {what} with id {ident}; list them with 'planner {what} list'")
    return obj


# -- locations and rooms -----------------------------------------------------------------


def add_location(
    store: Store,
    name: str,
    tz: str,
    *,
    address: str = "",
    phone: str = "",
    country: str | None = None,
    subdivision: str | None = None,
    hours: str | Sequence[str] | None = None,
) -> Location:
    """A new location: an IANA zone, public holidays of ``country`` (and ``subdivision``) and
    opening hours (default mon-fri 08:00-18:00). Every value is checked before it is written."""
    name = _name(name, "location")
    tz = check_zone(tz)
    country, subdivision = check_holidays(country, subdivision)
    address = clean_text(address, "address", 400)
    phone = clinic_checks.check_phone(phone, f"phone number of {name}")
    opening = parse_hours(hours, f"the opening hours of {name}") if hours else DEFAULT_OPENING
    with store.write("add location") as s:
        check_location_name(s, name)
        loc = Location(
            name=name,
            tz=tz,
            address=address,
            phone=phone,
            country=country,
            subdivision=subdivision,
            opening_hours=opening.to_json(),
        )
        s.add(loc)
        s.flush()
        return loc


def check_location_name(session: Session, name: str, location_id: int | None = None) -> None:
    """BadInput when another location (not ``location_id``) has this name, in any case."""
    stmt = select(Location.name).where(func.lower(Location.name) == name.lower())
    if location_id is not None:
        stmt = stmt.where(Location.id != location_id)
    taken = session.scalar(stmt.limit(1))
    if taken is not None:
        raise BadInput(f"a location called '{taken}' exists already; choose another name")


def check_room_name(
    session: Session, location: Location, name: str, room_id: int | None = None
) -> None:
    """BadInput when another room of ``location`` (not ``room_id``) has this name."""
    stmt = select(Room.name).where(
        Room.location_id == location.id, func.lower(Room.name) == name.lower()
    )
    if room_id is not None:
        stmt = stmt.where(Room.id != room_id)
    taken = session.scalar(stmt.limit(1))
    if taken is not None:
        raise BadInput(f"{location.name} has a room called '{taken}' already; choose another name")


def add_room(store: Store, location_id: int, name: str) -> Room:
    name = _name(name, "room")
    with store.write("add room") as s:
        loc = get(s, Location, location_id, "location")
        check_room_name(s, loc, name)
        room = Room(location_id=location_id, name=name)
        s.add(room)
        s.flush()
        return room


# -- practitioners --------------------------------------------------------------------------


def parse_workplaces(
    name: str,
    location_ids: Sequence[int] = (),
    hours: str | Sequence[str] | None = None,
    workplaces: Mapping[int, str | Sequence[str]] | None = None,
) -> dict[int, WeeklyHours | None]:
    """Where ``name`` works and their weekly hours there (None: the opening hours).

    ``workplaces`` maps location ids to hours text (a weekday without hours is a day off) and
    comes first; else every one of ``location_ids`` gets ``hours``. BadInput for none at all.
    """
    plan: dict[int, WeeklyHours | None] = {}
    if workplaces:
        for lid, text in workplaces.items():
            plan[lid] = parse_hours(text, f"{name}'s hours")
    else:
        working = parse_hours(hours, f"{name}'s hours") if hours else None
        plan = dict.fromkeys(location_ids, working)
    if not plan:
        raise BadInput(f"{name} needs a workplace: choose a location they work at, and their hours")
    return plan


def workplace_hours(
    session: Session, name: str, plan: Mapping[int, WeeklyHours | None]
) -> dict[int, WeeklyHours]:
    """``plan`` with the opening hours filled in, each checked against its location's opening
    hours; NotFound for an unknown location, BadInput saying what to change."""
    out: dict[int, WeeklyHours] = {}
    for lid, working in plan.items():
        loc = get(session, Location, lid, "location")
        opening = WeeklyHours.from_json(loc.opening_hours)
        h = working or opening
        problem = hours_problem(name, h, loc.name, opening)
        if problem:
            raise BadInput(f"{problem}; change the hours or the location's opening hours")
        out[lid] = h
    return out


def add_practitioner(
    store: Store,
    name: str,
    profession: str,
    location_ids: Sequence[int] = (),
    *,
    hours: str | Sequence[str] | None = None,
    may_needle: bool | None = None,
    email: str = "",
    phone: str = "",
    workplaces: Mapping[int, str | Sequence[str]] | None = None,
) -> Practitioner:
    """A practitioner working at the given locations (the same weekly hours at each), or at
    the locations of ``workplaces`` with the hours given for each (``{1: "mon-wed 08:00-16:00"}``).

    Without hours they work the location's opening hours; hours outside them are refused.
    Only a licensed, trained practitioner may needle: acupuncturists do by default, others
    when ``may_needle`` (never a profession that cannot be licensed to, see
    :attr:`Profession.may_be_licensed_to_needle`).
    """
    name = _name(name, "practitioner")
    prof = check_profession(profession)
    needles = prof.needles_by_default if may_needle is None else may_needle
    check_needling(name, prof, needles)
    email = clinic_checks.check_email(email, f"e-mail address of {name}")
    phone = clinic_checks.check_phone(phone, f"phone number of {name}")
    plan = parse_workplaces(name, location_ids, hours, workplaces)
    with store.write("add practitioner") as s:
        resolved = workplace_hours(s, name, plan)
        p = Practitioner(
            name=name, profession=prof.value, may_needle=needles, email=email, phone=phone
        )
        for lid, h in resolved.items():
            p.workplaces.append(PractitionerLocation(location_id=lid, hours=h.to_json()))
        s.add(p)
        s.flush()
        return p


# -- patients ---------------------------------------------------------------------------------


def parse_flag(text: str) -> ScreeningFlag:
    aliases = {
        "bleeding": ScreeningFlag.BLEEDING_DISORDER,
        "anticoagulant": ScreeningFlag.ANTICOAGULANTS,
        "blood-thinners": ScreeningFlag.ANTICOAGULANTS,
        "allergy": ScreeningFlag.NEEDLE_OR_METAL_ALLERGY,
        "needle-allergy": ScreeningFlag.NEEDLE_OR_METAL_ALLERGY,
        "metal-allergy": ScreeningFlag.NEEDLE_OR_METAL_ALLERGY,
        "seizure": ScreeningFlag.SEIZURES,
        "epilepsy": ScreeningFlag.SEIZURES,
        "pregnant": ScreeningFlag.PREGNANCY,
        "needle-phobia": ScreeningFlag.NEEDLE_FEAR,
        "lymphedema": ScreeningFlag.LYMPHOEDEMA,
        "lymphoedema": ScreeningFlag.LYMPHOEDEMA,
    }
    key = text.strip().lower().replace(" ", "-").replace("_", "-")
    if key in aliases:
        return aliases[key]
    return parse_enum(ScreeningFlag, key, "screening flag")


# -- region-aware screening flags ----------------------------------------------------------------
#
# A flag may name where it applies: ``lymphoedema:arm-left`` (or ``lymphoedema: left arm``,
# ``lymphoedema:shoulder-left,elbow-left``). It is stored as the one-sided region codes it
# covers (``shoulders`` becomes ``shoulder-left`` and ``shoulder-right``; an arm is its
# shoulder, elbow and wrist and hand), so a plan's targets can be checked against it with
# ``BodyRegion.overlaps``. A flag without regions is about the whole body, as before.

_LIMBS: dict[str, tuple[Region, ...]] = {
    "arm": (Region.SHOULDER, Region.ELBOW, Region.WRIST_HAND),
    "leg": (Region.HIP, Region.KNEE, Region.FOOT),
}
_LIMB_PLURALS = {"arms": "arm", "legs": "leg"}


def _atomic(r: BodyRegion) -> list[BodyRegion]:
    if r.side is Side.BOTH:
        return [BodyRegion(r.region, Side.LEFT), BodyRegion(r.region, Side.RIGHT)]
    return [r]


def parse_flag_regions(text: str) -> tuple[str, ...]:
    """``arm-left``, ``left arm``, ``legs``, ``knee-right,foot-right`` -> one-sided codes, in
    body order."""
    found: list[BodyRegion] = []
    for part in text.split(","):
        word = "-".join(part.strip().lower().replace("_", "-").split())
        if not word:
            continue
        limb: str | None = None
        sides: tuple[Side, ...] = (Side.LEFT, Side.RIGHT)
        for name in (*_LIMBS, *_LIMB_PLURALS):
            for side in Side:
                if word in (f"{name}-{side.value}", f"{side.value}-{name}"):
                    limb = _LIMB_PLURALS.get(name, name)
                    sides = (Side.LEFT, Side.RIGHT) if side is Side.BOTH else (side,)
            if word == name and name in _LIMB_PLURALS:
                limb = _LIMB_PLURALS[name]
            elif word == name:
                raise BadInput(f"say which {name}: {name}-left, {name}-right or {name}s (both)")
        if limb is not None:
            found += [BodyRegion(r, sd) for r in _LIMBS[limb] for sd in sides]
        else:
            found += _atomic(parse_region(word))
    if not found:
        raise BadInput("no body region given for the flag; for example lymphoedema:arm-left")
    order = {r: i for i, r in enumerate(Region)}
    unique = sorted(set(found), key=lambda r: (order[r.region], r.side.value if r.side else ""))
    return tuple(r.code for r in unique)


def parse_flag_spec(text: str) -> tuple[ScreeningFlag, tuple[str, ...] | None]:
    """``anticoagulants`` -> (flag, None); ``lymphoedema:arm-left`` -> (flag, region codes)."""
    name, sep, where = text.partition(":")
    flag = parse_flag(name)
    if not sep:
        return flag, None
    return flag, parse_flag_regions(where)


def merge_flag_specs(
    specs: Sequence[str],
) -> dict[ScreeningFlag, tuple[str, ...] | None]:
    """Several specs of one flag merge: their regions add up; one without regions (the whole
    body) covers them all."""
    out: dict[ScreeningFlag, tuple[str, ...] | None] = {}
    for spec in specs:
        flag, regions = parse_flag_spec(spec)
        if flag not in out:
            out[flag] = regions
        elif out[flag] is None or regions is None:
            out[flag] = None
        else:
            out[flag] = parse_flag_regions(",".join((*(out[flag] or ()), *regions)))
    return out


def flag_regions_text(codes: Sequence[str] | None) -> str:
    """``left arm``, ``right knee, right foot``, ``both arms``; empty for the whole body."""
    if not codes:
        return ""
    regions = {parse_region(c) for c in codes}
    words: list[str] = []
    for limb, parts in _LIMBS.items():
        sides = [
            sd for sd in (Side.LEFT, Side.RIGHT) if all(BodyRegion(r, sd) in regions for r in parts)
        ]
        if len(sides) == 2:
            words.append(f"both {limb}s")
        elif sides:
            words.append(f"{sides[0].value} {limb}")
        for sd in sides:
            regions -= {BodyRegion(r, sd) for r in parts}
    for region in Region:
        name = region.label.lower()
        present = [sd for sd in (None, Side.LEFT, Side.RIGHT) if (region, sd) in _pairs(regions)]
        if present == [Side.LEFT, Side.RIGHT]:
            both = BodyRegion(region, Side.BOTH).code.replace("-", " and ")
            words.append(f"both {both}")
        else:
            words += [name if sd is None else f"{sd.value} {name}" for sd in present]
    return ", ".join(words)


def _pairs(regions: set[BodyRegion]) -> set[tuple[Region, Side | None]]:
    return {(r.region, r.side) for r in regions}


def flag_text(flag: str, codes: Sequence[str] | None = None) -> str:
    """``Lymphoedema (left arm)``; ``Takes anticoagulants`` for a whole-body flag."""
    try:
        label = ScreeningFlag(flag).label
    except ValueError:
        label = flag
    where = flag_regions_text(codes)
    return f"{label} ({where})" if where else label


def flag_spec(flag: str, codes: Sequence[str] | None = None) -> str:
    """The spec that :func:`parse_flag_spec` reads back: ``lymphoedema:shoulder-left,...``."""
    return f"{flag}:{','.join(codes)}" if codes else flag


def check_phone(text: str) -> str:
    """The patient's phone number as written (trimmed); BadInput when it does not look like
    one or is longer than the column holds."""
    return clinic_checks.check_phone(text)


def check_email(text: str) -> str:
    """The patient's e-mail address (trimmed); BadInput when it does not look like one or is
    longer than the column holds."""
    return clinic_checks.check_email(text)


def check_chart_number(text: str | None) -> str | None:
    """The chart number (trimmed), None for none; BadInput when it is too long."""
    chart = (text or "").strip()
    if len(chart) > 40:
        raise BadInput("the chart number is too long (at most 40 characters)")
    return chart or None


def patient_name(text: str) -> str:
    """The patient's name with its spaces tidied; BadInput when empty or too long."""
    return _name(text, "patient")


def chart_number_taken(session: Session, chart_number: str | None, exclude_id: int = 0) -> None:
    """BadInput when another patient (not ``exclude_id``) has this chart number."""
    if not chart_number:
        return
    other = session.scalar(
        select(Patient.name).where(Patient.chart_number == chart_number, Patient.id != exclude_id)
    )
    if other is not None:
        raise BadInput(f"chart number {chart_number} belongs to another patient ({other})")


def add_patient(
    store: Store,
    name: str,
    *,
    phone: str = "",
    email: str = "",
    date_of_birth: date | None = None,
    chart_number: str | None = None,
    flags: Sequence[str] = (),
    notes: str = "",
    language: str | None = None,
    email_consent: bool = False,
) -> Patient:
    """A new patient. ``flags`` are screening flags, each optionally with the regions it is
    about: ``anticoagulants``, ``lymphoedema:arm-left`` (see :func:`parse_flag_spec`);
    ``language`` is the language of their documents (``en`` or ``nb``; by default the clinic's,
    the ``clinic_language`` setting); ``email_consent``
    that they agreed to get their appointments by e-mail (refused without an address).

    A patient of the same name and birth, or phone, is not refused here: the desk asks first
    (:func:`planner.services.patient_records.find_duplicates`)."""
    name = patient_name(name)
    phone, email = check_phone(phone), check_email(email)
    chart = check_chart_number(chart_number)
    if date_of_birth is not None:
        check_date_of_birth(date_of_birth)
    lang = parse_language(language) if language is not None else None
    parsed = merge_flag_specs(flags)
    if email_consent and not email:
        raise BadInput(
            phrase(
                N_("{name} has no e-mail address; add one before they agree to e-mail"),
                name=name,
            )
        )
    with store.write("add patient") as s:
        chart_number_taken(s, chart)
        if lang is None:
            lang = clinic_language(read_settings(s))
        p = Patient(
            name=name,
            phone=phone,
            email=email,
            date_of_birth=date_of_birth,
            chart_number=chart,
            notes=notes or "",
            language=lang,
            email_consent=email_consent,
            flags=[
                PatientFlag(flag=f.value, regions=list(where) if where else None)
                for f, where in parsed.items()
            ],
        )
        s.add(p)
        s.flush()
        return p


def find_patients(session: Session, query: str = "", limit: int = 50) -> list[Patient]:
    """Patients whose name or chart number contains ``query`` (case-insensitive), whose phone
    has its digits, or who were born on the date it names (``13.05.1973``, ``130573``), by
    name."""
    from planner.services.schedule.patients import patient_search_conditions

    stmt = select(Patient).order_by(Patient.name, Patient.id).limit(limit)
    conds = patient_search_conditions(query)
    if conds:
        stmt = stmt.where(or_(*conds))
    return list(session.scalars(stmt))


# -- templates ------------------------------------------------------------------------------


def template_from_row(row: PlanTemplate) -> Template:
    return Template.from_json(
        {
            "name": row.name,
            "modality": row.modality,
            "description": row.description,
            "regions": row.regions,
            "phases": row.phases,
        }
    )


def list_templates(session: Session) -> list[Template]:
    return [
        template_from_row(r)
        for r in session.scalars(select(PlanTemplate).order_by(PlanTemplate.id))
    ]


def find_template(session: Session, name: str) -> Template:
    rows = list(session.scalars(select(PlanTemplate)))
    wanted = name.strip().lower()
    exact = [r for r in rows if r.name.lower() == wanted]
    partial = [r for r in rows if wanted and wanted in r.name.lower()]
    match = exact or partial
    if len(match) == 1:
        return template_from_row(match[0])
    names = "; ".join(r.name for r in rows)
    if not match:
        raise NotFound(f"no template called '{name}'; the templates are: {names}")
    raise BadInput(f"'{name}' matches several templates ({'; '.join(r.name for r in match)})")


def save_template(store: Store, template: Template) -> bool:
    """Add a template, or replace the one of the same name; True when it was new."""
    for r in template.regions:
        parse_region(r)
    with store.write("save template") as s:
        row = s.scalar(select(PlanTemplate).where(PlanTemplate.name == template.name))
        data = template.to_json()
        if row is None:
            s.add(
                PlanTemplate(
                    **{k: data[k] for k in ("name", "modality", "description", "regions", "phases")}
                )
            )
            return True
        row.modality, row.description = data["modality"], data["description"]
        row.regions, row.phases = data["regions"], data["phases"]
        return False


# -- closures -----------------------------------------------------------------------------------


@dataclass
class ClosureResult:
    closure: Closure
    hits: list[Appointment]
    """Booked sessions on the closed days, for the desk to move or cancel."""


def add_closure(
    store: Store, location_id: int, first: date, last: date | None = None, reason: str = ""
) -> ClosureResult:
    """Close a location on the days ``first`` to ``last`` (inclusive); the booked sessions on
    them are returned for the desk to move. A closure overlapping another of the same
    location is refused (remove or change that one first)."""
    last = last or first
    if last < first:
        raise BadInput("the closure ends before it starts; give --from before --to")
    if (last - first).days > 366:
        raise BadInput("a closure longer than a year is not a closure; check the dates")
    reason = clean_text(reason, "closure's reason", 200)
    with store.write("add closure") as s:
        loc = get(s, Location, location_id, "location")
        check_closure_overlap(s, loc, first, last)
        c = Closure(
            location_id=location_id,
            first_day=first,
            last_day=last,
            reason=reason,
            created_at=utcnow(),
        )
        s.add(c)
        s.flush()
        hits = list(
            s.scalars(
                select(Appointment)
                .where(
                    Appointment.location_id == location_id,
                    Appointment.status == AppointmentStatus.BOOKED.value,
                    Appointment.start_local >= datetime.combine(first, datetime.min.time()),
                    Appointment.start_local
                    < datetime.combine(last + timedelta(days=1), datetime.min.time()),
                )
                .order_by(Appointment.start_utc)
                .options(selectinload(Appointment.regions))
            )
        )
        return ClosureResult(c, hits)


def days_text(first: date, last: date) -> str:
    """``Thu 24 Dec 2026`` or ``Thu 24 Dec 2026 - Fri 1 Jan 2027``."""
    one = f"{first:%a} {first.day} {first:%b %Y}"
    return one if first == last else f"{one} - {last:%a} {last.day} {last:%b %Y}"


def check_closure_overlap(
    session: Session, location: Location, first: date, last: date, closure_id: int | None = None
) -> None:
    """BadInput when another closure of ``location`` (not ``closure_id``) shares a day."""
    stmt = (
        select(Closure)
        .where(
            Closure.location_id == location.id,
            Closure.first_day <= last,
            Closure.last_day >= first,
        )
        .order_by(Closure.first_day)
        .limit(1)
    )
    if closure_id is not None:
        stmt = stmt.where(Closure.id != closure_id)
    other = session.scalar(stmt)
    if other is not None:
        why = f" ({other.reason})" if other.reason else ""
        raise BadInput(
            f"{location.name} is already closed {days_text(other.first_day, other.last_day)}"
            f"{why}; change the dates or remove that closure first"
        )


def modality_of(text: str) -> Modality:
    return parse_enum(Modality, text, "modality")
