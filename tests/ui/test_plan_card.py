"""The printable plan card: one page, every session at its local time, readable as an image."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPageSize
from pytestqt.qtbot import QtBot

from planner.services import plan_card
from planner.services.booking.edits import cancel, move
from planner.services.booking.plans import PlanRequest, book
from planner.services.plan_card import CardSession, PlanCard, card_blocks, card_text
from planner.ui.dialogs import plan_card_dialog, prompts
from planner.ui.dialogs.plan_card_dialog import PlanCardDialog, card_file_name
from planner.ui.plan_card import page_size_for, render_card_image, write_card_pdf
from planner.ui.worker import Worker

from ..conftest import FROZEN_NOW, Clinic
from .conftest import ARTIFACTS

pypdf = pytest.importorskip("pypdf")


@pytest.fixture(autouse=True)
def _app(qapp):  # type: ignore[no-untyped-def]
    """Painting text needs the session's QApplication (pytest-qt's), made before any card."""
    return qapp


def pdf_pages(path: Path) -> list[str]:
    """Each page's text with runs of whitespace as one space (Qt writes spaces as tabs)."""
    reader = pypdf.PdfReader(str(path))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def _plan(c: Clinic) -> int:
    res = book(
        c.store,
        PlanRequest(
            patient_id=c.kari,
            practitioner_id=c.practitioner,
            start="2026-09-15T10:00",
            template="Fibromyalgia acupuncture",
            regions=["neck", "shoulders", "lower-back"],
        ),
        now=FROZEN_NOW,
    )
    ids = [a["id"] for a in res.appointments]
    # One session moved to the afternoon, one cancelled: the card shows what will happen.
    move(c.store, ids[3], "2026-10-06T14:30", now=FROZEN_NOW)
    cancel(c.store, ids[5], now=FROZEN_NOW)
    return res.plan_id


def test_card_pdf_is_one_page_listing_every_session_at_local_time(
    oslo: Clinic, tmp_path: Path
) -> None:
    plan_id = _plan(oslo)
    card = plan_card.plan_card(oslo.store, plan_id, today=date(2026, 9, 1))
    path = write_card_pdf(card, tmp_path / "card.pdf", page_size=QPageSize(QPageSize.PageSizeId.A4))
    pages = pdf_pages(path)
    assert len(pages) == 1
    text = pages[0]
    expected = [
        ("Tuesday", "15 September 2026", "10:00", "Assessment"),
        ("Tuesday", "22 September 2026", "10:00", "Treatment 1 of 8"),
        ("Tuesday", "29 September 2026", "10:00", "Treatment 2 of 8"),
        ("Tuesday", "6 October 2026", "14:30", "Treatment 3 of 8"),
        ("Tuesday", "13 October 2026", "10:00", "Treatment 4 of 8"),
        # 20 October was cancelled: not on the card.
        # After the clocks go back (25 October) the wall-clock time stays 10:00.
        ("Tuesday", "27 October 2026", "10:00", "Treatment 5 of 8"),
        ("Tuesday", "3 November 2026", "10:00", "Treatment 6 of 8"),
        ("Tuesday", "10 November 2026", "10:00", "Treatment 7 of 8"),
        ("Tuesday", "17 November 2026", "10:00", "Treatment 8 of 8"),
        ("Tuesday", "24 November 2026", "10:00", "Reassessment"),
        ("Tuesday", "16 November 2027", "10:00", "Follow-up"),
    ]
    position = 0
    for n, (weekday, day, time, what) in enumerate(expected, start=1):
        row = f"{n} {weekday} {day} {time} {what}"
        found = text.find(row, position)
        assert found >= 0, f"missing or out of order: {row!r} in {text!r}"
        position = found + len(row)
    assert "20 October 2026" not in text
    for must in (
        "Oslo sentrum",
        "Storgata 1, 0155 Oslo",
        "+47 22 00 00 00",
        "with Ingrid Berg",
        "For Kari Nordmann",
        "local time in Oslo (Europe/Oslo)",
        "After your session: mild soreness",
        "If you get a fever or the pain increases, call Oslo sentrum on +47 22 00 00 00.",
        "To cancel or move a session",
    ):
        assert must in text, must
    # The card leaves the clinic: no diagnosis (the template's name) and no regions.
    for never in ("Fibromyalgia", "Neck", "Lower back", "shoulder"):
        assert never not in text
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(path, ARTIFACTS / "plan_card.pdf")
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "100",
                "-singlefile",
                str(path),
                str(ARTIFACTS / "plan_card"),
            ],
            check=True,
            timeout=60,
        )
        assert (ARTIFACTS / "plan_card.png").stat().st_size > 10_000


def test_paper_follows_the_locale() -> None:
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    norway = QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway)
    canada = QLocale(QLocale.Language.French, QLocale.Country.Canada)
    uk = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    assert page_size_for(us).id() == QPageSize.PageSizeId.Letter
    assert page_size_for(canada).id() == QPageSize.PageSizeId.Letter
    assert page_size_for(norway).id() == QPageSize.PageSizeId.A4
    assert page_size_for(uk).id() == QPageSize.PageSizeId.A4


def _long_card(n: int) -> PlanCard:
    start = datetime(2026, 9, 14, 9, 30)
    sessions = tuple(
        CardSession(
            i + 1,
            start + timedelta(days=3 * i),
            "treatment",
            i + 1,
            n,
            20,
            "attended" if i < 4 else "booked",
            "Per Lie" if i == 6 else None,
        )
        for i in range(n)
    )
    return PlanCard(
        plan_id=7,
        modality="dry-needling",
        patient="Anne-Marie Johannessen-Berg",
        practitioner="Ingrid Berg",
        clinic_name="Helse og Nål Klinikk",
        location_name="Bergen",
        address="Strandkaien 12, 5013 Bergen",
        phone="+47 55 00 00 00",
        email="post@example.no",
        room="Room 2",
        tz="Europe/Oslo",
        sessions=sessions,
        printed=date(2026, 9, 1),
    )


@pytest.mark.parametrize("n", [40, 120, 400])
def test_a_long_plan_still_fits_one_page(tmp_path: Path, n: int) -> None:
    card = _long_card(n)
    path = write_card_pdf(
        card, tmp_path / "long.pdf", page_size=QPageSize(QPageSize.PageSizeId.Letter)
    )
    (text,) = pdf_pages(path)
    assert "14 Sept 2026" in text or "14 September 2026" in text  # short forms in columns
    if n == 40:
        last = card.sessions[-1]
        assert f"40 {last.weekday[:3]} {last.short_day} 09:30" in text, "all forty are listed"
    else:
        assert "more sessions" in text and "ask us for the full list" in text
    assert "To cancel or move a session" in text and "printed" in text  # the footer


def test_card_blocks_are_the_cards_text() -> None:
    card = _long_card(3)
    kinds = [b.kind for b in card_blocks(card)]
    assert kinds[:3] == ["header", "title", "subtitle"] and kinds[-1] == "footer"
    text = card_text(card)
    assert "Your dry needling plan" in text
    assert "Each session lasts 20 minutes." in text
    assert "Monday  14 September 2026  09:30  Treatment 1 of 3  20 min  done" in text
    assert "with Per Lie" not in text  # only the seventh session had another practitioner
    assert "E-mail post@example.no" in text
    assert card_file_name(card) == "plan-card-7-anne-marie-johannessen-berg.pdf"


def test_the_preview_image_is_the_page(tmp_path: Path) -> None:
    image = render_card_image(_long_card(12), dpi=100, page_size=QPageSize(QPageSize.PageSizeId.A4))
    assert abs(image.width() - 827) <= 1 and abs(image.height() - 1169) <= 1  # A4 at 100 dpi
    ink = sum(
        1
        for y in range(0, image.height(), 9)
        for x in range(0, image.width(), 9)
        if QColor(image.pixel(x, y)).lightness() < 200
    )
    assert ink > 300, "the page has text on it"
    # Nothing is drawn in the margins (16 mm is 63 pixels at 100 dpi).
    for x in range(0, image.width(), 5):
        assert QColor(image.pixel(x, 30)).lightness() == 255
    ARTIFACTS.mkdir(exist_ok=True)
    assert image.save(str(ARTIFACTS / "plan_card_preview.png"))


def test_card_dialog_previews_saves_and_prints(
    qtbot: QtBot, oslo: Clinic, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan_id = _plan(oslo)
    worker = Worker()
    dlg = PlanCardDialog(oslo.store, worker, plan_id)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.sig_loaded, timeout=10_000):
        dlg.load()
    assert dlg.print_button.isEnabled() and not dlg.preview.pixmap().isNull()

    saved = tmp_path / "saved"
    monkeypatch.setattr(prompts, "ask_save_path", lambda *a, **k: str(saved))
    with qtbot.waitSignal(dlg.sig_done) as done:
        dlg.save_button.click()
    assert done.args == [f"Plan card saved as {saved}.pdf"]
    assert len(pdf_pages(Path(f"{saved}.pdf"))) == 1

    printed = tmp_path / "printed.pdf"

    def choose_pdf_printer(parent, printer) -> bool:  # type: ignore[no-untyped-def]
        from PySide6.QtPrintSupport import QPrinter

        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(plan_card_dialog, "ask_printer", choose_pdf_printer)
    with qtbot.waitSignal(dlg.sig_done):
        dlg.print_button.click()
    pages = pdf_pages(printed)
    assert len(pages) == 1 and "24 November 2026 10:00 Reassessment" in pages[0]

    monkeypatch.setattr(plan_card_dialog, "ask_printer", lambda *a: False)
    with qtbot.assertNotEmitted(dlg.sig_done):
        dlg.print_button.click()
    worker.wait()
