"""A throwaway PostgreSQL server on loopback: for the tests, the desk benchmark, and by hand.

    .venv/bin/python scripts/throwaway_pg.py     # prints the URL, stays up until Ctrl+C

Debian's PostgreSQL binaries (``/usr/lib/postgresql/<version>/bin``, the newest) make a new
cluster in a temp folder (``initdb``), and ``pg_ctl`` starts it listening on 127.0.0.1 only,
on a free port, with trust authentication (loopback only, nothing to guess) and ``fsync``
off (the data is thrown away anyway). Run as root, the cluster belongs to the ``postgres``
user, since PostgreSQL refuses to run as root. Stopping removes the folder.

The URL is the server's (``postgresql+psycopg://postgres@127.0.0.1:PORT``): add ``/postgres``
for its default database, or create one per test (see ``tests/db/conftest.py``).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType


class PostgresMissing(RuntimeError):
    """The PostgreSQL server binaries or the psycopg driver are not installed here."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_bindir() -> Path:
    """The newest installed PostgreSQL's ``bin`` folder (PostgresMissing if there is none)."""
    found = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    if not found:
        raise PostgresMissing("PostgreSQL server binaries not found (apt-get install postgresql)")
    # by version number, so that 10 comes after 9
    return max(found, key=lambda b: int(b.parent.name) if b.parent.name.isdigit() else 0)


@contextlib.contextmanager
def throwaway_server() -> Iterator[str]:
    """Start a fresh cluster, yield its URL (superuser ``postgres``, trust auth on loopback),
    and stop it and remove its folder on the way out."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise PostgresMissing("psycopg is not installed (pip install -e '.[postgres]')") from None
    bindir = server_bindir()
    root = Path(tempfile.mkdtemp(prefix="planner-pg-"))
    as_root = os.geteuid() == 0
    if as_root:
        shutil.chown(root, "postgres", "postgres")

    def run(cmd: list[str]) -> None:
        if as_root:
            cmd = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(cmd)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    port = _free_port()
    data, sock = root / "data", root / "sock"
    try:
        run(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        )
        run(["mkdir", "-p", str(sock)])
        run(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(root / "log"),
                "-w",
                "-o",
                f"'-c listen_addresses=127.0.0.1 -p {port} -k {sock} -c fsync=off'",
                "start",
            ]
        )
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
        finally:
            run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _stop(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # leaves the with block below, which stops the server


def main() -> int:
    signal.signal(signal.SIGTERM, _stop)
    try:
        with throwaway_server() as url:
            print(url, flush=True)
            print("PostgreSQL is up; Ctrl+C stops it and removes its data", file=sys.stderr)
            try:
                while True:
                    signal.pause()
            except KeyboardInterrupt:
                pass
    except PostgresMissing as exc:
        print(f"throwaway_pg: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
