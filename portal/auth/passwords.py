"""Passwords: Argon2id hashes (argon2-cffi) and a policy after OWASP ASVS 2.1.

At least 12 characters, no upper bound below 128, any characters, and refused
when common or easily guessed (zxcvbn's dictionaries of leaked passwords).
"""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 128
MIN_STRENGTH = 3  # zxcvbn score: 3 is "safely unguessable: moderate protection from offline attacks"

hasher = PasswordHasher()


def problem_with(password, personal=()):
    """Why the password is refused (a code), or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    if zxcvbn(password, user_inputs=[p for p in personal if p])["score"] < MIN_STRENGTH:
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
