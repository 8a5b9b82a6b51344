"""How typed words become search terms: what a reader sees as the same word matches."""
import pytest

from procedures.search.analysis import index_terms, words


def terms(text):
    return [word.term for word in words(text)]


@pytest.mark.parametrize("typed, written", [
    ("رخصة بناء", "رخصة البناء"),  # the article
    ("رُخْصَةُ البِنَاءِ", "رخصة البناء"),  # diacritics
    ("رخـــصة البناء", "رخصة البناء"),  # tatweel
    ("رخصه البناء", "رخصة البناء"),  # ه typed for ة
    ("الاقامة", "الإقامة"),  # alef forms
    ("شهادة السكني", "شهادة السكنى"),  # ي typed for ى
    ("هيئه", "هيئة"),  # hamza carrier
    ("انشا", "إنشاء"),  # the final hamza left out
    ("تسجيل", "للتسجيل"),  # لل
    ("التسجيل", "والتسجيل"),  # وال
    ("البطاقة", "بالبطاقة"),  # بال
    ("resident", "résident"),  # accents
    ("etat civil", "ÉTAT CIVIL"),  # case
    ("identite", "d'identité"),  # elision
    ("acte", "l’acte"),  # typographic apostrophe
    ("certificats", "certificat"),  # Snowball French
    ("شهادات", "الشهادة"),  # Snowball Arabic, fed the definite form
])
def test_spellings_of_the_same_words_give_the_same_terms(typed, written):
    assert terms(typed) == terms(written)


def test_stop_words_are_left_out_in_both_languages():
    assert terms("la carte de l'état") == terms("carte état")
    assert terms("شهادة من الجماعة في المدينة") == terms("شهادة الجماعة المدينة")


def test_a_word_starting_with_a_conjunction_is_indexed_both_ways():
    assert terms("رخصة")[0] in index_terms("ورخصة")
    assert terms("وثيقة")[0] in index_terms("وثيقة")


def test_words_know_where_they_are_in_the_text():
    text = "Permis de construire"
    assert [(w.start, w.end) for w in words(text)] == [(0, 6), (10, 20)]
