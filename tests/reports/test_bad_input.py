"""What the citizen gets wrong, and what robots try: a clear message on the field, nothing stored."""
import pytest
import sqlalchemy as sa

from portal.extensions import db
from procedures.reports.models import Report
from tests.pages import text_of
from tests.office_fixtures import csrf_token
from tests.reports.reporting import BIRTH, PERMIT, form, post_report, report

MESSAGES = {
    "future": {"fr": "Cette date est dans le futur", "ar": "هذا التاريخ في المستقبل"},
    "no_version": {"fr": "Aucune fiche de cette procédure n'était en vigueur le",
                   "ar": "لم تكن أي بطاقة لهذه المسطرة سارية"},
    "kind": {"fr": "Choisissez ce que l'administration vous a demandé.", "ar": "اختاروا ما طلبته الإدارة."},
    "asked": {"fr": "Précisez ce qui vous a été demandé exactement.", "ar": "بيّنوا ما طُلب منكم بالضبط."},
    "long": {"fr": "2000 caractères au plus", "ar": "2000 حرفا على الأكثر"},
    "contact": {"fr": "Indiquez une adresse e-mail ou un numéro de téléphone",
                "ar": "أدخلوا عنوان بريد إلكتروني أو رقم هاتف"},
    "honeypot": {"fr": "Votre signalement n'a pas pu être enregistré.", "ar": "تعذر تسجيل تبليغكم."},
}


def count(app):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(Report))


@pytest.mark.parametrize(("changes", "slug", "message"), [
    ({"asked_on": "2026-11-24"}, BIRTH, "future"),  # tomorrow
    ({"asked_on": "2021-12-31"}, BIRTH, "no_version"),  # the birth certificate's sheet starts in 2022
    ({"asked_on": "2020-01-01"}, PERMIT, "no_version"),
    ({"kind": "bribe"}, BIRTH, "kind"),
    ({"asked": "   "}, BIRTH, "asked"),
    ({"asked": "x" * 2001}, BIRTH, "long"),
    ({"contact": "write to me"}, BIRTH, "contact"),
    ({"website": "http://spam.example"}, BIRTH, "honeypot"),
])
def test_a_bad_report_is_refused_on_its_field(app, office, lang, changes, slug, message):
    response = post_report(app.test_client(), lang, slug, **changes)
    assert response.status_code == 400
    assert MESSAGES[message][lang] in text_of(response)
    assert count(app) == 0


def test_an_empty_form_names_every_missing_field_and_keeps_what_was_typed(app, office, lang):
    response = post_report(app.test_client(), lang, kind="", asked="", office="", town="Fès", asked_on="")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and html.count('aria-invalid="true"') == 8  # 5 radios, what, where, when
    assert 'value="Fès"' in html and count(app) == 0


def test_what_the_citizen_typed_is_shown_as_text_never_run(app, office, as_role):
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    citizen = app.test_client()
    number, _secret = report(citizen, asked=script, office=script, town=script)
    for page in (citizen.get(f"/fr/reports/{number}"), as_role("agent").get(f"/fr/office/reports/{number}"),
                 as_role("reviewer").get("/fr/office/reports/")):
        html = page.get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert(" in html
    refused = post_report(app.test_client(), asked=script, asked_on="nonsense")  # echoed in the form, escaped
    assert "<script>alert" not in refused.get_data(as_text=True)


def test_sending_the_form_twice_gives_one_report(app, office):
    citizen = app.test_client()
    page = citizen.get(f"/fr/procedures/{BIRTH}/report")
    data = form(page)
    first, second = citizen.post(f"/fr/procedures/{BIRTH}/report", data=data), citizen.post(
        f"/fr/procedures/{BIRTH}/report", data=data)
    assert first.headers["Location"] == second.headers["Location"] and count(app) == 1


def test_a_report_needs_a_csrf_token_and_an_existing_procedure(app, office):
    citizen = app.test_client()
    assert citizen.post(f"/fr/procedures/{BIRTH}/report", data={"kind": "fee"}).status_code == 400
    assert citizen.get("/fr/procedures/nope/report").status_code == 404
    assert count(app) == 0


def test_the_report_form_is_rate_limited(app, office):
    citizen = app.test_client()
    for _ in range(20):
        post_report(citizen, asked_on="2030-01-01")
    assert post_report(citizen).status_code == 429 and count(app) == 0


def test_following_needs_the_number_and_the_code_and_guessing_is_limited(app, office, lang):
    citizen = app.test_client()
    number, secret = report(citizen, lang)
    stranger = app.test_client()
    assert stranger.get(f"/{lang}/reports/{number}").status_code == 404  # the number alone is not enough
    assert stranger.get(f"/{lang}/reports/{number}/confirmation").status_code == 404
    token = csrf_token(stranger.get(f"/{lang}/reports/follow"))
    for _ in range(10):
        wrong = stranger.post(f"/{lang}/reports/follow", data={"csrf_token": token, "number": number,
                                                                "secret": "AAAA-AAAA"})
        assert wrong.status_code == 400
    assert stranger.post(f"/{lang}/reports/follow", data={"csrf_token": token, "number": number,
                                                          "secret": secret}).status_code == 429
    # Typed the way people type: lower case, spaces, O for 0.
    typed = f"{number[:4]} {number[4:8]} {number[8:]}".replace("0", "O").lower()
    elsewhere = {"REMOTE_ADDR": "192.0.2.8"}  # the limit is per address
    assert citizen.post(f"/{lang}/reports/follow", data={"csrf_token": csrf_token(citizen.get(
        f"/{lang}/reports/follow", environ_base=elsewhere)), "number": typed, "secret": secret.lower()},
        environ_base=elsewhere).status_code == 302
