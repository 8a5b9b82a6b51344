"""One e-mail address, checked as mail servers read it (``email-validator``, RFC 5322/6531).

A form's e-mail field names exactly one mailbox: no list (``a@x.ma, b@y.ma`` would send one
notice to several people), no display name (``Amina <a@x.ma>``), no line break (which would
let a visitor write headers of the portal's own message). Deliverability is not checked: the
portal must not wait on DNS while a citizen files.
"""
from email_validator import EmailNotValidError, validate_email


class NotAnAddress(ValueError):
    """The text is not exactly one valid e-mail address."""


def one_address(text):
    """The address, normalised (the domain in lower case, IDNA decoded), or ``NotAnAddress``."""
    if not text or any(character in text for character in "\r\n,;<>"):
        raise NotAnAddress(text)
    try:
        return validate_email(text, check_deliverability=False, allow_display_name=False).normalized
    except EmailNotValidError as error:
        raise NotAnAddress(text) from error


def is_one_address(text):
    try:
        one_address(text)
    except NotAnAddress:
        return False
    return True
