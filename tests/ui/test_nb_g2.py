"""The patient form, the patient picker, the plan card's window, the series move's words and the
new-plan preview's sentences in bokmål (issue 14): texts from the catalogue, dates from CLDR."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from planner.core.domain import HolidayPolicy, ScreeningFlag
from planner.ui.desk import Desk
from planner.ui.dialogs.patient_dialog import PatientDialog
from planner.ui.dialogs.patient_flags import flag_text
from planner.ui.dialogs.patient_picker import PatientPickerDialog
from planner.ui.dialogs.plan_card_dialog import PlanCardDialog
from planner.ui.dialogs.plan_preview import fix_note, summary_text
from planner.ui.worker import Worker

from ..conftest import Clinic
from .test_fix_words import _preview, _weekly


@pytest.fixture
def worker(qapp: Any) -> Iterator[Worker]:
    w = Worker()
    yield w
    w.wait()


def test_the_patient_form_speaks_bokmal(
    qtbot: QtBot, oslo: Clinic, worker: Worker, bokmal: None
) -> None:
    desk = Desk(oslo.store, worker, None, clock=lambda: datetime(2027, 1, 5, 12, 0))
    dlg = PatientDialog(oslo.store, worker, desk, None, today=lambda: date(2026, 12, 1))
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Ny pasient"
    assert dlg.save_button.text() == "&Lagre" and dlg.cancel_button.text() == "Avbryt"
    assert dlg.dob.placeholderText() == "dd.mm.åååå"
    assert dlg.flags_editor.title() == "Screening&flagg"
    QTest.keyClicks(dlg.dob, "13.5.1973")
    assert dlg.dob_message.text() == "søndag 13. mai 1973, 53 år"
    lymph = dlg.flag_boxes[ScreeningFlag.LYMPHOEDEMA]
    lymph.setChecked(True)
    assert dlg.region_flag.currentText() == "Lymfødem"
    assert dlg.flags_editor.region_hint.text().startswith("Lymfødem: ingen områder valgt")
    for code in ("shoulder-left", "elbow-left", "wrist-hand-left"):
        dlg.body_map.toggle(code)
    assert lymph.text() == "Lymfødem (venstre arm)"
    assert flag_text("lymphoedema", ["shoulder-left", "shoulder-right"]) == (
        "Lymfødem (begge skuldre)"
    )


def test_the_picker_and_the_plan_card_window_speak_bokmal(
    qtbot: QtBot, oslo: Clinic, worker: Worker, bokmal: None
) -> None:
    desk = Desk(oslo.store, worker, None, clock=lambda: datetime(2027, 1, 5, 12, 0))
    picker = PatientPickerDialog(oslo.store, worker, None, desk=desk)
    qtbot.addWidget(picker)
    assert picker.windowTitle() == "Velg pasient"
    assert picker.new_patient.text() == "&Ny pasient …"
    assert picker.search.placeholderText() == "Navn, telefon eller fødselsdato"
    card = PlanCardDialog(oslo.store, worker, 1)
    qtbot.addWidget(card)
    assert card.windowTitle() == "Timeoversikt"
    assert card.print_button.text() == "&Skriv ut …"
    assert card.save_button.text() == "&Lagre som PDF …"


def test_the_preview_says_its_sentences_in_bokmal(bokmal: None) -> None:
    start = datetime(2026, 12, 18, 10, 0)  # Fri 18 Dec; Fri 25 Dec and Fri 1 Jan are holidays
    before = _preview(_weekly(start, 3))
    text = summary_text(before)
    assert "<b>3 timer</b> · 18. des. 2026 til 4. jan. 2027: " in text
    assert "<b>1</b> ledig</span>" in text and "<b>2</b> flyttet" in text
    after = _preview(_weekly(start, 3, holiday_policy=HolidayPolicy.SKIP_EXTEND))
    note, changed = fix_note("extend", before, after)
    assert changed == {2, 3}
    assert note.startswith("Utvid planen: Behandling 2, man. 28. des. 10:00 → fre. 8. jan. 10:00: ")
    one = _preview(_weekly(start, 1))
    assert "<b>1 time</b>" in summary_text(one)
