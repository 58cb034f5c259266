"""Cases get a closing reason, and an index for finding cases by class.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from typing import Literal

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``cases.closed_reason`` and ``ix_cases_class_name``.

    ``recreate="always"`` rebuilds the table (copy, drop, rename) although an
    ALTER TABLE would do: the parent of every case row is dropped and made
    again, which proves on every upgrade that foreign keys are off during
    batch operations and no child row cascades away. That proof is SQLite's
    concern; PostgreSQL alters the table in place.
    """
    recreate: Literal["always", "auto"] = "always" if op.get_bind().dialect.name == "sqlite" else "auto"
    with op.batch_alter_table("cases", schema=None, recreate=recreate) as batch_op:
        batch_op.add_column(sa.Column("closed_reason", sa.String(), nullable=True))
        batch_op.create_index(batch_op.f("ix_cases_class_name"), ["class_name"], unique=False)


def downgrade() -> None:
    """Remove them again."""
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_class_name"))
        batch_op.drop_column("closed_reason")
