"""``appointment cancel --reason`` kept and listed; ``appointment no-show --correct``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from planner.core.regions import parse_scored_regions
from planner.db.store import Store
from planner.services.booking.plans import PlanRequest, book
from planner.services.booking.scores import attend

from ..conftest import Cli

BOOKED_AT = datetime(2027, 3, 1, 9, 0)
"""The service clock (naive UTC) the plan is booked at, a week before it starts."""


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path / "cli.db", capsys)
    c.oslo_clinic()
    c.ok("patient", "add", "--name", "Kari Nordmann", "--phone", "+47 900 00 001")
    return c


def _plan(cli: Cli) -> list[int]:
    st = Store(str(cli.db))
    try:
        res = book(
            st,
            PlanRequest(
                patient_id=1,
                practitioner_id=1,
                start="2027-03-09T10:00",
                template="Fibromyalgia acupuncture",
            ),
            now=BOOKED_AT,
        )
        ids = [int(a["id"]) for a in res.appointments]
        attend(st, ids[0], parse_scored_regions("neck:6"), now=datetime(2027, 3, 9, 9, 30))
        return ids
    finally:
        st.close()


def test_the_cancel_reason_is_kept_and_listed(cli: Cli) -> None:
    ids = _plan(cli)
    out = cli.ok("appointment", "cancel", str(ids[2]), "--reason", "patient ill")
    assert "(patient ill)" in out
    listed = cli.ok("appointment", "list", "--plan", "1")
    assert "cancelled: patient ill" in listed
    code, rows = cli.json("appointment", "list", "--plan", "1")
    assert code == 0
    assert next(r for r in rows if r["id"] == ids[2])["cancel_reason"] == "patient ill"


def test_no_show_on_an_attended_session_asks_for_correct(cli: Cli) -> None:
    ids = _plan(cli)
    code, out, err = cli("appointment", "no-show", str(ids[0]))
    assert code == 3 and out == ""
    assert "add --correct" in err and len(err.strip().splitlines()) == 1
    code, data = cli.json("appointment", "no-show", str(ids[0]), "--correct")
    assert code == 0
    assert data["status"] == "no-show"
    assert data["cleared"]["regions"] == [{"region": "neck", "pain": 6}]
    code, rows = cli.json("appointment", "list", "--plan", "1")
    first = next(r for r in rows if r["id"] == ids[0])
    assert (first["status"], first["regions"]) == ("no-show", [])
    # --correct on a session that is not attended is refused and changes nothing.
    code, out, err = cli("appointment", "no-show", str(ids[1]), "--correct")
    assert code == 3 and "cannot be corrected to a no-show" in err
