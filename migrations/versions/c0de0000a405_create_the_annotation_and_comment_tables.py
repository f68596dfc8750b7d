"""Create the annotation and comment tables

Revision ID: c0de0000a405
Revises: c0de0000a404
Create Date: 2026-11-25 18:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0de0000a405'
down_revision = 'c0de0000a404'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('document_annotations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('page_number', sa.Integer(), nullable=False),
    sa.Column('page_digest', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_annotations_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_document_annotations_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_annotations'))
    )
    with op.batch_alter_table('document_annotations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_annotations_document_id'), ['document_id'], unique=False)
        batch_op.create_index('ix_document_annotations_user_document', ['user_id', 'document_id'], unique=False)

    op.create_table('document_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version_number', sa.Integer(), nullable=False),
    sa.Column('page_number', sa.Integer(), nullable=True),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_comments_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_document_comments_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_comments'))
    )
    with op.batch_alter_table('document_comments', schema=None) as batch_op:
        batch_op.create_index('ix_document_comments_document_status', ['document_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_comments_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('document_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_comments_user_id'))
        batch_op.drop_index('ix_document_comments_document_status')

    op.drop_table('document_comments')
    with op.batch_alter_table('document_annotations', schema=None) as batch_op:
        batch_op.drop_index('ix_document_annotations_user_document')
        batch_op.drop_index(batch_op.f('ix_document_annotations_document_id'))

    op.drop_table('document_annotations')
