"""A draft that passes the checks must publish, or be refused with a message: never a 500.

What the editor's form accepts and the law's checks let through is what the reviewer publishes;
the catalogue's format (``VersionSchema``) and the database's columns must not refuse it later.
"""
import pytest

from tests.attacks.helpers import assert_safe_page
from tests.attacks.test_escaping import draft_fields
from tests.office_fixtures import csrf_token

PLAIN = {"fr": "Texte", "ar": "نص"}
CASES = {
    "a text of 5,000 characters": {"title-fr": "x" * 5000},
    "silence after 1,000 days": {"silence": "refusal", "silence_days": "1000"},
    "an intranet address": {"filing-online_url": "http://intranet/guichet"},
    "a one-letter top-level domain": {"legal_basis-0-url": "http://bo.m/loi"},
    "markup in an address": {"legal_basis-0-url": "https://www.sgg.gov.ma/\"><script>alert(1)</script>"},
    "a fee of 10^30 dirhams": {"fees-stated": "paid", "fees-0-label-fr": "Droit", "fees-0-label-ar": "رسم",
                                "fees-0-amount_mad": "1e30"},
    "a tacit authority of 5,000 characters": {"silence": "approval", "tacit_authority-fr": "x" * 5000,
                                               "tacit_authority-ar": "ي"},
    "a text in an unknown language": {"title-zz": "x"},
    "minus zero days": {"processing_days": "-0"},
    "a quantity of 30 digits": {"documents-0-quantity": "9" * 30},
    "Arabic-Indic digits": {"processing_days": "٢"},
    "a fee of NaN": {"fees-stated": "paid", "fees-0-label-fr": "Droit", "fees-0-label-ar": "رسم",
                      "fees-0-amount_mad": "NaN"},
}


def case_params():
    return [pytest.param(fields, id=name) for name, fields in CASES.items()]


@pytest.mark.parametrize("fields", case_params())
def test_a_checked_draft_publishes_or_is_refused_clearly(app, as_role, fields):
    editor, reviewer = as_role("editor"), as_role("reviewer")
    listing = editor.get("/fr/office/procedures/")
    draft_url = editor.post("/fr/office/procedures/extrait-acte-naissance/new-version",
                            data={"csrf_token": csrf_token(listing)}).headers["Location"]
    draft_id = int(draft_url.rstrip("/").rsplit("/", 1)[-1])
    data = {**draft_fields(PLAIN), **fields, "action": "submit", "csrf_token": csrf_token(editor.get(draft_url))}
    submitted = editor.post(draft_url, data=data)
    assert_safe_page(submitted)
    if submitted.status_code != 302:  # refused at submission, with the field marked
        assert submitted.status_code == 200 and 'aria-invalid="true"' in submitted.get_data(as_text=True)
        return
    review = reviewer.get(f"/fr/office/review/{draft_id}")
    assert_safe_page(review)
    published = reviewer.post(f"/fr/office/review/{draft_id}/publish", data={
        "csrf_token": csrf_token(review), "effective_from": "2026-11-23",
        "change_note-fr": "Note", "change_note-ar": "ملاحظة"})
    assert_safe_page(published)
    assert published.status_code in (302, 400)
    if published.status_code == 302:
        assert_safe_page(app.test_client().get("/fr/procedures/extrait-acte-naissance"))
        assert app.test_client().get("/api/v1/procedures/extrait-acte-naissance").status_code == 200
