"""Errors at the edge of the window: expected ones as advice, unexpected ones logged and shown.

A :class:`~planner.errors.PlannerError` already says what happened and what to do; it
becomes a message box with that text. Anything else reaches :func:`install_excepthook`'s
hook (from a slot, a callback, or a worker task with no error callback): it is written to the
log file with its traceback and shown in a dialog that says nothing was lost. Nothing is
lost because every desk action is one database transaction that either committed before the
error or was rolled back, and the window holds no unsaved edits outside open dialogs.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from planner.errors import DatabaseDamaged, DatabaseError, PlannerError, Refused
from planner.ui.i18n import arg, said, tr

log = logging.getLogger("planner.ui")


def log_path() -> Path:
    import platformdirs

    return platformdirs.user_log_path("planner", appauthor=False) / "planner-gui.log"


def setup_logging(path: Path | None = None) -> Path:
    """Log to a private file in the user log folder (and keep stderr for warnings).

    The folder is 0700 and the files 0600; records keep what happened, the error's class and
    the places in the code, never an exception's message (:class:`planner.core.private.
    PrivateFormatter`). Rotated at 1 MB keeping 3 older files, and files not written for
    14 days are removed at start-up (:func:`planner.core.private.prune_logs`).
    """
    from planner.core.private import PrivateRotatingFileHandler, private_file_log

    path = path or log_path()
    root = logging.getLogger("planner")
    root.setLevel(logging.INFO)
    if not any(isinstance(h, PrivateRotatingFileHandler) for h in root.handlers):
        root.addHandler(private_file_log(path))
    return path


def show_error(parent: QWidget | None, exc: BaseException, title: str = "") -> None:
    """Show an expected problem; anything unexpected goes to the global handler."""
    if isinstance(exc, PlannerError):
        from PySide6.QtWidgets import QMessageBox  # first used here: not before the first paint

        if isinstance(exc, DatabaseDamaged):  # met at opening, in a read or in a booking
            from planner.services.integrity import with_backup

            exc = with_backup(exc)  # the newest good backup by name and date, where there is one

        box = QMessageBox(parent)
        box.setIcon(
            QMessageBox.Icon.Critical
            if isinstance(exc, DatabaseDamaged)
            else QMessageBox.Icon.Warning
            if isinstance(exc, Refused | DatabaseError)
            else QMessageBox.Icon.Information
        )
        box.setWindowTitle(title or _title(exc))
        box.setText(_sentence(said(exc)))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()
        return
    report_unexpected(type(exc), exc, exc.__traceback__)


def _title(exc: PlannerError) -> str:
    name = type(exc).__name__
    titles = {
        "Conflict": tr("That time is taken"),
        "ClinicClosed": tr("The clinic is closed then"),
        "ScreeningRequired": tr("Screening flags need acknowledging"),
        "NotPermitted": tr("Not permitted"),
        "InvalidState": tr("Not possible now"),
        "ChangedElsewhere": tr("Changed at another desk"),
        "NotFound": tr("Not found"),
        "InvalidTime": tr("That time does not exist"),
        "DatabaseError": tr("Database problem"),
        "DatabaseDamaged": tr("The database is damaged"),
        "DiskFull": tr("The disk is full"),
        "DatabaseReadOnly": tr("The database cannot be changed here"),
        "DatabaseBusy": tr("The database is busy"),
        "SchemaTooNew": tr("Database from a newer planner"),
    }
    return titles.get(name) or tr("Cannot do that")


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


class _Reporter(QObject):
    """Moves reports to the GUI thread and shows one dialog at a time."""

    sig_report = Signal(str, str)
    """(one-line summary, traceback text)."""

    def __init__(self) -> None:
        super().__init__()
        self.parent_provider: Callable[[], QWidget | None] = lambda: None
        self.showing = False
        self.sig_report.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.count = 0

    def _show(self, summary: str, details: str) -> None:
        self.count += 1
        if self.showing:
            return
        self.showing = True
        try:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(self.parent_provider())
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(tr("Something went wrong"))
            box.setText(
                arg(
                    tr(
                        "planner hit an unexpected problem and stopped what it was doing.\n\n"
                        "Nothing was lost: every change you made before was saved when you "
                        "made it, and the step that failed was not saved. You can carry on "
                        "working.\n\n"
                        "Details were written to %1; please send that file to support."
                    ),
                    log_path(),
                )
            )
            box.setInformativeText(summary)
            box.setDetailedText(details)
            box.exec()
        finally:
            self.showing = False


_reporter: _Reporter | None = None


def reporter() -> _Reporter:
    global _reporter
    if _reporter is None:
        _reporter = _Reporter()
    return _reporter


def report_unexpected(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """Log an unexpected exception with its traceback and show the dialog (any thread).

    The log gets the classes and places only (its formatter drops every message); the
    dialog, seen by the user at the desk, shows the whole traceback.
    """
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    log.error("unexpected error", exc_info=(exc_type, exc, tb))
    summary = f"{exc_type.__name__}: {exc}"
    rep = reporter()
    rep.sig_report.emit(summary, details)


def install_excepthook(parent_provider: Callable[[], QWidget | None]) -> None:
    """Route uncaught exceptions (GUI thread and threads) to :func:`report_unexpected`."""
    rep = reporter()
    rep.parent_provider = parent_provider

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report_unexpected(exc_type, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            report_unexpected(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def defer(fn: Callable[[], None]) -> None:
    """Run ``fn`` once control is back in the event loop (e.g. a dialog after an undo)."""
    QTimer.singleShot(0, fn)
