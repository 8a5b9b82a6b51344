"""The words people search, counted so that suggestions offer the most wanted first.

Only a search that found something counts, once per word, and only for words the
catalogue or a synonym group knows: nothing else typed (a name, a number) is kept.
The count is a row per word (``WordUse``), raised in one statement that works the same
on SQLite and PostgreSQL (``INSERT … ON CONFLICT DO UPDATE``).
"""
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from portal.extensions import db

from .models import WordUse

MAX_WORD = 64


def record(keys):
    """Count one search for each of ``keys`` (folded words); the caller commits."""
    record_counts({key: 1 for key in keys})


def record_counts(counts):
    """Count ``counts[word]`` searches for each word (folded); the caller commits."""
    counts = {key: number for key, number in counts.items() if key and len(key) <= MAX_WORD and number > 0}
    if not counts:
        return
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(WordUse).values([{"word": key, "uses": counts[key]} for key in sorted(counts)])
    db.session.execute(statement.on_conflict_do_update(
        index_elements=[WordUse.word], set_={"uses": WordUse.uses + statement.excluded.uses}))


def uses():
    """``{word: number of searches}``."""
    return dict(db.session.execute(sa.select(WordUse.word, WordUse.uses)).all())
