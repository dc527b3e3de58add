"""``planner plan progress``, ``plan baseline``, ``plan card``, scores and regional flags."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from ..conftest import Cli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path / "cli.db", capsys)
    c.oslo_clinic()
    c.ok("patient", "add", "--name", "Kari Nordmann", "--phone", "+47 900 00 001")
    return c


def _past_plan(cli: Cli) -> list[dict[str, Any]]:
    """A fibromyalgia plan that started 20 weeks ago (its first sessions can be marked)."""
    today = date.today()
    start = today - timedelta(weeks=20)
    start += timedelta(days=(1 - start.weekday()) % 7)  # a Tuesday
    code, data = cli.json(
        "plan",
        "book",
        "--patient",
        "1",
        "--practitioner",
        "1",
        "--template",
        "Fibromyalgia acupuncture",
        "--start",
        f"{start}T10:00",
        "--regions",
        "neck,shoulders,lower-back",
        "--conflict-policy",
        "next-working-day",
        "--allow-past",
    )
    assert code == 0, data
    sessions: list[dict[str, Any]] = data["sessions"]
    return sessions


def test_progress_from_baseline_scores_and_attended_sessions(cli: Cli) -> None:
    sessions = _past_plan(cli)
    ids = [s["id"] for s in sessions]
    code, out, err = cli(
        "plan",
        "baseline",
        "1",
        "--regions",
        "neck:8,lower-back:6",
        "--scores",
        "fatigue:7,sleep:3",
    )
    assert code == 0, err
    assert f"session {ids[0]}" in out
    code, out, err = cli(
        "appointment",
        "attend",
        str(ids[1]),
        "--regions",
        "neck:6,lower-back:6",
        "--scores",
        "fatigue:6,sleep:5",
    )
    assert code == 0, err
    code, attended = cli.json(
        "appointment", "attend", str(ids[2]), "--regions", "neck:4,lower-back:3,knee-left:5"
    )
    assert code == 0 and attended["scores"] == {}
    code, _out, err = cli("appointment", "no-show", str(ids[3]))
    assert code == 0, err

    code, data = cli.json("plan", "progress", "1")
    assert code == 0
    assert data["sessions"]["done"] == 3 and data["sessions"]["no_show"] == 1
    regions = {r["region"]: r for r in data["regions"]}
    assert (regions["neck"]["baseline"], regions["neck"]["latest"]) == (8, 4)
    assert regions["neck"]["change_pct"] == -50.0
    assert regions["lower-back"]["change_pct"] == -50.0
    assert regions["shoulders"]["points"] == [] and regions["shoulders"]["target"] is True
    assert regions["knee-left"]["baseline_from"] == "first-scored-session"
    assert regions["knee-left"]["latest"] is None
    measures = {m["measure"]: m for m in data["measures"]}
    assert measures["fatigue"]["change_pct"] == round(-100 / 7, 1)
    assert measures["sleep"]["change_pct"] == round(200 / 3, 1)
    assert measures["sleep"]["higher_is_better"] and measures["sleep"]["improved"]
    assert "Neck -50 % since baseline" in data["summary"]

    code, out, err = cli("plan", "progress", "1")
    assert code == 0, err
    assert "3 done" in out and "1 no-show" in out
    assert "Neck" in out and "-50 %" in out
    assert "Left knee *" in out and "not a target region" in out
    assert "by session (b = baseline)" in out


def test_scores_are_checked(cli: Cli) -> None:
    sessions = _past_plan(cli)
    code, _out, err = cli("appointment", "attend", str(sessions[1]["id"]), "--scores", "fatigue:12")
    assert code == 2 and "between 0 and 10" in err
    code, _out, err = cli("plan", "baseline", "1", "--regions", "neck:7", "--scores", "mood:2")
    assert code == 2 and "unknown whole-body score 'mood'" in err
    code, _out, err = cli("plan", "progress", "99")
    assert code == 4 and "no plan with id 99" in err


def test_plan_card_writes_one_page_pdf(cli: Cli, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    sessions = _past_plan(cli)
    out_file = tmp_path / "card.pdf"
    code, data = cli.json("plan", "card", "1", "--out", str(out_file), "--paper", "letter")
    assert code == 0
    assert data["file"] == str(out_file) and len(data["sessions"]) == len(sessions)
    reader = pypdf.PdfReader(str(out_file))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = " ".join(reader.pages[0].extract_text().split())  # Qt's PDF spaces come out as tabs
    assert "+47 22 00 00 00" in text and "Ingrid Berg" in text
    code, _out, err = cli("plan", "card", "1", "--out", str(out_file), "--paper", "a5")
    assert code == 2 and "use a4 or letter" in err
    code, _out, err = cli("plan", "card", "1", "--out", str(tmp_path / "no" / "card.pdf"))
    assert code == 2 and "does not exist" in err


def test_patient_with_a_regional_flag_and_a_plan_on_that_arm(cli: Cli) -> None:
    code, p = cli.json(
        "patient",
        "add",
        "--name",
        "Eva Lund",
        "--flag",
        "lymphoedema:arm-left",
        "--flag",
        "anticoagulants",
    )
    assert code == 0
    assert p["flags"] == [
        "lymphoedema:shoulder-left,elbow-left,wrist-hand-left",
        "anticoagulants",
    ]
    book = [
        "plan",
        "book",
        "--patient",
        str(p["id"]),
        "--practitioner",
        "1",
        "--template",
        "Physiotherapy, fortnightly",
        "--modality",
        "physiotherapy",
        "--start",
        "2027-03-02T09:00",
        "--regions",
        "elbow-left",
    ]
    code, _out, err = cli(*book)
    assert code == 3 and "lymphoedema (left arm), which the plan targets" in err
    code, data = cli.json(*book, "--acknowledge-flags")
    assert code == 0 and data["plan_id"]
    code, _out, err = cli("patient", "add", "--name", "X", "--flag", "lymphoedema:arm")
    assert code == 2 and "say which arm" in err
