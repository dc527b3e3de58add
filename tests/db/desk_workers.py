"""Front desks in their own processes, for the race tests (imported by spawn).

A :class:`Desks` pair starts two processes once (importing the planner costs a second each)
and then runs one operation on each at a time: both wait at a barrier and start together, and
each process has the functions that find and lock rows (``get_appointment``, ``lock_plan``,
``clinic.get``) patched, where the services call them, to sleep ``delay`` seconds after
reading (and ``record_of``, which a patient's edit and its undo call right after reading the
row). So between its read and its commit each desk gives the other every chance to read
the same old state: without the locks both would decide on it.

Each operation answers with a plain dict: ``ok`` and what it returned, or the refusal's class
and its message (what the desk shows a person).
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from datetime import datetime
from multiprocessing.connection import Connection
from typing import Any

Outcome = dict[str, Any]


def _slow(fn: Callable[..., Any], delay: float) -> Callable[..., Any]:
    def slow(*args: Any, **kwargs: Any) -> Any:
        result = fn(*args, **kwargs)
        time.sleep(delay)  # the row is read (and locked, if the lock is there): wait for the other
        return result

    return slow


def _patch(delay: float) -> None:
    from planner.services import clinic_setup, patient_records
    from planner.services.booking import edits, scores

    # Patched where the services call them (imported by name into each module).
    for mod in (edits, scores):
        mod.get_appointment = _slow(mod.get_appointment, delay)  # type: ignore[attr-defined]
        mod.lock_plan = _slow(mod.lock_plan, delay)  # type: ignore[attr-defined]
    clinic_setup.get = _slow(clinic_setup.get, delay)  # type: ignore[attr-defined]
    # a patient's edit and its undo both read the row and then make its record
    patient_records.record_of = _slow(patient_records.record_of, delay)


def _ops() -> dict[str, Callable[..., Any]]:
    from planner.services import clinic_setup, patient_records
    from planner.services.booking import edits, scores

    def cancel(store: Any, **kw: Any) -> Any:
        res = edits.cancel(store, **kw)
        return {"revisions": res.revisions(), "added": res.added is not None}

    def move(store: Any, **kw: Any) -> Any:
        return {"revisions": edits.move(store, **kw).revisions()}

    def patient(store: Any, patient_id: int, **kw: Any) -> Any:
        return patient_records.edit_patient(store, patient_id, **kw).after

    return {
        "cancel": cancel,
        "move": move,
        "move_back": lambda store, **kw: edits.move_back(store, **kw),
        "revert_cancel": lambda store, **kw: edits.revert_cancel(store, **kw),
        "cancel_rest": lambda store, **kw: len(edits.cancel_rest(store, **kw).cancelled),
        "attend": lambda store, **kw: scores.attend(store, **kw)["status"],
        "no_show": lambda store, **kw: scores.no_show(store, **kw)["status"],
        "edit_patient": patient,
        "restore_patient": lambda store, **kw: patient_records.restore_patient(store, **kw),
        "edit_practitioner": lambda store, practitioner_id, **kw: (
            clinic_setup.edit_practitioner(store, practitioner_id, **kw).name
        ),
    }


def desk_main(name: str, conn: Connection, barrier: Any, delay: float) -> None:
    """One desk: run each ``(db, op, kwargs)`` received at the barrier, answer, until None."""
    from planner.db.audit import Author
    from planner.db.store import Store
    from planner.errors import PlannerError

    _patch(delay)
    ops = _ops()
    store: Store | None = None
    opened = ""
    while (task := conn.recv()) is not None:
        db, op, kwargs = task
        if store is None or opened != db:
            if store is not None:
                store.close()
            store, opened = Store(db, author=Author(name, "race", "test")), db
        barrier.wait(timeout=60)
        out: Outcome
        try:
            out = {"desk": name, "op": op, "ok": True, "result": ops[op](store, **kwargs)}
        except PlannerError as exc:
            out = {"desk": name, "op": op, "ok": False, "kind": type(exc).__name__}
            out["message"] = exc.message
        except Exception as exc:  # reported to the test, which fails on it
            out = {"desk": name, "op": op, "ok": False, "kind": type(exc).__name__}
            out["message"], out["unexpected"] = str(exc), True
        conn.send(out)
    if store is not None:
        store.close()


class Desks:
    """Two desk processes started once; :meth:`race` runs one operation on each at once."""

    def __init__(self, delay: float = 0.06) -> None:
        ctx = multiprocessing.get_context("spawn")
        # kept: a child unpickles the barrier's semaphore after start() returns
        self._barrier = barrier = ctx.Barrier(2)
        self._conns: list[Connection] = []
        self._procs = []
        for name in ("desk A", "desk B"):
            here, there = ctx.Pipe()
            p = ctx.Process(target=desk_main, args=(name, there, barrier, delay), daemon=True)
            p.start()
            self._conns.append(here)
            self._procs.append(p)

    def race(
        self, db: str, a: tuple[str, dict[str, Any]], b: tuple[str, dict[str, Any]]
    ) -> tuple[Outcome, Outcome]:
        """Desk A runs ``a`` and desk B ``b`` (each ``(op, kwargs)``), started together."""
        for conn, (op, kwargs) in zip(self._conns, (a, b), strict=True):
            conn.send((db, op, kwargs))
        outs = []
        for conn in self._conns:
            if not conn.poll(120):
                raise TimeoutError("a desk did not answer within 2 minutes (deadlock?)")
            outs.append(conn.recv())
        return outs[0], outs[1]

    def close(self) -> None:
        for conn in self._conns:
            conn.send(None)
        for p in self._procs:
            p.join(10)
            if p.is_alive():
                p.kill()


def at(local: datetime) -> str:
    """A local start as the services take it (``2027-01-05T10:00``)."""
    return local.isoformat(timespec="minutes")
