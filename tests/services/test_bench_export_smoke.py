"""The export benchmark still runs: a tiny demo clinic, every export and the naive build, each
file's sample read by the three parsers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_bench_export_runs_and_the_parsers_agree(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_export.py"), "--size", "300",
         "--sample", "150", "--out-dir", str(tmp_path), "--no-json"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for profile in ("full", "practitioner"):
        assert f"naive icalendar, {profile}" in out, out
        for shape in ("sessions", "series"):
            line = next(ln for ln in out.splitlines() if f"export {profile} {shape}" in ln)
            assert line.rstrip().endswith("x"), line  # its ratio to the naive build
            assert (tmp_path / f"export-{profile}-{shape}.ics").stat().st_size > 0
    checked = [ln for ln in out.splitlines() if ln.startswith("  export ")]
    assert len(checked) == 4, out
    for ln in checked:
        assert ln.count("agrees") == 3, ln
    assert "Traceback" not in done.stderr, done.stderr
