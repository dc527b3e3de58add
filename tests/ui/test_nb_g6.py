"""The week view's painted texts, the legend, the body map, the region picker, the hours
editor, the date field, the progress chart and panel and the patient panel in bokmål
(issue 14): their words come from the catalogue and CLDR, in the window's language."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from planner.core.regions import Region, Side
from planner.services.progress import Slot
from planner.services.schedule.values import Block
from planner.ui.views.week_painter import _day_label, _ghost_label, _weekday_short
from planner.ui.views.week_texts import BlockTexts
from planner.ui.widgets.body_map import BodyMap
from planner.ui.widgets.date_field import DateField
from planner.ui.widgets.hours_editor import HoursEditor
from planner.ui.widgets.legend import Legend, entry_labels
from planner.ui.widgets.progress_chart import slot_label
from planner.ui.widgets.progress_panel import ProgressPanel, _when
from planner.ui.widgets.region_picker import RegionPicker


def _block(status: str, kind: str = "treatment") -> Block:
    return Block(
        id=1,
        plan_id=1,
        patient_id=1,
        patient_name="Ivar Evensen",
        practitioner_id=1,
        room_id=None,
        kind=kind,
        status=status,
        start=datetime(2026, 11, 30, 10, 0),
        duration_min=60,
        number=3,
        of=9,
        regions=("lower-back",),
        modality="acupuncture",
        flagged=False,
    )


def _texts(qapp: QApplication, block: Block) -> list[str]:
    texts = BlockTexts()
    texts.set_font(QFont(qapp.font()))
    return [st.text() for st, *_rest in texts.for_block(QRectF(0, 0, 220, 120), block, None)]


def test_week_view_texts_in_bokmal(bokmal, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    monday = date(2026, 11, 30)
    assert _day_label(monday, "nb") == "man. 30. nov."
    assert _weekday_short(monday, "nb") == "ma"
    assert _ghost_label(datetime(2026, 11, 30, 9, 5), "nb") == "man. kl. 09:05"
    shown = _texts(qapp, _block("no-show"))
    assert "Behandling · ikke møtt" in shown and "Korsrygg" in shown
    assert "Undersøkelse · avlyst" in _texts(qapp, _block("cancelled", "assessment"))
    texts = BlockTexts()
    texts.set_font(QFont(qapp.font()))
    chip = texts.for_chip(QRectF(0, 0, 120, 200), [_block("booked"), _block("booked")])
    assert chip[0][0].text() == "+2 til"


def test_week_view_texts_stay_english(qapp: QApplication) -> None:
    assert _day_label(date(2026, 11, 30), "en") == "Mon 30 Nov"
    assert "Treatment · no-show" in _texts(qapp, _block("no-show"))


def test_legend_and_body_map_in_bokmal(bokmal, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    assert entry_labels("nb") == (
        "Undersøkelse",
        "Behandling",
        "Kontroll",
        "Oppfølging",
        "Møtt",
        "Ikke møtt",
        "Avlyst",
        "Flagg",
    )
    legend = Legend()
    qtbot.addWidget(legend)
    assert "U undersøkelse" in legend.toolTip() and "K kontroll" in legend.toolTip()
    m = BodyMap()
    qtbot.addWidget(m)
    assert m.accessibleName() == "Kroppskart"
    assert m.caption().startswith("Klikk på et område")
    m.set_value(["knee-left"])
    assert m.caption() == "Kne (venstre)"
    picker = RegionPicker()
    qtbot.addWidget(picker)
    box = picker.box(Region.SHOULDER, Side.LEFT)
    assert box.text() == "V" and box.toolTip() == "Skulder (venstre)"


def test_hours_editor_and_date_field_in_bokmal(bokmal, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    editor = HoursEditor()
    qtbot.addWidget(editor)
    assert editor.notes[6].text() == "stengt"
    assert editor.copy_button.text().startswith("Kop&ier mandag")
    editor.first[2].setText("10:00-09:00")
    assert editor.first_problem() == (2, "Onsdag: 10:00-09:00 slutter før det begynner")
    field = DateField()
    qtbot.addWidget(field)
    assert field.edit.placeholderText() == "dd.mm.åååå"
    assert field.button.accessibleName() == "Velg datoen i en kalender"


def test_progress_in_bokmal(bokmal, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    when = datetime(2026, 9, 15, 10, 0)
    slots = [
        Slot(0, 1, "assessment", 1, 1, when, "attended"),
        Slot(1, 2, "treatment", 3, 9, when, "booked"),
        Slot(2, 3, "reassessment", 2, 2, when, "no-show"),
    ]
    assert [slot_label(s) for s in slots] == ["U", "3", "K2"]
    assert _when(slots[1]) == "tir. 15. sep. 2026 kl. 10:00 (bestilt)"
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    assert panel.tiles["done"].name.text() == "Gjennomført"
    assert panel.tiles["no_show"].name.text() == "Ikke møtt"
    assert "Smerte per område" in panel.pain_label.text()


def test_patient_panel_in_bokmal(bokmal, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.widgets.patient_panel import PatientPanel
    from planner.ui.worker import Worker

    worker = Worker()
    panel = PatientPanel(None, worker)
    qtbot.addWidget(panel)
    assert panel.new_patient.text() == "&Ny pasient …"
    assert panel.new_plan.text() == "Ny &plan …"
    assert panel.card_button.text() == "&Utskrift …"
    assert panel.search.placeholderText().startswith("Finn pasient:")
    panel._say_no_match("Kari")
    assert panel.no_match.text() == (
        "Ingen pasient funnet – trykk Ctrl+Alt+N for å registrere «Kari» som ny pasient"
    )
    worker.wait()
