"""Add to the waitlist: who waits for which series, with whom, where and when they can come.

The patient (the side panel's, or one picked as the new-plan dialog does), a template or a
custom cadence, the location, one or more practitioners or anyone who may give it, a room if
one is wanted, the weekdays and time spans the patient can come, the earliest and latest first
session, when the entry expires (8 weeks by default), urgent, and a note. What does not read
is said in one line under the form, and nothing typed is lost; the service
(``waitlist.entries.add_entry``, on the worker) checks the rest and refuses in one line too.
Esc with something typed asks before throwing it away.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from itertools import pairwise
from typing import TYPE_CHECKING

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
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.core import vocabulary
from planner.core.calendars import Interval
from planner.core.domain import Modality
from planner.errors import BadInput, PlannerError
from planner.services.schedule.values import ClinicDirectory, PatientRow
from planner.services.waitlist.entries import DEFAULT_EXPIRY, Entry, WaitlistRequest, add_entry
from planner.ui.dialogs import discard
from planner.ui.dialogs.free_time import weekday_names
from planner.ui.dialogs.plan_form import _practitioner_text, _spin
from planner.ui.i18n import arg, said, tr, ui_words
from planner.ui.style import WARNING
from planner.ui.widgets.date_field import DateField
from planner.ui.widgets.hours_editor import SPAN_MASK, _clock, _is_blank
from planner.ui.worker import TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store

SPANS = 3
"""Time spans the patient can come in a day (empty ones are not used)."""
NOTE_MAX = 2000


class WaitlistEntryDialog(QDialog):
    """Put a patient on the waitlist for a whole series."""

    sig_added = Signal(int)
    """The entry was added (its id)."""

    def __init__(
        self,
        store: Store,
        worker: Worker,
        directory: ClinicDirectory,
        parent: QWidget | None = None,
        *,
        patient: PatientRow | None = None,
        location_id: int | None = None,
        clock: Callable[[], datetime] = datetime.now,
        today: Callable[[], date] = date.today,
        pick_patient: Callable[[], PatientRow | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Add to waitlist"))
        self.store, self.worker, self.directory = store, worker, directory
        self.clock, self.today = clock, today
        self.patient = patient
        self.pick_patient = pick_patient
        self.error = ""
        self._task: TaskHandle | None = None

        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.patient_label = QLabel(self)
        f = self.patient_label.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() + 1)
        self.patient_label.setFont(f)
        self.change_patient = QPushButton(tr("Change &patient…"), self)
        self.change_patient.setAutoDefault(False)
        self.change_patient.setEnabled(pick_patient is not None)
        top.addWidget(QLabel(tr("Patient:"), self))
        top.addWidget(self.patient_label, 1)
        top.addWidget(self.change_patient)
        outer.addLayout(top)

        columns = QHBoxLayout()
        columns.setSpacing(12)
        outer.addLayout(columns, 1)
        left = QVBoxLayout()
        right = QVBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        left.addWidget(self._build_series())
        left.addWidget(self._build_who(location_id))
        right.addWidget(self._build_when())
        right.addWidget(self._build_more())

        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {WARNING}")
        self.error_label.setAccessibleName(tr("Why the entry was not added"))
        self.error_label.hide()
        outer.addWidget(self.error_label)
        buttons = QDialogButtonBox(self)
        self.add_button = QPushButton(tr("&Add to waitlist"), self)
        self.add_button.setDefault(True)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

        self.change_patient.clicked.connect(self._choose_patient)
        self.location.currentIndexChanged.connect(lambda _i: self._fill_location())
        self.anyone.toggled.connect(self._anyone_toggled)
        self.practitioners.itemChanged.connect(lambda _item: self._practitioner_ticked())
        self._expiry_typed = False
        self.expires.sig_edited.connect(self._expiry_edited)
        self.earliest.sig_edited.connect(self._earliest_edited)
        self.use_template.toggled.connect(self._shape_changed)
        self._set_patient(patient)
        self._fill_location()
        self._shape_changed()
        self.resize(max(860, self.sizeHint().width()), self.sizeHint().height())
        self._initial = self._entered()

    # -- building ---------------------------------------------------------------------------------
    def _build_series(self) -> QGroupBox:
        box = QGroupBox(tr("Series"), self)
        g = QGridLayout(box)
        self.use_template = QRadioButton(tr("&Template"), box)
        self.use_custom = QRadioButton(tr("C&ustom cadence"), box)
        self.use_template.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.use_template)
        group.addButton(self.use_custom)
        self.template = QComboBox(box)
        for t in self.directory.templates:
            self.template.addItem(arg(tr("%1  (%n session(s))", "", t.count), t.name), t.name)
        self.weeks = _spin(1, 52, 6, box, lambda n: tr("%n week(s)", "", n))
        self.per_week = _spin(1, 7, 1, box, lambda n: tr("%n a week", "", n))
        self.duration = _spin(5, 480, 30, box, lambda n: arg(tr("%1 min"), n), step=5)
        self.modality = QComboBox(box)
        w = ui_words()
        for m in Modality:
            self.modality.addItem(vocabulary.modality(m, w), m.value)
        self.modality.setAccessibleName(tr("Modality"))
        g.addWidget(self.use_template, 0, 0)
        g.addWidget(self.template, 0, 1, 1, 3)
        g.addWidget(self.use_custom, 1, 0)
        g.addWidget(self.weeks, 1, 1)
        g.addWidget(self.per_week, 1, 2)
        g.addWidget(self.duration, 1, 3)
        g.addWidget(self.modality, 2, 1, 1, 3)
        g.setColumnStretch(1, 1)
        return box

    def _build_who(self, location_id: int | None) -> QGroupBox:
        box = QGroupBox(tr("With whom and where"), self)
        form = QFormLayout(box)
        self.location = QComboBox(box)
        for loc in self.directory.locations:
            self.location.addItem(loc.name, loc.id)
        self.location.addItem(tr("Any location"), None)
        if location_id is not None and (i := self.location.findData(location_id)) >= 0:
            self.location.setCurrentIndex(i)
        self.anyone = QCheckBox(tr("An&yone who may give it"), box)
        self.anyone.setChecked(True)
        self.anyone.setToolTip(
            tr("Every practitioner who may give the series; tick names instead to choose")
        )
        self.practitioners = QListWidget(box)
        self.practitioners.setAccessibleName(tr("Practitioners"))
        self.practitioners.setMaximumHeight(self.fontMetrics().height() * 5 + 12)
        self.room = QComboBox(box)
        form.addRow(tr("&Location:"), self.location)
        form.addRow(tr("P&ractitioners:"), self.practitioners)
        form.addRow("", self.anyone)
        form.addRow(tr("R&oom:"), self.room)
        return box

    def _build_when(self) -> QGroupBox:
        box = QGroupBox(tr("When the patient can come"), self)
        form = QFormLayout(box)
        days = QHBoxLayout()
        self.weekdays: list[QCheckBox] = []
        for i, name in enumerate(weekday_names()):
            check = QCheckBox(name, box)
            check.setChecked(i < 5)
            self.weekdays.append(check)
            days.addWidget(check)
        days.addStretch(1)
        form.addRow(tr("Weekdays:"), days)
        spans = QHBoxLayout()
        self.spans: list[QLineEdit] = []
        for i in range(SPANS):
            edit = QLineEdit(box)
            edit.setInputMask(SPAN_MASK)
            edit.setAccessibleName(arg(tr("Time span %1"), i + 1))
            edit.setToolTip(tr("Type the time as 08:00-12:00; leave every span empty for any time"))
            edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("00:00-00:00") + 24)
            self.spans.append(edit)
            spans.addWidget(edit)
        spans.addStretch(1)
        self.spans_label = QLabel(tr("T&imes:"), box)
        self.spans_label.setBuddy(self.spans[0])
        form.addRow(self.spans_label, spans)
        hint = QLabel(tr("Empty: any time of day."), box)
        hint.setStyleSheet("color: #5f6670")
        form.addRow("", hint)
        self.earliest = DateField(box, what=tr("the earliest first session"))
        self.latest = DateField(box, what=tr("the latest first session"))
        self.earliest.set_value(self.today())
        self.latest.edit.setPlaceholderText(tr("until it expires"))
        earliest_label = QLabel(tr("&Earliest first session:"), box)
        earliest_label.setBuddy(self.earliest)
        latest_label = QLabel(tr("Late&st first session:"), box)
        latest_label.setBuddy(self.latest)
        form.addRow(earliest_label, self.earliest)
        form.addRow(latest_label, self.latest)
        return box

    def _build_more(self) -> QGroupBox:
        box = QGroupBox(tr("The entry"), self)
        form = QFormLayout(box)
        self.expires = DateField(box, what=tr("the day the entry expires"))
        self.expires.set_value(self.today() + DEFAULT_EXPIRY)
        expires_label = QLabel(tr("E&xpires on:"), box)
        expires_label.setBuddy(self.expires)
        self.urgent = QCheckBox(tr("Ur&gent: offered a time before the others"), box)
        self.note = QPlainTextEdit(box)
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName(tr("Note"))
        self.note.setMaximumHeight(self.fontMetrics().height() * 4 + 12)
        note_label = QLabel(tr("&Note:"), box)
        note_label.setBuddy(self.note)
        form.addRow(expires_label, self.expires)
        form.addRow("", self.urgent)
        form.addRow(note_label, self.note)
        return box

    # -- choices ----------------------------------------------------------------------------------
    def _choose_patient(self) -> None:
        if self.pick_patient is None:
            return
        p = self.pick_patient()
        if p is not None:
            self._set_patient(p)

    def _set_patient(self, patient: PatientRow | None) -> None:
        self.patient = patient
        if patient is None:
            self.patient_label.setText(tr("<i>none chosen</i>"))
        else:
            self.patient_label.setText("  ·  ".join(x for x in (patient.name, patient.phone) if x))

    def _fill_location(self) -> None:
        loc_id = self.location.currentData()
        ticked = set(self.chosen_practitioners())
        self.practitioners.clear()
        people = (
            self.directory.practitioners_at(loc_id)
            if loc_id is not None
            else self.directory.practitioners
        )
        for p in people:
            item = QListWidgetItem(
                _practitioner_text(p.name, p.profession, p.may_needle), self.practitioners
            )
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if p.id in ticked else Qt.CheckState.Unchecked)
        self.room.clear()
        self.room.addItem(tr("No particular room"), None)
        for r in self.directory.rooms_at(loc_id) if loc_id is not None else []:
            self.room.addItem(r.name, r.id)
        self.room.setEnabled(loc_id is not None)

    def _expiry_edited(self) -> None:
        self._expiry_typed = True

    def _earliest_edited(self) -> None:
        """Until the desk types an expiry, it is 8 weeks after the earliest first session."""
        if self._expiry_typed:
            return
        try:
            earliest = self.earliest.value()
        except BadInput:
            return
        self.expires.set_value(max(self.today(), earliest) + DEFAULT_EXPIRY)

    def _anyone_toggled(self, anyone: bool) -> None:
        """Anyone who may give it: the names ticked are not asked for any more."""
        if anyone:
            self.set_practitioners([])

    def _practitioner_ticked(self) -> None:
        """A name ticked: that practitioner (or those), not anyone."""
        if self.chosen_practitioners() and self.anyone.isChecked():
            self.anyone.blockSignals(True)
            self.anyone.setChecked(False)
            self.anyone.blockSignals(False)

    def _shape_changed(self) -> None:
        custom = self.use_custom.isChecked()
        for w in (self.weeks, self.per_week, self.duration, self.modality):
            w.setEnabled(custom)
        self.template.setEnabled(not custom)

    def needling(self) -> bool:
        """Whether the series as chosen uses needles (its template's or its modality's)."""
        if self.use_custom.isChecked():
            return Modality(self.modality.currentData()).needling
        name = self.template.currentData()
        return any(t.needling for t in self.directory.templates if t.name == name)

    def chosen_practitioners(self) -> list[int]:
        out = []
        for i in range(self.practitioners.count()):
            item = self.practitioners.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_practitioners(self, ids: list[int]) -> None:
        """Tick these practitioners (and only these)."""
        for i in range(self.practitioners.count()):
            item = self.practitioners.item(i)
            on = int(item.data(Qt.ItemDataRole.UserRole)) in ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    # -- reading ----------------------------------------------------------------------------------
    def windows(self) -> list[Interval]:
        """The time spans typed; BadInput for one that is not two times of day, in order."""
        out: list[Interval] = []
        for i, edit in enumerate(self.spans):
            if _is_blank(edit):
                continue
            name = arg(tr("Time span %1"), i + 1)
            a_text, _, b_text = edit.text().partition("-")
            if not a_text.replace(":", "").strip() or not b_text.replace(":", "").strip():
                unfinished = tr("%1: finish it as 08:00-12:00, or empty it", "a time span")
                raise BadInput(arg(unfinished, name))
            a, b = _clock(name, a_text), _clock(name, b_text)
            if b <= a:
                raise BadInput(arg(tr("%1: %2 ends before it starts"), name, edit.text().strip()))
            out.append((a, b))
        out.sort()
        for (_a1, b1), (a2, _b2) in pairwise(out):
            if a2 < b1:
                raise BadInput(tr("the time spans overlap: give each time once"))
        return out

    def request(self) -> WaitlistRequest:
        """The entry as typed; BadInput (in the window's language) for what does not read."""
        if self.patient is None:
            raise BadInput(tr("choose a patient first"))
        weekdays = [i for i, box in enumerate(self.weekdays) if box.isChecked()]
        if not weekdays:
            raise BadInput(tr("tick at least one weekday the patient can come"))
        windows = self.windows()
        ids = [] if self.anyone.isChecked() else self.chosen_practitioners()
        if not self.anyone.isChecked() and not ids:
            raise BadInput(tr("tick a practitioner, or Anyone who may give it"))
        earliest = self.earliest.value() if self.earliest.text().strip() else None
        latest = self.latest.value() if self.latest.text().strip() else None
        expires = self.expires.value() if self.expires.text().strip() else None
        if earliest is not None and latest is not None and latest < earliest:
            raise BadInput(tr("the latest first session is before the earliest"))
        today = self.today()
        if expires is not None and expires < today:
            raise BadInput(tr("the entry would expire in the past: give a later day"))
        if expires is not None and earliest is not None and expires < earliest:
            raise BadInput(tr("the entry would expire before the earliest first session"))
        if latest is not None and latest < today:
            raise BadInput(tr("the latest first session is in the past"))
        note = self.note.toPlainText().strip()
        if len(note) > NOTE_MAX:
            raise BadInput(tr("the note is too long (at most 2,000 characters)"))
        custom = self.use_custom.isChecked()
        if not custom and self.template.currentData() is None:
            raise BadInput(tr("the clinic has no templates: choose a custom cadence"))
        if self.needling():
            for p in self.directory.practitioners:
                if p.id in ids and not p.may_needle:
                    raise BadInput(
                        arg(
                            tr("%1 is not licensed to needle: choose a practitioner who is"),
                            p.name,
                        )
                    )
        every_day = len(weekdays) == 7 and not windows
        return WaitlistRequest(
            patient_id=self.patient.id,
            template=None if custom else str(self.template.currentData()),
            weeks=self.weeks.value() if custom else None,
            per_week=self.per_week.value() if custom else None,
            duration_min=self.duration.value() if custom else None,
            modality=str(self.modality.currentData()) if custom else None,
            location_id=self.location.currentData(),
            practitioner_ids=tuple(ids),
            room_id=self.room.currentData() if self.room.isEnabled() else None,
            weekdays=None if every_day else tuple(weekdays),
            windows=tuple(windows),
            earliest=earliest,
            latest=latest,
            expires_on=expires,
            urgent=self.urgent.isChecked(),
            note=note,
        )

    def _entered(self) -> object:
        """Everything typed and chosen, to tell whether anything changed since it opened."""
        return (
            self.patient.id if self.patient else None,
            self.use_custom.isChecked(),
            self.template.currentIndex(),
            self.weeks.value(),
            self.per_week.value(),
            self.duration.value(),
            self.modality.currentIndex(),
            self.location.currentIndex(),
            self.anyone.isChecked(),
            tuple(self.chosen_practitioners()),
            self.room.currentIndex(),
            tuple(b.isChecked() for b in self.weekdays),
            tuple(e.text() for e in self.spans),
            self.earliest.text(),
            self.latest.text(),
            self.expires.text(),
            self.urgent.isChecked(),
            self.note.toPlainText(),
        )

    def has_entered_data(self) -> bool:
        return self._entered() != self._initial

    # -- adding -----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._task is not None

    def add(self) -> None:
        """Check what was typed, then add on the worker; a refusal keeps everything typed."""
        if self._task is not None:
            return
        try:
            req = self.request()
        except BadInput as exc:
            self.show_error(said(exc))
            return
        self.show_error("")
        self.add_button.setEnabled(False)
        self._task = self.worker.run(
            add_entry,
            self.store,
            req,
            now=self.clock(),
            on_done=self._added,
            on_error=self._refused,
        )

    def _added(self, entry: Entry) -> None:
        self._task = None
        if not shiboken6.isValid(self):
            return
        self.sig_added.emit(entry.id)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._task = None
        if not shiboken6.isValid(self):
            return
        self.add_button.setEnabled(True)
        if not isinstance(exc, PlannerError):
            raise exc
        self.show_error(said(exc))

    def show_error(self, message: str) -> None:
        """One line under the form ("" hides it)."""
        self.error = message
        if message:
            self.error_label.setText(arg(tr("Not added: %1"), message))
        self.error_label.setVisible(bool(message))

    def reject(self) -> None:
        """Esc and Cancel: ask before throwing away what was typed."""
        if (
            self._task is None
            and self.has_entered_data()
            and not discard.ask_discard(
                self, tr("Add to waitlist"), tr("the waitlist entry you entered")
            )
        ):
            return
        super().reject()
