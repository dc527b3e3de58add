"""The window's actions: their text, shortcuts and tips, the menus they sit in, the F1 list.

:class:`WindowActions` only builds; the main window connects each action to what it does,
and :meth:`WindowActions.enable` says which may be used now (an open database, no change
in flight).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QWidget

from planner.core.attendance import may_attend, may_be_no_show
from planner.services.schedule.values import Block
from planner.ui.dialogs import prompts
from planner.ui.i18n import arg, tr, vocab

Key = str | QKeySequence.StandardKey

SHORTCUTS = (
    (QT_TRANSLATE_NOOP("", "Find a patient"), QT_TRANSLATE_NOOP("", "Ctrl+F, then ↓ and Enter")),
    (QT_TRANSLATE_NOOP("", "New patient · edit the patient shown"), "Ctrl+Alt+N · Ctrl+Alt+E"),
    (QT_TRANSLATE_NOOP("", "New plan for the patient"), "Ctrl+N"),
    (QT_TRANSLATE_NOOP("", "The waitlist: who waits, what fits now"), "Ctrl+Shift+W"),
    (
        QT_TRANSLATE_NOOP("", "Choose an empty time · book there"),
        QT_TRANSLATE_NOOP("", "Shift+arrow keys · Enter (or double-click)"),
    ),
    (
        QT_TRANSLATE_NOOP("", "Today · previous · next"),
        "Ctrl+T · Alt+← / Page Up · Alt+→ / Page Down",
    ),
    (QT_TRANSLATE_NOOP("", "Go to a date"), "Ctrl+G"),
    (QT_TRANSLATE_NOOP("", "Week view · day view"), "Ctrl+1 · Ctrl+2"),
    (QT_TRANSLATE_NOOP("", "Hide or show the side panel"), QT_TRANSLATE_NOOP("", "F9 or Ctrl+B")),
    (
        QT_TRANSLATE_NOOP("", "Focus the schedule · choose a session"),
        QT_TRANSLATE_NOOP("", "Ctrl+Shift+S · arrow keys"),
    ),
    (QT_TRANSLATE_NOOP("", "Session menu"), QT_TRANSLATE_NOOP("", "Menu key or Shift+F10")),
    (QT_TRANSLATE_NOOP("", "Move · cancel"), "Ctrl+M · Delete"),
    (QT_TRANSLATE_NOOP("", "Attended · no-show"), "Ctrl+Shift+A · Ctrl+Shift+N"),
    (QT_TRANSLATE_NOOP("", "The session's plan: progress"), "Ctrl+Shift+P"),
    (
        QT_TRANSLATE_NOOP("", "Who changed it: the session · the patient shown"),
        "Ctrl+Shift+H · Ctrl+Alt+H",
    ),
    (QT_TRANSLATE_NOOP("", "Print a day list"), "Ctrl+Shift+L"),
    (QT_TRANSLATE_NOOP("", "Export calendar · import"), "Ctrl+E · Ctrl+I"),
    (QT_TRANSLATE_NOOP("", "Outbox: e-mails on their way"), "Ctrl+Shift+O"),
    (QT_TRANSLATE_NOOP("", "Undo · redo"), "Ctrl+Z · Ctrl+Shift+Z"),
)
"""The keyboard shortcuts list (F1): what, and the keys."""

UNDO_PREFIX = str(QT_TRANSLATE_NOOP("", "&Undo"))
REDO_PREFIX = str(QT_TRANSLATE_NOOP("", "&Redo"))


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
        self.new_plan = a(
            tr("&New plan…"), ["Ctrl+N"], tr("Book a treatment plan or a single session")
        )
        self.waitlist = a(
            tr("&Waitlist…"),
            ["Ctrl+Shift+W"],
            tr("Patients waiting for a series, and the best time that fits each now"),
        )
        # Ctrl+Shift+N is "no-show": a new patient is Ctrl+Alt+N.
        self.new_patient = a(tr("New pa&tient…"), ["Ctrl+Alt+N"], tr("Register a new patient"))
        self.edit_patient = a(
            tr("Edit p&atient…"), ["Ctrl+Alt+E"], tr("Change the details of the patient shown")
        )
        self.day_list = a(
            tr("Print day &list…"),
            ["Ctrl+Shift+L"],
            tr(
                "A practitioner's, room's or location's sessions of one day, "
                "to print or save as PDF"
            ),
        )
        self.setup_clinic = a(
            tr("&Clinic details…"), tip=tr("The clinic's name, phone, e-mail, address")
        )
        self.setup_locations = a(tr("&Locations and rooms…"))
        self.setup_practitioners = a(tr("&Practitioners…"))
        self.setup_closures = a(
            tr("Cl&osures…"), tip=tr("Days a location is closed, and the sessions")
        )
        self.export = a(tr("&Export calendar…"), ["Ctrl+E"], tr("Save sessions as an .ics file"))
        self.import_ = a(tr("&Import busy or closure calendar…"), ["Ctrl+I"])
        self.outbox = a(
            tr("Out&box…"),
            ["Ctrl+Shift+O"],
            tr("E-mail invitations and calendar updates: waiting, queued, sent or failed"),
        )
        self.back_up = a(
            tr("&Back up now"),
            tip=tr("A checked copy of the database in the backup folder (Settings, Backups)"),
        )
        self.demo = a(tr("Create &demo clinic…"))
        self.settings = a(tr("&Settings…"), ["Ctrl+,"])
        self.quit = a(tr("&Quit"), ["Ctrl+Q"])
        # Undo and redo call the desk and follow its stack (see enable).
        self.undo = a(tr(UNDO_PREFIX), [QKeySequence.StandardKey.Undo])
        self.redo = a(tr(REDO_PREFIX), ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.find = a(tr("&Find patient"), ["Ctrl+F"])
        self.today = a(tr("&Today"), ["Ctrl+T"], tr("Go to today (Ctrl+T)"))
        self.prev = a(
            tr("&Previous"),
            ["Alt+Left", "Ctrl+PgUp"],
            tr("Previous week or day (Alt+Left, Page Up)"),
        )
        self.next = a(
            tr("&Next"), ["Alt+Right", "Ctrl+PgDown"], tr("Next week or day (Alt+Right, Page Down)")
        )
        self.goto = a(tr("&Go to date…"), ["Ctrl+G"], tr("Jump to a date (Ctrl+G)"))
        self.week = a(tr("&Week"), ["Ctrl+1"], tr("Week view (Ctrl+1)"))
        self.day = a(tr("&Day"), ["Ctrl+2"], tr("Day view (Ctrl+2)"))
        self.refresh = a(tr("&Refresh"), ["F5"])
        self.cancelled = a(tr("Show &cancelled sessions"))
        self.cancelled.setCheckable(True)
        self.show_off = a(
            tr("Show practitioners who are &off"),
            tip=tr(
                "In the day view, also the practitioners with no hours and no sessions that day"
            ),
        )
        self.show_off.setCheckable(True)
        self.toggle_panel = a(
            tr("S&ide panel"),
            ["F9", "Ctrl+B"],
            tr("Hide or show the patient panel (F9) for a wider week"),
        )
        self.toggle_panel.setCheckable(True)
        self.toggle_panel.setChecked(True)
        self.schedule = a(tr("Focus the &schedule"), ["Ctrl+Shift+S"])
        self.move = a(tr("&Move…"), ["Ctrl+M"])
        self.cancel = a(tr("&Cancel…"), ["Del"])
        self.cancel.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.attend = a(tr("Mark &attended…"), ["Ctrl+Shift+A"])
        self.no_show = a(tr("Mark &no-show"), ["Ctrl+Shift+N"])
        self.cancel_rest = a(tr("Cancel the &rest of the plan…"), ["Ctrl+Shift+Del"])
        self.show_patient = a(tr("Show &patient"), ["Ctrl+P"])
        self.progress = a(
            tr("Plan p&rogress…"),
            ["Ctrl+Shift+P"],
            tr("Sessions done and to come, and pain by region against the baseline"),
        )
        self.plan_card = a(
            tr("Print plan c&ard…"),
            tip=tr("The patient's one-page plan card: print it or save it as PDF"),
        )
        self.history = a(
            tr("&History…"),
            ["Ctrl+Shift+H"],
            tr("Who changed the selected session, when, at which desk, and what (Ctrl+Shift+H)"),
        )
        self.patient_history = a(
            tr("Patient hist&ory…"),
            ["Ctrl+Alt+H"],
            tr("Who changed the shown patient's details, plans and sessions (Ctrl+Alt+H)"),
        )
        self.keys = a(tr("&Keyboard shortcuts"), ["F1"])

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
            self.waitlist,
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
        undo, redo = stack.undoText(), stack.redoText()
        self.undo.setText(arg(tr("&Undo %1"), undo) if undo else tr(UNDO_PREFIX))
        self.redo.setText(arg(tr("&Redo %1"), redo) if redo else tr(REDO_PREFIX))

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
            what = " ".join(w for w in (vocab(block.kind_label), block.progress) if w)
            title = menu.addAction(" · ".join((block.patient_name, what)))
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
            bar.addMenu(tr("&File")),
            [
                self.new_plan,
                self.waitlist,
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
        fill_menu(bar.addMenu(tr("&Edit")), [self.undo, self.redo, None, self.find])
        fill_menu(
            bar.addMenu(tr("&View")),
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
        session_menu = bar.addMenu(tr("&Session"))
        fill_menu(session_menu, self.session_actions())
        fill_menu(bar.addMenu(tr("&Clinic")), list(self.setup_actions()))
        fill_menu(bar.addMenu(tr("&Help")), [self.keys])
        return session_menu


def fill_menu(menu: QMenu, actions: Sequence[QAction | None]) -> None:
    """Add ``actions`` to ``menu``, a separator for each None."""
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)


def show_shortcuts(parent: QWidget) -> None:
    """The keyboard shortcuts, in a message (F1)."""
    rows = "".join(
        f"<tr><td>{tr(str(what))}</td><td><b>{tr(str(keys))}</b></td></tr>"
        for what, keys in SHORTCUTS
    )
    prompts.inform(parent, tr("Keyboard shortcuts"), f"<table cellpadding=4>{rows}</table>")
