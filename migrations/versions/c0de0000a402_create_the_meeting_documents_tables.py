"""Create the meeting documents tables

Documents, their versions and stored files, page texts and fingerprints, recipients and
read receipts; the full-text index (GIN on PostgreSQL, an FTS5 table on SQLite).

Revision ID: c0de0000a402
Revises: c0de0000a401
Create Date: 2026-11-25 18:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

from meeting.documents.models import FTS_TABLE, SQLITE_DDL


# revision identifiers, used by Alembic.
revision = 'c0de0000a402'
down_revision = 'c0de0000a401'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('document_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('storage_name', sa.String(length=120), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_files')),
    sa.UniqueConstraint('sha256', name=op.f('uq_document_files_sha256'))
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('classification', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('to_all', sa.Boolean(), nullable=False),
    sa.Column('allow_download', sa.Boolean(), nullable=False),
    sa.Column('comment_deadline_dt', sa.DateTime(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('published_dt', sa.DateTime(), nullable=True),
    sa.Column('updated_dt', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_documents_created_by_id_users')),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_items.id'], name=op.f('fk_documents_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_documents_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    op.create_index(op.f('ix_documents_item_id'), 'documents', ['item_id'], unique=False)
    op.create_index(op.f('ix_documents_meeting_id'), 'documents', ['meeting_id'], unique=False)
    op.create_table('document_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('original_name', sa.String(length=200), nullable=False),
    sa.Column('converted_from', sa.String(length=10), nullable=False),
    sa.Column('change_note', sa.String(length=500), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_document_versions_created_by_id_users')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_versions_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['file_id'], ['document_files.id'], name=op.f('fk_document_versions_file_id_document_files')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_versions')),
    sa.UniqueConstraint('document_id', 'number', name=op.f('uq_document_versions_document_id'))
    )
    op.create_index(op.f('ix_document_versions_document_id'), 'document_versions', ['document_id'], unique=False)
    op.create_index(op.f('ix_document_versions_file_id'), 'document_versions', ['file_id'], unique=False)
    op.create_table('document_pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('folded', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['document_versions.id'], name=op.f('fk_document_pages_version_id_document_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_pages')),
    sa.UniqueConstraint('version_id', 'number', name=op.f('uq_document_pages_version_id'))
    )
    op.create_index('ix_document_pages_digest', 'document_pages', ['digest'], unique=False)
    op.create_index(op.f('ix_document_pages_version_id'), 'document_pages', ['version_id'], unique=False)
    op.create_table('document_recipients',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_recipients_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_document_recipients_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_recipients')),
    sa.UniqueConstraint('document_id', 'user_id', name=op.f('uq_document_recipients_document_id'))
    )
    op.create_index(op.f('ix_document_recipients_document_id'), 'document_recipients', ['document_id'], unique=False)
    op.create_index(op.f('ix_document_recipients_user_id'), 'document_recipients', ['user_id'], unique=False)
    op.create_table('document_read_receipts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('first_opened_dt', sa.DateTime(), nullable=False),
    sa.Column('last_opened_dt', sa.DateTime(), nullable=False),
    sa.Column('pages_viewed', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_read_receipts_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_document_read_receipts_user_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['version_id'], ['document_versions.id'], name=op.f('fk_document_read_receipts_version_id_document_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_read_receipts')),
    sa.UniqueConstraint('version_id', 'user_id', name=op.f('uq_document_read_receipts_version_id'))
    )
    op.create_index(op.f('ix_document_read_receipts_document_id'), 'document_read_receipts', ['document_id'], unique=False)
    op.create_index(op.f('ix_document_read_receipts_user_id'), 'document_read_receipts', ['user_id'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_document_pages_fts ON document_pages "
                   "USING gin (to_tsvector('simple', folded))")
    elif op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DDL:  # the FTS5 table and the triggers that fill it
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    for table in ("document_read_receipts", "document_recipients", "document_pages",
                  "document_versions", "documents", "document_files"):
        op.drop_table(table)
