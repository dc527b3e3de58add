"""Progress figures: counts, baselines and the change from baseline per region and measure."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from planner.core.outcomes import Measure, format_change, parse_measure_scores, percent_change
from planner.core.regions import parse_scored_regions
from planner.errors import BadInput, InvalidState
from planner.services import progress
from planner.services.booking.edits import cancel, reopen
from planner.services.booking.plans import BookedPlan, PlanRequest, book
from planner.services.booking.scores import attend, no_show, record_baseline
from planner.services.progress import (
    FROM_ASSESSMENT,
    FROM_FIRST_SCORED,
    SessionScores,
    compute_progress,
)

from ..conftest import FROZEN_NOW, Clinic

LATER = datetime(2028, 1, 10, 12, 0)
"""After the plan's follow-up: every session may be marked."""

T0 = datetime(2026, 9, 15, 10, 0)


def s(i: int, kind: str, status: str = "attended", pains: str = "", **scores: int) -> SessionScores:
    """Session ``i`` a week after the previous one, scored ``neck:7,lower-back:5``."""
    regions = tuple((r.code, p) for r, p in (parse_scored_regions(pains) if pains else []))
    return SessionScores(
        id=100 + i,
        kind=kind,
        status=status,
        start=T0 + timedelta(weeks=i),
        pains=regions,
        scores=tuple(scores.items()),
    )


# -- the pure figures ----------------------------------------------------------------------------


def test_percent_change_and_its_wording() -> None:
    assert percent_change(7, 4) == -42.9
    assert percent_change(4, 6) == 50.0
    assert percent_change(0, 3) is None
    assert percent_change(None, 3) is None
    assert percent_change(5, None) is None
    assert format_change(-41.2) == "\u221241 %"
    assert format_change(-41.5, plain=True) == "-42 %"
    assert format_change(12.0) == "+12 %"
    assert format_change(0.3) == "0 %"
    assert format_change(None, plain=True) == "-"


def test_measure_scores_parse_and_refuse() -> None:
    assert parse_measure_scores("fatigue:6, sleep quality:4,function:5") == {
        Measure.FATIGUE: 6,
        Measure.SLEEP: 4,
        Measure.FUNCTION: 5,
    }
    for bad, match in (
        ("mood:3", "unknown whole-body score"),
        ("fatigue:11", "between 0 and 10"),
        ("fatigue", "give a score"),
        ("fatigue:x", "whole number"),
        ("fatigue:1,fatigue:2", "given twice"),
    ):
        with pytest.raises(BadInput, match=match):
            parse_measure_scores(bad)


def test_baseline_is_the_assessment_and_change_is_the_latest_against_it() -> None:
    sessions = [
        s(0, "assessment", pains="neck:8,lower-back:6", fatigue=7, sleep=4),
        s(1, "treatment", pains="neck:7,lower-back:6", fatigue=6),
        s(2, "treatment", pains="neck:6,lower-back:5"),
        s(3, "treatment", "no-show"),
        s(4, "treatment", pains="neck:5,lower-back:4,shoulder-left:5"),
        s(5, "treatment", "cancelled", pains="neck:1"),  # a cancelled session never counts
        s(6, "treatment", pains="neck,lower-back"),  # treated, pain not taken
        s(7, "treatment", pains="neck:4,lower-back:3,shoulder-left:3", fatigue=4, sleep=6),
        s(8, "reassessment", pains="neck:4,lower-back:3", fatigue=4, sleep=7),
        s(60, "follow-up", pains="neck:5", sleep=6),
        s(61, "treatment", "booked"),
    ]
    p = compute_progress(sessions, ["neck", "lower-back", "shoulders"])
    assert p.counts.to_json() == {
        "planned": 10,
        "done": 8,
        "remaining": 1,
        "cancelled": 1,
        "no_show": 1,
        "treatments_done": 5,
        "treatments_planned": 7,
    }
    labels = [slot.label for slot in p.slots]
    assert labels == ["A", "1", "2", "3", "4", "5", "6", "R", "F", "7"]

    neck = p.regions[0]
    assert (neck.key, neck.target, neck.baseline, neck.baseline_from) == (
        "neck",
        True,
        8,
        FROM_ASSESSMENT,
    )
    assert [pt.value for pt in neck.points] == [8, 7, 6, 5, 4, 4, 5]
    assert (neck.latest, neck.change_pct) == (5, -37.5)  # the follow-up is the latest score
    assert neck.reassessment is not None and neck.reassessment.to_json() == {
        "value": 4,
        "change_pct": -50.0,
    }
    assert neck.follow_up is not None and neck.follow_up.change_pct == -37.5
    assert neck.improved is True
    assert neck.headline() == "Neck \u221238 % since baseline"

    lower = p.regions[1]
    assert (lower.baseline, lower.latest, lower.change_pct) == (6, 3, -50.0)
    assert lower.follow_up is None  # not scored at the follow-up

    # A target region never scored has a series with no points and no figures.
    shoulders = p.regions[2]
    assert (shoulders.key, shoulders.points, shoulders.baseline) == ("shoulders", (), None)
    assert shoulders.headline() == "Shoulders: no scores yet"

    # A region added mid-plan: its first scored session is its baseline.
    added = p.regions[3]
    assert (added.key, added.target) == ("shoulder-left", False)
    assert (added.baseline, added.baseline_from, added.baseline_slot) == (5, FROM_FIRST_SCORED, 4)
    assert (added.latest, added.change_pct) == (3, -40.0)
    assert added.reassessment is None

    fatigue, sleep = p.measures
    assert (fatigue.key, fatigue.baseline, fatigue.latest, fatigue.change_pct) == (
        "fatigue",
        7,
        4,
        -42.9,
    )
    assert fatigue.improved is True
    assert (sleep.baseline, sleep.latest, sleep.change_pct) == (4, 6, 50.0)
    assert sleep.higher_is_better and sleep.improved is True
    assert sleep.reassessment is not None and sleep.reassessment.value == 7


def test_one_sided_region_falls_back_to_the_assessment_score_for_both_sides() -> None:
    sessions = [
        s(0, "assessment", pains="shoulders:6"),
        s(1, "treatment", pains="shoulder-left:5,shoulder-right:3"),
    ]
    p = compute_progress(sessions, ["shoulders"])
    left = next(r for r in p.regions if r.key == "shoulder-left")
    right = next(r for r in p.regions if r.key == "shoulder-right")
    assert (left.baseline, left.baseline_from, left.change_pct) == (6, FROM_ASSESSMENT, -16.7)
    assert (right.baseline, right.change_pct) == (6, -50.0)


def test_plan_without_assessment_or_with_a_missed_one_uses_the_first_scored_session() -> None:
    sessions = [
        s(0, "assessment", "no-show"),
        s(1, "treatment", pains="knee-left:6"),
        s(2, "treatment", pains="knee-left:3"),
    ]
    knee = compute_progress(sessions, ["knee-left"]).regions[0]
    assert (knee.baseline, knee.baseline_from, knee.baseline_slot) == (6, FROM_FIRST_SCORED, 1)
    assert knee.change_pct == -50.0

    only_baseline = compute_progress([s(0, "treatment", pains="neck:5")], ["neck"]).regions[0]
    assert (only_baseline.baseline, only_baseline.latest, only_baseline.change_pct) == (
        5,
        None,
        None,
    )
    assert "no later score" in only_baseline.headline()

    zero = compute_progress(
        [s(0, "assessment", pains="neck:0"), s(1, "treatment", pains="neck:2")], ["neck"]
    ).regions[0]
    assert (zero.baseline, zero.latest, zero.change_pct) == (0, 2, None)
    assert "baseline 0" in zero.headline()


def test_nothing_scored_yet() -> None:
    p = compute_progress([s(0, "assessment", "booked"), s(1, "treatment", "booked")], ["neck"])
    assert p.counts.done == 0 and p.counts.remaining == 2
    assert p.regions[0].points == () and p.measures == ()
    assert p.reassessment is None and p.follow_up is None


# -- from the database ---------------------------------------------------------------------------


def _fibro(c: Clinic) -> BookedPlan:
    return book(
        c.store,
        PlanRequest(
            patient_id=c.kari,
            practitioner_id=c.practitioner,
            start="2026-09-15T10:00",
            template="Fibromyalgia acupuncture",
            regions=["neck", "shoulders", "lower-back"],
        ),
        now=FROZEN_NOW,
    )


def test_plan_progress_from_the_database(oslo: Clinic) -> None:
    res = _fibro(oslo)
    ids = [a["id"] for a in res.appointments]
    st = oslo.store
    record_baseline(
        st,
        res.plan_id,
        parse_scored_regions("neck:7,shoulders:6,lower-back:8"),
        scores={Measure.FATIGUE: 8, Measure.SLEEP: 3},
        now=LATER,
    )
    pains = [6, 6, 5, 5, 4, 4, 4, 4, 4]
    for i, pain in enumerate(pains, start=1):
        if i == 4:
            no_show(st, ids[i], now=LATER)
            continue
        if i == 6:
            cancel(st, ids[i], now=FROZEN_NOW)
            continue
        extra = ",knee-right:5" if i == 7 else ",knee-right:4" if i == 9 else ""
        attend(
            st,
            ids[i],
            parse_scored_regions(f"neck:{pain},lower-back:{pain + 1}{extra}"),
            scores={Measure.FATIGUE: 6} if i == 9 else None,
            now=LATER,
        )
    attend(st, ids[10], parse_scored_regions("neck:4,lower-back:5"), now=LATER)

    p = progress.plan_progress(st, res.plan_id)
    assert p.title == "Fibromyalgia acupuncture" and p.patient == "Kari Nordmann"
    assert p.target_regions == ("neck", "shoulders", "lower-back")
    assert p.counts.to_json() == {
        "planned": 11,
        "done": 9,
        "remaining": 1,
        "cancelled": 1,
        "no_show": 1,
        "treatments_done": 7,
        "treatments_planned": 8,
    }
    neck = p.region("neck")
    assert (neck.baseline, neck.latest, neck.change_pct) == (7, 4, -42.9)
    assert neck.reassessment is not None and neck.reassessment.change_pct == -42.9
    assert p.region("lower-back").change_pct == -37.5  # 8 -> 5
    knee = p.region("knee-right")
    assert (knee.target, knee.baseline, knee.baseline_from, knee.change_pct) == (
        False,
        5,
        FROM_FIRST_SCORED,
        -20.0,
    )
    assert p.region("shoulders").latest is None
    assert [m.key for m in p.measures] == ["fatigue", "sleep"]
    assert p.measures[0].change_pct == -25.0

    data = p.to_json()
    assert data["sessions"]["done"] == 9
    assert data["regions"][0]["baseline_session"] == ids[0]
    assert data["reassessment"]["appointment_id"] == ids[10]
    assert data["follow_up"]["status"] == "booked"
    assert "Neck -43 % since baseline" in data["summary"]
    text = progress.progress_text(p)
    assert "7 done" not in text and "9 done, 1 remaining, 1 cancelled, 1 no-show" in text
    assert "Right knee *" in text


def test_record_baseline_replaces_the_assessment_scores(oslo: Clinic) -> None:
    res = _fibro(oslo)
    with pytest.raises(InvalidState, match="when it takes place"):
        record_baseline(oslo.store, res.plan_id, parse_scored_regions("neck:7"), now=FROZEN_NOW)
    first = record_baseline(
        oslo.store,
        res.plan_id,
        parse_scored_regions("neck:7"),
        scores={Measure.SLEEP: 2},
        now=LATER,
    )
    assert first["status"] == "attended" and first["scores"] == {"sleep": 2}
    again = record_baseline(
        oslo.store,
        res.plan_id,
        parse_scored_regions("neck:8,lower-back:6"),
        scores={Measure.FATIGUE: 5},
        now=LATER,
    )
    assert again["regions"] == [
        {"region": "neck", "pain": 8},
        {"region": "lower-back", "pain": 6},
    ]
    assert again["scores"] == {"fatigue": 5}
    assert again["revision"] == first["revision"] + 1
    p = progress.plan_progress(oslo.store, res.plan_id)
    assert p.region("neck").baseline == 8
    assert [m.key for m in p.measures] == ["fatigue"]


def test_record_baseline_needs_an_assessment_and_checks_scores(oslo: Clinic) -> None:
    res = book(
        oslo.store,
        PlanRequest(
            patient_id=oslo.nina,
            practitioner_id=oslo.practitioner,
            start="2026-09-16T10:00",
            template="Dry needling, acute",
            regions=["knee-left"],
        ),
        now=FROZEN_NOW,
    )
    with pytest.raises(InvalidState, match="has no assessment"):
        record_baseline(oslo.store, res.plan_id, parse_scored_regions("knee-left:6"), now=LATER)
    with pytest.raises(BadInput, match="between 0 and 10"):
        attend(oslo.store, res.appointments[0]["id"], scores={Measure.FATIGUE: 12}, now=LATER)
    done = attend(
        oslo.store,
        res.appointments[0]["id"],
        parse_scored_regions("knee-left:6"),
        scores={Measure.FUNCTION: 4},
        now=LATER,
    )
    assert done["scores"] == {"function": 4}
    # Undoing the attendance takes the scores out of the figures.
    reopen(oslo.store, res.appointments[0]["id"], now=LATER)
    p = progress.plan_progress(oslo.store, res.plan_id)
    assert p.measures == () and p.region("knee-left").points == ()
