"""Move "this and following": see where every session would go, fix what does not fit, move.

The dialog shows :func:`~planner.services.booking.moves.preview_move` for what is chosen (new
start, practitioner, room, what happens to a session whose time is taken) and works it out
again on the worker a moment after each change. The fixes change the choices, never the rows
behind the service's back:

* **Next free slot for the rest** lets every session whose time is taken go to the same time
  on the next free day (the conflict policy ``next-working-day``);
* **Shift this one** puts only the chosen session at its nearest free time (same day, else
  the next days) and says so;
* **Extend past closed days** leaves a week that falls on a holiday or closure out, and the
  sessions after it follow a week later.

Move is one undoable desk command (:class:`~planner.ui.undo_moves.SeriesMoveCommand`): the
service works the same preview out again inside its write and refuses if anything changed
meanwhile. A refusal is written in the dialog, which stays open with every choice.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core import vocabulary
from planner.core.domain import ConflictPolicy, Kind, SessionState
from planner.errors import PlannerError
from planner.services.booking.moves import MovedSession, MovePreview, preview_move
from planner.services.schedule.values import SessionInfo
from planner.ui.dialogs.session_dialogs import session_label
from planner.ui.geometry import fit_to_screen
from planner.ui.i18n import arg, said, tr, ui_words
from planner.ui.models.move_preview_model import MovePreviewModel
from planner.ui.style import WARNING
from planner.ui.widgets.when_field import WhenField

if TYPE_CHECKING:
    from planner.ui.desk import Desk
    from planner.ui.undo import Command
    from planner.ui.worker import TaskHandle

DEBOUNCE_MS = 250
"""How long the choices rest before the preview is worked out again."""

POLICIES = (
    (QT_TRANSLATE_NOOP("", "Report them (nothing moves until fixed)"), None),
    (QT_TRANSLATE_NOOP("", "Nearest free time the same day"), ConflictPolicy.SAME_DAY.value),
    (
        QT_TRANSLATE_NOOP("", "Same time on the next free day"),
        ConflictPolicy.NEXT_WORKING_DAY.value,
    ),
)
"""The conflict choices: what it is called (``tr()`` where shown), and the service's value."""


def _when(d: datetime) -> str:
    """``Mon 30 Nov 10:00`` / ``man. 30. nov. 10:00``."""
    w = ui_words()
    return f"{w.day_month(d)} {w.time(d)}"


def moved_label(m: MovedSession) -> str:
    """``Treatment 3/9`` (``Behandling 3/9``): the service's English label, its kind in the
    window's language."""
    for k in Kind:
        if m.label == k.label or m.label.startswith(k.label + " "):
            return vocabulary.kind(k, ui_words()) + m.label[len(k.label) :]
    return m.label


def moved_why(m: MovedSession) -> str:
    """``shifted because …`` / ``conflict: …`` in the window's language (as
    :attr:`MovedSession.why` says it in English); empty when it simply goes to its time."""
    said = "; ".join(r.text(ui_words()) for r in m.reasons)
    if m.state is SessionState.FREE:
        return said
    if m.state is SessionState.SHIFTED:
        return arg(tr("shifted because %1"), said) if said else tr("shifted", "a moved session")
    if m.state is SessionState.CONFLICT:
        return arg(tr("conflict: %1"), said)
    return arg(tr("no time: %1"), said) if said else tr("no free time found")


class SeriesMoveDialog(QDialog):
    """The preview of a series move with its fixes; Move runs it through the desk."""

    sig_moved = Signal(int)
    """The sessions were moved (the id of the session the move started from)."""

    def __init__(
        self,
        desk: Desk,
        info: SessionInfo,
        new_start: datetime,
        parent: QWidget | None = None,
        *,
        following: bool = True,
        practitioner_id: int | None = None,
        room_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk, self.info, self.following = desk, info, following
        self.practitioner_id = practitioner_id
        self.room_id = room_id
        self.conflict_policy: str | None = None
        self.extend = False
        self.overrides: dict[int, datetime] = {}
        self.preview: MovePreview | None = None
        self.error = ""
        """Why Move cannot start now (another change is still being saved)."""
        self.refusal = ""
        """The last refusal of the move, as the service said it."""
        self.moving = False
        """True while the move is being written (Move waits for the answer)."""
        self._task: TaskHandle | None = None
        self._changed_ids: set[int] = set()
        self._filling = False
        self.setWindowTitle(arg(tr("Move %1 and the following sessions"), session_label(info)))

        outer = QVBoxLayout(self)
        self.heading = QLabel(
            arg(
                tr(
                    "<b>%1</b>: %2 of %3, %4, and the %n booked session(s) after it",
                    "",
                    info.later_booked,
                ),
                escape(info.patient_name),
                escape(session_label(info)),
                escape(info.plan_title),
                _when(info.start),
            ),
            self,
        )
        self.heading.setWordWrap(True)
        outer.addWidget(self.heading)

        form = QFormLayout()
        # The one date-time entry: typed dd.mm.yyyy and HH:MM, never rolled over.
        self.start_edit = WhenField(new_start, self, what="new start")
        form.addRow(tr("New s&tart of this session:"), self.start_edit)
        self.practitioner_box = QComboBox(self)
        form.addRow(tr("&Practitioner:"), self.practitioner_box)
        self.room_box = QComboBox(self)
        form.addRow(tr("R&oom:"), self.room_box)
        self.policy_box = QComboBox(self)
        for label, value in POLICIES:
            self.policy_box.addItem(tr(str(label)), value)
        form.addRow(tr("&Conflicts:"), self.policy_box)
        outer.addLayout(form)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.summary)
        self.model = MovePreviewModel(self)
        self.table = self._build_table()
        outer.addWidget(self.table, 1)
        self.reason_label = QLabel(self)
        self.reason_label.setWordWrap(True)
        outer.addWidget(self.reason_label)

        fixes = QHBoxLayout()
        self.fix_rest = QPushButton(tr("Next free slot for the &rest"), self)
        self.fix_rest.setToolTip(
            tr("Every session whose time is taken goes to the same time on the next free day")
        )
        self.fix_shift = QPushButton(tr("Sh&ift this one"), self)
        self.fix_shift.setToolTip(tr("Only the chosen session goes to its nearest free time"))
        self.fix_extend = QPushButton(tr("E&xtend past closed days"), self)
        self.fix_extend.setToolTip(
            tr("A session on a holiday or closure goes a week later, and the rest follow it")
        )
        fixes.addWidget(QLabel(tr("Fix:"), self))
        fixes.addWidget(self.fix_rest)
        fixes.addWidget(self.fix_shift)
        fixes.addWidget(self.fix_extend)
        fixes.addStretch(1)
        outer.addLayout(fixes)
        self.change_label = QLabel(self)
        self.change_label.setWordWrap(True)
        self.change_label.setTextFormat(Qt.TextFormat.RichText)
        outer.addWidget(self.change_label)

        self.allow_past = QCheckBox(
            tr("Record a &past session (the new start is before now)"), self
        )
        self.allow_past.hide()
        outer.addWidget(self.allow_past)

        bottom = QHBoxLayout()
        self.blocked_label = QLabel(self)
        self.blocked_label.setWordWrap(True)
        self.blocked_label.setStyleSheet(f"color: {WARNING}")
        self.move_button = QPushButton(tr("&Move the sessions"), self)
        self.move_button.setDefault(True)
        self.close_button = QPushButton(tr("Close"), self)
        bottom.addWidget(self.blocked_label, 1)
        bottom.addWidget(self.move_button)
        bottom.addWidget(self.close_button)
        outer.addLayout(bottom)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run_preview)

        self.start_edit.sig_changed.connect(lambda: self._choice_changed())
        for edit in (self.start_edit.day.edit, self.start_edit.time):  # what is wrong, as typed
            edit.textChanged.connect(lambda _t: self._update_buttons())
        self.practitioner_box.currentIndexChanged.connect(lambda *_: self._who_changed())
        self.room_box.currentIndexChanged.connect(lambda *_: self._who_changed())
        self.policy_box.currentIndexChanged.connect(lambda *_: self._policy_changed())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.fix_rest.clicked.connect(self.apply_next_free_for_rest)
        self.fix_shift.clicked.connect(self.apply_shift_this_one)
        self.fix_extend.clicked.connect(self.apply_extend)
        self.allow_past.toggled.connect(lambda *_: self._update_buttons())
        self.move_button.clicked.connect(self.confirm)
        self.close_button.clicked.connect(self.reject)

        fit_to_screen(self, 980, 620)
        self.start_edit.setFocus()
        self._update_buttons()
        self._run_preview()

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(True)  # the Why column wraps: it is read whole, never cut off
        table.setAccessibleName(tr("Sessions to move"))
        hh = table.horizontalHeader()
        for c in range(4):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        return table

    # -- choices -----------------------------------------------------------------------------------
    def new_start(self) -> datetime:
        return self.start_edit.last_good()

    def chosen(self) -> MovedSession | None:
        idx = self.table.currentIndex()
        return self.model.session(idx.row()) if idx.isValid() else None

    @property
    def busy(self) -> bool:
        """True while the preview is being worked out (tests wait on it)."""
        return self._timer.isActive() or self._task is not None

    def _choice_changed(self, *, keep_overrides: bool = False) -> None:
        if self._filling:
            return
        if not keep_overrides:
            self.overrides.clear()  # times chosen by hand were for the choices before
        self.error = ""
        self._timer.start()
        self._update_buttons()

    def _who_changed(self) -> None:
        if self._filling:
            return
        self.practitioner_id = self.practitioner_box.currentData()
        self.room_id = self.room_box.currentData()
        self.change_label.setText("")
        self._choice_changed()

    def _policy_changed(self) -> None:
        if self._filling:
            return
        self.conflict_policy = self.policy_box.currentData()
        self._choice_changed(keep_overrides=True)

    # -- the preview -------------------------------------------------------------------------------
    def _run_preview(self) -> None:
        if self._task is not None:
            self._task.discard()
        store = self.desk.store
        if store is None:
            self.summary.setText(tr("The database is still opening"))
            return
        self.summary.setText(tr("Checking every session…"))
        self._task = self.desk.worker.run(
            preview_move,
            store,
            self.info.id,
            self.new_start(),
            following=self.following,
            practitioner_id=self.practitioner_id,
            room_id=self.room_id,
            conflict_policy=self.conflict_policy,
            extend=self.extend,
            overrides=dict(self.overrides),
            now=self.desk.clock(),
            on_done=self._preview_done,
            on_error=self._preview_failed,
        )
        self._update_buttons()

    def _preview_done(self, pv: MovePreview) -> None:
        self._task = None
        before = {m.appointment_id: m.new_local for m in self.model.sessions()}
        self.preview = pv
        self._fill_choices(pv)
        changed = (
            {m.appointment_id for m in pv.sessions if before.get(m.appointment_id) != m.new_local}
            if before
            else set()
        )
        self._changed_ids = changed
        keep = self.table.currentIndex().row()
        self.model.set_sessions(pv.sessions, changed)
        self.table.resizeRowsToContents()
        problems = [i for i, m in enumerate(pv.sessions) if not m.fits]
        if problems and (keep < 0 or keep >= len(pv.sessions) or pv.sessions[keep].fits):
            keep = problems[0]
        if 0 <= keep < len(pv.sessions):
            self.table.selectRow(keep)
        self.summary.setText(_summary(pv))
        if not pv.past:
            self.allow_past.setChecked(False)
        self.allow_past.setVisible(bool(pv.past))
        self._update_buttons()

    def _preview_failed(self, exc: BaseException) -> None:
        self._task = None
        if not isinstance(exc, PlannerError):
            raise exc
        self.preview = None
        self.model.set_sessions([])
        self.summary.setText(_in_warning(escape(said(exc), quote=False)))
        self._update_buttons()

    def _fill_choices(self, pv: MovePreview) -> None:
        """The practitioners and rooms of the location, with the preview's own chosen."""
        self._filling = True
        try:
            if self.practitioner_box.count() != len(pv.practitioners):
                self.practitioner_box.clear()
                for p in pv.practitioners:
                    self.practitioner_box.addItem(p.name, p.id)
            i = self.practitioner_box.findData(pv.practitioner.id)
            self.practitioner_box.setCurrentIndex(i)
            if self.room_box.count() != len(pv.rooms) + (0 if pv.room or not pv.rooms else 1):
                self.room_box.clear()
                if pv.room is None:
                    self.room_box.addItem(tr("No room"), None)
                for r in pv.rooms:
                    self.room_box.addItem(r.name, r.id)
            self.room_box.setCurrentIndex(self.room_box.findData(pv.room.id if pv.room else None))
            self.policy_box.setCurrentIndex(self.policy_box.findData(self.conflict_policy))
        finally:
            self._filling = False

    # -- fixes -------------------------------------------------------------------------------------
    def apply_next_free_for_rest(self) -> None:
        """Every session whose time is taken goes to the same time on the next free day."""
        self.conflict_policy = ConflictPolicy.NEXT_WORKING_DAY.value
        self._filling = True
        self.policy_box.setCurrentIndex(self.policy_box.findData(self.conflict_policy))
        self._filling = False
        self.change_label.setText(
            tr(
                "Sessions whose time is taken now go to the same time on the next free day "
                "(the changed rows are in bold)."
            )
        )
        self._choice_changed(keep_overrides=True)

    def apply_shift_this_one(self) -> None:
        """Only the chosen session goes to its nearest free time (the preview found it)."""
        m = self.chosen()
        if m is None or m.suggestion is None:
            return
        self.overrides[m.appointment_id] = m.suggestion
        self.change_label.setText(
            escape(
                arg(
                    tr("%1: %2 → %3, because %4."),
                    moved_label(m),
                    _when(m.target_local),
                    _when(m.suggestion),
                    "; ".join(r.text(ui_words()) for r in m.reasons),
                ),
                quote=False,
            )
        )
        self._choice_changed(keep_overrides=True)

    def apply_extend(self) -> None:
        """A session on a closed day goes a week later, and the sessions after it follow."""
        self.extend = True
        closed = [
            m
            for m in (self.preview.sessions if self.preview else [])
            if any(r.code in ("holiday", "closure") for r in m.reasons)
        ]
        names = escape(", ".join(f"{moved_label(m)} ({_when(m.target_local)})" for m in closed))
        self.change_label.setText(
            arg(
                tr("Weeks on closed days are left out: %1 and the sessions after go a week later."),
                names,
            )
            if names
            else tr("Weeks on closed days are left out.")
        )
        self._choice_changed(keep_overrides=True)

    # -- buttons -----------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        pv = self.preview
        m = self.chosen() if pv is not None else None
        self.reason_label.setText(
            arg(
                tr("%1: %2.", "a session: why it goes where it goes"),
                moved_label(m),
                moved_why(m) or tr("free", "a session's state after a fix"),
            )
            if m is not None
            else ""
        )
        working = self.busy
        self.fix_rest.setEnabled(
            bool(pv and pv.problems)
            and self.conflict_policy != ConflictPolicy.NEXT_WORKING_DAY.value
            and not working
        )
        self.fix_shift.setEnabled(
            bool(m is not None and not m.fits and m.suggestion is not None) and not working
        )
        has_closed = bool(
            pv and any(r.code in ("holiday", "closure") for s in pv.sessions for r in s.reasons)
        )
        self.fix_extend.setEnabled(has_closed and not self.extend and not working)
        why = self._why_not_movable()
        self.move_button.setEnabled(not why)
        self.blocked_label.setText(why)

    def _why_not_movable(self) -> str:
        """Why Move is disabled, written beside it; empty when it is not."""
        if self.moving:
            return tr("Moving the sessions…")
        if not self.start_edit.is_valid():
            return arg(tr("Correct the new start: %1"), self.start_edit.error())
        if self.error:
            return self.error
        if self.busy:
            return tr("Checking every session…")
        pv = self.preview
        if pv is None:
            return tr("The move cannot be worked out; see above.")
        if pv.warnings:
            return pv.warnings[0]
        if pv.past and not self.allow_past.isChecked():
            return arg(
                tr("%1: choose a later start, or tick “Record a past session”."),
                pv.past[0].upper() + pv.past[1:],
            )
        if pv.problems:
            return tr(
                "%n session(s) do not fit: use a fix, or choose another time, practitioner or "
                "room.",
                "",
                len(pv.problems),
            )
        return ""

    # -- moving ------------------------------------------------------------------------------------
    def command(self) -> Command:
        from planner.ui.undo_moves import SeriesMoveCommand

        assert self.desk.store is not None
        start = self.new_start()
        return SeriesMoveCommand(
            self.desk.store,
            self.desk.clock,
            self.info.id,
            start,
            following=self.following,
            practitioner_id=self.practitioner_id,
            room_id=self.room_id,
            conflict_policy=self.conflict_policy,
            extend=self.extend,
            overrides=self.overrides,
            allow_past=self.allow_past.isChecked(),
            text=arg(
                tr("Move %1 and following sessions for %2 to %3"),
                session_label(self.info),
                self.info.patient_name,
                _when(start),
            ),
            expect=self.seen_revisions(),
        )

    def seen_revisions(self) -> dict[int, int]:
        """The revision of each session as the preview shows it: the move is refused if one
        of them was changed at another desk since (the preview is then worked out again)."""
        pv = self.preview
        if pv is None:
            return {self.info.id: self.info.revision}
        return {m.appointment_id: m.revision for m in pv.sessions}

    def confirm(self) -> None:
        if self._why_not_movable() or self.desk.store is None:
            return
        self.moving = True
        self._update_buttons()
        if not self.desk.run(self.command(), on_done=self._moved, on_refused=self._refused):
            self.moving = False
            self.error = tr("Wait a moment: the last change is still being saved.")
            self._update_buttons()

    def done(self, result: int) -> None:
        """Closed: no preview is started or shown any more (the database may close next)."""
        self._timer.stop()
        if self._task is not None:
            self._task.discard()
            self._task = None
        super().done(result)

    def _moved(self, _command: Command) -> None:
        self.moving = False
        self.sig_moved.emit(self.info.id)
        self.accept()

    def _refused(self, exc: PlannerError) -> None:
        """The move was refused (the time was taken meanwhile): stay open, say why, look again."""
        self.moving = False
        self.refusal = exc.message
        self.change_label.setText(
            _in_warning(arg(tr("Nothing was moved: %1"), escape(said(exc), quote=False)))
        )
        self._timer.start()  # what changed meanwhile shows in the preview
        self._update_buttons()


def _in_warning(html: str) -> str:
    """``html`` in the warning colour."""
    return f"<span style='color:{WARNING}'>{html}</span>"


def _summary(pv: MovePreview) -> str:
    counts: dict[str, int] = {}
    for m in pv.sessions:
        counts[m.state.value] = counts.get(m.state.value, 0) + 1
    parts = [_state_count(state, n) for state, n in counts.items()]
    n = len(pv.sessions)
    who = escape(pv.practitioner.name) + (f", {escape(pv.room.name)}" if pv.room else "")
    if pv.movable:
        fits = tr("Every session fits.")
        verdict = f"<b style='color:#2e7d32'>{escape(fits, quote=False)}</b>"
    else:
        not_yet = tr("Not movable yet: fix the sessions marked in red.")
        verdict = f"<b style='color:{WARNING}'>{escape(not_yet, quote=False)}</b>"
    past = (
        f"<b style='color:{WARNING}'>{escape(pv.past[0].upper() + pv.past[1:])}.</b><br>"
        if pv.past
        else ""
    )
    return (
        past
        + arg(tr("<b>%n session(s)</b> with %1: %2", "", n), who, ", ".join(parts))
        + f"<br>{verdict}"
    )


def _state_count(state: str, n: int) -> str:
    """``3 free``: how many sessions of a move are in ``state``."""
    if state == "free":
        return tr("%n free", "", n)
    if state == "shifted":
        return tr("%n shifted", "", n)
    if state == "conflict":
        return tr("%n in conflict", "", n)
    return tr("%n without a time", "", n)
