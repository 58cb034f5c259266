"""Parents and carers are people in a case.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from alembic import op  # noqa: F401 - used once the revision has content

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet: reserved in the chain so the work on issue 12 can land in any order."""


def downgrade() -> None:
    """Nothing yet."""
