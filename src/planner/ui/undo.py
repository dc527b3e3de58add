"""Undo and redo for every booking operation, as QUndoCommands over the booking services.

A command holds plain values (ids, wall-clock times, the service's result), never rows or
view items, so it survives any refresh of the views. Each direction is one transaction of
the booking service: a plan booked by mistake is removed (``delete_plan``), a cancellation
is reverted with its added session and shifted sessions (``revert_cancel``), an attended or
no-show session is reopened (``reopen``), a move is moved back.

The first ``redo`` happens before the command is pushed (:meth:`Command.execute`), so a
refused operation never lands on the stack. If undoing or redoing is refused later (the
time was taken by another desk in the meantime), nothing is changed, the command is made
obsolete so the stack drops it, and the reason is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from planner.core.outcomes import Measure
from planner.core.regions import BodyRegion
from planner.errors import InvalidState, PlannerError
from planner.services.schedule.patients import later_booked_ids, session_info

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.services.booking.edits import CancelResult
    from planner.services.booking.plans import BookedPlan, PlanRequest

Clock = Callable[[], datetime]
Reporter = Callable[[str, PlannerError], None]


class Command(QUndoCommand):
    """A booking operation that can be undone; subclasses implement ``_do`` and ``_undo``."""

    def __init__(self, store: Store, clock: Clock, text: str) -> None:
        super().__init__(text)
        self.store = store
        self.clock = clock
        self.reporter: Reporter | None = None
        self._executed = False
        self.touched: set[int] = set()
        """Ids of sessions this command changed (the view selects them after the change)."""

    def execute(self) -> None:
        """Do the operation now (raises :class:`PlannerError` when refused)."""
        self._do()
        self._executed = True

    def redo(self) -> None:
        if self._executed:
            self._executed = False  # the push after execute(): already done
            return
        try:
            self._do()
        except PlannerError as exc:
            self._fail("redo", exc)

    def undo(self) -> None:
        try:
            self._undo()
        except PlannerError as exc:
            self._fail("undo", exc)

    def _fail(self, what: str, exc: PlannerError) -> None:
        self.setObsolete(True)
        if self.reporter is not None:
            self.reporter(f"Could not {what} “{self.text()}”", exc)

    def _do(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _undo(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class BookPlanCommand(Command):
    def __init__(self, store: Store, clock: Clock, request: PlanRequest, text: str) -> None:
        super().__init__(store, clock, text)
        self.request = request
        self.result: BookedPlan | None = None

    @property
    def plan_id(self) -> int | None:
        return self.result.plan_id if self.result else None

    def _do(self) -> None:
        from planner.services.booking.plans import book

        self.result = book(self.store, self.request, now=self.clock())
        self.touched = {a["id"] for a in self.result.appointments}

    def _undo(self) -> None:
        from planner.services.booking.edits import delete_plan

        assert self.result is not None
        delete_plan(self.store, self.result.plan_id)


class MoveCommand(Command):
    def __init__(
        self,
        store: Store,
        clock: Clock,
        appointment_id: int,
        new_start: datetime,
        *,
        following: bool,
        practitioner_id: int | None,
        room_id: int | None,
        text: str,
    ) -> None:
        super().__init__(store, clock, text)
        self.appointment_id = appointment_id
        self.new_start = new_start
        self.following = following
        self.practitioner_id = practitioner_id
        self.room_id = room_id
        info = session_info(store, appointment_id)
        self.old_start = info.start
        self.old_practitioner = info.practitioner_id
        self.old_room = info.room_id
        self.moved: list[int] = []

    def _do(self) -> None:
        from planner.services.booking.edits import move

        res = move(
            self.store,
            self.appointment_id,
            self.new_start,
            following=self.following,
            practitioner_id=self.practitioner_id,
            room_id=self.room_id,
            now=self.clock(),
        )
        self.moved = [m["id"] for m in res.moved]
        self.touched = set(self.moved)

    def _undo(self) -> None:
        from planner.services.booking.edits import move

        if self.following:
            group = [
                self.appointment_id,
                *later_booked_ids(self.store, self.appointment_id),
            ]
            if sorted(group) != sorted(self.moved):
                raise InvalidState(
                    "the plan's sessions changed since they were moved; move them back one by one"
                )
        move(
            self.store,
            self.appointment_id,
            self.old_start,
            following=self.following,
            practitioner_id=self.old_practitioner,
            room_id=self.old_room,
            now=self.clock(),
        )


class CancelCommand(Command):
    def __init__(
        self,
        store: Store,
        clock: Clock,
        appointment_id: int,
        *,
        extend: bool,
        reason: str,
        text: str,
    ) -> None:
        super().__init__(store, clock, text)
        self.appointment_id = appointment_id
        self.extend = extend
        self.reason = reason
        self.result: CancelResult | None = None

    def _do(self) -> None:
        from planner.services.booking.edits import cancel

        self.result = cancel(
            self.store,
            self.appointment_id,
            extend=self.extend,
            reason=self.reason,
            now=self.clock(),
        )
        self.touched = {self.appointment_id}
        if self.result.added:
            self.touched.add(self.result.added["id"])

    def _undo(self) -> None:
        from planner.services.booking.edits import revert_cancel

        assert self.result is not None
        revert_cancel(self.store, self.result, now=self.clock())


class AttendCommand(Command):
    def __init__(
        self,
        store: Store,
        clock: Clock,
        appointment_id: int,
        regions: Sequence[tuple[BodyRegion, int | None]],
        *,
        notes: str,
        text: str,
        scores: Mapping[Measure, int] | None = None,
    ) -> None:
        super().__init__(store, clock, text)
        self.appointment_id = appointment_id
        self.regions = list(regions)
        self.notes = notes
        self.scores = dict(scores or {})
        self.previous = session_info(store, appointment_id).status

    def _do(self) -> None:
        from planner.services.booking.scores import attend

        attend(
            self.store,
            self.appointment_id,
            self.regions,
            notes=self.notes,
            scores=self.scores,
            now=self.clock(),
        )
        self.touched = {self.appointment_id}

    def _undo(self) -> None:
        from planner.services.booking.edits import reopen
        from planner.services.booking.scores import no_show

        reopen(self.store, self.appointment_id, now=self.clock())
        if self.previous == "no-show":
            no_show(self.store, self.appointment_id, now=self.clock())


class NoShowCommand(Command):
    def __init__(self, store: Store, clock: Clock, appointment_id: int, *, text: str) -> None:
        super().__init__(store, clock, text)
        self.appointment_id = appointment_id

    def _do(self) -> None:
        from planner.services.booking.scores import no_show

        no_show(self.store, self.appointment_id, now=self.clock())
        self.touched = {self.appointment_id}

    def _undo(self) -> None:
        from planner.services.booking.edits import reopen

        reopen(self.store, self.appointment_id, now=self.clock())


class CancelRestCommand(Command):
    def __init__(self, store: Store, clock: Clock, plan_id: int, *, text: str) -> None:
        super().__init__(store, clock, text)
        self.plan_id = plan_id
        self.cancelled: list[dict[str, Any]] = []

    def _do(self) -> None:
        from planner.services.booking.edits import cancel_rest

        res = cancel_rest(self.store, self.plan_id, now=self.clock())
        self.cancelled = res.cancelled
        self.touched = {c["id"] for c in self.cancelled}

    def _undo(self) -> None:
        from planner.services.booking.edits import restore

        if not self.cancelled:
            raise InvalidState("no session was cancelled, so there is nothing to restore")
        for c in self.cancelled:
            restore(self.store, c["id"], now=self.clock())
