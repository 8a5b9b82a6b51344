"""Administrators keep the catalogue's lists: administrations and themes."""
import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import transaction
from portal.auth.access import role_required
from portal.auth.models import ADMIN
from portal.extensions import db
from portal.i18n import languages

from . import taxonomy
from .models import THEME_SCOPES, Administration, Theme
from .schemas import REQUIRED_LANGUAGES, SLUG

blueprint = Blueprint("taxonomy", __name__, url_prefix="/<lang_code>/office")

KINDS = {  # what each list is: its model, natural key, and the extra choice it carries
    "administrations": (Administration, "code", "kind", ("ministry", "agency", "local-government", "other")),
    "themes": (Theme, "slug", "scope", THEME_SCOPES),
}


def read_form(choices):
    key = request.form.get("key", "").strip().lower()
    choice = request.form.get("choice", "")
    name = {lang: request.form.get(f"name-{lang}", "").strip() for lang in languages()}
    errors = {}
    if not SLUG.match(key) or len(key) > 64:
        errors["key"] = _("Small letters, digits and hyphens only, e.g. permis-de-construire.")
    if choice not in choices:
        errors["choice"] = _("Choose one.")
    for lang in REQUIRED_LANGUAGES:
        if not name.get(lang):
            errors[f"name-{lang}"] = _("Required, in this language too.")
    return key, choice, {lang: text for lang, text in name.items() if text}, errors


@blueprint.route("/<any(administrations, themes):kind>/", methods=["GET", "POST"])
@role_required(ADMIN)
def index(kind):
    model, key_name, choice_name, choices = KINDS[kind]
    errors, values = {}, {}
    if request.method == "POST":
        key, choice, name, errors = read_form(choices)
        if not errors:
            taxonomy.save_entry(kind, model, key_name, key, choice_name, choice, name)
            transaction.commit()
            flash(_("Saved."))
            return redirect(url_for(".index", kind=kind))
        values = {"key": key, "choice": choice, "name": name}
    elif request.args.get("edit"):
        row = db.session.scalar(sa.select(model).filter_by(**{key_name: request.args["edit"]})) or abort(404)
        values = {"key": getattr(row, key_name), "choice": getattr(row, choice_name), "name": row.name}
    rows = db.session.scalars(sa.select(model).order_by(model.position)).all()
    return render_template("office/taxonomy.html", kind=kind, rows=rows, key_name=key_name,
                           choice_name=choice_name, choices=choices, values=values, errors=errors,
                           languages=languages()), 400 if errors else 200

