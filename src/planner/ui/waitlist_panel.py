"""The waitlist panel: who waits for which series, since when, and what fits for them now.

A side widget (the window puts it in a dock, Ctrl+Shift+W). The open entries are listed
urgent first, then by how long they have waited, each with the patient, what they wait for,
with whom and where, when they can come, how long they have waited and the best current match
("Tue 5 Jan 08:00 with Ingrid Berg, 12 sessions, 1 moved"), or that nothing fits now. The
matching (``waitlist.matching.match_entries``) runs on the worker, never on the GUI thread; a
refresh asked while one runs overtakes it.

Below the list, every candidate of the entry chosen, with all its sessions as the new-plan
preview shows them. *Add…* opens the add dialog, *Book…* (Enter) the new-plan dialog filled
with the candidate chosen, *Remove…* (Delete) asks why and takes the entry off the list (a
refusal says why in one line and changes nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core import vocabulary
from planner.core.availability import hours_said
from planner.core.timeutil import utcnow
from planner.errors import InvalidState, PlannerError
from planner.services.schedule.patients import patient_row
from planner.services.schedule.values import PatientRow
from planner.services.waitlist.entries import Entry, get_entry, remove_entry
from planner.services.waitlist.matching import Candidate, EntryMatch, match_entries
from planner.ui.i18n import arg, day_month, said, time_text, tr, ui_words
from planner.ui.models.proposal_model import ProposalModel
from planner.ui.style import WARNING
from planner.ui.worker import TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store

EntryRole = Qt.ItemDataRole.UserRole + 1
"""The entry id an item of the list stands for."""
REFRESH_MS = 200
"""Refreshes asked in a burst (a change, then another desk's) are one matching."""
MUTED = "color: #5f6670"


# -- what an entry says -----------------------------------------------------------------------


def what_text(entry: Entry) -> str:
    """The template's name, or ``6 × 30 min, 2 a week (physiotherapy)``."""
    if entry.template:
        return entry.template
    p = entry.phases[0]
    modality = vocabulary.modality(entry.modality, ui_words()).lower()
    return arg(
        tr("%1 × %2 min, %3 a week (%4)", "a custom cadence: sessions, length, per week"),
        p.count,
        p.duration_min,
        p.per_week,
        modality,
    )


def who_text(entry: Entry) -> str:
    """``with Ingrid Berg at Oslo sentrum``; ``with anyone who may give it, any location``."""
    where = entry.location.name if entry.location else ""
    if entry.room is not None:
        where = arg(tr("%1, %2", "a location, a room"), where, entry.room.name)
    if entry.practitioners:
        who = ", ".join(p.name for p in entry.practitioners)
        if where:
            return arg(tr("with %1 at %2", "a waitlist entry: who and where"), who, where)
        return arg(tr("with %1, any location", "a waitlist entry: who"), who)
    if where:
        return arg(tr("with anyone who may give it, at %1", "a waitlist entry: where"), where)
    return tr("with anyone who may give it, any location")


def hours_text(entry: Entry) -> str:
    """``tue, thu 08:00-12:00`` in the window's language; ``any time``."""
    if entry.hours is None:
        return tr("any day, any time")
    return str(hours_said(entry.hours).text(ui_words()))


def age_text(entry: Entry, now: datetime) -> str:
    """``waiting 12 days``; ``added today``."""
    days = entry.waited_days(now)
    return tr("waiting %n day(s)", "", days) if days else tr("added today")


def candidate_text(c: Candidate) -> str:
    """``Tue 5 Jan 08:00 with Ingrid Berg, 12 sessions, 1 moved``."""
    text = arg(
        tr("%1 %2 with %3, %n session(s)", "a waitlist match: day, time, who", len(c.sessions)),
        day_month(c.start.date()),
        time_text(c.start),
        c.practitioner.name,
    )
    if c.moved:
        text = arg(tr("%1, %n moved", "sessions a holiday moved", c.moved), text)
    return text


def best_text(match: EntryMatch) -> str:
    best = match.best
    if best is None:
        return tr("Nothing fits now")
    return arg(tr("Best: %1", "the best waitlist match"), candidate_text(best))


def entry_text(match: EntryMatch, now: datetime) -> str:
    """The entry's lines in the list."""
    e = match.entry
    head = e.patient.name
    if e.urgent:
        head = arg(tr("%1 · URGENT", "a waitlist entry"), head)
    lines = [
        head,
        arg(tr("%1 %2", "what, with whom and where"), what_text(e), who_text(e)),
        arg(
            tr("Can come %1 · %2", "the patient's times · how long waited"),
            hours_text(e),
            age_text(e, now),
        ),
        best_text(match),
    ]
    return "\n".join(lines)


def waitlist_note(entry: Entry) -> str:
    """The new-plan dialog's line: ``From the waitlist: the patient can come tue, thu
    08:00-12:00``."""
    return arg(tr("From the waitlist: the patient can come %1"), hours_text(entry))


# -- the panel --------------------------------------------------------------------------------


class WaitlistPanel(QWidget):
    """The open entries and their matches; Add…, Book… and Remove…."""

    sig_add_requested = Signal()
    sig_book_requested = Signal(int, int)
    """Book (entry id, candidate index) in the new-plan dialog."""
    sig_removed = Signal(int)
    """An entry was taken off the waitlist (its id)."""
    sig_loaded = Signal()
    """A matching came back and the list shows it (tests wait on it)."""

    def __init__(
        self,
        store: Store,
        worker: Worker,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.store, self.worker, self.clock = store, worker, clock
        self.matches: list[EntryMatch] = []
        self._task: TaskHandle | None = None
        self._remove_task: TaskHandle | None = None
        self._want: int | None = None
        """The entry to choose when the list comes back."""
        self.remove_dialog: RemoveDialog | None = None

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.status)
        self.message = QLabel(self)
        """One line: why a removal was refused, or that one was made."""
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet(f"color: {WARNING}")
        self.message.hide()
        lay.addWidget(self.message)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        self.split = split
        """The list over the candidate's sessions (beside them when the panel lies wide)."""
        self.list = QListWidget(split)
        self.list.setAccessibleName(tr("Waitlist entries"))
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.installEventFilter(self)
        below = QWidget(split)
        bl = QVBoxLayout(below)
        bl.setContentsMargins(0, 0, 0, 0)
        self.candidate_label = QLabel(tr("Can&didate:"), below)
        self.candidates = QComboBox(below)
        self.candidates.setAccessibleName(tr("Candidates"))
        self.candidate_label.setBuddy(self.candidates)
        bl.addWidget(self.candidate_label)  # over the choice: its whole width for the text
        bl.addWidget(self.candidates)
        self.model = ProposalModel(self)
        self.table = QTableView(below)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.setAccessibleName(tr("The candidate's sessions"))
        hh = self.table.horizontalHeader()
        for c in range(4):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        bl.addWidget(self.table, 1)
        split.addWidget(self.list)
        split.addWidget(below)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)

        buttons = QHBoxLayout()
        self.add_button = QPushButton(tr("&Add…", "to the waitlist"), self)
        self.add_button.setToolTip(tr("Put a patient on the waitlist"))
        self.book_button = QPushButton(tr("&Book…", "from the waitlist"), self)
        self.book_button.setToolTip(tr("The new plan, filled with the candidate chosen (Enter)"))
        self.remove_button = QPushButton(tr("&Remove…", "from the waitlist"), self)
        self.remove_button.setToolTip(tr("Take the entry off the waitlist, saying why (Delete)"))
        self.refresh_button = QPushButton(tr("&Match again", "the waitlist"), self)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.book_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        lay.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._load)
        self.list.currentRowChanged.connect(lambda _r: self._entry_chosen())
        self.list.itemDoubleClicked.connect(lambda _i: self.book())
        self.candidates.currentIndexChanged.connect(lambda _i: self._candidate_chosen())
        self.add_button.clicked.connect(self.sig_add_requested)
        self.book_button.clicked.connect(self.book)
        self.remove_button.clicked.connect(self.ask_remove)
        self.refresh_button.clicked.connect(self.refresh)
        self.setFocusProxy(self.list)
        self._update_buttons()

    def set_wide(self, wide: bool) -> None:
        """Under the schedule (wide): the list beside the sessions; beside it: over them."""
        self.split.setOrientation(Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical)

    # -- loading ----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a matching is due or running (tests wait on it)."""
        return self._timer.isActive() or self._task is not None or self._remove_task is not None

    def refresh(self, select: int | None = None) -> None:
        """Match again soon (a burst of asks is one matching); then choose ``select``."""
        if select is not None:
            self._want = select
        self._timer.start()

    def _load(self) -> None:
        if self._task is not None:
            self._task.discard()
        self.status.setText(tr("Matching every entry against the schedule…"))
        self._task = self.worker.run(
            match_entries,
            self.store,
            now=self.clock(),
            on_done=self._loaded,
            on_error=self._failed,
        )
        self._update_buttons()

    def _loaded(self, matches: list[EntryMatch]) -> None:
        self._task = None
        keep = self._want if self._want is not None else self.current_entry_id()
        self._want = None
        self.matches = matches
        now = self.clock()
        self.list.blockSignals(True)
        self.list.clear()
        for m in matches:
            item = QListWidgetItem(entry_text(m, now), self.list)
            item.setData(EntryRole, m.entry.id)
            if m.entry.urgent:
                f = item.font()
                f.setBold(True)
                item.setFont(f)
            if m.best is None:
                item.setToolTip(tr("Nothing fits now: the entry stays on the waitlist"))
        self.list.blockSignals(False)
        row = next((i for i, m in enumerate(matches) if m.entry.id == keep), 0)
        if matches:
            self.list.setCurrentRow(row)
        fits = sum(1 for m in matches if m.best is not None)
        self.status.setText(
            arg(tr("%n waiting · %1 with a time that fits now", "", len(matches)), fits)
            if matches
            else tr("Nobody is on the waitlist. Add… puts a patient on it.")
        )
        self._entry_chosen()
        self.sig_loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        if not isinstance(exc, PlannerError):
            raise exc
        self.status.setText(arg(tr("The waitlist could not be matched: %1"), said(exc)))
        self._update_buttons()

    # -- choosing ---------------------------------------------------------------------------------
    def current_match(self) -> EntryMatch | None:
        row = self.list.currentRow()
        return self.matches[row] if 0 <= row < len(self.matches) else None

    def current_entry_id(self) -> int | None:
        m = self.current_match()
        return m.entry.id if m is not None else None

    def select_entry(self, entry_id: int) -> bool:
        """Choose the entry (True when it is listed); asked before the list came, it is
        chosen when it comes."""
        for i, m in enumerate(self.matches):
            if m.entry.id == entry_id:
                self.list.setCurrentRow(i)
                return True
        self._want = entry_id
        return False

    def _entry_chosen(self) -> None:
        m = self.current_match()
        self.candidates.blockSignals(True)
        self.candidates.clear()
        if m is not None:
            for i, c in enumerate(m.candidates, 1):
                self.candidates.addItem(
                    arg(tr("%1. %2", "a numbered candidate"), i, candidate_text(c))
                )
            if not m.candidates:
                self.candidates.addItem(tr("Nothing fits now"))
        self.candidates.blockSignals(False)
        self._candidate_chosen()

    def candidate_index(self) -> int:
        m = self.current_match()
        i = self.candidates.currentIndex()
        return i if m is not None and 0 <= i < len(m.candidates) else -1

    def _candidate_chosen(self) -> None:
        m = self.current_match()
        i = self.candidate_index()
        self.model.set_sessions(list(m.candidates[i].sessions) if m is not None and i >= 0 else [])
        self.table.resizeRowsToContents()
        self._update_buttons()

    def _update_buttons(self) -> None:
        m = self.current_match()
        self.book_button.setEnabled(m is not None and self.candidate_index() >= 0)
        self.remove_button.setEnabled(m is not None and self._remove_task is None)
        self.candidates.setEnabled(m is not None and bool(m.candidates))

    # -- the keyboard -----------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """In the list, Enter books and Delete removes (before the window's Delete, cancel)."""
        if obj is self.list and isinstance(event, QKeyEvent):
            keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete)
            if event.key() in keys and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()
                    return True
                if event.type() == QEvent.Type.KeyPress:
                    if event.key() == Qt.Key.Key_Delete:
                        self.ask_remove()
                    else:
                        self.book()
                    return True
        return super().eventFilter(obj, event)

    # -- actions ----------------------------------------------------------------------------------
    def book(self) -> None:
        m = self.current_match()
        i = self.candidate_index()
        if m is None:
            return
        if i < 0:
            none = tr("Nothing fits %1 now; the entry stays on the waitlist")
            self.say(arg(none, m.entry.patient.name))
            return
        self.sig_book_requested.emit(m.entry.id, i)

    def say(self, text: str) -> None:
        """One line over the list (hidden when empty)."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def ask_remove(self) -> RemoveDialog | None:
        """Ask why, then take the chosen entry off the waitlist (not modal: never blocking)."""
        m = self.current_match()
        if m is None or self._remove_task is not None:
            return None
        dlg = RemoveDialog(m.entry, self)
        dlg.sig_remove.connect(lambda reason, e=m.entry: self.remove(e, reason))
        dlg.finished.connect(lambda _r: dlg.deleteLater())
        dlg.open()
        self.remove_dialog = dlg
        return dlg

    def remove(self, entry: Entry, reason: str) -> None:
        """Remove on the worker (refused when another desk changed the entry meanwhile)."""
        self.say("")
        self._remove_task = self.worker.run(
            remove_entry,
            self.store,
            entry.id,
            reason=reason,
            now=self.clock(),
            expect=entry.revision,
            on_done=self._removed,
            on_error=self._not_removed,
        )
        self._update_buttons()

    def _removed(self, entry: Entry) -> None:
        self._remove_task = None
        self.sig_removed.emit(entry.id)
        self.refresh()

    def _not_removed(self, exc: BaseException) -> None:
        self._remove_task = None
        if not isinstance(exc, PlannerError):
            raise exc
        self.say(arg(tr("Not removed: %1"), said(exc)))
        self._update_buttons()


class RemoveDialog(QDialog):
    """Why the entry comes off the waitlist (a reason is kept with it)."""

    sig_remove = Signal(str)

    def __init__(self, entry: Entry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Remove from the waitlist"))
        lay = QVBoxLayout(self)
        intro = QLabel(
            arg(tr("Take %1 (%2) off the waitlist?"), entry.patient.name, what_text(entry)), self
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(intro)
        label = QLabel(tr("&Why:"), self)
        self.reason = QComboBox(self)
        self.reason.setEditable(True)
        self.reason.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for text in (
            tr("booked another way"),
            tr("no longer needed"),
            tr("found another clinic"),
            tr("could not be reached"),
        ):
            self.reason.addItem(text)
        self.reason.setCurrentIndex(-1)
        self.reason.setEditText("")
        self.reason.setAccessibleName(tr("Why the entry is removed"))
        if (line := self.reason.lineEdit()) is not None:
            line.setPlaceholderText(tr("say why (kept with the entry)"))
        label.setBuddy(self.reason)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.reason, 1)
        lay.addLayout(row)
        self.error = QLabel(self)
        self.error.setStyleSheet(f"color: {WARNING}")
        self.error.setWordWrap(True)
        self.error.hide()
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.remove_button = QPushButton(tr("&Remove", "from the waitlist"), self)
        self.remove_button.setDefault(True)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.AcceptRole)
        keep = buttons.addButton(tr("&Keep it"), QDialogButtonBox.ButtonRole.RejectRole)
        keep.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(max(420, self.sizeHint().width()), self.sizeHint().height())

    def accept(self) -> None:
        reason = self.reason.currentText().strip()
        if len(reason) > 500:
            self.error.setText(tr("The reason is too long (at most 500 characters)."))
            self.error.show()
            return
        self.sig_remove.emit(reason)
        super().accept()


def match_for_booking(store: Store, entry_id: int, now: datetime) -> tuple[EntryMatch, PatientRow]:
    """On the worker: the entry as it matches now, and its patient as the dialogs show one
    (refused when the entry was closed meanwhile)."""
    entry = get_entry(store, entry_id)
    if not entry.is_open:  # tr() is thread-safe
        raise InvalidState(arg(tr("%1 is no longer on the waitlist"), entry.patient.name))
    found = match_entries(store, [entry_id], now=now)
    match = found[0] if found else EntryMatch(entry, [])
    return match, patient_row(store, entry.patient.id, now=now)
