"""The side panel: find a patient as you type, see their flags, plans and sessions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core.patient_input import dob_text
from planner.core.timeutil import utcnow
from planner.errors import NotFound
from planner.services.schedule.patients import patient_detail, search_patients
from planner.services.schedule.values import PatientDetail, PatientRow
from planner.ui.i18n import arg, tr
from planner.ui.models.patient_models import (
    AppointmentIdRole,
    PatientSearchModel,
    PlanFilterProxy,
    PlanIdRole,
    PlansModel,
    SessionsModel,
)
from planner.ui.style import WARNING, WARNING_FILL, flag_label
from planner.ui.worker import TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store

SEARCH_DELAY_MS = 120


class _SearchEdit(QLineEdit):
    """Down arrow moves into the results; Enter picks the first one."""

    sig_down = Signal()
    """Down was pressed: move the focus into the results."""
    sig_enter = Signal()
    """Enter was pressed: pick the first result."""

    # Ctrl+letters the window uses (export, new plan, today, ...) win over the line editor's
    # own X11 bindings (Ctrl+E is "end of line" there), so they work while typing a name.
    _WINDOW_KEYS = frozenset(
        {
            Qt.Key.Key_E,
            Qt.Key.Key_N,
            Qt.Key.Key_T,
            Qt.Key.Key_G,
            Qt.Key.Key_I,
            Qt.Key.Key_M,
            Qt.Key.Key_P,
            Qt.Key.Key_1,
            Qt.Key.Key_2,
            Qt.Key.Key_Q,
        }
    )

    def event(self, e: QEvent) -> bool:
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and isinstance(e, QKeyEvent)
            and e.modifiers() == Qt.KeyboardModifier.ControlModifier
            and e.key() in self._WINDOW_KEYS
        ):
            e.ignore()
            return False
        return super().event(e)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.sig_down.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sig_enter.emit()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class PatientPanel(QWidget):
    """Search, then the chosen patient's screening flags, plans and sessions."""

    sig_patient_selected = Signal(int)
    """A patient was chosen (their id; 0 when cleared)."""
    sig_session_selected = Signal(int, int, object)
    """A session was selected in the list: (appointment id, location id, local start)."""
    sig_session_activated = Signal(int)
    """A session was double-clicked or Enter was pressed on it."""
    sig_new_plan_requested = Signal()
    """The "New plan…" button was pressed."""
    sig_export_requested = Signal()
    """The "Export calendar…" button was pressed."""
    sig_progress_requested = Signal(int)
    """"Progress…" was asked for a plan (its id)."""
    sig_plan_card_requested = Signal(int)
    """"Plan card…" was asked for a plan (its id)."""
    sig_new_patient_requested = Signal(str)
    """"New patient…" was asked for, with what the search field holds (to pre-fill)."""
    sig_edit_patient_requested = Signal(int)
    """"Edit patient…" was asked for the shown patient (their id)."""
    sig_history_requested = Signal(int)
    """"History…" was asked for the shown patient (their id): their change log."""
    sig_session_history_requested = Signal(int)
    """"History of this session…" was asked in the sessions list (the session's id)."""

    def __init__(
        self,
        store: Store | None,
        worker: Worker,
        parent: QWidget | None = None,
        *,
        local_now: Callable[[], datetime] = datetime.now,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.local_now = local_now
        self.clock = clock
        """Naive UTC now: the search shows each patient's next booked session after it."""
        self.store = store
        self.worker = worker
        self.detail: PatientDetail | None = None
        self._search_task: TaskHandle | None = None
        self._detail_task: TaskHandle | None = None
        self._pending_session: int | None = None

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 4, 8)
        lay.setSpacing(6)

        self.search = _SearchEdit(self)
        self.search.setPlaceholderText(tr("Find patient: name, phone or date of birth  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(tr("Find patient"))
        self.search.setToolTip(tr("Name, phone digits, chart number or date of birth (13.05.1973)"))
        lay.addWidget(self.search)

        self.new_patient = QPushButton(tr("Ne&w patient…"), self)
        self.new_patient.setToolTip(
            tr("Register a new patient, with what is typed above filled in (Ctrl+Alt+N)")
        )
        self.new_patient.setAccessibleName(tr("New patient"))
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_patient)
        new_row.addStretch(1)
        lay.addLayout(new_row)
        self.no_match = QLabel("", self)
        self.no_match.setWordWrap(True)
        self.no_match.setStyleSheet("color: #5f6670; padding: 2px")
        self.no_match.setAccessibleName(tr("No patient found"))
        self.no_match.hide()
        lay.addWidget(self.no_match)

        self.results_model = PatientSearchModel(self, today=lambda: self.local_now().date())
        self.results = QListView(self)
        self.results.setModel(self.results_model)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setUniformItemSizes(True)
        self.results.setAccessibleName(tr("Patients found"))
        self.results.hide()
        lay.addWidget(self.results)

        # The chosen patient.
        self.card = QFrame(self)
        card = QVBoxLayout(self.card)
        card.setContentsMargins(0, 4, 0, 0)
        card.setSpacing(4)
        self.name = QLabel("", self.card)
        f = self.name.font()
        f.setPointSizeF(f.pointSizeF() + 3)
        f.setBold(True)
        self.name.setFont(f)
        self.name.setWordWrap(True)
        self.info = QLabel("", self.card)
        self.info.setStyleSheet("color: #5f6670")
        self.info.setWordWrap(True)
        self.flags = QLabel("", self.card)
        self.flags.setWordWrap(True)
        self.flags.setTextFormat(Qt.TextFormat.RichText)
        self.flags.setStyleSheet(
            f"QLabel {{ background: {WARNING_FILL}; color: {WARNING}; border: 1px solid {WARNING};"
            " border-radius: 4px; padding: 6px; }"
        )
        self.flags.setAccessibleName(tr("Screening flags"))
        buttons = QHBoxLayout()
        self.edit_patient = QPushButton(tr("Edi&t patient…"), self.card)
        self.edit_patient.setToolTip(
            tr("Change this patient's details, screening flags or notes (Ctrl+Alt+E)")
        )
        self.new_plan = QPushButton(tr("&New plan…", "a button of the patient panel"), self.card)
        self.new_plan.setToolTip(tr("Book a treatment plan for this patient (Ctrl+N)"))
        self.export = QPushButton(
            tr("E&xport calendar…", "a button of the patient panel"), self.card
        )
        self.export.setToolTip(tr("Save this patient's sessions as an .ics file (Ctrl+E)"))
        # Two rows: three buttons side by side were cut off in a 260 px panel (1280x720).
        buttons.addWidget(self.new_plan)
        buttons.addWidget(self.edit_patient)
        buttons.addStretch(1)
        self.history = QPushButton(tr("H&istory…", "a button of the patient panel"), self.card)
        self.history.setToolTip(
            tr(
                "Who changed this patient's details, plans and sessions, when and at which desk "
                "(Ctrl+Alt+H)"
            )
        )
        more = QHBoxLayout()
        more.addWidget(self.export)
        more.addWidget(self.history)
        more.addStretch(1)
        card.addWidget(self.name)
        card.addWidget(self.info)
        card.addWidget(self.flags)
        card.addLayout(buttons)
        card.addLayout(more)
        lay.addWidget(self.card)

        self.plans_model = PlansModel(self)
        self.plans = QListView(self)
        self.plans.setModel(self.plans_model)
        self.plans.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.plans.setAccessibleName(tr("Plans", "the patient panel's list"))
        self.plans.setSpacing(1)
        self.plans.setAlternatingRowColors(True)

        self.sessions_model = SessionsModel(self)
        self.sessions_proxy = PlanFilterProxy(self)
        self.sessions_proxy.setSourceModel(self.sessions_model)
        self.sessions = QTableView(self)
        self.sessions.setModel(self.sessions_proxy)
        self.sessions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sessions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sessions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.sessions.verticalHeader().hide()
        self.sessions.setShowGrid(False)
        self.sessions.setAlternatingRowColors(True)
        self.sessions.setWordWrap(False)
        self.sessions.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        hh = self.sessions.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.sessions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sessions.setAccessibleName(tr("Sessions", "the patient panel's list"))
        # The selected session's change log (the window's Session ▸ History…, Ctrl+Shift+H,
        # does the same for the session selected here)
        self.act_session_history = QAction(tr("&History of this session…"), self)
        self.act_session_history.triggered.connect(self._session_history)
        self.sessions.addAction(self.act_session_history)
        self.sessions.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.plans_label = QLabel(tr("<b>Plans</b>"), self)
        self.sessions_label = QLabel(tr("<b>Sessions</b>"), self)
        # The chosen plan's progress and printable card (the plan in the list, else the
        # selected session's); also on the plans list's context menu.
        self.progress_button = QPushButton(tr("Pro&gress…", "a plan's progress"), self)
        self.progress_button.setToolTip(
            tr("Sessions done and to come, and pain by region against the baseline")
        )
        self.card_button = QPushButton(tr("Plan &card…"), self)
        self.card_button.setToolTip(
            tr("Print the patient's plan card (one page) or save it as PDF")
        )
        self.act_progress = QAction(tr("Pro&gress…", "a plan's progress"), self)
        self.act_card = QAction(tr("Print plan &card…"), self)
        for action, sig in (
            (self.act_progress, self.sig_progress_requested),
            (self.act_card, self.sig_plan_card_requested),
        ):
            action.triggered.connect(lambda _c=False, sig=sig: self._plan_request(sig))
            self.plans.addAction(action)
        self.plans.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.progress_button.clicked.connect(
            lambda: self._plan_request(self.sig_progress_requested)
        )
        self.card_button.clicked.connect(lambda: self._plan_request(self.sig_plan_card_requested))
        split = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(split)
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        plans_head = QHBoxLayout()
        plans_head.addWidget(self.plans_label, 1)
        plans_head.addWidget(self.progress_button)
        plans_head.addWidget(self.card_button)
        tl.addLayout(plans_head)
        tl.addWidget(self.plans)
        bottom = QWidget(split)
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.sessions_label)
        bl.addWidget(self.sessions)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        self.lists = split
        lay.addWidget(split, 1)

        self.empty = QLabel(
            tr(
                "Type a few letters of a name, digits of a phone number or a date of birth "
                "(13.05.1973) to find a patient.\n\n"
                "Their screening flags, plans and sessions show here. A new patient: Ctrl+Alt+N."
            ),
            self,
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.empty.setStyleSheet("color: #5f6670; padding: 8px 2px")
        self.empty.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        lay.addWidget(self.empty, 1)
        self._show_detail(False)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.sig_down.connect(self._focus_results)
        self.search.sig_enter.connect(self._pick_first)
        self.results.activated.connect(self._pick)
        self.results.clicked.connect(self._pick)
        self.plans.selectionModel().currentChanged.connect(self._plan_changed)
        self.sessions.selectionModel().currentRowChanged.connect(self._session_changed)
        self.sessions.activated.connect(
            lambda idx: self.sig_session_activated.emit(int(idx.data(AppointmentIdRole)))
        )
        self.new_plan.clicked.connect(self.sig_new_plan_requested)
        self.export.clicked.connect(self.sig_export_requested)
        self.new_patient.clicked.connect(self.request_new_patient)
        self.edit_patient.clicked.connect(self.request_edit_patient)
        self.history.clicked.connect(self.request_history)

    # -- History… ---------------------------------------------------------------------------------
    def request_history(self) -> None:
        """Ask for the shown patient's change log (nothing when none is shown)."""
        if self.patient_id:
            self.sig_history_requested.emit(self.patient_id)

    def _session_history(self) -> None:
        idx = self.sessions.currentIndex()
        if idx.isValid():
            self.sig_session_history_requested.emit(int(idx.data(AppointmentIdRole)))

    # -- registering and editing patients --------------------------------------------------------
    def request_new_patient(self) -> None:
        """Ask for the patient dialog, pre-filled with what the search field holds."""
        self.sig_new_patient_requested.emit(self.search.text().strip())

    def request_edit_patient(self) -> None:
        """Ask for the patient dialog on the shown patient (nothing when none is shown)."""
        if self.patient_id:
            self.sig_edit_patient_requested.emit(self.patient_id)

    def patient_saved(self, patient_id: int) -> None:
        """A patient was registered or edited: show them, and search again for the results."""
        self.show_patient(patient_id)
        if self.search.text().strip():
            self._run_search()

    # -- search ------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _run_search(self) -> None:
        text = self.search.text().strip()
        if self._search_task is not None:
            self._search_task.discard()
        if not text:
            self._search_task = None
            self.results_model.set_rows([])
            self._fit_results()
            self._say_no_match("")
            return
        self._search_task = self.worker.run(
            search_patients, self.store, text, 50, now=self.clock(), on_done=self._search_done
        )

    def _search_done(self, rows: list[PatientRow]) -> None:
        self._search_task = None
        self.results_model.set_rows(rows)
        self._fit_results()
        self._say_no_match("" if rows else self.search.text().strip())
        if rows:
            self.results.setCurrentIndex(self.results_model.index(0, 0))

    def _fit_results(self) -> None:
        """The results list is as tall as its rows (at most eight) and hidden when empty."""
        n = self.results_model.rowCount()
        self.results.setVisible(n > 0)
        if n:
            row_h = self.results.sizeHintForRow(0)
            self.results.setFixedHeight(min(n, 8) * row_h + 2 * self.results.frameWidth() + 2)

    def _say_no_match(self, text: str) -> None:
        """Under the search: nobody was found for ``text``, and how to register them."""
        if not text:
            self.no_match.hide()
            return
        self.no_match.setText(
            arg(tr("No patient found — press Ctrl+Alt+N to register “%1” as a new patient"), text)
        )
        self.no_match.show()

    @property
    def searching(self) -> bool:
        return self._timer.isActive() or self._search_task is not None

    def _focus_results(self) -> None:
        if self.results_model.rowCount():
            self.results.setFocus()
            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.results_model.index(0, 0))

    def _pick_first(self) -> None:
        if self._timer.isActive():  # Enter right after typing: search first, then pick
            self._timer.stop()
            self._run_search()
            if self._search_task is not None:

                def search_then_pick(rows: list[PatientRow]) -> None:
                    self._search_done(rows)
                    self._pick_first()

                self._search_task.on_done = search_then_pick
            return
        idx = self.results.currentIndex()
        if not idx.isValid() and self.results_model.rowCount():
            idx = self.results_model.index(0, 0)
        if idx.isValid():
            self._pick(idx)

    def _pick(self, index: QModelIndex) -> None:
        if index.isValid():
            self.show_patient(self.results_model.patient(index.row()).id)
            self.sessions.setFocus()

    # -- the chosen patient --------------------------------------------------------------------
    @property
    def patient_id(self) -> int:
        return self.detail.patient.id if self.detail else 0

    def show_patient(self, patient_id: int, *, select_session: int | None = None) -> None:
        """Show a patient's card (read off the GUI thread)."""
        if self._detail_task is not None:
            self._detail_task.discard()
        self._pending_session = select_session
        if not patient_id:
            self._set_detail(None)
            return
        self._detail_task = self.worker.run(
            patient_detail,
            self.store,
            patient_id,
            on_done=self._set_detail,
            on_error=self._detail_failed,
        )

    def _detail_failed(self, exc: BaseException) -> None:
        """The patient is gone (their registration was undone, maybe at another desk)."""
        self._detail_task = None
        if not isinstance(exc, NotFound):
            raise exc
        self._set_detail(None)
        if self.search.text().strip():
            self._run_search()

    @property
    def loading(self) -> bool:
        return self._detail_task is not None and self._detail_task.running

    def refresh(self) -> None:
        """Read the shown patient again (after a change), keeping the selected session, and
        search again (a renamed or removed patient, a new next session)."""
        if self.search.text().strip() and not self._timer.isActive():
            self._run_search()
        if self.detail is not None:
            self.show_patient(
                self.detail.patient.id, select_session=self.current_session_id() or None
            )

    def _show_detail(self, on: bool) -> None:
        self.card.setVisible(on)
        self.lists.setVisible(on)
        self.empty.setVisible(not on)

    def _set_detail(self, detail: PatientDetail | None) -> None:
        self._detail_task = None
        changed = (detail.patient.id if detail else 0) != self.patient_id
        keep_plan = self.sessions_proxy.plan_id if not changed else None
        self.detail = detail
        self._show_detail(detail is not None)
        if detail is None:
            self.plans_model.set_rows([])
            self.sessions_model.set_rows([])
            if changed:
                self.sig_patient_selected.emit(0)
            return
        p = detail.patient
        self.name.setText(p.name)
        bits = [
            x
            for x in (
                p.phone,
                arg(tr("born %1"), dob_text(p.date_of_birth)) if p.date_of_birth else "",
                arg(tr("chart %1"), p.chart_number) if p.chart_number else "",
            )
            if x
        ]
        self.info.setText("  ·  ".join(bits))
        if p.flags:
            items = "".join(f"<li>{flag_label(f)}</li>" for f in p.flags)
            head = tr("<b>⚠ Screening before needling</b>")
            card_html = f"{head}<ul style='margin:2px 0 0 -20px'>{items}</ul>"
            self.flags.setText(card_html)
            self.flags.show()
        else:
            self.flags.hide()
        self.plans_model.set_rows(detail.plans)
        self.sessions_model.set_rows(detail.sessions)
        self.sessions_proxy.set_plan(None)
        if keep_plan is not None:
            for r in range(self.plans_model.rowCount()):
                if self.plans_model.plan(r).id == keep_plan:
                    self.plans.setCurrentIndex(self.plans_model.index(r, 0))
        self.plans_label.setText(arg(tr("<b>Plans</b> (%1)"), len(detail.plans)))
        for w in (self.progress_button, self.card_button, self.act_progress, self.act_card):
            w.setEnabled(bool(detail.plans))
        self.sessions_label.setText(arg(tr("<b>Sessions</b> (%1)"), len(detail.sessions)))
        target = self._pending_session
        self._pending_session = None
        if target is None:
            target = self._next_session_id()
        if target:
            self.select_session(target, emit=False)
        if changed:
            self.sig_patient_selected.emit(p.id)

    def _next_session_id(self) -> int | None:
        if self.detail is None:
            return None
        today = self.local_now().replace(hour=0, minute=0, second=0, microsecond=0)
        upcoming = [s for s in self.detail.sessions if s.status == "booked" and s.start >= today]
        return upcoming[0].id if upcoming else None

    def _plan_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.sessions_proxy.set_plan(int(current.data(PlanIdRole)) if current.isValid() else None)

    def chosen_plan_id(self) -> int:
        """The plan chosen in the list, else the selected session's, else the latest plan."""
        idx = self.plans.currentIndex()
        if idx.isValid():
            return int(idx.data(PlanIdRole))
        if self.detail is None or not self.detail.plans:
            return 0
        sid = self.current_session_id()
        for s in self.detail.sessions:
            if s.id == sid:
                return s.plan_id
        return self.detail.plans[-1].id

    def _plan_request(self, signal: SignalInstance) -> None:
        plan_id = self.chosen_plan_id()
        if plan_id:
            signal.emit(plan_id)

    def show_all_plans(self) -> None:
        self.plans.clearSelection()
        self.plans.setCurrentIndex(QModelIndex())
        self.sessions_proxy.set_plan(None)

    def _session_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        s = self.sessions_model.session(self.sessions_proxy.mapToSource(current).row())
        self.sig_session_selected.emit(s.id, s.location_id, s.start)

    def current_session_id(self) -> int:
        idx = self.sessions.currentIndex()
        return int(idx.data(AppointmentIdRole)) if idx.isValid() else 0

    def select_session(self, appointment_id: int, *, emit: bool = True) -> bool:
        row = self.sessions_model.row_of(appointment_id)
        if row < 0:
            return False
        proxy_index = self.sessions_proxy.mapFromSource(self.sessions_model.index(row, 0))
        if not proxy_index.isValid():
            self.show_all_plans()
            proxy_index = self.sessions_proxy.mapFromSource(self.sessions_model.index(row, 0))
        sm = self.sessions.selectionModel()
        if not emit:
            sm.blockSignals(True)
        self.sessions.setCurrentIndex(proxy_index)
        self.sessions.scrollTo(proxy_index, QAbstractItemView.ScrollHint.PositionAtCenter)
        if not emit:
            sm.blockSignals(False)
            self.sessions.viewport().update()
        return True
