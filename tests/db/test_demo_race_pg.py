"""The demo never half-writes on PostgreSQL: one transaction that first locks the tables it
needs empty, so a desk adding a patient meanwhile either comes first (the demo is refused,
nothing of it is kept) or waits and comes after it (issue 11, item 4). Before, the demo wrote
in several transactions and crashed with an IntegrityError, leaving half a clinic."""

from __future__ import annotations

import pytest

from ..services.demo_race import check, demo_again_refused, planner, race

pytestmark = pytest.mark.slow


def _init(url: str) -> str:
    init = planner(url, "init")
    assert init.wait(120) == 0
    return url


def test_a_patient_added_first_refuses_the_demo_and_stays_alone(pg_url: str) -> None:
    assert check(race(_init(pg_url), -0.1)) == "refused"


def test_a_patient_added_while_the_demo_holds_its_lock_comes_after_it(pg_url: str) -> None:
    url = _init(pg_url)
    assert check(race(url, None)) == "built"
    demo_again_refused(url)


@pytest.mark.parametrize("delay", [0.0, 0.6, 1.2])
def test_any_moment_of_the_race_ends_whole(pg_url: str, delay: float) -> None:
    check(race(_init(pg_url), delay))
