"""Parents and carers are people in a case.

A parent or carer is a person of kind ``ouder`` with an optional phone and
e-mail (``people.phone``, ``people.email``), linked to a pupil with a
relation (``parent_links``). A parent contact names the parents spoken to
(``parent_contact_people``), says why it is held (``parent_contacts.purpose``:
``gesprek``, or ``informeren`` for stap 2's "ouders op de hoogte stellen")
and, for a guided conversation with parents, which one it was
(``parent_contacts.conversation_id``). Existing contacts become ``gesprek``
contacts that name no parent (nobody was recorded); open cases whose stap 2
is not done get stap 2's informing to-do, due with stap 2.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the columns and tables above; give open cases their informing to-do."""
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone", sa.String(), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column("email", sa.String(), nullable=False, server_default=sa.text("''")))
    op.create_table(
        "parent_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["people.id"], name=op.f("fk_parent_links_parent_id_people"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["pupil_id"], ["people.id"], name=op.f("fk_parent_links_pupil_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parent_links")),
        sa.UniqueConstraint("parent_id", "pupil_id", name=op.f("uq_parent_links_parent_id_pupil_id")),
    )
    with op.batch_alter_table("parent_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_parent_links_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_parent_links_pupil_id"), ["pupil_id"], unique=False)
    with op.batch_alter_table("parent_contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("purpose", sa.String(), nullable=False,
                                      server_default=sa.text("'gesprek'")))
        batch_op.add_column(sa.Column("conversation_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_parent_contacts_conversation_id"), ["conversation_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_parent_contacts_conversation_id_conversations"),
                                    "conversations", ["conversation_id"], ["id"], ondelete="SET NULL")
    op.create_table(
        "parent_contact_people",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["contact_id"], ["parent_contacts.id"],
                                name=op.f("fk_parent_contact_people_contact_id_parent_contacts"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"],
                                name=op.f("fk_parent_contact_people_person_id_people"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("contact_id", "person_id", name=op.f("pk_parent_contact_people")),
    )
    with op.batch_alter_table("parent_contact_people", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_parent_contact_people_person_id"), ["person_id"], unique=False)
    # Stap 2's "ouders op de hoogte stellen" for the open cases still at stap 2: due with stap 2.
    op.execute(
        "INSERT INTO parent_contacts (case_id, planned_on, summary, held_by, purpose)"
        " SELECT step_progress.case_id, step_progress.due_on, '', '', 'informeren'"
        " FROM step_progress JOIN cases ON cases.id = step_progress.case_id"
        " WHERE step_progress.step = 2 AND step_progress.done_on IS NULL"
        " AND step_progress.due_on IS NOT NULL AND cases.status != 'closed'"
    )


def downgrade() -> None:
    """Remove them again (the informing to-dos that were never held go with them)."""
    op.execute("DELETE FROM parent_contacts WHERE purpose = 'informeren' AND held_on IS NULL")
    with op.batch_alter_table("parent_contact_people", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_parent_contact_people_person_id"))
    op.drop_table("parent_contact_people")
    with op.batch_alter_table("parent_contacts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_parent_contacts_conversation_id_conversations"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_parent_contacts_conversation_id"))
        batch_op.drop_column("conversation_id")
        batch_op.drop_column("purpose")
    with op.batch_alter_table("parent_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_parent_links_pupil_id"))
        batch_op.drop_index(batch_op.f("ix_parent_links_parent_id"))
    op.drop_table("parent_links")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("email")
        batch_op.drop_column("phone")
