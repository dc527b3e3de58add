"""Registering and editing patients in the window: the form, the duplicate question, undo,
the search that finds by date of birth, the panel's and the picker's New patient."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester, QTest
from pytestqt.qtbot import QtBot

from planner.core.domain import ScreeningFlag
from planner.db.store import Store
from planner.errors import NotFound
from planner.services import clinic
from planner.services.booking.plans import PlanRequest, book
from planner.services.patient_records import Duplicate, patient_record
from planner.services.schedule.patients import search_patients
from planner.ui.desk import Desk
from planner.ui.dialogs import patient_dialog
from planner.ui.dialogs.patient_dialog import PatientDialog, prefill_fields
from planner.ui.dialogs.patient_picker import PatientPickerDialog
from planner.ui.models.patient_models import (
    DateOfBirthRole,
    NextSessionRole,
    PatientSearchModel,
)
from planner.ui.widgets.patient_panel import PatientPanel
from planner.ui.worker import Worker

from ..conftest import Clinic

TODAY = date(2026, 12, 1)
NOW = datetime(2027, 1, 5, 12, 0)
"""The desk's clock (naive UTC) for the tests that book: before the 2027 plans."""


@pytest.fixture
def worker(qapp: Any) -> Iterator[Worker]:
    w = Worker()
    yield w
    w.wait()


@pytest.fixture
def desk(oslo: Clinic, worker: Worker) -> Desk:
    return Desk(oslo.store, worker, None, clock=lambda: NOW)


def _dialog(qtbot: QtBot, oslo: Clinic, worker: Worker, desk: Desk, **kw: Any) -> PatientDialog:
    dlg = PatientDialog(oslo.store, worker, desk, None, today=lambda: TODAY, **kw)
    qtbot.addWidget(dlg)
    dlg.show()
    if kw.get("patient_id"):
        qtbot.waitUntil(lambda: not dlg.loading, timeout=5_000)
    return dlg


def _names(store: Store) -> list[str]:
    return sorted(r.name for r in search_patients(store, "", 500))


def _save(qtbot: QtBot, dlg: PatientDialog) -> int:
    with qtbot.waitSignal(dlg.sig_saved, timeout=5_000) as saved:
        QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    return int(saved.args[0]) if saved.args else 0


def _no_duplicates_asked(monkeypatch: pytest.MonkeyPatch) -> list[list[Duplicate]]:
    asked: list[list[Duplicate]] = []

    def record(parent: Any, found: list[Duplicate]) -> str:
        asked.append(found)
        return patient_dialog.SAVE_ANYWAY

    monkeypatch.setattr(patient_dialog, "ask_duplicate", record)
    return asked


# -- a new patient ----------------------------------------------------------------------------


def test_typing_a_new_patient_registers_them_and_undo_takes_it_back(
    qtbot: QtBot, oslo: Clinic, worker: Worker, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = _no_duplicates_asked(monkeypatch)
    dlg = _dialog(qtbot, oslo, worker, desk, prefill="Astrid Berg")
    assert dlg.windowTitle() == "New patient"
    hint = dlg.minimumSizeHint()  # fits a 1280x720 screen, buttons and all
    assert hint.width() <= 1240 and hint.height() <= 680
    assert dlg.height() <= 680
    assert dlg.name.text() == "Astrid Berg" and dlg.dob.placeholderText() == "dd.mm.yyyy"
    QTest.keyClicks(dlg.dob, "13.5.1973")
    assert dlg.dob_message.text() == "Sunday, 13 May 1973, 53 years old"
    QTest.keyClicks(dlg.phone, "412 34 567")
    dlg.language.setCurrentIndex(dlg.language.findData("nb"))
    assert dlg.language.currentText() == "Norsk bokmål"
    dlg.flag_boxes[ScreeningFlag.ANTICOAGULANTS].setChecked(True)
    lymph = dlg.flag_boxes[ScreeningFlag.LYMPHOEDEMA]
    lymph.setChecked(True)
    assert dlg.region_flag.currentText() == "Lymphoedema"
    for code in ("shoulder-left", "elbow-left", "wrist-hand-left"):
        dlg.body_map.toggle(code)
    assert lymph.text() == "Lymphoedema (left arm)"
    QTest.keyClicks(dlg.notes, "Referred by her GP")
    pid = _save(qtbot, dlg)
    assert asked == []  # nobody like her
    assert not dlg.isVisible()
    rec = patient_record(oslo.store, pid)
    assert (rec.name, rec.date_of_birth, rec.phone, rec.language, rec.notes) == (
        "Astrid Berg",
        date(1973, 5, 13),
        "412 34 567",
        "nb",
        "Referred by her GP",
    )
    assert rec.flag_specs == (
        "anticoagulants",
        "lymphoedema:shoulder-left,elbow-left,wrist-hand-left",
    )
    assert desk.stack.undoText() == "Register Astrid Berg"
    assert desk.undo()
    qtbot.waitUntil(lambda: not desk.busy, timeout=5_000)
    with pytest.raises(NotFound):
        patient_record(oslo.store, pid)
    assert desk.redo()
    qtbot.waitUntil(lambda: not desk.busy, timeout=5_000)
    assert patient_record(oslo.store, pid) == rec  # the same id, flags and all


def test_a_date_that_does_not_exist_is_said_under_the_field_and_nothing_is_saved(
    qtbot: QtBot, oslo: Clinic, worker: Worker, desk: Desk
) -> None:
    before = _names(oslo.store)
    dlg = _dialog(qtbot, oslo, worker, desk)
    QTest.keyClicks(dlg.name, "Astrid Berg")
    QTest.keyClicks(dlg.dob, "30.02.1980")
    assert dlg.dob_message.isVisible()
    assert dlg.dob_message.text() == "'30.02.1980' is not a date: February 1980 has 29 days"
    QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and not dlg.saving
    assert dlg.error_label.text() == (
        "Not saved: '30.02.1980' is not a date: February 1980 has 29 days"
    )
    assert dlg.dob.hasFocus() or dlg.focusWidget() is dlg.dob
    assert (dlg.name.text(), dlg.dob.text()) == ("Astrid Berg", "30.02.1980")
    assert _names(oslo.store) == before
    # Fixing the date clears the message and saves.
    dlg.dob.setText("29.02.1980")
    assert dlg.dob_message.text().startswith("Friday, 29 February 1980")
    _save(qtbot, dlg)
    assert "Astrid Berg" in _names(oslo.store)


def test_prefill_from_the_search_field_puts_the_text_in_the_right_field() -> None:
    assert prefill_fields("astrid", today=TODAY) == ("astrid", "", "")
    assert prefill_fields("412 34 567", today=TODAY) == ("", "412 34 567", "")
    assert prefill_fields("130573", today=TODAY) == ("", "", "13.05.1973")
    assert prefill_fields("13.05.1973", today=TODAY) == ("", "", "13.05.1973")
    assert prefill_fields("  ", today=TODAY) == ("", "", "")


# -- duplicates -------------------------------------------------------------------------------


@pytest.fixture
def astrid(oslo: Clinic) -> int:
    return clinic.add_patient(
        oslo.store, "Astrid Berg", date_of_birth=date(1973, 5, 13), phone="412 34 567"
    ).id


def _typed_astrid(qtbot: QtBot, dlg: PatientDialog) -> None:
    QTest.keyClicks(dlg.name, "astrid berg")
    QTest.keyClicks(dlg.dob, "130573")


@pytest.mark.parametrize(
    ("answer", "saved"),
    [(patient_dialog.BACK, False), (patient_dialog.SAVE_ANYWAY, True)],
)
def test_a_second_patient_with_the_same_name_and_birth_asks_first(
    qtbot: QtBot,
    oslo: Clinic,
    worker: Worker,
    desk: Desk,
    astrid: int,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    saved: bool,
) -> None:
    questions: list[str] = []

    def ask(parent: Any, found: list[Duplicate]) -> str:
        questions.append(f"A patient with this {found[0].reason} exists: {found[0].describe()}")
        return answer

    monkeypatch.setattr(patient_dialog, "ask_duplicate", ask)
    dlg = _dialog(qtbot, oslo, worker, desk)
    _typed_astrid(qtbot, dlg)
    QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(questions) and not dlg.saving and not desk.busy, timeout=5_000)
    assert questions == [
        "A patient with this name and date of birth exists: Astrid Berg, born 13.05.1973, "
        "412 34 567"
    ]
    count = len(search_patients(oslo.store, "13.05.1973"))
    if saved:
        qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=5_000)
        assert count == 2
    else:
        assert dlg.isVisible() and dlg.name.text() == "astrid berg"  # back to the form, as typed
        assert count == 1
        monkeypatch.setattr(patient_dialog, "ask_discard", lambda parent: True)  # teardown


def test_open_existing_closes_the_dialog_and_names_that_patient(
    qtbot: QtBot,
    oslo: Clinic,
    worker: Worker,
    desk: Desk,
    astrid: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(patient_dialog, "ask_duplicate", lambda p, f: patient_dialog.OPEN_EXISTING)
    dlg = _dialog(qtbot, oslo, worker, desk)
    QTest.keyClicks(dlg.name, "Someone Else")
    QTest.keyClicks(dlg.phone, "+47 41 23 45 67")  # Astrid's number
    with qtbot.waitSignal(dlg.sig_open_existing, timeout=5_000) as opened:
        QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert opened.args == [astrid]
    assert not dlg.isVisible()
    assert "Someone Else" not in _names(oslo.store)


# -- editing ----------------------------------------------------------------------------------


def test_editing_a_patient_is_one_undoable_change(
    qtbot: QtBot, oslo: Clinic, worker: Worker, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_duplicates_asked(monkeypatch)
    before = patient_record(oslo.store, oslo.ola)
    dlg = _dialog(qtbot, oslo, worker, desk, patient_id=oslo.ola)
    assert dlg.windowTitle() == "Edit patient: Ola Hansen"
    assert dlg.flag_boxes[ScreeningFlag.ANTICOAGULANTS].isChecked()
    assert not dlg.dirty
    dlg.phone.clear()
    QTest.keyClicks(dlg.phone, "+47 911 11 111")
    dlg.flag_boxes[ScreeningFlag.ANTICOAGULANTS].setChecked(False)
    dlg.flag_boxes[ScreeningFlag.LYMPHOEDEMA].setChecked(True)
    dlg.body_map.toggle("knee-right")
    QTest.keyClicks(dlg.chart, "C-9")
    assert dlg.dirty
    assert _save(qtbot, dlg) == oslo.ola
    after = patient_record(oslo.store, oslo.ola)
    assert (after.phone, after.chart_number, after.flag_specs) == (
        "+47 911 11 111",
        "C-9",
        ("lymphoedema:knee-right",),
    )
    assert desk.stack.undoText() == "Edit the details of Ola Hansen"
    assert desk.undo()
    qtbot.waitUntil(lambda: not desk.busy, timeout=5_000)
    assert patient_record(oslo.store, oslo.ola) == before
    assert desk.redo()
    qtbot.waitUntil(lambda: not desk.busy, timeout=5_000)
    assert patient_record(oslo.store, oslo.ola) == after


def test_a_refused_save_is_shown_in_the_dialog_which_keeps_everything_typed(
    qtbot: QtBot, oslo: Clinic, worker: Worker, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    clinic.add_patient(oslo.store, "Kari Other", chart_number="K-1")
    before = patient_record(oslo.store, oslo.kari)
    dlg = _dialog(qtbot, oslo, worker, desk, patient_id=oslo.kari)
    QTest.keyClicks(dlg.chart, "K-1")
    QTest.keyClicks(dlg.notes, "Call after 4 pm")
    QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)  # no duplicate check: same name
    qtbot.waitUntil(lambda: not dlg.saving and bool(dlg.error), timeout=5_000)
    assert dlg.isVisible()
    assert dlg.error_label.text() == (
        "Not saved: chart number K-1 belongs to another patient (Kari Other)"
    )
    assert (dlg.chart.text(), dlg.notes.toPlainText()) == ("K-1", "Call after 4 pm")
    assert patient_record(oslo.store, oslo.kari) == before
    assert not desk.stack.canUndo()
    monkeypatch.setattr(patient_dialog, "ask_discard", lambda parent: True)  # teardown


def test_unsaved_changes_are_asked_about_before_they_are_discarded(
    qtbot: QtBot, oslo: Clinic, worker: Worker, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [False, True]
    asked: list[bool] = []

    def ask(parent: Any) -> bool:
        asked.append(True)
        return answers.pop(0)

    monkeypatch.setattr(patient_dialog, "ask_discard", ask)
    dlg = _dialog(qtbot, oslo, worker, desk, prefill="Astrid")
    QTest.keyClick(dlg, Qt.Key.Key_Escape)  # only the pre-fill: nothing typed here
    assert not dlg.isVisible() and asked == []
    dlg = _dialog(qtbot, oslo, worker, desk)
    QTest.keyClicks(dlg.name, "Astrid Berg")
    QTest.keyClick(dlg, Qt.Key.Key_Escape)
    assert dlg.isVisible() and dlg.name.text() == "Astrid Berg"  # "keep editing"
    QTest.mouseClick(dlg.cancel_button, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible() and len(asked) == 2


def test_undoing_a_registration_is_refused_once_the_patient_has_a_plan(
    qtbot: QtBot,
    oslo: Clinic,
    worker: Worker,
    desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
    errors_shown: list[str],
) -> None:
    _no_duplicates_asked(monkeypatch)
    dlg = _dialog(qtbot, oslo, worker, desk, prefill="Nils Nilsen")
    dlg.name.setText("Nils Nilsen")
    pid = _save(qtbot, dlg)
    book(
        oslo.store,
        PlanRequest(
            patient_id=pid,
            practitioner_id=oslo.practitioner,
            start="2027-03-02T10:00",
            template="Fibromyalgia acupuncture",
        ),
        now=NOW,
    )
    messages: list[str] = []
    desk.sig_message.connect(messages.append)
    assert desk.undo()
    qtbot.waitUntil(lambda: not desk.busy and bool(errors_shown), timeout=5_000)
    assert patient_record(oslo.store, pid).name == "Nils Nilsen"
    assert errors_shown[0].startswith("Nils Nilsen has a treatment plan now")
    assert messages[-1].startswith("Could not undo “Register Nils Nilsen”")


# -- the search model, the panel and the picker ------------------------------------------------


def test_search_rows_show_the_date_of_birth_and_the_next_session(
    qtbot: QtBot, oslo: Clinic, astrid: int
) -> None:
    clinic.add_patient(oslo.store, "Astrid Berg", date_of_birth=date(1990, 1, 2))
    book(
        oslo.store,
        PlanRequest(
            patient_id=astrid,
            practitioner_id=oslo.practitioner,
            start="2027-03-02T10:00",
            template="Fibromyalgia acupuncture",
        ),
        now=NOW,
    )
    model = PatientSearchModel(today=lambda: date(2027, 1, 5))
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_rows(search_patients(oslo.store, "astrid", now=NOW))
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert sorted(shown) == [
        "Astrid Berg\n02.01.1990",
        "Astrid Berg\n13.05.1973  ·  412 34 567  ·  next Tue 2 Mar 10:00",
    ]
    first = next(
        r for r in range(2) if model.index(r, 0).data(DateOfBirthRole) == date(1973, 5, 13)
    )
    assert model.index(first, 0).data(NextSessionRole) == datetime(2027, 3, 2, 10, 0)
    model.set_rows(search_patients(oslo.store, "13.05.1973", now=NOW))
    assert model.rowCount() == 1
    model.set_rows([])
    del tester


def test_the_panel_offers_a_new_patient_with_what_was_typed(
    qtbot: QtBot, oslo: Clinic, worker: Worker, astrid: int
) -> None:
    panel = PatientPanel(oslo.store, worker, None, clock=lambda: NOW)
    qtbot.addWidget(panel)
    panel.show()
    QTest.keyClicks(panel.search, "13.05.1973")
    qtbot.waitUntil(lambda: not panel.searching and panel.results_model.rowCount() == 1)
    assert panel.results_model.patient(0).id == astrid
    assert not panel.no_match.isVisible()
    panel.search.clear()
    QTest.keyClicks(panel.search, "Nobody Here")
    qtbot.waitUntil(lambda: not panel.searching and panel.no_match.isVisible())
    assert panel.no_match.text() == (
        "No patient found — press Ctrl+Alt+N to register “Nobody Here” as a new patient"
    )
    with qtbot.waitSignal(panel.sig_new_patient_requested) as asked:
        QTest.mouseClick(panel.new_patient, Qt.MouseButton.LeftButton)
    assert asked.args == ["Nobody Here"]
    # The edit button asks for the shown patient; after a save the panel shows the patient.
    with qtbot.waitSignal(panel.sig_patient_selected):
        panel.patient_saved(astrid)
    assert panel.name.text() == "Astrid Berg"
    assert "born 13.05.1973" in panel.info.text()
    with qtbot.waitSignal(panel.sig_edit_patient_requested) as edit:
        QTest.mouseClick(panel.edit_patient, Qt.MouseButton.LeftButton)
    assert edit.args == [astrid]


def test_the_panel_lets_go_of_a_patient_whose_registration_was_undone(
    qtbot: QtBot, oslo: Clinic, worker: Worker
) -> None:
    from planner.services.patient_records import remove_new_patient

    panel = PatientPanel(oslo.store, worker, None, clock=lambda: NOW)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.sig_patient_selected):
        panel.show_patient(oslo.nina)
    remove_new_patient(oslo.store, oslo.nina)
    with qtbot.waitSignal(panel.sig_patient_selected) as cleared:
        panel.refresh()
    assert cleared.args == [0] and panel.detail is None


def test_the_picker_registers_a_new_patient_and_chooses_them(
    qtbot: QtBot, oslo: Clinic, worker: Worker, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_duplicates_asked(monkeypatch)
    picker = PatientPickerDialog(oslo.store, worker, None, desk=desk)
    qtbot.addWidget(picker)
    picker.show()
    QTest.keyClicks(picker.search, "Siri Moe")
    qtbot.waitUntil(lambda: picker.no_match.isVisible(), timeout=5_000)
    QTest.mouseClick(picker.new_patient, Qt.MouseButton.LeftButton)
    dlg = picker.patient_dialog
    assert dlg is not None and dlg.name.text() == "Siri Moe"
    QTest.keyClicks(dlg.dob, "010190")
    with qtbot.waitSignal(picker.accepted, timeout=5_000):
        QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    chosen = picker.chosen()
    assert chosen is not None
    assert (chosen.name, chosen.date_of_birth) == ("Siri Moe", date(1990, 1, 1))


def test_without_a_desk_the_picker_has_no_new_patient_button(
    qtbot: QtBot, oslo: Clinic, worker: Worker
) -> None:
    picker = PatientPickerDialog(oslo.store, worker, None)
    qtbot.addWidget(picker)
    picker.show()
    assert not picker.new_patient.isVisible()


def test_the_patient_cards_buttons_are_not_cut_off_in_a_narrow_panel(
    qtbot: QtBot, oslo: Clinic, worker: Worker, astrid: int
) -> None:
    from planner.ui.main_window import PANEL_MIN_W

    panel = PatientPanel(oslo.store, worker, None, clock=lambda: NOW)
    qtbot.addWidget(panel)
    panel.resize(PANEL_MIN_W, 600)
    panel.show()
    with qtbot.waitSignal(panel.sig_patient_selected):
        panel.patient_saved(astrid)
    qtbot.waitUntil(panel.export.isVisible)
    # The card fits the narrowest panel with every button whole (three in a row did not).
    assert panel.card.minimumSizeHint().width() <= PANEL_MIN_W
    for button in (panel.new_plan, panel.edit_patient, panel.export):
        assert button.width() >= button.sizeHint().width(), button.text()
