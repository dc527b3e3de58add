"""Hearing other desks' changes (planner.db.listen), on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest

from planner.db.listen import UNKNOWN, ChangeListener
from planner.db.store import Store
from planner.services import clinic


def _until(listener: ChangeListener, done: Callable[[list[int]], bool], within: float) -> list[int]:
    """Everything heard until ``done(heard)`` or ``within`` seconds passed."""
    heard: list[int] = []
    deadline = time.monotonic() + within
    while not done(heard) and time.monotonic() < deadline:
        heard += listener.wait(deadline - time.monotonic())
    return heard


def _quiet_wait_returns_in_time(listener: ChangeListener) -> None:
    t0 = time.monotonic()
    assert listener.wait(0.6) == []
    took = time.monotonic() - t0
    assert 0.5 <= took < 1.2, took


# -- SQLite ------------------------------------------------------------------------------------


def test_sqlite_listener_hears_another_connections_changes_by_id(db_path: Path) -> None:
    mine = Store(str(db_path), create=True)
    other = Store(str(db_path))
    try:
        with ChangeListener(mine) as listener:
            _quiet_wait_returns_in_time(listener)
            clinic.add_patient(other, "Kari Nordmann")
            clinic.add_patient(other, "Ola Hansen")
            wanted = set(other.own_changes)
            assert len(wanted) == 2
            t0 = time.monotonic()
            heard = _until(listener, lambda h: wanted <= set(h), 2.0)
            assert set(heard) == wanted
            assert time.monotonic() - t0 < 1.0  # polled every 0.25 s
            # heard once: nothing more until the next commit
            assert listener.wait(0.4) == []
            # its own store's changes are heard too (the window tells them apart)
            clinic.add_patient(mine, "Nina Dahl")
            assert set(_until(listener, bool, 2.0)) == set(mine.own_changes)
    finally:
        other.close()
        mine.close()


def test_sqlite_commit_without_change_rows_says_something_changed(db_path: Path) -> None:
    store = Store(str(db_path), create=True)
    try:
        with ChangeListener(store) as listener:
            con = sqlite3.connect(db_path)
            con.execute("CREATE TABLE scratch (x INTEGER)")  # bulk work the log does not see
            con.commit()
            con.close()
            assert _until(listener, bool, 2.0) == [UNKNOWN]
    finally:
        store.close()


def test_interrupt_ends_a_wait_from_another_thread(db_path: Path) -> None:
    store = Store(str(db_path), create=True)
    try:
        listener = ChangeListener(store)
        threading.Timer(0.2, listener.interrupt).start()
        t0 = time.monotonic()
        assert listener.wait(5.0) == []
        assert time.monotonic() - t0 < 1.0
        assert listener.wait(5.0) == []  # at once: interrupted for good
        listener.close()
        assert listener.wait(1.0) == []
    finally:
        store.close()


def test_in_memory_database_listener_only_waits() -> None:
    store = Store(":memory:", create=True)
    try:
        with ChangeListener(store) as listener:
            clinic.add_patient(store, "Kari Nordmann")
            _quiet_wait_returns_in_time(listener)
    finally:
        store.close()


# -- PostgreSQL --------------------------------------------------------------------------------


@pytest.mark.slow
def test_postgres_listener_hears_each_commit_and_never_a_rollback(pg_url: str) -> None:
    mine = Store(pg_url, create=True)
    other = Store(pg_url)
    try:
        with ChangeListener(mine) as listener:
            _quiet_wait_returns_in_time(listener)
            clinic.add_patient(other, "Kari Nordmann")
            t0 = time.monotonic()
            heard = _until(listener, bool, 2.0)
            assert time.monotonic() - t0 < 0.5  # pushed, not polled
            assert heard == [max(other.own_changes)]
            # a write that is rolled back sends nothing
            with pytest.raises(RuntimeError), other.write("add patient") as s:
                from planner.db.models import Patient

                s.add(Patient(name="Never Saved"))
                s.flush()
                raise RuntimeError("the desk gave up")
            assert listener.wait(0.5) == []
            clinic.add_patient(other, "Ola Hansen")
            clinic.add_patient(other, "Nina Dahl")
            heard = _until(listener, lambda h: len(h) >= 2, 2.0)
            assert sorted(heard) == sorted(other.own_changes)[-2:]
    finally:
        other.close()
        mine.close()


@pytest.mark.slow
def test_postgres_listener_reconnects_and_says_what_it_may_have_missed(pg_url: str) -> None:
    mine = Store(pg_url, create=True)
    other = Store(pg_url)
    admin = psycopg.connect(
        pg_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True
    )
    try:
        with ChangeListener(mine) as listener:
            # the server drops the listener's connection (as a restart would)
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'planner listener'"
            )
            clinic.add_patient(other, "Kari Nordmann")  # sent while nobody listens
            t0 = time.monotonic()
            heard = _until(listener, lambda h: UNKNOWN in h, 8.0)
            assert UNKNOWN in heard
            assert time.monotonic() - t0 < 6.0
            clinic.add_patient(other, "Ola Hansen")  # heard again after the reconnect
            assert _until(listener, bool, 2.0) == [max(other.own_changes)]
    finally:
        admin.close()
        other.close()
        mine.close()
