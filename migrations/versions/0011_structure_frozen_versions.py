"""frozen versions: the database refuses to change or delete a published version and its parts;
a legal reference may allow a longer wait than the law's caps; the commission's Article 7 wordings

Revision ID: 0011_structure
Revises: 0010_notices
Create Date: 2026-12-02 05:45:00.000000

Law 55-19 makes the published sheet binding: a version, once stored, is never edited (a change
is a new version). The ORM session refuses it (``procedures.catalogue.immutability``); these
triggers make the database refuse it too, whatever the path (plain SQL, another program, a
cascade from a deleted procedure), on PostgreSQL and SQLite alike.

The one escape is explicit and narrow: while a row exists in ``catalogue_maintenance`` the
triggers let writes through. Only the test suite's teardown (which empties every table) writes
such a row, inside the transaction that empties the tables and removes it again; the
application never does.
"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0011_structure'
down_revision = '0010_notices'
branch_labels = None
depends_on = None

FROZEN = ('procedure_version', 'version_document', 'version_step', 'version_fee', 'version_legal_reference')
MESSAGE = 'a published version and its parts are never changed or deleted: publish a new version'


def upgrade():
    # A legal reference may be the text that allows a longer wait than the law's caps (art. 16).
    with op.batch_alter_table('version_legal_reference', schema=None) as batch_op:
        batch_op.add_column(sa.Column('allows_longer_wait', sa.Boolean(), server_default=sa.false(), nullable=False))
    # Article 7's wordings the commission adds to the built-in ones (procedures.catalogue.article7).
    op.create_table(
        'article7_wording',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(32), nullable=False),
        sa.Column('wording', sa.String(200), nullable=False),
        sa.Column('folded', sa.String(200), nullable=False),
        sa.Column('added_by_id', sa.Integer(), nullable=True),
        sa.Column('added_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("code IN ('certified_copy', 'legalised_signature', 'official_bulletin', 'several_copies')",
                           name=op.f('ck_article7_wording_code')),
        sa.ForeignKeyConstraint(['added_by_id'], ['account.id'], name=op.f('fk_article7_wording_added_by_id_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_article7_wording')),
        sa.UniqueConstraint('folded', name=op.f('uq_article7_wording_folded')),
    )
    op.create_table(
        'catalogue_maintenance',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('reason', sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_catalogue_maintenance')),
    )
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(f"""
            CREATE FUNCTION refuse_published_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM catalogue_maintenance) THEN
                    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
                END IF;
                RAISE EXCEPTION '%: %', TG_TABLE_NAME, '{MESSAGE}' USING ERRCODE = 'restrict_violation';
            END $$""")
        for table in FROZEN:
            op.execute(f"""
                CREATE TRIGGER {table}_frozen BEFORE UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION refuse_published_version_change()""")
        op.execute(f"""
            CREATE TRIGGER procedure_keeps_its_versions BEFORE DELETE ON procedure
            FOR EACH ROW EXECUTE FUNCTION refuse_published_version_change()""")
    else:
        for table in FROZEN:
            for action in ('UPDATE', 'DELETE'):
                op.execute(f"""
                    CREATE TRIGGER {table}_frozen_{action.lower()} BEFORE {action} ON {table}
                    WHEN NOT EXISTS (SELECT 1 FROM catalogue_maintenance)
                    BEGIN SELECT RAISE(ABORT, '{table}: {MESSAGE}'); END""")
        # Without PRAGMA foreign_keys no cascade reaches the versions: a procedure that has some stays.
        op.execute(f"""
            CREATE TRIGGER procedure_keeps_its_versions BEFORE DELETE ON procedure
            WHEN EXISTS (SELECT 1 FROM procedure_version WHERE procedure_id = OLD.id)
             AND NOT EXISTS (SELECT 1 FROM catalogue_maintenance)
            BEGIN SELECT RAISE(ABORT, 'procedure: {MESSAGE}'); END""")


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS procedure_keeps_its_versions ON procedure')
        for table in FROZEN:
            op.execute(f'DROP TRIGGER IF EXISTS {table}_frozen ON {table}')
        op.execute('DROP FUNCTION IF EXISTS refuse_published_version_change()')
    else:
        op.execute('DROP TRIGGER IF EXISTS procedure_keeps_its_versions')
        for table in FROZEN:
            for action in ('update', 'delete'):
                op.execute(f'DROP TRIGGER IF EXISTS {table}_frozen_{action}')
    op.drop_table('catalogue_maintenance')
    op.drop_table('article7_wording')
    with op.batch_alter_table('version_legal_reference', schema=None) as batch_op:
        batch_op.drop_column('allows_longer_wait')
