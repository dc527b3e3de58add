"""Ids in batches small enough for one ``IN (...)`` list of bound parameters.

SQLite allows a limited number of bound parameters per statement (999 before 3.32), so a query
about many plans or patients runs once per batch. Loads nothing but the standard library: the
schedule's first look at start-up uses it too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

BATCH = 500
"""Bound parameters per ``IN (...)`` list."""


def in_batches(ids: Iterable[int], size: int = BATCH) -> Iterator[list[int]]:
    """The distinct ``ids`` in ascending order, ``size`` at a time."""
    items = sorted(set(ids))
    for i in range(0, len(items), size):
        yield items[i : i + size]
