"""search: how often each catalogue word is searched, for ranking suggestions

Revision ID: 0012_search
Revises: 0011_structure
Create Date: 2026-12-02 05:30:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0012_search'
down_revision = '0011_structure'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_word_use',
    sa.Column('word', sa.String(length=64), nullable=False),
    sa.Column('uses', sa.Integer(), nullable=False),
    sa.CheckConstraint('uses >= 0', name=op.f('ck_search_word_use_uses_not_negative')),
    sa.PrimaryKeyConstraint('word', name=op.f('pk_search_word_use'))
    )


def downgrade():
    op.drop_table('search_word_use')
