"""accounts_drafts_audit

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 13:11:42.604745

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite

# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('administration_id', sa.Integer(), nullable=True),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('session_generation', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("(role IN ('editor', 'agent')) = (administration_id IS NOT NULL)", name=op.f('ck_account_administration')),
    sa.CheckConstraint("role IN ('editor', 'reviewer', 'agent', 'admin')", name=op.f('ck_account_role')),
    sa.ForeignKeyConstraint(['administration_id'], ['administration.id'], name=op.f('fk_account_administration_id_administration')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account')),
    sa.UniqueConstraint('email', name=op.f('uq_account_email'))
    )
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_administration_id'), ['administration_id'], unique=False)

    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=254), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('target', sa.String(length=200), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_audit_entry_account_id_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_account_id'), ['account_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)

    op.create_table('draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('administration_id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=True),
    sa.Column('based_on_id', sa.Integer(), nullable=True),
    sa.Column('content', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('review_comment', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=True),
    sa.Column('published_version_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("(kind = 'procedure') = (procedure_id IS NULL) OR status = 'published'", name=op.f('ck_draft_procedure')),
    sa.CheckConstraint("kind IN ('procedure', 'version', 'withdrawal')", name=op.f('ck_draft_kind')),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'returned', 'published')", name=op.f('ck_draft_status')),
    sa.ForeignKeyConstraint(['administration_id'], ['administration.id'], name=op.f('fk_draft_administration_id_administration')),
    sa.ForeignKeyConstraint(['based_on_id'], ['procedure_version.id'], name=op.f('fk_draft_based_on_id_procedure_version')),
    sa.ForeignKeyConstraint(['created_by_id'], ['account.id'], name=op.f('fk_draft_created_by_id_account')),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_draft_procedure_id_procedure')),
    sa.ForeignKeyConstraint(['published_version_id'], ['procedure_version.id'], name=op.f('fk_draft_published_version_id_procedure_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_draft'))
    )
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draft_administration_id'), ['administration_id'], unique=False)
        batch_op.create_index('uq_draft_open_per_procedure', ['procedure_id'], unique=True, sqlite_where=sa.text("status IN ('draft', 'submitted', 'returned')"), postgresql_where=sa.text("status IN ('draft', 'submitted', 'returned')"))

    with op.batch_alter_table('procedure', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_on', sa.Date(), nullable=True))



def downgrade():
    with op.batch_alter_table('procedure', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_on')

    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.drop_index('uq_draft_open_per_procedure', sqlite_where=sa.text("status IN ('draft', 'submitted', 'returned')"), postgresql_where=sa.text("status IN ('draft', 'submitted', 'returned')"))
        batch_op.drop_index(batch_op.f('ix_draft_administration_id'))

    op.drop_table('draft')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_action'))
        batch_op.drop_index(batch_op.f('ix_audit_entry_account_id'))

    op.drop_table('audit_entry')
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_administration_id'))

    op.drop_table('account')
