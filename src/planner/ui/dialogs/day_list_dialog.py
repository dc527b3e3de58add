"""Print a day list: choose whose day (a practitioner, a room or a whole location) and which,
look at the pages, then print them or save a PDF.

The list is read on the worker each time the choice changes (the last answer wins; an older
one still on its way is discarded); its pages are drawn by :mod:`planner.ui.day_list`, the
same painter as the printer and the PDF, so the preview is what comes out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPageSize, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services.day_list import DayList, day_list, parse_day
from planner.ui.day_list import (
    new_printer,
    page_size_for,
    print_day_list,
    render_day_list_pages,
    write_day_list_pdf,
)
from planner.ui.dialogs import prompts
from planner.ui.geometry import fit_to_screen
from planner.ui.i18n import arg, said, tr

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.services.schedule.values import ClinicDirectory
    from planner.ui.worker import TaskHandle, Worker

SCOPES = ("practitioner", "room", "location")
"""Whose day a list is of (the combo box's data)."""
PREVIEW_DPI = 96
ERROR_STYLE = "color: #9a3412"


def scope_labels() -> dict[str, str]:
    """What the List for box says for each scope, in the window's language."""
    return {
        "practitioner": tr("Practitioner"),
        "room": tr("Room"),
        "location": tr("Whole location"),
    }


def _nothing_to_list(scope: str) -> str:
    return {
        "practitioner": tr("No practitioner to list yet."),
        "room": tr("No room to list yet."),
    }.get(scope, tr("No location to list yet."))


def ask_printer(parent: QWidget | None, printer: object) -> bool:
    """Qt's print dialog for ``printer``; True to print. Kept apart so tests replace it."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    assert isinstance(printer, QPrinter)
    dlg = QPrintDialog(printer, parent)
    dlg.setWindowTitle(tr("Print day list"))
    return dlg.exec() == QDialog.DialogCode.Accepted


def day_list_file_name(dl: DayList) -> str:
    """``day-list-2026-12-15-kari-nordmann.pdf``."""
    slug = re.sub(r"[^a-z0-9]+", "-", dl.subject.lower()).strip("-") or "clinic"
    return f"day-list-{dl.day.isoformat()}-{slug}.pdf"


class DayListDialog(QDialog):
    """Whose day and which day, a preview of every page, Print… and Save as PDF…."""

    sig_loaded = Signal()
    """A list was read and its pages drawn in the preview."""
    sig_done = Signal(str)
    """The list was printed or saved (what happened, for the status bar)."""

    def __init__(
        self,
        store: Store,
        worker: Worker,
        directory: ClinicDirectory,
        parent: QWidget | None = None,
        *,
        practitioner_id: int | None = None,
        room_id: int | None = None,
        location_id: int | None = None,
        day: date | None = None,
        local_now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.worker = worker
        self.directory = directory
        self.local_now = local_now
        self.day_list: DayList | None = None
        self._task: TaskHandle | None = None
        self._pages: list[QImage] = []
        self.setWindowTitle(tr("Print day list"))

        lay = QVBoxLayout(self)
        body = QHBoxLayout()
        lay.addLayout(body, 1)
        side = QWidget(self)
        side.setMaximumWidth(380)
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.scope_box = QComboBox(self)
        labels = scope_labels()
        for key in SCOPES:
            self.scope_box.addItem(labels[key], key)
        self.who_box = QComboBox(self)
        self.who_box.setMinimumContentsLength(20)
        self.who_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        scope_label = QLabel(tr("&List for:"), self)
        scope_label.setBuddy(self.scope_box)
        who_label = QLabel(tr("&Who:"), self)
        who_label.setBuddy(self.who_box)
        form.addRow(scope_label, self.scope_box)
        form.addRow(who_label, self.who_box)

        self.day_edit = QLineEdit(self)
        self.day_edit.setPlaceholderText(tr("dd.mm.yyyy"))
        self.day_edit.setMaxLength(10)
        self.day_edit.setAccessibleName(tr("Day"))
        self.day_edit.setToolTip(arg(tr("The day, typed as %1"), "15.12.2026"))
        self.today_button = QPushButton(tr("Tod&ay"), self)
        self.tomorrow_button = QPushButton(tr("To&morrow"), self)
        for b in (self.today_button, self.tomorrow_button):
            b.setAutoDefault(False)
        self.day_words = QLabel(self)
        self.day_words.setWordWrap(True)
        day_row = QHBoxLayout()
        day_row.addWidget(self.day_edit, 1)
        day_row.addWidget(self.today_button)
        day_row.addWidget(self.tomorrow_button)
        day_label = QLabel(tr("&Day:"), self)
        day_label.setBuddy(self.day_edit)
        form.addRow(day_label, day_row)
        form.addRow("", self.day_words)

        self.paper_box = QComboBox(self)
        self.paper_box.addItem(tr("A4", "paper size"), "a4")
        self.paper_box.addItem(tr("Letter", "paper size"), "letter")
        self.paper_box.setCurrentIndex(
            1 if page_size_for(QLocale()).id() == QPageSize.PageSizeId.Letter else 0
        )
        paper_label = QLabel(tr("Pape&r:"), self)
        paper_label.setBuddy(self.paper_box)
        form.addRow(paper_label, self.paper_box)
        side_lay.addLayout(form)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #5f6670")
        side_lay.addSpacing(8)
        side_lay.addWidget(self.summary)
        note = QLabel(
            tr(
                "For the clinic only: the list shows patients' dates of birth, phone numbers, "
                "regions, screening flags and session notes. Cancelled sessions are counted, "
                "not listed."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6670")
        side_lay.addSpacing(8)
        side_lay.addWidget(note)
        side_lay.addStretch(1)
        body.addWidget(side)

        self.pages_widget = QWidget(self)
        self.pages_widget.setStyleSheet("background: #8a9199")
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setContentsMargins(12, 12, 12, 12)
        self.pages_layout.setSpacing(12)
        self.preview = QLabel(tr("Reading the day…"), self.pages_widget)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setAccessibleName(tr("Day list preview"))
        self.pages_layout.addWidget(self.preview)
        self.page_labels: list[QLabel] = []
        self.pages_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.pages_widget)
        scroll.setStyleSheet("QScrollArea { background: #8a9199; }")
        scroll.setMinimumWidth(360)
        self.scroll_area = scroll
        body.addWidget(scroll, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.print_button = buttons.addButton(tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(
            tr("&Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setDefault(True)
        self._enable(False)
        self.print_button.clicked.connect(self.print_list)
        self.save_button.clicked.connect(self.save_pdf)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

        # The list is read again a moment after the last change (not at every key typed).
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(150)
        self._reload.timeout.connect(self.load)

        scope = "practitioner"
        chosen = practitioner_id
        if room_id is not None:
            scope, chosen = "room", room_id
        elif location_id is not None and practitioner_id is None:
            scope, chosen = "location", location_id
        self.scope_box.setCurrentIndex(SCOPES.index(scope))
        self._fill_who(chosen)
        self.set_day(day or self.local_now().date())

        self.scope_box.currentIndexChanged.connect(lambda _i: self._scope_changed())
        self.who_box.currentIndexChanged.connect(lambda _i: self._changed())
        self.paper_box.currentIndexChanged.connect(lambda _i: self._show_pages())
        self.day_edit.textChanged.connect(lambda _t: self._changed())
        self.today_button.clicked.connect(lambda: self.set_day(self.local_now().date()))
        self.tomorrow_button.clicked.connect(
            lambda: self.set_day(self.local_now().date() + timedelta(days=1))
        )
        fit_to_screen(self, 1180, 900)
        self.who_box.setFocus()

    # -- the choice --------------------------------------------------------------------------
    @property
    def scope(self) -> str:
        return str(self.scope_box.currentData())

    def _fill_who(self, chosen: int | None = None) -> None:
        """The practitioners, rooms or locations to choose from, for the scope chosen."""
        d = self.directory
        names = {loc.id: loc.name for loc in d.locations}
        several = len(d.locations) > 1
        items: list[tuple[str, int]]
        if self.scope == "practitioner":
            items = [
                (
                    p.name
                    + (
                        f" ({', '.join(names.get(i, '') for i in p.location_ids)})"
                        if several and p.location_ids
                        else ""
                    ),
                    p.id,
                )
                for p in d.practitioners
            ]
        elif self.scope == "room":
            items = [
                (f"{r.name}, {names.get(r.location_id, '')}" if several else r.name, r.id)
                for r in d.rooms
            ]
        else:
            items = [(loc.name, loc.id) for loc in d.locations]
        self.who_box.blockSignals(True)
        self.who_box.clear()
        for words, ident in items:
            self.who_box.addItem(words, ident)
        if chosen is not None:
            i = self.who_box.findData(chosen)
            self.who_box.setCurrentIndex(max(0, i))
        self.who_box.blockSignals(False)

    def _scope_changed(self) -> None:
        self._fill_who()
        self._changed()

    def set_day(self, day: date) -> None:
        """Show ``day`` in the field (and read the list for it)."""
        self.day_edit.setText(day.strftime("%d.%m.%Y"))  # as it is typed, in any language

    def chosen_day(self) -> date | None:
        """The day typed, or None (and a message beside it) when it cannot be read."""
        try:
            day = parse_day(self.day_edit.text(), self.local_now().date())
        except PlannerError as exc:
            self.day_words.setStyleSheet(ERROR_STYLE)
            self.day_words.setText(said(exc))
            return None
        self.day_words.setStyleSheet("")
        self.day_words.setText(
            QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)
        )
        return day

    def request(self) -> dict[str, Any] | None:
        """The arguments of :func:`~planner.services.day_list.day_list` for the choice."""
        day = self.chosen_day()
        ident = self.who_box.currentData()
        if day is None or ident is None:
            return None
        return {"day": day, f"{self.scope}_id": int(ident)}

    def _changed(self) -> None:
        self.chosen_day()  # the day's words (or what is wrong with it) at once
        # Nothing goes out until the new choice is read: Enter right after typing a day
        # must not print the day shown before.
        self._enable(False)
        self._reload.start()

    # -- reading and drawing -----------------------------------------------------------------
    def load(self) -> None:
        """Read the list for the current choice on the worker."""
        self._reload.stop()
        if self._task is not None:
            self._task.discard()
            self._task = None
        req = self.request()
        if req is None:
            self._enable(False)
            self.day_list = None
            self._clear_pages()
            if self.who_box.count() == 0:
                self.preview.setText(_nothing_to_list(self.scope))
            else:
                self.preview.setText(arg(tr("Type the day as %1 to see its list."), "15.12.2026"))
            self.preview.show()
            return
        day = req.pop("day")
        self._task = self.worker.run(
            day_list, self.store, day, **req, on_done=self.show_list, on_error=self._failed
        )

    @property
    def loading(self) -> bool:
        return self._task is not None and self._task.running

    def show_list(self, dl: DayList) -> None:
        self._task = None
        self.day_list = dl
        self._show_pages()
        self._enable(True)
        self.sig_loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.day_list = None
        self._enable(False)
        self._clear_pages()
        why = said(exc)
        self.preview.setText(arg(tr("Cannot make the day list: %1"), why))
        self.preview.show()

    def page_size(self) -> QPageSize:
        return QPageSize(
            QPageSize.PageSizeId.Letter
            if self.paper_box.currentData() == "letter"
            else QPageSize.PageSizeId.A4
        )

    def _show_pages(self) -> None:
        dl = self.day_list
        if dl is None:
            return
        self._pages = render_day_list_pages(dl, dpi=PREVIEW_DPI, page_size=self.page_size())
        n = len(self._pages)
        what = arg(tr("%1, %2: %3."), dl.title, dl.day_text, dl.summary.replace("  ·  ", ", "))
        pages = arg(tr("%n page(s) on %1.", "", n), self.paper_box.currentText())
        self.summary.setText(" ".join((what, pages)))
        self.preview.hide()
        # One label per page, kept and reused (labels deleted later would linger on screen
        # until the event loop gets to them).
        while len(self.page_labels) < n:
            label = QLabel(self.pages_widget)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pages_layout.insertWidget(self.pages_layout.count() - 1, label)
            self.page_labels.append(label)
        for i, label in enumerate(self.page_labels):
            label.setAccessibleName(arg(tr("Page %1 of %2"), i + 1, n))
            label.setVisible(i < n)
        self._fit_pages()

    def _clear_pages(self) -> None:
        self._pages = []
        for label in self.page_labels:
            label.clear()
            label.hide()

    @property
    def shown_pages(self) -> list[QLabel]:
        """The labels showing a page of the list now."""
        return self.page_labels[: len(self._pages)]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_pages()

    def _fit_pages(self) -> None:
        """Each page as wide as the preview area (scrolling down for the rest)."""
        width = max(200, min(900, self.scroll_area.viewport().width() - 28))
        for label, image in zip(self.page_labels, self._pages, strict=False):
            label.setPixmap(
                QPixmap.fromImage(
                    image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
                )
            )

    def _enable(self, on: bool) -> None:
        for b in (self.print_button, self.save_button):
            b.setEnabled(on)

    # -- out ---------------------------------------------------------------------------------
    def _what(self, dl: DayList) -> str:
        return arg(tr("Day list for %1, %2"), dl.subject, dl.short_day)

    def _ready(self) -> DayList | None:
        """The list shown, when it is the one chosen (not while a new choice is read)."""
        if self._reload.isActive() or self.loading:
            return None
        return self.day_list

    def print_list(self) -> None:
        dl = self._ready()
        if dl is None:
            return
        printer = new_printer(dl, self.page_size())
        if not ask_printer(self, printer):
            return
        try:
            pages = print_day_list(dl, printer)
        except PlannerError as exc:
            prompts.inform(self, tr("Day list"), said(exc))
            return
        self.sig_done.emit(arg(tr("%1 sent to the printer (%2)"), self._what(dl), _pages(pages)))

    def save_pdf(self) -> None:
        dl = self._ready()
        if dl is None:
            return
        path = prompts.ask_save_path(
            self, tr("Save day list"), day_list_file_name(dl), arg(tr("PDF files (%1)"), "*.pdf")
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            write_day_list_pdf(dl, path, page_size=self.page_size())
        except PlannerError as exc:
            prompts.inform(self, tr("Day list"), said(exc))
            return
        done = arg(tr("%1 saved to %2 (%3)"), self._what(dl), path, _pages(len(self._pages)))
        self.sig_done.emit(done)


def _pages(n: int) -> str:
    return tr("%n page(s)", "", n)
