"""The new-plan dialog's form: the plan's shape, who, where and when, its policies and regions.

The form knows the clinic's directory (locations, who works where, the templates) and turns
what is chosen into a :class:`~planner.services.booking.plans.PlanRequest`; it reads no
database and knows nothing of the preview.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.core import vocabulary
from planner.core.calendars import WeeklyHours
from planner.core.domain import ConflictPolicy, HolidayPolicy, Kind, Modality, Phase, Profession
from planner.services.booking.plans import PlanRequest
from planner.services.schedule.values import ClinicDirectory, TemplateInfo
from planner.ui.i18n import arg, tr, ui_words
from planner.ui.widgets.body_map import BodyMap
from planner.ui.widgets.when_field import WhenField

HOLIDAY_LABELS = {
    HolidayPolicy.NEXT_WORKING_DAY: QT_TRANSLATE_NOOP("", "Move to the next working day"),
    HolidayPolicy.SAME_DAY: QT_TRANSLATE_NOOP("", "Nearest free time that day"),
    HolidayPolicy.SKIP_EXTEND: QT_TRANSLATE_NOOP("", "Leave the week out, extend the plan"),
    HolidayPolicy.KEEP_FLAG: QT_TRANSLATE_NOOP("", "Keep it and flag it"),
}
"""What to do with a session on a holiday, as the choice says it (``tr()`` where shown)."""
SINGLE_KINDS = (Kind.ASSESSMENT, Kind.TREATMENT, Kind.REASSESSMENT, Kind.FOLLOW_UP)
"""What a single session can be, the first (an initial assessment) chosen by default."""
SINGLE_LENGTHS = {
    Kind.ASSESSMENT: 45,
    Kind.REASSESSMENT: 45,
    Kind.TREATMENT: 30,
    Kind.FOLLOW_UP: 30,
}
"""A single session's length when its kind is chosen (it can be changed after)."""
CONFLICT_LABELS = {
    ConflictPolicy.REFUSE: QT_TRANSLATE_NOOP("", "Show it as a conflict"),
    ConflictPolicy.SAME_DAY: QT_TRANSLATE_NOOP("", "Shift to the nearest free time that day"),
    ConflictPolicy.NEXT_WORKING_DAY: QT_TRANSLATE_NOOP("", "Shift to the next free day"),
}
"""What to do with a session whose time is taken, as the choice says it (``tr()`` where
shown)."""


class PlanForm(QWidget):
    """Template, custom cadence or a single session; location, practitioner, room and first
    session; what to do on a holiday or a taken time; the target regions."""

    sig_changed = Signal()
    """A field of the request changed: the preview is out of date."""
    sig_shape_changed = Signal()
    """The plan's shape changed (template or cadence): whether it needles may have too."""

    def __init__(
        self,
        directory: ClinicDirectory,
        parent: QWidget | None = None,
        *,
        local_now: Callable[[], datetime] = datetime.now,
        location_id: int | None = None,
        practitioner_id: int | None = None,
        room_id: int | None = None,
        start: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.directory = directory
        self._single_chosen = False
        self.available: WeeklyHours | None = None
        """When the patient can come (a waitlist entry's times), carried into the request."""
        self.waitlist_entry: int | None = None
        """The waitlist entry the plan is booked from (closed by the booking)."""
        self.notes = ""
        """The plan's notes (a waitlist entry's note), carried into the request."""
        self._phases: tuple[Phase, ...] | None = None
        """A waitlist entry's own cadence (its weekdays, which the fields cannot show), used
        while the custom fields still say the same."""
        left = QVBoxLayout(self)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(12)  # as the dialog's columns stand apart
        left.addWidget(self._build_shape())
        left.addWidget(self._build_who(local_now()))
        left.addStretch(1)
        self.regions_box = self._build_regions()
        """The target regions (the body map): the dialog places it, beside the preview, so
        that the dialog fits a 1280x720 screen."""

        self.location.currentIndexChanged.connect(self._location_changed)
        self.template.currentIndexChanged.connect(self._template_changed)
        self.use_template.toggled.connect(self._shape_changed)
        self.use_single.toggled.connect(self._shape_changed)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for w in (self.practitioner, self.room, self.modality, self.holiday, self.conflict):
            w.currentIndexChanged.connect(self.sig_changed)
        for s in (self.weeks, self.per_week, self.every, self.duration):
            s.valueChanged.connect(self.sig_changed)
        self.start.sig_changed.connect(self.sig_changed)
        self.start.sig_invalid.connect(self.sig_changed)  # no preview while it is no date
        self.regions.sig_changed.connect(self.sig_changed)

        if location_id is not None:
            i = self.location.findData(location_id)
            if i >= 0:
                self.location.setCurrentIndex(i)
        self._fill_location_dependents()
        if practitioner_id:
            i = self.practitioner.findData(practitioner_id)
            if i >= 0:
                self.practitioner.setCurrentIndex(i)
        if room_id:
            i = self.room.findData(room_id)
            if i >= 0:
                self.room.setCurrentIndex(i)
        if start is None:
            tomorrow = (local_now() + timedelta(days=1)).date()
            start = datetime.combine(tomorrow, datetime.min.time()).replace(hour=10)
        self.set_start(start)
        self._template_changed()
        self._shape_changed()

    def _build_shape(self) -> QGroupBox:
        shape = QGroupBox(tr("Plan"), self)
        sl = QGridLayout(shape)
        self.use_template = QRadioButton(tr("&Template"), shape)
        self.use_custom = QRadioButton(tr("C&ustom cadence"), shape)
        self.use_single = QRadioButton(tr("Si&ngle session"), shape)
        self.use_single.setToolTip(
            tr("One session: an initial assessment before a plan is decided, a one-off follow-up")
        )
        self.use_template.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.use_template)
        group.addButton(self.use_custom)
        group.addButton(self.use_single)
        self.template = QComboBox(shape)
        for t in self.directory.templates:
            self.template.addItem(arg(tr("%1  (%n session(s))", "", t.count), t.name), t.name)
        self.template_note = QLabel(shape)
        self.template_note.setWordWrap(True)
        self.template_note.setStyleSheet("color: #5f6670")
        self.weeks = _spin(1, 52, 6, shape, lambda n: tr("%n week(s)", "", n))
        self.per_week = _spin(1, 7, 1, shape, lambda n: tr("%n a week", "", n))
        self.every = _spin(1, 8, 1, shape, lambda n: tr("every %n week(s)", "", n))
        self.duration = _spin(5, 480, 30, shape, lambda n: arg(tr("%1 min"), n), step=5)
        self.modality = QComboBox(shape)
        w = ui_words()
        for m in Modality:
            self.modality.addItem(vocabulary.modality(m, w), m.value)
        self.kind = QComboBox(shape)
        for k in SINGLE_KINDS:
            self.kind.addItem(vocabulary.kind(k, w), k.value)
        self.kind.setAccessibleName(tr("Kind of session"))
        self.length_label = QLabel(tr("Length and kind:"), shape)
        self.length_label.setStyleSheet("color: #5f6670")
        sl.addWidget(self.use_template, 0, 0)
        sl.addWidget(self.template, 0, 1, 1, 3)
        sl.addWidget(self.template_note, 1, 1, 1, 3)
        sl.addWidget(self.use_custom, 2, 0)
        sl.addWidget(self.weeks, 2, 1)
        sl.addWidget(self.per_week, 2, 2)
        sl.addWidget(self.every, 2, 3)
        sl.addWidget(self.use_single, 3, 0)
        sl.addWidget(self.kind, 3, 1, 1, 3)
        sl.addWidget(self.length_label, 4, 0)
        sl.addWidget(self.duration, 4, 1)
        sl.addWidget(self.modality, 4, 2, 1, 2)
        sl.setColumnStretch(1, 1)
        return shape

    def _build_who(self, now: datetime) -> QGroupBox:
        who = QGroupBox(tr("Who, where and when"), self)
        form = QFormLayout(who)
        self.location = QComboBox(who)
        for loc in self.directory.locations:
            self.location.addItem(loc.name, loc.id)
        self.practitioner = QComboBox(who)
        self.room = QComboBox(who)
        self.start = WhenField(now, who, what="first session")
        self.holiday = QComboBox(who)
        for hp, label in HOLIDAY_LABELS.items():
            self.holiday.addItem(tr(str(label)), hp.value)
        self.conflict = QComboBox(who)
        for cp, label in CONFLICT_LABELS.items():
            self.conflict.addItem(tr(str(label)), cp.value)
        form.addRow(tr("&Location:"), self.location)
        form.addRow(tr("P&ractitioner:", "the new-plan form"), self.practitioner)
        form.addRow(tr("R&oom:"), self.room)
        form.addRow(tr("&First session:"), self.start)
        form.addRow(tr("On a &holiday:"), self.holiday)
        form.addRow(tr("If the time is ta&ken:"), self.conflict)
        return who

    def _build_regions(self) -> QGroupBox:
        regions = QGroupBox(tr("Target regions"), self)
        rl = QVBoxLayout(regions)
        # The body map: click a region (or Tab in, arrows and Space); red hatching marks a
        # region a screening flag names.
        self.regions = BodyMap(regions)
        # Small enough that the dialog, Book button included, fits a 1280x720 screen.
        self.regions.setMinimumSize(220, 200)
        rl.addWidget(self.regions)
        # Beside the preview: the sessions' table, not the body map, takes the height to spare.
        regions.setMaximumHeight(260)
        return regions

    # -- values ------------------------------------------------------------------------------------
    def set_start(self, when: datetime) -> None:
        changed = not self.start.is_valid() or self.start.value() != when.replace(second=0)
        self.start.set_value(when)
        if changed:  # a new start: the preview is out of date
            self.sig_changed.emit()

    def start_value(self) -> datetime:
        """The first session as typed; while what is typed is no date and time (the field
        says why under it), the last one that was."""
        return self.start.value() if self.start.is_valid() else self.start.last_good()

    def start_error(self) -> str | None:
        """Why the first session as typed is not a date and time, or None."""
        return self.start.error()

    def shape(self) -> str:
        """``template``, ``custom`` or ``single``."""
        if self.use_single.isChecked():
            return "single"
        return "custom" if self.use_custom.isChecked() else "template"

    def set_shape(self, shape: str) -> None:
        {"single": self.use_single, "custom": self.use_custom}.get(
            shape, self.use_template
        ).setChecked(True)

    def needling(self) -> bool:
        """Whether the plan as chosen uses needles (its template's or its modality's)."""
        if self.use_template.isChecked():
            t = self.template_info()
            return bool(t and t.needling)
        return Modality(self.modality.currentData()).needling

    def template_info(self) -> TemplateInfo | None:
        name = self.template.currentData()
        return next((t for t in self.directory.templates if t.name == name), None)

    def title(self) -> str:
        """What the plan is called on the undo stack: its template, or its modality."""
        if self.use_template.isChecked():
            return str(self.template.currentData())
        w = ui_words()
        modality = vocabulary.modality(Modality(self.modality.currentData()), w)
        if self.use_single.isChecked():
            kind = vocabulary.kind(Kind(self.kind.currentData()), w)
            return arg(tr("%1 (%2)", "a kind of session (its modality)"), kind, modality.lower())
        return modality

    def conflict_policy(self) -> str:
        return str(self.conflict.currentData())

    def set_template(self, name: str) -> None:
        """Choose the template called ``name`` (and the template shape)."""
        i = self.template.findData(name)
        if i >= 0:
            self.template.setCurrentIndex(i)
        self.set_shape("template")

    def set_phases(self, phases: tuple[Phase, ...], modality: str) -> None:
        """A custom cadence of one treatment phase, as a waitlist entry asks for it (its
        weekdays too, while the fields still say the same)."""
        p = phases[0]
        self.set_shape("custom")
        self.weeks.setValue(p.weeks)
        self.per_week.setValue(p.per_week)
        self.every.setValue(p.every_weeks)
        self.duration.setValue(p.duration_min)
        self.modality.setCurrentIndex(max(0, self.modality.findData(modality)))
        self._phases = phases

    def set_waitlist(self, entry_id: int, available: WeeklyHours | None, notes: str = "") -> None:
        """Book for a waitlist entry: the request carries the patient's times and the entry
        (which the booking closes)."""
        self.waitlist_entry = entry_id
        self.available = available
        self.notes = notes
        self.sig_changed.emit()

    def _custom_phases(self) -> tuple[Phase, ...]:
        fields = (
            self.weeks.value(),
            self.per_week.value(),
            self.every.value(),
            self.duration.value(),
        )
        kept = self._phases
        if kept is not None and len(kept) == 1:
            p = kept[0]
            if (p.weeks, p.per_week, p.every_weeks, p.duration_min) == fields:
                return kept
        return (
            Phase(
                Kind.TREATMENT,
                duration_min=self.duration.value(),
                weeks=self.weeks.value(),
                per_week=self.per_week.value(),
                every_weeks=self.every.value(),
            ),
        )

    def holiday_policy(self) -> str:
        return str(self.holiday.currentData())

    def set_conflict_policy(self, policy: ConflictPolicy) -> None:
        self.conflict.setCurrentIndex(self.conflict.findData(policy.value))

    def set_holiday_policy(self, policy: HolidayPolicy) -> None:
        self.holiday.setCurrentIndex(self.holiday.findData(policy.value))

    def request(self, patient_id: int | None, *, acknowledge_flags: bool) -> PlanRequest | None:
        """The plan as chosen for the patient (None: not yet known, only to look for free
        time), or None while no practitioner is chosen or the first session typed is not a
        date and time."""
        if self.practitioner.currentData() is None or not self.start.is_valid():
            return None
        custom = not self.use_template.isChecked()
        phases: tuple[Phase, ...] | None = None
        if self.use_single.isChecked():
            phases = (Phase(Kind(self.kind.currentData()), duration_min=self.duration.value()),)
        elif custom:
            phases = self._custom_phases()
        return PlanRequest(
            patient_id=patient_id,
            practitioner_id=int(self.practitioner.currentData()),
            start=self.start_value(),
            template=None if custom else self.template.currentData(),
            phases=phases,
            location_id=self.location.currentData(),
            room_id=self.room.currentData(),
            regions=self.regions.value(),
            modality=self.modality.currentData() if custom else None,
            acknowledge_flags=acknowledge_flags,
            holiday_policy=self.holiday.currentData(),
            conflict_policy=self.conflict.currentData(),
            notes=self.notes,
            available=self.available,
            waitlist_entry=self.waitlist_entry,
        )

    # -- reactions ---------------------------------------------------------------------------------
    def _location_changed(self) -> None:
        self._fill_location_dependents()
        self.sig_changed.emit()

    def _fill_location_dependents(self) -> None:
        loc_id = self.location.currentData()
        keep = self.practitioner.currentData()
        self.practitioner.blockSignals(True)
        self.room.blockSignals(True)
        self.practitioner.clear()
        for p in self.directory.practitioners_at(loc_id) if loc_id is not None else []:
            self.practitioner.addItem(_practitioner_text(p.name, p.profession, p.may_needle), p.id)
        i = self.practitioner.findData(keep)
        if i >= 0:
            self.practitioner.setCurrentIndex(i)
        else:
            self._pick_default_practitioner()
        self.room.clear()
        self.room.addItem(tr("No room"), None)
        for r in self.directory.rooms_at(loc_id) if loc_id is not None else []:
            self.room.addItem(r.name, r.id)
        self.practitioner.blockSignals(False)
        self.room.blockSignals(False)

    def _pick_default_practitioner(self) -> None:
        needling = self.needling()
        loc_id = self.location.currentData()
        for i, p in enumerate(
            self.directory.practitioners_at(loc_id) if loc_id is not None else []
        ):
            if p.may_needle or not needling:
                self.practitioner.setCurrentIndex(i)
                return

    def _template_changed(self) -> None:
        t = self.template_info()
        if t is not None:
            self.template_note.setText(t.description)
            if self.use_template.isChecked():
                self.regions.set_value(list(t.regions))
                self.modality.setCurrentIndex(max(0, self.modality.findData(t.modality)))
        self.sig_shape_changed.emit()
        self.sig_changed.emit()

    def _kind_changed(self) -> None:
        """A single session's usual length follows its kind (an assessment takes longer)."""
        self.duration.setValue(SINGLE_LENGTHS.get(Kind(self.kind.currentData()), 30))

    def _shape_changed(self) -> None:
        shape = self.shape()
        for spin in (self.weeks, self.per_week, self.every):
            spin.setEnabled(shape == "custom")
        for w in (self.duration, self.modality, self.length_label):
            w.setEnabled(shape != "template")
        self.kind.setEnabled(shape == "single")
        self.template.setEnabled(shape == "template")
        self.template_note.setEnabled(shape == "template")
        if shape == "single" and not self._single_chosen:
            self._single_chosen = True
            self._kind_changed()
        self.sig_shape_changed.emit()
        self.sig_changed.emit()


def _practitioner_text(name: str, profession: str, may_needle: bool) -> str:
    """``Ingrid Dahl · physiotherapist  (does not needle)``, in the window's language."""
    try:
        job = vocabulary.profession(Profession(profession), ui_words()).lower()
    except ValueError:
        job = profession.replace("-", " ")
    if may_needle:
        return arg(tr("%1 · %2", "a practitioner · their profession"), name, job)
    return arg(tr("%1 · %2  (does not needle)"), name, job)


def _spin(
    lo: int,
    hi: int,
    value: int,
    parent: QWidget,
    text: Callable[[int], str],
    *,
    step: int = 1,
) -> QSpinBox:
    """A spin box that says its value in ``text`` (``6 weeks``, ``every 2 weeks``): what comes
    before and after the number are its prefix and suffix, for each value (a plural follows)."""
    s = QSpinBox(parent)
    s.setRange(lo, hi)
    s.setSingleStep(step)

    def say(n: int) -> None:
        before, _, after = text(n).partition(str(n))
        s.setPrefix(before)
        s.setSuffix(after)

    s.valueChanged.connect(say)
    s.setValue(value)
    say(value)
    return s
