"""Error pages in the reader's language, and JSON errors under ``/api/``."""
from flask import abort, current_app, jsonify, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .extensions import db


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


def handle_http_error(error):
    code = error.code or 500
    message = messages().get(code, error.description)
    if isinstance(error, CSRFError):
        message = gettext("This form has expired or was sent from another page. Go back, reload it and send it again.")
    if wants_json():
        return jsonify(error={"status": code, "message": message}), code
    return render_template("error.html", code=code, message=message), code


def handle_unexpected(error):
    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    db.session.rollback()  # nothing half-written stays, and the error page can still read the database
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
