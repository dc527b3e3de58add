"""Garbage is collected on the GUI thread, when the thresholds say it is due."""

from __future__ import annotations

import gc
import weakref

from pytestqt.qtbot import QtBot

from planner.ui.garbage import GarbageCollector


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_the_collector_frees_cycles_from_its_timer_and_not_before(qtbot: QtBot) -> None:
    collector = GarbageCollector()
    collector.start()
    try:
        assert not gc.isenabled()
        gc.collect()
        node = Node()
        gone = weakref.ref(node)
        del node
        assert gone() is not None  # automatic collection is off
        collector.threshold = (0, 10, 10)  # any allocation makes a collection due
        qtbot.waitUntil(lambda: gone() is None, timeout=5_000)
    finally:
        collector.stop()
        gc.disable()  # as the UI tests keep it (see conftest)
