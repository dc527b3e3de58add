"""Several desks on one schedule: an append-only change log and a revision on every row a
desk edits.

* ``changes``: one row per changed row per user action (when, which desk and operating-system
  user, which program, the action, the row, and its values before and after). Written in the
  same transaction as the change (:mod:`planner.db.audit`); a trigger refuses any UPDATE or
  DELETE of it, so the application cannot rewrite history even by mistake.
* ``revision`` on plans, patients, practitioners, practitioner_locations, locations, rooms
  and closures (sessions have had one since 0001): raised once per change, so an edit made
  from a stale view can be refused. Existing rows start at 0, as if never changed.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

REVISIONED = (
    "plans",
    "patients",
    "practitioners",
    "practitioner_locations",
    "locations",
    "rooms",
    "closures",
)

APPEND_ONLY = "the change log is append-only"


def upgrade() -> None:
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("desk", sa.String(100), nullable=False),
        sa.Column("os_user", sa.String(100), nullable=False),
        sa.Column("program", sa.String(40), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("patient_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
    )
    op.create_index("ix_changes_entity", "changes", ["entity", "entity_id", "id"])
    op.create_index("ix_changes_plan", "changes", ["plan_id", "id"])
    op.create_index("ix_changes_patient", "changes", ["patient_id", "id"])
    op.create_index("ix_changes_at", "changes", ["at"])
    for table in REVISIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("revision", sa.Integer(), server_default="0", nullable=False)
            )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION planner_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER changes_append_only BEFORE UPDATE OR DELETE ON changes "
            "FOR EACH ROW EXECUTE FUNCTION planner_changes_append_only()"
        )
    else:
        for what in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER changes_no_{what.lower()} BEFORE {what} ON changes "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER changes_append_only ON changes")
        op.execute("DROP FUNCTION planner_changes_append_only()")
    for table in REVISIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("revision")
    op.drop_table("changes")
