"""What each export profile reveals: the one place that turns session facts into event text.

An .ics file leaves the clinic. The **patient** profile is written for the patient's own
phone: the kind of session and its number, the clinic, the place, preparation and after-care
advice with the clinic's phone number, and nothing else. It never reads the plan's template
name (a template such as "Fibromyalgia acupuncture" is a diagnosis), the target or treated
regions, screening flags, notes, pain scores, or any patient's name. The **practitioner**
profile names the patient by initials or chart number and shows the target regions, room and
session number. The **full** profile shows everything and is for use inside the clinic only.

Each function here reads only the fields its profile may show, so what a profile can leak is
visible in one screen of code; the tests grep exported bytes for what must not be there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from planner.core import advice
from planner.core.domain import Kind, Modality, ScreeningFlag
from planner.core.regions import parse_region
from planner.errors import BadInput
from planner.ics.model import EventText, PatientLabel, Profile


@dataclass(frozen=True)
class SessionFacts:
    """Everything any profile may want to say about one session, as plain values."""

    appointment_id: int
    plan_id: int
    kind: Kind
    number: int | None
    """Its place among the plan's active sessions of its kind; None when cancelled."""
    of: int
    modality: Modality
    cancelled: bool
    start_local: datetime
    duration_min: int
    clinic_name: str
    clinic_phone: str
    location_name: str
    location_address: str
    room_name: str | None
    practitioner_name: str
    patient_id: int
    patient_name: str
    chart_number: str | None
    patient_phone: str = ""
    template_name: str | None = None
    target_regions: tuple[str, ...] = ()
    treated: tuple[tuple[str, int | None], ...] = ()
    flags: tuple[str, ...] = ()
    acknowledged_flags: tuple[str, ...] = ()
    plan_notes: str = ""
    notes: str = ""
    patient_notes: str = ""
    status: str = "booked"


# -- shared wording ----------------------------------------------------------------------------


def initials(name: str) -> str:
    """``Kari Nordmann`` -> ``K.N.``; ``Anne-Marie Berg`` -> ``A.B.`` (at most four letters)."""
    words = [w for w in name.split() if w[:1].isalpha()]
    if not words:
        return "?"
    if len(words) > 4:
        words = [words[0], *words[-3:]]
    return "".join(f"{w[0].upper()}." for w in words)


@lru_cache(maxsize=4096)
def region_labels(codes: tuple[str, ...]) -> str:
    # cached: parse_region costs ~30 us, and a whole-clinic export asks for the same few
    # regions on every one of its sessions
    labels = []
    for code in codes:
        try:
            labels.append(parse_region(code).label)
        except BadInput:
            labels.append(code)
    return ", ".join(labels)


def _kind_words(f: SessionFacts) -> str:
    """``session 3 of 9`` for treatments, ``assessment`` and so on for the others."""
    if f.kind is Kind.TREATMENT:
        if f.number is None:
            return "session"
        return f"session {f.number} of {f.of}"
    words = f.kind.label.lower()
    if f.number is not None and f.of > 1:
        words += f" {f.number} of {f.of}"
    return words


def _short_kind(f: SessionFacts, span: str | None = None) -> str:
    """``acupuncture treatment 3/9`` for the practitioner's and the full summaries."""
    n = f" {f.number}/{f.of}" if f.number is not None and f.of > 1 else ""
    return f"{f.modality.label.lower()} {f.kind.value}{f' {span}' if span else n}"


def _session_line(f: SessionFacts, span: str | None) -> str:
    """``treatment 3 of 9``; ``treatment 1-9/9`` for a series; ``assessment`` alone."""
    words = f.kind.label.lower()
    if span:
        return f"{words} {span}"
    if f.number is not None and f.of > 1:
        return f"{words} {f.number} of {f.of}"
    return words


def _place(f: SessionFacts) -> str:
    return f"{f.location_name}, {f.location_address}" if f.location_address else f.location_name


def _cancelled(prefix_needed: bool, text: str) -> str:
    return f"Cancelled: {text}" if prefix_needed else text


def _call(f: SessionFacts) -> str:
    return advice.call(f.clinic_name, f.clinic_phone)


# -- the patient profile ------------------------------------------------------------------------


def patient_text(f: SessionFacts, what: str | None = None) -> EventText:
    """The patient profile: no diagnosis, flags, regions, notes or names of patients.

    ``what`` replaces "session 3 of 9" (a recurring event says "sessions 1-9 of 9").
    """
    what = what or _kind_words(f)
    summary = _cancelled(f.cancelled, f"{f.modality.label} - {what} - {f.clinic_name}")
    place = _place(f)
    if f.cancelled:
        description = "\n".join(
            [
                f"This {f.modality.label.lower()} {what} with {f.practitioner_name} at "
                f"{f.location_name} on {f.start_local:%A %d %B %Y at %H:%M} is cancelled.",
                "",
                f"To book a new time, {_call(f)}.",
            ]
        )
        return EventText(summary, description, place, alarm="")
    description = "\n".join(
        [
            f"{f.modality.label} {what} with {f.practitioner_name} at {f.location_name}, "
            f"{f.duration_min} minutes.",
            "",
            advice.preparation(f.modality),
            "",
            advice.aftercare(f.modality),
            "",
            advice.warning_signs(_call(f)),
            f"To change or cancel this appointment, {_call(f)}.",
        ]
    )
    alarm = f"{f.modality.label} at {f.start_local:%H:%M}, {f.location_name}"
    return EventText(summary, description, place, alarm=alarm)


def patient_series_text(first: SessionFacts, last: SessionFacts, count: int) -> EventText:
    """The text of a patient's recurring event: ``Acupuncture - sessions 1-9 of 9``."""
    if first.kind is Kind.TREATMENT and first.number is not None and last.number is not None:
        what = f"sessions {first.number}-{last.number} of {first.of}"
    else:
        what = f"{first.kind.label.lower()} sessions ({count})"
    return patient_text(first, what)


# -- the practitioner profile -------------------------------------------------------------------


def patient_label(f: SessionFacts, label: PatientLabel) -> str:
    if label is PatientLabel.CHART:
        return f"chart {f.chart_number}" if f.chart_number else initials(f.patient_name)
    return initials(f.patient_name)


def practitioner_text(f: SessionFacts, label: PatientLabel, span: str | None = None) -> EventText:
    """The practitioner profile: who (initials or chart), what, where; no flags or notes."""
    who = patient_label(f, label)
    summary = _cancelled(f.cancelled, f"{who} - {_short_kind(f, span)}")
    lines = [
        f"Patient: {who}",
        f"Session: {_session_line(f, span)}",
        f"Modality: {f.modality.label}",
        f"Target regions: {region_labels(f.target_regions) or 'not set'}",
        f"Room: {f.room_name or 'not set'}",
        f"Practitioner: {f.practitioner_name}",
        f"Length: {f.duration_min} minutes",
    ]
    if f.cancelled:
        lines.insert(0, "This session is cancelled.")
    where = f"{f.room_name}, {f.location_name}" if f.room_name else f.location_name
    return EventText(summary, "\n".join(lines), where, alarm="" if f.cancelled else summary)


# -- the full profile ---------------------------------------------------------------------------


def full_text(f: SessionFacts, span: str | None = None) -> EventText:
    """Everything the clinic knows about the session. Health data: stays in the clinic."""
    summary = _cancelled(f.cancelled, f"{f.patient_name} - {_short_kind(f, span)}")
    flag_labels = []
    for code in f.flags:
        try:
            flag_labels.append(ScreeningFlag(code).label)
        except ValueError:
            flag_labels.append(code)
    lines = [
        f"Patient: {f.patient_name}" + (f" (chart {f.chart_number})" if f.chart_number else ""),
        f"Phone: {f.patient_phone or '-'}",
        f"Plan: {f.template_name or f.modality.label}",
        f"Session: {_session_line(f, span)}, {f.status}",
        f"Target regions: {region_labels(f.target_regions) or 'not set'}",
        f"Screening flags: {', '.join(flag_labels) or 'none'}"
        + (f" (acknowledged: {', '.join(f.acknowledged_flags)})" if f.acknowledged_flags else ""),
        f"Room: {f.room_name or 'not set'}",
        f"Practitioner: {f.practitioner_name}",
    ]
    if f.treated:
        lines.append(
            "Treated: "
            + ", ".join(
                f"{region_labels((code,))}" + (f" pain {pain}/10" if pain is not None else "")
                for code, pain in f.treated
            )
        )
    if f.plan_notes:
        lines.append(f"Plan notes: {f.plan_notes}")
    if f.notes:
        lines.append(f"Session notes: {f.notes}")
    if f.patient_notes:
        lines.append(f"Patient notes: {f.patient_notes}")
    where = f"{f.room_name}, {f.location_name}" if f.room_name else f.location_name
    return EventText(summary, "\n".join(lines), where, alarm="" if f.cancelled else summary)


def text_for(f: SessionFacts, profile: Profile, label: PatientLabel) -> EventText:
    if profile is Profile.PATIENT:
        return patient_text(f)
    if profile is Profile.PRACTITIONER:
        return practitioner_text(f, label)
    return full_text(f)


def series_text(
    first: SessionFacts, last: SessionFacts, count: int, profile: Profile, label: PatientLabel
) -> EventText:
    """The text of a phase's recurring event (its occurrences share it).

    ``first`` and ``last`` are the series' first and last active sessions; ``count`` how many
    there are.
    """
    if profile is Profile.PATIENT:
        return patient_series_text(first, last, count)
    span = (
        f"{first.number}-{last.number}/{first.of}"
        if first.number is not None and last.number is not None
        else f"x{count}"
    )
    if profile is Profile.PRACTITIONER:
        return practitioner_text(first, label, span)
    # What belongs to one session (its notes, what was treated) is not the series'.
    return full_text(replace(first, notes="", treated=(), status="booked"), span)
