"""Shared fixtures: a throwaway database per test and a small clinic in Oslo."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from planner.db.store import Store
from planner.services import clinic

FROZEN_NOW = datetime(2026, 9, 1, 12, 0)
"""The clock the service tests run at (naive UTC), before the plans they book."""


@pytest.fixture(autouse=True)
def _own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This computer's settings files (the backup folder, the desk name) live in the test's own
    config folder: never the developer's, and never another test's."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "planner.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = Store(str(db_path), create=True)
    yield s
    s.close()


@dataclass
class Clinic:
    store: Store
    location: int
    practitioner: int
    physio: int
    room: int
    kari: int
    ola: int
    nina: int


@pytest.fixture
def oslo(store: Store) -> Clinic:
    loc = clinic.add_location(
        store,
        "Oslo sentrum",
        "Europe/Oslo",
        country="NO",
        address="Storgata 1, 0155 Oslo",
        phone="+47 22 00 00 00",
        hours=["mon-fri 08:00-18:00"],
    )
    room = clinic.add_room(store, loc.id, "Room 1")
    acu = clinic.add_practitioner(
        store, "Ingrid Berg", "acupuncturist", [loc.id], hours=["mon-fri 08:00-16:00"]
    )
    physio = clinic.add_practitioner(
        store, "Per Lie", "physiotherapist", [loc.id], hours=["mon,wed 08:00-16:00"]
    )
    kari = clinic.add_patient(store, "Kari Nordmann", phone="+47 900 00 001")
    ola = clinic.add_patient(store, "Ola Hansen", phone="+47 900 00 002", flags=["anticoagulants"])
    nina = clinic.add_patient(store, "Nina Dahl", phone="+47 900 00 003")
    return Clinic(store, loc.id, acu.id, physio.id, room.id, kari.id, ola.id, nina.id)


class Cli:
    """Runs ``planner`` in-process on one database: ``cli("patient", "list")``.

    Returns ``(exit code, stdout, stderr)``; ``cli.json(...)`` adds ``--json`` and decodes it.
    """

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        from planner.cli import main

        code = main(["--db", str(self.db), *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str) -> tuple[int, Any]:
        """Run a command with ``--json``: its exit code and the parsed output (JSON is Any)."""
        code, out, _err = self(*args, "--json")
        return code, json.loads(out) if out.strip() else None

    def ok(self, *args: str) -> str:
        """Run a command that must succeed; its stdout."""
        code, out, err = self(*args)
        assert code == 0, (args, out, err)
        return out

    def oslo_clinic(self) -> None:
        """``init``, location 1 Oslo sentrum (Norwegian holidays, mon-fri 08-18) and
        practitioner 1 Ingrid Berg, acupuncturist, mon-fri 08-16."""
        self.ok("init")
        self.ok(
            "location", "add", "--name", "Oslo sentrum", "--tz", "Europe/Oslo",
            "--country", "NO", "--hours", "mon-fri 08:00-18:00",
            "--address", "Storgata 1, Oslo", "--phone", "+47 22 00 00 00",
        )  # fmt: skip
        self.ok(
            "practitioner", "add", "--name", "Ingrid Berg", "--profession", "acupuncturist",
            "--location", "1", "--hours", "mon-fri 08:00-16:00",
        )  # fmt: skip


@pytest.fixture
def smtp_server() -> Iterator[Any]:
    """A real SMTP server on 127.0.0.1 (aiosmtpd), started; see :mod:`tests.smtp_server`."""
    from tests.smtp_server import SmtpServer

    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def caldav_server() -> Iterator[Any]:
    """A real CalDAV server on 127.0.0.1 (Radicale), started; see :mod:`tests.caldav_server`."""
    from tests.caldav_server import RadicaleServer

    server = RadicaleServer().start()
    yield server
    server.stop()
