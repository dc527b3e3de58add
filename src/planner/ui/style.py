"""Colours and labels shared by the schedule, the legend and the dialogs (no widgets here)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache

from PySide6.QtGui import QColor

from planner.core import vocabulary
from planner.core.regions import Region, parse_region
from planner.errors import PlannerError
from planner.ui.i18n import arg, language, tr, ui_words


class _Labels(Mapping[str, str]):
    """Labels by code, read in the window's language at each look-up (never at import time,
    before the translator is installed): ``STATUS_LABELS.get("no-show", "no-show")``."""

    def __init__(self, codes: tuple[str, ...], label: Callable[[str], str]) -> None:
        self._codes = codes
        self._label = label

    def __getitem__(self, code: str) -> str:
        if code not in self._codes:
            raise KeyError(code)
        return self._label(code)

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)


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


def _kind_letter(kind: str) -> str:
    # The first letter of the kind's word in the window's language (U, B, K, O in bokmål).
    letters = {
        "assessment": tr("A", "the letter of Assessment on a block"),
        "treatment": tr("T", "the letter of Treatment on a block"),
        "reassessment": tr("R", "the letter of Reassessment on a block"),
        "follow-up": tr("F", "the letter of Follow-up on a block"),
    }
    return letters[kind]


KIND_GLYPHS: Mapping[str, str] = _Labels(tuple(KIND_COLOURS), _kind_letter)
"""The letter each kind of session carries on its block and in the legend (the first letter
of its word in the window's language)."""

STATUS_GLYPHS = {"attended": "✓", "no-show": "✗", "cancelled": "–"}
"""Written after the kind's letter; a no-show is hatched and a cancelled session dashed too."""

MIN_KIND_DELTA_E = 20.0
"""Fewest CIE76 units between two kinds' strong colours, also as colour-blind staff see them."""


def kind_glyph(kind: str, status: str = "booked") -> str:
    """``T`` for a booked treatment, ``T✓`` attended, ``A✗`` an assessment missed."""
    return KIND_GLYPHS.get(kind, "·") + STATUS_GLYPHS.get(status, "")


STATUS_LABELS: Mapping[str, str] = _Labels(
    ("booked", "attended", "no-show", "cancelled"),
    lambda code: vocabulary.status(code, ui_words()),
)
"""A session's status in the window's language: ``Booked`` / ``Bestilt``."""


def _state_label(state: str) -> str:
    labels = {
        "free": tr("Free", "a proposed time's state"),
        "shifted": tr("Shifted", "a proposed time's state"),
        "flagged": tr("Check", "a proposed time's state"),
        "conflict": tr("Conflict", "a proposed time's state"),
        "unplaceable": tr("No slot", "a proposed time's state"),
    }
    return labels[state]


STATE_LABELS: Mapping[str, str] = _Labels(
    ("free", "shifted", "flagged", "conflict", "unplaceable"), _state_label
)
"""A proposed session's state in the plan and move previews, in the window's language."""

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
    """A screening flag in the window's language; an unknown code as stored."""
    return vocabulary.flag(code, ui_words())


@lru_cache(maxsize=4096)
def _regions_text(codes: tuple[str, ...], lang: str) -> str:
    words = [region_word(c) for c in codes]
    text = ", ".join(words)
    return text[:1].upper() + text[1:]


def regions_text(codes: tuple[str, ...] | list[str]) -> str:
    """``Neck, shoulders, left knee`` (``Nakke, begge skuldre, venstre kne``): short, for
    blocks and lists."""
    return _regions_text(tuple(codes), language())


def _both_sides(region: Region) -> str:
    words = {
        Region.SHOULDER: tr("shoulders", "both sides"),
        Region.ELBOW: tr("elbows", "both sides"),
        Region.WRIST_HAND: tr("wrists and hands", "both sides"),
        Region.HIP: tr("hips", "both sides"),
        Region.KNEE: tr("knees", "both sides"),
        Region.FOOT: tr("feet", "both sides"),
    }
    return words.get(region) or vocabulary.region(region, ui_words()).lower()


def region_word(code: str) -> str:
    """``left knee`` (``venstre kne``), ``shoulders``, ``neck``: one region, lower case."""
    try:
        r = parse_region(code)
    except PlannerError:
        return code
    name = vocabulary.region(r.region, ui_words()).lower()
    if r.side is None:
        return name
    if r.side.value == "both":
        return _both_sides(r.region)
    if r.side.value == "left":
        return arg(tr("left %1", "a body region's side"), name)
    return arg(tr("right %1", "a body region's side"), name)


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
