"""The search page (``/<lang>/search``)."""
from flask import Blueprint, current_app, redirect, render_template, request, url_for

from portal.i18n import current_language
from procedures import clock
from procedures.catalogue import queries

blueprint = Blueprint("search", __name__, url_prefix="/<lang_code>")


@blueprint.get("/search")
def page():
    q = request.args.get("q", "").strip()[:200]
    if not q:
        return redirect(url_for("catalogue.home"))
    stmt = queries.listing(clock.today(), queries.Filters(q=q), current_language())
    results = queries.paginate(stmt, request.args.get("page", 1, type=int) or 1, current_app.config["PAGE_SIZE"])
    return render_template("search.html", page=results, q=q)
