"""How soon parents are told (the protocol's own choice) and who reported.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from alembic import op  # noqa: F401 - used once the revision has content

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing yet: reserved in the chain so the work on issue 12 can land in any order."""


def downgrade() -> None:
    """Nothing yet."""
