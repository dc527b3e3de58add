"""Calendars (.ics): clinic settings, imported blocked time and closures, export bookkeeping.

* ``clinic_settings``: key/value settings (clinic name and phone for patients' calendars).
* ``calendar_imports``: one row per imported .ics file; a re-import from the same source
  replaces the earlier one.
* ``blocked_times``: a practitioner's busy time from their own calendar, in pieces of at most
  24 hours, indexed by practitioner and start like the sessions are.
* ``imported_closures``: which rows of ``closures`` came from which import and event.
* ``calendar_exports`` and ``calendar_export_items``: what was last exported per scope, so an
  export can carry only the sessions changed since.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clinic_settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_clinic_settings")),
    )
    op.create_table(
        "calendar_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=True),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("file_name", sa.String(length=400), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("tz", sa.String(length=64), nullable=False),
        sa.Column("window_start_utc", sa.DateTime(), nullable=False),
        sa.Column("window_end_utc", sa.DateTime(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["locations.id"],
            name=op.f("fk_calendar_imports_location_id_locations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["practitioner_id"],
            ["practitioners.id"],
            name=op.f("fk_calendar_imports_practitioner_id_practitioners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_imports")),
    )
    with op.batch_alter_table("calendar_imports", schema=None) as batch_op:
        batch_op.create_index("ix_calendar_imports_source", ["source"], unique=False)

    op.create_table(
        "blocked_times",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("end_utc", sa.DateTime(), nullable=False),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("source_uid", sa.String(length=255), nullable=False),
        sa.Column("recurrence_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["calendar_imports.id"],
            name=op.f("fk_blocked_times_import_id_calendar_imports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["practitioner_id"],
            ["practitioners.id"],
            name=op.f("fk_blocked_times_practitioner_id_practitioners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_blocked_times")),
    )
    with op.batch_alter_table("blocked_times", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_blocked_times_import_id"), ["import_id"], unique=False)
        batch_op.create_index(
            "ix_blocked_times_practitioner_start", ["practitioner_id", "start_utc"], unique=False
        )

    op.create_table(
        "imported_closures",
        sa.Column("closure_id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("source_uid", sa.String(length=255), nullable=False),
        sa.Column("recurrence_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["closure_id"],
            ["closures.id"],
            name=op.f("fk_imported_closures_closure_id_closures"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["calendar_imports.id"],
            name=op.f("fk_imported_closures_import_id_calendar_imports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("closure_id", name=op.f("pk_imported_closures")),
    )
    with op.batch_alter_table("imported_closures", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_imported_closures_import_id"), ["import_id"], unique=False
        )

    op.create_table(
        "calendar_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope_key", sa.String(length=200), nullable=False),
        sa.Column("last_exported_at", sa.DateTime(), nullable=False),
        sa.Column("last_file", sa.String(length=400), nullable=False),
        sa.Column("last_events", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_exports")),
        sa.UniqueConstraint("scope_key", name=op.f("uq_calendar_exports_scope_key")),
    )
    op.create_table(
        "calendar_export_items",
        sa.Column("export_id", sa.Integer(), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            name=op.f("fk_calendar_export_items_appointment_id_appointments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["export_id"],
            ["calendar_exports.id"],
            name=op.f("fk_calendar_export_items_export_id_calendar_exports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "export_id", "appointment_id", name=op.f("pk_calendar_export_items")
        ),
    )


def downgrade() -> None:
    op.drop_table("calendar_export_items")
    op.drop_table("calendar_exports")
    with op.batch_alter_table("imported_closures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_imported_closures_import_id"))
    op.drop_table("imported_closures")
    with op.batch_alter_table("blocked_times", schema=None) as batch_op:
        batch_op.drop_index("ix_blocked_times_practitioner_start")
        batch_op.drop_index(batch_op.f("ix_blocked_times_import_id"))
    op.drop_table("blocked_times")
    with op.batch_alter_table("calendar_imports", schema=None) as batch_op:
        batch_op.drop_index("ix_calendar_imports_source")
    op.drop_table("calendar_imports")
    op.drop_table("clinic_settings")
