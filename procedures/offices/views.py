"""The commune finder as JSON, for the form's suggestions (the form itself works without it)."""
from flask import Blueprint, jsonify, request

from portal.i18n import current_language

from . import finder

blueprint = Blueprint("offices", __name__, url_prefix="/<lang_code>")


@blueprint.get("/communes.json")
def communes():
    lang = current_language()
    return jsonify([{"code": place.code, "name": place.name.get(lang) or place.name["fr"],
                     "within": place.within.get(lang) or place.within["fr"], "level": place.level}
                    for _rank, place in finder.find(request.args.get("q", ""))])
