"""The desk's actions on sessions and plans, each one undoable, none on the GUI thread.

:class:`Desk` is what the menus, shortcuts, context menu and drag-and-drop call. It reads
what it needs on the worker, asks what it must ask (through :mod:`planner.ui.dialogs.prompts`),
runs the booking service as an undo command on the worker, and announces that the schedule
changed once the answer is back. Expected refusals become a message that says what to do;
the undo stack only ever holds operations that happened.

One operation is in flight at a time, from the first read to the service's answer (or to the
user backing out of a question): :attr:`Desk.busy` is True meanwhile, :attr:`sig_busy_changed`
lets the window disable its editing actions, and a further action, undo or redo asked for
meanwhile is refused with a note in the status bar. So two operations never race, and a
database held by another program (SQLite waits up to its busy timeout) leaves the window
painting and answering while the change waits.

Another desk may change the same session between the read and the write: every command
carries the revisions the desk read (a drag, those of the block drawn), and the service
refuses a stale one with :class:`~planner.errors.ChangedElsewhere`. The desk then emits
:attr:`sig_changed` so the views read again, and shows the message (or opens the dialog again
with it, on the session as it is now).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal, Slot
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from planner.core.attendance import may_attend, may_be_no_show
from planner.core.timeutil import to_local, to_utc, utcnow, zone
from planner.errors import ChangedElsewhere, DatabaseBusy, InvalidState, PlannerError
from planner.services.schedule.patients import session_info
from planner.services.schedule.values import SessionInfo
from planner.ui.dialogs import prompts
from planner.ui.errors import defer, show_error
from planner.ui.i18n import arg, said, tr, ui_words

if TYPE_CHECKING:
    from planner.db.store import Store
    from planner.services.booking.plans import PlanRequest
    from planner.services.patient_records import PatientFields, PatientRecord
    from planner.ui.dialogs.series_move import SeriesMoveDialog
    from planner.ui.dialogs.session_dialogs import AttendChoice, CancelChoice
    from planner.ui.undo import AddPatientCommand, BookPlanCommand, Command, EditPatientCommand
    from planner.ui.worker import Worker

# The commands (planner.ui.undo, with the domain's regions and measures) are imported when
# the first one is made: the window does not need them to show the week.

BUSY_NOTE = str(QT_TRANSLATE_NOOP("", "Wait a moment: the last change is still being saved"))
"""The status bar's note while a change is in flight (shown as ``tr(BUSY_NOTE)``)."""


def session_words(info: SessionInfo) -> str:
    """``Treatment 3/9`` (``Behandling 3/9``); the kind alone for a cancelled session."""
    from planner.core import vocabulary
    from planner.core.domain import Kind

    try:
        kind = vocabulary.kind(Kind(info.kind), ui_words())
    except ValueError:
        kind = info.kind
    return f"{kind} {info.number}/{info.of}" if info.number is not None else kind


def status_words(status: str) -> str:
    """A session's status in running text: ``cancelled`` (``avlyst``), ``no-show``."""
    from planner.core import vocabulary

    return vocabulary.status(status, ui_words()).lower()


def when_words(local: datetime, *, year: bool = True) -> str:
    """``Tue, 1 Dec 2026 at 10:00`` (``tir. 1. des. 2026 kl. 10:00``); without the year,
    ``Tue 1 Dec at 10:00``."""
    w = ui_words()
    day = w.skeleton("yMMMEd", local) if year else w.day_month(local)
    return arg(tr("%1 at %2", "a date at a time"), day, w.time(local))


def _for(info: SessionInfo) -> str:
    """``Treatment 3/9 for Kari Nordmann``."""
    return arg(tr("%1 for %2", "a session for a patient"), session_words(info), info.patient_name)


class UndoStack(QUndoStack):
    """The desk's undo stack: it moves only once the worker has done the step.

    QUndoStack's own ``undo()`` and ``redo()`` would run the command at once, on the GUI
    thread. Here they ask the desk, which runs the step on the worker and then moves the stack
    (:meth:`step_back`, :meth:`step_forward`); the commands find the work done.
    """

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self._desk = desk

    def undo(self) -> None:
        self._desk.undo()

    def redo(self) -> None:
        self._desk.redo()

    def step_back(self) -> None:
        """Move the index back over a command the desk has undone (or drop an obsolete one)."""
        super().undo()

    def step_forward(self) -> None:
        """Move the index over a command the desk has redone (or drop an obsolete one)."""
        super().redo()


class Desk(QObject):
    """Booking operations with questions, undo and error messages."""

    sig_changed = Signal()
    """The schedule changed (an operation, an undo or a redo): views reload."""
    sig_message = Signal(str)
    """A short note for the status bar ("Cancelled Treatment 3/9 for Kari Nordmann")."""
    sig_focus_session = Signal(int)
    """Select this session in the views after the change."""
    sig_busy_changed = Signal(bool)
    """An operation started (True) or ended (False): editing waits while one is in flight."""
    sig_undo_changed = Signal()
    """Whether undo or redo can be done, or what they would do, changed."""

    def __init__(
        self,
        store: Store | None,
        worker: Worker,
        parent_widget: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(parent_widget)
        self.store = store
        self.worker = worker
        self.parent_widget = parent_widget
        self.clock = clock
        self._busy = False
        self.stack = UndoStack(self)
        self.stack.setUndoLimit(200)
        # The stack's signals reach the window through the desk: a connection to the desk
        # goes when the desk does, before its stack (a child) is deleted and says it is empty.
        self.stack.indexChanged.connect(self._index_changed)
        self.stack.canUndoChanged.connect(self._can_step_changed)
        self.stack.canRedoChanged.connect(self._can_step_changed)
        self.stack.undoTextChanged.connect(self._step_text_changed)
        self.stack.redoTextChanged.connect(self._step_text_changed)

    @Slot(int)
    def _index_changed(self, _index: int) -> None:
        self.sig_changed.emit()

    @Slot(bool)
    def _can_step_changed(self, _can: bool) -> None:
        self.sig_undo_changed.emit()

    @Slot(str)
    def _step_text_changed(self, _text: str) -> None:
        self.sig_undo_changed.emit()

    # -- one operation at a time -------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True from an action's first read until its answer is back (tests wait on it)."""
        return self._busy

    def _begin(self) -> Store | None:
        """Start an operation: the open store, or None (with a note) when it cannot start."""
        if self.store is None:
            self.sig_message.emit(tr("The database is still opening"))
            return None
        if self._busy:
            self.sig_message.emit(tr(BUSY_NOTE))
            return None
        self._set_busy(True)
        return self.store

    def _end(self) -> None:
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.sig_busy_changed.emit(busy)

    def _act(
        self,
        ask: Callable[[Any], Command | None],
        read: Callable[..., Any],
        *args: Any,
    ) -> bool:
        """One desk action: ``read(store, *args)`` on the worker, ``ask(answer)`` on the GUI
        thread (the questions; a command, or None when there is nothing to do), then the
        command on the worker.

        False when it could not start (another operation is in flight, no database).
        """
        store = self._begin()
        if store is None:
            return False
        self.worker.run(
            read,
            store,
            *args,
            on_done=lambda value: self._asked(ask, value),
            on_error=self._refused,
        )
        return True

    def _asked(self, ask: Callable[[Any], Command | None], value: Any) -> None:
        try:
            command = ask(value)
        except BaseException:
            self._end()
            raise
        if command is None:
            self._end()
        else:
            self._execute(command, on_refused=command.refused)

    def _refused(
        self, exc: BaseException, on_refused: Callable[[PlannerError], None] | None = None
    ) -> None:
        self._end()
        if not isinstance(exc, PlannerError):
            raise exc  # unexpected: the global hook logs and shows it
        if isinstance(exc, ChangedElsewhere):
            # The view was stale: the views read again, so the user sees what changed
            self.sig_changed.emit()
        if on_refused is not None:
            on_refused(exc)
        else:
            show_error(self.parent_widget, exc)

    # -- running commands --------------------------------------------------------------------
    def run(
        self,
        command: Command,
        *,
        on_done: Callable[[Command], None] | None = None,
        on_refused: Callable[[PlannerError], None] | None = None,
    ) -> bool:
        """Do ``command`` on the worker, then put it on the undo stack.

        A refusal is shown (or handed to ``on_refused``) and nothing lands on the stack.
        False when it could not start (another operation is in flight, no database).
        """
        if self._begin() is None:
            return False
        self._execute(command, on_done=on_done, on_refused=on_refused)
        return True

    def _execute(
        self,
        command: Command,
        *,
        on_done: Callable[[Command], None] | None = None,
        on_refused: Callable[[PlannerError], None] | None = None,
    ) -> None:
        self.worker.run(
            command.forward,
            on_done=lambda result: self._executed(command, result, on_done),
            on_error=lambda exc: self._refused(exc, on_refused),
        )

    def _executed(
        self,
        command: Command,
        result: object,
        on_done: Callable[[Command], None] | None,
    ) -> None:
        try:
            command.did_forward(result)
            command.stepped()  # the push's redo() finds it done
            self.stack.push(command)  # indexChanged: the views reload
        finally:
            self._end()
        self.sig_message.emit(command.message())
        if command.focus:
            self.sig_focus_session.emit(command.focus)
        if on_done is not None:
            on_done(command)

    def undo(self) -> bool:
        """Undo the last operation on the worker; the stack moves once it is undone."""
        return self._step(back=True)

    def redo(self) -> bool:
        """Redo the next operation on the worker; the stack moves once it is redone."""
        return self._step(back=False)

    def _step(self, *, back: bool) -> bool:
        stack = self.stack
        if not (stack.canUndo() if back else stack.canRedo()) or self._begin() is None:
            return False
        from planner.ui import undo

        command = stack.command(stack.index() - 1 if back else stack.index())
        assert isinstance(command, undo.Command)
        self.worker.run(
            command.backward if back else command.forward,
            on_done=lambda result: self._stepped(command, result, back),
            on_error=lambda exc: self._step_refused(command, exc, back),
        )
        return True

    def _stepped(self, command: Command, result: object, back: bool) -> None:
        text = command.text()
        try:
            if back:
                command.did_backward(result)
            else:
                command.did_forward(result)
            command.stepped()
            self._move(back)
        finally:
            self._end()
        self.sig_message.emit(arg(tr("Undone: %1") if back else tr("Redone: %1"), text))

    def _step_refused(self, command: Command, exc: BaseException, back: bool) -> None:
        if not isinstance(exc, PlannerError):
            self._end()  # the stack stays where the data is
            raise exc
        text = command.text()
        try:
            if not isinstance(exc, DatabaseBusy):
                # Refused for good: nothing changed, and the stack drops the command, so the
                # desk's earlier steps stay within reach. The time was taken meanwhile, or a
                # session was changed at another desk since this step (a revision never goes
                # back, so the same undo would be refused every time; the views read again to
                # show that change). A busy database is only a wait: the command stays, and
                # the same undo or redo can be tried again.
                command.setObsolete(True)
                self._move(back)
        finally:
            self._end()
        if isinstance(exc, ChangedElsewhere):
            self.sig_changed.emit()
        self._report_later(
            arg(tr("Could not undo “%1”") if back else tr("Could not redo “%1”"), text), exc
        )

    def _move(self, back: bool) -> None:
        if back:
            self.stack.step_back()
        else:
            self.stack.step_forward()

    def _report_later(self, what: str, exc: PlannerError) -> None:
        self.sig_message.emit(arg(tr("%1: %2", "what could not be done: why"), what, said(exc)))
        defer(lambda: show_error(self.parent_widget, exc, what))

    # -- plans -------------------------------------------------------------------------------
    def book_plan(
        self,
        request: PlanRequest,
        title: str,
        *,
        on_booked: Callable[[BookPlanCommand], None],
        on_refused: Callable[[PlannerError], None],
    ) -> bool:
        """Book a plan in one transaction, on the worker.

        The new-plan dialog shows a refusal itself, next to the preview (``on_refused``).
        False when it could not start (another operation is in flight, no database).
        """
        from planner.ui import undo

        store = self._begin()
        if store is None:
            return False

        def booked(command: Command) -> None:
            assert isinstance(command, undo.BookPlanCommand)
            on_booked(command)

        self._execute(
            undo.BookPlanCommand(store, self.clock, request, title),
            on_done=booked,
            on_refused=on_refused,
        )
        return True

    # -- patients ----------------------------------------------------------------------------
    def add_patient(
        self,
        fields: PatientFields,
        *,
        on_saved: Callable[[AddPatientCommand], None],
        on_refused: Callable[[PlannerError], None],
    ) -> bool:
        """Register a new patient in one transaction, on the worker; undoable.

        The patient dialog shows a refusal itself and stays open (``on_refused``). False
        when it could not start (another operation is in flight, no database).
        """
        from planner.ui import undo

        store = self._begin()
        if store is None:
            return False

        def saved(command: Command) -> None:
            assert isinstance(command, undo.AddPatientCommand)
            on_saved(command)

        self._execute(
            undo.AddPatientCommand(store, self.clock, fields, arg(tr("Register %1"), fields.name)),
            on_done=saved,
            on_refused=on_refused,
        )
        return True

    def edit_patient(
        self,
        patient_id: int,
        fields: PatientFields,
        *,
        on_saved: Callable[[EditPatientCommand], None],
        on_refused: Callable[[PlannerError], None],
        expect: PatientRecord | None = None,
    ) -> bool:
        """Write the patient form over a patient in one transaction, on the worker; undoable
        (undo writes the details from before back). False when it could not start.

        ``expect`` is the record the form was loaded with: the save is refused
        (ChangedElsewhere, to ``on_refused``) if the patient was changed at another desk since.
        """
        from planner.ui import undo

        store = self._begin()
        if store is None:
            return False

        def saved(command: Command) -> None:
            assert isinstance(command, undo.EditPatientCommand)
            on_saved(command)

        self._execute(
            undo.EditPatientCommand(
                store,
                self.clock,
                patient_id,
                fields,
                arg(tr("Edit the details of %1"), fields.name),
                expect=expect,
            ),
            on_done=saved,
            on_refused=on_refused,
        )
        return True

    def cancel_rest(self, appointment_id: int) -> bool:
        return self._act(self._ask_cancel_rest, session_info, appointment_id)

    def _ask_cancel_rest(self, info: SessionInfo) -> Command | None:
        from planner.ui import undo

        if info.later_booked == 0 and info.status != "booked":
            show_error(
                self.parent_widget,
                InvalidState(
                    arg(
                        tr("%1 for %2 has no booked sessions left to cancel"),
                        info.plan_title,
                        info.patient_name,
                    )
                ),
            )
            return None
        if not prompts.confirm(
            self.parent_widget,
            tr("Cancel the rest of the plan"),
            arg(
                tr("Cancel every future booked session of %1 for %2 and mark the plan cancelled?"),
                info.plan_title,
                info.patient_name,
            ),
            tr("Cancel the &rest of the plan"),
            tr("&Keep the plan"),
        ):
            return None
        return undo.CancelRestCommand(
            self._store(),
            self.clock,
            info.plan_id,
            text=arg(tr("Cancel the rest of %1 for %2"), info.plan_title, info.patient_name),
            expect_plan=info.plan_revision,
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
        revision: int | None = None,
    ) -> bool:
        """Move a session. Without ``new_start`` the move dialog asks for it (keyboard).

        ``revision``: the session's revision in the view it was dragged in (Block.revision);
        the move is refused (and the week read again) if it changed at another desk since.
        Without it, the revision read right before the questions is expected.
        """

        def ask(info: SessionInfo) -> Command | None:
            return self._ask_move(info, new_start, column_key, by, following, revision)

        return self._act(ask, session_info, appointment_id)

    def _ask_move(
        self,
        info: SessionInfo,
        new_start: datetime | None,
        column_key: int | None,
        by: str,
        following: bool | None,
        revision: int | None = None,
    ) -> Command | None:
        from planner.ui import undo

        if revision is not None and revision != info.revision:
            # Dragged in a view older than the session: said before anything is asked (the
            # service would refuse the move too, but only after the questions)
            self._stale(info)
            return None
        if info.status != "booked":
            show_error(
                self.parent_widget,
                InvalidState(
                    arg(
                        tr("this session is %1; only booked sessions can be moved"),
                        status_words(info.status),
                    )
                ),
            )
            return None
        if new_start is None:
            answer = prompts.ask_move_target(self.parent_widget, info)
            if answer is None:
                return None
            new_start, following = answer
        elif following is None:
            scope = prompts.ask_move_scope(self.parent_widget, info, new_start)
            if scope is None:
                return None
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
            return None
        if following and info.later_booked:
            # "This and following" first shows where every session would go (and its fixes)
            self.open_series_move(info, new_start, practitioner_id=practitioner_id, room_id=room_id)
            return None
        allow_past = self._past_move_confirmed(info, new_start)
        if allow_past is None:
            return None
        label = session_words(info)
        what = arg(tr("%1 and following sessions"), label) if following else label
        return undo.MoveCommand(
            self._store(),
            self.clock,
            info.id,
            new_start,
            following=bool(following),
            practitioner_id=practitioner_id,
            room_id=room_id,
            text=arg(
                tr("Move %1 for %2 to %3"),
                what,
                info.patient_name,
                when_words(new_start, year=False),
            ),
            allow_past=allow_past,
            expect={info.id: info.revision},  # what the desk saw (a drag: checked above)
        )

    def _past_move_confirmed(self, info: SessionInfo, new_start: datetime) -> bool | None:
        """Whether the move records a past session (False: the new start is still to come);
        None when the new start is in the past and the desk chose to correct it."""
        if to_utc(new_start, zone(info.tz)) >= self.clock():
            return False
        past = arg(tr("The new start, %1, is in the past"), when_words(new_start))
        there = arg(tr("Move %1 there"), session_words(info))
        if prompts.ask_record_past(self.parent_widget, past, there):
            return True
        return None

    def open_series_move(
        self,
        info: SessionInfo,
        new_start: datetime,
        *,
        practitioner_id: int | None = None,
        room_id: int | None = None,
    ) -> SeriesMoveDialog:
        """The series-move dialog for ``info`` and the plan's later sessions, window-modal and
        never blocking; its Move runs through :meth:`run` (one undoable command)."""
        from planner.ui.dialogs.series_move import SeriesMoveDialog

        dlg = SeriesMoveDialog(
            self,
            info,
            new_start,
            self.parent_widget,
            practitioner_id=practitioner_id,
            room_id=room_id,
        )
        self.series_move_dialog = dlg
        dlg.open()
        return dlg

    def cancel_session(self, appointment_id: int) -> bool:
        return self._act(self._ask_cancel, session_info, appointment_id)

    def _ask_cancel(
        self, info: SessionInfo, before: CancelChoice | None = None, refusal: str = ""
    ) -> Command | None:
        """Ask how to cancel; ``before`` and ``refusal``: the dialog opens again after a
        refused try, with what was entered and why it failed."""
        from planner.ui import undo

        if info.status != "booked":
            show_error(
                self.parent_widget,
                InvalidState(
                    arg(
                        tr("this session is %1; only booked sessions can be cancelled"),
                        status_words(info.status),
                    )
                ),
            )
            return None
        again = (before, refusal) if before is not None else ()
        choice = prompts.ask_cancel(self.parent_widget, info, *again)
        if choice is None:
            return None
        command = undo.CancelCommand(
            self._store(),
            self.clock,
            info.id,
            extend=choice.extend,
            reason=choice.reason,
            text=arg(
                tr("Cancel %1 for %2 (plan extended)") if choice.extend else tr("Cancel %1 for %2"),
                session_words(info),
                info.patient_name,
            ),
            expect={info.id: info.revision},
        )
        command.refused = lambda exc: self._ask_again(
            info.id, lambda again: self._ask_cancel(again, choice, said(exc))
        )
        return command

    def _ask_again(self, appointment_id: int, ask: Callable[[SessionInfo], Command | None]) -> None:
        """A refused save: read the session again and open its dialog again with what was
        entered and why it was refused (``ask``), so nothing typed is lost."""
        self._act(ask, session_info, appointment_id)

    def attend_session(self, appointment_id: int) -> bool:
        return self._act(self._ask_attend, session_info, appointment_id)

    def _now_at(self, info: SessionInfo) -> datetime:
        """The desk's clock as wall-clock time at the session's location."""
        return to_local(self.clock(), zone(info.tz))

    def _ask_attend(
        self, info: SessionInfo, before: AttendChoice | None = None, refusal: str = ""
    ) -> Command | None:
        """Ask for the scores; refused at once (before any is entered) when the session has
        not started. ``before`` and ``refusal``: the dialog opens again after a refused try."""
        from planner.ui import undo

        if info.status not in ("booked", "no-show"):
            self._already(info)
            return None
        if not may_attend(info.start, self._now_at(info)):
            not_yet = arg(
                tr("%1 starts on %2: it can be marked attended from an hour before it starts"),
                _for(info),
                when_words(info.start),
            )
            show_error(self.parent_widget, InvalidState(not_yet))
            return None
        again = (before, refusal) if before is not None else ()
        choice = prompts.ask_attend(self.parent_widget, info, *again)
        if choice is None:
            return None
        command = undo.AttendCommand(
            self._store(),
            self.clock,
            info.id,
            choice.regions,
            notes=choice.notes,
            scores=choice.scores,
            text=arg(tr("Mark %1 attended"), _for(info)),
            previous=info.status,  # booked or no-show: what undo goes back to
            expect={info.id: info.revision},
        )
        command.refused = lambda exc: self._ask_again(
            info.id, lambda again: self._ask_attend(again, choice, said(exc))
        )
        return command

    def no_show_session(self, appointment_id: int) -> bool:
        return self._act(self._ask_no_show, session_info, appointment_id)

    def _ask_no_show(self, info: SessionInfo) -> Command | None:
        """A booked session that has started becomes a no-show; an attended one is corrected
        to a no-show after a question (its scores are cleared; undo brings them back)."""
        from planner.ui import undo

        what = _for(info)
        if info.status == "attended":
            if not prompts.confirm(
                self.parent_widget,
                tr("Correct to a no-show"),
                arg(
                    tr(
                        "%1 is marked attended. Correct it to a no-show? Its regions and "
                        "scores are cleared (%2 brings them back)."
                    ),
                    what,
                    "Ctrl+Z",
                ),
                tr("&Correct to no-show"),
                tr("&Keep it attended"),
            ):
                return None
            return undo.NoShowCorrectionCommand(
                self._store(),
                self.clock,
                info.id,
                text=arg(tr("Correct %1 to a no-show"), what),
                expect={info.id: info.revision},
            )
        if info.status != "booked":
            self._already(info)
            return None
        if not may_be_no_show(info.start, self._now_at(info)):
            not_yet = arg(
                tr("%1 starts on %2: it can be a no-show once it has started"),
                what,
                when_words(info.start),
            )
            show_error(self.parent_widget, InvalidState(not_yet))
            return None
        return undo.NoShowCommand(
            self._store(),
            self.clock,
            info.id,
            text=arg(tr("Mark %1 a no-show"), what),
            expect={info.id: info.revision},
        )

    def _already(self, info: SessionInfo) -> None:
        """Refused: the session is attended, cancelled (or a no-show) already."""
        already = arg(tr("this session is %1 already"), status_words(info.status))
        show_error(self.parent_widget, InvalidState(already))

    def _stale(self, info: SessionInfo) -> None:
        """The user acted on a view of ``info``'s session older than its last change (made at
        another desk): say what it is now, in the service's words, and read the views again."""
        if info.status == "booked":
            now = arg(tr("booked for %1"), when_words(info.start))
        else:
            now = status_words(info.status)
        self.sig_changed.emit()
        stale = arg(
            tr("this session was changed at another desk a moment ago: %1 is now %2; look again"),
            _for(info),
            now,
        )
        show_error(self.parent_widget, ChangedElsewhere(stale))

    def _store(self) -> Store:
        """The store, while an operation is in flight (it started only with one open)."""
        assert self.store is not None
        return self.store
