"""``planner export`` and ``planner import`` as the desk and scripts use them."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest

from ..conftest import Cli
from ..ics.helpers import strict_check

FIXTURES = Path(__file__).parents[1] / "ics" / "fixtures"


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path / "cli.db", capsys)
    c.oslo_clinic()
    c.ok(
        "patient", "add", "--name", "Ola Hansen", "--flag", "bleeding-disorder", "--notes", "fibro"
    )
    c.ok(
        "plan", "book", "--patient", "1", "--practitioner", "1",
        "--template", "Fibromyalgia acupuncture", "--start", "2030-09-17T10:00",
        "--acknowledge-flags",
    )  # fmt: skip
    return c


def test_export_a_plan_for_the_patient_then_only_the_changes(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "ola.ics"
    code, text, err = cli("export", "--plan", "1", "--out", str(out))
    assert code == 0 and err == ""
    assert "wrote a patient calendar with 12 event(s) for 12 session(s)" in text
    data = out.read_bytes()
    strict_check(data)
    assert b"Ola" not in data and b"leeding" not in data and b"fibro" not in data.lower()
    # A plain export is no delivery: Ola's first delivery still holds all twelve.
    first = tmp_path / "first.ics"
    code, text, _ = cli("export", "--plan", "1", "--out", str(first), "--changes-since-last")
    assert code == 0 and "for Ola Hansen, 0 unchanged left out" in text
    code, text, _ = cli(
        "export", "--plan", "1", "--out", str(tmp_path / "delta.ics"), "--changes-since-last"
    )
    assert code == 0 and "no changes since the last delivery to Ola Hansen" in text
    assert not (tmp_path / "delta.ics").exists()
    assert cli("appointment", "move", "3", "--to", "2030-10-03T14:00")[0] == 0
    assert cli("export", "--plan", "1", "--out", str(out))[0] == 0  # printed in between
    code, out_json, _ = cli(
        "export",
        "--plan",
        "1",
        "--out",
        str(tmp_path / "delta.ics"),
        "--changes-since-last",
        "--json",
    )
    res = json.loads(out_json)
    assert code == 0 and (res["events"], res["unchanged"]) == (1, 11)
    assert res["recipient"] == "Ola Hansen"
    (ev,) = icalendar.Calendar.from_ical((tmp_path / "delta.ics").read_bytes()).walk("VEVENT")
    assert ev["SEQUENCE"] == 1


def test_a_delivery_in_the_other_shape_is_refused_with_one_line(cli: Cli, tmp_path: Path) -> None:
    assert (
        cli("export", "--plan", "1", "--out", str(tmp_path / "a.ics"), "--changes-since-last")[0]
        == 0
    )
    code, _out, err = cli(
        "export", "--plan", "1", "--out", str(tmp_path / "b.ics"),
        "--changes-since-last", "--shape", "series",
    )  # fmt: skip
    assert code == 3 and len(err.strip().splitlines()) == 1
    assert "Ola Hansen's calendar gets the sessions shape" in err
    assert not (tmp_path / "b.ics").exists()
    code, _out, err = cli(
        "export", "--plan", "1", "--out", str(tmp_path / "c.ics"), "--recipient", "x"
    )
    assert code == 2 and "add --changes-since-last" in err


def test_full_profile_warns_on_stderr(cli: Cli, tmp_path: Path) -> None:
    code, _out, err = cli(
        "export",
        "--practitioner",
        "1",
        "--from",
        "2030-09-01",
        "--to",
        "2030-12-31",
        "--profile",
        "full",
        "--shape",
        "series",
        "--out",
        str(tmp_path / "all.ics"),
    )
    assert code == 0
    assert "planner: warning: this file holds health data" in err
    assert b"Ola Hansen" in (tmp_path / "all.ics").read_bytes()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--plan", "9"], 4, "no plan with id 9"),
        (["--plan", "1", "--profile", "gossip"], 2, "unknown profile 'gossip'"),
        (["--plan", "1", "--shape", "cubes"], 2, "unknown shape 'cubes'"),
        (["--plan", "1", "--alarms", "soon"], 2, "cannot read the reminder 'soon'"),
        (["--plan", "1", "--from", "2030-09-01"], 2, "a date range (--from/--to) applies to"),
        (["--location", "1", "--from", "2030-13-01"], 2, "cannot read the --from date"),
        (
            ["--practitioner", "1", "--from", "2020-01-01", "--to", "2020-01-31"],
            4,
            "nothing to export",
        ),
    ],
)
def test_export_errors_are_one_line_with_the_right_exit_code(
    cli: Cli, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    got, _out, err = cli("export", *args, "--out", str(tmp_path / "x.ics"))
    assert got == code
    assert err.startswith("planner: ") and message in err and err.count("\n") == 1
    assert not (tmp_path / "x.ics").exists()


def test_import_a_busy_calendar_and_a_malformed_one(cli: Cli) -> None:
    code, out, err = cli(
        "import",
        str(FIXTURES / "google_busy_rdate_thisandfuture_floating_utc.ics"),
        "--practitioner",
        "1",
    )
    assert code == 0, err
    assert "from 'ingrid.berg@example.com' as" in out and "for practitioner 1" in out
    code, out, err = cli(
        "import", str(FIXTURES / "malformed_bad_date.ics"), "--practitioner", "1", "--json"
    )
    assert code == 2
    assert json.loads(out)["line"] == 7
    assert "malformed_bad_date.ics: line 7, in VEVENT (UID m@example.com): DTSTART" in err
    assert json.loads(out)["uid"] == "m@example.com"
    code, out, err = cli(
        "import",
        str(FIXTURES / "closures_allday_span_whole_opening_day_yearly.ics"),
        "--location",
        "1",
        "--json",
    )
    assert code == 0
    res = json.loads(out)  # the command line reads the real clock: a yearly closure is ahead
    assert res["target"] == "location" and res["rows"] >= 1
    with pytest.raises(SystemExit) as exited:  # argparse's own usage error
        cli("import", str(FIXTURES / "google_busy_rdate_thisandfuture_floating_utc.ics"))
    assert exited.value.code == 2
    assert (
        "one of the arguments --practitioner --location is required" in cli.capsys.readouterr().err
    )
    code, out, err = cli(
        "import",
        str(FIXTURES / "google_busy_rdate_thisandfuture_floating_utc.ics"),
        "--location",
        "1",
        "--horizon-months",
        "0",
    )
    assert code == 2 and "--horizon-months" in err


def test_export_and_plan_card_take_a_language(cli: Cli, tmp_path: Path) -> None:
    """The patient's language by default, ``--language`` over it; codes stay English."""
    assert cli("patient", "edit", "1", "--language", "nb")[0] == 0
    own, english = tmp_path / "nb.ics", tmp_path / "en.ics"
    assert cli("export", "--plan", "1", "--out", str(own))[0] == 0
    assert cli("export", "--plan", "1", "--out", str(english), "--language", "en")[0] == 0
    summaries = [
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(own.read_bytes()).walk("VEVENT")
    ]
    assert "Akupunktur – behandling 3 av 9 – Oslo sentrum" in summaries
    assert b"Acupuncture - session 3 of 9 - Oslo sentrum" in english.read_bytes()
    code, card = cli.json("plan", "card", "1", "--out", str(tmp_path / "card.pdf"))
    assert code == 0 and card["language"] == "nb"
    assert card["sessions"][1]["what"] == "Behandling 1 av 9"
    assert card["sessions"][1]["weekday"] == "tirsdag"
    code, card = cli.json(
        "plan", "card", "1", "--out", str(tmp_path / "card.pdf"), "--language", "en"
    )
    assert code == 0 and card["sessions"][1]["what"] == "Treatment 1 of 9"


@pytest.mark.parametrize("command", ["export", "card"])
def test_an_unknown_language_is_refused_in_one_line_and_writes_nothing(
    cli: Cli, tmp_path: Path, command: str
) -> None:
    out = tmp_path / ("x.ics" if command == "export" else "x.pdf")
    args = ["export", "--plan", "1"] if command == "export" else ["plan", "card", "1"]
    code, text, err = cli(*args, "--out", str(out), "--language", "fr")
    assert code == 2 and text == ""
    assert err.strip() == "planner: unknown language 'fr'; choose en (English), nb (Norsk bokmål)"
    assert not out.exists()


def test_new_patients_start_in_the_clinic_language(cli: Cli) -> None:
    code, out = cli.json("clinic", "set", "--language", "norsk")
    assert code == 0 and out["language"] == "nb"
    code, kari = cli.json("patient", "add", "--name", "Kari Nordmann")
    assert code == 0 and kari["language"] == "nb"
    code, john = cli.json("patient", "add", "--name", "John Smith", "--language", "en")
    assert code == 0 and john["language"] == "en"
    code, _text, err = cli("clinic", "set", "--language", "sv")
    assert code == 2 and "unknown language 'sv'" in err
    assert cli.json("clinic", "show")[1]["clinic"]["language"] == "nb"
