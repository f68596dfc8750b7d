"""Create the papers tables: issued papers, minutes and their notes, paper builds

Revision ID: c0de0000a406
Revises: c0de0000a405
Create Date: 2026-11-25 18:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c0de0000a406'
down_revision = 'c0de0000a405'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('issued_papers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('source', sa.String(length=60), nullable=True),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('path', sa.String(length=300), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('issued_dt', sa.DateTime(), nullable=False),
    sa.Column('signed_sha256', sa.String(length=64), nullable=True),
    sa.Column('signed_path', sa.String(length=300), nullable=True),
    sa.Column('signed_by_id', sa.Integer(), nullable=True),
    sa.Column('signed_dt', sa.DateTime(), nullable=True),
    sa.Column('signer_subject', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_issued_papers_issued_by_id_users')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_issued_papers_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['signed_by_id'], ['users.id'], name=op.f('fk_issued_papers_signed_by_id_users')),
    sa.ForeignKeyConstraint(['term_id'], ['terms.id'], name=op.f('fk_issued_papers_term_id_terms')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_papers')),
    sa.UniqueConstraint('kind', 'source', name=op.f('uq_issued_papers_kind')),
    sa.UniqueConstraint('term_id', 'code', 'number', name=op.f('uq_issued_papers_term_id'))
    )
    with op.batch_alter_table('issued_papers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issued_papers_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('paper_minutes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('opening', sa.Text(), nullable=False),
    sa.Column('conclusions', sa.Text(), nullable=False),
    sa.Column('secretary_name', sa.String(length=120), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_dt', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_paper_minutes_approved_by_id_users')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_paper_minutes_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_paper_minutes_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paper_minutes')),
    sa.UniqueConstraint('meeting_id', name=op.f('uq_paper_minutes_meeting_id'))
    )
    op.create_table('paper_minutes_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('minutes_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_paper_minutes_notes_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['minutes_id'], ['paper_minutes.id'], name=op.f('fk_paper_minutes_notes_minutes_id_paper_minutes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paper_minutes_notes')),
    sa.UniqueConstraint('minutes_id', 'item_id', name=op.f('uq_paper_minutes_notes_minutes_id'))
    )
    with op.batch_alter_table('paper_minutes_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paper_minutes_notes_minutes_id'), ['minutes_id'], unique=False)

    op.create_table('paper_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('finished_dt', sa.DateTime(), nullable=True),
    sa.Column('error', sa.String(length=500), nullable=False),
    sa.Column('paper_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_paper_jobs_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['paper_id'], ['issued_papers.id'], name=op.f('fk_paper_jobs_paper_id_issued_papers')),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_paper_jobs_requested_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paper_jobs'))
    )
    with op.batch_alter_table('paper_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paper_jobs_meeting_id'), ['meeting_id'], unique=False)


def downgrade():
    with op.batch_alter_table('paper_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paper_jobs_meeting_id'))
    op.drop_table('paper_jobs')
    with op.batch_alter_table('paper_minutes_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paper_minutes_notes_minutes_id'))
    op.drop_table('paper_minutes_notes')
    op.drop_table('paper_minutes')
    with op.batch_alter_table('issued_papers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_issued_papers_meeting_id'))
    op.drop_table('issued_papers')
