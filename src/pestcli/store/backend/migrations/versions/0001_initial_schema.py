"""The initial schema: every table of the case store.

Revision ID: 0001
Revises:
Create Date: 2026-11-23

The schema of pestcli 0.1 as it first shipped. Never edit this file once a
database exists; add a new revision instead. It also marks the file as a
pestcli database with ``PRAGMA application_id``.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

#: "PEST": see pestcli.store.backend.identity.APPLICATION_ID (copied: revisions are frozen).
APPLICATION_ID = 0x50455354


def upgrade() -> None:
    """Create every table and mark the file as a pestcli database."""
    if op.get_bind().dialect.name == "sqlite":  # the file's mark; a server database has no such field
        op.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('os_user', sa.String(), nullable=False),
    sa.Column('table_name', sa.String(), nullable=False),
    sa.Column('row_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('summary', sa.String(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_events_case_id_at', ['case_id', 'at'], unique=False)

    op.create_table('cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('reporter_kind', sa.String(), nullable=False),
    sa.Column('class_name', sa.String(), nullable=False),
    sa.Column('location', sa.String(), nullable=False),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.Column('severity', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('mentor', sa.String(), nullable=False),
    sa.Column('protocol_name', sa.String(), nullable=False),
    sa.Column('protocol_version', sa.String(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('number', name=op.f('uq_cases_number')),
    sa.UniqueConstraint('year', 'seq', name=op.f('uq_cases_year_seq'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_status_reported_on', ['status', 'reported_on'], unique=False)

    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(), nullable=False),
    sa.Column('last_name', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('class_name', sa.String(), nullable=False),
    sa.Column('pupil_number', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_class_name'), ['class_name'], unique=False)
        batch_op.create_index('ix_people_last_name_first_name', ['last_name', 'first_name'], unique=False)

    op.create_table('case_forms',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('form_id', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_forms_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', 'form_id', name=op.f('pk_case_forms'))
    )
    op.create_table('case_roles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_roles_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_case_roles_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_roles')),
    sa.UniqueConstraint('case_id', 'person_id', 'role', name=op.f('uq_case_roles_case_id_person_id_role'))
    )
    with op.batch_alter_table('case_roles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_roles_person_id'), ['person_id'], unique=False)

    op.create_table('conversations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('guide_id', sa.String(), nullable=False),
    sa.Column('step', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('held_by', sa.String(), nullable=False),
    sa.Column('notes', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_conversations_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversations'))
    )
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.create_index('ix_conversations_case_id_ended_at', ['case_id', 'ended_at'], unique=False)

    op.create_table('escalations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('to_rung', sa.String(), nullable=False),
    sa.Column('sanction_phase', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(), nullable=False),
    sa.Column('escalated_on', sa.Date(), nullable=False),
    sa.Column('escalated_by', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_escalations_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalations'))
    )
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_escalations_case_id'), ['case_id'], unique=False)

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=True),
    sa.Column('platform', sa.String(), nullable=False),
    sa.Column('url', sa.String(), nullable=False),
    sa.Column('username', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('file_name', sa.String(), nullable=True),
    sa.Column('file_path', sa.String(), nullable=True),
    sa.Column('sha256', sa.String(), nullable=True),
    sa.Column('file_size', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_evidence_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_case_id'), ['case_id'], unique=False)

    op.create_table('followups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('cancelled_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(), nullable=True),
    sa.Column('note', sa.String(), nullable=False),
    sa.Column('done_by', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_followups_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followups'))
    )
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_followups_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_followups_done_on_cancelled_on_due_on', ['done_on', 'cancelled_on', 'due_on'], unique=False)

    op.create_table('parent_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('pupil_id', sa.Integer(), nullable=True),
    sa.Column('planned_on', sa.Date(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('how', sa.String(), nullable=True),
    sa.Column('summary', sa.String(), nullable=False),
    sa.Column('held_by', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_parent_contacts_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pupil_id'], ['people.id'], name=op.f('fk_parent_contacts_pupil_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parent_contacts'))
    )
    with op.batch_alter_table('parent_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parent_contacts_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_parent_contacts_held_on_planned_on', ['held_on', 'planned_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_parent_contacts_pupil_id'), ['pupil_id'], unique=False)

    op.create_table('step_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('step', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('done_by', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_step_progress_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_step_progress')),
    sa.UniqueConstraint('case_id', 'step', name=op.f('uq_step_progress_case_id_step'))
    )
    with op.batch_alter_table('step_progress', schema=None) as batch_op:
        batch_op.create_index('ix_step_progress_done_on_due_on', ['done_on', 'due_on'], unique=False)

    op.create_table('agreements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_agreements_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_agreements_conversation_id_conversations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_agreements_person_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreements'))
    )
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreements_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_person_id'), ['person_id'], unique=False)

    op.create_table('conversation_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.String(), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_conversation_items_conversation_id_conversations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation_items')),
    sa.UniqueConstraint('conversation_id', 'item_id', name=op.f('uq_conversation_items_conversation_id_item_id'))
    )
    op.create_table('conversation_participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_conversation_participants_conversation_id_conversations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_conversation_participants_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation_participants')),
    sa.UniqueConstraint('conversation_id', 'person_id', name=op.f('uq_conversation_participants_conversation_id_person_id'))
    )
    with op.batch_alter_table('conversation_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversation_participants_person_id'), ['person_id'], unique=False)

    op.create_table('agreement_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('followup_id', sa.Integer(), nullable=True),
    sa.Column('checked_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_checks_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['followup_id'], ['followups.id'], name=op.f('fk_agreement_checks_followup_id_followups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_checks'))
    )
    with op.batch_alter_table('agreement_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_checks_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_checks_followup_id'), ['followup_id'], unique=False)



def downgrade() -> None:
    """Drop every table."""
    with op.batch_alter_table('agreement_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_checks_followup_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_checks_agreement_id'))

    op.drop_table('agreement_checks')
    with op.batch_alter_table('conversation_participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversation_participants_person_id'))

    op.drop_table('conversation_participants')
    op.drop_table('conversation_items')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreements_person_id'))
        batch_op.drop_index(batch_op.f('ix_agreements_conversation_id'))
        batch_op.drop_index(batch_op.f('ix_agreements_case_id'))

    op.drop_table('agreements')
    with op.batch_alter_table('step_progress', schema=None) as batch_op:
        batch_op.drop_index('ix_step_progress_done_on_due_on')

    op.drop_table('step_progress')
    with op.batch_alter_table('parent_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parent_contacts_pupil_id'))
        batch_op.drop_index('ix_parent_contacts_held_on_planned_on')
        batch_op.drop_index(batch_op.f('ix_parent_contacts_case_id'))

    op.drop_table('parent_contacts')
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.drop_index('ix_followups_done_on_cancelled_on_due_on')
        batch_op.drop_index(batch_op.f('ix_followups_case_id'))

    op.drop_table('followups')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_case_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('escalations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalations_case_id'))

    op.drop_table('escalations')
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_index('ix_conversations_case_id_ended_at')

    op.drop_table('conversations')
    with op.batch_alter_table('case_roles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_roles_person_id'))

    op.drop_table('case_roles')
    op.drop_table('case_forms')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index('ix_people_last_name_first_name')
        batch_op.drop_index(batch_op.f('ix_people_class_name'))

    op.drop_table('people')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_status_reported_on')

    op.drop_table('cases')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_case_id_at')
        batch_op.drop_index(batch_op.f('ix_audit_events_at'))

    op.drop_table('audit_events')
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA application_id = 0")
