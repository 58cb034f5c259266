"""Every database knows its own identity (calendar UIDs).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from alembic import op  # noqa: F401 - used once the revision has content

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet: reserved in the chain so the work on issue 12 can land in any order."""


def downgrade() -> None:
    """Nothing yet."""
