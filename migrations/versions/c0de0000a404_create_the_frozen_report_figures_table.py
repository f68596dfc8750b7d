"""Create the frozen report figures table

Revision ID: c0de0000a404
Revises: c0de0000a403
Create Date: 2026-11-25 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0de0000a404'
down_revision = 'c0de0000a403'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('registry_frozen_figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('frozen_dt', sa.DateTime(), nullable=False),
    sa.Column('frozen_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['frozen_by_id'], ['users.id'], name=op.f('fk_registry_frozen_figures_frozen_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_frozen_figures')),
    sa.UniqueConstraint('year', name=op.f('uq_registry_frozen_figures_year'))
    )


def downgrade():
    op.drop_table('registry_frozen_figures')
