"""Count the indexed pages of a paper version

Revision ID: c0de0000a410
Revises: c0de0000a409
Create Date: 2026-12-06 06:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0de0000a410'
down_revision = 'c0de0000a409'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('indexed_pages', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.drop_column('indexed_pages')
