"""Exporting the whole demo clinic as one .ics file: the streaming export against a naive
icalendar build of the same events.

    .venv/bin/python bench/bench_export.py              # 100,000 sessions (built once, cached)
    .venv/bin/python bench/bench_export.py --quick      # 5,000 sessions (CI smoke)
    .venv/bin/python bench/bench_export.py --size 20000 --rebuild

The demo database comes from ``bench_booking.cached_db`` (``bench/.cache/``). Each export runs
in a fresh child process (this script with ``--child``), so no run inherits another's memory:
``planner.services.calendar_export.export_calendar`` with ``Scope.everything`` from the demo's
first to its last session day, in both shapes (sessions, series) x the full and practitioner
profiles, written to a file. The naive build, in a child of its own per profile, reads the
same scope the way a short script would (every row at once, as ORM objects, with
``prepare``), builds one ``icalendar.Calendar`` with one ``icalendar.Event`` per session made
by the icalendar-based reference functions (``planner.ics.render.session_event``: the same
properties), calls ``add_missing_timezones()`` and ``to_ical()``, and writes the file.

Wall time is measured in the child around the export alone (imports and start-up excluded);
peak memory is the child's own peak resident set (``getrusage(RUSAGE_SELF).ru_maxrss`` at its
end), which includes the interpreter and the imported libraries: the ``idle`` row is a child
that imports everything and opens the database, and nothing else. CPU seconds are given too:
on a shared machine they vary less than wall time.

Afterwards a sample of every file (whole plans, at least ``--sample`` events) is read by three
independent parsers (icalendar + dateutil, vobject, ical; ``tests/ics/helpers.py``): the
instants each finds must be exactly the sample plans' sessions in the database (cancelled ones
left out). The table and a JSON record (``bench/results/export-*.json``) follow.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

PROFILES = ("full", "practitioner")
SHAPES = ("sessions", "series")
NOW = datetime(2026, 12, 2, 8, 0)
"""DTSTAMP of the files (the demo's today); fixed, so runs are comparable."""


# -- the children -------------------------------------------------------------------------------


def _peak_mib() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_maxrss / 1024  # kilobytes on Linux


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def child(args: argparse.Namespace) -> None:
    if args.child == "check":
        print(json.dumps(check_sample(Path(args.out), Path(args.db), args.sample)))
        return
    from planner.db.store import Store
    from planner.services.calendar_export import export_calendar
    from planner.services.export_scope import Scope

    store = Store(args.db)
    scope = Scope.everything(date.fromisoformat(args.first), date.fromisoformat(args.last))
    out = Path(args.out) if args.out else None
    cpu0, t0 = _cpu(), time.perf_counter()
    events = sessions = 0
    if args.child == "export":
        r = export_calendar(store, scope, profile=args.profile, shape=args.shape, out=out, now=NOW)
        events, sessions = r.events, r.sessions
    elif args.child == "naive":
        events = sessions = naive(store, scope, args.profile, out)
    wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
    store.close()
    print(
        json.dumps(
            {
                "wall_s": round(wall, 3),
                "cpu_s": round(cpu, 3),
                "peak_mib": round(_peak_mib(), 1),
                "events": events,
                "sessions": sessions,
                "bytes": out.stat().st_size if out else 0,
            }
        )
    )


def naive(store: Any, scope: Any, profile: str, out: Path | None) -> int:
    """One icalendar Calendar holding one Event per session, as a short script would."""
    import icalendar

    from planner.ics import render
    from planner.ics.model import PatientLabel, Profile, Shape
    from planner.services.calendar_export import prepare

    with store.read() as s:
        p = prepare(
            s,
            scope,
            Profile(profile),
            now=NOW,
            alarms=None,
            patient_label=PatientLabel.INITIALS,
            key=scope.key(Profile(profile), Shape.SESSIONS),
        )
        cal = icalendar.Calendar.new(prodid=render.PRODID, version="2.0", name=p.meta.name)
        rows = sorted(p.world.selected, key=lambda a: (a.start_utc, a.id))
        for a in rows:
            cal.add_component(render.session_event(p.builder.event(a), p.meta))
    cal.add_missing_timezones()
    data = cal.to_ical()
    assert out is not None
    out.write_bytes(data)
    return len(rows)


# -- the parent ---------------------------------------------------------------------------------


def run_child(kind: str, db: Path, first: date, last: date, **extra: str) -> dict[str, Any]:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        kind,
        "--db",
        str(db),
        "--first",
        first.isoformat(),
        "--last",
        last.isoformat(),
    ]
    for k, v in extra.items():
        cmd += [f"--{k}", v]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} child failed:\n{done.stdout}\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def span(db: Path) -> tuple[date, date, int]:
    from sqlalchemy import func, select

    from planner.db.models import Appointment
    from planner.db.store import Store

    store = Store(str(db))
    with store.read() as s:
        lo, hi, n = s.execute(
            select(
                func.min(Appointment.start_local),
                func.max(Appointment.start_local),
                func.count(),
            )
        ).one()
    store.close()
    return lo.date(), hi.date(), n


def check_sample(path: Path, db: Path, sample: int) -> dict[str, Any]:
    """Whole plans' worth of a file (at least ``sample`` events), read by three parsers; each
    must find exactly those plans' sessions (not cancelled) at their instants. Run in a child
    process of its own (vobject keeps the first VTIMEZONE it reads for a TZID process-wide, so
    one file's zones would be used for the next)."""
    from sqlalchemy import select
    from tests.ics.helpers import expand_ical, expand_icalendar, expand_vobject

    from planner.db.models import Appointment
    from planner.db.store import Store
    from planner.ics.series import series_uid

    data = path.read_bytes()
    footer = b"END:VCALENDAR\r\n"
    head, *blocks = data[: -len(footer)].split(b"BEGIN:VEVENT\r\n")
    store = Store(str(db))
    with store.read() as s:
        rows = s.execute(
            select(
                Appointment.id,
                Appointment.uid,
                Appointment.plan_id,
                Appointment.phase,
                Appointment.start_utc,
                Appointment.end_utc,
                Appointment.status,
            )
        ).all()
    store.close()
    plan_of: dict[str, int] = {}
    seed: dict[int, tuple[int, str]] = {}
    phases: dict[int, set[int]] = {}
    for r in rows:
        plan_of[r.uid] = r.plan_id
        if r.plan_id not in seed or r.id < seed[r.plan_id][0]:
            seed[r.plan_id] = (r.id, r.uid)
        phases.setdefault(r.plan_id, set()).add(r.phase)
    for plan_id, (_id, uid) in seed.items():
        for phase in phases[plan_id]:
            for weekday in (None, *range(7)):
                plan_of[series_uid(uid, phase, weekday)] = plan_id
    by_plan: dict[int, list[bytes]] = {}
    order: list[int] = []
    for block in blocks:
        uid = block.split(b"\r\nUID:", 1)[1].split(b"\r\n", 1)[0].decode()
        plan = plan_of[uid]
        if plan not in by_plan:
            order.append(plan)
        by_plan.setdefault(plan, []).append(block)
    chosen: list[int] = []
    count = 0
    step = max(1, len(order) // max(1, sample // 10))  # plans from all over the file
    for plan in [*order[::step], *order]:
        if count >= sample:
            break
        if plan in chosen:
            continue
        chosen.append(plan)
        count += len(by_plan[plan])
    picked = set(chosen)
    part = (
        head + b"".join(b"BEGIN:VEVENT\r\n" + b for plan in chosen for b in by_plan[plan]) + footer
    )
    expected = sorted(
        (r.start_utc, r.end_utc) for r in rows if r.plan_id in picked and r.status != "cancelled"
    )
    verdict: dict[str, Any] = {"events": count, "plans": len(chosen), "sessions": len(expected)}
    for name, expand in (
        ("icalendar", expand_icalendar),
        ("vobject", expand_vobject),
        ("ical", expand_ical),
    ):
        got = expand(part)
        if got == expected:
            verdict[name] = "agrees"
        else:
            off = sum((Counter(got) - Counter(expected)).values())
            verdict[name] = f"DIFFERS ({off} of {len(got)} instants not in the database)"
    return verdict


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=100_000, help="sessions in the demo clinic")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rebuild", action="store_true", help="build the demo database again")
    ap.add_argument("--quick", action="store_true", help="5,000 sessions (CI smoke)")
    ap.add_argument("--sample", type=int, default=2000, help="events checked by the parsers")
    ap.add_argument("--out-dir", type=Path, default=None, help="where the .ics files go")
    ap.add_argument("--no-json", action="store_true", help="do not write bench/results/")
    ap.add_argument("--child", choices=("export", "naive", "idle", "check"), help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--first", help=argparse.SUPPRESS)
    ap.add_argument("--last", help=argparse.SUPPRESS)
    ap.add_argument("--profile", default="full", help=argparse.SUPPRESS)
    ap.add_argument("--shape", default="sessions", help=argparse.SUPPRESS)
    ap.add_argument("--out", default="", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return

    from bench_booking import cached_db

    from planner.services.export_scope import MAX_RANGE_DAYS

    size = 5000 if args.quick else args.size
    db, meta = cached_db(size, args.seed, args.rebuild)
    first, last, total = span(db)
    note = ""
    if (last - first).days > MAX_RANGE_DAYS:
        # an export holds at most MAX_RANGE_DAYS; the demo is built over about three years
        last = date.fromordinal(first.toordinal() + MAX_RANGE_DAYS)
        note = f"range cut to {MAX_RANGE_DAYS} days (the most one export may hold)"
    out_dir = args.out_dir or (HERE / ".cache" / "exports")
    out_dir.mkdir(parents=True, exist_ok=True)
    print(f"demo clinic: {total:,} sessions, {first} to {last} ({db.name}) {note}".rstrip())

    runs: list[dict[str, Any]] = []
    idle = run_child("idle", db, first, last)
    runs.append({"what": "idle (imports, database opened)", **idle})
    naive_wall: dict[str, float] = {}
    for profile in PROFILES:
        path = out_dir / f"naive-{profile}.ics"
        r = run_child("naive", db, first, last, profile=profile, out=str(path))
        naive_wall[profile] = r["wall_s"]
        runs.append({"what": f"naive icalendar, {profile}", "profile": profile,
                     "shape": "sessions", "file": str(path), **r})  # fmt: skip
    for profile in PROFILES:
        for shape in SHAPES:
            path = out_dir / f"export-{profile}-{shape}.ics"
            r = run_child("export", db, first, last, profile=profile, shape=shape, out=str(path))
            r["vs_naive"] = round(naive_wall[profile] / r["wall_s"], 1) if r["wall_s"] else None
            runs.append({"what": f"export {profile} {shape}", "profile": profile,
                         "shape": shape, "file": str(path), **r})  # fmt: skip

    print(
        f"\n{'run':36} {'events':>8} {'wall s':>8} {'cpu s':>8} {'peak MiB':>9} {'MB':>7} "
        f"{'x naive':>8}"
    )
    for r in runs:
        ratio = f"{r['vs_naive']:.1f}x" if r.get("vs_naive") else ""
        print(
            f"{r['what']:36} {r['events']:>8,} {r['wall_s']:>8.2f} {r['cpu_s']:>8.2f} "
            f"{r['peak_mib']:>9.1f} {r['bytes'] / 1e6:>7.1f} {ratio:>8}"
        )

    print(f"\nsample check (at least {args.sample:,} events of whole plans, three parsers):")
    ok = True
    for r in runs:
        if "file" not in r:
            continue
        # a child per file: vobject keeps the first VTIMEZONE it reads for a TZID, process-wide
        v = run_child("check", db, first, last, out=r["file"], sample=str(args.sample))
        r["sample"] = v
        agree = all(v[p] == "agrees" for p in ("icalendar", "vobject", "ical"))
        if r["what"].startswith("export"):
            ok = ok and agree  # the naive files are icalendar's, shown for comparison
        print(
            f"  {r['what']:36} {v['events']:>6,} events, {v['plans']:>4} plans, "
            f"{v['sessions']:>6,} sessions: icalendar {v['icalendar']}, vobject "
            f"{v['vobject']}, ical {v['ical']}"
        )

    record = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "demo": {
            "size": size,
            "seed": args.seed,
            "sessions": total,
            "db": db.name,
            "first": first.isoformat(),
            "last": last.isoformat(),
            "note": note,
            "build": meta,
        },
        "peak_memory": "child's own getrusage(RUSAGE_SELF).ru_maxrss, interpreter included",
        "runs": runs,
        "sample_agrees": ok,
    }
    if not args.no_json:
        results = HERE / "results"
        results.mkdir(exist_ok=True)
        path = results / f"export-{datetime.now():%Y%m%d-%H%M%S}.json"
        path.write_text(json.dumps(record, indent=1, default=str))
        print(f"\nwritten {path.relative_to(ROOT)}")
    if not ok:
        raise SystemExit("a parser disagrees with the database about an export")


if __name__ == "__main__":
    main()
