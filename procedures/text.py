"""Folding of Arabic and French text for comparison: what a reader sees as the same word.

Used by the law checks (to spot a forbidden requirement however it is spelt) and by search.
"""
import re
import unicodedata

ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
TATWEEL = "\u0640"
ARABIC_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",  # alef forms
    "ى": "ي",  # alef maqsura written for ya at the end of a word
    "ة": "ه",  # ta marbuta, often typed as ha
    "ؤ": "و", "ئ": "ي",  # hamza carriers
})
LATIN_MARKS = re.compile("[\u0300-\u036f]")
SPACES = re.compile(r"\s+")


def fold(text):
    """Lower-case; French accents, Arabic diacritics, tatweel and letter variants removed."""
    text = ARABIC_DIACRITICS.sub("", text.replace(TATWEEL, ""))
    text = unicodedata.normalize("NFKD", text.lower())
    text = LATIN_MARKS.sub("", text)
    text = unicodedata.normalize("NFKC", text).translate(ARABIC_LETTERS)
    return SPACES.sub(" ", text).strip()
