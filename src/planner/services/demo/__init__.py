"""A realistic demo clinic, generated fast and deterministically into an empty database.

``build_demo`` fills an empty planner database with locations (Norwegian towns, Europe/Oslo,
public holidays of Norway), treatment rooms, practitioners with weekly hours at one or two
locations, patients with plausible Norwegian names and screening flags, and treatment plans
made from the seeded templates: about half of the window before ``today`` (sessions mostly
attended, with treated regions and pain scores that fall from baseline, some no-shows and
cancellations) and half after it (sessions booked).

How it stays fast (500,000 sessions in well under a minute and a half on two cores):

* No engine run per plan and no ORM objects. Each practitioner and room has an occupancy
  grid: one Python ``int`` per day whose bits are 5-minute cells (bit ``c`` is the time
  ``c * 5`` minutes after midnight). A whole plan is checked with a handful of bitwise
  operations: the cells a session of ``n`` cells may start in are the allowed cells of its
  weekday (opening hours and the practitioner's working hours, on quarter hours) minus the
  cells within ``n`` before an occupied one, intersected over all of the plan's days.
  A patient's grid is kept while that patient's plans are made (a patient's plans are all
  made together), so it costs no memory afterwards.
* Rows are plain dicts written with SQLAlchemy Core ``insert(...)`` executemany, in chunks
  of about 50,000 sessions; ids are assigned here, so no ``RETURNING`` round trips are needed.

It never half-writes: the whole demo is one ``store.write()`` transaction. It first takes the
write lock of the tables it needs empty (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: ``LOCK
TABLE ... IN SHARE ROW EXCLUSIVE MODE``, which waits for a desk's insert in progress and holds
off new ones until the demo commits) and checks, under that lock, that they are empty; a
database that gained a clinic meanwhile is refused (:class:`~planner.errors.NotEmpty`) with
nothing written. An error or an interruption later rolls all of it back. The change log gets
one bulk entry (entity ``demo``) with the counts.

The placement follows the series engine's rules exactly, so every plan's stored rule
re-expands to its stored sessions: the regular sessions of a phase fall on the rule's weekly
pattern (``original_start_local`` is the rule's time), and a session whose day is a public
holiday or a closure is moved like the engine's ``next-working-day`` policy does (same time
on the next day within six that is open, that the practitioner works, that is not a day of
the plan's own pattern, that holds no other session of the plan and is free). A plan that
does not fit is tried at another time, room, weekday, week or practitioner; sessions never
overlap for a practitioner, a room or a patient (a cancelled session frees its time, as in
the booking service's overlap check, and another plan may take it), and all lie within
opening and working hours.

Scaling: the 20 practitioners and 3 locations of the default clinic take up to about 50,000
sessions over two years. For more, practitioners are added (the same mix of professions) so
that the expected load stays at about 30 % of their working time, and locations are added so
that there are about 7 practitioners per location (towns of Norway, then numbered branches):
500,000 sessions give 195 practitioners at 28 locations, 1,000,000 give 390 at 56. The window
of time stays ``years`` long. Patients are added when the requested sessions need more of
them (about 13 sessions per patient with plans). Why 30 %: every plan here keeps one weekly
time for ten weeks or more and refuses conflicts (the seeded rule), and a diary filled at
random by such series stops finding free weekly times well before it is full; at 45 % about a
quarter of the fibromyalgia and trigger-point plans found no time, at 30 % about 2-3 % of all
plans do (they are tried elsewhere or left out; the count is made up with other plans).

Counts: with ``appointments=N`` the database gets at least N sessions and fewer than N plus
the longest plan (14 sessions): the last plan is not cut short. It gets exactly ``patients``
patients when they can carry N sessions (about 11.6 sessions a patient; otherwise more, see
above); those after the one that reaches N have no plan. Without ``appointments``, about 88 %
of the patients get one to three plans: about 22,000 sessions for 2,000 patients over two
years. Locations, rooms and practitioners are as asked unless scaled up. A plan that finds no
free time is left out and counted in ``DemoSummary.plans_not_placed``.

The modules: ``data`` (names, towns, hours, weights and odds), ``grids`` (the 5-minute cell
grids and the day index), ``templates`` (the seeded templates unrolled), ``clinic`` (locations,
practitioners, rooms), ``placement`` (finding a plan's time), ``plans`` (a placed plan's rows,
statuses and pain scores), ``writer`` (ids and batched inserts) and ``generator`` (sizing, and
patients with their plans). Only ``build_demo`` and ``DemoSummary`` are the public API.
"""

from __future__ import annotations

import time as _time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from planner.db.audit import current
from planner.db.models import Location, Patient, Plan, Practitioner
from planner.db.store import Store
from planner.errors import NotEmpty
from planner.services.demo.generator import Generator

__all__ = ["DemoSummary", "build_demo"]


@dataclass
class DemoSummary:
    """What ``build_demo`` wrote, and how it scaled the clinic."""

    locations: int
    rooms: int
    practitioners: int
    patients: int
    flagged_patients: int
    plans: int
    appointments: int
    appointment_regions: int
    closures: int
    by_status: dict[str, int]
    plans_by_template: dict[str, int]
    first_day: date | None
    last_day: date | None
    today: date
    seed: int
    seconds: float
    plans_not_placed: int
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "locations": self.locations,
            "rooms": self.rooms,
            "practitioners": self.practitioners,
            "patients": self.patients,
            "flagged_patients": self.flagged_patients,
            "plans": self.plans,
            "appointments": self.appointments,
            "appointment_regions": self.appointment_regions,
            "closures": self.closures,
            "by_status": dict(self.by_status),
            "plans_by_template": dict(self.plans_by_template),
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "today": self.today.isoformat(),
            "seed": self.seed,
            "seconds": round(self.seconds, 3),
            "plans_not_placed": self.plans_not_placed,
            "notes": list(self.notes),
        }


def build_demo(
    store: Store,
    *,
    locations: int = 3,
    practitioners: int = 20,
    patients: int = 2000,
    appointments: int | None = None,
    years: float = 2.0,
    seed: int = 7,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty database with a demo clinic, in one transaction; see the module's
    docstring.

    Refuses (:class:`~planner.errors.NotEmpty`, changing nothing) a database that has
    locations, practitioners, patients or plans, checked under the write lock so that a desk
    adding a patient meanwhile is never overwritten or half-mixed in. The same arguments and
    ``today`` give the same database.
    """
    t0 = _time.perf_counter()
    gen = Generator(
        store,
        locations=locations,
        practitioners=practitioners,
        patients=patients,
        appointments=appointments,
        years=years,
        seed=seed,
        today=today or date.today(),
        progress=progress,
    )
    with store.write("demo") as s:
        _lock_and_refuse_unless_empty(s, store)
        gen.build_clinic(s.connection())
        gen.run()
        gen.finish()
        tally = gen.tally
        audit = current(s)
        if audit is not None:  # the rows are written in bulk: one entry with the counts
            audit.note(
                "demo",
                0,
                {
                    "locations": gen.n_loc,
                    "rooms": gen.n_rooms,
                    "practitioners": gen.n_prac,
                    "patients": gen.n_patients_written,
                    "plans": tally.plans,
                    "sessions": tally.sessions,
                    "closures": gen.n_closures,
                    "seed": seed,
                },
            )
    if appointments and tally.sessions < appointments:
        gen.notes.append(
            f"only {tally.sessions} of {appointments} sessions could be placed without overlaps"
        )
    if gen.failed:
        gen.notes.append(f"{gen.failed} plan(s) found no free time and were left out")
    return DemoSummary(
        locations=gen.n_loc,
        rooms=gen.n_rooms,
        practitioners=gen.n_prac,
        patients=gen.n_patients_written,
        flagged_patients=gen.n_flagged,
        plans=tally.plans,
        appointments=tally.sessions,
        appointment_regions=tally.regions,
        closures=gen.n_closures,
        by_status=dict(sorted(tally.by_status.items())),
        plans_by_template=dict(sorted(tally.by_template.items())),
        first_day=_day(gen, tally.first_idx),
        last_day=_day(gen, tally.last_idx),
        today=gen.today,
        seed=seed,
        seconds=_time.perf_counter() - t0,
        plans_not_placed=gen.failed,
        notes=gen.notes,
    )


CHECKED: tuple[tuple[Any, str], ...] = (
    (Location, "locations"),
    (Practitioner, "practitioners"),
    (Patient, "patients"),
    (Plan, "plans"),
)
"""The tables the demo needs empty, and their words."""


def _lock_and_refuse_unless_empty(s: Session, store: Store) -> None:
    """Hold off other desks' inserts into the tables the demo needs empty, then check them.

    SQLite's ``BEGIN IMMEDIATE`` holds the write lock already. On PostgreSQL SHARE ROW
    EXCLUSIVE conflicts with the ROW EXCLUSIVE lock every INSERT takes (and with itself, so
    two demos wait for each other): an insert in progress commits first and is seen here; a
    later one waits until the demo has committed.
    """
    if store.engine.dialect.name == "postgresql":
        tables = ", ".join(model.__tablename__ for model, _what in CHECKED)
        s.execute(text(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE"))
    for model, what in CHECKED:
        if s.scalar(select(func.count()).select_from(model)):
            raise NotEmpty(
                f"the database {store.display} already has {what}; the demo clinic is only "
                "built into an empty database (create a new one with --db NEW.db). "
                "Nothing was changed"
            )


def _day(gen: Generator, idx: int | None) -> date | None:
    return gen.days.day(idx) if idx is not None else None
