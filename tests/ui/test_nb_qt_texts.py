"""Qt's own buttons, menus and dialogs in bokmål, from planner's catalogue (Qt has no nb one).

The texts are Qt's, under Qt's contexts (:mod:`planner.ui.qt_texts`); these build Qt's widgets
after switching to bokmål and read what a person would see.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
)


def _menu_texts(menu: QMenu) -> list[str]:
    """A menu's action texts, without the shortcut part (``&Angre\\tCtrl+Z``)."""
    return [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]


def test_standard_buttons_read_bokmal(qtbot: Any, in_language: Any) -> None:
    in_language("nb")
    b = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(b.Ok | b.Cancel | b.Save | b.Discard | b.Close)
    qtbot.addWidget(box)
    assert sorted(x.text() for x in box.buttons()) == ["Avbryt", "Forkast", "Lagre", "Lukk", "OK"]
    more = QDialogButtonBox(b.Yes | b.No | b.Apply | b.Help | b.RestoreDefaults | b.Open)
    qtbot.addWidget(more)
    assert sorted(x.text() for x in more.buttons()) == [
        "&Ja",
        "&Nei",
        "Bruk",
        "Gjenopprett standardverdier",
        "Hjelp",
        "Åpne",
    ]


def test_a_message_box_reads_bokmal(qtbot: Any, in_language: Any) -> None:
    in_language("nb")
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Planner",
        "x",
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    box.setDetailedText("detaljer")
    texts = {x.text() for x in box.findChildren(QAbstractButton)}
    assert {"OK", "Avbryt", "Vis detaljer …"} <= texts, texts


def test_the_file_dialog_reads_bokmal(qtbot: Any, in_language: Any, tmp_path: Any) -> None:
    in_language("nb")
    dlg = QFileDialog(None, "Lagre timeoversikt", str(tmp_path), "PDF (*.pdf)")
    qtbot.addWidget(dlg)
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    labels = {w.text() for w in dlg.findChildren(QLabel)}
    assert {"Fil&navn:", "Fil&type:", "&Se i:"} <= labels, labels
    buttons = {w.text() for w in dlg.findChildren(QPushButton)}
    assert {"&Lagre", "Avbryt"} <= buttons, buttons
    tips = {w.toolTip() for w in dlg.findChildren(QAbstractButton)}
    assert {"Tilbake", "Lag ny mappe", "Listevisning", "Detaljvisning"} <= tips, tips
    names = {w.accessibleDescription() for w in dlg.findChildren(QAbstractButton)}
    assert {"Gå tilbake", "Lag en ny mappe", "Bytt til listevisning"} <= names, names
    # The overwrite question, as QFileDialog asks it.
    question = QCoreApplication.translate(
        "QFileDialog", "%1 already exists.\nDo you want to replace it?"
    )
    assert question == "%1 finnes fra før.\nVil du erstatte den?"


def test_the_file_dialog_opening_a_folder_reads_bokmal(
    qtbot: Any, in_language: Any, tmp_path: Any
) -> None:
    in_language("nb")
    dlg = QFileDialog(None, "", str(tmp_path))
    qtbot.addWidget(dlg)
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog)
    dlg.setFileMode(QFileDialog.FileMode.Directory)
    dlg.setOption(QFileDialog.Option.ShowDirsOnly)
    assert "Mappe:" in {w.text() for w in dlg.findChildren(QLabel)}
    assert "&Velg" in {w.text() for w in dlg.findChildren(QPushButton)}
    # Qt asks with a disambiguation; the catalogue's plain text serves it.
    folder = QCoreApplication.translate(
        "QAbstractFileIconProvider", "Folder", "All other platforms"
    )
    assert folder == "Mappe"


def test_a_line_edits_menu_reads_bokmal(qtbot: Any, in_language: Any) -> None:
    in_language("nb")
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = _menu_texts(menu)
    assert texts == ["&Angre", "&Gjør om", "Klipp &ut", "&Kopier", "&Lim inn", "Slett", "Merk alt"]
    menu.deleteLater()


def test_a_text_editors_menu_reads_bokmal(qtbot: Any, in_language: Any) -> None:
    in_language("nb")
    edit = QPlainTextEdit("notat")
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = _menu_texts(menu)
    assert {"&Angre", "Klipp &ut", "&Kopier", "&Lim inn", "Slett", "Merk alt"} <= set(texts)
    menu.deleteLater()


def test_the_print_dialog_reads_bokmal(qtbot: Any, in_language: Any) -> None:
    """Offscreen there is no CUPS printer, only Qt's PDF one: its dialog is checked (a CUPS
    printer's Job tab and Properties come from the same catalogue, unchecked here)."""
    in_language("nb")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dlg = QPrintDialog(printer)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Skriv ut"
    buttons = {w.text() for w in dlg.findChildren(QPushButton)}
    assert {"&Skriv ut", "Avbryt", "&Valg >>", "&Egenskaper"} <= buttons, buttons
    labels = {w.text() for w in dlg.findChildren(QLabel)}
    assert {"&Navn:", "Plassering:", "Eksemplarer:"} <= labels, labels
    groups = {w.title() for w in dlg.findChildren(QGroupBox)}
    assert {"Skriver", "Utskriftsområde"} <= groups, groups
    tabs = {t.tabText(i) for t in dlg.findChildren(QTabWidget) for i in range(t.count())}
    assert {"Eksemplarer", "Valg"} <= tabs, tabs


def test_english_stays_qts_own(qtbot: Any) -> None:
    b = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(b.Ok | b.Cancel)
    qtbot.addWidget(box)
    assert sorted(x.text() for x in box.buttons()) == ["Cancel", "OK"]
