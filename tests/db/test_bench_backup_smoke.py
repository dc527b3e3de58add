"""The backup benchmark still runs: a small demo clinic backed up, checked and restored through
the command line, every row back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_bench_backup_round_trips_a_small_clinic(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_backup.py"), "--size", "2000",
         "--work", str(tmp_path / "work"), "--json"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout[done.stdout.index("{") :])
    assert result["sessions"] >= 2000
    assert set(result["steps"]) == {"check --quick", "check", "backup", "restore"}
    assert all(step["seconds"] > 0 and step["peak_mib"] > 0 for step in result["steps"].values())
    assert not (tmp_path / "work").exists(), "the work folder is removed"
