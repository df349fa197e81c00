"""publish runs: one row per publish of the public static site

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26 15:32:47.698893
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('publish_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('trigger', sa.String(length=64), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('full', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('written', sa.Integer(), nullable=False),
    sa.Column('unchanged', sa.Integer(), nullable=False),
    sa.Column('removed', sa.Integer(), nullable=False),
    sa.Column('bytes_written', sa.Integer(), nullable=False),
    sa.Column('seconds', sa.Float(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_publish_runs_requested_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publish_runs'))
    )
    with op.batch_alter_table('publish_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publish_runs_started_at'), ['started_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('publish_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_publish_runs_started_at'))

    op.drop_table('publish_runs')
