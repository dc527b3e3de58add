"""Sessions named as the desk names them: "Treatment 3 of 9, Tue 12 Jan 2027 10:00".

Messages, titles and documents never show a database id to a person (issue 10): a session is
its kind, its number among the plan's active sessions of that kind, and its local start.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from planner.core.domain import ACTIVE_STATUSES, Kind, Modality
from planner.core.i18n import N_
from planner.core.phrases import Label, Phrase, phrase
from planner.db.models import Appointment, Plan
from planner.services.batches import in_batches
from planner.services.schedule.rows import number_groups


def session_numbers(s: Session, plan_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
    """(number, of) of every active session of the plans, by appointment id."""
    active = [st.value for st in ACTIVE_STATUSES]
    rows: list[tuple[int, str, datetime, int]] = []
    for batch in in_batches(plan_ids):
        rows.extend(
            (pid, kind, start, aid)
            for aid, pid, kind, start in s.execute(
                select(
                    Appointment.id, Appointment.plan_id, Appointment.kind, Appointment.start_utc
                ).where(Appointment.plan_id.in_(batch), Appointment.status.in_(active))
            )
        )
    return number_groups(rows)


def kind_label(kind: str) -> str:
    """``Treatment`` for ``treatment``; the text itself for a kind this version does not know."""
    try:
        return Kind(kind).label
    except ValueError:
        return kind


def session_phrase(kind: str, number: tuple[int, int] | None) -> Phrase:
    """:func:`session_name` kept for any reader's language."""
    label = Label(kind_label(kind))
    if number:
        return phrase(N_("{kind} {number} of {of}"), kind=label, number=number[0], of=number[1])
    return phrase("{kind}", kind=label)


def session_name(kind: str, number: tuple[int, int] | None) -> str:
    """``Treatment 3 of 9``; the kind alone when the session is not numbered (cancelled)."""
    label = kind_label(kind)
    return f"{label} {number[0]} of {number[1]}" if number else label


def describe(s: Session, a: Appointment) -> str:
    """``Treatment 3 of 9, Tue 12 Jan 2027 10:00``: one session, for a message."""
    number = session_numbers(s, [a.plan_id]).get(a.id)
    return f"{session_name(a.kind, number)}, {a.start_local:%a %d %b %Y %H:%M}"


def describe_one(a: Appointment) -> str:
    """:func:`describe` for a row still in its database session (the kind and time alone
    when it is not)."""
    s = object_session(a)
    if s is None:
        return f"{kind_label(a.kind)}, {a.start_local:%a %d %b %Y %H:%M}"
    return describe(s, a)


def plan_title(plan: Plan) -> str:
    """``Fibromyalgia 9 weeks``, else the modality (``Dry needling``): what the plan is."""
    return plan.template_name or modality_label(plan.modality)


def modality_label(value: str) -> str:
    """``Dry needling`` for ``dry-needling``; the text itself for one this version lacks."""
    try:
        return Modality(value).label
    except ValueError:
        return value


def plan_name(plan: Plan) -> str:
    """``the plan Fibromyalgia 9 weeks of Ada Berg``: one plan, for a message."""
    return f"the plan {plan_title(plan)} of {plan.patient.name}"
