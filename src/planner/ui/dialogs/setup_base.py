"""What every page of the clinic set-up shares: the inline status line, unsaved changes, and
handing its save to the dialog (which runs it on the worker).

A page never touches the database itself. :meth:`SetupPage.save` checks what it can in the
window (a time span, a date), then asks its :class:`PageHost` (the dialog) to run one
service call on the worker. The dialog shows a refusal on the page's status line, keeping
every field as typed, or on success reloads the overview, gives every page the new one, and
emits ``sig_changed``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.errors import BadInput
from planner.ui.i18n import said, tr
from planner.ui.style import WARNING

if TYPE_CHECKING:
    from planner.services.clinic_setup import SetupOverview

MUTED = "color: #5f6670"
OK = "color: #2e7d32"
WARN = f"color: {WARNING}"


def select_by_id(view: QListWidget, ident: int | None) -> bool:
    """Make the item of ``ident`` current; False when the list has none."""
    for i in range(view.count()):
        item = view.item(i)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) == ident:
            view.setCurrentRow(i)
            return True
    return False


class PageHost(Protocol):
    """The dialog, as a page sees it."""

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
        """Run ``fn(store, *args, **kwargs)`` on the worker for ``page``: on success
        ``done(result)``, the page says ``saved`` (or ``saved(result)``), the overview is
        reloaded, then ``then()``; a refusal is said on the page and nothing else happens."""

    def fetch(
        self, fn: Callable[..., Any], *args: Any, done: Callable[[Any], None], page: SetupPage
    ) -> None:
        """Read ``fn(store, *args)`` on the worker and hand the result to ``done``."""

    def settle(self, page: SetupPage, action: Callable[[], object]) -> None:
        """Ask about ``page``'s unsaved changes (Save / Discard / Cancel), then ``action``."""

    @property
    def busy(self) -> bool:
        """A save or a reload is running."""


def sentence(message: str) -> str:
    """A service message as a sentence: capital first letter, a full stop."""
    text = message.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else text + "."


class SetupPage(QWidget):
    """One page of the set-up: a form over the overview, saved through the dialog."""

    @property
    def title(self) -> str:
        """The page's name in the list on the left, in the window's language."""
        return ""

    sig_dirty_changed = Signal(bool)
    """The page has (True) or no longer has (False) changes that are not saved."""

    def __init__(self, host: PageHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.overview: SetupOverview | None = None
        self._dirty = False
        self._loading = False
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        self.status.setObjectName("setup-status")

    editing: int | None = None
    """The id of the thing in the form (None: a new one)."""

    def list_and_form(
        self, what: str, new_text: str, on_new: Callable[[], object]
    ) -> tuple[QWidget, QVBoxLayout]:
        """The layout of a page of several things (locations, practitioners): their list on
        the left with a *New …* button under it, and the form of the one picked on the right.

        Sets ``self.list``, ``self.new_button`` and ``self.heading``; returns the form's widget
        and its layout, for the page to fill (the heading is its first line).
        """
        self._outer = outer = QHBoxLayout(self)
        left = QVBoxLayout()
        self.list = QListWidget(self)
        self.list.setAccessibleName(what)
        self.list.setMaximumWidth(220)
        self.list.currentItemChanged.connect(self.pick)
        self.new_button = QPushButton(new_text, self)
        self.new_button.clicked.connect(on_new)
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)
        outer.addLayout(left)
        body = QWidget(self)
        right = QVBoxLayout(body)
        right.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(body)
        self.heading.setStyleSheet("font-weight: bold")
        right.addWidget(self.heading)
        return body, right

    _wants_new = False
    """The form is for a new thing (not the first in the list) after the overview reloads."""

    def start_new(self, again: Callable[[], object], heading: str) -> bool:
        """Clear the list's choice for a new thing headed ``heading``; False (after asking,
        ``again`` once the answer is in) while the form has unsaved changes."""
        if self.dirty:
            self.host.settle(self, again)
            return False
        self.editing = None
        self._wants_new = True
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self.heading.setText(heading)
        return True

    def pick(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        """A thing picked in the list: its form, asking first about unsaved changes (the list
        goes back to the thing shown until the answer is in)."""
        if item is None:
            return
        ident = int(item.data(Qt.ItemDataRole.UserRole))
        if ident == self.editing:
            return
        if self.dirty:
            self.list.blockSignals(True)
            if not select_by_id(self.list, self.editing):
                self.list.setCurrentRow(-1)
            self.list.blockSignals(False)
            self.host.settle(self, lambda: self._go_to(ident))
            return
        self.show_item(ident)

    def _go_to(self, ident: int) -> None:
        select_by_id(self.list, ident)
        self.show_item(ident)

    def show_item(self, ident: int) -> None:
        """Fill the form with the thing ``ident`` (pages with a list implement it)."""
        raise NotImplementedError

    def place_form(self, body: QWidget) -> None:
        """Put the filled form beside the list, scrolling when the screen is too low for it."""
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body.setMaximumWidth(720)  # a form as wide as the screen is hard to read across
        scroll.setWidget(body)
        self._outer.addWidget(scroll, 1)

    # -- unsaved changes -------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    def mark_dirty(self, *_args: object) -> None:
        """Connected to every field's edit signal (ignored while the page fills its form)."""
        if self._loading or self._dirty:
            return
        self._dirty = True
        self.say(tr("Not saved yet."))
        self.sig_dirty_changed.emit(True)

    def mark_clean(self) -> None:
        if self._dirty:
            self._dirty = False
            self.sig_dirty_changed.emit(False)

    def filling(self) -> _Filling:
        """``with self.filling():`` around code that sets fields: not the user's edits."""
        return _Filling(self)

    # -- the status line -------------------------------------------------------------------------
    def say(self, text: str, *, warning: bool = False, ok: bool = False) -> None:
        """One line under the form: a refusal (warning), a success (ok) or a note."""
        colour = WARN if warning else OK if ok else MUTED
        weight = "bold" if warning else "normal"
        self.status.setStyleSheet(f"{colour}; font-weight: {weight}")
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def refuse(self, exc: BadInput | Exception) -> None:
        """Show a refusal (a PlannerError's one line) and keep every field as typed."""
        self.say(sentence(said(exc)), warning=True)

    # -- what each page implements ---------------------------------------------------------------
    def load(self, overview: SetupOverview) -> None:
        """Show ``overview``; a page with unsaved changes keeps its form as typed."""
        self.overview = overview

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Save the form (through the host, on the worker); ``then`` runs once it is saved."""
        self.mark_clean()
        if then is not None:
            then()

    def discard(self) -> None:
        """Forget the changes: show the saved values again."""
        self.mark_clean()
        self.say("")
        if self.overview is not None:
            self.load(self.overview)

    def wizard_problem(self) -> str | None:
        """In the guided set-up: why Next cannot go on yet (None: it can)."""
        return None

    def default_button(self) -> QPushButton | None:
        """The button Enter presses on this page outside the guided set-up (its Save)."""
        return None

    def first_field(self) -> QWidget | None:
        """Where the keyboard goes when the page is shown."""
        return None


class _Filling:
    def __init__(self, page: SetupPage) -> None:
        self.page = page

    def __enter__(self) -> None:
        self.page._loading = True

    def __exit__(self, *exc: object) -> None:
        self.page._loading = False
