"""Record every back-office action (``record``) and let admins read the log (``views``)."""
from flask import has_request_context, request
from flask_login import current_user

from portal.extensions import db

from .models import AuditEntry


def record(action, target, account=None, **details):
    """Add an entry to the current transaction: it is written with the change it describes."""
    if account is None and has_request_context() and current_user.is_authenticated:
        account = current_user
    entry = AuditEntry(
        account_id=account.id if account else None,
        actor=account.email if account else "system",
        action=action,
        target=str(target),
        details=details,
        address=request.remote_addr if has_request_context() else None,
    )
    db.session.add(entry)
    return entry
