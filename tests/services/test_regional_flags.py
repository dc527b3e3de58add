"""Region-aware screening flags: a flag may name where it applies (lymphoedema, left arm)."""

from __future__ import annotations

from typing import Any

import pytest

from planner.core.domain import ScreeningFlag
from planner.db.models import Patient, Plan
from planner.errors import BadInput, ScreeningRequired
from planner.services import clinic
from planner.services.booking.plans import PlanRequest, book, preview

from ..conftest import FROZEN_NOW, Clinic

ARM_LEFT = ("shoulder-left", "elbow-left", "wrist-hand-left")


@pytest.mark.parametrize(
    ("spec", "flag", "regions"),
    [
        ("anticoagulants", ScreeningFlag.ANTICOAGULANTS, None),
        ("lymphoedema:arm-left", ScreeningFlag.LYMPHOEDEMA, ARM_LEFT),
        ("Lymphedema: left arm", ScreeningFlag.LYMPHOEDEMA, ARM_LEFT),
        (
            "lymphoedema:legs",
            ScreeningFlag.LYMPHOEDEMA,
            ("hip-left", "hip-right", "knee-left", "knee-right", "foot-left", "foot-right"),
        ),
        (
            "lymphoedema:shoulders,neck",
            ScreeningFlag.LYMPHOEDEMA,
            ("neck", "shoulder-left", "shoulder-right"),
        ),
        (
            "metal-allergy:wrist-hand-right",
            ScreeningFlag.NEEDLE_OR_METAL_ALLERGY,
            ("wrist-hand-right",),
        ),
    ],
)
def test_flag_specs(spec: str, flag: ScreeningFlag, regions: tuple[str, ...] | None) -> None:
    assert clinic.parse_flag_spec(spec) == (flag, regions)
    assert clinic.parse_flag_spec(clinic.flag_spec(flag.value, regions)) == (flag, regions)


@pytest.mark.parametrize(
    ("spec", "match"),
    [
        ("lymphoedema:arm", "say which arm"),
        ("lymphoedema:tail", "unknown body region"),
        ("lymphoedema:", "no body region"),
        ("sunburn:arm-left", "unknown screening flag"),
    ],
)
def test_bad_flag_specs(spec: str, match: str) -> None:
    with pytest.raises(BadInput, match=match):
        clinic.parse_flag_spec(spec)


def test_flag_text_names_limbs() -> None:
    assert clinic.flag_text("lymphoedema", ARM_LEFT) == "Lymphoedema (left arm)"
    assert clinic.flag_text("lymphoedema", clinic.parse_flag_regions("arms,knee-right")) == (
        "Lymphoedema (both arms, right knee)"
    )
    assert clinic.flag_text("lymphoedema", ("shoulder-left", "shoulder-right")) == (
        "Lymphoedema (both shoulders)"
    )
    assert clinic.flag_text("anticoagulants") == "Takes anticoagulants"


def test_add_patient_stores_regions_and_merges_specs_of_one_flag(oslo: Clinic) -> None:
    p = clinic.add_patient(
        oslo.store,
        "Eva Lund",
        flags=["lymphoedema:arm-left", "lymphoedema:knee-left", "anticoagulants"],
    )
    with oslo.store.read() as s:
        row = s.get(Patient, p.id)
        assert row is not None
        stored = {f.flag: f.regions for f in row.flags}
    assert stored == {
        "lymphoedema": ["shoulder-left", "elbow-left", "wrist-hand-left", "knee-left"],
        "anticoagulants": None,
    }
    whole = clinic.merge_flag_specs(["lymphoedema:arm-left", "lymphoedema"])
    assert whole == {ScreeningFlag.LYMPHOEDEMA: None}


def _request(c: Clinic, patient: int, regions: list[str], **kw: Any) -> PlanRequest:
    return PlanRequest(
        patient_id=patient,
        practitioner_id=kw.pop("practitioner", c.practitioner),
        start=kw.pop("start", "2026-09-15T10:00"),
        template=kw.pop("template", "Fibromyalgia acupuncture"),
        regions=regions,
        **kw,
    )


def test_a_plan_targeting_a_flagged_region_needs_acknowledgement(oslo: Clinic) -> None:
    eva = clinic.add_patient(oslo.store, "Eva Lund", flags=["lymphoedema:arm-left"]).id
    req = _request(oslo, eva, ["neck", "shoulder-left"])
    pv = preview(oslo.store, req)
    assert pv.context.needs_acknowledgement
    assert pv.to_json()["flags_to_acknowledge"] == ["lymphoedema"]
    assert "lymphoedema (left arm), which the plan targets" in pv.warnings[0]
    with pytest.raises(ScreeningRequired, match="left arm") as exc:
        book(oslo.store, req, now=FROZEN_NOW)
    assert exc.value.details["screening_flags"] == ["lymphoedema"]
    req.acknowledge_flags = True
    res = book(oslo.store, req, now=FROZEN_NOW)
    with oslo.store.read() as s:
        plan = s.get(Plan, res.plan_id)
        assert plan is not None and plan.acknowledged_flags == ["lymphoedema"]


def test_both_shoulders_overlap_a_one_sided_flag(oslo: Clinic) -> None:
    eva = clinic.add_patient(oslo.store, "Eva Lund", flags=["lymphoedema:arm-left"]).id
    assert preview(oslo.store, _request(oslo, eva, ["shoulders"])).context.needs_acknowledgement
    right_only = preview(oslo.store, _request(oslo, eva, ["shoulder-right", "neck"]))
    assert not right_only.context.needs_acknowledgement
    assert right_only.warnings == []


def test_a_plan_elsewhere_books_without_acknowledgement(oslo: Clinic) -> None:
    eva = clinic.add_patient(oslo.store, "Eva Lund", flags=["lymphoedema:arm-left"]).id
    res = book(oslo.store, _request(oslo, eva, ["neck", "lower-back"]), now=FROZEN_NOW)
    assert res.plan_id


def test_a_needling_plan_without_target_regions_asks_about_a_regional_flag(oslo: Clinic) -> None:
    eva = clinic.add_patient(oslo.store, "Eva Lund", flags=["lymphoedema:arm-left"]).id
    with pytest.raises(ScreeningRequired, match="lymphoedema"):
        book(
            oslo.store,
            _request(oslo, eva, [], template="Dry needling, acute"),
            now=FROZEN_NOW,
        )


def test_regional_flags_apply_to_every_modality_whole_body_flags_to_needling(oslo: Clinic) -> None:
    """A physiotherapy plan on the lymphoedema arm is asked about; one elsewhere is not, and
    a whole-body flag (anticoagulants) still only matters for needling."""
    eva = clinic.add_patient(
        oslo.store, "Eva Lund", flags=["lymphoedema:arm-left", "anticoagulants"]
    ).id
    physio = dict(
        practitioner=oslo.physio, start="2026-09-16T09:00", template="Physiotherapy, fortnightly"
    )
    on_arm = preview(oslo.store, _request(oslo, eva, ["elbow-left"], **physio))
    assert [f.value for f in on_arm.context.flags_to_acknowledge] == ["lymphoedema"]
    assert "screening flags for this plan" in on_arm.warnings[0]
    elsewhere = _request(oslo, eva, ["knee-right"], **physio)
    assert book(oslo.store, elsewhere, now=FROZEN_NOW).plan_id
