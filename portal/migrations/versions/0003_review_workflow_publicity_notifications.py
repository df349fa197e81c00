"""review workflow publicity notifications

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 15:08:55.846167
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('publicity_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('working_days', sa.Integer(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('objection_contact', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_publicity_batches_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publicity_batches'))
    )
    op.create_table('internal_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_internal_notes_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_internal_notes_author_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_internal_notes'))
    )
    with op.batch_alter_table('internal_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_internal_notes_application_id'), ['application_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=32), nullable=False),
    sa.Column('reference', sa.String(length=20), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_notifications_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_user_read', ['user_id', 'read_at'], unique=False)

    op.create_table('publicity_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=100), nullable=False),
    sa.Column('employer', sa.String(length=200), nullable=False),
    sa.Column('category_code', sa.String(length=8), nullable=False),
    sa.Column('education_level', sa.String(length=20), nullable=True),
    sa.Column('professional_title', sa.String(length=200), nullable=True),
    sa.Column('pulled_at', sa.DateTime(), nullable=True),
    sa.Column('pulled_reason', sa.Text(), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_publicity_entries_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['batch_id'], ['publicity_batches.id'], name=op.f('fk_publicity_entries_batch_id_publicity_batches'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publicity_entries')),
    sa.UniqueConstraint('batch_id', 'application_id', name='uq_publicity_entries_batch_application')
    )
    with op.batch_alter_table('publicity_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publicity_entries_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_publicity_entries_batch_id'), ['batch_id'], unique=False)

    op.create_table('correction_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('target', sa.String(length=64), nullable=True),
    sa.Column('step', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_correction_items_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['application_events.id'], name=op.f('fk_correction_items_event_id_application_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_correction_items'))
    )
    with op.batch_alter_table('correction_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_correction_items_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_correction_items_event_id'), ['event_id'], unique=False)

    op.create_table('publicity_objections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('objector_name', sa.String(length=100), nullable=False),
    sa.Column('objector_contact', sa.String(length=200), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['publicity_entries.id'], name=op.f('fk_publicity_objections_entry_id_publicity_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_publicity_objections_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publicity_objections'))
    )
    with op.batch_alter_table('publicity_objections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publicity_objections_entry_id'), ['entry_id'], unique=False)

    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('certificate_number', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('recognised_at', sa.DateTime(), nullable=True))
        batch_op.create_index('ix_applications_category_queue', ['category_code', 'updated_at', 'id', 'submitted_at', 'state'], unique=False)
        batch_op.create_index('ix_applications_division_queue', ['division_code', 'updated_at', 'id', 'submitted_at', 'state'], unique=False)
        batch_op.create_index('ix_applications_updated_queue', ['updated_at', 'id', 'submitted_at', 'state'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_applications_certificate_number'), ['certificate_number'])



def downgrade() -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_applications_certificate_number'), type_='unique')
        batch_op.drop_index('ix_applications_updated_queue')
        batch_op.drop_index('ix_applications_division_queue')
        batch_op.drop_index('ix_applications_category_queue')
        batch_op.drop_column('recognised_at')
        batch_op.drop_column('certificate_number')

    with op.batch_alter_table('publicity_objections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_publicity_objections_entry_id'))

    op.drop_table('publicity_objections')
    with op.batch_alter_table('correction_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_correction_items_event_id'))
        batch_op.drop_index(batch_op.f('ix_correction_items_application_id'))

    op.drop_table('correction_items')
    with op.batch_alter_table('publicity_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_publicity_entries_batch_id'))
        batch_op.drop_index(batch_op.f('ix_publicity_entries_application_id'))

    op.drop_table('publicity_entries')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_read')

    op.drop_table('notifications')
    with op.batch_alter_table('internal_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_internal_notes_application_id'))

    op.drop_table('internal_notes')
    op.drop_table('publicity_batches')
