"""Tracking a request as JSON (``POST /api/v1/track``), for apps and for partners' services.

The number and the secret travel in the body, never in the address (logs keep addresses).
"""
import sqlalchemy as sa
from flask import Blueprint, current_app, g, jsonify, request
from flask_babel import force_locale
from marshmallow import Schema, ValidationError, fields, validate

from portal.extensions import csrf, db, limiter
from portal.i18n import languages, tr_plain

from . import clock as request_clock
from . import numbers
from .explain import request_silence_rule, timeline
from .models import INCOMPLETE, Request

blueprint = Blueprint("requests_api", __name__, url_prefix="/api/v1")


class TrackArguments(Schema):
    number = fields.String(required=True, validate=validate.Length(max=32))
    secret = fields.String(required=True, validate=validate.Length(max=32))
    lang = fields.String(load_default=None, validate=validate.Length(max=8))


def not_found():
    return jsonify(error={"status": 404, "message": "no request matches this number and secret"}), 404


@blueprint.post("/track")
@csrf.exempt
@limiter.limit("10 per minute; 50 per hour", deduct_when=lambda response: response.status_code != 200)
def track():
    try:
        args = TrackArguments().load(request.get_json(silent=True) or {})
    except ValidationError as error:
        return jsonify(error={"status": 400, "message": "invalid body", "fields": error.messages}), 400
    number = numbers.normalise(args["number"])
    found = db.session.scalar(sa.select(Request).filter_by(number=number)) if number else None
    if found is None or found.secret_hash != numbers.secret_hash(current_app.config["SECRET_KEY"], args["secret"]):
        return not_found()
    lang = args["lang"] if args["lang"] in languages() else found.language
    g.lang = lang
    with force_locale(lang):
        status = request_clock.standing(found)
        missing = found.events_of(INCOMPLETE)[0].data["documents"] if found.events_of(INCOMPLETE) else []
        return jsonify(
            number=found.number, state=status.state,
            procedure={"code": found.procedure.code, "version": found.version.number,
                       "title": tr_plain(found.version.title)},
            filed_on=found.filed_on.isoformat(),
            due_on=status.due.isoformat() if status.due else None,
            silence=status.silence,
            silence_rule=request_silence_rule(found),
            silence_takes_effect=status.silence_on.isoformat() if status.silence_on else None,
            decided_on=status.decided_on.isoformat() if status.decided_on else None,
            missing_documents=[tr_plain(d.name) for d in found.version.documents if d.id in missing],
            timeline=[{"date": day.isoformat(), "text": text} for day, text in timeline(found, status)],
        )
