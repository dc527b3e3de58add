"""Load test: several front desks on one schedule at once, on PostgreSQL and on SQLite.

    .venv/bin/python bench/bench_desks.py [--desks 6] [--seconds 120] [--db URL] [--only sqlite]

For each database (a throwaway PostgreSQL server from ``scripts/throwaway_pg.py`` unless
``--db`` names an empty PostgreSQL database; SQLite in a temp file) it builds a clinic (one
location, three practitioners, three rooms, 40 patients, 24 six-session plans booked from
two weeks before the benchmark's clock to a few weeks after), then starts ``--desks``
processes that for ``--seconds`` each do what a front desk does, one operation after another:
search patients, preview a plan, book one, move a session, move it and the following ones,
cancel with extension, mark attended, and undo their own last move or cancel (``move_back``
with the revisions the move left, ``revert_cancel``). Contention is deliberate: every desk
picks its sessions among the same few (the next booked sessions of the first two
practitioners) and books with the same practitioners, and passes the revisions its view saw
(``expect``), as the window does.

All desks start together, once every one has imported the planner and connected. Each
operation's latency (``time.perf_counter`` around the service call only; the desk's view is
read before it) and outcome are kept: ok, or refused by class and reason ("ChangedElsewhere:
this session was changed at another desk a moment ago"). At the end
``scripts/check_schedule.py`` checks the whole database: no two live sessions of one
practitioner, room or patient overlap; every plan keeps its count; every revision equals the
changes the change log holds for it.

Prints operations per second, p50/p95 per operation, refusals by reason and the invariant
violations, writes ``bench/results/desks-<timestamp>.json``, and exits 1 if there was any
violation or any unexpected error (anything but a planner refusal).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from scripts.check_schedule import violations  # noqa: E402
from scripts.throwaway_pg import throwaway_server  # noqa: E402

from planner.db.audit import Author  # noqa: E402
from planner.db.store import Store  # noqa: E402
from planner.errors import PlannerError  # noqa: E402
from planner.services import clinic  # noqa: E402
from planner.services.booking import edits, scores  # noqa: E402
from planner.services.booking.appointments import list_appointments  # noqa: E402
from planner.services.booking.plans import PlanRequest, book, preview  # noqa: E402
from planner.services.schedule.patients import search_patients  # noqa: E402

TZ = "Europe/Oslo"
TEMPLATE = "Dry needling, acute"  # six weekly 15-minute sessions
MIX = {
    "search": 18,
    "preview": 14,
    "book": 8,
    "move": 16,
    "move following": 6,
    "cancel+extend": 12,
    "attend": 12,
    "undo": 14,
}
"""How often each operation is picked (weights); undo only when the desk has one to undo."""
HOT = 8
"""Every desk picks its session among the next HOT booked ones of the first two practitioners."""
NAMES = ["Kari", "Ola", "Nina", "Per", "Liv", "Jon", "Eva", "Arne", "Ida", "Tor"]
SURNAMES = ["Nordmann", "Hansen", "Dahl", "Berg"]


def clock() -> datetime:
    """The benchmark's 'now' (naive UTC): next Monday 12:00, so the clinic's sessions are
    partly before it (to be attended) and partly after (to be moved and cancelled)."""
    today = datetime.now().replace(hour=12, minute=0, second=0, microsecond=0)
    return today + timedelta(days=7 - today.weekday())


# -- the clinic ------------------------------------------------------------------------------


def build_clinic(url: str, now: datetime, seed: int) -> dict[str, Any]:
    """The clinic the desks share, booked with the services (so the change log has it all)."""
    store = Store(url, create=True, author=Author("set-up", "bench", "bench"))
    try:
        loc = clinic.add_location(
            store, "Oslo sentrum", TZ, country="NO", hours=["mon-fri 08:00-18:00"]
        )
        rooms = [clinic.add_room(store, loc.id, f"Room {i}").id for i in (1, 2, 3)]
        staff = [
            clinic.add_practitioner(store, name, prof, [loc.id], hours=["mon-fri 08:00-16:00"]).id
            for name, prof in (
                ("Ingrid Berg", "acupuncturist"),
                ("Per Lie", "acupuncturist"),
                ("Anne Moe", "acupuncturist"),
            )
        ]
        patients = [
            clinic.add_patient(
                store, f"{NAMES[i % 10]} {SURNAMES[i // 10]}", phone=f"+47 900 00 {i:03}"
            ).id
            for i in range(40)
        ]
        rng = random.Random(seed)
        monday = (now - timedelta(days=14)).replace(hour=0)
        plans = 0
        for i in range(24):  # plans from two weeks before the clock to three weeks after it
            day = monday + timedelta(days=rng.randrange(35))
            if day.weekday() >= 5:
                day += timedelta(days=2)
            start = day.replace(hour=8 + rng.randrange(7), minute=rng.choice((0, 15, 30, 45)))
            req = PlanRequest(
                patient_id=patients[i],
                practitioner_id=staff[i % 3],
                room_id=rooms[i % 3],
                start=start.isoformat(timespec="minutes"),
                template=TEMPLATE,
            )
            with contextlib.suppress(PlannerError):  # a taken time or a holiday: fewer plans
                book(store, req, now=start - timedelta(days=1))
                plans += 1
        return {"staff": staff, "rooms": rooms, "patients": patients, "plans": plans}
    finally:
        store.close()


# -- one desk ---------------------------------------------------------------------------------


def _reason(exc: PlannerError) -> str:
    """A refusal's class and the general part of its message (before the particulars)."""
    text = re.sub(
        r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d \w{3} \d{4}( \d\d:\d\d)?", "<day>", exc.message
    )
    text = re.sub(r"\d+", "#", text.split(": ")[0])[:90]
    return f"{type(exc).__name__}: {text}"


class Desk:
    """One desk's view and its undo: what a receptionist's window holds between actions."""

    def __init__(self, store: Store, world: dict[str, Any], now: datetime, rng: random.Random):
        self.store, self.world, self.now, self.rng = store, world, now, rng
        self.undo: tuple[str, Any] | None = None

    def hot(self, *, future: bool) -> list[Any]:
        """The next (or the last) few booked sessions of the first two practitioners."""
        with self.store.read() as s:
            rows = [
                a
                for pid in self.world["staff"][:2]
                for a in list_appointments(
                    s,
                    start=self.now if future else self.now - timedelta(days=14),
                    end=self.now + timedelta(days=60) if future else self.now,
                    practitioner_id=pid,
                    include_cancelled=False,
                )
                if a.status == "booked"
            ]
        rows.sort(key=lambda a: a.start_utc, reverse=not future)
        return rows[:HOT]

    def pick(self, *, future: bool = True) -> Any:
        rows = self.hot(future=future)
        if not rows:
            raise LookupError("no session to pick")
        return self.rng.choice(rows)

    def slot(self) -> str:
        day = self.now + timedelta(days=self.rng.randrange(1, 30))
        if day.weekday() >= 5:
            day += timedelta(days=2)
        start = day.replace(hour=8 + self.rng.randrange(7), minute=self.rng.choice((0, 30)))
        return start.isoformat(timespec="minutes")

    def request(self) -> PlanRequest:
        return PlanRequest(
            patient_id=self.rng.choice(self.world["patients"]),
            practitioner_id=self.rng.choice(self.world["staff"][:2]),
            start=self.slot(),
            template=TEMPLATE,
        )

    def prepare(self, op: str) -> Callable[[], Any]:
        """Read what the desk's view shows (not timed) and return the operation (timed)."""
        rng, now, store = self.rng, self.now, self.store
        if op == "search":
            text = rng.choice(NAMES)[:3]
            return lambda: search_patients(store, text, now=now)
        if op in ("preview", "book"):
            req, act = self.request(), preview if op == "preview" else book
            return lambda: act(store, req, now=now)
        if op == "attend":
            a = self.pick(future=False)
            seen = {a.id: a.revision}
            return lambda: scores.attend(store, a.id, now=now, expect=seen)
        if op == "undo":
            assert self.undo is not None
            kind, res = self.undo
            self.undo = None  # tried once, as the window's undo stack drops a refused step
            if kind == "move":
                return lambda: edits.move_back(store, res.previous, now=now, expect=res.revisions())
            return lambda: edits.revert_cancel(store, res, now=now)
        a = self.pick()
        seen = {a.id: a.revision}
        if op == "cancel+extend":

            def cancel() -> None:
                self.undo = ("cancel", edits.cancel(store, a.id, extend=True, now=now, expect=seen))

            return cancel
        if op == "move following":
            with store.read() as s:
                seen = {
                    x.id: x.revision
                    for x in list_appointments(s, plan_id=a.plan_id)
                    if x.start_utc >= a.start_utc
                }
        new = a.start_local + timedelta(days=rng.choice((-1, 1, 2)), hours=rng.choice((0, 1)))

        def move() -> None:
            res = edits.move(store, a.id, new, following=op != "move", now=now, expect=seen)
            self.undo = ("move", res)

        return move


def desk_main(
    url: str, world: dict[str, Any], now: datetime, seconds: float, seed: int, ready: Any
) -> Any:
    """One desk process: once every desk is ready (the barrier ``ready``), operations for
    ``seconds``; its (op, ms, outcome) list."""
    store = Store(url, author=Author(f"desk {seed}", "bench", "bench"))
    desk = Desk(store, world, now, random.Random(seed))
    ops, weights = list(MIX), list(MIX.values())
    out = []
    search_patients(store, "x", now=now)  # connected, and the first queries compiled
    ready.wait(timeout=300)
    until = time.time() + seconds
    try:
        while time.time() < until:
            op = desk.rng.choices(ops, weights)[0]
            if op == "undo" and desk.undo is None:
                op = "search"
            try:
                call = desk.prepare(op)
            except LookupError:
                continue  # nothing to pick (every hot session taken): not an operation
            t0 = time.perf_counter()
            try:
                call()
                outcome = "ok"
            except PlannerError as exc:
                outcome = _reason(exc)
            except Exception as exc:  # counted as an error: the benchmark fails on it
                outcome = f"error: {type(exc).__name__}: {str(exc)[:200]}"
            out.append((op, (time.perf_counter() - t0) * 1000, outcome))
    finally:
        store.close()
    return out


# -- one database ------------------------------------------------------------------------------


def pct(xs: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ys = sorted(xs)
    return ys[max(0, min(len(ys) - 1, round(p / 100 * len(ys) + 0.5) - 1))]


def run_one(kind: str, url: str, args: argparse.Namespace) -> dict[str, Any]:
    now = clock()
    world = build_clinic(url, now, args.seed)
    ctx = multiprocessing.get_context("spawn")
    # every desk starts at once, when all have imported and connected
    with ctx.Manager() as manager, ctx.Pool(args.desks) as pool:
        ready = manager.Barrier(args.desks)
        jobs = [
            pool.apply_async(desk_main, (url, world, now, args.seconds, args.seed * 100 + i, ready))
            for i in range(args.desks)
        ]
        records = [r for j in jobs for r in j.get(timeout=args.seconds + 300)]
    store = Store(url)
    try:
        found = violations(store)
    finally:
        store.close()
    by_op: dict[str, list[float]] = {}
    outcomes: dict[str, Counter[str]] = {}
    for op, ms, outcome in records:
        by_op.setdefault(op, []).append(ms)
        outcomes.setdefault(op, Counter())[outcome] += 1
    ops = {
        op: {
            "count": len(ms),
            "ok": outcomes[op]["ok"],
            "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(pct(ms, 95), 1),
            "outcomes": dict(outcomes[op].most_common()),
        }
        for op, ms in sorted(by_op.items())
    }
    refusals: Counter[str] = Counter()
    for op, _ms, outcome in records:
        if outcome != "ok":
            refusals[f"{op}: {outcome}"] += 1
    return {
        "database": kind,
        "desks": args.desks,
        "seconds": args.seconds,
        "clinic": {k: (len(v) if isinstance(v, list) else v) for k, v in world.items()},
        "operations": len(records),
        "ops_per_s": round(len(records) / args.seconds, 1),
        "ok": sum(1 for r in records if r[2] == "ok"),
        "errors": sum(1 for r in records if r[2].startswith("error:")),
        "per_operation": ops,
        "refusals": dict(refusals.most_common()),
        "violations": found,
        "violation_count": sum(len(v) for v in found.values()),
    }


def print_result(r: dict[str, Any]) -> None:
    print(
        f"\n== {r['database']}: {r['desks']} desks, {r['seconds']} s, {r['operations']} "
        f"operations, {r['ops_per_s']} ops/s, {r['ok']} ok, {r['errors']} errors"
    )
    print(f"{'operation':<16}{'count':>7}{'ok':>7}{'p50 ms':>9}{'p95 ms':>9}")
    for op, x in r["per_operation"].items():
        print(f"{op:<16}{x['count']:>7}{x['ok']:>7}{x['p50_ms']:>9}{x['p95_ms']:>9}")
    print("refusals:")
    for reason, n in r["refusals"].items():
        print(f"  {n:>6}  {reason}")
    print(f"invariant violations: {r['violation_count']}")
    for name, lines in r["violations"].items():
        for line in lines[:20]:
            print(f"  {name}: {line}")


@contextlib.contextmanager
def postgres_database(url: str | None) -> Iterator[str]:
    """``url`` itself, or a new database on a throwaway server (removed afterwards)."""
    if url:
        yield url
        return
    import psycopg

    with throwaway_server() as server:
        admin = server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute('CREATE DATABASE "bench_desks"')
        yield f"{server}/bench_desks"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--desks", type=int, default=6, help="desk processes (default 6)")
    ap.add_argument("--seconds", type=float, default=120, help="how long they work (default 120)")
    ap.add_argument("--db", help="an empty PostgreSQL database to use (default: a throwaway)")
    ap.add_argument("--only", choices=("postgresql", "sqlite"), help="one database only")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-json", action="store_true", help="write no result file")
    args = ap.parse_args(argv)
    results = []
    runs: list[tuple[str, Callable[[], contextlib.AbstractContextManager[str]]]] = []
    if args.only != "sqlite":
        runs.append(("postgresql", lambda: postgres_database(args.db)))
    if args.only != "postgresql":
        runs.append(("sqlite", sqlite_database))
    for kind, where in runs:
        with where() as url:
            r = run_one(kind, url, args)
        print_result(r)
        results.append(r)
    if not args.no_json:
        out = {
            "when": datetime.now().isoformat(timespec="seconds"),
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
            "results": results,
        }
        folder = HERE / "results"
        folder.mkdir(exist_ok=True)
        path = folder / f"desks-{datetime.now():%Y%m%d-%H%M%S}.json"
        path.write_text(json.dumps(out, indent=1))
        print(f"\nwrote {path.relative_to(ROOT)}")
    bad = any(r["violation_count"] or r["errors"] for r in results)
    return 1 if bad else 0


@contextlib.contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="planner-desks-") as folder:
        yield str(Path(folder) / "desks.db")


if __name__ == "__main__":
    sys.exit(main())
