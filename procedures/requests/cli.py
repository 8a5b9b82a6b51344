"""``flask requests …``: the silence sweep, the staging expiry and the receipt signing key."""
import click
from flask.cli import with_appcontext

from .jobs import expire_staging_job, sweep_job
from .signing import new_key_pem


@click.group("requests")
def requests_cli():
    """Citizens' requests."""


@requests_cli.command("sweep")
@with_appcontext
def sweep_command():
    """Record tacit approvals and implicit refusals whose day has come (safe to run twice)."""
    changed = sweep_job()
    click.echo(", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in changed.items()))


@requests_cli.command("expire-staging")
@with_appcontext
def expire_staging_command():
    """Clear the files of forms never accepted, untouched for STAGING_HOURS (safe to run twice; hourly)."""
    cleared = expire_staging_job()
    click.echo(f"{cleared} staging folder(s) cleared")


@requests_cli.command("new-signing-key")
def new_signing_key_command():
    """Print a new Ed25519 key (PEM) for RECEIPT_SIGNING_KEY."""
    click.echo(new_key_pem())
