"""The public pages of the catalogue, in every configured language (``/<lang>/…``).

Each page is rendered once per what it shows and kept (``portal.pagecache``): a sheet by its procedure's
versions and the day's version in force, read in one query; listings and the home page by their counts and
ids. Until the day or the catalogue's and taxonomy's generations change, a page is served without a query.
"""
from datetime import date

from flask import Blueprint, abort, current_app, g, render_template, request

from portal import pagecache
from portal.i18n import current_language
from portal.paging import page_number
from procedures import clock

from . import queries
from .models import Administration, Audience, Procedure, Theme, procedure_audience

blueprint = Blueprint("catalogue", __name__, url_prefix="/<lang_code>")


def listing_page(filters, named=None, kind=None):
    """A listing of procedures in force; ``named()`` gives what it lists (404 if there is no such thing)."""
    number, size, lang = page_number(), current_app.config["PAGE_SIZE"], current_language()

    def render():
        heading = named().name
        stmt = queries.listing(clock.today(), filters, lang)
        page = queries.paginate(stmt, number, size)
        return render_template("listing.html", page=page, filters=filters, heading=heading, kind=kind)

    return pagecache.public(lambda: queries.listing_state(clock.today(), filters, lang, number, size) + taxonomy(),
                            render)


def taxonomy():
    """Names of themes, administrations and audiences show on every page that lists procedures."""
    return pagecache.generations("taxonomy")


def home_counts():
    today = clock.today()
    return (queries.counts_in_force(today, Procedure.theme_id), queries.counts_in_force(
        today, procedure_audience.c.audience_id,
        join=(procedure_audience, procedure_audience.c.procedure_id == Procedure.id)))


def counted(name, column):
    """A page that shows counts per ``column``: named by them and the taxonomy."""
    return lambda: (name, sorted(queries.counts_in_force(clock.today(), column).items()), taxonomy())


@blueprint.get("/")
def home():
    return pagecache.public(lambda: ([sorted(counts.items()) for counts in home_counts()], taxonomy()), render_home)


def render_home():
    themes = Theme.query.order_by(Theme.position).all()
    audiences = Audience.query.order_by(Audience.position).all()
    theme_counts, audience_counts = home_counts()
    return render_template(
        "home.html",
        local_themes=[t for t in themes if t.scope == "local"],
        national_themes=[t for t in themes if t.scope == "national"],
        theme_counts=theme_counts, audiences=audiences, audience_counts=audience_counts,
    )


@blueprint.get("/themes/")
def themes():
    return pagecache.public(counted("themes", Procedure.theme_id), lambda: render_template(
        "themes.html", themes=Theme.query.order_by(Theme.position).all(),
        counts=queries.counts_in_force(clock.today(), Procedure.theme_id)))


@blueprint.get("/themes/<slug>")
def theme(slug):
    return listing_page(queries.Filters(theme=slug), Theme.query.filter_by(slug=slug).first_or_404, "theme")


@blueprint.get("/administrations/")
def administrations():
    return pagecache.public(counted("administrations", Procedure.administration_id), lambda: render_template(
        "administrations.html", administrations=Administration.query.order_by(Administration.position).all(),
        counts=queries.counts_in_force(clock.today(), Procedure.administration_id)))


@blueprint.get("/administrations/<code>")
def administration(code):
    return listing_page(queries.Filters(administration=code),
                        Administration.query.filter_by(code=code).first_or_404, "administration")


@blueprint.get("/audiences/<slug>")
def audience(slug):
    return listing_page(queries.Filters(audience=slug), Audience.query.filter_by(slug=slug).first_or_404, "audience")


def requested_day():
    """The day asked for with ``?date=YYYY-MM-DD`` (what was in force then), else today."""
    raw = request.args.get("date")
    if raw:
        try:
            return date.fromisoformat(raw), True
        except ValueError:
            pass
    return clock.today(), False


def sheet_state(slug, *asked):
    """What a procedure's pages show (None: no such procedure, the 404 is rendered as it is)."""
    def state():
        found = procedure_state(slug)
        return None if found is None else (found, asked)
    return state


def procedure_state(slug):
    """``queries.sheet_state`` for today, read once per request: the page cache asks for it first, the render
    reuses the procedure it was read from."""
    return procedure_pages(slug)[0]


def procedure_pages(slug):
    """``queries.procedure_pages`` for today, once per request."""
    kept = g.setdefault("procedure_pages", {})
    if slug not in kept:
        kept[slug] = queries.procedure_pages(slug, clock.today())
    return kept[slug]


@blueprint.get("/procedures/<slug>")
def sheet(slug):
    day, asked = requested_day()
    return pagecache.public(sheet_state(slug, day if asked else None), lambda: render_sheet(slug, day, asked))


def render_sheet(slug, day, asked):
    procedure = procedure_pages(slug)[1] or abort(404)
    version = procedure.version_on(day)
    if version is None:
        status = 410 if procedure.is_withdrawn_on(day) else 404
        return render_template("not_in_force.html", procedure=procedure, day=day), status
    return render_shown(procedure, version, asked_day=day if asked else None)


def render_shown(procedure, version, asked_day):
    """The sheet of ``version``, with the one in force today and the next one."""
    today = clock.today()
    return render_template("sheet.html", procedure=procedure, version=queries.with_lists(procedure, version),
                           current=procedure.version_on(today), asked_day=asked_day,
                           upcoming=procedure.next_version_after(today))


@blueprint.get("/procedures/<slug>/history")
def history(slug):
    return pagecache.public(sheet_state(slug), lambda: render_history(slug))


def render_history(slug):
    procedure = procedure_pages(slug)[1] or abort(404)
    today = clock.today()
    return render_template("history.html", procedure=procedure, current=procedure.version_on(today), today=today)


@blueprint.get("/procedures/<slug>/versions/<int:number>")
def version(slug, number):
    return pagecache.public(sheet_state(slug, number), lambda: render_version(slug, number))


def render_version(slug, number):
    procedure = procedure_pages(slug)[1] or abort(404)
    version = next((v for v in procedure.versions if v.number == number), None) or abort(404)
    return render_shown(procedure, version, asked_day=None)
