"""``planner day-list``: a practitioner's, room's or location's day printed to a PDF."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from ..conftest import Cli

pypdf = pytest.importorskip("pypdf")


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Oslo sentrum with Ingrid Berg and Room 1; Kari's fibromyalgia plan and Ola's weekly
    needling from Tuesday 2 March 2027 (Ola takes anticoagulants)."""
    c = Cli(tmp_path / "cli.db", capsys)
    c.oslo_clinic()
    c.ok("room", "add", "--location", "1", "--name", "Room 1")
    c.ok("patient", "add", "--name", "Kari Nordmann", "--phone", "+47 900 00 001")
    c.ok(
        "patient", "add", "--name", "Ola Hansen", "--phone", "+47 900 00 002",
        "--flag", "anticoagulants",
    )  # fmt: skip
    c.ok(
        "plan", "book", "--patient", "1", "--practitioner", "1", "--room", "1",
        "--template", "Fibromyalgia acupuncture", "--start", "2027-03-02T10:00",
    )  # fmt: skip
    c.ok(
        "plan", "book", "--patient", "2", "--practitioner", "1", "--start", "2027-03-02T09:00",
        "--weeks", "4", "--duration", "30", "--modality", "acupuncture", "--regions", "neck",
        "--acknowledge-flags",
    )  # fmt: skip
    return c


def _text(path: Path) -> str:
    reader = pypdf.PdfReader(str(path))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def test_a_practitioners_day_to_pdf(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "day.pdf"
    code, data = cli.json(
        "day-list", "--date", "2027-03-02", "--practitioner", "1", "--out", str(out)
    )
    assert code == 0, data
    assert data["file"] == str(out) and data["pages"] == 1
    assert (data["subject"], data["day"], data["cancelled"]) == ("Ingrid Berg", "2027-03-02", 0)
    assert [(s["start"], s["patient"], s["session"]) for s in data["sessions"]] == [
        ("2027-03-02T09:00", "Ola Hansen", "Treatment 1 of 4"),
        ("2027-03-02T10:00", "Kari Nordmann", "Assessment"),
    ]
    assert data["sessions"][0]["flags"] == ["Takes anticoagulants"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600, "health data: only its owner reads it"
    text = _text(out)
    for must in ("Day list for Ingrid Berg", "Tuesday 2 March 2027", "Ola Hansen",
                 "Kari Nordmann", "Takes anticoagulants", "page 1 of 1"):  # fmt: skip
        assert must in text, must

    # Text mode: one line saying what was written; a room's list names the practitioner.
    room_pdf = tmp_path / "room.pdf"
    line = cli.ok(
        "day-list", "--date", "2027-03-02", "--room", "1", "--out", str(room_pdf),
        "--paper", "letter",
    )  # fmt: skip
    assert line.strip() == (
        f"day list for Room 1, Oslo sentrum, Tuesday 2 March 2027, written to {room_pdf} "
        "(1 session, 1 page)"
    )
    box = pypdf.PdfReader(str(room_pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert "Ingrid Berg" in _text(room_pdf)

    code, data = cli.json("day-list", "--date", "2027-03-02", "--location", "1", "--out", str(out))
    assert code == 0 and len(data["sessions"]) == 2 and data["scope"] == "location"


def test_tomorrow_and_an_empty_day(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    code, data = cli.json(
        "day-list", "--date", "tomorrow", "--practitioner", "1", "--out", str(out)
    )
    assert code == 0
    assert data["day"] == (date.today() + timedelta(days=1)).isoformat()
    assert data["sessions"] == [] and data["pages"] == 1
    assert "No sessions booked." in _text(out)


def test_bad_input_and_unknown_ids_change_nothing(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    day = ("day-list", "--date", "2027-03-02", "--out", str(out))
    code, _out, err = cli(*day)
    assert code == 2 and err.strip() == (
        "planner: give exactly one of --practitioner ID, --room ID or --location ID"
    )
    code, _out, err = cli(*day, "--practitioner", "1", "--room", "1")
    assert code == 2 and "(not --practitioner and --room)" in err
    assert len(err.strip().splitlines()) == 1
    code, _out, err = cli("day-list", "--date", "2-3-2027", "--room", "1", "--out", str(out))
    assert code == 2 and "cannot read the date '2-3-2027'" in err
    code, _out, err = cli("day-list", "--date", "3001-01-01", "--room", "1", "--out", str(out))
    assert code == 2 and "outside the years 1900 to 2200" in err
    code, _out, err = cli(*day, "--room", "1", "--paper", "a5")
    assert code == 2 and "use a4 or letter" in err
    code, _out, err = cli(
        "day-list", "--date", "2027-03-02", "--room", "1", "--out", str(tmp_path / "no" / "x.pdf")
    )
    assert code == 2 and "does not exist" in err
    code, _out, err = cli(*day, "--practitioner", "9")
    assert code == 4 and err.strip() == (
        "planner: no practitioner with id 9; list them with 'planner practitioner list'"
    )
    code, data = cli.json(*day, "--room", "7")
    assert code == 4 and data["error"] == "NotFound" and "planner room list" in data["message"]
    code, data = cli.json(*day, "--location", "5")
    assert code == 4 and "planner location list" in data["message"]
    assert not out.exists(), "nothing was written"
    assert list(tmp_path.glob("*.tmp")) == [] and list(tmp_path.glob(".x.pdf*")) == []
