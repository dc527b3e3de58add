"""The desk's actions on sessions and plans, each one undoable.

:class:`Desk` is what the menus, shortcuts, context menu and drag-and-drop call. It asks
what it must ask (through :mod:`planner.ui.dialogs.prompts`), runs the booking service as an
undo command, and announces that the schedule changed. Expected refusals become a message
that says what to do; the undo stack only ever holds operations that happened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from planner.core.timeutil import utcnow
from planner.errors import InvalidState, PlannerError
from planner.services.schedule.patients import session_info
from planner.services.schedule.values import SessionInfo
from planner.ui.dialogs import prompts
from planner.ui.errors import defer, show_error

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.services.booking.plans import PlanRequest
    from planner.ui import undo


class Desk(QObject):
    """Booking operations with questions, undo and error messages."""

    sig_changed = Signal()
    """The schedule changed (an operation, an undo or a redo): views reload."""
    sig_message = Signal(str)
    """A short note for the status bar ("Cancelled Treatment 3/9 for Kari Nordmann")."""
    sig_focus_session = Signal(int)
    """Select this session in the views after the change."""

    def __init__(
        self,
        store: Store,
        parent_widget: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
        stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent_widget)
        self.store = store
        self.parent_widget = parent_widget
        self.clock = clock
        self.stack = stack or QUndoStack(self)
        self.stack.setUndoLimit(200)
        self.stack.indexChanged.connect(self._index_changed)

    @Slot(int)
    def _index_changed(self, _index: int) -> None:
        self.sig_changed.emit()

    # -- running commands --------------------------------------------------------------------
    def run(self, command: undo.Command, *, raise_errors: bool = False) -> bool:
        """Do ``command`` now and put it on the undo stack; False (with a message) if refused."""
        command.reporter = self._report_later
        try:
            command.execute()
        except PlannerError as exc:
            if raise_errors:
                raise
            show_error(self.parent_widget, exc)
            return False
        self.stack.push(command)
        self.sig_message.emit(command.text())
        return True

    def _report_later(self, what: str, exc: PlannerError) -> None:
        self.sig_message.emit(f"{what}: {exc.message}")
        defer(lambda: show_error(self.parent_widget, exc, what))

    def undo(self) -> None:
        if self.stack.canUndo():
            text = self.stack.undoText()
            self.stack.undo()
            self.sig_message.emit(f"Undone: {text}")

    def redo(self) -> None:
        if self.stack.canRedo():
            text = self.stack.redoText()
            self.stack.redo()
            self.sig_message.emit(f"Redone: {text}")

    def _info(self, appointment_id: int) -> SessionInfo | None:
        try:
            return session_info(self.store, appointment_id)
        except PlannerError as exc:
            show_error(self.parent_widget, exc)
            return None

    # -- plans -------------------------------------------------------------------------------
    def book_plan(self, request: PlanRequest, title: str) -> undo.BookPlanCommand:
        """Book a plan in one transaction; raises :class:`PlannerError` when refused.

        The new-plan dialog shows the refusal itself, next to the preview.
        """
        from planner.ui import undo

        cmd = undo.BookPlanCommand(self.store, self.clock, request, title)
        self.run(cmd, raise_errors=True)
        if cmd.result and cmd.result.appointments:
            self.sig_focus_session.emit(cmd.result.appointments[0]["id"])
        return cmd

    def cancel_rest(self, appointment_id: int) -> bool:
        from planner.ui import undo

        info = self._info(appointment_id)
        if info is None:
            return False
        if info.later_booked == 0 and info.status != "booked":
            show_error(
                self.parent_widget,
                InvalidState(
                    f"{info.plan_title} for {info.patient_name} has no booked sessions "
                    "left to cancel"
                ),
            )
            return False
        if not prompts.confirm(
            self.parent_widget,
            "Cancel the rest of the plan",
            f"Cancel every future booked session of {info.plan_title} for {info.patient_name} "
            "and mark the plan cancelled?",
            "Cancel the &rest of the plan",
            "&Keep the plan",
        ):
            return False
        return self.run(
            undo.CancelRestCommand(
                self.store,
                self.clock,
                info.plan_id,
                text=f"Cancel the rest of {info.plan_title} for {info.patient_name}",
            )
        )

    # -- sessions ----------------------------------------------------------------------------
    def move_session(
        self,
        appointment_id: int,
        new_start: datetime | None = None,
        *,
        column_key: int | None = None,
        by: str = "practitioner",
        following: bool | None = None,
    ) -> bool:
        """Move a session. Without ``new_start`` the move dialog asks for it (keyboard)."""
        from planner.ui import undo

        info = self._info(appointment_id)
        if info is None:
            return False
        if info.status != "booked":
            show_error(
                self.parent_widget,
                InvalidState(f"this session is {info.status}; only booked sessions can be moved"),
            )
            return False
        if new_start is None:
            answer = prompts.ask_move_target(self.parent_widget, info)
            if answer is None:
                return False
            new_start, following = answer
        elif following is None:
            scope = prompts.ask_move_scope(self.parent_widget, info, new_start)
            if scope is None:
                return False
            following = scope == prompts.FOLLOWING
        practitioner_id = room_id = None
        if column_key is not None:
            if by == "room":
                room_id = column_key or None
            elif column_key and column_key != info.practitioner_id:
                practitioner_id = column_key
        if (
            new_start == info.start
            and practitioner_id is None
            and (room_id is None or room_id == info.room_id)
        ):
            return False
        what = f"{info.label} and following sessions" if following else info.label
        text = f"Move {what} for {info.patient_name} to {new_start:%a %d %b %H:%M}"
        cmd = undo.MoveCommand(
            self.store,
            self.clock,
            appointment_id,
            new_start,
            following=bool(following),
            practitioner_id=practitioner_id,
            room_id=room_id,
            text=text,
        )
        if self.run(cmd):
            self.sig_focus_session.emit(appointment_id)
            return True
        return False

    def cancel_session(self, appointment_id: int) -> bool:
        from planner.ui import undo

        info = self._info(appointment_id)
        if info is None:
            return False
        if info.status != "booked":
            show_error(
                self.parent_widget,
                InvalidState(
                    f"this session is {info.status}; only booked sessions can be cancelled"
                ),
            )
            return False
        choice = prompts.ask_cancel(self.parent_widget, info)
        if choice is None:
            return False
        text = f"Cancel {info.label} for {info.patient_name}" + (
            " (plan extended)" if choice.extend else ""
        )
        cmd = undo.CancelCommand(
            self.store,
            self.clock,
            appointment_id,
            extend=choice.extend,
            reason=choice.reason,
            text=text,
        )
        if not self.run(cmd):
            return False
        if cmd.result and cmd.result.added:
            added = cmd.result.added
            when = datetime.fromisoformat(added["local_start"])
            self.sig_message.emit(f"{text}: added a session on {when:%a %d %b %Y %H:%M}")
        return True

    def attend_session(self, appointment_id: int) -> bool:
        from planner.ui import undo

        info = self._info(appointment_id)
        if info is None:
            return False
        if info.status not in ("booked", "no-show"):
            show_error(self.parent_widget, InvalidState(f"this session is {info.status} already"))
            return False
        choice = prompts.ask_attend(self.parent_widget, info)
        if choice is None:
            return False
        return self.run(
            undo.AttendCommand(
                self.store,
                self.clock,
                appointment_id,
                choice.regions,
                notes=choice.notes,
                scores=choice.scores,
                text=f"Mark {info.label} for {info.patient_name} attended",
            )
        )

    def no_show_session(self, appointment_id: int) -> bool:
        from planner.ui import undo

        info = self._info(appointment_id)
        if info is None:
            return False
        return self.run(
            undo.NoShowCommand(
                self.store,
                self.clock,
                appointment_id,
                text=f"Mark {info.label} for {info.patient_name} a no-show",
            )
        )
