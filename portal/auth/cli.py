"""``flask accounts …``: create accounts from the command line."""
import secrets
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from portal import hooks, transaction
from portal.extensions import db

from . import operations
from .models import ROLES, ROLES_WITH_ADMINISTRATION, Account
from .passwords import problem_with


@click.group()
def accounts():
    """Back-office accounts."""


def administration_id(code):
    row = next((row for row in hooks.administrations() if row.code == code), None)
    if row is None:
        raise click.BadParameter(f"no administration with code '{code}'", param_hint="--administration")
    return row.id


def add_account(email, name, role, administration, password):
    email = email.strip().lower()
    if db.session.scalar(sa.select(Account).filter_by(email=email)):
        raise click.ClickException(f"an account already uses {email}")
    if (role in ROLES_WITH_ADMINISTRATION) != bool(administration):
        raise click.BadParameter("editors and agents need --administration; other roles take none",
                                 param_hint="--administration")
    problem = problem_with(password, [email, name])
    if problem:
        raise click.ClickException(f"password refused: {problem.replace('_', ' ')}")
    return operations.create_account(email, name, role,
                                     administration_id(administration) if administration else None, password,
                                     audited={"via": "cli"})


@accounts.command("create")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--administration", help="administration code, for editors and agents")
@click.password_option(help="prompted for when not given")
@with_appcontext
def create_command(email, name, role, administration, password):
    """Create an account (passwords: at least 12 characters, not a common one)."""
    add_account(email, name, role, administration, password)
    transaction.commit()
    click.echo(f"Account {email} ({role}) created.")


DEMO_ACCOUNTS = (
    ("admin@masatir.ma", "Demo administrator", "admin", None),
    ("reviewer@masatir.ma", "Demo reviewer (commission)", "reviewer", None),
    ("editor.communes@masatir.ma", "Demo editor, communes", "editor", "communes"),
    ("agent.communes@masatir.ma", "Demo agent, communes", "agent", "communes"),
    ("editor.dgsn@masatir.ma", "Demo editor, DGSN", "editor", "dgsn"),
)


@accounts.command("demo")
@with_appcontext
def demo_command():
    """Demo accounts for `make run` (never in production); passwords go to instance/demo-accounts.txt."""
    if current_app.config["PRODUCTION"]:
        raise click.ClickException("demo accounts are not created in production")
    path = Path(current_app.instance_path) / "demo-accounts.txt"
    created = []
    for email, name, role, administration in DEMO_ACCOUNTS:
        if db.session.scalar(sa.select(Account).filter_by(email=email)) is None:
            password = "-".join(secrets.token_urlsafe(6) for _ in range(3))
            add_account(email, name, role, administration, password)
            created.append(f"{email}\t{password}\t{role}")
    transaction.commit()
    if created:
        with path.open("a") as out:
            out.write("\n".join(created) + "\n")
        path.chmod(0o600)
    click.echo(f"Demo accounts: see {path}" if path.exists() else "No demo account.")
