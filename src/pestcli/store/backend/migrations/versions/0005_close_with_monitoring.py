"""Closing a case can keep the two-year monitoring going.

``cases.monitoring_ended_on`` (DATE, nullable) and ``cases.monitoring_end_reason``
(TEXT, ''): when and why the monitoring of stap 5 ended; NULL means it goes
on, also after the case is closed. ``followups.cancelled_by_close`` (BOOLEAN,
false): the follow-up was cancelled because the case was closed with
"monitoring stopt nu", so reopening the case brings back exactly those.

Cases closed before this revision had their follow-ups hidden by the close;
they keep that: their monitoring is recorded as ended on the day they were
closed (the day of the report when that is unknown), with a reason that says so.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: The reason recorded for cases closed before the mentor was asked about the monitoring.
EARLIER_CLOSE_REASON = "Gesloten voordat pestcli naar de monitoring vroeg."


def upgrade() -> None:
    """Add the three columns; cases closed earlier get their monitoring ended on the closing day."""
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("monitoring_ended_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("monitoring_end_reason", sa.String(), nullable=False,
                                      server_default=sa.text("''")))
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cancelled_by_close", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.get_bind().execute(
        sa.text("UPDATE cases SET monitoring_ended_on = COALESCE(closed_on, reported_on),"
                " monitoring_end_reason = :reason WHERE status = 'closed'"),
        {"reason": EARLIER_CLOSE_REASON},
    )


def downgrade() -> None:
    """Remove them again (a follow-up cancelled by a close stays cancelled)."""
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.drop_column("cancelled_by_close")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("monitoring_end_reason")
        batch_op.drop_column("monitoring_ended_on")
