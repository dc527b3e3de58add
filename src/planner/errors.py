"""The exception tree of planner.

Every error a user can cause derives from :class:`PlannerError` and carries a message that
says what happened and what to do. The CLI maps the three branches to exit codes
(bad input 2, refused 3, not found 4); the window shows the message in a dialog.
"""

from __future__ import annotations

from typing import Any, Protocol


class Said(Protocol):
    """A sentence that can be written in a reader's language (``planner.core.phrases.Phrase``)."""

    def text(self, w: Any = None) -> str: ...


class PlannerError(Exception):
    """Base of every error planner raises on purpose.

    ``message`` is English (the command line's and the logs'). Raised with a phrase instead of
    a string, the error keeps it as ``said``, and the window writes it in its own language.
    """

    exit_code = 1

    def __init__(self, message: str | Said, *, details: dict[str, Any] | None = None) -> None:
        said = None if isinstance(message, str) else message
        text = message if isinstance(message, str) else message.text()
        super().__init__(text)
        self.message = text
        self.said: Said | None = said
        self.details: dict[str, Any] = details or {}

    def to_json(self) -> dict[str, Any]:
        return {"error": type(self).__name__, "message": self.message, **self.details}


class BadInput(PlannerError):
    """The request itself is malformed or impossible (unknown zone, zero duration, ...)."""

    exit_code = 2


class InvalidTime(BadInput):
    """A local wall-clock time that does not exist or is ambiguous in its zone."""


class DatabaseError(BadInput):
    """The database cannot be used: empty, corrupt, not initialised or from a newer planner."""


class DatabaseBusy(DatabaseError):
    """Another program or desk holds the database's write lock; the same action may work soon."""


class DatabaseUnavailable(DatabaseError):
    """The database server cannot be reached (down, or the network is); nothing was changed."""


class SchemaTooNew(DatabaseError):
    """The database was written by a newer planner than this one."""


class DiskFull(DatabaseError):
    """The disk holding the database is full: free space and try again; nothing was lost."""


class DatabaseReadOnly(DatabaseError):
    """The database file, its folder or its disk may not be written here; reading works."""


class DatabaseDamaged(DatabaseError):
    """The database file has damaged pages: restore the newest good backup."""

    exit_code = 3


class Refused(PlannerError):
    """The request is well-formed but the clinic's rules refuse it."""

    exit_code = 3


class Conflict(Refused):
    """A session would overlap another booking of the practitioner, room or patient."""


class ClinicClosed(Refused):
    """A session would fall on a holiday, a closure or outside opening or working hours."""


class ScreeningRequired(Refused):
    """A needling plan for a patient with screening flags that were not acknowledged."""


class NotPermitted(Refused):
    """The practitioner may not deliver this modality (for example needling unlicensed)."""


class InvalidState(Refused):
    """The session or plan is in a state that does not allow the operation."""


class ChangedElsewhere(Refused):
    """The row was changed (at another desk) after the view the edit was made from."""


class NotEmpty(Refused):
    """The database holds a clinic already, and the operation (the demo) needs an empty one."""


class NotFound(PlannerError):
    """A referenced patient, practitioner, location, plan or session does not exist."""

    exit_code = 4


class CalendarFileError(BadInput):
    """An .ics file cannot be imported: malformed (at ``line``), badly encoded or too large."""

    def __init__(
        self, message: str, *, line: int | None = None, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message, details={**(details or {}), "line": line})
        self.line = line

    def naming(self, component: str | None, **details: Any) -> CalendarFileError:
        """The same error naming the component it is in (``VEVENT 'Team meeting' (UID x)``)
        after its line, with ``details`` (``uid``, ``summary``) for the JSON answer."""
        if component is None:
            return self
        at_line = f"line {self.line}: "
        if self.line is not None and at_line in self.message:
            message = self.message.replace(at_line, f"line {self.line}, in {component}: ", 1)
        else:
            message = f"{self.message} (in {component})"
        extra = {k: v for k, v in details.items() if v}
        return CalendarFileError(message, line=self.line, details={**self.details, **extra})


class ExportFailed(BadInput):
    """An .ics file could not be written (folder missing, disk full, no permission)."""


class MailFailed(PlannerError):
    """An e-mail could not be sent: ``permanent`` when trying again cannot help (the server
    refused the login, the recipient or the message), else the server was down or busy.

    ``reason`` says what happened without what follows from it; ``message`` adds that (a
    transient failure leaves the message queued). Never carries a password.
    """

    exit_code = 3

    def __init__(
        self,
        message: str,
        *,
        permanent: bool,
        reason: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message, details={**(details or {}), "permanent": permanent})
        self.permanent = permanent
        self.reason = reason if reason is not None else message


class CalDavFailed(PlannerError):
    """A practitioner's CalDAV calendar could not be kept in step: the server did not answer
    (``permanent`` False: try again later), or refused the password or the address is not a
    calendar (``permanent`` True: someone must fix the set-up first)."""

    exit_code = 3

    def __init__(
        self, message: str, *, permanent: bool, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message, details={**(details or {}), "permanent": permanent})
        self.permanent = permanent
