"""A plan's progress: sessions done and to come, and each score against its baseline.

DOMAIN.md: progress is read against the baseline ("41 % better after 10 weeks"), per patient
and per region. The figures here are what the window's progress panel draws and what
``planner plan progress`` prints; both read :func:`plan_progress` (or its JSON), so they
cannot disagree.

* **Sessions**: done (attended), remaining (booked), cancelled and no-show, and the
  treatments done of those planned.
* **Pain per region**, one series per region code: the plan's target regions first (in the
  plan's order), then any other region scored at a session. A point is an attended session
  that scored the region; a no-show, an unscored or a future session is a gap.
* **Baseline** of a region: its score at the plan's assessment (for a one-sided region not
  scored there, the assessment's score for both sides: ``shoulders`` for ``shoulder-left``);
  for a region first scored later (added mid-plan) or a plan without an assessment, its
  first scored session.
* **Change**: the latest score after the baseline against the baseline, in per cent of the
  baseline (see :func:`planner.core.outcomes.percent_change`); likewise the scores at the
  week-10 reassessment and the 12-month follow-up when they were taken.
* **Whole-body scores** (fatigue, sleep quality, function) the same way, when taken.

:func:`compute_progress` is a pure function of plain rows (testable without a database);
:func:`plan_progress` loads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from planner.core.domain import AppointmentStatus, Kind, Modality
from planner.core.outcomes import Measure, format_change, percent_change
from planner.core.regions import BodyRegion, Side, parse_region
from planner.db.models import (
    Appointment,
    AppointmentRegion,
    AppointmentScore,
    Plan,
    PlanRegion,
)
from planner.db.store import Store
from planner.errors import BadInput
from planner.services.clinic import get

FROM_ASSESSMENT = "assessment"
FROM_FIRST_SCORED = "first-scored-session"


@dataclass(frozen=True)
class SessionScores:
    """One session of a plan with what was scored at it (plain values)."""

    id: int
    kind: str
    status: str
    start: datetime
    """Local wall-clock start in the plan's zone."""
    pains: tuple[tuple[str, int | None], ...] = ()
    """(region code, pain 0-10 or None) for each region treated."""
    scores: tuple[tuple[str, int], ...] = ()
    """(measure, 0-10) for each whole-body score taken."""


@dataclass(frozen=True)
class Slot:
    """A place on the chart's axis: a session that is not cancelled, in time order."""

    index: int
    appointment_id: int
    kind: str
    number: int
    of: int
    start: datetime
    status: str

    @property
    def label(self) -> str:
        """``A``, ``1``..``9``, ``R``, ``F`` (numbered when a kind has several: ``R2``)."""
        if self.kind == Kind.TREATMENT.value:
            return str(self.number)
        letter = {"assessment": "A", "reassessment": "R", "follow-up": "F"}.get(self.kind, "?")
        return letter if self.of == 1 else f"{letter}{self.number}"

    @property
    def title(self) -> str:
        try:
            words = Kind(self.kind).label
        except ValueError:
            words = self.kind
        return f"{words} {self.number} of {self.of}" if self.of > 1 else words

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "appointment_id": self.appointment_id,
            "kind": self.kind,
            "label": self.label,
            "title": self.title,
            "local_start": self.start.isoformat(timespec="minutes"),
            "status": self.status,
        }


@dataclass(frozen=True)
class Point:
    slot: int
    appointment_id: int
    value: int


@dataclass(frozen=True)
class Milestone:
    """The score at the reassessment or the follow-up, and its change from baseline."""

    value: int
    change_pct: float | None

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "change_pct": self.change_pct}


@dataclass(frozen=True)
class Series:
    """One region's pain, or one whole-body measure, across the plan's sessions."""

    key: str
    """The region code (``lower-back``) or the measure (``fatigue``)."""
    label: str
    points: tuple[Point, ...]
    baseline: int | None
    baseline_slot: int | None
    baseline_from: str | None
    """:data:`FROM_ASSESSMENT` or :data:`FROM_FIRST_SCORED`; None with no score at all."""
    latest: int | None
    """The last score after the baseline; None while there is none."""
    latest_slot: int | None
    change_pct: float | None
    target: bool = False
    """A target region of the plan (regions only)."""
    higher_is_better: bool = False
    reassessment: Milestone | None = None
    follow_up: Milestone | None = None

    @property
    def improved(self) -> bool | None:
        if self.change_pct is None or self.change_pct == 0:
            return None
        return (self.change_pct > 0) == self.higher_is_better

    def headline(self, *, plain: bool = False) -> str:
        """``Lower back −41 % since baseline``, or why there is no figure yet."""
        if self.baseline is None:
            return f"{self.label}: no scores yet"
        if self.latest is None:
            return f"{self.label}: baseline {self.baseline}, no later score yet"
        if self.change_pct is None:  # a baseline of 0: no per cent of nothing
            arrow = "->" if plain else "→"
            return f"{self.label}: {self.baseline} {arrow} {self.latest} (baseline 0)"
        return f"{self.label} {format_change(self.change_pct, plain=plain)} since baseline"

    def to_json(self, slots: Sequence[Slot]) -> dict[str, Any]:
        def aid(slot: int | None) -> int | None:
            return slots[slot].appointment_id if slot is not None else None

        return {
            "label": self.label,
            "baseline": self.baseline,
            "baseline_session": aid(self.baseline_slot),
            "baseline_from": self.baseline_from,
            "latest": self.latest,
            "latest_session": aid(self.latest_slot),
            "change_pct": self.change_pct,
            "improved": self.improved,
            "reassessment": self.reassessment.to_json() if self.reassessment else None,
            "follow_up": self.follow_up.to_json() if self.follow_up else None,
            "points": [
                {"slot": p.slot, "appointment_id": p.appointment_id, "value": p.value}
                for p in self.points
            ],
        }


@dataclass(frozen=True)
class Counts:
    planned: int
    """Sessions that are not cancelled."""
    done: int
    remaining: int
    cancelled: int
    no_show: int
    treatments_done: int
    treatments_planned: int

    def to_json(self) -> dict[str, int]:
        return {
            "planned": self.planned,
            "done": self.done,
            "remaining": self.remaining,
            "cancelled": self.cancelled,
            "no_show": self.no_show,
            "treatments_done": self.treatments_done,
            "treatments_planned": self.treatments_planned,
        }


@dataclass(frozen=True)
class Progress:
    """What :func:`compute_progress` finds in a plan's sessions."""

    counts: Counts
    slots: tuple[Slot, ...]
    regions: tuple[Series, ...]
    measures: tuple[Series, ...]
    reassessment: Slot | None
    follow_up: Slot | None


@dataclass(frozen=True)
class PlanProgress:
    """A plan's progress with the names the panel and the command line show."""

    plan_id: int
    title: str
    patient: str
    practitioner: str
    location: str
    modality: str
    status: str
    tz: str
    target_regions: tuple[str, ...]
    progress: Progress = field(repr=False)

    @property
    def counts(self) -> Counts:
        return self.progress.counts

    @property
    def slots(self) -> tuple[Slot, ...]:
        return self.progress.slots

    @property
    def regions(self) -> tuple[Series, ...]:
        return self.progress.regions

    @property
    def measures(self) -> tuple[Series, ...]:
        return self.progress.measures

    def region(self, code: str) -> Series:
        for s in self.regions:
            if s.key == code:
                return s
        raise KeyError(code)

    def to_json(self) -> dict[str, Any]:
        p = self.progress
        slots = p.slots

        def milestone(slot: Slot | None) -> dict[str, Any] | None:
            return slot.to_json() if slot else None

        return {
            "plan_id": self.plan_id,
            "title": self.title,
            "patient": self.patient,
            "practitioner": self.practitioner,
            "location": self.location,
            "modality": self.modality,
            "status": self.status,
            "tz": self.tz,
            "target_regions": list(self.target_regions),
            "sessions": p.counts.to_json(),
            "slots": [s.to_json() for s in slots],
            "regions": [
                {"region": s.key, "target": s.target} | s.to_json(slots) for s in p.regions
            ],
            "measures": [
                {"measure": s.key, "higher_is_better": s.higher_is_better} | s.to_json(slots)
                for s in p.measures
            ],
            "reassessment": milestone(p.reassessment),
            "follow_up": milestone(p.follow_up),
            "summary": [s.headline(plain=True) for s in (*p.regions, *p.measures) if s.points],
        }


# -- the figures ----------------------------------------------------------------------------


def _slots(sessions: Sequence[SessionScores]) -> list[tuple[Slot, SessionScores]]:
    active = [x for x in sessions if x.status != AppointmentStatus.CANCELLED.value]
    totals: dict[str, int] = {}
    for x in active:
        totals[x.kind] = totals.get(x.kind, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for i, x in enumerate(active):
        seen[x.kind] = seen.get(x.kind, 0) + 1
        out.append((Slot(i, x.id, x.kind, seen[x.kind], totals[x.kind], x.start, x.status), x))
    return out


def _both_sides(code: str) -> str | None:
    """``shoulders`` for ``shoulder-left``; None for a midline or two-sided code."""
    try:
        r = parse_region(code)
    except BadInput:
        return None
    if r.side in (Side.LEFT, Side.RIGHT):
        return BodyRegion(r.region, Side.BOTH).code
    return None


def _series(
    key: str,
    label: str,
    values: list[tuple[Slot, int]],
    at_assessment: dict[str, int],
    reassessment: Slot | None,
    follow_up: Slot | None,
    *,
    target: bool = False,
    higher_is_better: bool = False,
    fallback: str | None = None,
    assessment_slot: Slot | None = None,
) -> Series:
    points = tuple(Point(s.index, s.appointment_id, v) for s, v in values)
    baseline: int | None = None
    baseline_slot: int | None = None
    baseline_from: str | None = None
    if assessment_slot is not None and key in at_assessment:
        baseline, baseline_slot = at_assessment[key], assessment_slot.index
    elif assessment_slot is not None and fallback is not None and fallback in at_assessment:
        baseline, baseline_slot = at_assessment[fallback], assessment_slot.index
    if baseline is not None:
        baseline_from = FROM_ASSESSMENT
    elif points:
        baseline, baseline_slot = points[0].value, points[0].slot
        baseline_from = FROM_FIRST_SCORED
    later = [p for p in points if baseline_slot is not None and p.slot > baseline_slot]
    latest = later[-1] if later else None

    def milestone(slot: Slot | None) -> Milestone | None:
        if slot is None or baseline_slot is None or slot.index <= baseline_slot:
            return None
        for p in points:
            if p.slot == slot.index:
                return Milestone(p.value, percent_change(baseline, p.value))
        return None

    return Series(
        key=key,
        label=label,
        points=points,
        baseline=baseline,
        baseline_slot=baseline_slot,
        baseline_from=baseline_from,
        latest=latest.value if latest else None,
        latest_slot=latest.slot if latest else None,
        change_pct=percent_change(baseline, latest.value if latest else None),
        target=target,
        higher_is_better=higher_is_better,
        reassessment=milestone(reassessment),
        follow_up=milestone(follow_up),
    )


def region_label(code: str) -> str:
    """``Neck``, ``Shoulders`` (both sides), ``Left knee``, ``Right wrist and hand``."""
    try:
        r = parse_region(code)
    except BadInput:
        return code
    if r.side is None:
        return r.region.label
    if r.side is Side.BOTH:
        words = r.code.replace("-", " and ")
        return words[:1].upper() + words[1:]
    return f"{r.side.value.capitalize()} {r.region.label.lower()}"


def compute_progress(sessions: Sequence[SessionScores], targets: Sequence[str] = ()) -> Progress:
    """The figures of a plan from its sessions (any order) and its target region codes."""
    ordered = sorted(sessions, key=lambda x: (x.start, x.id))
    slotted = _slots(ordered)
    slots = tuple(s for s, _x in slotted)
    attended = [(s, x) for s, x in slotted if x.status == AppointmentStatus.ATTENDED.value]

    def first(kind: Kind, only_attended: bool = True) -> Slot | None:
        pool = attended if only_attended else slotted
        return next((s for s, _x in pool if s.kind == kind.value), None)

    assessment = first(Kind.ASSESSMENT)
    reassessment = first(Kind.REASSESSMENT, only_attended=False)
    follow_up = first(Kind.FOLLOW_UP, only_attended=False)
    at_assessment_pain: dict[str, int] = {}
    at_assessment_scores: dict[str, int] = {}
    if assessment is not None:
        x = next(x for s, x in attended if s is assessment)
        at_assessment_pain = {c: p for c, p in x.pains if p is not None}
        at_assessment_scores = dict(x.scores)

    codes = list(dict.fromkeys(targets))
    pain_values: dict[str, list[tuple[Slot, int]]] = {c: [] for c in codes}
    score_values: dict[str, list[tuple[Slot, int]]] = {}
    for s, x in attended:
        for code, pain in x.pains:
            if pain is None:
                continue
            pain_values.setdefault(code, []).append((s, pain))
        for measure, value in x.scores:
            score_values.setdefault(measure, []).append((s, value))

    regions = tuple(
        _series(
            code,
            region_label(code),
            values,
            at_assessment_pain,
            reassessment,
            follow_up,
            target=code in codes,
            fallback=_both_sides(code),
            assessment_slot=assessment,
        )
        for code, values in pain_values.items()
    )
    measures = tuple(
        _series(
            m.value,
            m.label,
            score_values[m.value],
            at_assessment_scores,
            reassessment,
            follow_up,
            higher_is_better=m.higher_is_better,
            assessment_slot=assessment,
        )
        for m in Measure
        if m.value in score_values
    )
    statuses = [x.status for x in ordered]
    treatments = [s for s in slots if s.kind == Kind.TREATMENT.value]
    counts = Counts(
        planned=len(slots),
        done=statuses.count(AppointmentStatus.ATTENDED.value),
        remaining=statuses.count(AppointmentStatus.BOOKED.value),
        cancelled=statuses.count(AppointmentStatus.CANCELLED.value),
        no_show=statuses.count(AppointmentStatus.NO_SHOW.value),
        treatments_done=sum(1 for s in treatments if s.status == AppointmentStatus.ATTENDED.value),
        treatments_planned=len(treatments),
    )
    return Progress(counts, slots, regions, measures, reassessment, follow_up)


# -- from the database ----------------------------------------------------------------------


def plan_progress(store: Store, plan_id: int) -> PlanProgress:
    """Load a plan's sessions and scores and compute its progress (one read)."""
    with store.read() as s:
        plan = get(s, Plan, plan_id, "plan")
        targets = list(
            s.scalars(
                select(PlanRegion.region)
                .where(PlanRegion.plan_id == plan_id)
                .order_by(PlanRegion.position)
            )
        )
        rows = list(
            s.execute(
                select(
                    Appointment.id,
                    Appointment.kind,
                    Appointment.status,
                    Appointment.start_local,
                ).where(Appointment.plan_id == plan_id)
            ).all()
        )
        pains: dict[int, list[tuple[str, int | None]]] = {}
        for aid, code, pain in s.execute(
            select(
                AppointmentRegion.appointment_id, AppointmentRegion.region, AppointmentRegion.pain
            )
            .join(Appointment, Appointment.id == AppointmentRegion.appointment_id)
            .where(Appointment.plan_id == plan_id)
            .order_by(AppointmentRegion.appointment_id, AppointmentRegion.position)
        ):
            pains.setdefault(aid, []).append((code, pain))
        scores: dict[int, list[tuple[str, int]]] = {}
        for aid, measure, value in s.execute(
            select(
                AppointmentScore.appointment_id, AppointmentScore.measure, AppointmentScore.value
            )
            .join(Appointment, Appointment.id == AppointmentScore.appointment_id)
            .where(Appointment.plan_id == plan_id)
        ):
            scores.setdefault(aid, []).append((measure, value))
        sessions = [
            SessionScores(
                id=r.id,
                kind=r.kind,
                status=r.status,
                start=r.start_local,
                pains=tuple(pains.get(r.id, ())),
                scores=tuple(scores.get(r.id, ())),
            )
            for r in rows
        ]
        try:
            modality = Modality(plan.modality).label
        except ValueError:
            modality = plan.modality
        progress = compute_progress(sessions, targets)
        return PlanProgress(
            plan_id=plan.id,
            title=plan.template_name or modality,
            patient=plan.patient.name,
            practitioner=plan.practitioner.name,
            location=plan.location.name,
            modality=plan.modality,
            status=plan.status,
            tz=plan.tz,
            target_regions=tuple(targets),
            progress=progress,
        )


# -- text for the command line --------------------------------------------------------------


def progress_text(p: PlanProgress) -> str:
    """The figures as the command line prints them (the panel draws the same)."""
    c = p.counts
    lines = [
        f"plan {p.plan_id}: {p.title} for {p.patient} with {p.practitioner} at {p.location} "
        f"({p.status})",
        f"  sessions: {c.done} done, {c.remaining} remaining, {c.cancelled} cancelled, "
        f"{c.no_show} no-show ({c.planned} planned; treatments {c.treatments_done} of "
        f"{c.treatments_planned} done)",
    ]

    def table(title: str, series: Sequence[Series]) -> None:
        lines.append("")
        lines.append(
            f"  {title:<24} {'baseline':>8} {'latest':>7} {'change':>8}"
            f"  {'reassessment':>16}  {'follow-up':>16}"
        )
        for s in series:

            def ms(m: Milestone | None) -> str:
                return f"{m.value} ({format_change(m.change_pct, plain=True)})" if m else "-"

            name = s.label + ("" if s.target or s.key in [m.value for m in Measure] else " *")
            lines.append(
                f"  {name:<24} {_n(s.baseline):>8} {_n(s.latest):>7} "
                f"{format_change(s.change_pct, plain=True):>8}  {ms(s.reassessment):>16}  "
                f"{ms(s.follow_up):>16}"
            )

    if p.regions:
        table("pain (0-10)", p.regions)
        if any(not s.target for s in p.regions):
            lines.append("  * not a target region of the plan")
    else:
        lines.append("  no target regions and no pain scores yet")
    if p.measures:
        table("whole-body (0-10)", p.measures)
        lines.append("  sleep quality and function: higher is better")
    scored = [s for s in p.regions if s.points] + [s for s in p.measures if s.points]
    if scored:
        width = max(8, *(len(s.key) + 2 for s in scored))
        lines.append("")
        lines.append("  by session (b = baseline):")
        lines.append("  " + f"{'':<4}{'date':<12}" + "".join(f"{s.key:>{width}}" for s in scored))
        for slot in p.slots:
            cells = []
            for s in scored:
                v = next((pt.value for pt in s.points if pt.slot == slot.index), None)
                mark = "b" if s.baseline_slot == slot.index and v is not None else " "
                cells.append(f"{(str(v) + mark) if v is not None else '. ':>{width}}")
            status = "" if slot.status == "attended" else f"  {slot.status}"
            lines.append(f"  {slot.label:<4}{slot.start:%d %b %Y} " + "".join(cells) + status)
    return "\n".join(lines)


def _n(v: int | None) -> str:
    return "-" if v is None else str(v)
