"""reports: the office a report concerns, so that agents see only their offices' reports

Reports made from a request take the request's office; older reports keep no office (they stay
with the administration's agents who are assigned to no office, as requests filed before offices do).

Revision ID: 0013_reports_office
Revises: 0012_search
Create Date: 2026-12-02 09:00:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0013_reports_office'
down_revision = '0012_search'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.add_column(sa.Column('office_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_report_office_id_office'), 'office', ['office_id'], ['id'])
        batch_op.create_index('ix_report_office_id', ['office_id'])
    # What is certain only: a report made from a request concerns the office that handles the request.
    # A town typed freely is not guessed into an office (a wrong guess would show a citizen's report,
    # with their contact, to an office it does not concern).
    op.execute("UPDATE report SET office_id = (SELECT request.office_id FROM request WHERE request.id = "
               "report.request_id) WHERE request_id IS NOT NULL")


def downgrade():
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index('ix_report_office_id')
        batch_op.drop_constraint(batch_op.f('fk_report_office_id_office'), type_='foreignkey')
        batch_op.drop_column('office_id')
