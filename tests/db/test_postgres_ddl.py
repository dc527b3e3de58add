"""The schema is portable: the migrations render as valid PostgreSQL DDL.

Shared front desks run planner on PostgreSQL, so nothing SQLite-only may creep into the
migrations. Alembic's offline mode renders them for the PostgreSQL dialect without a server.
"""

from __future__ import annotations

import io
import re

from alembic import command

from planner.db import store as store_mod


def test_migrations_render_for_postgresql() -> None:
    buf = io.StringIO()
    cfg = store_mod._alembic_config()
    cfg.output_buffer = buf
    cfg.set_main_option("sqlalchemy.url", "postgresql+psycopg://planner@localhost/planner")
    command.upgrade(cfg, "head", sql=True)
    sql = buf.getvalue()
    tables = set(re.findall(r"CREATE TABLE (\w+)", sql))
    assert {
        "locations",
        "patients",
        "plans",
        "appointments",
        "closures",
        "plan_templates",
    } <= tables
    assert (
        "CREATE INDEX ix_appointments_practitioner_start "
        "ON appointments (practitioner_id, start_utc)" in sql
    )
    assert "JSON" in sql and "TIMESTAMP WITHOUT TIME ZONE" in sql
    assert "sqlite" not in sql.lower() and "AUTOINCREMENT" not in sql
    assert "INSERT INTO plan_templates" in sql and "Fibromyalgia acupuncture" in sql
