"""Benchmark: the front-desk window on the demo clinic grown to 500,000 sessions.

    .venv/bin/python bench/bench_gui.py [--size 500000] [--repeat 7] [--platform offscreen|xcb]

What it measures (targets from issue 4):

* **start**: wall time from starting a process to the window showing the filled week
  (the schedule view's first paint with sessions), against the time a bare PySide6 window
  (QApplication + an empty 1600x1000 QMainWindow, first paint) takes to appear; both measured
  in this run, alternating, ``--repeat`` times each. Target: planner <= 1.5x bare. The planner
  child runs the real ``planner gui --db DB`` command. A third child, the *floor*
  (``gui_floor_child.py``), is the least any window can do to show the week: one SQLite query
  and a scroll area painting one rectangle with a name per session.
* **next week**: from the "next week" action to the new week painted, in one window. "warm"
  is the window as it runs (the neighbouring weeks are read in the background after each
  week arrives, so a key press usually finds its week ready); "cold" turns that read-ahead
  off and empties the cache first, so each switch reads the database. Target: <= 100 ms.
* **repaint**: one full synchronous repaint (``viewport().repaint()``) of a dense week of
  500 blocks, 1600x1000; also the layout that prepares it (once per data change) and a
  selection change (repaints two blocks). Target: repaint <= 16 ms.
* **memory**: resident memory and Python heap after paging through 100 weeks of history;
  only the visible range (plus a few neighbours) is ever held. Target: no growth with history.

The demo database is taken from ``bench/.cache/`` (shared with bench_booking.py, keyed by size,
seed and a hash of the generator) or built there; the window works on a copy. Results go to
stdout and ``bench/results/gui-<timestamp>.json``.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

MARK = "BENCH-READY"

BARE_WINDOW = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.resize(1600, 1000)
class Watch(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            print("BENCH-READY", flush=True)
            app.quit()
        return False
watch = Watch()
w.installEventFilter(watch)
w.show()
app.exec()
"""


# -- the demo database ------------------------------------------------------------------------


def generator_hash() -> str:
    """A hash of the demo generator's sources: every module of the package, in name order."""
    h = hashlib.sha256()
    for path in sorted((ROOT / "src/planner/services/demo").glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:10]


def demo_db(size: int, seed: int) -> Path:
    """A fresh working copy of the cached demo database of ``size`` sessions."""
    cache = HERE / ".cache"
    cache.mkdir(exist_ok=True)
    cached = cache / f"demo-{size}-seed{seed}-{generator_hash()}.db"
    if not cached.exists():
        from planner.db.store import Store
        from planner.services.demo import build_demo

        print(
            f"building the demo clinic with {size:,} sessions (once; cached in {cached}) ...",
            flush=True,
        )
        t0 = time.perf_counter()
        tmp = cached.with_suffix(".building")
        tmp.unlink(missing_ok=True)
        store = Store(str(tmp), create=True)
        summary = build_demo(store, appointments=size, seed=seed)
        store.close()
        _checkpoint(tmp)
        tmp.rename(cached)
        meta = {
            "build_seconds": round(time.perf_counter() - t0, 2),
            "summary": summary.to_json(),
            "cached": False,
        }
        cached.with_suffix(".json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    work = cache / f"gui-work-{size}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(cached, work)
    from planner.db.store import Store

    Store(str(work)).close()  # migrate the copy now, so no run pays for it
    _checkpoint(work)
    return work


def _checkpoint(path: Path) -> None:
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


# -- start-up (child processes) -------------------------------------------------------------------


def child_start(db: str) -> int:
    """One planner start-up (kept for ``--child-start``; the timing runs gui_start_child.py)."""
    sys.path.insert(0, str(HERE))
    import gui_start_child

    return gui_start_child.main(db)


def start_env(env: dict[str, str]) -> dict[str, str]:
    """The start-up children run from compiled bytecode, as an installed planner does.

    pip compiles every module of a wheel when it installs it, and PySide6's modules in the
    venv are compiled; this source checkout is not, and with ``PYTHONDONTWRITEBYTECODE`` set
    (as on the build machines) every start compiled the planner's ~40 modules from source
    again (about 90 ms). The bytecode goes to ``bench/.cache/pycache`` (not next to the
    sources) and is written once, before the timing, for both children alike.
    """
    env = dict(env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(HERE / ".cache" / "pycache")
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src"), str(HERE)],
        env=env,
        check=True,
    )
    return env


def time_process(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith(MARK):
            elapsed = time.perf_counter() - t0
            break
    else:
        err = proc.stderr.read() if proc.stderr else ""
        raise RuntimeError(f"{cmd[:3]} never showed its window:\n{err}")
    proc.wait(timeout=60)
    return elapsed


def bench_start(db: Path, repeat: int, env: dict[str, str]) -> dict[str, Any]:
    """Bare window, floor and planner, alternating, ``repeat`` times each after a warm-up."""
    env = start_env(env)
    home = Path(tempfile.mkdtemp(prefix="planner-bench-home-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())  # default settings; the user's are never touched
    cmds = {
        "bare": [sys.executable, "-c", BARE_WINDOW],
        "floor": [sys.executable, str(HERE / "gui_floor_child.py"), str(db)],
        "planner": [sys.executable, str(HERE / "gui_start_child.py"), str(db)],
    }
    for cmd in cmds.values():
        time_process(cmd, env)  # warm the file cache for all three
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(repeat):
        for name, cmd in cmds.items():
            times[name].append(time_process(cmd, env))
    shutil.rmtree(home, ignore_errors=True)
    b = statistics.median(times["bare"])
    out: dict[str, Any] = {"target_ratio": 1.5}
    for name, values in times.items():
        out[f"{name}_s"] = values
        out[f"{name}_median_s"] = round(statistics.median(values), 3)
        out[f"{name}_p95_s"] = round(_p95(values), 3)
    out["ratio"] = round(statistics.median(times["planner"]) / b, 2)
    out["floor_ratio"] = round(statistics.median(times["floor"]) / b, 2)
    return out


# -- in-process measurements -----------------------------------------------------------------------


def wait_for(signal: Any, trigger: Any, timeout_ms: int = 20_000) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    trigger()
    loop.exec()
    signal.disconnect(loop.quit)


def settle(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def rss_mib() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_in_process(db: Path, repeat: int) -> dict[str, Any]:
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QRegion

    from planner.db.store import Store
    from planner.services.schedule.week import load_range
    from planner.ui.app import application
    from planner.ui.main_window import MainWindow
    from planner.ui.settings import AppSettings

    application()
    store = Store(str(db))
    settings = AppSettings(
        QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    )
    window = MainWindow(store, settings)
    window.resize(1600, 1000)
    window.show()
    wait_for(window.sig_week_shown, window.start)
    out: dict[str, Any] = {}

    # The busiest location this week: the one the desk would look at.
    directory = window.directory
    first = window.range_first()
    counts = {
        loc.id: len(load_range(store, loc.id, first, 7).blocks) for loc in directory.locations
    }
    busiest = max(counts, key=counts.__getitem__)
    wait_for(window.sig_week_shown, lambda: window.set_location(busiest))
    out["location"] = {"id": busiest, "sessions_this_week": counts[busiest]}

    # Reading a week from the database (what a cold switch waits for).
    reads = []
    for i in range(repeat * 3):
        t0 = time.perf_counter()
        load_range(store, busiest, first + timedelta(weeks=i + 1), 7)
        reads.append((time.perf_counter() - t0) * 1000)
    out["load_week_ms"] = _stats(reads)

    # Next week, warm: as the window runs (read-ahead on).
    warm = []
    for _ in range(repeat * 3):
        settle(250)  # a person's pace between key presses; the read-ahead finishes meanwhile
        t0 = time.perf_counter()
        wait_for(window.sig_week_shown, window.act_next.trigger)
        warm.append((time.perf_counter() - t0) * 1000)
    out["next_week_warm_ms"] = _stats(warm)

    # Next week, cold: no read-ahead, empty cache, the database is read on each switch.
    window.loader.prefetch = False
    cold = []
    for _ in range(repeat * 3):
        window.loader.invalidate()
        t0 = time.perf_counter()
        wait_for(window.sig_week_shown, window.act_next.trigger)
        cold.append((time.perf_counter() - t0) * 1000)
    out["next_week_cold_ms"] = _stats(cold)
    window.loader.prefetch = True

    # Repaint of a dense week: 500 blocks at the busiest location.
    data = window.model.range_data
    assert data is not None
    dense = dense_week(store, data, busiest, 500)
    view = window.view
    t0 = time.perf_counter()
    window.model.set_range(dense)
    layout_ms = (time.perf_counter() - t0) * 1000
    settle(50)
    view.viewport().repaint()
    paints = []
    for _ in range(repeat * 10):
        t0 = time.perf_counter()
        view.viewport().repaint()
        paints.append((time.perf_counter() - t0) * 1000)
    layouts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        view._relayout()
        layouts.append((time.perf_counter() - t0) * 1000)
    ids = [b.id for b in dense.blocks]
    selects = []
    for i in range(repeat * 10):
        old_rect = view.block_rect(view.selected_id) if view.selected_id else None
        new_id = ids[(i * 37) % len(ids)]
        t0 = time.perf_counter()
        view.select(new_id, scroll=False)
        new_rect = view.block_rect(new_id)
        assert new_rect is not None
        dirty = QRegion(new_rect.adjusted(-3, -3, 3, 3))
        if old_rect is not None:
            dirty = dirty.united(old_rect.adjusted(-3, -3, 3, 3))
        view.viewport().repaint(dirty)  # what select() asked update() for: two blocks
        selects.append((time.perf_counter() - t0) * 1000)
    out["dense_week"] = {
        "blocks": len(dense.blocks),
        "drawn": view.visible_items(),
        "packed": view.packed,
        "first_layout_ms": round(layout_ms, 2),
        "repaint_ms": _stats(paints),
        "layout_ms": _stats(layouts),
    }
    # The same repaint with one column per practitioner (the week filtered to three of them).
    keys = {c.key for c in dense.practitioners[:3]}
    view.set_shown_columns(keys)
    settle(20)
    lane_paints = []
    for _ in range(repeat * 10):
        t0 = time.perf_counter()
        view.viewport().repaint()
        lane_paints.append((time.perf_counter() - t0) * 1000)
    view.set_shown_columns(None)
    out["dense_week"]["repaint_three_columns_ms"] = _stats(lane_paints)
    out["dense_week"]["select_and_repaint_ms"] = _stats(selects)

    # Memory: page 100 weeks back into history and forward again, twice; only the visible
    # range (and a few neighbours) is held, so memory settles instead of growing.
    window.go_today()
    settle(300)
    gc.collect()
    tracemalloc.start()
    rss = [rss_mib()]
    heap = [tracemalloc.get_traced_memory()[0]]
    for leg in range(4):
        action = window.act_prev if leg % 2 == 0 else window.act_next
        for _ in range(100):
            wait_for(window.sig_week_shown, action.trigger)
        settle(200)
        gc.collect()
        rss.append(rss_mib())
        heap.append(tracemalloc.get_traced_memory()[0])
    tracemalloc.stop()
    out["memory"] = {
        "weeks_paged": 400,
        "rss_mib": [round(x, 1) for x in rss],
        "python_heap_kib": [round((h - heap[0]) / 1024, 1) for h in heap],
        "cached_ranges": len(window.loader._cache),
        "blocks_held": window.model.rowCount(),
    }
    window.close()
    window.worker.wait()
    store.close()
    return out


def dense_week(store: Any, data: Any, location_id: int, n: int) -> Any:
    """The shown week of one location, topped up to ``n`` blocks with sessions of other weeks."""
    from planner.services.schedule.week import load_range

    blocks = list(data.blocks)
    ids = {b.id for b in blocks}
    step = 1
    while len(blocks) < n and step < 60:
        for sign in (1, -1):
            other = load_range(store, location_id, data.first + timedelta(weeks=sign * step), 7)
            shift = timedelta(weeks=-sign * step)
            for b in other.blocks:
                if len(blocks) >= n:
                    break
                if b.id in ids:
                    continue
                ids.add(b.id)
                blocks.append(replace(b, start=b.start + shift))
        step += 1
    blocks.sort(key=lambda b: (b.start, b.id))
    return replace(data, blocks=tuple(blocks[:n]))


def _p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    values = sorted(values)
    return values[max(0, math.ceil(0.95 * len(values)) - 1)]


def _stats(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    p95 = values[max(0, round(0.95 * len(values)) - 1)]
    return {
        "median": round(statistics.median(values), 2),
        "p95": round(p95, 2),
        "min": round(values[0], 2),
        "n": len(values),
    }


# -- main ------------------------------------------------------------------------------------------


def big_offscreen(platform_name: str) -> str:
    """Qt's offscreen screen is 800x800 unless told otherwise, and the window fits itself to
    its screen: give it a 1920x1200 screen, so the window opens at 1600x1000 as on a desk."""
    if platform_name != "offscreen":
        return platform_name
    config = Path(tempfile.gettempdir()) / "planner-bench-offscreen.json"
    screen = {"name": "desk", "x": 0, "y": 0, "width": 1920, "height": 1200}
    config.write_text(json.dumps({"screens": [screen | {"logicalDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={config}"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=500_000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--repeat", type=int, default=7)
    p.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM") or "offscreen")
    p.add_argument("--skip-start", action="store_true", help="only the in-process measurements")
    p.add_argument("--only-start", action="store_true", help="only the start-up measurement")
    p.add_argument("--child-start", metavar="DB", help=argparse.SUPPRESS)
    args = p.parse_args()
    args.platform = big_offscreen(args.platform)
    os.environ["QT_QPA_PLATFORM"] = args.platform
    if args.child_start:
        return child_start(args.child_start)

    db = demo_db(args.size, args.seed)
    env = dict(os.environ, QT_QPA_PLATFORM=args.platform, PYTHONPATH=str(ROOT / "src"))
    result: dict[str, Any] = {
        "size": args.size,
        "platform": args.platform,
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
    }
    try:
        import PySide6

        result["pyside6"] = PySide6.__version__
    except ImportError:  # pragma: no cover
        pass
    if not args.skip_start:
        print("start-up: bare window, floor and planner, alternating ...", flush=True)
        result["start"] = bench_start(db, args.repeat, env)
    if not args.only_start:
        print("in-process: next week, dense repaint, memory ...", flush=True)
        result["window"] = bench_in_process(db, args.repeat)
    report(result)
    out = HERE / "results" / f"gui-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"\nwritten to {out.relative_to(ROOT)}")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return 0


def report(r: dict[str, Any]) -> None:
    print(f"\nplanner window, demo of {r['size']:,} sessions, {r['platform']}, {r['machine']}")
    if "start" in r:
        s = r["start"]
        verdict = "ok" if s["ratio"] <= s["target_ratio"] else "OVER"
        planner_ms, bare_ms = s["planner_median_s"] * 1000, s["bare_median_s"] * 1000
        print(
            f"  start to filled week   {planner_ms:7.0f} ms   bare window {bare_ms:5.0f} ms"
            f"   ratio {s['ratio']:.2f} (target <= 1.5)  {verdict}"
        )
        print(
            f"    p95                  {s['planner_p95_s'] * 1000:7.0f} ms"
            f"               {s['bare_p95_s'] * 1000:5.0f} ms"
        )
        print(
            f"  floor (least window showing the week) {s['floor_median_s'] * 1000:5.0f} ms"
            f" (p95 {s['floor_p95_s'] * 1000:.0f})   ratio {s['floor_ratio']:.2f}"
        )
    if "window" not in r:
        return
    w = r["window"]
    for key, label in (
        ("next_week_warm_ms", "next week (warm)"),
        ("next_week_cold_ms", "next week (cold)"),
    ):
        st = w[key]
        verdict = "ok" if st["median"] <= 100 else "OVER"
        print(
            f"  {label:<22} {st['median']:7.1f} ms   p95 {st['p95']:6.1f} ms"
            f"  (target <= 100)  {verdict}"
        )
    lw = w["load_week_ms"]
    print(f"  read one week (db)     {lw['median']:7.1f} ms   p95 {lw['p95']:6.1f} ms")
    d = w["dense_week"]
    rp = d["repaint_ms"]
    verdict = "ok" if rp["median"] <= 16 else "OVER"
    layout = "packed" if d["packed"] else "columns"
    print(
        f"  repaint, {d['blocks']} blocks     {rp['median']:7.1f} ms   p95 {rp['p95']:6.1f} ms"
        f"  (target <= 16)  {verdict}   [{layout}]"
    )
    print(f"  repaint, 3 columns     {d['repaint_three_columns_ms']['median']:7.1f} ms")
    print(
        f"  layout, {d['blocks']} blocks      {d['layout_ms']['median']:7.1f} ms"
        "   (once per new data or resize)"
    )
    print(f"  select + repaint       {d['select_and_repaint_ms']['median']:7.1f} ms")
    m = w["memory"]
    rss = " -> ".join(f"{x:.0f}" for x in m["rss_mib"])
    heap = " -> ".join(f"{x:+.0f}" for x in m["python_heap_kib"])
    print(f"  memory, 4 x 100 weeks  RSS {rss} MiB; Python heap {heap} KiB")
    print(
        f"{'':25}{m['blocks_held']} blocks held, {m['cached_ranges']} ranges cached "
        "(the visible range and its neighbours)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
