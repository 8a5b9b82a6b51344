"""Passwords: Argon2id hashes (argon2-cffi) and a policy after OWASP ASVS 2.1.

At least 12 characters, no upper bound below 128, any characters, and refused when common or
easily guessed. zxcvbn's dictionaries are English ones; it is also fed what people here choose:
common French words and Arabic words as written in Latin letters (``common_words``), the AZERTY
keyboard's rows, the site's name, and the account's own e-mail (each part of it) and name
(ASVS 2.1.7 and NIST SP 800-63B 5.1.1.2: "context-specific words").
"""
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

from .common_words import WORDS

MIN_LENGTH = 12
MAX_LENGTH = 128
MIN_STRENGTH = 3  # zxcvbn score: 3 is "safely unguessable: moderate protection from offline attacks"

hasher = PasswordHasher()


SITE = ("masatir", "مساطر", "massatir", "masatire", "idara", "administration", "portail", "mtnra")


def context_words(personal):
    """The account's e-mail and name, whole and in pieces (``admin@masatir.ma``: admin, masatir, ma)."""
    words = []
    for item in personal:
        if item:
            item = item.strip().lower()
            words += [item, *(piece for piece in re.split(r"[\s@._+-]+", item) if len(piece) >= 3)]
    return words


LEET = str.maketrans({"@": "a", "4": "a", "0": "o", "1": "i", "!": "i", "3": "e", "5": "s", "$": "s", "7": "t"})


def made_of_known_words(password, words):
    """True when, once at most two known words are taken out (as typed or in l33t), fewer than four
    letters remain: ``Azerty123456!``, ``admin@masatir1``. zxcvbn alone scores some of these as
    strong (it does not know AZERTY, and splits ``admin@masatir`` at the ``@``)."""
    for text in (password.lower(), password.lower().translate(LEET)):
        used = 0
        for word in words:
            if word in text:
                used += text.count(word)
                text = text.replace(word, " ")
        if used <= 2 and len(re.sub(r"[\W\d_]+", "", text)) < 4:
            return True
    return False


def problem_with(password, personal=()):
    """Why the password is refused (a code), or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    # Personal and site words first: zxcvbn ranks the words given in order, the first as the likeliest.
    known = [*context_words(personal), *SITE, *WORDS]
    if zxcvbn(password, user_inputs=known)["score"] < MIN_STRENGTH:
        return "too_common"
    if made_of_known_words(password, sorted({w for w in known if len(w) >= 3}, key=len, reverse=True)):
        return "too_common"
    return None


def hash_password(password):
    return hasher.hash(password)


def verify(password_hash, password):
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A hash to verify against when the account does not exist, so that the time taken
# does not tell whether an address has an account.
DUMMY_HASH = hasher.hash("no account has this password")
