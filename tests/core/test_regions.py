"""Body regions and pain scores: planner.core.regions."""

from __future__ import annotations

import pytest

from planner.core.regions import (
    ALL_REGION_CODES,
    BodyRegion,
    Region,
    Side,
    parse_pain,
    parse_region,
    parse_regions,
    parse_scored_regions,
)
from planner.errors import BadInput


@pytest.mark.parametrize(
    ("text", "region", "side", "code"),
    [
        ("neck", Region.NECK, None, "neck"),
        ("Neck", Region.NECK, None, "neck"),
        ("shoulders", Region.SHOULDER, Side.BOTH, "shoulders"),
        ("shoulder-left", Region.SHOULDER, Side.LEFT, "shoulder-left"),
        ("left shoulder", Region.SHOULDER, Side.LEFT, "shoulder-left"),
        ("Right Shoulder", Region.SHOULDER, Side.RIGHT, "shoulder-right"),
        ("shoulder right", Region.SHOULDER, Side.RIGHT, "shoulder-right"),
        ("both shoulders", Region.SHOULDER, Side.BOTH, "shoulders"),
        ("lower back", Region.LOWER_BACK, None, "lower-back"),
        ("lower-back", Region.LOWER_BACK, None, "lower-back"),
        ("lower_back", Region.LOWER_BACK, None, "lower-back"),
        ("  lower   back ", Region.LOWER_BACK, None, "lower-back"),
        ("lowerback", Region.LOWER_BACK, None, "lower-back"),
        ("low back", Region.LOWER_BACK, None, "lower-back"),
        ("upper back", Region.UPPER_BACK, None, "upper-back"),
        ("head", Region.HEAD, None, "head"),
        ("knee-right", Region.KNEE, Side.RIGHT, "knee-right"),
        ("knees", Region.KNEE, Side.BOTH, "knees"),
        ("feet", Region.FOOT, Side.BOTH, "feet"),
        ("left foot", Region.FOOT, Side.LEFT, "foot-left"),
        ("wrist left", Region.WRIST_HAND, Side.LEFT, "wrist-hand-left"),
        ("hands", Region.WRIST_HAND, Side.BOTH, "wrists-hands"),
        ("elbow-left", Region.ELBOW, Side.LEFT, "elbow-left"),
        ("hips", Region.HIP, Side.BOTH, "hips"),
    ],
)
def test_parse_region(text: str, region: Region, side: Side | None, code: str) -> None:
    parsed = parse_region(text)
    assert parsed == BodyRegion(region, side)
    assert parsed.code == code
    assert str(parsed) == code


@pytest.mark.parametrize("text", ["spleen", "", "left", "back", "shoulderz", "neck:6"])
def test_unknown_region_is_bad_input_listing_the_codes(text: str) -> None:
    with pytest.raises(BadInput) as err:
        parse_region(text)
    assert "unknown body region" in err.value.message
    assert "neck, shoulder-left, shoulder-right, shoulders" in err.value.message


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("shoulder", "shoulder-left, shoulder-right or shoulders (both)"),
        ("knee", "knee-left, knee-right or knees (both)"),
        ("Elbow", "elbow-left, elbow-right or elbows (both)"),
    ],
)
def test_sided_region_without_a_side_is_bad_input(text: str, hint: str) -> None:
    with pytest.raises(BadInput) as err:
        parse_region(text)
    assert "say which side" in err.value.message
    assert hint in err.value.message


@pytest.mark.parametrize("text", ["neck-left", "left neck", "lower back right"])
def test_midline_region_with_a_side_is_bad_input(text: str) -> None:
    with pytest.raises(BadInput, match="has no side"):
        parse_region(text)


def test_body_region_checks_its_side() -> None:
    with pytest.raises(BadInput, match="say which side of the shoulder"):
        BodyRegion(Region.SHOULDER)
    with pytest.raises(BadInput, match="Neck has no side"):
        BodyRegion(Region.NECK, Side.LEFT)


def test_body_region_labels() -> None:
    assert BodyRegion(Region.LOWER_BACK).label == "Lower back"
    assert BodyRegion(Region.SHOULDER, Side.BOTH).label == "Shoulder (both)"
    assert BodyRegion(Region.WRIST_HAND, Side.LEFT).label == "Wrist and hand (left)"


def test_region_sidedness_follows_the_domain() -> None:
    assert {r for r in Region if not r.sided} == {
        Region.HEAD,
        Region.NECK,
        Region.UPPER_BACK,
        Region.LOWER_BACK,
    }


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ("shoulders", "shoulder-left", True),
        ("shoulder-left", "shoulder-left", True),
        ("shoulder-left", "shoulder-right", False),
        ("neck", "neck", True),
        ("neck", "shoulders", False),
        ("knee-left", "shoulder-left", False),
    ],
)
def test_overlaps(a: str, b: str, overlap: bool) -> None:
    assert parse_region(a).overlaps(parse_region(b)) is overlap
    assert parse_region(b).overlaps(parse_region(a)) is overlap


def test_every_region_code_parses_back_to_itself() -> None:
    assert len(ALL_REGION_CODES) == len(set(ALL_REGION_CODES)) == 4 + 6 * 3
    for code in ALL_REGION_CODES:
        assert parse_region(code).code == code
    assert {"neck", "shoulders", "shoulder-left", "lower-back"} <= set(ALL_REGION_CODES)


# -- lists of regions ------------------------------------------------------------------------------
def test_parse_regions_keeps_order_and_drops_duplicates() -> None:
    parsed = parse_regions("neck, shoulders,lower back, neck,,")
    assert [r.code for r in parsed] == ["neck", "shoulders", "lower-back"]
    # both shoulders and the left one are different targets
    assert [r.code for r in parse_regions("shoulders,left shoulder")] == [
        "shoulders",
        "shoulder-left",
    ]


@pytest.mark.parametrize("text", ["", " , ,"])
def test_parse_regions_needs_one(text: str) -> None:
    with pytest.raises(BadInput, match="no body region given"):
        parse_regions(text)


def test_parse_regions_reports_the_bad_one() -> None:
    with pytest.raises(BadInput, match="unknown body region 'spleen'"):
        parse_regions("neck,spleen")


# -- pain scores -----------------------------------------------------------------------------------
def test_parse_scored_regions() -> None:
    parsed = parse_scored_regions("neck:6,shoulder-left:4")
    assert [(r.code, score) for r, score in parsed] == [("neck", 6), ("shoulder-left", 4)]


def test_parse_scored_regions_score_is_optional() -> None:
    parsed = parse_scored_regions("neck, lower back: 0, shoulders:10")
    assert [(r.code, score) for r, score in parsed] == [
        ("neck", None),
        ("lower-back", 0),
        ("shoulders", 10),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("neck:11", "between 0 and 10, not 11"),
        ("neck:-1", "between 0 and 10, not -1"),
        ("neck:6.5", "whole number 0-10"),
        ("neck:high", "whole number 0-10"),
        ("neck:", "whole number 0-10"),
        ("neck:6,neck:3", "given twice"),
        ("shoulders:3,both shoulders:4", "given twice"),
        ("", "no body region given"),
        ("shoulder:5", "say which side"),
        ("spleen:5", "unknown body region"),
    ],
)
def test_parse_scored_regions_errors(text: str, message: str) -> None:
    with pytest.raises(BadInput) as err:
        parse_scored_regions(text)
    assert message in err.value.message


def test_pain_score_error_names_the_region() -> None:
    with pytest.raises(BadInput, match="pain score for shoulder-left must be between 0 and 10"):
        parse_scored_regions("neck:6,left shoulder:12")


@pytest.mark.parametrize(("text", "value"), [("0", 0), ("10", 10), (" 7 ", 7)])
def test_parse_pain(text: str, value: int) -> None:
    assert parse_pain(text) == value


@pytest.mark.parametrize("text", ["11", "-1", "x", "", "5/10"])
def test_parse_pain_refuses(text: str) -> None:
    with pytest.raises(BadInput, match="pain score"):
        parse_pain(text)
