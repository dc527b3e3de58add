"""A plan's progress: sessions done and to come, pain by region and whole-body scores.

Shows a :class:`planner.services.progress.PlanProgress` (the figures ``planner plan
progress`` prints): the session counts, a headline per region ("Lower back −41 % since
baseline"), a chart of pain by region across the sessions with the baseline marked, a chart
of the whole-body scores when any were taken, the figures table and the reassessment and
follow-up. It only shows what it is given; :class:`planner.ui.dialogs.progress_dialog.
ProgressDialog` loads it off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.core import vocabulary
from planner.core.domain import Modality
from planner.core.outcomes import format_change
from planner.services.progress import Milestone, PlanProgress, Slot
from planner.ui.i18n import arg, tr, ui_words
from planner.ui.models.progress_model import BETTER, WORSE, ProgressFiguresModel, series_label
from planner.ui.style import KIND_GLYPHS
from planner.ui.widgets.progress_chart import ProgressChart


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Tile(QFrame):
    """A count with its name under it."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setStyleSheet(
            "QFrame#tile { background: #f4f6f8; border: 1px solid #dde2e8; border-radius: 6px; }"
        )
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.setSpacing(0)
        self.value = QLabel("0", self)
        f = self.value.font()
        f.setPointSizeF(f.pointSizeF() + 6)
        f.setBold(True)
        self.value.setFont(f)
        self.name = QLabel(name, self)
        self.name.setStyleSheet("color: #5f6670")
        lay.addWidget(self.value)
        lay.addWidget(self.name)
        self.setAccessibleName(name)

    def set(self, value: int, colour: str | None = None) -> None:
        self.value.setText(str(value))
        self.value.setStyleSheet(f"color: {colour}" if colour else "")
        self.setAccessibleDescription(" ".join((str(value), self.name.text().lower())))


class ProgressPanel(QWidget):
    """See the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress: PlanProgress | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 10, 10, 10)
        lay.setSpacing(8)

        self.title = QLabel("", self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() + 3)
        f.setBold(True)
        self.title.setFont(f)
        self.title.setWordWrap(True)
        self.subtitle = QLabel("", self)
        self.subtitle.setStyleSheet("color: #5f6670")
        self.subtitle.setWordWrap(True)
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)

        tiles = QHBoxLayout()
        tiles.setSpacing(8)
        self.tiles = {
            key: _Tile(name, self)
            for key, name in (
                ("done", tr("Done", "sessions of a plan attended")),
                ("remaining", tr("Remaining", "sessions of a plan still to come")),
                ("cancelled", vocabulary.status("cancelled", ui_words())),
                ("no_show", vocabulary.status("no-show", ui_words())),
            )
        }
        for t in self.tiles.values():
            tiles.addWidget(t)
        self.treatments = QLabel("", self)
        self.treatments.setWordWrap(True)
        self.treatments.setStyleSheet("color: #5f6670; padding-left: 6px")
        tiles.addWidget(self.treatments, 1)
        lay.addLayout(tiles)

        self.headlines = QLabel("", self)
        self.headlines.setTextFormat(Qt.TextFormat.RichText)
        self.headlines.setWordWrap(True)
        self.headlines.setAccessibleName(tr("Change from baseline"))
        lay.addWidget(self.headlines)

        self.pain_label = QLabel(tr("<b>Pain by region</b> (0-10; lower is better)"), self)
        lay.addWidget(self.pain_label)
        self.legend = QLabel(
            arg(
                tr(
                    "○ baseline &nbsp;·&nbsp; <span style='color:#c62828'>✕</span> no-show "
                    "&nbsp;·&nbsp; dotted: sessions in between without a score &nbsp;·&nbsp; "
                    "<span style='color:#9aa5b1'>grey</span>: still to come &nbsp;·&nbsp; "
                    "%1 assessment, 1-9 treatments, %2 reassessment, %3 follow-up"
                ),
                *(KIND_GLYPHS[k] for k in ("assessment", "reassessment", "follow-up")),
            ),
            self,
        )
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #5f6670")
        self.pain_chart = ProgressChart(
            self,
            empty_text=tr("No pain scores yet: they appear as sessions are marked attended."),
        )
        self.pain_chart.setMinimumHeight(220)
        lay.addWidget(self.pain_chart, 3)
        lay.addWidget(self.legend)

        self.body_label = QLabel(
            tr(
                "<b>Whole-body scores</b> (0-10; fatigue: lower is better, sleep quality and "
                "function: higher is better)"
            ),
            self,
        )
        self.body_label.setWordWrap(True)
        lay.addWidget(self.body_label)
        self.body_chart = ProgressChart(self)
        self.body_chart.setMinimumHeight(170)
        lay.addWidget(self.body_chart, 2)

        self.model = ProgressFiguresModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setAccessibleName(tr("Figures", "the progress panel's table"))
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, self.model.columnCount()):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        lay.addWidget(self.table)

        self.milestones = QLabel("", self)
        self.milestones.setWordWrap(True)
        self.milestones.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.milestones)
        self.set_progress(None)

    # -- showing --------------------------------------------------------------------------------
    def set_progress(self, progress: PlanProgress | None) -> None:
        self.progress = progress
        if progress is None:
            self.title.setText("")
            self.subtitle.setText("")
            for t in self.tiles.values():
                t.set(0)
            self.treatments.setText("")
            self.headlines.setText("")
            self.pain_chart.set_data([], [])
            self.body_chart.set_data([], [])
            self.model.set_series([])
            self.milestones.setText("")
            self._fit_table()
            return
        p = progress
        self.title.setText(" · ".join((_plan_title(p), p.patient)))
        w = ui_words()
        subtitle = arg(
            tr("With %1 at %2 · %3", "a plan's practitioner, location and status"),
            p.practitioner,
            p.location,
            vocabulary.plan_status(p.status, w).lower(),
        )
        targets = [series_label(s).lower() for s in p.regions if s.target]
        if targets:
            subtitle += arg(tr(" · targets %1", "a plan's target regions"), ", ".join(targets))
        self.subtitle.setText(subtitle)
        c = p.counts
        self.tiles["done"].set(c.done)
        self.tiles["remaining"].set(c.remaining)
        self.tiles["cancelled"].set(c.cancelled)
        self.tiles["no_show"].set(c.no_show, "#c62828" if c.no_show else None)
        self.treatments.setText(
            "; ".join(
                (
                    arg(
                        tr("%1 of %n treatment(s) done", "", c.treatments_planned),
                        c.treatments_done,
                    ),
                    tr("%n session(s) planned in all", "", c.planned),
                )
            )
        )
        self.headlines.setText(self._headlines(p))
        self.pain_chart.set_data(p.slots, list(p.regions))
        self.body_chart.set_data(p.slots, list(p.measures))
        has_body = bool(p.measures)
        self.body_label.setVisible(has_body)
        self.body_chart.setVisible(has_body)
        self.model.set_series([*p.regions, *p.measures])
        self.milestones.setText(self._milestones(p))
        self._fit_table()

    def _fit_table(self) -> None:
        rows = self.model.rowCount()
        h = self.table.horizontalHeader().sizeHint().height()
        row_h = self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(h + rows * row_h + 2 * self.table.frameWidth() + 2)
        self.table.setVisible(rows > 0)

    @staticmethod
    def _headlines(p: PlanProgress) -> str:
        parts = []
        for s in p.regions:
            if s.change_pct is None:
                continue
            colour = "#1f2328" if s.improved is None else (BETTER if s.improved else WORSE)
            parts.append(
                arg(
                    tr("%1 since baseline %2", "a region's change, then its scores in brackets"),
                    f"<span style='color:{colour}'><b>{_esc(series_label(s))} "
                    f"{format_change(s.change_pct)}</b></span>",
                    f"<span style='color:#5f6670'>({s.baseline} → {s.latest})</span>",
                )
            )
        if not parts:
            if any(s.points for s in p.regions):
                note = tr("No change from baseline yet: one score so far.")
            else:
                note = tr("No pain scores yet.")
            return f"<span style='color:#5f6670'>{_esc(note)}</span>"
        return " &nbsp;·&nbsp; ".join(parts)

    @staticmethod
    def _milestones(p: PlanProgress) -> str:
        bits = []
        for name, slot in (
            (tr("Week-10 reassessment"), p.progress.reassessment),
            (tr("12-month follow-up"), p.progress.follow_up),
        ):
            if slot is None:
                continue
            bits.append(f"<b>{name}</b>: {_when(slot)}{_milestone_figures(p, slot)}")
        if any(not s.target and s.points for s in p.regions):
            note = _esc(tr("* not a target region of the plan"))
            bits.append(f"<span style='color:#5f6670'>{note}</span>")
        return "<br>".join(bits)

    # -- for tests and the dialog ---------------------------------------------------------------
    def figures(self) -> dict[str, float | None]:
        """Each charted region's and measure's change from baseline, by key."""
        return {**self.pain_chart.figures(), **self.body_chart.figures()}


def _plan_title(p: PlanProgress) -> str:
    """The plan's template name, else its modality in the window's language."""
    try:
        modality = Modality(p.modality)
    except ValueError:
        return p.title
    return vocabulary.modality(modality, ui_words()) if p.title == modality.label else p.title


def _when(slot: Slot) -> str:
    """``Tue, 15 Sept 2026, 10:00 (booked)`` / ``tir. 15. sep. 2026 kl. 10:00 (bestilt)``."""
    w = ui_words()
    when = arg(
        tr("%1, %2", "a session's date, then its time"),
        w.skeleton("yMMMEd", slot.start),
        w.time(slot.start),
    )
    if slot.status == "attended":
        return when
    return f"{when} ({vocabulary.status(slot.status, w).lower()})"


def _milestone_figures(p: PlanProgress, slot: Slot) -> str:
    out = []
    for s in (*p.regions, *p.measures):
        m: Milestone | None = s.reassessment if slot is p.progress.reassessment else s.follow_up
        if m is not None:
            name = _esc(series_label(s).lower())
            out.append(f"{name} {m.value} ({format_change(m.change_pct)})")
    return " — " + ", ".join(out) if out else ""


__all__ = ["ProgressPanel"]
