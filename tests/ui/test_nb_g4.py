"""The window in bokmål: error titles, the first run, the live note and the tables' words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt

from planner.errors import Conflict
from planner.ui import first_run
from planner.ui.errors import _title
from planner.ui.live import live_note
from planner.ui.models.history_model import HistoryModel
from planner.ui.models.outbox_model import OutboxModel
from planner.ui.models.patient_models import SessionsModel, next_session_text, session_label
from planner.ui.models.progress_model import ProgressFiguresModel
from planner.ui.models.rows import when_local

H = Qt.Orientation.Horizontal


def test_the_window_s_own_words_in_bokmal(in_language: Callable[[str], None]) -> None:
    in_language("nb")
    assert _title(Conflict("taken")) == "Tiden er opptatt"
    assert first_run.question().startswith("Denne databasen har ingen klinikk ennå.")
    at = datetime(2026, 11, 18, 9, 5)
    assert live_note(["Resepsjon 2", "Fysio"], at) == "Oppdatert fra 2 andre maskiner kl. 09:05"
    assert live_note([], at) == "Oppdatert fra en annen maskin kl. 09:05"


def test_the_tables_speak_bokmal(in_language: Callable[[str], None]) -> None:
    in_language("nb")
    sessions = SessionsModel()
    assert [sessions.headerData(i, H) for i in range(3)] == ["Når", "Time", "Status"]
    assert HistoryModel().headerData(1, H) == "Maskin"
    assert OutboxModel().headerData(4, H) == "Forsøk"
    assert ProgressFiguresModel().headerData(3, H) == "Endring"
    assert session_label("treatment", 3, 9) == "Behandling 3/9"
    when = datetime(2026, 12, 2, 9, 41)
    assert when_local(when) == "ons. 2. des. 2026 09:41"
    assert next_session_text(when, date(2026, 11, 18)) == "neste ons. 2. des. 09:41"


def test_the_tables_in_english_still(in_language: Callable[[str], None]) -> None:
    in_language("en")
    assert SessionsModel().headerData(0, H) == "When"
    assert session_label("treatment", 3, 9) == "Treatment 3/9"
    assert next_session_text(datetime(2026, 12, 8, 10, 0), date(2026, 11, 18)) == (
        "next Tue 8 Dec 10:00"
    )
