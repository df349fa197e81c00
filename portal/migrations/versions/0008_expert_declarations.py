"""expert declarations: before opening a file an expert declares no conflict, a conflict, or declines

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('expert_declarations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('declared_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                            name=op.f('fk_expert_declarations_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['expert_id'], ['expert_profiles.id'],
                            name=op.f('fk_expert_declarations_expert_id_expert_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_declarations')),
    sa.UniqueConstraint('application_id', 'expert_id', name=op.f('uq_expert_declarations_application_id'))
    )
    op.create_index(op.f('ix_expert_declarations_application_id'), 'expert_declarations', ['application_id'],
                    unique=False)
    op.create_index(op.f('ix_expert_declarations_expert_id'), 'expert_declarations', ['expert_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_expert_declarations_expert_id'), table_name='expert_declarations')
    op.drop_index(op.f('ix_expert_declarations_application_id'), table_name='expert_declarations')
    op.drop_table('expert_declarations')
