"""Back-office sessions: 30 minutes idle, 12 hours at most, fresh at every login.

Flask's session is a signed cookie; Flask-Login keeps the account's id and its
session generation in it (see ``Account.get_id``). Here we add the two clocks.
"""
import time

from flask import current_app, request, session
from flask_login import current_user, login_user, logout_user

from portal.extensions import db, login_manager

from .models import Account


@login_manager.user_loader
def load_account(token):
    try:
        account_id, generation = (int(part) for part in token.split(":"))
    except ValueError:
        return None
    account = db.session.get(Account, account_id)
    if account is None or account.session_generation != generation or not account.active:
        return None
    return account


def open_session(account):
    """Log in with a brand-new session: nothing from before the login survives."""
    session.clear()
    login_user(account)
    session.permanent = True
    session["login_at"] = session["seen_at"] = int(time.time())


def close_session():
    logout_user()
    session.clear()


def enforce_timeouts():
    """Before each request: end a session idle too long or open too long. A request without the session
    cookie has no session to end: it is not read (a public page must not vary on the cookie)."""
    if current_app.config["SESSION_COOKIE_NAME"] not in request.cookies or not current_user.is_authenticated:
        return
    now = int(time.time())
    idle = now - session.get("seen_at", 0)
    age = now - session.get("login_at", 0)
    if idle > current_app.config["SESSION_IDLE_SECONDS"] or age > current_app.config["SESSION_MAX_SECONDS"]:
        close_session()
        session["expired"] = True
        return
    if idle > 60:  # refresh the idle clock at most once a minute, to keep the cookie stable
        session["seen_at"] = now
