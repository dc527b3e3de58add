"""The main window: it composes the panels and wires their signals, nothing more.

Business logic lives in the services; desk actions (with their questions and undo) in
:class:`~planner.ui.desk.Desk`; loading in :class:`~planner.ui.loader.ScheduleLoader`;
painting in :class:`~planner.ui.views.schedule_view.ScheduleView`. Everything the window
needs is passed in through its constructor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QProgressDialog,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from planner.core.timeutil import to_local, utcnow, zone
from planner.errors import PlannerError
from planner.services.schedule.patients import session_info
from planner.services.schedule.values import ClinicDirectory, LocationInfo, RangeData
from planner.services.schedule.week import clinic_directory, is_empty
from planner.ui.desk import Desk
from planner.ui.dialogs import prompts
from planner.ui.errors import show_error
from planner.ui.loader import ScheduleLoader
from planner.ui.models.schedule_model import ScheduleModel
from planner.ui.settings import AppSettings, Preferences
from planner.ui.views.schedule_view import ScheduleView
from planner.ui.widgets.legend import Legend
from planner.ui.widgets.schedule_bar import ScheduleBar
from planner.ui.worker import Worker

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.ui.widgets.patient_panel import PatientPanel


PANEL_MIN_W = 300
"""Narrowest the side panel gets (the splitter does not collapse it)."""


class FirstPaint(QObject):
    """Runs queued work once the watched widget has painted for the first time.

    A plain ``QTimer.singleShot(0, ...)`` at start-up runs before the first paint: the event
    loop fires due timers before it gets to the window's paint. Each piece of work goes to the
    event loop on its own, so the window can repaint between them.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.waiting: list[Callable[[], object]] = []
        self.done = False
        widget.installEventFilter(self)

    def then(self, fn: Callable[[], object]) -> None:
        if self.done:
            QTimer.singleShot(0, fn)
        elif fn not in self.waiting:
            self.waiting.append(fn)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            watched.removeEventFilter(self)
            for fn in self.waiting:
                QTimer.singleShot(0, fn)
            self.waiting.clear()
        return False


class MainWindow(QMainWindow):
    """The front desk: the schedule of one location, the patient panel, menus and shortcuts."""

    sig_week_shown = Signal()
    """A newly loaded range was painted (start-up measurements and tests wait for it)."""
    sig_store_ready = Signal()
    """The database is open and the clinic loaded (after :meth:`open_database`)."""
    sig_store_failed = Signal(object)
    """The database could not be opened (the exception)."""

    def __init__(
        self,
        store: Store | None,
        settings: AppSettings,
        *,
        clock: Callable[[], datetime] = utcnow,
        worker: Worker | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.clock = clock
        self.worker = worker or Worker(self)
        self.directory = ClinicDirectory((), (), (), ())
        self.location: LocationInfo | None = None
        self.mode = "week"
        self.anchor = self.local_now().date()
        self.show_cancelled = False
        self._pending_select = 0
        self._current_session = 0
        self._dialogs: list[QWidget] = []

        self.setWindowTitle("planner")
        self.desk = Desk(store, self, clock=clock)
        self.model = ScheduleModel(self)
        self.view = ScheduleView(self.model, self)
        self.view.now_provider = self.local_now
        self.loader = ScheduleLoader(store, self.worker, self)
        self._panel: PatientPanel | None = None
        # The side panel is built after the window's first paint (see ``panel``); until then
        # an empty stand-in of the same width keeps its place, so nothing moves when it comes.
        stand_in = QWidget(self)
        stand_in.setMinimumWidth(PANEL_MIN_W)

        self._make_actions()
        self.bar = ScheduleBar(
            self.act_prev,
            self.act_today,
            self.act_next,
            self.act_goto,
            self.act_week,
            self.act_day,
            self,
        )
        centre = QWidget(self)
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(0)
        cl.addWidget(self.bar)
        cl.addWidget(self.view, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(stand_in)
        self.splitter.addWidget(centre)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([360, 1240])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self._make_menus()
        self._store_actions = [
            self.act_new_plan,
            self.act_export,
            self.act_import,
            self.act_demo,
            self.act_find,
            self.act_refresh,
            *[a for a in self._session_actions() if a is not None],
        ]
        self.status_text = QLabel(self)
        self.count_label = QLabel(self)
        self.count_label.setStyleSheet("color: #5f6670; padding: 0 8px")
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(Legend(self))
        self._wire()
        self._restore_state()
        if store is None:
            self._set_store_ready(False)
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

            panel = PatientPanel(self.store, self.worker, self, local_now=self.local_now)
            panel.setMinimumWidth(PANEL_MIN_W)
            panel.setEnabled(self.store is not None)
            panel.sig_session_selected.connect(self._panel_session)
            panel.sig_session_activated.connect(lambda aid: self.view.setFocus())
            panel.sig_new_plan_requested.connect(self.open_new_plan)
            panel.sig_export_requested.connect(self.open_export)
            panel.sig_progress_requested.connect(self.open_progress)
            panel.sig_plan_card_requested.connect(self.open_plan_card)
            self._panel = panel
            stand_in = self.splitter.replaceWidget(0, panel)
            if stand_in is not None:
                stand_in.deleteLater()
        return self._panel

    # -- the database ------------------------------------------------------------------------------
    def _set_store_ready(self, ready: bool) -> None:
        for a in self._store_actions:
            a.setEnabled(ready)
        if self._panel is not None:
            self._panel.setEnabled(ready)
        if not ready:
            self.show_message("Opening the database…")

    def show_preview(self, data: RangeData) -> None:
        """Paint a first look at the week while the database layer is still opening."""
        if self.model.range_data is not None:
            return
        self.location = data.location
        self.anchor = data.first
        self.bar.set_locations([data.location], data.location.id)
        self.bar.set_range(self.range_first(), self.range_days(), self.mode)
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
            show_error(self, exc, "planner cannot open the database")
            self.close()

        self.worker.run(opener, on_done=opened, on_error=failed)

    def attach_store(self, store: Store) -> None:
        self.store = store
        self.desk.store = store
        self.loader.store = store
        if self._panel is not None:
            self._panel.store = store
        self._set_store_ready(True)
        self.show_message("")

    # -- time ------------------------------------------------------------------------------------
    def local_now(self) -> datetime:
        """Now, as wall-clock time at the location shown."""
        now = self.clock()
        if now.tzinfo is not None:
            now = now.astimezone(UTC).replace(tzinfo=None)
        tz = self.location.tz if self.location else None
        if tz is None:
            return now.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
        return to_local(now, zone(tz))

    # -- building ----------------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcuts: list[str] | None = None,
        tip: str = "",
    ) -> QAction:
        a = QAction(text, self)
        if shortcuts:
            a.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            a.setToolTip(tip)
            a.setStatusTip(tip)
        a.triggered.connect(lambda _checked=False: slot())
        self.addAction(a)
        return a

    def _make_actions(self) -> None:
        A = self._action
        self.act_new_plan = A("&New plan…", self.open_new_plan, ["Ctrl+N"], "Book a treatment plan")
        self.act_export = A(
            "&Export calendar…", self.open_export, ["Ctrl+E"], "Save sessions as an .ics file"
        )
        self.act_import = A("&Import busy or closure calendar…", self.open_import, ["Ctrl+I"])
        self.act_demo = A("Create &demo clinic…", self.offer_demo)
        self.act_settings = A("&Settings…", self.open_settings, ["Ctrl+,"])
        self.act_quit = A("&Quit", self.close, ["Ctrl+Q"])
        self.act_undo = self.desk.stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.act_redo = self.desk.stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_find = A("&Find patient", lambda: self.panel.focus_search(), ["Ctrl+F"])
        self.act_today = A("&Today", self.go_today, ["Ctrl+T"], "Go to today (Ctrl+T)")
        self.act_prev = A(
            "&Previous",
            lambda: self.page(-1),
            ["Alt+Left", "Ctrl+PgUp"],
            "Previous week or day (Alt+Left, Page Up)",
        )
        self.act_next = A(
            "&Next",
            lambda: self.page(1),
            ["Alt+Right", "Ctrl+PgDown"],
            "Next week or day (Alt+Right, Page Down)",
        )
        self.act_goto = A("&Go to date…", self.ask_date, ["Ctrl+G"], "Jump to a date (Ctrl+G)")
        self.act_week = A("&Week", lambda: self.set_mode("week"), ["Ctrl+1"], "Week view (Ctrl+1)")
        self.act_day = A("&Day", lambda: self.set_mode("day"), ["Ctrl+2"], "Day view (Ctrl+2)")
        self.act_refresh = A("&Refresh", self.refresh, ["F5"])
        self.act_cancelled = A("Show &cancelled sessions", self.toggle_cancelled)
        self.act_cancelled.setCheckable(True)
        self.act_schedule = A("Focus the &schedule", lambda: self.view.setFocus(), ["Ctrl+Shift+S"])
        self.act_move = A("&Move…", lambda: self._with_session(self.desk.move_session), ["Ctrl+M"])
        self.act_cancel = A(
            "&Cancel…", lambda: self._with_session(self.desk.cancel_session), ["Del"]
        )
        self.act_attend = A(
            "Mark &attended…",
            lambda: self._with_session(self.desk.attend_session),
            ["Ctrl+Shift+A"],
        )
        self.act_no_show = A(
            "Mark &no-show", lambda: self._with_session(self.desk.no_show_session), ["Ctrl+Shift+N"]
        )
        self.act_cancel_rest = A(
            "Cancel the &rest of the plan…",
            lambda: self._with_session(self.desk.cancel_rest),
            ["Ctrl+Shift+Del"],
        )
        self.act_show_patient = A(
            "Show &patient", lambda: self._with_session(self.show_patient_of), ["Ctrl+P"]
        )
        self.act_progress = A(
            "Plan p&rogress…",
            lambda: self._with_session(self.open_progress_of),
            ["Ctrl+Shift+P"],
            "Sessions done and to come, and pain by region against the baseline",
        )
        self.act_plan_card = A(
            "Print plan c&ard…",
            lambda: self._with_session(self.open_plan_card_of),
            tip="The patient's one-page plan card: print it or save it as PDF",
        )
        self.act_keys = A("&Keyboard shortcuts", self.show_shortcuts, ["F1"])
        for a in (self.act_cancel,):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def _make_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&File")
        for a in (
            self.act_new_plan,
            None,
            self.act_export,
            self.act_import,
            None,
            self.act_demo,
            self.act_settings,
            None,
            self.act_quit,
        ):
            m.addSeparator() if a is None else m.addAction(a)
        m = mb.addMenu("&Edit")
        m.addAction(self.act_undo)
        m.addAction(self.act_redo)
        m.addSeparator()
        m.addAction(self.act_find)
        m = mb.addMenu("&View")
        for a in (
            self.act_today,
            self.act_prev,
            self.act_next,
            self.act_goto,
            None,
            self.act_week,
            self.act_day,
            None,
            self.act_cancelled,
            self.act_refresh,
            self.act_schedule,
        ):
            m.addSeparator() if a is None else m.addAction(a)
        self.session_menu = mb.addMenu("&Session")
        for a in self._session_actions():
            self.session_menu.addSeparator() if a is None else self.session_menu.addAction(a)
        m = mb.addMenu("&Help")
        m.addAction(self.act_keys)

    def _session_actions(self) -> list[QAction | None]:
        return [
            self.act_move,
            self.act_cancel,
            self.act_attend,
            self.act_no_show,
            None,
            self.act_cancel_rest,
            None,
            self.act_show_patient,
            self.act_export,
            None,
            self.act_progress,
            self.act_plan_card,
        ]

    def _wire(self) -> None:
        self.loader.sig_loaded.connect(self._range_loaded)
        self.loader.sig_failed.connect(self._range_failed)
        self.loader.sig_loading.connect(self._loading)
        self.view.sig_painted.connect(self.sig_week_shown)
        self.view.sig_selection_changed.connect(self._view_selected)
        self.view.sig_activated.connect(lambda aid: self._with_session(self.show_patient_of, aid))
        self.view.sig_move_requested.connect(self._drag_move)
        self.view.sig_context_menu_requested.connect(self._context_menu)
        self.view.sig_slot_activated.connect(self._slot_activated)
        self.view.sig_navigate.connect(self.page)
        self.bar.sig_location_changed.connect(self.set_location)
        self.bar.sig_column_mode_changed.connect(self._column_mode)
        self.bar.sig_filter_changed.connect(self.view.set_shown_columns)
        self.desk.sig_changed.connect(self._schedule_changed)
        self.desk.sig_message.connect(self.show_message)
        self.desk.sig_focus_session.connect(self._focus_after_change)
        self.worker.sig_unhandled.connect(lambda exc: show_error(self, exc))

    def _restore_state(self) -> None:
        geo = self.settings.geometry()
        if geo is not None:
            self.restoreGeometry(geo)
        else:
            self.resize(1600, 1000)
        sp = self.settings.splitter()
        if sp is not None:
            self.splitter.restoreState(sp)
        state = self.settings.view_state()
        self.mode = state.get("mode", "week") if state.get("mode") in ("week", "day") else "week"
        self.view.column_mode = (
            state.get("columns", "practitioner")
            if state.get("columns") in ("practitioner", "room")
            else "practitioner"
        )
        self.bar.set_column_mode(self.view.column_mode)
        self.show_cancelled = state.get("show_cancelled") == "True"
        self.act_cancelled.setChecked(self.show_cancelled)
        self._saved_location = (
            int(state["location"]) if state.get("location", "").isdigit() else None
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_splitter(self.splitter.saveState())
        self.settings.set_view_state(
            location=self.location.id if self.location else "",
            mode=self.mode,
            columns=self.view.column_mode,
            show_cancelled=self.show_cancelled,
        )
        super().closeEvent(event)

    # -- the clinic --------------------------------------------------------------------------------
    def start(self, directory: ClinicDirectory | None = None) -> None:
        """Load the clinic (locations, practitioners, templates) and show this week."""
        self.directory = (
            directory if directory is not None else clinic_directory(self.store)
        )
        self.act_demo.setEnabled(not self.directory.locations)
        if not self.directory.locations:
            self.location = None
            self.model.set_range(None)
            self.bar.set_locations([], None)
            self.view.set_message(
                "This database is empty.\n\nCreate the demo clinic from "
                "File ▸ Create demo clinic…, "
                "or set up locations and practitioners with the planner command."
            )
            return
        wanted = self._saved_location if self.location is None else self.location.id
        loc = self.directory.location(wanted) if wanted else None
        self.location = loc or self.directory.locations[0]
        self.bar.set_locations(self.directory.locations, self.location.id)
        self.anchor = self.local_now().date()
        self.view.set_message("")
        self.request_range()

    def set_location(self, location_id: int) -> None:
        loc = self.directory.location(location_id)
        if loc is None or (self.location and loc.id == self.location.id):
            return
        self.location = loc
        self.view.set_shown_columns(None)
        self.bar.set_locations(self.directory.locations, loc.id)
        self.request_range()

    def _column_mode(self, by: str) -> None:
        self.view.set_column_mode(by)
        self.bar.set_column_mode(by)
        if self.model.range_data:
            self.bar.set_columns(self.model.range_data.columns(by), None)

    # -- the range shown --------------------------------------------------------------------------
    def range_first(self) -> date:
        if self.mode == "week":
            return self.anchor - timedelta(days=self.anchor.weekday())
        return self.anchor

    def range_days(self) -> int:
        return 7 if self.mode == "week" else 1

    def request_range(self) -> None:
        if self.location is None:
            return
        first, days = self.range_first(), self.range_days()
        self.bar.set_range(first, days, self.mode)
        self.loader.request(self.location.id, first, days, self.show_cancelled)

    def page(self, step: int) -> None:
        self.anchor += timedelta(days=step * self.range_days())
        self.request_range()

    def go_today(self) -> None:
        self.go_to(self.local_now().date())

    def go_to(self, day: date) -> None:
        self.anchor = day
        self.request_range()

    def ask_date(self) -> None:
        day = prompts.ask_date(self, self.anchor)
        if day is not None:
            self.go_to(day)

    def set_mode(self, mode: str) -> None:
        if mode == self.mode:
            self.bar.set_range(self.range_first(), self.range_days(), self.mode)
            return
        if mode == "day" and self._current_session:
            b = (
                self.model.range_data.block(self._current_session)
                if self.model.range_data
                else None
            )
            if b is not None:
                self.anchor = b.start.date()
        self.mode = mode
        self.request_range()

    def toggle_cancelled(self) -> None:
        self.show_cancelled = self.act_cancelled.isChecked()
        self.request_range()

    def refresh(self) -> None:
        self.loader.reload()
        self.panel.refresh()

    def _loading(self, on: bool) -> None:
        if on and self.model.range_data is None:
            self.view.set_message("Loading…")

    def _range_loaded(self, data: RangeData) -> None:
        by = self.view.column_mode
        keep_filter = self.view.shown_columns
        old = self.model.range_data
        if old is None or old.location.id != data.location.id:
            keep_filter = None
        self.view.message = ""
        self.model.set_range(data)
        self.bar.set_columns(data.columns(by), keep_filter)
        active = sum(1 for b in data.blocks if b.status != "cancelled")
        where = data.location.name
        self.count_label.setText(f"{active} session{'s' if active != 1 else ''} · {where}")
        target = self._pending_select or self._current_session
        if target and self.view.select(target):
            self._pending_select = 0
        self.setWindowTitle(f"planner · {where}")

    def _range_failed(self, exc: BaseException) -> None:
        self.view.set_message("The schedule could not be loaded.")
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
        if self.location is None or location_id != self.location.id:
            loc = self.directory.location(location_id)
            if loc is not None:
                self.location = loc
                self.bar.set_locations(self.directory.locations, loc.id)
        if self.view.select(appointment_id):
            return
        self._pending_select = appointment_id
        self.go_to(start.date())

    def _with_session(self, fn: Callable[[int], object], appointment_id: int | None = None) -> None:
        aid = appointment_id or self._current_session
        if not aid:
            self.show_message(
                "Select a session first: click it, or use the arrow keys in the schedule"
            )
            return
        fn(aid)

    def show_patient_of(self, appointment_id: int) -> None:
        b = self.model.range_data.block(appointment_id) if self.model.range_data else None
        if b is not None:
            self.panel.show_patient(b.patient_id, select_session=appointment_id)
            return
        try:
            info = session_info(self.store, appointment_id)
        except PlannerError as exc:
            show_error(self, exc)
            return
        self.panel.show_patient(info.patient_id, select_session=appointment_id)

    def _drag_move(self, appointment_id: int, new_start: datetime, column_key: int) -> None:
        self.desk.move_session(
            appointment_id, new_start, column_key=column_key, by=self.view.column_mode
        )

    def _context_menu(self, appointment_id: int, pos: QPoint) -> None:
        self._current_session = appointment_id
        menu = QMenu(self)
        b = self.model.range_data.block(appointment_id) if self.model.range_data else None
        if b is not None:
            title = menu.addAction(f"{b.patient_name} · {b.kind_label} {b.progress}".strip())
            title.setEnabled(False)
            menu.addSeparator()
            booked = b.status == "booked"
            self.act_move.setEnabled(booked)
            self.act_cancel.setEnabled(booked)
            self.act_no_show.setEnabled(booked)
            self.act_attend.setEnabled(b.status in ("booked", "no-show"))
        for a in self._session_actions():
            menu.addSeparator() if a is None else menu.addAction(a)
        menu.aboutToHide.connect(self._enable_session_actions)
        self._popup(menu, pos)

    def _popup(self, menu: QMenu, pos: QPoint) -> None:
        menu.popup(pos)

    def _enable_session_actions(self) -> None:
        for a in (self.act_move, self.act_cancel, self.act_no_show, self.act_attend):
            a.setEnabled(True)

    def _slot_activated(self, when: datetime, column_key: int) -> None:
        practitioner = (
            column_key if self.view.column_mode == "practitioner" and column_key else None
        )
        self.open_new_plan(start=when, practitioner_id=practitioner)

    def _schedule_changed(self) -> None:
        self.loader.reload()
        self.panel.refresh()

    def _focus_after_change(self, appointment_id: int) -> None:
        self._current_session = appointment_id
        self._pending_select = appointment_id
        b = self.model.range_data.block(appointment_id) if self.model.range_data else None
        if b is None:
            try:
                info = session_info(self.store, appointment_id)
            except PlannerError:
                return
            if self.location is None or info.location_id != self.location.id:
                loc = self.directory.location(info.location_id)
                if loc is not None:
                    self.location = loc
                    self.bar.set_locations(self.directory.locations, loc.id)
            if not (
                self.range_first()
                <= info.start.date()
                < self.range_first() + timedelta(days=self.range_days())
            ):
                self.go_to(info.start.date())

    def show_message(self, text: str) -> None:
        self.status_text.setText(text)

    # -- dialogs -----------------------------------------------------------------------------------
    def _keep(self, dialog: QWidget) -> None:
        self._dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))  # type: ignore[attr-defined]

    def _forget(self, dialog: QWidget) -> None:
        if dialog in self._dialogs:
            self._dialogs.remove(dialog)
        dialog.deleteLater()
        self.activateWindow()  # back to the desk's keyboard, even without a window manager

    def open_new_plan(
        self, *, start: datetime | None = None, practitioner_id: int | None = None
    ) -> None:
        """The new-plan dialog, for the patient in the side panel (window-modal, never blocking)."""
        from planner.ui.dialogs.new_plan import NewPlanDialog

        if not self.directory.locations:
            self.show_message("Set up a location first (or create the demo clinic)")
            return
        patient = self.panel.detail.patient if self.panel.detail else None
        dlg = NewPlanDialog(
            self.store,
            self.worker,
            self.desk,
            self.directory,
            self,
            patient=patient,
            location_id=self.location.id if self.location else None,
            practitioner_id=practitioner_id,
            start=start,
            local_now=self.local_now,
            pick_patient=self._pick_patient,
        )
        dlg.sig_booked.connect(self._plan_booked)
        self._keep(dlg)
        dlg.open()
        self.new_plan_dialog = dlg

    def _plan_of(self, appointment_id: int) -> int:
        b = self.model.range_data.block(appointment_id) if self.model.range_data else None
        if b is not None:
            return b.plan_id
        try:
            return session_info(self.store, appointment_id).plan_id
        except PlannerError as exc:
            show_error(self, exc)
            return 0

    def open_progress_of(self, appointment_id: int) -> None:
        plan_id = self._plan_of(appointment_id)
        if plan_id:
            self.open_progress(plan_id)

    def open_plan_card_of(self, appointment_id: int) -> None:
        plan_id = self._plan_of(appointment_id)
        if plan_id:
            self.open_plan_card(plan_id)

    def open_progress(self, plan_id: int) -> None:
        """The plan's progress in its own window (not modal; read off the GUI thread)."""
        from planner.ui.dialogs.progress_dialog import ProgressDialog

        dlg = ProgressDialog(self.store, self.worker, plan_id, self)
        dlg.sig_print_card_requested.connect(self.open_plan_card)
        self._keep(dlg)
        dlg.show()  # beside the schedule, not modal
        dlg.load()
        self.progress_dialog = dlg

    def open_plan_card(self, plan_id: int) -> None:
        """Preview the plan card, then print it or save it as PDF (window-modal)."""
        from planner.ui.dialogs.plan_card_dialog import PlanCardDialog

        dlg = PlanCardDialog(self.store, self.worker, plan_id, self)
        dlg.sig_done.connect(self.show_message)
        self._keep(dlg)
        dlg.open()
        dlg.load()
        self.plan_card_dialog = dlg

    def _pick_patient(self):  # type: ignore[no-untyped-def]
        from planner.ui.dialogs.patient_picker import PatientPickerDialog

        dlg = PatientPickerDialog(self.store, self.worker, self)
        return dlg.chosen() if dlg.exec() == PatientPickerDialog.DialogCode.Accepted else None

    def _plan_booked(self, plan_id: int, first_session: int) -> None:
        if self.panel.detail is not None:
            self.panel.refresh()
        self._focus_after_change(first_session)

    def open_export(self) -> None:
        from planner.ui.dialogs.export_dialog import ExportDialog

        patient = self.panel.detail.patient if self.panel.detail else None
        dlg = ExportDialog(
            self.store,
            self.worker,
            self.settings,
            self.directory,
            self,
            patient=patient,
            plans=self.panel.detail.plans if self.panel.detail else (),
            location_id=self.location.id if self.location else None,
            first=self.range_first(),
            days=self.range_days(),
            clock=self.clock,
        )
        self._keep(dlg)
        dlg.open()
        self.export_dialog = dlg

    def open_import(self) -> None:
        from planner.ui.dialogs.import_dialog import ImportDialog

        dlg = ImportDialog(
            self.store,
            self.worker,
            self.settings,
            self.directory,
            self,
            location_id=self.location.id if self.location else None,
            clock=self.clock,
        )
        dlg.sig_imported.connect(lambda _r: self._imported())
        self._keep(dlg)
        dlg.open()
        self.import_dialog = dlg

    def _imported(self) -> None:
        self.directory = clinic_directory(self.store)
        self.refresh()

    def open_settings(self) -> None:
        from planner.ui.dialogs.settings_dialog import SettingsDialog

        prefs = self.settings.preferences()
        shared = self._clinic_settings()
        prefs.clinic_name = shared.get("clinic_name", prefs.clinic_name)
        prefs.clinic_phone = shared.get("clinic_phone", prefs.clinic_phone)
        dlg = SettingsDialog(prefs, self.store.display if self.store else "", self)
        dlg.accepted.connect(lambda: self.save_settings(dlg.value()))
        self._keep(dlg)
        dlg.open()

    def _clinic_settings(self) -> dict[str, str]:
        if self.store is None:
            return {}
        try:
            from planner.services.clinic_settings import get_settings

            return get_settings(self.store)
        except (ImportError, PlannerError):
            return {}

    def save_settings(self, prefs: Preferences) -> None:
        """Keep the preferences here, and the clinic's name and phone in the database too,
        where every desk's (and the command line's) calendar files read them."""
        self.settings.save_preferences(prefs)
        if self.store is None:
            return
        try:
            from planner.services.clinic_settings import set_setting

            set_setting(self.store, "clinic_name", prefs.clinic_name)
            set_setting(self.store, "clinic_phone", prefs.clinic_phone)
        except PlannerError as exc:
            show_error(self, exc)

    def show_shortcuts(self) -> None:
        rows = [
            ("Find a patient", "Ctrl+F, then ↓ and Enter"),
            ("New plan for the patient", "Ctrl+N"),
            ("Today · previous · next", "Ctrl+T · Alt+← / Page Up · Alt+→ / Page Down"),
            ("Go to a date", "Ctrl+G"),
            ("Week view · day view", "Ctrl+1 · Ctrl+2"),
            ("Focus the schedule · choose a session", "Ctrl+Shift+S · arrow keys"),
            ("Session menu", "Menu key or Shift+F10"),
            ("Move · cancel", "Ctrl+M · Delete"),
            ("Attended · no-show", "Ctrl+Shift+A · Ctrl+Shift+N"),
            ("The session's plan: progress", "Ctrl+Shift+P"),
            ("Export calendar · import", "Ctrl+E · Ctrl+I"),
            ("Undo · redo", "Ctrl+Z · Ctrl+Shift+Z"),
        ]
        html = (
            "<table cellpadding=4>"
            + "".join(f"<tr><td>{a}</td><td><b>{b}</b></td></tr>" for a, b in rows)
            + "</table>"
        )
        prompts.inform(self, "Keyboard shortcuts", html)

    # -- first run ---------------------------------------------------------------------------------
    def offer_demo(self, *, ask: bool = True) -> None:
        """On an empty database: offer to create the demo clinic (built off the GUI thread)."""
        if not is_empty(self.store):
            self.show_message(
                "The database has a clinic already; the demo is only added to an empty one"
            )
            return
        if ask and not prompts.confirm(
            self,
            "An empty database",
            "This database has no clinic yet.\n\nCreate the demo clinic? It has 3 locations, "
            "20 practitioners, 2,000 patients and two years of treatment plans, so you can try "
            "everything. It takes a few seconds.",
            "&Create the demo clinic",
            "&Start empty",
        ):
            return
        from planner.services.demo import build_demo

        progress = QProgressDialog("Creating the demo clinic…", "", 0, 100, self)
        progress.setCancelButton(None)
        progress.setWindowTitle("Demo clinic")
        progress.setMinimumDuration(0)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setValue(0)
        self.view.set_message("Creating the demo clinic…")

        def on_progress(done: int, total: int) -> None:
            progress.setMaximum(max(1, total))
            progress.setValue(min(done, total))

        def done(_summary: object) -> None:
            progress.close()
            progress.deleteLater()
            self.start()
            self.show_message("Demo clinic created")

        def failed(exc: BaseException) -> None:
            progress.close()
            progress.deleteLater()
            self.view.set_message("")
            self.start()
            show_error(self, exc)

        today = self.local_now().date()
        self.demo_task = self.worker.run(
            _build_demo,
            build_demo,
            self.store,
            today,
            on_done=done,
            on_error=failed,
            on_progress=on_progress,
        )


def _build_demo(build_demo, store: Store, today: date, control=None):  # type: ignore[no-untyped-def]
    return build_demo(store, today=today, progress=control.progress if control else None)
