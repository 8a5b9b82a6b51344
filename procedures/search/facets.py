"""Facet counts made readable: names from the catalogue's taxonomy, most frequent first."""
from dataclasses import dataclass

import sqlalchemy as sa

from portal.extensions import db
from procedures.catalogue.models import Administration, Audience, Theme

TAXONOMY = {"theme": (Theme, Theme.slug), "administration": (Administration, Administration.code),
            "audience": (Audience, Audience.slug)}


@dataclass(frozen=True)
class Value:
    value: object
    count: int
    name: dict | None  # {"ar": …, "fr": …} for the taxonomy, None for the others


def readable(counts):
    """``{facet: [Value, …]}`` from the backend's ``{facet: {value: count}}``."""
    facets = {}
    for facet, values in counts.items():
        names = {}
        if facet in TAXONOMY:
            model, column = TAXONOMY[facet]
            names = dict(db.session.execute(sa.select(column, model.name).where(column.in_(list(values)))).all())
        ordered = sorted(values.items(), key=lambda item: (-item[1], str(item[0])))
        facets[facet] = [Value(value, count, names.get(value)) for value, count in ordered if count]
    return facets
