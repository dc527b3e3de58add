"""What each export profile reveals: the one place that turns session facts into event text.

An .ics file leaves the clinic. The **patient** profile is written for the patient's own
phone: the kind of session and its number, the clinic, the place, preparation and after-care
advice with the clinic's phone number, and nothing else. It never reads the plan's template
name (a template such as "Fibromyalgia acupuncture" is a diagnosis), the target or treated
regions, screening flags, notes, pain scores, or any patient's name. The **practitioner**
profile names the patient by initials or chart number and shows the target regions, room and
session number. The **full** profile shows everything and is for use inside the clinic only.

The words are the reader's (:attr:`SessionFacts.language`, through the gettext catalogue of
:mod:`planner.core.i18n`); dates and times are CLDR's for that language.

Each function here reads only the fields its profile may show, so what a profile can leak is
visible in one screen of code; the tests grep exported bytes for what must not be there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

from planner.core import advice, vocabulary
from planner.core.domain import Kind, Modality
from planner.core.i18n import Words, words
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
    language: str = "en"
    """The language the text is written in: the patient's for the patient profile, the
    clinic's for the others (or what the export was asked for)."""


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
def region_labels(codes: tuple[str, ...], language: str = "en") -> str:
    # cached: parse_region costs ~30 us, and a whole-clinic export asks for the same few
    # regions on every one of its sessions
    return vocabulary.region_codes(codes, words(language))


def _w(f: SessionFacts) -> Words:
    return words(f.language)


def _kind(f: SessionFacts, patient: bool = False) -> str:
    """``assessment``, ``treatment``: the kind in running text (a patient's words with
    ``patient``)."""
    return vocabulary.kind(f.kind, _w(f), patient=patient).lower()


def _modality(f: SessionFacts) -> str:
    return vocabulary.modality(f.modality, _w(f))


def _kind_words(f: SessionFacts) -> str:
    """``session 3 of 9`` for treatments, ``assessment`` and so on for the others."""
    w = _w(f)
    if f.kind is Kind.TREATMENT:
        if f.number is None:
            return w.gettext("session")
        return w.gettext("session {number} of {of}").format(number=f.number, of=f.of)
    kind = _kind(f, patient=True)
    if f.number is not None and f.of > 1:
        return w.gettext("{kind} {number} of {of}").format(kind=kind, number=f.number, of=f.of)
    return kind


def _short_kind(f: SessionFacts, span: str | None = None) -> str:
    """``acupuncture treatment 3/9`` for the practitioner's and the full summaries."""
    n = f" {f.number}/{f.of}" if f.number is not None and f.of > 1 else ""
    return f"{_modality(f).lower()} {_kind(f)}{f' {span}' if span else n}"


def _session_line(f: SessionFacts, span: str | None) -> str:
    """``treatment 3 of 9``; ``treatment 1-9/9`` for a series; ``assessment`` alone."""
    if span:
        return f"{_kind(f)} {span}"
    if f.number is not None and f.of > 1:
        return (
            _w(f).gettext("{kind} {number} of {of}").format(kind=_kind(f), number=f.number, of=f.of)
        )
    return _kind(f)


def _place(f: SessionFacts) -> str:
    return f"{f.location_name}, {f.location_address}" if f.location_address else f.location_name


def _cancelled(f: SessionFacts, prefix_needed: bool, text: str) -> str:
    return _w(f).gettext("Cancelled: {text}").format(text=text) if prefix_needed else text


def _call(f: SessionFacts) -> str:
    return advice.call(f.clinic_name, f.clinic_phone, _w(f))


# -- the patient profile ------------------------------------------------------------------------


def patient_text(f: SessionFacts, what: str | None = None) -> EventText:
    """The patient profile: no diagnosis, flags, regions, notes or names of patients.

    ``what`` replaces "session 3 of 9" (a recurring event says "sessions 1-9 of 9").
    """
    w = _w(f)
    what = what or _kind_words(f)
    modality = _modality(f)
    summary = _cancelled(
        f,
        f.cancelled,
        w.gettext("{modality} - {what} - {clinic}").format(
            modality=modality, what=what, clinic=f.clinic_name
        ),
    )
    place = _place(f)
    if f.cancelled:
        description = "\n".join(
            [
                w.gettext(
                    "This {modality} {what} with {practitioner} at {location} on {when} is "
                    "cancelled."
                ).format(
                    modality=modality.lower(),
                    what=what,
                    practitioner=f.practitioner_name,
                    location=f.location_name,
                    when=w.date_time_long(f.start_local),
                ),
                "",
                w.gettext("To book a new time, {call}.").format(call=_call(f)),
            ]
        )
        return EventText(summary, description, place, alarm="")
    description = "\n".join(
        [
            w.gettext(
                "{modality} {what} with {practitioner} at {location}, {minutes} minutes."
            ).format(
                modality=modality,
                what=what,
                practitioner=f.practitioner_name,
                location=f.location_name,
                minutes=f.duration_min,
            ),
            "",
            advice.preparation(f.modality, w),
            "",
            advice.aftercare(f.modality, w),
            "",
            advice.warning_signs(_call(f), w),
            w.gettext("To change or cancel this appointment, {call}.").format(call=_call(f)),
        ]
    )
    alarm = w.gettext("{modality} at {time}, {location}").format(
        modality=modality, time=w.time(f.start_local), location=f.location_name
    )
    return EventText(summary, description, place, alarm=alarm)


def patient_series_text(first: SessionFacts, last: SessionFacts, count: int) -> EventText:
    """The text of a patient's recurring event: ``Acupuncture - sessions 1-9 of 9``."""
    w = _w(first)
    if first.kind is Kind.TREATMENT and first.number is not None and last.number is not None:
        what = w.gettext("sessions {first}-{last} of {of}").format(
            first=first.number, last=last.number, of=first.of
        )
    else:
        what = w.ngettext("{kind} session ({count})", "{kind} sessions ({count})", count).format(
            kind=_kind(first, patient=True), count=count
        )
    return patient_text(first, what)


# -- the practitioner profile -------------------------------------------------------------------


def patient_label(f: SessionFacts, label: PatientLabel) -> str:
    if label is PatientLabel.CHART:
        if f.chart_number:
            return _w(f).gettext("chart {number}").format(number=f.chart_number)
        return initials(f.patient_name)
    return initials(f.patient_name)


def practitioner_text(f: SessionFacts, label: PatientLabel, span: str | None = None) -> EventText:
    """The practitioner profile: who (initials or chart), what, where; no flags or notes."""
    w = _w(f)
    who = patient_label(f, label)
    summary = _cancelled(f, f.cancelled, f"{who} - {_short_kind(f, span)}")
    not_set = w.gettext("not set")
    lines = [
        w.gettext("Patient: {who}").format(who=who),
        w.gettext("Session: {what}").format(what=_session_line(f, span)),
        w.gettext("Modality: {modality}").format(modality=_modality(f)),
        w.gettext("Target regions: {regions}").format(
            regions=region_labels(f.target_regions, f.language) or not_set
        ),
        w.gettext("Room: {room}").format(room=f.room_name or not_set),
        w.gettext("Practitioner: {name}").format(name=f.practitioner_name),
        w.gettext("Length: {minutes} minutes").format(minutes=f.duration_min),
    ]
    if f.cancelled:
        lines.insert(0, w.gettext("This session is cancelled."))
    where = f"{f.room_name}, {f.location_name}" if f.room_name else f.location_name
    return EventText(summary, "\n".join(lines), where, alarm="" if f.cancelled else summary)


# -- the full profile ---------------------------------------------------------------------------


def full_text(f: SessionFacts, span: str | None = None) -> EventText:
    """Everything the clinic knows about the session. Health data: stays in the clinic."""
    w = _w(f)
    summary = _cancelled(f, f.cancelled, f"{f.patient_name} - {_short_kind(f, span)}")
    flag_labels = [vocabulary.flag(code, w) for code in f.flags]
    not_set = w.gettext("not set")
    patient = w.gettext("Patient: {who}").format(who=f.patient_name)
    if f.chart_number:
        patient += w.gettext(" (chart {number})").format(number=f.chart_number)
    flags = w.gettext("Screening flags: {flags}").format(
        flags=", ".join(flag_labels) or w.gettext("none")
    )
    if f.acknowledged_flags:
        flags += w.gettext(" (acknowledged: {flags})").format(flags=", ".join(f.acknowledged_flags))
    lines = [
        patient,
        w.gettext("Phone: {phone}").format(phone=f.patient_phone or "-"),
        w.gettext("Plan: {plan}").format(plan=f.template_name or _modality(f)),
        w.gettext("Session: {what}, {status}").format(
            what=_session_line(f, span), status=vocabulary.status(f.status, w).lower()
        ),
        w.gettext("Target regions: {regions}").format(
            regions=region_labels(f.target_regions, f.language) or not_set
        ),
        flags,
        w.gettext("Room: {room}").format(room=f.room_name or not_set),
        w.gettext("Practitioner: {name}").format(name=f.practitioner_name),
    ]
    if f.treated:
        pain = w.gettext("{region} pain {pain}/10")
        lines.append(
            w.gettext("Treated: {regions}").format(
                regions=", ".join(
                    pain.format(region=region_labels((code,), f.language), pain=score)
                    if score is not None
                    else region_labels((code,), f.language)
                    for code, score in f.treated
                )
            )
        )
    if f.plan_notes:
        lines.append(w.gettext("Plan notes: {notes}").format(notes=f.plan_notes))
    if f.notes:
        lines.append(w.gettext("Session notes: {notes}").format(notes=f.notes))
    if f.patient_notes:
        lines.append(w.gettext("Patient notes: {notes}").format(notes=f.patient_notes))
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
