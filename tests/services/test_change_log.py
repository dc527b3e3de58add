"""Every change has an author: the change log and the revisions the write session keeps."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import func, select, text

from planner.core.outcomes import Measure
from planner.core.regions import parse_region
from planner.db.audit import Author
from planner.db.models import Appointment, Change, Patient
from planner.db.store import Store
from planner.errors import ChangedElsewhere, InvalidState
from planner.services import clinic
from planner.services.booking.edits import cancel, move, revert_cancel
from planner.services.booking.plans import PlanRequest, book
from planner.services.booking.scores import attend
from planner.services.history import history, latest_change
from planner.services.patient_records import edit_patient

from ..conftest import FROZEN_NOW, Clinic


def _fibro(c: Clinic, start: str = "2026-09-15T10:00") -> PlanRequest:
    return PlanRequest(
        patient_id=c.kari,
        practitioner_id=c.practitioner,
        start=start,
        template="Fibromyalgia acupuncture",
    )


def _changes(store: Store) -> list[Change]:
    with store.read() as s:
        return list(s.scalars(select(Change).order_by(Change.id)))


def _revisions_match_the_log(store: Store) -> None:
    """Every session's revision is the number of 'changed' rows the log has for it."""
    with store.read() as s:
        counts = Counter(
            s.scalars(
                select(Change.entity_id).where(Change.entity == "session", Change.kind == "changed")
            )
        )
        for a_id, rev in s.execute(select(Appointment.id, Appointment.revision)):
            assert rev == counts.get(a_id, 0), (a_id, rev, counts.get(a_id, 0))


def test_a_booking_logs_the_plan_and_each_session_as_created_by_this_desk(
    db_path: Path, oslo: Clinic
) -> None:
    desk = Store(str(db_path), author=Author("Front desk 2", "astrid", "window"))
    try:
        start = latest_change(desk)
        res = book(desk, _fibro(oslo), now=FROZEN_NOW)
        new = [c for c in _changes(desk) if c.id > start]
    finally:
        desk.close()
    assert Counter((c.entity, c.kind) for c in new) == {
        ("plan", "created"): 1,
        ("session", "created"): len(res.appointments),
    }
    assert {(c.desk, c.os_user, c.program, c.action) for c in new} == {
        ("Front desk 2", "astrid", "window", "book plan")
    }
    first = next(
        c for c in new if c.entity == "session" and c.entity_id == res.appointments[0]["id"]
    )
    assert first.revision == 0 and first.before is None and first.after is not None
    assert first.after["start_local"] == res.appointments[0]["local_start"] + ":00"
    assert first.plan_id == res.plan_id and first.patient_id == oslo.kari
    assert "start_utc" not in first.after and "revision" not in first.after


def test_a_move_logs_before_and_after_and_raises_the_revision_once(oslo: Clinic) -> None:
    res = book(oslo.store, _fibro(oslo), now=FROZEN_NOW)
    aid = res.appointments[2]["id"]
    was = res.appointments[2]["local_start"]
    move(oslo.store, aid, "2026-10-01T13:00", now=FROZEN_NOW)
    log = history(oslo.store, session_id=aid)
    assert [(e.kind, e.action) for e in log] == [("created", "book plan"), ("changed", "move")]
    moved = log[-1]
    assert moved.before == {"start_local": was + ":00"}
    assert moved.after == {"start_local": "2026-10-01T13:00:00"}
    assert moved.revision == 1
    _revisions_match_the_log(oslo.store)


def test_cancel_with_extension_logs_every_row_it_touched(oslo: Clinic) -> None:
    res = book(oslo.store, _fibro(oslo), now=FROZEN_NOW)
    aid = res.appointments[3]["id"]
    start = latest_change(oslo.store)
    out = cancel(oslo.store, aid, extend=True, reason="patient ill", now=FROZEN_NOW)
    new = [c for c in _changes(oslo.store) if c.id > start]
    assert {c.action for c in new} == {"cancel and extend"}
    cancelled = next(c for c in new if c.entity_id == aid)
    assert (cancelled.kind, cancelled.revision) == ("changed", 1)
    assert cancelled.before == {"status": "booked", "cancel_reason": ""}
    assert cancelled.after == {"status": "cancelled", "cancel_reason": "patient ill"}
    assert out.added is not None
    assert any(c.entity_id == out.added["id"] and c.kind == "created" for c in new)
    assert {c.entity_id for c in new if c.kind == "changed"} == {aid} | {
        x["id"] for x in out.shifted
    }
    _revisions_match_the_log(oslo.store)
    # the undo of the cancel is one more change of each row, and removes the added session
    revert_cancel(oslo.store, out, now=FROZEN_NOW)
    log = history(oslo.store, session_id=aid)
    assert [e.after.get("status") for e in log[1:]] == ["cancelled", "booked"]
    assert history(oslo.store, session_id=out.added["id"])[-1].kind == "deleted"
    _revisions_match_the_log(oslo.store)


def test_attendance_with_scores_is_one_change_however_often_it_flushes(oslo: Clinic) -> None:
    res = book(oslo.store, _fibro(oslo), now=FROZEN_NOW)
    first = res.appointments[0]
    at = datetime.fromisoformat(first["utc_start"].rstrip("Z")) + timedelta(minutes=5)
    attend(
        oslo.store,
        first["id"],
        [(parse_region("neck"), 6), (parse_region("lower-back"), 4)],
        scores={Measure.FATIGUE: 7},
        now=at,
    )
    log = history(oslo.store, session_id=first["id"])
    assert len(log) == 2 and log[-1].revision == 1
    assert log[-1].before == {"status": "booked", "regions": [], "scores": {}}
    assert log[-1].after == {
        "status": "attended",
        "regions": [["neck", 6], ["lower-back", 4]],
        "scores": {"fatigue": 7},
    }
    _revisions_match_the_log(oslo.store)


def test_a_stale_edit_is_refused_and_changes_nothing(oslo: Clinic) -> None:
    res = book(oslo.store, _fibro(oslo), now=FROZEN_NOW)
    aid = res.appointments[2]["id"]
    seen = {aid: 0}
    move(oslo.store, aid, "2026-10-01T13:00", now=FROZEN_NOW)  # another desk, meanwhile
    start = latest_change(oslo.store)
    with pytest.raises(
        ChangedElsewhere, match=r"changed at another desk a moment ago: .*look again"
    ):
        cancel(oslo.store, aid, expect=seen, now=FROZEN_NOW)
    with pytest.raises(ChangedElsewhere):
        move(oslo.store, aid, "2026-10-02T13:00", expect=seen, now=FROZEN_NOW)
    assert latest_change(oslo.store) == start
    with oslo.store.read() as s:
        a = s.get(Appointment, aid)
        assert a is not None and (a.status, a.revision) == ("booked", 1)
    # seen afresh, the same edit goes through
    cancel(oslo.store, aid, expect={aid: 1}, now=FROZEN_NOW)


def test_undo_refuses_to_undo_over_another_desks_later_change(oslo: Clinic) -> None:
    res = book(oslo.store, _fibro(oslo), now=FROZEN_NOW)
    aid = res.appointments[3]["id"]
    out = cancel(oslo.store, aid, extend=True, now=FROZEN_NOW)
    later = out.shifted[0]["id"]
    move(oslo.store, later, "2027-03-01T09:00", now=FROZEN_NOW)  # another desk moves it
    before = [(c.id) for c in _changes(oslo.store)]
    with pytest.raises(ChangedElsewhere):
        revert_cancel(oslo.store, out, now=FROZEN_NOW)
    assert [c.id for c in _changes(oslo.store)] == before
    with oslo.store.read() as s:
        a = s.get(Appointment, aid)
        assert a is not None and a.status == "cancelled"


def test_a_patient_edit_logs_only_what_changed(oslo: Clinic) -> None:
    edit_patient(oslo.store, oslo.kari, phone="+47 911 11 111", add_flags=["anticoagulants"])
    log = history(oslo.store, patient_id=oslo.kari)
    change = [e for e in log if e.entity == "patient" and e.kind == "changed"][-1]
    assert change.before == {"phone": "+47 900 00 001", "flags": []}
    assert change.after["phone"] == "+47 911 11 111"
    assert [f[0] for f in change.after["flags"]] == ["anticoagulants"]
    assert "name" not in change.after and "date_of_birth" not in change.after
    with oslo.store.read() as s:
        p = s.get(Patient, oslo.kari)
        assert p is not None and p.revision == 1


def test_a_refused_action_writes_no_change(oslo: Clinic) -> None:
    res = book(oslo.store, _fibro(oslo), now=FROZEN_NOW)
    aid = res.appointments[2]["id"]
    cancel(oslo.store, aid, now=FROZEN_NOW)
    start = latest_change(oslo.store)
    with pytest.raises(InvalidState):
        cancel(oslo.store, aid, now=FROZEN_NOW)
    assert latest_change(oslo.store) == start


def test_the_log_cannot_be_rewritten(oslo: Clinic) -> None:
    clinic.add_patient(oslo.store, "Mari Lund")
    for sql in ("UPDATE changes SET desk = 'x'", "DELETE FROM changes"):
        with pytest.raises(sa_exc.DatabaseError, match="append-only"), oslo.store.write() as s:
            s.execute(text(sql))
    with oslo.store.read() as s:
        assert (s.scalar(select(func.count()).select_from(Change)) or 0) > 0
        assert set(s.scalars(select(Change.desk))) != {"x"}


def test_history_names_one_thing_at_a_time(oslo: Clinic) -> None:
    from planner.errors import BadInput

    with pytest.raises(BadInput, match="one of"):
        history(oslo.store, session_id=1, patient_id=1)


def test_a_session_removed_at_another_desk_is_said_so_without_its_id(oslo: Clinic) -> None:
    from planner.errors import NotFound

    res = book(oslo.store, _fibro(oslo), now=FROZEN_NOW)
    out = cancel(oslo.store, res.appointments[3]["id"], extend=True, now=FROZEN_NOW)
    assert out.added is not None
    added = out.added["id"]
    revert_cancel(oslo.store, out, now=FROZEN_NOW)  # another desk undoes the cancel
    with pytest.raises(NotFound) as refused:
        move(oslo.store, added, "2027-03-01T09:00", expect={added: 0}, now=FROZEN_NOW)
    assert refused.value.message.startswith("this session was just removed at another desk")
    assert str(added) not in refused.value.message


def test_a_following_move_is_refused_when_a_session_it_showed_was_cancelled_since(
    oslo: Clinic,
) -> None:
    res = book(oslo.store, _fibro(oslo), now=FROZEN_NOW)
    first, later = res.appointments[2], res.appointments[5]
    seen = {a["id"]: 0 for a in res.appointments[2:]}
    cancel(oslo.store, later["id"], now=FROZEN_NOW)  # another desk, after this desk's preview
    start = latest_change(oslo.store)
    with pytest.raises(ChangedElsewhere, match="cancelled; look again"):
        move(
            oslo.store, first["id"], "2026-09-30T13:00", following=True, expect=seen, now=FROZEN_NOW
        )
    assert latest_change(oslo.store) == start
