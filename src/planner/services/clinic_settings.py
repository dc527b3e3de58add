"""Clinic-wide settings that calendar files show: the clinic's name, phone, e-mail and address.

Stored as keys in the ``clinic_settings`` table. Every key is optional: a patient's calendar
names the clinic by the ``clinic_name`` setting or else by the location's name, and gives the
location's own phone number (the department the patient goes to) or else ``clinic_phone``.
``clinic_email`` is the ORGANIZER of a METHOD:CANCEL file (else the practitioner's e-mail).
``clinic_address`` is the clinic's postal address (its head office; each location keeps its own).
``clinic_language`` (``en`` or ``nb``) is the language a new patient's documents start in and
the language of practitioners' calendars.

:func:`clinic_details` and :func:`set_clinic_details` read and write the four as one value,
for the set-up dialog and ``planner clinic show|set``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.patient_input import DEFAULT_LANGUAGE, LANGUAGES, parse_language
from planner.db.models import ClinicSetting
from planner.db.store import Store
from planner.errors import BadInput
from planner.services.clinic_checks import check_email, check_phone

KNOWN_KEYS = {
    "clinic_name": "the clinic's name in patients' calendars (default: the location's name)",
    "clinic_phone": "the phone number patients call when a location has none",
    "clinic_email": "the organiser address of cancellation (METHOD:CANCEL) files",
    "clinic_address": "the clinic's postal address (each location has its own too)",
    "caldav_days": "how many days from today practitioners' CalDAV calendars hold (default 180)",
    "clinic_language": "the language new patients' documents start in, and practitioners' "
    "calendars are written in: en or nb (default en)",
}


@dataclass(frozen=True)
class ClinicDetails:
    """The clinic's own name, phone, e-mail and address; "" for one that is not set."""

    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    language: str = ""
    """``en`` or ``nb``; "" when not set (documents then default to English)."""

    def to_json(self) -> dict[str, str]:
        return {
            "name": self.name,
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
            "language": self.language,
        }


def details_from(settings: Mapping[str, str]) -> ClinicDetails:
    """The details in settings as :func:`read_settings` gives them."""
    return ClinicDetails(
        name=settings.get("clinic_name", ""),
        phone=settings.get("clinic_phone", ""),
        email=settings.get("clinic_email", ""),
        address=settings.get("clinic_address", ""),
        language=settings.get("clinic_language", ""),
    )


def clinic_language(settings: Mapping[str, str]) -> str:
    """The clinic's default language (``clinic_language``; English when not set)."""
    value = settings.get("clinic_language", "")
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def patient_language(own: str, settings: Mapping[str, str]) -> str:
    """The language of a patient's documents: their own, else the clinic's."""
    return own if own in LANGUAGES else clinic_language(settings)


def read_settings(session: Session) -> dict[str, str]:
    return {r.key: r.value for r in session.scalars(select(ClinicSetting)) if r.value.strip()}


def get_settings(store: Store) -> dict[str, str]:
    with store.read() as s:
        return read_settings(s)


def set_setting(store: Store, key: str, value: str) -> None:
    """Set (or with an empty value, clear) one of :data:`KNOWN_KEYS`."""
    set_settings(store, {key: value})


def set_settings(store: Store, values: Mapping[str, str]) -> None:
    """Set (or with an empty value, clear) several of :data:`KNOWN_KEYS` in one transaction.

    Every value is checked before anything is written: one bad value changes nothing.
    """
    clean: dict[str, str] = {}
    for key, value in values.items():
        if key not in KNOWN_KEYS:
            raise BadInput(f"unknown setting '{key}'; use one of: {', '.join(sorted(KNOWN_KEYS))}")
        clean[key] = " ".join(value.split())
        if len(clean[key]) > 200:
            raise BadInput(f"the {key} setting is too long (at most 200 characters)")
        if key == "clinic_phone":
            check_phone(clean[key], "clinic phone number")
        elif key == "clinic_email":
            check_email(clean[key], "clinic e-mail address")
        elif (
            key == "caldav_days"
            and clean[key]
            and not (clean[key].isdigit() and 1 <= int(clean[key]) <= 1830)
        ):
            raise BadInput("caldav_days is a whole number of days from 1 to 1830 (default 180)")
        elif key == "clinic_language" and clean[key]:
            clean[key] = parse_language(clean[key])
    with store.write("change settings") as s:
        for key, value in clean.items():
            row = s.get(ClinicSetting, key)
            if not value:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(ClinicSetting(key=key, value=value))
            else:
                row.value = value


def clinic_details(store: Store) -> ClinicDetails:
    """The clinic's name, phone, e-mail and address (one read)."""
    with store.read() as s:
        return details_from(read_settings(s))


def set_clinic_details(
    store: Store,
    *,
    name: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    address: str | None = None,
    language: str | None = None,
) -> ClinicDetails:
    """Change the clinic's details in one transaction: None leaves one as it is, "" clears it.

    The phone and e-mail are checked for their shape first; one bad value changes nothing.
    Returns the details as they are afterwards.
    """
    given = {"clinic_name": name, "clinic_phone": phone, "clinic_email": email}
    given["clinic_address"] = address
    given["clinic_language"] = language
    set_settings(store, {k: v for k, v in given.items() if v is not None})
    return clinic_details(store)
