"""The commission's list of Article 7 wordings: the built-in ones and those it added; a reviewer adds more."""
import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import transaction
from portal.auth.access import role_required
from portal.auth.models import REVIEWER
from portal.extensions import db
from procedures.catalogue import article7
from procedures.law import ARTICLE_7_CODES, ARTICLE_7_WORDINGS

blueprint = Blueprint("article7", __name__, url_prefix="/<lang_code>/office/article7")

REFUSALS = {
    "unknown_rule": lambda: _("Choose what the wording asks for."),
    "empty_wording": lambda: _("Write the wording, in French or in Arabic."),
    "too_long": lambda: _("At most %(max)s characters.", max=article7.MAX_WORDING),
    "known_wording": lambda: _("This wording is already in the list."),
}


def rule_names():
    return {"certified_copy": _("A certified copy or an authentication"),
            "legalised_signature": _("A legalised signature"),
            "official_bulletin": _("The Official Bulletin or another public document"),
            "several_copies": _("More than one copy of a file")}


def page(error=None, status=200):
    added = db.session.scalars(sa.select(article7.Article7Wording).order_by(article7.Article7Wording.id)).all()
    return render_template("office/article7.html", built_in=ARTICLE_7_WORDINGS, added=added, codes=ARTICLE_7_CODES,
                           names=rule_names(), error=error, form=request.form), status


@blueprint.get("/")
@role_required(REVIEWER)
def index():
    return page()


@blueprint.post("/")
@role_required(REVIEWER)
def add():
    try:
        article7.add(current_user, request.form.get("code", ""), request.form.get("wording", ""))
    except article7.WordingRefused as refused:
        db.session.rollback()
        return page(REFUSALS[refused.code](), 400)
    transaction.commit()
    flash(_("Added: every check now refuses this wording."))
    return redirect(url_for(".index"))
