"""A test client that checks every HTML page it receives.

Each page must parse as HTML5 without error, carry ``lang`` and ``dir`` matching
the language in its URL, have a non-empty ``<title>`` and no duplicate ``id``.
"""
from collections import Counter

import html5lib
from flask.testing import FlaskClient
from werkzeug.exceptions import HTTPException

from tests.validator import pages

NS = {"h": "http://www.w3.org/1999/xhtml"}
RTL = {"ar", "fa", "he", "ur"}


def parse(html):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    return parser.parse(html)


def check_page(path, html, languages=("ar", "fr")):
    document = parse(html)
    root = document if document.tag.endswith("html") else document.find("h:html", NS)
    lang, direction = root.get("lang"), root.get("dir")
    parts = path.split("/")
    if len(parts) > 1 and parts[1] in languages:
        assert lang == parts[1], f"{path}: <html lang={lang!r}> does not match the URL"
        assert direction == ("rtl" if lang in RTL else "ltr"), f"{path}: <html dir={direction!r}>"
    title = document.find(".//h:title", NS)
    assert title is not None and (title.text or "").strip(), f"{path}: no <title>"
    ids = Counter(element.get("id") for element in document.iter() if element.get("id"))
    duplicates = [name for name, count in ids.items() if count > 1]
    assert not duplicates, f"{path}: duplicate ids {duplicates}"
    return document


class CheckedClient(FlaskClient):
    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        redirected = 300 <= response.status_code < 400 or kwargs.get("follow_redirects")
        if response.mimetype == "text/html" and not redirected and response.request.method != "HEAD":
            path = args[0] if args and isinstance(args[0], str) else response.request.path
            html = response.get_data(as_text=True)
            check_page(path.split("?")[0], html, self.application.config["LANGUAGES"])
            pages.keep(self.route_of(path.split("?")[0], response), html)
        return response

    def route_of(self, path, response):
        """What names a page for the Nu HTML Checker's batch: language, route, method and status."""
        method = response.request.method
        try:
            endpoint, values = self.application.url_map.bind("localhost").match(path, method=method)
        except HTTPException:
            endpoint, values = path, {}
        return f"{method} {values.get('lang_code', '')} {endpoint} {response.status_code}"


def text_of(response):
    """The words of a page, as a reader sees them (no markup)."""
    return " ".join(parse(response.get_data(as_text=True)).itertext())
