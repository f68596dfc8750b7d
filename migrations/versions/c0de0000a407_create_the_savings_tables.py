"""Create the printing savings tables

Revision ID: c0de0000a407
Revises: c0de0000a406
Create Date: 2026-11-25 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0de0000a407'
down_revision = 'c0de0000a406'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('savings_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('price_a4_bw', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('price_a4_colour', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('price_a3_bw', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('price_a3_colour', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('price_bound_set', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('price_envelope', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('duplex', sa.Boolean(), nullable=False),
    sa.Column('spare_copies', sa.Integer(), nullable=False),
    sa.Column('paper_size', sa.String(length=2), nullable=False),
    sa.Column('colour', sa.String(length=10), nullable=False),
    sa.Column('show_factors', sa.Boolean(), nullable=False),
    sa.Column('sheet_weight_g', sa.Numeric(precision=10, scale=3), nullable=False),
    sa.Column('sheets_per_tree', sa.Integer(), nullable=False),
    sa.Column('co2_kg_per_kg', sa.Numeric(precision=10, scale=3), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_dt', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_savings_settings_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_savings_settings'))
    )
    op.create_table('savings_printed_copies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('copies', sa.Integer(), nullable=False),
    sa.Column('printed_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.CheckConstraint('copies > 0', name=op.f('ck_savings_printed_copies_copies_positive')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_savings_printed_copies_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_savings_printed_copies_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_savings_printed_copies'))
    )
    with op.batch_alter_table('savings_printed_copies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_savings_printed_copies_document_id'), ['document_id'], unique=False)

    op.create_table('savings_print_formats',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('paper_size', sa.String(length=2), nullable=False),
    sa.Column('colour', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_savings_print_formats_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_savings_print_formats')),
    sa.UniqueConstraint('document_id', name=op.f('uq_savings_print_formats_document_id'))
    )
    op.create_table('savings_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_date', sa.Date(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('error', sa.String(length=500), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('finished_dt', sa.DateTime(), nullable=True),
    sa.Column('pdf', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_savings_reports_requested_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_savings_reports'))
    )
    with op.batch_alter_table('savings_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_savings_reports_requested_by_id'), ['requested_by_id'], unique=False)


def downgrade():
    with op.batch_alter_table('savings_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_savings_reports_requested_by_id'))

    op.drop_table('savings_reports')
    op.drop_table('savings_print_formats')
    with op.batch_alter_table('savings_printed_copies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_savings_printed_copies_document_id'))

    op.drop_table('savings_printed_copies')
    op.drop_table('savings_settings')
