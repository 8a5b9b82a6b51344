"""What changes an account, each with its audit entry: flushed, never committed (the caller commits once,
through ``portal.transaction.commit()``).

A cookie is signed, not stored: ending an account's sessions means a new ``session_generation``, which
makes every cookie issued until now worthless (``sessions.load_account`` compares it).
"""
import sqlalchemy as sa

from portal import audit, hooks
from portal.extensions import db

from .models import Account
from .passwords import DUMMY_HASH, hash_password, verify


def sign_in(email, password):
    """The account whose e-mail address and password these are, if it is active, or None; either way the
    attempt is audited. An unknown address costs the same hashing time as a known one."""
    email = email.strip().lower()
    account = db.session.scalar(sa.select(Account).filter_by(email=email))
    if verify(account.password_hash if account else DUMMY_HASH, password) and account.active:
        audit.record("login", f"account:{account.id}", account=account)
        return account
    audit.record("login_failed", f"email:{email}", account=None)
    return None


def end_sessions(account):
    """Every session opened until now for ``account`` ends (on its next request)."""
    account.session_generation += 1
    db.session.flush()


def sign_out(account):
    audit.record("logout", f"account:{account.id}")
    end_sessions(account)


def change_password(account, new_password):
    """The account's own change: its other sessions end; the caller opens a fresh one for this browser."""
    account.password_hash = hash_password(new_password)
    end_sessions(account)
    audit.record("password_changed", f"account:{account.id}")


def create_account(email, name, role, administration_id, password, active=True, audited=None):
    """A new account (the caller has checked the address is free and the password acceptable); ``audited``:
    more details for its audit entry."""
    account = Account(email=email.strip().lower(), name=name, role=role, administration_id=administration_id,
                      password_hash=hash_password(password), active=active)
    db.session.add(account)
    db.session.flush()
    audit.record("account_created", f"account:{account.id}", email=account.email, role=account.role,
                 **(audited or {}))
    return account


def assign_offices(account, offices):
    """Give an agent these offices; True when they changed (audited)."""
    before, after = hooks.offices().assign(account, offices)
    if before != after:
        audit.record("account_offices", f"account:{account.id}", before=before, after=after)
    return before != after


def update_account(account, values, password=None, offices=None):
    """An administrator's change: ``values`` maps fields (name, role, administration_id, active) to their
    new values. Changing what the account may do, or its password, ends its sessions. The changes, audited."""
    changes = {}
    for field, value in values.items():
        if getattr(account, field) != value:
            changes[field] = [getattr(account, field), value]
            setattr(account, field, value)
    if password:
        account.password_hash = hash_password(password)
        changes["password"] = "reset"
    if offices is not None and assign_offices(account, offices):
        changes["offices"] = "changed"
    if changes.keys() & {"password", "role", "administration_id", "active", "offices"}:
        end_sessions(account)
    audit.record("account_changed", f"account:{account.id}", changes=changes)
    return changes
