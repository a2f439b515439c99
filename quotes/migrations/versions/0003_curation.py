"""Editors' curation log: merges, renames, aliases, splits and rejections.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "curation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("detail", sa.Text(), server_default="{}", nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("quote") as batch:
        batch.create_index("ix_quote_person_text", ["person_id", "text_key"])


def downgrade() -> None:
    with op.batch_alter_table("quote") as batch:
        batch.drop_index("ix_quote_person_text")
    op.drop_table("curation")
