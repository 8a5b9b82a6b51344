"""Facet counts made readable: names from the catalogue's taxonomy, most frequent first.

The taxonomy's names are read in one go and kept ``SEARCH_NAMES_TTL`` seconds: three
queries per search were a tenth of its time, and a renamed theme can wait that long.
"""
import time
from typing import NamedTuple

import sqlalchemy as sa
from flask import current_app

from portal.extensions import db
from procedures.catalogue.models import Administration, Audience, Theme

TAXONOMY = {"theme": (Theme, Theme.slug), "administration": (Administration, Administration.code),
            "audience": (Audience, Audience.slug)}


class Value(NamedTuple):
    value: object
    count: int
    name: dict | None  # {"ar": …, "fr": …} for the taxonomy, None for the others


_cache = {"loaded_at": None, "database": None, "names": {}}


def readable(counts, chosen=None):
    """``{facet: [Value, …]}`` from the backend's ``{facet: {value: count}}``; the values ``chosen``
    (``{facet: values}``) are kept even when none is left, so that they stay shown and checked."""
    facets, chosen = {}, chosen or {}
    known = _names() if any(facet in TAXONOMY and (values or chosen.get(facet))
                            for facet, values in counts.items()) else {}
    for facet, values in counts.items():
        names = known.get(facet, {})
        values = {**{value: 0 for value in chosen.get(facet, ())}, **values}
        ordered = sorted(values.items(), key=lambda item: (-item[1], str(item[0])))
        facets[facet] = [Value(value, count, names.get(value)) for value, count in ordered
                         if count or value in chosen.get(facet, ())]
    return facets


def _names():
    """``{facet: {value: {"ar": …, "fr": …}}}`` for the taxonomy's facets."""
    loaded_at, database = _cache["loaded_at"], str(db.engine.url)
    if (loaded_at is None or database != _cache["database"]
            or time.monotonic() - loaded_at > current_app.config["SEARCH_NAMES_TTL"]):
        _cache["names"] = {facet: dict(db.session.execute(sa.select(column, model.name)).all())
                           for facet, (model, column) in TAXONOMY.items()}
        _cache["loaded_at"], _cache["database"] = time.monotonic(), database
    return _cache["names"]
