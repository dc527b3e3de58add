"""The demo's generator: sizes the clinic, builds it, then registers patients and their plans.

A patient's plans are all made together, one after the other (the next starts some weeks after
the previous one's main course), so the patient's own grid is only kept while they are made.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import Connection

from planner.core.domain import SEED_TEMPLATES, ScreeningFlag
from planner.core.timeutil import zone
from planner.db.store import Store
from planner.errors import BadInput
from planner.services.demo.clinic import build_clinic
from planner.services.demo.data import (
    FEMALE,
    FLAG_WEIGHTS,
    MALE,
    PLANNED_SHARE,
    PRACTITIONERS_PER_LOCATION,
    SESSIONS_PER_PLANNED_PATIENT,
    SURNAMES,
    TARGET_LOAD,
    TEMPLATE_WEIGHTS,
    TZ,
    WEEKLY_HOURS_ESTIMATE,
    ascii_name,
    mobile,
)
from planner.services.demo.grids import Days, Prac
from planner.services.demo.placement import Placer
from planner.services.demo.plans import PlanWriter, Tally
from planner.services.demo.templates import prepare_template
from planner.services.demo.writer import BATCH_SESSIONS, Writer

MAX_MISSES = 5000
"""Plans in a row that found no time after which the clinic counts as full."""


def check_arguments(
    *, locations: int, practitioners: int, patients: int, appointments: int | None, years: float
) -> None:
    if years <= 0:
        raise BadInput("the demo needs a positive number of years")
    if locations < 1 or practitioners < 1 or patients < 1:
        raise BadInput("the demo needs at least one location, practitioner and patient")
    if appointments is not None and appointments < 1:
        raise BadInput("ask for at least one appointment, or leave the number out")


class Generator:
    """One build, inside one write transaction: ``build_clinic(conn)``, ``run()``, then
    ``finish()``."""

    def __init__(
        self,
        store: Store,
        *,
        locations: int,
        practitioners: int,
        patients: int,
        appointments: int | None,
        years: float,
        seed: int,
        today: date,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        check_arguments(
            locations=locations,
            practitioners=practitioners,
            patients=patients,
            appointments=appointments,
            years=years,
        )
        self.store = store
        self.rng = random.Random(seed)
        self.seed = seed
        self.today = today
        self.notes: list[str] = []
        half = timedelta(days=round(years * 365.25 / 2))
        self.win_start = today - half
        self.win_end = today + half
        base = self.win_start - timedelta(days=7)
        # Room after the window for follow-ups (week 61), late starts and holiday moves.
        ndays = (self.win_end - base).days + 61 * 7 + 8 * 7 + 14
        self.days = Days(base, ndays, zone(TZ))
        self.today_idx = self.days.index(today)
        self.templates = [prepare_template(t) for t in SEED_TEMPLATES]
        self.tpl_weights = [TEMPLATE_WEIGHTS.get(t.template.name, 10) for t in self.templates]
        self.flag_weights = [w for _f, w, _n in FLAG_WEIGHTS]

        self.target = appointments
        self.expected = appointments or round(
            patients * PLANNED_SHARE * SESSIONS_PER_PLANNED_PATIENT
        )
        self._scale(locations, practitioners, patients, years)

        self.writer = Writer(store, progress, goal=self.target or self.expected)
        self.tally = Tally()
        self.n_flagged = 0
        self.failed = 0

    # -- sizing ----------------------------------------------------------------------------
    def _average_minutes(self) -> float:
        """Minutes of an average session, over the templates as weighted."""
        avg_sessions = sum(
            w * len(t.sessions) for w, t in zip(self.tpl_weights, self.templates, strict=True)
        ) / sum(self.tpl_weights)
        return (
            sum(
                w * sum(s[3] for s in t.sessions)
                for w, t in zip(self.tpl_weights, self.templates, strict=True)
            )
            / sum(self.tpl_weights)
            / avg_sessions
        )

    def _scale(self, locations: int, practitioners: int, patients: int, years: float) -> None:
        """Practitioners, locations and patients enough for the expected sessions."""
        expected = self.expected
        weeks = years * 52.18 + 10
        demand_hours = expected * self._average_minutes() / 60 / weeks
        need_prac = math.ceil(demand_hours / (WEEKLY_HOURS_ESTIMATE * TARGET_LOAD))
        self.n_prac = max(practitioners, need_prac)
        self.n_loc = max(locations, math.ceil(self.n_prac / PRACTITIONERS_PER_LOCATION))
        if self.n_prac > practitioners:
            self.notes.append(
                f"{expected} sessions over {years:g} years need about {demand_hours:.0f} "
                f"practitioner-hours a week: scaled to {self.n_prac} practitioners "
                f"(asked for {practitioners})"
            )
        if self.n_loc > locations:
            self.notes.append(
                f"scaled to {self.n_loc} locations (asked for {locations}) to keep about "
                f"{PRACTITIONERS_PER_LOCATION} practitioners per location"
            )
        need_patients = math.ceil(expected / (SESSIONS_PER_PLANNED_PATIENT * PLANNED_SHARE))
        self.n_patients = max(patients, need_patients) if self.target else patients
        if self.n_patients > patients:
            self.notes.append(
                f"scaled to {self.n_patients} patients (asked for {patients}) to carry "
                f"{expected} sessions"
            )
        # Share of patients who get plans: all the usual share unless fewer are needed.
        # With a target, aim to reach it at about two thirds of the patients, so that the
        # requested patients suffice (later ones are registered without a plan); only if the
        # dice fall badly are patients added at the end.
        self.p_planned = PLANNED_SHARE
        if self.target:
            self.p_planned = min(
                PLANNED_SHARE,
                1.5 * self.target / SESSIONS_PER_PLANNED_PATIENT / self.n_patients,
            )

    # -- the clinic ------------------------------------------------------------------------
    def build_clinic(self, conn: Connection) -> None:
        """Write the clinic on ``conn`` (the build's one transaction); every later write of
        the build goes there too."""
        self.writer.start_ids(conn)
        clinic = build_clinic(
            conn,
            self.writer,
            self.rng,
            days=self.days,
            today=self.today,
            n_loc=self.n_loc,
            n_prac=self.n_prac,
        )
        self.n_rooms = clinic.n_rooms
        self.n_closures = clinic.n_closures
        self.placer = Placer(self.rng, self.days, clinic.locs, self.templates, clinic.pracs)
        self.plan_writer = PlanWriter(self.rng, self.days, self.today_idx, self.writer, self.tally)

    # -- patients and their plans ----------------------------------------------------------
    def run(self) -> None:
        i = 0
        misses = 0
        # After many misses in a row the clinic is full: report the shortfall, do not loop.
        while misses <= MAX_MISSES and not self._enough_patients(i):
            pid, flags = self._patient()
            i += 1
            if self._gets_plans(i):
                misses = self._plans(pid, flags, misses)
                if self.writer.pending_sessions() >= BATCH_SESSIONS:
                    self.flush()
        self.n_patients_written = i
        self.flush()

    def _reached_target(self) -> bool:
        return self.target is not None and self.tally.sessions >= self.target

    def _enough_patients(self, i: int) -> bool:
        """Whether the ``i`` patients made so far are all: the requested number, and (with a
        target) enough sessions."""
        if self.target is None:
            return i >= self.n_patients
        return i >= self.n_patients and self._reached_target()

    def _gets_plans(self, i: int) -> bool:
        """Whether the ``i``-th patient gets plans (all added beyond the requested do)."""
        if self._reached_target():
            return False
        return i > self.n_patients or self.rng.random() < self.p_planned

    def _plans(self, pid: int, flags: list[ScreeningFlag], misses: int) -> int:
        """Make one to three plans for patient ``pid``; the count of misses in a row after."""
        rng = self.rng
        win_lo = self.days.index(self.win_start)
        win_hi = self.days.index(self.win_end)
        k = rng.choices((1, 2, 3), (70, 22, 8))[0]
        # First plans start anywhere in the window but late enough to end in it.
        day = rng.randrange(win_lo, max(win_lo + 1, win_hi - 16 * 7))
        pat: dict[int, int] = {}
        previous: Prac | None = None
        for _ in range(k):
            ti = self._pick_template(flags)
            at = self.placer.place_plan(ti, day, pat, previous)
            if at is None:
                self.failed += 1
                misses += 1
                day += 7 * rng.randrange(2, 10)
            else:
                misses = 0
                t = self.templates[ti]
                self.plan_writer.emit(pid, flags, t, at, pat)
                previous = at.prac
                day = at.sessions[0][1] + t.main_days + 7 * rng.randrange(3, 27)
            if day >= win_hi or self._reached_target():
                break
        return misses

    def _pick_template(self, flags: list[ScreeningFlag]) -> int:
        ti = self.rng.choices(range(len(self.templates)), self.tpl_weights)[0]
        if flags and self.templates[ti].needling and self.rng.random() < 0.5:
            # Flagged patients are often steered to a plan without needles.
            for j, t in enumerate(self.templates):
                if not t.needling:
                    return j
        return ti

    def _patient(self) -> tuple[int, list[ScreeningFlag]]:
        """Register a patient: (id, screening flags)."""
        rng = self.rng
        pid = self.writer.take("patients")
        female = rng.random() < 0.62
        first = rng.choice(FEMALE if female else MALE)
        if rng.random() < 0.12:
            first = f"{first} {rng.choice(FEMALE if female else MALE)}"
        last = rng.choice(SURNAMES)
        if rng.random() < 0.06:
            last = f"{rng.choice(SURNAMES)}-{last}"
        age = min(92, max(16, int(rng.gauss(50, 15))))
        dob = self.today - timedelta(days=age * 365 + rng.randrange(365))
        email_user = ascii_name(f"{first.split()[0]}.{last}").lower()
        if rng.random() < 0.5:
            email_user += str(rng.randrange(1, 99))
        domain = rng.choice(("example.no", "example.com", "example.net", "example.org"))
        self.writer.add(
            "patients",
            {
                "id": pid,
                "name": f"{first} {last}",
                "date_of_birth": dob,
                "phone": mobile(rng),
                "email": f"{email_user}@{domain}" if rng.random() < 0.9 else "",
                "chart_number": f"{self.seed % 100:02d}-{pid:07d}",
                "notes": "",
                # Most of an Oslo clinic's patients read bokmål, one in seven English; by id,
                # not by the generator's random stream, so the rest of the demo is unchanged.
                "language": "en" if pid % 7 == 0 else "nb",
            },
        )
        flags = self._flags(pid, female, age) if rng.random() < 0.10 else []
        return pid, flags

    def _flags(self, pid: int, female: bool, age: int) -> list[ScreeningFlag]:
        """One screening flag, sometimes two, with notes."""
        rng = self.rng
        flags: list[ScreeningFlag] = []
        count = 2 if rng.random() < 0.12 else 1
        for _ in range(count):
            f, _w, notes = rng.choices(FLAG_WEIGHTS, self.flag_weights)[0]
            if f is ScreeningFlag.PREGNANCY and not (female and 18 <= age <= 45):
                f, notes = ScreeningFlag.NEEDLE_FEAR, ("",)
            if f in flags:
                continue
            flags.append(f)
            self.writer.add(
                "patient_flags",
                {
                    "id": self.writer.take("patient_flags"),
                    "patient_id": pid,
                    "flag": f.value,
                    "note": rng.choice(notes),
                },
            )
        self.n_flagged += 1
        return flags

    # -- writing ---------------------------------------------------------------------------
    def flush(self) -> None:
        self.writer.flush()

    def finish(self) -> None:
        """Undo the build's SQLite cache size; on PostgreSQL move the id sequences on (both in
        the build's transaction)."""
        self.writer.finish()
