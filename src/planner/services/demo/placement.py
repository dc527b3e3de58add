"""Placing a plan: choosing a practitioner, a location, a start day, a time and a room.

The regular sessions of a plan fall on the rule's weekly pattern at one time of day. A session
whose day is closed (a public holiday or a closure) is moved like the engine's
``next-working-day`` policy does: same time on the next day within six that is open, that the
practitioner works, that is not a day of the plan's own pattern, that holds no other session of
the plan and is free. A plan that does not fit is tried at another time, room, weekday, week or
practitioner.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from planner.core.domain import Profession
from planner.errors import BadInput
from planner.services.demo.data import P_NO_ROOM
from planner.services.demo.grids import (
    QUARTERS,
    Days,
    Loc,
    Prac,
    Room,
    cells,
    near_bookings,
    order,
    spread_by_length,
)
from planner.services.demo.templates import Tpl

Placed = list[tuple[int, int]]
"""(session index in the template, day index) of each session of a plan."""


@dataclass
class Placement:
    """Where a plan went: every session at ``cell`` on its day, with ``prac`` in ``room``."""

    prac: Prac
    loc: Loc
    cell: int
    room: Room | None
    sessions: Placed


def affinity(t: Tpl, p: Prac) -> float:
    """How readily ``p`` takes plans of ``t`` (0: never), before weighing by capacity."""
    if t.template.name.startswith("Fibromyalgia"):
        if p.may_needle:
            return 3.0 if p.profession is Profession.ACUPUNCTURIST else 0.7
    elif t.needling:
        if p.may_needle:
            return 1.0 if p.profession is Profession.ACUPUNCTURIST else 3.0
    elif p.profession is not Profession.ACUPUNCTURIST:
        return 1.0
    return 0.0


def eligible(templates: list[Tpl], pracs: list[Prac]) -> list[tuple[list[Prac], list[float]]]:
    """Who may take which template, and with which weight."""
    out: list[tuple[list[Prac], list[float]]] = []
    for t in templates:
        pr: list[Prac] = []
        wt: list[float] = []
        for p in pracs:
            w = affinity(t, p)
            if w > 0:
                pr.append(p)
                wt.append(w * p.capacity_min)
        if not pr:  # pragma: no cover - the mix always has someone
            raise BadInput(f"no practitioner can take the template {t.template.name}")
        out.append((pr, wt))
    return out


def busy_by_length(
    t: Tpl, d0: int, closed: bytearray, occ: list[int], pat: dict[int, int]
) -> dict[int, int]:
    """The occupancy (``occ`` and ``pat``) of the plan's open days, merged by session length."""
    groups: dict[int, int] = {}
    for off, _ph, _k, _m, n in t.sessions:
        d = d0 + off
        if not closed[d]:
            groups[n] = groups.get(n, 0) | occ[d] | pat.get(d, 0)
    return groups


class Placer:
    """Finds free times for plans in the clinic's grids."""

    def __init__(
        self,
        rng: random.Random,
        days: Days,
        locs: list[Loc],
        templates: list[Tpl],
        pracs: list[Prac],
    ) -> None:
        self.rng = rng
        self.days = days
        self.locs = locs
        self.templates = templates
        self.eligible = eligible(templates, pracs)

    def place_plan(
        self, ti: int, target: int, pat: dict[int, int], previous: Prac | None
    ) -> Placement | None:
        """Place a plan of template ``ti`` starting about day ``target``, clear of the patient's
        grid ``pat``; the patient's ``previous`` practitioner is preferred."""
        t = self.templates[ti]
        use_room = self.rng.random() >= P_NO_ROOM
        for p, li, d0 in self._start_days(t, self._choose_practitioner(ti, previous), target):
            res = self._try(t, p, self.locs[li], d0, pat, use_room)
            if res is not None:
                c, room, placed = res
                return Placement(p, self.locs[li], c, room, placed)
        return None

    def _choose_practitioner(self, ti: int, previous: Prac | None) -> list[Prac]:
        """Practitioners to try, in order: often the previous one, else the less loaded of two
        drawn by weight; then up to three more, least loaded first."""
        pr, wt = self.eligible[ti]
        rng = self.rng
        first: Prac | None = None
        if previous is not None and previous in pr and rng.random() < 0.6:
            first = previous
        else:
            a, b = rng.choices(pr, wt, k=2)
            first = a if a.load <= b.load else b
        others = rng.choices(pr, wt, k=3)
        chosen = [first]
        for o in sorted(others, key=lambda x: x.load):
            if o not in chosen:
                chosen.append(o)
        return chosen

    def _start_days(
        self, t: Tpl, pracs: list[Prac], target: int
    ) -> Iterator[tuple[Prac, int, int]]:
        """(practitioner, location index, start day) to try, in order: each practitioner's
        locations in random order, then the six weeks from ``target``'s, weekdays shuffled."""
        rng = self.rng
        monday = target - self.days.wd[target]
        for p in pracs:
            locs = list(p.locs)
            rng.shuffle(locs)
            for li in locs:
                wds = self._start_weekdays(t, p, self.locs[li])
                if wds:
                    for d0 in self._days_from(t, self.locs[li], wds, monday):
                        yield p, li, d0

    def _days_from(self, t: Tpl, loc: Loc, wds: list[int], monday: int) -> Iterator[int]:
        last = t.sessions[-1][0]
        for week in range(6):
            shuffled = list(wds)
            self.rng.shuffle(shuffled)
            for wd in shuffled:
                d0 = monday + 7 * week + wd
                if d0 < 7 or d0 + last + 7 >= self.days.ndays or loc.closed[d0]:
                    continue
                yield d0

    def _start_weekdays(self, t: Tpl, p: Prac, loc: Loc) -> list[int]:
        """Weekdays (Monday to Friday) on which the plan's weekly pattern fits ``p``'s hours."""
        out = []
        for wd in range(5):
            if all(p.allowed_starts(loc, (wd + off) % 7, n) for off, n in t.pattern):
                out.append(wd)
        return out

    def _pattern_starts(self, t: Tpl, p: Prac, loc: Loc, wd0: int) -> int:
        """Cells in which every session of the weekly pattern may start, from weekday ``wd0``."""
        valid = QUARTERS
        for off, n in t.pattern:
            valid &= p.allowed_starts(loc, (wd0 + off) % 7, n)
            if not valid:
                break
        return valid

    def _try(
        self, t: Tpl, p: Prac, loc: Loc, d0: int, pat: dict[int, int], use_room: bool
    ) -> tuple[int, Room | None, Placed] | None:
        """Place the plan starting on day index ``d0``: (cell, room, [(session, day)]) or None."""
        valid = self._pattern_starts(t, p, loc, self.days.wd[d0])
        if not valid:
            return None
        groups = busy_by_length(t, d0, loc.closed, p.occ, pat)
        free = valid & ~spread_by_length(groups)
        if not free:
            return None
        busy = 0
        for g in groups.values():
            busy |= g
        # Cells next to existing bookings (gaps under a quarter of an hour): filling those
        # keeps free time in long runs, so later series still find a weekly time.
        near = near_bookings(busy, t.sessions[0][4])
        shifted = any(loc.closed[d0 + off] for off, *_ in t.sessions)
        for room in self._rooms_to_try(loc, use_room):
            cand = free
            if room is not None:
                cand &= ~spread_by_length(busy_by_length(t, d0, loc.closed, room.occ, {}))
            if not cand:
                continue
            starts = order(cand, near, self.rng)
            if not shifted:
                return starts[0], room, [(i, d0 + s[0]) for i, s in enumerate(t.sessions)]
            for c in starts[:4]:
                placed = self._sequential(t, p, loc, d0, c, room, pat)
                if placed is not None:
                    return c, room, placed
        return None

    def _rooms_to_try(self, loc: Loc, use_room: bool) -> list[Room | None]:
        if not use_room:
            return [None]
        rooms: list[Room | None] = list(loc.rooms)
        self.rng.shuffle(rooms)
        return rooms

    def _sequential(
        self, t: Tpl, p: Prac, loc: Loc, d0: int, c: int, room: Room | None, pat: dict[int, int]
    ) -> Placed | None:
        """The engine's own order: holiday sessions move to the next usable day (<= 6 days)."""
        plan_occ: dict[int, int] = {}  # the plan's sessions so far; its keys are their days
        out: Placed = []
        for i, (off, _ph, _k, _m, n) in enumerate(t.sessions):
            mask = cells(n, c)
            d = d0 + off
            if loc.closed[d]:
                moved = self._moved_day(t, p, loc, d0, d, c, n, room, pat, plan_occ)
                if moved is None:
                    return None
                d = moved
            elif plan_occ.get(d, 0) & mask:
                return None  # an earlier moved session of this plan took the time
            plan_occ[d] = plan_occ.get(d, 0) | mask
            out.append((i, d))
        return out

    def _moved_day(
        self,
        t: Tpl,
        p: Prac,
        loc: Loc,
        d0: int,
        d: int,
        c: int,
        n: int,
        room: Room | None,
        pat: dict[int, int],
        plan_occ: dict[int, int],
    ) -> int | None:
        """The day within six after the closed day ``d`` that a session moves to, or None."""
        mask = cells(n, c)
        for k in range(1, 7):
            d2 = d + k
            if loc.closed[d2] or d2 in plan_occ or (d2 - d0) in t.regular:
                continue
            if not (p.allowed_starts(loc, self.days.wd[d2], n) >> c) & 1:
                continue
            busy = p.occ[d2] | pat.get(d2, 0)
            if room is not None:
                busy |= room.occ[d2]
            if not busy & mask:
                return d2
        return None
