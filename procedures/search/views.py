"""The search page (``/<lang>/search``): results in the page's language whatever the
query's, facets as plain links, pagination; works without JavaScript."""
import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError
from flask import Blueprint, current_app, render_template, request, url_for

from portal import transaction
from portal.extensions import db
from portal.i18n import current_language, kept_args
from procedures import clock
from procedures.catalogue.models import Procedure, Theme, Version
from procedures.catalogue.queries import in_force_on

from . import facets, service
from .api import MAX_PAGE
from .highlight import SNIPPET_LENGTH, marked

blueprint = Blueprint("search", __name__, url_prefix="/<lang_code>")

TEXT_FILTERS = ("theme", "administration", "audience")
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
                              .where(Procedure.id.in_(procedure_ids), in_force_on(clock.today()))).all()
    return {procedure.id: (procedure, version) for procedure, version in rows}


@blueprint.get("/search")
def page():
    q = service.normalise(request.args.get("q", ""))
    number = min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
    filters = requested_filters()
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
    if outcome and number == 1:
        try:
            service.count_use(outcome)
            transaction.commit()
        except SQLAlchemyError:  # a busy database costs a count, never the page
            db.session.rollback()
    dead_end = outcome is not None and not outcome.found.total
    return render_template("search.html", q=q, outcome=outcome, results=results, filters=filters,
                           facets=facets.readable(outcome.found.facets, filters) if outcome else {},
                           without=without, argument=argument, closest=service.closest(q) if dead_end else [],
                           themes=Theme.query.order_by(Theme.position).all() if dead_end else [])
