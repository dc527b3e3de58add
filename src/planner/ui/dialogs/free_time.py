"""Find a free time: the next few starts from which the whole plan fits, to pick one.

Opened from the new-plan dialog with the plan as it is chosen there (practitioner, room,
shape and, when known, the patient). The desk ticks the weekdays and the time of day the
patient can come; the search (``schedule.free_times.free_starts``, on the worker) offers the
first start of each free stretch from the plan's own first day on, so the list reads as
different times to offer the patient on the phone. Enter or *Use this time* picks one.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from html import escape
from typing import TYPE_CHECKING

from babel.dates import format_date
from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from planner.errors import PlannerError
from planner.services.schedule.free_times import free_starts
from planner.ui.geometry import fit_to_screen
from planner.ui.i18n import arg, said, tr, ui_words
from planner.ui.style import WARNING
from planner.ui.worker import TaskControl, TaskHandle, Worker

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.services.booking.plans import PlanRequest


def weekday_names() -> list[str]:
    """``Mon`` … ``Sun`` / ``man.`` … ``søn.``: the weekdays, Monday first."""
    monday, locale = date(2026, 11, 30), ui_words().locale
    return [format_date(monday + timedelta(days=i), "EEE", locale=locale) for i in range(7)]


SEARCH_DAYS = 84
"""How far ahead the search looks: twelve weeks."""
OFFERS = 8
SEARCH_DELAY_MS = 250

ItemStartRole = Qt.ItemDataRole.UserRole + 1
"""The start an item offers (a local datetime)."""


class FreeTimeDialog(QDialog):
    """Weekdays and hours the patient can come; the next free starts; pick one."""

    sig_chosen = Signal(object)
    """A start was picked (local wall-clock datetime)."""

    def __init__(
        self,
        store: Store,
        worker: Worker,
        request: PlanRequest,
        what: str,
        parent: QWidget | None = None,
        *,
        working_days: tuple[int, ...] = (0, 1, 2, 3, 4),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Find a free time"))
        self.store, self.worker, self.request = store, worker, request
        self._task: TaskHandle | None = None
        self.starts: list[datetime] = []

        lay = QVBoxLayout(self)
        start = request.start
        first = ui_words().skeleton(
            "yMMMEd", start if isinstance(start, datetime) else datetime.fromisoformat(start)
        )
        sentence = arg(
            tr("The first start of each free stretch from %1 on, for every session of the plan."),
            first,
        )
        heading = f"<b>{escape(what)}</b><br>{escape(sentence, quote=False)}"  # names only
        intro = QLabel(heading, self)
        intro.setWordWrap(True)
        lay.addWidget(intro)

        form = QFormLayout()
        days = QHBoxLayout()
        self.weekdays: list[QCheckBox] = []
        for i, name in enumerate(weekday_names()):
            box = QCheckBox(name, self)
            box.setChecked(i in working_days)
            box.toggled.connect(self._changed)
            self.weekdays.append(box)
            days.addWidget(box)
        days.addStretch(1)
        form.addRow(tr("Weekdays:"), days)
        hours = QHBoxLayout()
        self.earliest = _time_edit(time(7, 0), self)
        self.latest = _time_edit(time(20, 0), self)
        self.earliest.setAccessibleName(tr("Earliest start"))
        self.latest.setAccessibleName(tr("Latest end"))
        hours.addWidget(self.earliest)
        hours.addWidget(QLabel(tr("to", "from a time to a time"), self))
        hours.addWidget(self.latest)
        hours.addStretch(1)
        self.hours_label = QLabel(tr("&Between:"), self)
        self.hours_label.setBuddy(self.earliest)
        form.addRow(self.hours_label, hours)
        lay.addLayout(form)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.list = QListWidget(self)
        self.list.setAccessibleName(tr("Free starts"))
        lay.addWidget(self.list, 1)

        buttons = QDialogButtonBox(self)
        self.use_button = QPushButton(tr("&Use this time"), self)
        self.use_button.setDefault(True)
        buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.earliest.timeChanged.connect(self._changed)
        self.latest.timeChanged.connect(self._changed)
        self.list.itemActivated.connect(lambda _item: self.choose())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        fit_to_screen(self, 520, 460)
        self.search()

    @property
    def busy(self) -> bool:
        """True while a search is waiting or running (tests wait on it)."""
        return self._timer.isActive() or self._task is not None

    def chosen_weekdays(self) -> set[int]:
        return {i for i, box in enumerate(self.weekdays) if box.isChecked()}

    def _changed(self) -> None:
        self._timer.start()
        self._update_buttons()

    def search(self) -> None:
        """Search again with the weekdays and hours as chosen (on the worker)."""
        if self._task is not None:
            self._task.discard()
        self.list.clear()
        self.starts = []
        self.status.setText(tr("Looking for free times…"))
        self._task = self.worker.run(
            _search,
            self.store,
            self.request,
            self.chosen_weekdays(),
            _to_time(self.earliest.time()),
            _to_time(self.latest.time()),
            on_done=self._found,
            on_error=self._failed,
        )
        self._update_buttons()

    def _found(self, starts: list[datetime]) -> None:
        self._task = None
        self.starts = starts
        w = ui_words()
        for s in starts:
            item = QListWidgetItem(f"{w.skeleton('yMMMEd', s)}   {w.time(s)}", self.list)
            item.setData(ItemStartRole, s)
        if starts:
            self.status.setText(
                arg(
                    tr(
                        "%n free start(s) in the next %1 weeks; every session of the plan fits "
                        "from each.",
                        "",
                        len(starts),
                    ),
                    SEARCH_DAYS // 7,
                )
            )
            self.list.setCurrentRow(0)
        else:
            none = arg(
                tr(
                    "No start in the next %1 weeks fits every session on these days and hours. "
                    "Tick more weekdays, widen the hours, or choose another practitioner or room."
                ),
                SEARCH_DAYS // 7,
            )
            self.status.setText(_warning(none))
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        if not isinstance(exc, PlannerError):
            raise exc
        self.status.setText(_warning(said(exc)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.use_button.setEnabled(not self.busy and self.list.currentRow() >= 0)

    def choose(self) -> None:
        row = self.list.currentRow()
        if self.busy or not 0 <= row < len(self.starts):
            return
        self.sig_chosen.emit(self.starts[row])
        self.accept()


def _search(
    store: Store,
    request: PlanRequest,
    weekdays: set[int],
    earliest: time,
    latest: time,
    control: TaskControl | None = None,
) -> list[datetime]:
    return free_starts(
        store,
        request,
        weekdays=weekdays,
        earliest=earliest,
        latest=latest,
        count=OFFERS,
        days=SEARCH_DAYS,
        cancelled=(lambda: control.cancelled) if control else None,
    )


def _warning(text: str) -> str:
    """``text`` as rich text in the warning colour."""
    return f"<span style='color:{WARNING}'>{escape(text, quote=False)}</span>"


def _time_edit(value: time, parent: QWidget) -> QTimeEdit:
    edit = QTimeEdit(QTime(value.hour, value.minute), parent)
    edit.setDisplayFormat("HH:mm")
    edit.setWrapping(False)  # 23:59 never rolls over into 00:00
    return edit


def _to_time(value: QTime) -> time:
    return time(value.hour(), value.minute())
