"""The statistics pages and the open-data page, in Arabic and French (checked by CheckedClient)."""
import re

from tests.pages import parse, text_of

NS = {"h": "http://www.w3.org/1999/xhtml", "s": "http://www.w3.org/2000/svg"}


def cells(response, row_heading):
    document = parse(response.get_data(as_text=True))
    for row in document.iterfind(".//h:table[@class='figures']//h:tr", NS):
        th = row.find("h:th", NS)
        if th is not None and row_heading in "".join(th.itertext()):
            # a withheld cell reads "fewer than 5" in the reader's language; here it is HIDDEN
            return ["HIDDEN" if td.get("class") == "hidden" else "".join(td.itertext())
                    for td in row.findall("h:td", NS)]
    raise AssertionError(f"no row {row_heading!r}")


def test_overview(client, lang, requests_data):
    response = client.get(f"/{lang}/statistics/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    name = "الجماعات" if lang == "ar" else "Communes"  # from the data, in the reader's language
    # filed, decided, within the deadline, tacit, implicit, median, legal maximum, incomplete
    found = cells(response, name)
    assert found[0] == "13" and found[1] == "HIDDEN" and found[5] == "10" and found[6] == "30"  # 9 - 8: justice's 1
    assert re.sub(r"\D", "", found[2]) == "60" and re.sub(r"[^\d.,٫]", "", found[7]) in ("15.4", "15,4", "15٫4")
    assert found[3] == found[4] == "HIDDEN"
    assert f'href="/{lang}/statistics/administrations/communes"' in html
    justice = cells(response, "وزارة العدل" if lang == "ar" else "Ministère de la Justice")
    assert justice[0] == "6" and justice[4] == justice[1] == justice[5] == "HIDDEN"
    assert {"fr": "masqué", "ar": "محجوب"}[lang] in html  # withheld, not "fewer than 5"
    assert 'value="2025-11-24"' in html and 'value="2026-11-23"' in html
    assert "Citizen" not in html and "TEST-" not in html and "CIN" not in html  # nothing personal


def test_charts_are_accessible_svg_growing_from_the_start_side(client, lang, requests_data):
    html = client.get(f"/{lang}/statistics/").get_data(as_text=True)
    document = parse(html)
    charts = document.findall(".//s:svg", NS)
    assert len(charts) == 3
    for svg in charts:
        assert svg.get("role") == "img" and svg.get("aria-labelledby")
        assert svg.find("s:title", NS) is not None
        assert svg.get("direction") == ("rtl" if lang == "ar" else "ltr")
    figures = document.findall(".//h:figure", NS)
    assert all(f.find(".//h:table", NS) is not None for f in figures)  # a data table beside each chart
    bars = charts[0].findall(".//s:rect", NS)  # requests filed: communes 13, justice 6
    widths = [float(b.get("width")) for b in bars]
    assert widths[0] > widths[1] > 0 and abs(widths[1] / widths[0] - 6 / 13) < 0.01
    for bar in bars:
        x, width = float(bar.get("x")), float(bar.get("width"))
        if lang == "ar":
            assert abs(x + width - 316) < 0.2  # grows from the right edge
        else:
            assert x == 4


def test_administration_page(client, lang, requests_data):
    response = client.get(f"/{lang}/statistics/administrations/communes")
    assert response.status_code == 200
    permit = cells(response, "رخصة البناء" if lang == "ar" else "Permis de construire")
    # filed and decided withheld: 13 - 10 and 8 - 6 would give the birth certificates' 3 and 2
    assert permit[:2] == ["HIDDEN", "HIDDEN"] and permit[5:7] == ["15", "30"] and re.sub(r"\D", "", permit[7]) == "20"
    birth = cells(response, "نسخة موجزة" if lang == "ar" else "Extrait d'acte")
    assert birth == ["HIDDEN"] * 8
    assert f'href="/{lang}/procedures/permis-de-construire"' in response.get_data(as_text=True)


def test_period_filter(client, requests_data):
    response = client.get("/fr/statistics/administrations/communes?from=2026-01-01&to=2026-06-30")
    permit = cells(response, "Permis de construire")
    assert permit[:2] == ["HIDDEN", "HIDDEN"] and permit[5] == "20"
    assert "2026-01-01" in response.get_data(as_text=True)


def test_a_wrong_period_says_so_and_shows_the_default(client, requests_data):
    response = client.get("/fr/statistics/?from=2026-06-30&to=2026-01-01")
    assert response.status_code == 200
    assert 'role="alert"' in response.get_data(as_text=True)
    assert cells(response, "Communes")[0] == "13"
    assert client.get("/fr/statistics/?from=yesterday").status_code == 200


def test_hidden_cells_say_fewer_than_5(client, requests_data, lang):
    assert {"fr": "moins de 5", "ar": "أقل من 5"}[lang] in text_of(client.get(f"/{lang}/statistics/"))


def test_unknown_administration(client):
    assert client.get("/fr/statistics/administrations/nowhere").status_code == 404


def test_no_request_at_all(client, lang):
    response = client.get(f"/{lang}/statistics/")
    assert response.status_code == 200 and "<svg" not in response.get_data(as_text=True)


def test_open_data_page(client, lang):
    response = client.get(f"/{lang}/open-data")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for link in ("/open-data/catalogue.json", "/open-data/catalogue.csv", "/api/v1/openapi.json",
                 "/api/v1/statistics", "/statistics.csv"):
        assert f'href="{link}' in html
    assert "Licence Ouverte / Open Licence" in text_of(response)


def test_licence_is_configurable(app, client):
    app.config["OPEN_DATA_LICENCE"] = {"name": "ODbL", "url": "https://opendatacommons.org/licenses/odbl/"}
    try:
        assert "ODbL" in text_of(client.get("/fr/open-data"))
    finally:
        app.config.pop("OPEN_DATA_LICENCE")
