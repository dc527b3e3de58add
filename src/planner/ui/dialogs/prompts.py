"""Every blocking question the window asks, in one place.

The desk logic calls these functions (``prompts.ask_cancel(...)``) rather than opening
dialogs itself, so tests replace them with ``monkeypatch`` and no modal dialog ever blocks a
test run. Each returns the user's answer as plain values, or None when they backed out.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from planner.ui.i18n import arg, tr, ui_words

if TYPE_CHECKING:
    from planner.services.schedule.values import SessionInfo
    from planner.ui.dialogs.session_dialogs import AttendChoice, CancelChoice

# The dialogs themselves (planner.ui.dialogs.session_dialogs, with the body map), and even
# QMessageBox and QFileDialog (PySide6 creates a type's enums when the name is first looked
# up), are imported when first asked for: they are not needed to show the window, and
# start-up is timed.

ONE = "one"
FOLLOWING = "following"


def _when(d: datetime) -> str:
    """``Tue 17 Nov at 10:00`` / ``tir. 17. nov. kl. 10:00``: a session's day and time."""
    w = ui_words()
    return arg(tr("%1 at %2", "a date at a time"), w.day_month(d), w.time(d))


def ask_move_scope(parent: QWidget | None, info: SessionInfo, new_start: datetime) -> str | None:
    """After a drag: move this session only, or it and the plan's later sessions?"""
    from PySide6.QtWidgets import QMessageBox

    if info.later_booked == 0:
        return ONE
    from planner.ui.dialogs.session_dialogs import session_label

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Move session"))
    box.setText(
        arg(
            tr("Move %1 for %2 from %3 to %4?"),
            session_label(info),
            info.patient_name,
            _when(info.start),
            _when(new_start),
        )
    )
    box.setInformativeText(
        tr(
            "The plan has %n more booked session(s) after this one. "
            "Move them by the same shift too?",
            "",
            info.later_booked,
        )
    )
    one = box.addButton(tr("&This session"), QMessageBox.ButtonRole.AcceptRole)
    following = box.addButton(tr("This and &following"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(one)
    box.exec()
    clicked = box.clickedButton()
    if clicked is one:
        return ONE
    if clicked is following:
        return FOLLOWING
    return None


def ask_move_target(parent: QWidget | None, info: SessionInfo) -> tuple[datetime, bool] | None:
    from planner.ui.dialogs.session_dialogs import MoveDialog

    dlg = MoveDialog(info, parent)
    if dlg.exec() != MoveDialog.DialogCode.Accepted:
        return None
    return dlg.result_value()


def ask_cancel(
    parent: QWidget | None,
    info: SessionInfo,
    choice: CancelChoice | None = None,
    refusal: str = "",
) -> CancelChoice | None:
    """The cancel dialog; after a refusal it opens again with ``choice`` and why it failed."""
    from planner.ui.dialogs.session_dialogs import CancelDialog

    dlg = CancelDialog(info, parent, choice=choice, refusal=refusal)
    if dlg.exec() != CancelDialog.DialogCode.Accepted:
        return None
    return dlg.result_value()


def ask_attend(
    parent: QWidget | None,
    info: SessionInfo,
    choice: AttendChoice | None = None,
    refusal: str = "",
) -> AttendChoice | None:
    """The attend dialog; after a refusal it opens again with ``choice`` and why it failed."""
    from planner.ui.dialogs.session_dialogs import AttendDialog

    dlg = AttendDialog(info, parent, choice=choice, refusal=refusal)
    if dlg.exec() != AttendDialog.DialogCode.Accepted:
        return None
    return dlg.result_value()


def ask_date(parent: QWidget | None, current: date) -> date | None:
    from planner.ui.dialogs.session_dialogs import GoToDateDialog

    dlg = GoToDateDialog(current, parent)
    if dlg.exec() != GoToDateDialog.DialogCode.Accepted:
        return None
    return dlg.result_value()


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str | None = None) -> bool:
    """Ask ``text``: True for ``yes``; ``no`` (Cancel unless given) is False."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no or tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button)
    box.exec()
    return box.clickedButton() is yes_button


def ask_save_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


def ask_open_path(parent: QWidget | None, title: str, folder: str, filters: str) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
    return path or None


def inform(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    box.exec()


def ask_record_past(parent: QWidget | None, past: str, action: str) -> bool:
    """Ask "Record past sessions?": ``past`` says what lies in the past ("The first session,
    Tue 2 Feb 2027 10:00, is in the past"), ``action`` what the desk would do ("Book the
    plan"). Whether to go on; No is the default, since a date in the past is usually a slip."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("Record past sessions?"))
    box.setText(past + ".")  # ``past`` comes in the window's language
    box.setInformativeText(
        arg(
            tr(
                "%1 as a record of sessions that already took place? Choose No to correct the date."
            ),
            action,
        )
    )
    record = box.addButton(tr("&Record past sessions"), QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(tr("&No, correct the date"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.exec()
    return box.clickedButton() is record
