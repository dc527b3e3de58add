"""Status corrections both ways (attended <-> no-show) and the cancel reason kept on a session."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from planner.core.outcomes import Measure
from planner.core.regions import parse_scored_regions
from planner.errors import InvalidState
from planner.services.booking.appointments import appointment_json, get_appointment
from planner.services.booking.edits import cancel, restore, revert_cancel
from planner.services.booking.plans import PlanRequest, book
from planner.services.booking.scores import attend, correct_to_no_show, no_show
from planner.services.progress import plan_progress

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


def test_the_cancel_reason_is_kept_on_the_session_and_cleared_by_undo(oslo: Clinic) -> None:
    ids = _plan(oslo)
    out = cancel(oslo.store, ids[2], reason="  patient ill ", now=BOOKED_AT)
    assert out.cancelled[0]["cancel_reason"] == "patient ill"
    assert out.cancelled[0]["notes"] == ""  # the reason is its own field, not a note
    revert_cancel(oslo.store, out, now=BOOKED_AT)
    assert _row(oslo, ids[2])["cancel_reason"] == ""
    cancel(oslo.store, ids[3], reason="work", now=BOOKED_AT)
    restore(oslo.store, ids[3], now=BOOKED_AT)
    assert _row(oslo, ids[3])["cancel_reason"] == ""


def _row(c: Clinic, aid: int) -> dict[str, Any]:
    with c.store.read() as s:
        return appointment_json(get_appointment(s, aid))


def test_attended_corrected_to_no_show_clears_its_scores_and_attend_brings_them_back(
    oslo: Clinic,
) -> None:
    ids = _plan(oslo)
    after = BOOKED_AT + timedelta(days=10)
    regions = parse_scored_regions("neck:6,shoulders:5")
    attend(oslo.store, ids[0], regions, notes="tender", scores={Measure.FATIGUE: 7}, now=after)
    kept = correct_to_no_show(oslo.store, ids[0], now=after)
    assert kept.regions == (("neck", 6), ("shoulders", 5))
    assert kept.measures() == {Measure.FATIGUE: 7}
    row = _row(oslo, ids[0])
    assert (row["status"], row["regions"], row["notes"]) == ("no-show", [], "tender")
    progress = plan_progress(oslo.store, row["plan_id"]).progress
    assert all(r.baseline is None for r in (*progress.regions, *progress.measures))
    # The undo: attend with what was kept (allowed from a no-show); the notes are not doubled.
    back = attend(oslo.store, ids[0], kept.treated(), scores=kept.measures(), now=after)
    assert back["status"] == "attended" and back["scores"] == {"fatigue": 7}
    assert [(r["region"], r["pain"]) for r in back["regions"]] == [("neck", 6), ("shoulders", 5)]
    assert back["notes"] == "tender"


def test_only_an_attended_session_is_corrected_to_a_no_show(oslo: Clinic) -> None:
    ids = _plan(oslo)
    after = BOOKED_AT + timedelta(days=10)
    with pytest.raises(InvalidState, match="is booked"):
        correct_to_no_show(oslo.store, ids[0], now=after)
    no_show(oslo.store, ids[0], now=after)
    with pytest.raises(InvalidState, match="no-show"):
        correct_to_no_show(oslo.store, ids[0], now=after)
    with oslo.store.read() as s:
        assert get_appointment(s, ids[0]).status == "no-show"
