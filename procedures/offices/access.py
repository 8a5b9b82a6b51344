"""Agents see the requests of their offices only.

An agent assigned to offices (by an administrator) sees the requests routed to those offices; an
agent of an administration who is assigned to none sees only the requests routed to no office
(those of an administration without offices, or filed before offices existed). Reviewers and
admins do not handle requests.
"""
import sqlalchemy as sa
from flask import abort
from flask_login import current_user

from portal.auth.access import require_acts_for
from portal.extensions import db

from .models import account_office


def office_ids(account):
    return set(db.session.scalars(sa.select(account_office.c.office_id).where(
        account_office.c.account_id == account.id)))


def scoped(stmt, request_model, account=None):
    """``stmt`` (selecting requests) narrowed to what the agent may see."""
    account = account or current_user
    ids = office_ids(account)
    stmt = stmt.where(request_model.administration_id == account.administration_id)
    if ids:
        return stmt.where(request_model.office_id.in_(ids))
    return stmt.where(request_model.office_id.is_(None))


def require_sees(request, account=None):
    """404 for a request of another administration or another office: its existence is not disclosed."""
    account = account or current_user
    require_acts_for(request.administration_id)
    ids = office_ids(account)
    if (request.office_id in ids) if ids else request.office_id is None:
        return
    abort(404)
