"""One title-only role per expert and title: a unique index on (person_id, title) where the role
names no institution. The table's unique key cannot see those rows (NULL is distinct from NULL),
so two writers storing the same "senator" for one expert at once each added one.

Duplicates already stored are folded first: the oldest row kept, seen between the earliest and the
latest of their dates.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_DUPLICATES = """
SELECT person_id, title, MIN(id), MIN(first_seen), MAX(last_seen) FROM affiliation
WHERE institution_id IS NULL GROUP BY person_id, title HAVING COUNT(*) > 1
"""


def upgrade() -> None:
    conn = op.get_bind()
    for person_id, title, keep, first, last in conn.execute(sa.text(_DUPLICATES)).fetchall():
        conn.execute(sa.text("UPDATE affiliation SET first_seen = :first, last_seen = :last WHERE id = :keep"),
                     {"first": first, "last": last, "keep": keep})
        conn.execute(sa.text("DELETE FROM affiliation WHERE institution_id IS NULL AND person_id = :person "
                             "AND title = :title AND id != :keep"), {"person": person_id, "title": title, "keep": keep})
    op.create_index("uq_affiliation_title_only", "affiliation", ["person_id", "title"], unique=True,
                    sqlite_where=sa.text("institution_id IS NULL"), postgresql_where=sa.text("institution_id IS NULL"))


def downgrade() -> None:
    op.drop_index("uq_affiliation_title_only", table_name="affiliation")
