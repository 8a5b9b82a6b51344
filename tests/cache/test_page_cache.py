"""Public pages are kept and revalidated, and every change reaches them at once, on every process.

Two applications (two ``create_app``, as two workers or two nodes) share the database and the page cache;
what one publishes, withdraws, renames or adds, the other shows on its next answer, and what it did not
touch keeps its tag and is not rendered again.
"""
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from portal import create_app, transaction
from portal.extensions import db
from procedures import clock
from procedures.catalogue import views
from procedures.catalogue.models import Procedure, Theme
from procedures.publication import operations
from procedures.search import synonyms
from tests import samples
from tests.conftest import TODAY
from tests.office_fixtures import PEOPLE
from tests.pages import text_of

PUBLIC = ["/{lang}/", "/{lang}/themes/", "/{lang}/themes/civil-status", "/{lang}/administrations/",
          "/{lang}/administrations/communes", "/{lang}/audiences/citizens", "/{lang}/procedures/permis-de-construire",
          "/{lang}/procedures/permis-de-construire/history", "/{lang}/procedures/permis-de-construire/versions/1",
          "/{lang}/search?q=permis", "/api/v1/search?q=permis&lang={lang}", "/api/v1/procedures",
          "/api/v1/procedures/permis-de-construire", "/api/v1/themes"]


@pytest.fixture
def other(app):
    """A second application on the same database and the same page cache: another worker, another node."""
    second = create_app({key: app.config[key] for key in (
        "TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "UPLOAD_DIR", "PAGE_CACHE_DIR", "SEARCH_INDEX_DIR")})
    yield second
    with second.app_context():
        db.engine.dispose()


@pytest.fixture
def renders(monkeypatch):
    """The templates the catalogue's pages render, in order."""
    done = []
    real = views.render_template

    def counting(name, **context):
        done.append(name)
        return real(name, **context)

    monkeypatch.setattr(views, "render_template", counting)
    return done


@pytest.mark.parametrize("path", PUBLIC)
def test_every_public_page_has_a_strong_tag_and_answers_304_without_a_cookie(client, office, lang, path):
    first = client.get(path.format(lang=lang))
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{16,}"', etag)  # strong
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    assert "stale-while-revalidate=" in first.headers["Cache-Control"]
    assert "Set-Cookie" not in first.headers and "Cookie" not in first.headers.get("Vary", "")
    again = client.get(path.format(lang=lang), headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["ETag"] == etag and not again.data
    weak = client.get(path.format(lang=lang), headers={"If-None-Match": "W/" + etag})  # as gzip in nginx makes it
    assert weak.status_code == 304


def test_the_two_languages_and_two_procedures_have_their_own_tags(client, office):
    tags = {client.get(path).headers["ETag"] for path in (
        "/fr/procedures/permis-de-construire", "/ar/procedures/permis-de-construire",
        "/fr/procedures/extrait-acte-naissance", "/fr/procedures/permis-de-construire?date=2022-01-01")}
    assert len(tags) == 4


def test_personal_pages_and_signed_in_agents_are_never_stored(app, client, office, as_role, lang):
    assert client.get(f"/{lang}/track").headers["Cache-Control"] == "no-store"
    agent = as_role("editor", lang)
    sheet = agent.get(f"/{lang}/procedures/permis-de-construire")
    assert sheet.status_code == 200 and "ETag" not in sheet.headers
    assert sheet.headers["Cache-Control"] == "no-store"
    logout = re.search(r'action="([^"]*logout[^"]*)"', sheet.get_data(as_text=True)).group(1)
    public = client.get(f"/{lang}/procedures/permis-de-construire").get_data(as_text=True)
    assert logout not in public  # the kept page never shows someone's session


def test_the_feedback_form_and_the_language_switch_set_no_cookie(client, office, lang):
    sheet = client.get(f"/{lang}/procedures/permis-de-construire")
    html = sheet.get_data(as_text=True)
    assert 'class="feedback"' in html and "csrf_token" not in html
    assert "Set-Cookie" not in sheet.headers
    other_language = {"fr": "ar", "ar": "fr"}[lang]
    assert f'href="/{other_language}/procedures/permis-de-construire"' in html
    switched = client.get(f"/{other_language}/procedures/permis-de-construire")
    assert "Set-Cookie" not in switched.headers and switched.headers["Cache-Control"].startswith("public")


def account(name):
    from portal.auth.models import Account
    return db.session.scalar(sa.select(Account).where(Account.email == PEOPLE[name][0]))


def publish_new_title(slug, fr, ar, effective_from=TODAY):
    """The workflow, through its operations: an editor's draft, submitted, published by the commission."""
    procedure = db.session.scalar(sa.select(Procedure).where(Procedure.slug == slug))
    draft = operations.start_version(account("editor"), procedure)
    content = dict(draft.content)
    content["title"] = {"fr": fr, "ar": ar}
    operations.save(account("editor"), draft, content)
    operations.submit(account("editor"), draft)
    operations.publish(account("reviewer"), draft, effective_from, {"fr": "Nouveau titre", "ar": "عنوان جديد"})
    transaction.commit()


def test_a_publication_shows_at_once_on_every_process_and_nothing_else_is_rendered_again(
        app, other, office, lang, renders):
    one, two = app.test_client(), other.test_client()
    sheet = f"/{lang}/procedures/extrait-acte-naissance"
    untouched = f"/{lang}/procedures/permis-de-construire"
    kept = {path: two.get(path).headers["ETag"] for path in (sheet, untouched, f"/{lang}/themes/civil-status",
                                                               f"/{lang}/themes/town-planning")}
    assert one.get(sheet).headers["ETag"] == kept[sheet]  # the same tag on both: the same page, kept once
    with app.app_context():
        publish_new_title("extrait-acte-naissance", "Extrait d'acte de naissance (nouveau)", "نسخة موجزة جديدة")
    del renders[:]
    fresh = two.get(sheet)
    assert {"fr": "Extrait d'acte de naissance (nouveau)", "ar": "نسخة موجزة جديدة"}[lang] in text_of(fresh)
    assert fresh.headers["ETag"] != kept[sheet]
    assert two.get(f"/{lang}/themes/civil-status").headers["ETag"] != kept[f"/{lang}/themes/civil-status"]
    assert renders == ["sheet.html", "listing.html"]
    # Unaffected pages keep their tag (a browser's copy is still good) and are not rendered again.
    assert two.get(untouched, headers={"If-None-Match": kept[untouched]}).status_code == 304
    assert two.get(f"/{lang}/themes/town-planning").headers["ETag"] == kept[f"/{lang}/themes/town-planning"]
    assert renders == ["sheet.html", "listing.html"]
    found = two.get("/api/v1/search", query_string={"q": "nouveau", "lang": lang}).get_json()
    assert [result["slug"] for result in found["results"]] == ["extrait-acte-naissance"]


def test_a_withdrawal_shows_at_once_on_every_process(app, other, office, lang):
    one, two = app.test_client(), other.test_client()
    assert two.get(f"/{lang}/procedures/extrait-acte-naissance").status_code == 200
    home = two.get(f"/{lang}/")
    with app.app_context():
        procedure = db.session.scalar(sa.select(Procedure).where(Procedure.slug == "extrait-acte-naissance"))
        draft = operations.start_withdrawal(account("editor"), procedure, {"fr": "Remplacée", "ar": "عوضت"})
        operations.submit(account("editor"), draft)
        operations.publish(account("reviewer"), draft, TODAY, None)
        transaction.commit()
    assert two.get(f"/{lang}/procedures/extrait-acte-naissance").status_code == 410
    assert one.get(f"/{lang}/procedures/extrait-acte-naissance").status_code == 410
    assert two.get(f"/{lang}/").headers["ETag"] != home.headers["ETag"]  # its counts changed
    listing = two.get(f"/{lang}/themes/civil-status")
    assert "extrait-acte-naissance" not in listing.get_data(as_text=True)


def test_a_version_takes_effect_at_midnight_without_anyone_writing(app, other, office, lang, monkeypatch):
    with app.app_context():
        publish_new_title("extrait-acte-naissance", "Extrait (dès demain)", "نسخة (من الغد)",
                          effective_from=TODAY + timedelta(days=1))
    two = other.test_client()
    today = two.get(f"/{lang}/procedures/extrait-acte-naissance")
    assert "Extrait (dès demain)" not in text_of(today) or lang == "ar"
    listing = two.get(f"/{lang}/themes/civil-status").get_data(as_text=True)
    monkeypatch.setattr(clock, "today", lambda: TODAY + timedelta(days=1))  # midnight in Morocco
    tomorrow = two.get(f"/{lang}/procedures/extrait-acte-naissance")
    assert {"fr": "Extrait (dès demain)", "ar": "نسخة (من الغد)"}[lang] in text_of(tomorrow)
    assert tomorrow.headers["ETag"] != today.headers["ETag"]
    assert two.get(f"/{lang}/themes/civil-status").get_data(as_text=True) != listing


def test_a_theme_renamed_shows_at_once_on_every_process(app, other, office, lang):
    two = other.test_client()
    before = {path: two.get(path) for path in (f"/{lang}/", f"/{lang}/themes/civil-status",
                                               f"/{lang}/procedures/extrait-acte-naissance")}
    with app.app_context():
        theme = db.session.scalar(sa.select(Theme).where(Theme.slug == "civil-status"))
        theme.name = {"fr": "État civil et famille", "ar": "الحالة المدنية والأسرة"}
        db.session.commit()
    for path, response in before.items():
        after = two.get(path)
        assert after.headers["ETag"] != response.headers["ETag"]
        assert {"fr": "État civil et famille", "ar": "الحالة المدنية والأسرة"}[lang] in text_of(after)


def test_a_synonym_added_shows_at_once_in_search_on_every_process(app, other, office, lang):
    two = other.test_client()
    assert two.get("/api/v1/search", query_string={"q": "zorglub", "lang": lang}).get_json()["total"] == 0
    page = two.get(f"/{lang}/search", query_string={"q": "zorglub"})
    with app.app_context():
        synonyms.add_synonym("zorglub", ["zorglub", "permis de construire"])
        db.session.commit()
    found = two.get("/api/v1/search", query_string={"q": "zorglub", "lang": lang}).get_json()
    assert "permis-de-construire" in [result["slug"] for result in found["results"]]
    assert "permis-de-construire" in two.get(f"/{lang}/search", query_string={"q": "zorglub"}).get_data(as_text=True)
    assert page.status_code == 200


# No N+1 ------------------------------------------------------------------------------------------------------------

def catalogue_of(size):
    """The sample catalogue, its procedures given ``size`` documents, steps and fees each, and ``size`` more
    procedures (each with ``size`` versions)."""
    data = samples.catalogue()
    rows = range(1, size + 1)
    for procedure in data["procedures"]:
        for version in procedure["versions"]:
            version["documents"] = [{"name": samples.text(f"Pièce {n}", f"وثيقة {n}"), "form": "original",
                                     "quantity": 1, "note": None} for n in rows]
            version["steps"] = [{"actor": samples.text(f"Agent {n}", f"عون {n}"),
                                 "action": samples.text(f"Étape {n}", f"مرحلة {n}")} for n in rows]
            version["fees"] = [{"label": samples.text(f"Droit {n}", f"رسم {n}"), "amount_mad": f"{n}.00"} for n in rows]
    for number in rows:
        data["procedures"].append({
            "code": f"CT-{100 + number}", "slug": f"procedure-{number}", "administration": "communes",
            "theme": "civil-status", "audiences": ["citizens"], "versions": [samples.version(
                n, f"20{10 + n}-01-01", title=samples.text(f"Démarche {number}", f"إجراء {number}"),
                fees=[{"label": samples.text("Droit", "رسم"), "amount_mad": "10.00"}]) for n in rows]})
    return data


def queries_per_page(app, client, paths):
    counted = []

    def count(*_args):
        counted.append(1)

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        found = {}
        for path in paths:
            del counted[:]
            assert client.get(path).status_code == 200, path
            found[path] = len(counted)
        return found
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)


@pytest.mark.parametrize("path", ["/fr/", "/fr/themes/", "/fr/themes/civil-status", "/fr/administrations/",
                                  "/fr/audiences/citizens", "/fr/procedures/permis-de-construire",
                                  "/fr/procedures/permis-de-construire/history",
                                  "/fr/procedures/permis-de-construire/versions/2"])
def test_pages_load_in_as_many_queries_for_a_large_catalogue_as_for_a_small_one(app, client, monkeypatch, path):
    monkeypatch.setitem(app.config, "PAGE_CACHE", False)  # what a render costs
    with app.app_context():
        samples.load(catalogue_of(2))
    small = queries_per_page(app, client, [path])[path]
    with app.app_context():
        db.session.remove()
        from tests.conftest import empty_tables
        with db.engine.begin() as connection:
            empty_tables(connection)
        samples.load(catalogue_of(12))
    large = queries_per_page(app, client, [path])[path]
    assert small == large, f"{path}: {small} queries for the small catalogue, {large} for the large one"
    assert large <= 12
