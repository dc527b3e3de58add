"""``planner waitlist add|list|match|book|remove``, as the front desk and scripts use it.

Every date is years ahead (2031) so the tests never meet the past; ``--from`` and ``--until``
are always given, so the candidates do not depend on the day the suite runs.
"""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from planner.db.store import Store
from planner.services.waitlist.entries import WaitlistRequest, add_entry

from ..conftest import Cli

TUE_THU_MORNINGS = ["--weekdays", "tue,thu", "--between", "08:00-12:00"]
JUNE = ["--from", "2031-06-02", "--until", "2031-06-30"]
FIBRO = ["--template", "Fibromyalgia acupuncture"]


def _clinic(c: Cli) -> Cli:
    """Location 1 Oslo sentrum, practitioner 1 Ingrid Berg (acupuncturist, mon-fri 08-16),
    practitioner 2 Per Lie (physiotherapist, mon and wed 08-16), patients 1 Kari Nordmann,
    2 Ola Hansen (bleeding disorder) and 3 Nina Dahl."""
    c.oslo_clinic()
    c.ok(
        "practitioner", "add", "--name", "Per Lie", "--profession", "physiotherapist",
        "--location", "1", "--hours", "mon,wed 08:00-16:00",
    )  # fmt: skip
    c.ok("patient", "add", "--name", "Kari Nordmann", "--phone", "+47 900 00 001")
    c.ok("patient", "add", "--name", "Ola Hansen", "--flag", "bleeding-disorder")
    c.ok("patient", "add", "--name", "Nina Dahl")
    return c


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """A fresh database with :func:`_clinic`."""
    return _clinic(Cli(tmp_path / "cli.db", capsys))


def state(cli: Cli) -> tuple[Any, Any, Any]:
    """Everything a waitlist command could change: the entries (closed ones too), the plans
    and their sessions."""
    _, entries = cli.json("waitlist", "list", "--all")
    _, plans = cli.json("plan", "list")
    _, sessions = cli.json("appointment", "list", "--from", "2031-01-01", "--to", "2033-12-31")
    return entries, plans, sessions


def plan_starts(cli: Cli, plan_id: int) -> list[str]:
    code, sessions = cli.json("appointment", "list", "--plan", str(plan_id))
    assert code == 0
    return sorted(s["local_start"] for s in sessions)


def candidate_starts(candidate: dict[str, Any]) -> list[str]:
    return sorted(s["local_start"] for s in candidate["sessions"])


# -- round trips --------------------------------------------------------------------------------


def test_template_entry_added_listed_matched_and_booked(cli: Cli) -> None:
    out = cli.ok(
        "waitlist", "add", "--patient", "1", *FIBRO, "--location", "1", "--practitioner", "1",
        *TUE_THU_MORNINGS, *JUNE, "--expires", "2031-07-31", "--note", "prefers mornings",
    )  # fmt: skip
    assert out == (
        "waitlist entry 1: Kari Nordmann, Fibromyalgia acupuncture, tue, thu 08:00-12:00, "
        "first session Mon 02 Jun 2031 to Mon 30 Jun 2031, until Thu 31 Jul 2031\n"
    )
    listed = cli.ok("waitlist", "list")
    row = listed.splitlines()[1]
    for part in ("Kari Nordmann", "Fibromyalgia acupuncture", "Oslo sentrum / Ingrid Berg"):
        assert part in row
    assert "tue, thu 08:00-12:00" in row and "0 d" in row and "Thu 31 Jul 2031" in row

    code, matches = cli.json("waitlist", "match")
    assert code == 0
    [m] = matches
    assert m["id"] == 1 and m["note"] == "prefers mornings"
    first = m["candidates"][0]
    assert first["start"] == "2031-06-03T08:00"  # Tue; Mon 2 Jun 2031 is Whit Monday
    assert first["practitioner"] == "Ingrid Berg" and first["count"] == 12
    for s in first["sessions"]:
        assert datetime.fromisoformat(s["local_start"]).weekday() in (1, 3)

    text = cli.ok("waitlist", "match", "1")
    assert "candidate 1: from Tue 03 Jun 2031 08:00 with Ingrid Berg at Oslo sentrum" in text
    assert "assessment 1/1" in text and "treatment 9/9" in text and "follow-up 1/1" in text

    code, booked = cli.json("waitlist", "book", "1")
    assert code == 0
    assert booked["entry_id"] == 1 and booked["waitlist_closed"] == [1]
    assert plan_starts(cli, booked["plan_id"]) == candidate_starts(first)
    assert [s["local_start"] for s in booked["sessions"]] == [
        s["local_start"] for s in first["sessions"]
    ]

    assert cli.ok("waitlist", "list") == "no open waitlist entries\n"
    code, entries = cli.json("waitlist", "list", "--all")
    assert code == 0
    [e] = entries
    assert e["status"] == "booked" and e["plan_id"] == booked["plan_id"]
    assert e["closed_reason"] == f"booked from the waitlist as plan {booked['plan_id']}"
    assert "booked" in cli.ok("waitlist", "list", "--all").splitlines()[1]


def test_custom_cadence_books_the_candidate_asked_for(cli: Cli) -> None:
    out = cli.ok(
        "waitlist", "add", "--patient", "3", "--weeks", "4", "--per-week", "2",
        "--duration", "30", "--modality", "physiotherapy", "--practitioner", "2",
        "--weekdays", "mon,wed", "--between", "09:00-11:00", "--between", "13:00-15:00",
        *JUNE, "--urgent",
    )  # fmt: skip
    assert out.startswith(
        "waitlist entry 1: Nina Dahl (urgent), 8 x 30 min, 2 a week (physiotherapy), mon, wed "
        "09:00-11:00 13:00-15:00, first session Mon 02 Jun 2031 to Mon 30 Jun 2031, until "
    )
    assert "URGENT" in cli.ok("waitlist", "list").splitlines()[1]

    code, matches = cli.json("waitlist", "match", "1", "--limit", "2")
    assert code == 0
    [m] = matches
    assert len(m["candidates"]) == 2
    second = m["candidates"][1]
    assert second["count"] == 8 and second["practitioner"] == "Per Lie"
    for s in second["sessions"]:
        local = datetime.fromisoformat(s["local_start"])
        assert local.weekday() in (0, 2)
        assert time(9) <= local.time() <= time(10, 30) or time(13) <= local.time() <= time(14, 30)

    text = cli.ok("waitlist", "book", "1", "--candidate", "2")
    lines = text.splitlines()
    assert lines[0].startswith("booked plan ") and lines[0].endswith(" with 8 sessions")
    plan_id = int(lines[0].split()[2])
    assert "treatment 8/8" in text
    assert lines[-1] == f"waitlist entry 1 closed: booked from the waitlist as plan {plan_id}"
    assert plan_starts(cli, plan_id) == candidate_starts(second)


def test_remove_keeps_the_reason_and_list_all_shows_it(cli: Cli) -> None:
    cli.ok("waitlist", "add", "--patient", "1", *FIBRO, *JUNE)
    out = cli.ok("waitlist", "remove", "1", "--reason", "moved to Bergen")
    assert out == (
        "waitlist entry 1 removed (Kari Nordmann, Fibromyalgia acupuncture, any time): "
        "moved to Bergen\n"
    )
    assert cli.ok("waitlist", "list") == "no open waitlist entries\n"
    row = cli.ok("waitlist", "list", "--all").splitlines()[1]
    assert "removed" in row and row.endswith("moved to Bergen")
    cli.ok("waitlist", "add", "--patient", "1", *FIBRO, *JUNE)  # no longer a duplicate
    code, removed = cli.json("waitlist", "remove", "2")
    assert code == 0 and removed["status"] == "removed"
    assert removed["closed_reason"] == "removed by the desk"


def test_a_holiday_move_is_shown_with_its_reasons(cli: Cli) -> None:
    # Ascension Day 2031 is Thursday 22 May: a weekly Thursday series from 8 May meets it.
    cli.ok(
        "waitlist", "add", "--patient", "1", "--weeks", "4", "--per-week", "1",
        "--duration", "30", "--modality", "acupuncture", *TUE_THU_MORNINGS,
        "--from", "2031-05-08", "--until", "2031-05-08",
    )  # fmt: skip
    text = cli.ok("waitlist", "match")
    assert "4 sessions, 1 moved" in text
    [moved] = [line for line in text.splitlines() if "shifted" in line]
    assert "Tue 27 May 2031 08:00" in moved and "public holiday (Ascension Day)" in moved


def test_an_entry_nothing_fits_says_so_in_one_line(cli: Cli) -> None:
    cli.ok(
        "waitlist", "add", "--patient", "1", "--weeks", "4", "--per-week", "1",
        "--duration", "30", "--modality", "acupuncture", "--weekdays", "thu",
        "--from", "2031-05-08", "--until", "2031-05-08",
    )  # fmt: skip
    code, out, err = cli("waitlist", "match")
    assert code == 0 and err == ""
    assert out == (
        "waitlist entry 1: Kari Nordmann, 4 x 30 min, 1 a week (acupuncture), thu any time, "
        "waited 0 days: no series fits between Thu 08 May 2031 and Thu 08 May 2031 "
        "(1 practitioner(s) searched); it stays on the waitlist\n"
    )
    code, matches = cli.json("waitlist", "match", "1")
    assert code == 0 and matches[0]["candidates"] == []
    code, out, err = cli("waitlist", "book", "1")
    assert code == 3 and out == "" and err.count("\n") == 1
    assert "no series fits the waitlist entry of Kari Nordmann now" in err


def test_list_and_match_of_an_empty_waitlist(cli: Cli) -> None:
    assert cli.ok("waitlist", "list") == "no open waitlist entries\n"
    assert cli.ok("waitlist", "list", "--all") == "the waitlist is empty\n"
    assert cli.ok("waitlist", "match") == "no open waitlist entries\n"
    assert cli.json("waitlist", "match") == (0, [])


def test_expired_entries_are_closed_first_with_their_reason(cli: Cli) -> None:
    store = Store(str(cli.db))
    try:  # added in 2020 so that it has expired by now
        add_entry(
            store,
            WaitlistRequest(patient_id=1, template="Fibromyalgia acupuncture"),
            now=datetime(2020, 1, 6, 9, 0),
        )
    finally:
        store.close()
    out = cli.ok("waitlist", "list")
    assert out.splitlines() == [
        "expired and closed now: waitlist entry 1 (see 'planner waitlist list --all')",
        "no open waitlist entries",
    ]
    code, [e] = cli.json("waitlist", "list", "--all")
    assert code == 0
    assert e["status"] == "expired"
    assert e["closed_reason"] == "expired on Mon 02 Mar 2020 without a booking"
    assert e["expires_on"] == date(2020, 3, 2).isoformat()
    cli.ok("waitlist", "add", "--patient", "1", *FIBRO, *JUNE)  # the expired one is no duplicate


def test_an_entry_whose_last_first_day_passed_says_so(cli: Cli) -> None:
    store = Store(str(cli.db))
    try:  # looked for a first session in January 2020, and is open until 2031
        add_entry(
            store,
            WaitlistRequest(
                patient_id=1,
                template="Fibromyalgia acupuncture",
                earliest=date(2020, 1, 7),
                latest=date(2020, 1, 10),
                expires_on=date(2031, 1, 1),
            ),
            now=datetime(2020, 1, 6, 9, 0),
        )
    finally:
        store.close()
    out = cli.ok("waitlist", "match")
    assert out.startswith("expired and closed now: waitlist entry 1")
    code, entries = cli.json("waitlist", "list", "--all")
    assert code == 0
    [e] = entries
    assert e["status"] == "expired"
    assert e["closed_reason"] == (
        "its latest first session day (Fri 10 Jan 2020) passed without a booking"
    )


# -- refusals -----------------------------------------------------------------------------------


class _QuietCli(Cli):
    """``Cli`` for a fixture that outlives ``capsys``: the output is caught here."""

    def __call__(self, *args: str) -> tuple[int, str, str]:
        from planner.cli import main

        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["--db", str(self.db), *args])
        return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def waiting_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clinic with entry 1: Kari, open; entry 2: Nina, removed; entry 3: Ola (bleeding
    disorder), open, with exactly two candidates (Tue 3 and Thu 5 Jun 2031, Ingrid Berg).
    Made once; every test gets its own copy (:func:`waiting`)."""
    folder = tmp_path_factory.mktemp("waiting")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CONFIG_HOME", str(folder / "config"))
        c = _clinic(_QuietCli(folder / "cli.db", None))  # type: ignore[arg-type]
        c.ok("waitlist", "add", "--patient", "1", *FIBRO, *TUE_THU_MORNINGS, *JUNE)
        c.ok("waitlist", "add", "--patient", "3", *FIBRO, *JUNE)
        c.ok("waitlist", "remove", "2", "--reason", "went elsewhere")
        c.ok(
            "waitlist", "add", "--patient", "2", *FIBRO, "--practitioner", "1",
            *TUE_THU_MORNINGS, "--from", "2031-06-03", "--until", "2031-06-05",
        )  # fmt: skip
    return folder / "cli.db"


@pytest.fixture
def waiting(waiting_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    """A copy of :func:`waiting_db` for one test."""
    for f in waiting_db.parent.glob(f"{waiting_db.name}*"):
        shutil.copy(f, tmp_path / f.name)
    return Cli(tmp_path / waiting_db.name, capsys)


def test_the_refusal_fixture_is_as_described(waiting: Cli) -> None:
    code, entries = waiting.json("waitlist", "list", "--all")
    assert code == 0
    assert [(e["id"], e["patient"], e["status"]) for e in entries] == [
        (1, "Kari Nordmann", "open"),
        (2, "Nina Dahl", "removed"),
        (3, "Ola Hansen", "open"),
    ]
    code, [m] = waiting.json("waitlist", "match", "3", "--limit", "9")
    assert code == 0
    assert [c["start"] for c in m["candidates"]] == ["2031-06-03T08:00", "2031-06-05T08:00"]
    assert m["flags_to_acknowledge"] == ["bleeding-disorder"]


REFUSALS = [
    pytest.param(
        ["add", "--patient", "9", *FIBRO, *JUNE], 4, "no patient with id 9", id="unknown-patient"
    ),
    pytest.param(
        ["add", "--patient", "3", *FIBRO, "--weekdays", "tue,funday", *JUNE],
        2,
        "unknown weekday 'funday'",
        id="bad-weekday",
    ),
    pytest.param(
        ["add", "--patient", "3", *FIBRO, "--between", "12:00-08:00", *JUNE],
        2,
        "--between 12:00-08:00 ends before it starts",
        id="span-backwards",
    ),
    pytest.param(
        ["add", "--patient", "3", *FIBRO, "--between", "8-12", *JUNE],
        2,
        "cannot read --between '8-12'",
        id="span-unreadable",
    ),
    pytest.param(
        ["add", "--patient", "3", *FIBRO, "--weeks", "4", "--per-week", "1", "--duration", "30"],
        2,
        "give either a template or a cadence, not both",
        id="template-and-cadence",
    ),
    pytest.param(
        ["add", "--patient", "3", "--weeks", "4", "--duration", "30", "--modality", "acupuncture"],
        2,
        "a whole cadence",
        id="half-a-cadence",
    ),
    pytest.param(
        ["add", "--patient", "3", *FIBRO, "--from", "2031-06-30", "--until", "2031-06-02"],
        2,
        "the latest first session (Mon 02 Jun 2031) is before the earliest (Mon 30 Jun 2031)",
        id="until-before-from",
    ),
    pytest.param(
        ["add", "--patient", "3", *FIBRO, "--from", "2031-06-31"],
        2,
        "cannot read the --from date '2031-06-31'",
        id="bad-date",
    ),
    pytest.param(
        ["add", "--patient", "1", *FIBRO, *JUNE],
        3,
        "Kari Nordmann is on the waitlist already (Acupuncture)",
        id="duplicate",
    ),
    pytest.param(
        ["add", "--patient", "3", *FIBRO, "--practitioner", "2", *JUNE],
        3,
        "not registered as licensed to needle",
        id="not-licensed",
    ),
    pytest.param(["book", "2"], 3, "was removed (went elsewhere)", id="book-removed"),
    pytest.param(
        ["book", "3", "--candidate", "9"],
        2,
        "has 2 candidate(s) now; choose 1 to 2",
        id="candidate-9",
    ),
    pytest.param(["book", "3"], 3, "confirm they were discussed", id="screening-not-acknowledged"),
    pytest.param(["book", "99"], 4, "no waitlist entry with id 99", id="book-unknown"),
    pytest.param(["match", "99"], 4, "no waitlist entry with id 99", id="match-unknown"),
    pytest.param(["match", "2"], 3, "was removed (went elsewhere)", id="match-removed"),
    pytest.param(["match", "--limit", "0"], 2, "--limit", id="match-limit-0"),
    pytest.param(["remove", "99"], 4, "no waitlist entry with id 99", id="remove-unknown"),
    pytest.param(["remove", "2"], 3, "was removed (went elsewhere)", id="remove-removed"),
]


@pytest.mark.parametrize(("args", "code", "message"), REFUSALS)
def test_a_refusal_is_one_line_and_changes_nothing(
    waiting: Cli, args: list[str], code: int, message: str
) -> None:
    before = state(waiting)
    got, out, err = waiting("waitlist", *args)
    assert (got, out) == (code, ""), err
    assert err.count("\n") == 1 and message in err, err
    assert "Traceback" not in err
    assert state(waiting) == before


def test_a_usage_error_is_one_line(waiting: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    before = state(waiting)
    with pytest.raises(SystemExit) as stop:
        waiting("waitlist", "book", "x")
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err == (
        "planner waitlist book: argument id: 'x' is not a whole number "
        "(see planner waitlist book --help)\n"
    )
    assert state(waiting) == before


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["add", "--patient", "1", *FIBRO, *JUNE], "InvalidState"),
        (["book", "3"], "ScreeningRequired"),
        (["book", "3", "--candidate", "9"], "BadInput"),
        (["match", "99"], "NotFound"),
    ],
)
def test_a_refusal_with_json_is_an_error_object(waiting: Cli, args: list[str], error: str) -> None:
    before = state(waiting)
    code, out, err = waiting("waitlist", *args, "--json")
    assert code != 0 and err.count("\n") == 1
    assert json.loads(out)["error"] == error
    assert state(waiting) == before


def test_screening_flags_acknowledged_book_the_first_candidate(waiting: Cli) -> None:
    text = waiting.ok("waitlist", "match", "3")
    assert "screening flags: bleeding-disorder; book with --acknowledge-flags" in text
    code, [m] = waiting.json("waitlist", "match", "3")
    assert code == 0
    code, booked = waiting.json("waitlist", "book", "3", "--acknowledge-flags")
    assert code == 0
    assert plan_starts(waiting, booked["plan_id"]) == candidate_starts(m["candidates"][0])
    code, plan = waiting.json("plan", "show", str(booked["plan_id"]))
    assert code == 0
    assert plan["acknowledged_flags"] == ["bleeding-disorder"]
