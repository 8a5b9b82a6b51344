"""catalogue

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 12:56:37.829980

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('administration',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('name', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_administration')),
    sa.UniqueConstraint('code', name=op.f('uq_administration_code'))
    )
    op.create_table('audience',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('name', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audience')),
    sa.UniqueConstraint('slug', name=op.f('uq_audience_slug'))
    )
    op.create_table('theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('name', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("scope IN ('local', 'national')", name=op.f('ck_theme_scope')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme')),
    sa.UniqueConstraint('slug', name=op.f('uq_theme_slug'))
    )
    op.create_table('procedure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('slug', sa.String(length=128), nullable=False),
    sa.Column('administration_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['administration_id'], ['administration.id'], name=op.f('fk_procedure_administration_id_administration')),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], name=op.f('fk_procedure_theme_id_theme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure')),
    sa.UniqueConstraint('code', name=op.f('uq_procedure_code')),
    sa.UniqueConstraint('slug', name=op.f('uq_procedure_slug'))
    )
    with op.batch_alter_table('procedure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procedure_administration_id'), ['administration_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_procedure_theme_id'), ['theme_id'], unique=False)

    op.create_table('procedure_audience',
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('audience_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['audience_id'], ['audience.id'], name=op.f('fk_procedure_audience_audience_id_audience'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_procedure_audience_procedure_id_procedure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('procedure_id', 'audience_id', name=op.f('pk_procedure_audience'))
    )
    op.create_table('procedure_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('change_note', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('title', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('summary', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('eligibility', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('filing_places', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('online_url', sa.String(length=500), nullable=True),
    sa.Column('processing_days', sa.Integer(), nullable=False),
    sa.Column('silence', sa.String(length=16), nullable=False),
    sa.Column('maturity', sa.Integer(), nullable=False),
    sa.Column('investment', sa.Boolean(), nullable=False),
    sa.CheckConstraint("silence IN ('approval', 'refusal', 'none')", name=op.f('ck_procedure_version_silence')),
    sa.CheckConstraint('maturity BETWEEN 1 AND 4', name=op.f('ck_procedure_version_maturity')),
    sa.CheckConstraint('number >= 1', name=op.f('ck_procedure_version_number')),
    sa.CheckConstraint('processing_days >= 0', name=op.f('ck_procedure_version_processing_days')),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_procedure_version_procedure_id_procedure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure_version')),
    sa.UniqueConstraint('procedure_id', 'number', name='uq_procedure_version_number')
    )
    with op.batch_alter_table('procedure_version', schema=None) as batch_op:
        batch_op.create_index('ix_procedure_version_in_force', ['procedure_id', 'effective_from', 'number'], unique=False)

    op.create_table('version_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('form', sa.String(length=16), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('note', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.CheckConstraint("form IN ('original', 'copy')", name=op.f('ck_version_document_form')),
    sa.CheckConstraint('quantity >= 1', name=op.f('ck_version_document_quantity')),
    sa.ForeignKeyConstraint(['version_id'], ['procedure_version.id'], name=op.f('fk_version_document_version_id_procedure_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_version_document'))
    )
    with op.batch_alter_table('version_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_version_document_version_id'), ['version_id'], unique=False)

    op.create_table('version_fee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('amount_mad', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.CheckConstraint('amount_mad >= 0', name=op.f('ck_version_fee_amount_mad')),
    sa.ForeignKeyConstraint(['version_id'], ['procedure_version.id'], name=op.f('fk_version_fee_version_id_procedure_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_version_fee'))
    )
    with op.batch_alter_table('version_fee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_version_fee_version_id'), ['version_id'], unique=False)

    op.create_table('version_legal_reference',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['version_id'], ['procedure_version.id'], name=op.f('fk_version_legal_reference_version_id_procedure_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_version_legal_reference'))
    )
    with op.batch_alter_table('version_legal_reference', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_version_legal_reference_version_id'), ['version_id'], unique=False)

    op.create_table('version_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('actor', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('action', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['procedure_version.id'], name=op.f('fk_version_step_version_id_procedure_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_version_step'))
    )
    with op.batch_alter_table('version_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_version_step_version_id'), ['version_id'], unique=False)



def downgrade():
    with op.batch_alter_table('version_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_version_step_version_id'))

    op.drop_table('version_step')
    with op.batch_alter_table('version_legal_reference', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_version_legal_reference_version_id'))

    op.drop_table('version_legal_reference')
    with op.batch_alter_table('version_fee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_version_fee_version_id'))

    op.drop_table('version_fee')
    with op.batch_alter_table('version_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_version_document_version_id'))

    op.drop_table('version_document')
    with op.batch_alter_table('procedure_version', schema=None) as batch_op:
        batch_op.drop_index('ix_procedure_version_in_force')

    op.drop_table('procedure_version')
    op.drop_table('procedure_audience')
    with op.batch_alter_table('procedure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procedure_theme_id'))
        batch_op.drop_index(batch_op.f('ix_procedure_administration_id'))

    op.drop_table('procedure')
    op.drop_table('theme')
    op.drop_table('audience')
    op.drop_table('administration')
