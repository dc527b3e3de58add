"""Small dialogs that act on one session: move, cancel, attend, and going to a date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCalendarWidget,
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
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner.core import vocabulary
from planner.core.domain import Kind
from planner.core.outcomes import Measure
from planner.core.regions import ALL_REGION_CODES, BodyRegion, parse_region
from planner.services.schedule.values import SessionInfo
from planner.ui.dialogs import discard
from planner.ui.i18n import arg, tr, ui_words
from planner.ui.style import regions_text
from planner.ui.widgets.body_map import BodyMap, atomic_codes
from planner.ui.widgets.when_field import WhenField


def _header(info: SessionInfo) -> str:
    return arg(
        tr("<b>%1</b> · %2 of %3<br>%4 with %5"),
        _esc(info.patient_name),
        _esc(session_label(info)),
        _esc(info.plan_title),
        ui_words().date_time_long(info.start),
        _esc(info.practitioner_name),
    )


def _kind_word(kind: str) -> str:
    """A session's kind (``treatment``) in the window's language."""
    try:
        return vocabulary.kind(Kind(kind), ui_words())
    except ValueError:
        return kind


def session_label(info: SessionInfo) -> str:
    """``Treatment 3/9`` (``Behandling 3/9``); the kind alone for a cancelled session."""
    word = _kind_word(info.kind)
    return f"{word} {info.number}/{info.of}" if info.number is not None else word


def region_label(code: str) -> str:
    """A region code's label in the window's language (``Skulder (venstre)``)."""
    return vocabulary.region_code(code, ui_words())


def when_text(local: datetime) -> str:
    """``Tue, 2 Feb 2027 at 10:00`` / ``tir. 2. feb. 2027 kl. 10:00``."""
    w = ui_words()
    return arg(tr("%1 at %2", "a date at a time"), w.skeleton("yMMMEd", local), w.time(local))


def measure_label(m: Measure) -> str:
    """A whole-body score's name in the window's language."""
    return vocabulary.measure(m, ui_words())


def measure_scale(m: Measure) -> str:
    """What 0 and 10 mean for a whole-body score, in the window's language."""
    return vocabulary.measure_scale(m, ui_words())


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# -- move -----------------------------------------------------------------------------------------


class MoveDialog(QDialog):
    """Move a session to another date and time (the keyboard way of dragging it)."""

    def __init__(
        self,
        info: SessionInfo,
        parent: QWidget | None = None,
        target: datetime | None = None,
        *,
        local_now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Move session"))
        self.info = info
        self.local_now = local_now or datetime.now(ZoneInfo(info.tz)).replace(tzinfo=None)
        """Now at the session's location: a new start before it is said to be in the past."""
        lay = QVBoxLayout(self)
        head = QLabel(_header(info), self)
        head.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(head)
        form = QFormLayout()
        self.when = WhenField(target or info.start, self, what="new start")
        form.addRow(tr("&New start:"), self.when)
        lay.addLayout(form)
        self.past_note = QLabel(self)
        self.past_note.setWordWrap(True)
        self.past_note.setStyleSheet("color: #8a5a00")
        lay.addWidget(self.past_note)
        self.when.sig_changed.connect(self._say_past)
        self.only = QRadioButton(tr("&This session only"), self)
        self.following = QRadioButton(
            tr(
                "This and the &following %n booked session(s) of the plan, by the same shift",
                "",
                info.later_booked,
            ),
            self,
        )
        self.only.setChecked(True)
        self.following.setEnabled(info.later_booked > 0)
        group = QButtonGroup(self)
        group.addButton(self.only)
        group.addButton(self.following)
        lay.addWidget(self.only)
        lay.addWidget(self.following)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.addButton(tr("&Move"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.when.setFocus()
        self._say_past()

    def in_past(self) -> bool:
        """Whether the new start typed lies before now (the desk asks before it moves)."""
        return self.when.is_valid() and self.when.value() < self.local_now

    def _say_past(self) -> None:
        if self.in_past():
            self.past_note.setText(
                arg(
                    tr(
                        "%1 is in the past: moving the session there records a session that "
                        "already took place (you will be asked)."
                    ),
                    when_text(self.when.value()),
                )
            )
        self.past_note.setVisible(self.in_past())

    def accept(self) -> None:
        """Only a real date and time: an impossible one keeps the dialog open, said under
        the field."""
        if not self.when.check():
            self.when.setFocus()
            return
        super().accept()

    def result_value(self) -> tuple[datetime, bool]:
        return self.when.value(), self.following.isChecked()


# -- cancel --------------------------------------------------------------------------------------


@dataclass
class CancelChoice:
    extend: bool
    reason: str


class CancelDialog(QDialog):
    """Cancel a session, offering to add one at the end so the plan keeps its count.

    Focus starts in the reason, so what the desk types right away goes there (the checkbox
    would take a space as a toggle). Esc or Close after typing asks first. Opened again after
    a refusal, it shows ``choice`` and ``refusal`` (why it failed).
    """

    def __init__(
        self,
        info: SessionInfo,
        parent: QWidget | None = None,
        *,
        choice: CancelChoice | None = None,
        refusal: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Cancel session"))
        lay = QVBoxLayout(self)
        head = QLabel(_header(info), self)
        head.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(head)
        self.refusal = _refusal_label(refusal, self)
        lay.addWidget(self.refusal)
        kind = _kind_word(info.kind).lower()
        extend = (
            arg(
                tr("&Add a session at the end so the plan keeps its %n %1 sessions", "", info.of),
                kind,
            )
            if info.of and info.of > 1
            else tr("&Add a session at the end so the plan keeps its count")
        )
        self.extend = QCheckBox(extend, self)
        self.extend.setChecked(info.kind in ("treatment",) and info.status == "booked")
        form = QFormLayout()
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(tr("e.g. patient ill (optional)"))
        form.addRow(tr("&Reason:"), self.reason)
        lay.addLayout(form)
        lay.addWidget(self.extend)
        self._initial = self.result_value()
        if choice is not None:
            self.extend.setChecked(choice.extend)
            self.reason.setText(choice.reason)
        note = QLabel(arg(tr("You can undo this with %1."), "Ctrl+Z"), self)
        note.setStyleSheet("color: #5f6670")
        lay.addWidget(note)
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(tr("&Cancel session"), QDialogButtonBox.ButtonRole.AcceptRole)
        keep = buttons.addButton(tr("&Keep it"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setDefault(True)
        keep.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.reason.setFocus()

    def result_value(self) -> CancelChoice:
        return CancelChoice(self.extend.isChecked(), self.reason.text().strip())

    def has_entered_data(self) -> bool:
        """A reason typed, or the extend choice changed: Esc or Close asks first."""
        return self.result_value() != self._initial

    def reject(self) -> None:
        """Esc, Close and "Keep it": ask before throwing a typed reason away."""
        if self.has_entered_data() and not discard.ask_discard(
            self, tr("Cancel session"), tr("the reason and choice you entered")
        ):
            return
        super().reject()


# -- attend ----------------------------------------------------------------------------------------


NOT_TAKEN = -1


@dataclass
class AttendChoice:
    regions: list[tuple[BodyRegion, int | None]]
    notes: str
    scores: dict[Measure, int] = field(default_factory=dict)
    """Whole-body scores taken (fatigue, sleep quality, function; 0-10)."""


class AttendDialog(QDialog):
    """Mark a session attended: the regions treated and each one's pain score (0-10).

    The body map and the rows beside it are two views of the same choice: clicking a region
    on the map ticks (or adds) its row, ticking a row chooses it on the map, and each row's
    pain shows on the map. The whole-body scores below are optional.
    """

    def __init__(
        self,
        info: SessionInfo,
        parent: QWidget | None = None,
        *,
        choice: AttendChoice | None = None,
        refusal: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Session attended"))
        self.lay = QVBoxLayout(self)
        head = QLabel(_header(info), self)
        head.setTextFormat(Qt.TextFormat.RichText)
        self.lay.addWidget(head)
        self.refusal = _refusal_label(refusal, self)
        self.lay.addWidget(self.refusal)
        hint = QLabel(
            tr(
                "Click the regions treated on the body map (or tick them), and give each one's "
                "pain now, 0 (none) to 10 (worst). On the map, digits give the pain of the region "
                "under the focus ring."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.lay.addWidget(hint)
        columns = QHBoxLayout()
        self.lay.addLayout(columns, 1)
        self.body_map = BodyMap(self, scores=True)
        self.body_map.setMinimumSize(300, 340)
        columns.addWidget(self.body_map, 1)
        side = QVBoxLayout()
        columns.addLayout(side)
        self._syncing = False
        self.grid = QGridLayout()
        self.grid.addWidget(QLabel(tr("<b>Region</b>"), self), 0, 0)
        self.grid.addWidget(QLabel(tr("<b>Pain 0-10</b>"), self), 0, 1)
        side.addLayout(self.grid)
        self.rows: list[tuple[str, QCheckBox, QSpinBox]] = []
        start = [code for code, _pain in info.treated] or list(info.plan_regions)
        pains = dict(info.treated)
        for code in start:
            self._add_row(code, pains.get(code))
        add_row = QComboBox(self)
        add_row.addItem(tr("Add another region…"), "")
        for code in ALL_REGION_CODES:
            add_row.addItem(region_label(code), code)
        add_row.activated.connect(lambda i: self._add_from_combo(add_row, i))
        self.add_combo = add_row
        side.addWidget(add_row)
        body = QGroupBox(tr("Whole-body scores (optional)"), self)
        bf = QFormLayout(body)
        self.score_spins: dict[Measure, QSpinBox] = {}
        for m in Measure:
            spin = QSpinBox(body)
            spin.setRange(NOT_TAKEN, 10)
            spin.setSpecialValueText(tr("not taken"))
            spin.setValue(NOT_TAKEN)
            spin.setToolTip(measure_scale(m))
            spin.setAccessibleName(measure_label(m))
            bf.addRow(arg(tr("%1:", "a form label"), measure_label(m)), spin)
            self.score_spins[m] = spin
        side.addWidget(body)
        side.addStretch(1)
        self._sync_map()
        self.body_map.sig_changed.connect(self._map_changed)
        self.body_map.sig_score_entered.connect(self._map_score)
        form = QFormLayout()
        self.notes = QLineEdit(self)
        form.addRow(tr("&Notes:"), self.notes)
        self.lay.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.addButton(tr("Mark &attended"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.lay.addWidget(buttons)
        self._initial = self._entered()
        if choice is not None:
            self._fill(choice)
        if self.rows:
            self.rows[0][2].setFocus()

    # -- never losing what was entered -----------------------------------------------------------
    def _entered(self) -> tuple[object, ...]:
        """Everything the desk can enter, to tell whether anything was."""
        return (
            tuple((c, box.isChecked(), spin.value()) for c, box, spin in self.rows),
            tuple(s.value() for s in self.score_spins.values()),
            self.notes.text().strip(),
        )

    def has_entered_data(self) -> bool:
        """A score, a region or a note entered: Esc or Close asks first."""
        return self._entered() != self._initial

    def reject(self) -> None:
        """Esc, Close and Cancel: ask before throwing entered scores away."""
        if self.has_entered_data() and not discard.ask_discard(
            self, tr("Session attended"), tr("the scores and notes you entered")
        ):
            return
        super().reject()

    def _fill(self, choice: AttendChoice) -> None:
        """Show ``choice`` again (the dialog reopened after a refusal)."""
        wanted = {r.code for r, _pain in choice.regions}
        for code, box, _spin in self.rows:
            box.setChecked(code in wanted)
        for region, pain in choice.regions:
            self.set_pain(region.code, pain)
        for m, spin in self.score_spins.items():
            spin.setValue(choice.scores.get(m, NOT_TAKEN))
        self.notes.setText(choice.notes)

    def _add_from_combo(self, combo: QComboBox, index: int) -> None:
        code = combo.itemData(index)
        if code and code not in [c for c, _b, _s in self.rows]:
            self._add_row(code, None)
            self.rows[-1][2].setFocus()
        combo.setCurrentIndex(0)

    def _add_row(self, code: str, pain: int | None) -> None:
        row = len(self.rows) + 1
        box = QCheckBox(region_label(code), self)
        box.setChecked(True)
        spin = QSpinBox(self)
        spin.setRange(NOT_TAKEN, 10)
        spin.setSpecialValueText(tr("not taken"))
        spin.setValue(pain if pain is not None else NOT_TAKEN)
        spin.setAccessibleName(arg(tr("Pain in %1"), region_label(code)))
        self.grid.addWidget(box, row, 0)
        self.grid.addWidget(spin, row, 1)
        self.rows.append((code, box, spin))
        box.toggled.connect(lambda _on: self._sync_map())
        spin.valueChanged.connect(lambda _v: self._sync_map())
        self._sync_map()

    # -- the body map and the rows: one choice ---------------------------------------------------
    def _sync_map(self) -> None:
        """Show the ticked rows and their pain on the map."""
        if self._syncing or not hasattr(self, "body_map"):
            return
        self._syncing = True
        try:
            ticked = [(c, s) for c, box, s in self.rows if box.isChecked()]
            self.body_map.set_value([c for c, _s in ticked])
            self.body_map.set_scores(
                {c: (None if s.value() == NOT_TAKEN else s.value()) for c, s in ticked}
            )
        finally:
            self._syncing = False

    def _map_changed(self) -> None:
        """Regions clicked on the map: tick the rows they cover, untick the others, and add
        rows for regions no row covers yet.

        A row covers its sides (``shoulders`` both, ``shoulder-left`` one). A new row takes
        the pain of a row it overlaps (``shoulder-left`` after ``shoulders``).
        """
        if self._syncing:
            return
        self._syncing = True
        try:
            chosen = self.body_map.chosen()
            for code, box, _spin in self.rows:
                box.setChecked(set(atomic_codes(code)) <= chosen)
            covered = {a for c, box, _s in self.rows if box.isChecked() for a in atomic_codes(c)}
            rest = chosen - covered
            for code in self.body_map.value():
                parts = set(atomic_codes(code))
                for new in [code] if parts <= rest else sorted(parts & rest):
                    region = parse_region(new)
                    carried = next(
                        (
                            s.value()
                            for c, _b, s in self.rows
                            if s.value() != NOT_TAKEN and parse_region(c).overlaps(region)
                        ),
                        None,
                    )
                    self._add_row(new, carried)
        finally:
            self._syncing = False
        self._sync_map()

    def _map_score(self, code: str, value: object) -> None:
        """A pain typed on the map goes into the ticked rows of that region."""
        parts = set(atomic_codes(code))
        for c, box, spin in self.rows:
            if box.isChecked() and set(atomic_codes(c)) <= parts:
                spin.setValue(NOT_TAKEN if value is None else int(str(value)))

    def set_pain(self, code: str, pain: int | None) -> None:
        for c, box, spin in self.rows:
            if c == code:
                box.setChecked(True)
                spin.setValue(NOT_TAKEN if pain is None else pain)
                return
        self._add_row(code, pain)

    def result_value(self) -> AttendChoice:
        regions = [
            (parse_region(code), None if spin.value() == NOT_TAKEN else spin.value())
            for code, box, spin in self.rows
            if box.isChecked()
        ]
        scores = {m: s.value() for m, s in self.score_spins.items() if s.value() != NOT_TAKEN}
        return AttendChoice(regions, self.notes.text().strip(), scores)


def _refusal_label(refusal: str, parent: QWidget) -> QLabel:
    """Why the last try was refused (hidden when there was none)."""
    label = QLabel(refusal, parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: #a4262c; font-weight: bold")
    label.setVisible(bool(refusal))
    return label


# -- go to a date ----------------------------------------------------------------------------------


class GoToDateDialog(QDialog):
    """Jump to a date: a calendar with keyboard navigation (arrows, Page Up/Down, Enter)."""

    def __init__(self, current: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Go to date"))
        lay = QVBoxLayout(self)
        self.calendar = QCalendarWidget(self)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(False)
        self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self.calendar.activated.connect(lambda _d: self.accept())
        lay.addWidget(self.calendar)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.calendar.setFocus()

    def result_value(self) -> date:
        q = self.calendar.selectedDate()
        return date(q.year(), q.month(), q.day())


def describe_regions(codes: tuple[str, ...]) -> str:
    return regions_text(codes) or tr("no regions set")
