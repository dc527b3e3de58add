"""Readable at 1280x720 and for colour-blind staff (issue 10, item 7).

The side panel folds away (F9) and stays so; 15-minute sessions and chips always name
someone; the day view leaves out practitioners who are off unless asked; the selection is a
strong outline; kinds and statuses carry letters and patterns (the legend too); the text
size follows the system's and a setting scales it. Screenshots at 1280x720 and 1920x1080
go to /tmp/shots/readable/ (or $PLANNER_SHOTS) to be looked at.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage
from PySide6.QtWidgets import QApplication

from planner.services.schedule.values import Block, Column, DayInfo, Hours, LocationInfo, RangeData
from planner.ui.actions import SHORTCUTS
from planner.ui.main_window import PANEL_MIN_W, MainWindow
from planner.ui.settings import FONT_SCALES, Preferences
from planner.ui.style import SELECTION, SELECTION_RING, kind_glyph, short_name
from planner.ui.views.week_layout import layout_week, min_hour_h
from planner.ui.views.week_texts import BlockTexts
from planner.ui.widgets.legend import ENTRIES, Legend

SHOTS = Path(os.environ.get("PLANNER_SHOTS", "/tmp/shots/readable"))
TUESDAY = date(2027, 3, 9)
OPEN = ((time(8), time(16)),)


def _block(id: int, name: str, *, who: int = 1, minutes: int = 15, kind: str = "treatment",
           status: str = "booked", start: datetime | None = None) -> Block:  # fmt: skip
    return Block(
        id=id,
        plan_id=id,
        patient_id=id,
        patient_name=name,
        practitioner_id=who,
        room_id=None,
        kind=kind,
        status=status,
        start=start or datetime.combine(TUESDAY, time(10)),
        duration_min=minutes,
        number=3,
        of=9,
        regions=(),
        modality="needling",
        flagged=False,
    )


def _working(key: int, name: str, *, off_on_tuesday: bool = False) -> Column:
    day = ((time(8), time(16)),)
    days = tuple(() if off_on_tuesday and i == 1 else (day if i < 5 else ()) for i in range(7))
    return Column(key=key, name=name, kind="practitioner", hours=Hours(days=days))


def _day(blocks: list[Block], columns: tuple[Column, ...], days: int = 1) -> RangeData:
    location = LocationInfo(id=1, name="Sentrum", tz="Europe/Oslo", opening=Hours())
    return RangeData(
        location=location,
        first=TUESDAY,
        days=tuple(DayInfo(date.fromordinal(TUESDAY.toordinal() + i), OPEN) for i in range(days)),
        practitioners=columns,
        rooms=(),
        blocks=tuple(blocks),
    )


def _lanes(data: RangeData, *, show_off: bool) -> list[str]:
    layout = layout_week(
        data,
        width=900 * len(data.days),
        height=600,
        bold_h=16,
        small_h=14,
        today=TUESDAY,
        show_off=show_off,
    )
    return [lane.column.name for lane in layout.lanes if lane.column is not None]


# -- the day view and practitioners who are off -------------------------------------------------


def test_day_view_leaves_out_practitioners_who_are_off_unless_asked() -> None:
    cols = (
        _working(1, "Nina Dahl"),
        _working(2, "Ola Berg", off_on_tuesday=True),
        _working(3, "Kari Lie", off_on_tuesday=True),
    )
    booked_on_day_off = _block(7, "Ivar Evensen", who=3)
    data = _day([booked_on_day_off], cols)
    # Ola is off and has nobody; Kari is off too but has a session booked: she stays.
    assert _lanes(data, show_off=False) == ["Nina Dahl", "Kari Lie"]
    assert _lanes(data, show_off=True) == ["Nina Dahl", "Ola Berg", "Kari Lie"]
    # Everyone off: all of them rather than an empty view; the week shows everyone.
    all_off = _day([], cols[1:])
    assert _lanes(all_off, show_off=False) == ["Ola Berg", "Kari Lie"]
    week = _day([], cols, days=7)
    assert "Ola Berg" in _lanes(week, show_off=False)


def test_show_practitioners_who_are_off_is_a_view_toggle_kept_across_starts(  # type: ignore[no-untyped-def]
    qtbot, window, settings, demo_store, clock
) -> None:
    with qtbot.waitSignal(window.sig_week_shown, timeout=10_000):
        window.set_mode("day")
    data = window.model.range_data
    day = data.days[0].day
    off = Column(key=987_654, name="Off Today", kind="practitioner", hours=Hours())
    window.model.set_range(replace(data, practitioners=(*data.practitioners, off)))
    names = [lane.column.name for lane in window.view._lanes if lane.column]
    assert "Off Today" not in names and names, f"{day}: the practitioner who is off is left out"
    assert window.acts.show_off in window.menuBar().actions()[2].menu().actions()
    window.acts.show_off.trigger()
    assert window.acts.show_off.isChecked()
    assert "Off Today" in [lane.column.name for lane in window.view._lanes if lane.column]
    window.close()
    again = MainWindow(demo_store, settings, clock=clock)
    qtbot.addWidget(again)
    assert again.view.show_off and again.acts.show_off.isChecked()


# -- short sessions are never blank ------------------------------------------------------------


def test_short_chips_and_slivers_still_name_someone(qapp: QApplication) -> None:
    texts = BlockTexts()
    texts.set_font(QFont(qapp.font()))
    small_h = texts.line_heights()[1]
    fifteen = 15 / 60 * min_hour_h(small_h) - 1
    crowd = [_block(i, f"Crowd Patient{i}") for i in range(3)]
    chip = texts.for_chip(QRectF(0, 0, 90, fifteen), crowd)
    assert chip, "a chip of 15-minute sessions is never blank"
    line = chip[0][0].text()
    assert line.startswith("+3 ") and short_name("Crowd Patient0")[:4] in line
    sliver = texts.for_block(QRectF(0, 0, 20, fifteen), _block(1, "Ivar Evensen"), None)
    assert [st.text() for st, *_ in sliver] == ["IE"]


def test_wide_blocks_carry_their_kind_letter_and_status_sign(qapp: QApplication) -> None:
    texts = BlockTexts()
    texts.set_font(QFont(qapp.font()))
    rect = QRectF(0, 0, 160, 40)
    seen = {}
    for kind in ("assessment", "treatment", "reassessment", "follow-up"):
        for status in ("booked", "attended", "no-show"):
            drawn = texts.for_block(rect, _block(1, "Ivar Evensen", kind=kind, status=status), None)
            words = [st.text() for st, *_ in drawn]
            assert words[0] == "Ivar Evensen"
            assert kind_glyph(kind, status) in words, (kind, status, words)
            seen[(kind, status)] = kind_glyph(kind, status)
    assert len(set(seen.values())) == len(seen), "every kind and status looks different"


# -- the selection outline ---------------------------------------------------------------------


def test_selection_is_a_strong_outline_with_a_light_ring(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    item = max((it for it in view._items if it.chip is None), key=lambda it: it.rect.height())
    view.select(item.block.id)
    rect = view.block_rect(item.block.id)
    assert rect is not None
    image = view.viewport().grab().toImage()
    dpr = image.devicePixelRatio()
    y = int((rect.y() + rect.height() / 2) * dpr)

    def colour(dx: int) -> str:
        return QColor(image.pixel(int((rect.x() + dx) * dpr), y)).name()

    dark = QColor(SELECTION).name()
    assert [colour(0), colour(1)] == [dark, dark], "at least 2 px of dark outline each side"
    assert colour(2) == QColor(SELECTION_RING).name(), "a light ring inside the outline"


# -- the legend -------------------------------------------------------------------------------


def test_legend_shows_the_letters_and_patterns_the_blocks_carry(qtbot) -> None:  # type: ignore[no-untyped-def]
    legend = Legend()
    qtbot.addWidget(legend)
    kinds = {kind for kind, status, _label in ENTRIES if status == "booked"}
    statuses = {status for _kind, status, _label in ENTRIES}
    assert kinds == {"assessment", "treatment", "reassessment", "follow-up"}
    assert {"attended", "no-show", "cancelled", "flagged"} <= statuses
    for letter in "ATRF":
        assert f"{letter} " in legend.toolTip()
    legend.resize(legend.sizeHint())
    image = legend.grab().toImage()
    assert not image.isNull() and legend.sizeHint().width() < 800, "fits a 1280 px status bar"


# -- the side panel ---------------------------------------------------------------------------


def test_side_panel_folds_away_and_stays_folded(qtbot, window, settings, demo_store, clock) -> None:  # type: ignore[no-untyped-def]
    view_w = window.view.width()
    assert window.acts.toggle_panel.isChecked() and window.panel.isVisible()
    assert any("F9" in str(keys) for _what, keys in SHORTCUTS), "F1 lists the key"
    window.panel.search.setFocus()
    window.acts.toggle_panel.trigger()
    qtbot.waitUntil(lambda: window.view.width() > view_w + PANEL_MIN_W - 20)
    assert not window.panel.isVisible() and not window.acts.toggle_panel.isChecked()
    window.close()

    again = MainWindow(demo_store, settings, clock=clock)
    qtbot.addWidget(again)
    again.resize(1280, 720)
    again.show()
    with qtbot.waitSignal(again.sig_week_shown, timeout=10_000):
        again.start()
    qtbot.waitUntil(lambda: again._panel is not None)
    assert not again.panel.isVisible() and not again.acts.toggle_panel.isChecked()
    again.acts.find.trigger()  # finding a patient needs the panel: it comes back
    assert again.panel.isVisible() and again.acts.toggle_panel.isChecked()
    again.worker.wait()


def test_first_start_at_1280_gives_the_panel_a_fifth(qtbot, demo_store, settings, clock) -> None:  # type: ignore[no-untyped-def]
    w = MainWindow(demo_store, settings, clock=clock)
    qtbot.addWidget(w)
    w.resize(1280, 720)
    w.splitter.setSizes([1, 1])
    w._restore_state()
    w.show()
    qtbot.waitUntil(lambda: w._panel is not None)
    assert PANEL_MIN_W <= w.splitter.sizes()[0] <= 300


# -- text size ---------------------------------------------------------------------------------


@pytest.mark.parametrize("percent", [90, 150])
def test_text_size_setting_scales_the_week_and_the_panel(qtbot, window, percent: int) -> None:  # type: ignore[no-untyped-def]
    base = QApplication.font().pointSizeF()
    hour_h = window.view._layout.hour_h
    small_h = window.view._metrics[1].height()
    window.save_settings(replace(window.settings.preferences(), font_scale=percent))
    assert window.settings.preferences().font_scale == percent
    assert window.view.font().pointSizeF() == pytest.approx(base * percent / 100)
    assert window.panel.font().pointSizeF() == pytest.approx(base * percent / 100)
    grew = window.view._metrics[1].height() - small_h
    assert grew > 0 if percent > 100 else grew <= 0
    assert window.view._layout.hour_h >= min_hour_h(window.view._metrics[1].height())
    del hour_h
    window.save_settings(replace(window.settings.preferences(), font_scale=100))
    assert window.view.font().pointSizeF() == pytest.approx(base)


def test_settings_dialog_offers_the_text_sizes(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.dialogs.settings_dialog import SettingsDialog

    dlg = SettingsDialog(Preferences(font_scale=125), "", None, window.worker, window)
    qtbot.addWidget(dlg)
    assert [dlg.font_scale.itemData(i) for i in range(dlg.font_scale.count())] == list(FONT_SCALES)
    assert dlg.value().font_scale == 125
    dlg.font_scale.setCurrentIndex(dlg.font_scale.findData(110))
    assert dlg.value().font_scale == 110


# -- screenshots --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_screenshots_show_no_blank_block(qtbot, window, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    w, h = size
    with qtbot.waitSignal(window.view.sig_painted, timeout=10_000, raising=False):
        window.resize(w, h)
    qtbot.waitUntil(lambda: bool(window.view._items))
    view = window.view
    blocks = [it for it in view._items if it.chip is None]
    assert blocks
    assert all(it.texts for it in blocks), "every drawn session names its patient"
    assert all(chip.texts for chip in view._chips), "no blank '+N more' chip"
    image: QImage = window.grab().toImage()
    assert image.save(str(SHOTS / f"week_{w}x{h}.png"))
    view_w = view.width()
    window.acts.toggle_panel.trigger()
    qtbot.waitUntil(lambda: not window.panel.isVisible() and view.width() > view_w)
    qtbot.wait(100)  # the bar's and the view's pending layouts, before the picture
    assert window.grab().save(str(SHOTS / f"week_{w}x{h}_panel_hidden.png"))
    with qtbot.waitSignal(window.sig_week_shown, timeout=10_000):
        window.set_mode("day")
    item = next(it for it in view._items if it.chip is None)
    view.select(item.block.id)
    assert all(it.texts for it in view._items if it.chip is None)
    assert window.grab().save(str(SHOTS / f"day_{w}x{h}_selected.png"))


def test_scaled_text_follows_a_system_font_change(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    system = QFont(QApplication.font())
    window.apply_font_scale(125)
    try:
        bigger = QFont(system)
        bigger.setPointSizeF(system.pointSizeF() + 4)
        QApplication.setFont(bigger)
        qtbot.waitUntil(
            lambda: window.view.font().pointSizeF() == pytest.approx(bigger.pointSizeF() * 1.25)
        )
    finally:
        QApplication.setFont(system)
        window.apply_font_scale(100)
    assert window.view.font().pointSizeF() == pytest.approx(system.pointSizeF())
