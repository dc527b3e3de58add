"""The one question a dialog with entered data asks before Esc or Close throws it away.

Its own module, below :mod:`.prompts` and the dialogs that ask it (prompts opens those
dialogs, so they cannot import prompts back); tests replace ``discard.ask_discard``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from planner.ui.i18n import arg, tr


def ask_discard(parent: QWidget | None, title: str, what: str) -> bool:
    """Esc or Close on a dialog with entered data: throw ``what`` away? Going back (also Esc,
    and the default) keeps the dialog open with everything in it."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(arg(tr("Discard %1?"), what))
    box.setInformativeText(tr("Nothing has been saved yet."))
    discard = box.addButton(tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    back = box.addButton(tr("&Go back"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is discard
