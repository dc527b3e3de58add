"""The session table several commands print (a plan, a patient, a move, a closure's hits)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any


def session_table(
    rows: Sequence[Mapping[str, Any]],
    names: Mapping[str, Mapping[int, str]] | None = None,
    *,
    revisions: bool = False,
) -> str:
    """Sessions as ``appointment_json`` gives them, one a line, in local time.

    ``names["patient"]`` and ``names["practitioner"]`` map ids to names; an id without a
    name is shown as ``#id``. ``revisions`` adds each session's revision (``rev``), what
    ``--expect-revision`` takes.
    """
    if not rows:
        return "  no sessions"
    patients = (names or {}).get("patient", {})
    practitioners = (names or {}).get("practitioner", {})
    rev = f"{'rev':>4}" if revisions else ""
    out = [
        f"{'id':>7}{rev}  {'local start':<22} {'session':<18} {'status':<10} {'min':>4}  "
        f"{'patient':<22} practitioner"
    ]
    for a in rows:
        when = datetime.fromisoformat(a["local_start"]).strftime("%a %d %b %Y %H:%M")
        n = f"{a['kind']} {a['number']}/{a['of']}" if a["number"] else a["kind"]
        who = patients.get(a["patient_id"], f"#{a['patient_id']}")
        prac = practitioners.get(a["practitioner_id"], f"#{a['practitioner_id']}")
        rev = f"{a.get('revision', 0):>4}" if revisions else ""
        out.append(
            f"{a['id']:>7}{rev}  {when:<22} {n:<18} {a['status']:<10} {a['duration_min']:>4}  "
            f"{who[:22]:<22} {prac}"
        )
        if a.get("cancel_reason"):
            out.append(f"{'':>{11 if revisions else 7}}  cancelled: {a['cancel_reason']}")
    return "\n".join(out)
