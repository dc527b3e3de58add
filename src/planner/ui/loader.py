"""Loads the visible range of the schedule off the GUI thread, with a small cache.

Only the range on screen is read (:func:`planner.services.schedule.week.load_range`), so memory
does not grow with the clinic's history. After a range arrives, its neighbours (the previous
and next week or day) are read in the background, so paging by keyboard shows the next week
at once. The cache holds a few ranges and is dropped whenever the schedule changes.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from planner.services.schedule.values import RangeData
from planner.services.schedule.week import load_range
from planner.ui.worker import TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store

CACHE_SIZE = 6
PREFETCH_DELAY_MS = 150
"""Read the neighbours only once the range asked for is painted: Python threads share one
interpreter lock, and a read-ahead running at once would slow the paint it is meant to help."""

Key = tuple[int, date, int, bool]


class ScheduleLoader(QObject):
    """Asks for ranges; announces each one that arrives (stale answers are dropped)."""

    sig_loaded = Signal(object)
    """A :class:`RangeData` for the range asked for last."""
    sig_failed = Signal(object)
    """The exception raised while loading the range asked for last."""
    sig_loading = Signal(bool)
    """True while the range asked for last is being read."""

    def __init__(
        self,
        store: Store | None,
        worker: Worker,
        parent: QObject | None = None,
        *,
        prefetch: bool = True,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.worker = worker
        self.prefetch = prefetch
        self._cache: OrderedDict[Key, RangeData] = OrderedDict()
        self._current: TaskHandle | None = None
        self._wanted: Key | None = None
        self._prefetching: dict[Key, TaskHandle] = {}
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.setInterval(PREFETCH_DELAY_MS)
        self._prefetch_timer.timeout.connect(self._prefetch_wanted)

    def request(
        self, location_id: int, first: date, days: int, include_cancelled: bool = False
    ) -> None:
        key = (location_id, first, days, include_cancelled)
        self._wanted = key
        if self._current is not None:
            self._current.discard()
            self._current = None
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            self.sig_loading.emit(False)
            self.sig_loaded.emit(cached)
            self._prefetch_timer.start()
            return
        pending = self._prefetching.pop(key, None)
        if pending is not None and pending.running:
            # The neighbour being read in the background is the one wanted now: adopt it.
            pending.on_done = partial(self._arrived, key)
            pending.on_error = partial(self._failed, key)
            self._current = pending
            self.sig_loading.emit(True)
            return
        self.sig_loading.emit(True)
        self._current = self.worker.run(
            load_range,
            self.store,
            location_id,
            first,
            days,
            include_cancelled=include_cancelled,
            on_done=partial(self._arrived, key),
            on_error=partial(self._failed, key),
        )

    def invalidate(self) -> None:
        """The schedule changed: forget every cached range and background read."""
        self._cache.clear()
        for handle in self._prefetching.values():
            handle.discard()
        self._prefetching.clear()

    def reload(self) -> None:
        """Read the range asked for last again (after a change)."""
        self.invalidate()
        if self._wanted is not None:
            self.request(*self._wanted)

    def _store_cache(self, key: Key, data: RangeData) -> None:
        self._cache[key] = data
        self._cache.move_to_end(key)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    def _arrived(self, key: Key, data: RangeData) -> None:
        self._store_cache(key, data)
        if key != self._wanted:
            return
        self._current = None
        self.sig_loading.emit(False)
        self.sig_loaded.emit(data)
        self._prefetch_timer.start()

    def _failed(self, key: Key, exc: BaseException) -> None:
        if key != self._wanted:
            return
        self._current = None
        self.sig_loading.emit(False)
        self.sig_failed.emit(exc)

    def _prefetch_wanted(self) -> None:
        if self._wanted is not None and self._current is None:
            self._prefetch_around(self._wanted)

    def _prefetch_around(self, key: Key) -> None:
        if not self.prefetch:
            return
        location_id, first, days, cancelled = key
        step = timedelta(days=days)
        for neighbour in (
            (location_id, first + step, days, cancelled),
            (location_id, first - step, days, cancelled),
        ):
            if neighbour in self._cache or neighbour in self._prefetching:
                continue
            self._prefetching[neighbour] = self.worker.run(
                load_range,
                self.store,
                neighbour[0],
                neighbour[1],
                neighbour[2],
                include_cancelled=neighbour[3],
                on_done=partial(self._prefetched, neighbour),
                on_error=partial(self._prefetch_failed, neighbour),
            )

    def _prefetched(self, key: Key, data: RangeData) -> None:
        self._prefetching.pop(key, None)
        self._store_cache(key, data)

    def _prefetch_failed(self, key: Key, _exc: BaseException) -> None:
        self._prefetching.pop(key, None)  # read again if it is asked for
