"""What every command handler is given: the database, the output mode and the streams.

:func:`planner.cli.main` makes one :class:`Context` per run from ``--db`` and ``--json`` and
passes it to the handler as ``handler(ctx, args)``; nothing of a run is kept in a module.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from planner.db.store import Store


@dataclass
class Context:
    """One run of the ``planner`` command."""

    db: str | None = None
    """``--db``: a SQLAlchemy URL or a SQLite file path; None for ``$PLANNER_DB`` or the default."""
    as_json: bool = False
    """``--json``: results and errors as JSON on stdout instead of text."""
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    _store: Store | None = field(default=None, init=False, repr=False)

    def store(self, *, create: bool | None = None) -> Store:
        """The database, opened on the first call (``create``: make it if it is missing)."""
        if self._store is None:
            from planner.db.store import Store  # sqlalchemy and alembic: only when needed

            self._store = Store(self.db, create=create)
            for notice in self._store.notices:  # e.g. its permissions were tightened
                self.warn(notice)
        return self._store

    def close(self) -> None:
        """Let go of the database, if it was opened."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def emit(self, data: Any, text: str | Callable[[], str]) -> None:
        """Print a result: ``data`` as JSON with ``--json``, else ``text`` (made only if needed)."""
        if self.as_json:
            self.print_json(data)
        else:
            self.print(text() if callable(text) else text)

    def print(self, text: str) -> None:
        """Print a line (or lines) on stdout, whatever the output mode."""
        print(text, file=self.stdout)

    def print_json(self, data: Any) -> None:
        print(json.dumps(data, indent=2, default=str, ensure_ascii=False), file=self.stdout)

    def warn(self, text: str) -> None:
        """A warning: one line on stderr; the command goes on."""
        print(f"planner: warning: {text}", file=self.stderr)

    def fail(self, message: str, data: Any = None) -> None:
        """An error: one line on stderr, and ``data`` as JSON on stdout with ``--json``."""
        if self.as_json and data is not None:
            self.print_json(data)
        print(f"planner: {message}", file=self.stderr)
