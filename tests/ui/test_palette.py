"""The kinds' colours stay apart for colour-blind staff, and colour is never the only sign."""

from __future__ import annotations

import pytest

from planner.core.domain import Kind
from planner.ui.style import KIND_COLOURS, KIND_GLYPHS, MIN_KIND_DELTA_E, kind_glyph
from tests.ui.cvd import MACHADO_2009, closest_pair, delta_e, seen_as


def test_simulation_matches_known_values() -> None:
    """Pure red looks dark yellow-olive to a protanope and stays red otherwise; white stays
    white under every simulation (each Machado row sums to one)."""
    assert delta_e(seen_as("#ff0000"), (53.24, 80.09, 67.20)) < 0.1
    red_p = seen_as("#ff0000", "protanopia")
    assert red_p[0] < 53 and abs(red_p[1]) < 15  # darker, and no longer red
    for deficiency in MACHADO_2009:
        assert delta_e(seen_as("#ffffff", deficiency), (100.0, 0.0, 0.0)) < 0.5


@pytest.mark.parametrize("deficiency", [None, *MACHADO_2009])
def test_kind_colours_stay_distinguishable(deficiency: str | None) -> None:
    strong = {kind: colours[0] for kind, colours in KIND_COLOURS.items()}
    de, a, b = closest_pair(strong, deficiency)
    assert de >= MIN_KIND_DELTA_E, f"{a} and {b}: ΔE {de:.1f} with {deficiency}"


def test_old_palette_fails_the_check() -> None:
    """The palette before issue 10: assessment purple and treatment blue looked alike."""
    old = {"assessment": "#7b55c7", "treatment": "#1f77d0"}
    assert closest_pair(old, "deuteranopia")[0] < MIN_KIND_DELTA_E


def test_every_kind_has_its_own_letter() -> None:
    kinds = [k.value for k in Kind]
    assert set(KIND_COLOURS) >= set(kinds)
    letters = [KIND_GLYPHS[k] for k in kinds]
    assert len(set(letters)) == len(letters)
    assert kind_glyph("treatment", "attended") != kind_glyph("treatment", "no-show")
