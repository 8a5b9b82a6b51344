"""Tracking numbers and secrets, short enough to read over the phone.

A number is 10 random Crockford base-32 characters (50 bits: not guessable, not
enumerable) and a Luhn mod 32 check character (it catches every single wrong
character and every swap of two neighbours), shown as ``K7Q2-9XPD-4MC``.
Crockford's alphabet has no I, L, O or U, and reading tolerates the usual confusions.
"""
import hashlib
import hmac
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CONFUSIONS = str.maketrans({"O": "0", "I": "1", "L": "1"})
BODY = 10


def _check(body):
    """Luhn mod N (N = 32): double every second code point from the right, add the base-32 digits."""
    total, factor = 0, 2
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        total += addend // 32 + addend % 32
        factor = 3 - factor
    return ALPHABET[(32 - total % 32) % 32]


def new_number():
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY))
    return body + _check(body)


def display(number):
    return f"{number[:4]}-{number[4:8]}-{number[8:]}"


def normalise(typed):
    """The stored form of a number as typed (any case, dashes, spaces, O for 0), or None if invalid."""
    raw = "".join(typed.upper().split()).replace("-", "").translate(CONFUSIONS)
    if len(raw) != BODY + 1 or any(c not in ALPHABET for c in raw[:BODY]) or raw[BODY] != _check(raw[:BODY]):
        return None
    return raw


def tracking_secret(server_key, idempotency_key):
    """The secret printed on the receipt, derived from the submission so that a repeated
    submission (double tap, retry) gets the same receipt."""
    digest = hmac.new(server_key.encode(), f"tracking:{idempotency_key}".encode(), hashlib.sha256).digest()
    value = int.from_bytes(digest[:5], "big")
    return "".join(ALPHABET[(value >> shift) & 31] for shift in range(35, -1, -5))


def secret_hash(server_key, secret):
    cleaned = "".join(secret.upper().split()).replace("-", "").translate(CONFUSIONS)
    return hmac.new(server_key.encode(), f"secret:{cleaned}".encode(), hashlib.sha256).hexdigest()
