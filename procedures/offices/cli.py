"""``flask offices …``: the territory from the HCP's register, and the demo offices."""
import time

import click
from flask.cli import with_appcontext

from portal import transaction

from . import demo, territory, transfer


@click.group("offices")
def offices_cli():
    """The territory and the administrations' offices."""


@offices_cli.command("territory")
@with_appcontext
def territory_command():
    """Load Morocco's regions, provinces, communes and arrondissements (a second run changes nothing)."""
    started = time.perf_counter()
    added, changed = territory.load()
    transaction.commit()
    click.echo(f"Territory: {added} unit(s) added, {changed} corrected, in {time.perf_counter() - started:.2f} s.")


@offices_cli.command("demo")
@with_appcontext
def demo_command():
    """Give the demo administrations their offices (after the territory and the demo catalogue)."""
    added = demo.load()
    transaction.commit()
    click.echo(f"Demo offices: {added} added.")


@offices_cli.command("import")
@click.argument("path", type=click.File(encoding="utf-8"))
@with_appcontext
def import_command(path):
    """Import offices from a JSON list (code, administration, unit, central, name, address, hours)."""
    try:
        added, changed = transfer.import_offices(path.read())
    except transfer.OfficesRejected as rejected:
        for line in rejected.errors:
            click.echo(line, err=True)
        raise click.ClickException(str(rejected)) from None
    transaction.commit()
    click.echo(f"Offices: {added} added, {changed} changed.")
