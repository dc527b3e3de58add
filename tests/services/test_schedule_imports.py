"""The schedule's modules load no database layer: the window imports them while it starts."""

from __future__ import annotations

import subprocess
import sys

SCHEDULE_MODULES = (
    "planner.services.schedule.values",
    "planner.services.schedule.rows",
    "planner.services.schedule.first_look",
    "planner.services.schedule.week",
    "planner.services.schedule.patients",
    "planner.services.schedule.next_free",
)


def test_the_schedule_imports_no_sqlalchemy_models_or_holidays() -> None:
    """The first look paints before SQLAlchemy, the models and the holiday calendars load."""
    code = (
        f"import sys, {', '.join(SCHEDULE_MODULES)}\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'holidays')"
        " or m.startswith(('planner.db', 'planner.core.calendars', 'planner.services.booking')))\n"
        "assert not heavy, heavy[:5]\n"
    )
    # A fresh interpreter: nothing this test session imported can mask or cause an import.
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr[-2000:]
