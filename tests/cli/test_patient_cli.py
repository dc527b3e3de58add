"""``planner patient add|edit|list|show``: dates of birth as typed, languages, duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import Cli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    c = Cli(tmp_path / "cli.db", capsys)
    c.ok("init")
    c.ok(
        "patient", "add", "--name", "Astrid Berg", "--dob", "13.05.1973", "--language", "nb",
        "--phone", "412 34 567", "--flag", "anticoagulants",
    )  # fmt: skip
    c.ok("patient", "add", "--name", "Astrid Berg", "--dob", "02.01.1990")
    c.ok("patient", "add", "--name", "Kari Nordmann", "--phone", "+47 900 00 001")
    return c


def test_add_reads_the_date_of_birth_as_typed_and_keeps_the_language(cli: Cli) -> None:
    code, shown = cli.json("patient", "show", "1")
    assert code == 0
    assert (shown["date_of_birth"], shown["language"]) == ("1973-05-13", "nb")
    out = cli.ok("patient", "show", "1")
    assert "born 13.05.1973" in out and "documents in Norsk bokmål" in out
    code, added = cli.json("patient", "add", "--name", "Nina Dahl", "--dob", "010120")
    assert code == 0 and added["language"] == "en"
    assert cli.json("patient", "show", str(added["id"]))[1]["date_of_birth"] == "2020-01-01"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--dob", "30.02.1980"], "February 1980 has 29 days"),
        (["--dob", "01.01.2090"], "in the future"),
        (["--language", "sv"], "unknown language 'sv'"),
    ],
)
def test_add_with_bad_input_exits_2_in_one_line_and_adds_nobody(
    cli: Cli, args: list[str], says: str
) -> None:
    code, out, err = cli("patient", "add", "--name", "Nina Dahl", *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and says in err
    assert "Nina" not in cli.ok("patient", "list")


def test_a_duplicate_is_refused_naming_the_patient_unless_allowed(cli: Cli) -> None:
    code, out, err = cli("patient", "add", "--name", "astrid  berg", "--dob", "130573")
    assert code == 3 and out == ""
    assert err == (
        "planner: a patient with this name and date of birth exists: Astrid Berg, born "
        "13.05.1973, 412 34 567 (patient 1); add --allow-duplicate to register another\n"
    )
    code, data = cli.json("patient", "add", "--name", "Someone", "--phone", "41234567")
    assert code == 3 and data["duplicates"] == [{"id": 1, "name": "Astrid Berg"}]
    assert len(cli.json("patient", "list")[1]) == 3
    code, added = cli.json(
        "patient", "add", "--name", "Astrid Berg", "--dob", "13.05.1973", "--allow-duplicate"
    )
    assert code == 0 and added["id"] == 4


def test_list_finds_by_date_of_birth_and_shows_it(cli: Cli) -> None:
    out = cli.ok("patient", "list", "13.05.1973")
    assert out.splitlines() == [
        "     1  Astrid Berg                  13.05.1973  412 34 567       anticoagulants"
    ]
    for typed in ("1973-05-13", "130573", "13051973", "13.5.1973"):
        assert [d["id"] for d in cli.json("patient", "list", typed)[1]] == [1], typed
    rows = cli.ok("patient", "list", "astrid").splitlines()
    assert [r.split()[3] for r in rows] == ["13.05.1973", "02.01.1990"]


def test_edit_changes_what_it_is_given_and_prints_the_patient(cli: Cli) -> None:
    code, data = cli.json(
        "patient", "edit", "1", "--dob", "14.05.1973", "--chart", "C-1", "--language", "en",
        "--add-flag", "lymphoedema:arm-left", "--remove-flag", "anticoagulants",
        "--notes", "Prefers mornings",
    )  # fmt: skip
    assert code == 0
    assert data == {
        "id": 1,
        "name": "Astrid Berg",
        "phone": "412 34 567",
        "email": "",
        "email_consent": False,
        "date_of_birth": "1973-05-14",
        "chart_number": "C-1",
        "language": "en",
        "flags": ["lymphoedema:shoulder-left,elbow-left,wrist-hand-left"],
        "notes": "Prefers mornings",
    }
    assert cli.json("patient", "show", "1")[1]["chart_number"] == "C-1"
    assert cli.ok("patient", "edit", "1", "--name", "Astrid M. Berg") == (
        "patient 1: Astrid M. Berg changed\n"
    )
    # An empty value clears a field.
    cli.ok("patient", "edit", "1", "--dob", "", "--chart", "")
    shown = cli.json("patient", "show", "1")[1]
    assert (shown["date_of_birth"], shown["chart_number"]) == (None, None)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--dob", "31.04.1990"], "April 1990 has 30 days"),
        (["--email", "nobody"], "does not look like an e-mail address"),
        (["--phone", "call me"], "does not look like a phone number"),
        (["--name", " "], "needs a name"),
        (["--language", "de"], "unknown language"),
        (["--remove-flag", "seizures"], "has no screening flag 'History of seizures'"),
        (["--add-flag", "telepathy"], "screening flag"),
        ([], "nothing to change"),
    ],
)
def test_edit_with_bad_input_exits_2_and_changes_nothing(
    cli: Cli, args: list[str], says: str
) -> None:
    before = cli.json("patient", "show", "1")[1]
    # A valid change goes with each bad one (none goes with "nothing to change"): neither
    # is written.
    code, out, err = cli("patient", "edit", "1", *(["--notes", "valid", *args] if args else []))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and says in err
    assert cli.json("patient", "show", "1")[1] == before


def test_edit_a_chart_number_of_another_patient_is_refused(cli: Cli) -> None:
    cli.ok("patient", "edit", "3", "--chart", "K-1")
    code, data = cli.json("patient", "edit", "1", "--chart", "K-1")
    assert code == 2
    assert data["message"] == "chart number K-1 belongs to another patient (Kari Nordmann)"


def test_edit_of_a_missing_patient_exits_4(cli: Cli) -> None:
    code, out, err = cli("patient", "edit", "99", "--name", "Nobody")
    assert (code, out) == (4, "")
    assert err == "planner: no patient with id 99; list them with 'planner patient list'\n"
