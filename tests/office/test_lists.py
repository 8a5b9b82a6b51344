"""Administrators keep administrations, themes and synonyms; each change is audited."""
import sqlalchemy as sa

from portal.audit.models import AuditEntry
from portal.extensions import db
from procedures.catalogue.models import Theme
from tests.office_fixtures import csrf_token
from tests.pages import text_of


def test_an_admin_adds_a_theme_then_renames_it(app, as_role, lang):
    admin = as_role("admin", lang)
    page = admin.get(f"/{lang}/office/themes/")
    response = admin.post(f"/{lang}/office/themes/", data={"key": "sante", "choice": "national", "name-fr": "Santé",
                                                           "name-ar": "الصحة", "csrf_token": csrf_token(page)})
    assert response.status_code == 302
    page = admin.get(f"/{lang}/office/themes/?edit=sante")
    admin.post(f"/{lang}/office/themes/", data={"key": "sante", "choice": "national", "name-fr": "Santé publique",
                                                "name-ar": "الصحة العمومية", "csrf_token": csrf_token(page)})
    with app.app_context():
        assert db.session.scalar(sa.select(Theme).filter_by(slug="sante")).name["fr"] == "Santé publique"
        assert db.session.query(AuditEntry).filter_by(action="themes_saved").count() == 2
    assert "Santé publique" in text_of(app.test_client().get("/fr/themes/"))


def test_a_name_is_needed_in_both_languages(app, as_role, lang):
    admin = as_role("admin", lang)
    page = admin.get(f"/{lang}/office/administrations/")
    response = admin.post(f"/{lang}/office/administrations/", data={
        "key": "anrt", "choice": "agency", "name-fr": "ANRT", "name-ar": "", "csrf_token": csrf_token(page)})
    assert response.status_code == 400
    assert {"fr": "Obligatoire", "ar": "مطلوب"}[lang] in text_of(response)


def test_synonyms_are_data_an_admin_edits_and_search_uses(app, as_role):
    admin = as_role("admin")
    page = admin.get("/fr/office/synonyms/")
    response = admin.post("/fr/office/synonyms/", data={"key": "acte-naissance-darija", "csrf_token": csrf_token(page),
                                                        "terms": "extrait d'acte de naissance\nlakhrij"})
    assert response.status_code == 302
    found = app.test_client().get("/api/v1/search?q=lakhrij&lang=fr").get_json()
    assert "extrait-acte-naissance" in [result["slug"] for result in found["results"]]
    page = admin.get("/fr/office/synonyms/")
    admin.post("/fr/office/synonyms/acte-naissance-darija/remove", data={"csrf_token": csrf_token(page)})
    assert "acte-naissance-darija" not in admin.get("/fr/office/synonyms/").get_data(as_text=True)
