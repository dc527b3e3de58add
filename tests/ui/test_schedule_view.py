"""The week view at a busy location: readable blocks, and a "+N more" chip for the rest."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt

from planner.ui.style import short_name
from planner.ui.views.schedule_view import ScheduleView
from planner.ui.views.week_layout import MIN_BLOCK_W
from planner.ui.views.week_painter import PaintedBlock


def _drawn(view: ScheduleView) -> list[PaintedBlock]:
    return [it for it in view._items if it.chip is None]


def test_busy_week_names_every_block(window) -> None:  # type: ignore[no-untyped-def]
    """Every session drawn in the all-practitioner week is wide enough to read and names the
    patient (whole, "First L." or the first name), never an elided stub; with room for two
    lines it also shows its place in the plan."""
    view = window.view
    assert view.packed, "the demo's busiest location packs the week"
    drawn = _drawn(view)
    assert len(drawn) > 50
    fs = view._metrics[1]
    for it in drawn:
        b = it.block
        assert it.rect.width() >= MIN_BLOCK_W - 2, b.patient_name
        if it.rect.height() < fs.height() + 2:
            continue
        texts = [st.text() for st, *_ in it.texts]
        name = texts[0]
        assert name in (b.patient_name, short_name(b.patient_name), b.patient_name.split()[0]), (
            name,
            b.patient_name,
        )
        if b.progress and it.rect.height() >= 2 * fs.height() + 1:
            assert any(b.progress in t for t in texts), (texts, b.progress)


def test_overlapping_sessions_beyond_the_width_go_into_a_chip(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Ten sessions at the same time on one day: as many as fit side by side are drawn, the
    rest are listed in one "+N more" chip; they stay selectable (the chip is outlined), by
    click and by keyboard, and cannot be dragged from the chip."""
    view = window.view
    data = window.model.range_data
    base = next(b for b in data.blocks if b.progress)
    day_blocks = [b for b in data.blocks if b.start.date() != base.start.date()]
    crowd = [
        replace(base, id=900_000 + i, patient_name=f"Crowd Patient{i}", start=base.start)
        for i in range(10)
    ]
    window.model.set_range(replace(data, blocks=tuple(day_blocks + crowd)))
    ids = {b.id for b in crowd}
    drawn = [it for it in _drawn(view) if it.block.id in ids]
    hidden = [it for it in view._items if it.chip is not None and it.block.id in ids]
    assert drawn and hidden and len(drawn) + len(hidden) == 10
    assert len(view._chips) >= 1
    chip = hidden[0].chip
    assert chip.texts[0][0].text() == f"+{len(hidden)} more"
    assert all(it.rect.width() >= MIN_BLOCK_W - 2 for it in drawn)
    assert not any(it.movable for it in hidden)

    # Selecting a hidden session (from the side panel, say) shows its chip as selected.
    target = hidden[-1].block.id
    assert view.select(target)
    assert view.block_rect(target) == view._to_viewport(chip.rect).toAlignedRect()

    # A click on the chip selects a session listed in it.
    view.select(drawn[0].block.id)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.block_rect(target).center()
    )
    assert view.selected_id in {it.block.id for it in hidden}
    # Clicking it again steps to the next session listed in it.
    first_pick = view.selected_id
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.block_rect(target).center()
    )
    assert view.selected_id in {it.block.id for it in hidden} - {first_pick}

    # The keyboard walks through the hidden sessions too.
    seen = set()
    view.select(drawn[0].block.id)
    for _ in range(15):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        seen.add(view.selected_id)
    assert seen & {it.block.id for it in hidden}


def test_as_many_as_fit_are_all_drawn(window) -> None:  # type: ignore[no-untyped-def]
    """Overlapping sessions that fit side by side at the readable width get no chip."""
    view = window.view
    data = window.model.range_data
    base = next(b for b in data.blocks if b.progress)
    others = [b for b in data.blocks if b.start.date() != base.start.date()]
    fit = int(view._lanes[0].w // MIN_BLOCK_W)
    crowd = [
        replace(base, id=910_000 + i, start=base.start + timedelta(minutes=i)) for i in range(fit)
    ]
    window.model.set_range(replace(data, blocks=tuple(others + crowd)))
    assert not any(it.chip and it.block.id >= 910_000 for it in view._items)
    assert len([it for it in _drawn(view) if it.block.id >= 910_000]) == fit
