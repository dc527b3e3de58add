"""Benchmark: preview and book a 9-week plan in demo databases of growing size.

    .venv/bin/python bench/bench_booking.py [--sizes 1000,500000] [--repeat 30]

For each size a demo database of that many sessions is built with
``planner.services.demo.build_demo`` (cached under ``bench/.cache/``, keyed by size, seed and
a hash of the sources of the generator package ``planner/services/demo/``, so a changed
generator rebuilds it). Each run works on a
fresh copy of the cached file, so the sessions booked here never pile up.

Then, timed with ``time.perf_counter`` around the service call only:

* preview: ``planner.services.booking.plans.preview`` of the "Fibromyalgia acupuncture" template
  (assessment, 9 weekly treatments, reassessment in week 10, follow-up a year later) for a
  demo patient, an acupuncturist and a room, at a future time that is free for all 12
  sessions;
* book: ``planner.services.booking.plans.book`` of the same kind of plan, each repetition with
  another patient and another free time, so every booking succeeds and really commits.

The free times are found beforehand from the practitioner's and room's sessions in the
database (5-minute occupancy grids), avoiding public holidays and closures, and never reused.

Prints a table (median and p95 in ms per size, the ratio of the largest size to the smallest,
and the demo build time) and writes the same as JSON to ``bench/results/``. It also prints
``EXPLAIN QUERY PLAN`` for the overlap query that ``DbBookings.fetch`` sends during a preview.
``--profile`` writes cProfile statistics of extra preview and book runs at the largest size.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import platform
import pstats
import random
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, select

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from planner.core.calendars import ClinicCalendar, ClosureSpan, WeeklyHours  # noqa: E402
from planner.core.domain import SEED_TEMPLATES  # noqa: E402
from planner.core.timeutil import zone  # noqa: E402
from planner.db.models import (  # noqa: E402
    Appointment,
    Closure,
    Location,
    Patient,
    Practitioner,
    PractitionerLocation,
    Room,
)
from planner.db.store import Store  # noqa: E402
from planner.services import demo  # noqa: E402
from planner.services.booking.plans import PlanRequest, book, preview  # noqa: E402
from planner.services.demo.templates import prepare_template  # noqa: E402

TEMPLATE = "Fibromyalgia acupuncture"
# (week, minutes) of the template's sessions relative to the start: 0, 1-9, 10 and 61.
PLAN_WEEKS = [
    (off // 7, minutes)
    for off, _phase, _kind, minutes, _cells in prepare_template(
        next(t for t in SEED_TEMPLATES if t.name == TEMPLATE)
    ).sessions
]
CELL = 5
GOALS = {"preview_median_ms": 10.0, "book_median_ms": 30.0, "ratio": 1.5}


def generator_hash() -> str:
    """A hash of the demo generator's sources: every module of the package, in name order."""
    h = hashlib.sha256()
    for path in sorted(Path(demo.__file__).parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:10]


def cached_db(size: int, seed: int, rebuild: bool) -> tuple[Path, dict[str, Any]]:
    cache = HERE / ".cache"
    cache.mkdir(exist_ok=True)
    path = cache / f"demo-{size}-seed{seed}-{generator_hash()}.db"
    meta_path = path.with_suffix(".json")
    if path.exists() and meta_path.exists() and not rebuild:
        meta = json.loads(meta_path.read_text())
        meta["cached"] = True
        return path, meta
    for old in cache.glob(f"demo-{size}-seed{seed}-*"):
        old.unlink()  # an older generator's database, or a half-built one
    print(f"building a demo database of {size:,} sessions in {path.name} ...", flush=True)
    store = Store(str(path), create=True)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 5:
            print(f"  {done:,} / {total:,}", flush=True)
            last[0] = now

    t0 = time.perf_counter()
    summary = demo.build_demo(store, appointments=size, seed=seed, progress=progress)
    build_s = time.perf_counter() - t0
    store.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    meta = {"build_seconds": round(build_s, 2), "summary": summary.to_json(), "cached": False}
    meta_path.write_text(json.dumps(meta, indent=1))
    print(f"  built in {build_s:.1f} s", flush=True)
    return path, meta


@dataclass
class Slot:
    patient_id: int
    practitioner_id: int
    location_id: int
    room_id: int
    start: datetime


def _cells(h: WeeklyHours, wd: int) -> int:
    m = 0
    for a, b in h.days[wd]:
        for c in range(
            (a.hour * 60 + a.minute + CELL - 1) // CELL, (b.hour * 60 + b.minute) // CELL
        ):
            m |= 1 << c
    return m


def _fit(
    hours: int,
    days: list[tuple[date, int]],
    practitioner_grid: dict[date, int],
    starts: list[int],
    rooms: list[int],
    room_grid: Callable[[int], dict[date, int]],
) -> tuple[int, int] | None:
    """The first (room, start cell) free on every one of ``days`` within ``hours``, or None."""
    for c in starts:
        masks = [(x, ((1 << (mins // CELL)) - 1) << c) for x, mins in days]
        if any((hours & m) != m or practitioner_grid.get(x, 0) & m for x, m in masks):
            continue
        for rid in rooms:
            rg = room_grid(rid)
            if all(not (rg.get(x, 0) & m) for x, m in masks):
                return rid, c
    return None


def find_slots(store: Store, count: int, first_day: date, rng: random.Random) -> list[Slot]:
    """``count`` distinct free times for the template, with patients free from then on."""
    last_day = first_day + timedelta(weeks=PLAN_WEEKS[-1][0] + 2)
    span_lo = datetime.combine(first_day, datetime.min.time())
    span_hi = datetime.combine(last_day + timedelta(days=7), datetime.min.time())
    with store.read() as s:
        busy_patients = set(
            s.scalars(
                select(Appointment.patient_id)
                .where(Appointment.start_local >= span_lo - timedelta(days=7))
                .distinct()
            )
        )
        patients = [
            p for p in s.scalars(select(Patient.id).order_by(Patient.id)) if p not in busy_patients
        ]
        rng.shuffle(patients)
        pracs = list(
            s.scalars(
                select(Practitioner.id).where(
                    Practitioner.profession == "acupuncturist", Practitioner.may_needle.is_(True)
                )
            )
        )
        rng.shuffle(pracs)
        work = list(
            s.scalars(
                select(PractitionerLocation).where(PractitionerLocation.practitioner_id.in_(pracs))
            )
        )
        by_prac: dict[int, list[PractitionerLocation]] = {}
        for w in work:
            by_prac.setdefault(w.practitioner_id, []).append(w)
        locations = {loc.id: loc for loc in s.scalars(select(Location))}
        closures: dict[int, list[ClosureSpan]] = {}
        for cl in s.scalars(select(Closure)):
            closures.setdefault(cl.location_id, []).append(
                ClosureSpan(cl.first_day, cl.last_day, cl.reason)
            )
        rooms_at: dict[int, list[int]] = {}
        for r in s.scalars(select(Room)):
            rooms_at.setdefault(r.location_id, []).append(r.id)

        def grid(col: Any, val: int) -> dict[date, int]:
            out: dict[date, int] = {}
            rows = s.execute(
                select(Appointment.start_local, Appointment.duration_min).where(
                    col == val,
                    Appointment.status != "cancelled",
                    Appointment.start_local >= span_lo,
                    Appointment.start_local < span_hi,
                )
            )
            for start, minutes in rows:
                c0 = (start.hour * 60 + start.minute) // CELL
                n = -(-(start.minute % CELL + minutes) // CELL)
                out[start.date()] = out.get(start.date(), 0) | (((1 << n) - 1) << c0)
            return out

        slots: list[Slot] = []
        prac_grids: dict[int, dict[date, int]] = {}
        room_grids: dict[int, dict[date, int]] = {}
        for round_ in range(40):
            for pid in pracs:
                if len(slots) >= count:
                    return slots
                if not patients:
                    raise SystemExit("no free patients left for the benchmark")
                w = rng.choice(by_prac[pid])
                loc = locations[w.location_id]
                cal = ClinicCalendar(
                    tz=zone(loc.tz),
                    opening=WeeklyHours.from_json(loc.opening_hours),
                    working=WeeklyHours.from_json(w.hours),
                    country=loc.country,
                    subdivision=loc.subdivision,
                    closures=closures.get(loc.id, []),
                )
                pg = prac_grids.setdefault(pid, grid(Appointment.practitioner_id, pid))
                found = None
                day0 = first_day + timedelta(days=rng.randrange(0, 28) + 7 * round_)
                for dd in range(14):
                    d = day0 + timedelta(days=dd)
                    hours = _cells(cal.opening, d.weekday()) & _cells(cal.working, d.weekday())  # type: ignore[arg-type]
                    if not hours:
                        continue
                    days = [(d + timedelta(weeks=wk), mins) for wk, mins in PLAN_WEEKS]
                    if any(cal.closed_reason(x) for x, _m in days):
                        continue
                    starts = list(range(0, 24 * 60 // CELL, 15 // CELL))
                    rng.shuffle(starts)
                    rooms = list(rooms_at[loc.id])
                    rng.shuffle(rooms)
                    found = _fit(
                        hours,
                        days,
                        pg,
                        starts,
                        rooms,
                        lambda rid: room_grids.setdefault(rid, grid(Appointment.room_id, rid)),
                    )
                    if found:
                        rid, c = found
                        for x, mins in days:
                            mask = ((1 << (mins // CELL)) - 1) << c
                            pg[x] = pg.get(x, 0) | mask
                            room_grids[rid][x] = room_grids[rid].get(x, 0) | mask
                        start = datetime.combine(d, datetime.min.time()) + timedelta(
                            minutes=c * CELL
                        )
                        slots.append(Slot(patients.pop(), pid, loc.id, rid, start))
                        break
    if len(slots) < count:
        raise SystemExit(f"found only {len(slots)} free times of {count}")
    return slots


def request(slot: Slot) -> PlanRequest:
    return PlanRequest(
        patient_id=slot.patient_id,
        practitioner_id=slot.practitioner_id,
        location_id=slot.location_id,
        room_id=slot.room_id,
        start=slot.start,
        template=TEMPLATE,
        acknowledge_flags=True,
    )


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    v = sorted(values)
    k = max(0, min(len(v) - 1, round(q / 100 * len(v) + 0.5) - 1))
    return v[k]


def explain_fetch(store: Store, slot: Slot) -> dict[str, Any]:
    """Capture the overlap query a preview sends and show SQLite's plan for it."""
    captured: list[tuple[str, Any]] = []

    def on_exec(
        conn: Any, cursor: Any, statement: str, params: Any, context: Any, executemany: bool
    ) -> None:
        if "FROM appointments JOIN patients" in statement:
            captured.append((statement, params))

    event.listen(store.engine, "before_cursor_execute", on_exec)
    try:
        preview(store, request(slot))
    finally:
        event.remove(store.engine, "before_cursor_execute", on_exec)
    if not captured:
        return {"error": "the overlap query was not seen"}
    statement, params = captured[0]
    con = sqlite3.connect(str(store.path))
    try:
        plan = con.execute("EXPLAIN QUERY PLAN " + statement, params).fetchall()
    finally:
        con.close()
    lines = [f"{'  ' * 0}{row[3]}" for row in plan]
    uses = {
        name: any(name in line for line in lines)
        for name in (
            "ix_appointments_practitioner_start",
            "ix_appointments_patient_start",
            "ix_appointments_room_start",
        )
    }
    return {
        "statement": statement,
        "params": list(params) if isinstance(params, list | tuple) else params,
        "plan": lines,
        "uses_indexes": uses,
        "queries_in_preview": len(captured),
    }


@dataclass
class Prepared:
    size: int
    meta: dict[str, Any]
    store: Store
    work: Path
    first_day: date
    setup_s: float
    previews: list[Slot]
    books: list[Slot]
    explain: dict[str, Any]


def prepare(size: int, args: argparse.Namespace, rng: random.Random, count: int) -> Prepared:
    cached, meta = cached_db(size, args.seed, args.rebuild)
    work = HERE / ".cache" / f"work-{size}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(cached, work)
    store = Store(str(work))
    demo_today = date.fromisoformat(meta["summary"]["today"])
    first_day = max(date.today(), demo_today) + timedelta(days=14)
    t0 = time.perf_counter()
    slots = find_slots(store, 2 * count + 1, first_day, rng)
    setup_s = time.perf_counter() - t0
    explain = explain_fetch(store, slots.pop())
    return Prepared(
        size, meta, store, work, first_day, setup_s, slots[:count], slots[count:], explain
    )


def measure(runs: list[Prepared], n: int, warm: int) -> dict[str, dict[int, list[float]]]:
    """Preview, then book; the sizes take turns so that noise on the machine hits all alike.

    Wall time (``perf_counter``) is what counts; CPU time of this process (``process_time``)
    is kept beside it to tell a slow operation from a busy machine.
    """
    out: dict[str, dict[int, list[float]]] = {
        k: {r.size: [] for r in runs} for k in ("preview", "book", "preview_cpu", "book_cpu")
    }
    for i in range(n + warm):
        for r in runs:
            req = request(r.previews[i])
            c = time.process_time()
            t = time.perf_counter()
            pv = preview(r.store, req)
            dt = (time.perf_counter() - t) * 1000
            dc = (time.process_time() - c) * 1000
            if not pv.proposal.bookable or pv.warnings:
                raise SystemExit(f"preview {i} is not bookable: {pv.to_json()}")
            if any(p.state.value != "free" for p in pv.sessions):
                raise SystemExit(
                    f"preview {i} moved sessions: {[p.to_json() for p in pv.sessions]}"
                )
            if i >= warm:
                out["preview"][r.size].append(dt)
                out["preview_cpu"][r.size].append(dc)
    for i in range(n + warm):
        for r in runs:
            req = request(r.books[i])
            c = time.process_time()
            t = time.perf_counter()
            res = book(r.store, req)
            dt = (time.perf_counter() - t) * 1000
            dc = (time.process_time() - c) * 1000
            if len(res.appointments) != 12:
                raise SystemExit(f"book {i} wrote {len(res.appointments)} sessions")
            if i >= warm:
                out["book"][r.size].append(dt)
                out["book_cpu"][r.size].append(dc)
    return out


def profile(r: Prepared, n: int, rng: random.Random) -> str:
    more = find_slots(r.store, 2 * n, r.first_day + timedelta(weeks=3), rng)
    prof = cProfile.Profile()
    prof.enable()
    for slot in more[:n]:
        preview(r.store, request(slot))
    for slot in more[n:]:
        book(r.store, request(slot))
    prof.disable()
    out = io.StringIO()
    out.write(f"{n} previews and {n} books at {r.size:,} sessions\n\n")
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(45)
    out.write("\n\n")
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(30)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    path = results / f"profile-{r.size}.txt"
    path.write_text(out.getvalue())
    return str(path.relative_to(ROOT))


def summary(values: list[float]) -> dict[str, Any]:
    return {
        "n": len(values),
        "median": round(statistics.median(values), 3),
        "p95": round(pct(values, 95), 3),
        "mean": round(statistics.fmean(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "all": [round(v, 3) for v in values],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,500000", help="comma-separated session counts")
    ap.add_argument("--repeat", type=int, default=30, help="timed repetitions per operation")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rebuild", action="store_true", help="build the demo databases again")
    ap.add_argument("--profile", action="store_true", help="cProfile the largest size")
    args = ap.parse_args(argv)
    args.sizes = [int(x.replace("_", "")) for x in args.sizes.split(",") if x.strip()]
    rng = random.Random(args.seed)
    warm = 3
    prepared = [prepare(size, args, rng, args.repeat + warm) for size in args.sizes]
    ms = measure(prepared, args.repeat, warm)
    profile_path = profile(prepared[-1], args.repeat, rng) if args.profile else None
    runs = []
    for r in prepared:
        runs.append(
            {
                "size": r.size,
                "appointments": r.meta["summary"]["appointments"],
                "build_seconds": r.meta["build_seconds"],
                "build_cached": r.meta["cached"],
                "demo": r.meta["summary"],
                "setup_seconds": round(r.setup_s, 2),
                "preview_ms": summary(ms["preview"][r.size]),
                "book_ms": summary(ms["book"][r.size]),
                "preview_cpu_ms": summary(ms["preview_cpu"][r.size]),
                "book_cpu_ms": summary(ms["book_cpu"][r.size]),
                "explain": r.explain,
                "profile": profile_path if r is prepared[-1] else None,
            }
        )
        r.store.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{r.work}{suffix}").unlink(missing_ok=True)

    small, large = runs[0], runs[-1]
    ratio = {
        "preview": round(large["preview_ms"]["median"] / small["preview_ms"]["median"], 2),
        "book": round(large["book_ms"]["median"] / small["book_ms"]["median"], 2),
    }
    print()
    print(
        f"{'sessions':>10} {'build s':>8} {'preview med':>12} {'p95':>7} {'book med':>9} "
        f"{'p95':>7}   {'cpu: preview':>12} {'book':>6}"
    )
    for run in runs:
        cached = "*" if run["build_cached"] else " "
        print(
            f"{run['appointments']:>10,} {run['build_seconds']:>7.1f}{cached} "
            f"{run['preview_ms']['median']:>9.2f} ms {run['preview_ms']['p95']:>7.2f} "
            f"{run['book_ms']['median']:>6.2f} ms {run['book_ms']['p95']:>7.2f}   "
            f"{run['preview_cpu_ms']['median']:>9.2f} ms {run['book_cpu_ms']['median']:>6.2f}"
        )
    print(
        f"ratio {large['size']:,}/{small['size']:,} (medians): preview {ratio['preview']}x, "
        f"book {ratio['book']}x   (* build time from the cache's first build)"
    )
    goals = {
        "preview_median_ms": large["preview_ms"]["median"] <= GOALS["preview_median_ms"],
        "book_median_ms": large["book_ms"]["median"] <= GOALS["book_median_ms"],
        "ratio": max(ratio.values()) <= GOALS["ratio"],
    }
    print("goals:", ", ".join(f"{k} {'met' if v else 'MISSED'}" for k, v in goals.items()))
    ex = large["explain"]
    print("\nEXPLAIN QUERY PLAN of the overlap query (DbBookings.fetch) at", f"{large['size']:,}:")
    shown: list[list[Any]] = []
    for line in ex.get("plan", []):
        if line.startswith("INDEX "):
            continue
        if shown and shown[-1][0] == line:
            shown[-1][1] += 1
        else:
            shown.append([line, 1])
    for line, times in shown:
        print("   ", line, f"  (x{times})" if times > 1 else "")
    print("    indexes used:", ex.get("uses_indexes"))

    out = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "machine": {
            "python": sys.version.split()[0],
            "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "repeat": args.repeat,
        "template": TEMPLATE,
        "goals": GOALS,
        "goals_met": goals,
        "ratio_largest_to_smallest": ratio,
        "runs": runs,
    }
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    path = results / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(out, indent=1, default=str))
    print(f"\nwrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
