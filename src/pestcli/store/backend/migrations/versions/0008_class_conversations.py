"""The class conversation and class agreements per class and school year.

The class conversation (bijlage 1 "Omgaan met elkaar", vijfsporenaanpak spoor
4) belongs to a class and a school year (August to July), not to one case:
``class_conversations`` with its checklist in ``class_conversation_items``;
the agreements of the class in ``class_agreements``, revisited at the
follow-ups of a case of that class (``class_agreement_checks``).

Until now a bijlage-1 conversation was stored inside one case, with its
agreements made by "iedereen". Each such conversation of a case that names its
class moves: it becomes that class's conversation of the school year it was
held in (started from that case), its items come along, and its agreements
become the class's agreements (with their checks). A case without a class
keeps its conversation as it was.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from datetime import date, datetime

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CLASS_GUIDE = "bijlage-1"


def _school_year(value) -> str:
    """``2026-2027`` for a day from August 2026 to July 2027 (a stored DATETIME text or a datetime)."""
    day = value if isinstance(value, date) else datetime.fromisoformat(str(value)[:19]).date()
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}-{first + 1}"


def upgrade() -> None:
    """Create the four tables; move the bijlage-1 conversations of cases with a class into them."""
    op.create_table(
        "class_conversations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("class_name", sa.String(), nullable=False),
        sa.Column("school_year", sa.String(), nullable=False),
        sa.Column("guide_id", sa.String(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("held_by", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_class_conversations_case_id_cases"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_class_conversations")),
    )
    with op.batch_alter_table("class_conversations", schema=None) as batch_op:
        batch_op.create_index("ix_class_conversations_class_name_school_year", ["class_name", "school_year"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_class_conversations_case_id"), ["case_id"], unique=False)
    op.create_table(
        "class_conversation_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("class_conversation_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["class_conversation_id"], ["class_conversations.id"],
                                name=op.f("fk_class_conversation_items_class_conversation_id_class_conversations"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_class_conversation_items")),
        sa.UniqueConstraint("class_conversation_id", "item_id",
                            name=op.f("uq_class_conversation_items_class_conversation_id_item_id")),
    )
    op.create_table(
        "class_agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("class_name", sa.String(), nullable=False),
        sa.Column("school_year", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("item_id", sa.String(), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=False),
        sa.Column("class_conversation_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["class_conversation_id"], ["class_conversations.id"],
                                name=op.f("fk_class_agreements_class_conversation_id_class_conversations"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_class_agreements")),
    )
    with op.batch_alter_table("class_agreements", schema=None) as batch_op:
        batch_op.create_index("ix_class_agreements_class_name_school_year", ["class_name", "school_year"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_class_agreements_class_conversation_id"), ["class_conversation_id"],
                              unique=False)
    op.create_table(
        "class_agreement_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("class_agreement_id", sa.Integer(), nullable=False),
        sa.Column("followup_id", sa.Integer(), nullable=True),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["class_agreement_id"], ["class_agreements.id"],
                                name=op.f("fk_class_agreement_checks_class_agreement_id_class_agreements"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["followup_id"], ["followups.id"],
                                name=op.f("fk_class_agreement_checks_followup_id_followups"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_class_agreement_checks")),
    )
    with op.batch_alter_table("class_agreement_checks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_class_agreement_checks_class_agreement_id"), ["class_agreement_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_class_agreement_checks_followup_id"), ["followup_id"], unique=False)
    _move_class_talks_out_of_cases(op.get_bind())


def _agreement_texts() -> dict[str, str]:
    """Item id -> text of the agreements in bijlage 1 (the school's protocol; none if it cannot be read)."""
    try:
        from pestcli.protocol.loader import load_protocol, resolve_protocol_dir

        guide = load_protocol(resolve_protocol_dir(None)).guide(CLASS_GUIDE)
    except Exception:  # noqa: BLE001 - without the protocol the items still move; no agreements made of them
        return {}
    return {i.id: i.text for p in guide.parts if p.captures_agreements for i in p.items}


def _move_class_talks_out_of_cases(conn) -> None:
    """Each bijlage-1 conversation of a case with a class becomes that class's conversation."""
    talks = conn.execute(sa.text(
        "SELECT conversations.id, cases.class_name, conversations.started_at, conversations.ended_at,"
        " conversations.held_by, conversations.notes, conversations.case_id"
        " FROM conversations JOIN cases ON cases.id = conversations.case_id"
        " WHERE conversations.guide_id = :guide AND cases.class_name != ''"
        " ORDER BY conversations.id"), {"guide": CLASS_GUIDE}).fetchall()
    texts = _agreement_texts() if talks else {}
    for old_id, class_name, started_at, ended_at, held_by, notes, case_id in talks:
        year = _school_year(started_at)
        new_id = conn.execute(sa.text(
            "INSERT INTO class_conversations (class_name, school_year, guide_id, started_at, ended_at,"
            " held_by, notes, case_id) VALUES (:c, :y, :g, :s, :e, :h, :n, :k)"),
            {"c": class_name, "y": year, "g": CLASS_GUIDE, "s": started_at, "e": ended_at, "h": held_by,
             "n": notes, "k": case_id}).lastrowid
        conn.execute(sa.text(
            "INSERT INTO class_conversation_items (class_conversation_id, item_id, state, note, updated_at)"
            " SELECT :new, item_id, state, note, updated_at FROM conversation_items"
            " WHERE conversation_id = :old ORDER BY id"), {"new": new_id, "old": old_id})
        done = conn.execute(sa.text(
            "SELECT item_id, updated_at FROM conversation_items WHERE conversation_id = :old"
            " AND state = 'done' ORDER BY id"), {"old": old_id}).fetchall()
        for item_id, updated_at in done:
            if item_id in texts:  # a ticked agreement of the list: the class agreed to it that day
                conn.execute(sa.text(
                    "INSERT INTO class_agreements (class_name, school_year, text, item_id, agreed_on,"
                    " class_conversation_id, created_at) VALUES (:c, :y, :t, :i, :a, :new, :at)"),
                    {"c": class_name, "y": year, "t": texts[item_id], "i": item_id,
                     "a": str(started_at)[:10], "new": new_id, "at": updated_at})
        agreements = conn.execute(sa.text(
            "SELECT id, text, agreed_on, created_at FROM agreements WHERE conversation_id = :old ORDER BY id"),
            {"old": old_id}).fetchall()
        for agreement_id, text, agreed_on, created_at in agreements:
            class_agreement_id = conn.execute(sa.text(
                "INSERT INTO class_agreements (class_name, school_year, text, item_id, agreed_on,"
                " class_conversation_id, created_at) VALUES (:c, :y, :t, '', :a, :new, :at)"),
                {"c": class_name, "y": year, "t": text, "a": agreed_on, "new": new_id,
                 "at": created_at}).lastrowid
            conn.execute(sa.text(
                "INSERT INTO class_agreement_checks (class_agreement_id, followup_id, checked_on, status, note)"
                " SELECT :ca, followup_id, checked_on, status, note FROM agreement_checks"
                " WHERE agreement_id = :a ORDER BY id"), {"ca": class_agreement_id, "a": agreement_id})
            conn.execute(sa.text("DELETE FROM agreement_checks WHERE agreement_id = :a"), {"a": agreement_id})
            conn.execute(sa.text("DELETE FROM agreements WHERE id = :a"), {"a": agreement_id})
        for table in ("conversation_items", "conversation_participants"):
            conn.execute(sa.text(f"DELETE FROM {table} WHERE conversation_id = :old"), {"old": old_id})
        conn.execute(sa.text("UPDATE parent_contacts SET conversation_id = NULL WHERE conversation_id = :old"),
                     {"old": old_id})
        conn.execute(sa.text("DELETE FROM conversations WHERE id = :old"), {"old": old_id})


def _move_back_into_cases(conn) -> None:
    """Downgrade: a class conversation started from a case goes back into that case.

    One held for a class without a case has no case to go to; it is dropped
    with the tables (a downgrade is for going back right after an upgrade).
    """
    talks = conn.execute(sa.text(
        "SELECT id, guide_id, started_at, ended_at, held_by, notes, case_id FROM class_conversations"
        " WHERE case_id IS NOT NULL ORDER BY id")).fetchall()
    for talk_id, guide_id, started_at, ended_at, held_by, notes, case_id in talks:
        old_id = conn.execute(sa.text(
            "INSERT INTO conversations (case_id, guide_id, step, started_at, ended_at, held_by, notes)"
            " VALUES (:k, :g, NULL, :s, :e, :h, :n)"),
            {"k": case_id, "g": guide_id, "s": started_at, "e": ended_at, "h": held_by,
             "n": notes}).lastrowid
        conn.execute(sa.text(
            "INSERT INTO conversation_items (conversation_id, item_id, state, note, updated_at)"
            " SELECT :old, item_id, state, note, updated_at FROM class_conversation_items"
            " WHERE class_conversation_id = :t ORDER BY id"), {"old": old_id, "t": talk_id})
        agreements = conn.execute(sa.text(
            "SELECT id, text, agreed_on, created_at FROM class_agreements"
            " WHERE class_conversation_id = :t AND item_id = '' ORDER BY id"), {"t": talk_id}).fetchall()
        for class_agreement_id, text, agreed_on, created_at in agreements:
            agreement_id = conn.execute(sa.text(
                "INSERT INTO agreements (case_id, conversation_id, person_id, text, agreed_on, created_at)"
                " VALUES (:k, :old, NULL, :t, :a, :at)"),
                {"k": case_id, "old": old_id, "t": text, "a": agreed_on, "at": created_at}).lastrowid
            conn.execute(sa.text(
                "INSERT INTO agreement_checks (agreement_id, followup_id, checked_on, status, note)"
                " SELECT :a, followup_id, checked_on, status, note FROM class_agreement_checks"
                " WHERE class_agreement_id = :ca ORDER BY id"), {"a": agreement_id, "ca": class_agreement_id})


def downgrade() -> None:
    """Move class conversations started from a case back into it; drop the four tables."""
    _move_back_into_cases(op.get_bind())
    with op.batch_alter_table("class_agreement_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_class_agreement_checks_followup_id"))
        batch_op.drop_index(batch_op.f("ix_class_agreement_checks_class_agreement_id"))
    op.drop_table("class_agreement_checks")
    with op.batch_alter_table("class_agreements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_class_agreements_class_conversation_id"))
        batch_op.drop_index("ix_class_agreements_class_name_school_year")
    op.drop_table("class_agreements")
    op.drop_table("class_conversation_items")
    with op.batch_alter_table("class_conversations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_class_conversations_case_id"))
        batch_op.drop_index("ix_class_conversations_class_name_school_year")
    op.drop_table("class_conversations")
