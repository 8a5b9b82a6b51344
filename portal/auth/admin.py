"""Accounts, managed by administrators."""
import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal import hooks, transaction
from portal.extensions import db
from portal.i18n import tr_plain

from . import operations
from .access import role_required
from .forms import AccountForm
from .models import ADMIN, Account

blueprint = Blueprint("accounts", __name__, url_prefix="/<lang_code>/office/accounts")


def administration_choices():
    """The administrations the domain provides (``portal.hooks``)."""
    return [("", "—")] + [(str(row.id), tr_plain(row.name)) for row in hooks.administrations()]


def account_form(account=None):
    form = AccountForm(obj=account)
    form.administration.choices = administration_choices()
    if account is not None and not form.is_submitted():
        form.administration.data = str(account.administration_id or "")
        form.offices.data = "\n".join(hooks.offices().codes_of(account))
    return form


def checked_offices(form):
    """The offices typed on the form, or None with the field's error set."""
    administration_id = int(form.administration.data or 0) or None
    offices, problem = hooks.offices().check((form.offices.data or "").splitlines(), form.role.data, administration_id)
    if problem is None:
        return offices
    kind, codes = problem
    form.offices.errors = [{
        "not_agent": _("Only agents work in offices."),
        "unknown": _("No office has the code %(codes)s.", codes=", ".join(codes)),
        "elsewhere": _("These offices belong to another administration: %(codes)s.", codes=", ".join(codes)),
    }[kind]]
    return None


@blueprint.get("/")
@role_required(ADMIN)
def index():
    accounts = db.session.scalars(sa.select(Account).order_by(Account.role, Account.email)).all()
    return render_template("office/accounts.html", accounts=accounts)


@blueprint.route("/new", methods=["GET", "POST"])
@role_required(ADMIN)
def create():
    form = account_form()
    if form.validate_on_submit():
        if not form.password.data:
            form.password.errors = [_("A new account needs a password.")]
        elif db.session.scalar(sa.select(Account).filter_by(email=form.email.data.strip().lower())):
            form.email.errors = [_("An account already uses this address.")]
        elif (offices := checked_offices(form)) is None:
            pass
        else:
            administration_id = int(form.administration.data or 0) or None
            account = operations.create_account(form.email.data, form.name.data.strip(), form.role.data,
                                                administration_id, form.password.data, active=form.active.data,
                                                audited={"administration_id": administration_id})
            operations.assign_offices(account, offices)
            transaction.commit()
            flash(_("Account created."))
            return redirect(url_for(".index"))
    return render_template("office/account_form.html", form=form, account=None)


@blueprint.route("/<int:account_id>", methods=["GET", "POST"])
@role_required(ADMIN)
def edit(account_id):
    account = db.session.get(Account, account_id) or abort(404)
    form = account_form(account)
    if form.validate_on_submit() and (offices := checked_offices(form)) is not None:
        operations.update_account(account, {
            "name": form.name.data.strip(), "role": form.role.data,
            "administration_id": int(form.administration.data or 0) or None, "active": form.active.data,
        }, password=form.password.data, offices=offices)
        transaction.commit()
        flash(_("Account updated."))
        return redirect(url_for(".index"))
    return render_template("office/account_form.html", form=form, account=account)
