"""The applicant's identity numbers as typed on a phone: checked, and kept in one written form.

A CNIE number is one or two letters then digits (``BK123456``, ``A123456``); it is typed with or
without spaces, in any case. A telephone number is read by ``phonenumbers`` (Google's libphonenumber
data) as a Moroccan number unless it starts with ``+`` or ``00``: a Moroccan living abroad may give a
foreign one. No Flask, no database.
"""
import re

import phonenumbers

CNIE = re.compile(r"[A-Z]{1,2}[0-9]{3,7}")
REGION = "MA"


def cnie(typed):
    """The CNIE number in its written form (``BK123456``), or None if it cannot be one."""
    compact = re.sub(r"[\s\-.]", "", typed or "").upper()
    return compact if CNIE.fullmatch(compact) else None


def phone(typed):
    """The telephone number in its international form (``+212 6 12 34 56 78``), or None if it is not
    a valid number."""
    typed = (typed or "").strip()
    if typed.startswith("00"):
        typed = "+" + typed[2:]
    try:
        number = phonenumbers.parse(typed, REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
