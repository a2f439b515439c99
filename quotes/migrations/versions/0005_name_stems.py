"""Name search that does not grow with the directory: name words filed under slip-proof stems,
and an index on each expert's name words.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: resolve.STEM_LETTERS and resolve.name_stems as they were when this migration was written.
STEM_LETTERS = 5


def name_stems(word: str) -> set[str]:
    head = word[:STEM_LETTERS]
    return {head, *(head[:i] + head[i + 1 :] for i in range(len(head)))} - {""}


def upgrade() -> None:
    op.create_index("ix_name_word_person", "name_word", ["person_id", "word"])
    op.create_table(
        "name_stem",
        sa.Column("stem", sa.String(), nullable=False),
        sa.Column("word", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("stem", "word"),
    )
    conn = op.get_bind()
    words = conn.execute(sa.text("SELECT DISTINCT word FROM name_word")).scalars().all()
    rows = sorted({(stem, word) for word in words for stem in name_stems(word)})
    if rows:
        conn.execute(sa.text("INSERT INTO name_stem (stem, word) VALUES (:stem, :word)"),
                     [{"stem": s, "word": w} for s, w in rows])


def downgrade() -> None:
    op.drop_table("name_stem")
    op.drop_index("ix_name_word_person", table_name="name_word")
