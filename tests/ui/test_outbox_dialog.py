"""The Outbox in the window (issue 12): the dialog and its model, Send now, Retry and Resend,
the background sender and the status bar's counts, against a real SMTP server on loopback
(``smtp_server``, aiosmtpd) and rows made by the real services."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtTest import QAbstractItemModelTester, QTest

from planner.db.models import ClinicSetting, Patient
from planner.db.store import Store
from planner.services import outbox
from planner.services.booking import edits
from planner.services.outbox import OutboxEntry, list_outbox
from planner.services.schedule.patients import patient_detail, search_patients
from planner.ui.dialogs.outbox_dialog import OutboxDialog
from planner.ui.models.outbox_model import (
    FAILED_MARK,
    RETRY_MARK,
    STATE,
    TRIES,
    WHAT,
    WHEN,
    WHO,
    EntryRole,
    IdRole,
    OutboxModel,
    ProblemRole,
)
from planner.ui.outbox_sender import counts_text, note_for
from planner.ui.widgets.legend import Legend
from tests.smtp_server import SmtpServer, free_port

from .helpers import wait_active


def set_mail(store: Store, port: int, *, grace: int = 0) -> None:
    """The clinic's mail settings, as rows (plain SMTP on loopback, no login)."""
    values = {
        "mail_host": "127.0.0.1",
        "mail_port": str(port),
        "mail_security": "none",
        "mail_from": "desk@clinic.example",
        "mail_grace_seconds": str(grace),
    }
    with store.write("mail settings") as s:
        for key, value in values.items():
            row = s.get(ClinicSetting, key)
            if row is None:
                s.add(ClinicSetting(key=key, value=value))
            else:
                row.value = value


def agree(store: Store, patient_id: int, address: str, consent: bool = True) -> None:
    with store.write("patient e-mail") as s:
        p = s.get(Patient, patient_id)
        assert p is not None
        p.email = address
        p.email_consent = consent


def patients_with_future(store: Store, n: int) -> list[tuple[int, str, int]]:
    """``n`` patients with booked sessions well ahead of today: (id, name, a session id)."""
    ahead = date.today() + timedelta(days=3)
    out: list[tuple[int, str, int]] = []
    for p in search_patients(store, "", 5000):
        booked = [
            s.id
            for s in patient_detail(store, p.id).sessions
            if s.status == "booked" and s.start.date() > ahead
        ]
        if len(booked) >= 2:
            out.append((p.id, p.name, booked[-1]))
        if len(out) == n:
            return out
    raise AssertionError("the demo clinic has too few patients with sessions ahead")


def change(store: Store, session_id: int) -> None:
    """A change to a patient's sessions: the outbox notes a delivery to them."""
    edits.cancel(store, session_id, reason="patient asked")


@dataclass
class Rows:
    """Outbox rows in each state, made through the services; the patients by state."""

    names: dict[str, str]
    addresses: dict[str, str]


@pytest.fixture
def outbox_rows(demo_store: Store, smtp_server: SmtpServer) -> Rows:
    """One message sent, one failed (550), one being retried (451), one change that left
    nothing to send (consent withdrawn) and one waiting out its grace period."""
    set_mail(demo_store, smtp_server.port)
    people = patients_with_future(demo_store, 5)
    states = ("sent", "failed", "retrying", "nothing", "waiting")
    names, addresses = {}, {}
    for state, (_pid, name, _session) in zip(states, people, strict=True):
        names[state], addresses[state] = name, f"{state}@patients.example"
    for state, (pid, _name, session) in zip(states[:-1], people, strict=False):
        agree(demo_store, pid, addresses[state])
        change(demo_store, session)
    smtp_server.refuse(addresses["failed"], 550)
    smtp_server.refuse(addresses["retrying"], 451)
    agree(demo_store, people[3][0], addresses["nothing"], consent=False)
    report = outbox.run_due(demo_store, force=True)
    assert report.sent == 1 and report.failed == 1 and report.retrying == 1, report
    agree(demo_store, people[4][0], addresses["waiting"])  # after the run: still waiting
    change(demo_store, people[4][2])
    return Rows(names, addresses)


def by_state(entries: list[OutboxEntry], rows: Rows) -> dict[str, OutboxEntry]:
    who = {name: state for state, name in rows.names.items()}
    return {who[e.who]: e for e in entries if e.who in who}


def open_dialog(qtbot, window, **kw: Any) -> OutboxDialog:  # type: ignore[no-untyped-def]
    window.outbox.timer.stop()  # the rows stay as the test made them (no run every 15 s)
    dlg = OutboxDialog(window.store, window.worker, window, lane=window.outbox.lane, **kw)
    qtbot.addWidget(dlg)
    QAbstractItemModelTester(dlg.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    dlg.open()
    qtbot.waitUntil(lambda: dlg.loads >= 1 and not dlg.busy, timeout=10_000)
    return dlg


def select(dlg: OutboxDialog, name: str) -> OutboxEntry:
    row = next(r for r in range(dlg.model.rowCount()) if dlg.model.entry(r).who == name)
    dlg.table.selectRow(row)
    return dlg.model.entry(row)


def reloaded(qtbot, dlg: OutboxDialog) -> None:  # type: ignore[no-untyped-def]
    n = dlg.loads
    qtbot.waitUntil(lambda: dlg.loads > n and not dlg.busy, timeout=20_000)


# -- the model --------------------------------------------------------------------------------


def test_the_model_shows_each_state_in_words_and_marks_failures_not_by_colour_alone(  # type: ignore[no-untyped-def]
    qapp, demo_store, outbox_rows
) -> None:
    model = OutboxModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    entries = list_outbox(demo_store)
    model.set_entries(entries)
    assert model.rowCount() == len(entries) == 5 and model.columnCount() == 5
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "When",
        "To",
        "What",
        "State",
        "Tries",
    ]
    rows = {state: model.row_of(e.id) for state, e in by_state(entries, outbox_rows).items()}

    def text(state: str, col: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return model.data(model.index(rows[state], col), role)

    failed = text("failed", STATE)
    assert failed.startswith(FAILED_MARK + "failed: ") and "550" in failed
    name, address = outbox_rows.names["failed"], outbox_rows.addresses["failed"]
    assert text("failed", WHO) == f"{name}\n{address}"  # the address under the name
    assert text("failed", WHO, Qt.ItemDataRole.ToolTipRole) == f"{name} <{address}>"
    assert text("nothing", WHAT) == "calendar update"
    font = text("failed", WHEN, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert text("failed", STATE, Qt.ItemDataRole.ToolTipRole) == failed.removeprefix(FAILED_MARK)
    assert text("failed", STATE, ProblemRole) is True
    retrying = text("retrying", STATE)
    assert retrying.startswith(RETRY_MARK + "retrying: ") and "451" in retrying
    assert text("retrying", STATE, ProblemRole) is True
    assert text("retrying", WHEN, Qt.ItemDataRole.FontRole) is None  # bold is for failures
    assert text("sent", STATE) == "sent" and text("sent", TRIES) == "1"
    assert text("sent", WHAT).startswith("invitation: ")
    assert text("sent", STATE, ProblemRole) is False
    assert text("nothing", STATE) == "nothing to send: the patient has not agreed to e-mail"
    assert text("waiting", STATE) == "waiting"
    assert text("waiting", WHAT) == "calendar update (built when the grace period ends)"
    when = text("sent", WHEN)
    assert len(when.split()) == 5 and ":" in when  # Wed 02 Dec 2026 09:41, local
    entry = text("sent", WHEN, EntryRole)
    assert isinstance(entry, OutboxEntry) and text("sent", WHEN, IdRole) == entry.id
    assert model.data(model.index(0, 5)) is None  # out of range: nothing


def test_the_status_line_texts() -> None:
    assert counts_text({"waiting": 0, "queued": 0, "failed": 0}) == ""
    assert counts_text({"waiting": 2, "queued": 1, "failed": 1}) == (
        "Outbox: 2 waiting, 1 queued, ⚠ 1 failed"
    )
    report = outbox.RunReport(retrying=1)
    report.errors.append(
        "the mail server at smtp.example.com:587 did not answer; the message stays queued"
    )
    assert note_for(report) == (
        "E-mail not sent yet: the mail server at smtp.example.com:587 did not answer; retrying"
    )
    assert note_for(outbox.RunReport(sent=2)) == ""


# -- the dialog -------------------------------------------------------------------------------


def test_the_dialog_lists_the_outbox_and_offers_what_applies(  # type: ignore[no-untyped-def]
    qtbot, window, outbox_rows
) -> None:
    dlg = open_dialog(qtbot, window)
    assert dlg.model.rowCount() == 5
    assert dlg.show_done.isChecked()
    names = outbox_rows.names
    # Nothing chosen: Send now only.
    assert dlg.send_button.isEnabled()
    assert not dlg.retry_button.isEnabled() and not dlg.resend_button.isEnabled()
    select(dlg, names["failed"])
    assert dlg.retry_button.isEnabled() and dlg.resend_button.isEnabled()
    assert "550" in dlg.detail.text() and outbox_rows.addresses["failed"] in dlg.detail.text()
    select(dlg, names["sent"])
    assert not dlg.retry_button.isEnabled() and dlg.resend_button.isEnabled()
    select(dlg, names["retrying"])
    assert dlg.retry_button.isEnabled() and not dlg.resend_button.isEnabled()
    assert "Retrying: " in dlg.detail.text()
    select(dlg, names["waiting"])
    assert not dlg.retry_button.isEnabled() and not dlg.resend_button.isEnabled()
    select(dlg, names["nothing"])
    assert "has not agreed to e-mail" in dlg.detail.text()
    assert not dlg.retry_button.isEnabled() and not dlg.resend_button.isEnabled()
    # The selection outlives the reloads (every few seconds while open).
    select(dlg, names["failed"])
    dlg.reload()
    reloaded(qtbot, dlg)
    assert [e.who for e in dlg.selected_entries()] == [names["failed"]]
    # Only what is open: failed, being retried, waiting.
    wait_active(qtbot, dlg)
    qtbot.keyClick(dlg, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # Show … &too
    qtbot.waitUntil(lambda: not dlg.show_done.isChecked())  # a mnemonic clicks after a moment
    reloaded(qtbot, dlg)
    assert {e.who for e in dlg.model.entries()} == {
        names["failed"],
        names["retrying"],
        names["waiting"],
    }
    assert [e.who for e in dlg.selected_entries()] == [names["failed"]]
    # Esc closes it.
    QTest.keyClick(dlg.table, Qt.Key.Key_Escape)
    assert not dlg.isVisible() and not dlg.timer.isActive()


def test_retry_send_now_and_resend_change_the_rows(  # type: ignore[no-untyped-def]
    qtbot, window, demo_store, outbox_rows, smtp_server
) -> None:
    dlg = open_dialog(qtbot, window)
    names, addresses = outbox_rows.names, outbox_rows.addresses
    smtp_server.refused.clear()  # the addresses are fixed
    before = len(smtp_server.messages)

    # Retry puts the failed message back in the queue.
    failed = select(dlg, names["failed"])
    qtbot.mouseClick(dlg.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "back in the queue" in dlg.status.text(), timeout=10_000)
    reloaded(qtbot, dlg)
    row = dlg.model.entry(dlg.model.row_of(failed.id))
    assert row.status == "queued"
    assert [e.id for e in dlg.selected_entries()] == [failed.id]

    # Send now sends it, the one being retried and the waiting change (built without its
    # grace period), on the sender's lane, and says so.
    with qtbot.waitSignal(dlg.sig_changed, timeout=30_000):
        qtbot.mouseClick(dlg.send_button, Qt.MouseButton.LeftButton)
    assert dlg.status.text() == "3 message(s) sent, 1 built, 0 calendar(s) published."
    reloaded(qtbot, dlg)
    entries = by_state(dlg.model.entries(), outbox_rows)
    assert {entries[k].status for k in ("failed", "retrying", "waiting")} == {"sent"}
    got = {str(m["To"]).rpartition("<")[2].rstrip(">") for m in smtp_server.messages[before:]}
    assert got == {addresses["failed"], addresses["retrying"], addresses["waiting"]}

    # Resend queues a copy of a sent message, which Send now sends with a new Message-ID.
    sent = select(dlg, names["sent"])
    qtbot.mouseClick(dlg.resend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "A copy is queued" in dlg.status.text(), timeout=10_000)
    reloaded(qtbot, dlg)
    copies = [e for e in dlg.model.entries() if e.who == names["sent"] and e.id != sent.id]
    assert len(copies) == 1 and copies[0].status == "queued"
    assert [e.id for e in dlg.selected_entries()] == [copies[0].id]  # the copy is chosen
    n = len(smtp_server.messages)
    with qtbot.waitSignal(dlg.sig_changed, timeout=30_000):
        qtbot.mouseClick(dlg.send_button, Qt.MouseButton.LeftButton)
    assert len(smtp_server.messages) == n + 1
    first = next(m for m in smtp_server.messages if addresses["sent"] in str(m["To"]))
    assert smtp_server.messages[-1]["Message-ID"] != first["Message-ID"]
    assert smtp_server.messages[-1]["Subject"] == first["Subject"]


def test_send_now_says_why_nothing_got_out(  # type: ignore[no-untyped-def]
    qtbot, window, demo_store, outbox_rows
) -> None:
    set_mail(demo_store, free_port())  # nothing listens there
    dlg = open_dialog(qtbot, window)
    with qtbot.waitSignal(dlg.sig_changed, timeout=60_000):
        qtbot.mouseClick(dlg.send_button, Qt.MouseButton.LeftButton)
    text = dlg.status.text()
    assert "to retry" in text and "did not answer" in text, text


# -- the window -------------------------------------------------------------------------------


def test_outbox_from_the_menu_and_the_status_bar(  # type: ignore[no-untyped-def]
    qtbot, window, outbox_rows
) -> None:
    window.outbox.timer.stop()  # the rows stay as the test made them (no run every 15 s)
    window.outbox.refresh_counts()
    status = window.outbox_status
    qtbot.waitUntil(lambda: status.button.isVisible(), timeout=10_000)
    # waiting: the waiting change; queued: the one being retried; failed: the 550.
    assert status.button.text() == "Outbox: 1 waiting, 1 queued, ⚠ 1 failed"
    wait_active(qtbot, window)
    QTest.keyClick(
        window,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dlg = window.outbox_dialog
    assert isinstance(dlg, OutboxDialog) and dlg.isVisible()
    qtbot.waitUntil(lambda: dlg.loads >= 1, timeout=10_000)
    dlg.reject()
    qtbot.waitUntil(lambda: dlg not in window._dialogs)
    qtbot.mouseClick(status.button, Qt.MouseButton.LeftButton)
    assert window.outbox_dialog is not dlg and window.outbox_dialog.isVisible()
    window.outbox_dialog.reject()


@pytest.fixture
def sending_window(qtbot, demo_store, settings, clock) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """A window whose background sender runs every 0.3 s."""
    from planner.ui.main_window import MainWindow

    w = MainWindow(demo_store, settings, clock=clock, outbox_every_s=0.3)
    qtbot.addWidget(w)
    w.resize(1600, 1000)
    w.show()
    with qtbot.waitSignal(w.sig_week_shown, timeout=10_000):
        w.start()
    yield w
    w.close()
    w.worker.wait()


def test_the_background_sender_sends_off_the_window_and_stops_with_it(  # type: ignore[no-untyped-def]
    qtbot, sending_window, demo_store, smtp_server
) -> None:
    w = sending_window
    assert w.outbox.lane is not w.worker and w.outbox.lane.pool is not w.worker.pool
    assert w.outbox.pool.maxThreadCount() == 1
    set_mail(demo_store, smtp_server.port)
    ((pid, name, session),) = patients_with_future(demo_store, 1)
    agree(demo_store, pid, "kari@patients.example")
    change(demo_store, session)
    qtbot.waitUntil(lambda: len(smtp_server.messages) == 1, timeout=20_000)
    msg = smtp_server.messages[0]
    assert "kari@patients.example" in str(msg["To"]) and name in str(msg["To"])
    qtbot.waitUntil(lambda: not w.outbox_status.button.isVisible(), timeout=10_000)
    assert w.outbox_note.isHidden()
    runs = w.outbox.runs
    qtbot.waitUntil(lambda: w.outbox.runs >= runs + 2, timeout=10_000)  # it goes on
    w.close()
    assert not w.outbox.timer.isActive() and w.outbox.store is None
    assert w.outbox.pool.activeThreadCount() == 0  # no thread left running
    ended = w.outbox.runs
    QTest.qWait(1000)
    assert w.outbox.runs == ended  # and no run after it


def test_a_mail_server_that_does_not_answer_is_one_calm_line(  # type: ignore[no-untyped-def]
    qtbot, sending_window, demo_store, monkeypatch
) -> None:
    w = sending_window
    set_mail(demo_store, free_port())  # nothing listens there
    ((pid, _name, session),) = patients_with_future(demo_store, 1)
    agree(demo_store, pid, "kari@patients.example")
    change(demo_store, session)
    note = w.outbox_note
    qtbot.waitUntil(lambda: note.isVisible(), timeout=30_000)
    assert note.full_text().startswith("E-mail not sent yet: the mail server at 127.0.0.1:")
    assert note.full_text().endswith("did not answer; retrying")
    assert note.toolTip() == note.full_text()
    assert note.full_text() in w.outbox_status.button.toolTip()  # the bar may shorten it
    qtbot.waitUntil(lambda: "1 queued" in w.outbox_status.button.text(), timeout=10_000)


def test_a_run_that_raises_is_logged_and_said_not_a_dialog_every_time(  # type: ignore[no-untyped-def]
    qtbot, sending_window, monkeypatch, errors_shown, caplog
) -> None:
    w = sending_window

    def broken(store, **kw):  # type: ignore[no-untyped-def]
        raise RuntimeError("the database went away")

    monkeypatch.setattr(outbox, "run_due", broken)
    runs = w.outbox.runs
    qtbot.waitUntil(lambda: w.outbox.runs >= runs + 3, timeout=10_000)
    assert errors_shown == []
    assert "the database went away" in w.outbox_note.full_text()
    assert "retrying" in w.outbox_note.full_text()
    assert any("could not run" in r.getMessage() for r in caplog.records)


def test_the_outbox_dialog_fits_a_small_screen_and_can_be_shot(  # type: ignore[no-untyped-def]
    qtbot, window, outbox_rows
) -> None:
    dlg = open_dialog(qtbot, window)
    assert dlg.width() <= 1280 - 40 and dlg.height() <= 720 - 40
    select(dlg, outbox_rows.names["failed"])
    shots = os.environ.get("PLANNER_SHOTS")
    if shots:
        folder = Path(shots)
        folder.mkdir(parents=True, exist_ok=True)
        dlg.grab().save(str(folder / "outbox-dialog.png"))
        window.outbox.refresh_counts()
        qtbot.waitUntil(lambda: window.outbox_status.button.isVisible(), timeout=10_000)
        qtbot.wait(1500)  # the live note about the rows the test wrote comes and is cleared
        window.statusBar().clearMessage()
        window.outbox_note.set_note(
            "E-mail not sent yet: the mail server at smtp.clinic.example:587 did not answer; "
            "retrying"
        )
        window.grab().save(str(folder / "outbox-statusbar.png"))
        window.resize(1280, 720)
        qtbot.wait(200)
        window.grab().save(str(folder / "outbox-statusbar-1280.png"))
    # However narrow the bar, the note is shortened, never pushing the legend off.
    window.statusBar().clearMessage()  # a passing note ("Updated from …") hides it a moment
    window.outbox_note.set_note("E-mail not sent yet: " + "the mail server did not answer " * 8)
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.outbox_note.isVisible())
    qtbot.wait(50)
    note = window.outbox_note
    assert note.width() < note.sizeHint().width()  # it gave way ...
    shown = note.text()
    assert shown.startswith("E-mail") and len(shown) < len(note.full_text())  # ... shortened
    assert note.fontMetrics().horizontalAdvance(shown) <= note.width()
    bar = window.statusBar()
    legend = bar.findChild(Legend)
    assert legend is not None and legend.geometry().right() < bar.width()
    assert legend.width() >= legend.sizeHint().width()  # whole, not squeezed
