"""Sentence embeddings of statements, for `experts --about` by meaning (the `quotes[semantic]` extra).

One row a statement: its all-MiniLM-L6-v2 vector as 384 little-endian float32 (1536 bytes), a BLOB
on SQLite and bytea on PostgreSQL, so neither engine needs an extension; a row goes with its quote.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quote_embedding",
        sa.Column("quote_id", sa.Integer(), sa.ForeignKey("quote.id", ondelete="CASCADE"), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("quote_id"),
    )


def downgrade() -> None:
    op.drop_table("quote_embedding")
