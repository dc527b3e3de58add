"""The advice the clinic gives a patient about a session, in one place, in their language.

The patient's calendar entry (:mod:`planner.ics.content`) and the printed plan card
(:mod:`planner.services.plan_card`) give the same advice in the same words: how to prepare,
what is normal afterwards, when to call, and how to cancel or move. Change the wording here
and both change (the bokmål is in ``planner/locale/nb/LC_MESSAGES/planner.po``). Nothing here
names a diagnosis, a region or a screening flag.
"""

from __future__ import annotations

from planner.core.domain import Modality
from planner.core.i18n import Words, words


def preparation(modality: Modality, w: Words | None = None) -> str:
    """How to prepare for a session of ``modality``."""
    w = w or words("en")
    if modality.needling:
        return w.gettext(
            "Before your session: have a light meal an hour or two before, wear loose clothing "
            "that gives easy access to the areas being treated, and tell your practitioner "
            "about any new medicines or changes in your health."
        )
    return w.gettext(
        "Before your session: wear comfortable clothing you can move in, and tell your "
        "practitioner about any new medicines or changes in your health."
    )


def aftercare(modality: Modality, w: Words | None = None) -> str:
    """What is normal after a session of ``modality``."""
    w = w or words("en")
    if modality.needling:
        return w.gettext(
            "After your session: mild soreness or a small bruise where the needles were is "
            "normal and usually passes within a day or two. Drink some water and take it easy "
            "for the rest of the day."
        )
    return w.gettext(
        "After your session: mild soreness or a small bruise is normal and usually passes "
        "within a day or two. Drink some water and take it easy for the rest of the day."
    )


def call(clinic_name: str, phone: str = "", w: Words | None = None) -> str:
    """``call Oslo Needling on +47 22 00 00 00`` (without a phone: ``call Oslo Needling``)."""
    w = w or words("en")
    if phone:
        return w.gettext("call {clinic} on {phone}").format(clinic=clinic_name, phone=phone)
    return w.gettext("call {clinic}").format(clinic=clinic_name)


def warning_signs(how_to_call: str, w: Words | None = None) -> str:
    """When the patient should get in touch: fever or increasing pain."""
    w = w or words("en")
    return w.gettext("If you get a fever or the pain increases, {call}.").format(call=how_to_call)
