"""The undo command of a series move: the sessions go back one by one to where they were.

:class:`~planner.ui.undo.MoveCommand` moves a group back by the same shift, which is right
for a plain shift but not once a conflict policy, ``extend`` or a time chosen by hand placed
the sessions differently: :class:`SeriesMoveCommand` keeps each session's time, practitioner
and room from before (``MoveResult.previous``) and puts every one back in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from planner.ui.undo import Clock, Command, Revisions

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.services.booking.edits import MoveResult


class SeriesMoveCommand(Command):
    """Move a session and the plan's later ones as the series-move preview showed them."""

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
        conflict_policy: str | None,
        extend: bool,
        overrides: Mapping[int, datetime],
        allow_past: bool = False,
        text: str,
        expect: Mapping[int, int] | None = None,
    ) -> None:
        super().__init__(store, clock, text, expect=expect)
        self.appointment_id = appointment_id
        self.new_start = new_start
        self.following = following
        self.practitioner_id = practitioner_id
        self.room_id = room_id
        self.conflict_policy = conflict_policy
        self.extend = extend
        self.overrides = dict(overrides)
        self.allow_past = allow_past
        self.previous: dict[int, tuple[str, int, int | None]] = {}
        """Each moved session's start, practitioner and room before (what undo restores)."""
        self.focus = appointment_id

    def forward(self) -> MoveResult:
        from planner.services.booking.edits import move

        return move(
            self.store,
            self.appointment_id,
            self.new_start,
            following=self.following,
            practitioner_id=self.practitioner_id,
            room_id=self.room_id,
            conflict_policy=self.conflict_policy,
            extend=self.extend,
            overrides=self.overrides,
            allow_past=self.allow_past,
            now=self.clock(),
            expect=self.expect,
        )

    def did_forward(self, result: MoveResult) -> None:
        self.previous = dict(result.previous)
        self.expect = result.revisions()
        self.touched = set(self.previous)

    def backward(self) -> Revisions:
        from planner.services.booking.edits import move_back

        return move_back(self.store, self.previous, now=self.clock(), expect=self.expect)
