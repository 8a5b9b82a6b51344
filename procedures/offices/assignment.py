"""Administrators assign agents to offices (by the offices' codes)."""
import sqlalchemy as sa

from portal.extensions import db

from .models import Office, account_office


def codes_of(account):
    return sorted(db.session.scalars(sa.select(Office.code).join(
        account_office, account_office.c.office_id == Office.id).where(account_office.c.account_id == account.id)))


def check(codes, role, administration_id):
    """``(offices, problem)``: problem is None, ``not_agent``, ``unknown`` (with the codes) or ``elsewhere``."""
    codes = sorted({code.strip() for code in codes if code.strip()})
    if not codes:
        return [], None
    if role != "agent":
        return [], ("not_agent", [])
    offices = db.session.scalars(sa.select(Office).where(Office.code.in_(codes))).all()
    unknown = sorted(set(codes) - {office.code for office in offices})
    if unknown:
        return [], ("unknown", unknown)
    elsewhere = [office.code for office in offices if office.administration_id != administration_id]
    if elsewhere:
        return [], ("elsewhere", elsewhere)
    return offices, None


def assign(account, offices):
    """The account's offices become ``offices``; returns (before, after) codes for the audit log."""
    before = codes_of(account)
    db.session.execute(sa.delete(account_office).where(account_office.c.account_id == account.id))
    if offices:
        db.session.execute(sa.insert(account_office), [{"account_id": account.id, "office_id": office.id}
                                                        for office in offices])
    return before, sorted(office.code for office in offices)
