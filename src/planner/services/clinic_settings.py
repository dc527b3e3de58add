"""Clinic-wide settings that calendar files show: the clinic's name, phone and e-mail.

Stored as keys in the ``clinic_settings`` table. Every key is optional: a patient's calendar
names the clinic by the ``clinic_name`` setting or else by the location's name, and gives the
location's own phone number (the department the patient goes to) or else ``clinic_phone``.
``clinic_email`` is the ORGANIZER of a METHOD:CANCEL file (else the practitioner's e-mail).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.db.models import ClinicSetting
from planner.db.store import Store
from planner.errors import BadInput

KNOWN_KEYS = {
    "clinic_name": "the clinic's name in patients' calendars (default: the location's name)",
    "clinic_phone": "the phone number patients call when a location has none",
    "clinic_email": "the organiser address of cancellation (METHOD:CANCEL) files",
}


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
    with store.write() as s:
        for key, value in clean.items():
            row = s.get(ClinicSetting, key)
            if not value:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(ClinicSetting(key=key, value=value))
            else:
                row.value = value
