"""The pupils and class mentors from the school's administration (issue 18).

``pestcli import-leerlingen`` reads the CSV export of Magister, SOMtoday or
ParnasSys; these columns and the table hold what it brings:

* ``people.imported_at``: when an import last brought or changed the pupil
  (NULL for a pupil typed in by hand or copied from a mentor's file);
* ``people.left_on``: the day the pupil was no longer in the export (left
  the school); their retention clock starts then. Cleared when they are back;
* a unique index on ``(school_id, pupil_number)`` for imported pupils only
  (``imported_at IS NOT NULL AND pupil_number <> ''``). Not over every row:
  existing files and servers may hold the same number twice (typed by hand,
  or copied from two mentors' files before ``copy-to`` reused people), and
  this migration must never fail on them. The import itself links such a
  pupil instead of adding another; the index guards what it writes;
* ``class_mentors``: the mentor of each class per school year, as the import
  found it, with the staff member it names on the school's server (NULL when
  the name matched nobody, and always in a mentor's own file).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

#: The rows the unique index covers: imported pupils with a number.
IMPORTED_WITH_NUMBER = "imported_at IS NOT NULL AND pupil_number <> ''"


def _restore_counters() -> None:
    """Revision 0011's ``_restore_counters``: SQLite drops the change-counter triggers on a rebuilt table."""
    spec = importlib.util.spec_from_file_location(
        "_pestcli_0011", Path(__file__).with_name("0011_schools_versions_evidence.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module._restore_counters()


def upgrade() -> None:
    """Add the import's columns to people, its unique index, and the class mentors' table."""
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("left_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("imported_at", sa.DateTime(), nullable=True))
    op.create_index("uq_people_school_id_pupil_number", "people", ["school_id", "pupil_number"], unique=True,
                    sqlite_where=sa.text(IMPORTED_WITH_NUMBER), postgresql_where=sa.text(IMPORTED_WITH_NUMBER))
    op.create_table(
        "class_mentors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), server_default="1", nullable=False),
        sa.Column("school_year", sa.String(), nullable=False),
        sa.Column("class_name", sa.String(), nullable=False),
        sa.Column("mentor_name", sa.String(), server_default="", nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], name=op.f("fk_class_mentors_school_id_schools")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_class_mentors_staff_id_staff"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_class_mentors")),
        sa.UniqueConstraint("school_id", "school_year", "class_name",
                            name=op.f("uq_class_mentors_school_id_school_year_class_name")),
    )
    _restore_counters()


def downgrade() -> None:
    """Drop the class mentors' table, the index and the two columns."""
    op.drop_table("class_mentors")
    op.drop_index("uq_people_school_id_pupil_number", table_name="people")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("imported_at")
        batch_op.drop_column("left_on")
    _restore_counters()
