"""Outcomes and region-aware screening.

* ``appointment_scores``: whole-body scores (fatigue, sleep quality, function; 0-10) taken at
  a session. Pain per region stays in ``appointment_regions``; the assessment's scores are
  the plan's baseline.
* ``patient_flags.regions``: the body regions a screening flag is about (lymphoedema of the
  left arm), as a JSON list of region codes; NULL for a flag about the whole body, which is
  what every existing flag is.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "appointment_scores",
        sa.Column("appointment_id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            name=op.f("fk_appointment_scores_appointment_id_appointments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("appointment_id", "measure", name=op.f("pk_appointment_scores")),
    )
    with op.batch_alter_table("patient_flags", schema=None) as batch_op:
        batch_op.add_column(sa.Column("regions", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("patient_flags", schema=None) as batch_op:
        batch_op.drop_column("regions")
    op.drop_table("appointment_scores")
