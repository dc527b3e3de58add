"""Colour-blindness simulation for palette tests (no Qt, no third-party library).

Machado, Oliveira and Fernandes (2009), "A Physiologically-based Model for Simulation of
Color Vision Deficiency", IEEE TVCG 15(6): the severity-1.0 matrices for protanopia,
deuteranopia and tritanopia, applied to linear sRGB as the paper (and the colorspacious
library) does. Distances are CIE76 Delta E in CIELAB (D65). Hand-written because
colorspacious is not among the project's dependencies and these are 30 lines.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

Matrix = tuple[tuple[float, float, float], ...]

MACHADO_2009: dict[str, Matrix] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}

Lab = tuple[float, float, float]


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(rgb: Iterable[float]) -> Lab:
    r, g, b = rgb
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def seen_as(hex_colour: str, deficiency: str | None = None) -> Lab:
    """The CIELAB colour of ``#rrggbb`` as seen with ``deficiency`` (None: normal vision)."""
    h = hex_colour.lstrip("#")
    rgb = [_linear(int(h[i : i + 2], 16)) for i in (0, 2, 4)]
    if deficiency is not None:
        m = MACHADO_2009[deficiency]
        rgb = [min(1.0, max(0.0, sum(m[i][j] * rgb[j] for j in range(3)))) for i in range(3)]
    return _lab(rgb)


def delta_e(a: Lab, b: Lab) -> float:
    """CIE76: the Euclidean distance in CIELAB."""
    return math.dist(a, b)


def closest_pair(colours: dict[str, str], deficiency: str | None) -> tuple[float, str, str]:
    """The two named colours that look most alike, and their Delta E."""
    seen = {name: seen_as(c, deficiency) for name, c in colours.items()}
    return min(
        (delta_e(seen[a], seen[b]), a, b) for a, b in itertools.combinations(sorted(seen), 2)
    )
