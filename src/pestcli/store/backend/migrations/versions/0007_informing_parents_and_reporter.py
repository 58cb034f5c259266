"""How soon parents are told (the protocol's own choice) and who reported.

The severities licht / gemiddeld / ernstig were not in the protocol; stap 6
says "Afhankelijk van de ernst doet de school dit na stap 1 of na stap 3".
``cases.severity`` gives way to ``cases.parents_informed_after`` (a choice id
of the protocol's ``[informing_parents]``: ``na-stap-1`` / ``na-stap-3``) and
``cases.informing_reason`` (the mentor's short reason). Existing cases:
``ernstig`` becomes ``na-stap-1`` (the parents were told after the report),
everything else ``na-stap-3``; the reason says "overgenomen uit de vroegere
ernst: <label>". Their due dates stay as they were (they followed the same
rule). Who reported, as a person: ``cases.reporter_person_id`` (a pupil of
the case; ON DELETE SET NULL), ``cases.reporter_name`` and
``cases.reporter_relation`` (a parent or staff member); empty for old cases.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

#: The words a migrated case's reason starts with (the downgrade reads the label back).
FORMER = "overgenomen uit de vroegere ernst: "
#: The shipped severities and their labels; another id is kept as it was.
LABELS = {"licht": "Licht", "gemiddeld": "Gemiddeld", "ernstig": "Ernstig"}


def _label_sql(column: str, mapping: dict[str, str]) -> str:
    """A SQL CASE mapping the keys of ``mapping`` in ``column`` to their values, else the column."""
    whens = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in mapping.items())
    return f"CASE {column} {whens} ELSE {column} END"


def upgrade() -> None:
    """Add the new columns, map every case's severity to the choice and reason, drop severity."""
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reporter_person_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reporter_name", sa.String(), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column("reporter_relation", sa.String(), nullable=False,
                                      server_default=sa.text("''")))
        batch_op.add_column(sa.Column("parents_informed_after", sa.String(), nullable=False,
                                      server_default=sa.text("'na-stap-3'")))
        batch_op.add_column(sa.Column("informing_reason", sa.String(), nullable=False,
                                      server_default=sa.text("''")))
        batch_op.create_foreign_key(batch_op.f("fk_cases_reporter_person_id_people"), "people",
                                    ["reporter_person_id"], ["id"], ondelete="SET NULL")
    op.execute(
        "UPDATE cases SET"
        " parents_informed_after = CASE WHEN severity = 'ernstig' THEN 'na-stap-1' ELSE 'na-stap-3' END,"
        f" informing_reason = '{FORMER}' || {_label_sql('severity', LABELS)}"
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("severity")


def downgrade() -> None:
    """Bring severity back (from the reason where it was migrated, else from the choice) and drop the rest."""
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("severity", sa.String(), nullable=False, server_default=sa.text("''")))
    former = f"substr(informing_reason, {len(FORMER) + 1})"
    back = {v: k for k, v in LABELS.items()}
    op.execute(
        "UPDATE cases SET severity = CASE"
        f" WHEN substr(informing_reason, 1, {len(FORMER)}) = '{FORMER}' THEN {_label_sql(former, back)}"
        " WHEN parents_informed_after = 'na-stap-1' THEN 'ernstig' ELSE 'gemiddeld' END"
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_cases_reporter_person_id_people"), type_="foreignkey")
        batch_op.drop_column("informing_reason")
        batch_op.drop_column("parents_informed_after")
        batch_op.drop_column("reporter_relation")
        batch_op.drop_column("reporter_name")
        batch_op.drop_column("reporter_person_id")
        batch_op.alter_column("severity", server_default=None)
