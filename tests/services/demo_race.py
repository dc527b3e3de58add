"""A demo build racing another desk that adds a patient, as two processes (SQLite and
PostgreSQL tests share it): either the demo finishes and the patient exists too, or the demo
is refused and the database holds exactly that patient; never a half demo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from planner.db.models import Appointment, Change, Location, Patient, Plan, Practitioner
from planner.db.store import Store

DEMO = ["demo", "--patients", "300", "--appointments", "3000", "--json"]
WALK_IN = "Walk In Patient"


def planner(url: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PLANNER_DESK": "race"}
    return subprocess.Popen(
        [sys.executable, "-m", "planner.cli", "--db", url, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@dataclass
class Outcome:
    demo_code: int
    demo_out: str
    demo_err: str
    patient_code: int
    patient_err: str
    counts: dict[str, int]
    walk_ins: int


def counts(url: str) -> tuple[dict[str, int], int]:
    store = Store(url)
    try:
        with store.read() as s:
            found = {
                name: int(s.scalar(select(func.count()).select_from(model)) or 0)
                for name, model in (
                    ("locations", Location),
                    ("practitioners", Practitioner),
                    ("patients", Patient),
                    ("plans", Plan),
                    ("sessions", Appointment),
                )
            }
            found["demo_entries"] = int(
                s.scalar(select(func.count()).select_from(Change).where(Change.entity == "demo"))
                or 0
            )
            walk_ins = int(
                s.scalar(select(func.count()).select_from(Patient).where(Patient.name == WALK_IN))
                or 0
            )
        return found, walk_ins
    finally:
        store.close()


def demo_holds_its_lock(url: str) -> bool:
    """Whether a demo build holds its write lock now (SQLite: the database's write lock;
    PostgreSQL: its SHARE ROW EXCLUSIVE lock on the patients table)."""
    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
            row = conn.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE c.relname = 'patients' AND l.mode = 'ShareRowExclusiveLock' AND l.granted"
            ).fetchone()
            return bool(row and row[0])
    import sqlite3

    probe = sqlite3.connect(url, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc)
    finally:
        probe.close()


def race(url: str, delay: float | None) -> Outcome:
    """Start ``planner demo`` and ``planner patient add`` and let both end.

    ``delay`` seconds after the demo started the patient is added; ``delay=None`` adds it
    once the demo holds its lock (then the demo must finish and the patient come after it);
    a negative one adds it first and starts the demo ``-delay`` seconds after it ended (then
    the demo must be refused)."""
    if delay is not None and delay < 0:
        walk_in = planner(url, "patient", "add", "--name", WALK_IN)
        walk_in.wait(60)
        time.sleep(-delay)
        demo = planner(url, *DEMO)
    else:
        demo = planner(url, *DEMO)
        if delay is None:
            deadline = time.monotonic() + 60
            while not demo_holds_its_lock(url) and demo.poll() is None:
                assert time.monotonic() < deadline, "the demo never took its lock"
                time.sleep(0.02)
            assert demo.poll() is None, "the demo ended before its lock was seen"
        else:
            time.sleep(delay)
        walk_in = planner(url, "patient", "add", "--name", WALK_IN)
    d_out, d_err = demo.communicate(timeout=300)
    _p_out, p_err = walk_in.communicate(timeout=300)
    found, walk_ins = counts(url)
    return Outcome(demo.returncode, d_out, d_err, walk_in.returncode, p_err, found, walk_ins)


def check(outcome: Outcome) -> str:
    """Assert one of the two allowed ends; which one it was."""
    o = outcome
    assert o.patient_code == 0, o.patient_err
    assert o.walk_ins == 1
    if o.demo_code == 0:
        summary: dict[str, Any] = json.loads(o.demo_out)
        assert o.counts["sessions"] == summary["appointments"] > 0
        assert o.counts["plans"] == summary["plans"]
        assert o.counts["patients"] == summary["patients"] + 1
        assert o.counts["locations"] == summary["locations"]
        assert o.counts["demo_entries"] == 1
        return "built"
    assert o.demo_code == 3, (o.demo_code, o.demo_err)
    assert o.demo_err.count("\n") == 1 and "already has patients" in o.demo_err, o.demo_err
    assert o.counts == {
        "locations": 0,
        "practitioners": 0,
        "patients": 1,
        "plans": 0,
        "sessions": 0,
        "demo_entries": 0,
    }
    return "refused"


def demo_again_refused(url: str) -> None:
    """``planner demo`` on the filled database: refused in one line, exit 3."""
    again = planner(url, "demo", "--patients", "10", "--appointments", "50")
    _out, err = again.communicate(timeout=120)
    assert again.returncode == 3, err
    assert err.count("\n") == 1 and err.startswith("planner: the database ")
    assert "already has" in err and "Traceback" not in err
