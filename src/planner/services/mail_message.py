"""The invitation e-mail a patient gets: its words (:func:`invitation_text`) and the message
itself with the calendar attached (:func:`build_message`). Qt-free, the standard ``email``
package only; nothing here reads the database.

The words a patient reads are all in :data:`TEXTS` (and the day and month names beside it),
so that issue 14 can translate them in one place; nothing clinical (no template, region,
screening flag or note), no database id and no UTC time is ever put into them: a session
is shown by its local wall-clock time, its title as the patient's calendar shows it and its
place.

The message follows iMIP (RFC 6047): the calendar is a ``text/calendar`` part whose
``method`` parameter is the calendar's METHOD (RFC 6047 §2.4), base64 encoded so that its
CRLF line ends and long lines reach the client untouched. The parts are laid out the way
Google Calendar's own invitations are, which Outlook, Gmail and Apple Mail all recognise::

    multipart/mixed
      multipart/alternative
        text/plain                             the words, for every reader
        text/calendar; method=REQUEST          the invitation a calendar-aware client applies
      application/ics; name=invite.ics         the same file, to open or save by hand

Clients that understand iMIP take the ``text/calendar`` alternative (Outlook and Gmail show
it as an invitation, Apple Mail offers to add it); those that do not show the text and the
attachment. The attachment is ``application/ics`` so that no client applies the same
invitation twice.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from planner.core.i18n import N_, Words, words
from planner.errors import BadInput

METHODS = ("REQUEST", "CANCEL")
"""The iTIP methods a patient's message carries (RFC 5546 §3.2.2 and §3.2.5)."""


@dataclass(frozen=True)
class MailSession:
    """One session as the patient reads it in the message."""

    start_local: datetime
    """The local wall-clock start (naive, or aware in the session's zone)."""
    duration_min: int
    title: str
    """As the patient's calendar shows it: ``Acupuncture - treatment 3 of 9 - Nordlys Klinikk``
    (never clinical detail)."""
    cancelled: bool
    location: str
    """Where: the location's name and address (``Oslo sentrum, Storgata 1, 0155 Oslo``)."""


@dataclass(frozen=True)
class ClinicContact:
    """Who the patient gets in touch with: the clinic's name, phone, e-mail and address."""

    name: str
    phone: str
    email: str
    address: str


# -- the words ---------------------------------------------------------------------------------
# Every text a patient reads in the message, in English, marked for the gettext catalogue: a
# message is written in the patient's language (:class:`planner.core.i18n.Words`), its dates
# in CLDR's words for that language.

TEXTS = {
    "subject_request_one": N_("Your appointment{at_clinic} on {when}"),
    "subject_request_many": N_("Your {count} appointments{at_clinic}, from {first}"),
    "subject_cancel_one": N_("Cancelled: your appointment{at_clinic} on {when}"),
    "subject_cancel_many": N_("Cancelled: {count} appointments{at_clinic}"),
    "at_clinic": N_(" at {clinic}"),
    "short_when": N_("{day} at {time}"),
    "greeting": N_("Dear {name},"),
    "greeting_anonymous": N_("Hello,"),
    "intro_request_one": N_("Here is your appointment{at_clinic}."),
    "intro_request_many": N_("Here are your {count} appointments{at_clinic}."),
    "intro_update_one": N_(
        "If you had another time for it before, this is the time that holds now."
    ),
    "intro_update_many": N_(
        "If you had other times for them before, the times below are the ones that hold now."
    ),
    "intro_cancel_one": N_("Your appointment{at_clinic} has been cancelled:"),
    "intro_cancel_many": N_("These {count} appointments{at_clinic} have been cancelled:"),
    "cancelled_heading": N_("Cancelled:"),
    "session_when": N_("{day}, {start}–{end}"),
    "calendar_request": N_(
        "The attached calendar file ({filename}) puts {these} into your "
        "calendar, or updates {them} there: open it, or accept the invitation in your e-mail "
        "program."
    ),
    "calendar_cancel": N_(
        "The attached calendar file ({filename}) takes {these} out of your "
        "calendar: open it, or let your e-mail program update the calendar."
    ),
    "these_one": N_("the appointment"),
    "these_many": N_("the appointments"),
    "them_one": N_("it"),
    "them_many": N_("them"),
    "change_call": N_("To change or cancel an appointment, please call {clinic} on {phone}."),
    "change_call_or_mail": N_(
        "To change or cancel an appointment, please call {clinic} on {phone} or write to {email}."
    ),
    "change_mail": N_("To change or cancel an appointment, please write to {email}."),
    "change_contact": N_("To change or cancel an appointment, please get in touch with {clinic}."),
    "rebook_call": N_("To book a new time, please call {clinic} on {phone}."),
    "rebook_call_or_mail": N_(
        "To book a new time, please call {clinic} on {phone} or write to {email}."
    ),
    "rebook_mail": N_("To book a new time, please write to {email}."),
    "rebook_contact": N_("To book a new time, please get in touch with {clinic}."),
    "test_subject": N_("Test message from {sender}"),
    "test_body": N_(
        "This is a test message from planner. If you can read it, e-mail from "
        "{sender} reaches you, and the appointments the clinic sends will too."
    ),
    "regards": N_("Kind regards,"),
    "the_clinic": N_("the clinic"),
}


def _t(w: Words, key: str, **values: object) -> str:
    return w.gettext(TEXTS[key]).format(**values)


def day_text(when: datetime, w: Words | None = None) -> str:
    """``Monday, 15 February 2027`` / ``mandag 15. februar 2027``."""
    return (w or words("en")).date_long(when.date())


def short_day(when: datetime, w: Words | None = None) -> str:
    """``Mon, 15 Feb 2027`` / ``man. 15. feb. 2027``."""
    return (w or words("en")).skeleton("yMMMEd", when.date())


def short_when(when: datetime, w: Words | None = None) -> str:
    """``Mon, 15 Feb 2027 at 10:00`` (for a subject line)."""
    w = w or words("en")
    return _t(w, "short_when", day=short_day(when, w), time=w.time(when))


def session_lines(m: MailSession, w: Words | None = None) -> list[str]:
    """A session as the message lists it: when (local, 24-hour), what, and where."""
    w = w or words("en")
    end = m.start_local + timedelta(minutes=m.duration_min)
    when = _t(
        w,
        "session_when",
        day=w.date_long(m.start_local.date()),
        start=w.time(m.start_local),
        end=w.time(end),
    )
    return [f"  {line}" for line in (when, m.title, m.location) if line]


def invitation_text(
    method: str,
    patient_name: str,
    sessions: Sequence[MailSession],
    clinic: ClinicContact,
    language: str = "en",
) -> tuple[str, str]:
    """The subject and the plain-text body of the message of ``method`` (REQUEST or CANCEL),
    in ``language`` (the patient's).

    A REQUEST lists the sessions it sets (a cancelled one among them under "Cancelled:"); a
    CANCEL lists what was cancelled. Then what the attached file does, how to change or cancel
    (or book again), and the clinic's name, address, phone and e-mail. The sessions are in
    order of their start. ValueError for another method or no sessions (a caller's mistake).
    """
    if method not in METHODS:
        raise ValueError(f"an invitation is REQUEST or CANCEL, not {method!r}")
    if not sessions:
        raise ValueError("an invitation needs at least one session")
    w = words(language)
    ordered = sorted(sessions, key=lambda m: m.start_local.replace(tzinfo=None))
    live = [] if method == "CANCEL" else [m for m in ordered if not m.cancelled]
    # A REQUEST whose sessions are all cancelled reads as a cancellation.
    cancel = not live
    shown = ordered if cancel else live
    dropped = [] if cancel else [m for m in ordered if m.cancelled]
    count = len(shown)
    one = "one" if count == 1 else "many"
    kind = "cancel" if cancel else "request"
    at_clinic = _t(w, "at_clinic", clinic=clinic.name) if clinic.name else ""
    first = shown[0].start_local
    subject = _t(
        w,
        f"subject_{kind}_{one}",
        when=short_when(first, w),
        at_clinic=at_clinic,
        count=count,
        first=short_day(first, w),
    )
    name = " ".join(patient_name.split())
    intro = _t(w, f"intro_{kind}_{one}", count=count, at_clinic=at_clinic)
    if not cancel:
        intro += " " + _t(w, f"intro_update_{one}")
    body = [
        _t(w, "greeting", name=name) if name else _t(w, "greeting_anonymous"),
        "",
        _wrap(intro),
        "",
    ]
    for m in shown:
        body += [*session_lines(m, w), ""]
    if dropped:
        body += [_t(w, "cancelled_heading"), ""]
        for m in dropped:
            body += [*session_lines(m, w), ""]
    calendar = _t(
        w,
        f"calendar_{kind}",
        filename=attachment_name(method),
        these=_t(w, f"these_{one}"),
        them=_t(w, f"them_{one}"),
    )
    contact = _contact_line("rebook" if cancel else "change", clinic, w)
    body += [_wrap(calendar), "", _wrap(contact), "", _t(w, "regards")]
    body += [x for x in (clinic.name, clinic.address, clinic.phone, clinic.email) if x]
    return subject, "\n".join(body) + "\n"


def _wrap(paragraph: str) -> str:
    """A paragraph in lines of at most 72 characters, as plain-text mail is read best."""
    return textwrap.fill(paragraph, width=72, break_long_words=False, break_on_hyphens=False)


def _contact_line(what: str, clinic: ClinicContact, w: Words) -> str:
    who = clinic.name or _t(w, "the_clinic")
    if clinic.phone and clinic.email:
        return _t(w, f"{what}_call_or_mail", clinic=who, phone=clinic.phone, email=clinic.email)
    if clinic.phone:
        return _t(w, f"{what}_call", clinic=who, phone=clinic.phone)
    if clinic.email:
        return _t(w, f"{what}_mail", email=clinic.email)
    return _t(w, f"{what}_contact", clinic=who)


# -- the message -------------------------------------------------------------------------------


def attachment_name(method: str) -> str:
    """``invite.ics`` for a REQUEST, ``cancel.ics`` for a CANCEL."""
    return "cancel.ics" if method == "CANCEL" else "invite.ics"


def _address(name: str, address: str, what: str) -> Address:
    address = address.strip()
    if not address or "@" not in address:
        raise BadInput(f"'{address}' is not an e-mail address; the {what} needs one")
    user, _, domain = address.rpartition("@")
    try:
        return Address(display_name=" ".join(name.split()), username=user, domain=domain)
    except (ValueError, IndexError):
        raise BadInput(f"'{address}' is not an e-mail address; the {what} needs one") from None


_METHOD_LINE = re.compile(rb"(?m)^METHOD:([A-Za-z-]+)\r?$")


def build_message(
    *,
    sender_name: str,
    sender_address: str,
    to_name: str,
    to_address: str,
    subject: str,
    body: str,
    ics: bytes,
    method: str,
    message_id: str | None = None,
) -> EmailMessage:
    """The iMIP message (RFC 6047) carrying ``ics``, laid out as the module docstring shows.

    The calendar's own METHOD must be ``method`` (RFC 6047 §2.4: the ``method`` parameter
    and the METHOD property agree); ValueError otherwise, a caller's mistake. BadInput for a
    sender or recipient that is not an e-mail address. ``message_id`` (``<...@domain>``) is
    made from the sender's domain when not given; the outbox gives the one it stored, so a
    message sent again is recognisably the same. Display names with Norwegian letters are
    encoded as RFC 2047 words by the ``email`` package.
    """
    if method not in METHODS:
        raise ValueError(f"an invitation is REQUEST or CANCEL, not {method!r}")
    found = _METHOD_LINE.search(ics)
    if found is None or found.group(1).decode().upper() != method:
        raise ValueError(f"the calendar's METHOD is not {method}")
    sender = _address(sender_name, sender_address, "sender")
    recipient = _address(to_name, to_address, "recipient")

    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = recipient
    msg["Subject"] = " ".join(subject.split())
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = message_id or make_msgid(domain=sender.domain)
    # RFC 3834: sent by a program; out-of-office replies should not answer it.
    msg["Auto-Submitted"] = "auto-generated"
    # set_content, then add_alternative, then add_attachment: the email package nests the
    # parts as multipart/mixed(multipart/alternative(text, calendar), attachment) itself.
    msg.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(
        ics,
        maintype="text",
        subtype="calendar",
        cte="base64",
        params={"charset": "utf-8", "method": method, "name": attachment_name(method)},
    )
    msg.add_attachment(
        ics,
        maintype="application",
        subtype="ics",
        cte="base64",
        filename=attachment_name(method),
        params={"name": attachment_name(method)},
    )
    return msg


def trial_message(*, sender_name: str, sender_address: str, to_address: str) -> EmailMessage:
    """A short plain-text message that tries the mail settings (``planner mail test``)."""
    w = words("en")  # to the clinic's own address, from the command line or the Settings
    sender = _address(sender_name, sender_address, "sender")
    who = sender_name or sender_address
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = _address("", to_address, "recipient")
    msg["Subject"] = _t(w, "test_subject", sender=who)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=sender.domain)
    msg["Auto-Submitted"] = "auto-generated"
    body = [_wrap(_t(w, "test_body", sender=who)), "", _t(w, "regards"), who]
    msg.set_content("\n".join(body) + "\n", charset="utf-8", cte="quoted-printable")
    return msg
