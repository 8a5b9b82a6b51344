"""One commit per request, and what must happen after it, from one place.

Operations (``procedures/*/operations.py``) flush and never commit; what must follow a write (reindex a
procedure, invalidate a cache, send a notice) they queue with ``after_commit(action)``. The view commits
once, with ``commit()``: the transaction is written, then the actions it queued run, in order, each on
its own (a failure is logged; the commit stands). A rollback drops them with the writes they followed.
"""
import logging

import sqlalchemy as sa

from .extensions import db

LOG = logging.getLogger(__name__)
QUEUE, READY = "masatir.after_commit", "masatir.committed"


def after_commit(action):
    """Run ``action()`` once the current transaction is committed (never if it is rolled back)."""
    session = db.session()
    if not session.in_transaction():
        session.begin()  # so that a rollback, even with nothing written yet, drops the action
    session.info.setdefault(QUEUE, []).append(action)


def commit():
    """Commit the request's one transaction, then run what it queued."""
    db.session.commit()
    for action in db.session.info.pop(READY, []):
        try:
            action()
        except Exception:  # noqa: BLE001  (the write is done; a side effect failing must not undo it)
            LOG.exception("after the commit, %r failed", action)


def _committed(session):
    session.info.setdefault(READY, []).extend(session.info.pop(QUEUE, []))


def _drop(session, _previous_transaction=None):
    session.info.pop(QUEUE, None)


def install():
    """Queued actions follow their transaction: ready once it is committed, dropped if it is rolled back."""
    for event, listener in (("after_commit", _committed), ("after_soft_rollback", _drop)):
        if not sa.event.contains(sa.orm.Session, event, listener):
            sa.event.listen(sa.orm.Session, event, listener)
