"""Who changed what: reading the change log (written by :mod:`planner.db.audit`).

:func:`history` lists the changes of one session, one plan (its own row and its sessions) or
one patient (their record, their plans and sessions), oldest first, each with when, which
desk and user, the action, and the values before and after. :func:`latest_change` and
:func:`changes_after` are what a desk asks when it is told the schedule changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select

from planner.db.models import Change
from planner.db.store import Store
from planner.errors import BadInput


@dataclass(frozen=True)
class ChangeEntry:
    """One changed row of one action, as the change log keeps it."""

    id: int
    at: datetime
    """When it was committed (UTC, naive)."""
    desk: str
    user: str
    program: str
    action: str
    entity: str
    entity_id: int
    kind: str
    """created, changed, deleted, or bulk (a summary of rows written in bulk)."""
    revision: int | None
    plan_id: int | None
    patient_id: int | None
    before: dict[str, Any]
    after: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(timespec="seconds") + "Z",
            "desk": self.desk,
            "user": self.user,
            "program": self.program,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "kind": self.kind,
            "revision": self.revision,
            "plan_id": self.plan_id,
            "patient_id": self.patient_id,
            "before": self.before,
            "after": self.after,
        }


def _entry(c: Change) -> ChangeEntry:
    return ChangeEntry(
        id=c.id,
        at=c.at,
        desk=c.desk,
        user=c.os_user,
        program=c.program,
        action=c.action,
        entity=c.entity,
        entity_id=c.entity_id,
        kind=c.kind,
        revision=c.revision,
        plan_id=c.plan_id,
        patient_id=c.patient_id,
        before=dict(c.before or {}),
        after=dict(c.after or {}),
    )


def history(
    store: Store,
    *,
    session_id: int | None = None,
    plan_id: int | None = None,
    patient_id: int | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> list[ChangeEntry]:
    """The changes of one session, plan or patient (or of everything), oldest first.

    ``since`` is a UTC time (naive): only changes committed at or after it. ``limit`` keeps
    the latest that many. Naming more than one of session, plan and patient is refused.
    """
    named = [x for x in (session_id, plan_id, patient_id) if x is not None]
    if len(named) > 1:
        raise BadInput("name one of a session, a plan or a patient, not several")
    stmt = select(Change)
    if session_id is not None:
        stmt = stmt.where(Change.entity == "session", Change.entity_id == session_id)
    elif plan_id is not None:
        stmt = stmt.where(
            or_(
                Change.plan_id == plan_id, (Change.entity == "plan") & (Change.entity_id == plan_id)
            )
        )
    elif patient_id is not None:
        stmt = stmt.where(
            or_(
                Change.patient_id == patient_id,
                (Change.entity == "patient") & (Change.entity_id == patient_id),
            )
        )
    if since is not None:
        stmt = stmt.where(Change.at >= since)
    if limit:
        stmt = stmt.order_by(Change.id.desc()).limit(limit)
        with store.read() as s:
            return [_entry(c) for c in reversed(list(s.scalars(stmt)))]
    with store.read() as s:
        return [_entry(c) for c in s.scalars(stmt.order_by(Change.id))]


def latest_change(store: Store) -> int:
    """The id of the newest change (0 for none): where a desk starts listening from."""
    with store.read() as s:
        return int(s.scalar(select(func.max(Change.id))) or 0)


def changes_after(store: Store, after_id: int, *, limit: int = 500) -> list[ChangeEntry]:
    """The changes committed after ``after_id``, oldest first (at most ``limit``)."""
    with store.read() as s:
        stmt = select(Change).where(Change.id > after_id).order_by(Change.id).limit(limit)
        return [_entry(c) for c in s.scalars(stmt)]
