"""The plan card before it goes out: a preview of the page, then print it or save a PDF."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services.plan_card import PlanCard, plan_card
from planner.ui.dialogs import prompts
from planner.ui.geometry import fit_to_screen
from planner.ui.i18n import arg, said, tr
from planner.ui.plan_card import new_printer, print_card, render_card_image, write_card_pdf

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.ui.worker import TaskHandle, Worker


def ask_printer(parent: QWidget | None, printer: object) -> bool:
    """Qt's print dialog for ``printer`` (a printer, or a PDF file); True to print.

    Kept apart so tests replace it: it is modal.
    """
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    assert isinstance(printer, QPrinter)
    dlg = QPrintDialog(printer, parent)
    dlg.setWindowTitle(tr("Print plan card"))
    return dlg.exec() == QDialog.DialogCode.Accepted


def card_file_name(card: PlanCard) -> str:
    """``plan-card-12-kari-nordmann.pdf`` (``timeoversikt-12-kari-nordmann.pdf``)."""
    slug = re.sub(r"[^a-z0-9]+", "-", card.patient.lower()).strip("-") or tr(
        "patient", "a file name"
    )
    name = tr("plan-card", "a file name")
    return f"{name}-{card.plan_id}-{slug}.pdf"


class PlanCardDialog(QDialog):
    """Preview the card; Print… (a printer or Qt's PDF printer) or Save as PDF…."""

    sig_loaded = Signal()
    """The card was read and its preview drawn."""
    sig_done = Signal(str)
    """The card was printed or saved (what happened, for the status bar)."""

    def __init__(
        self, store: Store, worker: Worker, plan_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.worker = worker
        self.plan_id = plan_id
        self.card: PlanCard | None = None
        self.setWindowTitle(tr("Plan card"))
        fit_to_screen(self, 720, 900)
        lay = QVBoxLayout(self)
        self.note = QLabel(
            tr(
                "One page for the patient: where, when, with whom, after-care and how to cancel "
                "or move a session. No diagnosis, regions or flags are printed."
            ),
            self,
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #5f6670")
        lay.addWidget(self.note)
        self.preview = QLabel(tr("Reading the plan…"), self)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setAccessibleName(tr("Plan card preview"))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.preview)
        self.scroll_area = scroll
        self._page: QImage | None = None
        scroll.setStyleSheet("QScrollArea { background: #8a9199; }")
        self.preview.setStyleSheet("background: #8a9199; padding: 12px")
        lay.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = buttons.addButton(tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(
            tr("&Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setDefault(True)
        for b in (self.print_button, self.save_button):
            b.setEnabled(False)
        self.print_button.clicked.connect(self.print_card)
        self.save_button.clicked.connect(self.save_pdf)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self._task: TaskHandle | None = None

    def load(self) -> None:
        self._task = self.worker.run(
            plan_card, self.store, self.plan_id, on_done=self.show_card, on_error=self._failed
        )

    @property
    def loading(self) -> bool:
        return self._task is not None and self._task.running

    def show_card(self, card: PlanCard) -> None:
        self._task = None
        self.card = card
        self.setWindowTitle(arg(tr("Plan card · %1"), card.patient))
        self._page = render_card_image(card, dpi=120)
        self._fit_preview()
        for b in (self.print_button, self.save_button):
            b.setEnabled(True)
        self.sig_loaded.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_preview()

    def _fit_preview(self) -> None:
        """The page as wide as the preview area (scrolling down for the rest)."""
        if self._page is None:
            return
        width = max(200, self.scroll_area.viewport().width() - 28)
        self.preview.setPixmap(
            QPixmap.fromImage(
                self._page.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            )
        )

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.preview.setText(arg(tr("Cannot make the card: %1"), said(exc)))

    def print_card(self) -> None:
        if self.card is None:
            return
        printer = new_printer()
        if not ask_printer(self, printer):
            return
        try:
            print_card(self.card, printer)
        except PlannerError as exc:
            self.preview.setToolTip(said(exc))
            prompts.inform(self, tr("Plan card"), said(exc))
            return
        self.sig_done.emit(arg(tr("Plan card for %1 sent to the printer"), self.card.patient))

    def save_pdf(self) -> None:
        if self.card is None:
            return
        path = prompts.ask_save_path(
            self,
            tr("Save plan card"),
            card_file_name(self.card),
            arg(tr("PDF files (%1)"), "*.pdf"),
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            write_card_pdf(self.card, path)
        except PlannerError as exc:
            prompts.inform(self, tr("Plan card"), said(exc))
            return
        self.sig_done.emit(arg(tr("Plan card saved as %1"), path))
