"""The main window: it composes the panels and wires their signals, nothing more.

Business logic lives in the services; desk actions (with their questions and undo) in
:class:`~planner.ui.desk.Desk`; the actions and menus in :mod:`planner.ui.actions`; the range
shown in :class:`~planner.ui.navigation.Navigator`; loading in
:class:`~planner.ui.loader.ScheduleLoader`; the first run in :mod:`planner.ui.first_run`;
painting in :class:`~planner.ui.views.schedule_view.ScheduleView`. Everything the window
needs is passed in through its constructor, and every database call runs on its worker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.core.timeutil import to_local, utcnow, zone
from planner.errors import PlannerError
from planner.services.schedule.patients import session_info
from planner.services.schedule.values import ClinicDirectory, LocationInfo, RangeData
from planner.services.schedule.week import clinic_directory
from planner.ui.actions import ActionAlias, WindowActions, show_shortcuts
from planner.ui.backup_status import EVERY_H as BACKUP_EVERY_H
from planner.ui.backup_status import BackupKeeper, BackupState, BackupStatus
from planner.ui.desk import Desk
from planner.ui.errors import show_error
from planner.ui.first_paint import FirstPaint
from planner.ui.first_run import FirstRun
from planner.ui.geometry import fit_to_screen
from planner.ui.i18n import arg, tr
from planner.ui.live import ChangeWatcher, Heard, ViewKeeper, heard, live_note
from planner.ui.loader import ScheduleLoader
from planner.ui.navigation import Navigator
from planner.ui.outbox_sender import EVERY_S, OutboxNote, OutboxSender, OutboxStatus
from planner.ui.settings import AppSettings, Preferences
from planner.ui.waitlist_watch import WaitlistBanner, WaitlistWatch
from planner.ui.widgets.legend import Legend
from planner.ui.widgets.schedule_panel import COLUMN_MODES, SchedulePanel
from planner.ui.worker import Worker

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.services.schedule.values import PatientRow, SessionInfo
    from planner.services.waitlist.matching import EntryMatch
    from planner.ui.waitlist_panel import WaitlistPanel
    from planner.ui.widgets.patient_panel import PatientPanel

__all__ = ["PANEL_MIN_W", "FirstPaint", "MainWindow"]

PANEL_MIN_W = 260
"""Narrowest the side panel gets (the splitter does not collapse it; F9 hides it)."""
PANEL_SHARE = 0.2
"""The side panel's share of the window's width at the first start (at most 360 px)."""
LIVE_NOTE_MS = 8000
"""How long the status bar says that the schedule was updated from another desk."""
WAITLIST_SIDE_W = 420
"""The waitlist dock's width beside the schedule (when the window has that room to spare)."""
WAITLIST_BOTTOM_H = 270
"""Its height under the schedule, on a smaller screen."""

APP_NAME = "planner"
"""The program's name in the title bar (a name: never translated)."""


def empty_clinic() -> str:
    """What the empty schedule says on a database without a clinic."""
    return tr(
        "This database has no clinic yet.\n\nSet up your clinic from Clinic ▸ Locations and "
        "rooms… and Clinic ▸ Practitioners…, or try the demo clinic from File ▸ Create demo "
        "clinic…"
    )


class MainWindow(QMainWindow):
    """The front desk: the schedule of one location, the patient panel, menus and shortcuts."""

    sig_week_shown = Signal()
    """A newly loaded range was painted (start-up measurements and tests wait for it)."""
    sig_store_ready = Signal()
    """The database is open and the clinic loaded (after :meth:`open_database`)."""
    sig_store_failed = Signal(object)
    """The database could not be opened (the exception)."""

    act_new_plan = ActionAlias("new_plan")
    act_prev = ActionAlias("prev")
    act_next = ActionAlias("next")
    act_cancelled = ActionAlias("cancelled")
    act_attend = ActionAlias("attend")
    act_progress = ActionAlias("progress")

    def __init__(
        self,
        store: Store | None,
        settings: AppSettings,
        *,
        clock: Callable[[], datetime] = utcnow,
        worker: Worker | None = None,
        parent: QWidget | None = None,
        outbox_every_s: float | None = EVERY_S,
        backup_every_h: float | None = None,
        check_at_start: bool = False,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.clock = clock
        self.worker = worker or Worker(self)
        self._pending_select = 0
        self._current_session = 0
        self._dialogs: list[QDialog] = []
        self._font_scale = 100

        self.setWindowTitle(APP_NAME)
        self.desk = Desk(store, self.worker, self, clock=clock)
        self.loader = ScheduleLoader(store, self.worker, self)
        self._panel: PatientPanel | None = None
        # The side panel is built after the window's first paint (see ``panel``); until then
        # an empty stand-in of the same width keeps its place, so nothing moves when it comes.
        stand_in = QWidget(self)
        stand_in.setMinimumWidth(PANEL_MIN_W)

        self.acts = WindowActions(self)
        self.schedule = SchedulePanel(self.acts, self)
        self.model, self.view, self.bar = self.schedule.model, self.schedule.view, self.schedule.bar
        self.nav = Navigator(self.bar, self.loader, clock, self)
        self.view.now_provider = self.local_now
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(stand_in)
        self.splitter.addWidget(self.schedule)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([360, 1240])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.session_menu = self.acts.build_menus(self.menuBar())
        self.session_menu.aboutToShow.connect(self._session_menu_shown)
        self.session_menu.aboutToHide.connect(self._update_actions)
        self.status_text = QLabel(self)
        self.count_label = QLabel(self)
        self.count_label.setStyleSheet("color: #5f6670; padding: 0 8px")
        self.statusBar().addWidget(self.status_text, 1)
        # The outbox: sent in the background on a lane of its own; its counts and any note
        # about mail not getting out in the status bar (outbox_every_s None: never sent). Its
        # clock is the computer's, never the window's: grace periods and retries are real time.
        self.outbox = OutboxSender(self.worker, self, every_s=outbox_every_s)
        self.outbox_status = OutboxStatus(self)
        self.outbox_note = OutboxNote(self)
        self.outbox.sig_counts.connect(self.outbox_status.set_counts)
        self.outbox.sig_note.connect(self.outbox_note.set_note)
        self.outbox.sig_note.connect(self.outbox_status.set_note)
        self.outbox_status.sig_open.connect(self.open_outbox)
        self.statusBar().addWidget(self.outbox_note, 3)  # only the room left: the legend stays
        self.statusBar().addPermanentWidget(self.outbox_status)
        # Backups of a SQLite file (backup_every_h None: none, as in most tests): due ones at
        # start-up and every few hours, on a lane of their own; the last good one's time here.
        self.backup_every_h = backup_every_h
        self.backups = BackupKeeper(self, every_h=backup_every_h or BACKUP_EVERY_H)
        self.backup_status = BackupStatus(self)
        self.backups.sig_state.connect(self.backup_status.set_state)
        self._backup_asked = False
        self.backups.sig_state.connect(self._backup_said)
        # SQLite's quick check once the database is open, where it costs under 200 ms
        # (check_at_start False: none, as in most tests); damaged pages are shown at once.
        self.check_at_start = check_at_start
        self.backups.sig_damaged.connect(lambda exc: show_error(self, exc))
        self.statusBar().addPermanentWidget(self.backup_status)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(Legend(self))
        self.first_run = FirstRun(self.worker, self)
        self._wire()
        self._wire_actions()
        self._wire_live(store)
        self._wire_waitlist(store)
        self._restore_state()
        self._update_actions()
        if store is None:
            self.show_message(tr("Opening the database…"))
        self._first_paint = FirstPaint(self)
        self._first_paint.then(self.finish_building)

    def after_first_paint(self, fn: Callable[[], object]) -> None:
        """Run ``fn`` once the window has painted (at once, via the event loop, if it has)."""
        self._first_paint.then(fn)

    def finish_building(self) -> None:
        """Build what the first frame leaves out: the side panel."""
        _ = self.panel

    @property
    def panel(self) -> PatientPanel:
        """The side panel: patient search, then the patient's flags, plans and sessions.

        Built right after the window's first paint (or on first use, if that comes sooner),
        in the place an empty stand-in of the same width kept for it: the panel can do
        nothing before the database is open, and leaving it out of the first frame shows the
        week sooner (its module, widgets and their first polish take 15-20 ms).
        """
        if self._panel is None:
            from planner.ui.widgets.patient_panel import PatientPanel

            panel = PatientPanel(
                self.store, self.worker, self, local_now=self.local_now, clock=self.clock
            )
            panel.setMinimumWidth(PANEL_MIN_W)
            panel.setEnabled(self.store is not None)
            panel.sig_session_selected.connect(self._panel_session)
            panel.sig_session_activated.connect(lambda aid: self.view.setFocus())
            panel.sig_new_plan_requested.connect(self.open_new_plan)
            panel.sig_export_requested.connect(self.open_export)
            panel.sig_progress_requested.connect(self.open_progress)
            panel.sig_plan_card_requested.connect(self.open_plan_card)
            panel.sig_new_patient_requested.connect(self.open_new_patient)
            panel.sig_edit_patient_requested.connect(self.open_edit_patient)
            panel.sig_history_requested.connect(self.open_patient_history)
            panel.sig_session_history_requested.connect(self.open_history_of)
            self._panel = panel
            stand_in = self.splitter.replaceWidget(0, panel)
            if stand_in is not None:
                stand_in.deleteLater()
            panel.setVisible(self.acts.toggle_panel.isChecked())
        return self._panel

    # -- wiring ------------------------------------------------------------------------------------
    def _wire(self) -> None:
        self.loader.sig_loaded.connect(self._range_loaded)
        self.loader.sig_failed.connect(self._range_failed)
        self.loader.sig_loading.connect(self.schedule.show_loading)
        self.view.sig_painted.connect(self.sig_week_shown)
        self.view.sig_selection_changed.connect(self._view_selected)
        self.view.sig_activated.connect(lambda aid: self._with_session(self.show_patient_of, aid))
        self.view.sig_move_requested.connect(self._drag_move)
        self.view.sig_context_menu_requested.connect(self._context_menu)
        self.view.sig_slot_activated.connect(self._slot_activated)
        self.view.sig_navigate.connect(self.nav.page)
        self.bar.sig_location_changed.connect(self.set_location)
        self.desk.sig_changed.connect(self._schedule_changed)
        self.desk.sig_message.connect(self.show_message)
        self.desk.sig_focus_session.connect(self._focus_after_change)
        self.desk.sig_busy_changed.connect(lambda _busy: self._update_actions())
        self.desk.sig_undo_changed.connect(self._update_actions)
        self.first_run.sig_message.connect(self.show_message)
        self.first_run.sig_schedule_note.connect(self.view.set_message)
        self.first_run.sig_finished.connect(self.start)
        self.first_run.sig_created.connect(self.backups.back_up_now)  # a new clinic: keep it
        self.worker.sig_unhandled.connect(lambda exc: show_error(self, exc))

    def _wire_actions(self) -> None:
        a, desk = self.acts, self.desk
        slots: dict[QAction, Callable[[], object]] = {
            a.new_plan: self.open_new_plan,
            a.waitlist: self.open_waitlist,
            a.new_patient: lambda: self.panel.request_new_patient(),
            a.edit_patient: self._edit_shown_patient,
            a.day_list: self.open_day_list,
            a.setup_clinic: lambda: self.open_setup("clinic"),
            a.setup_locations: lambda: self.open_setup("locations"),
            a.setup_practitioners: lambda: self.open_setup("practitioners"),
            a.setup_closures: lambda: self.open_setup("closures"),
            a.export: self.open_export,
            a.import_: self.open_import,
            a.outbox: self.open_outbox,
            a.back_up: self.back_up_by_hand,
            a.demo: self.offer_demo,
            a.settings: self.open_settings,
            a.quit: self.close,
            a.undo: desk.undo,
            a.redo: desk.redo,
            a.find: lambda: self.shown_panel().focus_search(),
            a.toggle_panel: lambda: self.set_panel_visible(a.toggle_panel.isChecked()),
            a.show_off: lambda: self.view.set_show_off(a.show_off.isChecked()),
            a.today: self.nav.go_today,
            a.prev: lambda: self.nav.page(-1),
            a.next: lambda: self.nav.page(1),
            a.goto: self.nav.ask_date,
            a.week: lambda: self.set_mode("week"),
            a.day: lambda: self.set_mode("day"),
            a.refresh: self.refresh,
            a.cancelled: lambda: self.nav.set_show_cancelled(a.cancelled.isChecked()),
            a.schedule: lambda: self.view.setFocus(),
            a.move: lambda: self._with_session(desk.move_session),
            a.cancel: lambda: self._with_session(desk.cancel_session),
            a.attend: lambda: self._with_session(desk.attend_session),
            a.no_show: lambda: self._with_session(desk.no_show_session),
            a.cancel_rest: lambda: self._with_session(desk.cancel_rest),
            a.show_patient: lambda: self._with_session(self.show_patient_of),
            a.progress: lambda: self._with_session(self.open_progress_of),
            a.plan_card: lambda: self._with_session(self.open_plan_card_of),
            a.history: lambda: self._with_session(self.open_history_of),
            a.patient_history: self._history_of_shown_patient,
            a.keys: lambda: show_shortcuts(self),
        }
        for action, slot in slots.items():
            action.triggered.connect(lambda _checked=False, fn=slot: fn())

    def _wire_live(self, store: Store | None) -> None:
        """Other desks' changes come in (:mod:`planner.ui.live`); after the loader's own
        wiring, so that the view keeper puts the view back after the window showed a range."""
        self.live = ChangeWatcher(self)
        self.keeper = ViewKeeper(self.view, self.loader, self)
        self.live.sig_changed_elsewhere.connect(self._changed_elsewhere)
        self.desk.sig_busy_changed.connect(self.live.hold)  # the desk's own action first
        if store is not None:
            self.live.start(store)
            self.outbox.start(store)
            self._check_and_back_up(store)
        self.desk.sig_changed.connect(self.outbox.refresh_counts)

    def _wire_waitlist(self, store: Store | None) -> None:
        """The waitlist: after every change here or elsewhere, which waiting patients fit the
        time it freed (matched on the worker), said in a banner at the top of the schedule."""
        self._waitlist_panel: WaitlistPanel | None = None
        self.waitlist_dock: QDockWidget | None = None
        self.waitlist_banner = WaitlistBanner(self.schedule)
        layout = self.schedule.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, self.waitlist_banner)  # under the bar, over the week
        self.waitlist_watch = WaitlistWatch(self.worker, self.clock, self)
        self.waitlist_watch.sig_found.connect(self.waitlist_banner.show_found)
        self.waitlist_watch.sig_rechecked.connect(self.waitlist_banner.rechecked)
        self.waitlist_banner.sig_show.connect(lambda entry: self.open_waitlist(entry))
        self.waitlist_banner.sig_book.connect(lambda entry: self.book_from_waitlist(entry))
        if store is not None:
            self.waitlist_watch.start(store)

    def _update_actions(self) -> None:
        self.acts.enable(
            ready=self.store is not None,
            busy=self.desk.busy,
            empty_clinic=not self.directory.locations,
            stack=self.desk.stack,
        )

    def _restore_state(self) -> None:
        geo = self.settings.geometry()
        if geo is not None:
            self.restoreGeometry(geo)
        else:  # the first start on this computer: as big as reads best, but on the screen
            fit_to_screen(self, 1600, 1000)
        sp = self.settings.splitter()
        if sp is not None:
            self.splitter.restoreState(sp)
        else:
            panel_w = max(PANEL_MIN_W, min(360, int(self.width() * PANEL_SHARE)))
            self.splitter.setSizes([panel_w, max(1, self.width() - panel_w)])
        self.set_panel_visible(not self.settings.panel_hidden())
        self.apply_font_scale(self.settings.preferences().font_scale)
        state = self.settings.view_state()
        self.nav.restore(state)
        columns = state.get("columns", "")
        self.view.column_mode = columns if columns in COLUMN_MODES else COLUMN_MODES[0]
        self.bar.set_column_mode(self.view.column_mode)
        self.acts.cancelled.setChecked(self.nav.show_cancelled)
        self.view.show_off = state.get("show_off") == "True"
        self.acts.show_off.setChecked(self.view.show_off)

    # -- readable on any screen ------------------------------------------------------------
    def set_panel_visible(self, visible: bool) -> None:
        """Show or hide the side panel (F9); the schedule takes its room. Kept across starts."""
        self.acts.toggle_panel.setChecked(visible)
        side = self.splitter.widget(0)
        if side is None:
            return
        focus = QApplication.focusWidget()
        if not visible and focus is not None and side.isAncestorOf(focus):
            self.view.setFocus()  # the keyboard stays in the window
        side.setVisible(visible)

    @property
    def panel_visible(self) -> bool:
        return self.acts.toggle_panel.isChecked()

    def shown_panel(self) -> PatientPanel:
        """The side panel, shown first if it was hidden (finding a patient needs it)."""
        self.set_panel_visible(True)
        return self.panel

    def apply_font_scale(self, percent: int) -> None:
        """The week view's and the panels' text at ``percent`` of the system's font size
        (100: the system's own, followed when it changes)."""
        self._font_scale = percent
        if percent == 100 and not self.splitter.testAttribute(Qt.WidgetAttribute.WA_SetFont):
            return  # the application's font, inherited (and followed) as it is
        font = QFont(QApplication.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * percent / 100)
        else:
            font.setPixelSize(max(6, round(font.pixelSize() * percent / 100)))
        self.splitter.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        """The window's font changed (the system's did): the scaled text follows it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.splitter.testAttribute(
            Qt.WidgetAttribute.WA_SetFont
        ):
            self.apply_font_scale(self._font_scale)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_splitter(self.splitter.saveState())
        self.settings.set_view_state(
            **self.nav.state(), columns=self.view.column_mode, show_off=self.view.show_off
        )
        self.settings.set_panel_hidden(not self.panel_visible)
        self.live.stop()  # no thread left listening once the window is closed
        self.outbox.stop()  # nor sending
        self.backups.stop()  # nor backing up
        super().closeEvent(event)

    # -- the database ------------------------------------------------------------------------------
    def show_preview(self, data: RangeData) -> None:
        """Paint a first look at the week while the database layer is still opening."""
        if self.model.range_data is not None:
            return
        self.nav.show_first_look(data)
        self._range_loaded(data)

    def open_database(
        self, opener: Callable[[], tuple[Store, ClinicDirectory]], *, demo_if_empty: bool = False
    ) -> None:
        """Open the store off the GUI thread, then load the clinic (``opener`` does the I/O)."""

        def opened(result: tuple[Store, ClinicDirectory]) -> None:
            store, directory = result
            self.attach_store(store)
            self.start(directory)
            self.sig_store_ready.emit()
            if not directory.locations:
                self.offer_demo(ask=not demo_if_empty)

        def failed(exc: BaseException) -> None:
            self.sig_store_failed.emit(exc)
            show_error(self, exc, tr("planner cannot open the database"))
            self.close()

        self.worker.run(opener, on_done=opened, on_error=failed)

    def attach_store(self, store: Store) -> None:
        self.store = store
        self.desk.store = store
        self.loader.store = store
        self.live.start(store)
        self.outbox.start(store)
        self.waitlist_watch.start(store)
        self._check_and_back_up(store)
        if self._panel is not None:
            self._panel.store = store
            self._panel.setEnabled(True)
        self._update_actions()
        self.show_message("")

    def back_up_by_hand(self) -> None:
        """File > Back up now: a checked backup at once; the status bar says how it went."""
        store = self._open_store()
        if store is None:
            return
        if not self.backups.back_up_by_hand(store):
            from planner.db.backup import POSTGRES_MESSAGE

            self.show_message(POSTGRES_MESSAGE[:1].upper() + POSTGRES_MESSAGE[1:] + ".")
            return
        self._backup_asked = True
        self.show_message(tr("Backing up the database…"))

    def _backup_said(self, state: BackupState) -> None:
        """After a backup asked for by hand, say how it went (the status line says it too)."""
        if not self._backup_asked or not isinstance(state, BackupState):
            return
        self._backup_asked = False
        self.show_message(
            arg(tr("Backup not made: %1"), state.failed)
            if state.failed
            else arg(tr("Backup made and checked: %1"), state.where)
        )

    def _check_and_back_up(self, store: Store) -> None:
        """The start-up check (if asked for), then the automatic backups (if asked for)."""
        if self.check_at_start:
            self.backups.check(store, then_back_up=bool(self.backup_every_h))
        elif self.backup_every_h:
            self.backups.start(store)

    def _open_store(self) -> Store | None:
        """The store, or None with a note while it is still opening."""
        if self.store is None:
            self.show_message(tr("Opening the database…"))
        return self.store

    def _read(
        self, then: Callable[[Any], None], fn: Callable[..., Any], *args: Any, quiet: bool = False
    ) -> None:
        """``fn(store, *args)`` on the worker, then ``then(answer)``; a refusal is shown
        (unless ``quiet``)."""

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, PlannerError):
                raise exc
            if not quiet:
                show_error(self, exc)

        if (store := self._open_store()) is not None:
            self.worker.run(fn, store, *args, on_done=then, on_error=failed)

    # -- time and the range shown ------------------------------------------------------------------
    def local_now(self) -> datetime:
        """Now, as wall-clock time at the location shown."""
        return self.nav.local_now()

    @property
    def location(self) -> LocationInfo | None:
        return self.nav.location

    @property
    def directory(self) -> ClinicDirectory:
        return self.nav.directory

    def range_first(self) -> date:
        return self.nav.range_first()

    def range_days(self) -> int:
        return self.nav.range_days()

    def go_today(self) -> None:
        self.nav.go_today()

    def set_mode(self, mode: str) -> None:
        """Week or day; into a day, the selected session's day."""
        b = self.schedule.block(self._current_session) if mode == "day" else None
        self.nav.set_mode(mode, b.start.date() if b is not None else None)

    def set_location(self, location_id: int) -> None:
        if self.nav.set_location(location_id):
            self.view.set_shown_columns(None)

    def refresh(self) -> None:
        self.loader.reload()
        self.panel.refresh()

    # -- the clinic --------------------------------------------------------------------------------
    def start(self, directory: ClinicDirectory | None = None, *, keep_range: bool = False) -> None:
        """Load the clinic (locations, practitioners, templates; read on the worker unless
        given) and show this week (with ``keep_range``, the range shown, read again)."""
        if directory is None:
            self._read(lambda d: self.start(d, keep_range=keep_range), clinic_directory)
            return
        if keep_range:
            self.loader.invalidate()  # new columns, hours or closures: no cached range holds
        if self.nav.show_clinic(directory, keep_range=keep_range):
            self.view.set_message("")
            self.nav.request()
        else:
            self.schedule.show_empty(empty_clinic())
        self._update_actions()

    def offer_demo(self, *, ask: bool = True) -> None:
        """On an empty database: offer to create the demo clinic (built off the GUI thread)."""
        if (store := self._open_store()) is not None:
            self.first_run.offer(store, self.local_now().date(), ask=ask)

    def _range_loaded(self, data: RangeData) -> None:
        if self.schedule.show_range(data, self._pending_select or self._current_session):
            self._pending_select = 0
        active = sum(1 for b in data.blocks if b.status != "cancelled")
        where = data.location.name
        self.count_label.setText(" · ".join((tr("%n session(s)", "", active), where)))
        self.setWindowTitle(" · ".join((APP_NAME, where)))

    def _range_failed(self, exc: BaseException) -> None:
        self.view.set_message(tr("The schedule could not be loaded."))
        show_error(self, exc)

    # -- sessions ----------------------------------------------------------------------------------
    @property
    def current_session(self) -> int:
        return self._current_session

    def _view_selected(self, appointment_id: int) -> None:
        if appointment_id:
            self._current_session = appointment_id

    def _panel_session(self, appointment_id: int, location_id: int, start: datetime) -> None:
        self._current_session = appointment_id
        self.nav.follow(location_id)
        if self.view.select(appointment_id):
            return
        self._pending_select = appointment_id
        self.nav.go_to(start.date())

    def _with_session(self, fn: Callable[[int], object], appointment_id: int | None = None) -> None:
        aid = appointment_id or self._current_session
        if not aid:
            self.show_message(
                tr("Select a session first: click it, or use the arrow keys in the schedule")
            )
            return
        fn(aid)

    def show_patient_of(self, appointment_id: int) -> None:
        b = self.schedule.block(appointment_id)
        if b is not None:
            self.shown_panel().show_patient(b.patient_id, select_session=appointment_id)
            return
        self._read(
            lambda info: self.shown_panel().show_patient(
                info.patient_id, select_session=appointment_id
            ),
            session_info,
            appointment_id,
        )

    def _drag_move(self, appointment_id: int, new_start: datetime, column_key: int) -> None:
        block = self.schedule.block(appointment_id)  # the revision of the block dragged
        self.desk.move_session(
            appointment_id,
            new_start,
            column_key=column_key,
            by=self.view.column_mode,
            revision=block.revision if block is not None else None,
        )

    def _context_menu(self, appointment_id: int, pos: QPoint) -> None:
        self._current_session = appointment_id
        block = self.schedule.block(appointment_id)
        menu = self.acts.session_menu_for(
            block, self.desk.busy, self, now_local=self._session_clock()
        )
        menu.aboutToHide.connect(self._update_actions)
        self._popup(menu, pos)

    def _session_clock(self) -> datetime | None:
        """Now at the location shown: attended / no-show are offered once a session started."""
        return to_local(self.desk.clock(), zone(self.location.tz)) if self.location else None

    def _session_menu_shown(self) -> None:
        """The Session menu offers what the selected session's status and time allow."""
        block = self.schedule.block(self._current_session) if self._current_session else None
        if block is not None:
            self.acts.fit_to(block, self.desk.busy, now_local=self._session_clock())

    def _popup(self, menu: QMenu, pos: QPoint) -> None:
        menu.popup(pos)

    def _slot_activated(self, when: datetime, column_key: int) -> None:
        """An empty time in the week: book there, with its practitioner or room filled in."""
        by = self.view.column_mode
        self.open_new_plan(
            start=when,
            practitioner_id=column_key if by == "practitioner" and column_key else None,
            room_id=column_key if by == "room" and column_key else None,
        )

    def _schedule_changed(self) -> None:
        self.loader.reload()
        self.panel.refresh()
        self._waitlist_changed()

    def _waitlist_changed(self) -> None:
        """The schedule changed: match the waitlist again (the banner, an open panel)."""
        self.waitlist_watch.poke()
        shown = self.waitlist_banner.found
        if shown is not None and self.waitlist_banner.isVisible():
            self.waitlist_watch.recheck(shown)
        dock = self.waitlist_dock
        if self._waitlist_panel is not None and dock is not None and dock.isVisible():
            self._waitlist_panel.refresh()

    def _changed_elsewhere(self, ids: list[int]) -> None:
        """Another desk changed the schedule: read again the range shown (keeping the
        selection, time cursor and scroll), the side panel, an open plan card and an open
        new-plan preview, and say in the status bar for a moment which desk it was."""
        self.keeper.keep()
        self.loader.reload()
        if self._panel is not None:
            self._panel.refresh()
        self._waitlist_changed()
        card: Any = getattr(self, "plan_card_dialog", None)  # the last one opened, if any
        if card is not None and card in self._dialogs:
            card.load()
        for dlg in list(self._dialogs):
            recheck = getattr(dlg, "schedule_changed", None)  # the new-plan preview
            if callable(recheck):
                recheck()
        self._read(self._heard_elsewhere, heard, ids, quiet=True)

    def _heard_elsewhere(self, news: Heard) -> None:
        self.statusBar().showMessage(live_note(news.desks, self.local_now()), LIVE_NOTE_MS)
        if news.clinic:  # a new practitioner, changed hours, a closure: read the clinic again
            self._clinic_changed()

    def _focus_after_change(self, appointment_id: int) -> None:
        """Select the changed session, going to its location and day if it is not shown."""
        self._current_session = appointment_id
        self._pending_select = appointment_id
        if self.schedule.block(appointment_id) is None:
            self._read(self._show_session, session_info, appointment_id, quiet=True)

    def _show_session(self, info: SessionInfo) -> None:
        if self._pending_select != info.id:
            return  # shown and selected meanwhile (or another session is wanted now): stay
        moved = self.nav.follow(info.location_id)
        if moved or not self.nav.contains(info.start.date()):
            self.nav.go_to(info.start.date())

    def show_message(self, text: str) -> None:
        self.status_text.setText(text)

    # -- dialogs -----------------------------------------------------------------------------------
    def _show(self, dialog: QDialog, *, modal: bool = True) -> None:
        """Show ``dialog`` window-modal (never blocking) or beside the schedule; keep it alive
        while it shows."""
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))
        if modal:
            dialog.open()
        else:
            dialog.show()

    def _forget(self, dialog: QDialog) -> None:
        if dialog in self._dialogs:
            self._dialogs.remove(dialog)
        dialog.deleteLater()
        self.activateWindow()  # back to the desk's keyboard, even without a window manager

    def open_new_plan(
        self,
        *,
        start: datetime | None = None,
        practitioner_id: int | None = None,
        room_id: int | None = None,
    ) -> None:
        """The new-plan dialog, for the patient in the side panel (window-modal, never blocking)."""
        from planner.ui.dialogs.new_plan import NewPlanDialog

        if (store := self._open_store()) is None:
            return
        if not self.directory.locations:
            self.show_message(tr("Set up a location first (or create the demo clinic)"))
            return
        detail = self.panel.detail
        dlg = NewPlanDialog(
            store,
            self.worker,
            self.desk,
            self.directory,
            self,
            patient=detail.patient if detail else None,
            location_id=self.location.id if self.location else None,
            practitioner_id=practitioner_id,
            room_id=room_id,
            start=start,
            local_now=self.local_now,
            pick_patient=self._pick_patient,
        )
        dlg.sig_booked.connect(self._plan_booked)
        self._show(dlg)
        self.new_plan_dialog = dlg

    # -- the waitlist ------------------------------------------------------------------------------
    @property
    def waitlist_panel(self) -> WaitlistPanel | None:
        return self._waitlist_panel

    def open_waitlist(self, entry_id: int | None = None) -> WaitlistPanel | None:
        """The waitlist in a dock beside the schedule (Ctrl+Shift+W), matched again; with
        ``entry_id``, that entry chosen."""
        from planner.ui.waitlist_panel import WaitlistPanel

        if (store := self._open_store()) is None:
            return None
        panel, dock = self._waitlist_panel, self.waitlist_dock
        if panel is None or dock is None:
            panel = WaitlistPanel(store, self.worker, self, clock=self.clock)
            panel.sig_add_requested.connect(self.open_waitlist_entry)
            panel.sig_book_requested.connect(self.book_from_waitlist)
            panel.sig_removed.connect(self.waitlist_banner.forget_entry)
            dock = QDockWidget(tr("Waitlist"), self)
            dock.setObjectName("waitlistDock")
            dock.setWidget(panel)
            # Beside the schedule when the window has the room (a wide screen), else under
            # it, the list beside the sessions: nothing then widens a 1280-pixel window.
            central = self.centralWidget()
            room = self.width() - (central.minimumSizeHint().width() if central else 0)
            side = room >= WAITLIST_SIDE_W
            areas = Qt.DockWidgetArea
            area = areas.RightDockWidgetArea if side else areas.BottomDockWidgetArea
            self.addDockWidget(area, dock)
            panel.set_wide(not side)
            dock.dockLocationChanged.connect(
                lambda where, p=panel: p.set_wide(where == Qt.DockWidgetArea.BottomDockWidgetArea)
            )
            if side:
                self.resizeDocks([dock], [WAITLIST_SIDE_W], Qt.Orientation.Horizontal)
            else:
                self.resizeDocks([dock], [WAITLIST_BOTTOM_H], Qt.Orientation.Vertical)
            self._waitlist_panel, self.waitlist_dock = panel, dock
        dock.show()
        dock.raise_()
        panel.refresh(select=entry_id)
        panel.list.setFocus()
        return panel

    def open_waitlist_entry(self) -> None:
        """Put a patient on the waitlist: the side panel's, or one picked (window-modal)."""
        from planner.ui.dialogs.waitlist_entry import WaitlistEntryDialog

        if (store := self._open_store()) is None:
            return
        detail = self.panel.detail
        dlg = WaitlistEntryDialog(
            store,
            self.worker,
            self.directory,
            self,
            patient=detail.patient if detail else None,
            location_id=self.location.id if self.location else None,
            clock=self.clock,
            today=lambda: self.local_now().date(),
            pick_patient=self._pick_patient,
        )
        dlg.sig_added.connect(lambda entry: self.open_waitlist(entry))
        self._show(dlg)
        self.waitlist_entry_dialog = dlg

    def book_from_waitlist(self, entry_id: int, candidate_index: int = 0) -> None:
        """The new-plan dialog filled with the entry's candidate as it matches now (matched on
        the worker): the booking carries the patient's times and closes the entry."""
        from planner.ui.waitlist_panel import match_for_booking

        if not self.directory.locations:
            self.show_message(tr("Set up a location first (or create the demo clinic)"))
            return
        self._read(
            lambda found: self._book_match(found[0], found[1], candidate_index),
            match_for_booking,
            entry_id,
            self.clock(),
        )

    def _book_match(self, match: EntryMatch, patient: PatientRow, candidate_index: int) -> None:
        from planner.ui.dialogs.new_plan import NewPlanDialog
        from planner.ui.waitlist_panel import waitlist_note

        if (store := self._open_store()) is None:
            return
        if not match.candidates:
            self.show_message(
                arg(tr("Nothing fits %1 now; the entry stays on the waitlist"), patient.name)
            )
            return
        entry = match.entry
        c = match.candidates[max(0, min(candidate_index, len(match.candidates) - 1))]
        dlg = NewPlanDialog(
            store,
            self.worker,
            self.desk,
            self.directory,
            self,
            patient=patient,
            location_id=c.location.id,
            practitioner_id=c.practitioner.id,
            room_id=c.room.id if c.room else None,
            start=c.start,
            local_now=self.local_now,
            pick_patient=self._pick_patient,
        )
        if entry.template:
            dlg.form.set_template(entry.template)
        else:
            dlg.form.set_phases(entry.phases, entry.modality.value)
        dlg.from_waitlist(entry.id, entry.hours, entry.note, waitlist_note(entry))
        dlg.sig_booked.connect(self._plan_booked)
        dlg.sig_booked.connect(lambda *_a, e=entry.id: self.waitlist_banner.forget_entry(e))
        self._show(dlg)
        self.new_plan_dialog = dlg

    def _with_plan(self, appointment_id: int, fn: Callable[[int], None]) -> None:
        """``fn(plan id)`` for the session's plan (looked up on the worker if not shown)."""
        b = self.schedule.block(appointment_id)
        if b is not None:
            fn(b.plan_id)
        else:
            self._read(lambda info: fn(info.plan_id), session_info, appointment_id)

    def open_progress_of(self, appointment_id: int) -> None:
        self._with_plan(appointment_id, self.open_progress)

    def open_plan_card_of(self, appointment_id: int) -> None:
        self._with_plan(appointment_id, self.open_plan_card)

    def open_progress(self, plan_id: int) -> None:
        """The plan's progress in its own window (not modal; read off the GUI thread)."""
        from planner.ui.dialogs.progress_dialog import ProgressDialog

        if (store := self._open_store()) is None:
            return
        dlg = ProgressDialog(store, self.worker, plan_id, self)
        dlg.sig_print_card_requested.connect(self.open_plan_card)
        self._show(dlg, modal=False)
        dlg.load()
        self.progress_dialog = dlg

    def open_plan_card(self, plan_id: int) -> None:
        """Preview the plan card, then print it or save it as PDF (window-modal)."""
        from planner.ui.dialogs.plan_card_dialog import PlanCardDialog

        if (store := self._open_store()) is None:
            return
        dlg = PlanCardDialog(store, self.worker, plan_id, self)
        dlg.sig_done.connect(self.show_message)
        self._show(dlg)
        dlg.load()
        self.plan_card_dialog = dlg

    # -- the clinic's set-up and the day list ------------------------------------------------
    def open_setup(self, page: str | None = None) -> None:
        """The clinic's set-up on ``page`` (not modal: a closure's sessions open in the week
        behind it). One set-up dialog at a time: asking again brings it forward on that page."""
        from planner.ui.dialogs.clinic_setup import ClinicSetupDialog

        if (store := self._open_store()) is None:
            return
        open_one = getattr(self, "setup_dialog", None)
        if isinstance(open_one, ClinicSetupDialog) and open_one in self._dialogs:
            if page:
                open_one.show_page(page)
            open_one.raise_()
            open_one.activateWindow()
            return
        dlg = ClinicSetupDialog(store, self.worker, self, page=page)
        dlg.sig_changed.connect(self._clinic_changed)
        dlg.sig_open_session.connect(self._focus_after_change)
        self._show(dlg, modal=False)
        self.setup_dialog = dlg

    def _clinic_changed(self) -> None:
        """The set-up saved a change: read the clinic again, then the range shown."""

        def reread(directory: ClinicDirectory) -> None:
            self.start(directory, keep_range=True)
            if self._panel is not None:
                self._panel.refresh()

        self._read(reread, clinic_directory)

    def open_day_list(self) -> None:
        """Print or save a day list: of the time cursor's column and day, else the selected
        session's practitioner (or room) and day, else the whole location on the day shown
        (today in the week of today)."""
        from planner.ui.dialogs.day_list_dialog import DayListDialog

        if (store := self._open_store()) is None:
            return
        if not self.directory.locations:
            self.show_message(tr("Set up a location first (or create the demo clinic)"))
            return
        by_room = self.view.column_mode == "room"
        b = self.schedule.block(self._current_session)
        cursor = self.view.time_cursor
        today = self.local_now().date()
        day = today if self.nav.contains(today) else self.range_first()
        column: int | None = None
        if cursor is not None and cursor[1]:  # the column and day of the time cursor
            day, column = cursor[0].date(), cursor[1]
        elif b is not None:  # the selected session's practitioner (or room) and day
            day, column = b.start.date(), (b.room_id if by_room else b.practitioner_id)
        dlg = DayListDialog(
            store,
            self.worker,
            self.directory,
            self,
            practitioner_id=column if column and not by_room else None,
            room_id=column if column and by_room else None,
            location_id=None if column else (self.location.id if self.location else None),
            day=day,
            local_now=self.local_now,
        )
        dlg.sig_done.connect(self.show_message)
        self._show(dlg)
        dlg.load()
        self.day_list_dialog = dlg

    # -- patients --------------------------------------------------------------------------------
    def open_new_patient(self, prefill: str = "") -> None:
        """Register a new patient (``prefill``: what was typed in the search, if anything)."""
        self._open_patient(prefill=prefill)

    def _edit_shown_patient(self) -> None:
        if not self.panel.patient_id:
            self.show_message(tr("Find the patient first (Ctrl+F), then edit them (Ctrl+Alt+E)"))
            return
        self.open_edit_patient(self.panel.patient_id)

    def open_edit_patient(self, patient_id: int) -> None:
        self._open_patient(patient_id=patient_id)

    # -- History… (the change log of a session or a patient) ------------------------------------
    def open_history_of(self, appointment_id: int) -> None:
        """Who changed this session, when, at which desk, and what (read on the worker)."""
        self._open_history(session_id=appointment_id)

    def _history_of_shown_patient(self) -> None:
        if not self.panel.patient_id:
            self.show_message(tr("Find the patient first (Ctrl+F), then see their history"))
            return
        self.open_patient_history(self.panel.patient_id)

    def open_patient_history(self, patient_id: int) -> None:
        """Who changed this patient's details, plans and sessions."""
        self._open_history(patient_id=patient_id)

    def _open_history(
        self, *, session_id: int | None = None, patient_id: int | None = None
    ) -> None:
        from planner.ui.dialogs.history_dialog import HistoryDialog

        if (store := self._open_store()) is None:
            return
        dlg = HistoryDialog(store, self.worker, self, session_id=session_id, patient_id=patient_id)
        self._show(dlg)
        self.history_dialog = dlg

    def _open_patient(self, *, patient_id: int | None = None, prefill: str = "") -> None:
        from planner.ui.dialogs.patient_dialog import PatientDialog

        if (store := self._open_store()) is None:
            return
        dlg = PatientDialog(
            store,
            self.worker,
            self.desk,
            self,
            patient_id=patient_id,
            prefill=prefill,
            today=lambda: self.local_now().date(),
        )
        dlg.sig_saved.connect(self.panel.patient_saved)
        dlg.sig_open_existing.connect(self.panel.patient_saved)  # shows that patient
        self._show(dlg)
        self.patient_dialog = dlg

    def _pick_patient(self) -> PatientRow | None:
        from planner.ui.dialogs.patient_picker import PatientPickerDialog

        if (store := self._open_store()) is None:
            return None
        dlg = PatientPickerDialog(store, self.worker, self, desk=self.desk)
        return dlg.chosen() if dlg.exec() == PatientPickerDialog.DialogCode.Accepted else None

    def _plan_booked(self, plan_id: int, first_session: int) -> None:
        if self.panel.detail is not None:
            self.panel.refresh()
        self._focus_after_change(first_session)

    def open_export(self) -> None:
        from planner.ui.dialogs.export_dialog import ExportDialog

        if (store := self._open_store()) is None:
            return
        detail = self.panel.detail
        dlg = ExportDialog(
            store,
            self.worker,
            self.settings,
            self.directory,
            self,
            patient=detail.patient if detail else None,
            plans=detail.plans if detail else (),
            location_id=self.location.id if self.location else None,
            first=self.range_first(),
            days=self.range_days(),
            clock=self.clock,
        )
        self._show(dlg)
        self.export_dialog = dlg

    def open_outbox(self) -> None:
        """The outbox: what is waiting, queued, sent or failed; send, retry, resend (one at
        a time: asking again brings it forward)."""
        from planner.ui.dialogs.outbox_dialog import OutboxDialog

        if (store := self._open_store()) is None:
            return
        open_one = getattr(self, "outbox_dialog", None)
        if isinstance(open_one, OutboxDialog) and open_one in self._dialogs:
            open_one.raise_()
            open_one.activateWindow()
            return
        dlg = OutboxDialog(store, self.worker, self, lane=self.outbox.lane)
        dlg.sig_changed.connect(self.outbox.refresh_counts)
        self.outbox.sig_ran.connect(dlg.reload)
        dlg.finished.connect(lambda _r: self.outbox.sig_ran.disconnect(dlg.reload))
        self._show(dlg)
        self.outbox_dialog = dlg

    def open_import(self) -> None:
        from planner.ui.dialogs.import_dialog import ImportDialog

        if (store := self._open_store()) is None:
            return
        dlg = ImportDialog(
            store,
            self.worker,
            self.settings,
            self.directory,
            self,
            location_id=self.location.id if self.location else None,
            clock=self.clock,
        )
        dlg.sig_imported.connect(lambda _r: self._imported())
        self._show(dlg)
        self.import_dialog = dlg

    def _imported(self) -> None:
        """Read the clinic again (an import can close days), then the range shown."""

        def reread(directory: ClinicDirectory) -> None:
            self.nav.directory = directory
            self.refresh()

        self._read(reread, clinic_directory)

    def open_settings(self) -> None:
        """This computer's preferences and the clinic's details (kept in the database)."""
        from planner.ui.dialogs.settings_dialog import SettingsDialog

        dlg = SettingsDialog(
            self.settings.preferences(),
            self.store.display if self.store else "",
            self.store,
            self.worker,
            self,
        )
        dlg.accepted.connect(lambda: self.save_settings(dlg.value()))

        # A new backup folder holds no backup yet: make one there now (not only in 6 hours).
        def folder_changed(_result: int) -> None:
            if dlg.backup_folder_changed:
                self.back_up_by_hand()

        dlg.finished.connect(folder_changed)
        self._show(dlg)

    def save_settings(self, prefs: Preferences) -> None:
        """Keep this computer's preferences (the dialog saved the clinic's details already)."""
        self.settings.save_preferences(prefs)
        self.apply_font_scale(prefs.font_scale)
