"""Schools, record versions and evidence held in the database.

* ``schools``: the locations one database serves (a foundation's schools on
  one server; a mentor's file has just the one). Every case and every
  person belongs to a school; case numbers are unique per school and year
  (``uq_cases_school_id_year_seq``, ``uq_cases_school_id_number``), no longer
  in the whole database.
* ``version`` on every record people change: optimistic concurrency. An
  update names the version it read; a colleague's change in between makes
  it match no row, and the second change is refused instead of overwriting.
* ``evidence_contents``: the bytes of an evidence file, for a store on a
  server (the server's access control and backups cover them); a file keeps
  its evidence beside it as before.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

#: The tables whose rows people change, and so carry a version.
VERSIONED = (
    "cases", "people", "step_progress", "conversations", "conversation_items", "agreements", "followups",
    "evidence", "escalations", "parent_contacts", "class_conversations", "class_conversation_items",
    "class_agreements",
)

#: The school every existing record belongs to.
FIRST_SCHOOL = "Eigen school"


def _restore_counters() -> None:
    """Create revision 0009's change-counter triggers again: SQLite dropped those on a rebuilt table."""
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL alters in place; its triggers stay
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("_pestcli_0009", Path(__file__).with_name("0009_database_identity.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in module.TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for statement in module.trigger_sql("sqlite"):
        op.execute(statement)


def upgrade() -> None:
    """Create ``schools`` (with the first school) and ``evidence_contents``; add school ids and versions."""
    schools = op.create_table(
        "schools",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schools")),
        sa.UniqueConstraint("name", name=op.f("uq_schools_name")),
    )
    op.bulk_insert(schools, [{"id": 1, "name": FIRST_SCHOOL, "created_at": datetime.now().replace(microsecond=0)}])
    if op.get_bind().dialect.name == "postgresql":  # the next school gets id 2
        op.execute("SELECT setval(pg_get_serial_sequence('schools', 'id'), 1)")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("school_id", sa.Integer(), server_default="1", nullable=False))
        batch_op.drop_constraint("uq_cases_number", type_="unique")
        batch_op.drop_constraint("uq_cases_year_seq", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_cases_school_id_number"), ["school_id", "number"])
        batch_op.create_unique_constraint(batch_op.f("uq_cases_school_id_year_seq"), ["school_id", "year", "seq"])
        batch_op.create_foreign_key(batch_op.f("fk_cases_school_id_schools"), "schools", ["school_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_cases_number"), ["number"], unique=False)
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("school_id", sa.Integer(), server_default="1", nullable=False))
        batch_op.create_foreign_key(batch_op.f("fk_people_school_id_schools"), "schools", ["school_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_people_school_id"), ["school_id"], unique=False)
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    op.create_table(
        "evidence_contents",
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["evidence_id"], ["evidence.id"], name=op.f("fk_evidence_contents_evidence_id_evidence"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("evidence_id", name=op.f("pk_evidence_contents")),
    )
    _restore_counters()


def downgrade() -> None:
    """Drop what ``upgrade`` added; refused while a second school has records (they would clash)."""
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT count(*) FROM cases WHERE school_id != 1")).scalar():
        raise RuntimeError("cases of more than one school: cannot go back to numbers unique in the database")
    op.drop_table("evidence_contents")
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_school_id"))
        batch_op.drop_constraint(batch_op.f("fk_people_school_id_schools"), type_="foreignkey")
        batch_op.drop_column("school_id")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_number"))
        batch_op.drop_constraint(batch_op.f("fk_cases_school_id_schools"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("uq_cases_school_id_year_seq"), type_="unique")
        batch_op.drop_constraint(batch_op.f("uq_cases_school_id_number"), type_="unique")
        batch_op.create_unique_constraint("uq_cases_year_seq", ["year", "seq"])
        batch_op.create_unique_constraint("uq_cases_number", ["number"])
        batch_op.drop_column("school_id")
    op.drop_table("schools")
    _restore_counters()
