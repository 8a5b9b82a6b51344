"""Issue 12 §2: the deadline statistics by region, province and commune, with the small-cell rule."""
from html import unescape

from procedures.statistics.cache import figures_cache
from tests.filing import file_request


def test_figures_by_commune_province_and_region_hide_small_cells(app, office, territory, monkeypatch):
    monkeypatch.setitem(app.config, "STATISTICS_CACHE_SECONDS", 0)
    figures_cache.clear()
    for _ in range(5):
        file_request(app, app.test_client(), place="Meknès")
    for _ in range(2):
        file_request(app, app.test_client(), place="Rabat")
    client = app.test_client()
    commune = unescape(client.get("/fr/statistics/territory/commune?from=2026-01-01&to=2026-12-31")
                       .get_data(as_text=True))
    meknes = commune.split("Meknès", 1)[1].split("</tr>", 1)[0]
    rabat = commune.split("Rabat", 1)[1].split("</tr>", 1)[0]
    assert '<td class="number">5</td>' in meknes
    assert "moins de 5" in rabat and ">2<" not in rabat
    assert '<td class="number">7</td>' in commune.split("<tfoot>", 1)[1]
    region = unescape(client.get("/ar/statistics/territory/region?from=2026-01-01&to=2026-12-31")
                      .get_data(as_text=True))
    assert "فاس - مكناس" in region or "فاس-مكناس" in region
    assert "أقل من 5" in region.split("الرباط", 1)[1].split("</tr>", 1)[0]
    assert client.get("/fr/statistics/territory/province").status_code == 200
    assert client.get("/fr/statistics/territory/planet").status_code == 404
    assert client.get("/fr/statistics/territory/region?administration=nowhere").status_code == 404
