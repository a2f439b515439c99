"""Words of experts' names (and aliases), indexed, so name search reads a few rows, not all.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "name_word",
        sa.Column("word", sa.String(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("word", "person_id"),
    )
    conn = op.get_bind()
    names = conn.execute(sa.text(
        "SELECT id, key FROM person UNION SELECT person_id, key FROM alias WHERE kind = 'person' AND person_id IS NOT NULL"
    )).all()
    rows = {(word, pid) for pid, key in names for word in key.split()}
    if rows:
        conn.execute(sa.text("INSERT INTO name_word (word, person_id) VALUES (:word, :pid)"),
                     [{"word": w, "pid": p} for w, p in sorted(rows)])


def downgrade() -> None:
    op.drop_table("name_word")
