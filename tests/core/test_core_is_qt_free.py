"""The core, the database layer and the services never import Qt (STYLE.md: make it a test)."""

from __future__ import annotations

import subprocess
import sys

QT_FREE_MODULES = (
    "planner.core.engine",
    "planner.db.store",
    "planner.services.booking",
    "planner.services.clinic",
    "planner.core.outcomes",
    "planner.services.progress",
    "planner.services.plan_card",
)


def test_core_db_and_services_do_not_load_pyside6() -> None:
    code = (
        f"import {', '.join(QT_FREE_MODULES)}, sys; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    # A fresh interpreter: nothing this test session imported can mask or cause a Qt import.
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
