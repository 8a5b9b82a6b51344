"""Administrators keep the working-day calendar current: days off announced by the
government, and lunar holidays moved once the moon is sighted."""
from datetime import date, timedelta

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal import transaction
from portal.auth.access import role_required
from portal.auth.models import ADMIN
from portal.extensions import db
from portal.i18n import current_language, languages
from procedures import clock

from . import calendar_days
from . import clock as request_clock
from .models import CalendarDay

blueprint = Blueprint("calendar", __name__, url_prefix="/<lang_code>/office/calendar")


@blueprint.route("/", methods=["GET", "POST"])
@role_required(ADMIN)
def index():
    errors, values = {}, {}
    if request.method == "POST":
        label = {lang: request.form.get(f"label-{lang}", "").strip() for lang in languages()}
        kind = request.form.get("kind")
        try:
            day = date.fromisoformat(request.form.get("day", ""))
        except ValueError:
            day, errors["day"] = None, _("Give the day as a date.")
        if kind not in ("off", "worked"):
            errors["kind"] = _("Choose one.")
        if not label.get("ar") or not label.get("fr"):
            errors["label"] = _("Say why, in Arabic and in French.")
        if not errors:
            calendar_days.save_day(day, kind, label)
            transaction.commit()
            flash(_("Saved. Deadlines are computed with it from now on."))
            return redirect(url_for(".index"))
        values = {"day": request.form.get("day", ""), "kind": kind, "label": label}
    today = clock.today()
    overlay = db.session.scalars(sa.select(CalendarDay).order_by(CalendarDay.day)).all()
    upcoming = list(request_clock.calendar().holidays_between(today, today + timedelta(days=365)))
    return render_template("office/calendar.html", overlay=overlay, upcoming=upcoming, errors=errors, values=values,
                           languages=languages(), lang=current_language()), 400 if errors else 200


@blueprint.post("/<day>/remove")
@role_required(ADMIN)
def remove(day):
    try:
        day = date.fromisoformat(day)
    except ValueError:
        abort(400)  # the page only links real days: this address was typed or forged
    if calendar_days.remove_day(day):
        transaction.commit()
        flash(_("Removed."))
    return redirect(url_for(".index"))
