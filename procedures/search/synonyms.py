"""Synonyms and acronyms as data: what the administration page calls, and what queries use.

Writes flush but never commit (the caller commits, through ``portal.transaction``). Each process keeps the analysed
groups until the database's ``synonyms`` generation changes (a trigger bumps it at every
change, migration 0014; ``portal.pagecache``), so a change made anywhere reaches every worker
of every node at once: a search page kept under the new generation never uses the old groups.
"""
import json
import re
import time
from pathlib import Path
from typing import NamedTuple

import sqlalchemy as sa
from flask import current_app

from portal import pagecache, transaction
from portal.extensions import db

from . import analysis, arabizi
from .models import Synonym

SEED = Path(__file__).resolve().parent / "synonyms.json"
KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MAX_TERMS = 30
MAX_TERM_LENGTH = 200

_cache = {"loaded_at": None, "generation": None, "groups": (), "expressions": (), "terms": frozenset()}


class Group(NamedTuple):
    expressions: tuple  # each a tuple of terms
    skeletons: tuple  # (Arabic expression, a set of skeletons per word) for each Arabic expression


class InvalidSynonym(ValueError):
    """A group that cannot be stored; the message says why, for the administrator."""


def expression_terms(expression):
    return tuple(word.term for word in analysis.words(expression))


def validate(key, terms):
    if not KEY.match(key or ""):
        raise InvalidSynonym("key: lower-case letters, digits and hyphens, at most 64 characters")
    terms = [term.strip() for term in terms if term and term.strip()]
    if not 2 <= len(terms) <= MAX_TERMS:
        raise InvalidSynonym(f"terms: between 2 and {MAX_TERMS} expressions")
    for term in terms:
        if len(term) > MAX_TERM_LENGTH:
            raise InvalidSynonym(f"terms: {term[:20]}… is longer than {MAX_TERM_LENGTH} characters")
        if not expression_terms(term):
            raise InvalidSynonym(f"terms: {term!r} has no searchable word (only stop words?)")
    return terms


def list_synonyms():
    return db.session.scalars(sa.select(Synonym).order_by(Synonym.key)).all()


def add_synonym(key, terms):
    """Create the group ``key``, or replace its expressions."""
    terms = validate(key, terms)
    synonym = db.session.scalar(sa.select(Synonym).where(Synonym.key == key))
    if synonym is None:
        synonym = Synonym(key=key, terms=terms)
        db.session.add(synonym)
    else:
        synonym.terms = terms
    db.session.flush()
    forget()
    return synonym


def remove_synonym(key):
    """Delete the group ``key``; False if there was none."""
    deleted = db.session.execute(sa.delete(Synonym).where(Synonym.key == key)).rowcount
    db.session.flush()
    forget()
    return bool(deleted)


def load_seed(path=SEED):
    """Add the groups of the seed file whose key is not in the table yet (idempotent:
    groups already there, edited or not by an administrator, are left as they are)."""
    groups = json.loads(Path(path).read_text(encoding="utf-8"))["groups"]
    present = set(db.session.scalars(sa.select(Synonym.key)))
    added = 0
    for group in groups:
        if group["key"] not in present:
            db.session.add(Synonym(key=group["key"], terms=validate(group["key"], group["terms"])))
            added += 1
    db.session.flush()
    forget()
    return added


def forget():
    _cache["loaded_at"] = None
    transaction.after_commit(_drop)


def _drop():
    _cache["loaded_at"] = None


def groups():
    """Every group as a ``Group``: its expressions, each a tuple of terms, and the
    Arabic ones again as consonant skeletons (one set per word), so that Latin-script
    Arabic ("3a9d lizdiyad") meets a group too."""
    ttl = current_app.config["SEARCH_SYNONYMS_TTL"]
    generation = pagecache.generations("synonyms")
    if (_cache["loaded_at"] is None or generation != _cache["generation"]
            or time.monotonic() - _cache["loaded_at"] > ttl):
        rows = db.session.execute(sa.select(Synonym.terms)).scalars().all()
        analysed = []
        for terms in rows:
            expressions = {expression_terms(term) for term in terms} - {()}
            if len(expressions) > 1:
                skeletons = {(term, skeleton) for term in terms if (skeleton := expression_skeletons(term))}
                analysed.append(Group(tuple(sorted(expressions)), tuple(sorted(skeletons, key=repr))))
        _cache["groups"] = tuple(analysed)
        _cache["expressions"] = tuple(tuple(terms) for terms in rows)
        _cache["terms"] = frozenset(term for group in analysed for expression in group.expressions
                                    for term in expression)
        _cache["loaded_at"], _cache["generation"] = time.monotonic(), generation
    return _cache["groups"]


def known_terms():
    """Every term of every expression of every group."""
    groups()
    return _cache["terms"]


def expressions():
    """Every group as written: a tuple of expressions each (for suggestions)."""
    groups()
    return _cache["expressions"]


def expression_skeletons(expression):
    """Per word, the skeletons of an all-Arabic expression; () for any other."""
    words = analysis.words(expression)
    skeletons = tuple(frozenset(arabizi.of_arabic(word.key)) if word.arabic else frozenset() for word in words)
    return skeletons if skeletons and all(skeletons) else ()
