"""Check a planner database for what several desks must never break between them.

    .venv/bin/python scripts/check_schedule.py --db postgresql+psycopg://.../clinic
    .venv/bin/python scripts/check_schedule.py --db planner.db --json

Prints every violation (one line each) and exits 1 if there is any, 0 if there is none. The
race tests (``tests/db/test_desk_races.py``) and the desk benchmark (``bench/bench_desks.py``)
call :func:`violations` after their desks have raced. What it checks:

* **no double booking**: no two live sessions (any status but cancelled) of one practitioner,
  one room or one patient overlap in time (one SQL self-join);
* **every plan keeps its count**: its live sessions plus its sessions cancelled *without*
  extension equal the sessions its rule plans (``PlanSpec.count``). A session cancelled with
  extension is made up for by the session the cancel added, so it does not count; which kind
  of cancel it was is read from the change log (the action of the change that cancelled it);
* **revisions tell the truth**: every session, plan, patient and practitioner whose creation
  is in the change log has a revision equal to the number of ``changed`` rows the log holds
  for it (each action raises it once and logs it once; a lost update raises it once for two).

Read-only: it opens the database, reads, and changes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import and_, or_, select  # noqa: E402
from sqlalchemy.orm import aliased  # noqa: E402

from planner.core.domain import AppointmentStatus, PlanSpec  # noqa: E402
from planner.db.models import Appointment, Change, Patient, Plan, Practitioner  # noqa: E402
from planner.db.store import Store  # noqa: E402

CANCELLED = AppointmentStatus.CANCELLED.value
EXTENDING = "cancel and extend"
"""The action (:func:`planner.services.booking.edits.cancel` with ``extend``) whose cancelled
session is made up for by the one it adds."""
REVISIONED: dict[str, Any] = {
    "session": Appointment,
    "plan": Plan,
    "patient": Patient,
    "practitioner": Practitioner,
}


def overlaps(store: Store) -> list[str]:
    """Pairs of live sessions of one practitioner, room or patient that overlap in time."""
    a, b = aliased(Appointment), aliased(Appointment)
    same = or_(
        a.practitioner_id == b.practitioner_id,
        a.patient_id == b.patient_id,
        and_(a.room_id.is_not(None), a.room_id == b.room_id),
    )
    stmt = (
        select(a.id, b.id, a.practitioner_id == b.practitioner_id, a.patient_id == b.patient_id)
        .join(b, and_(a.id < b.id, a.start_utc < b.end_utc, b.start_utc < a.end_utc, same))
        .where(a.status != CANCELLED, b.status != CANCELLED)
        .order_by(a.id, b.id)
    )
    out = []
    with store.read() as s:
        for x, y, same_pr, same_pa in s.execute(stmt):
            what = "practitioner" if same_pr else "patient" if same_pa else "room"
            out.append(f"sessions {x} and {y} of one {what} overlap")
    return out


def _cancel_actions(store: Store) -> dict[int, str]:
    """Each session's last status change to cancelled: the action that made it."""
    last: dict[int, str] = {}
    with store.read() as s:
        rows = s.execute(
            select(Change.entity_id, Change.action, Change.after)
            .where(Change.entity == "session", Change.kind == "changed")
            .order_by(Change.id)
        )
        for sid, action, after in rows:
            if isinstance(after, dict) and after.get("status") == CANCELLED:
                last[sid] = action
    return last


def plan_counts(store: Store) -> list[str]:
    """Plans whose live sessions plus those cancelled without extension are not their count."""
    how = _cancel_actions(store)
    out = []
    with store.read() as s:
        sessions: dict[int, list[tuple[int, str]]] = {}
        for sid, pid, status in s.execute(
            select(Appointment.id, Appointment.plan_id, Appointment.status)
        ):
            sessions.setdefault(pid, []).append((sid, status))
        for plan in s.scalars(select(Plan).order_by(Plan.id)):
            planned = PlanSpec.from_rule_json(plan.start_local, plan.tz, plan.rule).count
            rows = sessions.get(plan.id, [])
            live = sum(1 for _sid, st in rows if st != CANCELLED)
            kept = sum(1 for sid, st in rows if st == CANCELLED and how.get(sid) != EXTENDING)
            if live + kept != planned:
                out.append(
                    f"plan {plan.id} plans {planned} sessions but has {live} live and {kept} "
                    "cancelled without extension"
                )
    return out


def revisions(store: Store) -> list[str]:
    """Rows whose revision is not the number of 'changed' rows the change log has for them."""
    out = []
    with store.read() as s:
        for entity, model in REVISIONED.items():
            logged: Counter[int] = Counter()
            created: set[int] = set()
            for eid, kind in s.execute(
                select(Change.entity_id, Change.kind).where(Change.entity == entity)
            ):
                if kind == "changed":
                    logged[eid] += 1
                elif kind == "created":
                    created.add(eid)
            for rid, rev in s.execute(select(model.id, model.revision)):
                if rid in created and rev != logged[rid]:
                    out.append(
                        f"{entity} {rid} has revision {rev} but the change log has "
                        f"{logged[rid]} changes of it"
                    )
    return out


def violations(store: Store) -> dict[str, list[str]]:
    """Every check by name, each with its violations (empty lists: all is well)."""
    return {
        "overlaps": overlaps(store),
        "plan_counts": plan_counts(store),
        "revisions": revisions(store),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="SQLite file or SQLAlchemy URL")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    store = Store(args.db)
    try:
        found = violations(store)
    finally:
        store.close()
    total = sum(len(v) for v in found.values())
    if args.json:
        out: dict[str, Any] = {"violations": found, "total": total}
        print(json.dumps(out, indent=2))
    else:
        for name, lines in found.items():
            for line in lines:
                print(f"{name}: {line}")
        print(f"{total} violation{'s' if total != 1 else ''}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
