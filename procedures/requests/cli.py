"""``flask requests …``: the silence sweep and the receipt signing key."""
import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from portal.extensions import db
from procedures import clock, demo

from .signing import new_key_pem
from .models import Request
from .notify import notify
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


@requests_cli.command("new-signing-key")
def new_signing_key_command():
    """Print a new Ed25519 key (PEM) for RECEIPT_SIGNING_KEY."""
    click.echo(new_key_pem())


@requests_cli.command("demo")
@with_appcontext
def demo_command():
    """Demo activity for `make run` (after the demo catalogue and accounts; never in production):
    requests at every stage over eight months, reports, feedback, a draft for the commission."""
    if current_app.config["PRODUCTION"]:
        raise click.ClickException("demo activity is not created in production")
    created = demo.seed(clock.today())
    db.session.commit()
    click.echo("Demo activity created." if created else "Demo activity already present.")
