"""The advice the clinic gives a patient about a session, in one place.

The patient's calendar entry (:mod:`planner.ics.content`) and the printed plan card
(:mod:`planner.services.plan_card`) give the same advice in the same words: how to prepare,
what is normal afterwards, when to call, and how to cancel or move. Change the wording here
and both change. Nothing here names a diagnosis, a region or a screening flag.
"""

from __future__ import annotations

from planner.core.domain import Modality


def preparation(modality: Modality) -> str:
    """How to prepare for a session of ``modality``."""
    if modality.needling:
        return (
            "Before your session: have a light meal an hour or two before, wear loose clothing "
            "that gives easy access to the areas being treated, and tell your practitioner "
            "about any new medicines or changes in your health."
        )
    return (
        "Before your session: wear comfortable clothing you can move in, and tell your "
        "practitioner about any new medicines or changes in your health."
    )


def aftercare(modality: Modality) -> str:
    """What is normal after a session of ``modality``."""
    where = " where the needles were" if modality.needling else ""
    return (
        f"After your session: mild soreness or a small bruise{where} is normal and usually "
        "passes within a day or two. Drink some water and take it easy for the rest of the day."
    )


def call(clinic_name: str, phone: str = "") -> str:
    """``call Oslo Needling on +47 22 00 00 00`` (without a phone: ``call Oslo Needling``)."""
    return f"call {clinic_name} on {phone}" if phone else f"call {clinic_name}"


def warning_signs(how_to_call: str) -> str:
    """When the patient should get in touch: fever or increasing pain."""
    return f"If you get a fever or the pain increases, {how_to_call}."
