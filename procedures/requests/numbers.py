"""Tracking numbers and secrets, short enough to read over the phone.

A number is 10 random Crockford base-32 characters (50 bits: not guessable, not
enumerable) and a check character computed with Damm's algorithm over GF(32), which
catches every single wrong character and every swap of two neighbours, the check
character included (Luhn mod 32, used before, let "0Z" ↔ "Z0" through), shown as
``K7Q2-9XPD-4MC``.
Crockford's alphabet has no I, L, O or U, and reading tolerates the usual confusions.
"""
import hashlib
import hmac
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CONFUSIONS = str.maketrans({"O": "0", "I": "1", "L": "1"})
BODY = 10


def _times_alpha(value):
    """``value`` × x in GF(32) = GF(2)[x] / (x⁵ + x² + 1)."""
    value <<= 1
    return value ^ 0b100101 if value & 0b100000 else value


def _damm(chars):
    """Damm's running value with the quasigroup ``a ∘ b = x·a + b`` of GF(32): it is totally
    anti-symmetric ((c∘a)∘b = (c∘b)∘a only when a = b), hence every neighbour swap shows."""
    interim = 0
    for char in chars:
        interim = _times_alpha(interim) ^ ALPHABET.index(char)
    return interim


def _check(body):
    """The character that brings the running value of the whole number to 0."""
    return ALPHABET[_times_alpha(_damm(body))]


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
