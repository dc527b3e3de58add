"""The PostgreSQL server goes down and comes back (issue 11, item 5): every command says so in
one line (exit 2, nothing changed, no traceback), and a Store that stays open (the window's)
works again as soon as the server is back, without a restart (``pool_pre_ping``).

This test starts a server of its own, since it stops it: the session-wide one stays up for
the others.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from scripts.throwaway_pg import PostgresMissing, server_bindir

from planner.db.store import Store
from planner.errors import DatabaseUnavailable
from planner.services import clinic
from planner.services.listings import patients

pytestmark = pytest.mark.slow


@dataclass
class OwnServer:
    """A PostgreSQL cluster this test may stop and start (same data, same port)."""

    bindir: Path
    data: Path
    log: Path
    port: int
    sock: Path

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            cmd = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(cmd)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        opts = f"'-c listen_addresses=127.0.0.1 -p {self.port} -k {self.sock} -c fsync=off'"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-o", opts, "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


@pytest.fixture
def own_server() -> Iterator[OwnServer]:
    try:
        import psycopg  # noqa: F401

        bindir = server_bindir()
    except (ImportError, PostgresMissing) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests cannot run in CI: {exc}")
        pytest.skip(str(exc))
    root = Path(tempfile.mkdtemp(prefix="planner-pg-down-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = OwnServer(bindir, root / "data", root / "log", port, root)
    try:
        server._run(
            "initdb", "-D", str(server.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
            "--locale=C.UTF-8",
        )  # fmt: skip
        server.start()
        yield server
        with contextlib.suppress(subprocess.CalledProcessError):  # stopped already
            server._run("pg_ctl", "-D", str(server.data), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _planner(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner.cli", "--db", url, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_server_down_says_so_in_one_line_and_the_open_store_reconnects(
    own_server: OwnServer,
) -> None:
    url = own_server.url
    assert _planner(url, "init").returncode == 0
    desk = Store(url)  # stays open across the outage, as a window's does
    try:
        clinic.add_patient(desk, "Kari Nordmann")
        own_server.stop()

        for args in (
            ("appointment", "list"),
            ("patient", "add", "--name", "Ola Hansen"),
            ("history",),
        ):
            run = _planner(url, *args)
            assert run.returncode == 2, (args, run.stdout, run.stderr)
            assert run.stdout == ""
            assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
            assert run.stderr.startswith("planner: cannot reach the database server for ")
            assert "nothing was changed" in run.stderr
        run = _planner(url, "appointment", "list", "--json")
        assert run.returncode == 2 and '"error": "DatabaseUnavailable"' in run.stdout

        with pytest.raises(DatabaseUnavailable, match="Nothing was changed"):
            clinic.add_patient(desk, "Nina Dahl")
        with pytest.raises(DatabaseUnavailable, match="cannot reach the database server"):
            patients(desk, "")

        own_server.start()
        # the same Store, no restart: its pool tests each connection and connects again
        assert [p["name"] for p in patients(desk, "")] == ["Kari Nordmann"]
        clinic.add_patient(desk, "Nina Dahl")
        assert [p["name"] for p in patients(desk, "")] == ["Kari Nordmann", "Nina Dahl"]
        run = _planner(url, "patient", "list", "--json")
        assert run.returncode == 0 and "Ola Hansen" not in run.stdout
    finally:
        desk.close()


def test_a_password_is_never_shown(own_server: OwnServer) -> None:
    url = own_server.url.replace("postgres@", "postgres:s3cret@")
    own_server.stop()
    run = _planner(url, "appointment", "list")
    assert run.returncode == 2
    assert "s3cret" not in run.stderr and "postgres:***@" in run.stderr
