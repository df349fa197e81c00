"""expert panels: experts, panels, cases, assignments, conflicts, reviews, recommendations, digests

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 15:00:31.989811
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('expert_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=True),
    sa.Column('affiliation', sa.String(length=200), nullable=False),
    sa.Column('affiliation_key', sa.String(length=200), nullable=False),
    sa.Column('field', sa.String(length=200), nullable=True),
    sa.Column('bio', sa.Text(), nullable=True),
    sa.Column('photo_name', sa.String(length=64), nullable=True),
    sa.Column('photo_type', sa.String(length=64), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('publication_consent', sa.Boolean(), nullable=False),
    sa.Column('publication_consent_at', sa.DateTime(), nullable=True),
    sa.Column('max_load', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_expert_profiles_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_profiles')),
    sa.UniqueConstraint('user_id', name=op.f('uq_expert_profiles_user_id'))
    )
    with op.batch_alter_table('expert_profiles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expert_profiles_affiliation_key'), ['affiliation_key'], unique=False)

    op.create_table('conflicts_of_interest',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('overridden_by_id', sa.Integer(), nullable=True),
    sa.Column('overridden_at', sa.DateTime(), nullable=True),
    sa.Column('override_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_conflicts_of_interest_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['expert_id'], ['expert_profiles.id'], name=op.f('fk_conflicts_of_interest_expert_id_expert_profiles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['overridden_by_id'], ['users.id'], name=op.f('fk_conflicts_of_interest_overridden_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflicts_of_interest')),
    sa.UniqueConstraint('application_id', 'expert_id', 'source', name=op.f('uq_conflicts_of_interest_application_id'))
    )
    with op.batch_alter_table('conflicts_of_interest', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflicts_of_interest_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conflicts_of_interest_expert_id'), ['expert_id'], unique=False)

    op.create_table('expert_relationships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=100), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['applicant_id'], ['users.id'], name=op.f('fk_expert_relationships_applicant_id_users')),
    sa.ForeignKeyConstraint(['expert_id'], ['expert_profiles.id'], name=op.f('fk_expert_relationships_expert_id_expert_profiles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_expert_relationships_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_relationships')),
    sa.UniqueConstraint('expert_id', 'applicant_id', name=op.f('uq_expert_relationships_expert_id'))
    )
    with op.batch_alter_table('expert_relationships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expert_relationships_applicant_id'), ['applicant_id'], unique=False)

    op.create_table('panels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name_zh', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('industry_code', sa.String(length=32), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('blind', sa.Boolean(), nullable=False),
    sa.Column('chair_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['chair_id'], ['expert_profiles.id'], name=op.f('fk_panels_chair_id_expert_profiles')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_panels')),
    sa.UniqueConstraint('code', name=op.f('uq_panels_code'))
    )
    op.create_table('review_digests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('digest_date', sa.Date(), nullable=False),
    sa.Column('assignment_ids', sa.JSON(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['expert_id'], ['expert_profiles.id'], name=op.f('fk_review_digests_expert_id_expert_profiles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_digests')),
    sa.UniqueConstraint('expert_id', 'digest_date', name=op.f('uq_review_digests_expert_id'))
    )
    op.create_table('assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('panel_id', sa.Integer(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('assigned_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_assignments_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['assigned_by_id'], ['users.id'], name=op.f('fk_assignments_assigned_by_id_users')),
    sa.ForeignKeyConstraint(['expert_id'], ['expert_profiles.id'], name=op.f('fk_assignments_expert_id_expert_profiles')),
    sa.ForeignKeyConstraint(['panel_id'], ['panels.id'], name=op.f('fk_assignments_panel_id_panels')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignments')),
    sa.UniqueConstraint('application_id', 'expert_id', name=op.f('uq_assignments_application_id'))
    )
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignments_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignments_expert_id'), ['expert_id'], unique=False)

    op.create_table('panel_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('panel_id', sa.Integer(), nullable=False),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_panel_cases_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['panel_id'], ['panels.id'], name=op.f('fk_panel_cases_panel_id_panels')),
    sa.ForeignKeyConstraint(['sent_by_id'], ['users.id'], name=op.f('fk_panel_cases_sent_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_cases')),
    sa.UniqueConstraint('application_id', name=op.f('uq_panel_cases_application_id'))
    )
    with op.batch_alter_table('panel_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_panel_cases_panel_id'), ['panel_id'], unique=False)

    op.create_table('panel_memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('panel_id', sa.Integer(), nullable=False),
    sa.Column('expert_id', sa.Integer(), nullable=False),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['expert_id'], ['expert_profiles.id'], name=op.f('fk_panel_memberships_expert_id_expert_profiles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['panel_id'], ['panels.id'], name=op.f('fk_panel_memberships_panel_id_panels'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_memberships')),
    sa.UniqueConstraint('panel_id', 'expert_id', name=op.f('uq_panel_memberships_panel_id'))
    )
    with op.batch_alter_table('panel_memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_panel_memberships_expert_id'), ['expert_id'], unique=False)

    op.create_table('panel_recommendations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('panel_id', sa.Integer(), nullable=False),
    sa.Column('chair_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_panel_recommendations_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['chair_id'], ['expert_profiles.id'], name=op.f('fk_panel_recommendations_chair_id_expert_profiles')),
    sa.ForeignKeyConstraint(['panel_id'], ['panels.id'], name=op.f('fk_panel_recommendations_panel_id_panels')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_panel_recommendations')),
    sa.UniqueConstraint('application_id', name=op.f('uq_panel_recommendations_application_id'))
    )
    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('confidence', sa.Integer(), nullable=True),
    sa.Column('weighted_score', sa.Float(), nullable=True),
    sa.Column('panel_comment', sa.Text(), nullable=True),
    sa.Column('hr_summary', sa.Text(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('reopened_by_id', sa.Integer(), nullable=True),
    sa.Column('reopened_at', sa.DateTime(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignments.id'], name=op.f('fk_reviews_assignment_id_assignments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reopened_by_id'], ['users.id'], name=op.f('fk_reviews_reopened_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reviews')),
    sa.UniqueConstraint('assignment_id', name=op.f('uq_reviews_assignment_id'))
    )


def downgrade() -> None:
    op.drop_table('reviews')
    op.drop_table('panel_recommendations')
    with op.batch_alter_table('panel_memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_panel_memberships_expert_id'))

    op.drop_table('panel_memberships')
    with op.batch_alter_table('panel_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_panel_cases_panel_id'))

    op.drop_table('panel_cases')
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignments_expert_id'))
        batch_op.drop_index(batch_op.f('ix_assignments_application_id'))

    op.drop_table('assignments')
    op.drop_table('review_digests')
    op.drop_table('panels')
    with op.batch_alter_table('expert_relationships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expert_relationships_applicant_id'))

    op.drop_table('expert_relationships')
    with op.batch_alter_table('conflicts_of_interest', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflicts_of_interest_expert_id'))
        batch_op.drop_index(batch_op.f('ix_conflicts_of_interest_application_id'))

    op.drop_table('conflicts_of_interest')
    with op.batch_alter_table('expert_profiles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expert_profiles_affiliation_key'))

    op.drop_table('expert_profiles')
