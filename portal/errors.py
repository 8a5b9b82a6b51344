"""Error pages in the reader's language, and JSON errors under ``/api/``.

The language is the one of the address (``/fr/…``) even when the route did not match or failed
before reading it. An unexpected error never touches the database again to draw its page: during
a database outage the page must still be the portal's own, in the reader's language, not the
server's bare English one (the page then shows no signed-in account, which would need a query).
"""
from flask import abort, current_app, g, jsonify, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db, login_manager
from .i18n import languages


def wants_json():
    return request.path.startswith("/api/")


def messages():
    return {
        400: gettext("The request could not be understood."),
        403: gettext("Your account does not give access to this page."),
        404: gettext("This page does not exist, or no longer does."),
        405: gettext("This address does not accept this kind of request."),
        409: gettext("This step is no longer possible: the page you came from was out of date."),
        413: gettext("What you sent is too large. Send smaller files, or fewer at a time."),
        429: gettext("Too many attempts. Please wait a few minutes and try again."),
        500: gettext("Something went wrong on our side. Nothing you sent has been lost; please try again."),
    }


def language_of_address():
    """``g.lang`` from the address's first segment when the route did not set it."""
    if "lang" not in g:
        first = request.path.lstrip("/").split("/", 1)[0]
        if first in languages():
            g.lang = first


def handle_http_error(error):
    language_of_address()
    code = error.code or 500
    message = messages().get(code, error.description)
    if isinstance(error, CSRFError):
        message = gettext("This form has expired or was sent from another page. Go back, reload it and send it again.")
    if wants_json():
        return jsonify(error={"status": code, "message": message}), code
    try:
        return render_template("error.html", code=code, message=message), code
    except SQLAlchemyError:  # the page asked for the signed-in account and the database is away
        forget_account()
        return render_template("error.html", code=code, message=message), code


def forget_account():
    """Draw the page as for a visitor: Flask-Login's slot for the account, so nothing is queried."""
    try:
        db.session.rollback()
    except SQLAlchemyError:
        current_app.logger.warning("Rollback after the error failed: the database is unreachable")
    g._login_user = login_manager.anonymous_user()


def handle_unexpected(error):
    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    forget_account()  # nothing half-written stays, and the page queries nothing
    return handle_http_error(InternalServerError())


def refuse_nul():
    """PostgreSQL text cannot hold NUL (0x00): a request carrying one is refused before any query."""
    values = [request.path, *request.args.keys(), *request.args.values(), *request.form.keys(),
              *request.form.values()]
    if any("\x00" in value for value in values):
        abort(400)


def init_app(app):
    app.before_request(refuse_nul)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
