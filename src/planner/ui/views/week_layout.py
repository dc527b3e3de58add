"""Where everything in the week (or day) view goes: plain geometry, no Qt, no painting.

:func:`layout_week` takes one range (days, columns, sessions, closures, busy time) and the
viewport's size and says where each day, lane (one column per practitioner or room), session,
"+N more" chip, shaded band, hour line and the now-line go, as frozen values. Coordinates are
*content coordinates*: x as on screen, y from the top of the first hour; the header band
(``header_h`` high) sits above them and does not scroll. Hit testing (which session, lane or
time is at a point) is answered from the same values, so it always matches the picture.

Text sizes are the only thing the geometry needs from the fonts: the heights of a line of bold
and of small text decide the header's height and a closure label's box.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from planner.services.schedule.values import Block, BusyTime, Column, DayInfo, RangeData

GUTTER_W = 52
"""Width of the hour labels at the left."""
COLLAPSED_W = 30
"""Width of a day the location is closed and that has no sessions (a weekend)."""
MIN_LANE_W = 72
"""Narrowest column (per practitioner or room) in the week view before it packs sessions."""
MIN_BLOCK_W = 72
"""The narrowest a session may be drawn beside others: room for "Aisha A." and "9/12". When a
time cluster needs more side-by-side slots than fit, the last slot becomes a "+N more" chip
listing the rest (hover for all of them; click or arrow keys select them)."""
MIN_HOUR_H = 44
"""Fewest pixels per hour, whatever the font; below this the view scrolls vertically."""
MAX_HOUR_H = 132
SNAP_MIN = 15
"""Dragging snaps to quarter hours, the same steps the booking engine searches."""

_DAY_MIN = 24 * 60


def _minutes(t: time | datetime) -> int:
    """Minutes after midnight (seconds dropped)."""
    return t.hour * 60 + t.minute


def _closing_minutes(t: time) -> int:
    """Minutes after midnight of a closing time, rounded up (23:59:59 closes at 24:00)."""
    return t.hour * 60 + t.minute + (1 if t.second else 0)


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle: left ``x``, top ``y``, width ``w``, height ``h`` (as a QRectF holds one)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, px: float, py: float) -> bool:
        """Edges included, and an empty rectangle holds nothing: QRectF's rule, so a click
        finds exactly what the painter drew there."""
        left, right = (self.x + self.w, self.x) if self.w < 0 else (self.x, self.x + self.w)
        if left == right or px < left or px > right:
            return False
        top, bottom = (self.y + self.h, self.y) if self.h < 0 else (self.y, self.y + self.h)
        return top != bottom and top <= py <= bottom


@dataclass(frozen=True, slots=True)
class Day:
    """One day across the view; ``open_bands`` are its opening hours (the rest is shaded)."""

    index: int
    info: DayInfo
    x: float
    w: float
    collapsed: bool
    open_bands: tuple[Rect, ...] = ()


@dataclass(frozen=True, slots=True)
class Lane:
    """One column of sessions in a day: a practitioner's or room's, or the whole packed day."""

    day: int
    """Index into :attr:`WeekLayout.days`."""
    column: Column | None
    """None in the packed week layout (one lane per day)."""
    x: float
    w: float


@dataclass(frozen=True, slots=True, eq=False)
class Chip:
    """A "+N more" stand-in for the sessions of a time cluster that do not fit side by side."""

    rect: Rect
    blocks: tuple[Block, ...]
    """The sessions listed in it, earliest first."""


@dataclass(frozen=True, slots=True, eq=False)
class BlockBox:
    """Where one session goes. A session listed in a chip has the chip's rectangle."""

    block: Block
    rect: Rect
    lane: int
    """Index into :attr:`WeekLayout.lanes`."""
    movable: bool
    chip: Chip | None = None
    """Set when the session is not drawn itself but listed in an overflow chip."""


@dataclass(frozen=True, slots=True)
class BusyBand:
    """Busy time imported from a practitioner's own calendar, in their lane."""

    rect: Rect
    summary: str


@dataclass(frozen=True, slots=True)
class Closure:
    """A holiday or closure: the hatched day and the box its reason is written in."""

    rect: Rect
    label: Rect
    reason: str


@dataclass(frozen=True, eq=False)
class WeekLayout:
    """The laid-out range: every position the painter and the hit tests need."""

    width: int
    column_mode: str
    names: Mapping[int, str]
    """Every column's name by key (shown columns or not): packed blocks name theirs."""
    today: date
    week: bool
    """More than one day: day headers, collapsed closed days, today tinted."""
    packed: bool
    """The week packs each day's sessions into one lane and names the column on each block."""
    start_min: int
    """The first hour shown, in minutes after midnight."""
    end_min: int
    hour_h: float
    header_h: int
    content_h: int
    days: tuple[Day, ...] = ()
    lanes: tuple[Lane, ...] = ()
    boxes: tuple[BlockBox, ...] = ()
    """Every session of the shown columns, in painting order (chip members included)."""
    chips: tuple[Chip, ...] = ()
    by_id: Mapping[int, BlockBox] = field(default_factory=dict)
    not_working: tuple[Rect, ...] = ()
    """Opening hours a lane's practitioner does not work."""
    busy: tuple[BusyBand, ...] = ()
    closures: tuple[Closure, ...] = ()

    # -- time and position ------------------------------------------------------------------
    def y_of_min(self, minutes: float) -> float:
        return (minutes - self.start_min) / 60 * self.hour_h

    def y_of(self, dt: datetime) -> float:
        return self.y_of_min(dt.hour * 60 + dt.minute + dt.second / 60)

    def time_at(self, lane: Lane, y: float, snap: int = SNAP_MIN) -> datetime:
        """The local time at height ``y`` in a lane, snapped, within the hours shown."""
        minutes = self.start_min + y / self.hour_h * 60
        minutes = round(minutes / snap) * snap
        minutes = max(self.start_min, min(self.end_min - snap, minutes))
        day = self.days[lane.day].info.day
        return datetime.combine(day, time()) + timedelta(minutes=minutes)

    def point_at(
        self, day: date, at: time, column_key: int | None = None
    ) -> tuple[float, float] | None:
        """A point inside the lane of ``day`` (and column) just below the time ``at``."""
        for lane in self.lanes:
            d = self.days[lane.day]
            if d.info.day != day or d.collapsed:
                continue
            if lane.column is not None and column_key is not None and lane.column.key != column_key:
                continue
            return lane.x + lane.w / 2, self.y_of(datetime.combine(day, at)) + 2
        return None

    def ghost(self, lane: Lane, start: datetime, duration_min: int) -> Rect:
        """Where a session being dragged would land."""
        y0 = self.y_of(start)
        h = duration_min / 60 * self.hour_h
        return Rect(lane.x + 1, y0 + 1, lane.w - 2, max(4.0, h - 1))

    def now_line(self, now: datetime) -> tuple[float, Day] | None:
        """The height of the current time and its day, when both are shown."""
        for d in self.days:
            if d.info.day == now.date() and not d.collapsed:
                minutes = _minutes(now)
                if self.start_min <= minutes <= self.end_min:
                    return self.y_of_min(minutes), d
        return None

    def named_column(self, b: Block) -> str | None:
        """The name of a session's column when the packed week writes it on the block."""
        return self.names.get(b.column_key(self.column_mode), "") if self.packed else None

    # -- hit testing ------------------------------------------------------------------------
    def lane_at(self, x: float) -> int | None:
        for i, lane in enumerate(self.lanes):
            if lane.x <= x < lane.x + lane.w:
                return i
        return None

    def box_at(self, x: float, y: float, selected: int = 0) -> BlockBox | None:
        """The session drawn at a point; on a chip, the selected one if listed there, else
        its first."""
        for box in reversed(self.boxes):
            if box.chip is None and box.rect.contains(x, y):
                return box
        for chip in self.chips:
            if chip.rect.contains(x, y):
                chosen = self.by_id.get(selected)
                if chosen is not None and chosen.chip is chip:
                    return chosen
                return self.by_id[chip.blocks[0].id]
        return None

    def next_in_chip(self, box: BlockBox) -> BlockBox:
        """The session listed after ``box`` in its chip (round), so clicks step through."""
        if box.chip is None:
            return box
        ids = [b.id for b in box.chip.blocks]
        return self.by_id[ids[(ids.index(box.block.id) + 1) % len(ids)]]

    # -- lines ------------------------------------------------------------------------------
    def half_hour_ys(self) -> list[float]:
        return [self.y_of_min(m) for m in range(self.start_min + 30, self.end_min, 60)]

    def hour_ys(self) -> list[float]:
        return [self.y_of_min(m) for m in range(self.start_min, self.end_min + 1, 60)]

    def hour_labels(self) -> list[tuple[float, str]]:
        """The top of each hour shown but the last, and its label."""
        return [
            (self.y_of_min(m), f"{m // 60:02d}:00") for m in range(self.start_min, self.end_min, 60)
        ]

    def lane_lines(self) -> list[float]:
        """Where a lane starts inside its day (the day lines are at each day's ``x``)."""
        return [
            lane.x
            for lane in self.lanes
            if lane.column is not None and lane.x > self.days[lane.day].x + 1
        ]

    def cleared(self) -> WeekLayout:
        """The same frame with nothing in it (no range shown, or the view is too narrow)."""
        return replace(
            self,
            days=(),
            lanes=(),
            boxes=(),
            chips=(),
            by_id={},
            not_working=(),
            busy=(),
            closures=(),
        )


EMPTY_LAYOUT = WeekLayout(
    width=0,
    column_mode="practitioner",
    names={},
    today=date.min,
    week=False,
    packed=False,
    start_min=8 * 60,
    end_min=18 * 60,
    hour_h=60.0,
    header_h=40,
    content_h=0,
)
"""What a view shows before its first range."""


def min_hour_h(small_h: int) -> float:
    """Fewest pixels per hour with a small line ``small_h`` high: a 15-minute session, the
    shortest a clinic books, still has room for the patient's name in small text."""
    return max(MIN_HOUR_H, 4 * small_h)


def layout_week(
    data: RangeData,
    *,
    width: int,
    height: int,
    column_mode: str = "practitioner",
    shown_columns: set[int] | None = None,
    bold_h: int,
    small_h: int,
    today: date,
    show_off: bool = True,
) -> WeekLayout:
    """Lay out ``data`` in a viewport ``width`` x ``height`` pixels.

    ``shown_columns`` limits the columns (None: all of ``column_mode``); ``bold_h`` and
    ``small_h`` are the line heights of the bold and the small font; ``today`` is tinted.
    Without ``show_off``, the day view leaves out practitioners who are off that day.
    """
    all_columns = data.columns(column_mode)
    cols = tuple(c for c in all_columns if shown_columns is None or c.key in shown_columns)
    week = len(data.days) > 1
    if not show_off and not week:
        cols = working_columns(data, cols, column_mode)
    shown = {c.key for c in cols}
    blocks = [b for b in data.blocks if b.column_key(column_mode) in shown]

    # Days: a closed weekday without sessions collapses to a narrow strip.
    busy_days = {b.start.date() for b in blocks}
    collapsed = [week and not d.opening and d.day not in busy_days for d in data.days]
    n_open = sum(1 for c in collapsed if not c) or 1
    open_w = max(40.0, (width - GUTTER_W - COLLAPSED_W * sum(collapsed)) / n_open)
    packed = week and (not cols or open_w / max(1, len(cols)) < MIN_LANE_W)

    start_min, end_min = _hour_range(data.days, cols, blocks)
    header_h = 8 + bold_h + (6 if packed else small_h + 6) if week else 12 + bold_h + small_h
    hours = (end_min - start_min) / 60
    hour_h = max(min_hour_h(small_h), min(MAX_HOUR_H, (height - header_h - 2) / hours))
    frame = WeekLayout(
        width=width,
        column_mode=column_mode,
        names={c.key: c.name for c in all_columns},
        today=today,
        week=week,
        packed=packed,
        start_min=start_min,
        end_min=end_min,
        hour_h=hour_h,
        header_h=header_h,
        content_h=math.ceil(hours * hour_h) + 1,
    )
    days = _place_days(frame, data.days, collapsed, open_w)
    frame = replace(frame, days=days, lanes=_place_lanes(days, cols, packed))
    placer = _BlockPlacer(frame)
    placer.place(blocks)
    return replace(
        frame,
        boxes=tuple(placer.boxes),
        chips=tuple(placer.chips),
        by_id=placer.by_id,
        not_working=_not_working(frame),
        busy=_busy_bands(frame, data.busy) if column_mode == "practitioner" else (),
        closures=_closures(frame, small_h),
    )


def is_off(column: Column, day: date) -> bool:
    """A practitioner with no working hours here that weekday (rooms are never off)."""
    return column.hours is not None and not column.hours.days[day.weekday()]


def working_columns(
    data: RangeData, cols: Sequence[Column], column_mode: str
) -> tuple[Column, ...]:
    """The columns of a one-day range but those who are off that day and have no session in
    it (a session booked on a day off still shows its practitioner). When everyone is off,
    all of them: an empty day view would look like a fault."""
    if len(data.days) != 1:
        return tuple(cols)
    day = data.days[0].day
    booked = {b.column_key(column_mode) for b in data.blocks if b.start.date() == day}
    kept = tuple(c for c in cols if c.key in booked or not is_off(c, day))
    return kept or tuple(cols)


def _hour_range(
    days: Sequence[DayInfo], cols: Sequence[Column], blocks: Sequence[Block]
) -> tuple[int, int]:
    """From the earliest opening, working hour or session to the latest, in whole hours (at
    least four)."""
    starts, ends = [], []
    for d in days:
        for opens, closes in d.opening:
            starts.append(_minutes(opens))
            ends.append(_closing_minutes(closes))
    for c in cols:
        if c.hours:
            for ivs in c.hours.days:
                for opens, closes in ivs:
                    starts.append(_minutes(opens))
                    ends.append(_minutes(closes))
    for block in blocks:
        starts.append(_minutes(block.start))
        end = block.end
        ends.append(_DAY_MIN if end.date() > block.start.date() else _minutes(end))
    start_min = (min(starts) // 60) * 60 if starts else 8 * 60
    end_min = min(_DAY_MIN, -(-max(ends) // 60) * 60) if ends else 18 * 60
    if end_min - start_min < 4 * 60:
        end_min = min(_DAY_MIN, start_min + 4 * 60)
    return start_min, end_min


def _place_days(
    frame: WeekLayout, infos: Sequence[DayInfo], collapsed: Sequence[bool], open_w: float
) -> tuple[Day, ...]:
    days = []
    x = float(GUTTER_W)
    for i, d in enumerate(infos):
        w = COLLAPSED_W if collapsed[i] else open_w
        opening: tuple[Rect, ...] = ()
        if not collapsed[i]:
            opening = tuple(
                _band(frame, x, w, _minutes(a), _closing_minutes(b)) for a, b in d.opening
            )
        days.append(Day(i, d, x, w, collapsed[i], opening))
        x += w
    return tuple(days)


def _band(frame: WeekLayout, x: float, w: float, from_min: float, to_min: float) -> Rect:
    y0 = frame.y_of_min(from_min)
    return Rect(x, y0, w, frame.y_of_min(to_min) - y0)


def _place_lanes(days: Sequence[Day], cols: Sequence[Column], packed: bool) -> tuple[Lane, ...]:
    lanes = []
    n_cols = max(1, len(cols))
    for day in days:
        if day.collapsed:
            continue
        if packed:
            lanes.append(Lane(day.index, None, day.x, day.w))
        else:
            lw = day.w / n_cols
            for j, c in enumerate(cols):
                lanes.append(Lane(day.index, c, day.x + j * lw, lw))
    return tuple(lanes)


def _not_working(frame: WeekLayout) -> tuple[Rect, ...]:
    """Per lane, the opening hours its practitioner does not work here."""
    out = []
    for lane in frame.lanes:
        c = lane.column
        if c is None or c.hours is None:
            continue
        d = frame.days[lane.day]
        working = c.hours.days[d.info.day.weekday()]
        for a, b in d.info.opening:
            oa, ob = _minutes(a), _minutes(b)
            cursor = oa
            for wa, wb in working:
                s, e = _minutes(wa), _minutes(wb)
                if s > cursor:
                    out.append(_band(frame, lane.x, lane.w, cursor, min(s, ob)))
                cursor = max(cursor, e)
            if cursor < ob:
                out.append(_band(frame, lane.x, lane.w, cursor, ob))
    return tuple(out)


def _busy_bands(frame: WeekLayout, busy: Sequence[BusyTime]) -> tuple[BusyBand, ...]:
    """Busy time in its practitioner's lane, split at midnight."""
    lanes = {(lane.day, lane.column.key): lane for lane in frame.lanes if lane.column is not None}
    day_index = {d.info.day: d.index for d in frame.days}
    out = []
    for b in busy:
        day = b.start.date()
        while day <= b.end.date():
            lane = lanes.get((day_index.get(day, -1), b.practitioner_id))
            start = max(b.start, datetime.combine(day, time()))
            end = min(b.end, datetime.combine(day, time()) + timedelta(days=1))
            if lane is not None and end > start:
                y0 = max(0.0, frame.y_of(start))
                y1 = frame.y_of(end) if end.date() == day else frame.y_of_min(_DAY_MIN)
                rect = Rect(lane.x + 1, y0, lane.w - 2, max(2.0, y1 - y0))
                out.append(BusyBand(rect, b.summary))
            day += timedelta(days=1)
    return tuple(out)


def _closures(frame: WeekLayout, small_h: int) -> tuple[Closure, ...]:
    """Holidays and closures: the whole day hatched, the reason in a box near its top (in the
    window's language)."""
    from planner.ui.i18n import ui_words  # here: the layout itself stays free of Qt

    w = ui_words()
    return tuple(
        Closure(
            Rect(d.x + 1, 0, d.w - 1, frame.content_h),
            Rect(d.x + 8, 12, d.w - 16, small_h * 3 + 8),
            d.info.closed_text(w) or "",
        )
        for d in frame.days
        if d.info.closed and not d.collapsed
    )


def clusters(blocks: Sequence[Block]) -> list[list[Block]]:
    """Runs of sessions (sorted by start) that overlap one another, transitively."""
    out: list[list[Block]] = []
    end: datetime | None = None
    for b in blocks:
        if out and end is not None and b.start < end:
            out[-1].append(b)
            end = max(end, b.end)
        else:
            out.append([b])
            end = b.end
    return out


def slots_of(cluster: Sequence[Block]) -> list[int]:
    """For each session of a cluster, the side-by-side slot it takes: the first one free."""
    free_at: list[datetime] = []
    where: list[int] = []
    for b in cluster:
        for k, t in enumerate(free_at):
            if t <= b.start:
                free_at[k] = b.end
                where.append(k)
                break
        else:
            free_at.append(b.end)
            where.append(len(free_at) - 1)
    return where


@dataclass
class _Hidden:
    """A session of a cluster's last slot when it overflows: only its time is known yet."""

    block: Block
    top: float
    bottom: float


class _BlockPlacer:
    """Puts sessions into lanes: overlapping ones side by side, the overflow into chips."""

    def __init__(self, frame: WeekLayout) -> None:
        self.frame = frame
        self.boxes: list[BlockBox] = []
        self.chips: list[Chip] = []
        self.by_id: dict[int, BlockBox] = {}

    def place(self, blocks: Sequence[Block]) -> None:
        frame = self.frame
        day_index = {d.info.day: d.index for d in frame.days}
        lane_of: dict[tuple[int, int | None], int] = {}
        for i, lane in enumerate(frame.lanes):
            lane_of[(lane.day, lane.column.key if lane.column else None)] = i
        per_lane: dict[int, list[Block]] = {}
        for b in blocks:
            di = day_index.get(b.start.date())
            if di is None:
                continue
            key = None if frame.packed else b.column_key(frame.column_mode)
            li = lane_of.get((di, key))
            if li is not None:
                per_lane.setdefault(li, []).append(b)
        for li, group in per_lane.items():
            group.sort(key=lambda b: (b.start, b.end, b.id))
            # Overlapping sessions in one lane (a packed day, or a double booking) share it.
            for cluster in clusters(group):
                self._place_cluster(li, cluster)

    def _add(self, box: BlockBox) -> None:
        self.boxes.append(box)
        self.by_id[box.block.id] = box

    def _place_cluster(self, li: int, cluster: list[Block]) -> None:
        lane = self.frame.lanes[li]
        where = slots_of(cluster)
        n = max(where) + 1
        fit = int(lane.w // MIN_BLOCK_W)
        overflow = fit >= 2 and n > fit
        if overflow:
            n = fit
            where = [min(k, fit - 1) for k in where]
        w = lane.w / n
        placed = list(zip(cluster, where, strict=True))
        hidden: list[_Hidden] = []
        for b, k in placed:
            y0 = self.frame.y_of(b.start)
            y1 = (
                self.frame.y_of(b.end)
                if b.end.date() == b.start.date()
                else self.frame.y_of_min(_DAY_MIN)
            )
            if overflow and k == n - 1:
                hidden.append(_Hidden(b, y0, y0 + (y1 - y0)))
                continue
            # Widen into the slots to the right that are free while this one runs.
            span = 1
            for j in range(k + 1, n):
                if any(kk == j and o.start < b.end and o.end > b.start for o, kk in placed):
                    break
                span += 1
            rect = Rect(lane.x + k * w + 1, y0 + 1, w * span - 2, max(4.0, y1 - y0 - 1))
            self._add(BlockBox(b, rect, li, movable=b.status == "booked"))
        if hidden:
            self._make_chips(li, hidden, lane.x + (n - 1) * w + 1, w - 2)

    def _make_chips(self, li: int, hidden: list[_Hidden], x: float, w: float) -> None:
        """One chip per run of overlapping hidden sessions, in the last slot of the cluster."""
        runs: list[list[_Hidden]] = []
        end = -1.0
        for it in sorted(hidden, key=lambda it: (it.top, it.block.id)):
            if runs and it.top < end:
                runs[-1].append(it)
                end = max(end, it.bottom)
            else:
                runs.append([it])
                end = it.bottom
        for run in runs:
            top = min(it.top for it in run)
            bottom = max(it.bottom for it in run)
            rect = Rect(x, top + 1, w, max(4.0, bottom - top - 1))
            if len(run) == 1:  # a chip for one session would hide it for nothing
                b = run[0].block
                self._add(BlockBox(b, rect, li, movable=b.status == "booked"))
                continue
            chip = Chip(rect, tuple(it.block for it in run))
            for it in run:
                self._add(BlockBox(it.block, rect, li, movable=False, chip=chip))
            self.chips.append(chip)
