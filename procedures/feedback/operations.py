"""The feedback's writes. Each flushes, none commits: the view commits once (``portal.transaction``)."""
from portal.extensions import db

from .models import Feedback


def vote(procedure, version, useful):
    found = Feedback(procedure_id=procedure.id, version_id=version.id, useful=useful)
    db.session.add(found)
    db.session.flush()
    return found


def add_comment(found, text):
    """One comment per vote: a second one changes nothing. True when this one was kept."""
    if found.comment is not None:
        return False
    found.comment = text
    db.session.flush()
    return True
