"""The printed day list: its pages read back from the PDF, the preview, and the dialog."""

from __future__ import annotations

import stat
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPageSize
from pytestqt.qtbot import QtBot

from planner.db.store import Store
from planner.errors import ExportFailed
from planner.services.day_list import DayList, DayListRow, day_list
from planner.services.schedule.week import clinic_directory
from planner.ui.day_list import (
    count_pages,
    render_day_list_image,
    render_day_list_pages,
    write_day_list_pdf,
)
from planner.ui.dialogs import day_list_dialog, prompts
from planner.ui.dialogs.day_list_dialog import DayListDialog, day_list_file_name
from planner.ui.worker import Worker

from .conftest import ARTIFACTS, DEMO_TODAY

pypdf = pytest.importorskip("pypdf")

A4 = QPageSize(QPageSize.PageSizeId.A4)
LETTER = QPageSize(QPageSize.PageSizeId.Letter)


@pytest.fixture(autouse=True)
def _app(qapp):  # type: ignore[no-untyped-def]
    """Painting text needs the session's QApplication (pytest-qt's)."""
    return qapp


def pdf_pages(path: Path) -> list[str]:
    """Each page's text with runs of whitespace as one space (Qt writes spaces as tabs)."""
    reader = pypdf.PdfReader(str(path))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def squeezed(text: str) -> str:
    """Without any whitespace: a name wrapped in its cell reads back whole."""
    return "".join(text.split())


def _busiest_day(store: Store) -> DayList:
    """The demo's fullest practitioner day in the fortnight after its today, with a flag."""
    directory = clinic_directory(store)
    best: DayList | None = None
    for offset in range(14):
        day = DEMO_TODAY + timedelta(days=offset)
        for p in directory.practitioners:
            dl = day_list(store, day, practitioner_id=p.id)
            if any(r.flags for r in dl.rows) and (best is None or len(dl.rows) > len(best.rows)):
                best = dl
    assert best is not None and len(best.rows) >= 6, "the demo has busy days with flags"
    return best


def _row(i: int, **kw: object) -> DayListRow:
    base = DayListRow(
        id=i,
        start=datetime(2027, 3, 9, 8, 0) + timedelta(minutes=15 * i),
        minutes=15,
        patient=f"Patient Number{i:03d}",
        date_of_birth=date(1970, 1, 1) + timedelta(days=97 * i),
        phone=f"+47 900 00 {i:03d}",
        kind="treatment",
        number=i % 9 + 1,
        of=9,
        status="booked",
        regions=("neck", "shoulders", "lower-back"),
        flags=("Takes anticoagulants",) if i % 5 == 0 else (),
        room="Room 2",
        practitioner="Ingrid Berg",
        location="Oslo",
        notes="",
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def _list(rows: tuple[DayListRow, ...], cancelled: int = 0) -> DayList:
    return DayList(
        scope="practitioner",
        clinic_name="Helse og Nål Klinikk",
        subject="Ingrid Berg",
        detail="Acupuncturist, Oslo",
        day=date(2027, 3, 9),
        rows=rows,
        cancelled=cancelled,
        printed=datetime(2027, 3, 8, 16, 5),
        tz="Europe/Oslo",
    )


def test_a_busy_demo_day_reads_back_from_the_pdf(demo_store: Store, tmp_path: Path) -> None:
    dl = _busiest_day(demo_store)
    path = write_day_list_pdf(dl, tmp_path / "day.pdf", page_size=A4)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    pages = pdf_pages(path)
    assert len(pages) == count_pages(dl, A4)
    text = squeezed(" ".join(pages))
    position = 0
    for r in dl.rows:  # every patient, in time order
        found = text.find(squeezed(f"{r.time_text}{r.patient}"), position)
        assert found >= 0, f"missing or out of order: {r.time_text} {r.patient}"
        position = found
    flagged = next(r for r in dl.rows if r.flags)
    assert squeezed(f"⚠ {flagged.flags[0]}") in text, "the flag is marked"
    for n, page in enumerate(pages, start=1):
        assert f"Day list for {dl.subject}" in page and dl.day_text in page
        assert f"page {n} of {len(pages)}" in page
    assert "page 1 of" in pages[0]
    ARTIFACTS.mkdir(exist_ok=True)
    for i, image in enumerate(render_day_list_pages(dl, dpi=110, page_size=A4)):
        assert image.save(str(ARTIFACTS / f"day_list_page{i + 1}.png"))


def test_a_long_day_takes_pages_with_the_heading_on_each(tmp_path: Path) -> None:
    long_note = "Check the left shoulder's range before needling; " * 8
    rows = tuple(
        _row(i, notes=long_note if i % 7 == 0 else "", status="no-show" if i == 3 else "booked")
        for i in range(60)
    )
    dl = _list(rows, cancelled=2)
    path = write_day_list_pdf(dl, tmp_path / "long.pdf", page_size=LETTER)
    pages = pdf_pages(path)
    assert len(pages) >= 3 and len(pages) == count_pages(dl, LETTER)
    for n, page in enumerate(pages, start=1):
        assert page.startswith("Helse og Nål Klinikk"), "the heading on every page"
        assert "TIME PATIENT SESSION REGIONS FLAGS ROOM NOTES" in page, "and the column titles"
        assert f"page {n} of {len(pages)}" in page
        assert "60 sessions · 2 cancelled sessions not listed" in page
    text = squeezed(" ".join(pages))
    for i in range(60):
        assert squeezed(f"Patient Number{i:03d}") in text
    assert "No-show" in pages[0]
    box = pypdf.PdfReader(str(path)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    # The preview breaks its pages at the same rows as the PDF (the layout is in fixed units).
    assert len(render_day_list_pages(dl, dpi=60, page_size=LETTER)) == len(pages)


def test_notes_longer_than_a_page_are_cut_not_lost_off_the_edge(tmp_path: Path) -> None:
    huge = " ".join(f"word{i}" for i in range(3000))
    dl = _list((_row(1), _row(2, notes=huge), _row(3)))
    pages = pdf_pages(write_day_list_pdf(dl, tmp_path / "huge.pdf", page_size=A4))
    text = squeezed(" ".join(pages))
    assert "PatientNumber003" in text and "word1" in text
    assert "word2999" not in text, "a note is printed up to its limit, then an ellipsis"


def test_an_empty_day_says_so(tmp_path: Path) -> None:
    pages = pdf_pages(write_day_list_pdf(_list((), cancelled=1), tmp_path / "e.pdf", page_size=A4))
    assert len(pages) == 1
    assert "No sessions booked." in pages[0]
    assert "1 cancelled session not listed" in pages[0] and "page 1 of 1" in pages[0]


def test_the_preview_image_is_the_page() -> None:
    image = render_day_list_image(_list(tuple(_row(i) for i in range(8))), dpi=100, page_size=A4)
    assert abs(image.width() - 827) <= 1 and abs(image.height() - 1169) <= 1  # A4 at 100 dpi
    ink = sum(
        1
        for y in range(0, image.height(), 9)
        for x in range(0, image.width(), 9)
        if QColor(image.pixel(x, y)).lightness() < 200
    )
    assert ink > 300, "the page has text on it"
    for x in range(0, image.width(), 5):  # nothing in the 16 mm margin (63 px at 100 dpi)
        assert QColor(image.pixel(x, 30)).lightness() == 255
        assert QColor(image.pixel(x, image.height() - 30)).lightness() == 255
    with pytest.raises(IndexError):
        render_day_list_image(_list(()), page=1, page_size=A4)


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    with pytest.raises(ExportFailed, match="does not exist"):
        write_day_list_pdf(_list(()), tmp_path / "missing" / "x.pdf")
    old = tmp_path / "x.pdf"
    old.write_bytes(b"old")
    old.chmod(0o640)
    write_day_list_pdf(_list((_row(1),)), old, page_size=A4)
    assert old.read_bytes().startswith(b"%PDF") and list(tmp_path.glob(".x.pdf*")) == []


# -- the dialog ----------------------------------------------------------------------------------


def _dialog(qtbot: QtBot, store: Store, **kw: object) -> tuple[DayListDialog, Worker]:
    worker = Worker()
    dlg = DayListDialog(
        store,
        worker,
        clinic_directory(store),
        None,
        local_now=lambda: datetime(2026, 11, 18, 10, 20),
        **kw,  # type: ignore[arg-type]
    )
    qtbot.addWidget(dlg)
    return dlg, worker


def test_the_dialog_chooses_a_practitioner_and_a_day_and_saves_a_pdf(
    qtbot: QtBot, demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    busy = _busiest_day(demo_store)
    directory = clinic_directory(demo_store)
    dlg, worker = _dialog(qtbot, demo_store)
    dlg.resize(1240, 680)  # a 1280x720 screen
    dlg.show()
    with qtbot.waitSignal(dlg.sig_loaded, timeout=10_000):
        dlg.load()
    assert dlg.day_edit.text() == "18.11.2026", "today by default"
    assert dlg.scope == "practitioner"

    # Choose the busy practitioner and type the day.
    pid = next(p.id for p in directory.practitioners if p.name == busy.subject)
    with qtbot.waitSignal(dlg.sig_loaded, timeout=10_000):
        dlg.who_box.setCurrentIndex(dlg.who_box.findData(pid))
    dlg.day_edit.setText(f"{busy.day:%d.%m.%Y}")
    assert not dlg.save_button.isEnabled(), "nothing goes out before the new day is read"
    with qtbot.assertNotEmitted(dlg.sig_done):
        dlg.save_pdf()  # as Enter would: ignored, the day shown is not the day chosen yet
    qtbot.waitSignal(dlg.sig_loaded, timeout=10_000).wait()  # type: ignore[no-untyped-call]
    assert dlg.day_list is not None and dlg.day_list.rows == busy.rows
    assert dlg.print_button.isEnabled() and dlg.save_button.isEnabled()
    shown = [label for label in dlg.page_labels if label.isVisibleTo(dlg)]
    assert shown == dlg.shown_pages and len(shown) == count_pages(busy, dlg.page_size())
    assert all(not label.pixmap().isNull() for label in shown)
    assert f"{len(busy.rows)} sessions" in dlg.summary.text()

    saved = tmp_path / "saved"
    asked: list[str] = []

    def ask(parent, title, suggested, filters) -> str:  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return str(saved)

    monkeypatch.setattr(prompts, "ask_save_path", ask)
    with qtbot.waitSignal(dlg.sig_done) as done:
        dlg.save_button.click()
    assert asked == [day_list_file_name(busy)]
    pages = pdf_pages(Path(f"{saved}.pdf"))
    n = len(pages)
    assert done.args == [
        f"Day list for {busy.subject}, {busy.short_day} saved to {saved}.pdf "
        f"({n} page{'s' if n != 1 else ''})"
    ]
    assert squeezed(busy.rows[0].patient) in squeezed(pages[0])

    printed = tmp_path / "printed.pdf"

    def choose_pdf_printer(parent, printer) -> bool:  # type: ignore[no-untyped-def]
        from PySide6.QtPrintSupport import QPrinter

        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(day_list_dialog, "ask_printer", choose_pdf_printer)
    with qtbot.waitSignal(dlg.sig_done) as done:
        dlg.print_button.click()
    assert "sent to the printer" in done.args[0]
    assert len(pdf_pages(printed)) == n
    monkeypatch.setattr(day_list_dialog, "ask_printer", lambda *a: False)
    with qtbot.assertNotEmitted(dlg.sig_done):
        dlg.print_button.click()
    ARTIFACTS.mkdir(exist_ok=True)
    assert dlg.grab().save(str(ARTIFACTS / "day_list_dialog.png"))
    worker.wait()


def test_the_dialog_refuses_a_day_that_does_not_exist(qtbot: QtBot, demo_store: Store) -> None:
    dlg, worker = _dialog(qtbot, demo_store)
    with qtbot.waitSignal(dlg.sig_loaded, timeout=10_000):
        dlg.load()
    with qtbot.assertNotEmitted(dlg.sig_loaded, wait=400):
        dlg.day_edit.setText("31.02.2027")
    assert dlg.day_words.text() == "'31.02.2027' is not a date: February 2027 has 28 days"
    assert not dlg.print_button.isEnabled() and not dlg.save_button.isEnabled()
    assert dlg.day_list is None and not dlg.shown_pages
    assert not any(label.isVisibleTo(dlg) for label in dlg.page_labels)

    with qtbot.waitSignal(dlg.sig_loaded, timeout=10_000):
        dlg.tomorrow_button.click()
    assert dlg.day_edit.text() == "19.11.2026" and dlg.save_button.isEnabled()
    with qtbot.waitSignal(dlg.sig_loaded, timeout=10_000):
        dlg.today_button.click()
    assert dlg.day_list is not None and dlg.day_list.day == DEMO_TODAY
    worker.wait()


def test_the_dialog_lists_rooms_and_locations(qtbot: QtBot, demo_store: Store) -> None:
    directory = clinic_directory(demo_store)
    room = directory.rooms[1]
    dlg, worker = _dialog(qtbot, demo_store, room_id=room.id, day=DEMO_TODAY + timedelta(days=6))
    dlg.show()
    assert dlg.scope == "room" and dlg.who_box.currentData() == room.id
    assert dlg.who_box.count() == len(directory.rooms)
    assert dlg.who_box.currentText().startswith(room.name + ", ")  # rooms of several locations
    with qtbot.waitSignal(dlg.sig_loaded, timeout=10_000):
        dlg.load()
    assert dlg.day_list is not None and dlg.day_list.scope == "room"

    with qtbot.waitSignal(dlg.sig_loaded, timeout=10_000):
        dlg.scope_box.setCurrentIndex(dlg.scope_box.findData("location"))
    assert dlg.who_box.count() == len(directory.locations)
    assert dlg.day_list.scope == "location"
    assert dlg.day_list.subject == directory.locations[0].name

    pages = count_pages(dlg.day_list, dlg.page_size())
    assert pages >= 2, "a whole location's busy day"
    assert [label.isVisibleTo(dlg) for label in dlg.page_labels] == [True] * pages
    with qtbot.waitSignal(dlg.sig_loaded, timeout=10_000):
        dlg.day_edit.setText(f"{DEMO_TODAY + timedelta(days=11):%d.%m.%Y}")  # a Sunday
    assert dlg.day_list.rows == ()
    visible = [label.isVisibleTo(dlg) for label in dlg.page_labels]
    assert visible == [True] + [False] * (pages - 1), "the pages of the day before are gone"

    # The paper is redrawn without reading the day again.
    dlg.paper_box.setCurrentIndex(dlg.paper_box.findData("letter"))
    assert dlg.page_size().id() == QPageSize.PageSizeId.Letter
    assert "on Letter" in dlg.summary.text()
    worker.wait()


def test_the_dialog_is_reachable_by_keyboard_and_fits_a_small_screen(
    qtbot: QtBot, demo_store: Store
) -> None:
    from PySide6.QtWidgets import QLabel

    dlg, worker = _dialog(qtbot, demo_store)
    buddies = {
        lbl.text(): lbl.buddy() for lbl in dlg.findChildren(QLabel) if lbl.buddy() is not None
    }
    assert buddies == {
        "&List for:": dlg.scope_box,
        "&Who:": dlg.who_box,
        "&Day:": dlg.day_edit,
        "Pape&r:": dlg.paper_box,
    }
    texts = [dlg.today_button.text(), dlg.tomorrow_button.text(), dlg.print_button.text(),
             dlg.save_button.text(), *buddies]  # fmt: skip
    keys = [t[t.index("&") + 1].lower() for t in texts]
    assert len(keys) == len(set(keys)), f"one mnemonic each: {texts}"
    hint = dlg.minimumSizeHint()
    assert hint.width() <= 1240 and hint.height() <= 680
    worker.wait()


def test_paper_follows_the_locale(qtbot: QtBot, demo_store: Store) -> None:
    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        us, worker = _dialog(qtbot, demo_store)
        QLocale.setDefault(QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway))
        norway, worker2 = _dialog(qtbot, demo_store)
    finally:
        QLocale.setDefault(before)
    assert us.paper_box.currentData() == "letter"
    assert norway.paper_box.currentData() == "a4"
    worker.wait()
    worker2.wait()
