"""Create the IT registry tables and API tokens

Revision ID: c0de0000a403
Revises: c0de0000a402
Create Date: 2026-11-25 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0de0000a403'
down_revision = 'c0de0000a402'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('registry_systems',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('launched_on', sa.Date(), nullable=True),
    sa.Column('launched_precision', sa.String(length=10), nullable=False),
    sa.Column('retired_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_systems')),
    sa.UniqueConstraint('code', name=op.f('uq_registry_systems_code'))
    )
    op.create_table('registry_budget_lines',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=300), nullable=False),
    sa.Column('planned', sa.BigInteger(), nullable=False),
    sa.Column('spent', sa.BigInteger(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_registry_budget_lines_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_budget_lines')),
    sa.UniqueConstraint('unit_id', 'year', 'purpose', name=op.f('uq_registry_budget_lines_unit_id'))
    )
    with op.batch_alter_table('registry_budget_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_budget_lines_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registry_budget_lines_year'), ['year'], unique=False)

    op.create_table('registry_certificates',
    sa.Column('holder_kind', sa.String(length=20), nullable=False),
    sa.Column('holder_name', sa.String(length=200), nullable=False),
    sa.Column('holder_title', sa.String(length=200), nullable=False),
    sa.Column('serial', sa.String(length=80), nullable=False),
    sa.Column('issuer', sa.String(length=200), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_registry_certificates_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_certificates')),
    sa.UniqueConstraint('serial', name=op.f('uq_registry_certificates_serial'))
    )
    with op.batch_alter_table('registry_certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_certificates_holder_kind'), ['holder_kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_registry_certificates_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registry_certificates_valid_to'), ['valid_to'], unique=False)

    op.create_table('registry_devices',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('serial', sa.String(length=80), nullable=False),
    sa.Column('model', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('purchased_on', sa.Date(), nullable=True),
    sa.Column('commissioned_on', sa.Date(), nullable=True),
    sa.Column('retired_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_registry_devices_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_devices')),
    sa.UniqueConstraint('serial', name=op.f('uq_registry_devices_serial'))
    )
    with op.batch_alter_table('registry_devices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_devices_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index('ix_registry_devices_unit_kind_status_dates', ['unit_id', 'kind', 'status', 'commissioned_on', 'purchased_on', 'retired_on'], unique=False)

    op.create_table('registry_exchange_figures',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('sent_electronic', sa.Integer(), nullable=False),
    sa.Column('sent_paper', sa.Integer(), nullable=False),
    sa.Column('received_electronic', sa.Integer(), nullable=False),
    sa.Column('received_paper', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_registry_exchange_figures_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_exchange_figures')),
    sa.UniqueConstraint('unit_id', 'year', 'quarter', name=op.f('uq_registry_exchange_figures_unit_id'))
    )
    with op.batch_alter_table('registry_exchange_figures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_exchange_figures_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registry_exchange_figures_year'), ['year'], unique=False)

    op.create_table('registry_network_links',
    sa.Column('provider', sa.String(length=120), nullable=False),
    sa.Column('bandwidth_mbps', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('connected_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_registry_network_links_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_network_links')),
    sa.UniqueConstraint('unit_id', name=op.f('uq_registry_network_links_unit_id'))
    )
    with op.batch_alter_table('registry_network_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_network_links_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_registry_network_links_unit_id'), ['unit_id'], unique=False)

    op.create_table('registry_security_checks',
    sa.Column('network_isolated', sa.Boolean(), nullable=False),
    sa.Column('firewall', sa.Boolean(), nullable=False),
    sa.Column('antivirus', sa.Boolean(), nullable=False),
    sa.Column('checked_on', sa.Date(), nullable=True),
    sa.Column('assessor', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_registry_security_checks_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_security_checks')),
    sa.UniqueConstraint('unit_id', name=op.f('uq_registry_security_checks_unit_id'))
    )
    with op.batch_alter_table('registry_security_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_security_checks_unit_id'), ['unit_id'], unique=False)

    op.create_table('registry_system_uses',
    sa.Column('system_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('since', sa.Date(), nullable=True),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['system_id'], ['registry_systems.id'], name=op.f('fk_registry_system_uses_system_id_registry_systems')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_registry_system_uses_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_system_uses')),
    sa.UniqueConstraint('unit_id', 'system_id', name=op.f('uq_registry_system_uses_unit_id'))
    )
    with op.batch_alter_table('registry_system_uses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_system_uses_system_id'), ['system_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_registry_system_uses_unit_id'), ['unit_id'], unique=False)

    op.create_table('registry_unit_profiles',
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('staff', sa.Integer(), nullable=False),
    sa.Column('mailboxes', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_registry_unit_profiles_unit_id_units'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('unit_id', name=op.f('pk_registry_unit_profiles'))
    )
    with op.batch_alter_table('registry_unit_profiles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_unit_profiles_level'), ['level'], unique=False)

    op.create_table('registry_video_points',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('commissioned_on', sa.Date(), nullable=True),
    sa.Column('retired_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_registry_video_points_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_video_points')),
    sa.UniqueConstraint('unit_id', 'name', name=op.f('uq_registry_video_points_unit_id'))
    )
    with op.batch_alter_table('registry_video_points', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_video_points_level'), ['level'], unique=False)
        batch_op.create_index(batch_op.f('ix_registry_video_points_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_registry_video_points_unit_id'), ['unit_id'], unique=False)

    op.create_table('registry_websites',
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('launched_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('updated_dt', sa.DateTime(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_registry_websites_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_websites')),
    sa.UniqueConstraint('address', name=op.f('uq_registry_websites_address'))
    )
    with op.batch_alter_table('registry_websites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_websites_unit_id'), ['unit_id'], unique=False)

    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.Column('last_used_dt', sa.DateTime(), nullable=True),
    sa.Column('revoked_dt', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_api_tokens_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_owner_id'), ['owner_id'], unique=False)

    op.create_table('registry_grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_registry_grants_unit_id_units'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_registry_grants_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_grants')),
    sa.UniqueConstraint('user_id', 'unit_id', name=op.f('uq_registry_grants_user_id'))
    )
    with op.batch_alter_table('registry_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_grants_user_id'), ['user_id'], unique=False)

    op.create_table('registry_import_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_dt', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_registry_import_drafts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_import_drafts')),
    sa.UniqueConstraint('token', name=op.f('uq_registry_import_drafts_token'))
    )
    # The registry walks the unit tree down (its branches): index the parent link.
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.create_index('ix_units_parent_id', ['parent_id'], unique=False)


def downgrade():
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_index('ix_units_parent_id')

    op.drop_table('registry_import_drafts')
    with op.batch_alter_table('registry_grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_grants_user_id'))

    op.drop_table('registry_grants')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_owner_id'))

    op.drop_table('api_tokens')
    with op.batch_alter_table('registry_websites', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_websites_unit_id'))

    op.drop_table('registry_websites')
    with op.batch_alter_table('registry_video_points', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_video_points_unit_id'))
        batch_op.drop_index(batch_op.f('ix_registry_video_points_status'))
        batch_op.drop_index(batch_op.f('ix_registry_video_points_level'))

    op.drop_table('registry_video_points')
    with op.batch_alter_table('registry_unit_profiles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_unit_profiles_level'))

    op.drop_table('registry_unit_profiles')
    with op.batch_alter_table('registry_system_uses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_system_uses_unit_id'))
        batch_op.drop_index(batch_op.f('ix_registry_system_uses_system_id'))

    op.drop_table('registry_system_uses')
    with op.batch_alter_table('registry_security_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_security_checks_unit_id'))

    op.drop_table('registry_security_checks')
    with op.batch_alter_table('registry_network_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_network_links_unit_id'))
        batch_op.drop_index(batch_op.f('ix_registry_network_links_status'))

    op.drop_table('registry_network_links')
    with op.batch_alter_table('registry_exchange_figures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_exchange_figures_year'))
        batch_op.drop_index(batch_op.f('ix_registry_exchange_figures_unit_id'))

    op.drop_table('registry_exchange_figures')
    with op.batch_alter_table('registry_devices', schema=None) as batch_op:
        batch_op.drop_index('ix_registry_devices_unit_kind_status_dates')
        batch_op.drop_index(batch_op.f('ix_registry_devices_unit_id'))

    op.drop_table('registry_devices')
    with op.batch_alter_table('registry_certificates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_certificates_valid_to'))
        batch_op.drop_index(batch_op.f('ix_registry_certificates_unit_id'))
        batch_op.drop_index(batch_op.f('ix_registry_certificates_holder_kind'))

    op.drop_table('registry_certificates')
    with op.batch_alter_table('registry_budget_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_registry_budget_lines_year'))
        batch_op.drop_index(batch_op.f('ix_registry_budget_lines_unit_id'))

    op.drop_table('registry_budget_lines')
    op.drop_table('registry_systems')
