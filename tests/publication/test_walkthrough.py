"""From draft to publication, as an editor and a reviewer live it, in Arabic and French."""
from datetime import timedelta

import pytest

from procedures import clock
from tests.conftest import TODAY
from tests.office_fixtures import csrf_token
from tests.pages import text_of

SHEET = "/{lang}/procedures/extrait-acte-naissance"



def form_fields(content):
    """The editor form's fields for a draft content (the inverse of the form parser)."""
    data = {}
    for name in ("title", "summary", "eligibility"):
        for lang, words in content[name].items():
            data[f"{name}-{lang}"] = words
    for lang, words in content["filing"]["places"].items():
        data[f"filing-places-{lang}"] = words
    data["filing-online_url"] = content["filing"]["online_url"] or ""
    rows = {"documents": ("name", "note"), "steps": ("actor", "action"), "fees": ("label",),
            "legal_basis": ("title",)}
    for field, texts in rows.items():
        for index, row in enumerate(content[field] or []):
            for text in texts:
                for lang, words in (row.get(text) or {}).items():
                    data[f"{field}-{index}-{text}-{lang}"] = words
            for plain in ("form", "quantity", "amount_mad", "url"):
                if plain in row and row[plain] is not None:
                    data[f"{field}-{index}-{plain}"] = str(row[plain])
    data["fees-stated"] = "free" if content["fees"] == [] else "paid"
    data["processing_days"] = "" if content["processing_days"] is None else str(content["processing_days"])
    data["silence"] = content["silence"] or ""
    data["maturity"] = str(content["maturity"] or "")
    if content["investment"]:
        data["investment"] = "yes"
    return data


def draft_content(app, draft_id):
    from portal.extensions import db
    from procedures.publication.models import Draft
    with app.app_context():
        draft = db.session.get(Draft, draft_id)
        return draft.status, draft.content


MESSAGES = {
    "fr": ["plafonne le traitement à 60 jours", "copies certifiées conformes", "Obligatoire en arabe",
           "Ce document figure déjà"],
    "ar": ["60 يوما", "النسخ المطابقة للأصل", "مطلوب باللغة العربية", "هذه الوثيقة مدرجة"],
}


def test_draft_checks_return_publish_and_take_effect(app, as_role, lang, monkeypatch):
    editor, reviewer = as_role("editor", lang), as_role("reviewer", lang)

    # The editor starts a new version of a procedure of their administration.
    listing = editor.get(f"/{lang}/office/procedures/")
    assert "extrait-acte-naissance" in listing.get_data(as_text=True)
    response = editor.post(f"/{lang}/office/procedures/extrait-acte-naissance/new-version",
                           data={"csrf_token": csrf_token(listing)})
    assert response.status_code == 302
    draft_url = response.headers["Location"]
    draft_id = int(draft_url.rstrip("/").rsplit("/", 1)[-1])
    status, content = draft_content(app, draft_id)
    assert status == "draft" and content["title"]["fr"] == "Extrait d'acte de naissance"

    # A bad draft: 90 days, a certified copy, a document twice, no Arabic title.
    page = editor.get(draft_url)
    bad = form_fields(content)
    bad.update({"processing_days": "90", "title-ar": "", "csrf_token": csrf_token(page), "action": "submit",
                "documents-2-name-fr": "Copie certifiée conforme du diplôme",
                "documents-2-name-ar": "نسخة مطابقة للأصل من الشهادة", "documents-2-form": "copy",
                "documents-3-name-fr": "Livret de famille", "documents-3-name-ar": "الدفتر العائلي"})
    response = editor.post(draft_url, data=bad)
    assert response.status_code == 200
    page_text = text_of(response)
    for message in MESSAGES[lang]:
        assert message in page_text, message
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    status, saved = draft_content(app, draft_id)
    assert status == "draft" and saved["processing_days"] == 90  # nothing typed is lost

    # Fixed and submitted.
    good = form_fields(content)
    good.update({"processing_days": "2", "csrf_token": csrf_token(response), "action": "submit",
                 "summary-fr": "Obtenir un extrait, délivré en urgence.",
                 "summary-ar": "الحصول على نسخة موجزة بصفة استعجالية."})
    assert editor.post(draft_url, data=good).status_code == 302
    assert draft_content(app, draft_id)[0] == "submitted"
    assert editor.post(draft_url, data={**good, "processing_days": "1"}).status_code == 200  # locked now

    # The reviewer sees it, with the difference, and returns it with a comment.
    queue = reviewer.get(f"/{lang}/office/review/")
    assert f"/office/review/{draft_id}" in queue.get_data(as_text=True)
    review = reviewer.get(f"/{lang}/office/review/{draft_id}")
    assert 'class="diff-row changed"' in review.get_data(as_text=True)
    comment = {"fr": "Précisez le délai", "ar": "يرجى توضيح الأجل"}[lang]
    response = reviewer.post(f"/{lang}/office/review/{draft_id}/return",
                             data={"comment": comment, "csrf_token": csrf_token(review)})
    assert response.status_code == 302 and draft_content(app, draft_id)[0] == "returned"

    # The editor sees the comment and resubmits.
    page = editor.get(draft_url)
    assert comment in text_of(page)
    good["csrf_token"] = csrf_token(page)
    assert editor.post(draft_url, data=good).status_code == 302

    # The reviewer publishes it from a future date, with a public change note.
    review = reviewer.get(f"/{lang}/office/review/{draft_id}")
    effective = TODAY + timedelta(days=10)
    response = reviewer.post(f"/{lang}/office/review/{draft_id}/publish", data={
        "effective_from": effective.isoformat(), "change_note-fr": "Délai de deux jours",
        "change_note-ar": "أجل يومين", "csrf_token": csrf_token(review)})
    assert response.status_code == 302 and draft_content(app, draft_id)[0] == "published"

    # Until that date the sheet shows the version in force, and announces the next.
    public = app.test_client()
    before = text_of(public.get(SHEET.format(lang=lang)))
    assert {"fr": "sur place", "ar": "في الحين"}[lang] in before
    assert {"fr": "3 décembre 2026", "ar": "3 دجنبر 2026"}[lang] in before

    early = public.get("/api/v1/search?q=urgence&lang=fr").get_json()
    assert early["total"] == 0, early

    # On that date the new version is the one in force, in the sheet and in search, and the history shows both.
    monkeypatch.setattr(clock, "today", lambda: effective)
    found = public.get("/api/v1/search?q=urgence&lang=fr").get_json()
    assert [result["slug"] for result in found["results"]] == ["extrait-acte-naissance"]
    after = text_of(public.get(SHEET.format(lang=lang)))
    assert {"fr": "2 jours", "ar": "يومان"}[lang] in after
    assert public.get("/api/v1/procedures/extrait-acte-naissance").get_json()["version"]["number"] == 2
    history = public.get(f"/{lang}/procedures/extrait-acte-naissance/history").get_data(as_text=True)
    assert "/versions/1" in history and "/versions/2" in history
    assert {"fr": "Délai de deux jours", "ar": "أجل يومين"}[lang] in history


@pytest.mark.parametrize("lang", ["fr"])
def test_a_published_date_in_the_past_is_refused(app, as_role, lang):
    editor, reviewer = as_role("editor", lang), as_role("reviewer", lang)
    listing = editor.get(f"/{lang}/office/procedures/")
    draft_url = editor.post(f"/{lang}/office/procedures/extrait-acte-naissance/new-version",
                            data={"csrf_token": csrf_token(listing)}).headers["Location"]
    draft_id = int(draft_url.rsplit("/", 1)[-1])
    page = editor.get(draft_url)
    fields = form_fields(draft_content(app, draft_id)[1])
    submitted = editor.post(draft_url, data={**fields, "action": "submit", "csrf_token": csrf_token(page)})
    assert submitted.status_code == 302
    review = reviewer.get(f"/{lang}/office/review/{draft_id}")
    response = reviewer.post(f"/{lang}/office/review/{draft_id}/publish", data={
        "effective_from": (TODAY - timedelta(days=1)).isoformat(), "change_note-fr": "x", "change_note-ar": "س",
        "csrf_token": csrf_token(review)})
    assert response.status_code == 400 and "aujourd'hui ou plus tard" in text_of(response)
    assert draft_content(app, draft_id)[0] == "submitted"
