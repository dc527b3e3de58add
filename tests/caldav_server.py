"""A real CalDAV server on loopback for the tests: Radicale 3 in a subprocess.

Radicale runs as ``python -m radicale`` with no configuration file, listening on 127.0.0.1
and a free port, its collections in a temporary folder, and htpasswd authentication over a
plain user/password file (loopback only, throwaway users). ``calendar_url(user, name)``
makes a calendar collection with MKCALENDAR through the caldav library, as a practitioner's
calendar app would, and returns its URL.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from caldav.davclient import DAVClient

DEFAULT_USERS = {"ingrid": "needles-and-pins", "per": "mobilise-2027"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RadicaleServer:
    """Radicale on ``127.0.0.1:port`` with a throwaway storage folder and htpasswd users."""

    def __init__(self, users: dict[str, str] | None = None) -> None:
        self.users = dict(users or DEFAULT_USERS)
        self.root = Path(tempfile.mkdtemp(prefix="planner-radicale-"))
        self.port = _free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, timeout: float = 20.0) -> RadicaleServer:
        """Start the server and return once its port accepts connections."""
        users = self.root / "users"
        users.write_text("".join(f"{u}:{p}\n" for u, p in self.users.items()))
        log = (self.root / "radicale.log").open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "radicale",
                "--config",
                "",
                "--server-hosts",
                f"127.0.0.1:{self.port}",
                "--storage-filesystem-folder",
                str(self.root / "collections"),
                "--auth-type",
                "htpasswd",
                "--auth-htpasswd-filename",
                str(users),
                "--auth-htpasswd-encryption",
                "plain",
                "--auth-delay",
                "0",
                "--rights-type",
                "owner_only",
                "--logging-level",
                "warning",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"radicale exited at start: {self.log_tail()}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5),
            ):
                return self
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("radicale did not accept connections in time")
            time.sleep(0.05)

    def log_tail(self) -> str:
        path = self.root / "radicale.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def stop(self, *, keep_storage: bool = False) -> None:
        """Stop the server (and, unless ``keep_storage``, remove its folder)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        if not keep_storage:
            shutil.rmtree(self.root, ignore_errors=True)

    def restart(self) -> RadicaleServer:
        """Start again on the same port and storage (after ``stop(keep_storage=True)``)."""
        return self.start()

    def client(self, user: str) -> DAVClient:
        return DAVClient(
            url=self.url, username=user, password=self.users[user], enable_rfc6764=False
        )

    def calendar_url(self, user: str, name: str) -> str:
        """Make the calendar collection ``/user/name/`` (MKCALENDAR) and return its URL."""
        with self.client(user) as client:
            principal = client.principal()  # type: ignore[no-untyped-call]  # caldav leaves it untyped
            cal = principal.make_calendar(name=name, cal_id=name)
            return str(cal.url)
