"""Importing a practitioner's 26 MB calendar: planner's streaming importer against the
maintained expander (recurring-ical-events), to say whether switching would pay.

    .venv/bin/python bench/bench_import.py            # ~26 MB calendar, 3 runs of each
    .venv/bin/python bench/bench_import.py --quick    # ~1 MB (CI smoke)

The calendar (written once into ``bench/.cache/``) is what a practitioner's ten-year Outlook
or Google export looks like: 60,000 past appointments with long descriptions, 600 in the
planning window, 300 weekly timed series (two EXDATEs and a moved occurrence each, some in
UTC, some in another zone) and 40 all-day series with date-time exceptions.

Each way runs in a fresh child process (this script with ``--child``), so none inherits
another's memory; wall and CPU time are measured around the work alone, peak memory is the
child's own peak resident set (``ru_maxrss``, interpreter and libraries included; the ``idle``
row imports everything and does nothing else):

* ``planner import``: :func:`planner.services.calendar_import.import_calendar` into a fresh
  SQLite database (read, expand, store: what the command does);
* ``planner expand``: the importer's pure half alone, streamed from the file
  (:mod:`planner.ics.incoming`: read, expand, cut into pieces), the part a switch would
  replace;
* ``library``: ``icalendar.Calendar.from_ical`` of the whole file, then
  ``recurring_ical_events.of(...).between(...)`` over the planning window (what a short script
  using the maintained library would do);
* ``hybrid``: planner's streaming reader keeps only the components that can reach the window
  (any recurring one, or one that starts no earlier than two days before it), and
  recurring-ical-events expands those: the switch that would keep the small peak.

All four must find the same busy instances (``tests/ics/differential.py``'s shape, compared
in the parent); the table and a JSON record (``bench/results/import-*.json``) follow.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.ics.reader import Component

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

NOW = datetime(2026, 12, 2, 8, 0)
"""The import's clock (naive UTC); fixed so runs are comparable."""
LO, HI = NOW - timedelta(days=1), NOW + timedelta(days=548)
TZ = "Europe/Oslo"
WAYS = ("idle", "planner import", "planner expand", "library", "hybrid")


# -- the calendar -------------------------------------------------------------------------------


def _single(i: int, d: datetime) -> str:
    from tests.ics.helpers import appointment

    return appointment(f"single-{i}@example.com", i, d)


def _weekly(i: int) -> str:
    start = datetime(2025, 1, 6, 7) + timedelta(days=i % 5, hours=i % 8)
    first_ex = start + timedelta(weeks=100 + i % 20)
    second_ex = start + timedelta(weeks=110 + i % 15)
    moved = start + timedelta(weeks=125 + i % 10)  # never an EXDATE (see bench/README.md)
    uid = f"weekly-{i}@example.com"
    if i % 2:  # Outlook writes exceptions in the series' zone, Google in UTC
        ex = f"EXDATE;TZID=Europe/Oslo:{first_ex:%Y%m%dT%H%M%S},{second_ex:%Y%m%dT%H%M%S}"
        rid = f"RECURRENCE-ID;TZID=Europe/Oslo:{moved:%Y%m%dT%H%M%S}"
    else:
        ex = f"EXDATE:{_utc(first_ex):%Y%m%dT%H%M%SZ}\r\nEXDATE:{_utc(second_ex):%Y%m%dT%H%M%SZ}"
        rid = f"RECURRENCE-ID:{_utc(moved):%Y%m%dT%H%M%SZ}"
    later = moved + timedelta(days=1, hours=2)
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20250101T000000Z\r\nSEQUENCE:1\r\n"
        f"DTSTART;TZID=Europe/Oslo:{start:%Y%m%dT%H%M%S}\r\n"
        f"DTEND;TZID=Europe/Oslo:{start + timedelta(hours=1):%Y%m%dT%H%M%S}\r\n"
        "RRULE:FREQ=WEEKLY" + (f";COUNT={150 + i}" if i % 3 == 0 else "") + "\r\n"
        f"{ex}\r\nSUMMARY:Weekly {i}\r\nEND:VEVENT\r\n"
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20250101T000000Z\r\nSEQUENCE:1\r\n{rid}\r\n"
        f"DTSTART;TZID=Europe/Oslo:{later:%Y%m%dT%H%M%S}\r\n"
        f"DTEND;TZID=Europe/Oslo:{later + timedelta(hours=1):%Y%m%dT%H%M%S}\r\n"
        f"SUMMARY:Weekly {i} (moved)\r\nEND:VEVENT\r\n"
    )


def _all_day(i: int) -> str:
    start = datetime(2026, 1, 5) + timedelta(days=3 * i)
    ex = start + timedelta(weeks=60)
    return (
        f"BEGIN:VEVENT\r\nUID:allday-{i}@example.com\r\nDTSTAMP:20250101T000000Z\r\n"
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}\r\nDTEND;VALUE=DATE:{start + timedelta(1):%Y%m%d}\r\n"
        f"RRULE:FREQ=WEEKLY;UNTIL={start + timedelta(weeks=70):%Y%m%d}T000000Z\r\n"
        f"EXDATE:{ex:%Y%m%d}T000000Z\r\nSUMMARY:Course day {i}\r\n"
        "TRANSP:OPAQUE\r\nEND:VEVENT\r\n"
    )


def _utc(local: datetime) -> datetime:
    from planner.core.timeutil import to_utc, zone

    return to_utc(local, zone(TZ))


def calendar_file(quick: bool, work: Path) -> Path:
    history = 2_000 if quick else 60_000
    path = work / f"import-{history}.ics"
    if path.exists():
        return path
    path.parent.mkdir(exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//planner bench//import//EN\r\n")
        for i in range(history):  # 18 a day back from the end of 2025
            f.write(_single(i, datetime(2016, 9, 5, 8) + timedelta(days=i // 18, hours=i % 9)))
        for i in range(600):  # then 600 in the planning window
            start = datetime(2027, 1, 4, 8) + timedelta(days=i // 6, hours=i % 6)
            f.write(_single(history + i, start))
        for i in range(300):
            f.write(_weekly(i))
        for i in range(40):
            f.write(_all_day(i))
        f.write("END:VCALENDAR\r\n")
    tmp.replace(path)
    return path


# -- the children -------------------------------------------------------------------------------


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def child(way: str, path: Path, work: Path) -> None:
    # Every child imports the same libraries, so the idle row is what they all start from.
    import icalendar  # noqa: F401
    import recurring_ical_events  # type: ignore[import-untyped]  # noqa: F401
    from tests.ics.differential import Busy

    from planner.services.calendar_import import import_calendar

    if way == "planner import":
        store, practitioner = _clinic(work)
    cpu0, t0 = _cpu(), time.perf_counter()
    busy: list[Busy] = []
    if way == "planner import":
        import_calendar(store, path, practitioner_id=practitioner, now=NOW)
    elif way == "planner expand":
        busy = _planner(path)
    elif way == "library":
        busy = _library(path.read_bytes())
    elif way == "hybrid":
        busy = _library(_prefiltered(path))
    wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
    if way == "planner import":
        from tests.ics.differential import stored_busy

        busy = stored_busy(store, practitioner)
    digest = hashlib.sha256(repr(busy).encode()).hexdigest()[:16]
    print(
        json.dumps(
            {
                "wall_s": round(wall, 3),
                "cpu_s": round(cpu, 3),
                "peak_mib": round(_peak_mib(), 1),
                "instances": len(busy),
                "digest": digest,
            }
        )
    )


def _clinic(work: Path) -> tuple[Any, int]:
    from planner.db.store import Store
    from planner.services import clinic

    db = work / "bench-import.db"
    db.unlink(missing_ok=True)
    store = Store(str(db), create=True)
    loc = clinic.add_location(store, "Oslo", TZ, country="NO", hours=["mon-fri 08:00-18:00"])
    p = clinic.add_practitioner(store, "Ingrid Berg", "acupuncturist", [loc.id])
    return store, p.id


def _planner(path: Path) -> list[Any]:
    """The steps of ``import_calendar`` without the database, streamed from the file."""
    from tests.ics.differential import glued

    from planner.core.timeutil import zone
    from planner.ics import incoming
    from planner.ics.expand import Limits
    from planner.services.calendar_import import BLOCKED_TIME_PIECE, MAX_ROWS

    with path.open("rb") as fh:
        read = incoming.read(fh, path.name, LO, HI, busy=True)
    ex = incoming.expander(read, path.name, zone(TZ), Limits(LO, HI, seconds=600.0))
    instances = incoming.expand(read, ex, busy=True, max_instances=MAX_ROWS)
    rows = incoming.blocks(instances, read.freebusy, LO, HI, BLOCKED_TIME_PIECE)
    pieces = [(r["source_uid"], r["recurrence_id"], r["start_utc"], r["end_utc"]) for r in rows]
    return glued(pieces)


def _library(data: bytes) -> list[Any]:
    from tests.ics.differential import reference_busy

    return reference_busy(data, TZ, LO, HI)


def _prefiltered(path: Path) -> bytes:
    """The calendar with only the components that can reach the window, through planner's
    streaming reader (a rough test on the start date as written: enough for this calendar)."""
    from planner.ics.reader import CalendarProperty, read_calendar

    keep_from = f"{LO - timedelta(days=2):%Y%m%d}"
    out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//planner bench//hybrid//EN"]
    with path.open("rb") as fh:
        for item in read_calendar(fh, path.name):
            if isinstance(item, CalendarProperty) or item.name != "VEVENT":
                continue
            start = item.get("DTSTART")
            recurring = any(item.get(n) for n in ("RRULE", "RDATE", "RECURRENCE-ID"))
            if recurring or (start is not None and start.value[:8] >= keep_from):
                out.extend(_lines(item))
    out.append("END:VCALENDAR")
    return ("\r\n".join(out) + "\r\n").encode()


def _lines(comp: Component) -> list[str]:
    lines = [f"BEGIN:{comp.name}"]
    for p in comp.props:
        params = "".join(
            f";{k}=" + ",".join(f'"{v}"' if any(c in v for c in ":;,") else v for v in values)
            for k, values in p.params.items()
        )
        lines.append(f"{p.name}{params}:{p.value}")
    for sub in comp.children:
        lines.extend(_lines(sub))
    lines.append(f"END:{comp.name}")
    return lines


# -- the parent ---------------------------------------------------------------------------------


def run_child(way: str, path: Path, work: Path) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", way, str(path), str(work)]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="a ~1 MB calendar (CI smoke)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each way (default 3)")
    ap.add_argument(
        "--work", type=Path, default=HERE / ".cache", help="folder of the calendar and database"
    )
    ap.add_argument("--no-json", action="store_true", help="do not write bench/results/")
    ap.add_argument("--child", nargs=3, metavar=("WAY", "FILE", "WORK"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    work = args.work
    path = calendar_file(args.quick, work)
    size_mb = path.stat().st_size / 1e6
    runs: dict[str, list[dict[str, Any]]] = {w: [] for w in WAYS}
    for _ in range(args.repeat):
        for way in WAYS:  # the ways take turns, so load on the machine hits all alike
            runs[way].append(run_child(way, path, work))
    digests = {runs[w][0]["digest"] for w in WAYS if w != "idle"}
    print(f"{path.name}: {size_mb:.1f} MB; window {LO:%Y-%m-%d} to {HI:%Y-%m-%d} in {TZ}")
    print(f"{'way':<16}{'wall s (min-max)':>22}{'cpu s':>8}{'peak MiB':>10}{'instances':>11}")
    for way in WAYS:
        rs = runs[way]
        walls = sorted(r["wall_s"] for r in rs)
        median = walls[len(walls) // 2]
        print(
            f"{way:<16}{median:>10.2f} ({walls[0]:.2f}-{walls[-1]:.2f})"
            f"{sorted(r['cpu_s'] for r in rs)[len(rs) // 2]:>8.2f}"
            f"{max(r['peak_mib'] for r in rs):>10.1f}{rs[0]['instances']:>11,}"
        )
    same = len(digests) == 1
    print("all ways find the same busy instances" if same else f"DIFFERENT results: {digests}")
    if not args.no_json:
        record = {
            "file": path.name,
            "bytes": path.stat().st_size,
            "python": platform.python_version(),
            "runs": runs,
            "same": same,
        }
        out = HERE / "results" / f"import-{datetime.now():%Y%m%d-%H%M%S}.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(record, indent=1))
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
