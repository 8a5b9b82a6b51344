"""Administrators keep the synonyms and acronyms search uses (data, not code)."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import audit, transaction
from portal.auth.access import role_required
from portal.auth.models import ADMIN
from portal.extensions import db

from . import synonyms

blueprint = Blueprint("synonyms", __name__, url_prefix="/<lang_code>/office/synonyms")


@blueprint.route("/", methods=["GET", "POST"])
@role_required(ADMIN)
def index():
    error, values = None, {}
    if request.method == "POST":
        key = request.form.get("key", "").strip().lower()
        terms = [line.strip() for line in request.form.get("terms", "").splitlines() if line.strip()]
        try:
            synonyms.add_synonym(key, terms)
        except synonyms.InvalidSynonym:
            db.session.rollback()
            error = _("Give a key (small letters, digits, hyphens) and at least two expressions, one per line.")
            values = {"key": key, "terms": "\n".join(terms)}
        else:
            audit.record("synonym_saved", f"synonym:{key}", terms=terms)
            transaction.commit()
            flash(_("Saved. Search uses it within a minute."))
            return redirect(url_for(".index"))
    elif request.args.get("edit"):
        found = next((s for s in synonyms.list_synonyms() if s.key == request.args["edit"]), None)
        if found is not None:
            values = {"key": found.key, "terms": "\n".join(found.terms)}
    return render_template("office/synonyms.html", rows=synonyms.list_synonyms(), error=error,
                           values=values), 400 if error else 200


@blueprint.post("/<key>/remove")
@role_required(ADMIN)
def remove(key):
    if synonyms.remove_synonym(key):
        audit.record("synonym_removed", f"synonym:{key}")
        transaction.commit()
        flash(_("Removed."))
    return redirect(url_for(".index"))
