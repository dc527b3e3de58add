"""The Outbox dialog's table: one e-mail or calendar update per row, newest first.

Each row is a :class:`planner.services.outbox.OutboxEntry`: when (sent, else due, in local
time as the window writes times), to whom (and the address), what, its state in words
(``waiting``, ``queued``, ``retrying: why``, ``sent``, ``failed: why``, ``nothing to send:
why``) and how many tries it took. A failed row is marked with a sign and bold text, not by
its colour alone; the full reason is the state's tooltip.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QFont

from planner.services.outbox import (
    FAILED,
    NOTHING,
    QUEUED,
    SENT,
    WAITING,
    WORKING,
    OutboxEntry,
)
from planner.ui.i18n import arg, tr
from planner.ui.models.rows import Index as _Index
from planner.ui.models.rows import RowTableModel, headers, when_local
from planner.ui.style import TEXT_MUTED, WARNING

EntryRole = Qt.ItemDataRole.UserRole + 1
"""The whole :class:`~planner.services.outbox.OutboxEntry` of the row."""
IdRole = Qt.ItemDataRole.UserRole + 2
"""The outbox row's id (what Retry and Resend name; never shown)."""
ProblemRole = Qt.ItemDataRole.UserRole + 3
"""True for a failed row, and for one being retried after a failed try."""

WHEN, WHO, WHAT, STATE, TRIES = range(5)

FAILED_MARK = "⚠ "
"""Written before a failed row's state (the row is also bold and red)."""
RETRY_MARK = "↻ "
"""Written before the state of a row that is being retried."""

OPEN = (WAITING, WORKING, QUEUED, FAILED)
"""States that still need something done (the rest are sent or settled)."""


def is_failed(entry: OutboxEntry) -> bool:
    return entry.status == FAILED


def is_retrying(entry: OutboxEntry) -> bool:
    """Queued (or waiting) again after a try that did not get through."""
    return entry.status in (QUEUED, WAITING, WORKING) and bool(entry.last_error)


def may_retry(entry: OutboxEntry) -> bool:
    """Retry (send it now) applies to a failed row and to one waiting out its back-off."""
    return is_failed(entry) or is_retrying(entry)


def may_resend(entry: OutboxEntry) -> bool:
    """Resend (queue a copy) applies to an e-mail that was sent or failed."""
    return entry.kind == "email" and entry.status in (SENT, FAILED) and bool(entry.method)


def who_text(entry: OutboxEntry) -> str:
    """``Kari Nordmann <kari@example.com>``; a calendar's owner as they are."""
    return f"{entry.who} <{entry.to_address}>" if entry.to_address else entry.who


def what_text(entry: OutboxEntry) -> str:
    """What it is (:attr:`OutboxEntry.what`); a change settled with nothing to send is no
    longer "built when the grace period ends"."""
    if entry.status == NOTHING and entry.kind == "email" and not entry.subject:
        return tr("calendar update")
    return entry.what


def state_text(entry: OutboxEntry) -> str:
    """The state in words, marked when it failed or is being retried."""
    if is_failed(entry):
        return FAILED_MARK + entry.state_text
    if is_retrying(entry):
        return RETRY_MARK + entry.state_text
    return entry.state_text


def when_of(entry: OutboxEntry) -> str:
    """When it was sent, else when it is (or was) due: ``Wed, 2 Dec 2026 09:41``."""
    return when_local(entry.sent or entry.due)


class OutboxModel(RowTableModel[OutboxEntry]):
    HEADERS = headers(
        QT_TRANSLATE_NOOP("", "When"),
        QT_TRANSLATE_NOOP("", "To"),
        QT_TRANSLATE_NOOP("", "What"),
        QT_TRANSLATE_NOOP("", "State"),
        QT_TRANSLATE_NOOP("", "Tries"),
    )

    def set_entries(self, entries: list[OutboxEntry]) -> None:
        self._replace_rows(entries)

    def entry(self, row: int) -> OutboxEntry:
        return self._rows[row]

    def entries(self) -> list[OutboxEntry]:
        return list(self._rows)

    def row_of(self, entry_id: int) -> int:
        """The row showing outbox entry ``entry_id`` (-1: not listed)."""
        return next((i for i, e in enumerate(self._rows) if e.id == entry_id), -1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self._row_at(index)
        if entry is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == STATE:
                return entry.state_text  # the whole reason, unmarked
            if col == WHAT and entry.sessions:
                n = entry.sessions
                return arg(tr("%1 (%n session(s))", "", n), what_text(entry))
            if col == WHO:
                return who_text(entry)
            return self._text(entry, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            if is_failed(entry):
                return QColor(WARNING)
            if col == STATE and entry.status not in OPEN:
                return QColor(TEXT_MUTED)
            return None
        if role == Qt.ItemDataRole.FontRole and is_failed(entry):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == TRIES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return who_text(entry) if col == WHO else self._text(entry, col)
        if role == EntryRole:
            return entry
        if role == IdRole:
            return entry.id
        if role == ProblemRole:
            return is_failed(entry) or is_retrying(entry)
        return None

    @staticmethod
    def _text(entry: OutboxEntry, col: int) -> str:
        if col == WHEN:
            return when_of(entry)
        if col == WHO:  # the name, and the address under it (two lines fit a narrow column)
            return f"{entry.who}\n{entry.to_address}" if entry.to_address else entry.who
        if col == WHAT:
            return what_text(entry)
        if col == STATE:
            return state_text(entry)
        return str(entry.attempts)
