"""The patient form's e-mail consent goes through the form's two services: registering a new
patient and saving an edited one (the window's dialog saves through these)."""

from __future__ import annotations

import pytest

from planner.errors import BadInput
from planner.services.clinic import find_patients
from planner.services.patient_records import (
    PatientFields,
    patient_record,
    register_patient,
    save_patient,
)

from ..conftest import Clinic


def test_a_new_patient_can_agree_to_e_mail_and_not_without_an_address(oslo: Clinic) -> None:
    rec = register_patient(
        oslo.store, PatientFields("Åse Lie", email="ase@example.no", email_consent=True)
    )
    assert rec.email_consent and patient_record(oslo.store, rec.id).email_consent
    with pytest.raises(BadInput, match="no e-mail address"):
        register_patient(oslo.store, PatientFields("Bo Ek", email_consent=True))
    with oslo.store.read() as s:
        assert find_patients(s, "Bo Ek") == []  # refused before anything was written


def test_the_form_saves_the_consent_with_the_other_fields(oslo: Clinic) -> None:
    before = patient_record(oslo.store, oslo.kari)
    fields = PatientFields(
        before.name,
        before.date_of_birth,
        before.phone,
        "kari@example.no",
        before.chart_number,
        before.language,
        before.notes,
        before.flag_specs,
        email_consent=True,
    )
    edit = save_patient(oslo.store, oslo.kari, fields, expect=before)
    assert edit.after.email_consent and edit.after.email == "kari@example.no"
    no_address = PatientFields(before.name, email="", email_consent=True)
    with pytest.raises(BadInput, match="no e-mail address"):
        save_patient(oslo.store, oslo.kari, no_address, expect=edit.after)
    assert patient_record(oslo.store, oslo.kari) == edit.after  # nothing changed
    unticked = PatientFields(before.name, email="kari@example.no")
    off = save_patient(oslo.store, oslo.kari, unticked, expect=edit.after)
    assert not off.after.email_consent
