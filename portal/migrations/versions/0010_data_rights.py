"""data rights: correction requests, closed and anonymised accounts, consent withdrawal

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-10 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('correction_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=32), nullable=False),
    sa.Column('requested_value', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('handled_by_id', sa.Integer(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                            name=op.f('fk_correction_requests_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['handled_by_id'], ['users.id'],
                            name=op.f('fk_correction_requests_handled_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'],
                            name=op.f('fk_correction_requests_requested_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_correction_requests'))
    )
    op.create_index(op.f('ix_correction_requests_application_id'), 'correction_requests', ['application_id'],
                    unique=False)
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('anonymised_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('applications') as batch:
        batch.add_column(sa.Column('publication_consent_withdrawn_at', sa.DateTime(), nullable=True))
        batch.add_column(sa.Column('anonymised_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('applications') as batch:
        batch.drop_column('anonymised_at')
        batch.drop_column('publication_consent_withdrawn_at')
    with op.batch_alter_table('users') as batch:
        batch.drop_column('anonymised_at')
        batch.drop_column('closed_at')
    op.drop_index(op.f('ix_correction_requests_application_id'), table_name='correction_requests')
    op.drop_table('correction_requests')
