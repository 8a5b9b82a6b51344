"""Addresses of the portal written where the reader is elsewhere: e-mails, PDFs, QR codes, the API.

They start from the configured ``PUBLIC_BASE_URL``, never from the request's ``Host`` or
``X-Forwarded-Host``: a visitor chooses those headers, and a notice mailed by the portal, or a
QR code printed on its receipt, must not send the citizen to the visitor's site. Built the same
way inside a request or outside one (a command, a background job).
"""
from urllib.parse import urlsplit

from flask import current_app


def external(endpoint, **values):
    """The absolute address of ``endpoint``, under ``PUBLIC_BASE_URL``."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    current_app.inject_url_defaults(endpoint, values)  # e.g. the current language
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)
