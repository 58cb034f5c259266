"""The school's team: staff, their departments, access to a case, and who holds it.

On the school's server everyone logs in as their own PostgreSQL role; these
tables say who that role is in pestcli and what it may see (the policies
themselves are made by ``pestcli server init``, ``store.backend.server_security``).
A mentor's own file gets the same tables and columns, empty: the schema is
the same on both backends.

* ``staff``: one row per login (``login`` is the PostgreSQL role), the
  school (location) it works at (NULL for the foundation's own people, who
  see only numbers), its display name, and ``removed_at`` once the
  administrator removed it (its records stay, attributed).
* ``staff_departments``: a team leader's department, as year groups
  (``leerjaar`` ``2``) or classes (``klas`` ``2B``).
* ``case_access``: a colleague given access to a case (a co-mentor, the
  previous mentor after a hand-over, the support team asked in), read-only
  or with changes, until it is revoked.
* ``case_handovers``: a case handed to another mentor, with the hand-over
  note (protocol §7: the dossier goes along).
* ``escalations.proposed``: a sanction phase proposed by the mentor or the
  APC, which only a team leader or the directie decides (phases 4 and 5).
* ``cases.holder_id``: the mentor who holds the case; ``cases.regie``: who
  has the regie (``mentor``, or ``apc`` after escalation, protocol §8).
* ``people.created_by``, ``class_conversations.created_by`` and
  ``class_agreements.created_by``: who recorded the row (a new pupil is
  visible to whoever typed it in before it is in a case).
* ``class_conversations.school_id``, ``class_agreements.school_id`` and
  ``audit_events.school_id``: the school of a class's records and of an
  audit event.
* ``drafts.owner``: whose draft it is; a draft's key is unique per owner
  (two colleagues each type their own report).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _revision_0011():
    """Revision 0011's module (for its ``_restore_counters``: SQLite drops triggers on a rebuilt table)."""
    spec = importlib.util.spec_from_file_location(
        "_pestcli_0011", Path(__file__).with_name("0011_schools_versions_evidence.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    """Create the team's tables and add the columns that say who holds, made and owns a row."""
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], name=op.f("fk_staff_school_id_schools")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("login", name=op.f("uq_staff_login")),
    )
    op.create_table(
        "staff_departments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_staff_departments_staff_id_staff"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_departments")),
        sa.UniqueConstraint("staff_id", "kind", "value", name=op.f("uq_staff_departments_staff_id_kind_value")),
    )
    op.create_table(
        "case_access",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("can_change", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("reason", sa.String(), server_default="", nullable=False),
        sa.Column("granted_by", sa.String(), server_default="", nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_access_case_id_cases"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_case_access_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_access")),
    )
    with op.batch_alter_table("case_access", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_access_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_access_staff_id"), ["staff_id"], unique=False)
    op.create_table(
        "case_handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("from_staff_id", sa.Integer(), nullable=True),
        sa.Column("to_staff_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(), server_default="", nullable=False),
        sa.Column("handed_on", sa.Date(), nullable=False),
        sa.Column("handed_by", sa.String(), server_default="", nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_handovers_case_id_cases"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["from_staff_id"], ["staff.id"], name=op.f("fk_case_handovers_from_staff_id_staff")),
        sa.ForeignKeyConstraint(["to_staff_id"], ["staff.id"], name=op.f("fk_case_handovers_to_staff_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_handovers")),
    )
    with op.batch_alter_table("case_handovers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_handovers_case_id"), ["case_id"], unique=False)
    with op.batch_alter_table("escalations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("proposed", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("holder_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("regie", sa.String(), server_default="mentor", nullable=False))
        batch_op.create_foreign_key(batch_op.f("fk_cases_holder_id_staff"), "staff", ["holder_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_cases_holder_id"), ["holder_id"], unique=False)
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("created_by", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_people_created_by_staff"), "staff", ["created_by"], ["id"])
    for table in ("class_conversations", "class_agreements"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("school_id", sa.Integer(), server_default="1", nullable=False))
            batch_op.add_column(sa.Column("created_by", sa.Integer(), nullable=True))
            batch_op.create_foreign_key(batch_op.f(f"fk_{table}_school_id_schools"), "schools", ["school_id"], ["id"])
            batch_op.create_foreign_key(batch_op.f(f"fk_{table}_created_by_staff"), "staff", ["created_by"], ["id"])
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("school_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner", sa.String(), server_default="", nullable=False))
        batch_op.drop_constraint("uq_drafts_key", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_drafts_owner_key"), ["owner", "key"])
    if op.get_bind().dialect.name == "postgresql":
        _create_next_case_seq()
    _revision_0011()._restore_counters()


def _create_next_case_seq() -> None:
    """PostgreSQL: the next case number of a school and year, counting every case of it.

    A mentor's login sees only their own cases (row-level security), so
    ``max(seq)`` over what they see would hand out a number already taken;
    this function runs as the tables' owner (``SECURITY DEFINER``) and only
    ever returns a number.
    """
    schema = op.get_bind().execute(sa.text("SELECT quote_ident(current_schema())")).scalar()
    op.execute(f"""CREATE OR REPLACE FUNCTION pestcli_next_case_seq(school_id integer, year integer)
        RETURNS integer LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
        SELECT coalesce(max(seq), 0) + 1 FROM cases WHERE cases.school_id = $1 AND cases.year = $2 $$""")


def downgrade() -> None:
    """Drop what ``upgrade`` added (a draft key must be unique again: other owners' drafts go)."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS pestcli_next_case_seq(integer, integer)")
    op.execute("DELETE FROM drafts WHERE owner <> ''")
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_drafts_owner_key"), type_="unique")
        batch_op.create_unique_constraint("uq_drafts_key", ["key"])
        batch_op.drop_column("owner")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_column("school_id")
    for table in ("class_agreements", "class_conversations"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"fk_{table}_created_by_staff"), type_="foreignkey")
            batch_op.drop_constraint(batch_op.f(f"fk_{table}_school_id_schools"), type_="foreignkey")
            batch_op.drop_column("created_by")
            batch_op.drop_column("school_id")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_people_created_by_staff"), type_="foreignkey")
        batch_op.drop_column("created_by")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_holder_id"))
        batch_op.drop_constraint(batch_op.f("fk_cases_holder_id_staff"), type_="foreignkey")
        batch_op.drop_column("regie")
        batch_op.drop_column("holder_id")
    with op.batch_alter_table("escalations", schema=None) as batch_op:
        batch_op.drop_column("proposed")
    op.drop_table("case_handovers")
    op.drop_table("case_access")
    op.drop_table("staff_departments")
    op.drop_table("staff")
    _revision_0011()._restore_counters()
