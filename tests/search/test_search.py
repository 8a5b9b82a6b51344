"""Search as a citizen uses it: forgiving spelling, synonyms, facets, pages, suggestions."""
from datetime import date

import pytest

from portal.extensions import db
from procedures import clock
from procedures.search import analysis, engine, indexing, synonyms, usage
from tests import samples
from tests.pages import parse
from tests.search.conftest import search, slugs


def test_a_query_in_either_language_finds_the_procedure(client, sample, lang):
    for query in ("permis de construire", "رخصة البناء", "رخصة بناء", "PERMIS CONSTRUIRE"):
        assert slugs(search(client, query, lang))[:1] == ["permis-de-construire"]


def test_results_are_in_the_requested_language_as_text_with_matches_located(client, sample):
    result = search(client, "رخصة بناء", "fr")["results"][0]
    assert result["title"] == "Permis de construire" and "score" in result
    result = search(client, "construire", "ar")["results"][0]
    assert result["title"] == "رخصة البناء"
    assert highlighted(search(client, "رخصة بناء", "ar")["results"][0], "title") == ["رخصة", "البناء"]
    result = search(client, "naissance", "fr")["results"][0]
    assert result["title"] == "Extrait d'acte de naissance"  # text, not HTML: no &#39;, no <mark>
    assert highlighted(result, "title") == ["naissance"]
    assert "construire" in [word.lower() for word in highlighted(search(client, "construire")["results"][0], "summary")]


def highlighted(result, field):
    return [result[field][start:end] for start, end in result["highlights"][field]]


def test_typos_still_find_the_procedure_and_suggest_the_right_spelling(client, sample, lang):
    body = search(client, "permis construir", lang)
    assert slugs(body)[:1] == ["permis-de-construire"]
    body = search(client, "extrait d'acte de naissence", lang)
    assert slugs(body)[:1] == ["extrait-acte-naissance"]
    assert body["suggestion"] == "extrait d'acte de naissance"
    assert slugs(search(client, "permsi de construire", lang))[:1] == ["permis-de-construire"]  # swapped letters


def test_exact_queries_are_not_flooded_by_near_words(client, sample):
    body = search(client, "naissance", "fr")
    assert slugs(body) == ["extrait-acte-naissance"] and body["suggestion"] is None
    assert search(client, "acta", "fr")["total"] == 0  # short words are not stretched to "acte"


def test_acronyms_and_synonyms_are_data_an_administrator_maintains(client, app, sample):
    assert slugs(search(client, "عقد الازدياد"))[:1] == ["extrait-acte-naissance"]  # seed: رسم الولادة
    assert len(slugs(search(client, "kounache"))) == 2  # read as الكناش, the seed's synonym of the livret
    assert search(client, "booklet")["total"] == 0
    with app.app_context():
        synonyms.add_synonym("family-book-english", ["booklet", "livret de famille"])
        db.session.commit()
        assert "family-book-english" in [group.key for group in synonyms.list_synonyms()]
    assert len(slugs(search(client, "booklet"))) == 2  # both list the livret de famille among their documents
    with app.app_context():
        assert synonyms.remove_synonym("family-book-english")
        db.session.commit()
    assert search(client, "booklet")["total"] == 0


def test_a_synonym_group_is_checked_before_it_is_stored(app, ctx):
    for key, terms in (("Bad Key", ["a b", "c d"]), ("lonely", ["cnie"]), ("stop-words", ["de la", "cnie"])):
        with pytest.raises(synonyms.InvalidSynonym):
            synonyms.add_synonym(key, terms)


def test_loading_the_seed_twice_changes_nothing(app, ctx):
    assert synonyms.load_seed() > 10
    assert synonyms.load_seed() == 0


def test_facets_count_and_combine_with_the_query(client, sample):
    body = search(client, "carte nationale", "fr")
    assert body["total"] == 2  # both list the identity card among their documents
    themes = {value["value"]: value["count"] for value in body["facets"]["theme"]}
    assert themes == {"civil-status": 1, "town-planning": 1}
    assert {value["value"]: value["count"] for value in body["facets"]["free"]} == {True: 1, False: 1}
    assert "Urbanisme" in [value["name"] for value in body["facets"]["theme"]]
    assert slugs(search(client, "carte nationale", "fr", theme="town-planning")) == ["permis-de-construire"]
    assert slugs(search(client, "carte nationale", "fr", free="true")) == ["extrait-acte-naissance"]
    assert slugs(search(client, "carte nationale", "fr", online="true", audience="businesses")) == [
        "permis-de-construire"]
    assert search(client, "carte nationale", "fr", maturity=1)["total"] == 0


def test_results_come_in_pages(client, sample):
    first = search(client, "carte nationale", "fr", per_page=1)
    second = search(client, "carte nationale", "fr", per_page=1, page=2)
    assert first["total"] == second["total"] == 2 and first["pages"] == 2
    assert len(first["results"]) == len(second["results"]) == 1
    assert slugs(first) != slugs(second)


@pytest.mark.parametrize("params, field", [
    ({}, "q"), ({"q": ""}, "q"), ({"q": "x" * 201}, "q"), ({"q": "a", "page": 0}, "page"),
    ({"q": "a", "page": "two"}, "page"), ({"q": "a", "maturity": 9}, "maturity"), ({"q": "a", "lang": "en"}, "lang"),
    ({"q": "a", "free": "maybe"}, "free"), ({"q": "a", "per_page": 500}, "per_page"), ({"q": "a", "sort": "x"}, "sort"),
])
def test_bad_parameters_are_refused_with_their_names(client, params, field):
    response = client.get("/api/v1/search", query_string=params)
    assert response.status_code == 400 and field in response.get_json()["error"]["fields"]


def suggest(client, q, lang="fr"):
    response = client.get("/api/v1/suggest", query_string={"q": q, "lang": lang})
    assert response.status_code == 200
    body = response.get_json()
    return [item["slug"] for item in body["suggestions"]], body["words"]


def test_suggestions_complete_the_last_word_from_titles_then_documents(client, sample):
    assert suggest(client, "perm")[0] == ["permis-de-construire"]
    assert suggest(client, "رخصة الب", "ar")[0] == ["permis-de-construire"]
    # The article is not part of the prefix; البناء is in a title, البطاقة in both lists of documents.
    assert suggest(client, "الب", "ar")[0] == ["permis-de-construire", "extrait-acte-naissance"]
    assert suggest(client, "extrait d'ac")[0] == ["extrait-acte-naissance"]
    assert suggest(client, "liv") == (["permis-de-construire", "extrait-acte-naissance"], ["livret"])  # documents
    assert suggest(client, "x") == ([], []) and suggest(client, "zzzz") == ([], [])
    assert client.get("/api/v1/suggest").status_code == 400


@pytest.mark.parametrize("q, slug, word", [
    ("a", None, None), ("p", None, None), ("pas", "passeport-biometrique", "passeport"),
    ("ce", "certificat-de-vie", "certificat"), ("lotis", "autorisation-de-lotir", "lotissement"),
    ("lég", "legalisation-signature", "légalisation"), ("تصح", "legalisation-signature", "تصحيح"),
])
def test_every_prefix_gets_suggestions_even_one_letter_or_a_stop_word(client, demo, q, slug, word):
    slugs_found, words = suggest(client, q)
    assert len(set(slugs_found)) == len(slugs_found) >= (8 if len(q) == 1 else 1)
    assert words and all(analysis.fold(w).replace("ال", "", 1).startswith(analysis.fold(q)) for w in words)
    if slug:
        assert slug in slugs_found and word in words


def test_suggestions_put_first_the_words_people_search(client, demo, lang):
    before = suggest(client, "ci")[1]
    assert before[0] != "cimetière"
    for _time in range(3):
        assert client.get(f"/{lang}/search", query_string={"q": "cimetiere"}).status_code == 200
    assert client.get(f"/{lang}/search", query_string={"q": "cimetiere xyzzy-name 0612345678"}).status_code == 200
    slugs_found, words = suggest(client, "ci")
    assert words[0] == "cimetière" and "cimetiere" in slugs_found[0]
    with client.application.app_context():
        counted = usage.uses()
    assert counted["cimetiere"] == 4 and not any("xyzzy" in word or "0612" in word for word in counted)


def test_the_search_page_works_without_javascript(client, sample, lang):
    html = client.get(f"/{lang}/search?q=رخصة+بناء").get_data(as_text=True)
    assert {"ar": "رخصة البناء", "fr": "Permis de construire"}[lang] in html
    document = parse(html)  # the filters are checkboxes of a form sent by GET
    boxes = [(field.get("name"), field.get("value")) for field in document.iter("{http://www.w3.org/1999/xhtml}input")
             if field.get("type") == "checkbox"]
    assert ("theme", "town-planning") in boxes
    filtered = client.get(f"/{lang}/search", query_string={"q": "رخصة بناء", "theme": "town-planning"})
    filtered = filtered.get_data(as_text=True)
    assert 'value="town-planning" checked' in filtered and "search.js" in filtered
    assert "<script>" not in filtered  # suggestions come from an external file only


def test_the_page_offers_the_right_spelling(client, sample, lang):
    html = client.get(f"/{lang}/search?q=permis+construir").get_data(as_text=True)
    assert 'class="did-you-mean"' in html and "q=permis+construire" in html


def test_an_empty_query_shows_the_form(client, lang):
    response = client.get(f"/{lang}/search")
    assert response.status_code == 200 and 'role="search"' in response.get_data(as_text=True)


def test_publishing_and_withdrawing_update_the_index_without_a_rebuild(client, app, sample):
    assert search(client, "carte nationale")["total"] == 2  # builds the index
    data = samples.catalogue()
    data["procedures"][0]["versions"].append(samples.version(
        2, clock.today().isoformat(),
        title=samples.text("Extrait d'acte de naissance plurilingue", "نسخة موجزة متعددة اللغات")))
    with app.app_context():
        samples.load(data)
        before = engine.current().store.current()
        procedure_id = db.session.execute(db.select(samples_procedure_id("extrait-acte-naissance"))).scalar()
        indexing.reindex_procedure(procedure_id)
        assert engine.current().store.current() == before  # no rebuild
        assert slugs(search(client, "plurilingue")) == ["extrait-acte-naissance"]
        from procedures.catalogue.models import Procedure
        db.session.get(Procedure, procedure_id).withdrawn_on = clock.today()  # a withdrawal, committed
        db.session.commit()
        indexing.remove_procedure(procedure_id)
        body = engine.current().backend().stamps()
        assert procedure_id not in body
        assert search(client, "plurilingue")["total"] == 0


def samples_procedure_id(slug):
    from procedures.catalogue.models import Procedure

    return db.select(Procedure.id).where(Procedure.slug == slug).scalar_subquery()


def test_a_scheduled_version_replaces_the_old_one_on_its_day(client, sample, monkeypatch):
    assert slugs(search(client, "construire", maturity=3)) == ["permis-de-construire"]
    monkeypatch.setattr(clock, "today", lambda: date(2027, 1, 1))  # version 3 (fully online) takes effect
    assert slugs(search(client, "construire", maturity=4)) == ["permis-de-construire"]
    assert search(client, "construire", maturity=3)["total"] == 0


def test_the_index_follows_the_database_when_nobody_told_it(client, app, sample):
    assert search(client, "construire")["total"] == 1
    data = samples.catalogue()
    data["procedures"] = [{"code": "CT-003", "slug": "permis-de-demolir", "administration": "communes",
                           "theme": "town-planning", "audiences": ["citizens"],
                           "versions": [samples.version(title=samples.text("Permis de démolir", "رخصة الهدم"))]}]
    with app.app_context():
        samples.load(data)
    assert slugs(search(client, "permis demolir")) == ["permis-de-demolir"]


def test_an_index_built_by_another_analyser_is_rebuilt(client, app, sample, monkeypatch):
    search(client, "construire")
    with app.app_context():
        first = engine.current().store.current()
    monkeypatch.setattr(analysis, "VERSION", analysis.VERSION + 1)
    # A new analyser comes with a deployment: new workers, whose front doors remember nothing yet.
    app.extensions["masatir.door"].clear()
    assert slugs(search(client, "construire")) == ["permis-de-construire"]
    with app.app_context():
        assert engine.current().store.current() != first


def test_the_rebuild_command_shows_progress_and_swaps_atomically(app, sample, client):
    search(client, "construire")
    with app.app_context():
        before = engine.current().store.current()
    result = app.test_cli_runner().invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Indexing procedures" in result.output and "2 procedure(s) indexed" in result.output
    with app.app_context():
        after = engine.current().store.current()
        assert after != before and after.exists()
    assert slugs(search(client, "construire")) == ["permis-de-construire"]


def test_the_update_command_loads_synonyms_and_builds_a_missing_index(app, sample):
    result = app.test_cli_runner().invoke(args=["search", "update"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert engine.current().store.current() is not None
