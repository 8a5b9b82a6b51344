"""The public pages, in Arabic and French."""
import pytest

from tests import samples
from tests.pages import text_of


@pytest.fixture
def catalogue(app):
    """The sample catalogue, loaded in an app context of its own: requests must not share one."""
    with app.app_context():
        samples.load()



def test_the_bare_address_goes_to_arabic(client):
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/ar/")


@pytest.mark.parametrize("path", [
    "/{lang}/", "/{lang}/themes/", "/{lang}/themes/civil-status", "/{lang}/administrations/",
    "/{lang}/administrations/communes", "/{lang}/audiences/businesses", "/{lang}/search?q=permis",
    "/{lang}/procedures/permis-de-construire", "/{lang}/procedures/permis-de-construire/history",
    "/{lang}/procedures/permis-de-construire/versions/1",
])
def test_every_public_page_answers_in_both_languages(client, catalogue, lang, path):
    response = client.get(path.format(lang=lang))  # the client checks lang, dir, title, ids, HTML
    assert response.status_code == 200


def test_home_lists_themes_with_counts_and_a_search_box(client, catalogue, lang):
    page = text_of(client.get(f"/{lang}/"))
    assert {"ar": "الحالة المدنية", "fr": "État civil"}[lang] in page
    assert {"ar": "إجراء واحد", "fr": "1 procédure"}[lang] in page
    html = client.get(f"/{lang}/").get_data(as_text=True)
    assert 'role="search"' in html and f'action="/{lang}/search"' in html


def test_the_sheet_shows_the_version_in_force_and_what_binds_the_administration(client, catalogue, lang):
    page = text_of(client.get(f"/{lang}/procedures/permis-de-construire"))
    expected = {
        "ar": ["رخصة البناء", "30 يومًا", "1 مارس 2024", "رسوم الدراسة", "300,00", "القانون 37.99",
               "يعتبر السكوت موافقة", "لا يجوز أن يُطلب منك أكثر مما تذكره هذه الصفحة"],
        "fr": ["Permis de construire", "30 jours", "1er mars 2024", "Droits d'instruction", "300,00", "Loi 37-99",
               "Le silence vaut accord", "On ne peut rien vous demander de plus que ce que cette page indique"],
    }[lang]
    for words in expected:
        assert words in page, words
    assert {"ar": "1 يناير 2027", "fr": "1er janvier 2027"}[lang] in page  # the scheduled version is announced


def test_the_sheet_lists_each_document_with_its_form(client, catalogue, lang):
    page = text_of(client.get(f"/{lang}/procedures/extrait-acte-naissance"))
    names = {"ar": ["البطاقة الوطنية للتعريف الإلكترونية", "أصل", "الدفتر العائلي", "نسخة"],
             "fr": ["Carte nationale d'identité électronique", "original", "Livret de famille", "copie"]}[lang]
    for words in names:
        assert words in page
    assert {"ar": "في الحين", "fr": "sur place"}[lang] in page  # 0 days: on the spot


def test_what_was_in_force_on_a_past_day_can_be_shown(client, catalogue, lang):
    page = text_of(client.get(f"/{lang}/procedures/permis-de-construire?date=2022-05-01"))
    assert {"ar": "45 يومًا", "fr": "45 jours"}[lang] in page
    assert {"ar": "لم تعد سارية", "fr": "n'est plus en vigueur"}[lang] in page


def test_a_day_before_the_procedure_existed_says_so(client, catalogue, lang):
    response = client.get(f"/{lang}/procedures/permis-de-construire?date=2020-01-01")
    assert response.status_code == 404
    assert {"ar": "لم يكن هذا الإجراء ساريًا", "fr": "n'était pas en vigueur"}[lang] in text_of(response)


def test_history_lists_every_version_newest_first(client, catalogue, lang):
    html = client.get(f"/{lang}/procedures/permis-de-construire/history").get_data(as_text=True)
    positions = [html.index(f"/versions/{n}") for n in (3, 2, 1)]
    assert positions == sorted(positions)
    page = text_of(client.get(f"/{lang}/procedures/permis-de-construire/history"))
    assert {"ar": "تقليص الأجل إلى 30 يوما", "fr": "Délai réduit à 30 jours"}[lang] in page


def test_an_old_version_reads_as_it_was(client, catalogue, lang):
    page = text_of(client.get(f"/{lang}/procedures/permis-de-construire/versions/1"))
    assert {"ar": "45 يومًا", "fr": "45 jours"}[lang] in page


def test_the_language_switch_keeps_the_page(client, catalogue):
    html = client.get("/fr/procedures/permis-de-construire/history").get_data(as_text=True)
    assert 'href="/ar/procedures/permis-de-construire/history" lang="ar"' in html


def test_an_unknown_language_or_page_is_a_translated_404(client, catalogue, lang):
    assert client.get("/xx/").status_code == 404
    response = client.get(f"/{lang}/procedures/nothing-here")
    assert response.status_code == 404
    assert {"ar": "هذه الصفحة غير موجودة", "fr": "Cette page n'existe pas"}[lang] in text_of(response)


def test_listings_are_paginated(client, app, lang):
    data = samples.catalogue()
    data["procedures"] = [
        {"code": f"CT-{n:03}", "slug": f"procedure-{n}", "administration": "communes", "theme": "civil-status",
         "audiences": ["citizens"],
         "versions": [samples.version(title=samples.text(f"Démarche {n:02}", f"إجراء {n:02}"))]}
        for n in range(1, 46)
    ]
    with app.app_context():
        samples.load(data)
    first = client.get(f"/{lang}/themes/civil-status").get_data(as_text=True)
    last = client.get(f"/{lang}/themes/civil-status?page=3").get_data(as_text=True)
    assert first.count('class="item"') == 20 and last.count('class="item"') == 5
    assert 'rel="next"' in first and 'rel="prev"' in last and 'rel="next"' not in last


def test_search_finds_by_title_in_either_language(client, catalogue, lang):
    for query in ("construire", "البناء"):
        page = text_of(client.get(f"/{lang}/search?q={query}"))
        assert {"ar": "رخصة البناء", "fr": "Permis de construire"}[lang] in page


def test_nonsense_input_never_breaks_a_page(client, catalogue, lang):
    for path in ("/search?q=%25%27%22%3Cscript%3E", "/themes/civil-status?page=-4", "/themes/civil-status?page=x",
                 "/procedures/permis-de-construire?date=2024-13-45", "/search?q=" + "a" * 5000):
        assert client.get(f"/{lang}{path}").status_code == 200
