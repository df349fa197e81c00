"""service stations

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 14:56:34.968088
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name_zh', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=True),
    sa.Column('station_type', sa.String(length=16), nullable=False),
    sa.Column('host_organisation', sa.String(length=200), nullable=False),
    sa.Column('division_code', sa.String(length=12), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('area_served', sa.Text(), nullable=True),
    sa.Column('contact_person', sa.String(length=50), nullable=False),
    sa.Column('office_phone', sa.String(length=20), nullable=False),
    sa.Column('services', sa.JSON(), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=False),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stations'))
    )
    with op.batch_alter_table('stations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stations_division_code'), ['division_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_stations_published'), ['published'], unique=False)
        batch_op.create_index(batch_op.f('ix_stations_station_type'), ['station_type'], unique=False)

    op.create_table('station_hours',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('opens', sa.Time(), nullable=False),
    sa.Column('closes', sa.Time(), nullable=False),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_station_hours_station_id_stations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_station_hours'))
    )
    with op.batch_alter_table('station_hours', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_station_hours_station_id'), ['station_id'], unique=False)

    op.create_table('station_staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('station_id', sa.Integer(), nullable=False),
    sa.Column('staff_role', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('position', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['station_id'], ['stations.id'], name=op.f('fk_station_staff_station_id_stations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_station_staff'))
    )
    with op.batch_alter_table('station_staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_station_staff_station_id'), ['station_id'], unique=False)

    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('station_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_applications_station_id'), ['station_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_applications_station_id_stations'), 'stations', ['station_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('station_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_users_station_id'), ['station_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_users_station_id_stations'), 'stations', ['station_id'], ['id'], ondelete='SET NULL')



def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_users_station_id_stations'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_users_station_id'))
        batch_op.drop_column('station_id')

    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_applications_station_id_stations'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_applications_station_id'))
        batch_op.drop_column('station_id')

    with op.batch_alter_table('station_staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_station_staff_station_id'))

    op.drop_table('station_staff')
    with op.batch_alter_table('station_hours', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_station_hours_station_id'))

    op.drop_table('station_hours')
    with op.batch_alter_table('stations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stations_station_type'))
        batch_op.drop_index(batch_op.f('ix_stations_published'))
        batch_op.drop_index(batch_op.f('ix_stations_division_code'))

    op.drop_table('stations')
