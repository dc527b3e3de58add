"""The patient dialog's e-mail consent: beside the e-mail field, usable only with an address,
saved with the other fields (new and edited patients), kept by the stale-edit rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from planner.services.patient_records import edit_patient, patient_record
from planner.ui.desk import Desk
from planner.ui.dialogs import patient_dialog
from planner.ui.dialogs.patient_dialog import PatientDialog
from planner.ui.worker import Worker

from ..conftest import Clinic
from .helpers import wait_active

TODAY = date(2026, 12, 1)
NOW = datetime(2027, 1, 5, 12, 0)


@pytest.fixture
def worker(qapp: Any) -> Iterator[Worker]:
    w = Worker()
    yield w
    w.wait()


@pytest.fixture
def desk(oslo: Clinic, worker: Worker) -> Desk:
    return Desk(oslo.store, worker, None, clock=lambda: NOW)


@pytest.fixture(autouse=True)
def no_duplicates_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patient_dialog, "ask_duplicate", lambda p, f: patient_dialog.SAVE_ANYWAY)
    monkeypatch.setattr(patient_dialog, "ask_discard", lambda parent: True)


def dialog(qtbot: QtBot, oslo: Clinic, worker: Worker, desk: Desk, **kw: Any) -> PatientDialog:
    dlg = PatientDialog(oslo.store, worker, desk, None, today=lambda: TODAY, **kw)
    qtbot.addWidget(dlg)
    dlg.show()
    if kw.get("patient_id"):
        qtbot.waitUntil(lambda: not dlg.loading, timeout=5_000)
    return dlg


def save(qtbot: QtBot, dlg: PatientDialog) -> int:
    with qtbot.waitSignal(dlg.sig_saved, timeout=5_000) as saved:
        QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    return int(saved.args[0])


def test_the_consent_needs_an_address_and_a_new_patient_can_give_it(
    qtbot: QtBot, oslo: Clinic, worker: Worker, desk: Desk
) -> None:
    dlg = dialog(qtbot, oslo, worker, desk, prefill="Astrid Berg")
    box = dlg.consent
    assert box.text() == "Sen&d appointments by e-mail"
    assert not box.isEnabled() and "e-mail address first" in box.toolTip()
    QTest.keyClicks(dlg.email, "astrid@example.no")
    assert box.isEnabled() and not box.isChecked() and "invitations" in box.toolTip()
    # Alt+D ticks it from the keyboard (its mnemonic).
    wait_active(qtbot, dlg)
    QTest.keyClick(dlg, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(box.isChecked, timeout=2_000)  # a mnemonic clicks after a short animation
    dlg.email.clear()  # no address: nothing to agree to
    assert not box.isChecked() and not box.isEnabled()
    QTest.keyClicks(dlg.email, "astrid@example.no")
    box.setChecked(True)
    pid = save(qtbot, dlg)
    rec = patient_record(oslo.store, pid)
    assert rec.email == "astrid@example.no" and rec.email_consent


def test_an_edited_patient_s_consent_is_shown_saved_and_read_back(
    qtbot: QtBot, oslo: Clinic, worker: Worker, desk: Desk
) -> None:
    edit_patient(oslo.store, oslo.kari, email="kari@example.no", email_consent=True)
    dlg = dialog(qtbot, oslo, worker, desk, patient_id=oslo.kari)
    assert dlg.consent.isEnabled() and dlg.consent.isChecked() and not dlg.dirty
    dlg.consent.setChecked(False)
    assert dlg.dirty
    save(qtbot, dlg)
    assert not patient_record(oslo.store, oslo.kari).email_consent
    assert desk.stack.undoText() == "Edit the details of Kari Nordmann"
    again = dialog(qtbot, oslo, worker, desk, patient_id=oslo.kari)
    assert not again.consent.isChecked()
    again.consent.setChecked(True)
    save(qtbot, again)
    assert patient_record(oslo.store, oslo.kari).email_consent
    assert desk.undo()  # the edit's undo takes the consent back too
    qtbot.waitUntil(lambda: not desk.busy, timeout=5_000)
    assert not patient_record(oslo.store, oslo.kari).email_consent


def test_a_refused_address_saves_no_consent(
    qtbot: QtBot, oslo: Clinic, worker: Worker, desk: Desk
) -> None:
    before = patient_record(oslo.store, oslo.kari)
    dlg = dialog(qtbot, oslo, worker, desk, patient_id=oslo.kari)
    dlg.email.setText("kari@")
    dlg.consent.setChecked(True)
    QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and dlg.error_label.text().startswith("Not saved:")
    assert dlg.consent.isChecked()  # kept as typed
    assert patient_record(oslo.store, oslo.kari) == before


def test_consent_given_at_another_desk_meanwhile_is_shown_and_the_typed_phone_kept(
    qtbot: QtBot, oslo: Clinic, worker: Worker, desk: Desk
) -> None:
    edit_patient(oslo.store, oslo.kari, email="kari@example.no")
    dlg = dialog(qtbot, oslo, worker, desk, patient_id=oslo.kari)
    assert not dlg.consent.isChecked()
    edit_patient(oslo.store, oslo.kari, email_consent=True)  # another desk
    dlg.phone.setText("+47 911 22 333")
    QTest.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.saving and "another desk" in dlg.error, timeout=5_000)
    assert "e-mail consent" in dlg.error
    assert dlg.consent.isChecked() and dlg.phone.text() == "+47 911 22 333"
    save(qtbot, dlg)
    rec = patient_record(oslo.store, oslo.kari)
    assert rec.email_consent and rec.phone == "+47 911 22 333"
