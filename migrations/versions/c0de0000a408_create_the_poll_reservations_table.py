"""Create the poll reservations table

Revision ID: c0de0000a408
Revises: c0de0000a407
Create Date: 2026-12-04 23:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0de0000a408'
down_revision = 'c0de0000a407'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('poll_reservations',
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=2000), nullable=False),
    sa.Column('recorded_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], name=op.f('fk_poll_reservations_poll_id_polls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_poll_reservations_user_id_users')),
    sa.PrimaryKeyConstraint('poll_id', 'user_id', name=op.f('pk_poll_reservations'))
    )


def downgrade():
    op.drop_table('poll_reservations')
