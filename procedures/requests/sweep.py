"""Record the silences that fell: tacit approvals and implicit refusals, in bulk.

The state shown to people is always derived from the stored facts and the day
(``clock.standing``): a silence has taken effect on its day whether or not this job ran.
The sweep only records it, as an event dated the day it took effect (and updates the
stored state used by lists), with two set-based statements per meaning, using the
(state, silence_on) index. Running it twice changes nothing: a swept request is no
longer open. Where silence means nothing ("none"), nothing is ever recorded.
"""
import sqlalchemy as sa

from portal.extensions import db
from procedures import silence

from .models import (
    IMPLICIT_REFUSAL,
    IMPLICITLY_REFUSED,
    OPEN,
    TACIT_APPROVAL,
    TACITLY_APPROVED,
    Request,
    RequestEvent,
    utcnow,
)

OUTCOMES = (  # what silence means -> (event, state); "none" decides nothing
    (silence.APPROVAL, TACIT_APPROVAL, TACITLY_APPROVED),
    (silence.REFUSAL, IMPLICIT_REFUSAL, IMPLICITLY_REFUSED),
)


def fallen_ids(today):
    """The requests the next sweep will change (to notify them after it)."""
    return db.session.scalars(sa.select(Request.id).where(
        Request.state == OPEN, Request.silence_on <= today, Request.silence.in_(silence.FALLEN_STATE))).all()


def sweep(today):
    """Returns how many requests changed, per event kind. The caller commits."""
    changed = {}
    now = utcnow()
    for meaning, kind, state in OUTCOMES:
        fallen = sa.and_(Request.state == OPEN, Request.silence_on <= today, Request.silence == meaning)
        insert = sa.insert(RequestEvent).from_select(
            ["request_id", "kind", "at", "on", "data"],
            sa.select(Request.id, sa.literal(kind), sa.literal(now, sa.DateTime), Request.silence_on,
                      sa.literal({}, RequestEvent.__table__.c.data.type)).where(fallen))
        db.session.execute(insert)
        result = db.session.execute(sa.update(Request).where(fallen).values(state=state)
                                    .execution_options(synchronize_session=False))
        changed[kind] = result.rowcount
    return changed


def sweep_and_notify(today):
    """The sweep and the notices of what fell, in the caller's transaction (flushed; ``jobs.sweep_job``
    commits). Safe to run twice: a swept request is no longer open, and an event is never announced twice."""
    from .notify import notify

    fallen = fallen_ids(today)
    changed = sweep(today)
    for request in db.session.scalars(sa.select(Request).where(Request.id.in_(fallen))):
        notify(request, request.events[-1])
    db.session.flush()
    return changed
