"""Set-up edits from a stale view: refused with ChangedElsewhere, changing nothing; the Info
values carry the revision a desk passes back."""

from __future__ import annotations

from datetime import date

import pytest

from planner.errors import ChangedElsewhere
from planner.services import clinic
from planner.services.clinic_setup import (
    edit_location,
    edit_practitioner,
    edit_room,
    remove_closure,
    remove_room,
    setup_overview,
)
from planner.services.history import history

from ..conftest import Clinic


def test_the_overview_carries_revisions_and_stale_edits_are_refused(oslo: Clinic) -> None:
    seen = setup_overview(oslo.store)
    loc = seen.locations[0]
    assert loc.revision == 0 and loc.rooms[0].revision == 0
    assert seen.practitioners[0].revision == 0

    assert (
        edit_location(oslo.store, loc.id, phone="+47 22 11 11 11", expect_revision=0).revision == 1
    )
    with pytest.raises(ChangedElsewhere, match="this location was changed at another desk"):
        edit_location(oslo.store, loc.id, name="Oslo", expect_revision=0)
    assert setup_overview(oslo.store).locations[0].name == "Oslo sentrum"

    room = edit_room(oslo.store, oslo.room, name="Blue room", expect_revision=0)
    assert room.revision == 1
    with pytest.raises(ChangedElsewhere, match="Blue room at Oslo sentrum"):
        remove_room(oslo.store, oslo.room, expect_revision=0)
    assert setup_overview(oslo.store).locations[0].rooms[0].name == "Blue room"


def test_new_hours_raise_the_practitioners_revision_once(oslo: Clinic) -> None:
    before = len(history(oslo.store))
    p = edit_practitioner(
        oslo.store,
        oslo.practitioner,
        name="Ingrid B.",
        workplaces={oslo.location: "mon-thu 08:00-16:00"},
        expect_revision=0,
    )
    assert p.revision == 1 and p.workplaces[0].revision == 1
    log = history(oslo.store)[before:]
    mine = next(c for c in log if c.entity == "practitioner")
    assert mine.before["workplaces"] == {"Oslo sentrum": "mon-fri 08:00-16:00"}
    assert mine.after["workplaces"] == {"Oslo sentrum": "mon-thu 08:00-16:00"}
    assert mine.revision == 1
    with pytest.raises(ChangedElsewhere, match="this practitioner was changed"):
        edit_practitioner(oslo.store, oslo.practitioner, phone="+47 1", expect_revision=0)
    # the same hours again change nothing: no revision raised
    same = edit_practitioner(
        oslo.store, oslo.practitioner, workplaces={oslo.location: "mon-thu 08:00-16:00"}
    )
    assert same.revision == 1


def test_a_stale_closure_is_not_removed(oslo: Clinic) -> None:
    res = clinic.add_closure(oslo.store, oslo.location, date(2037, 12, 24), date(2037, 12, 26))
    with pytest.raises(ChangedElsewhere) as refused:
        remove_closure(oslo.store, res.closure.id, expect_revision=3)
    assert refused.value.exit_code == 3
    assert "Oslo sentrum" in refused.value.message
    assert len(setup_overview(oslo.store).closures) == 1
    remove_closure(oslo.store, res.closure.id, expect_revision=0)
    assert setup_overview(oslo.store).closures == ()
