"""Create the voting tables: polls, candidates, participations and secret ballots

Revision ID: c0de0000a401
Revises: 8401609c71b6
Create Date: 2026-11-25 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0de0000a401'
down_revision = '8401609c71b6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('polls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('is_secret', sa.Boolean(), nullable=False),
    sa.Column('allow_abstain', sa.Boolean(), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('base', sa.String(length=20), nullable=False),
    sa.Column('threshold', sa.String(length=20), nullable=False),
    sa.Column('threshold_num', sa.Integer(), nullable=False),
    sa.Column('threshold_den', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('repeat_of_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('opened_dt', sa.DateTime(), nullable=True),
    sa.Column('closed_dt', sa.DateTime(), nullable=True),
    sa.Column('quorum_warning', sa.Boolean(), nullable=False),
    sa.Column('members_total', sa.Integer(), nullable=True),
    sa.Column('present_count', sa.Integer(), nullable=True),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('ballots_sha256', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_polls_created_by_id_users')),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_polls_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_polls_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['repeat_of_id'], ['polls.id'], name=op.f('fk_polls_repeat_of_id_polls')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_polls'))
    )
    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_polls_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('poll_candidates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], name=op.f('fk_poll_candidates_poll_id_polls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_poll_candidates_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_poll_candidates'))
    )
    with op.batch_alter_table('poll_candidates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_candidates_poll_id'), ['poll_id'], unique=False)

    # One row per (poll, person): the primary key is the one-ballot-per-person constraint.
    op.create_table('poll_participations',
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('choice', sa.JSON(), nullable=True),
    sa.Column('cast_dt', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], name=op.f('fk_poll_participations_poll_id_polls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_poll_participations_user_id_users')),
    sa.PrimaryKeyConstraint('poll_id', 'user_id', name=op.f('pk_poll_participations'))
    )
    # Secret ballots: a random key, no person, no time, no sequence.
    op.create_table('poll_ballots',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.JSON(), nullable=False),
    sa.Column('receipt_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], name=op.f('fk_poll_ballots_poll_id_polls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_poll_ballots'))
    )
    with op.batch_alter_table('poll_ballots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_ballots_poll_id'), ['poll_id'], unique=False)


def downgrade():
    with op.batch_alter_table('poll_ballots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_poll_ballots_poll_id'))
    op.drop_table('poll_ballots')
    op.drop_table('poll_participations')
    with op.batch_alter_table('poll_candidates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_poll_candidates_poll_id'))
    op.drop_table('poll_candidates')
    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_polls_meeting_id'))
    op.drop_table('polls')
