"""The schedule's geometry as plain values: no QApplication, no widget, no painter.

Every test lays out a small hand-made range and checks where things go: sessions side by
side when they overlap, a "+N more" chip when more overlap than fit at the readable width,
a session's height from its times against the hours shown, and what a point hits.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time, timedelta

import pytest

from planner.services.schedule.values import Block, Column, DayInfo, Hours, LocationInfo, RangeData
from planner.ui.views.week_layout import (
    COLLAPSED_W,
    GUTTER_W,
    MIN_BLOCK_W,
    Rect,
    WeekLayout,
    layout_week,
    min_hour_h,
)

MONDAY = date(2026, 11, 16)
OPEN = ((time(8), time(16)),)
"""Opening hours 08:00-16:00: eight hours shown."""
BOLD_H, SMALL_H = 16, 14
DAY_HEADER_H = 12 + BOLD_H + SMALL_H
"""The day view's header: a line of bold (the column's name) and one of small text."""
SIXTY_PX_AN_HOUR = DAY_HEADER_H + 2 + 8 * 60
"""A viewport this high shows the eight opening hours at 60 pixels an hour."""


def practitioner(key: int, name: str = "") -> Column:
    return Column(key=key, name=name or f"Practitioner {key}", kind="practitioner")


def session(
    id: int, start: datetime, minutes: int = 60, *, who: int = 1, status: str = "booked"
) -> Block:
    return Block(
        id=id,
        plan_id=id,
        patient_id=id,
        patient_name=f"Patient {id}",
        practitioner_id=who,
        room_id=None,
        kind="treatment",
        status=status,
        start=start,
        duration_min=minutes,
        number=1,
        of=6,
        regions=(),
        modality="physio",
        flagged=False,
    )


def at(hour: int, minute: int = 0, day: date = MONDAY) -> datetime:
    return datetime.combine(day, time(hour, minute))


def one_day(blocks: list[Block], columns: tuple[Column, ...] = (practitioner(1),)) -> RangeData:
    location = LocationInfo(id=1, name="Sentrum", tz="Europe/Oslo", opening=Hours())
    return RangeData(
        location=location,
        first=MONDAY,
        days=(DayInfo(MONDAY, OPEN),),
        practitioners=columns,
        rooms=(),
        blocks=tuple(blocks),
    )


def lay_out(data: RangeData, width: int = 800, height: int = SIXTY_PX_AN_HOUR) -> WeekLayout:
    return layout_week(
        data, width=width, height=height, bold_h=BOLD_H, small_h=SMALL_H, today=MONDAY
    )


def centre(r: Rect) -> tuple[float, float]:
    return r.x + r.w / 2, r.y + r.h / 2


def hit(layout: WeekLayout, point: tuple[float, float], selected: int = 0) -> int | None:
    """The id of the session a point hits, or None."""
    box = layout.box_at(*point, selected=selected)
    return box.block.id if box is not None else None


# -- side by side ---------------------------------------------------------------------------


def test_overlapping_sessions_share_the_lane_side_by_side() -> None:
    layout = lay_out(one_day([session(1, at(9)), session(2, at(9, 30)), session(3, at(11))]))
    lane = layout.lanes[0]
    assert lane.x == GUTTER_W and lane.w == 800 - GUTTER_W
    a, b, alone = (layout.by_id[i].rect for i in (1, 2, 3))
    assert a.w == pytest.approx(lane.w / 2 - 2) and b.w == pytest.approx(lane.w / 2 - 2)
    assert a.x == pytest.approx(lane.x + 1) and b.x == pytest.approx(lane.x + lane.w / 2 + 1)
    assert a.right < b.x, "the two overlapping sessions do not overlap on screen"
    assert alone.x == pytest.approx(lane.x + 1) and alone.w == pytest.approx(lane.w - 2)
    assert not layout.chips


def test_a_session_widens_into_the_slots_free_while_it_runs() -> None:
    """Three sessions at 09:00 (two short, one long) take three slots; one at 09:30 takes the
    first slot, free again, and widens into the second, free too, but not into the third."""
    blocks = [
        session(1, at(9), 30),
        session(2, at(9), 30),
        session(3, at(9), 60),
        session(4, at(9, 30), 30),
    ]
    layout = lay_out(one_day(blocks))
    lane = layout.lanes[0]
    slot_w = lane.w / 3
    assert [layout.by_id[i].rect.x for i in (1, 2, 3)] == pytest.approx(
        [lane.x + k * slot_w + 1 for k in range(3)]
    )
    late = layout.by_id[4].rect
    assert late.x == pytest.approx(lane.x + 1)
    assert late.w == pytest.approx(2 * slot_w - 2)
    assert layout.by_id[2].rect.w == pytest.approx(slot_w - 2)


def test_each_practitioner_has_a_column_in_the_day() -> None:
    columns = (practitioner(1, "Aisha Aziz"), practitioner(2, "Bjørn Berg"))
    layout = lay_out(one_day([session(1, at(9), who=1), session(2, at(9), who=2)], columns))
    assert [lane.column.key for lane in layout.lanes if lane.column] == [1, 2]
    first, second = layout.lanes
    assert layout.by_id[1].lane == 0 and layout.by_id[2].lane == 1
    assert layout.by_id[1].rect.w == pytest.approx(first.w - 2), "no one else in its column"
    assert layout.by_id[2].rect.x == pytest.approx(second.x + 1)


# -- the "+N more" chip -------------------------------------------------------------------


def test_more_sessions_than_fit_at_the_readable_width_go_into_a_chip() -> None:
    width = GUTTER_W + 3 * MIN_BLOCK_W + 10  # room for three side by side
    crowd = [session(i, at(10)) for i in range(1, 7)]
    layout = lay_out(one_day(crowd), width=width)
    drawn = [box for box in layout.boxes if box.chip is None]
    listed = [box for box in layout.boxes if box.chip is not None]
    assert [box.block.id for box in drawn] == [1, 2]
    assert len(layout.chips) == 1
    chip = layout.chips[0]
    assert [b.id for b in chip.blocks] == [3, 4, 5, 6], "the chip says +4 more"
    assert all(box.chip is chip and box.rect == chip.rect for box in listed)
    assert not any(box.movable for box in listed), "a session in a chip cannot be dragged"
    assert all(box.movable for box in drawn)
    slot_w = layout.lanes[0].w / 3
    assert chip.rect.x == pytest.approx(layout.lanes[0].x + 2 * slot_w + 1)
    assert all(r.w >= MIN_BLOCK_W - 2 for r in [chip.rect] + [box.rect for box in drawn])
    assert len(layout.boxes) == 6, "every session is still in the layout"


def test_as_many_as_fit_are_drawn_without_a_chip() -> None:
    width = GUTTER_W + 3 * MIN_BLOCK_W + 10
    layout = lay_out(one_day([session(i, at(10, i)) for i in range(1, 4)]), width=width)
    assert not layout.chips
    assert all(box.chip is None for box in layout.boxes)


def test_a_lone_session_of_the_overflow_slot_is_drawn_not_chipped() -> None:
    """Two long sessions and two short ones at 10:00 need four slots where three fit: the
    two short ones share a chip in the last slot; one at 11:00 in that slot overlaps no one
    there and is drawn itself (a chip for one would hide it for nothing)."""
    width = GUTTER_W + 3 * MIN_BLOCK_W + 10
    blocks = [
        session(1, at(9, 55), 125),
        session(2, at(9, 56), 124),
        session(3, at(10), 30),
        session(4, at(10), 30),
        session(5, at(11), 30),
    ]
    layout = lay_out(one_day(blocks), width=width)
    assert [[b.id for b in chip.blocks] for chip in layout.chips] == [[3, 4]]
    lone = layout.by_id[5]
    assert lone.chip is None and lone.movable
    lane = layout.lanes[0]
    assert lone.rect.x == pytest.approx(lane.x + 2 * lane.w / 3 + 1)
    assert lone.rect.w == pytest.approx(lane.w / 3 - 2)


# -- vertical position ----------------------------------------------------------------------


def test_a_session_sits_at_its_times_against_the_hours_shown() -> None:
    layout = lay_out(one_day([session(1, at(10, 30), 45)]))
    assert (layout.start_min, layout.end_min) == (8 * 60, 16 * 60)
    assert layout.header_h == DAY_HEADER_H
    assert layout.hour_h == pytest.approx(60)
    r = layout.by_id[1].rect
    assert r.y == pytest.approx(150 + 1), "two and a half hours below 08:00, less its border"
    assert r.h == pytest.approx(45 - 1)
    assert layout.content_h == 8 * 60 + 1


def test_an_early_session_extends_the_hours_shown_to_its_whole_hour() -> None:
    layout = lay_out(one_day([session(1, at(7, 15), 30)]))
    assert layout.start_min == 7 * 60
    assert layout.y_of(at(7, 15)) == pytest.approx(15 / 60 * layout.hour_h)
    assert layout.by_id[1].rect.y == pytest.approx(layout.y_of(at(7, 15)) + 1)


def test_hours_are_never_squeezed_below_the_minimum_height() -> None:
    layout = lay_out(one_day([session(1, at(9))]), height=200)
    assert layout.hour_h == 4 * SMALL_H, "a 15-minute session keeps a line of small text"
    assert layout.content_h == 8 * 4 * SMALL_H + 1
    assert min_hour_h(8) == 44, "and never fewer than 44 px, however small the font"


# -- hit testing ------------------------------------------------------------------------------


def test_a_point_hits_the_session_drawn_there() -> None:
    layout = lay_out(one_day([session(1, at(9)), session(2, at(9, 30)), session(3, at(13))]))
    for i in (1, 2, 3):
        assert hit(layout, centre(layout.by_id[i].rect)) == i
    free = layout.by_id[3].rect
    assert hit(layout, (free.x + 5, free.y - 30)) is None, "12:30 is free"
    assert hit(layout, (GUTTER_W / 2, free.y + 5)) is None, "the hour gutter holds no session"


def test_a_point_in_a_chip_hits_the_selected_session_listed_there_else_the_first() -> None:
    width = GUTTER_W + 3 * MIN_BLOCK_W + 10
    layout = lay_out(one_day([session(i, at(10)) for i in range(1, 7)]), width=width)
    chip = centre(layout.chips[0].rect)
    assert hit(layout, chip) == 3
    assert hit(layout, chip, selected=5) == 5
    assert hit(layout, chip, selected=1) == 3, "1 is drawn, not in the chip"
    assert layout.next_in_chip(layout.by_id[6]).block.id == 3, "clicks step round the chip"


def test_a_point_gives_its_lane_and_its_time_snapped_to_a_quarter_hour() -> None:
    columns = (practitioner(1), practitioner(2))
    layout = lay_out(one_day([], columns))
    second = layout.lanes[1]
    assert layout.lane_at(second.x + 1) == 1
    assert layout.lane_at(GUTTER_W - 1) is None
    assert layout.time_at(second, layout.y_of(at(10, 8))) == at(10, 15)
    assert layout.time_at(second, layout.y_of(at(10, 7))) == at(10)
    assert layout.time_at(second, -500) == at(8), "clamped to the first hour"
    assert layout.time_at(second, 10_000) == at(15, 45), "a quarter before the last"


@pytest.mark.parametrize(
    ("rect", "point", "inside"),
    [
        (Rect(10, 10, 20, 20), (10, 10), True),
        (Rect(10, 10, 20, 20), (30, 30), True),
        (Rect(10, 10, 20, 20), (30.01, 20), False),
        (Rect(10, 10, 0, 20), (10, 15), False),
        (Rect(10, 10, 20, 0), (15, 10), False),
        (Rect(30, 10, -20, 20), (20, 15), True),
    ],
)
def test_rect_contains_its_edges_and_an_empty_rect_nothing(rect, point, inside) -> None:  # type: ignore[no-untyped-def]
    assert rect.contains(*point) is inside


def test_rect_contains_as_qrectf_does() -> None:
    """The painter draws QRectF; a click must hit the same rectangles (QtCore only, no
    QApplication)."""
    qtcore = pytest.importorskip("PySide6.QtCore")
    rects = [Rect(10, 10, 20, 20), Rect(10.5, 3.25, 0.5, 7), Rect(30, 30, -20, -10)]
    rects += [Rect(5, 5, 0, 5), Rect(5, 5, 5, 0)]
    points = [(x / 2, y / 2) for x in range(0, 70, 3) for y in range(0, 70, 3)]
    for r in rects:
        q = qtcore.QRectF(r.x, r.y, r.w, r.h)
        for x, y in points:
            assert r.contains(x, y) is q.contains(qtcore.QPointF(x, y)), (r, x, y)


# -- the week ---------------------------------------------------------------------------------


def test_a_crowded_week_packs_each_day_and_collapses_the_closed_weekend() -> None:
    columns = tuple(practitioner(k) for k in range(1, 12))
    days = tuple(DayInfo(MONDAY + timedelta(days=i), OPEN if i < 5 else ()) for i in range(7))
    data = RangeData(
        location=LocationInfo(id=1, name="Sentrum", tz="Europe/Oslo", opening=Hours()),
        first=MONDAY,
        days=days,
        practitioners=columns,
        rooms=(),
        blocks=(session(1, at(9, day=MONDAY + timedelta(days=2)), who=7),),
    )
    layout = lay_out(data, width=1400)
    assert layout.packed
    assert [d.collapsed for d in layout.days] == [False] * 5 + [True] * 2
    assert all(d.w == COLLAPSED_W for d in layout.days[5:])
    assert len(layout.lanes) == 5 and all(lane.column is None for lane in layout.lanes)
    assert layout.by_id[1].lane == 2
    assert layout.named_column(layout.by_id[1].block) == "Practitioner 7"
    fewer = layout_week(
        data,
        width=1400,
        height=SIXTY_PX_AN_HOUR,
        shown_columns={7, 8},
        bold_h=BOLD_H,
        small_h=SMALL_H,
        today=MONDAY,
    )
    assert not fewer.packed, "two columns fit each day"
    assert len(fewer.lanes) == 10


def test_the_layout_loads_no_qt() -> None:
    code = (
        "import sys, planner.ui.views.week_layout; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
