"""The first run on an empty database: set up the clinic, or try the demo clinic.

:meth:`FirstRun.offer` checks on the worker that the database is empty, then asks which
way to go (:func:`ask_first_run`): *Set up my clinic* opens the set-up dialog as a short
guided sequence (the clinic, the first location with its hours, the first practitioner,
rooms if wanted; :class:`~planner.ui.dialogs.clinic_setup.ClinicSetupDialog` with
``guided=True``), *Try the demo clinic* builds the demo off the GUI thread with a progress
dialog. Either way ``sig_finished`` tells the window to load the clinic and show its week.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from planner.errors import PlannerError
from planner.services.schedule.week import is_empty
from planner.ui.errors import show_error
from planner.ui.i18n import tr
from planner.ui.worker import TaskControl, TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.ui.dialogs.clinic_setup import ClinicSetupDialog


def question() -> str:
    """The first run's question, in the window's language."""
    return tr(
        "This database has no clinic yet.\n\n"
        "Set up your own clinic: its name, a location with its opening hours, the practitioners "
        "and, if you like, rooms. It takes a few minutes, and everything can be changed later "
        "in the clinic set-up.\n\n"
        "Or try the demo clinic: 3 locations, 20 practitioners, 2,000 patients and two years of "
        "treatment plans, so you can try everything. It takes a few seconds; keep it out of a "
        "database you mean to use for real patients."
    )


SET_UP = "set-up"
DEMO = "demo"


def ask_first_run(parent: QWidget | None) -> str | None:
    """SET_UP, DEMO, or None (not now: the window stays empty).

    A module function so tests replace it (the box is modal). Setting up is the default:
    Enter never fills a real clinic's database with the demo's patients."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("An empty database"))
    box.setText(question())
    set_up = box.addButton(tr("&Set up my clinic…"), QMessageBox.ButtonRole.AcceptRole)
    demo = box.addButton(tr("&Try the demo clinic"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("&Not now"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(set_up)
    box.exec()
    clicked = box.clickedButton()
    if clicked is set_up:
        return SET_UP
    if clicked is demo:
        return DEMO
    return None


class FirstRun(QObject):
    """Offers the set-up or the demo on an empty database, and runs the one chosen."""

    sig_message = Signal(str)
    """A note for the status bar."""
    sig_schedule_note = Signal(str)
    """A note for the empty schedule ("Creating the demo clinic…"; empty: none)."""
    sig_finished = Signal()
    """The set-up or the demo is done (or was left, or failed): the window loads the clinic
    again."""
    sig_created = Signal()
    """The demo clinic was written (the window then backs it up)."""

    def __init__(self, worker: Worker, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.worker = worker
        self.parent_widget = parent_widget
        self.task: TaskHandle | None = None
        self.setup_dialog: ClinicSetupDialog | None = None
        """The guided set-up while it is open."""

    def offer(self, store: Store, today: date, *, ask: bool = True) -> None:
        """Check (on the worker) that the database is empty, then ask which way to go; without
        ``ask`` (``planner gui --demo-if-empty``) build the demo clinic with ``today`` as its
        today."""

        def checked(empty: bool) -> None:
            if not empty:
                self.sig_message.emit(
                    tr("The database has a clinic already; the demo is only added to an empty one")
                )
                return
            choice = DEMO if not ask else ask_first_run(self.parent_widget)
            if choice == DEMO:
                self._build(store, today)
            elif choice == SET_UP:
                self.set_up(store)
            else:
                self.sig_message.emit(tr("Set up the clinic or create the demo from the menus"))

        self.worker.run(is_empty, store, on_done=checked, on_error=self._check_failed)

    def set_up(self, store: Store) -> ClinicSetupDialog:
        """Open the guided set-up (window-modal, not blocking); returns the dialog."""
        from planner.ui.dialogs.clinic_setup import ClinicSetupDialog

        dlg = ClinicSetupDialog(store, self.worker, self.parent_widget, guided=True)
        self.setup_dialog = dlg

        def finished() -> None:
            self.sig_message.emit(tr("The clinic is set up: its week is empty, ready for bookings"))

        def closed(_result: int) -> None:
            self.setup_dialog = None
            dlg.deleteLater()
            self.sig_finished.emit()  # what was saved before Cancel is loaded too

        dlg.sig_finished.connect(finished)
        dlg.finished.connect(closed)
        dlg.open()
        return dlg

    def _check_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, PlannerError):
            raise exc
        show_error(self.parent_widget, exc)

    def _build(self, store: Store, today: date) -> None:
        from planner.services.demo import build_demo

        progress = QProgressDialog(tr("Creating the demo clinic…"), "", 0, 100, self.parent_widget)
        progress.setCancelButton(None)  # no cancel: the demo is one transaction
        progress.setWindowTitle(tr("Demo clinic"))
        progress.setMinimumDuration(0)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setValue(0)
        self.sig_schedule_note.emit(tr("Creating the demo clinic…"))

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
            self.sig_created.emit()
            self.sig_message.emit(tr("Demo clinic created"))

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
