"""Why a session was cancelled, kept on the session.

* ``appointments.cancel_reason``: what the desk typed when cancelling ("patient ill"), NOT
  NULL with the server default ``''``, which every existing session gets (a reason typed
  before this revision stays where it was written, in the session's notes).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("cancel_reason", sa.Text(), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_column("cancel_reason")
