"""Follow-ups remember where they were moved from, and why.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``followups.moved_from`` (DATE, nullable) and ``followups.moved_reason`` (TEXT, '')."""
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("moved_from", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("moved_reason", sa.String(), nullable=False,
                                      server_default=sa.text("''")))


def downgrade() -> None:
    """Remove them again."""
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.drop_column("moved_reason")
        batch_op.drop_column("moved_from")
