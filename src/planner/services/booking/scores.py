"""How a session went: attended (with its pain and whole-body scores), or a no-show.

The scores a plan's assessment records are its baseline; :mod:`planner.services.progress`
reads them against the later sessions. Each operation is one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from planner.core.attendance import ATTEND_EARLY, not_started
from planner.core.domain import AppointmentStatus, Kind
from planner.core.outcomes import Measure, check_score
from planner.core.regions import BodyRegion, parse_region
from planner.core.timeutil import utcnow
from planner.db.audit import current
from planner.db.models import Appointment, AppointmentRegion, AppointmentScore
from planner.db.store import Store
from planner.errors import BadInput, InvalidState
from planner.services.booking.appointments import (
    appointment_json,
    get_appointment,
    lock_plan,
    require_status,
    touch,
)
from planner.services.booking.naming import plan_name

Treated = Sequence[tuple[BodyRegion, int | None]]
"""The regions treated at a session, each with its pain score (0-10) if one was taken."""


def attend(
    store: Store,
    appointment_id: int,
    regions: Treated = (),
    *,
    notes: str = "",
    scores: Mapping[Measure, int] | None = None,
    now: datetime | None = None,
    expect: Mapping[int, int] | None = None,
) -> dict[str, Any]:
    """Mark a session attended, with the regions treated and their pain scores (0-10).

    ``scores`` are the optional whole-body scores taken at the session (fatigue, sleep
    quality, function; 0-10). At the plan's assessment, the pain scores and ``scores`` are the
    plan's baseline (see :mod:`planner.services.progress`).
    """
    now = now or utcnow()
    with store.write("attend") as s:
        a = get_appointment(s, appointment_id, expect=expect)
        require_status(a, [AppointmentStatus.BOOKED, AppointmentStatus.NO_SHOW], "marked attended")
        if a.start_utc > now + ATTEND_EARLY:
            raise InvalidState(not_started("this session", a.start_local))
        _check_scores(regions, scores)
        a.status = AppointmentStatus.ATTENDED.value
        _set_scores(s, a, regions, scores)
        if notes:
            a.notes = (a.notes + "\n" if a.notes else "") + notes
        touch(a, now)
        s.flush()
        return _scored_json(s, a)


def record_baseline(
    store: Store,
    plan_id: int,
    regions: Treated,
    *,
    scores: Mapping[Measure, int] | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Record the plan's baseline at its assessment: pain per region and whole-body scores.

    A booked (or no-show) assessment is marked attended with them, as :func:`attend` would;
    an attended one has its scores replaced (the form was filled in after the session was
    marked, or a score was mistyped). A plan without an assessment takes each region's first
    scored session as its baseline: score that session with :func:`attend` instead.
    """
    now = now or utcnow()
    _check_scores(regions, scores)
    with store.write("record baseline") as s:
        plan = lock_plan(s, plan_id)
        a = s.scalar(
            select(Appointment)
            .where(
                Appointment.plan_id == plan_id,
                Appointment.kind == Kind.ASSESSMENT.value,
                Appointment.status != AppointmentStatus.CANCELLED.value,
            )
            .order_by(Appointment.start_utc)
            .limit(1)
        )
        if a is None:
            raise InvalidState(
                f"{plan_name(plan)} has no assessment (or it was cancelled); its baseline is "
                "each region's first scored session: give the scores when marking it attended"
            )
        if a.status != AppointmentStatus.ATTENDED.value:
            if a.start_utc > now + ATTEND_EARLY:
                raise InvalidState(
                    f"the assessment is on {a.start_local:%a %d %b %Y %H:%M}; "
                    "its baseline can be recorded when it takes place"
                )
            a.status = AppointmentStatus.ATTENDED.value
        _set_scores(s, a, regions, scores)
        touch(a, now)
        s.flush()
        return _scored_json(s, a)


def no_show(
    store: Store,
    appointment_id: int,
    *,
    now: datetime | None = None,
    expect: Mapping[int, int] | None = None,
) -> dict[str, Any]:
    """Mark a session that has started as a no-show."""
    now = now or utcnow()
    with store.write("no-show") as s:
        a = get_appointment(s, appointment_id, expect=expect)
        require_status(a, [AppointmentStatus.BOOKED], "marked as a no-show")
        if a.start_utc > now:
            raise InvalidState(
                f"this session starts on {a.start_local:%a %d %b %Y %H:%M}; it cannot be a "
                "no-show before it starts"
            )
        a.status = AppointmentStatus.NO_SHOW.value
        touch(a, now)
        s.flush()
        return appointment_json(a)


@dataclass(frozen=True)
class Attendance:
    """What an attended session recorded, kept so a correction to a no-show can be undone."""

    regions: tuple[tuple[str, int | None], ...]
    """The regions treated (codes) with their pain scores, in the order they were given."""
    scores: tuple[tuple[str, int], ...]
    """The whole-body scores taken (measure value, score)."""

    def treated(self) -> list[tuple[BodyRegion, int | None]]:
        return [(parse_region(code), pain) for code, pain in self.regions]

    def measures(self) -> dict[Measure, int]:
        return {Measure(m): v for m, v in self.scores}


def correct_to_no_show(
    store: Store,
    appointment_id: int,
    *,
    now: datetime | None = None,
    expect: Mapping[int, int] | None = None,
) -> Attendance:
    """Correct a session marked attended by mistake to a no-show, in one transaction.

    The patient did not come, so nothing was treated or measured: the session's regions and
    their pain scores and its whole-body scores are cleared (so progress never reads them).
    The notes stay. Returns what was cleared: :func:`attend` with it (allowed from a no-show)
    is the undo.
    """
    now = now or utcnow()
    with store.write("correct to no-show") as s:
        a = get_appointment(s, appointment_id, expect=expect)
        require_status(a, [AppointmentStatus.ATTENDED], "corrected to a no-show")
        rows = s.execute(
            select(AppointmentScore.measure, AppointmentScore.value)
            .where(AppointmentScore.appointment_id == a.id)
            .order_by(AppointmentScore.measure)
        ).all()
        kept = Attendance(
            tuple((r.region, r.pain) for r in sorted(a.regions, key=lambda r: r.position)),
            tuple((m, v) for m, v in rows),
        )
        _set_scores(s, a, (), None)
        a.status = AppointmentStatus.NO_SHOW.value
        touch(a, now)
        s.flush()
        return kept


def _check_scores(regions: Treated, scores: Mapping[Measure, int] | None) -> None:
    for r, pain in regions:
        if pain is not None and not 0 <= pain <= 10:
            raise BadInput(f"pain for {r.code} must be 0-10")
    for m, value in (scores or {}).items():
        check_score(value, Measure(m).label.lower())


def _set_scores(
    s: Session, a: Appointment, regions: Treated, scores: Mapping[Measure, int] | None
) -> None:
    """Replace the session's region pain scores and whole-body scores."""
    a.regions = [
        AppointmentRegion(region=r.code, pain=p, position=i) for i, (r, p) in enumerate(regions)
    ]
    before = dict(
        s.execute(
            select(AppointmentScore.measure, AppointmentScore.value).where(
                AppointmentScore.appointment_id == a.id
            )
        ).all()
    )
    after = {Measure(m).value: v for m, v in (scores or {}).items()}
    s.execute(delete(AppointmentScore).where(AppointmentScore.appointment_id == a.id))
    s.add_all(AppointmentScore(appointment_id=a.id, measure=m, value=v) for m, v in after.items())
    audit = current(s)
    if audit is not None:  # the scores are rows of their own, replaced by a bulk statement
        audit.field(a, "scores", dict(sorted(before.items())), dict(sorted(after.items())))


def _scored_json(s: Session, a: Appointment) -> dict[str, Any]:
    """:func:`appointment_json` with the session's whole-body scores."""
    s.flush()
    rows = s.execute(
        select(AppointmentScore.measure, AppointmentScore.value).where(
            AppointmentScore.appointment_id == a.id
        )
    ).all()
    order = {m.value: i for i, m in enumerate(Measure)}
    return appointment_json(a) | {
        "scores": {m: v for m, v in sorted(rows, key=lambda r: order.get(r[0], 99))}
    }
