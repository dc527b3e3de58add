"""The clinic's own set-up in the window: the clinic, locations, rooms, practitioners, closures.

:class:`ClinicSetupDialog` is a list of pages on the left (Ctrl+1 to Ctrl+5) and the page's
form on the right. It reads :func:`~planner.services.clinic_setup.setup_overview` on the
worker when it opens and after every save; every save is one service call on the worker
(see :mod:`.setup_base`). A refusal is said in one line under the form, which keeps what
was typed. Leaving a page, or closing, with unsaved changes asks Save / Discard / Cancel.
After each successful change the dialog emits ``sig_changed`` so the window reloads.

With ``guided=True`` the same pages are a short guided set-up for an empty database: the
clinic, the first location, the first practitioner, then (optionally) rooms, one page at a
time with Back / Next / Finish. Next saves the page and refuses, inline, while the page is
not ready; Finish is possible once a location and a practitioner exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.errors import ChangedElsewhere, PlannerError
from planner.services.clinic_setup import SetupOverview, setup_overview
from planner.ui.dialogs.setup_base import MUTED, SetupPage, sentence
from planner.ui.dialogs.setup_closures import ClosuresPage
from planner.ui.dialogs.setup_pages import ClinicPage, LocationsPage, RoomsPage
from planner.ui.dialogs.setup_staff import PractitionersPage
from planner.ui.geometry import fit_to_screen
from planner.ui.i18n import arg, said, tr

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.ui.worker import TaskHandle, Worker

SAVE, DISCARD = "save", "discard"

GUIDED_STEPS = ("clinic", "locations", "practitioners", "rooms")


def guided_titles() -> dict[str, str]:
    """The guided set-up's step titles, in the window's language."""
    return {
        "clinic": tr("Your clinic"),
        "locations": tr("Your first location"),
        "practitioners": tr("Your first practitioner"),
        "rooms": tr("Rooms (optional)"),
    }


def guided_hints() -> dict[str, str]:
    """What each step of the guided set-up is for, in the window's language."""
    return {
        "clinic": tr(
            "A few steps, one page each; everything can be changed later in the clinic set-up."
        ),
        "locations": tr(
            "Where patients come: its time zone, public holidays and opening hours. "
            "More locations can be added later."
        ),
        "practitioners": tr(
            "Who treats patients, where and when. Save adds one; add as many as "
            "you like, then Next."
        ),
        "rooms": tr(
            "Treatment rooms of each location, if sessions should book a room too. "
            "Finish opens the empty week."
        ),
    }


def ask_unsaved(parent: QWidget, page_title: str) -> str | None:
    """Unsaved changes on ``page_title``: SAVE, DISCARD or None (cancel, stay on the page).

    A module function so that tests replace it (a modal box would block them)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Unsaved changes"))
    box.setText(arg(tr("The %1 page has changes that are not saved."), page_title.lower()))
    box.setInformativeText(tr("Save them before going on?"))
    save = box.addButton(QMessageBox.StandardButton.Save)
    discard = box.addButton(QMessageBox.StandardButton.Discard)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return SAVE
    if clicked is discard:
        return DISCARD
    return None


class ClinicSetupDialog(QDialog):
    """Set up the clinic: its details, locations, rooms, practitioners and closures."""

    sig_changed = Signal()
    """A change was saved: the window reloads its directory and the week."""
    sig_open_session = Signal(int)
    """Show this booked session (appointment id) in the window (from a closure's list)."""
    sig_finished = Signal()
    """The guided set-up was finished (a location and a practitioner exist)."""

    def __init__(
        self,
        store: Store,
        worker: Worker,
        parent: QWidget | None = None,
        *,
        guided: bool = False,
        page: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.worker = worker
        self.guided = guided
        self.overview: SetupOverview | None = None
        self._busy = False
        self._tasks: list[TaskHandle] = []
        self.setWindowTitle(tr("Set up your clinic") if guided else tr("Clinic set-up"))

        self.clinic_page = ClinicPage(self, self)
        self.locations_page = LocationsPage(self, self)
        self.rooms_page = RoomsPage(self, self)
        self.practitioners_page = PractitionersPage(self, self)
        self.closures_page = ClosuresPage(self, self)
        self.closures_page.sig_open_session.connect(self.sig_open_session)
        self.pages: dict[str, SetupPage] = {
            "clinic": self.clinic_page,
            "locations": self.locations_page,
            "rooms": self.rooms_page,
            "practitioners": self.practitioners_page,
            "closures": self.closures_page,
        }
        self.order = list(GUIDED_STEPS if guided else self.pages)

        outer = QVBoxLayout(self)
        body = QHBoxLayout()
        self.nav = QListWidget(self)
        self.nav.setAccessibleName(tr("Set-up pages"))
        self.nav.setFixedWidth(190)
        self.stack = QStackedWidget(self)
        titles = guided_titles()
        for i, key in enumerate(self.order):
            p = self.pages[key]
            label = (
                arg(tr("%1. %2", "a step of the set-up"), i + 1, titles[key])
                if guided
                else arg(tr("%1  (%2)", "a page and its shortcut"), p.title, f"Ctrl+{i + 1}")
            )
            self.nav.addItem(label)
            self.stack.addWidget(p)
            p.sig_dirty_changed.connect(lambda _d: self._update_buttons())
        for key, p in self.pages.items():
            if key not in self.order:
                p.hide()
        right = QVBoxLayout()
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold")
        self.subheading = QLabel(self)
        self.subheading.setWordWrap(True)
        self.subheading.setStyleSheet(MUTED)
        right.addWidget(self.heading)
        right.addWidget(self.subheading)
        right.addWidget(self.stack, 1)
        body.addWidget(self.nav)
        body.addLayout(right, 1)
        outer.addLayout(body, 1)

        self.note = QLabel(self)
        self.note.setStyleSheet(MUTED)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        self.back_button = QPushButton(tr("‹ &Back"), self)
        self.next_button = QPushButton(tr("Ne&xt ›"), self)
        self.finish_button = QPushButton(tr("&Finish"), self)
        self.close_button = QPushButton(tr("Cancel") if guided else tr("Close"), self)
        for b in (self.back_button, self.next_button, self.finish_button):
            b.setVisible(guided)
            buttons.addWidget(b)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.finish_button.clicked.connect(self.finish)
        self.close_button.clicked.connect(self.reject)

        if guided:
            # A map of the steps (the current one in bold); Back and Next move.
            self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.nav.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        else:
            self.nav.currentRowChanged.connect(self._nav_changed)
            for i in range(len(self.order)):
                shortcut = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
                shortcut.activated.connect(lambda i=i: self.nav.setCurrentRow(i))
        self.finished.connect(self._forget_tasks)
        self._row = -1
        start = self.order.index(page) if page in self.order else 0
        self._show_row(start)
        fit_to_screen(self, 1060, 700)
        self.reload()

    # -- pages -------------------------------------------------------------------------------------
    @property
    def current(self) -> SetupPage:
        page = self.stack.currentWidget()
        assert isinstance(page, SetupPage)
        return page

    def page(self, key: str) -> SetupPage:
        return self.pages[key]

    def show_page(self, key: str) -> None:
        """Go to the page ``key`` (asking first when the page shown has unsaved changes)."""
        row = self.order.index(key)
        self.settle(self.current, lambda: self._show_row(row))

    def _nav_changed(self, row: int) -> None:
        if row == self._row or row < 0:
            return
        if self.current.dirty:  # go back until the question is answered
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self._row)
            self.nav.blockSignals(False)
            self.settle(self.current, lambda: self._show_row(row))
            return
        self._show_row(row)

    def _show_row(self, row: int) -> None:
        self._row = row
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(row)
        self.nav.blockSignals(False)
        key = self.order[row]
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        if self.guided:
            for i in range(self.nav.count()):
                item = self.nav.item(i)
                if item is not None:
                    font = item.font()
                    font.setBold(i == row)
                    item.setFont(font)
            self.heading.setText(
                arg(tr("Step %1 of %2: %3"), row + 1, len(self.order), guided_titles()[key])
            )
            self.subheading.setText(guided_hints()[key])
        else:
            self.heading.setText(page.title)
            self.subheading.setText("")
            for p in self.pages.values():  # Enter saves the page shown (rooms: the field does)
                button = p.default_button()
                if button is not None:
                    button.setDefault(p is page)
        self.subheading.setVisible(bool(self.subheading.text()))
        self._update_buttons()
        field = page.first_field()
        if field is not None:
            field.setFocus()

    def settle(self, page: SetupPage, action: Callable[[], object]) -> None:
        """``action`` now if ``page`` has no unsaved changes; else ask Save / Discard / Cancel
        (Save: ``action`` once saved; a refusal stays on the page)."""
        if not page.dirty:
            action()
            return
        answer = ask_unsaved(self, page.title)
        if answer == SAVE:

            def then() -> None:
                action()

            page.save(then=then)
        elif answer == DISCARD:
            page.discard()
            action()

    # -- the worker ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A save or a read is running (tests wait on it)."""
        return self._busy

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Read the overview on the worker and give it to every page."""
        self._busy = True
        self.note.setText(tr("Reading the clinic's set-up…"))

        def loaded(overview: SetupOverview) -> None:
            self._busy = False
            self.note.setText("")
            first = self.overview is None
            self.overview = overview
            for p in self.pages.values():
                p.load(overview)
            field = self.current.first_field()
            if first and field is not None:
                field.setFocus()
            self._update_buttons()
            if then is not None:
                then()

        def failed(exc: BaseException) -> None:
            self._busy = False
            if not isinstance(exc, PlannerError):
                raise exc
            self.note.setText(sentence(arg(tr("Cannot read the set-up: %1"), said(exc))))

        self._run(setup_overview, self.store, on_done=loaded, on_error=failed)

    def submit(
        self,
        page: SetupPage,
        fn: Callable[..., Any],
        *args: Any,
        done: Callable[[Any], None] | None = None,
        then: Callable[[], None] | None = None,
        saved: str | Callable[[Any], str] = "Saved.",
        **kwargs: Any,
    ) -> None:
        """Run one service call for ``page`` on the worker (see :class:`.setup_base.PageHost`)."""
        if self._busy:
            page.say(tr("Still saving the last change; try again in a moment."))
            return
        self._busy = True
        page.say(tr("Saving…"))

        def ok(result: Any) -> None:
            self._busy = False
            page.mark_clean()
            if done is not None:
                done(result)
            if callable(saved):
                text = saved(result)
            else:  # the pages pass their own words, already translated; the default is here
                text = tr("Saved.") if saved == "Saved." else saved
            self.sig_changed.emit()

            def after() -> None:
                page.say(text, ok=True)
                if then is not None:
                    then()

            self.reload(after)

        def refused(exc: BaseException) -> None:
            self._busy = False
            if not isinstance(exc, PlannerError):
                raise exc
            page.refuse(exc)
            if isinstance(exc, ChangedElsewhere):
                # Show what the other desk saved (a page with typed changes keeps them), so
                # a second Save is made knowingly, from the row as it is now.
                self.reload(lambda: page.refuse(exc))

        self._run(fn, self.store, *args, on_done=ok, on_error=refused, **kwargs)

    def fetch(
        self, fn: Callable[..., Any], *args: Any, done: Callable[[Any], None], page: SetupPage
    ) -> None:
        """A read for a page (a closure's sessions); a refusal is said on the page."""

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, PlannerError):
                raise exc
            page.refuse(exc)

        self._run(fn, self.store, *args, on_done=done, on_error=failed)

    def _run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        handle = self.worker.run(fn, *args, **kwargs)
        self._tasks = [t for t in self._tasks if t.running] + [handle]

    def _forget_tasks(self) -> None:
        """The dialog closed: late answers have nowhere to go (a save still completes)."""
        for t in self._tasks:
            t.discard()
        self._tasks = []

    # -- the guided set-up -----------------------------------------------------------------------
    def ready_to_finish(self) -> bool:
        ov = self.overview
        return ov is not None and bool(ov.locations) and bool(ov.practitioners)

    def _update_buttons(self) -> None:
        if not self.guided:
            return
        row = self._row
        last = row == len(self.order) - 1
        self.back_button.setEnabled(row > 0)
        self.next_button.setVisible(not last)
        self.finish_button.setEnabled(self.ready_to_finish() or (last and self.current.dirty))
        (self.finish_button if last else self.next_button).setDefault(True)

    def next(self) -> None:
        """Save the page if it changed; go on when it is ready, else say why (inline)."""
        if self._busy:
            return
        page = self.current
        if page.dirty:
            page.save(then=self._advance)
        else:
            self._advance()

    def _advance(self) -> None:
        page = self.current
        problem = page.wizard_problem()
        if problem is not None:
            page.say(problem, warning=True)
            field = page.first_field()
            if field is not None:
                field.setFocus()
            return
        if self._row < len(self.order) - 1:
            self._show_row(self._row + 1)

    def back(self) -> None:
        if self._row > 0:
            self.settle(self.current, lambda: self._show_row(self._row - 1))

    def finish(self) -> None:
        """Save the page if it changed, then close and say the set-up is done."""
        if self._busy:
            return
        page = self.current
        if page.dirty:
            page.save(then=self.finish)
            return
        if not self.ready_to_finish():
            if not (self.overview and self.overview.locations):
                problem = tr("Add the first location before finishing.")
            else:
                problem = tr("Add the first practitioner before finishing.")
            page.say(problem, warning=True)
            return
        self.sig_finished.emit()
        self.accept()

    # -- closing -----------------------------------------------------------------------------------
    def reject(self) -> None:
        """Close (Escape, Close, Cancel): ask first about unsaved changes."""
        dirty = next((p for p in self.pages.values() if p.dirty), None)
        if dirty is None:
            super().reject()
            return
        if dirty is not self.current:
            self._show_row(self.order.index(next(k for k, p in self.pages.items() if p is dirty)))
        self.settle(dirty, self.reject)

    def closeEvent(self, event: QCloseEvent) -> None:
        if any(p.dirty for p in self.pages.values()):
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)
