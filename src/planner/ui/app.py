"""Start the front-desk window: ``planner``, ``planner gui`` or ``planner-gui``.

It opens the database (the default embedded SQLite file unless ``--db``, ``$PLANNER_DB`` or
the database setting says otherwise), shows the window, and on an empty database offers to
create the demo clinic (``--demo-if-empty`` creates it without asking, for the start script).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from planner import __version__
from planner.core.private import set_private_umask
from planner.core.timeutil import utcnow
from planner.services.schedule.first_look import peek_range, sqlite_file_of
from planner.services.schedule.values import ClinicDirectory, RangeData
from planner.services.schedule.week import clinic_directory
from planner.ui.errors import install_excepthook, setup_logging
from planner.ui.settings import APPLICATION, ORGANISATION, AppSettings

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.ui.main_window import MainWindow


def app_icon() -> QIcon:
    """The SVG app icon, from package data (never from a loose path)."""
    from importlib import resources

    data = resources.files("planner.ui").joinpath("resources/planner.svg").read_bytes()
    from PySide6.QtGui import QPixmap

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        pm = QPixmap()
        pm.loadFromData(data, "SVG")
        if not pm.isNull():
            icon.addPixmap(pm.scaled(size, size))
    return icon


_after_paint: list[Callable[[], object]] = []


def after_first_paint(fn: Callable[[], object]) -> None:
    """Run ``fn`` once the window launched next has painted for the first time.

    For start-up work the first look does not need (the app icon, the log file); see
    :class:`planner.ui.first_paint.FirstPaint`.
    """
    if fn not in _after_paint:
        _after_paint.append(fn)


def _set_icon() -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setWindowIcon(app_icon())


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="planner-gui", description="The planner front-desk window.")
    p.add_argument(
        "--db",
        help="database: a SQLite file or a SQLAlchemy URL "
        "(default: $PLANNER_DB, the setting, else the user data folder)",
    )
    p.add_argument(
        "--demo-if-empty",
        action="store_true",
        help="create the demo clinic without asking when the database is empty",
    )
    p.add_argument("--version", action="version", version=f"planner {__version__}")
    return p


def display_problem() -> str | None:
    """Why no window can be shown here, or None when one can."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return None
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        return (
            "planner: no display to open the window on. Run it in a desktop session, under a "
            "virtual display (xvfb-run -a planner), or use the command line: planner --help"
        )
    return None


def application(argv: Sequence[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv or sys.argv[:1]))
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("planner")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("planner")
    from planner.ui.garbage import collect_on_gui_thread

    collect_on_gui_thread(app)  # Qt objects are freed on the GUI thread, never on a worker's
    from planner.ui.i18n import chosen_language, install

    install(app, chosen_language(AppSettings().preferences().language))
    # The icon (and, in main, the log file) are set up once the window has painted.
    after_first_paint(_set_icon)
    return app


def launch(
    args: argparse.Namespace,
    *,
    settings: AppSettings | None = None,
    on_window: Callable[[MainWindow], None] | None = None,
    now_utc: Callable[[], datetime] = utcnow,
) -> MainWindow:
    """Show the window at once and open the database behind it (the event loop is the caller's).

    Start-up is ordered so the week appears about as fast as an empty window would: a plain thread
    reads this week straight from the SQLite file with the standard library
    (:func:`planner.services.schedule.first_look.peek_range`) while Qt builds the window; the week
    is painted as soon as both are ready. Only once that first look has painted (or after a second
    if the window does not paint) does the worker import SQLAlchemy, check the schema (migrating if
    needed) and load the clinic, which replaces the first look with the full schedule (holidays
    named) and enables editing: a worker started at once imported SQLAlchemy on its thread while the
    window painted, and held the interpreter lock against it (10-40 ms). With no first look (no
    SQLite file, or an empty one) the worker starts at once.

    The window's modules are imported only after the reader has started, so the read runs
    while they load.
    """
    settings = settings or AppSettings()
    db = args.db or os.environ.get("PLANNER_DB") or settings.preferences().database or None
    state = settings.view_state()
    days = 1 if state.get("mode") == "day" else 7
    saved = int(state["location"]) if state.get("location", "").isdigit() else None
    peek: dict[str, RangeData | None] = {}
    # platformdirs only when the default is the database (it costs ~6 ms before the paint).
    path = sqlite_file_of(db, None if db else default_db_file())
    from planner.core.i18n import words
    from planner.ui.i18n import language

    reader_words = words(language())

    def read_first_week() -> None:
        if path is not None:
            peek["data"] = peek_range(path, saved, days, now_utc())
        # Babel loads the language's CLDR data on its first date (~60 ms): here, beside Qt
        # building the window, rather than when the week header is first painted.
        reader_words.day_month(now_utc().date())

    reader = threading.Thread(target=read_first_week, name="planner-first-week", daemon=True)
    reader.start()
    from planner.ui.backup_status import EVERY_H as BACKUP_EVERY_H
    from planner.ui.main_window import MainWindow

    window = MainWindow(None, settings, backup_every_h=BACKUP_EVERY_H, check_at_start=True)
    if on_window is not None:
        on_window(window)
    window.show()
    previewed = False
    reader.join(timeout=3.0)
    data = peek.get("data")
    if data is not None:
        window.show_preview(data)
        previewed = True
    opening: list[bool] = []

    def open_db() -> None:
        if not opening:
            opening.append(True)
            window.open_database(lambda: _open(db), demo_if_empty=args.demo_if_empty)

    if previewed:
        window.after_first_paint(open_db)
        QTimer.singleShot(1000, window, open_db)
    else:
        open_db()
    for fn in _after_paint:
        window.after_first_paint(fn)
    _after_paint.clear()
    return window


def default_db_file() -> Path:
    """Where the default database lives (as ``planner.db.store.default_db_path``)."""
    import platformdirs

    return platformdirs.user_data_path("planner", appauthor=False) / "planner.db"


def _open(db: str | None) -> tuple[Store, ClinicDirectory]:
    """Open (create or upgrade) the database and read the clinic: runs on the worker."""
    from planner.db.store import Store
    from planner.services.desk import window_author

    # The change log names this desk (Settings' desk name) and "window" as the program
    store = Store(db, create=True, author=window_author())
    for notice in store.notices:  # e.g. its permissions were tightened
        logging.getLogger("planner.ui").warning("%s", notice)
    try:
        return store, clinic_directory(store)
    except BaseException:
        store.close()
        raise


def main(argv: Sequence[str] | None = None) -> int:
    set_private_umask()  # the database, backups, exports and logs: readable by their owner only
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    app = application()
    after_first_paint(setup_logging)
    holder: dict[str, MainWindow] = {}
    install_excepthook(lambda: holder.get("window"))
    window = launch(args, on_window=lambda w: holder.__setitem__("window", w))
    failed: list[BaseException] = []
    window.sig_store_failed.connect(failed.append)
    try:
        rc = app.exec()
    finally:
        window.worker.wait()
        if window.store is not None:
            window.store.close()
        # The last garbage goes while the application still exists: Qt objects freed by the
        # interpreter's final collection, after it, would crash the exit.
        gc.collect()
    return 2 if failed else rc


if __name__ == "__main__":
    raise SystemExit(main())
