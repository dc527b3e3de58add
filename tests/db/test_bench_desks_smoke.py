"""The desk benchmark still runs: two desks for five seconds on PostgreSQL and SQLite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_bench_desks_runs_and_finds_no_violation(pg_url: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_desks.py"), "--seconds", "5",
         "--desks", "2", "--db", pg_url, "--no-json"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "== postgresql: 2 desks" in out and "== sqlite: 2 desks" in out, out
    assert out.count("invariant violations: 0") == 2, out
    for op in ("search", "preview", "book", "move", "cancel+extend", "attend"):
        assert f"\n{op} " in out, (op, out)  # every kind of operation ran
    assert "Traceback" not in done.stderr, done.stderr
