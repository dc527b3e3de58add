"""Damage as a failing disk does it, for the tests of what planner says about it."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def damage_table(path: Path, table: str) -> None:
    """Overwrite the first page of ``table`` (its root page, page 2 or later) with garbage."""
    con = sqlite3.connect(path)
    try:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        sql = "SELECT rootpage FROM sqlite_master WHERE name = ?"
        root = con.execute(sql, (table,)).fetchone()[0]
    finally:
        con.close()
    assert root >= 2
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xa5" * page_size)
