"""The window in bokmål, at 1280x720 and 1920x1080: screenshots for people to look at (under
test-artifacts/nb/), and a check that no button, label or tab has a text longer than its room.

Norwegian words are longer than English ones ("Avbestill", "Førstegangsundersøkelse"), so each
of the desk's main screens is laid out in bokmål at the two sizes, and every text widget that
does not wrap must show its whole text.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QTabBar,
    QWidget,
)

from planner.services.schedule.patients import session_info

from .conftest import ARTIFACTS
from .helpers import flagged_patient
from .test_progress_panel import nine_treatments_plan

SIZES = {"1280x720": (1280, 720), "1920x1080": (1920, 1080)}


def clipped(root: QWidget) -> list[str]:
    """Visible texts of ``root`` that do not fit their widget (wrapping labels excepted)."""
    out = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or w.width() <= 0:
            continue
        if isinstance(w, QLabel) and w.text() and not w.wordWrap() and w.pixmap().isNull():
            plain = w.textFormat().name == "PlainText" or "<" not in w.text()
            if plain and w.minimumSizeHint().width() > w.width() + 1:
                out.append(
                    f"label {w.text()!r}: needs {w.minimumSizeHint().width()}, has {w.width()}"
                )
        elif isinstance(w, QPushButton | QCheckBox | QRadioButton) and w.text():
            if w.sizeHint().width() > w.width() + 1:
                out.append(f"button {w.text()!r}: needs {w.sizeHint().width()}, has {w.width()}")
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                need = w.fontMetrics().horizontalAdvance(w.tabText(i).replace("&", ""))
                if need > w.tabRect(i).width():
                    out.append(f"tab {w.tabText(i)!r}")
        elif isinstance(w, QComboBox) and w.currentText() and not w.isEditable():
            need = w.fontMetrics().horizontalAdvance(w.currentText()) + 24
            if need > w.width() + 1:
                out.append(f"combo {w.currentText()!r}: needs ~{need}, has {w.width()}")
    return out


def shoot(widget: QWidget, name: str) -> None:
    folder = ARTIFACTS / "nb"
    folder.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(folder / f"{name}.png"))


def _texts(root: QWidget) -> str:
    bits = [w.text() for w in root.findChildren(QAbstractButton)]
    bits += [w.text() for w in root.findChildren(QLabel)]
    return "\n".join(bits)


@pytest.mark.slow
@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_desk_in_bokmal(  # type: ignore[no-untyped-def]
    qtbot, demo_store, settings, clock, in_language, size: str
) -> None:
    from planner.ui.main_window import MainWindow

    in_language("nb")  # before the window is built, as at a bokmål start
    width, height = SIZES[size]
    window = MainWindow(demo_store, settings, clock=clock)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    with qtbot.waitSignal(window.sig_week_shown, timeout=10_000):
        window.start()
    patient = flagged_patient(demo_store)
    window.panel.show_patient(patient.id)
    qtbot.waitUntil(lambda: window.panel.detail is not None and not window.panel.loading)
    qtbot.wait(50)
    shoot(window, f"main_window_{size}")
    assert "uke " in window.bar.range_button.text()
    problems = clipped(window)

    # The new-plan dialog with the patient's template and its preview.
    window.open_new_plan()
    dlg = window.new_plan_dialog
    qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=10_000)
    dlg.resize(min(width, dlg.width()), min(height, dlg.height()))
    shoot(dlg, f"new_plan_{size}")
    problems += [f"new plan: {p}" for p in clipped(dlg)]
    assert "Behandling" in _texts(dlg) or dlg.model.rowCount() > 0
    dlg.reject()

    # The attend dialog with its body map, for a session that has started.
    from planner.ui.dialogs.session_dialogs import AttendDialog

    now = window.local_now()
    assert window.model.range_data is not None and window.store is not None
    block = next(
        b
        for b in sorted(window.model.range_data.blocks, key=lambda b: b.start)
        if b.status == "booked" and b.kind == "treatment" and b.start < now
    )
    attend = AttendDialog(session_info(window.store, block.id), window)
    qtbot.addWidget(attend)
    attend.show()
    qtbot.waitExposed(attend)
    shoot(attend, f"attend_{size}")
    problems += [f"attend: {p}" for p in clipped(attend)]
    attend.reject()

    # Progress and the plan card of a plan with all nine treatments attended.
    plan_id = nine_treatments_plan(demo_store)
    window.open_progress(plan_id)
    qtbot.waitUntil(lambda: hasattr(window, "progress_dialog"), timeout=10_000)
    progress = window.progress_dialog
    qtbot.waitUntil(lambda: not progress.loading and progress.panel.progress is not None)
    progress.resize(min(width, 900), min(height, 1000))
    shoot(progress, f"progress_{size}")
    problems += [f"progress: {p}" for p in clipped(progress)]
    progress.card_button.click()
    card = window.plan_card_dialog
    qtbot.waitUntil(lambda: card.card is not None, timeout=10_000)
    card.resize(min(width, 760), min(height, 1000))
    shoot(card, f"plan_card_{size}")
    problems += [f"plan card: {p}" for p in clipped(card)]
    card.reject()
    progress.reject()
    window.worker.wait()
    assert not problems, "\n".join(problems)


def test_clipped_sees_a_button_too_narrow_for_its_text(qtbot: Any) -> None:
    from PySide6.QtWidgets import QHBoxLayout

    host = QWidget()
    qtbot.addWidget(host)
    lay = QHBoxLayout(host)
    button = QPushButton("Avbestill resten av behandlingsplanen", host)
    lay.addWidget(button)
    host.show()
    button.setFixedWidth(60)
    assert clipped(host) and "Avbestill" in clipped(host)[0]
    button.setMinimumWidth(0)
    button.setMaximumWidth(10_000)
    button.setFixedWidth(button.sizeHint().width())
    assert clipped(host) == []
