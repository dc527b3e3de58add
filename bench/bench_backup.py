"""Backing up and restoring a busy clinic's database through the command line, as staff do.

    .venv/bin/python bench/bench_backup.py                   # the 500,000-session demo clinic
    .venv/bin/python bench/bench_backup.py --size 2000       # small (CI smoke)

The demo database of ``--size`` sessions is built once (``bench/.cache/``, shared with
``bench_booking.py``) and copied to a work folder. Then each step runs as its own
``planner`` process, timed from the outside (wall time) with the child's peak resident set
(``ru_maxrss``, interpreter and libraries included):

* ``backup``: ``planner backup`` (SQLite's online backup API into ``backups/``, the copy's
  ``integrity_check``, schema and row counts, the rotation);
* ``check``: ``planner check`` (``integrity_check`` and ``foreign_key_check`` of the database)
  and ``check --quick`` (``quick_check``: what the window affords at start-up);
* ``restore``: a patient is added after the backup (so the restore has something to lose),
  then ``planner restore FILE --yes`` (the file checked again, the current database kept
  aside, the copy put in its place).

The round trip must give back every row: a digest of every row of every table of the
database as backed up is compared with the restored one, and the script fails if they differ
or if the patient added after the backup survived the restore.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_booking import cached_db  # noqa: E402


def rows_digest(path: Path) -> str:
    """A digest of every row of every table of the SQLite file ``path``."""
    h = hashlib.sha256()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for t in sorted(tables):
            h.update(t.encode())
            for row in con.execute(f'SELECT * FROM "{t}" ORDER BY rowid'):
                h.update(repr(row).encode())
    finally:
        con.close()
    return h.hexdigest()


def planner(db: Path, *args: str, env: dict[str, str]) -> tuple[float, float, str]:
    """Run ``planner --db db ARGS``: wall seconds, the child's own peak memory (MiB, from
    ``wait4``), its stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "planner.cli", "--db", str(db), *args],
            stdout=out,
            stderr=err,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - t0
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if child.returncode != 0:
            raise SystemExit(
                f"planner {' '.join(args)} failed ({child.returncode}): {err.read().decode()}"
            )
        return wall, usage.ru_maxrss / 1024, out.read().decode()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=500_000, help="sessions in the demo clinic")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--work", type=Path, default=HERE / ".cache" / "backup-work")
    ap.add_argument("--json", action="store_true", help="the figures as JSON")
    args = ap.parse_args(argv)

    cached, _meta = cached_db(args.size, args.seed, False)
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    db = args.work / "clinic.db"
    shutil.copyfile(cached, db)
    env = {**os.environ, "XDG_CONFIG_HOME": str(args.work / "config")}  # the default folder
    digest = rows_digest(db)
    sizes = {"database_mb": round(db.stat().st_size / 2**20, 1)}

    steps: dict[str, dict[str, float]] = {}

    def step(name: str, *cli: str) -> str:
        wall, peak, out = planner(db, *cli, env=env)
        steps[name] = {"seconds": round(wall, 2), "peak_mib": round(peak)}
        return out

    step("check --quick", "check", "--quick")
    step("check", "check")
    made = json.loads(step("backup", "--json", "backup"))
    backup = Path(made["path"])
    sizes["backup_mb"] = round(backup.stat().st_size / 2**20, 1)
    if rows_digest(backup) != digest:
        raise SystemExit("the backup does not hold every row of the database")
    planner(db, "patient", "add", "--name", "Added After The Backup", env=env)
    step("restore", "restore", str(backup), "--yes")
    if rows_digest(db) != digest:
        raise SystemExit("the restored database differs from the one backed up")
    aside = sorted(args.work.glob("clinic.db.before-restore-*"))
    if len(aside) != 1:
        raise SystemExit(f"expected the old database kept aside once, found {aside}")

    result = {"sessions": made["counts"]["sessions"], **sizes, "steps": steps}
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(
            f"{result['sessions']:,} sessions, database {sizes['database_mb']} MB, "
            f"backup {sizes['backup_mb']} MB; round trip: every row back"
        )
        print(f"{'step':<16}{'seconds':>9}{'peak MiB':>10}")
        for name, fig in steps.items():
            print(f"{name:<16}{fig['seconds']:>9.2f}{fig['peak_mib']:>10.0f}")
    shutil.rmtree(args.work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
