"""Noting, in the transaction of a change, whose calendars it must reach.

Every write action's :class:`~planner.db.audit.Audit` calls :func:`note_changes` with the
patients and practitioners whose sessions the action created, changed or removed (for a
session moved to another practitioner: both). For each one whose calendar planner keeps in
step (a patient with an e-mail address who agreed to e-mail, when the clinic's mail is set
up; a practitioner with a CalDAV calendar), one ``waiting`` outbox row says "deliver to them
after the grace period". A later change before it is due pushes it back, so a quick undo
leaves nothing to send, and a desk making several changes sends one message. Because the row
is written in the change's own transaction, a change is never committed without its delivery
being noted, and a change rolled back notes nothing. What is sent is worked out when the row
comes due (:mod:`planner.services.outbox`), from what the recipient was sent last.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planner.db import models as m

DEFAULT_GRACE_SECONDS = 180
"""Three minutes: time for the desk to undo a mistake before anything leaves the clinic."""


def grace(s: Session) -> timedelta:
    """The clinic's grace period (setting ``mail_grace_seconds``; default three minutes)."""
    text = s.scalar(
        select(m.ClinicSetting.value).where(m.ClinicSetting.key == "mail_grace_seconds")
    )
    try:
        seconds = int(text) if text not in (None, "") else DEFAULT_GRACE_SECONDS
    except ValueError:
        seconds = DEFAULT_GRACE_SECONDS
    return timedelta(seconds=max(0, seconds))


def mail_set_up(s: Session) -> bool:
    host = s.scalar(select(m.ClinicSetting.value).where(m.ClinicSetting.key == "mail_host"))
    return bool(host and host.strip())


def note_changes(
    s: Session,
    patient_ids: Collection[int],
    practitioner_ids: Collection[int],
    now: datetime,
    *,
    readdressed: Collection[int] = (),
) -> int:
    """Note (or push back) a delivery for each of them who gets one; returns how many.

    ``readdressed``: patients whose e-mail address changed. What their old address was sent
    is forgotten, so the new address gets their booked sessions as a first delivery (the old
    address is not written to again: it may no longer be theirs)."""
    if readdressed:
        recipients = select(m.Recipient.id).where(
            m.Recipient.kind == "patient", m.Recipient.patient_id.in_(list(readdressed))
        )
        s.execute(delete(m.RecipientItem).where(m.RecipientItem.recipient_id.in_(recipients)))
    if not patient_ids and not practitioner_ids:
        return 0
    due = now + grace(s)
    wanted: list[tuple[str, int]] = []
    if patient_ids and mail_set_up(s):
        wanted += [
            ("email", pid)
            for pid in s.scalars(
                select(m.Patient.id).where(
                    m.Patient.id.in_(list(patient_ids)),
                    m.Patient.email_consent.is_(True),
                    m.Patient.email != "",
                )
            )
        ]
    if practitioner_ids:
        wanted += [
            ("caldav", pid)
            for pid in s.scalars(
                select(m.Practitioner.id).where(
                    m.Practitioner.id.in_(list(practitioner_ids)), m.Practitioner.caldav_url != ""
                )
            )
        ]
    for kind, who in wanted:
        column = m.OutboxItem.patient_id if kind == "email" else m.OutboxItem.practitioner_id
        row = s.scalar(
            select(m.OutboxItem).where(
                m.OutboxItem.kind == kind, m.OutboxItem.status == "waiting", column == who
            )
        )
        if row is None:
            s.add(
                m.OutboxItem(
                    kind=kind,
                    status="waiting",
                    patient_id=who if kind == "email" else None,
                    practitioner_id=who if kind == "caldav" else None,
                    due_at=due,
                    created_at=now,
                )
            )
        else:
            row.due_at = max(row.due_at, due)
    return len(wanted)
