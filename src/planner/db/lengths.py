"""Text longer than its column is refused before it is written, the same way on every database.

SQLite does not enforce ``VARCHAR(n)``: a 1 MB template name was stored there, and the same
name on PostgreSQL failed inside the INSERT with ``value too long for type character
varying(200)`` and the whole value echoed in the error. So every write session
(:meth:`planner.db.store.Store.write`) checks, before each flush, every new or changed text
attribute of a ``String(length)`` column against that length, and the rows of the ORM-enabled
``insert(Model)`` / ``update(Model)`` statements it runs (calendar imports write blocked time
that way); the first one too long raises :class:`~planner.errors.BadInput` naming the field
and the limit, never the value. The transaction is then rolled back: nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from itertools import chain
from typing import Any

from sqlalchemy import String, Table, event, inspect
from sqlalchemy.orm import Mapper, ORMExecuteState, Session

from planner.errors import BadInput

_Limits = tuple[tuple[str, str, int], ...]
"""(attribute key, column name, length) of a mapper's or table's String(length) columns."""


def install(s: Session) -> None:
    """Check text lengths in the write session ``s`` (for this transaction)."""
    event.listen(s, "before_flush", _before_flush)
    event.listen(s, "do_orm_execute", _on_execute)


@cache
def _mapper_limits(mapper: Mapper[Any]) -> _Limits:
    limits = []
    for attr in mapper.column_attrs:
        for col in attr.columns:
            if isinstance(col.type, String) and col.type.length:
                limits.append((attr.key, str(col.name), int(col.type.length)))
    return tuple(limits)


@cache
def _table_limits(table: Table) -> _Limits:
    return tuple(
        (str(col.key), str(col.name), int(col.type.length))
        for col in table.columns
        if isinstance(col.type, String) and col.type.length
    )


def _refuse(where: str, column: str, length: int, limit: int) -> BadInput:
    field = column.replace("_", " ")
    return BadInput(
        f"the {field} of the {where} is too long: {length} characters, at most {limit} fit; "
        "nothing was changed"
    )


def _before_flush(s: Session, _ctx: Any, _instances: Any) -> None:
    for obj in chain(s.new, s.dirty):
        state = inspect(obj)
        limits = _mapper_limits(state.mapper)
        if not limits:
            continue
        changed_only = state.persistent
        for key, column, limit in limits:
            value = state.dict.get(key)
            if not isinstance(value, str) or len(value) <= limit:
                continue
            if changed_only and not state.attrs[key].history.added:
                continue  # as it was read: not this transaction's doing
            where = str(state.mapper.local_table.name).removesuffix("s").replace("_", " ")
            raise _refuse(where, column, len(value), limit)


def _on_execute(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update):
        return
    table = getattr(state.statement, "table", None)
    if not isinstance(table, Table):
        return
    limits = _table_limits(table)
    if not limits:
        return
    params = state.parameters
    rows: Iterable[Mapping[str, Any]] = (
        [params] if isinstance(params, Mapping) else params if params is not None else []
    )
    for row in rows:
        for key, column, limit in limits:
            value = row.get(key, row.get(column))
            if isinstance(value, str) and len(value) > limit:
                where = str(table.name).removesuffix("s").replace("_", " ")
                raise _refuse(where, column, len(value), limit)
