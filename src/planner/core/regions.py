"""Body regions a plan targets and a session treats, with left/right where it applies.

Fibromyalgia pain concentrates in the neck, shoulders and lower back; the other regions are
the usual sites of chronic pain treated with needling and physiotherapy (see DOMAIN.md).
A region is written as a short code: ``neck``, ``lower-back``, ``shoulder-left``,
``shoulder-right`` or ``shoulders`` (both sides), ``knee-left`` ... The same codes are used by
the CLI, the database, the .ics descriptions and the body map.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from planner.core.i18n import N_
from planner.errors import BadInput


class Region(enum.StrEnum):
    HEAD = "head"
    NECK = "neck"
    SHOULDER = "shoulder"
    UPPER_BACK = "upper-back"
    LOWER_BACK = "lower-back"
    ELBOW = "elbow"
    WRIST_HAND = "wrist-hand"
    HIP = "hip"
    KNEE = "knee"
    FOOT = "foot"

    @property
    def sided(self) -> bool:
        """Whether left and right matter for this region (limbs and shoulders)."""
        return self not in _MIDLINE

    @property
    def label(self) -> str:
        return _LABELS[self]


class Side(enum.StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


_MIDLINE = frozenset({Region.HEAD, Region.NECK, Region.UPPER_BACK, Region.LOWER_BACK})

_LABELS = {
    Region.HEAD: N_("Head"),
    Region.NECK: N_("Neck"),
    Region.SHOULDER: N_("Shoulder"),
    Region.UPPER_BACK: N_("Upper back"),
    Region.LOWER_BACK: N_("Lower back"),
    Region.ELBOW: N_("Elbow"),
    Region.WRIST_HAND: N_("Wrist and hand"),
    Region.HIP: N_("Hip"),
    Region.KNEE: N_("Knee"),
    Region.FOOT: N_("Foot"),
}

_PLURALS = {
    Region.SHOULDER: "shoulders",
    Region.ELBOW: "elbows",
    Region.WRIST_HAND: "wrists-hands",
    Region.HIP: "hips",
    Region.KNEE: "knees",
    Region.FOOT: "feet",
}

# Words staff type for a region, mapped to the canonical region.
_ALIASES: dict[str, Region] = {r.value: r for r in Region}
_ALIASES.update(
    {
        "wrist": Region.WRIST_HAND,
        "hand": Region.WRIST_HAND,
        "wrist/hand": Region.WRIST_HAND,
        "wrist-and-hand": Region.WRIST_HAND,
        "upperback": Region.UPPER_BACK,
        "lowerback": Region.LOWER_BACK,
        "low-back": Region.LOWER_BACK,
        "back-upper": Region.UPPER_BACK,
        "back-lower": Region.LOWER_BACK,
    }
)
_PLURAL_ALIASES: dict[str, Region] = {p: r for r, p in _PLURALS.items()}
_PLURAL_ALIASES.update({"wrists": Region.WRIST_HAND, "hands": Region.WRIST_HAND})


@dataclass(frozen=True, order=True)
class BodyRegion:
    """A region with its side; ``side`` is None exactly for midline regions."""

    region: Region
    side: Side | None = None

    def __post_init__(self) -> None:
        if self.region.sided and self.side is None:
            raise BadInput(
                f"say which side of the {self.region.label.lower()}: "
                f"{self.region.value}-left, {self.region.value}-right or "
                f"{_PLURALS[self.region]} (both)"
            )
        if not self.region.sided and self.side is not None:
            raise BadInput(f"{self.region.label} has no side; write it as '{self.region.value}'")

    @property
    def code(self) -> str:
        if self.side is None:
            return self.region.value
        if self.side is Side.BOTH:
            return _PLURALS[self.region]
        return f"{self.region.value}-{self.side.value}"

    @property
    def label(self) -> str:
        if self.side is None:
            return self.region.label
        if self.side is Side.BOTH:
            return f"{self.region.label} (both)"
        return f"{self.region.label} ({self.side.value})"

    def overlaps(self, other: BodyRegion) -> bool:
        """Same region and at least one side in common (``both`` covers left and right)."""
        if self.region is not other.region:
            return False
        if self.side is None or other.side is None:
            return True
        return self.side is Side.BOTH or other.side is Side.BOTH or self.side is other.side

    def __str__(self) -> str:
        return self.code


ALL_REGION_CODES: tuple[str, ...] = tuple(
    code
    for r in Region
    for code in ([r.value] if not r.sided else [f"{r.value}-left", f"{r.value}-right", _PLURALS[r]])
)


def parse_region(text: str) -> BodyRegion:
    """Parse ``neck``, ``shoulders``, ``shoulder-left``, ``left shoulder``, ``lower back``..."""
    raw = text.strip().lower().replace("_", "-")
    word = "-".join(raw.split())
    side: Side | None = None
    for s in Side:
        if word.endswith(f"-{s.value}"):
            word, side = word[: -len(s.value) - 1], s
            break
        if word.startswith(f"{s.value}-"):
            word, side = word[len(s.value) + 1 :], s
            break
    region = _ALIASES.get(word)
    if region is None and word in _PLURAL_ALIASES:
        region = _PLURAL_ALIASES[word]
        side = side or Side.BOTH
    if region is None:
        raise BadInput(
            f"unknown body region '{text.strip()}'; use one of: {', '.join(ALL_REGION_CODES)}"
        )
    if region.sided and side is None:
        raise BadInput(
            f"say which side for '{text.strip()}': {region.value}-left, "
            f"{region.value}-right or {_PLURALS[region]} (both)"
        )
    return BodyRegion(region, side)


def parse_regions(text: str) -> list[BodyRegion]:
    """Parse a comma-separated list of regions; duplicates are kept once, order preserved."""
    out: list[BodyRegion] = []
    for part in text.split(","):
        if not part.strip():
            continue
        r = parse_region(part)
        if r not in out:
            out.append(r)
    if not out:
        raise BadInput("no body region given; for example --regions neck,shoulders,lower-back")
    return out


def parse_scored_regions(text: str) -> list[tuple[BodyRegion, int | None]]:
    """Parse ``neck:6,shoulder-left:4`` (pain 0-10 after the colon; the score is optional)."""
    out: list[tuple[BodyRegion, int | None]] = []
    seen: set[BodyRegion] = set()
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, score_text = part.partition(":")
        region = parse_region(name)
        score: int | None = None
        if sep:
            score = parse_pain(score_text, region.code)
        if region in seen:
            raise BadInput(f"region '{region.code}' is given twice")
        seen.add(region)
        out.append((region, score))
    if not out:
        raise BadInput("no body region given; for example --regions neck:6,shoulder-left:4")
    return out


def parse_pain(text: str, what: str = "pain") -> int:
    """A pain score is a whole number from 0 (none) to 10 (worst imaginable)."""
    try:
        value = int(text.strip())
    except ValueError:
        raise BadInput(f"pain score for {what} must be a whole number 0-10, not '{text}'") from None
    if not 0 <= value <= 10:
        raise BadInput(f"pain score for {what} must be between 0 and 10, not {value}")
    return value
