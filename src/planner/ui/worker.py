"""The one way the window runs work off the GUI thread.

:meth:`Worker.run` hands a callable and plain data to Qt's thread pool and delivers its
result, or the exception it raised, back on the GUI thread through queued signals. Callables
that report progress or can be stopped ask for a :class:`TaskControl` by accepting a
``control`` keyword argument. Nothing here calls ``processEvents()``: the event loop keeps
running while the work runs, so the window keeps painting and answering.

A task whose handle was :meth:`~TaskHandle.discard`\\ ed (a week load overtaken by the next
key press) still runs to its end, but its callbacks are not called.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class TaskCancelled(Exception):
    """The task was stopped at the user's request before it finished."""


class TaskControl:
    """Handed to a running task: report progress, notice a request to stop."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._stop = threading.Event()

    def progress(self, done: int, total: int) -> None:
        """Report ``done`` of ``total`` (thread-safe; delivered on the GUI thread)."""
        try:
            self._relay.sig_progress.emit(int(done), int(total))
        except RuntimeError:  # the window closed; the task should stop
            self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def check(self) -> None:
        """Raise :class:`TaskCancelled` when the user asked to stop."""
        if self._stop.is_set():
            raise TaskCancelled()


class _Relay(QObject):
    """Lives on the GUI thread; the worker thread emits, the GUI thread runs the callbacks."""

    sig_done = Signal(object)
    """The task's result."""
    sig_failed = Signal(object)
    """The exception the task raised."""
    sig_progress = Signal(int, int)
    """Progress reported by the task (done, total)."""

    def __init__(self, handle: TaskHandle, parent: QObject) -> None:
        super().__init__(parent)  # dies with its worker: late results are then dropped
        self.handle = handle
        self.sig_done.connect(self._on_done)
        self.sig_failed.connect(self._on_failed)
        self.sig_progress.connect(self._on_progress)

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self.handle._finish(result, None)

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        assert isinstance(exc, BaseException)  # what _Task.run emits
        self.handle._finish(None, exc)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if not self.handle.discarded and self.handle.on_progress is not None:
            self.handle.on_progress(done, total)


class TaskHandle:
    """A running task: stop it, forget it, or ask whether it is still running."""

    def __init__(
        self,
        worker: Worker,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int], None] | None,
    ) -> None:
        self._worker = worker
        self.on_done = on_done
        self.on_error = on_error
        self.on_progress = on_progress
        self.discarded = False
        self.running = True
        self.relay = _Relay(self, worker)
        self.control = TaskControl(self.relay)

    def cancel(self) -> None:
        """Ask the task to stop (it sees ``control.cancelled``); its error callback gets
        :class:`TaskCancelled` if it stops early."""
        self.control._stop.set()

    def discard(self) -> None:
        """Stop caring: the task may finish, but no callback is called."""
        self.discarded = True
        self.control._stop.set()

    def _finish(self, result: object, exc: BaseException | None) -> None:
        self.running = False
        self._worker._forget(self)
        self.relay.deleteLater()
        if self.discarded:
            return
        if exc is None:
            if self.on_done is not None:
                self.on_done(result)
        elif self.on_error is not None:
            self.on_error(exc)
        else:
            self._worker.sig_unhandled.emit(exc)


class _Task(QRunnable):
    def __init__(
        self,
        handle: TaskHandle,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.handle = handle
        self.fn, self.args, self.kwargs = fn, args, kwargs

    def run(self) -> None:
        relay = self.handle.relay
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # handed to the GUI thread, never lost
            outcome, value = relay.sig_failed, exc
        else:
            outcome, value = relay.sig_done, result
        try:
            outcome.emit(value)
        except RuntimeError:  # the window (and its worker) closed while this ran
            log.debug("result of a task dropped: its window is gone")


class Worker(QObject):
    """Runs callables with plain data on a thread pool; results come back on the GUI thread."""

    sig_unhandled = Signal(object)
    """A task failed and its caller gave no error callback: the window shows it."""
    sig_busy_changed = Signal(bool)
    """True while at least one task runs (for a busy indicator)."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: list[TaskHandle] = []

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        **kwargs: Any,
    ) -> TaskHandle:
        """Run ``fn(*args, **kwargs)`` off the GUI thread.

        If ``fn`` accepts a ``control`` keyword, it gets the task's :class:`TaskControl`.
        """
        handle = TaskHandle(self, on_done, on_error, on_progress)
        if _accepts_control(fn):
            kwargs["control"] = handle.control
        self._running.append(handle)
        if len(self._running) == 1:
            self.sig_busy_changed.emit(True)
        self.pool.start(_Task(handle, fn, args, kwargs))
        return handle

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def _forget(self, handle: TaskHandle) -> None:
        if handle in self._running:
            self._running.remove(handle)
            if not self._running:
                self.sig_busy_changed.emit(False)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every queued task has run (at exit; never while the window is live)."""
        return self.pool.waitForDone(msecs)


def _accepts_control(fn: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "control" in params
