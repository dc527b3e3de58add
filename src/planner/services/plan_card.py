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

from planner.core import advice
from planner.core.domain import AppointmentStatus, Kind, Modality
from planner.core.timeutil import to_local, utcnow, zone
from planner.core.typed_dates import MONTHS
from planner.db.models import Appointment, Location, Plan, Practitioner, Room
from planner.db.store import Store
from planner.services.clinic import get
from planner.services.clinic_settings import read_settings

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
    what: str
    """``Assessment``, ``Treatment 3 of 9``, ``Follow-up``."""
    short: str
    """``Assessment``, ``Treatment 3/9``."""
    minutes: int
    status: str
    practitioner: str | None = None
    """Set only when another practitioner than the plan's sees the patient that day."""

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.start.weekday()]

    @property
    def day(self) -> str:
        return long_date(self.start.date())

    @property
    def time(self) -> str:
        return f"{self.start:%H:%M}"

    @property
    def short_day(self) -> str:
        """``15 Sep 2026``."""
        return f"{self.start.day} {MONTHS[self.start.month - 1][:3]} {self.start.year}"

    @property
    def note(self) -> str:
        bits = []
        if self.practitioner:
            bits.append(f"with {self.practitioner}")
        if self.status == AppointmentStatus.ATTENDED.value:
            bits.append("done")
        elif self.status == AppointmentStatus.NO_SHOW.value:
            bits.append("missed")
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

    @property
    def modality_label(self) -> str:
        try:
            return Modality(self.modality).label
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
        return advice.call(self.clinic_name, self.phone)


@dataclass(frozen=True)
class Block:
    """One piece of the card, top to bottom."""

    kind: str
    """``header``, ``title``, ``subtitle``, ``heading``, ``text``, ``sessions`` or ``footer``."""
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    """For ``sessions``: the column titles, then one row per session; for ``header``: the
    lines under the clinic's name (address, phone)."""
    compact: tuple[tuple[str, ...], ...] = ()
    """For ``sessions``: the same rows written short, for a table in several columns (a long
    plan): ``Tue``, ``15 Sep 2026``, ``Treatment 3/9``, no length."""


SESSION_COLUMNS = ("", "Day", "Date", "Time", "Session", "Length", "")
COMPACT_COLUMNS = ("", "Day", "Date", "Time", "Session", "")


def plan_card(store: Store, plan_id: int, *, today: date | None = None) -> PlanCard:
    """What the card for ``plan_id`` says (one read)."""
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
        seen: dict[str, int] = {}
        sessions = []
        for i, a in enumerate(rows, start=1):
            seen[a.kind] = seen.get(a.kind, 0) + 1
            try:
                words = Kind(a.kind).label
            except ValueError:
                words = a.kind
            short = words
            if totals[a.kind] > 1:
                words += f" {seen[a.kind]} of {totals[a.kind]}"
                short += f" {seen[a.kind]}/{totals[a.kind]}"
            sessions.append(
                CardSession(
                    number=i,
                    start=a.start_local,
                    what=words,
                    short=short,
                    minutes=a.duration_min,
                    status=a.status,
                    practitioner=names.get(a.practitioner_id)
                    if a.practitioner_id != plan.practitioner_id
                    else None,
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
        )


def card_blocks(card: PlanCard) -> list[Block]:
    """The card's text, top to bottom, as the painter lays it out."""
    try:
        modality = Modality(card.modality)
    except ValueError:
        modality = Modality.PHYSIOTHERAPY
    count = len(card.sessions)
    with_whom = f"with {card.practitioner}"
    if card.room:
        with_whom += f", {card.room}"
    where = ", ".join(x for x in (card.place, card.address) if x)
    contact = [f"Phone {card.phone}"] if card.phone else []
    if card.email:
        contact.append(f"E-mail {card.email}")
    blocks = [
        Block(
            "header",
            card.clinic_name,
            rows=tuple((line,) for line in (where, "  ·  ".join(contact)) if line),
        ),
        Block("title", f"Your {card.modality_label.lower()} plan"),
        Block("subtitle", f"For {card.patient}  ·  {with_whom}"),
        Block(
            "heading",
            f"Your {count} session{'s' if count != 1 else ''}",
        ),
        Block(
            "text",
            f"All times are local time in {card.zone_name} ({card.tz}). {_lengths(card)} "
            "Please come a few minutes early.",
        ),
        Block(
            "sessions",
            rows=(
                SESSION_COLUMNS,
                *(
                    (
                        str(x.number),
                        x.weekday,
                        x.day,
                        x.time,
                        x.what,
                        f"{x.minutes} min",
                        x.note,
                    )
                    for x in card.sessions
                ),
            ),
            compact=(
                COMPACT_COLUMNS,
                *(
                    (str(x.number), x.weekday[:3], x.short_day, x.time, x.short, x.note)
                    for x in card.sessions
                ),
            ),
        ),
        Block("heading", "Before and after your sessions"),
        Block("text", advice.preparation(modality)),
        Block("text", advice.aftercare(modality)),
        Block("text", advice.warning_signs(card.call())),
        Block("heading", "To cancel or move a session"),
        Block(
            "text",
            f"{card.call()[0].upper()}{card.call()[1:]}"
            + (f" or e-mail {card.email}" if card.email else "")
            + " as early as you can. Every session counts: if one has to move, we will find "
            "you a new time so your plan keeps all its sessions.",
        ),
        Block(
            "footer",
            f"{card.modality_label} plan for {card.patient}  ·  printed {long_date(card.printed)}"
            f"  ·  {card.clinic_name}",
        ),
    ]
    return blocks


def _lengths(card: PlanCard) -> str:
    minutes = sorted({x.minutes for x in card.sessions})
    if not minutes:
        return ""
    if len(minutes) == 1:
        return f"Each session lasts {minutes[0]} minutes."
    return f"Sessions last {minutes[0]} to {minutes[-1]} minutes."


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
