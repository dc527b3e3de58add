"""The waitlist: patients waiting for a whole series, and when they can come.

* ``waitlist_entries``: the patient; a template or the entry's own phases and its modality;
  the location, room and practitioners (an empty list: anyone who may give the modality);
  the patient's weekly times (None: any time); the range of days for the first session;
  urgency, a note, the last day it is open; when it was added; and its status (open, booked,
  removed, expired) with when and why it closed and the plan that closed it. It keeps a
  revision like every row a desk edits.
* ``ix_appointments_practitioner_start`` gains the session's length and status after
  (practitioner, start): matching the whole waitlist reads every practitioner's busy time
  for months ahead (180,000 sessions on the demo clinic), and from the index alone that read
  takes half the time. Lookups by practitioner and start use it as before.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_appointments_practitioner_start", table_name="appointments")
    op.create_index(
        "ix_appointments_practitioner_start",
        "appointments",
        ["practitioner_id", "start_utc", "duration_min", "status"],
    )
    op.create_table(
        "waitlist_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("revision", sa.Integer(), nullable=False, server_default="0"),
        sa.Column(
            "patient_id",
            sa.Integer(),
            sa.ForeignKey("patients.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("template_name", sa.String(200), nullable=True),
        sa.Column("phases", sa.JSON(), nullable=True),
        sa.Column("modality", sa.String(40), nullable=False),
        sa.Column(
            "location_id",
            sa.Integer(),
            sa.ForeignKey("locations.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column(
            "room_id", sa.Integer(), sa.ForeignKey("rooms.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("practitioner_ids", sa.JSON(), nullable=False),
        sa.Column("hours", sa.JSON(), nullable=True),
        sa.Column("earliest", sa.Date(), nullable=False),
        sa.Column("latest", sa.Date(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_reason", sa.Text(), nullable=False),
        sa.Column(
            "plan_id", sa.Integer(), sa.ForeignKey("plans.id", ondelete="SET NULL"), nullable=True
        ),
    )
    op.create_index("ix_waitlist_entries_patient_id", "waitlist_entries", ["patient_id"])
    op.create_index(
        "ix_waitlist_entries_status", "waitlist_entries", ["status", "urgent", "added_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_waitlist_entries_status", table_name="waitlist_entries")
    op.drop_index("ix_waitlist_entries_patient_id", table_name="waitlist_entries")
    op.drop_table("waitlist_entries")
    op.drop_index("ix_appointments_practitioner_start", table_name="appointments")
    op.create_index(
        "ix_appointments_practitioner_start", "appointments", ["practitioner_id", "start_utc"]
    )
