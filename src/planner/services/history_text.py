"""The change log in words: what ``planner history`` prints and the window's History dialog shows.

:func:`lines_for` turns :class:`~planner.services.history.ChangeEntry` values into
:class:`ChangeLine` values: the local time of the change, who made it, which row it was in
words ("treatment of Kari Nordmann, Tue 22 Sep 2037 10:00") and what changed, before → after,
also in words ("room Room 1 → Room 2"). The names of practitioners, rooms, locations, patients
and sessions are read in one read transaction (one query per kind of row, never one per
change). No database id and no UTC time is put into a sentence; the ids stay on
``ChangeLine.entry`` for tables and JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner.core.calendars import WeeklyHours
from planner.core.domain import ScreeningFlag
from planner.core.timeutil import zone
from planner.core.typed_dates import date_text
from planner.db import models as m
from planner.db.store import Store
from planner.errors import NotFound
from planner.services.history import ChangeEntry

__all__ = ["ChangeLine", "Names", "history_zone", "lines_for", "subject_of", "when_text"]

ARROW = "→"

# The columns a change shows, in this order, and their words. Anything not named here is
# shown by its column name with spaces; the bookkeeping of a row (its uid, the plan and
# patient it belongs to, its phase) is not a change a person makes and is left out.
LABELS: dict[str, str] = {
    "status": "status",
    "start_local": "start",
    "duration_min": "length",
    "practitioner_id": "practitioner",
    "room_id": "room",
    "location_id": "location",
    "patient_id": "patient",
    "cancel_reason": "reason",
    "closed_reason": "reason",
    "kind": "session",
    "name": "name",
    "date_of_birth": "date of birth",
    "phone": "phone",
    "email": "e-mail",
    "chart_number": "chart number",
    "language": "language",
    "flags": "screening",
    "profession": "profession",
    "may_needle": "may needle",
    "address": "address",
    "tz": "time zone",
    "country": "holiday country",
    "subdivision": "holiday region",
    "opening_hours": "opening hours",
    "hours": "working hours",
    "workplaces": "workplaces",
    "first_day": "first day",
    "last_day": "last day",
    "reason": "reason",
    "modality": "modality",
    "template_name": "template",
    "acknowledged_flags": "acknowledged flags",
    "acknowledged_at": "acknowledged",
    "rule": "rule",
    "regions": "regions",
    "scores": "scores",
    "notes": "notes",
    "value": "value",
}
HIDDEN = {"uid", "plan_id", "phase", "original_start_local", "key", "closed_at"}
# What a new row of each kind says about itself (the rest is in the JSON).
CREATED: dict[str, tuple[str, ...]] = {
    "session": ("start_local", "duration_min", "practitioner_id", "room_id"),
    "plan": ("start_local", "practitioner_id", "room_id"),
    "patient": ("phone", "flags"),
    "practitioner": ("profession",),
    "workplace": ("hours",),
    "location": ("tz", "opening_hours"),
    "room": (),
    "closure": ("reason",),
    "template": ("modality",),
    "setting": ("value",),
    "waitlist": ("template_name", "modality", "earliest", "latest", "urgent"),
}
_NOTE_WIDTH = 60


@dataclass(frozen=True)
class ChangeLine:
    """One change of one row, in words."""

    entry: ChangeEntry
    """The change itself (ids, UTC time, raw before and after: for tables and JSON)."""
    when: datetime
    """When it was committed, as an aware local time (see :func:`history_zone`)."""
    subject: str
    """Which row, in words: ``treatment of Kari Nordmann, Tue 22 Sep 2037 10:00``."""
    changes: tuple[str, ...]
    """What changed, one item per column: ``room Room 1 → Room 2``; for a new row what it
    holds, for a removed one what it held, for bulk work its counts."""

    @property
    def when_text(self) -> str:
        """``Wed 02 Dec 2026 09:41`` (local time)."""
        return when_text(self.when)

    @property
    def what(self) -> str:
        """The change as one phrase: ``moved: start … → …; room Room 1 → Room 2``."""
        verb = {
            "created": "added",
            "deleted": "removed",
            "bulk": "written in bulk",
        }.get(self.entry.kind, "changed")
        if not self.changes:
            return verb if self.entry.kind != "changed" else "changed (no visible column)"
        return f"{verb}: " + "; ".join(self.changes)

    def text(self) -> str:
        """The whole change on one line: when, desk, user, action, which row, what changed."""
        e = self.entry
        return f"{self.when_text}  {e.desk} ({e.user})  {e.action}  {self.subject}  {self.what}"


@dataclass
class Names:
    """The names the changes refer to, read once: ids -> words, by kind of row."""

    patient: dict[int, str] = field(default_factory=dict)
    practitioner: dict[int, str] = field(default_factory=dict)
    location: dict[int, str] = field(default_factory=dict)
    room: dict[int, str] = field(default_factory=dict)
    session: dict[int, tuple[str, datetime, int]] = field(default_factory=dict)
    """session id -> (kind, local start, patient id), as the row is now."""
    plan: dict[int, tuple[str, int]] = field(default_factory=dict)
    """plan id -> (template name or modality, patient id)."""
    closure: dict[int, tuple[int, date, date]] = field(default_factory=dict)
    template: dict[int, str] = field(default_factory=dict)


def when_text(when: datetime) -> str:
    """A local time as the command line writes one: ``Wed 02 Dec 2026 09:41``."""
    return when.strftime("%a %d %b %Y %H:%M")


def history_zone(store: Store) -> tzinfo:
    """The zone the change times are shown in: the clinic's, if all its locations share one;
    else (several zones, or none yet) the computer's own."""
    with store.read() as s:
        return _zone(s)


def lines_for(
    store: Store, entries: Sequence[ChangeEntry], *, tz: tzinfo | None = None
) -> list[ChangeLine]:
    """``entries`` in words, in the same order (one read transaction for all the names).

    ``tz`` is the zone the times are shown in; None for :func:`history_zone`.
    """
    if not entries:
        return []
    with store.read() as s:
        names = _names(s, entries)
        shown = tz if tz is not None else _zone(s)
    return [_line(e, names, shown) for e in entries]


def subject_of(
    store: Store,
    *,
    session_id: int | None = None,
    plan_id: int | None = None,
    patient_id: int | None = None,
) -> str:
    """The one session, plan or patient named, in the words :attr:`ChangeLine.subject` uses
    (``treatment of Kari Nordmann, Tue 09 Mar 2027 10:00``); NotFound when there is none now.

    What ``planner history`` says when a row has no changes recorded; a row that was removed
    is named by its changes instead.
    """
    entity, ident = next(
        (
            (k, v)
            for k, v in (("session", session_id), ("plan", plan_id), ("patient", patient_id))
            if v is not None
        ),
        ("", 0),
    )
    if not entity:
        raise ValueError("name a session, a plan or a patient")
    probe = ChangeEntry(
        id=0, at=datetime.min, desk="", user="", program="", action="", entity=entity,
        entity_id=ident, kind="changed", revision=None, plan_id=None, patient_id=None,
        before={}, after={},
    )  # fmt: skip
    with store.read() as s:
        names = _names(s, [probe])
    found = {"session": set(names.session), "plan": set(names.plan), "patient": set(names.patient)}
    if ident not in found[entity]:
        raise NotFound(f"no {entity} with id {ident}; list them with 'planner {_lister(entity)}'")
    return _subject(probe, names)


def _lister(entity: str) -> str:
    return {"session": "appointment list", "plan": "plan list", "patient": "patient list"}[entity]


# -- reading the names ---------------------------------------------------------------------------


def _zone(s: Session) -> tzinfo:
    zones = set(s.scalars(select(m.Location.tz).distinct()))
    if len(zones) == 1:
        try:
            return zone(zones.pop())
        except Exception:  # a zone the computer does not know: its own rather than fail
            pass
    local = datetime.now(UTC).astimezone().tzinfo
    return local if local is not None else UTC


_ID_FIELDS = {
    "patient_id": "patient",
    "practitioner_id": "practitioner",
    "location_id": "location",
    "room_id": "room",
}


def _names(s: Session, entries: Iterable[ChangeEntry]) -> Names:
    wanted: dict[str, set[int]] = {k: set() for k in ("patient", "practitioner", "location")}
    wanted.update({k: set() for k in ("room", "session", "plan", "closure", "template")})
    for e in entries:
        if e.entity in wanted:
            wanted[e.entity].add(e.entity_id)
        if e.entity == "workplace":
            wanted["practitioner"].add(e.entity_id)
        if e.patient_id is not None:
            wanted["patient"].add(e.patient_id)
        for values in (e.before, e.after):
            for col, kind in _ID_FIELDS.items():
                v = values.get(col)
                if isinstance(v, int):
                    wanted[kind].add(v)
    n = Names()
    if wanted["session"]:
        for sid, kind, start, pid in s.execute(
            select(m.Appointment.id, m.Appointment.kind, m.Appointment.start_local)
            .add_columns(m.Appointment.patient_id)
            .where(m.Appointment.id.in_(wanted["session"]))
        ):
            n.session[sid] = (kind, start, pid)
            wanted["patient"].add(pid)
    if wanted["plan"]:
        for pid, template, modality, patient in s.execute(
            select(m.Plan.id, m.Plan.template_name, m.Plan.modality, m.Plan.patient_id).where(
                m.Plan.id.in_(wanted["plan"])
            )
        ):
            n.plan[pid] = (template or modality, patient)
            wanted["patient"].add(patient)
    if wanted["closure"]:
        for cid, loc, first, last in s.execute(
            select(
                m.Closure.id, m.Closure.location_id, m.Closure.first_day, m.Closure.last_day
            ).where(m.Closure.id.in_(wanted["closure"]))
        ):
            n.closure[cid] = (loc, first, last)
            wanted["location"].add(loc)
    if wanted["room"]:
        for rid, name, loc in s.execute(
            select(m.Room.id, m.Room.name, m.Room.location_id).where(m.Room.id.in_(wanted["room"]))
        ):
            n.room[rid] = name
            wanted["location"].add(loc)
    simple: list[tuple[str, Any, dict[int, str]]] = [
        ("patient", m.Patient, n.patient),
        ("practitioner", m.Practitioner, n.practitioner),
        ("location", m.Location, n.location),
        ("template", m.PlanTemplate, n.template),
    ]
    for kind, model, into in simple:
        if wanted[kind]:
            rows = s.execute(select(model.id, model.name).where(model.id.in_(wanted[kind])))
            into.update({i: name for i, name in rows})
    return n


# -- the words -----------------------------------------------------------------------------------


def _line(e: ChangeEntry, n: Names, tz: tzinfo) -> ChangeLine:
    when = e.at.replace(tzinfo=UTC).astimezone(tz)
    return ChangeLine(e, when, _subject(e, n), tuple(_changes(e, n, tz)))


def _name(d: Mapping[int, str], key: Any, what: str) -> str:
    if isinstance(key, int) and key in d:
        return d[key]
    return f"a {what} since removed" if key is not None else "none"


def _start_text(v: Any) -> str:
    if isinstance(v, datetime):
        return v.strftime("%a %d %b %Y %H:%M")
    if isinstance(v, str):
        try:
            return datetime.fromisoformat(v).strftime("%a %d %b %Y %H:%M")
        except ValueError:
            return v
    return "none"


def _day(v: Any) -> str:
    if isinstance(v, date):
        return date_text(v)
    if isinstance(v, str):
        try:
            return date_text(date.fromisoformat(v[:10]))
        except ValueError:
            return v
    return "none"


def _subject(e: ChangeEntry, n: Names) -> str:
    """Which row: in the words its kind has, from the row as it is now (or as it was, when
    the change removed it)."""
    was = {**e.after, **e.before} if e.kind == "deleted" else {**e.before, **e.after}
    if e.entity == "session":
        row: tuple[Any, Any, Any] = n.session.get(
            e.entity_id, (was.get("kind", "session"), was.get("start_local"), e.patient_id)
        )
        kind, start, patient = row
        who = _name(n.patient, patient, "patient")
        return f"{kind} of {who}, {_start_text(start)}"
    if e.entity == "plan":
        plan: tuple[Any, Any] = n.plan.get(
            e.entity_id, (was.get("template_name") or was.get("modality") or "", e.patient_id)
        )
        what, patient = plan
        return f"plan {what} of {_name(n.patient, patient, 'patient')}".replace("  ", " ")
    if e.entity == "patient":
        return f"patient {n.patient.get(e.entity_id) or was.get('name') or 'since removed'}"
    if e.entity == "practitioner":
        name = n.practitioner.get(e.entity_id) or was.get("name") or "since removed"
        return f"practitioner {name}"
    if e.entity == "workplace":
        who = _name(n.practitioner, e.entity_id, "practitioner")
        where = was.get("location_id")
        if where is None:  # a change of the hours alone does not say where: the log's key
            return f"working hours of {who}"  # is the practitioner's
        return f"{who} at {_name(n.location, where, 'location')}"
    if e.entity == "location":
        return f"location {n.location.get(e.entity_id) or was.get('name') or 'since removed'}"
    if e.entity == "room":
        return f"room {n.room.get(e.entity_id) or was.get('name') or 'since removed'}"
    if e.entity == "closure":
        closure: tuple[Any, Any, Any] = n.closure.get(
            e.entity_id, (was.get("location_id"), was.get("first_day"), was.get("last_day"))
        )
        loc, first, last = closure
        days = _day(first) if _day(first) == _day(last) else f"{_day(first)}–{_day(last)}"
        return f"closure of {_name(n.location, loc, 'location')} {days}"
    if e.entity == "template":
        return f"template {n.template.get(e.entity_id) or was.get('name') or 'since removed'}"
    if e.entity == "setting":
        return f"clinic setting {str(was.get('key', '')).replace('_', ' ')}".rstrip()
    if e.entity == "waitlist":
        who = _name(n.patient, was.get("patient_id") or e.patient_id, "patient")
        return f"waitlist entry of {who}"
    if e.entity == "import":
        return f"calendar import from {e.after.get('source', 'a file')}"
    if e.entity == "demo":
        return "the demo clinic"
    return e.entity


def _changes(e: ChangeEntry, n: Names, tz: tzinfo) -> list[str]:
    show = _shower(n, tz)
    if e.kind == "bulk":
        return [
            f"{k.replace('_', ' ')} {v}"
            for k, v in e.after.items()
            if not k.endswith("_id") and not isinstance(v, dict | list)
        ]
    if e.kind in ("created", "deleted"):
        values = e.after if e.kind == "created" else e.before
        cols = CREATED.get(e.entity, ())
        return [f"{LABELS.get(c, c)} {show(c, values[c])}" for c in cols if c in values]
    out = []
    for col in _ordered(set(e.before) | set(e.after)):
        old, new = e.before.get(col), e.after.get(col)
        label = LABELS.get(col, col.replace("_", " "))
        if col == "rule":
            out.append("the plan's rule changed")
        elif col == "notes":
            out.append(f"notes {_quoted(old)} {ARROW} {_quoted(new)}")
        else:
            out.append(f"{label} {show(col, old)} {ARROW} {show(col, new)}")
    return out


def _ordered(cols: Iterable[str]) -> list[str]:
    order = {c: i for i, c in enumerate(LABELS)}
    return sorted((c for c in cols if c not in HIDDEN), key=lambda c: (order.get(c, 99), c))


def _quoted(v: Any) -> str:
    text = str(v or "").strip().replace("\n", " ")
    if not text:
        return "(empty)"
    if len(text) > _NOTE_WIDTH:
        text = text[: _NOTE_WIDTH - 1] + "…"
    return f"'{text}'"


def _shower(n: Names, tz: tzinfo) -> Callable[[str, Any], str]:
    by_id: dict[str, tuple[Mapping[int, str], str]] = {
        "patient_id": (n.patient, "patient"),
        "practitioner_id": (n.practitioner, "practitioner"),
        "location_id": (n.location, "location"),
        "room_id": (n.room, "room"),
    }

    def show(col: str, v: Any) -> str:
        if col in by_id:
            return _name(by_id[col][0], v, by_id[col][1])
        if col == "start_local":
            return _start_text(v)
        if col in ("first_day", "last_day", "date_of_birth"):
            return _day(v)
        if col == "acknowledged_at":  # kept in UTC: shown in local time
            if isinstance(v, str):
                try:
                    at = datetime.fromisoformat(v).replace(tzinfo=UTC).astimezone(tz)
                    return when_text(at)
                except ValueError:
                    return v
            return "never"
        if col == "duration_min":
            return f"{v} min" if v is not None else "none"
        if col in ("opening_hours", "hours"):
            try:
                return str(WeeklyHours.from_json(v if isinstance(v, dict) else None))
            except Exception:  # hours written by an older version: show them as kept
                return str(v)
        if col == "regions":
            return _list(v, lambda r: " ".join(str(x) for x in r if x is not None))
        if col in ("flags", "acknowledged_flags"):
            return _list(v, _flag)
        if col in ("workplaces", "scores") and isinstance(v, dict):
            joint = "; " if col == "workplaces" else ", "
            return joint.join(f"{k} {x}" for k, x in v.items()) or "none"
        if isinstance(v, bool):
            return "yes" if v else "no"
        if v is None or v == "":
            return "(empty)" if v == "" else "none"
        if col in ("cancel_reason", "reason", "address", "value"):
            return _quoted(v)
        return str(v)

    return show


def _list(v: Any, one: Callable[[Any], str]) -> str:
    if not v:
        return "none"
    if not isinstance(v, list):
        return str(v)
    return ", ".join(one(x) for x in v)


def _flag(f: Any) -> str:
    code = f[0] if isinstance(f, list) and f else f
    try:
        label = ScreeningFlag(str(code)).label
    except ValueError:
        label = str(code)
    if isinstance(f, list) and len(f) > 2 and f[2]:
        label += " (" + ", ".join(str(r) for r in f[2]) + ")"
    return label
