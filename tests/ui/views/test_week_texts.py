"""What a block says: the patient's name even in the shortest session at the smallest hours."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from planner.services.schedule.values import Block
from planner.ui.views.week_layout import min_hour_h
from planner.ui.views.week_texts import BlockTexts


def _block(name: str) -> Block:
    return Block(
        id=1,
        plan_id=1,
        patient_id=1,
        patient_name=name,
        practitioner_id=1,
        room_id=None,
        kind="treatment",
        status="booked",
        start=datetime(2030, 9, 17, 10, 0),
        duration_min=15,
        number=3,
        of=6,
        regions=(),
        modality="physio",
        flagged=False,
    )


def test_a_fifteen_minute_session_at_the_smallest_hour_height_names_its_patient(
    qapp: QApplication,
) -> None:
    """At the fewest pixels an hour the view allows, a 15-minute session is a block a little
    lower than a line of small text (less its border), yet the name is what the desk needs to
    read, so it is drawn, centred (the bug: such blocks were empty bars at 1280x720)."""
    texts = BlockTexts()
    texts.set_font(QFont(qapp.font()))
    _bold_h, small_h = texts.line_heights()
    height = 15 / 60 * min_hour_h(small_h) - 1
    for width in (40.0, 150.0):  # narrow (a double booking) and a normal column
        drawn = texts.for_block(QRectF(0, 0, width, height), _block("Ivar Evensen"), None)
        assert drawn, f"nothing drawn in a {width:.0f}x{height:.0f} block"
        first = drawn[0][0].text().removesuffix("…")  # elided in the narrow block
        assert len(first) >= 3 and "Ivar Evensen".startswith(first), first
        assert drawn[0][1].y() <= 1.0


def test_a_block_too_low_for_any_letter_stays_empty(qapp: QApplication) -> None:
    texts = BlockTexts()
    texts.set_font(QFont(qapp.font()))
    assert texts.for_block(QRectF(0, 0, 150, 4), _block("Ivar Evensen"), None) == []
