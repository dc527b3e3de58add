"""A throwaway PostgreSQL server on loopback, for the tests that prove the shared-desk setup.

Started once per test session by ``scripts/throwaway_pg.py`` from Debian's PostgreSQL binaries
(initdb + pg_ctl in a temp folder, listening on 127.0.0.1 only) and stopped at the end. Where
PostgreSQL or psycopg is missing the tests are skipped, except under CI, where a skip would
hide a gap and fails instead.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator

import pytest
from scripts.throwaway_pg import PostgresMissing, throwaway_server


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """URL of a fresh cluster's ``postgres`` database (superuser, trust auth on loopback),
    started by :func:`scripts.throwaway_pg.throwaway_server`."""
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(throwaway_server())
        except PostgresMissing as exc:
            _unavailable(str(exc))
        yield url


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A new, empty database on the throwaway server for one test."""
    import psycopg

    name = f"planner_{os.getpid()}_{time.monotonic_ns()}"
    admin = pg_server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{pg_server}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
