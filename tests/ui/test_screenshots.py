"""Screenshots of the window over the demo clinic, kept under test-artifacts/ (not compared).

They are for people: open them to see what the desk sees. The test checks only that they
were drawn with content (a filled week, a day with one column per practitioner).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from .conftest import ARTIFACTS
from .helpers import flagged_patient


def save(widget, name: str) -> QImage:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    assert widget.grab().save(str(path)), f"could not write {path}"
    image = QImage(str(path))
    assert not image.isNull()
    return image


def distinct_colours(image: QImage, step: int = 7) -> int:
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


def test_screenshots_of_the_desk(qtbot, window, demo_store) -> None:  # type: ignore[no-untyped-def]
    assert window.view.visible_items() > 50, "the week is filled"
    # A patient with flags and plans in the side panel, as the desk would have them.
    patient = flagged_patient(demo_store)
    window.panel.search.setText(patient.name.split()[-1])
    qtbot.waitUntil(
        lambda: not window.panel.searching and window.panel.results_model.rowCount() > 0
    )
    window.panel.show_patient(patient.id)
    qtbot.waitUntil(lambda: window.panel.detail is not None and not window.panel.loading)
    week = save(window, "main_window_week.png")
    assert (week.width(), week.height()) == (1600, 1000)
    assert distinct_colours(week) > 20

    with qtbot.waitSignal(window.sig_week_shown, timeout=10_000):
        window.set_mode("day")
    assert not window.view.packed
    save(window, "main_window_day.png")

    window.bar.columns.setCurrentIndex(window.bar.columns.findData("room"))
    save(window, "main_window_day_by_room.png")
    window.bar.columns.setCurrentIndex(window.bar.columns.findData("practitioner"))

    with qtbot.waitSignal(window.sig_week_shown, timeout=10_000):
        window.set_mode("week")
    window.bar._apply({c.key for c in window.model.range_data.practitioners[:3]})
    assert not window.view.packed, "three practitioners get a column each in the week"
    save(window, "main_window_week_three_columns.png")

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dlg = window.new_plan_dialog
    qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=10_000)
    save(dlg, "new_plan_dialog.png")
