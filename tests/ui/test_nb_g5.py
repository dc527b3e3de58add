"""The outbox's status line, the reminders, the schedule's labels and the undo texts in
bokmål (issue 14): their texts come from the catalogue, in the right plural form."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from planner.services import outbox
from planner.ui.models.schedule_model import ScheduleModel
from planner.ui.outbox_sender import OutboxNote, OutboxStatus, counts_text, note_for
from planner.ui.settings import reminder_text
from planner.ui.style import STATE_LABELS, STATUS_LABELS, kind_glyph, regions_text
from planner.ui.undo import CancelCommand
from planner.ui.views.schedule_view import ScheduleView


def test_reminders_in_bokmal_plurals(bokmal) -> None:  # type: ignore[no-untyped-def]
    assert [reminder_text(m) for m in (1440, 2880, 60, 120, 1, 30)] == [
        "1 dag før",
        "2 dager før",
        "1 time før",
        "2 timer før",
        "1 minutt før",
        "30 minutter før",
    ]


def test_reminders_in_english_plurals() -> None:
    assert [reminder_text(m) for m in (1440, 2880, 60, 120, 1, 30)] == [
        "1 day before",
        "2 days before",
        "1 hour before",
        "2 hours before",
        "1 minute before",
        "30 minutes before",
    ]


def test_the_outbox_line_and_button_in_bokmal(qtbot, bokmal) -> None:  # type: ignore[no-untyped-def]
    assert counts_text({"waiting": 2, "queued": 1, "failed": 1}) == (
        "Utboks: 2 venter, 1 i kø, ⚠ 1 feilet"
    )
    report = outbox.RunReport(retrying=1)
    report.errors += ["the mail server did not answer; the message stays queued", "x", "y"]
    assert note_for(report) == (
        "E-post ikke sendt ennå: the mail server did not answer; prøver igjen (og 2 problemer til)"
    )
    status = OutboxStatus()
    qtbot.addWidget(status)
    assert status.button.toolTip().startswith("Åpne utboksen:")
    status.set_counts({"waiting": 0, "queued": 0, "failed": 0})
    assert status.button.accessibleName() == "Utboks"
    note = OutboxNote()
    qtbot.addWidget(note)
    note.set_note(note_for(report))
    assert note.full_text().startswith("E-post ikke sendt ennå:")


def test_schedule_labels_in_bokmal(bokmal) -> None:  # type: ignore[no-untyped-def]
    assert regions_text(("neck", "shoulders", "knee-left")) == "Nakke, skuldre, venstre kne"
    assert STATUS_LABELS["no-show"] == "Ikke møtt"
    assert STATUS_LABELS.get("booked") == "Bestilt"
    assert STATE_LABELS.get("unplaceable") == "Ingen tid"
    assert [kind_glyph(k) for k in ("assessment", "treatment", "reassessment", "follow-up")] == [
        "U",
        "B",
        "K",
        "O",
    ]
    assert kind_glyph("treatment", "attended") == "B✓"


def test_schedule_labels_stay_english() -> None:
    assert regions_text(("neck", "shoulders", "knee-left")) == "Neck, shoulders, left knee"
    assert STATUS_LABELS["no-show"] == "No-show"
    assert kind_glyph("assessment", "no-show") == "A✗"


def test_the_schedule_and_an_undo_text_in_bokmal(qtbot, bokmal) -> None:  # type: ignore[no-untyped-def]
    view = ScheduleView(ScheduleModel())
    qtbot.addWidget(view)
    assert view.accessibleName() == "Timeplan"
    cmd = CancelCommand(None, datetime.now, 7, extend=True, reason="", text="Avlys timen")  # type: ignore[arg-type]
    cmd.result = SimpleNamespace(added={"local_start": "2026-09-15T09:05:00"})  # type: ignore[assignment]
    assert cmd.message() == "Avlys timen: la til en time tir. 15. sep. 2026 kl. 09:05"
