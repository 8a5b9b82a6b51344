"""The public statistics pages and the open-data page, in every language (``/<lang>/…``)."""
from flask import Blueprint, abort, current_app, render_template, request

from portal.extensions import db
from procedures import clock
from procedures.catalogue.models import Administration

from . import figures, opendata, period, present
from . import reports as report_figures
from . import territory as territorial

blueprint = Blueprint("statistics", __name__, url_prefix="/<lang_code>")


def _page(template, administration=None):
    today = clock.today()
    chosen, _code, errors = period.read(request.args, today)
    table = figures.table(chosen, today, administration)
    return render_template(template, table=table, errors=errors, present=present, charts=present.charts_for(table),
                           metrics=figures.METRICS, minimum=figures.MINIMUM,
                           reports=report_figures.counts(chosen, administration))


@blueprint.get("/statistics/")
def overview():
    return _page("statistics/overview.html")


@blueprint.get("/statistics/administrations/<code>")
def administration(code):
    found = db.session.scalar(db.select(Administration).filter_by(code=code)) or abort(404)
    return _page("statistics/administration.html", found)


@blueprint.get("/statistics/territory/<level>")
def territory(level):
    """By region, province or commune; ``?administration=code`` narrows to one administration."""
    if level not in territorial.LEVELS:
        abort(404)
    code = request.args.get("administration", "")
    found = db.session.scalar(db.select(Administration).filter_by(code=code)) if code else None
    if code and found is None:
        abort(404)
    today = clock.today()
    chosen, _code, errors = period.read(request.args, today)
    table = territorial.table(chosen, today, level, found)
    return render_template("statistics/territory.html", table=table, errors=errors, present=present, level=level,
                           levels=territorial.LEVELS, metrics=figures.METRICS, minimum=figures.MINIMUM,
                           administration=found)


@blueprint.get("/open-data")
def open_data():
    return render_template("statistics/open_data.html", licence=opendata.licence(current_app.config),
                           columns=opendata.column_docs(), metrics=figures.METRICS, minimum=figures.MINIMUM)
