"""Fixtures for the calendar tests: a plan with everything a calendar must survive.

``scenario`` books the reference fibromyalgia plan in Oslo for Ola (who has a screening flag,
patient notes and a chart number), with plan notes that name his diagnosis. It crosses the
end of summer time (25 Oct 2026); treatment 6 (27 Oct) is moved to Thursday 29 Oct 14:00 and
treatment 3 (6 Oct) is cancelled because of a fever. Kari has a plan with the same
practitioner an hour later, so a leak of "another patient" has a name to look for. The
session UIDs are replaced by fixed ones so that exports are reproducible byte for byte.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from planner.db.models import Appointment, Patient, Plan
from planner.db.store import Store
from planner.services.booking.edits import cancel, move
from planner.services.booking.plans import PlanRequest, book

from ..conftest import FROZEN_NOW, Clinic

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
"""Calendar files, each named after the behaviour or bug it pins."""
MOVED_AT = datetime(2026, 9, 2, 9, 30)
CANCELLED_AT = datetime(2026, 9, 3, 14, 15)
UPDATE_GOLDEN = bool(os.environ.get("PLANNER_UPDATE_GOLDEN"))
"""Set to regenerate the golden files (then review the diff before committing them)."""

DIAGNOSIS = "Fibromyalgia"
PLAN_NOTES = "Referred with fibromyalgia; GP letter on file"
PATIENT_NOTES = "Diagnosis: fibromyalgia since 2019; sleeps badly"
CANCEL_REASON = "patient has a fever"


@dataclass
class Scenario:
    clinic: Clinic
    plan_id: int
    other_plan_id: int
    booked: list[dict[str, Any]]
    moved_id: int
    cancelled_id: int


def fix_uids(store: Store, plan_id: int, prefix: str) -> None:
    """Deterministic UIDs for a plan's sessions (booking makes random ones)."""
    with store.write() as s:
        ids = list(
            s.scalars(
                select(Appointment.id)
                .where(Appointment.plan_id == plan_id)
                .order_by(Appointment.id)
            )
        )
        for n, i in enumerate(ids, start=1):
            s.execute(
                update(Appointment)
                .where(Appointment.id == i)
                .values(uid=f"{prefix}-{n:02d}@planner.test")
            )


def book_scenario(c: Clinic) -> Scenario:
    with c.store.write() as s:
        ola = s.get(Patient, c.ola)
        assert ola is not None
        ola.notes = PATIENT_NOTES
        ola.chart_number = "C-1042"
    res = book(
        c.store,
        PlanRequest(
            patient_id=c.ola,
            practitioner_id=c.practitioner,
            start="2026-09-15T10:00",
            template="Fibromyalgia acupuncture",
            room_id=c.room,
            regions=["neck", "shoulders", "lower-back"],
            acknowledge_flags=True,
            notes=PLAN_NOTES,
        ),
        now=FROZEN_NOW,
    )
    other = book(
        c.store,
        PlanRequest(
            patient_id=c.kari,
            practitioner_id=c.practitioner,
            start="2026-09-15T11:00",
            template="Dry needling, acute",
        ),
        now=FROZEN_NOW,
    )
    fix_uids(c.store, res.plan_id, "a")
    fix_uids(c.store, other.plan_id, "b")
    t6 = res.appointments[6]
    assert t6["local_start"] == "2026-10-27T10:00"  # after the clocks went back
    move(c.store, t6["id"], "2026-10-29T14:00", now=MOVED_AT)
    t3 = res.appointments[3]
    assert t3["local_start"] == "2026-10-06T10:00"
    cancel(c.store, t3["id"], reason=CANCEL_REASON, now=CANCELLED_AT)
    with c.store.read() as s:
        plan = s.get(Plan, res.plan_id)
        assert plan is not None and plan.notes == PLAN_NOTES
    return Scenario(c, res.plan_id, other.plan_id, res.appointments, t6["id"], t3["id"])


@pytest.fixture
def scenario(oslo: Clinic) -> Scenario:
    return book_scenario(oslo)


def booked_instants(store: Store, plan_id: int) -> list[tuple[datetime, datetime]]:
    """What the database says the plan's active sessions are, as (start, end) in UTC."""
    with store.read() as s:
        rows = s.execute(
            select(Appointment.start_utc, Appointment.end_utc).where(
                Appointment.plan_id == plan_id, Appointment.status != "cancelled"
            )
        ).all()
    return sorted((a, b) for a, b in rows)


def golden(name: str, data: bytes) -> None:
    """Compare ``data`` with ``fixtures/<name>`` (rewritten instead with PLANNER_UPDATE_GOLDEN)."""
    path = FIXTURES / name
    if UPDATE_GOLDEN or not path.exists():
        path.write_bytes(data)
        if not UPDATE_GOLDEN:
            pytest.fail(f"{name} did not exist and was written; review it and run again")
    expected = path.read_bytes()
    if data != expected:
        got = data.decode().splitlines()
        want = expected.decode().splitlines()
        n = next(
            (i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
            min(len(got), len(want)),
        )
        line_got = got[n] if n < len(got) else "<end of file>"
        line_want = want[n] if n < len(want) else "<end of file>"
        pytest.fail(
            f"{name} differs from the export at line {n + 1}: got {line_got!r}, expected "
            f"{line_want!r}; if the change is intended, regenerate with "
            "PLANNER_UPDATE_GOLDEN=1 and review the diff"
        )


def reversed_components(data: bytes) -> tuple[bytes, dict[int, int]]:
    """The same calendar with the components of each VCALENDAR in reverse order.

    RFC 5545 imposes no order on a calendar's components: a VTIMEZONE may come after the
    events that use it, an override (RECURRENCE-ID) before its master. Reading both orders
    the same is what this pins (python-recurring-ical-events runs its tests the same way).
    Folded lines stay with the line they continue; nested components (VALARM, STANDARD,
    DAYLIGHT) move with their parent. Also returns where each line (1-based) went.
    """
    out: list[tuple[int, bytes]] = []
    blocks: list[list[tuple[int, bytes]]] = []
    depth = 0
    for number, line in enumerate(data.splitlines(keepends=True), start=1):
        word = line.rstrip(b"\r\n").upper()
        if word.startswith(b"BEGIN:"):
            depth += 1
            if depth == 2:
                blocks.append([])
        if depth >= 2:
            blocks[-1].append((number, line))
        else:
            if word == b"END:VCALENDAR":
                out.extend(item for block in reversed(blocks) for item in block)
                blocks = []
            out.append((number, line))
        if word.startswith(b"END:"):
            depth -= 1
    moved = {old: new for new, (old, _line) in enumerate(out, start=1)}
    return b"".join(line for _n, line in out), moved


class CalendarFiles:
    """Fixture files by name, as written or with their components reversed.

    A reversed copy keeps the file's name, so messages that name the file read the same;
    :meth:`line` says where a line of the file as written is in the copy.
    """

    def __init__(self, order: str, folder: Path) -> None:
        self.order = order
        self.folder = folder
        self._moved: dict[int, int] = {}

    def __call__(self, name: str) -> Path:
        original = FIXTURES / name
        if self.order == "as-written":
            return original
        data, self._moved = reversed_components(original.read_bytes())
        copy = self.folder / name
        copy.write_bytes(data)
        return copy

    def line(self, as_written: int) -> int:
        """The line of the last file asked for that holds line ``as_written`` of the original."""
        return self._moved.get(as_written, as_written)


@pytest.fixture(params=["as-written", "reversed"])
def calendar(request: pytest.FixtureRequest, tmp_path: Path) -> CalendarFiles:
    """Run a reading test over the fixture as written and with its components reversed."""
    folder = tmp_path / "reversed"
    folder.mkdir()
    return CalendarFiles(request.param, folder)
