"""``flask search …``: build the index, bring it up to date, load the synonyms."""
import click
from flask.cli import with_appcontext

from portal import transaction

from . import engine, indexing, synonyms


@click.group()
def search():
    """The search index."""


@search.command("rebuild")
@with_appcontext
def rebuild_command():
    """Index the whole catalogue aside, then swap it in (searches go on meanwhile)."""
    total = indexing.in_force_stamps()
    with click.progressbar(length=len(total), label="Indexing procedures") as bar:
        count = indexing.rebuild(progress=bar.update)
    click.echo(f"{count} procedure(s) indexed in {engine.current().store.current()}")


@search.command("update")
@with_appcontext
def update_command():
    """Load missing synonym groups; build the index if missing, else catch up with the catalogue."""
    added = synonyms.load_seed()
    transaction.commit()
    indexing.ensure_fresh(force=True)
    click.echo(f"{added} synonym group(s) added; index up to date in {engine.current().store.current()}")


@search.command("synonyms")
@with_appcontext
def synonyms_command():
    """Add the seed's synonym groups that are not in the database yet (idempotent)."""
    added = synonyms.load_seed()
    transaction.commit()
    click.echo(f"{added} synonym group(s) added, {len(synonyms.list_synonyms())} in all")
