"""requests: filing, events, uploads, signed receipts

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 13:28:39.745846

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('administration_id', sa.Integer(), nullable=False),
    sa.Column('applicant', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('filed_at', sa.DateTime(), nullable=False),
    sa.Column('filed_on', sa.Date(), nullable=False),
    sa.Column('silence', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=24), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('silence_on', sa.Date(), nullable=True),
    sa.Column('receipt', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('signature', sa.String(length=128), nullable=False),
    sa.CheckConstraint("state IN ('open', 'waiting_for_citizen', 'approved', 'refused', 'tacitly_approved', 'implicitly_refused')", name=op.f('ck_request_state')),
    sa.ForeignKeyConstraint(['administration_id'], ['administration.id'], name=op.f('fk_request_administration_id_administration')),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_request_procedure_id_procedure')),
    sa.ForeignKeyConstraint(['version_id'], ['procedure_version.id'], name=op.f('fk_request_version_id_procedure_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_request')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_request_idempotency_key')),
    sa.UniqueConstraint('number', name=op.f('uq_request_number'))
    )
    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.create_index('ix_request_queue', ['administration_id', 'state', 'due_on'], unique=False)
        batch_op.create_index('ix_request_sweep', ['state', 'silence_on'], unique=False)

    op.create_table('request_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.CheckConstraint("kind IN ('filed', 'acknowledged', 'incomplete', 'complement', 'extended', 'approved', 'refused', 'note', 'tacit_approval', 'implicit_refusal')", name=op.f('ck_request_event_kind')),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_request_event_account_id_account')),
    sa.ForeignKeyConstraint(['request_id'], ['request.id'], name=op.f('fk_request_event_request_id_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_request_event'))
    )
    with op.batch_alter_table('request_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_request_event_request_id'), ['request_id'], unique=False)
        batch_op.create_index('uq_request_event_once', ['request_id', 'kind'], unique=True, sqlite_where=sa.text("kind IN ('filed', 'incomplete', 'complement', 'extended', 'tacit_approval', 'implicit_refusal')"), postgresql_where=sa.text("kind IN ('filed', 'incomplete', 'complement', 'extended', 'tacit_approval', 'implicit_refusal')"))

    op.create_table('upload',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['version_document.id'], name=op.f('fk_upload_document_id_version_document')),
    sa.ForeignKeyConstraint(['event_id'], ['request_event.id'], name=op.f('fk_upload_event_id_request_event')),
    sa.ForeignKeyConstraint(['request_id'], ['request.id'], name=op.f('fk_upload_request_id_request')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_upload'))
    )
    with op.batch_alter_table('upload', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_upload_request_id'), ['request_id'], unique=False)



def downgrade():
    with op.batch_alter_table('upload', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_upload_request_id'))

    op.drop_table('upload')
    with op.batch_alter_table('request_event', schema=None) as batch_op:
        batch_op.drop_index('uq_request_event_once', sqlite_where=sa.text("kind IN ('filed', 'incomplete', 'complement', 'extended', 'tacit_approval', 'implicit_refusal')"), postgresql_where=sa.text("kind IN ('filed', 'incomplete', 'complement', 'extended', 'tacit_approval', 'implicit_refusal')"))
        batch_op.drop_index(batch_op.f('ix_request_event_request_id'))

    op.drop_table('request_event')
    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.drop_index('ix_request_sweep')
        batch_op.drop_index('ix_request_queue')

    op.drop_table('request')
