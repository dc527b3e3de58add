"""The new-plan dialog's preview: every proposed session, a summary, and the one-click fixes.

The panel shows a :class:`~planner.services.booking.plans.Preview` it is given and says which
fixes apply to it; working the preview out, and what a fix does to the request, is the
dialog's business. After a fix the panel marks the rows it changed and says in one line what
changed and why (:func:`fix_note`, a pure function of the previews before and after).
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core import vocabulary
from planner.core.domain import ConflictPolicy, HolidayPolicy, Kind, ProposedSession
from planner.services.booking.plans import Preview
from planner.ui.i18n import arg, tr, ui_words
from planner.ui.models.proposal_model import ProposalModel
from planner.ui.style import WARNING

SUMMARY_STATES = (
    ("free", "#2e7d32"),
    ("shifted", "#b26a00"),
    ("flagged", "#b26a00"),
    ("conflict", WARNING),
    ("unplaceable", WARNING),
)
"""The states the summary counts, in its order: (state, colour)."""


def _state_count(state: str, n: int) -> str:
    """``<b>3</b> free``: how many sessions of the preview are in ``state``."""
    texts = {
        "free": tr("<b>%n</b> free", "", n),
        "shifted": tr("<b>%n</b> shifted", "", n),
        "flagged": tr("<b>%n</b> to check", "", n),
        "conflict": tr("<b>%n</b> in conflict", "", n),
        "unplaceable": tr("<b>%n</b> without a slot", "", n),
    }
    return texts[state]


def _bold(colour: str, text: str) -> str:
    """``text`` (plain) in bold and ``colour``."""
    return f"<b style='color:{colour}'>{escape(text, quote=False)}</b>"


def _kind(kind: Kind) -> str:
    return vocabulary.kind(kind, ui_words())


class PreviewPanel(QWidget):
    """The proposed sessions in a table, what the chosen one is about, and the fixes."""

    sig_next_free_requested = Signal()
    """Next free slot: start the plan where every session fits."""
    sig_shift_requested = Signal()
    """Shift this one: let the chosen session, whose time is taken, move."""
    sig_extend_requested = Signal()
    """Extend the plan: leave holiday weeks out and add weeks at the end."""
    sig_chosen_changed = Signal()
    """Another session was chosen in the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        right = QVBoxLayout(self)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(12)  # as the dialog's columns stand apart
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        right.addWidget(self.summary)
        self.fix_label = QLabel(self)
        """What the last fix changed and why, in one line (empty until a fix is applied)."""
        self.fix_label.setWordWrap(True)
        self.fix_label.setTextFormat(Qt.TextFormat.PlainText)
        self.fix_label.setAccessibleName(tr("What the last fix changed"))
        self.fix_label.hide()
        right.addWidget(self.fix_label)
        self.taken_label = QLabel(self)
        """That sessions of the preview were just booked at another desk (empty until then)."""
        self.taken_label.setWordWrap(True)
        self.taken_label.setTextFormat(Qt.TextFormat.PlainText)
        self.taken_label.setStyleSheet(f"color: {WARNING}; font-weight: bold")
        self.taken_label.setAccessibleName(tr("Taken at another desk"))
        self.taken_label.hide()
        right.addWidget(self.taken_label)
        self.model = ProposalModel(self)
        self.table = self._build_table()
        right.addWidget(self.table, 1)
        self.reason_label = QLabel(self)
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextFormat(Qt.TextFormat.RichText)
        self.reason_label.setMinimumHeight(self.fontMetrics().height() * 2 + 4)
        self.reason_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.reason_label)

        fixes = QHBoxLayout()
        self.fix_next = QPushButton(tr("Next free &slot"), self)
        self.fix_next.setToolTip(
            tr("Start the plan at the earliest time from which every session is free")
        )
        self.fix_shift = QPushButton(tr("Sh&ift this one"), self)  # Alt+H is "On a holiday"
        self.fix_shift.setToolTip(
            tr(
                "Move the chosen session, whose time is taken, to the nearest free time that "
                "day (or the next free day); the others stay"
            )
        )
        self.fix_extend = QPushButton(tr("E&xtend the plan"), self)
        self.fix_extend.setToolTip(
            tr("Leave out a week that falls on a holiday or closure and add one at the end instead")
        )
        fixes.addWidget(QLabel(tr("Fix:"), self))
        fixes.addWidget(self.fix_next)
        fixes.addWidget(self.fix_shift)
        fixes.addWidget(self.fix_extend)
        fixes.addStretch(1)
        right.addLayout(fixes)

        self.table.selectionModel().currentRowChanged.connect(
            lambda *_: self.sig_chosen_changed.emit()
        )
        self.fix_next.clicked.connect(self.sig_next_free_requested)
        self.fix_shift.clicked.connect(self.sig_shift_requested)
        self.fix_extend.clicked.connect(self.sig_extend_requested)

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(True)  # the Why column wraps: rows grow to show every reason
        table.setAccessibleName(tr("Proposed sessions"))
        hh = table.horizontalHeader()
        for c in range(4):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return table

    # -- what it shows -----------------------------------------------------------------------------
    def say(self, html: str) -> None:
        """Put a line (rich text) where the summary stands."""
        self.summary.setText(html)

    def clear_sessions(self) -> None:
        self.model.set_sessions([])
        self.show_fix_note("")

    def show_fix_note(self, text: str) -> None:
        """Say what the last fix changed (hidden when ``text`` is empty)."""
        self.fix_label.setText(text)
        self.fix_label.setVisible(bool(text))

    def show_taken_note(self, text: str) -> None:
        """Say that slots of the preview were just taken elsewhere (hidden when empty)."""
        self.taken_label.setText(text)
        self.taken_label.setVisible(bool(text))

    def show_preview(self, pv: Preview, changed: frozenset[int] = frozenset()) -> None:
        """Show the preview's sessions and summary, keeping the chosen row unless it is fine
        and another is not (then the first session with a problem is chosen); ``changed``
        are the seqs of the rows the last fix changed, marked in the table."""
        keep = self.table.currentIndex().row()
        self.model.set_sessions(pv.sessions, changed)
        self.table.resizeRowsToContents()
        problems = [s for s in pv.sessions if not s.state.bookable]
        if problems and (keep < 0 or keep >= len(pv.sessions) or pv.sessions[keep].state.bookable):
            keep = problems[0].seq - 1
        if 0 <= keep < len(pv.sessions):
            self.table.selectRow(keep)
        self.summary.setText(summary_text(pv))

    def chosen(self) -> ProposedSession | None:
        """The session chosen in the table, if any."""
        idx = self.table.currentIndex()
        return self.model.session(idx.row()) if idx.isValid() else None

    def update_fixes(
        self,
        pv: Preview | None,
        *,
        finding: bool,
        conflict_policy: str,
        holiday_policy: str,
        shifting: frozenset[datetime] = frozenset(),
    ) -> None:
        """Say what the chosen session is about and enable the fixes that apply to it.

        ``finding`` is true while a next free slot is being looked for; the policies are the
        request's (``ConflictPolicy`` and ``HolidayPolicy`` values), ``shifting`` the rule
        times of the sessions already let shift."""
        sel = self.chosen() if pv is not None else None
        self.reason_label.setText(reason_text(sel))
        self.fix_next.setEnabled(bool(pv and not pv.proposal.bookable) and not finding)
        self.fix_shift.setEnabled(
            bool(sel is not None and sel.state.value in ("conflict", "unplaceable"))
            and conflict_policy != ConflictPolicy.NEXT_WORKING_DAY.value
            and (sel is None or sel.nominal_local not in shifting)
        )
        has_holiday = bool(
            pv and any(r.code in ("holiday", "closure") for s in pv.sessions for r in s.reasons)
        )
        self.fix_extend.setEnabled(
            has_holiday and holiday_policy != HolidayPolicy.SKIP_EXTEND.value
        )


def summary_text(pv: Preview) -> str:
    """How many sessions, over what span, how many of each state, and whether it can be booked."""
    n = len(pv.sessions)
    counts: dict[str, int] = {}
    for s in pv.sessions:
        counts[s.state.value] = counts.get(s.state.value, 0) + 1
    parts = [
        f"<span style='color:{colour}'>{_state_count(state, counts[state])}</span>"
        for state, colour in SUMMARY_STATES
        if counts.get(state)
    ]
    # A session that does not fit has no start of its own: its rule's time still spans the plan.
    when = [s.local_start or s.nominal_local for s in pv.sessions]
    first = next((w for w in when if w), None)
    last = next((w for w in reversed(when) if w), None)
    w = ui_words()
    span = (
        " · "
        + arg(tr("%1 to %2", "from a day to a day"), w.date_medium(first), w.date_medium(last))
        if first and last
        else ""
    )
    verdict = (
        _bold("#2e7d32", tr("Every session fits."))
        if pv.proposal.bookable
        else _bold(WARNING, tr("Not bookable yet: fix the sessions marked in red."))
    )
    warn = "".join(
        f"<br><span style='color:{WARNING}'>{escape(w, quote=False)}</span>"
        for w in pv.warnings
        if "acknowledge" not in w
    )
    past = (  # said first: a plan in the past is usually a slip of the date
        f"<b style='color:{WARNING}'>"
        + arg(
            tr("%1: booking records sessions that already took place."),
            escape(pv.past[0].upper() + pv.past[1:], quote=False),
        )
        + "</b><br>"
        if pv.past
        else ""
    )
    return (
        past
        + tr("<b>%n session(s)</b>", "", n)
        + span
        + ": "
        + ", ".join(parts)
        + f"<br>{verdict}{warn}"
    )


def reason_text(s: ProposedSession | None) -> str:
    """One session, when it is, and why it does not fit (or that it is free)."""
    if s is None:
        return ""
    when = s.local_start or s.nominal_local
    w = ui_words()
    head = (
        f"<b>{escape(_kind(s.kind), quote=False)} {s.number}/{s.of}</b>, "
        f"{w.skeleton('yMMMEd', when)} {w.time(when)}: "
    )
    if not s.reasons:
        return head + escape(tr("free."), quote=False)
    return head + escape("; ".join(r.text(ui_words()) for r in s.reasons), quote=False) + "."


FIX_NAMES = {
    "next": QT_TRANSLATE_NOOP("", "Next free slot"),
    "shift": QT_TRANSLATE_NOOP("", "Shift this one"),
    "extend": QT_TRANSLATE_NOOP("", "Extend the plan"),
}
"""The fixes, by the key :func:`fix_note` takes, as their buttons name them (``tr()`` where
shown)."""


def _when(s: ProposedSession) -> str:
    """When a session is, or would be by its rule while it has no time: ``Mon 28 Dec 10:00``
    (``man. 28. des. 10:00``)."""
    d = s.local_start or s.nominal_local
    w = ui_words()
    return f"{w.day_month(d)} {w.time(d)}"


def _key(s: ProposedSession) -> tuple[str, int]:
    return (s.kind.value, s.number)


def fix_note(fix: str, before: Preview | None, after: Preview) -> tuple[str, frozenset[int]]:
    """One line saying what a fix changed and why, and the seqs of the sessions it changed.

    Sessions are matched by kind and number (Treatment 3 stays Treatment 3 when a holiday week
    is left out); one changed when its time or its state did. ``fix`` is a key of
    :data:`FIX_NAMES`.
    """
    name = tr(str(FIX_NAMES[fix]))
    old = {_key(s): s for s in before.sessions} if before else {}
    changed = [
        s
        for s in after.sessions
        if (o := old.get(_key(s))) is None or (o.local_start, o.state) != (s.local_start, s.state)
    ]
    seqs = frozenset(s.seq for s in changed)
    if not changed:
        return arg(tr("%1: nothing changed."), name), seqs
    n = len(after.sessions)
    if fix == "next":
        first_old = before.sessions[0] if before and before.sessions else None
        first = after.sessions[0]
        if first_old and after.proposal.bookable:
            text = tr(
                "%1: the first session moves from %2 to %3, the first start from which all %n "
                "session(s) fit.",
                "",
                n,
            )
        elif first_old:
            text = tr(
                "%1: the first session moves from %2 to %3, the first start from which the most "
                "sessions fit."
            )
        elif after.proposal.bookable:
            text = tr(
                "%1: the first session moves to %3, the first start from which all %n "
                "session(s) fit.",
                "",
                n,
            )
        else:
            text = tr(
                "%1: the first session moves to %3, the first start from which the most "
                "sessions fit."
            )
        src = _when(first_old) if first_old else ""
        return arg(text, name, src, _when(first)), seqs
    parts = []
    for s in changed:
        o = old.get(_key(s))
        label = f"{_kind(s.kind)} {s.number}"
        why = "; ".join(r.text(ui_words()) for r in s.reasons) or state_name(s.state.value)
        move = f"{_when(o)} → {_when(s)}" if o else _when(s)
        parts.append(f"{label}, {move}: {why}" if why else f"{label}, {move}")
    listed = "; ".join(parts[:3])
    if len(parts) > 3:
        return arg(tr("%1: %2; and %n more.", "", len(parts) - 3), name, listed), seqs
    return arg(tr("%1: %2.", "a fix: what it changed"), name, listed), seqs


def state_name(state: str) -> str:
    """Why a session changed when no reason says it: ``free``, ``still in conflict``..."""
    names = {
        "free": tr("free", "a session's state after a fix"),
        "conflict": tr("still in conflict"),
        "unplaceable": tr("no free time"),
    }
    return names.get(state, "")


def taken_note(before: Preview, after: Preview) -> tuple[str, frozenset[int]]:
    """What a re-check after another desk's change found: the sessions the preview showed as
    bookable whose time is now taken (no longer bookable, or moved elsewhere by the conflict
    policy), in one line, and their seqs; ``("", ...)`` when none was taken.

    Sessions are matched by kind and number, as :func:`fix_note` does.
    """
    old = {_key(s): s for s in before.sessions}
    taken = [
        s
        for s in after.sessions
        if (o := old.get(_key(s))) is not None
        and o.state.bookable
        and (not s.state.bookable or s.local_start != o.local_start)
    ]
    if not taken:
        return "", frozenset()
    n = len(taken)
    which = ", ".join(f"{_kind(s.kind)} {s.number} ({_when(old[_key(s)])})" for s in taken[:3])
    if n > 3:
        which = arg(tr("%1 and %n more", "", n - 3), which)
    return (
        arg(
            tr(
                "%n session(s) of this preview were just booked at another desk: look again (%1).",
                "",
                n,
            ),
            which,
        ),
        frozenset(s.seq for s in taken),
    )
