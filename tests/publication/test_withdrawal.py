"""Withdrawing a procedure is a reviewed change; its history stays public."""
import re
from datetime import timedelta

from procedures import clock
from tests.conftest import TODAY
from tests.office_fixtures import csrf_token
from tests.pages import text_of


def test_a_withdrawal_is_reviewed_then_takes_effect_on_its_day(app, as_role, lang, monkeypatch):
    editor, reviewer = as_role("editor", lang), as_role("reviewer", lang)
    page = editor.get(f"/{lang}/office/procedures/extrait-acte-naissance/withdraw")
    response = editor.post(f"/{lang}/office/procedures/extrait-acte-naissance/withdraw", data={
        "reason-fr": "Remplacée par la démarche en ligne", "reason-ar": "عوضت بالمسطرة الإلكترونية",
        "csrf_token": csrf_token(page)})
    assert response.status_code == 302
    queue = reviewer.get(f"/{lang}/office/review/").get_data(as_text=True)
    draft_id = int(re.search(r"/office/review/(\d+)", queue).group(1))
    review = reviewer.get(f"/{lang}/office/review/{draft_id}")
    assert "Remplacée par la démarche en ligne" in text_of(review)
    effective = TODAY + timedelta(days=3)
    assert reviewer.post(f"/{lang}/office/review/{draft_id}/publish", data={
        "effective_from": effective.isoformat(), "csrf_token": csrf_token(review)}).status_code == 302

    public = app.test_client()
    assert public.get(f"/{lang}/procedures/extrait-acte-naissance").status_code == 200  # until its day
    monkeypatch.setattr(clock, "today", lambda: effective)
    gone = public.get(f"/{lang}/procedures/extrait-acte-naissance")
    assert gone.status_code == 410
    assert {"fr": "a été retirée le 26 novembre 2026", "ar": "26 نونبر 2026"}[lang] in text_of(gone)
    assert public.get(f"/{lang}/procedures/extrait-acte-naissance/versions/1").status_code == 200
    assert "extrait-acte-naissance" not in public.get("/api/v1/procedures").get_data(as_text=True)
    past = public.get(f"/{lang}/procedures/extrait-acte-naissance?date={TODAY.isoformat()}")
    assert past.status_code == 200  # what was in force before the withdrawal can still be read
