"""Qt's own buttons, menus and dialogs in bokmål, from planner's catalogue (Qt has no nb one)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QPushButton


def test_standard_buttons_read_bokmal(qtbot: Any, in_language: Any) -> None:
    in_language("nb")
    b = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(b.Ok | b.Cancel | b.Save | b.Discard | b.Close)
    qtbot.addWidget(box)
    assert sorted(x.text() for x in box.buttons()) == ["Avbryt", "Forkast", "Lagre", "Lukk", "OK"]


def test_the_file_dialog_reads_bokmal(qtbot: Any, in_language: Any, tmp_path: Any) -> None:
    in_language("nb")
    dlg = QFileDialog(None, "Lagre timeoversikt", str(tmp_path), "PDF (*.pdf)")
    qtbot.addWidget(dlg)
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog)
    dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    labels = {w.text() for w in dlg.findChildren(QLabel)}
    assert {"Fil&navn:", "Fil&type:", "&Se i:"} <= labels, labels
    assert "&Lagre" in {w.text() for w in dlg.findChildren(QPushButton)}


def test_a_line_edits_menu_reads_bokmal(qtbot: Any, in_language: Any) -> None:
    in_language("nb")
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
    assert texts[:2] == ["&Angre", "&Gjør om"] and "&Kopier" in texts and "Merk alt" in texts
    menu.deleteLater()


def test_english_stays_qts_own(qtbot: Any) -> None:
    b = QDialogButtonBox.StandardButton
    box = QDialogButtonBox(b.Ok | b.Cancel)
    qtbot.addWidget(box)
    assert sorted(x.text() for x in box.buttons()) == ["Cancel", "OK"]
