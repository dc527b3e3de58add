"""The first run on an empty database: offer the demo clinic, and build it off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from planner.errors import PlannerError
from planner.services.schedule.week import is_empty
from planner.ui.dialogs import prompts
from planner.ui.errors import show_error
from planner.ui.worker import TaskControl, TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store

QUESTION = (
    "This database has no clinic yet.\n\nCreate the demo clinic? It has 3 locations, "
    "20 practitioners, 2,000 patients and two years of treatment plans, so you can try "
    "everything. It takes a few seconds."
)


class FirstRun(QObject):
    """Offers the demo clinic on an empty database and builds it with a progress dialog."""

    sig_message = Signal(str)
    """A note for the status bar."""
    sig_schedule_note = Signal(str)
    """A note for the empty schedule ("Creating the demo clinic…"; empty: none)."""
    sig_finished = Signal()
    """The demo was built, or building it failed: the window loads the clinic again."""

    def __init__(self, worker: Worker, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.worker = worker
        self.parent_widget = parent_widget
        self.task: TaskHandle | None = None

    def offer(self, store: Store, today: date, *, ask: bool = True) -> None:
        """Check (on the worker) that the database is empty, ask unless ``ask`` is False,
        then build the demo clinic with ``today`` as its today."""

        def checked(empty: bool) -> None:
            if not empty:
                self.sig_message.emit(
                    "The database has a clinic already; the demo is only added to an empty one"
                )
            elif not ask or prompts.confirm(
                self.parent_widget,
                "An empty database",
                QUESTION,
                "&Create the demo clinic",
                "&Start empty",
            ):
                self._build(store, today)

        self.worker.run(is_empty, store, on_done=checked, on_error=self._check_failed)

    def _check_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, PlannerError):
            raise exc
        show_error(self.parent_widget, exc)

    def _build(self, store: Store, today: date) -> None:
        from planner.services.demo import build_demo

        progress = QProgressDialog("Creating the demo clinic…", "", 0, 100, self.parent_widget)
        progress.setCancelButton(None)  # no cancel: the demo is one transaction
        progress.setWindowTitle("Demo clinic")
        progress.setMinimumDuration(0)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setValue(0)
        self.sig_schedule_note.emit("Creating the demo clinic…")

        def on_progress(done: int, total: int) -> None:
            progress.setMaximum(max(1, total))
            progress.setValue(min(done, total))

        def close_progress() -> None:
            progress.close()
            progress.deleteLater()
            self.task = None

        def done(_summary: object) -> None:
            close_progress()
            self.sig_finished.emit()
            self.sig_message.emit("Demo clinic created")

        def failed(exc: BaseException) -> None:
            close_progress()
            self.sig_schedule_note.emit("")
            self.sig_finished.emit()
            show_error(self.parent_widget, exc)

        self.task = self.worker.run(
            _build_demo,
            build_demo,
            store,
            today,
            on_done=done,
            on_error=failed,
            on_progress=on_progress,
        )


def _build_demo(
    build_demo: Callable[..., object],
    store: Store,
    today: date,
    control: TaskControl | None = None,
) -> object:
    """Build the demo (on the worker), reporting progress through the task's control."""
    return build_demo(store, today=today, progress=control.progress if control else None)
