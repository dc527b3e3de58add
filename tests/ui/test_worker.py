"""The one worker helper: results and exceptions come back on the GUI thread."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread

from planner.errors import Conflict
from planner.ui.worker import TaskCancelled, Worker


@pytest.fixture
def worker(qapp):  # type: ignore[no-untyped-def]
    w = Worker()
    yield w
    w.wait()


def test_result_arrives_on_the_gui_thread(qtbot, worker) -> None:  # type: ignore[no-untyped-def]
    seen = {}

    def work(a: int, b: int) -> int:
        seen["thread"] = threading.get_ident()
        return a + b

    def done(result: int) -> None:
        seen["result"] = result
        seen["gui"] = QThread.currentThread() is qtbot_app_thread()

    with qtbot.waitSignal(worker.sig_busy_changed, check_params_cb=lambda busy: busy is False):
        worker.run(work, 2, 3, on_done=done)
    assert seen["result"] == 5
    assert seen["gui"] is True
    assert seen["thread"] != threading.get_ident()


def qtbot_app_thread() -> QThread:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None, "pytest-qt's QApplication exists"
    return app.thread()


def test_exception_is_handed_back_not_lost(qtbot, worker) -> None:  # type: ignore[no-untyped-def]
    errors: list[BaseException] = []

    def work() -> None:
        raise Conflict("the time is taken; choose another")

    worker.run(work, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], Conflict)


def test_unhandled_failures_reach_the_window(qtbot, worker) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(worker.sig_unhandled) as sig:
        worker.run(lambda: 1 / 0)
    assert isinstance(sig.args[0], ZeroDivisionError)


def test_progress_cancel_and_discard(qtbot, worker) -> None:  # type: ignore[no-untyped-def]
    progress: list[tuple[int, int]] = []
    errors: list[BaseException] = []
    started = threading.Event()

    def long_task(control) -> str:  # type: ignore[no-untyped-def]
        for i in range(1000):
            control.progress(i, 1000)
            started.set()
            control.check()
            time.sleep(0.002)
        return "finished"

    handle = worker.run(
        long_task, on_progress=lambda d, t: progress.append((d, t)), on_error=errors.append
    )
    started.wait(5)
    qtbot.waitUntil(lambda: bool(progress))
    handle.cancel()
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], TaskCancelled)

    results: list[str] = []
    h2 = worker.run(lambda: "late", on_done=results.append)
    h2.discard()
    worker.wait()
    qtbot.wait(20)
    assert results == []
