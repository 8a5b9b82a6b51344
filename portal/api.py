"""What every JSON API blueprint shares: query arguments checked by a marshmallow schema,
and a 400 that names the fields at fault."""
from flask import abort, jsonify, request
from marshmallow import ValidationError


def query_arguments(schema):
    try:
        return schema.load(request.args)
    except ValidationError as error:
        abort(400, description=error.messages)


def invalid_query(error):
    return jsonify(error={"status": 400, "message": "invalid query parameters", "fields": error.description}), 400


def json_errors(blueprint):
    blueprint.register_error_handler(400, invalid_query)
    return blueprint
