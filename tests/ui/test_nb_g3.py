"""The session dialogs, the Settings dialog and the clinic set-up's pages in bokmål (issue 14),
and the Settings dialog's language choice (saved with the other preferences)."""

from __future__ import annotations

from datetime import date, datetime

from planner.core.outcomes import Measure
from planner.services.schedule.values import SessionInfo
from planner.ui.dialogs.session_dialogs import AttendDialog, CancelDialog, MoveDialog
from planner.ui.dialogs.settings_dialog import SettingsDialog
from planner.ui.dialogs.setup_closures import closure_text
from planner.ui.dialogs.setup_pages import ClinicPage, LocationsPage, hours_words
from planner.ui.settings import Preferences


def _info(**changes: object) -> SessionInfo:
    values: dict[str, object] = {
        "id": 1,
        "plan_id": 2,
        "patient_id": 3,
        "patient_name": "Kari Nordmann",
        "practitioner_id": 4,
        "practitioner_name": "Ingrid Berg",
        "location_id": 5,
        "room_id": None,
        "kind": "treatment",
        "status": "booked",
        "start": datetime(2026, 9, 15, 9, 5),
        "duration_min": 45,
        "tz": "Europe/Oslo",
        "number": 3,
        "of": 9,
        "plan_title": "Korsrygg",
        "plan_regions": ("lower-back",),
        "later_booked": 4,
    }
    values.update(changes)
    return SessionInfo(**values)  # type: ignore[arg-type]


def test_the_settings_dialog_in_bokmal(qtbot, bokmal, window) -> None:  # type: ignore[no-untyped-def]
    dlg = SettingsDialog(Preferences(reminders=(1440,)), "", None, window.worker, window)
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Innstillinger"
    assert dlg.tabs.tabText(0) == "&Generelt"
    items = [dlg.language.itemText(i) for i in range(dlg.language.count())]
    assert items == ["System (som datamaskinen)", "Norsk bokmål", "English"]
    assert dlg.language_note.text() == "Språket byttes neste gang planner starter."
    assert dlg.reminders[1440].text() == "1 dag før"  # a plural, from the catalogue
    assert dlg.reminders[2880].text() == "2 dager før"
    assert dlg.reminders[120].text() == "2 timer før"
    assert "databasen er åpen" in dlg.status.text()


def test_the_language_choice_is_saved_with_the_preferences(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert window.settings.preferences().language == "system"
    window.open_settings()
    dlg = next(d for d in window._dialogs if isinstance(d, SettingsDialog))
    qtbot.waitUntil(lambda: not dlg.busy and dlg.clinic_name.isEnabled())
    assert dlg.language.currentData() == "system"
    assert dlg.language.itemText(0) == "System (follow the computer)"
    assert "next time planner starts" in dlg.language_note.text()
    dlg.language.setCurrentIndex(dlg.language.findData("nb"))
    with qtbot.waitSignal(dlg.accepted, timeout=10_000):
        dlg.accept()
    assert window.settings.preferences().language == "nb"
    assert window.settings.q.value("view/language") == "nb"
    # Opened again, the dialog shows the choice saved.
    again = SettingsDialog(window.settings.preferences(), "", None, window.worker, window)
    qtbot.addWidget(again)
    assert again.language.currentData() == "nb" and again.language.currentText() == "Norsk bokmål"
    again.language.setCurrentIndex(again.language.findData("en"))
    assert again.value().language == "en"


def test_the_session_dialogs_in_bokmal(qtbot, bokmal) -> None:  # type: ignore[no-untyped-def]
    move = MoveDialog(_info(), local_now=datetime(2026, 9, 1, 8, 0))
    qtbot.addWidget(move)
    assert move.windowTitle() == "Flytt time"
    assert move.following.text().startswith("Denne og de neste 4 bestilte timene")
    head = move.findChildren(type(move.past_note))[0].text()
    assert "Behandling 3/9" in head and "tirsdag 15. september 2026 kl. 09:05" in head
    assert "hos Ingrid Berg" in head
    cancel = CancelDialog(_info())
    qtbot.addWidget(cancel)
    assert cancel.windowTitle() == "Avlys time"
    assert cancel.ok.text() == "&Avlys timen"
    assert cancel.extend.text().endswith("fortsatt har 9 timer med behandling")
    assert cancel.reason.placeholderText() == "f.eks. pasienten er syk (valgfritt)"
    attend = AttendDialog(_info())
    qtbot.addWidget(attend)
    assert attend.windowTitle() == "Møtt til time" and attend.ok.text() == "Marker som &møtt"
    assert [box.text() for _code, box, _spin in attend.rows] == ["Korsrygg"]
    fatigue = attend.score_spins[Measure.FATIGUE]
    assert fatigue.accessibleName() == "Utmattelse" and fatigue.specialValueText() == "ikke målt"


def test_the_set_up_pages_in_bokmal(qtbot, bokmal) -> None:  # type: ignore[no-untyped-def]
    clinic = ClinicPage(None)  # type: ignore[arg-type]
    qtbot.addWidget(clinic)
    assert clinic.title == "Klinikk" and clinic.save_button.text() == "&Lagre"
    places = LocationsPage(None)  # type: ignore[arg-type]
    qtbot.addWidget(places)
    assert places.title == "Steder"
    assert places.country.itemText(0) == "Ingen helligdager"
    assert places.country.findText("Norge (NO)") > 0
    assert places.subdivision.itemText(0) == "Hele landet"
    assert hours_words("mon-fri 08:00-16:00; sat 09:00-13:00") == (
        "man.–fre. 08:00–16:00; lør. 09:00–13:00"
    )


def test_a_closure_reads_in_bokmal(bokmal) -> None:  # type: ignore[no-untyped-def]
    from planner.services.clinic_setup import ClosureInfo

    closure = ClosureInfo(1, 1, "Oslo", date(2026, 12, 24), date(2027, 1, 1), "Jul", 3)
    assert (
        closure_text(closure) == "tor. 24. des. 2026 – fre. 1. jan. 2027  Jul  (3 bestilte timer)"
    )
