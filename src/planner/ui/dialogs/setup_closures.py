"""The clinic set-up's closures page: days a location is closed, and the sessions they hit.

A closure is a range of whole days and a reason. Adding one does not move anything by
itself: the booked sessions on those days are listed (read on the worker), each with an
*Open* button that asks the window to show it, so the desk can move or cancel them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.core import vocabulary
from planner.core.domain import Kind
from planner.core.typed_dates import date_text
from planner.errors import BadInput
from planner.services import clinic, clinic_setup
from planner.ui.dialogs.setup_base import MUTED, PageHost, SetupPage, select_by_id
from planner.ui.dialogs.setup_pages import buttons_row, current_id, new_id
from planner.ui.i18n import arg, tr, ui_words
from planner.ui.widgets.date_field import DateField, day_text

if TYPE_CHECKING:
    from datetime import datetime

    from planner.services.clinic_setup import ClosureHit, ClosureInfo, SetupOverview


def days_text(first: date, last: date) -> str:
    """``Thu, 24 Dec 2026`` or ``Thu, 24 Dec 2026 – Fri, 1 Jan 2027`` (``tor. 24. des.
    2026``...), in the window's language."""
    w = ui_words()
    one = w.skeleton("yMMMEd", first)
    if first == last:
        return one
    return arg(tr("%1 – %2", "a range of days"), one, w.skeleton("yMMMEd", last))


def closure_text(c: ClosureInfo) -> str:
    parts = [days_text(c.first, c.last)]
    if c.reason:
        parts.append(c.reason)
    if c.hits:
        parts.append(tr("(%n booked session(s))", "", c.hits))
    return "  ".join(parts)


def hit_when(start: datetime) -> str:
    """``Wed 25.11.2026 10:00`` (``ons. 25.11.2026 10:00``): a hit's local start."""
    w = ui_words()
    weekday = format_date(start, "EEE", locale=w.locale)
    return " ".join((weekday, date_text(start.date()), w.time(start)))


def kind_word(kind: str) -> str:
    """A session's kind (``treatment``) in the window's language."""
    try:
        return vocabulary.kind(Kind(kind), ui_words())
    except ValueError:
        return kind


class ClosuresPage(SetupPage):
    """A location's closures: add one (a date range and a reason), remove one, and see the
    booked sessions each hits."""

    @property
    def title(self) -> str:
        return tr("Closures")

    sig_open_session = Signal(int)
    """The desk wants to see this booked session (appointment id) in the window."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.hits_for: int | None = None
        """The closure whose sessions the table shows."""
        lay = QVBoxLayout(self)
        top = QFormLayout()
        self.location = QComboBox(self)
        self.location.currentIndexChanged.connect(lambda _i: self._fill())
        top.addRow(tr("&Location:"), self.location)
        lay.addLayout(top)
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Closures"))
        self.list.currentItemChanged.connect(lambda *_a: self._picked())
        closures_label = QLabel(tr("Clo&sures:"), self)
        closures_label.setBuddy(self.list)
        self.remove_button = QPushButton(tr("Re&move closure"), self)
        self.remove_button.clicked.connect(self.remove_closure)
        left.addWidget(closures_label)
        left.addWidget(self.list, 1)
        left.addLayout(buttons_row(self.remove_button))
        row.addLayout(left, 1)
        box = QGroupBox(tr("A new closure"), self)
        form = QFormLayout(box)
        self.first = DateField(box, what=tr("the first closed day"))
        self.last = DateField(box, what=tr("the last closed day"))
        self.last.edit.setPlaceholderText(tr("same day"))
        self.reason = QLineEdit(box)
        self.reason.setPlaceholderText(tr("e.g. Christmas, staff training, renovation"))
        self.add_button = QPushButton(tr("&Add closure"), box)
        self.add_button.clicked.connect(lambda: self.save())
        form.addRow(tr("&From:"), self.first)
        form.addRow(tr("&To:"), self.last)
        form.addRow(tr("&Reason:"), self.reason)
        form.addRow("", buttons_row(self.add_button))
        form.addRow(self.status)
        row.addWidget(box, 1)
        lay.addLayout(row)
        self.hits_label = QLabel(self)
        self.hits_label.setStyleSheet(MUTED)
        lay.addWidget(self.hits_label)
        self.hits = QTableWidget(0, 5, self)
        self.hits.setHorizontalHeaderLabels(
            [tr("When"), tr("Patient"), tr("Practitioner"), tr("Session"), ""]
        )
        self.hits.setAccessibleName(tr("Booked sessions on the closed days"))
        self.hits.verticalHeader().setVisible(False)
        self.hits.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hits.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hits.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.hits.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.hits.activated.connect(self._activated)
        lay.addWidget(self.hits, 1)
        for edit in (self.first, self.last):
            edit.sig_edited.connect(self.mark_dirty)
        self.reason.textEdited.connect(self.mark_dirty)
        self._update_buttons()

    def default_button(self) -> QPushButton:
        return self.add_button

    def first_field(self) -> QWidget:
        return self.first

    def location_id(self) -> int | None:
        data = self.location.currentData()
        return int(data) if data is not None else None

    def load(self, overview: SetupOverview) -> None:
        super().load(overview)
        keep = self.location_id()
        self.location.blockSignals(True)
        self.location.clear()
        for loc in overview.locations:
            self.location.addItem(loc.name, loc.id)
        self.location.setCurrentIndex(max(0, self.location.findData(keep) if keep else 0))
        self.location.blockSignals(False)
        self._fill()

    def _fill(self) -> None:
        keep = current_id(self.list) or self.hits_for
        lid = self.location_id()
        closures = [
            c for c in (self.overview.closures if self.overview else ()) if c.location_id == lid
        ]
        self.list.blockSignals(True)
        self.list.clear()
        for c in sorted(closures, key=lambda c: c.first):
            item = QListWidgetItem(closure_text(c), self.list)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
        self.list.blockSignals(False)
        if not select_by_id(self.list, keep):
            self._picked()
        self._update_buttons()

    def _picked(self) -> None:
        """Show the sessions the picked closure hits (read on the worker)."""
        cid = current_id(self.list)
        self._update_buttons()
        self.hits_for = cid
        self.hits.setRowCount(0)
        if cid is None:
            self.hits_label.setText(tr("Pick a closure to see the booked sessions on its days."))
            return
        self.hits_label.setText(tr("Reading the booked sessions on these days…"))
        self.host.fetch(clinic_setup.closure_hits, cid, done=self._show_hits, page=self)

    def _show_hits(self, hits: tuple[ClosureHit, ...]) -> None:
        if self.hits_for is None:
            return
        self.hits.setRowCount(len(hits))
        for row, hit in enumerate(hits):
            for col, text in enumerate(
                (
                    hit_when(hit.start_local),
                    hit.patient,
                    hit.practitioner,
                    kind_word(hit.kind),
                )
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, hit.appointment_id)
                self.hits.setItem(row, col, item)
            button = QPushButton(tr("Open", "a session"), self.hits)
            button.setToolTip(arg(tr("Show %1's session in the week"), hit.patient))
            button.clicked.connect(
                lambda _c=False, aid=hit.appointment_id: self.sig_open_session.emit(aid)
            )
            self.hits.setCellWidget(row, 4, button)
        closure = self._closure(self.hits_for)
        days = days_text(closure.first, closure.last) if closure is not None else tr("these days")
        if hits:
            self.hits_label.setText(
                arg(
                    tr(
                        "%n booked session(s) on %1: open each to move or cancel it "
                        "(Enter on a row opens it too).",
                        "",
                        len(hits),
                    ),
                    days,
                )
            )
        else:
            self.hits_label.setText(arg(tr("No booked sessions on %1."), days))

    def _closure(self, cid: int | None) -> ClosureInfo | None:
        closures = self.overview.closures if self.overview is not None else ()
        return next((c for c in closures if c.id == cid), None)

    def _activated(self, index: Any) -> None:
        item = self.hits.item(index.row(), 0)
        if item is not None:
            self.sig_open_session.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.location_id() is not None)
        self.remove_button.setEnabled(current_id(self.list) is not None)

    def values(self) -> tuple[date, date, str]:
        first = self.first.value()
        last = self.last.value() if self.last.text().strip() else first
        return first, last, self.reason.text().strip()

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Add the closure typed in the form."""
        lid = self.location_id()
        if lid is None:
            self.refuse(BadInput(tr("add a location first: a closure closes a location")))
            return
        try:
            first, last, reason = self.values()
        except BadInput as exc:
            self.refuse(exc)
            return

        def added(result: Any) -> None:
            self.hits_for = new_id(getattr(result, "closure", result))
            with self.filling():
                self.first.set_value(None)
                self.last.set_value(None)
                self.reason.clear()

        def said(result: Any) -> str:
            when = (
                day_text(first)
                if first == last
                else arg(tr("%1 – %2", "a range of days"), day_text(first), day_text(last))
            )
            n = len(getattr(result, "hits", None) or ())
            if not n:
                return arg(tr("Closed %1; no booked sessions on those days."), when)
            return arg(tr("Closed %1. It hits %n booked session(s): see below.", "", n), when)

        self.host.submit(
            self, clinic.add_closure, lid, first, last, reason, done=added, then=then, saved=said
        )

    def remove_closure(self) -> None:
        cid = current_id(self.list)
        item = self.list.currentItem()
        if cid is None or item is None:
            return
        self.hits_for = None
        shown = self._closure(cid)
        self.host.submit(
            self,
            clinic_setup.remove_closure,
            cid,
            expect_revision=shown.revision if shown is not None else None,
            saved=tr("The closure is removed."),
        )

    def discard(self) -> None:
        self.mark_clean()
        self.say("")
        with self.filling():
            self.first.set_value(None)
            self.last.set_value(None)
            self.reason.clear()
