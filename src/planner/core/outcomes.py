"""Outcome measures read against the baseline: pain per region and whole-body scores.

DOMAIN.md: what improves, and is measured, is pain intensity (0-10 per region), fatigue,
function, sleep quality and more; progress is read against the baseline ("41 % better after
10 weeks"). Pain is scored per body region (``planner.core.regions``); the whole-body
measures here are scored once per session. Every score is a whole number from 0 to 10.

Pain and fatigue are worse when higher; sleep quality and function are better when higher.
A change is always reported as the signed change of the score in per cent of the baseline
(pain 7 -> 4 is -43 %, sleep 4 -> 6 is +50 %); :attr:`Measure.higher_is_better` says which
sign is the good one.
"""

from __future__ import annotations

import enum

from planner.core.i18n import N_
from planner.errors import BadInput


class Measure(enum.StrEnum):
    """A whole-body score taken at a session (0-10)."""

    FATIGUE = "fatigue"
    SLEEP = "sleep"
    FUNCTION = "function"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def higher_is_better(self) -> bool:
        return self in (Measure.SLEEP, Measure.FUNCTION)

    @property
    def scale(self) -> str:
        """What 0 and 10 mean, for forms and help texts."""
        return _SCALES[self]


_LABELS = {
    Measure.FATIGUE: N_("Fatigue"),
    Measure.SLEEP: N_("Sleep quality"),
    Measure.FUNCTION: N_("Function"),
}

_SCALES = {
    Measure.FATIGUE: N_("0 none, 10 worst imaginable"),
    Measure.SLEEP: N_("0 very poor, 10 very good"),
    Measure.FUNCTION: N_("0 unable to do daily activities, 10 no limitation"),
}

_MEASURE_ALIASES: dict[str, Measure] = {m.value: m for m in Measure}
_MEASURE_ALIASES.update(
    {
        "sleep-quality": Measure.SLEEP,
        "tiredness": Measure.FATIGUE,
        "function-score": Measure.FUNCTION,
        "daily-function": Measure.FUNCTION,
    }
)


def parse_measure(text: str) -> Measure:
    key = "-".join(text.strip().lower().replace("_", "-").split())
    if key in _MEASURE_ALIASES:
        return _MEASURE_ALIASES[key]
    options = ", ".join(m.value for m in Measure)
    raise BadInput(f"unknown whole-body score '{text.strip()}'; use one of: {options}")


def check_score(value: int, what: str) -> int:
    """A score is a whole number from 0 to 10."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadInput(f"the score for {what} must be a whole number 0-10, not {value!r}")
    if not 0 <= value <= 10:
        raise BadInput(f"the score for {what} must be between 0 and 10, not {value}")
    return value


def parse_measure_scores(text: str) -> dict[Measure, int]:
    """Parse ``fatigue:6,sleep:4,function:5`` (each measure once, each score 0-10)."""
    out: dict[Measure, int] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, value = part.partition(":")
        measure = parse_measure(name)
        if not sep or not value.strip():
            raise BadInput(f"give a score for {measure.value}, for example {measure.value}:5")
        try:
            score = int(value.strip())
        except ValueError:
            raise BadInput(
                f"the score for {measure.value} must be a whole number 0-10, not '{value.strip()}'"
            ) from None
        if measure in out:
            raise BadInput(f"'{measure.value}' is given twice")
        out[measure] = check_score(score, measure.value)
    if not out:
        raise BadInput("no score given; for example --scores fatigue:6,sleep:4,function:5")
    return out


def percent_change(baseline: int | None, value: int | None) -> float | None:
    """The signed change from ``baseline`` to ``value`` in per cent of the baseline, to one
    decimal; None when either is missing or the baseline is 0 (no per cent of nothing)."""
    if baseline is None or value is None or baseline == 0:
        return None
    return round((value - baseline) * 100.0 / baseline, 1)


def format_change(change: float | None, *, plain: bool = False) -> str:
    """``−41 %``, ``+12 %``, ``0 %`` (whole per cent); a dash when there is no figure.

    The minus is the typographic one (U+2212) for the window and the card; ``plain`` gives
    ASCII (``-41 %``) for the command line.
    """
    if change is None:
        return "-" if plain else "–"
    whole = int(change + 0.5) if change >= 0 else -int(-change + 0.5)
    if whole == 0:
        return "0 %"
    minus = "-" if plain else "\u2212"
    return f"{'+' if whole > 0 else minus}{abs(whole)} %"
