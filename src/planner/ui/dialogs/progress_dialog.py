"""The plan's progress in its own window (non-modal): the panel, loaded off the GUI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.services.progress import PlanProgress, plan_progress
from planner.ui.geometry import fit_to_screen
from planner.ui.i18n import arg, said, tr
from planner.ui.widgets.progress_panel import ProgressPanel

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.ui.worker import TaskHandle, Worker


class ProgressDialog(QDialog):
    """A plan's progress, with a button for the plan card."""

    sig_loaded = Signal()
    """The figures were read and are shown."""
    sig_print_card_requested = Signal(int)
    """"Print plan card…" was pressed (the plan id)."""

    def __init__(
        self,
        store: Store,
        worker: Worker,
        plan_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.worker = worker
        self.plan_id = plan_id
        self.setWindowTitle(tr("Progress of the plan"))
        fit_to_screen(self, 860, 900)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 8)
        self.status = QLabel(tr("Reading the plan's scores…"), self)
        self.status.setStyleSheet("color: #5f6670; padding: 10px")
        lay.addWidget(self.status)
        self.panel = ProgressPanel(self)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.panel)
        self.scroll_area.hide()
        lay.addWidget(self.scroll_area, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.card_button = buttons.addButton(
            tr("&Print plan card…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.card_button.clicked.connect(lambda: self.sig_print_card_requested.emit(self.plan_id))
        buttons.rejected.connect(self.reject)
        buttons.setContentsMargins(10, 0, 10, 0)
        lay.addWidget(buttons)
        self._task: TaskHandle | None = None

    def load(self) -> None:
        """Read the figures off the GUI thread; :attr:`sig_loaded` when they are shown."""
        if self._task is not None:
            self._task.discard()
        self._task = self.worker.run(
            plan_progress,
            self.store,
            self.plan_id,
            on_done=self.show_progress,
            on_error=self._failed,
        )

    @property
    def loading(self) -> bool:
        return self._task is not None and self._task.running

    def show_progress(self, progress: PlanProgress) -> None:
        self._task = None
        self.status.hide()
        self.scroll_area.show()
        self.panel.set_progress(progress)
        self.setWindowTitle(arg(tr("Progress · %1 · %2"), progress.patient, progress.title))
        self.sig_loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        message = said(exc)
        self.status.setText(arg(tr("Cannot show the progress: %1"), message))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
