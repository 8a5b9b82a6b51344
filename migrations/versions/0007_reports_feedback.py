"""reports of unlisted demands (with their events) and "was this page useful?" feedback

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 15:26:55.987566

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('useful', sa.Boolean(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_feedback_procedure_id_procedure')),
    sa.ForeignKeyConstraint(['version_id'], ['procedure_version.id'], name=op.f('fk_feedback_version_id_procedure_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback'))
    )
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index('ix_feedback_procedure', ['procedure_id', 'at'], unique=False)

    op.create_table('report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('administration_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('asked', sa.Text(), nullable=False),
    sa.Column('office', sa.String(length=200), nullable=False),
    sa.Column('town', sa.String(length=100), nullable=False),
    sa.Column('asked_on', sa.Date(), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('filed_at', sa.DateTime(), nullable=False),
    sa.Column('filed_on', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.CheckConstraint("kind IN ('document', 'fee', 'step', 'delay', 'other')", name=op.f('ck_report_kind')),
    sa.CheckConstraint("state IN ('open', 'acknowledged', 'answered', 'closed')", name=op.f('ck_report_state')),
    sa.ForeignKeyConstraint(['administration_id'], ['administration.id'], name=op.f('fk_report_administration_id_administration')),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_report_procedure_id_procedure')),
    sa.ForeignKeyConstraint(['request_id'], ['request.id'], name=op.f('fk_report_request_id_request')),
    sa.ForeignKeyConstraint(['version_id'], ['procedure_version.id'], name=op.f('fk_report_version_id_procedure_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_report_idempotency_key')),
    sa.UniqueConstraint('number', name=op.f('uq_report_number'))
    )
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.create_index('ix_report_filed_on', ['filed_on'], unique=False)
        batch_op.create_index('ix_report_queue', ['administration_id', 'state', 'filed_at'], unique=False)

    op.create_table('report_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('on', sa.Date(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.CheckConstraint("kind IN ('filed', 'acknowledged', 'answered', 'finding', 'closed')", name=op.f('ck_report_event_kind')),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_report_event_account_id_account')),
    sa.ForeignKeyConstraint(['report_id'], ['report.id'], name=op.f('fk_report_event_report_id_report')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_event'))
    )
    with op.batch_alter_table('report_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_event_report_id'), ['report_id'], unique=False)
        batch_op.create_index('uq_report_event_once', ['report_id', 'kind'], unique=True, sqlite_where=sa.text("kind IN ('filed', 'acknowledged', 'answered', 'closed')"), postgresql_where=sa.text("kind IN ('filed', 'acknowledged', 'answered', 'closed')"))



def downgrade():
    with op.batch_alter_table('report_event', schema=None) as batch_op:
        batch_op.drop_index('uq_report_event_once', sqlite_where=sa.text("kind IN ('filed', 'acknowledged', 'answered', 'closed')"), postgresql_where=sa.text("kind IN ('filed', 'acknowledged', 'answered', 'closed')"))
        batch_op.drop_index(batch_op.f('ix_report_event_report_id'))

    op.drop_table('report_event')
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index('ix_report_queue')
        batch_op.drop_index('ix_report_filed_on')

    op.drop_table('report')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_procedure')

    op.drop_table('feedback')
