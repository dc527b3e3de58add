"""Book a waitlist entry's candidate: the new-plan booking, with the entry closed in it.

:func:`booking_request` is the :class:`~planner.services.booking.plans.PlanRequest` a
candidate stands for (the window's new-plan dialog is filled with it); :func:`book_match`
matches the entry again, takes the candidate asked for and books it in one transaction, in
which the entry is closed ("booked from the waitlist as plan 12").
"""

from __future__ import annotations

from datetime import datetime

from planner.core.i18n import N_
from planner.core.phrases import phrase
from planner.core.timeutil import utcnow
from planner.db.store import Store
from planner.errors import BadInput, Conflict, InvalidState
from planner.services.booking.plans import BookedPlan, PlanRequest, book
from planner.services.waitlist.entries import Entry, closed_said, get_entry
from planner.services.waitlist.matching import Candidate, match_entries


def booking_request(
    entry: Entry, candidate: Candidate, *, acknowledge_flags: bool = False
) -> PlanRequest:
    """The booking a candidate stands for: the entry's series from the candidate's start, with
    the patient's times, closing the entry when it is booked."""
    return PlanRequest(
        patient_id=entry.patient.id,
        practitioner_id=candidate.practitioner.id,
        start=candidate.start,
        template=entry.template,
        phases=None if entry.template else entry.phases,
        location_id=candidate.location.id,
        room_id=candidate.room.id if candidate.room else None,
        modality=entry.modality.value,
        acknowledge_flags=acknowledge_flags,
        notes=entry.note,
        available=entry.hours,
        waitlist_entry=entry.id,
    )


def book_match(
    store: Store,
    entry_id: int,
    *,
    candidate: int = 1,
    acknowledge_flags: bool = False,
    now: datetime | None = None,
) -> BookedPlan:
    """Book candidate ``candidate`` (1 = the first) of the entry as it matches now."""
    now = now or utcnow()
    entry = get_entry(store, entry_id)
    if not entry.is_open:
        raise InvalidState(closed_said(entry.status, entry.patient.name, entry.closed_reason))
    if candidate < 1:
        raise BadInput("candidates are numbered from 1; see 'planner waitlist match'")
    matches = match_entries(store, [entry_id], now=now, limit=max(candidate, 3))
    found = matches[0].candidates if matches else []
    if not found:
        raise Conflict(
            phrase(
                N_("no series fits the waitlist entry of {patient} now; it stays on the waitlist"),
                patient=entry.patient.name,
            )
        )
    if candidate > len(found):
        raise BadInput(
            f"waitlist entry {entry_id} has {len(found)} candidate(s) now; choose 1 to "
            f"{len(found)} (see 'planner waitlist match {entry_id}')"
        )
    return book(
        store,
        booking_request(entry, found[candidate - 1], acknowledge_flags=acknowledge_flags),
        now=now,
    )
