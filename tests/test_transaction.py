"""One commit per request: side effects queued by operations run after the commit, never after a rollback."""
import sqlalchemy as sa

from portal import transaction
from portal.extensions import db
from procedures.catalogue.models import Audience


def test_side_effects_run_after_the_commit_and_never_after_a_rollback(ctx):
    done = []
    transaction.after_commit(lambda: done.append("reindex"))
    assert done == []  # nothing before the commit
    transaction.commit()
    assert done == ["reindex"]

    transaction.after_commit(lambda: done.append("mail"))
    db.session.rollback()
    transaction.commit()
    assert done == ["reindex"]  # the rolled-back transaction's side effect is gone


def test_a_failing_side_effect_does_not_undo_the_commit_nor_stop_the_others(ctx):
    done = []
    db.session.add(Audience(slug="written", name={"ar": "مكتوب", "fr": "Écrit"}))
    transaction.after_commit(lambda: 1 / 0)
    transaction.after_commit(lambda: done.append("cache"))
    transaction.commit()
    db.session.remove()
    assert done == ["cache"] and db.session.scalar(sa.select(Audience.slug)) == "written"
