"""Every desk sees the others: the window hears another desk's change and shows it.

:class:`ChangeWatcher` runs a :class:`~planner.db.listen.ChangeListener` on a Python thread of
its own (it waits on a socket or sleeps between looks at the file, so it holds no worker of the
thread pool) and hands what it heard to the GUI thread through a queued signal. There, the ids
the window wrote itself (``store.own_changes``: its own changes are shown already) are left
out, bursts are gathered for :data:`COALESCE_MS`, and :attr:`ChangeWatcher.sig_changed_elsewhere`
says once that the schedule changed. While the desk runs an operation of its own the watcher
is held, and says it when the operation is over.

Which ids are the window's own is decided on the GUI thread when the gathering ends, not when
the listener hears them: the listener can hear a commit before the write that made it has put
its ids into ``own_changes``.

:class:`ViewKeeper` keeps what the desk was looking at across the reload that follows: the
selected session, the keyboard's time cursor and the scroll position of the week.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from planner.ui.i18n import arg, tr, ui_words

if TYPE_CHECKING:
    from datetime import datetime

    from planner.db.store import Store
    from planner.services.schedule.values import RangeData
    from planner.ui.loader import ScheduleLoader
    from planner.ui.views.schedule_view import ScheduleView

log = logging.getLogger(__name__)

COALESCE_MS = 300
"""A burst of changes (a plan of 12 sessions, a desk working fast) is one reload: the first
change heard starts this timer and what comes before it fires rides along."""
LISTEN_S = 0.25
"""How long one wait of the listening thread lasts: how soon it notices it should stop."""
JOIN_S = 5.0
"""How long :meth:`ChangeWatcher.stop` waits for the thread (a reconnect attempt can take
:data:`planner.db.listen.CONNECT_TIMEOUT_S`)."""


class ChangeWatcher(QObject):
    """Listens for other desks' changes off the GUI thread; see the module docstring."""

    sig_changed_elsewhere = Signal(object)
    """Another desk (or the command line) changed the schedule: the ids of its changes
    (a list; it holds :data:`~planner.db.listen.UNKNOWN` when what changed is not known)."""
    _sig_heard = Signal(object)
    """From the listening thread: the ids a wait returned."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self._thread: threading.Thread | None = None
        self._stop: threading.Event | None = None
        self._pending: set[int] = set()
        self._held = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._flush)
        self._sig_heard.connect(self._heard)
        app = QCoreApplication.instance()
        if app is not None:  # quitting without closing the window stops the thread too
            app.aboutToQuit.connect(self.stop)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, store: Store) -> None:
        """Listen to ``store``'s database (a watcher already listening to it goes on)."""
        if self.store is store and self.running:
            return
        self.stop()
        self.store = store
        stop = self._stop = threading.Event()
        # The thread holds the signal to emit and the stop flag, never the window: it ends
        # (and is joined) before the watcher goes.
        self._thread = threading.Thread(
            target=_listen, args=(store, stop, self._sig_heard), name="planner-live", daemon=True
        )
        self._thread.start()
        self.destroyed.connect(stop.set)

    def stop(self) -> None:
        """Stop listening and wait for the thread to end (closing the window, or another
        database opened)."""
        thread, stop = self._thread, self._stop
        self._thread = self._stop = None
        if stop is not None:
            stop.set()
        if thread is not None:
            thread.join(JOIN_S)
            if thread.is_alive():  # a server that hangs a connect: the daemon thread is left
                log.warning("the thread listening for other desks' changes did not stop")
        self._timer.stop()
        self._pending.clear()

    def hold(self, busy: bool) -> None:
        """While ``busy`` (the desk runs its own operation) say nothing; then say what came."""
        self._held = busy
        if not busy and self._pending and not self._timer.isActive():
            self._timer.start()

    def _heard(self, ids: list[int]) -> None:
        if self._thread is None:
            return  # stopped meanwhile
        self._pending.update(ids)
        if not self._held and not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        if self._held:
            return  # said when the desk's operation is over (hold(False))
        from planner.db.listen import UNKNOWN  # the store is open: the database layer is loaded

        own = self.store.own_changes if self.store is not None else set()
        foreign = sorted(i for i in self._pending if i == UNKNOWN or i not in own)
        self._pending.clear()
        if foreign:
            self.sig_changed_elsewhere.emit(foreign)


def _listen(store: Store, stop: threading.Event, heard: object) -> None:
    """The listening thread: wait, hand over what was heard, until told to stop."""
    # imported here: the window's module loads before the database layer (its first paint)
    from planner.db.listen import ChangeListener

    try:
        listener = ChangeListener(store)
    except Exception:  # never the window's end: it still works, only without live updates
        log.exception("cannot listen for other desks' changes")
        return
    try:
        while not stop.is_set():
            ids = listener.wait(LISTEN_S)
            if ids and not stop.is_set():
                try:
                    heard.emit(ids)  # type: ignore[attr-defined]
                except RuntimeError:  # the watcher is gone (its window was deleted)
                    return
    except Exception:
        log.exception("listening for other desks' changes failed")
    finally:
        listener.close()


class ViewKeeper(QObject):
    """Keeps the week's selection, time cursor and scroll position across one reload.

    :meth:`keep` remembers them; when the same range arrives again (after the window showed
    it), they are put back. A range that was being loaded anyway (the desk paged, or its own
    change is being read) is not kept: what comes is what the desk asked for.
    Connect it after the window's own handler of ``sig_loaded`` (construct it after).
    """

    def __init__(
        self, view: ScheduleView, loader: ScheduleLoader, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.view = view
        self._loading = False
        self._kept: tuple[tuple[int, object, int], int, tuple[datetime, int] | None, int] | None
        self._kept = None
        loader.sig_loading.connect(self._set_loading)
        loader.sig_loaded.connect(self._arrived)

    def _set_loading(self, loading: bool) -> None:
        self._loading = loading

    def keep(self) -> bool:
        """Remember the view as it is for the next arrival of the range shown (False when
        nothing is shown, or another range is on its way)."""
        data = self.view.data
        if data is None or self._loading:
            self._kept = None
            return False
        self._kept = (
            _key(data),
            self.view.selected_id,
            self.view.time_cursor,
            self.view.verticalScrollBar().value(),
        )
        return True

    def _arrived(self, data: RangeData) -> None:
        kept, self._kept = self._kept, None
        if kept is None or kept[0] != _key(data):
            return
        _, selected, cursor, scroll = kept
        view = self.view
        if view.selected_id != selected:
            view.select(selected, scroll=False)  # 0, or a session the desk had selected
        if cursor is not None:
            view.set_time_cursor(*cursor)
        view.verticalScrollBar().setValue(scroll)


def _key(data: RangeData) -> tuple[int, object, int]:
    return (data.location.id, data.first, len(data.days))


DESK_NAME_MAX = 24
"""Longer desk names are cut in the status-bar note (it shares the bar with the legend)."""


CLINIC_ROWS = frozenset(
    {"practitioner", "workplace", "location", "room", "closure", "template", "setting", "import"}
)
"""The rows whose change makes the window read the clinic itself again (its columns, hours,
closures and templates), not only the sessions shown."""


@dataclass(frozen=True)
class Heard:
    """What the changes another desk made were (read on the worker, in one query)."""

    desks: list[str]
    """The desks that made them, in the order first seen; [] when none is known."""
    clinic: bool
    """They touched the clinic itself (a practitioner, location, room, closure, template,
    setting or import, or bulk work such as the demo), or what changed is not known."""


def heard(store: Store, ids: Sequence[int]) -> Heard:
    """Which desks made the changes ``ids`` and whether they touched the clinic itself
    (runs on the worker); :data:`~planner.db.listen.UNKNOWN` among them counts as the
    clinic changed."""
    from planner.services.history import changes_after

    known = sorted(i for i in ids if i > 0)
    unknown = len(known) < len(ids)
    if not known:
        return Heard([], unknown)
    wanted = set(known)
    span = min(500, known[-1] - known[0] + 1)
    names: list[str] = []
    clinic = unknown
    for entry in changes_after(store, known[0] - 1, limit=span):
        if entry.id not in wanted:
            continue
        if entry.desk not in names:
            names.append(entry.desk)
        clinic = clinic or entry.entity in CLINIC_ROWS or entry.kind == "bulk"
    return Heard(names, clinic)


def live_note(desks: Sequence[str], at: datetime) -> str:
    """The status-bar note: who changed the schedule, at what local time (short: at 1280 px
    the bar leaves it about a third of its width)."""
    if len(desks) == 1:
        name = desks[0]
        if len(name) > DESK_NAME_MAX:
            name = name[: DESK_NAME_MAX - 1] + "…"
        who = name
    elif desks:
        who = tr("%n other desks", "", len(desks))
    else:
        who = tr("another desk")
    return arg(tr("Updated from %1 at %2"), who, ui_words().time(at))
