"""Qt's own texts that planner shows, for planner's catalogue to translate.

Qt ships no Norwegian bokmål catalogue for its standard buttons and dialogs (there is
``qtbase_nn.qm``, nynorsk, but no ``nb``), so planner's own catalogue translates the ones the
window shows, under Qt's own contexts: ``pyside6-lupdate`` reads the marks below, and the
translations in ``resources/translations/planner_nb.ts`` apply to Qt's widgets because they use
the same context and source text.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_TEXTS = (
    # QDialogButtonBox and QMessageBox standard buttons
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
)
