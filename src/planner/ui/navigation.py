"""What the schedule shows: one of the clinic's locations, a week or a day, cancelled or not.

:class:`Navigator` holds the shown range (location, week or day, the anchor date) and moves
it: paging, going to a date or to today, switching location or mode. Each move updates the
schedule bar and asks the loader for the range; the loader answers off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from planner.core.timeutil import to_local, zone
from planner.services.schedule.values import ClinicDirectory, LocationInfo, RangeData
from planner.ui.dialogs import prompts
from planner.ui.loader import ScheduleLoader
from planner.ui.widgets.schedule_bar import ScheduleBar

MODES = ("week", "day")


class Navigator(QObject):
    """The shown range and the moves between ranges."""

    def __init__(
        self,
        bar: ScheduleBar,
        loader: ScheduleLoader,
        clock: Callable[[], datetime],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.bar = bar
        self.loader = loader
        self.clock = clock
        self.parent_widget = parent
        self.directory = ClinicDirectory((), (), (), ())
        self.location: LocationInfo | None = None
        self.mode = "week"
        self.show_cancelled = False
        self.anchor = self.local_now().date()
        self.saved_location: int | None = None
        """The location shown when the window last closed (shown again if it still exists)."""

    def restore(self, state: dict[str, str]) -> None:
        """Week or day, cancelled shown or not, and the location, as saved at the last close."""
        self.mode = state["mode"] if state.get("mode") in MODES else "week"
        self.show_cancelled = state.get("show_cancelled") == "True"
        location = state.get("location", "")
        self.saved_location = int(location) if location.isdigit() else None

    def state(self) -> dict[str, object]:
        """What :meth:`restore` takes back at the next start."""
        return {
            "location": self.location.id if self.location else "",
            "mode": self.mode,
            "show_cancelled": self.show_cancelled,
        }

    # -- time ------------------------------------------------------------------------------------
    def local_now(self) -> datetime:
        """Now, as wall-clock time at the location shown (the computer's zone before one is)."""
        now = self.clock()
        if now.tzinfo is not None:
            now = now.astimezone(UTC).replace(tzinfo=None)
        tz = zone(self.location.tz) if self.location else system_zone(now)
        return to_local(now, tz)

    # -- the range shown -------------------------------------------------------------------------
    def range_first(self) -> date:
        if self.mode == "week":
            return self.anchor - timedelta(days=self.anchor.weekday())
        return self.anchor

    def range_days(self) -> int:
        return 7 if self.mode == "week" else 1

    def contains(self, day: date) -> bool:
        first = self.range_first()
        return first <= day < first + timedelta(days=self.range_days())

    def request(self) -> None:
        """Show the current range in the bar and ask the loader for it."""
        if self.location is None:
            return
        first, days = self.range_first(), self.range_days()
        self.bar.set_range(first, days, self.mode)
        self.loader.request(self.location.id, first, days, self.show_cancelled)

    def page(self, step: int) -> None:
        """``step`` weeks (or days) on, or back when negative."""
        self.anchor += timedelta(days=step * self.range_days())
        self.request()

    def go_today(self) -> None:
        self.go_to(self.local_now().date())

    def go_to(self, day: date) -> None:
        self.anchor = day
        self.request()

    def ask_date(self) -> None:
        """Ask for a date and go there."""
        day = prompts.ask_date(self.parent_widget, self.anchor)
        if day is not None:
            self.go_to(day)

    def set_mode(self, mode: str, day: date | None = None) -> None:
        """Week or day; ``day`` is where a switch lands (the selected session's day)."""
        if mode == self.mode:
            self.bar.set_range(self.range_first(), self.range_days(), self.mode)
            return
        if day is not None:
            self.anchor = day
        self.mode = mode
        self.request()

    def set_show_cancelled(self, show: bool) -> None:
        self.show_cancelled = show
        self.request()

    # -- locations -------------------------------------------------------------------------------
    def show_clinic(self, directory: ClinicDirectory, *, keep_range: bool = False) -> bool:
        """Take the clinic's locations; show this week (or with ``keep_range``, the range shown
        now) at the location shown (at start-up the one saved at the last close), or else the
        first.

        False for a clinic without locations (nothing to show). The caller requests the range.
        """
        wanted = self.saved_location if self.location is None else self.location.id
        self.directory = directory
        if not directory.locations:
            self.location = None
            self.bar.set_locations([], None)
            return False
        loc = directory.location(wanted) if wanted else None
        self.location = loc or directory.locations[0]
        self.bar.set_locations(directory.locations, self.location.id)
        if not keep_range:
            self.anchor = self.local_now().date()
        return True

    def set_location(self, location_id: int) -> bool:
        """Show another location (same range); False when it is the one shown or unknown."""
        loc = self.directory.location(location_id)
        if loc is None or (self.location and loc.id == self.location.id):
            return False
        self.location = loc
        self.bar.set_locations(self.directory.locations, loc.id)
        self.request()
        return True

    def follow(self, location_id: int) -> bool:
        """Switch to the location of a session about to be shown (the caller goes to its day).

        True when the location changed.
        """
        if self.location is not None and location_id == self.location.id:
            return False
        loc = self.directory.location(location_id)
        if loc is None:
            return False
        self.location = loc
        self.bar.set_locations(self.directory.locations, loc.id)
        return True

    def show_first_look(self, data: RangeData) -> None:
        """The range read before the database layer opened: its location and its week."""
        self.location = data.location
        self.anchor = data.first
        self.bar.set_locations([data.location], data.location.id)
        self.bar.set_range(self.range_first(), self.range_days(), self.mode)


def system_zone(utc: datetime) -> tzinfo:
    """The computer's own zone at the instant ``utc`` (naive UTC), for when no location is shown."""
    tz = utc.replace(tzinfo=UTC).astimezone().tzinfo
    assert tz is not None
    return tz
