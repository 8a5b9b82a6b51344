"""Back-office account forms (Flask-WTF: CSRF token included, errors translated)."""
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from .models import ROLES, ROLES_WITH_ADMINISTRATION
from .passwords import MAX_LENGTH, problem_with

PASSWORD_PROBLEMS = {
    "too_short": _l("Use at least 12 characters."),
    "too_long": _l("Use at most 128 characters."),
    "too_common": _l("This password is too common or too easy to guess. A few unrelated words make a good one."),
}


def strong_password(form, field):
    if field.data:
        personal = [form.data.get("email"), form.data.get("name")]
        if "email" not in form.data and current_user.is_authenticated:  # changing one's own password
            personal += [current_user.email, current_user.name]
        problem = problem_with(field.data, personal)
        if problem:
            raise ValidationError(PASSWORD_PROBLEMS[problem])


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)])


class PasswordChangeForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    new = PasswordField(_l("New password"), validators=[DataRequired(), strong_password])
    confirm = PasswordField(_l("New password, again"),
                            validators=[DataRequired(), EqualTo("new", message=_l("The two passwords differ."))])


def role_choices():
    labels = {"editor": _l("Editor (drafts the procedures of one administration)"),
              "reviewer": _l("Reviewer (national simplification commission)"),
              "agent": _l("Agent (handles the requests of one administration)"),
              "admin": _l("Administrator")}
    return [(role, labels[role]) for role in ROLES]


class AccountForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=254)])
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(_l("Role"), choices=role_choices)
    administration = SelectField(_l("Administration"), coerce=str)
    password = PasswordField(_l("Password"), validators=[Optional(), strong_password])
    active = BooleanField(_l("Active"), default=True)
    offices = TextAreaField(_l("Offices (agents only): one office code per line"), validators=[Length(max=20000)])

    def validate_administration(self, field):
        if self.role.data in ROLES_WITH_ADMINISTRATION and not field.data:
            raise ValidationError(_l("Editors and agents belong to one administration."))
        if self.role.data not in ROLES_WITH_ADMINISTRATION and field.data:
            raise ValidationError(_l("Reviewers and administrators do not belong to one administration."))
