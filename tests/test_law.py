"""The law's rules at publication: what blocks, what only warns, and on which field."""
import pytest

from procedures.law import check_version
from tests.samples import text, version


def codes(findings, severity="error"):
    return {(f.field, f.code) for f in findings if f.severity == severity}


def with_document(fr, ar, form="copy", quantity=1):
    data = version()
    data["documents"].append({"name": text(fr, ar), "form": form, "quantity": quantity, "note": None})
    return data


def test_a_compliant_version_has_no_finding():
    assert check_version(version()) == []


@pytest.mark.parametrize("days, investment, expected", [
    (60, False, set()), (61, False, {("processing_days", "deadline_over_cap")}),
    (30, True, set()), (31, True, {("processing_days", "deadline_over_investment_cap")}),
    (None, False, {("processing_days", "missing_deadline")}),
])
def test_deadline_caps_of_article_16(days, investment, expected):
    assert codes(check_version(version(processing_days=days, investment=investment))) == expected


@pytest.mark.parametrize("fr, ar, code", [
    ("Copie conforme du diplôme", "نسخة من الشهادة", "certified_copy"),
    ("Copie certifiée de l'acte", "نسخة من العقد", "certified_copy"),
    ("Diplôme", "نسخة مطابقة للأصل من الشهادة", "certified_copy"),
    ("Diplôme", "نُسخة مُطابِقة لِلأَصل", "certified_copy"),  # with diacritics
    ("Contrat", "عقد مصادق عليه", "certified_copy"),
    ("Engagement avec signature légalisée", "التزام", "legalised_signature"),
    ("Engagement (LEGALISATION de signature)", "التزام", "legalised_signature"),  # capitals, no accent
    ("Engagement", "التزام مع تصحيح الإمضاء", "legalised_signature"),
    ("Engagement", "التزام مصحح الامضاء", "legalised_signature"),
    ("Extrait du Bulletin officiel", "مستخرج", "official_bulletin"),
    ("Texte", "نسخة من الجريدة الرسمية", "official_bulletin"),
])
def test_article_7_forbids_certified_copies_legalised_signatures_and_the_bulletin(fr, ar, code):
    assert (("documents[2].name", code) in codes(check_version(with_document(fr, ar))))


def test_only_one_copy_of_a_document_may_be_asked():
    assert ("documents[2].quantity", "more_than_one_copy") in codes(
        check_version(with_document("Plan de situation", "تصميم الموقع", quantity=3)))
    assert codes(check_version(with_document("Photo d'identité", "صورة", form="original", quantity=2))) == set()


def test_a_document_listed_twice_is_refused_even_spelt_differently():
    data = with_document("LIVRET DE FAMILLE", "الدفتر العائلي")
    assert ("documents[2].name", "duplicate_document") in codes(check_version(data))


@pytest.mark.parametrize("fr, ar", [
    ("Extrait d'acte de naissance", "نسخة موجزة من رسم الولادة"),
    ("Certificat de résidence", "شهادة السكنى"),
    ("Justificatif", "عقد الازدياد"),
    ("Extrait du casier judiciaire", "بطاقة السوابق"),
])
def test_documents_another_administration_holds_give_a_warning_not_an_error(fr, ar):
    findings = check_version(with_document(fr, ar))
    assert codes(findings) == set()
    assert ("documents[2].name", "held_elsewhere") in codes(findings, "warning")


def test_what_must_always_be_stated():
    data = version()
    data.update(fees=None, legal_basis=[], silence=None)
    assert codes(check_version(data)) == {("fees", "fees_not_stated"), ("legal_basis", "no_legal_basis"),
                                          ("silence", "silence_not_stated")}


def test_errors_come_before_warnings():
    data = with_document("Certificat de résidence", "شهادة السكنى")
    data["processing_days"] = 90
    severities = [f.severity for f in check_version(data)]
    assert severities == sorted(severities)  # "error" < "warning"
