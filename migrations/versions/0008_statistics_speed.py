"""statistics speed: each request's decision day and incompleteness copied from its events, under one covering index

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 15:40:00.000000

The statistics pages read ``request`` alone through ``ix_request_statistics`` instead of joining
``request_event`` twice (issue 7). The new columns are filled here from the existing events; from
now on ``procedures.requests.models.keep_statistics_columns`` writes them with each new event.
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

COLUMNS = ('filed_on', 'administration_id', 'procedure_id', 'version_id', 'state', 'due_on', 'decided_on',
           'incomplete')


def upgrade():
    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decided_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('incomplete', sa.Boolean(), server_default=sa.false(), nullable=False))
    # One set-based statement each (UPDATE … FROM: PostgreSQL, and SQLite from 3.33).
    op.execute("""
        UPDATE request SET decided_on = decision.day
        FROM (SELECT request_id, min("on") AS day FROM request_event
              WHERE kind IN ('approved', 'refused') GROUP BY request_id) AS decision
        WHERE decision.request_id = request.id""")
    op.execute("""
        UPDATE request SET incomplete = true
        WHERE id IN (SELECT request_id FROM request_event WHERE kind = 'incomplete')""")
    op.create_index('ix_request_statistics', 'request', list(COLUMNS), unique=False)


def downgrade():
    op.drop_index('ix_request_statistics', table_name='request')
    with op.batch_alter_table('request', schema=None) as batch_op:
        batch_op.drop_column('incomplete')
        batch_op.drop_column('decided_on')
