"""The seeded treatment-plan templates, unrolled into the sessions the placement needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from planner.core.domain import Anchor, Kind, PlanSpec, Template
from planner.core.engine import weekday_offsets
from planner.errors import BadInput
from planner.services.demo.data import TZ
from planner.services.demo.grids import CELL_MIN


@dataclass
class Tpl:
    """A template as the placement sees it: its sessions relative to the plan's start."""

    template: Template
    rule: dict[str, Any]
    sessions: list[tuple[int, int, str, int, int]]
    """(day offset from the plan's start, phase index, kind, minutes, cells), engine order."""
    pattern: list[tuple[int, int]]
    """(weekday offset, cells) that the rule's weekly pattern needs (engine.check_pattern)."""
    main_days: int
    """Days from the start to the last session before any follow-up."""
    needling: bool
    regular: frozenset[int]
    """Day offsets the rule itself uses: a moved session does not go onto them (engine)."""


def prepare_template(t: Template) -> Tpl:
    """Unroll ``t``'s phases as the series engine does (anchors, gaps, weekly pattern)."""
    sessions: list[tuple[int, int, str, int, int]] = []
    pattern: set[tuple[int, int]] = set()
    last_week = 0
    last_treatment: int | None = None
    main_days = 0
    for i, ph in enumerate(t.phases):
        if ph.anchor is Anchor.LAST_TREATMENT and last_treatment is not None:
            anchor = last_treatment
        else:
            anchor = 0 if i == 0 else last_week
        first = anchor + ph.after_weeks
        # Without explicit weekdays the offsets do not depend on the start's weekday.
        offsets = weekday_offsets(ph, date(2024, 1, 1))
        cells = -(-ph.duration_min // CELL_MIN)
        for off in offsets:
            pattern.add((off, cells))
        for k in range(ph.weeks):
            wk = first + k * ph.every_weeks
            for off in offsets:
                sessions.append((wk * 7 + off, i, ph.kind.value, ph.duration_min, cells))
        last_week = first + (ph.weeks - 1) * ph.every_weeks
        if ph.kind is Kind.TREATMENT:
            last_treatment = last_week
        if ph.kind is not Kind.FOLLOW_UP:
            main_days = max(d for d, *_ in sessions)
    if any(ph.weekdays is not None for ph in t.phases):  # pragma: no cover - seeds have none
        raise BadInput(f"template {t.name} names weekdays; the demo expects spread weekdays")
    rule = PlanSpec(start=datetime(2024, 1, 1, 8, 0), tz=TZ, phases=t.phases).rule_json()
    regular = frozenset(off for off, *_ in sessions)
    return Tpl(t, rule, sessions, sorted(pattern), main_days, t.modality.needling, regular)
