"""The printable plan card the patient takes home: what it says, without Qt.

One page with the clinic's name, address and phone, the practitioner, every session's
weekday, date and time in the clinic's zone, the after-care advice and what to do to cancel
or move a session. :func:`plan_card` reads what the card says; :func:`card_blocks` lays it
out as headings, paragraphs and the session table, which :mod:`planner.ui.plan_card` paints
onto a PDF or a printer page and the tests read as text.

Like the patient's calendar file (:mod:`planner.ics.content`, the patient profile), the card
leaves the clinic: it names the modality and the kinds of session, never the plan's template
(a template such as "Fibromyalgia acupuncture" is a diagnosis), regions, screening flags,
notes or scores. The preparation and after-care wording is the calendar file's, so the
patient reads the same advice in both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from planner.core import advice, vocabulary
from planner.core.domain import AppointmentStatus, Kind, Modality
from planner.core.i18n import Words, words
from planner.core.patient_input import LANGUAGES, parse_language
from planner.core.timeutil import to_local, utcnow, zone
from planner.core.typed_dates import MONTHS
from planner.db.models import Appointment, Location, Plan, Practitioner, Room
from planner.db.store import Store
from planner.services.clinic import get
from planner.services.clinic_settings import clinic_language, read_settings

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(d: date) -> str:
    """``15 September 2026`` (English names whatever the process locale is)."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


@dataclass(frozen=True)
class CardSession:
    number: int
    """1-based place in the plan (all kinds)."""
    start: datetime
    """Local wall-clock start in the clinic's zone."""
    kind: str
    """The session's kind (a :class:`Kind` value)."""
    nth: int
    """Its place among the plan's sessions of its kind."""
    of: int
    """How many sessions of its kind the plan has."""
    minutes: int
    status: str
    practitioner: str | None = None
    """Set only when another practitioner than the plan's sees the patient that day."""
    language: str = "en"

    @property
    def _w(self) -> Words:
        return words(self.language)

    @property
    def _kind(self) -> str:
        try:
            return vocabulary.kind(Kind(self.kind), self._w, patient=True)
        except ValueError:
            return self.kind

    @property
    def what(self) -> str:
        """``Assessment``, ``Treatment 3 of 9``, ``Follow-up``."""
        if self.of > 1:
            return self._w.gettext("{kind} {number} of {of}").format(
                kind=self._kind, number=self.nth, of=self.of
            )
        return self._kind

    @property
    def short(self) -> str:
        """``Assessment``, ``Treatment 3/9``."""
        return f"{self._kind} {self.nth}/{self.of}" if self.of > 1 else self._kind

    @property
    def weekday(self) -> str:
        """``Tuesday`` / ``tirsdag``."""
        return self._w.weekday(self.start.date())

    @property
    def short_weekday(self) -> str:
        """``Tue`` / ``tir.``."""
        return self._w.skeleton("EEE", self.start.date())

    @property
    def day(self) -> str:
        """``15 September 2026`` / ``15. september 2026``."""
        return self._w.skeleton("yMMMMd", self.start.date())

    @property
    def time(self) -> str:
        return self._w.time(self.start)

    @property
    def short_day(self) -> str:
        """``15 Sept 2026`` / ``15. sep. 2026``."""
        return self._w.date_medium(self.start.date())

    @property
    def note(self) -> str:
        w = self._w
        bits = []
        if self.practitioner:
            bits.append(w.gettext("with {name}").format(name=self.practitioner))
        if self.status == AppointmentStatus.ATTENDED.value:
            bits.append(w.gettext("done"))
        elif self.status == AppointmentStatus.NO_SHOW.value:
            bits.append(w.gettext("missed"))
        return ", ".join(bits)


@dataclass(frozen=True)
class PlanCard:
    plan_id: int
    modality: str
    patient: str
    practitioner: str
    clinic_name: str
    location_name: str
    address: str
    phone: str
    email: str
    room: str | None
    tz: str
    sessions: tuple[CardSession, ...]
    printed: date
    language: str = "en"
    """The language the card is written in: the patient's, unless asked otherwise."""

    @property
    def words(self) -> Words:
        return words(self.language)

    @property
    def modality_label(self) -> str:
        try:
            return vocabulary.modality(Modality(self.modality), self.words)
        except ValueError:
            return self.modality

    @property
    def place(self) -> str:
        """Where the patient goes: the location's name unless the clinic is named the same."""
        if self.location_name and self.location_name != self.clinic_name:
            return self.location_name
        return ""

    @property
    def zone_name(self) -> str:
        """``Oslo`` for ``Europe/Oslo``."""
        return self.tz.rsplit("/", 1)[-1].replace("_", " ")

    def call(self) -> str:
        return advice.call(self.clinic_name, self.phone, self.words)


@dataclass(frozen=True)
class Block:
    """One piece of the card, top to bottom."""

    kind: str
    """``header``, ``title``, ``subtitle``, ``heading``, ``text``, ``sessions`` or ``footer``."""
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    """For ``sessions``: the column titles, then one row per session; for ``header``: the
    lines under the clinic's name (address; phone and e-mail, marked ``"phone"`` second when
    it starts with the phone number)."""
    compact: tuple[tuple[str, ...], ...] = ()
    """For ``sessions``: the same rows written short, for a table in several columns (a long
    plan): ``Tue``, ``15 Sep 2026``, ``Treatment 3/9``, no length."""


def session_columns(w: Words) -> tuple[str, ...]:
    """The session table's column titles."""
    day, when, time, what = (
        w.gettext("Day"),
        w.gettext("Date"),
        w.gettext("Time"),
        w.gettext("Session"),
    )
    return ("", day, when, time, what, w.gettext("Length"), "")


def compact_columns(w: Words) -> tuple[str, ...]:
    """The column titles of the table in several columns (a long plan)."""
    return (*session_columns(w)[:5], "")


def plan_card(
    store: Store, plan_id: int, *, today: date | None = None, language: str | None = None
) -> PlanCard:
    """What the card for ``plan_id`` says (one read), in ``language`` (``en`` or ``nb``; by
    default the patient's own)."""
    chosen = parse_language(language) if language else None
    with store.read() as s:
        plan = get(s, Plan, plan_id, "plan")
        location = s.get(Location, plan.location_id)
        assert location is not None
        settings = read_settings(s)
        room = s.get(Room, plan.room_id) if plan.room_id is not None else None
        rows = list(
            s.scalars(
                select(Appointment)
                .where(
                    Appointment.plan_id == plan_id,
                    Appointment.status != AppointmentStatus.CANCELLED.value,
                )
                .order_by(Appointment.start_utc, Appointment.id)
            )
        )
        names = dict(s.execute(select(Practitioner.id, Practitioner.name)).all())
        totals: dict[str, int] = {}
        for a in rows:
            totals[a.kind] = totals.get(a.kind, 0) + 1
        own = plan.patient.language
        lang = chosen or (own if own in LANGUAGES else clinic_language(settings))
        seen: dict[str, int] = {}
        sessions = []
        for i, a in enumerate(rows, start=1):
            seen[a.kind] = seen.get(a.kind, 0) + 1
            sessions.append(
                CardSession(
                    number=i,
                    start=a.start_local,
                    kind=a.kind,
                    nth=seen[a.kind],
                    of=totals[a.kind],
                    minutes=a.duration_min,
                    status=a.status,
                    practitioner=names.get(a.practitioner_id)
                    if a.practitioner_id != plan.practitioner_id
                    else None,
                    language=lang,
                )
            )
        return PlanCard(
            plan_id=plan.id,
            modality=plan.modality,
            patient=plan.patient.name,
            practitioner=plan.practitioner.name,
            clinic_name=settings.get("clinic_name") or location.name,
            location_name=location.name,
            address=location.address,
            phone=location.phone or settings.get("clinic_phone", ""),
            email=settings.get("clinic_email", ""),
            room=room.name if room else None,
            tz=plan.tz,
            sessions=tuple(sessions),
            # the day at the plan's location, not the machine's (or UTC's) day
            printed=today or to_local(utcnow(), zone(plan.tz)).date(),
            language=lang,
        )


def card_blocks(card: PlanCard) -> list[Block]:
    """The card's text, top to bottom, as the painter lays it out (in the card's language)."""
    w = card.words
    try:
        modality = Modality(card.modality)
    except ValueError:
        modality = Modality.PHYSIOTHERAPY
    count = len(card.sessions)
    with_whom = w.gettext("with {name}").format(name=card.practitioner)
    if card.room:
        with_whom += f", {card.room}"
    where = ", ".join(x for x in (card.place, card.address) if x)
    contact = [w.gettext("Phone {phone}").format(phone=card.phone)] if card.phone else []
    if card.email:
        contact.append(w.gettext("E-mail {email}").format(email=card.email))
    call = card.call()
    how_to_cancel = (
        w.gettext("{call} or e-mail {email}").format(call=call, email=card.email)
        if card.email
        else call
    )
    blocks = [
        Block(
            "header",
            card.clinic_name,
            rows=tuple(
                row
                for row in ((where,), ("  ·  ".join(contact), "phone" if card.phone else ""))
                if row[0]
            ),
        ),
        Block(
            "title", w.gettext("Your {modality} plan").format(modality=card.modality_label.lower())
        ),
        Block(
            "subtitle",
            w.gettext("For {patient}").format(patient=card.patient) + f"  ·  {with_whom}",
        ),
        Block(
            "heading",
            w.ngettext("Your {count} session", "Your {count} sessions", count).format(count=count),
        ),
        Block(
            "text",
            w.gettext("All times are local time in {zone} ({tz}).").format(
                zone=card.zone_name, tz=card.tz
            )
            + f" {_lengths(card)} "
            + w.gettext("Please come a few minutes early."),
        ),
        Block(
            "sessions",
            rows=(
                session_columns(w),
                *(
                    (
                        str(x.number),
                        x.weekday,
                        x.day,
                        x.time,
                        x.what,
                        w.gettext("{minutes} min").format(minutes=x.minutes),
                        x.note,
                    )
                    for x in card.sessions
                ),
            ),
            compact=(
                compact_columns(w),
                *(
                    (str(x.number), x.short_weekday, x.short_day, x.time, x.short, x.note)
                    for x in card.sessions
                ),
            ),
        ),
        Block("heading", w.gettext("Before and after your sessions")),
        Block("text", advice.preparation(modality, w)),
        Block("text", advice.aftercare(modality, w)),
        Block("text", advice.warning_signs(call, w)),
        Block("heading", w.gettext("To cancel or move a session")),
        Block(
            "text",
            w.gettext(
                "{how} as early as you can. Every session counts: if one has to move, we will "
                "find you a new time so your plan keeps all its sessions."
            ).format(how=how_to_cancel[:1].upper() + how_to_cancel[1:]),
        ),
        Block(
            "footer",
            w.gettext("{modality} plan for {patient}").format(
                modality=card.modality_label, patient=card.patient
            )
            + "  ·  "
            + w.gettext("printed {date}").format(date=w.skeleton("yMMMMd", card.printed))
            + f"  ·  {card.clinic_name}",
        ),
    ]
    return blocks


def _lengths(card: PlanCard) -> str:
    w = card.words
    minutes = sorted({x.minutes for x in card.sessions})
    if not minutes:
        return ""
    if len(minutes) == 1:
        return w.gettext("Each session lasts {minutes} minutes.").format(minutes=minutes[0])
    return w.gettext("Sessions last {low} to {high} minutes.").format(
        low=minutes[0], high=minutes[-1]
    )


def card_text(card: PlanCard) -> str:
    """The card as plain text (for reading it in a test or a terminal)."""
    out: list[str] = []
    for b in card_blocks(card):
        if b.kind == "sessions":
            out += ["  ".join(c for c in row if c) for row in b.rows[1:]]
        else:
            out.append(b.text)
            if b.kind == "header":
                out += [row[0] for row in b.rows]
    return "\n".join(out)


def card_json(card: PlanCard) -> dict[str, Any]:
    return {
        "plan_id": card.plan_id,
        "clinic": card.clinic_name,
        "address": card.address,
        "phone": card.phone,
        "practitioner": card.practitioner,
        "tz": card.tz,
        "language": card.language,
        "sessions": [
            {
                "weekday": x.weekday,
                "date": x.start.date().isoformat(),
                "time": x.time,
                "what": x.what,
                "minutes": x.minutes,
                "status": x.status,
            }
            for x in card.sessions
        ],
    }
