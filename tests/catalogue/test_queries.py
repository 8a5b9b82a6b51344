"""A procedure's pages read what they show in a fixed number of queries, however much it has.

A sheet: the procedure whole (the query that also names the page for the page cache) and the lists of the
version shown (documents, steps, fees, legal references, audiences); a history: the first one only. With the
page cache empty, the cache reads the generations once more.
"""
import pytest
import sqlalchemy as sa

from portal import pagecache
from portal.extensions import db
from tests import samples
from tests.pages import text_of


def catalogue_with(size):
    """The sample catalogue, ``permis-de-construire`` given ``size`` versions in the past (one more to come),
    each with ``size`` documents, steps, fees and legal references, and ``size`` audiences."""
    data = samples.catalogue()
    rows = range(1, size + 1)
    data["audiences"] += [{"slug": f"audience-{n}", "name": samples.text(f"Public {n}", f"فئة {n}")} for n in rows]
    procedure = next(p for p in data["procedures"] if p["slug"] == "permis-de-construire")
    procedure["audiences"] = [f"audience-{n}" for n in rows]
    procedure["versions"] = [samples.version(
        number, f"{2010 + number}-01-01", title=samples.text("Permis de construire", "رخصة البناء"),
        documents=[{"name": samples.text(f"Pièce {n}", f"وثيقة {n}"), "form": "copy" if n % 2 else "original",
                    "quantity": 1, "note": samples.text(f"Note {n}", f"ملاحظة {n}") if n % 2 else None} for n in rows],
        steps=[{"actor": samples.text(f"Agent {n}", f"عون {n}"), "action": samples.text(f"Étape {n}", f"مرحلة {n}")}
               for n in rows],
        fees=[{"label": samples.text(f"Droit {n}", f"رسم {n}"), "amount_mad": f"{n}.50"} for n in rows],
        legal_basis=[{"title": samples.text(f"Texte {n}", f"نص {n}"), "url": f"https://example.org/{n}"}
                     for n in rows],
    ) for number in rows] + [samples.version(size + 1, "2099-01-01",
                                             title=samples.text("Permis de construire", "رخصة البناء"))]
    return data


PAGES = {  # path: (queries with the page cache empty, queries without a page cache)
    "/fr/procedures/permis-de-construire": (3, 2),
    "/fr/procedures/permis-de-construire?date=2011-06-01": (3, 2),
    "/fr/procedures/permis-de-construire/versions/1": (3, 2),
    "/fr/procedures/permis-de-construire/history": (2, 1),
}


def queries_for(app, client, path, monkeypatch):
    """The statements the page ran, the generations' read (portal/generations.py) included."""
    statements = []

    def count(_connection, _cursor, statement, *_args):
        statements.append(statement)

    reader = app.extensions["masatir.generations"]
    read = reader.read
    monkeypatch.setattr(reader, "read", lambda: count(None, None, "generations") or read())

    with app.app_context():
        pagecache.clear()
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(path)
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200, path
    return len(statements), response


@pytest.mark.parametrize("cached", [True, False], ids=["page-cache-empty", "no-page-cache"])
@pytest.mark.parametrize("size", [1, 9])
@pytest.mark.parametrize("path", PAGES)
def test_a_procedure_page_costs_the_same_queries_however_much_it_lists(app, client, monkeypatch, path, size, cached):
    monkeypatch.setitem(app.config, "PAGE_CACHE", cached)
    with app.app_context():
        samples.load(catalogue_with(size))
    counted, response = queries_for(app, client, path, monkeypatch)
    assert counted == PAGES[path][0 if cached else 1], f"{path}: {counted} queries"
    page = text_of(response)
    if "history" in path:
        assert all(f"Version {n}" in page for n in range(1, size + 2))
    else:  # everything the version lists is on its page, in order
        listed = [f"Pièce {n}" for n in range(1, size + 1)] + [f"Étape {n}" for n in range(1, size + 1)]
        listed += [f"Droit {n}" for n in range(1, size + 1)] + [f"Texte {n}" for n in range(1, size + 1)]
        listed += [f"Public {n}" for n in range(1, size + 1)]
        places = [page.find(words) for words in listed]
        assert -1 not in places and places == sorted(places), listed
