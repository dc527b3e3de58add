"""Book a treatment plan: choose, preview every session live, fix what does not fit, book.

The preview is the booking service's own (``booking.plans.preview``), run off the GUI thread a
moment after each change, so what the table shows is exactly what Book will write. The
one-click fixes change the request, never the sessions behind the service's back:

* **Next free slot** moves the plan's first session to the earliest start from which every
  session fits (same time on later days first, then other times of the practitioner's day).
* **Shift this one** lets sessions whose time is taken move to the nearest free time the same
  day (the plan's conflict policy), and to the next free day if that is not enough.
* **Extend the plan** leaves a week that falls on a holiday or closure out and adds a week at
  the end instead (the plan's holiday policy), so the plan keeps its count.

Book commits the plan and all its sessions in one transaction (``booking.plans.book``, on the
worker, through the desk's undo stack); the dialog closes when the answer is back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core.domain import (
    ConflictPolicy,
    HolidayPolicy,
    Kind,
    Modality,
    Phase,
    ProposedSession,
    ScreeningFlag,
)
from planner.errors import PlannerError
from planner.services.booking.plans import PlanContext, PlanRequest, Preview, preview
from planner.services.clinic import flag_text
from planner.services.schedule.next_free import next_free_start
from planner.services.schedule.values import ClinicDirectory, PatientRow, TemplateInfo
from planner.ui.desk import Desk
from planner.ui.dialogs.session_dialogs import WhenEdit
from planner.ui.models.proposal_model import ProposalModel
from planner.ui.style import WARNING, WARNING_FILL, flag_label
from planner.ui.widgets.body_map import BodyMap
from planner.ui.worker import TaskControl, TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.ui.undo import BookPlanCommand

PREVIEW_DELAY_MS = 150

HOLIDAY_LABELS = {
    HolidayPolicy.NEXT_WORKING_DAY: "Move to the next working day",
    HolidayPolicy.SAME_DAY: "Nearest free time that day",
    HolidayPolicy.SKIP_EXTEND: "Leave the week out, extend the plan",
    HolidayPolicy.KEEP_FLAG: "Keep it and flag it",
}
CONFLICT_LABELS = {
    ConflictPolicy.REFUSE: "Show it as a conflict",
    ConflictPolicy.SAME_DAY: "Shift to the nearest free time that day",
    ConflictPolicy.NEXT_WORKING_DAY: "Shift to the next free day",
}


class NewPlanDialog(QDialog):
    """Choose patient, plan shape, who, where and when; see and fix every session; book."""

    sig_booked = Signal(int, int)
    """A plan was booked: (plan id, id of its first session)."""

    def __init__(
        self,
        store: Store,
        worker: Worker,
        desk: Desk,
        directory: ClinicDirectory,
        parent: QWidget | None = None,
        *,
        patient: PatientRow | None = None,
        location_id: int | None = None,
        practitioner_id: int | None = None,
        start: datetime | None = None,
        local_now: Callable[[], datetime] = datetime.now,
        pick_patient: Callable[[], PatientRow | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New treatment plan")
        self.store, self.worker, self.desk, self.directory = store, worker, desk, directory
        self.patient = patient
        self.pick_patient = pick_patient
        self.local_now = local_now
        self.preview: Preview | None = None
        self.error: str = ""
        self._task: TaskHandle | None = None
        self._fix_task: TaskHandle | None = None
        self._escalate_shift = False
        self._loading = False
        self.booking = False
        """True while the plan is being booked (Book waits for the answer)."""

        outer = QVBoxLayout(self)
        outer.setSpacing(8)

        # Patient and their screening flags, prominently, at the top.
        top = QHBoxLayout()
        self.patient_label = QLabel(self)
        f = self.patient_label.font()
        f.setPointSizeF(f.pointSizeF() + 2)
        f.setBold(True)
        self.patient_label.setFont(f)
        self.change_patient = QPushButton("Change &patient…", self)
        self.change_patient.clicked.connect(self._choose_patient)
        top.addWidget(QLabel("Patient:", self))
        top.addWidget(self.patient_label, 1)
        top.addWidget(self.change_patient)
        outer.addLayout(top)

        self.flags_box = QFrame(self)
        self.flags_box.setObjectName("flags")
        self.flags_box.setStyleSheet(
            f"QFrame#flags {{ background: {WARNING_FILL}; border: 2px solid {WARNING};"
            " border-radius: 6px; }"
            f" QFrame#flags QLabel, QFrame#flags QCheckBox {{ color: {WARNING}; }}"
        )
        fl = QVBoxLayout(self.flags_box)
        self.flags_text = QLabel(self.flags_box)
        self.flags_text.setWordWrap(True)
        self.flags_text.setTextFormat(Qt.TextFormat.RichText)
        self.acknowledge = QCheckBox(
            "I have &discussed these with the patient and the practitioner; the plan may go ahead",
            self.flags_box,
        )
        fl.addWidget(self.flags_text)
        fl.addWidget(self.acknowledge)
        outer.addWidget(self.flags_box)

        body = QHBoxLayout()
        body.setSpacing(12)
        outer.addLayout(body, 1)

        # -- left: the request ----------------------------------------------------------------
        left = QVBoxLayout()
        body.addLayout(left, 0)

        shape = QGroupBox("Plan", self)
        sl = QGridLayout(shape)
        self.use_template = QRadioButton("&Template", shape)
        self.use_custom = QRadioButton("C&ustom cadence", shape)
        self.use_template.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.use_template)
        group.addButton(self.use_custom)
        self.template = QComboBox(shape)
        for t in directory.templates:
            self.template.addItem(f"{t.name}  ({t.count} sessions)", t.name)
        self.template_note = QLabel(shape)
        self.template_note.setWordWrap(True)
        self.template_note.setStyleSheet("color: #5f6670")
        self.weeks = _spin(1, 52, 6, shape, " weeks")
        self.per_week = _spin(1, 7, 1, shape, " a week")
        self.every = _spin(1, 8, 1, shape, "", prefix="every ")
        self.every.setSuffix(" week(s)")
        self.duration = _spin(5, 480, 30, shape, " min", step=5)
        self.modality = QComboBox(shape)
        for m in Modality:
            self.modality.addItem(m.label, m.value)
        sl.addWidget(self.use_template, 0, 0)
        sl.addWidget(self.template, 0, 1, 1, 3)
        sl.addWidget(self.template_note, 1, 1, 1, 3)
        sl.addWidget(self.use_custom, 2, 0)
        sl.addWidget(self.weeks, 2, 1)
        sl.addWidget(self.per_week, 2, 2)
        sl.addWidget(self.every, 2, 3)
        sl.addWidget(self.duration, 3, 1)
        sl.addWidget(self.modality, 3, 2, 1, 2)
        sl.setColumnStretch(1, 1)
        left.addWidget(shape)

        who = QGroupBox("Who, where and when", self)
        form = QFormLayout(who)
        self.location = QComboBox(who)
        for loc in directory.locations:
            self.location.addItem(loc.name, loc.id)
        self.practitioner = QComboBox(who)
        self.room = QComboBox(who)
        self.start = WhenEdit(local_now(), who)
        self.holiday = QComboBox(who)
        for hp, label in HOLIDAY_LABELS.items():
            self.holiday.addItem(label, hp.value)
        self.conflict = QComboBox(who)
        for cp, label in CONFLICT_LABELS.items():
            self.conflict.addItem(label, cp.value)
        form.addRow("&Location:", self.location)
        form.addRow("P&ractitioner:", self.practitioner)
        form.addRow("R&oom:", self.room)
        form.addRow("&First session:", self.start)
        form.addRow("On a &holiday:", self.holiday)
        form.addRow("If the time is ta&ken:", self.conflict)
        left.addWidget(who)

        regions = QGroupBox("Target regions", self)
        rl = QVBoxLayout(regions)
        # The body map: click a region (or Tab in, arrows and Space); red hatching marks a
        # region a screening flag names.
        self.regions = BodyMap(regions)
        self.regions.setMinimumSize(280, 320)
        rl.addWidget(self.regions)
        left.addWidget(regions)
        left.addStretch(1)

        # -- right: the preview ----------------------------------------------------------------
        right = QVBoxLayout()
        body.addLayout(right, 1)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        right.addWidget(self.summary)
        self.model = ProposalModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAccessibleName("Proposed sessions")
        hh = self.table.horizontalHeader()
        for c in range(4):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        right.addWidget(self.table, 1)
        self.reason_label = QLabel(self)
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextFormat(Qt.TextFormat.RichText)
        self.reason_label.setMinimumHeight(self.fontMetrics().height() * 2 + 4)
        self.reason_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.reason_label)

        fixes = QHBoxLayout()
        self.fix_next = QPushButton("Next free &slot", self)
        self.fix_next.setToolTip(
            "Start the plan at the earliest time from which every session is free"
        )
        self.fix_shift = QPushButton("S&hift this one", self)
        self.fix_shift.setToolTip(
            "Let a session whose time is taken move to the nearest free time that day "
            "(or the next free day)"
        )
        self.fix_extend = QPushButton("E&xtend the plan", self)
        self.fix_extend.setToolTip(
            "Leave out a week that falls on a holiday or closure and add one at the end instead"
        )
        fixes.addWidget(QLabel("Fix:", self))
        fixes.addWidget(self.fix_next)
        fixes.addWidget(self.fix_shift)
        fixes.addWidget(self.fix_extend)
        fixes.addStretch(1)
        right.addLayout(fixes)

        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {WARNING}")
        self.error_label.hide()
        right.addWidget(self.error_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.book_button = QPushButton("&Book", self)
        self.book_button.setDefault(True)
        self.close_button = QPushButton("Close", self)
        self.close_button.setAutoDefault(False)
        buttons.addWidget(self.book_button)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)

        # -- wiring ------------------------------------------------------------------------------
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._run_preview)
        self.location.currentIndexChanged.connect(self._location_changed)
        self.template.currentIndexChanged.connect(self._template_changed)
        self.use_template.toggled.connect(self._shape_changed)
        for w in (self.practitioner, self.room, self.modality, self.holiday, self.conflict):
            w.currentIndexChanged.connect(self._changed)
        for s in (self.weeks, self.per_week, self.every, self.duration):
            s.valueChanged.connect(self._changed)
        self.start.dateTimeChanged.connect(self._changed)
        self.regions.sig_changed.connect(self._changed)
        self.acknowledge.toggled.connect(self._update_buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.fix_next.clicked.connect(self.apply_next_free_slot)
        self.fix_shift.clicked.connect(self.apply_shift)
        self.fix_extend.clicked.connect(self.apply_extend)
        self.book_button.clicked.connect(self.book)
        self.close_button.clicked.connect(self.reject)

        # -- initial values ------------------------------------------------------------------------
        self._loading = True
        if location_id is not None:
            i = self.location.findData(location_id)
            if i >= 0:
                self.location.setCurrentIndex(i)
        self._fill_location_dependents()
        if practitioner_id:
            i = self.practitioner.findData(practitioner_id)
            if i >= 0:
                self.practitioner.setCurrentIndex(i)
        if start is None:
            tomorrow = (local_now() + timedelta(days=1)).date()
            start = datetime.combine(tomorrow, datetime.min.time()).replace(hour=10)
        self.set_start(start)
        self._template_changed()
        self._shape_changed()
        self._loading = False
        self._set_patient(patient)
        self.resize(1180, 720)
        self._changed()

    # -- inputs --------------------------------------------------------------------------------
    def set_start(self, when: datetime) -> None:
        self.start.setDateTime(
            QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute))
        )

    def start_value(self) -> datetime:
        q = self.start.dateTime()
        d, t = q.date(), q.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())

    def _choose_patient(self) -> None:
        if self.pick_patient is None:
            return
        p = self.pick_patient()
        if p is not None:
            self._set_patient(p)

    def _set_patient(self, patient: PatientRow | None) -> None:
        self.patient = patient
        self.acknowledge.setChecked(False)
        if patient is None:
            self.patient_label.setText("<i>none chosen</i>")
        else:
            phone = f"  ·  {patient.phone}" if patient.phone else ""
            self.patient_label.setText(f"{patient.name}{phone}")
        self._update_flags()
        self._changed()

    def _needling(self) -> bool:
        if self.use_template.isChecked():
            t = self._template_info()
            return bool(t and t.needling)
        return Modality(self.modality.currentData()).needling

    def _template_info(self) -> TemplateInfo | None:
        name = self.template.currentData()
        return next((t for t in self.directory.templates if t.name == name), None)

    def _context(self) -> PlanContext | None:
        """The last preview's context, when it is for the patient shown."""
        pv = self.preview
        if pv is None or self.patient is None or pv.context.patient.id != self.patient.id:
            return None
        return pv.context

    def _needs_acknowledgement(self) -> bool:
        ctx = self._context()
        if ctx is not None:
            return ctx.needs_acknowledgement
        return bool(self.patient and self.patient.flags and self._needling())

    def _update_flags(self) -> None:
        flags = self.patient.flags if self.patient else ()
        if not flags:
            self.flags_box.hide()
            return
        ctx = self._context()
        where = ctx.flag_regions if ctx is not None else {}

        def label(code: str) -> str:
            try:
                regions = where.get(ScreeningFlag(code))
            except ValueError:
                regions = None
            return flag_text(code, [r.code for r in regions]) if regions else flag_label(code)

        items = ", ".join(f"<b>{_esc(label(f))}</b>" for f in flags)
        targeted = ctx is not None and any(
            t.overlaps(w) for regions in where.values() for w in regions for t in ctx.regions
        )
        if self._needs_acknowledgement() and (self._needling() or targeted):
            why = (
                "Needling must be discussed before booking."
                if self._needling()
                else "The plan targets a flagged region: discuss it before booking."
            )
            self.flags_text.setText(
                f"⚠ <b>Screening flags.</b> {self.patient.name if self.patient else ''}: {items}. "
                + why
            )
            self.acknowledge.show()
        elif self._needling():
            self.flags_text.setText(
                f"⚠ <b>Screening flags.</b> {items}. The flagged regions (hatched red on the "
                "map) are not targets of this plan; no acknowledgement needed."
            )
            self.acknowledge.hide()
        else:
            self.flags_text.setText(
                f"⚠ <b>Screening flags.</b> {items}. This plan does not use needles; "
                "no acknowledgement needed."
            )
            self.acknowledge.hide()
        self.flags_box.show()

    def _location_changed(self) -> None:
        self._fill_location_dependents()
        self._changed()

    def _fill_location_dependents(self) -> None:
        loc_id = self.location.currentData()
        keep = self.practitioner.currentData()
        self.practitioner.blockSignals(True)
        self.room.blockSignals(True)
        self.practitioner.clear()
        for p in self.directory.practitioners_at(loc_id) if loc_id is not None else []:
            note = "" if p.may_needle else "  (does not needle)"
            self.practitioner.addItem(f"{p.name} · {p.profession.replace('-', ' ')}{note}", p.id)
        i = self.practitioner.findData(keep)
        if i >= 0:
            self.practitioner.setCurrentIndex(i)
        else:
            self._pick_default_practitioner()
        self.room.clear()
        self.room.addItem("No room", None)
        for r in self.directory.rooms_at(loc_id) if loc_id is not None else []:
            self.room.addItem(r.name, r.id)
        self.practitioner.blockSignals(False)
        self.room.blockSignals(False)

    def _pick_default_practitioner(self) -> None:
        needling = self._needling() if hasattr(self, "use_template") else False
        loc_id = self.location.currentData()
        for i, p in enumerate(
            self.directory.practitioners_at(loc_id) if loc_id is not None else []
        ):
            if p.may_needle or not needling:
                self.practitioner.setCurrentIndex(i)
                return

    def _template_changed(self) -> None:
        t = self._template_info()
        if t is not None:
            self.template_note.setText(t.description)
            if self.use_template.isChecked():
                self.regions.set_value(list(t.regions))
                self.modality.setCurrentIndex(max(0, self.modality.findData(t.modality)))
        self._update_flags()
        self._changed()

    def _shape_changed(self) -> None:
        custom = self.use_custom.isChecked()
        for w in (self.weeks, self.per_week, self.every, self.duration, self.modality):
            w.setEnabled(custom)
        self.template.setEnabled(not custom)
        self.template_note.setEnabled(not custom)
        self._update_flags()
        self._changed()

    # -- the request and its preview ---------------------------------------------------------------
    def request(self) -> PlanRequest | None:
        if self.patient is None or self.practitioner.currentData() is None:
            return None
        custom = self.use_custom.isChecked()
        phases = None
        if custom:
            phases = (
                Phase(
                    Kind.TREATMENT,
                    duration_min=self.duration.value(),
                    weeks=self.weeks.value(),
                    per_week=self.per_week.value(),
                    every_weeks=self.every.value(),
                ),
            )
        return PlanRequest(
            patient_id=self.patient.id,
            practitioner_id=int(self.practitioner.currentData()),
            start=self.start_value(),
            template=None if custom else self.template.currentData(),
            phases=phases,
            location_id=self.location.currentData(),
            room_id=self.room.currentData(),
            regions=self.regions.value(),
            modality=self.modality.currentData() if custom else None,
            acknowledge_flags=self.acknowledge.isChecked(),
            holiday_policy=self.holiday.currentData(),
            conflict_policy=self.conflict.currentData(),
        )

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self.error = ""
        self.error_label.hide()
        self._timer.start()
        self._update_buttons()

    @property
    def busy(self) -> bool:
        """True while a preview or a fix is being worked out (tests wait on it)."""
        return self._timer.isActive() or (self._task is not None) or (self._fix_task is not None)

    def _run_preview(self) -> None:
        req = self.request()
        if self._task is not None:
            self._task.discard()
            self._task = None
        if req is None:
            self.preview = None
            self.model.set_sessions([])
            self.summary.setText("Choose a patient and a practitioner to see the sessions.")
            self._update_buttons()
            return
        self.summary.setText("Checking every session…")
        self._task = self.worker.run(
            preview,
            self.store,
            req,
            on_done=self._preview_done,
            on_error=self._preview_failed,
        )

    def _preview_done(self, pv: Preview) -> None:
        self._task = None
        if (
            self._escalate_shift
            and not pv.proposal.bookable
            and self.conflict.currentData() == ConflictPolicy.SAME_DAY.value
        ):
            self._escalate_shift = False
            self.conflict.setCurrentIndex(
                self.conflict.findData(ConflictPolicy.NEXT_WORKING_DAY.value)
            )
            return
        self._escalate_shift = False
        self.preview = pv
        self.regions.set_flagged(
            [r.code for regions in pv.context.flag_regions.values() for r in regions]
        )
        self._update_flags()
        keep = self.table.currentIndex().row()
        self.model.set_sessions(pv.sessions)
        problems = [s for s in pv.sessions if not s.state.bookable]
        if problems and (keep < 0 or keep >= len(pv.sessions) or pv.sessions[keep].state.bookable):
            keep = problems[0].seq - 1
        if 0 <= keep < len(pv.sessions):
            self.table.selectRow(keep)
        self.summary.setText(self._summary_text(pv))
        self._update_buttons()

    def _preview_failed(self, exc: BaseException) -> None:
        self._task = None
        self.preview = None
        self.model.set_sessions([])
        if isinstance(exc, PlannerError):
            self.summary.setText(f"<span style='color:{WARNING}'>{_esc(exc.message)}</span>")
        else:
            raise exc
        self._update_buttons()

    def _summary_text(self, pv: Preview) -> str:
        n = len(pv.sessions)
        counts: dict[str, int] = {}
        for s in pv.sessions:
            counts[s.state.value] = counts.get(s.state.value, 0) + 1
        parts = []
        for state, label, colour in (
            ("free", "free", "#2e7d32"),
            ("shifted", "shifted", "#b26a00"),
            ("flagged", "to check", "#b26a00"),
            ("conflict", "in conflict", WARNING),
            ("unplaceable", "without a slot", WARNING),
        ):
            if counts.get(state):
                parts.append(f"<span style='color:{colour}'><b>{counts[state]}</b> {label}</span>")
        first = pv.sessions[0].local_start if pv.sessions else None
        last = next((s.local_start for s in reversed(pv.sessions) if s.local_start), None)
        span = f" · {first:%d %b %Y} to {last:%d %b %Y}" if first and last else ""
        verdict = (
            "<b style='color:#2e7d32'>Every session fits.</b>"
            if pv.proposal.bookable
            else f"<b style='color:{WARNING}'>Not bookable yet: fix the sessions marked in red.</b>"
        )
        warn = "".join(
            f"<br><span style='color:{WARNING}'>{_esc(w)}</span>"
            for w in pv.warnings
            if "acknowledge" not in w
        )
        return f"<b>{n} sessions</b>{span}: " + ", ".join(parts) + f"<br>{verdict}{warn}"

    # -- state of the buttons ----------------------------------------------------------------------
    def _selected(self) -> ProposedSession | None:
        idx = self.table.currentIndex()
        if not idx.isValid() or self.preview is None:
            return None
        return self.model.session(idx.row())

    def _update_buttons(self) -> None:
        pv = self.preview
        needs_ack = self._needs_acknowledgement()
        ack_ok = not needs_ack or self.acknowledge.isChecked()
        licensed = not (pv and any("licensed" in w for w in pv.warnings))
        bookable = bool(pv and pv.proposal.bookable) and not self.busy and not self.booking
        self.book_button.setEnabled(bookable and ack_ok and licensed)
        n = len(pv.sessions) if pv else 0
        self.book_button.setText(f"&Book {n} sessions" if n else "&Book")
        if pv is not None and pv.proposal.bookable and not ack_ok:
            self.book_button.setToolTip("Acknowledge the screening flags first")
        else:
            self.book_button.setToolTip("")
        problems = bool(pv and not pv.proposal.bookable)
        sel = self._selected()
        self.reason_label.setText(self._reason_text(sel))
        self.fix_next.setEnabled(problems and self._fix_task is None)
        self.fix_shift.setEnabled(
            bool(sel is not None and sel.state.value in ("conflict", "unplaceable"))
            and self.conflict.currentData() != ConflictPolicy.NEXT_WORKING_DAY.value
        )
        has_holiday = bool(
            pv and any(r.code in ("holiday", "closure") for s in pv.sessions for r in s.reasons)
        )
        self.fix_extend.setEnabled(
            has_holiday and self.holiday.currentData() != HolidayPolicy.SKIP_EXTEND.value
        )

    def _reason_text(self, s: ProposedSession | None) -> str:
        if s is None:
            return ""
        when = s.local_start or s.nominal_local
        head = f"<b>{s.kind.label} {s.number}/{s.of}</b>, {when:%a %d %b %Y %H:%M}: "
        if not s.reasons:
            return head + "free."
        return head + _esc("; ".join(r.message for r in s.reasons)) + "."

    # -- fixes -------------------------------------------------------------------------------------
    def apply_next_free_slot(self) -> None:
        req = self.request()
        if req is None:
            return
        self.summary.setText("Looking for the next start where every session fits…")
        self.fix_next.setEnabled(False)
        self._fix_task = self.worker.run(
            _next_free, self.store, req, on_done=self._next_found, on_error=self._preview_failed_fix
        )

    def _next_found(self, when: datetime | None) -> None:
        self._fix_task = None
        if when is None:
            self.summary.setText(
                f"<span style='color:{WARNING}'>No start in the next four weeks fits every "
                "session; "
                "try another practitioner or let conflicts shift.</span>"
            )
            self._update_buttons()
            return
        self.set_start(when)

    def _preview_failed_fix(self, exc: BaseException) -> None:
        self._fix_task = None
        self._preview_failed(exc)

    def apply_shift(self) -> None:
        self._escalate_shift = True
        self.conflict.setCurrentIndex(self.conflict.findData(ConflictPolicy.SAME_DAY.value))

    def apply_extend(self) -> None:
        self.holiday.setCurrentIndex(self.holiday.findData(HolidayPolicy.SKIP_EXTEND.value))

    # -- booking -----------------------------------------------------------------------------------
    def book(self) -> None:
        """Book on the worker (through the desk's undo stack); the dialog waits for the answer."""
        req = self.request()
        if req is None or not self.book_button.isEnabled():
            return
        title = (
            self.template.currentData()
            if self.use_template.isChecked()
            else Modality(self.modality.currentData()).label
        )
        text = f"Book {title} for {self.patient.name if self.patient else ''}"
        if not self.desk.book_plan(req, text, on_booked=self._booked, on_refused=self._not_booked):
            self._show_error("the last change is still being saved; book again in a moment")
            return
        self.booking = True
        self._update_buttons()

    def _booked(self, cmd: BookPlanCommand) -> None:
        if not shiboken6.isValid(self):  # closed meanwhile: the desk selects the plan anyway
            return
        self.booking = False
        assert cmd.result is not None
        first = cmd.result.appointments[0]["id"] if cmd.result.appointments else 0
        self.sig_booked.emit(cmd.result.plan_id, first)
        self.accept()

    def _not_booked(self, exc: PlannerError) -> None:
        if not shiboken6.isValid(self):
            return
        self.booking = False
        self._show_error(exc.message)
        self._changed()

    def _show_error(self, message: str) -> None:
        self.error = message
        self.error_label.setText(f"Not booked: {message}")
        self.error_label.show()


def _next_free(
    store: Store, req: PlanRequest, control: TaskControl | None = None
) -> datetime | None:
    return next_free_start(store, req, cancelled=(lambda: control.cancelled) if control else None)


def _spin(
    lo: int, hi: int, value: int, parent: QWidget, suffix: str, *, step: int = 1, prefix: str = ""
) -> QSpinBox:
    s = QSpinBox(parent)
    s.setRange(lo, hi)
    s.setValue(value)
    s.setSingleStep(step)
    s.setSuffix(suffix)
    s.setPrefix(prefix)
    return s


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
