"""The public pages of the catalogue, in every configured language (``/<lang>/…``)."""
from datetime import date

from flask import Blueprint, abort, current_app, render_template, request

from portal.i18n import current_language
from portal.paging import page_number
from procedures import clock

from . import queries
from .models import Administration, Audience, Procedure, Theme, procedure_audience

blueprint = Blueprint("catalogue", __name__, url_prefix="/<lang_code>")


def listing_page(filters, template="listing.html", **context):
    stmt = queries.listing(clock.today(), filters, current_language())
    page = queries.paginate(stmt, page_number(), current_app.config["PAGE_SIZE"])
    return render_template(template, page=page, filters=filters, **context)


@blueprint.get("/")
def home():
    today = clock.today()
    themes = Theme.query.order_by(Theme.position).all()
    audiences = Audience.query.order_by(Audience.position).all()
    return render_template(
        "home.html",
        local_themes=[t for t in themes if t.scope == "local"],
        national_themes=[t for t in themes if t.scope == "national"],
        theme_counts=queries.counts_in_force(today, Procedure.theme_id),
        audiences=audiences,
        audience_counts=queries.counts_in_force(
            today, procedure_audience.c.audience_id,
            join=(procedure_audience, procedure_audience.c.procedure_id == Procedure.id)),
    )


@blueprint.get("/themes/")
def themes():
    return render_template("themes.html", themes=Theme.query.order_by(Theme.position).all(),
                           counts=queries.counts_in_force(clock.today(), Procedure.theme_id))


@blueprint.get("/themes/<slug>")
def theme(slug):
    theme = Theme.query.filter_by(slug=slug).first_or_404()
    return listing_page(queries.Filters(theme=slug), heading=theme.name, kind="theme")


@blueprint.get("/administrations/")
def administrations():
    return render_template("administrations.html",
                           administrations=Administration.query.order_by(Administration.position).all(),
                           counts=queries.counts_in_force(clock.today(), Procedure.administration_id))


@blueprint.get("/administrations/<code>")
def administration(code):
    administration = Administration.query.filter_by(code=code).first_or_404()
    return listing_page(queries.Filters(administration=code), heading=administration.name, kind="administration")


@blueprint.get("/audiences/<slug>")
def audience(slug):
    audience = Audience.query.filter_by(slug=slug).first_or_404()
    return listing_page(queries.Filters(audience=slug), heading=audience.name, kind="audience")


def requested_day():
    """The day asked for with ``?date=YYYY-MM-DD`` (what was in force then), else today."""
    raw = request.args.get("date")
    if raw:
        try:
            return date.fromisoformat(raw), True
        except ValueError:
            pass
    return clock.today(), False


@blueprint.get("/procedures/<slug>")
def sheet(slug):
    procedure = queries.procedure_by_slug(slug) or abort(404)
    day, asked = requested_day()
    version = procedure.version_on(day)
    if version is None:
        status = 410 if procedure.is_withdrawn_on(day) else 404
        return render_template("not_in_force.html", procedure=procedure, day=day), status
    current = procedure.version_on(clock.today())
    return render_template("sheet.html", procedure=procedure, version=version, current=current,
                           asked_day=day if asked else None,
                           upcoming=procedure.next_version_after(clock.today()))


@blueprint.get("/procedures/<slug>/history")
def history(slug):
    procedure = queries.procedure_by_slug(slug) or abort(404)
    today = clock.today()
    return render_template("history.html", procedure=procedure, current=procedure.version_on(today), today=today)


@blueprint.get("/procedures/<slug>/versions/<int:number>")
def version(slug, number):
    procedure = queries.procedure_by_slug(slug) or abort(404)
    version = next((v for v in procedure.versions if v.number == number), None) or abort(404)
    current = procedure.version_on(clock.today())
    return render_template("sheet.html", procedure=procedure, version=version, current=current,
                           asked_day=None, upcoming=procedure.next_version_after(clock.today()))
