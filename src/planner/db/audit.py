"""Every change has an author: revisions and the change log, kept by the write session itself.

A write session (:meth:`planner.db.store.Store.write`) carries an :class:`Audit`. Before each
flush it looks at the rows the action changed, through SQLAlchemy's own attribute history, so
no service can forget it:

* a row that keeps a revision (sessions, plans, patients, practitioners and their workplaces,
  locations, rooms, closures) has it raised **once per action**, however many times the
  action flushes it; a row created by the action starts at 0;
* each changed row becomes one :class:`~planner.db.models.Change` (created, changed or
  deleted) with the values of the changed columns before and after, written in the same
  transaction just before it commits. Bookkeeping columns (revision, timestamps, derived UTC
  times) are left out; so is anything the row does not hold, so the log holds no more health
  data than the rows it describes.

What bulk statements change (the demo, imports) is invisible to the ORM: those actions call
:meth:`Audit.note` with a summary instead. A service that changes a row's children through a
bulk statement (the session's scores) names the change with :meth:`Audit.field`.

On PostgreSQL the same transaction sends ``NOTIFY planner_changes`` with the id of the last
change written, so other desks listening hear of it exactly when it commits (and never of a
change that was rolled back). SQLite desks watch ``PRAGMA data_version`` instead.
"""

from __future__ import annotations

import getpass
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import event, inspect, text
from sqlalchemy.orm import Session

from planner.core.timeutil import utcnow
from planner.db import models as m
from planner.db.deliveries import note_changes

NOTIFY_CHANNEL = "planner_changes"

# The rows a desk edits, by the name the change log and `planner history` give them.
ENTITIES: dict[type[Any], str] = {
    m.Appointment: "session",
    m.Plan: "plan",
    m.Patient: "patient",
    m.Practitioner: "practitioner",
    m.PractitionerLocation: "workplace",
    m.Location: "location",
    m.Room: "room",
    m.Closure: "closure",
    m.PlanTemplate: "template",
    m.ClinicSetting: "setting",
    m.WaitlistEntry: "waitlist",
}
REVISIONED = (
    m.Appointment,
    m.Plan,
    m.Patient,
    m.Practitioner,
    m.PractitionerLocation,
    m.Location,
    m.Room,
    m.Closure,
    m.WaitlistEntry,
)
# Columns that are bookkeeping, or derived from others the log keeps (the UTC times of a
# session follow from its local start and zone).
SKIPPED = {"revision", "updated_at", "created_at", "start_utc", "end_utc"}
# Child collections whose changes are changes of their parent, as (code, detail) lists.
COLLECTIONS: dict[type[Any], tuple[str, Callable[[Any], list[Any]]]] = {
    m.Appointment: ("regions", lambda r: [r.region, r.pain]),
    m.Patient: ("flags", lambda f: [f.flag, f.note, f.regions]),
}
_MISSING = object()


# -- who ---------------------------------------------------------------------------------------


def desk_file() -> Path:
    """Where this computer's desk name is kept (written by the window's Settings)."""
    return platformdirs.user_config_path("planner", appauthor=False) / "desk-name"


def desk_name() -> str:
    """This desk's name: ``PLANNER_DESK``, else the name set in Settings, else the computer's."""
    name = os.environ.get("PLANNER_DESK", "").strip()
    if not name:
        try:
            name = desk_file().read_text(encoding="utf-8").strip()
        except OSError:
            name = ""
    return (name or socket.gethostname() or "desk")[:100]


def os_user() -> str:
    try:
        return getpass.getuser()[:100]
    except Exception:  # no login name (a container without one): say so rather than fail
        return "unknown"


@dataclass(frozen=True)
class Author:
    """Who makes the changes of one open database: the desk, its user and the program."""

    desk: str
    user: str
    program: str

    @classmethod
    def here(cls, program: str = "cli") -> Author:
        return cls(desk_name(), os_user(), program)


# -- what --------------------------------------------------------------------------------------


@dataclass
class _Entry:
    obj: Any
    entity: str
    kind: str  # created | changed | deleted
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    ident: int | None = None
    plan_id: int | None = None
    patient_id: int | None = None


@dataclass
class _Note:
    entity: str
    entity_id: int
    after: dict[str, Any]
    plan_id: int | None = None
    patient_id: int | None = None


class Audit:
    """The change log of one write transaction; see the module docstring."""

    def __init__(self, author: Author, action: str, *, notify: bool) -> None:
        self.author = author
        self.action = action[:60] or "change"
        self.notify = notify
        self._entries: dict[int, _Entry] = {}  # by id(obj): rows are not all hashable alike
        self._bumped: set[int] = set()
        self._notes: list[_Note] = []
        self.written: list[int] = []
        """Ids of the change rows written when the transaction committed."""

    # -- what services tell it ---------------------------------------------------------------
    def note(
        self,
        entity: str,
        entity_id: int,
        summary: dict[str, Any],
        *,
        plan_id: int | None = None,
        patient_id: int | None = None,
    ) -> None:
        """Log a change the ORM does not see (a bulk insert): ``summary`` is its after-state."""
        self._notes.append(_Note(entity, entity_id, _jsonable(summary), plan_id, patient_id))

    def field(self, obj: Any, name: str, before: Any, after: Any) -> None:
        """Log a change of ``obj`` made by a bulk statement (its ``name`` was ``before``)."""
        if _jsonable(before) == _jsonable(after):
            return
        entry = self._entry(obj, "changed")
        entry.before.setdefault(name, _jsonable(before))
        entry.after[name] = _jsonable(after)
        self._bump(obj)

    # -- the session's hooks ----------------------------------------------------------------
    def before_flush(self, s: Session) -> None:
        for obj in list(s.new):
            if type(obj) in ENTITIES:
                self._entry(obj, "created")
        for obj in list(s.deleted):
            if type(obj) in ENTITIES:
                entry = self._entry(obj, "deleted")
                entry.before = entry.before or _columns(obj)
        for obj in list(s.dirty):
            if type(obj) not in ENTITIES or not s.is_modified(obj):
                continue
            before, after = _changes(obj)
            if not before and not after:
                continue
            entry = self._entry(obj, "changed")
            if entry.kind != "changed":
                continue  # created by this action: its after-state is read at the end
            for k, v in before.items():
                entry.before.setdefault(k, v)
            entry.after.update(after)
            self._bump(obj)

    def before_commit(self, s: Session) -> None:
        s.flush()  # the last changes go through before_flush first
        rows = []
        now = utcnow()
        for entry in self._entries.values():
            obj = entry.obj
            if entry.kind == "changed":
                entry.before = {k: v for k, v in entry.before.items() if entry.after.get(k) != v}
                entry.after = {k: v for k, v in entry.after.items() if k in entry.before}
                if not entry.after:
                    continue
            if entry.kind == "created":
                entry.after = _columns(obj)
            rows.append(
                m.Change(
                    at=now,
                    desk=self.author.desk,
                    os_user=self.author.user,
                    program=self.author.program,
                    action=self.action,
                    entity=entry.entity,
                    entity_id=_ident(obj) if entry.ident is None else entry.ident,
                    kind=entry.kind,
                    revision=None if entry.kind == "deleted" else getattr(obj, "revision", None),
                    plan_id=entry.plan_id or _plan_of(obj),
                    patient_id=entry.patient_id or getattr(obj, "patient_id", None),
                    before=entry.before or None,
                    after=entry.after or None,
                )
            )
        for note in self._notes:
            rows.append(
                m.Change(
                    at=now,
                    desk=self.author.desk,
                    os_user=self.author.user,
                    program=self.author.program,
                    action=self.action,
                    entity=note.entity,
                    entity_id=note.entity_id,
                    kind="bulk",
                    revision=None,
                    plan_id=note.plan_id,
                    patient_id=note.patient_id,
                    before=None,
                    after=note.after,
                )
            )
        self._note_deliveries(s, now)
        if not rows:
            return
        s.add_all(rows)
        s.flush()
        self.written = [r.id for r in rows]
        if self.notify:
            s.execute(
                text("SELECT pg_notify(:channel, :payload)"),
                {"channel": NOTIFY_CHANNEL, "payload": str(max(self.written))},
            )

    # -- inside -----------------------------------------------------------------------------
    def _note_deliveries(self, s: Session, now: datetime) -> None:
        """Whose calendars this action's session changes must reach (:mod:`..deliveries`)."""
        patients: set[int] = set()
        practitioners: set[int] = set()
        readdressed: set[int] = set()
        for entry in self._entries.values():
            if isinstance(entry.obj, m.Patient) and entry.kind == "changed":
                # a new address starts a new calendar; consent given sends what is booked
                if "email" in entry.after:
                    readdressed.add(entry.obj.id)
                if "email" in entry.after or entry.after.get("email_consent"):
                    patients.add(entry.obj.id)
                continue
            if not isinstance(entry.obj, m.Appointment):
                continue
            if entry.kind == "changed" and not entry.after:
                continue
            for values in (entry.before, entry.after):
                if values.get("patient_id") is not None:
                    patients.add(int(values["patient_id"]))
                if values.get("practitioner_id") is not None:
                    practitioners.add(int(values["practitioner_id"]))
            if entry.kind != "deleted":
                patients.add(entry.obj.patient_id)
                practitioners.add(entry.obj.practitioner_id)
        if patients or practitioners:
            note_changes(s, patients, practitioners, now, readdressed=readdressed)

    def _entry(self, obj: Any, kind: str) -> _Entry:
        entry = self._entries.get(id(obj))
        if entry is None:
            entry = _Entry(obj, ENTITIES[type(obj)], kind)
            if kind == "deleted":
                entry.ident = _ident(obj)
                entry.plan_id = _plan_of(obj)
                entry.patient_id = getattr(obj, "patient_id", None)
            self._entries[id(obj)] = entry
        elif kind == "deleted":
            if entry.kind == "created":  # created and removed by one action: nothing to say
                del self._entries[id(obj)]
                return _Entry(obj, entry.entity, "deleted")
            entry.kind = "deleted"
            entry.ident = _ident(obj)
            entry.plan_id = _plan_of(obj)
            entry.patient_id = getattr(obj, "patient_id", None)
            entry.before = {**_columns(obj), **entry.before}
            entry.after = {}
        return entry

    def _bump(self, obj: Any) -> None:
        if not isinstance(obj, REVISIONED) or id(obj) in self._bumped:
            return
        entry = self._entries.get(id(obj))
        if entry is not None and entry.kind == "created":
            return
        self._bumped.add(id(obj))
        obj.revision = (obj.revision or 0) + 1


def install(s: Session, audit: Audit) -> None:
    """Attach ``audit`` to the write session ``s`` (for this transaction)."""
    s.info["audit"] = audit
    event.listen(s, "before_flush", _before_flush)
    event.listen(s, "before_commit", _before_commit)


def current(s: Session) -> Audit | None:
    """The audit of a write session (None in a read session)."""
    audit = s.info.get("audit")
    return audit if isinstance(audit, Audit) else None


def _before_flush(s: Session, _ctx: Any, _instances: Any) -> None:
    audit = current(s)
    if audit is not None:
        audit.before_flush(s)


def _before_commit(s: Session) -> None:
    audit = current(s)
    if audit is not None:
        audit.before_commit(s)


# -- values ------------------------------------------------------------------------------------


def _jsonable(v: Any) -> Any:
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple | set):
        return [_jsonable(x) for x in v]
    return v


def _columns(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    out: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in SKIPPED or attr.key == "id":
            continue
        value = state.dict.get(attr.key, _MISSING)
        if value is not _MISSING:
            out[attr.key] = _jsonable(value)
    coll = COLLECTIONS.get(type(obj))
    if coll is not None and coll[0] in state.dict:
        out[coll[0]] = [coll[1](x) for x in state.dict[coll[0]]]
    return out


def _changes(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The changed columns (and child collections) of a dirty row: before and after."""
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in SKIPPED:
            continue
        hist = state.attrs[attr.key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if _jsonable(old) != _jsonable(new):
            before[attr.key] = _jsonable(old)
            after[attr.key] = _jsonable(new)
    coll = COLLECTIONS.get(type(obj))
    if coll is not None:
        name, show = coll
        hist = state.attrs[name].history
        if hist.has_changes():
            old_list = [show(x) for x in [*hist.unchanged, *hist.deleted]]
            new_list = [show(x) for x in [*hist.unchanged, *hist.added]]
            if _jsonable(old_list) != _jsonable(new_list):
                before[name] = _jsonable(old_list)
                after[name] = _jsonable(new_list)
    return before, after


def _ident(obj: Any) -> int:
    state = inspect(obj)
    key = state.identity
    if key:
        first = key[0]
        if isinstance(first, int):
            return first
    # a workplace (practitioner, location) or a setting (its key): the practitioner / 0
    return int(getattr(obj, "practitioner_id", 0) or 0)


def _plan_of(obj: Any) -> int | None:
    if isinstance(obj, m.Plan):
        return obj.id
    return getattr(obj, "plan_id", None)
