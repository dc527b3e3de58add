"""A patient's form saved after another desk changed the patient: refused with what changed,
nothing written, what was typed kept; the form then shows the other desk's values in the
fields not typed in, and saving again writes both (issue 11, item 1)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from planner.db.audit import Author
from planner.db.store import Store
from planner.errors import ChangedElsewhere
from planner.services.patient_records import (
    PatientFields,
    edit_patient,
    patient_record,
    save_patient,
)
from planner.ui.desk import Desk
from planner.ui.dialogs.patient_dialog import PatientDialog
from planner.ui.worker import Worker

from ..conftest import Clinic

NOTE = "Prefers mornings"


@pytest.fixture
def worker(qapp: Any) -> Iterator[Worker]:
    w = Worker()
    yield w
    w.wait()


@pytest.fixture
def other_desk(db_path: Path, oslo: Clinic) -> Iterator[Store]:
    other = Store(str(db_path), author=Author("Reception 2", "anne", "window"))
    yield other
    other.close()


def test_the_service_refuses_a_stale_record_and_names_the_fields_not_the_values(
    oslo: Clinic, other_desk: Store
) -> None:
    seen = patient_record(oslo.store, oslo.kari)
    edit_patient(other_desk, oslo.kari, phone="+47 911 22 333", notes=NOTE)
    with pytest.raises(ChangedElsewhere):  # the form's whole record, as the window saves it
        save_patient(oslo.store, oslo.kari, PatientFields(name="Kari Nordmann"), expect=seen)
    with pytest.raises(ChangedElsewhere) as refused:
        edit_patient(oslo.store, oslo.kari, email="kari@example.org", expect=seen)
    assert refused.value.message == (
        "this patient was changed at another desk a moment ago: Kari Nordmann's phone and "
        "notes were changed; look again"
    )
    assert NOTE not in refused.value.message and "911" not in refused.value.message
    assert patient_record(oslo.store, oslo.kari).email == ""  # nothing written
    now = patient_record(oslo.store, oslo.kari)
    edit_patient(oslo.store, oslo.kari, email="kari@example.org", expect=now)  # fresh: fine


def test_a_stale_patient_form_is_refused_and_keeps_what_was_typed(
    qtbot: QtBot, oslo: Clinic, worker: Worker, other_desk: Store
) -> None:
    desk = Desk(oslo.store, worker, None)
    dlg = PatientDialog(oslo.store, worker, desk, None, patient_id=oslo.kari)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: not dlg.loading, timeout=5_000)
    QTest.keyClicks(dlg.email, "kari@example.org")
    edit_patient(other_desk, oslo.kari, notes=NOTE)  # meanwhile, at the next desk

    QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dlg.error) and not dlg.saving, timeout=5_000)
    assert dlg.isVisible()
    text = dlg.error_label.text()
    assert text.startswith("Not saved: this patient was changed at another desk a moment ago")
    assert "Kari Nordmann's notes were changed; look again" in text
    assert "what you typed kept" in text
    assert dlg.email.text() == "kari@example.org"  # typed: kept
    assert dlg.notes.toPlainText() == NOTE  # not typed in: the other desk's value shown
    record = patient_record(oslo.store, oslo.kari)
    assert (record.email, record.notes) == ("", NOTE)  # nothing written over it
    assert not desk.stack.canUndo()
    assert dlg.dirty

    with qtbot.waitSignal(dlg.sig_saved, timeout=5_000):  # saved again, knowingly
        QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    record = patient_record(oslo.store, oslo.kari)
    assert (record.email, record.notes) == ("kari@example.org", NOTE)
    assert desk.stack.canUndo()
