"""However it is typed: Arabic in Latin letters, a verb for a noun, two typos, and a
page that never leaves the citizen with nothing."""
import pytest

from procedures.search import analysis, arabizi, families
from procedures.search.lexicon import Lexicon, distance
from tests.search.conftest import search, slugs


@pytest.mark.parametrize("latin, arabic", [
    ("chahadat", "شهادة"), ("shahada", "الشهادة"), ("sokna", "السكنى"), ("3a9d", "عقد"), ("aqd", "العقد"),
    ("lizdiyad", "الازدياد"), ("rokhsat", "رخصة"), ("bini", "البناء"), ("l7aya", "الحياة"), ("tas7i7", "تصحيح"),
    ("imda2", "الإمضاء"), ("jawaz", "جواز"), ("safar", "السفر"), ("5adma", "خدمة"), ("bilwilada", "بالولادة"),
])
def test_a_latin_spelling_meets_the_arabic_word_by_its_skeleton(latin, arabic):
    skeletons = set(arabizi.of_latin(analysis.fold(latin)))
    assert skeletons & set(arabizi.of_arabic(analysis.analyse_word(arabic).key))


@pytest.mark.parametrize("latin, arabic", [("sokna", "شهادة"), ("jawaz", "السفر"), ("zzzz", "زيت"), ("qqqq", "قيء")])
def test_different_words_keep_different_skeletons(latin, arabic):
    assert not set(arabizi.of_latin(analysis.fold(latin))) & set(
        arabizi.of_arabic(analysis.analyse_word(arabic).key))


def test_word_families_come_from_shapes_kept_where_the_catalogue_uses_the_word():
    assert "ouverture" in families.related("ouvrir") and "construire" in families.related("construction")
    assert "تسجيل" in families.related("سجل") and "بنا" in families.related("بني")
    lexicon = Lexicon([("ouverture", 3), ("inscription", 2), ("التسجيل", 4)])
    assert [display for display, _term in lexicon.family("ouvrir")] == ["ouverture"]
    assert [display for display, _term in lexicon.family("inscrire")] == ["inscription"]
    assert [display for display, _term in lexicon.family(analysis.analyse_word("يسجل").key)] == ["التسجيل"]
    assert lexicon.family("couvrir") == []  # "couverture" is no word of this catalogue


def test_two_edits_are_found_for_long_words_only():
    lexicon = Lexicon([("passeport", 5), ("naissance", 3), ("acte", 9)])
    assert distance("pasport", "passeport") == 2 and distance("naissnace", "naissance") == 1
    assert [display for display, _term in lexicon.near_two("pasport", 3)] == ["passeport"]
    assert lexicon.near_two("zzzzzzz", 3) == []


def test_arabic_typed_in_latin_letters_finds_the_procedure(client, sample, lang):
    body = search(client, "rokhsat l bini", lang)
    assert slugs(body)[:1] == ["permis-de-construire"] and body["respelling"] == "رخصة البناء"
    body = search(client, "3a9d lizdiyad", lang)  # the seed's synonyms: عقد الازدياد = رسم الولادة
    assert slugs(body)[:1] == ["extrait-acte-naissance"] and body["respelling"] == "عقد الازدياد"
    assert search(client, "permis de construire", lang)["respelling"] is None


def test_a_french_query_is_not_taken_over_by_arabic_skeletons(client, sample):
    body = search(client, "naissance", "fr")
    assert slugs(body) == ["extrait-acte-naissance"] and body["respelling"] is None
    assert search(client, "zzzz qqqq", "fr")["total"] == 0  # no word: no skeleton either


def test_a_verb_finds_the_noun_and_a_noun_the_verb(client, sample, lang):
    assert slugs(search(client, "permis de construction", lang))[:1] == ["permis-de-construire"]
    assert slugs(search(client, "obtention extrait", lang))[:1] == ["extrait-acte-naissance"]  # "Obtenir"
    assert slugs(search(client, "يبني", lang))[:1] == ["permis-de-construire"]  # "البناء", "ببناء"


def test_two_typos_in_a_long_word_still_find_it_and_say_so(client, sample, lang):
    body = search(client, "acte de naisanse", lang)
    assert slugs(body)[:1] == ["extrait-acte-naissance"] and body["suggestion"] == "acte de naissance"


@pytest.mark.parametrize("q, said", [
    ("zzzz", {"fr": "Aucune démarche en vigueur ne contient ces mots", "ar": "لا توجد مسطرة سارية تتضمن هذه الكلمات"}),
])
def test_a_search_that_finds_nothing_says_why_and_where_to_go(client, sample, lang, q, said):
    html = client.get(f"/{lang}/search", query_string={"q": q}).get_data(as_text=True)
    assert said[lang] in html
    assert {"fr": "Parcourir par thème", "ar": "تصفح حسب الموضوع"}[lang] in html
    assert f"/{lang}/themes/civil-status" in html and f"/{lang}/themes/town-planning" in html
    filtered = client.get(f"/{lang}/search", query_string={"q": "naissance", "theme": "town-planning"})
    text = filtered.get_data(as_text=True)
    assert {"fr": "Chercher à nouveau sans les filtres", "ar": "ابحث من جديد بدون عوامل التصفية"}[lang] in text


def test_the_closest_procedures_are_offered_when_nothing_matches(client, sample, lang):
    html = client.get(f"/{lang}/search", query_string={"q": "permutation"}).get_data(as_text=True)
    assert {"fr": "Les démarches les plus proches", "ar": "أقرب المساطر"}[lang] in html
    assert f"/{lang}/procedures/permis-de-construire" in html  # "per…"


def test_a_latin_query_shows_how_it_was_read_in_arabic(client, sample, lang):
    html = client.get(f"/{lang}/search", query_string={"q": "rokhsat l bini"}).get_data(as_text=True)
    assert {"fr": "Lu en lettres arabes", "ar": "مقروءا بالحروف العربية"}[lang] in html and "رخصة البناء" in html
