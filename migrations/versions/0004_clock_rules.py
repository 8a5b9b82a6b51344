"""clock rules per version: working or calendar days, silence period, one extension, incomplete files

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 13:21:29.451404

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('procedure_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('day_unit', sa.String(length=16), server_default='calendar', nullable=False))
        batch_op.add_column(sa.Column('silence_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('extension_days', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('on_incomplete', sa.String(length=16), server_default='restart', nullable=False))
        batch_op.add_column(sa.Column('tacit_authority', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True))
        batch_op.create_check_constraint('day_unit', "day_unit IN ('calendar', 'working')")
        batch_op.create_check_constraint('on_incomplete', "on_incomplete IN ('restart', 'suspend')")
        batch_op.create_check_constraint('silence_days', 'silence_days IS NULL OR silence_days >= processing_days')
        batch_op.create_check_constraint('extension_days', 'extension_days IS NULL OR extension_days > 0')



def downgrade():
    with op.batch_alter_table('procedure_version', schema=None) as batch_op:
        for name in ('day_unit', 'on_incomplete', 'silence_days', 'extension_days'):
            batch_op.drop_constraint(batch_op.f('ck_procedure_version_' + name), type_='check')
        batch_op.drop_column('tacit_authority')
        batch_op.drop_column('on_incomplete')
        batch_op.drop_column('extension_days')
        batch_op.drop_column('silence_days')
        batch_op.drop_column('day_unit')

