"""Published versions are never edited (Law 55-19: the published sheet is enforceable).

A session that tries to change or delete a stored version, or one of its
documents, steps, fees or legal references, fails at flush time. A change to a
procedure is made by adding a new version. ``catalogue.init_app`` installs the guard
on every session; the database refuses the same writes on its own (migration 0009's
triggers), so that plain SQL cannot do what the session refuses.
"""
import sqlalchemy as sa

from .models import Document, Fee, LegalReference, Step, Version

FROZEN = (Version, Document, Step, Fee, LegalReference)


class PublishedVersionIsImmutable(Exception):
    pass


def install():
    """Every ORM session of the process refuses such writes (idempotent)."""
    if not sa.event.contains(sa.orm.Session, "before_flush", refuse_changes_to_published_versions):
        sa.event.listen(sa.orm.Session, "before_flush", refuse_changes_to_published_versions)


def refuse_changes_to_published_versions(session, flush_context, instances):
    for obj in session.dirty:
        if isinstance(obj, FROZEN) and session.is_modified(obj, include_collections=True):
            raise PublishedVersionIsImmutable(
                f"{type(obj).__name__} {obj.id} belongs to a published version and cannot be edited; "
                "publish a new version instead"
            )
    for obj in session.deleted:
        if isinstance(obj, FROZEN):
            raise PublishedVersionIsImmutable(
                f"{type(obj).__name__} {obj.id} belongs to a published version and cannot be deleted"
            )

