"""Templates are compiled once per locale with their fixed words translated (``portal.template_words``).

What a reader would notice: a page, or a notice written in the reader's own language from someone else's
request, in a language that is not the one asked for; words escaped or left unescaped differently than
before (``L'essentiel`` shown as ``L&#39;essentiel``; markup in a plain text escaped).
"""
from flask import render_template, render_template_string
from flask_babel import force_locale, gettext

HOME = "/{lang}/"


def said(app, lang, words):
    with app.test_request_context(), force_locale(lang):
        return gettext(words)


def rendered_for_this_reader(client, app, path):
    """A session cookie: the page is rendered for this request, neither the page cache nor the door answers."""
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], "none")
    return client.get(path).get_data(as_text=True)


def test_each_language_reads_its_own_words_whichever_compiled_first(app, client):
    french_words, arabic_words = said(app, "fr", "Search a procedure"), said(app, "ar", "Search a procedure")
    assert french_words != arabic_words != "Search a procedure"
    for lang in ("fr", "ar", "fr", "ar"):
        page = rendered_for_this_reader(client, app, HOME.format(lang=lang))
        mine, other = (french_words, arabic_words) if lang == "fr" else (arabic_words, french_words)
        assert mine in page and other not in page


FOOTER = ("Under Law 55-19, what this portal publishes about a procedure binds the administration: it may not ask "
          "for a document, a step, a fee or a delay that is not listed here.")


def test_words_are_written_as_the_catalogue_has_them(app, client):
    """``_()``'s answer is markup in an escaped template, as it was: an apostrophe is not an entity."""
    footer = said(app, "fr", FOOTER)
    assert "'" in footer and said(app, "fr", "The essentials") == "L'essentiel"
    assert footer in rendered_for_this_reader(client, app, HOME.format(lang="fr"))
    with app.test_request_context("/fr/"):
        app.preprocess_request()
        assert render_template_string('{{ _("The essentials") }}') == "L'essentiel"


def test_a_notice_in_another_language_than_the_request_s(app):
    """An agent working in French triggers a notice the citizen reads in Arabic (``force_locale``)."""
    with app.test_request_context("/fr/"):
        app.preprocess_request()
        french = render_template("search_form.html") + render_template_string(
            '{% from "search_form.html" import search_form %}{{ search_form() }}')
        with force_locale("ar"):
            arabic = render_template_string('{% from "search_form.html" import search_form %}{{ search_form() }}')
    assert said(app, "fr", "Search a procedure") in french
    assert said(app, "ar", "Search a procedure") in arabic and said(app, "fr", "Search a procedure") not in arabic


def test_where_nothing_is_escaped_the_words_stay_plain_text(app):
    """In an unescaped part, ``_()`` gives plain text, as before: added to markup-like text, nothing is escaped;
    in an escaped one, markup, which escapes what is added to it."""
    with app.test_request_context("/fr/"):
        app.preprocess_request()
        plain = render_template_string('{% autoescape false %}{{ _("Search") + tail }}{% endautoescape %}', tail=" <b>")
        escaped = render_template_string('{{ _("Search") + tail }}', tail=" <b>")
    assert plain == said(app, "fr", "Search") + " <b>"
    assert escaped == said(app, "fr", "Search") + " &lt;b&gt;"


def test_calls_that_are_not_fixed_words_are_answered_as_before(app):
    with app.test_request_context("/fr/"):
        app.preprocess_request()
        page = render_template_string(
            '{{ _("Error %(code)s", code=404) }}|{{ _("100%% online") }}|{{ gettext("Search" " a procedure") }}|'
            '{{ ngettext("%(num)d day", "%(num)d days", 2) }}|{{ words._("x") }}',
            words={"_": lambda text: text.upper()})
    error, percent, joined, days, attribute = page.split("|")
    assert error == said(app, "fr", "Error %(code)s") % {"code": 404}
    assert percent == "100% online"  # a format string, as the call's answer always was
    assert joined == said(app, "fr", "Search a procedure")
    assert days.startswith("2 ") and days != "2 days"
    assert attribute == "X"


def test_a_template_that_binds_its_own_gettext_is_answered_as_written(app):
    """``_`` set, bound by ``with`` or a loop, or a macro's parameter: its calls are not the catalogue's."""
    with app.test_request_context("/fr/"):
        app.preprocess_request()
        pages = [render_template_string(source) for source in (
            '{% set _ = "{}!".format %}{{ _("Search") }}',
            '{% with _ = "-".join %}{{ _("ab") }}{% endwith %}',
            '{% for _ in ["x"] %}{{ _ }}{% endfor %}{{ _("Search") }}',
            '{% macro shout(_) %}{{ _("Search") }}{% endmacro %}{{ shout("{}?".format) }}')]
    assert pages == ["Search!", "a-b", "x" + said(app, "fr", "Search"), "Search?"]


def test_words_that_are_no_format_string_fail_only_if_they_are_shown(app):
    """A stray ``%`` in words never shown breaks nothing, as before (the call fails when it runs)."""
    with app.test_request_context("/fr/"):
        app.preprocess_request()
        assert render_template_string('{% if false %}{{ _("50%") }}{{ _("%(n)s left") }}{% endif %}ok') == "ok"
