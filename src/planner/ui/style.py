"""Colours and labels shared by the schedule, the legend and the dialogs (no widgets here)."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor

from planner.core.domain import ScreeningFlag
from planner.core.regions import parse_region
from planner.errors import PlannerError

# Each kind of session has a hue: a strong colour for the accent bar and a pale fill. The
# strong colours differ in lightness as well as hue, so they stay apart for colour-blind
# staff: tests/ui/cvd.py simulates protanopia, deuteranopia and tritanopia (Machado et al.
# 2009) and checks that every pair stays at least MIN_KIND_DELTA_E apart (CIE76 in CIELAB).
# Colour is never the only sign: each kind also has a letter (KIND_GLYPHS) on its blocks.
KIND_COLOURS: dict[str, tuple[str, str]] = {
    "assessment": ("#4a2373", "#ece6f5"),
    "treatment": ("#1f77d0", "#e4f0fc"),
    "reassessment": ("#3db37f", "#e3f5ec"),
    "follow-up": ("#d9730d", "#fdf0e2"),
}

KIND_GLYPHS = {"assessment": "A", "treatment": "T", "reassessment": "R", "follow-up": "F"}
"""The letter each kind of session carries on its block and in the legend."""

STATUS_GLYPHS = {"attended": "✓", "no-show": "✗", "cancelled": "–"}
"""Written after the kind's letter; a no-show is hatched and a cancelled session dashed too."""

MIN_KIND_DELTA_E = 20.0
"""Fewest CIE76 units between two kinds' strong colours, also as colour-blind staff see them."""


def kind_glyph(kind: str, status: str = "booked") -> str:
    """``T`` for a booked treatment, ``T✓`` attended, ``A✗`` an assessment missed."""
    return KIND_GLYPHS.get(kind, "·") + STATUS_GLYPHS.get(status, "")


STATUS_LABELS = {
    "booked": "Booked",
    "attended": "Attended",
    "no-show": "No-show",
    "cancelled": "Cancelled",
}

STATE_LABELS = {
    "free": "Free",
    "shifted": "Shifted",
    "flagged": "Check",
    "conflict": "Conflict",
    "unplaceable": "No slot",
}

STATE_COLOURS = {
    "free": "#2e7d32",
    "shifted": "#b26a00",
    "flagged": "#b26a00",
    "conflict": "#c62828",
    "unplaceable": "#c62828",
}

NO_SHOW = "#c62828"
WARNING = "#b3261e"
WARNING_FILL = "#fdecea"
NOW_LINE = "#e53935"
SELECTION = "#1a1c20"
SELECTION_RING = "#ffffff"
"""Drawn inside the selection outline, so it shows on dark and pale blocks alike."""
TEXT = "#1f2328"
TEXT_MUTED = "#5f6670"


def kind_colours(kind: str) -> tuple[QColor, QColor]:
    strong, pale = KIND_COLOURS.get(kind, ("#607d8b", "#eceff1"))
    return QColor(strong), QColor(pale)


def flag_label(code: str) -> str:
    try:
        return ScreeningFlag(code).label
    except ValueError:
        return code


@lru_cache(maxsize=4096)
def _regions_text(codes: tuple[str, ...]) -> str:
    words = [region_word(c) for c in codes]
    text = ", ".join(words)
    return text[:1].upper() + text[1:]


def regions_text(codes: tuple[str, ...] | list[str]) -> str:
    """``Neck, shoulders, left knee``: short, for blocks and lists."""
    return _regions_text(tuple(codes))


def region_word(code: str) -> str:
    try:
        r = parse_region(code)
    except PlannerError:
        return code
    name = r.region.label.lower()
    if r.side is None:
        return name
    if r.side.value == "both":
        return r.code.replace("-", " ").replace("wrists hands", "wrists and hands")
    return f"{r.side.value} {name}"


def short_name(name: str) -> str:
    """``Ingrid Marie Berg`` -> ``Ingrid B.`` (for narrow columns)."""
    parts = name.split()
    if len(parts) < 2:
        return name
    return f"{parts[0]} {parts[-1][0]}."


def initials(name: str) -> str:
    parts = [p for p in name.split() if p]
    if not parts:
        return "?"
    if len(parts) == 1:
        return parts[0][:2]
    return (parts[0][0] + parts[-1][0]).upper()
