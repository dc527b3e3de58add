"""Calendars that reach people: recipients and what each was sent, and a durable outbox.

* ``recipients``: a person (or a named file target) whose calendar planner keeps in step: a
  patient (e-mail invitations and the desk's "changes since last" files), a practitioner
  (files), a practitioner's CalDAV calendar, or a named file. Shape and profile are fixed by
  the first delivery.
* ``recipient_items``: per recipient and UID, what was last sent: the SEQUENCE, a digest of
  the event(s) without DTSTAMP and SEQUENCE, whether it was live or cancelled, the sessions
  it stands for, its time and title (to cancel it after the session itself is gone), and for
  CalDAV the resource's href and ETag.
* ``outbox``: changes waiting out their grace period, messages built and waiting to be sent
  (or retried), and what was sent or failed and why.
* ``patients.email_consent``: the patient agreed to calendar invitations by e-mail (default
  no, also for every existing patient: consent is never assumed).
* ``practitioners.caldav_url`` and ``caldav_user``: where the practitioner's calendar lives;
  the password is never stored here (keyring or environment).
* ``calendar_exports`` and ``calendar_export_items`` are dropped: they kept a baseline per
  export scope, which any plain export reset (the bug this revision fixes). Recipients start
  empty, so each person's first delivery after the upgrade sends their sessions once more,
  under the same UIDs: their calendars update in place, nothing is duplicated.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("calendar_export_items")
    op.drop_table("calendar_exports")
    # Plain ADD COLUMN (with a default, SQLite and PostgreSQL both can): a batch copy of
    # ``patients`` would drop the table that plans and sessions point at, which the foreign
    # keys refuse once there are rows.
    op.add_column(
        "patients",
        sa.Column("email_consent", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column(
        "practitioners",
        sa.Column("caldav_url", sa.String(400), server_default="", nullable=False),
    )
    op.add_column(
        "practitioners",
        sa.Column("caldav_user", sa.String(200), server_default="", nullable=False),
    )
    op.create_table(
        "recipients",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(240), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column(
            "patient_id",
            sa.Integer(),
            sa.ForeignKey("patients.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column(
            "practitioner_id",
            sa.Integer(),
            sa.ForeignKey("practitioners.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("name", sa.String(200), nullable=False, server_default=""),
        sa.Column("shape", sa.String(20), nullable=False),
        sa.Column("profile", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_delivered_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "recipient_items",
        sa.Column(
            "recipient_id",
            sa.Integer(),
            sa.ForeignKey("recipients.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("uid", sa.String(120), primary_key=True),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("appointment_ids", sa.JSON(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("live", sa.Boolean(), nullable=False),
        sa.Column("start_local", sa.DateTime(), nullable=False),
        sa.Column("tz", sa.String(64), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("summary", sa.String(400), nullable=False, server_default=""),
        sa.Column("href", sa.String(400), nullable=False, server_default=""),
        sa.Column("etag", sa.String(200), nullable=False, server_default=""),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column(
            "recipient_id",
            sa.Integer(),
            sa.ForeignKey("recipients.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column(
            "patient_id",
            sa.Integer(),
            sa.ForeignKey("patients.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column(
            "practitioner_id",
            sa.Integer(),
            sa.ForeignKey("practitioners.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text(), nullable=False, server_default=""),
        sa.Column("to_address", sa.String(400), nullable=False, server_default=""),
        sa.Column("subject", sa.String(400), nullable=False, server_default=""),
        sa.Column("method", sa.String(20), nullable=False, server_default=""),
        sa.Column("sessions", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("message_id", sa.String(200), nullable=False, server_default=""),
        sa.Column("payload", sa.LargeBinary(), nullable=True),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(100), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_outbox_status_due", "outbox", ["status", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_outbox_status_due", table_name="outbox")
    op.drop_table("outbox")
    op.drop_table("recipient_items")
    op.drop_table("recipients")
    # A plain DROP COLUMN (SQLite 3.35 and later have it): a batch copy of ``patients`` would
    # drop the table that plans and sessions point at, which the foreign keys refuse.
    op.drop_column("practitioners", "caldav_user")
    op.drop_column("practitioners", "caldav_url")
    op.drop_column("patients", "email_consent")
    op.create_table(
        "calendar_exports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("scope_key", sa.String(200), nullable=False, unique=True),
        sa.Column("last_exported_at", sa.DateTime(), nullable=False),
        sa.Column("last_file", sa.String(400), nullable=False),
        sa.Column("last_events", sa.Integer(), nullable=False),
    )
    op.create_table(
        "calendar_export_items",
        sa.Column(
            "export_id",
            sa.Integer(),
            sa.ForeignKey("calendar_exports.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "appointment_id",
            sa.Integer(),
            sa.ForeignKey("appointments.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
    )
