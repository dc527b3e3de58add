"""Deliveries written to files: "changes since last" per recipient (issue 12, item 1).

The baseline belongs to the recipient (the patient of a plan, the practitioner, a named file
target), and only a delivery moves it: a plain export in between (to print the plan) no longer
swallows a move. SEQUENCE rises with every change the recipient can see, renumbering included.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from planner.errors import NotFound, Refused
from planner.ics.model import Profile, Shape
from planner.services import clinic
from planner.services.booking.edits import cancel, delete_plan, move
from planner.services.calendar_export import export_calendar
from planner.services.delivery import deliver_file, recipient_info
from planner.services.export_scope import Scope

from .conftest import MOVED_AT, Scenario
from .helpers import expand_ical, strict_check, vevents

EXPORT_AT = datetime(2026, 9, 4, 8, 0)


def test_a_plain_export_between_two_deliveries_does_not_swallow_the_move(
    scenario: Scenario, tmp_path: Path
) -> None:
    """The issue's baseline scenario: delivery, move, plain export, delivery.

    Treatment 3 was cancelled before the first delivery: a recipient is never sent a
    cancellation of what it never had, so the first delivery holds 11 of the 12 sessions."""
    store = scenario.clinic.store
    scope = Scope.plan(scenario.plan_id)
    first = deliver_file(store, scope, tmp_path / "first.ics", now=EXPORT_AT)
    assert (first.events, first.sessions) == (11, 11)
    assert first.recipient == "Ola Hansen"
    move(store, scenario.booked[2]["id"], "2026-10-08T15:00", now=MOVED_AT)
    plain = export_calendar(store, scope, out=tmp_path / "print.ics", now=EXPORT_AT)
    assert plain.events == 12
    delta = deliver_file(store, scope, tmp_path / "delta.ics", now=EXPORT_AT)
    assert (delta.events, delta.unchanged) == (1, 10)
    (ev,) = vevents((tmp_path / "delta.ics").read_bytes())
    assert ev["UID"] == "a-03@planner.test"
    assert ev.DTSTART.replace(tzinfo=None) == datetime(2026, 10, 8, 15, 0)
    strict_check((tmp_path / "delta.ics").read_bytes())
    again = deliver_file(store, scope, tmp_path / "none.ics", now=EXPORT_AT)
    assert again.nothing_changed and again.unchanged == 11
    assert not (tmp_path / "none.ics").exists(), "no file when nothing changed"
    info = recipient_info(store, scope)
    assert info is not None and (info.uids, info.live) == (11, 11)


def test_a_cancellation_renumbers_and_every_renumbered_session_gets_a_higher_sequence(
    scenario: Scenario, tmp_path: Path
) -> None:
    store = scenario.clinic.store
    scope = Scope.plan(scenario.plan_id)
    deliver_file(store, scope, tmp_path / "first.ics", now=EXPORT_AT)
    sent = {
        str(e["UID"]): (int(e["SEQUENCE"]), str(e["SUMMARY"]))
        for e in vevents((tmp_path / "first.ics").read_bytes())
    }
    cancel(store, scenario.booked[8]["id"], now=MOVED_AT)
    delta = deliver_file(store, scope, tmp_path / "delta.ics", now=EXPORT_AT)
    evs = vevents((tmp_path / "delta.ics").read_bytes())
    by_uid = {str(e["UID"]): e for e in evs}
    # The cancelled one, and every treatment whose "n of N" changed (the one cancelled
    # before was sent as cancelled already and says no number).
    assert set(by_uid) == {f"a-{n:02d}@planner.test" for n in range(2, 11) if n != 4}
    assert by_uid["a-09@planner.test"]["STATUS"] == "CANCELLED"
    for uid, ev in by_uid.items():
        seq, title = sent[uid]
        assert int(ev["SEQUENCE"]) > seq, f"{uid}: {title} -> {ev['SUMMARY']}"
    assert delta.method is None, "a file with changes and a cancellation has no METHOD"


def test_the_series_shape_sends_the_whole_series_and_the_recipient_keeps_its_shape(
    scenario: Scenario, tmp_path: Path
) -> None:
    store = scenario.clinic.store
    scope = Scope.plan(scenario.plan_id)
    deliver_file(store, scope, tmp_path / "a.ics", shape=Shape.SERIES, now=EXPORT_AT)
    move(store, scenario.booked[5]["id"], "2026-10-21T11:00", now=MOVED_AT)
    delta = deliver_file(store, scope, tmp_path / "b.ics", now=EXPORT_AT)
    assert delta.shape is Shape.SERIES, "the recipient's shape, not the default"
    evs = vevents((tmp_path / "b.ics").read_bytes())
    assert len({str(e["UID"]) for e in evs}) == 1
    assert sum("RRULE" in e for e in evs) == 1
    assert delta.unchanged == 3  # assessment, reassessment, follow-up
    with pytest.raises(Refused, match="series shape; a sessions delivery would put every"):
        deliver_file(store, scope, tmp_path / "c.ics", shape=Shape.SESSIONS, now=EXPORT_AT)
    assert not (tmp_path / "c.ics").exists()
    with pytest.raises(Refused, match="patient profile only"):
        deliver_file(store, scope, tmp_path / "c.ics", profile=Profile.FULL, now=EXPORT_AT)


def test_a_session_moved_to_another_practitioner_is_cancelled_in_the_old_calendar(
    scenario: Scenario, tmp_path: Path
) -> None:
    c = scenario.clinic
    other = clinic.add_practitioner(c.store, "Siri Moe", "acupuncturist", [c.location])
    autumn = (date(2026, 9, 1), date(2026, 12, 31))
    scope = Scope.practitioner(c.practitioner, *autumn)
    deliver_file(c.store, scope, tmp_path / "s.ics", now=EXPORT_AT)
    deliver_file(
        c.store, scope, tmp_path / "r.ics", shape=Shape.SERIES, recipient_name="wall", now=EXPORT_AT
    )
    t4 = scenario.booked[4]  # Tue 13 Oct 10:00 = 08:00 UTC
    move(c.store, t4["id"], t4["local_start"], practitioner_id=other.id, now=MOVED_AT)
    gone = datetime(2026, 10, 13, 8, 0)

    delta = deliver_file(c.store, scope, tmp_path / "s2.ics", now=EXPORT_AT)
    (ev,) = vevents((tmp_path / "s2.ics").read_bytes())
    assert ev["UID"] == "a-05@planner.test" and ev["STATUS"] == "CANCELLED"
    assert ev["SEQUENCE"] == 1, "the move raised its revision"
    assert delta.method == "CANCEL", "a file that only cancels is a METHOD:CANCEL"

    deliver_file(c.store, scope, tmp_path / "r2.ics", recipient_name="wall", now=EXPORT_AT)
    starts = [a for a, _b in expand_ical((tmp_path / "r2.ics").read_bytes())]
    assert len(starts) == 7 and gone not in starts, "an EXDATE in the old series"


def test_an_undone_booking_is_cancelled_for_whoever_got_it(
    scenario: Scenario, tmp_path: Path
) -> None:
    """Sessions that no longer exist (a booking undone) are cancelled from what was sent."""
    c = scenario.clinic
    scope = Scope.patient(c.kari)
    first = deliver_file(c.store, scope, tmp_path / "a.ics", now=EXPORT_AT)
    assert first.events > 0
    delete_plan(c.store, scenario.other_plan_id)
    deliver_file(c.store, scope, tmp_path / "b.ics", now=EXPORT_AT)
    evs = vevents((tmp_path / "b.ics").read_bytes())
    assert len(evs) == first.events and all(e["STATUS"] == "CANCELLED" for e in evs)
    assert all(str(e["SUMMARY"]).startswith("Cancelled: ") for e in evs)
    with pytest.raises(NotFound):
        deliver_file(c.store, scope, tmp_path / "c.ics", now=EXPORT_AT)
