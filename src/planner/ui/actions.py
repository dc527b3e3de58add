"""The window's actions: their text, shortcuts and tips, the menus they sit in, the F1 list.

:class:`WindowActions` only builds; the main window connects each action to what it does,
and :meth:`WindowActions.enable` says which may be used now (an open database, no change
in flight).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QWidget

from planner.core.attendance import may_attend, may_be_no_show
from planner.services.schedule.values import Block
from planner.ui.dialogs import prompts

Key = str | QKeySequence.StandardKey

SHORTCUTS = (
    ("Find a patient", "Ctrl+F, then ↓ and Enter"),
    ("New patient · edit the patient shown", "Ctrl+Alt+N · Ctrl+Alt+E"),
    ("New plan for the patient", "Ctrl+N"),
    ("Choose an empty time · book there", "Shift+arrow keys · Enter (or double-click)"),
    ("Today · previous · next", "Ctrl+T · Alt+← / Page Up · Alt+→ / Page Down"),
    ("Go to a date", "Ctrl+G"),
    ("Week view · day view", "Ctrl+1 · Ctrl+2"),
    ("Hide or show the side panel", "F9 or Ctrl+B"),
    ("Focus the schedule · choose a session", "Ctrl+Shift+S · arrow keys"),
    ("Session menu", "Menu key or Shift+F10"),
    ("Move · cancel", "Ctrl+M · Delete"),
    ("Attended · no-show", "Ctrl+Shift+A · Ctrl+Shift+N"),
    ("The session's plan: progress", "Ctrl+Shift+P"),
    ("Who changed it: the session · the patient shown", "Ctrl+Shift+H · Ctrl+Alt+H"),
    ("Print a day list", "Ctrl+Shift+L"),
    ("Export calendar · import", "Ctrl+E · Ctrl+I"),
    ("Outbox: e-mails on their way", "Ctrl+Shift+O"),
    ("Undo · redo", "Ctrl+Z · Ctrl+Shift+Z"),
)
"""The keyboard shortcuts list (F1): what, and the keys."""

UNDO_PREFIX = "&Undo"
REDO_PREFIX = "&Redo"


class _HasActions(Protocol):
    acts: WindowActions


class ActionAlias:
    """``window.act_next`` for ``window.acts.next``: the names tests and the bench use."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, window: _HasActions, owner: type | None = None) -> QAction:
        action = getattr(window.acts, self.name)
        assert isinstance(action, QAction)
        return action


class WindowActions:
    """Every action of the main window, added to it so its shortcut works anywhere in it."""

    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        a = self._make
        self.new_plan = a("&New plan…", ["Ctrl+N"], "Book a treatment plan or a single session")
        # Ctrl+Shift+N is "no-show": a new patient is Ctrl+Alt+N.
        self.new_patient = a("New pa&tient…", ["Ctrl+Alt+N"], "Register a new patient")
        self.edit_patient = a(
            "Edit p&atient…", ["Ctrl+Alt+E"], "Change the details of the patient shown"
        )
        self.day_list = a(
            "Print day &list…",
            ["Ctrl+Shift+L"],
            "A practitioner's, room's or location's sessions of one day, to print or save as PDF",
        )
        self.setup_clinic = a("&Clinic details…", tip="The clinic's name, phone, e-mail, address")
        self.setup_locations = a("&Locations and rooms…")
        self.setup_practitioners = a("&Practitioners…")
        self.setup_closures = a("Cl&osures…", tip="Days a location is closed, and the sessions")
        self.export = a("&Export calendar…", ["Ctrl+E"], "Save sessions as an .ics file")
        self.import_ = a("&Import busy or closure calendar…", ["Ctrl+I"])
        self.outbox = a(
            "Out&box…",
            ["Ctrl+Shift+O"],
            "E-mail invitations and calendar updates: waiting, queued, sent or failed",
        )
        self.back_up = a(
            "&Back up now",
            tip="A checked copy of the database in the backup folder (Settings, Backups)",
        )
        self.demo = a("Create &demo clinic…")
        self.settings = a("&Settings…", ["Ctrl+,"])
        self.quit = a("&Quit", ["Ctrl+Q"])
        # Undo and redo call the desk and follow its stack (see enable).
        self.undo = a(UNDO_PREFIX, [QKeySequence.StandardKey.Undo])
        self.redo = a(REDO_PREFIX, ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.find = a("&Find patient", ["Ctrl+F"])
        self.today = a("&Today", ["Ctrl+T"], "Go to today (Ctrl+T)")
        self.prev = a(
            "&Previous", ["Alt+Left", "Ctrl+PgUp"], "Previous week or day (Alt+Left, Page Up)"
        )
        self.next = a(
            "&Next", ["Alt+Right", "Ctrl+PgDown"], "Next week or day (Alt+Right, Page Down)"
        )
        self.goto = a("&Go to date…", ["Ctrl+G"], "Jump to a date (Ctrl+G)")
        self.week = a("&Week", ["Ctrl+1"], "Week view (Ctrl+1)")
        self.day = a("&Day", ["Ctrl+2"], "Day view (Ctrl+2)")
        self.refresh = a("&Refresh", ["F5"])
        self.cancelled = a("Show &cancelled sessions")
        self.cancelled.setCheckable(True)
        self.show_off = a(
            "Show practitioners who are &off",
            tip="In the day view, also the practitioners with no hours and no sessions that day",
        )
        self.show_off.setCheckable(True)
        self.toggle_panel = a(
            "S&ide panel", ["F9", "Ctrl+B"], "Hide or show the patient panel (F9) for a wider week"
        )
        self.toggle_panel.setCheckable(True)
        self.toggle_panel.setChecked(True)
        self.schedule = a("Focus the &schedule", ["Ctrl+Shift+S"])
        self.move = a("&Move…", ["Ctrl+M"])
        self.cancel = a("&Cancel…", ["Del"])
        self.cancel.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.attend = a("Mark &attended…", ["Ctrl+Shift+A"])
        self.no_show = a("Mark &no-show", ["Ctrl+Shift+N"])
        self.cancel_rest = a("Cancel the &rest of the plan…", ["Ctrl+Shift+Del"])
        self.show_patient = a("Show &patient", ["Ctrl+P"])
        self.progress = a(
            "Plan p&rogress…",
            ["Ctrl+Shift+P"],
            "Sessions done and to come, and pain by region against the baseline",
        )
        self.plan_card = a(
            "Print plan c&ard…",
            tip="The patient's one-page plan card: print it or save it as PDF",
        )
        self.history = a(
            "&History…",
            ["Ctrl+Shift+H"],
            "Who changed the selected session, when, at which desk, and what (Ctrl+Shift+H)",
        )
        self.patient_history = a(
            "Patient hist&ory…",
            ["Ctrl+Alt+H"],
            "Who changed the shown patient's details, plans and sessions (Ctrl+Alt+H)",
        )
        self.keys = a("&Keyboard shortcuts", ["F1"])

    def _make(self, text: str, shortcuts: Sequence[Key] = (), tip: str = "") -> QAction:
        action = QAction(text, self._window)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self._window.addAction(action)
        return action

    # -- groups ----------------------------------------------------------------------------------
    def session_actions(self) -> list[QAction | None]:
        """The Session menu and the context menu (None: a separator)."""
        return [
            self.move,
            self.cancel,
            self.attend,
            self.no_show,
            None,
            self.cancel_rest,
            None,
            self.show_patient,
            self.export,
            None,
            self.progress,
            self.plan_card,
            None,
            self.history,
        ]

    def store_actions(self) -> list[QAction]:
        """What needs an open database."""
        return [
            self.new_plan,
            self.new_patient,
            self.edit_patient,
            self.patient_history,
            self.day_list,
            *self.setup_actions(),
            self.export,
            self.import_,
            self.outbox,
            self.back_up,
            self.demo,
            self.find,
            self.refresh,
            *[a for a in self.session_actions() if a is not None],
        ]

    def setup_actions(self) -> list[QAction]:
        """The Clinic menu: each opens the set-up dialog on its page."""
        return [
            self.setup_clinic,
            self.setup_locations,
            self.setup_practitioners,
            self.setup_closures,
        ]

    def editing_actions(self) -> tuple[QAction, ...]:
        """What changes sessions through the desk: it waits while a change is in flight."""
        return (self.move, self.cancel, self.attend, self.no_show, self.cancel_rest)

    def enable(self, *, ready: bool, busy: bool, empty_clinic: bool, stack: QUndoStack) -> None:
        """Enable what may be used now: database actions once it is open, editing and undo
        while no change is in flight, the demo only on an empty database. Undo and redo say
        what they would do, as QUndoStack's own actions do (those would run the command on
        the GUI thread, so the window has its own)."""
        for action in self.store_actions():
            action.setEnabled(ready)
        for action in self.editing_actions():
            action.setEnabled(ready and not busy)
        self.demo.setEnabled(ready and empty_clinic)
        self.undo.setEnabled(not busy and stack.canUndo())
        self.redo.setEnabled(not busy and stack.canRedo())
        _set_prefixed(self.undo, UNDO_PREFIX, stack.undoText())
        _set_prefixed(self.redo, REDO_PREFIX, stack.redoText())

    # -- menus -----------------------------------------------------------------------------------
    def session_menu_for(
        self,
        block: Block | None,
        busy: bool,
        parent: QWidget,
        *,
        now_local: datetime | None = None,
    ) -> QMenu:
        """The context menu of a session: its name on top, and what its status allows.

        ``now_local`` (the clock at the session's location): a session that has not started
        is not offered as attended or a no-show. An attended one may be corrected to a
        no-show (and a no-show to attended).
        """
        menu = QMenu(parent)
        if block is not None:
            title = menu.addAction(
                f"{block.patient_name} · {block.kind_label} {block.progress}".strip()
            )
            title.setEnabled(False)
            menu.addSeparator()
            self.fit_to(block, busy, now_local=now_local)
        fill_menu(menu, self.session_actions())
        return menu

    def fit_to(self, block: Block, busy: bool, *, now_local: datetime | None = None) -> None:
        """Enable the session actions ``block``'s status (and, given ``now_local``, its time)
        allows; :meth:`enable` sets them back when the menu closes."""
        booked = not busy and block.status == "booked"
        self.move.setEnabled(booked)
        self.cancel.setEnabled(booked)
        started = now_local is None or may_be_no_show(block.start, now_local)
        open_to_attend = now_local is None or may_attend(block.start, now_local)
        self.no_show.setEnabled(not busy and (block.status == "attended" or (booked and started)))
        self.attend.setEnabled(
            not busy and block.status in ("booked", "no-show") and open_to_attend
        )

    def build_menus(self, bar: QMenuBar) -> QMenu:
        """File, Edit, View, Session, Clinic and Help; returns the Session menu."""
        fill_menu(
            bar.addMenu("&File"),
            [
                self.new_plan,
                self.new_patient,
                self.edit_patient,
                self.patient_history,
                None,
                self.day_list,
                self.export,
                self.import_,
                self.outbox,
                None,
                self.back_up,
                self.demo,
                self.settings,
                None,
                self.quit,
            ],
        )
        fill_menu(bar.addMenu("&Edit"), [self.undo, self.redo, None, self.find])
        fill_menu(
            bar.addMenu("&View"),
            [
                self.today,
                self.prev,
                self.next,
                self.goto,
                None,
                self.week,
                self.day,
                None,
                self.cancelled,
                self.show_off,
                self.toggle_panel,
                self.refresh,
                self.schedule,
            ],
        )
        session_menu = bar.addMenu("&Session")
        fill_menu(session_menu, self.session_actions())
        fill_menu(bar.addMenu("&Clinic"), list(self.setup_actions()))
        fill_menu(bar.addMenu("&Help"), [self.keys])
        return session_menu


def fill_menu(menu: QMenu, actions: Sequence[QAction | None]) -> None:
    """Add ``actions`` to ``menu``, a separator for each None."""
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)


def _set_prefixed(action: QAction, prefix: str, text: str) -> None:
    action.setText(f"{prefix} {text}" if text else prefix)


def show_shortcuts(parent: QWidget) -> None:
    """The keyboard shortcuts, in a message (F1)."""
    html = (
        "<table cellpadding=4>"
        + "".join(f"<tr><td>{what}</td><td><b>{keys}</b></td></tr>" for what, keys in SHORTCUTS)
        + "</table>"
    )
    prompts.inform(parent, "Keyboard shortcuts", html)
