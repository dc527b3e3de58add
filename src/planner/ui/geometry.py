"""Window sizes that fit the screen they open on.

A dialog is given the size it reads best at, but never more than the screen has: on a
1280x720 laptop a 900-pixel dialog would put its buttons below the bottom edge, where a
receptionist cannot reach them (Qt does not shrink a window to the screen by itself).
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MARGIN = 40
"""Room left for the window frame and a panel or taskbar."""


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` x ``height``, less whatever its screen cannot show."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    if screen is None:  # no screen at all (never on a desktop): keep the wished size
        widget.resize(width, height)
        return
    room = screen.availableGeometry()
    widget.resize(
        max(widget.minimumWidth(), min(width, room.width() - MARGIN)),
        max(widget.minimumHeight(), min(height, room.height() - MARGIN)),
    )
