"""Import a calendar file: a practitioner's busy time, or a location's closures and holidays.

Runs :func:`planner.services.calendar_import.import_calendar` off the GUI thread. The import
is all or nothing (one transaction, after the whole file was read and checked), and importing
the same source again replaces what it added before; the dialog says so, and lists the booked
sessions that now clash so the desk can move them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.core import vocabulary
from planner.core.domain import Kind
from planner.errors import PlannerError
from planner.services.schedule.values import ClinicDirectory
from planner.ui.dialogs import prompts
from planner.ui.i18n import arg, said, tr, ui_words
from planner.ui.settings import AppSettings
from planner.ui.worker import TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store


def run_import(
    store: Store, path: str, target: str, target_id: int, source: str, now: datetime
) -> Any:
    from planner.services.calendar_import import import_calendar

    kwargs: dict[str, Any] = (
        {"practitioner_id": target_id} if target == "practitioner" else {"location_id": target_id}
    )
    return import_calendar(store, path, source=source or None, now=now, **kwargs)


class ImportDialog(QDialog):
    sig_imported = Signal(object)
    """A calendar was imported (its :class:`planner.services.calendar_import.ImportResult`)."""

    def __init__(
        self,
        store: Store,
        worker: Worker,
        settings: AppSettings,
        directory: ClinicDirectory,
        parent: QWidget | None = None,
        *,
        location_id: int | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        from planner.core.timeutil import utcnow

        self.setWindowTitle(tr("Import a calendar"))
        self.store, self.worker, self.settings = store, worker, settings
        self.clock = clock or utcnow
        self.task: TaskHandle | None = None
        self.progress: QProgressDialog | None = None
        self.result_value: Any = None
        lay = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "Bring in time the clinic cannot book: a practitioner's own calendar (Google, "
                "Outlook, Apple, Thunderbird) as busy time, or a closure or holiday calendar for "
                "a location. Importing the same calendar again replaces what it added before."
            ),
            self,
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setPlaceholderText(tr("an .ics file"))
        browse = QPushButton(tr("&Browse…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        file_label = QLabel(tr("&File:"), self)
        file_label.setBuddy(self.path)  # a row holding a layout gets no buddy by itself
        form.addRow(file_label, row)
        lay.addLayout(form)
        box = QGroupBox(tr("This calendar holds"), self)
        grid = QGridLayout(box)
        self.r_busy = QRadioButton(tr("&Busy time of"), box)
        self.r_closed = QRadioButton(tr("&Closures of"), box)
        group = QButtonGroup(self)
        group.addButton(self.r_busy)
        group.addButton(self.r_closed)
        self.practitioner = QComboBox(box)
        for p in directory.practitioners:
            self.practitioner.addItem(p.name, p.id)
        self.location = QComboBox(box)
        for loc in directory.locations:
            self.location.addItem(loc.name, loc.id)
        if location_id is not None:
            self.location.setCurrentIndex(max(0, self.location.findData(location_id)))
        grid.addWidget(self.r_busy, 0, 0)
        grid.addWidget(self.practitioner, 0, 1)
        grid.addWidget(self.r_closed, 1, 0)
        grid.addWidget(self.location, 1, 1)
        grid.setColumnStretch(1, 1)
        self.r_busy.setChecked(True)
        lay.addWidget(box)
        form2 = QFormLayout()
        self.source = QLineEdit(self)
        self.source.setPlaceholderText(tr("the calendar's own name, else the file name"))
        form2.addRow(tr("&Source name:"), self.source)
        lay.addLayout(form2)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # What an import did can run to many lines (items left out, sessions that clash): the
        # dialog grows to show it, up to _STATUS_MAX_HEIGHT, and scrolls beyond that.
        self.status_area = QScrollArea(self)
        self.status_area.setWidget(self.status)
        self.status_area.setWidgetResizable(True)
        self.status_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.status_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.status_area.setMinimumHeight(0)  # empty until something happened: no gap
        self.status_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        lay.addWidget(self.status_area, 1)
        buttons = QDialogButtonBox(self)
        self.import_button = QPushButton(tr("&Import"), self)
        self.import_button.setDefault(True)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        self.import_button.clicked.connect(self.start_import)
        lay.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _say(self, text: str) -> None:
        """Show what happened, the dialog growing (never shrinking) to fit up to a limit."""
        self.status.setText(text)
        needed = self.status.heightForWidth(self.status_area.viewport().width()) if text else 0
        wanted = min(max(needed, 0) + 2, _STATUS_MAX_HEIGHT)
        # Grow by what the report lacks (the layout's own hints are for the narrowest width),
        # measured before the new minimum makes the layout squeeze the rest.
        short = wanted - self.status_area.height()
        self.status_area.setMinimumHeight(wanted)
        if short > 0:
            self.resize(self.width(), self.height() + short)

    def _browse(self) -> None:
        folder = self.settings.last_export_dir() or str(Path.home())
        chosen = prompts.ask_open_path(
            self,
            tr("Import a calendar"),
            folder,
            arg(tr("iCalendar files (%1)"), "*.ics") + ";;" + arg(tr("All files (%1)"), "*"),
        )
        if chosen:
            self.path.setText(chosen)

    @property
    def busy(self) -> bool:
        return self.task is not None

    def start_import(self) -> None:
        path = self.path.text().strip()
        if not path:
            self._browse()
            path = self.path.text().strip()
            if not path:
                return
        target = "practitioner" if self.r_busy.isChecked() else "location"
        target_id = (
            self.practitioner.currentData()
            if target == "practitioner"
            else self.location.currentData()
        )
        if target_id is None:
            self._say(tr("Choose whose calendar this is first."))
            return
        self.import_button.setEnabled(False)
        self._say(tr("Reading the calendar…"))
        self.progress = QProgressDialog(tr("Reading and checking the calendar…"), "", 0, 0, self)
        self.progress.setCancelButton(None)
        self.progress.setWindowTitle(tr("Import a calendar"))
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(400)
        self.task = self.worker.run(
            run_import,
            self.store,
            path,
            target,
            int(target_id),
            self.source.text().strip(),
            self.clock(),
            on_done=self._done,
            on_error=self._failed,
        )

    def _end(self) -> None:
        self.task = None
        self.import_button.setEnabled(True)
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, result: Any) -> None:
        self._end()
        self.result_value = result
        what = (
            tr("%n busy time(s)", "", result.rows)
            if result.target == "practitioner"
            else tr("%n closed day(s)", "", result.rows)
        )
        lines = [
            arg(
                tr("Imported %1 from “%2” (%3 read)."),
                what,
                result.source,
                tr("%n event(s)", "", result.events),
            )
        ]
        if result.replaced:
            lines.append(
                tr("Replaced %n from the earlier import of this calendar.", "", result.replaced)
            )
        if result.skipped:
            lines.append(tr("Left out %n item(s):", "", len(result.skipped)))
            lines += [arg(tr("• line %1: %2"), s.line, s.reason) for s in result.skipped[:_LISTED]]
            if len(result.skipped) > _LISTED:
                lines.append(
                    tr(
                        "• … and %n more (planner import --json lists them all)",
                        "",
                        len(result.skipped) - _LISTED,
                    )
                )
        if result.hits:
            lines.append(
                tr("⚠ %n booked session(s) now clash; move or cancel them:", "", len(result.hits))
            )
            for h in result.hits[:8]:
                lines.append(f"   {_session_words(h)}")
        self._say("\n".join(lines))
        self.sig_imported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._end()
        if isinstance(exc, PlannerError):
            self._say(arg(tr("Nothing was imported: %1"), said(exc)))
            return
        raise exc


_STATUS_MAX_HEIGHT = 320
"""How tall the import's report may make the dialog before it scrolls (pixels)."""
_LISTED = 6
"""Items left out named one per line, before the rest are counted."""


def _session_words(h: dict[str, Any]) -> str:
    """``Treatment 3 of 9, Tue 12 Jan 2027 10:00`` from a session's JSON (never its id)."""
    w = ui_words()
    code = str(h.get("kind", ""))
    try:
        kind = vocabulary.kind(Kind(code), w)
    except ValueError:
        kind = code.replace("-", " ").capitalize() or tr("Session")
    start = datetime.fromisoformat(h["local_start"])
    when = f"{w.skeleton('yMMMEd', start)} {w.time(start)}"
    if h.get("number"):
        return arg(
            tr("%1 %2 of %3, %4", "a session: kind, number, of, when"),
            kind,
            h["number"],
            h["of"],
            when,
        )
    return f"{kind}, {when}"
