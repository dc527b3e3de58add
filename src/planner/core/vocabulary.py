"""The clinic's words in the reader's language: kinds, modalities, regions, flags, statuses.

The codes (``lower-back``, ``anticoagulants``, ``no-show``) never change: the command line, the
database and scripts use them. What a person reads is the code's label, translated with the
reader's :class:`~planner.core.i18n.Words`: the window's language in the window, the patient's
in a patient's documents. The bokmål words are chosen in ``resources/translations/GLOSSARY.md``.
"""

from __future__ import annotations

from planner.core.domain import (
    AppointmentStatus,
    Kind,
    Modality,
    PlanStatus,
    Profession,
    ScreeningFlag,
)
from planner.core.i18n import N_, Words
from planner.core.outcomes import Measure
from planner.core.regions import BodyRegion, Region, Side, parse_region
from planner.errors import BadInput

_STATUS_LABELS = {
    AppointmentStatus.BOOKED: N_("Booked"),
    AppointmentStatus.ATTENDED: N_("Attended"),
    AppointmentStatus.CANCELLED: N_("Cancelled"),
    AppointmentStatus.NO_SHOW: N_("No-show"),
}

_SIDES = {
    Side.LEFT: N_("{region} (left)"),
    Side.RIGHT: N_("{region} (right)"),
    Side.BOTH: N_("{region} (both)"),
}


def _patient_kinds(w: Words) -> dict[Kind, str]:
    # A patient reads some kinds in fuller words than the desk (GLOSSARY.md: an assessment is
    # "førstegangsundersøkelse" to the patient, "undersøkelse" in the window).
    return {
        Kind.ASSESSMENT: w.pgettext("patient", "Assessment"),
        Kind.TREATMENT: w.pgettext("patient", "Treatment"),
        Kind.REASSESSMENT: w.pgettext("patient", "Reassessment"),
        Kind.FOLLOW_UP: w.pgettext("patient", "Follow-up"),
    }


def kind(k: Kind, w: Words, *, patient: bool = False) -> str:
    """``Undersøkelse`` / ``Assessment``; for a patient's document (``patient``),
    ``Førstegangsundersøkelse``."""
    if patient:
        return _patient_kinds(w)[k]
    return w.gettext(k.label)


def modality(m: Modality, w: Words) -> str:
    """``Akupunktur`` / ``Acupuncture``."""
    return w.gettext(m.label)


def profession(p: Profession, w: Words) -> str:
    """``Fysioterapeut`` / ``Physiotherapist``."""
    return w.gettext(p.label)


def flag(f: ScreeningFlag | str, w: Words) -> str:
    """``Bruker blodfortynnende medisiner`` / ``Takes anticoagulants``; an unknown code as is."""
    try:
        return w.gettext(ScreeningFlag(f).label)
    except ValueError:
        return str(f)


def status(s: AppointmentStatus | str, w: Words) -> str:
    """A session's status: ``Bestilt``, ``Møtt``, ``Avlyst``, ``Ikke møtt``."""
    try:
        return w.gettext(_STATUS_LABELS[AppointmentStatus(s)])
    except ValueError:
        return str(s)


def plan_status(s: PlanStatus | str, w: Words) -> str:
    """A plan's status: ``Aktiv``, ``Fullført``, ``Avsluttet``."""
    labels = {
        PlanStatus.ACTIVE: w.pgettext("plan", "Active"),
        PlanStatus.COMPLETED: w.pgettext("plan", "Completed"),
        PlanStatus.CANCELLED: w.pgettext("plan", "Cancelled"),
    }
    try:
        return labels[PlanStatus(s)]
    except ValueError:
        return str(s)


def measure(m: Measure, w: Words) -> str:
    """A whole-body score's name: ``Utmattelse`` / ``Fatigue``."""
    return w.gettext(m.label)


def measure_scale(m: Measure, w: Words) -> str:
    """What 0 and 10 mean for a whole-body score, in ``w``'s language."""
    return w.gettext(m.scale)


def region(r: Region, w: Words) -> str:
    """A region without its side: ``Korsrygg`` / ``Lower back``."""
    return w.gettext(r.label)


def body_region(b: BodyRegion, w: Words) -> str:
    """``Skulder (venstre)`` / ``Shoulder (left)``; ``Nakke`` / ``Neck``."""
    name = w.gettext(b.region.label)
    if b.side is None:
        return name
    return w.gettext(_SIDES[b.side]).format(region=name)


def region_code(code: str, w: Words) -> str:
    """The label of a region written as its code (``shoulder-left``); an unknown code as is."""
    try:
        return body_region(parse_region(code), w)
    except BadInput:
        return code


def region_codes(codes: tuple[str, ...] | list[str], w: Words) -> str:
    """``Nakke, Skuldre (begge)`` / ``Neck, Shoulder (both)``: a list of region codes."""
    return ", ".join(region_code(c, w) for c in codes)
