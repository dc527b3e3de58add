"""The change log on PostgreSQL: append-only, and announced by NOTIFY exactly when it commits."""

from __future__ import annotations

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from planner.db.audit import NOTIFY_CHANNEL
from planner.db.store import Store
from planner.errors import BadInput
from planner.services import clinic
from planner.services.history import history, latest_change

pytestmark = pytest.mark.slow


def _listener(url: str) -> object:
    import psycopg

    conn = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)
    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
    return conn


def test_a_change_is_announced_with_its_id_when_it_commits_and_never_when_refused(
    pg_url: str,
) -> None:
    import psycopg

    store = Store(pg_url, create=True)
    conn = _listener(pg_url)
    assert isinstance(conn, psycopg.Connection)
    try:
        loc = clinic.add_location(store, "Oslo sentrum", "Europe/Oslo", country="NO")
        heard = [n.payload for n in conn.notifies(timeout=2, stop_after=1)]
        assert heard == [str(latest_change(store))]
        assert history(store)[-1].entity_id == loc.id
        with pytest.raises(BadInput):
            clinic.add_location(store, "Oslo sentrum", "Europe/Oslo", country="NO")
        assert [n.payload for n in conn.notifies(timeout=0.5)] == []
    finally:
        conn.close()
        store.close()


def test_the_log_cannot_be_rewritten_on_postgresql(pg_url: str) -> None:
    store = Store(pg_url, create=True)
    try:
        clinic.add_patient(store, "Mari Lund")
        for sql in ("UPDATE changes SET desk = 'x'", "DELETE FROM changes"):
            with pytest.raises(sa_exc.DatabaseError, match="append-only"), store.write() as s:
                s.execute(text(sql))
        assert [e.desk for e in history(store)] != ["x"]
        assert len(history(store)) == 1
    finally:
        store.close()
