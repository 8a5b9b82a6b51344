"""Security headers on every response, and caching that never keeps personal pages.

The Content-Security-Policy allows scripts, styles and images from the portal only:
no inline script, no inline style, no framing by another site.

``Cache-Control: no-store`` goes on every response that may show personal data or a secret: the
back office and the citizen's own pages by their address, and, whatever the address, a page built
for a signed-in account, a page that read what this browser proved (a secret code kept in the
session: see ``mark_private``), and every answer to a form sent (it may echo what was typed).
"""
from flask import current_app, g, request, session

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
])
# Pages that show personal data or a back-office state: never stored by a browser or a proxy.
PRIVATE_PREFIXES = ("/office", "/requests", "/track", "/reports")


def is_private(path):
    parts = path.split("/", 2)
    rest = "/" + parts[2] if len(parts) > 2 else path
    return rest.startswith(PRIVATE_PREFIXES) or path.startswith("/api/v1/track")


def mark_private():
    """This response shows something only this browser may see: it is never stored."""
    g.private = True


def is_personal():
    """Whether this answer is for this browser alone: marked so, a form answer, a signed-in page, or one that
    writes the session cookie (a CSRF token: a shared cache would hand it, and the cookie, to others)."""
    account = g.get("_login_user")  # Flask-Login's cache of the account: read only if the page used it
    return (g.get("private", False) or request.method not in ("GET", "HEAD") or session.modified
            or bool(account is not None and account.is_authenticated))


def add_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
    if current_app.config["PRODUCTION"]:
        headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
    if is_private(request.path) or is_personal():
        headers["Cache-Control"] = "no-store"
    headers.pop("Server", None)
    return response


def init_app(app):
    app.after_request(add_headers)
