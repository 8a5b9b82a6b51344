"""cache: generations of what public pages show, bumped by the database itself

Revision ID: 0014_cache
Revises: 0013_reports_office
Create Date: 2026-12-02 09:00:00

Public pages are kept under what they show (portal/pagecache.py); what costs queries to know (counts,
listings, search results) is kept under counters that these triggers bump, in the transaction of the change,
whoever writes it: the commission's publication or withdrawal, an import, an administrator's taxonomy or
synonym edit. PostgreSQL bumps once per statement, SQLite once per row.
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0014_cache'
down_revision = '0013_reports_office'
branch_labels = None
depends_on = None

WATCHED = {  # table: the generation it bumps
    'procedure': 'catalogue',
    'procedure_version': 'catalogue',
    'theme': 'taxonomy',
    'administration': 'taxonomy',
    'audience': 'taxonomy',
    'procedure_audience': 'taxonomy',
    'search_synonym': 'synonyms',
}
ACTIONS = ('INSERT', 'UPDATE', 'DELETE')


def upgrade():
    op.create_table('cache_generation',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_cache_generation'))
    )
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("""
            CREATE FUNCTION bump_cache_generation() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO cache_generation (name, value) VALUES (TG_ARGV[0], 1)
                ON CONFLICT (name) DO UPDATE SET value = cache_generation.value + 1;
                RETURN NULL;
            END $$""")
        for table, name in WATCHED.items():
            op.execute(f"""
                CREATE TRIGGER {table}_bumps_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation('{name}')""")
    else:
        for table, name in WATCHED.items():
            for action in ACTIONS:
                op.execute(f"""
                    CREATE TRIGGER {table}_bumps_cache_{action.lower()} AFTER {action} ON {table}
                    BEGIN
                        INSERT INTO cache_generation (name, value) VALUES ('{name}', 1)
                        ON CONFLICT (name) DO UPDATE SET value = value + 1;
                    END""")


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        for table in WATCHED:
            op.execute(f'DROP TRIGGER IF EXISTS {table}_bumps_cache ON {table}')
        op.execute('DROP FUNCTION IF EXISTS bump_cache_generation()')
    else:
        for table in WATCHED:
            for action in ACTIONS:
                op.execute(f'DROP TRIGGER IF EXISTS {table}_bumps_cache_{action.lower()}')
    op.drop_table('cache_generation')
