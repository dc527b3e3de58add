"""The past is explicit: booking, previewing and moving a session that starts before now."""

from __future__ import annotations

from datetime import datetime

import pytest

from planner.db.store import Store
from planner.errors import BadInput
from planner.services.booking.appointments import list_appointments
from planner.services.booking.edits import move
from planner.services.booking.plans import PlanRequest, book, preview
from planner.services.listings import plans

from ..conftest import Clinic

NOW = datetime(2027, 3, 1, 12, 0)
"""The clock of these tests (naive UTC): Monday 1 March 2027."""


def _starts(store: Store) -> dict[int, str]:
    """Every session's local start by id."""
    with store.read() as s:
        return {a.id: a.start_local.isoformat(timespec="minutes") for a in list_appointments(s)}


def _request(c: Clinic, start: str, **kw: object) -> PlanRequest:
    return PlanRequest(
        patient_id=c.kari,
        practitioner_id=c.practitioner,
        start=start,
        template="Fibromyalgia acupuncture",
        **kw,  # type: ignore[arg-type]
    )


def test_booking_a_plan_in_the_past_is_refused_in_one_line_and_writes_nothing(
    oslo: Clinic,
) -> None:
    with pytest.raises(BadInput) as err:
        book(oslo.store, _request(oslo, "2027-02-02T10:00"), now=NOW)
    assert err.value.message == (
        "the first session, Tue 2 Feb 2027 10:00, is in the past; "
        "book it as a record of past sessions with --allow-past"
    )
    assert "\n" not in err.value.message
    assert plans(oslo.store) == []
    assert _starts(oslo.store) == {}


def test_allow_past_books_the_record_of_past_sessions(oslo: Clinic) -> None:
    res = book(oslo.store, _request(oslo, "2027-02-02T10:00", allow_past=True), now=NOW)
    assert res.appointments[0]["local_start"] == "2027-02-02T10:00"
    assert res.preview.past == "the first session, Tue 2 Feb 2027 10:00, is in the past"


def test_a_future_plan_is_booked_without_the_flag(oslo: Clinic) -> None:
    res = book(oslo.store, _request(oslo, "2027-03-02T10:00"), now=NOW)
    assert res.preview.past is None and len(res.appointments) > 1


def test_a_start_earlier_today_is_in_the_past(oslo: Clinic) -> None:
    """10:00 in Oslo is 09:00 UTC, before the clock's 12:00 UTC on the same day."""
    with pytest.raises(BadInput, match="is in the past"):
        book(oslo.store, _request(oslo, "2027-03-01T10:00"), now=NOW)
    book(oslo.store, _request(oslo, "2027-03-01T14:00"), now=NOW)  # 13:00 UTC: still to come


def test_preview_says_the_past_at_the_top_and_is_not_bookable_without_the_flag(
    oslo: Clinic,
) -> None:
    pv = preview(oslo.store, _request(oslo, "2027-02-02T10:00"), now=NOW)
    assert pv.past == "the first session, Tue 2 Feb 2027 10:00, is in the past"
    assert pv.past_refused
    data = pv.to_json()
    assert data["past"] == pv.past and data["bookable"] is False
    allowed = preview(oslo.store, _request(oslo, "2027-02-02T10:00", allow_past=True), now=NOW)
    assert allowed.to_json()["bookable"] is True and allowed.past == pv.past
    future = preview(oslo.store, _request(oslo, "2027-03-02T10:00"), now=NOW)
    assert future.past is None and future.to_json()["bookable"] is True


def test_a_single_session_in_the_past_is_called_the_session(oslo: Clinic) -> None:
    from planner.core.domain import Kind, Phase

    req = PlanRequest(
        patient_id=oslo.kari,
        practitioner_id=oslo.practitioner,
        start="2027-02-02T10:00",
        phases=(Phase(Kind.ASSESSMENT, duration_min=45),),
        modality="physiotherapy",
    )
    with pytest.raises(BadInput, match=r"^the session, Tue 2 Feb 2027 10:00, is in the past"):
        book(oslo.store, req, now=NOW)


def test_moving_a_session_into_the_past_needs_allow_past(oslo: Clinic) -> None:
    res = book(oslo.store, _request(oslo, "2027-03-02T10:00"), now=NOW)
    first = res.appointments[0]
    with pytest.raises(BadInput) as err:
        move(oslo.store, first["id"], "2027-02-23T10:00", now=NOW)
    assert err.value.message == (
        "the new start, Tue 23 Feb 2027 10:00, is in the past; "
        "move it there as a record of a past session with --allow-past"
    )
    assert _starts(oslo.store)[first["id"]] == "2027-03-02T10:00"  # nothing moved
    moved = move(oslo.store, first["id"], "2027-02-23T10:00", now=NOW, allow_past=True)
    assert moved.moved[0]["local_start"] == "2027-02-23T10:00"


def test_moving_within_the_future_needs_no_flag(oslo: Clinic) -> None:
    res = book(oslo.store, _request(oslo, "2027-03-02T10:00"), now=NOW)
    moved = move(oslo.store, res.appointments[0]["id"], "2027-03-03T11:00", now=NOW)
    assert moved.moved[0]["local_start"] == "2027-03-03T11:00"
