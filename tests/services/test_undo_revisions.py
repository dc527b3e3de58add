"""The undo steps the window runs, each one transaction that checks every session it changes
first: restore_many (undo of cancelling the rest), reopen(as_no_show=) (undo of attending a
no-show), and the revisions move_back and revert_cancel leave for the redo."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from planner.errors import ChangedElsewhere, InvalidState
from planner.services.booking.edits import (
    cancel,
    cancel_rest,
    move,
    move_back,
    reopen,
    restore,
    restore_many,
    revert_cancel,
)
from planner.services.booking.plans import PlanRequest, book
from planner.services.booking.scores import attend, no_show
from planner.services.history import history
from planner.services.schedule.patients import session_info

from ..conftest import Clinic

BOOKED_AT = datetime(2027, 3, 1, 9, 0)
"""The clock (naive UTC) when the plan is booked, a week before it starts."""


def _plan(c: Clinic) -> list[int]:
    res = book(
        c.store,
        PlanRequest(
            patient_id=c.kari,
            practitioner_id=c.practitioner,
            start="2027-03-09T10:00",
            template="Fibromyalgia acupuncture",
        ),
        now=BOOKED_AT,
    )
    return [int(a["id"]) for a in res.appointments]


def test_restore_many_restores_every_session_or_none(oslo: Clinic) -> None:
    ids = _plan(oslo)
    plan_id = session_info(oslo.store, ids[0]).plan_id
    res = cancel_rest(oslo.store, plan_id, now=BOOKED_AT)
    seen = res.revisions()
    assert set(seen) == set(ids)
    # another desk brings one back and cancels it again: its revision moved on twice
    restore(oslo.store, ids[3], now=BOOKED_AT)
    cancel(oslo.store, ids[3], now=BOOKED_AT)
    with pytest.raises(ChangedElsewhere, match="changed at another desk a moment ago"):
        restore_many(oslo.store, ids, now=BOOKED_AT, expect=seen)
    assert {session_info(oslo.store, i).status for i in ids} == {"cancelled"}  # none back
    fresh = {i: session_info(oslo.store, i).revision for i in ids}
    rows = restore_many(oslo.store, ids, now=BOOKED_AT, expect=fresh)
    assert {r["id"]: r["revision"] for r in rows} == {i: r + 1 for i, r in fresh.items()}
    assert {session_info(oslo.store, i).status for i in ids} == {"booked"}
    assert session_info(oslo.store, ids[0]).plan_revision == 2  # cancelled, active again
    with pytest.raises(InvalidState, match="nothing to restore"):
        restore_many(oslo.store, [], now=BOOKED_AT)


def test_undo_of_attending_a_no_show_is_one_transaction_back_to_the_no_show(
    oslo: Clinic,
) -> None:
    ids = _plan(oslo)
    after = datetime(2027, 3, 9, 9, 30)  # 10:30 in Oslo, the session started at 10:00
    row = no_show(oslo.store, ids[0], now=after)
    row = attend(oslo.store, ids[0], now=after, expect={ids[0]: row["revision"]})
    with pytest.raises(ChangedElsewhere):
        reopen(oslo.store, ids[0], now=after, as_no_show=True, expect={ids[0]: 0})
    back = reopen(oslo.store, ids[0], now=after, as_no_show=True, expect={ids[0]: row["revision"]})
    assert (back["status"], back["revision"]) == ("no-show", row["revision"] + 1)
    assert history(oslo.store, session_id=ids[0])[-1].action == "undo attendance"
    with pytest.raises(InvalidState, match="made a no-show again"):  # a no-show already
        reopen(oslo.store, ids[0], now=after, as_no_show=True)


def test_move_back_and_revert_cancel_return_the_revisions_they_left(oslo: Clinic) -> None:
    ids = _plan(oslo)
    start = session_info(oslo.store, ids[1]).start
    res = move(oslo.store, ids[1], start + timedelta(hours=2), now=BOOKED_AT)
    left = move_back(oslo.store, res.previous, now=BOOKED_AT, expect=res.revisions())
    assert left == {ids[1]: res.revisions()[ids[1]] + 1}
    assert session_info(oslo.store, ids[1]).start == start
    with pytest.raises(ChangedElsewhere):  # the move's revisions are stale now
        move_back(oslo.store, res.previous, now=BOOKED_AT, expect=res.revisions())

    cancelled = cancel(oslo.store, ids[2], now=BOOKED_AT)
    assert revert_cancel(oslo.store, cancelled, now=BOOKED_AT) == {
        ids[2]: cancelled.revisions()[ids[2]] + 1
    }
    assert session_info(oslo.store, ids[2]).status == "booked"
