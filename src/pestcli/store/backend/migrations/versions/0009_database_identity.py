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


def trigger_sql(dialect: str = "sqlite") -> list[str]:
    """The statements that create the triggers counting the changes (also used by the tests).

    SQLite: AFTER UPDATE triggers that add one to ``changes``. PostgreSQL: the
    same rules as plpgsql functions, a BEFORE UPDATE trigger per tracked
    table (it adds one to the new row) and an AFTER UPDATE trigger on cases.
    """
    if dialect == "postgresql":
        return _postgresql_trigger_sql()
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


def _postgresql_trigger_sql() -> list[str]:
    """``trigger_sql`` for PostgreSQL: the same counting, as plpgsql trigger functions."""
    statements = [
        "CREATE FUNCTION pestcli_count_change() RETURNS trigger LANGUAGE plpgsql AS"
        " $$ BEGIN NEW.changes := NEW.changes + 1; RETURN NEW; END $$",
    ]
    for table, columns in TRACKED.items():
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)
        statements.append(
            f"CREATE TRIGGER trg_{table}_changes BEFORE UPDATE OF {', '.join(columns)} ON {table}"
            f" FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION pestcli_count_change()"
        )
    updates = " ".join(f"UPDATE {table} SET changes = changes + 1 WHERE case_id = NEW.id;"
                       for table in TRACKED)
    statements += [
        "CREATE FUNCTION pestcli_case_close_changes() RETURNS trigger LANGUAGE plpgsql AS"
        f" $$ BEGIN {updates} RETURN NULL; END $$",
        "CREATE TRIGGER trg_cases_close_changes AFTER UPDATE OF status ON cases FOR EACH ROW"
        " WHEN ((OLD.status = 'closed') IS DISTINCT FROM (NEW.status = 'closed'))"
        " EXECUTE FUNCTION pestcli_case_close_changes()",
    ]
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
    for statement in trigger_sql(op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    """Drop the triggers, the ``changes`` columns and ``store_meta``."""
    postgresql = op.get_bind().dialect.name == "postgresql"
    for name in TRIGGERS:
        table = "cases" if name == "trg_cases_close_changes" else name[len("trg_"):-len("_changes")]
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgresql else ""))
    if postgresql:
        op.execute("DROP FUNCTION IF EXISTS pestcli_count_change(), pestcli_case_close_changes()")
    for table in TRACKED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("changes")
    op.drop_table("store_meta")
