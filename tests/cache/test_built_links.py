"""Links are built once per worker (``i18n.template_url_for``): never one page's link on another.

What a reader would notice: a link in the wrong language, to the wrong procedure, or missing where the portal
is mounted (``SCRIPT_NAME``), after another page built "the same" link first.
"""
import re

from flask import render_template_string

SHEET = "/{lang}/procedures/permis-de-construire"


def hrefs(response):
    return re.findall(r'href="([^"#]*)"', response.get_data(as_text=True))


def for_this_reader(client, app):
    """A session cookie: the page is rendered for this request, neither the page cache nor the door answers."""
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], "none")


def test_each_language_gets_its_own_links(app, client, office):
    for_this_reader(client, app)
    french, arabic = hrefs(client.get(SHEET.format(lang="fr"))), hrefs(client.get(SHEET.format(lang="ar")))
    assert "/fr/procedures/permis-de-construire/history" in french and "/fr/themes/" in french
    assert "/ar/procedures/permis-de-construire/history" in arabic and "/ar/themes/" in arabic
    # the other language only where the page offers to switch to it
    assert {link for link in french if link.startswith("/ar/")} == {"/ar/procedures/permis-de-construire"}
    assert {link for link in arabic if link.startswith("/fr/")} == {"/fr/procedures/permis-de-construire"}


def test_links_carry_where_the_portal_is_mounted_whoever_built_them_first(app, client, office, lang):
    for_this_reader(client, app)
    plain = hrefs(client.get(SHEET.format(lang=lang)))
    mounted = hrefs(client.get(SHEET.format(lang=lang), base_url="http://localhost/masatir"))
    again = hrefs(client.get(SHEET.format(lang=lang)))
    assert f"/{lang}/procedures/permis-de-construire/history" in plain and again == plain
    assert [f"/masatir{link}" if link.startswith("/") else link for link in plain] == mounted


def test_flask_s_own_arguments_and_lists_are_built_each_time(app, office):
    with app.test_request_context("/fr/"):
        app.preprocess_request()
        external = render_template_string("{{ url_for('catalogue.themes', _external=True) }}")
        anchored = render_template_string("{{ url_for('catalogue.themes', _anchor='a') }}")
        listed = render_template_string("{{ url_for('catalogue.themes', q=['a', 'b']) }}")
    assert external == "http://localhost/fr/themes/"
    assert anchored == "/fr/themes/#a" and listed == "/fr/themes/?q=a&amp;q=b"
