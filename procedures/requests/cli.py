"""``flask requests …``: the silence sweep, the staging expiry and the receipt signing key."""
import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from portal.extensions import db
from procedures import clock

from . import staging
from .models import Request
from .operations import storage
from .notify import notify
from .signing import new_key_pem
from .sweep import fallen_ids, sweep


@click.group("requests")
def requests_cli():
    """Citizens' requests."""


@requests_cli.command("sweep")
@with_appcontext
def sweep_command():
    """Record tacit approvals and implicit refusals whose day has come (safe to run twice)."""
    today = clock.today()
    notices = fallen_ids(today)
    changed = sweep(today)
    db.session.commit()
    for request in db.session.scalars(sa.select(Request).where(Request.id.in_(notices))):
        notify(request, request.events[-1])
    click.echo(", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in changed.items()))


@requests_cli.command("expire-staging")
@with_appcontext
def expire_staging_command():
    """Clear the files of forms never accepted, untouched for STAGING_HOURS (safe to run twice; hourly)."""
    cleared = staging.expire(storage(), current_app.config["STAGING_HOURS"] * 3600)
    click.echo(f"{cleared} staging folder(s) cleared")


@requests_cli.command("new-signing-key")
def new_signing_key_command():
    """Print a new Ed25519 key (PEM) for RECEIPT_SIGNING_KEY."""
    click.echo(new_key_pem())
