"""Closed cases remember a decision to keep them past the retention period.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``cases.keep_until`` (DATE, nullable) and ``cases.keep_reason`` (TEXT, '')."""
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keep_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("keep_reason", sa.String(), nullable=False,
                                      server_default=sa.text("''")))


def downgrade() -> None:
    """Remove them again."""
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("keep_reason")
        batch_op.drop_column("keep_until")
