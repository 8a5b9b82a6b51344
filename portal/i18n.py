"""Languages: in the URL (``/ar/…``, ``/fr/…``), in Babel, and in the templates.

The list of languages is configuration (``LANGUAGES``); a language's name and
direction come from Babel's CLDR data, so adding Tamazight means adding ``zgh`` to
the setting and its translation catalogue, and nothing else.
"""
import re
from datetime import date, datetime
from functools import cache


from babel import Locale, UnknownLocaleError, dates
from flask import abort, current_app, g, has_request_context, request, url_for
from flask_babel import get_locale, get_translations, gettext
from jinja2 import pass_eval_context
from markupsafe import Markup, escape

from procedures.clock import MOROCCO, local

from . import template_words
from .extensions import babel


@cache
def babel_locale(code, country):
    """The Babel locale for a language code: its national variant where CLDR has one.

    ``ar_MA`` writes the months as Morocco does (نونبر) and the digits in Latin.
    """
    try:
        return Locale.parse(f"{code}_{country}")
    except (UnknownLocaleError, ValueError):
        return Locale.parse(code)


def languages():
    return current_app.config["LANGUAGES"]


def default_language():
    return languages()[0]


def current_language():
    return g.get("lang") or default_language()


def current_locale():
    return babel_locale(current_language(), current_app.config["COUNTRY"])


def direction(code=None):
    return babel_locale(code or current_language(), current_app.config["COUNTRY"]).text_direction


def language_name(code):
    """A language's name in that language (the switch shows "العربية", "Français")."""
    return babel_locale(code, current_app.config["COUNTRY"]).language_name.capitalize()


def language_in_reader_language(code):
    """A language's name in the reader's language ("arabe" on a French page)."""
    return Locale.parse(code).get_language_name(current_locale())


def pull_language(endpoint, values):
    if values and "lang_code" in values:
        code = values.pop("lang_code")
        if code not in languages():
            abort(404)
        g.lang = code


def add_language(endpoint, values):
    if "lang_code" not in values and current_app.url_map.is_endpoint_expecting(endpoint, "lang_code"):
        values["lang_code"] = current_language()


URLS_KEPT = 4096  # per application: a few addresses per page, shared by every page


def template_url_for(endpoint, **values):
    """The templates' ``url_for``, each address built once per worker: besides the endpoint and its values, an
    address depends only on the route map (fixed at start-up), this page's blueprint (``.name``), the language
    (``add_language``) and where the portal is mounted. A sheet asks for 25 of them. Arguments Flask reads
    itself (``_external``, ``_anchor``…) and unhashable values are built each time."""
    if not has_request_context() or any(name.startswith("_") for name in values):
        return url_for(endpoint, **values)
    key = (request.script_root, request.blueprint, current_language(), endpoint, *values.items())
    built = current_app.extensions["masatir.urls"]
    try:
        found = built.get(key)
    except TypeError:  # a list among the values
        return url_for(endpoint, **values)
    if found is None:
        if len(built) >= URLS_KEPT:
            built.clear()
        found = built[key] = url_for(endpoint, **values)
    return found


def kept_args(**changes):
    """This page's query arguments, for a link to the same page: never one named like an argument of
    its route (``lang_code``, ``slug``…) or of ``url_for`` (``endpoint``, ``_method``, ``_external``…)."""
    route = request.url_rule.arguments if request.url_rule else set()
    kept = {name: values if len(values) > 1 else values[0] for name, values in request.args.lists()
            if name not in route and name != "endpoint" and not name.startswith("_")}  # repeated ones as lists
    return {**kept, **changes}


def switch_url(code):
    """The current page in another language (falls back to that language's home page)."""
    if request.endpoint and request.url_rule and "lang_code" in request.url_rule.arguments:
        return url_for(request.endpoint, **(request.view_args or {}), **kept_args(), lang_code=code)
    return url_for("catalogue.home", lang_code=code)


# What HTML forbids in a page (controls other than whitespace, noncharacters): a visitor may type
# them, no page shows them.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff"
                         + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17))
                         + "]")


def printable(value):
    """Every ``{{ … }}`` of the templates goes through here (Jinja's ``finalize``)."""
    # isprintable() first: ten times as fast, and false for every character UNPRINTABLE names (Cc, Cn)
    if isinstance(value, str) and not value.isprintable() and UNPRINTABLE.search(value):
        cleaned = UNPRINTABLE.sub("\ufffd", value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


def translate(text, reader=None):
    """``(words, language)`` from a ``{"ar": …, "fr": …}`` text: the reader's language,
    else the default one, else any."""
    reader = reader or current_language()
    if not text:
        return "", reader
    words = text.get(reader)
    if words:  # nearly always (a sheet has some 35 texts)
        return words, reader
    for code in (default_language(), *languages()):
        if text.get(code):
            return text[code], code
    code, words = next(iter(text.items()))
    return words, code


def tr(text):
    """The text in the reader's language; a fallback is marked so that it shows as one."""
    reader = current_language()
    words, code = translate(text, reader)
    if not words or code == reader:
        return escape(words)
    note = gettext("(in %(language)s)", language=language_in_reader_language(code))
    return Markup('<span class="fallback" lang="{}" dir="{}">{}</span> <small class="fallback-note">{}</small>').format(
        code, direction(code), words, note)


def tr_plain(text):
    """The text in the reader's language, for titles and attributes."""
    return translate(text)[0]


# Times: Moroccan legal time from the clock's own zone (``procedures.clock``). Flask-Babel would
# resolve the zone through pytz, whose rules for Morocco differ from tzdata's; these filters
# replace its ``dateformat``, ``datetimeformat`` and ``timeformat`` in the templates, and the
# papers call them too.

def format_datetime(moment, format="medium"):
    return dates.format_datetime(local(moment), format, tzinfo=MOROCCO, locale=get_locale())


def format_date(value, format="medium"):
    """A day; a stored moment is first put in Moroccan time (00:30 in Rabat is that day, not the one before)."""
    if isinstance(value, datetime):
        value = local(value).date()
    return dates.format_date(value, format, locale=get_locale())


def format_time(moment, format="short"):
    return dates.format_time(local(moment), format, tzinfo=MOROCCO, locale=get_locale())
# French writes the first day of a month as an ordinal, "1er mars"; CLDR's patterns give "1 mars".
FIRST_DAY = re.compile(r"(?<![\d:,.])1(?= [^\W\d])")


def with_ordinal(text, code=None):
    """A formatted date as the language writes it: "1er" in French, unchanged otherwise."""
    return FIRST_DAY.sub("1er", text, count=1) if (code or current_language()) == "fr" else text


def dateformat(value, format="medium"):
    """The templates' ``dateformat``: Moroccan day, with "1er" in French."""
    return with_ordinal(format_date(value, format)) if value else ""


def datetimeformat(value, format="medium"):
    """The templates' ``datetimeformat``: Moroccan legal time, with "1er" in French."""
    return with_ordinal(format_datetime(value, format)) if value else ""


def day_in_words(iso):
    """A day stored as ``YYYY-MM-DD`` (a signed receipt's facts), in the page's language."""
    return dateformat(date.fromisoformat(iso), "long") if iso else ""


def date_value(typed):
    """What a date field may show again: the day as ``YYYY-MM-DD``, or nothing (HTML allows no other value)."""
    try:
        return date.fromisoformat(str(typed or "")).isoformat()
    except ValueError:
        return ""


# The templates' ``_``, ``gettext`` and ``ngettext``: what Jinja's i18n extension installs for Flask-Babel
# (``newstyle``: the translation is a format string, made Markup first where the template autoescapes), for
# less. Jinja's own functions take the template's context, and each of the sheet's 80 calls then copied it
# (every call inside a block that sets a variable), and Flask-Babel found the translations in a dozen looks at
# ``g``; these take only the evaluation context, and keep the translations found for the current locale.
# A call on literal words alone is answered once per locale, when the template is compiled (template_words.py).

def current_translations():
    """Flask-Babel's ``get_translations()``, kept for as long as its locale and domain are the same objects
    (``force_locale`` and ``refresh`` change them)."""
    try:
        context = g._flask_babel.__dict__
    except (AttributeError, RuntimeError):  # nothing looked up yet in this context, or no context
        return get_translations()
    kept = context.get("masatir_translations")
    if kept is None or kept[0] is not context.get("babel_locale") or kept[1] is not context.get("babel_domain"):
        translations = get_translations()  # sets the locale and the domain if they were not yet
        kept = context["masatir_translations"] = (context.get("babel_locale"), context.get("babel_domain"),
                                                  translations)
    return kept[2]


@pass_eval_context
def template_gettext(eval_context, string, **variables):
    found = current_translations().ugettext(string)
    if eval_context.autoescape:
        found = Markup(found)
    return found % variables  # always a format string, as Jinja's


@pass_eval_context
def template_ngettext(eval_context, singular, plural, number, **variables):
    variables.setdefault("num", number)
    found = current_translations().ungettext(singular, plural, number)
    if eval_context.autoescape:
        found = Markup(found)
    return found % variables


def init_app(app):
    template_words.install(app)  # first: before Flask-Babel creates the environment
    babel.init_app(app, locale_selector=lambda: str(current_locale()), timezone_selector=lambda: MOROCCO)
    app.jinja_env.globals.update(dict.fromkeys(template_words.GETTEXT, template_gettext),
                                 ngettext=template_ngettext, url_for=template_url_for)
    app.extensions["masatir.urls"] = {}
    app.jinja_env.filters.update(timeformat=format_time)
    app.url_value_preprocessor(pull_language)
    app.url_defaults(add_language)
    app.add_template_filter(tr)
    app.add_template_filter(tr_plain)
    app.add_template_filter(dateformat)  # in place of Flask-Babel's: the same, with "1er"
    app.add_template_filter(datetimeformat)
    app.add_template_filter(day_in_words)
    app.add_template_filter(date_value)
    app.add_template_global(switch_url)
    app.add_template_global(kept_args)
    app.jinja_env.finalize = printable
    app.add_template_global(language_name)
    app.add_template_global(direction, "direction_of")

    @app.context_processor
    def language_context():
        return {"lang": current_language(), "dir": direction(), "languages": languages()}
