"""Undo and redo for every booking operation, as QUndoCommands over the booking services.

A command holds plain values (ids, wall-clock times, the service's result), never rows or
view items, so it survives any refresh of the views. Each direction is one transaction of
the booking service: a plan booked by mistake is removed (``delete_plan``), a cancellation
is reverted with its added session and shifted sessions (``revert_cancel``), an attended or
no-show session is reopened (``reopen``), a move is moved back. A patient's registration and
edits are undone the same way (:class:`AddPatientCommand`, :class:`EditPatientCommand`).

A command never touches the database on the GUI thread. :meth:`Command.forward` and
:meth:`Command.backward` are the service calls; the :class:`~planner.ui.desk.Desk` runs them
on the worker (they read the command's plain values and return the service's answer without
changing the command), then hands the answer to :meth:`Command.did_forward` or
:meth:`Command.did_backward` on the GUI thread. Only then does the desk move the undo stack,
so the stack always says what the database holds, and one operation at a time is in flight.
QUndoStack's own ``redo()``/``undo()`` calls therefore find the work done already.

The first ``forward`` happens before the command is pushed, so a refused operation never
lands on the stack. If undoing or redoing is refused later (the time was taken by another
desk in the meantime), nothing is changed, the command is made obsolete so the stack drops
it, and the reason is reported. When it fails only because the database is busy (another
program holds its write lock past the busy timeout), nothing is changed either, but the
command stays where it was, so the same undo or redo can be tried again a moment later.

Every step says what it expects to find (``expect``: session id -> revision): the first, the
revisions the desk's view showed; each later one, the revisions the step before it left (the
services return them, or they rose by exactly one, see :func:`raised`). So an undo or redo
over a change another desk made since is refused by the service with
:class:`~planner.errors.ChangedElsewhere`: nothing is undone over that change, the views read
again to show it, and the command is dropped like one whose time was taken (a revision never
goes back, so it would be refused every time; the desk's earlier steps stay within reach).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from planner.core.outcomes import Measure
from planner.core.regions import BodyRegion
from planner.errors import InvalidState, PlannerError
from planner.services.schedule.patients import later_booked_ids, session_info
from planner.ui.i18n import arg, tr, ui_words

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.services.booking.edits import CancelResult, MoveResult
    from planner.services.booking.plans import BookedPlan, PlanRequest
    from planner.services.booking.scores import Attendance
    from planner.services.patient_records import PatientEdit, PatientFields, PatientRecord

Clock = Callable[[], datetime]

Revisions = dict[int, int]
"""Session id -> the revision a step expects to find (what the desk saw, or what the last
step left): the service refuses with ChangedElsewhere when another desk changed it since."""


def raised(expect: Mapping[int, int] | None) -> Revisions | None:
    """The revisions after one successful step that changed each of ``expect``'s sessions
    once: the change log's write session raises a changed row's revision exactly once per
    transaction (:mod:`planner.db.audit`). For the services that return no revisions."""
    return {k: v + 1 for k, v in expect.items()} if expect is not None else None


def revision_of(row: Mapping[str, Any]) -> Revisions:
    """``{id: revision}`` of one session as a service returned it (appointment JSON)."""
    return {int(row["id"]): int(row["revision"])}


class Command(QUndoCommand):
    """A booking operation that can be undone.

    Subclasses implement :meth:`forward` and :meth:`backward` (worker thread: plain values
    in, the service's answer out) and keep that answer in :meth:`did_forward` and
    :meth:`did_backward` (GUI thread).
    """

    def __init__(
        self, store: Store, clock: Clock, text: str, *, expect: Mapping[int, int] | None = None
    ) -> None:
        super().__init__(text)
        self.store = store
        self.clock = clock
        self.expect: Revisions | None = dict(expect) if expect is not None else None
        """What the next step expects (session id -> revision): the revisions the desk saw,
        then what each step left, so an undo or redo over another desk's later change is
        refused. None: not checked."""
        self.touched: set[int] = set()
        """Ids of sessions this command changed."""
        self.focus = 0
        """The session the views select once it is done (0: leave the selection)."""
        self.refused: Callable[[PlannerError], None] | None = None
        """What the desk does when the first step is refused (the dialog that asked opens
        again with what was entered, and why); None: the refusal is shown as a message."""
        self._done_by_desk = False

    # -- on the worker -------------------------------------------------------------------------
    def forward(self) -> object:
        """Do the operation (raises :class:`~planner.errors.PlannerError` when refused)."""
        raise NotImplementedError  # pragma: no cover - abstract

    def backward(self) -> object:
        """Take the operation back (raises :class:`~planner.errors.PlannerError` when refused)."""
        raise NotImplementedError  # pragma: no cover - abstract

    # -- on the GUI thread ---------------------------------------------------------------------
    def did_forward(self, result: Any) -> None:
        """Keep what :meth:`forward` returned."""

    def did_backward(self, result: Any) -> None:
        """Keep what :meth:`backward` returned: by default the revisions it left (what the
        next redo expects); a command whose undo returns something else overrides this."""
        if isinstance(result, Mapping):
            self.expect = dict(result)

    def message(self) -> str:
        """What the status bar says once the operation is done."""
        return self.text()

    def stepped(self) -> None:
        """The desk did this step on the worker: the stack's next ``redo``/``undo`` is a no-op."""
        self._done_by_desk = True

    def redo(self) -> None:
        self._check_done("redo")

    def undo(self) -> None:
        self._check_done("undo")

    def _check_done(self, what: str) -> None:
        if not self._done_by_desk:
            # Only the desk moves the stack (its own undo()/redo() route through the desk).
            raise RuntimeError(
                f"the undo stack tried to {what} “{self.text()}” on the GUI thread; "
                f"use Desk.{what}(), which runs it on the worker"
            )
        self._done_by_desk = False


class BookPlanCommand(Command):
    def __init__(self, store: Store, clock: Clock, request: PlanRequest, text: str) -> None:
        super().__init__(store, clock, text)
        self.request = request
        self.result: BookedPlan | None = None

    @property
    def plan_id(self) -> int | None:
        return self.result.plan_id if self.result else None

    def forward(self) -> BookedPlan:
        from planner.services.booking.plans import book

        return book(self.store, self.request, now=self.clock())

    def did_forward(self, result: BookedPlan) -> None:
        self.result = result
        self.touched = {a["id"] for a in result.appointments}
        self.focus = result.appointments[0]["id"] if result.appointments else 0

    def backward(self) -> None:
        from planner.services.booking.edits import delete_plan

        assert self.result is not None
        delete_plan(self.store, self.result.plan_id)


@dataclass(frozen=True)
class Placement:
    """Where a session was before it moved: the time, practitioner and room to go back to."""

    start: datetime
    practitioner_id: int
    room_id: int | None


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
        allow_past: bool = False,
        expect: Mapping[int, int] | None = None,
    ) -> None:
        super().__init__(store, clock, text, expect=expect)
        self.appointment_id = appointment_id
        self.new_start = new_start
        self.following = following
        self.allow_past = allow_past
        """The desk chose to record a session in the past (asked before the command)."""
        self.practitioner_id = practitioner_id
        self.room_id = room_id
        self.before: Placement | None = None
        """Read right before the first move (the place undo goes back to)."""
        self.moved: list[int] = []
        self.focus = appointment_id

    def forward(self) -> tuple[Placement, list[int], Revisions]:
        from planner.services.booking.edits import move

        before = self.before
        if before is None:
            info = session_info(self.store, self.appointment_id)
            before = Placement(info.start, info.practitioner_id, info.room_id)
        res = move(
            self.store,
            self.appointment_id,
            self.new_start,
            following=self.following,
            practitioner_id=self.practitioner_id,
            room_id=self.room_id,
            now=self.clock(),
            allow_past=self.allow_past,
            expect=self.expect,
        )
        return before, [m["id"] for m in res.moved], res.revisions()

    def did_forward(self, result: tuple[Placement, list[int], Revisions]) -> None:
        self.before, self.moved, self.expect = result
        self.touched = set(self.moved)

    def did_backward(self, result: MoveResult) -> None:
        self.expect = result.revisions()

    def backward(self) -> MoveResult:
        from planner.services.booking.edits import move

        assert self.before is not None
        if self.following:
            group = [
                self.appointment_id,
                *later_booked_ids(self.store, self.appointment_id),
            ]
            if sorted(group) != sorted(self.moved):
                raise InvalidState(
                    tr(
                        "the plan's sessions changed since they were moved; "
                        "move them back one by one"
                    )
                )
        return move(
            self.store,
            self.appointment_id,
            self.before.start,
            following=self.following,
            practitioner_id=self.before.practitioner_id,
            room_id=self.before.room_id,
            now=self.clock(),
            allow_past=True,  # undo puts the session back where it was, past or not
            expect=self.expect,  # refused over another desk's later change
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
        expect: Mapping[int, int] | None = None,
    ) -> None:
        super().__init__(store, clock, text, expect=expect)
        self.appointment_id = appointment_id
        self.extend = extend
        self.reason = reason
        self.result: CancelResult | None = None

    def forward(self) -> CancelResult:
        from planner.services.booking.edits import cancel

        return cancel(
            self.store,
            self.appointment_id,
            extend=self.extend,
            reason=self.reason,
            now=self.clock(),
            expect=self.expect,
        )

    def did_forward(self, result: CancelResult) -> None:
        self.result = result
        self.touched = {self.appointment_id}
        if result.added:
            self.touched.add(result.added["id"])

    def did_backward(self, result: Revisions) -> None:
        # revert_cancel expects the revisions the cancel left (result.revisions()); a redo
        # expects the cancelled session as the undo left it
        self.expect = {self.appointment_id: result[self.appointment_id]}

    def message(self) -> str:
        if self.result is None or not self.result.added:
            return self.text()
        when = datetime.fromisoformat(self.result.added["local_start"])
        w = ui_words()
        return arg(
            tr("%1: added a session on %2 at %3"),
            self.text(),
            w.skeleton("yMMMEd", when),
            w.time(when),
        )

    def backward(self) -> Revisions:
        from planner.services.booking.edits import revert_cancel

        assert self.result is not None
        # refused (nothing changed) when another desk changed one of its sessions since
        return revert_cancel(self.store, self.result, now=self.clock())


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
        previous: str | None = None,
        expect: Mapping[int, int] | None = None,
    ) -> None:
        super().__init__(store, clock, text, expect=expect)
        self.appointment_id = appointment_id
        self.regions = list(regions)
        self.notes = notes
        self.scores = dict(scores or {})
        self.previous: str | None = previous
        """The status before (booked or no-show): as the desk saw it (with ``expect``), or
        read right before the first attendance."""

    def forward(self) -> tuple[str, Revisions]:
        from planner.services.booking.scores import attend

        previous = self.previous
        if previous is None:
            previous = session_info(self.store, self.appointment_id).status
        row = attend(
            self.store,
            self.appointment_id,
            self.regions,
            notes=self.notes,
            scores=self.scores,
            now=self.clock(),
            expect=self.expect,
        )
        return previous, revision_of(row)

    def did_forward(self, result: tuple[str, Revisions]) -> None:
        self.previous, self.expect = result
        self.touched = {self.appointment_id}

    def backward(self) -> Revisions:
        from planner.services.booking.edits import reopen

        # One transaction: back to booked, or to the no-show it was (never half undone)
        row = reopen(
            self.store,
            self.appointment_id,
            now=self.clock(),
            expect=self.expect,
            as_no_show=self.previous == "no-show",
        )
        return revision_of(row)


class NoShowCommand(Command):
    def __init__(
        self,
        store: Store,
        clock: Clock,
        appointment_id: int,
        *,
        text: str,
        expect: Mapping[int, int] | None = None,
    ) -> None:
        super().__init__(store, clock, text, expect=expect)
        self.appointment_id = appointment_id

    def forward(self) -> Revisions:
        from planner.services.booking.scores import no_show

        return revision_of(
            no_show(self.store, self.appointment_id, now=self.clock(), expect=self.expect)
        )

    def did_forward(self, result: Revisions) -> None:
        self.expect = result
        self.touched = {self.appointment_id}

    def backward(self) -> Revisions:
        from planner.services.booking.edits import reopen

        return revision_of(
            reopen(self.store, self.appointment_id, now=self.clock(), expect=self.expect)
        )


class NoShowCorrectionCommand(Command):
    """Correct a session marked attended by mistake to a no-show; undo marks it attended
    again with the regions, pain and whole-body scores the correction cleared."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        appointment_id: int,
        *,
        text: str,
        expect: Mapping[int, int] | None = None,
    ) -> None:
        super().__init__(store, clock, text, expect=expect)
        self.appointment_id = appointment_id
        self.kept: Attendance | None = None
        """What the session recorded before the correction (kept by the first step)."""
        self.focus = appointment_id

    def forward(self) -> Attendance:
        from planner.services.booking.scores import correct_to_no_show

        return correct_to_no_show(
            self.store, self.appointment_id, now=self.clock(), expect=self.expect
        )

    def did_forward(self, result: Attendance) -> None:
        self.kept = result
        self.expect = raised(self.expect)  # the correction returns what it cleared only
        self.touched = {self.appointment_id}

    def backward(self) -> Revisions:
        from planner.services.booking.scores import attend

        assert self.kept is not None
        row = attend(
            self.store,
            self.appointment_id,
            self.kept.treated(),
            scores=self.kept.measures(),
            now=self.clock(),
            expect=self.expect,
        )
        return revision_of(row)


class CancelRestCommand(Command):
    def __init__(
        self,
        store: Store,
        clock: Clock,
        plan_id: int,
        *,
        text: str,
        expect_plan: int | None = None,
    ) -> None:
        super().__init__(store, clock, text)
        self.plan_id = plan_id
        self.expect_plan = expect_plan
        """The plan's revision the next cancel expects: what the desk saw, then what undo
        left."""
        self.cancelled: list[dict[str, Any]] = []

    def forward(self) -> CancelResult:
        from planner.services.booking.edits import cancel_rest

        return cancel_rest(self.store, self.plan_id, now=self.clock(), expect_plan=self.expect_plan)

    def did_forward(self, result: CancelResult) -> None:
        self.cancelled = result.cancelled
        self.expect = result.revisions()
        if self.expect_plan is not None:
            self.expect_plan += 1  # the plan was marked cancelled: its revision rose once
        self.touched = {c["id"] for c in result.cancelled}

    def backward(self) -> Revisions:
        from planner.services.booking.edits import restore_many

        # One transaction: every session is checked (not changed at another desk since, its
        # time still free) before any is restored
        rows = restore_many(
            self.store, [c["id"] for c in self.cancelled], now=self.clock(), expect=self.expect
        )
        return {int(r["id"]): int(r["revision"]) for r in rows}

    def did_backward(self, result: Revisions) -> None:
        super().did_backward(result)
        if self.expect_plan is not None:
            self.expect_plan += 1  # the plan is active again: its revision rose once


# -- patients ---------------------------------------------------------------------------------
#
# A patient's registration and edits are undone like bookings: plain records in, one
# transaction each way. Undoing a registration removes the patient only while they have no
# plan; undoing an edit writes the record from before back, and both refuse (changing nothing)
# when the patient was changed in the meantime by another desk.


class AddPatientCommand(Command):
    """Register a new patient; undo takes the registration back (while they have no plan)."""

    def __init__(self, store: Store, clock: Clock, fields: PatientFields, text: str) -> None:
        super().__init__(store, clock, text)
        self.fields = fields
        self.record: PatientRecord | None = None
        """The patient as registered (their id, once the first step is done)."""

    @property
    def patient_id(self) -> int:
        return self.record.id if self.record else 0

    def forward(self) -> PatientRecord:
        from planner.services.patient_records import recreate_patient, register_patient

        if self.record is None:
            return register_patient(self.store, self.fields)
        return recreate_patient(self.store, self.record)  # redo: the same id as before

    def did_forward(self, result: PatientRecord) -> None:
        self.record = result

    def backward(self) -> None:
        from planner.services.patient_records import remove_new_patient

        assert self.record is not None
        remove_new_patient(self.store, self.record.id, expect=self.record)


class EditPatientCommand(Command):
    """Change a patient's details; undo writes the details from before back."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        patient_id: int,
        fields: PatientFields,
        text: str,
        *,
        expect: PatientRecord | None = None,
    ) -> None:
        super().__init__(store, clock, text)
        self.patient_id = patient_id
        self.fields = fields
        self.loaded = expect
        """The record the form was loaded with: the save is refused if the patient was
        changed at another desk since (None: not checked)."""
        self.edit: PatientEdit | None = None
        """The record before and after the first step."""

    def forward(self) -> PatientEdit:
        from planner.services.patient_records import restore_patient, save_patient

        if self.edit is None:
            return save_patient(self.store, self.patient_id, self.fields, expect=self.loaded)
        restore_patient(self.store, self.edit.after, expect=self.edit.before)
        return self.edit

    def did_forward(self, result: PatientEdit) -> None:
        self.edit = result

    def backward(self) -> None:
        from planner.services.patient_records import restore_patient

        assert self.edit is not None
        restore_patient(self.store, self.edit.before, expect=self.edit.after)
