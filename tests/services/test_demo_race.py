"""The demo never half-writes on SQLite: a build racing a desk that adds a patient (two
processes) either finishes with the patient added after it, or is refused and leaves exactly
that patient (issue 11, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .demo_race import check, demo_again_refused, planner, race

pytestmark = pytest.mark.slow


def _empty_db(tmp_path: Path, name: str) -> str:
    url = str(tmp_path / f"{name}.db")
    init = planner(url, "init")
    assert init.wait(60) == 0
    return url


def test_a_patient_added_first_refuses_the_demo_and_stays_alone(tmp_path: Path) -> None:
    url = _empty_db(tmp_path, "first")
    assert check(race(url, -0.1)) == "refused"


def test_a_patient_added_while_the_demo_holds_its_lock_comes_after_it(tmp_path: Path) -> None:
    url = _empty_db(tmp_path, "during")
    assert check(race(url, None)) == "built"
    demo_again_refused(url)


@pytest.mark.parametrize("delay", [0.0, 0.6, 1.2])
def test_any_moment_of_the_race_ends_whole(tmp_path: Path, delay: float) -> None:
    url = _empty_db(tmp_path, f"at-{delay}")
    check(race(url, delay))
