"""Waitlist matching: 500 open entries on the busy demo clinic, and one cancellation's re-match.

    .venv/bin/python bench/bench_waitlist.py [--size 500000] [--entries 500] [--repeat 3]
                                            [--cancellations 10] [--seed 7] [--no-json]

On a working copy of the cached demo database (``--size`` sessions, built once by
``bench_gui.demo_db``), the script adds ``--entries`` waitlist entries (not timed) for
patients with no open entry, mixed as a clinic's list would be:

- the cadence: the fibromyalgia template (12 sessions over a year), "Dry needling, acute"
  (6 weekly), "Physiotherapy, fortnightly", or a custom 6 x 30 min weekly series;
- the patient's times: Tue/Thu 08:00-12:00, Mon/Wed 13:00-16:00, weekdays 08:00-16:00, or any
  time;
- with whom: one or two named practitioners at a location (55 %), anyone at a location who
  may give the modality (40 %), anyone anywhere (5 %); one in ten is urgent.
- the first session from 1 to 4 weeks ahead; the default expiry (8 weeks).

Then it times, with ``time.perf_counter`` and ``time.process_time`` around the service call:

- **all**: ``waitlist.matching.match_entries`` of every open entry (reading the clinic's
  calendars, the occupancy index over what the series can reach, and the search), ``--repeat``
  times, once for the best candidate of each entry (what the Waitlist panel lists) and once
  for three (what ``planner waitlist match`` prints); goal under 2 s;
- **one cancellation**: ``--cancellations`` times, the rest of a future plan of a practitioner
  some entries name is cancelled (``cancel_rest``, not timed) and
  ``waitlist.freed.rematch_since`` finds the freed time and matches again only the entries
  that could use it; goal under 100 ms.

Output: a table on stdout and ``bench/results/waitlist-<timestamp>.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import time
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

GOAL_ALL_S = 2.0
GOAL_ONE_MS = 100.0
HOURS = {
    "tue/thu 08-12": ((1, 3), ((clock(8), clock(12)),)),
    "mon/wed 13-16": ((0, 2), ((clock(13), clock(16)),)),
    "weekdays 08-16": ((0, 1, 2, 3, 4), ((clock(8), clock(16)),)),
    "any time": (None, ()),
}
CADENCES: tuple[dict[str, Any], ...] = (
    {"template": "Fibromyalgia acupuncture"},
    {"template": "Dry needling, acute"},
    {"template": "Physiotherapy, fortnightly"},
    {"weeks": 6, "per_week": 1, "duration_min": 30, "modality": "physiotherapy"},
)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=500_000)
    p.add_argument("--entries", type=int, default=500)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--cancellations", type=int, default=10)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--no-json", action="store_true")
    args = p.parse_args()

    from bench_gui import demo_db

    from planner.core.calendars import holiday_calendar
    from planner.core.timeutil import utcnow
    from planner.db.store import Store

    source = demo_db(args.size, args.seed)
    work = HERE / ".cache" / f"waitlist-work-{args.size}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, work)
    store = Store(str(work))
    now = utcnow()
    holiday_calendar("NO", None)  # the library's country list, read once per process
    try:
        rng = random.Random(args.seed)
        t0 = time.perf_counter()
        added = add_entries(store, args.entries, rng, now)
        setup_s = time.perf_counter() - t0
        print(f"added {len(added)} waitlist entries in {setup_s:.1f} s (not timed)", flush=True)
        result: dict[str, Any] = {
            "size": args.size,
            "entries": len(added),
            "best": time_all(store, args.repeat, now, 1),
            "all": time_all(store, args.repeat, now, 3),
            "one": time_cancellations(store, args.cancellations, rng, now),
        }
    finally:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work}{suffix}").unlink(missing_ok=True)
    report(result)
    if not args.no_json:
        out = HERE / "results"
        out.mkdir(exist_ok=True)
        path = out / f"waitlist-{time.strftime('%Y%m%d-%H%M%S')}.json"
        path.write_text(json.dumps(result, indent=1), encoding="utf-8")
        print(f"wrote {path}")
    return 0


def add_entries(store: Any, n: int, rng: random.Random, now: datetime) -> list[int]:
    from sqlalchemy import select

    from planner.db.models import Patient, Practitioner, PractitionerLocation
    from planner.errors import PlannerError
    from planner.services.waitlist.entries import WaitlistRequest, add_entry

    with store.read() as s:
        patients = list(s.scalars(select(Patient.id).order_by(Patient.id)))
        work = list(
            s.execute(
                select(PractitionerLocation.practitioner_id, PractitionerLocation.location_id)
            )
        )
        needles = set(s.scalars(select(Practitioner.id).where(Practitioner.may_needle.is_(True))))
    by_location: dict[int, list[int]] = {}
    for pid, loc in work:
        by_location.setdefault(loc, []).append(pid)
    rng.shuffle(patients)
    ids: list[int] = []
    for patient in patients:
        if len(ids) >= n:
            break
        cadence = rng.choice(CADENCES)
        needling = str(cadence.get("template", "")).startswith(("Fibro", "Dry"))
        weekdays, spans = HOURS[rng.choice(sorted(HOURS))]
        loc = rng.choice(sorted(by_location))
        staff = [p for p in by_location[loc] if p in needles or not needling]
        if not staff:
            continue
        roll = rng.random()
        location_id: int | None = loc
        if roll < 0.55:
            chosen = tuple(rng.sample(staff, min(len(staff), rng.choice((1, 1, 2)))))
        elif roll < 0.95:
            chosen = ()
        else:
            chosen, location_id = (), None
        first = now.date() + timedelta(days=rng.randint(7, 28))
        req = WaitlistRequest(
            patient_id=patient,
            location_id=location_id,
            practitioner_ids=chosen,
            weekdays=weekdays,
            windows=spans,
            earliest=first,
            urgent=rng.random() < 0.1,
            note="bench",
            **cadence,
        )
        try:
            ids.append(add_entry(store, req, now=now - timedelta(days=rng.randint(0, 50))).id)
        except PlannerError as exc:  # e.g. a room-less location: say so, go on
            print(f"  skipped patient {patient}: {exc}")
    return ids


def time_all(store: Any, repeat: int, now: datetime, limit: int) -> dict[str, Any]:
    from planner.services.waitlist.matching import match_entries

    walls, cpus = [], []
    matches: list[Any] = []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        matches = match_entries(store, now=now, limit=limit)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    fitting = sum(1 for m in matches if m.candidates)
    return {
        "wall_s": [round(w, 3) for w in walls],
        "cpu_s": [round(c, 3) for c in cpus],
        "median_s": round(statistics.median(walls), 3),
        "entries": len(matches),
        "with_candidates": fitting,
        "candidates": sum(len(m.candidates) for m in matches),
        "limit": limit,
        "goal_s": GOAL_ALL_S,
    }


def time_cancellations(store: Any, n: int, rng: random.Random, now: datetime) -> dict[str, Any]:
    from sqlalchemy import select

    from planner.core.domain import AppointmentStatus, PlanStatus
    from planner.db.models import Appointment, Plan
    from planner.services.booking.edits import cancel_rest
    from planner.services.waitlist.entries import list_entries
    from planner.services.waitlist.freed import last_change, rematch_since

    named = sorted({p.id for e in list_entries(store) for p in e.practitioners})
    with store.read() as s:
        plans = list(
            s.scalars(
                select(Plan.id)
                .where(
                    Plan.practitioner_id.in_(named),
                    Plan.status == PlanStatus.ACTIVE.value,
                    Plan.id.in_(
                        select(Appointment.plan_id).where(
                            Appointment.status == AppointmentStatus.BOOKED.value,
                            Appointment.start_utc > now + timedelta(days=7),
                            Appointment.start_utc < now + timedelta(days=60),
                        )
                    ),
                )
                .order_by(Plan.id)
            )
        )
    rng.shuffle(plans)
    runs: list[dict[str, Any]] = []
    for plan in plans[:n]:
        mark = last_change(store)
        cancel_rest(store, plan, now=now)
        t0, c0 = time.perf_counter(), time.process_time()
        found = rematch_since(store, mark, now=now)
        runs.append(
            {
                "plan": plan,
                "wall_ms": round((time.perf_counter() - t0) * 1000, 1),
                "cpu_ms": round((time.process_time() - c0) * 1000, 1),
                "freed": len(found.freed),
                "fit": len(found.matches),
            }
        )
    walls = [r["wall_ms"] for r in runs]
    return {
        "runs": runs,
        "median_ms": round(statistics.median(walls), 1) if walls else None,
        "max_ms": max(walls) if walls else None,
        "goal_ms": GOAL_ONE_MS,
    }


def report(r: dict[str, Any]) -> None:
    o = r["one"]
    print()
    print(f"{r['entries']} open entries, demo clinic of {r['size']:,} sessions")
    for name, what in (("best", "best match each (the panel)"), ("all", "3 candidates each")):
        a = r[name]
        print(
            f"  all entries, {what}: median {a['median_s']:.2f} s (runs {a['wall_s']}, CPU "
            f"{a['cpu_s']}); goal < {a['goal_s']:.0f} s; {a['with_candidates']} entries with "
            f"candidates, {a['candidates']} candidates"
        )
    if o["runs"]:
        fits = [x["fit"] for x in o["runs"]]
        print(
            f"  one cancellation's re-match: median {o['median_ms']:.0f} ms, slowest "
            f"{o['max_ms']:.0f} ms over {len(o['runs'])} cancellations; goal < "
            f"{o['goal_ms']:.0f} ms; entries that fit the freed time: {fits}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
