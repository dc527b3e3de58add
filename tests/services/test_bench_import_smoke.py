"""The import benchmark still runs: a small calendar imported and expanded by planner, by
recurring-ical-events and by the two together, and all four find the same busy time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_bench_import_runs_and_every_way_finds_the_same_busy_time(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_import.py"), "--quick", "--repeat", "1",
         "--work", str(tmp_path), "--no-json"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "all ways find the same busy instances" in out, out
    for way in ("planner import", "planner expand", "library", "hybrid"):
        line = next(ln for ln in out.splitlines() if ln.startswith(way))
        assert line.split()[-1] == "24,722", line  # the instances each way found
    assert "Traceback" not in done.stderr, done.stderr
