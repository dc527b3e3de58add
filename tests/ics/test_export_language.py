"""A calendar file in the patient's language: bokmål for a Norwegian patient, English for an
English one at the same clinic, and the same sessions in every independent reader either way."""

from __future__ import annotations

from datetime import datetime

import icalendar
import pytest
from sqlalchemy import update

from planner.db.models import Patient
from planner.ics.model import Profile, Shape
from planner.services.calendar_export import export_calendar
from planner.services.clinic_settings import set_setting
from planner.services.export_scope import Scope

from .conftest import Scenario, booked_instants
from .helpers import PARSERS, strict_check, vevents

EXPORT_AT = datetime(2026, 9, 4, 8, 0)


def _speaks(sc: Scenario, patient_id: int, language: str) -> None:
    with sc.clinic.store.write() as s:
        s.execute(update(Patient).where(Patient.id == patient_id).values(language=language))


def _export(sc: Scenario, plan_id: int, **kw: object) -> bytes:
    res = export_calendar(sc.clinic.store, Scope.plan(plan_id), now=EXPORT_AT, **kw)  # type: ignore[arg-type]
    assert res.data is not None
    return res.data


def _texts(data: bytes) -> list[tuple[str, str]]:
    return [(str(ev["SUMMARY"]), str(ev.get("DESCRIPTION", ""))) for ev in vevents(data)]


@pytest.mark.parametrize("shape", list(Shape))
def test_a_norwegian_patient_reads_bokmal_and_an_english_one_english(
    scenario: Scenario, shape: Shape
) -> None:
    _speaks(scenario, scenario.clinic.ola, "nb")
    nb = _export(scenario, scenario.plan_id, shape=shape)
    en = _export(scenario, scenario.other_plan_id, shape=shape)
    strict_check(nb)
    strict_check(en)
    for data, plan in ((nb, scenario.plan_id), (en, scenario.other_plan_id)):
        want = booked_instants(scenario.clinic.store, plan)
        for name, expand in PARSERS.items():
            assert expand(data) == want, name
    nb_texts = _texts(nb)
    summaries = [s for s, _ in nb_texts]
    if shape is Shape.SESSIONS:
        assert "Akupunktur – behandling 3 av 8 – Oslo sentrum" in summaries
        assert "Akupunktur – førstegangsundersøkelse – Oslo sentrum" in summaries
    else:
        assert any(s.startswith("Akupunktur – behandling 1–") for s in summaries), summaries
    described = "\n".join(d for _, d in nb_texts)
    assert "Etter timen: Litt ømhet eller et lite blåmerke der nålene satt" in described
    assert "ring Oslo sentrum på +47 22 00 00 00" in described
    if shape is Shape.SESSIONS:  # (a series leaves the cancelled session out as an EXDATE)
        assert "Avlyst: Akupunktur – behandling – Oslo sentrum" in summaries
        assert any("er avlyst." in d and "kl. 10:00" in d for _, d in nb_texts)
    assert "After your session" not in described and " minutes" not in described
    calendar = icalendar.Calendar.from_ical(nb)
    assert str(calendar["X-WR-CALNAME"]) == "Timer hos Oslo sentrum"
    # The patient's file still names no diagnosis, region or flag, in any language.
    lowered = nb.decode().lower()
    for clinical in ("fibromyalgi", "nakke", "skuldre", "korsrygg", "blodfortynnende"):
        assert clinical not in lowered, clinical
    en_texts = _texts(en)
    assert any(s.startswith("Dry needling - session 1 of ") for s, _ in en_texts) or any(
        s.startswith("Dry needling - sessions 1-") for s, _ in en_texts
    )
    assert "After your session" in "\n".join(d for _, d in en_texts)


def test_the_export_can_be_asked_for_another_language(scenario: Scenario) -> None:
    _speaks(scenario, scenario.clinic.ola, "nb")
    english = _texts(_export(scenario, scenario.plan_id, language="en"))
    assert "Acupuncture - session 3 of 8 - Oslo sentrum" in [s for s, _ in english]
    bokmal = _texts(_export(scenario, scenario.other_plan_id, language="nb"))
    assert all(s.startswith(("Dry needling – ", "Avlyst: ")) for s, _ in bokmal), bokmal


def test_practitioners_calendars_follow_the_clinic_language(scenario: Scenario) -> None:
    data = _export(scenario, scenario.plan_id, profile=Profile.PRACTITIONER)
    assert "Patient: " in "\n".join(d for _, d in _texts(data))
    set_setting(scenario.clinic.store, "clinic_language", "norsk")
    data = _export(scenario, scenario.plan_id, profile=Profile.PRACTITIONER)
    described = "\n".join(d for _, d in _texts(data))
    assert "Pasient: O.H." in described
    assert "Områder: Nakke, Skulder (begge), Korsrygg" in described
    assert "Varighet: 45 minutter" in described or "Varighet: 30 minutter" in described
