"""Writing a placed plan: its row, its regions, its sessions with their statuses, pain scores.

Sessions before ``today`` are mostly attended, with treated regions and pain scores that fall
from a baseline per region (about 41 % by week 10, 20 % held at the follow-up); some are
no-shows or cancelled. Sessions after it are booked, a few cancelled. A few patients stop a
plan: its sessions from then on are cancelled, and so is the plan. A cancelled session frees its
time in the grids (as in the booking service's overlap check), so another plan may take it.
"""

from __future__ import annotations

import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from planner.core.domain import (
    AppointmentStatus,
    Kind,
    Modality,
    PlanStatus,
    Profession,
    ScreeningFlag,
)
from planner.services.demo.data import (
    CANCEL_REASONS,
    IMPROVEMENT_FOLLOW_UP,
    IMPROVEMENT_WEEK_10,
    P_DROP_OUT,
    P_FUTURE_CANCELLED,
    P_PAST_CANCELLED,
    P_PAST_NO_SHOW,
    PLAN_NOTES,
    REGION_CODES,
    REGION_W,
    TZ,
    same_region,
)
from planner.services.demo.grids import Days, Prac, cells
from planner.services.demo.placement import Placed, Placement
from planner.services.demo.templates import Tpl
from planner.services.demo.writer import Writer

Outcome = tuple[AppointmentStatus, str, datetime]
"""A session's status, its notes and when it was last updated."""


@dataclass
class Tally:
    """What has been written so far, for the summary."""

    sessions: int = 0
    plans: int = 0
    regions: int = 0
    """Rows of appointment regions (treated regions with pain scores)."""
    by_status: dict[str, int] = field(default_factory=dict)
    by_template: dict[str, int] = field(default_factory=dict)
    first_idx: int | None = None
    last_idx: int | None = None

    def saw_day(self, d: int) -> None:
        if self.first_idx is None or d < self.first_idx:
            self.first_idx = d
        if self.last_idx is None or d > self.last_idx:
            self.last_idx = d


def improvement(kind: str, week: float) -> float:
    """The share by which pain has fallen ``week`` weeks after the start, for a full response:
    rising to ``IMPROVEMENT_WEEK_10`` by week 10, ``IMPROVEMENT_FOLLOW_UP`` at a follow-up."""
    if kind == Kind.FOLLOW_UP.value:
        return IMPROVEMENT_FOLLOW_UP
    return IMPROVEMENT_WEEK_10 * min(1.0, (1 - math.exp(-week / 4)) / (1 - math.exp(-2.5)))


def modality(t: Tpl, p: Prac) -> Modality:
    """The template's modality; a plan without needles takes the practitioner's own."""
    if not t.needling:
        if p.profession is Profession.CHIROPRACTOR:
            return Modality.CHIROPRACTIC
        if p.profession is Profession.MANUAL_THERAPIST:
            return Modality.MANUAL_THERAPY
    return t.template.modality


def plan_status(drop_at: int | None, ended: bool) -> PlanStatus:
    if drop_at is not None:
        return PlanStatus.CANCELLED
    return PlanStatus.COMPLETED if ended else PlanStatus.ACTIVE


@dataclass
class _Plan:
    """What the sessions of one plan share while they are written."""

    id: int
    patient_id: int
    t: Tpl
    at: Placement
    d0: int
    regions: list[str]
    created_utc: datetime
    today_utc: datetime
    drop_at: int | None
    """Position (in session order) of the first session after the patient stopped."""
    dropped_utc: datetime
    baseline: dict[str, int]
    response: float


class PlanWriter:
    """Turns placed plans into rows (buffered in ``writer``) and counts them in ``tally``."""

    def __init__(
        self, rng: random.Random, days: Days, today_idx: int, writer: Writer, tally: Tally
    ) -> None:
        self.rng = rng
        self.days = days
        self.today_idx = today_idx
        self.writer = writer
        self.tally = tally

    def emit(
        self,
        patient_id: int,
        flags: list[ScreeningFlag],
        t: Tpl,
        at: Placement,
        pat: dict[int, int],
    ) -> None:
        """Occupy the grids (``pat`` is the patient's) and write the plan and its sessions."""
        rng = self.rng
        plan_id = self.writer.take("plans")
        # The rule's start is the first session's day: plans never start on a closed day, so
        # the first session is never moved.
        d0 = at.sessions[0][1]
        self._occupy(t, at, pat)
        regions = self._regions(t)
        created_utc = self.days.utc(d0, self._created(d0))

        # Order as the engine sorts: by local start, then phase.
        rows = sorted(at.sessions, key=lambda x: (x[1], t.sessions[x[0]][1]))
        drop_at = self._drop_at(rows)
        today_utc = self.days.utc(self.today_idx, self.days.dt[self.today_idx])
        dropped_utc = today_utc
        if drop_at is not None:
            day = rows[drop_at][1]
            dropped_utc = self.days.utc(day, self.days.dt[day]) - timedelta(hours=6)
        status = plan_status(drop_at, ended=rows[-1][1] < self.today_idx)
        self._add_plan_row(plan_id, patient_id, flags, t, at, status, created_utc)
        for pos, code in enumerate(regions):
            self.writer.add("plan_regions", {"plan_id": plan_id, "region": code, "position": pos})
        self.tally.plans += 1
        tname = t.template.name
        self.tally.by_template[tname] = self.tally.by_template.get(tname, 0) + 1

        # Pain: a baseline per region, falling about 41 % by week 10 (20 % held at follow-up).
        baseline = {code: rng.choices((4, 5, 6, 7, 8), (10, 25, 30, 22, 13))[0] for code in regions}
        response = min(1.9, max(0.1, rng.gauss(1.0, 0.3)))
        plan = _Plan(
            plan_id,
            patient_id,
            t,
            at,
            d0,
            regions,
            created_utc,
            today_utc,
            drop_at,
            dropped_utc,
            baseline,
            response,
        )
        for k, (i, d) in enumerate(rows):
            self._session(plan, k, i, d, pat)
        self.tally.sessions += len(rows)

    # -- the plan --------------------------------------------------------------------------
    def _occupy(self, t: Tpl, at: Placement, pat: dict[int, int]) -> None:
        minutes = 0
        for i, d in at.sessions:
            mask = cells(t.sessions[i][4], at.cell)
            at.prac.occ[d] |= mask
            if at.room is not None:
                at.room.occ[d] |= mask
            pat[d] = pat.get(d, 0) | mask
            minutes += t.sessions[i][3]
        at.prac.booked_min += minutes

    def _regions(self, t: Tpl) -> list[str]:
        """The body regions the plan targets: the template's, or one to three drawn."""
        if t.template.regions:
            return list(t.template.regions)
        rng = self.rng
        regions: list[str] = []
        for _ in range(rng.choices((1, 2, 3), (45, 40, 15))[0]):
            code = rng.choices(REGION_CODES, REGION_W)[0]
            if code not in regions and not same_region(code, regions):
                regions.append(code)
        return regions

    def _created(self, d0: int) -> datetime:
        """Booked some days before the start; never after today."""
        rng = self.rng
        created = self.days.dt[d0] - timedelta(
            days=rng.randrange(1, 22), minutes=rng.randrange(0, 600)
        )
        today_dt = self.days.dt[self.today_idx]
        if created > today_dt:
            created = today_dt - timedelta(days=rng.randrange(0, 60), minutes=rng.randrange(0, 600))
        return created.replace(hour=max(7, min(created.hour, 15)))

    def _drop_at(self, rows: Placed) -> int | None:
        """Where the patient stopped the plan (only ever before today), or None."""
        rng = self.rng
        if rng.random() < P_DROP_OUT and len(rows) > 3:
            k = rng.randrange(2, len(rows))
            if rows[k][1] < self.today_idx:
                return k
        return None

    def _add_plan_row(
        self,
        plan_id: int,
        patient_id: int,
        flags: list[ScreeningFlag],
        t: Tpl,
        at: Placement,
        status: PlanStatus,
        created_utc: datetime,
    ) -> None:
        ack = [f.value for f in flags] if (flags and t.needling) else []
        self.writer.add(
            "plans",
            {
                "id": plan_id,
                "patient_id": patient_id,
                "practitioner_id": at.prac.id,
                "location_id": at.loc.id,
                "room_id": at.room.id if at.room else None,
                "modality": modality(t, at.prac).value,
                "template_name": t.template.name,
                "start_local": self.days.at(at.sessions[0][1], at.cell),
                "tz": TZ,
                "rule": t.rule,
                "status": status.value,
                "acknowledged_flags": ack,
                "acknowledged_at": created_utc if ack else None,
                "created_at": created_utc,
                "notes": self.rng.choice(PLAN_NOTES),
            },
        )

    # -- its sessions ----------------------------------------------------------------------
    def _session(self, plan: _Plan, k: int, i: int, d: int, pat: dict[int, int]) -> None:
        """Write session ``i`` of the template, the ``k``-th in order, held on day ``d``."""
        off, phase, kind, dur, n = plan.t.sessions[i]
        at = plan.at
        local = self.days.at(d, at.cell)
        utc = self.days.utc(d, local)
        end = utc + timedelta(minutes=dur)
        st, notes, updated = self._status(plan, k, d, utc, end)
        aid = self.writer.take("appointments")
        self.writer.add(
            "appointments",
            {
                "id": aid,
                "uid": self._uid(),
                "plan_id": plan.id,
                "patient_id": plan.patient_id,
                "practitioner_id": at.prac.id,
                "location_id": at.loc.id,
                "room_id": at.room.id if at.room else None,
                "kind": kind,
                "phase": phase,
                "start_local": local,
                "tz": TZ,
                "start_utc": utc,
                "end_utc": end,
                "duration_min": dur,
                "original_start_local": self.days.at(plan.d0 + off, at.cell),
                "status": st.value,
                "revision": 0,
                "notes": notes,
                "created_at": plan.created_utc,
                "updated_at": max(updated, plan.created_utc),
            },
        )
        self.tally.by_status[st.value] = self.tally.by_status.get(st.value, 0) + 1
        if st is AppointmentStatus.CANCELLED:
            self._release(at, pat, d, n)
        if st is AppointmentStatus.ATTENDED and plan.regions:
            self._pain_scores(plan, aid, k, d, kind)
        self.tally.saw_day(d)

    def _uid(self) -> str:
        return f"{uuid.UUID(int=self.rng.getrandbits(128), version=4)}@planner"

    def _status(self, plan: _Plan, k: int, d: int, utc: datetime, end: datetime) -> Outcome:
        """(status, notes, last updated) of the ``k``-th session, on day ``d``."""
        if plan.drop_at is not None and k >= plan.drop_at:
            return (
                AppointmentStatus.CANCELLED,
                "Cancelled: patient stopped the plan",
                plan.dropped_utc,
            )
        if d < self.today_idx:
            return self._past_status(utc, end)
        return self._future_status(plan)

    def _past_status(self, utc: datetime, end: datetime) -> Outcome:
        rng = self.rng
        r = rng.random()
        if r < P_PAST_CANCELLED:
            notes = f"Cancelled: {rng.choice(CANCEL_REASONS)}"
            return AppointmentStatus.CANCELLED, notes, utc - timedelta(hours=rng.randrange(2, 72))
        if r < P_PAST_CANCELLED + P_PAST_NO_SHOW:
            return AppointmentStatus.NO_SHOW, "", end + timedelta(minutes=rng.randrange(5, 120))
        return AppointmentStatus.ATTENDED, "", end + timedelta(minutes=rng.randrange(1, 60))

    def _future_status(self, plan: _Plan) -> Outcome:
        rng = self.rng
        if rng.random() < P_FUTURE_CANCELLED:
            notes = f"Cancelled: {rng.choice(CANCEL_REASONS)}"
            waited = (plan.today_utc - plan.created_utc) * rng.random()
            return AppointmentStatus.CANCELLED, notes, plan.created_utc + waited
        return AppointmentStatus.BOOKED, "", plan.created_utc

    def _release(self, at: Placement, pat: dict[int, int], d: int, n: int) -> None:
        """A cancelled session frees its time (as in the database's overlap check), so later
        plans may take it and the engine moves holiday sessions as we did."""
        free = ~cells(n, at.cell)
        at.prac.occ[d] &= free
        if at.room is not None:
            at.room.occ[d] &= free
        pat[d] &= free

    def _pain_scores(self, plan: _Plan, aid: int, k: int, d: int, kind: str) -> None:
        """The treated regions of an attended session, with pain scores (the first session's
        are the baselines)."""
        rng = self.rng
        regions = plan.regions
        treated = regions
        if len(regions) > 1 and kind == Kind.TREATMENT.value and rng.random() < 0.15:
            treated = [r for r in regions if r != rng.choice(regions)]
        gain = improvement(kind, (d - plan.d0) / 7)
        for pos, code in enumerate(treated):
            b = plan.baseline[code]
            if k == 0:
                pain = b
            else:
                pain = round(b * (1 - plan.response * gain) + rng.gauss(0, 0.6))
                pain = 0 if pain < 0 else 10 if pain > 10 else pain
            self.writer.add(
                "appointment_regions",
                {"appointment_id": aid, "region": code, "pain": pain, "position": pos},
            )
            self.tally.regions += 1
