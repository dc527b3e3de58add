"""A front desk in its own process, for the two-desk race test (imported by spawn)."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any


def book_slowly(
    db: str, patient_id: int, practitioner_id: int, start: str, barrier: Any, delay: float
) -> str:
    """Book a plan, pausing between the conflict check and the insert to invite a race."""
    from planner.db.store import Store
    from planner.errors import PlannerError
    from planner.services.booking import plans

    # Patch the engine's propose where the booking service calls it (plans imports it from
    # planner.core.engine without exporting it again, hence the ignores).
    real = plans.propose  # type: ignore[attr-defined]

    def slow_propose(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        time.sleep(delay)  # the other desk gets every chance to check the same slots now
        return result

    plans.propose = slow_propose  # type: ignore[attr-defined]
    store = Store(db)
    req = plans.PlanRequest(
        patient_id=patient_id,
        practitioner_id=practitioner_id,
        start=start,
        template="Dry needling, acute",
    )
    barrier.wait()
    try:
        # the clock of the service tests, before the plan (whose September start is past now)
        res = plans.book(store, req, now=datetime(2026, 9, 1, 12, 0))
        return f"booked {res.plan_id}"
    except PlannerError as exc:
        return f"{type(exc).__name__}: {exc.message}"
    finally:
        store.close()
