"""Every database knows its own identity (calendar UIDs), and agenda items count their changes.

``store_meta``: one row with ``database_id``, a random UUID made here (for a
new database as much as for an existing one). Calendar UIDs carry it, so two
schools' ``vervolg-12`` never collide in one calendar. A restored backup or a
copied file keeps it: it is the same database.

``changes`` (INTEGER, 0) on ``step_progress``, ``followups`` and
``parent_contacts``: how often the item's date or state changed; the
iCalendar SEQUENCE, so a calendar that imported the item before takes the
new version. Triggers keep it, whichever code changes the row: a new date,
done or undone, cancelled, and the case closed or reopened. Existing rows
start at what is known of their past: one for a follow-up that was moved,
one for an item that is finished.

Alembic's batch mode rebuilds a table without its triggers: a later
revision that rebuilds one of these tables must create its triggers again
(``tests/store/test_store_calendar_ids.py`` checks they exist at head).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

#: Per table: the columns whose change is a new version of the calendar event.
TRACKED = {
    "step_progress": ("due_on", "done_on"),
    "followups": ("due_on", "done_on", "cancelled_on"),
    "parent_contacts": ("planned_on", "held_on"),
}

#: Per table: what "finished" means for the rows that exist before this revision.
FINISHED = {
    "step_progress": "done_on IS NOT NULL",
    "followups": "done_on IS NOT NULL OR cancelled_on IS NOT NULL",
    "parent_contacts": "held_on IS NOT NULL",
}


def trigger_sql() -> list[str]:
    """The CREATE TRIGGER statements that count the changes (also used by the tests)."""
    statements = []
    for table, columns in TRACKED.items():
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
        statements.append(
            f"CREATE TRIGGER trg_{table}_changes AFTER UPDATE OF {', '.join(columns)} ON {table}"
            f" WHEN {changed}"
            f" BEGIN UPDATE {table} SET changes = changes + 1 WHERE id = NEW.id; END"
        )
    updates = " ".join(f"UPDATE {table} SET changes = changes + 1 WHERE case_id = NEW.id;"
                       for table in TRACKED)
    statements.append(
        "CREATE TRIGGER trg_cases_close_changes AFTER UPDATE OF status ON cases"
        " WHEN (OLD.status = 'closed') IS NOT (NEW.status = 'closed')"
        f" BEGIN {updates} END"
    )
    return statements


#: The names of the triggers this revision creates.
TRIGGERS = tuple(f"trg_{table}_changes" for table in TRACKED) + ("trg_cases_close_changes",)


def upgrade() -> None:
    """Create ``store_meta`` with this database's UUID, add ``changes`` and its triggers."""
    meta = op.create_table(
        "store_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("database_id", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_meta")),
    )
    op.bulk_insert(meta, [{"id": 1, "database_id": str(uuid.uuid4())}])
    for table in TRACKED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("changes", sa.Integer(), nullable=False,
                                          server_default=sa.text("0")))
    op.execute("UPDATE followups SET changes = changes + 1 WHERE moved_from IS NOT NULL")
    for table, finished in FINISHED.items():
        op.execute(f"UPDATE {table} SET changes = changes + 1 WHERE {finished}")
    for statement in trigger_sql():
        op.execute(statement)


def downgrade() -> None:
    """Drop the triggers, the ``changes`` columns and ``store_meta``."""
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in TRACKED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("changes")
    op.drop_table("store_meta")
