"""The search page (``/<lang>/search``): results in the page's language whatever the
query's, facets as plain links, pagination; works without JavaScript.

A page is rendered once per query, filters, page, language, day and generations of the catalogue, its
taxonomy and the synonyms (``portal.pagecache``), and served from the shared cache after that. Searches
are still counted each time (``usage``), in a tally each worker writes at most every
``SEARCH_USE_FLUSH_SECONDS``, so that a page served from the cache costs no write.
"""
import collections
import functools
import time

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload
from flask import Blueprint, current_app, render_template, request, url_for

from portal import pagecache, transaction
from portal.extensions import db
from portal.i18n import current_language, kept_args
from procedures import clock
from procedures.catalogue.models import Procedure, Theme, Version
from procedures.catalogue.queries import in_force_on

from . import analysis, facets, service, usage
from .api import MAX_PAGE
from .highlight import SNIPPET_LENGTH, marked

blueprint = Blueprint("search", __name__, url_prefix="/<lang_code>")

TEXT_FILTERS = ("theme", "administration", "audience")
DEPENDS_ON = ("catalogue", "taxonomy", "synonyms")  # the generations a search page shows
_tally = {"words": collections.Counter(), "since": time.monotonic()}
YES_NO = {"yes": True, "no": False}
MAX_VALUES = 20  # per facet: more than the catalogue has themes checked at once is not a person


def requested_filters():
    """The facets chosen in the address, each a tuple of values (several checkboxes of a facet: any of
    them); anything malformed is ignored, never an error."""
    filters = {name: [value[:64] for value in request.args.getlist(name) if value] for name in TEXT_FILTERS}
    filters["maturity"] = [level for level in request.args.getlist("maturity", type=int) if level in (1, 2, 3, 4)]
    for name in ("online", "free"):
        filters[name] = [YES_NO[value] for value in request.args.getlist(name) if value in YES_NO]
    return {name: tuple(dict.fromkeys(values))[:MAX_VALUES] for name, values in filters.items() if values}


def argument(value):
    return ("yes" if value else "no") if isinstance(value, bool) else value


def without(name, value):
    """This page's address without ``value`` among the values of facet ``name``, back to page 1."""
    args = {key: item for key, item in kept_args().items() if key not in (name, "page")}
    kept = [item for item in request.args.getlist(name) if item != str(argument(value))]
    if kept:
        args[name] = kept
    return url_for("search.page", **args)


def in_force(procedure_ids):
    """``{id: (Procedure, Version in force)}`` for the results shown."""
    rows = db.session.execute(sa.select(Procedure, Version).join(Version, Version.procedure_id == Procedure.id)
                              .where(Procedure.id.in_(procedure_ids), in_force_on(clock.today()))
                              .options(selectinload(Version.fees))).all()  # is_free, without a query per row
    return {procedure.id: (procedure, version) for procedure, version in rows}


@blueprint.get("/search")
def page():
    q = service.normalise(request.args.get("q", ""))
    number = min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
    filters = requested_filters()
    response = pagecache.public(
        lambda: (pagecache.generations(*DEPENDS_ON), analysis.VERSION, clock.today(), q, sorted(filters.items()),
                 number),
        lambda: render(q, number, filters), DEPENDS_ON, salt=analysis.VERSION)
    if q and number == 1:
        words = count(q, filters)
        pagecache.at_door(functools.partial(tally, words, current_app.config))
    return response


def count(q, filters):
    """Count this search's known words (if it found something), written with others at most every
    ``SEARCH_USE_FLUSH_SECONDS``; a busy database costs a count, never the page. Returns the words."""
    words = pagecache.remembered(("known words", q, sorted(filters.items())), DEPENDS_ON, lambda: known_words(
        service.search(q, filters, 1, current_app.config["PAGE_SIZE"])))
    _tally["words"].update(words)
    if time.monotonic() - _tally["since"] < current_app.config["SEARCH_USE_FLUSH_SECONDS"]:
        return words
    counted, _tally["words"], _tally["since"] = _tally["words"], collections.Counter(), time.monotonic()
    try:
        usage.record_counts(counted)
        transaction.commit()
    except SQLAlchemyError:
        db.session.rollback()
    return words


def tally(words, config):
    """The same search answered again by the front door: counted with the others, unless they are due to be
    written, which is Flask's to do (False: the request goes there)."""
    if time.monotonic() - _tally["since"] >= config["SEARCH_USE_FLUSH_SECONDS"]:
        return False
    _tally["words"].update(words)
    return True


def known_words(outcome):
    return tuple(sorted(set(outcome.known_words))) if outcome.found.total else ()


def render(q, number, filters):
    outcome = service.search(q, filters, number, current_app.config["PAGE_SIZE"]) if q else None
    results = []
    if outcome:
        lang = current_language()
        rows = in_force([hit.procedure_id for hit in outcome.found.hits])
        for hit in outcome.found.hits:
            if hit.procedure_id in rows:  # withdrawn since the index was last brought up to date
                procedure, version = rows[hit.procedure_id]
                results.append({
                    "procedure": procedure, "version": version,
                    "title": version.title,
                    "summary": marked(version.summary.get(lang, ""), outcome.terms, SNIPPET_LENGTH),
                })
    dead_end = outcome is not None and not outcome.found.total
    return render_template("search.html", q=q, outcome=outcome, results=results, filters=filters,
                           facets=facets.readable(outcome.found.facets, filters) if outcome else {},
                           without=without, argument=argument, closest=service.closest(q) if dead_end else [],
                           themes=Theme.query.order_by(Theme.position).all() if dead_end else [])
