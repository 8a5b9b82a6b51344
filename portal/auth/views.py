"""Signing in and out, and changing one's password."""
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal import transaction
from portal.extensions import limiter

from . import operations
from .forms import LoginForm, PasswordChangeForm
from .passwords import verify
from .sessions import close_session, open_session

blueprint = Blueprint("auth", __name__, url_prefix="/<lang_code>/office")


def submitted_email():
    return "login:" + request.form.get("email", "").strip().lower()


def safe_next(target):
    """Only a path on this site: never an absolute URL an attacker could send someone to."""
    parts = urlsplit(target or "")
    if target and not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("office.home")


@blueprint.route("/login", methods=["GET", "POST"])
@limiter.limit("5 per 15 minutes", key_func=submitted_email, methods=["POST"],
               deduct_when=lambda response: response.status_code == 401)
@limiter.limit("30 per hour", methods=["POST"], deduct_when=lambda response: response.status_code == 401)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("office.home"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        account = operations.sign_in(form.email.data, form.password.data)
        if account is not None:
            open_session(account)
            transaction.commit()
            return redirect(safe_next(request.args.get("next")))
        transaction.commit()
        form.password.errors = [_("Wrong e-mail address or password.")]
        status = 401
    expired = session.pop("expired", False)
    return render_template("office/login.html", form=form, expired=expired), status


@blueprint.post("/logout")
def logout():
    if current_user.is_authenticated:
        # The cookie is signed, not stored: clearing it in this browser would leave a copy taken
        # before the logout valid. A new generation makes every cookie issued until now worthless.
        operations.sign_out(current_user._get_current_object())
        transaction.commit()
    close_session()
    return redirect(url_for("catalogue.home"))


@blueprint.route("/password", methods=["GET", "POST"])
@login_required
def password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not verify(current_user.password_hash, form.current.data):
            form.current.errors = [_("This is not your current password.")]
        else:
            account = current_user._get_current_object()
            operations.change_password(account, form.new.data)  # every other session of this account ends
            transaction.commit()
            open_session(account)
            flash(_("Your password has been changed. Your other sessions have been closed."))
            return redirect(url_for("office.home"))
    return render_template("office/password.html", form=form)
