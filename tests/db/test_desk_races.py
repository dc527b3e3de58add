"""Two front desks change the same session at the same moment, on SQLite and on PostgreSQL.

Each race starts two desk processes' operations together (:mod:`.desk_workers`), each pausing
between reading its rows and committing, so that without the row locks both would decide on
the same old state. After every race:

* exactly one of the two wins, or both apply one after the other (then the row's revision
  rose twice): when both desks pass the revisions they saw (``expect``, as the window always
  does) only one may win; the command line without ``--expect-revision`` may apply both in
  order, never over each other;
* the loser is told why in words: a ChangedElsewhere or InvalidState message, never a class
  name, SQL or a traceback;
* the whole database keeps its invariants (``scripts/check_schedule.py``): no double booking,
  every plan keeps its count, every revision equals the changes the change log has for it.

The default run does a few races of each pair; the ``slow`` tests do the issue's 100 races of
"cancel with extension twice" and "cancel and move" on each database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from scripts.check_schedule import violations
from sqlalchemy import func, select

from planner.core.domain import AppointmentStatus
from planner.core.timeutil import to_utc, zone
from planner.db.models import Appointment, Change, Patient, Plan, Practitioner
from planner.db.store import Store
from planner.services import clinic
from planner.services.booking import edits
from planner.services.booking.plans import PlanRequest, book
from planner.services.patient_records import edit_patient, patient_record

from .desk_workers import Desks, Outcome, at

RACES = 2
"""Races of each pair in the default run (the slow tests run 100)."""
TZ = "Europe/Oslo"
FIRST = datetime(2027, 1, 4, 10, 0)  # a Monday; each plan gets its own 7 weeks from here
BOOK_NOW = datetime(2026, 12, 1, 12, 0)
CLEAR_KINDS = {"ChangedElsewhere", "InvalidState", "Conflict", "NotFound"}
NOT_FOR_PEOPLE = re.compile(
    r"Traceback|sqlalchemy|psycopg|sqlite3|\bSELECT\b|\bUPDATE\b|\bINSERT\b|"
    r"[A-Z][a-z]+(Error|Elsewhere|State|Found|Exception)\b"
)


@pytest.fixture(scope="module")
def desks() -> Iterator[Desks]:
    d = Desks()
    yield d
    d.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One database per module and kind: the races keep apart by patient and week (the
    migrations would take longer than the races)."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("desks") / "desks.db")
        Store(url, create=True).close()
        yield url
        return
    import psycopg

    server = request.getfixturevalue("pg_server")
    admin = server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute('CREATE DATABASE "desk_races"')
    url = f"{server}/desk_races"
    Store(url, create=True).close()
    yield url
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute('DROP DATABASE "desk_races" WITH (FORCE)')


@dataclass
class Booked:
    plan: int
    patient: int
    sessions: list[int]
    starts: list[datetime]

    def now(self) -> datetime:
        """Half an hour into the first session (naive UTC): it can be marked, the rest moved."""
        return to_utc(self.starts[0], zone(TZ)) + timedelta(minutes=30)


class World:
    """A clinic with one location, room and acupuncturist; a new patient and plan per race."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.store = Store(url)
        loc = clinic.add_location(self.store, "Oslo sentrum", TZ, hours=["mon-fri 08:00-18:00"])
        self.room = clinic.add_room(self.store, loc.id, "Room 1").id
        self.practitioner = clinic.add_practitioner(
            self.store, "Ingrid Berg", "acupuncturist", [loc.id], hours=["mon-fri 08:00-16:00"]
        ).id
        self.count = 0
        self.known: set[str] = set()

    def plan(self) -> Booked:
        """Six weekly 15-minute sessions on Mondays at 10:00, seven weeks after the last plan's."""
        k, self.count = self.count, self.count + 1
        patient = clinic.add_patient(self.store, f"Patient {k + 1}").id
        start = FIRST + timedelta(weeks=7 * k)
        res = book(
            self.store,
            PlanRequest(
                patient_id=patient,
                practitioner_id=self.practitioner,
                room_id=self.room,
                start=at(start),
                template="Dry needling, acute",
            ),
            now=BOOK_NOW,
        )
        sessions = [int(a["id"]) for a in res.appointments]
        starts = [datetime.fromisoformat(a["local_start"]) for a in res.appointments]
        return Booked(res.plan_id, patient, sessions, starts)

    def session(self, sid: int) -> Appointment:
        with self.store.read() as s:
            a = s.get(Appointment, sid)
            assert a is not None
            return a

    def changed(self, entity: str, eid: int) -> int:
        with self.store.read() as s:
            return int(
                s.scalar(
                    select(func.count())
                    .select_from(Change)
                    .where(Change.entity == entity, Change.entity_id == eid)
                    .where(Change.kind == "changed")
                )
                or 0
            )

    def live(self, plan_id: int) -> int:
        with self.store.read() as s:
            return int(
                s.scalar(
                    select(func.count())
                    .select_from(Appointment)
                    .where(Appointment.plan_id == plan_id)
                    .where(Appointment.status != AppointmentStatus.CANCELLED.value)
                )
                or 0
            )

    def settle(self) -> None:
        """Take what the database holds now as known (a failed race may have left it)."""
        self.known.update(x for v in violations(self.store).values() for x in v)

    def check(self) -> None:
        """No violation in the whole database that an earlier race did not leave already
        (so that, when one race fails, the next ones are judged on their own)."""
        found = violations(self.store)
        new = {k: [x for x in v if x not in self.known] for k, v in found.items()}
        self.known.update(x for v in found.values() for x in v)
        assert new == {"overlaps": [], "plan_counts": [], "revisions": []}, new

    def close(self) -> None:
        self.store.close()


@pytest.fixture(scope="module")
def world(db: str) -> Iterator[World]:
    w = World(db)
    yield w
    w.close()


def judge(outs: tuple[Outcome, Outcome], *, one: bool) -> list[Outcome]:
    """The winners of a race; every loser told why in words. ``one``: exactly one may win."""
    for o in outs:
        assert not o.get("unexpected"), o
    winners = [o for o in outs if o["ok"]]
    assert winners, outs
    if one:
        assert len(winners) == 1, outs
    for o in outs:
        if not o["ok"]:
            assert o["kind"] in CLEAR_KINDS, o
            assert o["message"] and not NOT_FOR_PEOPLE.search(o["message"]), o
            if o["kind"] == "ChangedElsewhere":
                assert "changed at another desk a moment ago" in o["message"], o
    return winners


def seen(*ids: int, revision: int = 0) -> dict[int, int] | None:
    return dict.fromkeys(ids, revision)


# -- the races ---------------------------------------------------------------------------------


def race_cancel_extend_twice(desks: Desks, w: World, *, window: bool) -> None:
    b = w.plan()
    sid = b.sessions[2]
    op = {"appointment_id": sid, "extend": True, "now": b.now()}
    if window:
        op["expect"] = seen(sid)
    winners = judge(desks.race(w.url, ("cancel", op), ("cancel", op)), one=True)
    assert winners[0]["result"]["added"]
    a = w.session(sid)
    assert a.status == "cancelled" and a.revision == 1 == w.changed("session", sid)
    assert w.live(b.plan) == 6  # one session added for the one cancelled, not two
    w.check()


def race_cancel_vs_move(desks: Desks, w: World, *, window: bool) -> None:
    b = w.plan()
    sid = b.sessions[2]
    expect = {"expect": seen(sid)} if window else {}
    new = b.starts[2] + timedelta(days=1)
    cancel = {"appointment_id": sid, "now": b.now(), **expect}
    move = {"appointment_id": sid, "new_start": at(new), "now": b.now(), **expect}
    outs = desks.race(w.url, ("cancel", cancel), ("move", move))
    winners = judge(outs, one=window)
    a = w.session(sid)
    assert a.revision == len(winners) == w.changed("session", sid)
    assert a.status == ("cancelled" if outs[0]["ok"] else "booked")
    assert a.start_local == (new if outs[1]["ok"] else b.starts[2])
    w.check()


def race_move_vs_move(desks: Desks, w: World, *, window: bool) -> None:
    b = w.plan()
    sid = b.sessions[2]
    expect = {"expect": seen(sid)} if window else {}
    tue, wed = b.starts[2] + timedelta(days=1), b.starts[2] + timedelta(days=2)
    outs = desks.race(
        w.url,
        ("move", {"appointment_id": sid, "new_start": at(tue), "now": b.now(), **expect}),
        ("move", {"appointment_id": sid, "new_start": at(wed), "now": b.now(), **expect}),
    )
    winners = judge(outs, one=window)
    a = w.session(sid)
    assert a.revision == len(winners) == w.changed("session", sid)
    if len(winners) == 1:
        assert a.start_local == (tue if outs[0]["ok"] else wed)
    else:
        assert a.start_local in (tue, wed)
    w.check()


def race_move_following_vs_cancel_later(desks: Desks, w: World) -> None:
    b = w.plan()
    first, later = b.sessions[1], b.sessions[3]
    move = {
        "appointment_id": first,
        "new_start": at(b.starts[1] + timedelta(days=1)),
        "following": True,
        "now": b.now(),
        "expect": seen(*b.sessions[1:]),
    }
    cancel = {"appointment_id": later, "now": b.now(), "expect": seen(later)}
    outs = desks.race(w.url, ("move", move), ("cancel", cancel))
    judge(outs, one=True)
    a = w.session(later)
    if outs[1]["ok"]:
        # the cancel came first: the move's view (which moved that session too) is stale
        assert a.status == "cancelled" and a.start_local == b.starts[3] and a.revision == 1
        assert outs[0]["kind"] == "ChangedElsewhere"
        assert w.session(first).start_local == b.starts[1]
    else:  # the move came first and took the later session along; the cancel saw it too late
        assert a.status == "booked" and a.start_local == b.starts[3] + timedelta(days=1)
        assert outs[1]["kind"] == "ChangedElsewhere"
        assert w.session(first).start_local == b.starts[1] + timedelta(days=1)
    w.check()


def race_attend_vs_no_show(desks: Desks, w: World, *, window: bool) -> None:
    b = w.plan()
    sid = b.sessions[0]
    expect = {"expect": seen(sid)} if window else {}
    op = {"appointment_id": sid, "now": b.now(), **expect}
    outs = desks.race(w.url, ("attend", op), ("no_show", op))
    winners = judge(outs, one=window)
    a = w.session(sid)
    assert a.revision == len(winners) == w.changed("session", sid)
    # both in order only as no-show then attended (attend corrects a no-show, not the reverse)
    assert a.status == ("attended" if outs[0]["ok"] else "no-show")
    w.check()


def race_attend_vs_cancel(desks: Desks, w: World) -> None:
    b = w.plan()
    sid = b.sessions[0]
    op = {"appointment_id": sid, "now": b.now(), "expect": seen(sid)}
    outs = desks.race(w.url, ("attend", op), ("cancel", {**op, "extend": True}))
    judge(outs, one=True)
    a = w.session(sid)
    assert a.revision == 1 == w.changed("session", sid)
    assert a.status == ("attended" if outs[0]["ok"] else "cancelled")
    assert w.live(b.plan) == 6
    w.check()


def race_revert_cancel_vs_move_of_added(desks: Desks, w: World) -> None:
    b = w.plan()
    sid = b.sessions[2]
    res = edits.cancel(w.store, sid, extend=True, now=b.now())
    assert res.added is not None
    added, added_at = int(res.added["id"]), datetime.fromisoformat(res.added["local_start"])
    move = {
        "appointment_id": added,
        "new_start": at(added_at + timedelta(days=1)),
        "now": b.now(),
        "expect": seen(added),
    }
    outs = desks.race(w.url, ("revert_cancel", {"result": res, "now": b.now()}), ("move", move))
    judge(outs, one=True)
    a = w.session(sid)
    if outs[0]["ok"]:  # undone: the session is back and the added one gone
        assert a.status == "booked" and a.revision == 2 and w.live(b.plan) == 6
        with w.store.read() as s:
            assert s.get(Appointment, added) is None
    else:  # the other desk moved the added session first: the undo does not remove it
        assert a.status == "cancelled" and a.revision == 1
        assert w.session(added).start_local == added_at + timedelta(days=1)
    w.check()


def race_move_back_vs_cancel(desks: Desks, w: World) -> None:
    b = w.plan()
    sid = b.sessions[2]
    res = edits.move(w.store, sid, at(b.starts[2] + timedelta(days=1)), now=b.now())
    after = res.revisions()
    outs = desks.race(
        w.url,
        ("move_back", {"previous": res.previous, "now": b.now(), "expect": after}),
        ("cancel", {"appointment_id": sid, "now": b.now(), "expect": after}),
    )
    judge(outs, one=True)
    a = w.session(sid)
    assert a.revision == 2 == w.changed("session", sid)
    if outs[0]["ok"]:
        assert a.status == "booked" and a.start_local == b.starts[2]
    else:  # undo refused over the other desk's cancel
        assert a.status == "cancelled" and outs[0]["kind"] == "ChangedElsewhere"
    w.check()


def race_cancel_rest_vs_move(desks: Desks, w: World) -> None:
    b = w.plan()
    sid = b.sessions[3]
    new = b.starts[3] + timedelta(days=1)
    with w.store.read() as s:
        plan = s.get(Plan, b.plan)
        assert plan is not None
        plan_rev = plan.revision
    outs = desks.race(
        w.url,
        ("cancel_rest", {"plan_id": b.plan, "now": b.now(), "expect_plan": plan_rev}),
        (
            "move",
            {"appointment_id": sid, "new_start": at(new), "now": b.now(), "expect": seen(sid)},
        ),
    )
    winners = judge(outs, one=False)
    a = w.session(sid)
    assert outs[0]["ok"] and outs[0]["result"] == 5  # sessions 2-6, from now on
    assert a.status == "cancelled" and a.revision == len(winners) == w.changed("session", sid)
    assert a.start_local == (new if outs[1]["ok"] else b.starts[3])
    w.check()


def race_patient_edit_vs_edit(desks: Desks, w: World, *, window: bool) -> None:
    b = w.plan()
    expect = {"expect": patient_record(w.store, b.patient)} if window else {}
    outs = desks.race(
        w.url,
        ("edit_patient", {"patient_id": b.patient, "add_flags": ["anticoagulants"], **expect}),
        ("edit_patient", {"patient_id": b.patient, "add_flags": ["metal-allergy"], **expect}),
    )
    winners = judge(outs, one=window)
    wanted = [f for f, o in zip(["anticoagulants", "metal-allergy"], outs, strict=True) if o["ok"]]
    with w.store.read() as s:
        p = s.get(Patient, b.patient)
        assert p is not None
        assert sorted(f.flag for f in p.flags) == wanted  # neither edit lost
        assert p.revision == len(winners) == w.changed("patient", b.patient)
    w.check()


def race_patient_undo_vs_edit(desks: Desks, w: World) -> None:
    b = w.plan()
    done = edit_patient(w.store, b.patient, phone="+47 900 00 111")
    outs = desks.race(
        w.url,
        ("restore_patient", {"record": done.before, "expect": done.after}),
        ("edit_patient", {"patient_id": b.patient, "email": "kari@example.org"}),
    )
    judge(outs, one=False)
    with w.store.read() as s:
        p = s.get(Patient, b.patient)
        assert p is not None
        assert p.email == "kari@example.org"  # the other desk's edit is never undone
        assert p.phone == ("" if outs[0]["ok"] else "+47 900 00 111")
        assert p.revision == 1 + sum(o["ok"] for o in outs) == w.changed("patient", b.patient)
    w.check()


def race_practitioner_edit_vs_edit(desks: Desks, w: World, *, window: bool) -> None:
    with w.store.read() as s:
        pr = s.get(Practitioner, w.practitioner)
        assert pr is not None
        rev, name, phone = pr.revision, pr.name, pr.phone
    k = w.count
    w.count += 1
    expect = {"expect_revision": rev} if window else {}
    outs = desks.race(
        w.url,
        (
            "edit_practitioner",
            {"practitioner_id": w.practitioner, "name": f"Ingrid Berg {k}", **expect},
        ),
        (
            "edit_practitioner",
            {"practitioner_id": w.practitioner, "phone": f"+47 22 00 00 {k:02}", **expect},
        ),
    )
    winners = judge(outs, one=window)
    with w.store.read() as s:
        pr = s.get(Practitioner, w.practitioner)
        assert pr is not None
        assert pr.name == (f"Ingrid Berg {k}" if outs[0]["ok"] else name)  # neither edit lost
        assert pr.phone == (f"+47 22 00 00 {k:02}" if outs[1]["ok"] else phone)
        assert pr.revision == rev + len(winners) == w.changed("practitioner", w.practitioner)
    w.check()


SESSION_RACES: dict[str, Any] = {
    "cancel+extend vs cancel+extend, window": (race_cancel_extend_twice, {"window": True}),
    "cancel+extend vs cancel+extend, command line": (race_cancel_extend_twice, {"window": False}),
    "cancel vs move, window": (race_cancel_vs_move, {"window": True}),
    "cancel vs move, command line": (race_cancel_vs_move, {"window": False}),
    "move vs move, window": (race_move_vs_move, {"window": True}),
    "move vs move, command line": (race_move_vs_move, {"window": False}),
    "move following vs cancel of a later session": (race_move_following_vs_cancel_later, {}),
    "attend vs no-show, window": (race_attend_vs_no_show, {"window": True}),
    "attend vs no-show, command line": (race_attend_vs_no_show, {"window": False}),
    "attend vs cancel": (race_attend_vs_cancel, {}),
    "undo cancel vs move of the added session": (race_revert_cancel_vs_move_of_added, {}),
    "undo move vs cancel": (race_move_back_vs_cancel, {}),
    "cancel the rest vs move": (race_cancel_rest_vs_move, {}),
    "patient edit vs patient edit, window": (race_patient_edit_vs_edit, {"window": True}),
    "patient edit vs patient edit, command line": (race_patient_edit_vs_edit, {"window": False}),
    "patient undo vs patient edit": (race_patient_undo_vs_edit, {}),
    "practitioner edit vs edit, window": (race_practitioner_edit_vs_edit, {"window": True}),
    "practitioner edit vs edit, command line": (
        race_practitioner_edit_vs_edit,
        {"window": False},
    ),
}


@pytest.mark.parametrize("pair", list(SESSION_RACES))
def test_two_desks_at_once(desks: Desks, world: World, pair: str) -> None:
    fn, kwargs = SESSION_RACES[pair]
    world.settle()
    for _ in range(RACES):
        fn(desks, world, **kwargs)


@pytest.mark.slow
@pytest.mark.parametrize("pair", ["cancel+extend vs cancel+extend", "cancel vs move"])
def test_hundred_races(desks: Desks, world: World, pair: str) -> None:
    """The issue's 'done when': 100 races of each, half as the window and half as the command
    line does them (with and without the revisions the desk saw)."""
    fn = race_cancel_extend_twice if pair.startswith("cancel+extend") else race_cancel_vs_move
    for i in range(100):
        fn(desks, world, window=i % 2 == 0)
