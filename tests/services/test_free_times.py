"""Find a free time: the next few starts from which a whole plan fits, by weekday and hours."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time

import pytest

from planner.core.domain import Kind, Phase
from planner.errors import BadInput
from planner.services.booking.plans import PlanRequest, book, preview
from planner.services.schedule.free_times import free_starts
from planner.services.schedule.next_free import next_free_start

from ..conftest import FROZEN_NOW, Clinic

MONDAY = datetime(2027, 3, 1, 8, 0)  # a Monday years ahead, no holiday in the weeks after


def single(
    c: Clinic, patient: int | None, start: datetime = MONDAY, minutes: int = 45
) -> PlanRequest:
    return PlanRequest(
        patient_id=patient,
        practitioner_id=c.physio,
        start=start,
        phases=(Phase(Kind.ASSESSMENT, duration_min=minutes),),
        modality="physiotherapy",
        location_id=c.location,
    )


def test_one_start_per_free_stretch_on_the_chosen_weekdays_and_hours(oslo: Clinic) -> None:
    # Per Lie works Monday and Wednesday 08-16. Book Monday 09:00-09:45 for Kari.
    book(oslo.store, single(oslo, oslo.kari, MONDAY.replace(hour=9)), now=FROZEN_NOW)
    starts = free_starts(oslo.store, single(oslo, oslo.nina), count=4)
    # 08:00 (08:00-08:45 fits before 09:00), then the stretch after Kari's session, then
    # Wednesday: each free stretch once.
    assert starts == [
        datetime(2027, 3, 1, 8, 0),
        datetime(2027, 3, 1, 9, 45),
        datetime(2027, 3, 3, 8, 0),
        datetime(2027, 3, 8, 8, 0),
    ]
    for s in starts:
        assert preview(oslo.store, replace(single(oslo, oslo.nina), start=s)).proposal.bookable

    mornings = free_starts(
        oslo.store,
        single(oslo, oslo.nina),
        weekdays={2},
        earliest=time(10, 0),
        latest=time(12, 0),
        count=2,
    )
    assert mornings == [datetime(2027, 3, 3, 10, 0), datetime(2027, 3, 10, 10, 0)]


def test_the_whole_series_must_fit_and_the_patient_is_optional(oslo: Clinic) -> None:
    weekly = PlanRequest(
        patient_id=None,
        practitioner_id=oslo.practitioner,
        start=MONDAY.replace(hour=10),
        template="Fibromyalgia acupuncture",
        room_id=oslo.room,
    )
    # Another patient holds the room on the fourth Monday at 10:00: a plan starting the
    # first Monday at 10:00 does not fit; the first offer is another time.
    blocker = PlanRequest(
        patient_id=oslo.kari,
        practitioner_id=oslo.physio,
        start=datetime(2027, 3, 22, 10, 0),
        phases=(Phase(Kind.TREATMENT, duration_min=60),),
        modality="physiotherapy",
        room_id=oslo.room,
    )
    book(oslo.store, blocker, now=FROZEN_NOW)
    assert not preview(oslo.store, weekly).proposal.bookable
    starts = free_starts(oslo.store, weekly, weekdays={0}, count=2)
    assert starts and starts[0] != MONDAY.replace(hour=10)
    assert all(s.weekday() == 0 for s in starts)
    for s in starts:
        assert preview(oslo.store, replace(weekly, start=s)).proposal.bookable
    with pytest.raises(BadInput, match="choose the patient"):
        book(oslo.store, weekly)


def test_bad_searches_are_refused_in_one_line(oslo: Clinic) -> None:
    req = single(oslo, oslo.nina)
    with pytest.raises(BadInput, match="at least one weekday"):
        free_starts(oslo.store, req, weekdays=set())
    with pytest.raises(BadInput, match="ends before it starts"):
        free_starts(oslo.store, req, earliest=time(12), latest=time(9))
    # Per Lie never works on Friday: nothing is offered, nothing is wrong.
    assert free_starts(oslo.store, req, weekdays={4}, days=21) == []


def test_the_search_may_start_outside_the_practitioners_hours(oslo: Clinic) -> None:
    # Per Lie starts at 08:00; the form still says 07:00 (or a day he is off): the search
    # begins there and offers his first free start, as Next free slot does.
    early = single(oslo, oslo.nina, MONDAY.replace(hour=7))
    with pytest.raises(BadInput, match="is not open"):
        preview(oslo.store, early)
    assert free_starts(oslo.store, early, count=1) == [MONDAY]
    friday = single(oslo, oslo.nina, MONDAY.replace(day=5, hour=10))
    assert next_free_start(oslo.store, friday) == datetime(2027, 3, 8, 10, 0)  # same time first
