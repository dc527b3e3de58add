"""The schedule bar, the start field, the e-mail tab, the outbox and the new-plan dialog in
bokmål (issue 14): their texts come from the catalogue, their dates from CLDR."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from planner.errors import BadInput
from planner.services.schedule.patients import search_patients
from planner.ui.dialogs.mail_settings_page import MailSettingsPage, no_keyring_text
from planner.ui.widgets.schedule_bar import ScheduleBar
from planner.ui.widgets.when_field import WhenField, read_time


def test_the_week_header_reads_uke_and_norwegian_days(qtbot, bokmal) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    a = [QAction(parent) for _ in range(6)]
    bar = ScheduleBar(a[0], a[1], a[2], a[3], a[4], a[5], parent)
    bar.set_range(date(2026, 11, 30), 7, "week")
    assert bar.range_button.text() == "man. 30. nov. – søn. 6. des. 2026  ·  uke 49"
    assert bar.today.text() == "I dag"
    assert bar.filter_button.text() == "Vis: alle"
    assert bar.columns.itemText(0) == "Etter behandler"
    bar.set_range(date(2026, 12, 1), 1, "day")
    assert bar.range_button.text() == "tirsdag 1. desember 2026"


def test_the_week_header_in_english(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    a = [QAction(parent) for _ in range(6)]
    bar = ScheduleBar(a[0], a[1], a[2], a[3], a[4], a[5], parent)
    bar.set_range(date(2026, 12, 28), 7, "week")
    assert bar.range_button.text() == "Mon, 28 Dec 2026 – Sun, 3 Jan 2027  ·  week 53"


def test_the_start_field_speaks_bokmal(qtbot, bokmal) -> None:  # type: ignore[no-untyped-def]
    field = WhenField(datetime(2026, 11, 30, 9, 0), what="new start")
    qtbot.addWidget(field)
    assert field.day.edit.accessibleName() == "Dag for ny start"
    assert field.time.accessibleName() == "Klokkeslett for ny start"
    assert field.time.placeholderText() == "tt:mm"
    assert field.weekday.text() == "mandag"
    with pytest.raises(BadInput) as refused:
        read_time("25:00")
    assert refused.value.message == "«25:00» er ikke et klokkeslett: timene går fra 00 til 23"


def test_the_mail_tab_speaks_bokmal(qtbot, bokmal) -> None:  # type: ignore[no-untyped-def]
    page = MailSettingsPage()
    qtbot.addWidget(page)
    assert page.group.title() == "Send pasientene timene deres på e-post"
    assert page.grace.suffix() == " minutter"
    assert page.test_button.text() == "Send &testmelding …"
    assert no_keyring_text().startswith("Denne maskinen har ingen systemnøkkelring")


def test_the_outbox_and_a_plural_in_bokmal(qtbot, window, bokmal) -> None:  # type: ignore[no-untyped-def]
    from planner.ui.dialogs.new_plan import NewPlanDialog
    from planner.ui.dialogs.outbox_dialog import OutboxDialog

    outbox = OutboxDialog(window.store, window.worker, window, lane=window.outbox.lane)
    qtbot.addWidget(outbox)
    assert outbox.windowTitle() == "Utboks"
    assert outbox.send_button.text() == "&Send nå"
    qtbot.waitUntil(lambda: outbox.loads > 0, timeout=10_000)
    outbox.reject()

    data = window.model.range_data
    practitioner = window.directory.practitioners_at(data.location.id)[0]
    patient = search_patients(window.store, "", 1)[0]
    dlg = NewPlanDialog(
        window.store,
        window.worker,
        window.desk,
        window.directory,
        window,
        patient=patient,
        location_id=data.location.id,
        practitioner_id=practitioner.id,
        local_now=window.local_now,
    )
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Ny behandlingsplan"
    qtbot.waitUntil(lambda: not dlg.busy and dlg.preview is not None, timeout=20_000)
    assert dlg.preview is not None
    n = len(dlg.preview.sessions)
    assert n > 1 and dlg.book_button.text() == f"&Bestill {n} timer"
