"""Receipts signed by the portal (Ed25519, from the ``cryptography`` library).

The signed message is the canonical JSON of what the receipt certifies. The full
signature goes in the QR code; its first 16 characters, printed on the receipt, are
enough for a person to check it by typing (Ed25519 signatures are deterministic).
"""
import base64
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

SHORT_CODE = 16


def canonical(facts):
    return json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def load_key(pem):
    return serialization.load_pem_private_key(pem.encode() if isinstance(pem, str) else pem, password=None)


def new_key_pem():
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()


def sign(key, facts):
    return base64.b32encode(key.sign(canonical(facts))).decode().rstrip("=")


def public_pem(key):
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                          serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def genuine(key, facts, signature, code):
    """Whether ``signature`` signs ``facts`` and ``code`` is that signature or its printed start."""
    code = "".join((code or "").upper().split()).replace("-", "")
    if len(code) < SHORT_CODE or not signature.startswith(code):
        return False
    try:
        raw = base64.b32decode(signature + "=" * (-len(signature) % 8))
        key.public_key().verify(raw, canonical(facts))
    except (InvalidSignature, ValueError):
        return False
    return True
