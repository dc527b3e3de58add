"""The shown range's clock: wall-clock time at the location shown, else the computer's zone."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from planner.core.timeutil import to_local

from .conftest import FROZEN_UTC


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The computer's own zone is New York for the test."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_local_now_before_a_location_is_shown_is_the_computer_s(qtbot, settings, new_york) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.main_window import MainWindow

    w = MainWindow(None, settings, clock=lambda: FROZEN_UTC)
    qtbot.addWidget(w)
    assert w.location is None
    assert w.local_now() == to_local(FROZEN_UTC, ZoneInfo("America/New_York"))
    assert w.local_now() == datetime(2026, 11, 18, 4, 20)


def test_local_now_is_the_wall_clock_of_the_location_shown(window, new_york) -> None:  # type: ignore[no-untyped-def]
    assert window.location.tz == "Europe/Oslo"
    assert window.local_now() == datetime(2026, 11, 18, 10, 20)
    window.nav.clock = lambda: FROZEN_UTC.replace(tzinfo=UTC)  # an aware clock reads the same
    assert window.local_now() == datetime(2026, 11, 18, 10, 20)
