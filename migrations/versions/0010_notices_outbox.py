"""notices: the outbox of notices to citizens, written with their events and delivered by workers

Revision ID: 0010_notices
Revises: 0009_offices
Create Date: 2026-12-02 06:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0010_notices'
down_revision = '0009_offices'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'notice',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('key', sa.String(80), nullable=False),
        sa.Column('recipient', sa.String(254), nullable=False),
        sa.Column('language', sa.String(8), nullable=False),
        sa.Column('subject', sa.String(300), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('state', sa.String(12), server_default='pending', nullable=False),
        sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
        sa.Column('claimed_until', sa.DateTime(), nullable=True),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.Column('last_error', sa.String(300), nullable=True),
        sa.UniqueConstraint('key', name=op.f('uq_notice_key')),
        sa.CheckConstraint("state IN ('pending', 'sending', 'sent')", name=op.f('ck_notice_state')),
    )
    op.create_index('ix_notice_due', 'notice', ['state', 'claimed_until'])


def downgrade():
    op.drop_index('ix_notice_due', table_name='notice')
    op.drop_table('notice')
