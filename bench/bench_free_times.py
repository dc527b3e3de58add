"""Find a free time: how long the search takes on a busy clinic.

    .venv/bin/python bench/bench_free_times.py [--size 500000] [--repeat 5] [--seed 7]

On the GUI bench's cached demo database (``--size`` sessions), for the first five
practitioners of the first location, times ``schedule.free_times.free_starts`` as the new-plan
dialog's *Find a free time…* runs it (8 offers, 12 weeks ahead, from a week from today):

- **series**: the fibromyalgia template (12 sessions over a year), Tuesday or Thursday
  between 08:00 and 12:00, for practitioners who needle;
- **single**: one 45-minute assessment, any weekday, any time.

The holiday library's country list is read once before timing (the window pays it once per
process, at its first preview). Medians and the slowest run in milliseconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size", type=int, default=500_000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args()

    from bench_gui import demo_db

    from planner.core.calendars import holiday_calendar
    from planner.core.domain import Kind, Phase
    from planner.db.store import Store
    from planner.services.booking.plans import PlanRequest
    from planner.services.schedule.free_times import free_starts
    from planner.services.schedule.week import clinic_directory

    store = Store(str(demo_db(args.size, args.seed)))
    holiday_calendar("NO", None)  # the library's country list, read once per process
    directory = clinic_directory(store)
    location = directory.locations[0]
    start = datetime.combine(date.today() + timedelta(days=7), clock(8))
    cases = {
        "series": dict(weekdays={1, 3}, earliest=clock(8), latest=clock(12)),
        "single": dict(weekdays=None, earliest=None, latest=None),
    }
    result: dict[str, dict[str, float | int]] = {}
    for name, where in cases.items():
        times: list[float] = []
        offers: list[int] = []
        for who in directory.practitioners_at(location.id)[:5]:
            if name == "series" and not who.may_needle:
                continue
            req = PlanRequest(
                patient_id=None,
                practitioner_id=who.id,
                start=start,
                location_id=location.id,
                template="Fibromyalgia acupuncture" if name == "series" else None,
                phases=None if name == "series" else (Phase(Kind.ASSESSMENT, 45),),
                modality=None if name == "series" else "physiotherapy",
            )
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                found = free_starts(store, req, count=8, days=84, **where)  # type: ignore[arg-type]
                times.append((time.perf_counter() - t0) * 1000)
                offers.append(len(found))
        result[name] = {
            "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1),
            "runs": len(times),
            "offers_median": statistics.median(offers),
        }
        print(
            f"{name:<7} median {result[name]['median_ms']:>7} ms   slowest "
            f"{result[name]['max_ms']:>7} ms   ({len(times)} runs, "
            f"{result[name]['offers_median']} offers each)"
        )
    out = HERE / "results" / f"free-times-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"size": args.size, **result}, indent=2))
    print(f"written to {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
