"""Plan templates, seeded with the clinic's usual plans.

The seed is frozen here as data (not imported from the application) so this migration always
does the same thing. Templates are editable afterwards (``planner template import``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-20
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import context, op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SEED = json.loads(
    r"""
[
    {
        "name": "Fibromyalgia acupuncture",
        "modality": "acupuncture",
        "description": "Baseline assessment, 9 weekly treatments, reassessment in week 10, follow-up 12 months after the last treatment",
        "regions": [
            "neck",
            "shoulders",
            "lower-back"
        ],
        "phases": [
            {
                "kind": "assessment",
                "duration_min": 45,
                "weeks": 1,
                "per_week": 1,
                "weekdays": null,
                "every_weeks": 1,
                "after_weeks": 0,
                "anchor": "previous"
            },
            {
                "kind": "treatment",
                "duration_min": 30,
                "weeks": 9,
                "per_week": 1,
                "weekdays": null,
                "every_weeks": 1,
                "after_weeks": 1,
                "anchor": "previous"
            },
            {
                "kind": "reassessment",
                "duration_min": 45,
                "weeks": 1,
                "per_week": 1,
                "weekdays": null,
                "every_weeks": 1,
                "after_weeks": 1,
                "anchor": "previous"
            },
            {
                "kind": "follow-up",
                "duration_min": 30,
                "weeks": 1,
                "per_week": 1,
                "weekdays": null,
                "every_weeks": 1,
                "after_weeks": 52,
                "anchor": "last-treatment"
            }
        ]
    },
    {
        "name": "Dry needling, acute",
        "modality": "dry-needling",
        "description": "6 weekly 15-minute sessions for an acute problem",
        "regions": [],
        "phases": [
            {
                "kind": "treatment",
                "duration_min": 15,
                "weeks": 6,
                "per_week": 1,
                "weekdays": null,
                "every_weeks": 1,
                "after_weeks": 0,
                "anchor": "previous"
            }
        ]
    },
    {
        "name": "Dry needling, many trigger points",
        "modality": "dry-needling",
        "description": "Assessment, twice a week for 3 weeks, then weekly for 6 weeks, reassessment",
        "regions": [],
        "phases": [
            {
                "kind": "assessment",
                "duration_min": 30,
                "weeks": 1,
                "per_week": 1,
                "weekdays": null,
                "every_weeks": 1,
                "after_weeks": 0,
                "anchor": "previous"
            },
            {
                "kind": "treatment",
                "duration_min": 20,
                "weeks": 3,
                "per_week": 2,
                "weekdays": null,
                "every_weeks": 1,
                "after_weeks": 1,
                "anchor": "previous"
            },
            {
                "kind": "treatment",
                "duration_min": 20,
                "weeks": 6,
                "per_week": 1,
                "weekdays": null,
                "every_weeks": 1,
                "after_weeks": 1,
                "anchor": "previous"
            },
            {
                "kind": "reassessment",
                "duration_min": 30,
                "weeks": 1,
                "per_week": 1,
                "weekdays": null,
                "every_weeks": 1,
                "after_weeks": 1,
                "anchor": "previous"
            }
        ]
    },
    {
        "name": "Physiotherapy, fortnightly",
        "modality": "physiotherapy",
        "description": "Assessment, then 6 sessions every other week with exercise prescription",
        "regions": [],
        "phases": [
            {
                "kind": "assessment",
                "duration_min": 45,
                "weeks": 1,
                "per_week": 1,
                "weekdays": null,
                "every_weeks": 1,
                "after_weeks": 0,
                "anchor": "previous"
            },
            {
                "kind": "treatment",
                "duration_min": 30,
                "weeks": 6,
                "per_week": 1,
                "weekdays": null,
                "every_weeks": 2,
                "after_weeks": 2,
                "anchor": "previous"
            }
        ]
    }
]
"""
)


def upgrade() -> None:
    op.create_table(
        "plan_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("modality", sa.String(length=40), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("regions", sa.JSON(), nullable=False),
        sa.Column("phases", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_templates")),
        sa.UniqueConstraint("name", name=op.f("uq_plan_templates_name")),
    )
    # Online, the JSON type serialises the values for each dialect (PostgreSQL's json column
    # rejects a VARCHAR parameter). Offline (rendering SQL text) there is no driver, so the
    # JSON goes in as a string literal, which both SQLite and PostgreSQL accept.
    offline = context.is_offline_mode()
    json_type = sa.Text if offline else sa.JSON
    rows = sa.table(
        "plan_templates",
        sa.column("name", sa.String),
        sa.column("modality", sa.String),
        sa.column("description", sa.Text),
        sa.column("regions", json_type),
        sa.column("phases", json_type),
    )
    op.bulk_insert(
        rows,
        [
            {
                "name": t["name"],
                "modality": t["modality"],
                "description": t["description"],
                "regions": json.dumps(t["regions"]) if offline else t["regions"],
                "phases": json.dumps(t["phases"]) if offline else t["phases"],
            }
            for t in SEED
        ],
    )


def downgrade() -> None:
    op.drop_table("plan_templates")
