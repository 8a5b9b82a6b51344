"""``flask catalogue …``: import, export and the demo catalogue."""
import json
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from .transfer import ImportRejected, export_catalogue, import_catalogue

DEMO = Path(__file__).resolve().parent / "demo"


@click.group()
def catalogue():
    """The catalogue of procedures."""


def run_import(path):
    try:
        summary = import_catalogue(path)
    except ImportRejected as rejected:
        for line in rejected.errors:
            click.echo(line, err=True)
        raise click.ClickException(str(rejected)) from None
    created = summary.created
    click.echo(f"{created['procedures']} procedure(s), {created['versions']} version(s) and "
               f"{created['taxonomy']} theme(s)/administration(s)/audience(s) created; "
               f"{summary.unchanged_versions} version(s) already present and unchanged.")


@catalogue.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@with_appcontext
def import_command(path):
    """Import a catalogue file (or a folder of them): all or nothing, idempotent."""
    run_import(path)


@catalogue.command("export")
@click.argument("path", type=click.Path(allow_dash=True, path_type=Path), default="-")
@with_appcontext
def export_command(path):
    """Write the whole catalogue, every version included, as JSON (to PATH or stdout)."""
    text = json.dumps(export_catalogue(), ensure_ascii=False, indent=1) + "\n"
    if str(path) == "-":
        sys.stdout.write(text)
    else:
        path.write_text(text, encoding="utf-8")
        click.echo(f"Catalogue written to {path}", err=True)


@catalogue.command("demo")
@with_appcontext
def demo_command():
    """Load the demo catalogue shipped with Masatir (a second run changes nothing)."""
    run_import(DEMO)
