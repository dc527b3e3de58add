"""Patients' preferred language, and finding patients by date of birth.

* ``patients.language``: the language of the documents a patient is given (``en`` or ``nb``),
  NOT NULL with the server default ``en``, which every existing patient gets.
* ``ix_patients_date_of_birth``: the desk searches by date of birth (13.05.1973).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=8), server_default="en", nullable=False)
        )
        batch_op.create_index(
            batch_op.f("ix_patients_date_of_birth"), ["date_of_birth"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("patients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patients_date_of_birth"))
        batch_op.drop_column("language")
