"""Issue 15: several values per facet. Two themes checked give the procedures of either (their union),
a theme and an administration those of both (the intersection); each count beside a label says how many
results that value gives with the other facets' choices, so that it stays right while values are added;
a chosen value stays checked, and each has a link that removes it alone. In the page and in the API."""
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.search.conftest import search, slugs

QUERY = {"fr": "certificat", "ar": "شهادة"}


def counts(body, facet):
    return {value["value"]: value["count"] for value in body["facets"][facet]}


def test_a_facet_s_values_are_united_and_facets_intersect(client, demo, lang):
    q = QUERY[lang]
    alone = {theme: search(client, q, lang, per_page=50, theme=theme) for theme in ("civil-status", "hygiene")}
    both = search(client, q, lang, per_page=50, theme=["civil-status", "hygiene"])
    assert both["total"] == sum(body["total"] for body in alone.values()) > 0
    assert set(slugs(both)) == {slug for body in alone.values() for slug in slugs(body)}
    # Repeated in another order, or twice: the same answer.
    assert search(client, q, lang, per_page=50, theme=["hygiene", "civil-status", "hygiene"]) == both

    crossed = search(client, q, lang, per_page=50, theme=["civil-status", "hygiene"],
                     administration=["communes", "prefectures"])
    by_pair = [search(client, q, lang, per_page=50, theme=theme, administration=code)
               for theme in ("civil-status", "hygiene") for code in ("communes", "prefectures")]
    assert crossed["total"] == sum(body["total"] for body in by_pair) > 0
    assert set(slugs(crossed)) == {slug for body in by_pair for slug in slugs(body)}


@pytest.mark.parametrize("chosen", [
    {"theme": ["civil-status", "hygiene"]},
    {"theme": ["property"], "administration": ["communes", "justice"]},
    {"maturity": [2, 3], "free": ["false"]},
])
def test_each_count_is_the_total_that_value_gives_with_the_other_facets_choices(client, demo, lang, chosen):
    q = QUERY[lang]
    body = search(client, q, lang, per_page=1, **chosen)
    for facet in ("theme", "administration", "audience", "maturity", "online", "free"):
        assert body["facets"][facet], facet
        for value in body["facets"][facet]:
            alone = {**chosen, facet: str(value["value"]).lower()}
            assert search(client, q, lang, per_page=1, **alone)["total"] == value["count"], (facet, value)
    # Values of the facet being chosen keep their counts: adding one adds what it says.
    for facet in chosen:
        unfiltered = search(client, q, lang, per_page=1, **{k: v for k, v in chosen.items() if k != facet})
        assert counts(body, facet) == {**counts(unfiltered, facet),
                                       **{value: 0 for value in counts(body, facet) if value not in
                                          counts(unfiltered, facet)}}


def test_a_chosen_value_that_leaves_nothing_is_still_listed(client, demo):
    body = search(client, "certificat", "fr", theme=["transport", "civil-status"], administration="education")
    assert body["total"] == 0
    assert counts(body, "administration")["education"] == 0 and counts(body, "theme")["transport"] == 0
    assert counts(body, "theme")["civil-status"] == 0
    html = unescape(client.get("/fr/search?q=certificat&theme=transport&administration=education").get_data(
        as_text=True))
    assert checked(html) == [("administration", "education"), ("theme", "transport")]


def test_bad_values_among_several_are_refused_with_their_name(client, demo):
    for params, field in (({"maturity": [2, 9]}, "maturity"), ({"free": ["true", "maybe"]}, "free"),
                          ({"theme": ["civil-status", "x" * 65]}, "theme"), ({"theme": ["t"] * 21}, "theme")):
        response = client.get("/api/v1/search", query_string={"q": "certificat", **params})
        assert response.status_code == 400 and field in response.get_json()["error"]["fields"], params


def test_the_openapi_description_says_a_facet_may_be_repeated(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    parameters = {p["name"]: p for p in spec["paths"]["/search"]["get"]["parameters"]}
    assert parameters["theme"]["schema"]["type"] == "array"
    assert parameters["theme"].get("explode", True) and parameters["theme"].get("style", "form") == "form"


def checked(html):
    return sorted(re.findall(r'<input type="checkbox" id="facet-[^"]+" name="(\w+)" value="([^"]+)" checked>', html))


def test_the_page_keeps_each_chosen_value_checked_and_removes_one_at_a_time(client, demo, lang):
    url = f"/{lang}/search?q={QUERY[lang]}&theme=civil-status&theme=hygiene&administration=communes"
    html = unescape(client.get(url).get_data(as_text=True))
    assert checked(html) == [("administration", "communes"), ("theme", "civil-status"), ("theme", "hygiene")]
    api = search(client, QUERY[lang], lang, per_page=1, theme=["civil-status", "hygiene"], administration="communes")
    for value in api["facets"]["theme"]:  # the count beside each label, as the API says
        assert re.search(rf'value="{value["value"]}"( checked)?>\s<label [^>]*>[^<]*<span class="count">'
                         rf'{value["count"]}</span>', html), value
    assert all(f'{value["name"]} <span class="count">' in html for value in api["facets"]["theme"])
    removals = re.findall(r'<p class="chosen-filters">(.*?)</p>', html, re.S)[0]
    links = [parse_qs(urlsplit(href).query) for href in re.findall(r'<a href="([^"]+)" class="button secondary">',
                                                                     removals)]
    assert len(links) == 3
    assert {"theme": ["hygiene"], "administration": ["communes"]} in [
        {key: value for key, value in link.items() if key != "q"} for link in links]
    assert {"theme": ["civil-status", "hygiene"]} in [{key: value for key, value in link.items() if key != "q"}
                                                      for link in links]
    assert ("(3 " if lang == "fr" else "(3") in html  # "(3 chosen)" beside the filters' heading


def test_the_next_page_and_the_other_language_keep_every_chosen_value(client, demo):
    html = unescape(client.get("/fr/search?q=demande&theme=property&theme=local-taxation").get_data(as_text=True))
    following = re.search(r'<a rel="next" href="([^"]+)"', html).group(1)
    assert parse_qs(urlsplit(following).query)["theme"] == ["property", "local-taxation"]
    arabic = re.search(r'<a href="(/ar/search[^"]+)"', html).group(1)
    assert parse_qs(urlsplit(arabic).query)["theme"] == ["property", "local-taxation"]
    page_two = unescape(client.get(following).get_data(as_text=True))
    assert checked(page_two) == [("theme", "local-taxation"), ("theme", "property")]
