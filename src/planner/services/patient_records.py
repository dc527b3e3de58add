"""A patient's record as the desk edits it: read it, change it, undo the change, spot duplicates.

:class:`PatientRecord` is every field of one patient (screening flags with their regions) as
a plain frozen value, safe to hand from the worker to the window and to keep on an undo
stack. :func:`edit_patient` changes any of the fields in one transaction and returns the
record before and after; undoing is writing the "before" back (:func:`restore_patient`),
which refuses when someone changed the patient in the meantime, so an undo never overwrites
another desk's work. Registering (:func:`register_patient`) is undone by
:func:`remove_new_patient`, which refuses once the patient has a plan.

:func:`find_duplicates` is the question the desk asks before it saves: is this person here
already (same name and date of birth, or same phone number)?
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from planner.core.domain import ScreeningFlag
from planner.core.i18n import N_
from planner.core.patient_input import check_date_of_birth, dob_text, parse_language
from planner.core.phrases import phrase
from planner.db.models import Appointment, Patient, PatientFlag, Plan
from planner.db.store import Store
from planner.errors import BadInput, ChangedElsewhere, InvalidState
from planner.services.clinic import (
    add_patient,
    chart_number_taken,
    check_chart_number,
    check_email,
    check_phone,
    flag_spec,
    flag_text,
    get,
    merge_flag_specs,
    parse_flag,
    patient_name,
)

_FLAG_ORDER = {f.value: i for i, f in enumerate(ScreeningFlag)}


@dataclass(frozen=True)
class FlagRecord:
    """One screening flag of a patient: its code, the regions it is about (None: the whole
    body) and the note kept with it."""

    flag: str
    regions: tuple[str, ...] | None = None
    note: str = ""

    @property
    def spec(self) -> str:
        """``lymphoedema:shoulder-left,elbow-left``; ``anticoagulants`` for the whole body."""
        return flag_spec(self.flag, self.regions)

    @property
    def text(self) -> str:
        """``Lymphoedema (left arm)``: for people."""
        return flag_text(self.flag, self.regions)


@dataclass(frozen=True)
class PatientRecord:
    """Every field of one patient, as the edit form shows it."""

    id: int
    name: str
    date_of_birth: date | None
    phone: str
    email: str
    chart_number: str | None
    language: str
    notes: str
    flags: tuple[FlagRecord, ...]
    """In the order of :class:`~planner.core.domain.ScreeningFlag`."""
    email_consent: bool = False
    """The patient agreed to get their appointments by e-mail (needs an e-mail address)."""

    @property
    def flag_specs(self) -> tuple[str, ...]:
        return tuple(f.spec for f in self.flags)

    def describe(self) -> str:
        """``Astrid Berg, born 13.05.1973, 412 34 567``: who this is, for a question."""
        return describe_patient(self.name, self.date_of_birth, self.phone)


@dataclass(frozen=True)
class PatientEdit:
    """What an edit did: the record before and after (undo writes ``before`` back)."""

    before: PatientRecord
    after: PatientRecord

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class PatientFields:
    """What the patient form holds: a new patient's fields, or all of an edited one's.

    ``flags`` are specs as :func:`~planner.services.clinic.parse_flag_spec` reads them
    (``anticoagulants``, ``lymphoedema:arm-left``).
    """

    name: str
    date_of_birth: date | None = None
    phone: str = ""
    email: str = ""
    chart_number: str | None = None
    language: str = "en"
    notes: str = ""
    flags: tuple[str, ...] = ()
    email_consent: bool = False
    """The patient agreed to get their appointments by e-mail (needs ``email``)."""


@dataclass(frozen=True)
class Duplicate:
    """An existing patient who may be the one being registered, and why."""

    id: int
    name: str
    date_of_birth: date | None
    phone: str
    same_name_and_birth: bool
    same_phone: bool

    @property
    def reason(self) -> str:
        """``name and date of birth``, ``phone number`` or both."""
        why = [
            w
            for w, on in (
                ("name and date of birth", self.same_name_and_birth),
                ("phone number", self.same_phone),
            )
            if on
        ]
        return " and ".join(why)

    def describe(self) -> str:
        return describe_patient(self.name, self.date_of_birth, self.phone)


def describe_patient(name: str, born: date | None, phone: str) -> str:
    """``Astrid Berg, born 13.05.1973, 412 34 567`` (the parts there are)."""
    bits = [name]
    if born is not None:
        bits.append(f"born {dob_text(born)}")
    if phone:
        bits.append(phone)
    return ", ".join(bits)


class _Keep(enum.Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP
"""Leave this field of :func:`edit_patient` as it is."""


# -- reading -----------------------------------------------------------------------------------


def record_of(p: Patient) -> PatientRecord:
    """The plain record of a loaded patient row."""
    flags = sorted(p.flags, key=lambda f: (_FLAG_ORDER.get(f.flag, len(_FLAG_ORDER)), f.flag))
    return PatientRecord(
        id=p.id,
        name=p.name,
        date_of_birth=p.date_of_birth,
        phone=p.phone,
        email=p.email,
        chart_number=p.chart_number,
        language=p.language,
        notes=p.notes,
        flags=tuple(
            FlagRecord(f.flag, tuple(f.regions) if f.regions else None, f.note) for f in flags
        ),
        email_consent=bool(p.email_consent),
    )


def patient_record(store: Store, patient_id: int) -> PatientRecord:
    """Every field of one patient, for the edit form (NotFound when there is no such patient)."""
    with store.read() as s:
        return record_of(get(s, Patient, patient_id, "patient"))


# -- registering and editing -------------------------------------------------------------------


def register_patient(store: Store, fields: PatientFields) -> PatientRecord:
    """A new patient from the form, in one transaction; its record."""
    p = add_patient(
        store,
        fields.name,
        phone=fields.phone,
        email=fields.email,
        date_of_birth=fields.date_of_birth,
        chart_number=fields.chart_number,
        flags=fields.flags,
        notes=fields.notes,
        language=fields.language,
        email_consent=fields.email_consent,
    )
    return record_of(p)


def save_patient(
    store: Store,
    patient_id: int,
    fields: PatientFields,
    *,
    expect: PatientRecord | None = None,
) -> PatientEdit:
    """Write every field of the form over the patient (the flags as a whole set).

    ``expect`` is the record the form was loaded with: refused (ChangedElsewhere, nothing
    written) if the patient was changed at another desk since."""
    return edit_patient(
        store,
        patient_id,
        name=fields.name,
        date_of_birth=fields.date_of_birth,
        phone=fields.phone,
        email=fields.email,
        chart_number=fields.chart_number,
        language=fields.language,
        notes=fields.notes,
        flags=fields.flags,
        email_consent=fields.email_consent,
        expect=expect,
    )


def edit_patient(
    store: Store,
    patient_id: int,
    *,
    name: str | _Keep = KEEP,
    date_of_birth: date | _Keep | None = KEEP,
    phone: str | _Keep = KEEP,
    email: str | _Keep = KEEP,
    chart_number: str | _Keep | None = KEEP,
    language: str | _Keep = KEEP,
    notes: str | _Keep = KEEP,
    flags: Sequence[str] | _Keep = KEEP,
    add_flags: Sequence[str] = (),
    remove_flags: Sequence[str] = (),
    email_consent: bool | _Keep = KEEP,
    expect: PatientRecord | None = None,
) -> PatientEdit:
    """Change any of a patient's fields in one transaction; the record before and after.

    Only the fields given change (``KEEP``, the default, leaves one as it is; None or "" clears
    the date of birth or chart number). ``flags`` replaces the whole set of screening flags
    (specs, ``lymphoedema:arm-left``); ``add_flags`` adds flags or regions to one the patient
    has, ``remove_flags`` takes flags away. The same checks as for a new patient apply; a
    refused edit changes nothing.

    ``email_consent`` True (the patient agreed to get their appointments by e-mail) is
    refused for a patient left without an e-mail address; clearing the address withdraws
    the consent too (it was given for an address).

    The patient's row is locked before it is read. ``expect`` is the record the desk's form
    showed: if the patient differs from it now (changed at another desk meanwhile), the edit
    is refused with :class:`~planner.errors.ChangedElsewhere` rather than written over it.
    """
    changes: dict[str, object] = {}
    if not isinstance(name, _Keep):
        changes["name"] = patient_name(name)
    if not isinstance(date_of_birth, _Keep):
        changes["date_of_birth"] = (
            check_date_of_birth(date_of_birth) if date_of_birth is not None else None
        )
    if not isinstance(phone, _Keep):
        changes["phone"] = check_phone(phone)
    if not isinstance(email, _Keep):
        changes["email"] = check_email(email)
    chart: str | _Keep | None = KEEP
    if not isinstance(chart_number, _Keep):
        chart = changes["chart_number"] = check_chart_number(chart_number)
    if not isinstance(language, _Keep):
        changes["language"] = parse_language(language)
    if not isinstance(notes, _Keep):
        changes["notes"] = notes or ""
    replacing = None if isinstance(flags, _Keep) else merge_flag_specs(flags)
    adding = merge_flag_specs(add_flags)
    removing = {parse_flag(f) for f in remove_flags}
    if both := removing & adding.keys():
        raise BadInput(
            f"{', '.join(f.label for f in both)}: a flag cannot be added and removed at once"
        )
    with store.write("edit patient") as s:
        p = get(s, Patient, patient_id, "patient")
        before = record_of(p)
        if expect is not None and before != expect:
            raise ChangedElsewhere(
                "this patient was changed at another desk a moment ago: "
                f"{changed_fields(expect, before)}; look again",
                details={"patient_id": p.id, "revision": p.revision},
            )
        if not isinstance(chart, _Keep):
            chart_number_taken(s, chart, exclude_id=p.id)
        wanted = _flag_records(before.flags, replacing, adding, removing, before.name)
        for field, value in changes.items():
            setattr(p, field, value)
        _set_consent(p, email_consent)
        _set_flags(p, wanted)
        s.flush()
        after = record_of(p)
        return PatientEdit(before, after)


_FIELD_WORDS = {
    "name": "name",
    "date_of_birth": "date of birth",
    "phone": "phone",
    "email": "e-mail",
    "chart_number": "chart number",
    "language": "language",
    "notes": "notes",
    "flags": "screening flags",
    "email_consent": "e-mail consent",
}


def changed_fields(seen: PatientRecord, now: PatientRecord) -> str:
    """``Kari Nordmann's phone and notes were changed``: which fields differ, never their
    values (a message can be read over the desk's shoulder)."""
    names = [w for f, w in _FIELD_WORDS.items() if getattr(seen, f) != getattr(now, f)]
    what = (
        "details"
        if not names
        else names[0]
        if len(names) == 1
        else ", ".join(names[:-1]) + " and " + names[-1]
    )
    verb = "was" if len(names) == 1 and not what.endswith("s") else "were"
    return f"{now.name}'s {what} {verb} changed"


def _set_consent(p: Patient, consent: bool | _Keep) -> None:
    """Set the patient's e-mail consent (after the edit's new address, if any)."""
    if not p.email:
        if consent is True:
            raise BadInput(
                phrase(
                    N_("{name} has no e-mail address; add one before they agree to e-mail"),
                    name=p.name,
                )
            )
        if p.email_consent:
            p.email_consent = False  # no address, nothing to agree to
    elif not isinstance(consent, _Keep) and p.email_consent != consent:
        p.email_consent = consent


def _flag_records(
    current: tuple[FlagRecord, ...],
    replacing: dict[ScreeningFlag, tuple[str, ...] | None] | None,
    adding: dict[ScreeningFlag, tuple[str, ...] | None],
    removing: set[ScreeningFlag],
    name: str,
) -> list[FlagRecord]:
    """The flags after an edit: the replacement set (or the current one), less the removed,
    plus the added (an added flag's regions join the ones it has; the whole body covers all)."""
    notes = {f.flag: f.note for f in current}
    have: dict[str, tuple[str, ...] | None] = (
        {f.flag: f.regions for f in current}
        if replacing is None
        else {f.value: r for f, r in replacing.items()}
    )
    for flag in removing:
        if flag.value not in have:
            raise BadInput(f"{name} has no screening flag '{flag.label}' to remove")
        del have[flag.value]
    for flag, regions in adding.items():
        if flag.value in have:
            merged = merge_flag_specs(
                [flag_spec(flag.value, have[flag.value]), flag_spec(flag, regions)]
            )
            have[flag.value] = merged[flag]
        else:
            have[flag.value] = regions
    return [FlagRecord(f, r, notes.get(f, "")) for f, r in have.items()]


def _set_flags(p: Patient, wanted: Sequence[FlagRecord]) -> None:
    """Make the patient's flag rows exactly ``wanted``: a kept flag's row is updated in place
    (an insert before the delete would break the one-row-per-flag constraint)."""
    rows = {f.flag: f for f in p.flags}
    keys = {w.flag for w in wanted}
    for f in list(p.flags):
        if f.flag not in keys:
            p.flags.remove(f)
    for w in wanted:
        regions = list(w.regions) if w.regions else None
        row = rows.get(w.flag)
        if row is None:
            p.flags.append(PatientFlag(flag=w.flag, regions=regions, note=w.note))
        else:
            if row.regions != regions:
                row.regions = regions
            if row.note != w.note:
                row.note = w.note


def _write_record(s: Session, p: Patient, record: PatientRecord) -> None:
    chart_number_taken(s, record.chart_number, exclude_id=p.id)
    p.name, p.date_of_birth, p.phone = record.name, record.date_of_birth, record.phone
    p.email, p.chart_number, p.language = record.email, record.chart_number, record.language
    p.notes, p.email_consent = record.notes, record.email_consent
    _set_flags(p, record.flags)


# -- undo --------------------------------------------------------------------------------------


def restore_patient(
    store: Store, record: PatientRecord, *, expect: PatientRecord | None = None
) -> PatientRecord:
    """Write ``record`` back over its patient in one transaction (undo of an edit).

    With ``expect``, refused (nothing changed) unless the patient is still exactly
    ``expect``: an undo does not overwrite what another desk changed since.
    """
    with store.write("undo patient edit") as s:
        # Locked and read as it is now, so the comparison with ``expect`` cannot be overtaken.
        p = s.get(Patient, record.id, with_for_update=True, populate_existing=True)
        if p is None:
            raise InvalidState(f"{record.name} is no longer registered; nothing to change back")
        if expect is not None and record_of(p) != expect:
            raise InvalidState(
                f"{record.name}'s details were changed again since; edit the patient instead"
            )
        _write_record(s, p, record)
        s.flush()
        return record_of(p)


def remove_new_patient(
    store: Store, patient_id: int, *, expect: PatientRecord | None = None
) -> PatientRecord:
    """Take back a registration (undo of a new patient): the record that was removed.

    Refused (nothing changed) once the patient has a plan or a session, or, with ``expect``,
    when their details were changed since.
    """
    with store.write("undo new patient") as s:
        p = get(s, Patient, patient_id, "patient")
        record = record_of(p)
        plans = s.scalar(select(func.count()).select_from(Plan).where(Plan.patient_id == p.id))
        sessions = s.scalar(
            select(func.count()).select_from(Appointment).where(Appointment.patient_id == p.id)
        )
        if plans or sessions:
            raise InvalidState(
                f"{p.name} has a treatment plan now, so the registration cannot be undone; "
                "cancel the plan instead, or edit the patient (Ctrl+Alt+E)"
            )
        if expect is not None and record != expect:
            raise InvalidState(
                f"{p.name}'s details were changed since they were registered; "
                "the registration is kept"
            )
        s.delete(p)
        return record


def recreate_patient(store: Store, record: PatientRecord) -> PatientRecord:
    """Register a removed patient again under their old id (redo of a new patient), so
    later steps that name them still find them. Refused when the id or chart number was
    taken meanwhile."""
    with store.write("redo new patient") as s:
        if s.get(Patient, record.id) is not None:
            raise InvalidState(
                f"{record.name} cannot be registered again here: another patient was "
                "registered since; register them anew (Ctrl+Alt+N)"
            )
        chart_number_taken(s, record.chart_number)
        p = Patient(
            id=record.id,
            name=record.name,
            date_of_birth=record.date_of_birth,
            phone=record.phone,
            email=record.email,
            chart_number=record.chart_number,
            language=record.language,
            notes=record.notes,
            email_consent=record.email_consent,
            flags=[
                PatientFlag(
                    flag=f.flag, regions=list(f.regions) if f.regions else None, note=f.note
                )
                for f in record.flags
            ],
        )
        s.add(p)
        s.flush()
        return record_of(p)


# -- duplicates --------------------------------------------------------------------------------

_PHONE_PUNCTUATION = (" ", "-", ".", "/", "(", ")", "+")
SAME_PHONE_DIGITS = 8
"""Two numbers of at least this many digits are the same when their last 8 digits are
(``+47 412 34 567`` is ``41234567``); shorter ones must be equal."""


def phone_digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def same_phone(a: str, b: str) -> bool:
    """Whether two phone numbers are the same number, whatever their spacing or prefix."""
    da, db = phone_digits(a), phone_digits(b)
    if not da or not db:
        return False
    if len(da) >= SAME_PHONE_DIGITS and len(db) >= SAME_PHONE_DIGITS:
        return da[-SAME_PHONE_DIGITS:] == db[-SAME_PHONE_DIGITS:]
    return da == db


def _folded(name: str) -> str:
    return " ".join((name or "").split()).casefold()


def find_duplicates(
    store: Store,
    name: str,
    date_of_birth: date | None,
    phone: str,
    exclude_id: int | None = None,
) -> list[Duplicate]:
    """Patients who may be this one: the same name (case and spaces aside) and date of birth,
    or the same phone number (its digits; a country prefix aside). ``exclude_id`` is the
    patient being edited. By name; at most ten."""
    wanted = _folded(name)
    digits = phone_digits(phone)
    found: dict[int, Duplicate] = {}
    with store.read() as s:
        candidates: list[Patient] = []
        if date_of_birth is not None and wanted:
            # SQLite's lower() folds ASCII only (Ø, Å): compare the names here, not in SQL.
            candidates += s.scalars(select(Patient).where(Patient.date_of_birth == date_of_birth))
        if digits:
            bare: ColumnElement[str] = func.coalesce(Patient.phone, "")
            for ch in _PHONE_PUNCTUATION:
                bare = func.replace(bare, ch, "")
            tail = digits[-SAME_PHONE_DIGITS:]
            cond = bare.like(f"%{tail}") if len(digits) >= SAME_PHONE_DIGITS else bare == digits
            candidates += s.scalars(select(Patient).where(cond))
        for p in candidates:
            if p.id == exclude_id or p.id in found:
                continue
            twin = (
                date_of_birth is not None
                and p.date_of_birth == date_of_birth
                and _folded(p.name) == wanted
            )
            phone_twin = bool(digits) and same_phone(p.phone, phone)
            if twin or phone_twin:
                found[p.id] = Duplicate(p.id, p.name, p.date_of_birth, p.phone, twin, phone_twin)
    return sorted(found.values(), key=lambda d: (d.name.casefold(), d.id))[:10]
