"""Book a treatment plan: choose, preview every session live, fix what does not fit, book.

The preview is the booking service's own (``booking.plans.preview``), run off the GUI thread a
moment after each change, so what the table shows is exactly what Book will write. The
one-click fixes change the request, never the sessions behind the service's back:

* **Next free slot** moves the plan's first session to the earliest start from which every
  session fits (same time on later days first, then other times of the practitioner's day).
* **Shift this one** lets the chosen session, whose time is taken, move to the nearest free
  time the same day, else the next free day (``PlanRequest.shift_only``); the others stay.
* **Extend the plan** leaves a week that falls on a holiday or closure out and adds a week at
  the end instead (the plan's holiday policy), so the plan keeps its count.

After a fix the preview marks the rows it changed and says in one line what changed and why
(``plan_preview.fix_note``); why Book is disabled is written beside it.

Book commits the plan and all its sessions in one transaction (``booking.plans.book``, on the
worker, through the desk's undo stack); the dialog closes when the answer is back.

The dialog is the composition: the form is :mod:`~planner.ui.dialogs.plan_form`, the preview
and its fixes' buttons :mod:`~planner.ui.dialogs.plan_preview`, the screening flags and their
acknowledgement :mod:`~planner.ui.dialogs.plan_flags`; this module wires them, runs the
preview and the fixes on the worker and books through the desk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from planner.core.calendars import WeeklyHours
from planner.core.domain import HolidayPolicy
from planner.errors import PlannerError
from planner.services.booking.plans import PlanContext, PlanRequest, Preview, preview
from planner.services.schedule.next_free import next_free_start
from planner.services.schedule.values import ClinicDirectory, PatientRow
from planner.ui.desk import Desk
from planner.ui.dialogs import discard, prompts
from planner.ui.dialogs.plan_flags import FlagsBox
from planner.ui.dialogs.plan_form import PlanForm
from planner.ui.dialogs.plan_preview import PreviewPanel, fix_note, taken_note
from planner.ui.geometry import fit_to_screen
from planner.ui.i18n import arg, said, tr
from planner.ui.style import WARNING
from planner.ui.worker import TaskControl, TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.ui.dialogs.free_time import FreeTimeDialog
    from planner.ui.undo import BookPlanCommand

PREVIEW_DELAY_MS = 150


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
        room_id: int | None = None,
        start: datetime | None = None,
        local_now: Callable[[], datetime] = datetime.now,
        pick_patient: Callable[[], PatientRow | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("New treatment plan"))
        self.store, self.worker, self.desk, self.directory = store, worker, desk, directory
        self.patient = patient
        self.pick_patient = pick_patient
        self.local_now = local_now
        self.preview: Preview | None = None
        self.error: str = ""
        self._task: TaskHandle | None = None
        self._fix_task: TaskHandle | None = None
        self._shift_only: set[datetime] = set()
        """Rule times of the sessions "Shift this one" let move (cleared by other changes)."""
        self._pending_fix: tuple[str, Preview | None] | None = None
        """The fix whose preview is being worked out, and the preview before it."""
        self.booking = False
        """True while the plan is being booked (Book waits for the answer)."""
        self._recheck_from: Preview | None = None
        """The preview shown when another desk changed the schedule, while it is re-checked."""

        outer = QVBoxLayout(self)
        outer.setSpacing(8)

        # Patient and their screening flags, prominently, at the top.
        top = QHBoxLayout()
        self.patient_label = QLabel(self)
        f = self.patient_label.font()
        f.setPointSizeF(f.pointSizeF() + 2)
        f.setBold(True)
        self.patient_label.setFont(f)
        self.change_patient = QPushButton(tr("Change &patient…"), self)
        top.addWidget(QLabel(tr("Patient:"), self))
        top.addWidget(self.patient_label, 1)
        top.addWidget(self.change_patient)
        outer.addLayout(top)
        self.flags_box = FlagsBox(self)
        outer.addWidget(self.flags_box)
        self.waitlist_note = QLabel(self)
        """When the plan is booked from the waitlist: when the patient can come (read-only)."""
        self.waitlist_note.setWordWrap(True)
        self.waitlist_note.setStyleSheet(
            "background: #e8f1fb; border: 1px solid #b7d0ea; padding: 3px 6px; color: #1d3b5c"
        )
        self.waitlist_note.setAccessibleName(tr("From the waitlist"))
        self.waitlist_note.hide()
        outer.addWidget(self.waitlist_note)

        body = QHBoxLayout()
        body.setSpacing(12)
        outer.addLayout(body, 1)
        self.form = PlanForm(
            directory,
            self,
            local_now=local_now,
            location_id=location_id,
            practitioner_id=practitioner_id,
            room_id=room_id,
            start=start,
        )
        body.addWidget(self.form, 0)
        right = QVBoxLayout()
        body.addLayout(right, 1)
        self.preview_panel = PreviewPanel(self)
        right.addWidget(self.preview_panel, 1)
        right.addWidget(self.form.regions_box)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {WARNING}")
        self.error_label.hide()
        right.addWidget(self.error_label)

        buttons = QHBoxLayout()
        self.find_time = QPushButton(tr("Find a free ti&me…"), self)
        self.find_time.setAutoDefault(False)
        self.find_time.setToolTip(
            tr(
                "The next starts, on the weekdays and hours the patient can come, from which "
                "every session fits"
            )
        )
        buttons.addWidget(self.find_time)
        buttons.addStretch(1)
        self.book_button = QPushButton(tr("&Book"), self)
        self.book_button.setDefault(True)
        self.close_button = QPushButton(tr("Close"), self)
        self.close_button.setAutoDefault(False)
        self.book_reason = QLabel(self)
        """Why Book is disabled, written beside it (not only in a tooltip)."""
        self.book_reason.setStyleSheet(f"color: {WARNING}")
        self.book_reason.setWordWrap(True)
        buttons.addWidget(self.book_reason, 1)
        buttons.addWidget(self.book_button)
        buttons.addWidget(self.close_button)
        outer.addLayout(buttons)

        # The parts' widgets that tests drive and read, under the names they had on the dialog.
        self.flags_text, self.acknowledge = self.flags_box.flags_text, self.flags_box.acknowledge
        form, panel = self.form, self.preview_panel
        self.use_custom, self.template, self.regions = form.use_custom, form.template, form.regions
        self.use_single, self.kind = form.use_single, form.kind
        self.weeks, self.duration, self.modality = form.weeks, form.duration, form.modality
        self.model, self.table = panel.model, panel.table
        self.fix_next, self.fix_shift = panel.fix_next, panel.fix_shift
        self.fix_extend = panel.fix_extend

        # -- wiring ------------------------------------------------------------------------------
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._run_preview)
        self.change_patient.clicked.connect(self._choose_patient)
        form.sig_shape_changed.connect(self._update_flags)
        form.sig_changed.connect(self._form_changed)
        self.acknowledge.toggled.connect(self._update_buttons)
        panel.sig_chosen_changed.connect(self._update_buttons)
        panel.sig_next_free_requested.connect(self.apply_next_free_slot)
        panel.sig_shift_requested.connect(self.apply_shift)
        panel.sig_extend_requested.connect(self.apply_extend)
        self.book_button.clicked.connect(self.book)
        self.close_button.clicked.connect(self.reject)
        self.find_time.clicked.connect(self.open_free_time)

        self._set_patient(patient)
        fit_to_screen(self, 1180, 720)
        self._changed()
        self._initial = self._entry()

    # -- never losing what was entered -------------------------------------------------------------
    def _entry(self) -> object:
        """What the desk has chosen so far (patient, plan, acknowledgement), to tell whether
        anything was entered since the dialog opened."""
        try:
            req = self.form.request(None, acknowledge_flags=False)
        except PlannerError:  # a field that does not read yet: typed, so not what it opened with
            return (self.patient, "unreadable")
        return (self.patient, req, self.acknowledge.isChecked())

    def has_entered_data(self) -> bool:
        return self._entry() != self._initial

    def from_waitlist(
        self, entry_id: int, available: WeeklyHours | None, notes: str, shown: str
    ) -> None:
        """Book for a waitlist entry (the dialog was filled with its match): the request
        carries the patient's times and the entry, and ``shown`` (when the patient can come)
        stands under the patient; what the dialog was filled with counts as nothing entered."""
        self.form.set_waitlist(entry_id, available, notes)
        self.waitlist_note.setText(shown)
        self.waitlist_note.setVisible(bool(shown))
        self._initial = self._entry()

    def reject(self) -> None:
        """Esc, Close and the window's close button: ask before throwing a plan that was
        entered away (not while it is being booked: the answer closes the dialog)."""
        if (
            not self.booking
            and self.has_entered_data()
            and not discard.ask_discard(self, tr("New treatment plan"), tr("the plan you entered"))
        ):
            return
        super().reject()

    # -- inputs --------------------------------------------------------------------------------
    def set_start(self, when: datetime) -> None:
        self.form.set_start(when)

    def start_value(self) -> datetime:
        return self.form.start_value()

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
            self.patient_label.setText(tr("<i>none chosen</i>"))
        else:
            shown = "  ·  ".join(x for x in (patient.name, patient.phone) if x)  # no words
            self.patient_label.setText(shown)
        self._update_flags()
        self._changed()

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
        return bool(self.patient and self.patient.flags and self.form.needling())

    def _update_flags(self) -> None:
        self.flags_box.show_flags(
            self.patient,
            self._context(),
            needling=self.form.needling(),
            needs_acknowledgement=self._needs_acknowledgement(),
        )

    # -- the request and its preview ---------------------------------------------------------------
    def request(self) -> PlanRequest | None:
        if self.patient is None:
            return None
        req = self.form.request(self.patient.id, acknowledge_flags=self.acknowledge.isChecked())
        if req is None or not self._shift_only:
            return req
        return replace(req, shift_only=frozenset(self._shift_only))

    def _form_changed(self) -> None:
        """The desk changed the plan: sessions let shift before are asked about again (not
        when the change is a fix's own, as Extend's holiday policy is)."""
        if self._pending_fix is None:
            self._shift_only.clear()
        self._changed()

    def schedule_changed(self) -> None:
        """Another desk changed the schedule: check the preview shown again, and say which
        of its sessions were taken meanwhile (not while booking or looking for a slot:
        those read the schedule as it is now anyway)."""
        if self.preview is None or self.booking or self._fix_task is not None:
            return
        if self._recheck_from is None:
            self._recheck_from = self.preview
        self._timer.start()

    def _changed(self) -> None:
        self._recheck_from = None  # the desk's own change: a new request, nothing to compare
        self.preview_panel.show_taken_note("")
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
            self.preview_panel.clear_sessions()
            problem = self.form.start_error()
            self.preview_panel.say(
                arg(tr("Correct the first session: %1."), escape(problem, quote=False))
                if problem
                else tr("Choose a patient and a practitioner to see the sessions.")
            )
            self._update_buttons()
            return
        self.preview_panel.say(tr("Checking every session…"))
        self._task = self.worker.run(
            preview,
            self.store,
            req,
            now=self.desk.clock(),  # the window's clock: whether the plan starts in the past
            on_done=self._preview_done,
            on_error=self._preview_failed,
        )

    def _preview_done(self, pv: Preview) -> None:
        self._task = None
        note, changed = "", frozenset[int]()
        if self._pending_fix is not None:
            fix, before = self._pending_fix
            self._pending_fix = None
            note, changed = fix_note(fix, before, pv)
        if self._recheck_from is not None:  # re-checked after another desk's change
            taken, seqs = taken_note(self._recheck_from, pv)
            self._recheck_from = None
            changed |= seqs
            if taken:  # an earlier note stays until the desk changes the plan
                self.preview_panel.show_taken_note(taken)
        self.preview = pv
        self.regions.set_flagged(
            [r.code for regions in pv.context.flag_regions.values() for r in regions]
        )
        self._update_flags()
        self.preview_panel.show_preview(pv, changed)
        self.preview_panel.show_fix_note(note)
        self._update_buttons()

    def _preview_failed(self, exc: BaseException) -> None:
        self._task = None
        self._pending_fix = None
        self.preview = None
        self.preview_panel.clear_sessions()
        if isinstance(exc, PlannerError):
            self.preview_panel.say(
                f"<span style='color:{WARNING}'>{escape(said(exc), quote=False)}</span>"
            )
        else:
            raise exc
        self._update_buttons()

    # -- state of the buttons ----------------------------------------------------------------------
    def _update_buttons(self) -> None:
        pv = self.preview
        needs_ack = self._needs_acknowledgement()
        ack_ok = not needs_ack or self.acknowledge.isChecked()
        licensed = not (pv and any("licensed" in w for w in pv.warnings))
        bookable = bool(pv and pv.proposal.bookable) and not self.busy and not self.booking
        self.book_button.setEnabled(bookable and ack_ok and licensed)
        n = len(pv.sessions) if pv else 0
        self.book_button.setText(tr("&Book %n session(s)", "", n) if n else tr("&Book"))
        why = self._why_not_bookable(pv, ack_ok=ack_ok, licensed=licensed)
        self.book_reason.setText(why)
        self.book_button.setToolTip(why)
        self.preview_panel.update_fixes(
            pv,
            finding=self._fix_task is not None,
            conflict_policy=self.form.conflict_policy(),
            holiday_policy=self.form.holiday_policy(),
            shifting=frozenset(self._shift_only),
        )

    def _why_not_bookable(self, pv: Preview | None, *, ack_ok: bool, licensed: bool) -> str:
        """Why Book is disabled, in a few words ("" when it is enabled)."""
        if self.book_button.isEnabled():
            return ""
        if self.booking:
            return tr("Booking…")
        if self.patient is None:
            return tr("Choose a patient first.")
        if pv is None or self.busy:
            return (
                tr("Checking every session…") if self.busy else tr("Choose a practitioner first.")
            )
        if not pv.proposal.bookable:
            n = len(pv.proposal.problems)
            return tr("%n session(s) do(es) not fit: use a fix or change the plan.", "", n)
        if not licensed:
            return next((w for w in pv.warnings if "licensed" in w), "")
        if not ack_ok:
            return tr("Acknowledge the screening flags first.")
        return ""

    # -- fixes -------------------------------------------------------------------------------------
    def apply_next_free_slot(self) -> None:
        req = self.request()
        if req is None:
            return
        self.preview_panel.say(tr("Looking for the next start where every session fits…"))
        self.fix_next.setEnabled(False)
        self._pending_fix = ("next", self.preview)
        self._fix_task = self.worker.run(
            _next_free, self.store, req, on_done=self._next_found, on_error=self._preview_failed_fix
        )

    def _next_found(self, when: datetime | None) -> None:
        self._fix_task = None
        if when is None or when == self.start_value():
            self._pending_fix = None
        if when is None:
            none = tr(
                "No start in the next four weeks fits every session; try another practitioner "
                "or let conflicts shift."
            )
            self.preview_panel.say(
                f"<span style='color:{WARNING}'>{escape(none, quote=False)}</span>"
            )
            self._update_buttons()
            return
        self.set_start(when)

    def _preview_failed_fix(self, exc: BaseException) -> None:
        self._fix_task = None
        self._pending_fix = None
        self._preview_failed(exc)

    def apply_shift(self) -> None:
        """Let the chosen session alone move off its taken time (the others stay)."""
        chosen = self.preview_panel.chosen()
        if chosen is None or chosen.state.bookable:
            return
        self._pending_fix = ("shift", self.preview)
        self._shift_only.add(chosen.nominal_local)
        self._changed()

    def apply_extend(self) -> None:
        self._pending_fix = ("extend", self.preview)
        self.form.set_holiday_policy(HolidayPolicy.SKIP_EXTEND)

    def open_free_time(self) -> FreeTimeDialog | None:
        """Find a free time for the plan as chosen (the patient too, when one is chosen)."""
        from planner.ui.dialogs.free_time import FreeTimeDialog

        req = self.form.request(self.patient.id if self.patient else None, acknowledge_flags=True)
        if req is None:
            self.preview_panel.say(tr("Choose a practitioner first."))
            return None
        who = self.form.practitioner.currentText().split(" · ")[0]
        title = self.form.title()
        what = (
            arg(tr("%1 with %2 for %3"), title, who, self.patient.name)
            if self.patient
            else arg(tr("%1 with %2"), title, who)
        )
        dlg = FreeTimeDialog(self.store, self.worker, req, what, self)
        dlg.sig_chosen.connect(self.set_start)
        dlg.finished.connect(lambda _r: dlg.deleteLater())
        dlg.open()
        self.free_time_dialog = dlg
        return dlg

    # -- booking -----------------------------------------------------------------------------------
    def book(self) -> None:
        """Book on the worker (through the desk's undo stack); the dialog waits for the answer."""
        req = self.request()
        if req is None or not self.book_button.isEnabled():
            return
        past = self.preview.past if self.preview is not None else None
        if past is not None and not req.allow_past:  # the past is booked only on purpose
            if not prompts.ask_record_past(self, past[0].upper() + past[1:], tr("Book the plan")):
                self.form.start.setFocus()
                return
            req = replace(req, allow_past=True)
        name = self.patient.name if self.patient else ""
        text = arg(
            tr("Book %1 for %2", "an undo text: a plan for a patient"), self.form.title(), name
        )
        if not self.desk.book_plan(req, text, on_booked=self._booked, on_refused=self._not_booked):
            self._show_error(tr("the last change is still being saved; book again in a moment"))
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
        self._show_error(said(exc))
        self._changed()

    def _show_error(self, message: str) -> None:
        self.error = message
        self.error_label.setText(arg(tr("Not booked: %1"), message))
        self.error_label.show()


def _next_free(
    store: Store, req: PlanRequest, control: TaskControl | None = None
) -> datetime | None:
    return next_free_start(store, req, cancelled=(lambda: control.cancelled) if control else None)
