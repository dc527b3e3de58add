"""Export sessions as an .ics file: what, for whom, in which shape, over which dates.

The dialog builds an export request and runs it off the GUI thread with a progress dialog.
What a profile leaves out is said in one plain sentence beside it, because a patient's file
leaves the clinic.

Two kinds of file:

* a **plain export** (:func:`planner.services.calendar_export.export_calendar`): the sessions
  as they are now. It is never remembered: printing a plan or handing a practitioner their
  week moves nobody's "changes since last".
* **only what changed** (:func:`planner.services.delivery.deliver_file`): a delivery to the
  scope's recipient (a plan's or a patient's: the patient; a practitioner's: the
  practitioner; a location's or the clinic's: a file kept for it). It holds what changed
  since that recipient was last sent anything, with cancellations, and moves their baseline
  in the same transaction. The first delivery sends everything and fixes the recipient's
  shape and profile; the dialog chooses those when the box is ticked, and a delivery in
  another one is refused by the service and said in the dialog. Who the recipient is and
  when they were last sent something is read off the GUI thread
  (:func:`planner.services.delivery.recipient_info`).

Cancelling: a plain export of a practitioner, a location or the whole clinic can be big, so
it is rendered to memory first, which Cancel simply abandons (nothing written), then written
atomically. Patient and plan exports and deliveries are small, or one transaction that
writes the file and moves the baseline together, and go straight to the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.core import vocabulary
from planner.core.timeutil import to_local, zone
from planner.errors import PlannerError
from planner.services.schedule.values import ClinicDirectory, PatientRow, PlanRow
from planner.ui.dialogs import prompts
from planner.ui.i18n import arg, said, tr, ui_words, vocab
from planner.ui.settings import AppSettings, reminder_text
from planner.ui.widgets.date_field import DateField
from planner.ui.worker import TaskCancelled, TaskControl, TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.services.delivery import RecipientInfo

PROFILES = ("patient", "practitioner", "full")
SHAPES = ("sessions", "series")


def profile_text(profile: str) -> str:
    """What a profile puts in the file and leaves out, in one or two sentences."""
    return {
        "patient": tr(
            "For the patient to take home: times, place, how to prepare and after-care, and "
            "whom to call. It leaves out diagnosis, screening flags, notes and every other "
            "patient."
        ),
        "practitioner": tr(
            "For a practitioner's own calendar: patients by initials (or chart number), target "
            "regions, room and “3 of 9”. It leaves out full names, phone numbers, flags and "
            "notes."
        ),
        "full": tr(
            "Everything, with names, screening flags and notes. This is health data: keep the "
            "file inside the clinic."
        ),
    }[profile]


def profile_labels() -> dict[str, str]:
    return {
        "patient": tr("Patient", "export profile"),
        "practitioner": tr("Practitioner", "export profile"),
        "full": tr("Full (stays in the clinic)"),
    }


def shape_labels() -> dict[str, str]:
    return {
        "sessions": tr("One event per session"),
        "series": tr("One repeating event per plan phase"),
    }


def shape_word(shape: str) -> str:
    """A recipient's shape in a few words: ``sessions`` / ``series``."""
    words = {"sessions": tr("sessions", "export shape"), "series": tr("series", "export shape")}
    return words.get(shape, shape)


def _when(local: datetime) -> str:
    """``Tue, 15 Sept 2026 09:05`` / ``tir. 15. sep. 2026 09:05``."""
    w = ui_words()
    return f"{w.skeleton('yMMMEd', local)} {w.time(local)}"


@dataclass(frozen=True)
class ExportRequest:
    """Plain values for one export (what the worker gets)."""

    scope_kind: str
    scope_id: int | None
    first: date | None
    last: date | None
    profile: str
    shape: str
    changes_only: bool
    alarms_min: tuple[int, ...]
    patient_label: str
    path: Path
    now: datetime

    @property
    def small(self) -> bool:
        return self.scope_kind in ("patient", "plan") or self.changes_only


def run_export(store: Store, req: ExportRequest, control: TaskControl | None = None) -> Any:
    """Export or deliver (on the worker). Big plain exports render to memory first so
    Cancel loses nothing."""
    from planner.ics.atomic import write_atomic
    from planner.ics.model import PatientLabel, Profile, Shape
    from planner.services.calendar_export import export_calendar
    from planner.services.delivery import deliver_file
    from planner.services.export_scope import Scope, ScopeKind

    scope = Scope(ScopeKind(req.scope_kind), req.scope_id, req.first, req.last)
    alarms = [timedelta(minutes=m) for m in req.alarms_min] if req.profile == "patient" else None
    how: dict[str, Any] = {
        "profile": Profile(req.profile),
        "shape": Shape(req.shape),
        "alarms": alarms,
        "patient_label": PatientLabel(req.patient_label),
        "now": req.now,
    }
    if req.changes_only:
        return deliver_file(store, scope, req.path, recipient_name=None, **how)
    if req.small:
        return export_calendar(store, scope, out=req.path, **how)
    result = export_calendar(store, scope, out=None, **how)
    if control is not None:
        control.check()  # cancelled while rendering: nothing is written
    if result.data is not None:
        write_atomic(req.path, result.data)
        result.path = req.path
        result.data = None
    return result


def read_recipient(store: Store, kind: str, ident: int | None) -> RecipientInfo | None:
    """Who a "changes only" file of this scope is for, and what they were sent last (on the
    worker; None: never sent anything, or the scope is gone)."""
    from planner.services.delivery import recipient_info
    from planner.services.export_scope import Scope, ScopeKind

    try:
        return recipient_info(store, Scope(ScopeKind(kind), ident))
    except PlannerError:
        return None


class ExportDialog(QDialog):
    """Choose scope, profile, shape and dates; save through a file dialog."""

    sig_exported = Signal(object)
    """An export was written (its :class:`planner.services.calendar_export.ExportResult`)."""

    def __init__(
        self,
        store: Store,
        worker: Worker,
        settings: AppSettings,
        directory: ClinicDirectory,
        parent: QWidget | None = None,
        *,
        patient: PatientRow | None = None,
        plans: tuple[PlanRow, ...] = (),
        location_id: int | None = None,
        first: date | None = None,
        days: int = 7,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        from planner.core.timeutil import utcnow

        self.setWindowTitle(tr("Export calendar"))
        self.store, self.worker, self.settings, self.directory = store, worker, settings, directory
        self.patient = patient
        self.clock = clock or utcnow
        self.task: TaskHandle | None = None
        self._last_task: TaskHandle | None = None
        self.recipient: RecipientInfo | None = None
        """What the chosen scope's recipient was sent last (None: nothing yet)."""
        self.progress: QProgressDialog | None = None
        self.result_value: Any = None
        prefs = settings.preferences()
        self.alarms = prefs.reminders

        lay = QVBoxLayout(self)
        what = QGroupBox(tr("What"), self)
        grid = QGridLayout(what)
        self.group = QButtonGroup(self)
        self.r_patient = QRadioButton(
            arg(tr("&Patient: %1's future sessions"), patient.name)
            if patient
            else tr("&Patient: choose one in the side panel first"),
            what,
        )
        self.r_plan = QRadioButton(tr("One p&lan of the patient:"), what)
        self.plan = QComboBox(what)
        words = ui_words()
        for pl in plans:
            self.plan.addItem(
                arg(
                    tr("%1 from %2 (%3)", "a plan, its first day and its status"),
                    vocab(pl.title),
                    words.skeleton("yMMMd", pl.start),
                    vocabulary.plan_status(pl.status, words),
                ),
                pl.id,
            )
        self.r_practitioner = QRadioButton(tr("P&ractitioner:"), what)
        self.practitioner = QComboBox(what)
        for p in directory.practitioners:
            self.practitioner.addItem(p.name, p.id)
        self.r_location = QRadioButton(tr("L&ocation:"), what)
        self.location = QComboBox(what)
        for loc in directory.locations:
            self.location.addItem(loc.name, loc.id)
        if location_id is not None:
            self.location.setCurrentIndex(max(0, self.location.findData(location_id)))
        self.r_all = QRadioButton(tr("The &whole clinic"), what)
        for i, r in enumerate(
            (self.r_patient, self.r_plan, self.r_practitioner, self.r_location, self.r_all)
        ):
            self.group.addButton(r, i)
        grid.addWidget(self.r_patient, 0, 0, 1, 2)
        grid.addWidget(self.r_plan, 1, 0)
        grid.addWidget(self.plan, 1, 1)
        grid.addWidget(self.r_practitioner, 2, 0)
        grid.addWidget(self.practitioner, 2, 1)
        grid.addWidget(self.r_location, 3, 0)
        grid.addWidget(self.location, 3, 1)
        grid.addWidget(self.r_all, 4, 0, 1, 2)
        dates = QHBoxLayout()
        today = self.clock().date()
        # Typed as dd.mm.yyyy (or picked): never rolled over, as the other date entries.
        begin = first if first and first >= today else today
        self.first = DateField(what, what=tr("the first day"))
        self.first.set_value(begin)
        self.last = DateField(what, what=tr("the last day"))
        self.last.set_value(begin + timedelta(days=89))
        self.dates_label = QLabel(tr("&From"), what)
        self.dates_label.setBuddy(self.first)
        dates.addWidget(self.dates_label)
        dates.addWidget(self.first)
        to = QLabel(tr("&to", "from a day to a day"), what)
        to.setBuddy(self.last)
        dates.addWidget(to)
        dates.addWidget(self.last)
        dates.addStretch(1)
        grid.addLayout(dates, 5, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        lay.addWidget(what)

        how = QGroupBox(tr("For whom and how"), self)
        form = QFormLayout(how)
        self.profile = QComboBox(how)
        for key, label in profile_labels().items():
            self.profile.addItem(label, key)
        self.profile_text = QLabel(how)
        self.profile_text.setWordWrap(True)
        self.profile_text.setMinimumWidth(440)
        self.label_kind = QComboBox(how)
        self.label_kind.addItem(tr("Initials"), "initials")
        self.label_kind.addItem(tr("Chart number"), "chart")
        self.shape = QComboBox(how)
        for key, label in shape_labels().items():
            self.shape.addItem(label, key)
        self.reminders = QLabel(how)
        self.reminders.setStyleSheet("color: #5f6670")
        self.changes_only = QCheckBox(tr("Only what &changed since they were last sent"), how)
        self.changes_only.setToolTip(
            tr(
                "A delivery: what changed since this recipient was last sent a file, with "
                "cancellations; the first one holds every session. A plain export (unticked) "
                "is never remembered."
            )
        )
        self.changes_only.setEnabled(False)  # until the recipient is known
        self.changes_only.toggled.connect(self._changes_only_toggled)
        self.last_info = QLabel(how)
        self.last_info.setStyleSheet("color: #5f6670")
        form.addRow(tr("Pro&file:"), self.profile)
        form.addRow("", self.profile_text)
        form.addRow(tr("Name patients by:"), self.label_kind)
        form.addRow(tr("S&hape:"), self.shape)
        form.addRow(tr("Reminders:"), self.reminders)
        form.addRow("", self.changes_only)
        form.addRow("", self.last_info)
        lay.addWidget(how)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(tr("&Save .ics…"), self)
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.export)
        lay.addWidget(buttons)

        self.default_profile = prefs.export_profile
        if patient is None:
            self.r_patient.setEnabled(False)
            self.r_plan.setEnabled(False)
            self.r_location.setChecked(True)
        else:
            self.r_patient.setChecked(True)
        self.plan.setEnabled(bool(plans))
        if not plans:
            self.r_plan.setEnabled(False)
        self.group.idToggled.connect(self._scope_toggled)
        self.profile.currentIndexChanged.connect(self._refresh)
        self.shape.currentIndexChanged.connect(self._refresh)
        for w in (self.plan, self.practitioner, self.location):
            w.currentIndexChanged.connect(self._show_last_export)
        self._scope_changed()
        self.finished.connect(self._stop_reading)
        self.resize(600, self.sizeHint().height())

    # -- state ------------------------------------------------------------------------------------
    def scope_is_patient(self) -> bool:
        return self.r_patient.isChecked()

    def scope(self) -> tuple[str, int | None]:
        if self.r_patient.isChecked() and self.patient is not None:
            return "patient", self.patient.id
        if self.r_plan.isChecked():
            return "plan", self.plan.currentData()
        if self.r_practitioner.isChecked():
            return "practitioner", self.practitioner.currentData()
        if self.r_location.isChecked():
            return "location", self.location.currentData()
        return "all", None

    def _scope_toggled(self, _id: int, on: bool) -> None:
        if on:
            self._scope_changed()

    def _scope_changed(self) -> None:
        kind, _id = self.scope()
        personal = kind in ("patient", "plan")
        wanted = self.default_profile if personal else "practitioner"
        self.profile.setCurrentIndex(max(0, self.profile.findData(wanted)))
        for w in (self.first, self.last, self.dates_label):
            w.setEnabled(not personal)
        self._refresh()
        self._show_last_export()

    def _refresh(self) -> None:
        profile = str(self.profile.currentData())
        self.profile_text.setText(profile_text(profile))
        colour = "#b3261e" if profile == "full" else "#1f2328"
        self.profile_text.setStyleSheet(f"color: {colour}")
        self.label_kind.setEnabled(profile == "practitioner")
        if profile == "patient":
            self.reminders.setText(
                arg(
                    tr("%1  (change them in Settings)"),
                    ", ".join(reminder_text(m) for m in self.alarms) or tr("none", "reminders"),
                )
            )
        else:
            self.reminders.setText(tr("none (reminders go into patients' files only)"))

    def _show_last_export(self) -> None:
        """Ask the worker who the chosen scope's recipient is and what they were sent last."""
        if self._last_task is not None:
            self._last_task.discard()
        kind, ident = self.scope()
        self.changes_only.setEnabled(False)
        self._last_task = self.worker.run(
            read_recipient, self.store, kind, ident, on_done=self._last_export_read
        )

    def recipient_name(self) -> str:
        """Whom a "changes only" file of the chosen scope is for, as the desk names them."""
        kind, _ident = self.scope()
        if kind in ("patient", "plan") and self.patient is not None:
            return self.patient.name
        if kind == "practitioner":
            return self.practitioner.currentText()
        if kind == "location":
            return arg(tr("the %1 file"), self.location.currentText())
        return tr("the clinic's file")

    def _stop_reading(self) -> None:
        """The dialog closed: a late answer about the last export has nowhere to go."""
        if self._last_task is not None:
            self._last_task.discard()
            self._last_task = None

    @property
    def reading_last_export(self) -> bool:
        """True while the chosen scope's recipient is being read (tests wait on it)."""
        return self._last_task is not None

    def _local(self, utc: datetime) -> datetime:
        """A stored UTC instant as the wall-clock time of the location chosen (else the
        clinic's first location): a person never reads UTC."""
        chosen = self.location.currentData()
        loc = self.directory.location(chosen) if chosen is not None else None
        if loc is None and self.directory.locations:
            loc = self.directory.locations[0]
        return to_local(utc, zone(loc.tz)) if loc is not None else utc

    def _last_export_read(self, info: RecipientInfo | None) -> None:
        self._last_task = None
        self.recipient = info
        self.changes_only.setEnabled(True)  # the first delivery sends everything
        who = self.recipient_name()
        if info is None or info.last_delivered_at is None:
            self.last_info.setText(arg(tr("Not sent to %1 yet."), who))
        else:
            when = _when(self._local(info.last_delivered_at))
            self.last_info.setText(
                arg(
                    tr("Last sent to %1 on %2 (%3, %n event(s))", "", info.live),
                    who,
                    when,
                    shape_word(info.shape),
                )
            )
        if self.changes_only.isChecked():
            self._as_recipient_gets()

    def _changes_only_toggled(self, on: bool) -> None:
        if on:
            self._as_recipient_gets()

    def _as_recipient_gets(self) -> None:
        """A delivery goes out in the recipient's shape and profile: choose them (a patient's
        calendar always gets the patient profile)."""
        kind, _ident = self.scope()
        info = self.recipient
        profile = info.profile if info is not None else None
        if kind in ("patient", "plan"):
            profile = "patient"
        if profile is not None:
            self.profile.setCurrentIndex(max(0, self.profile.findData(profile)))
        if info is not None:
            self.shape.setCurrentIndex(max(0, self.shape.findData(info.shape)))

    def request(self, path: Path) -> ExportRequest:
        kind, ident = self.scope()
        ranged = kind not in ("patient", "plan")
        return ExportRequest(
            scope_kind=kind,
            scope_id=ident,
            first=self.first.value() if ranged else None,
            last=self.last.value() if ranged else None,
            profile=str(self.profile.currentData()),
            shape=str(self.shape.currentData()),
            changes_only=self.changes_only.isChecked(),
            alarms_min=tuple(self.alarms),
            patient_label=str(self.label_kind.currentData()),
            path=path,
            now=self.clock(),
        )

    def suggested_name(self) -> str:
        kind, _ident = self.scope()
        if kind in ("patient", "plan") and self.patient is not None:
            base = self.patient.name
        elif kind == "practitioner":
            base = self.practitioner.currentText()
        elif kind == "location":
            base = self.location.currentText()
        else:
            base = tr("clinic", "a file name")
        safe = (
            "".join(c if c.isalnum() or c in " -_" else "_" for c in base).strip().replace(" ", "-")
        )
        return (safe or tr("calendar", "a file name")) + ".ics"

    # -- running ----------------------------------------------------------------------------------
    def export(self) -> None:
        if self.task is not None:
            return
        if self.first.isEnabled():
            try:  # a day that does not exist is said before a file is chosen
                self.first.value()
                self.last.value()
            except PlannerError as exc:
                self.status.setText(said(exc))
                return
        folder = self.settings.last_export_dir() or str(Path.home())
        chosen = prompts.ask_save_path(
            self,
            tr("Save calendar"),
            str(Path(folder) / self.suggested_name()),
            arg(tr("iCalendar files (%1)"), "*.ics"),
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".ics":
            path = path.with_name(path.name + ".ics")
        self.settings.set_last_export_dir(str(path.parent))
        req = self.request(path)
        self.status.setText(tr("Exporting…"))
        self.save_button.setEnabled(False)
        self.progress = QProgressDialog(
            tr("Exporting the calendar…"), tr("Cancel") if not req.small else "", 0, 0, self
        )
        self.progress.setWindowTitle(tr("Export calendar"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(400)
        if req.small:
            self.progress.setCancelButton(None)
        self.progress.canceled.connect(self._cancel)
        self.task = self.worker.run(
            run_export, self.store, req, on_done=self._done, on_error=self._failed
        )

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task.discard()
            self.task = None
        self._finish_progress()
        self.status.setText(tr("Export cancelled: nothing was written."))
        self.save_button.setEnabled(True)

    def _finish_progress(self) -> None:
        if self.progress is not None:
            progress, self.progress = self.progress, None
            if shiboken6.isValid(progress):  # gone already if this dialog was closed meanwhile
                progress.canceled.disconnect(self._cancel)
                progress.reset()
                progress.deleteLater()

    @property
    def busy(self) -> bool:
        return self.task is not None

    def _done(self, result: Any) -> None:
        self.task = None
        self._finish_progress()
        self.save_button.setEnabled(True)
        self.result_value = result
        warn = "".join(f"\n⚠ {w}" for w in result.warnings)
        delivered = result.recipient is not None
        who = self.recipient_name()
        events = tr("%n event(s)", "", result.events)
        sessions = tr("%n session(s)", "", result.sessions)
        if result.path is None:
            self.status.setText(
                arg(
                    tr("Nothing changed for %1 since they were last sent; no file was written."),
                    who,
                )
            )
        elif delivered:
            self.status.setText(
                arg(
                    tr("Saved what changed for %1: %2 for %3, to %4."),
                    who,
                    events,
                    sessions,
                    result.path,
                )
                + warn
            )
        else:
            self.status.setText(
                arg(tr("Saved %1 for %2 to %3."), events, sessions, result.path) + warn
            )
        self._show_last_export()
        self.sig_exported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._finish_progress()
        self.save_button.setEnabled(True)
        if isinstance(exc, TaskCancelled):
            self.status.setText(tr("Export cancelled: nothing was written."))
            return
        if isinstance(exc, PlannerError):
            self.status.setText(arg(tr("Not exported: %1"), said(exc)))
            return
        raise exc
