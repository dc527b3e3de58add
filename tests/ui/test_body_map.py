"""The body map: its drawing names exactly the core's regions; mouse, keyboard and hover."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QApplication

from planner.core.regions import ALL_REGION_CODES, Region, parse_region
from planner.ui.widgets.body_map import (
    BodyMap,
    atomic_codes,
    map_codes,
    svg_bytes,
    svg_regions,
)

from .conftest import ARTIFACTS

NS = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parents[2]


def _region_groups() -> dict[str, ET.Element]:
    root = ET.fromstring(svg_bytes())
    return {g.attrib["id"]: g for g in root.iter(f"{NS}g") if g.get("class") == "region"}


def test_the_drawings_regions_are_the_cores_regions_and_sides() -> None:
    groups = _region_groups()
    assert set(groups) == set(map_codes())
    # Every code the core reads, plurals included, is drawn (a plural as its two sides).
    for code in ALL_REGION_CODES:
        assert set(atomic_codes(code)) <= set(groups), code
    for code, group in groups.items():
        region = parse_region(code)
        assert region.side is None or region.side.value in ("left", "right")
        title = group.find(f"{NS}title")
        assert title is not None and title.text == region.label
        shapes = [el.get("id") for el in group if el.tag != f"{NS}title"]
        views = svg_regions()[code]
        assert shapes == [f"{code}.{v}" for v in views]
        # The back is seen from behind: upper and lower back only there, the rest on both.
        if region.region in (Region.UPPER_BACK, Region.LOWER_BACK):
            assert views == ("back",)
        else:
            assert views == ("front", "back")


def test_the_shipped_drawing_is_the_one_in_resources() -> None:
    assert (ROOT / "resources" / "body_map.svg").read_bytes() == svg_bytes()


def test_left_and_right_are_mirrored_between_front_and_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    m = BodyMap()
    qtbot.addWidget(m)
    m.resize(440, 520)
    for region in ("shoulder", "knee", "wrist-hand"):
        left_front = m.spot_centre(f"{region}-left", "front").x()
        right_front = m.spot_centre(f"{region}-right", "front").x()
        left_back = m.spot_centre(f"{region}-left", "back").x()
        right_back = m.spot_centre(f"{region}-right", "back").x()
        assert right_front < left_front, "facing us: their right is on our left"
        assert left_back < right_back, "from behind: their left is on our left"


def test_clicking_chooses_and_leaves_out_regions(qtbot) -> None:  # type: ignore[no-untyped-def]
    m = BodyMap()
    qtbot.addWidget(m)
    m.resize(440, 520)
    m.show()
    qtbot.waitExposed(m)
    for code in ("neck", "lower-back", "shoulder-left"):
        with qtbot.waitSignal(m.sig_changed):
            qtbot.mouseClick(m, Qt.MouseButton.LeftButton, pos=m.spot_centre(code).toPoint())
    assert m.value() == ["neck", "shoulder-left", "lower-back"]
    # The right shoulder from the back: both sides chosen read as "shoulders".
    qtbot.mouseClick(
        m, Qt.MouseButton.LeftButton, pos=m.spot_centre("shoulder-right", "back").toPoint()
    )
    assert m.value() == ["neck", "shoulders", "lower-back"]
    qtbot.mouseClick(m, Qt.MouseButton.LeftButton, pos=m.spot_centre("neck", "back").toPoint())
    assert m.value() == ["shoulders", "lower-back"]
    # Outside every region nothing changes.
    with qtbot.assertNotEmitted(m.sig_changed):
        qtbot.mouseClick(m, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    m.set_value(["knees", "head", "tail"])
    assert m.value() == ["head", "knees"]
    assert m.chosen() == {"head", "knee-left", "knee-right"}


def test_every_region_is_reachable_and_chosen_by_keyboard(qtbot) -> None:  # type: ignore[no-untyped-def]
    m = BodyMap()
    qtbot.addWidget(m)
    m.resize(440, 520)
    m.show()
    qtbot.waitExposed(m)
    m.setFocus()
    qtbot.keyClick(m, Qt.Key.Key_Home)
    assert (m.current(), m.current_view()) == ("head", "front")
    qtbot.keyClick(m, Qt.Key.Key_Down)
    assert m.current() == "neck"
    qtbot.keyClick(m, Qt.Key.Key_Space)
    assert m.value() == ["neck"]
    qtbot.keyClick(m, Qt.Key.Key_Return)
    assert m.value() == []
    # From the head, the arrow keys reach every shape of every region, in both views.
    seen = set()
    frontier = [m.spots.index(next(s for s in m.spots if s.code == "head"))]
    arrows = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
    while frontier:
        i = frontier.pop()
        if i in seen:
            continue
        seen.add(i)
        for key in arrows:
            m._current = m.spots[i]
            qtbot.keyClick(m, key)
            frontier.append(m.spots.index(m._current))
    assert {(m.spots[i].code, m.spots[i].view) for i in seen} == {(s.code, s.view) for s in m.spots}
    assert m.accessibleDescription()  # the current region is named for screen readers


def test_hover_names_the_region(qtbot) -> None:  # type: ignore[no-untyped-def]
    m = BodyMap()
    qtbot.addWidget(m)
    m.resize(440, 520)
    m.show()
    qtbot.waitExposed(m)
    pos = m.spot_centre("knee-left", "back")
    with qtbot.waitSignal(m.sig_hovered) as hovered:
        QApplication.sendEvent(
            m,
            QMouseEvent(
                QEvent.Type.MouseMove,
                pos,
                m.mapToGlobal(pos),
                Qt.MouseButton.NoButton,
                Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        )
    assert hovered.args == ["knee-left"]
    assert m.hovered() == "knee-left"
    assert m.toolTip() == "Knee (left)"
    assert m.caption() == "Knee (left): not chosen"
    m.leaveEvent(QEvent(QEvent.Type.Leave))
    assert m.hovered() == "" and m.toolTip() == ""


def test_scores_by_keyboard_and_badges(qtbot) -> None:  # type: ignore[no-untyped-def]
    m = BodyMap(scores=True)
    qtbot.addWidget(m)
    m.resize(440, 520)
    m.show()
    m.set_value(["shoulders"])
    m.setFocus()
    m._current = next(s for s in m.spots if s.code == "shoulder-right")
    with qtbot.waitSignal(m.sig_score_entered) as entered:
        qtbot.keyClicks(m, "7")
    assert entered.args == ["shoulders", 7]
    assert m.scores() == {"shoulder-left": 7, "shoulder-right": 7}
    qtbot.keyClicks(m, "++++")
    assert m.scores()["shoulder-left"] == 10  # no higher than 10
    qtbot.keyClick(m, Qt.Key.Key_Delete)
    assert m.scores() == {}
    # A digit on a region not chosen yet chooses it.
    m._current = next(s for s in m.spots if s.code == "neck")
    qtbot.keyClicks(m, "4")
    assert m.value() == ["neck", "shoulders"] and m.scores() == {"neck": 4}


def test_it_scales_and_draws_what_it_hit_tests(qtbot) -> None:  # type: ignore[no-untyped-def]
    m = BodyMap(scores=True)
    qtbot.addWidget(m)
    m.set_value(["neck", "shoulders", "lower-back", "knee-left"])
    m.set_scores({"neck": 6, "shoulders": 4, "lower-back": 7})
    m.set_flagged(["shoulder-left", "elbow-left", "wrist-hand-left"])
    m.show()
    ARTIFACTS.mkdir(exist_ok=True)
    for w, h in ((260, 320), (440, 520), (760, 860)):
        m.resize(w, h)
        for spot in m.spots:
            assert m.region_at(m.transform().map(spot.centre)) == spot.code
        assert m.heightForWidth(w) > w
    m.resize(440, 520)
    image = m.grab().toImage()
    assert image.save(str(ARTIFACTS / "body_map.png"))
    # A chosen region without a badge is painted in the accent colour where it is hit.
    knee = m.spot_centre("knee-left").toPoint()
    colour = QColor(image.pixel(knee))
    assert colour.blue() > 150 and colour.red() < 120
    # A region not chosen stays the silhouette's grey.
    hip = m.spot_centre("hip-right").toPoint()
    grey = QColor(image.pixel(hip))
    assert abs(grey.red() - grey.blue()) < 30
    m.setFocus()
    m._current = next(s for s in m.spots if s.code == "upper-back")
    pos = m.spot_centre("hip-right", "back")
    m.mouseMoveEvent(
        QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(pos),
            m.mapToGlobal(pos),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    assert m.grab().save(str(ARTIFACTS / "body_map_hover_focus.png"))
