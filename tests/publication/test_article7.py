"""Law 55-19 art. 7 as data: the wordings it forbids are refused however they are written, in French and
Arabic, and the commission extends the list without touching the code; every check reads the same list."""
import pytest
import sqlalchemy as sa

from portal.audit.models import AuditEntry
from portal.extensions import db
from procedures.catalogue import article7
from procedures.law import article7_findings
from procedures.publication.checks import check_draft
from procedures.publication.content import empty
from tests.office_fixtures import csrf_token
from tests.samples import text, version


@pytest.mark.parametrize("wording, code", [
    ("Extrait du B.O.", "official_bulletin"),
    ("Extrait du b.o", "official_bulletin"),
    ("Copie authentifiée de la CNIE", "certified_copy"),
    ("COPIES AUTHENTIFIEES", "certified_copy"),
    ("Plans visés par l'autorité locale", "certified_copy"),
    ("Dossier en trois exemplaires", "several_copies"),
    ("Demande en 3 exemplaires", "several_copies"),
    ("Copie certifiée conforme légalisée", "certified_copy"),
    ("Copie certifiée conforme légalisée", "legalised_signature"),
    ("نسخة من الجريدة الرسمية", "official_bulletin"),
    ("مستخرج من الجريده الرسميه", "official_bulletin"),  # ha for ta marbuta
    ("الملف في ثلاث نسخ", "several_copies"),
    ("عقد البيع في نظيرين", "several_copies"),
    ("التزام مصادق على توقيعه", "legalised_signature"),
    ("نُسخة مُطابِقة لِلأَصل", "certified_copy"),
])
def test_forbidden_wordings_are_refused_however_written(wording, code):
    assert code in dict(article7_findings(wording))


@pytest.mark.parametrize("wording", [
    "Copie de la carte nationale", "Bon de commande", "Plan de situation", "Obole", "نسخة من البطاقة الوطنية",
    "Bordereau de versement", "Une copie du contrat",
])
def test_ordinary_documents_pass(wording):
    assert article7_findings(wording) == []


def test_the_commission_extends_the_list_in_both_languages_and_every_check_follows(app, as_role, lang):
    reviewer = as_role("reviewer", lang)
    page = reviewer.get(f"/{lang}/office/article7/")
    assert page.status_code == 200
    note_fr, note_ar = "Attestation portant le CACHET de la Préfecture", "شهادة تحمل خاتم العمالة"
    with app.app_context():
        assert article7.findings(note_fr) == [] and article7.findings(note_ar) == []
    for wording in ("cachet de la préfecture", "خاتم العمالة"):
        response = reviewer.post(f"/{lang}/office/article7/", data={
            "code": "certified_copy", "wording": wording, "csrf_token": csrf_token(page)})
        assert response.status_code == 302
    again = reviewer.post(f"/{lang}/office/article7/", data={
        "code": "certified_copy", "wording": "Cachet de la prefecture", "csrf_token": csrf_token(page)})
    assert again.status_code == 400 and 'role="alert"' in again.get_data(as_text=True)
    assert "خاتم العمالة" in reviewer.get(f"/{lang}/office/article7/").get_data(as_text=True)
    with app.app_context():
        assert dict(article7.findings(note_fr)) == {"certified_copy": "cachet de la prefecture"}
        assert "certified_copy" in dict(article7.findings(note_ar))
        draft = {**empty(), **version()}
        draft["documents"].append({"name": text(note_fr, "شهادة"), "form": "original", "quantity": 1, "note": None})
        last = f"documents[{len(draft['documents']) - 1}].name"
        assert (last, "certified_copy") in {(f.field, f.code) for f in check_draft(draft)}
        entries = db.session.scalars(sa.select(AuditEntry).filter_by(action="article7_wording_added")).all()
        assert len(entries) == 2


def test_only_the_commission_extends_the_list(as_role):
    editor = as_role("editor")
    assert editor.get("/fr/office/article7/").status_code == 403
