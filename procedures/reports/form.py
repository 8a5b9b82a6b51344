"""The citizen's report form: what was asked, where, when, and how to reach them (optional).

Errors are keyed by field name; each message is translated. Nothing is truncated silently:
a text that is too long is an error the citizen can see and correct.
"""
import re
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from portal import addresses
from procedures import clock

from .models import KINDS

LIMITS = {"asked": 2000, "office": 200, "town": 100, "contact": 200}
HONEYPOT = "website"  # hidden from people; a robot that fills every field fills it
PHONE = re.compile(r"^\+?[0-9 ().-]{8,20}$")


def read(form):
    return {name: form.get(name, "").strip() for name in ("kind", "asked", "office", "town", "asked_on", "contact")}


def check(values, procedure):
    """``(facts for the report, the version in force on the day, errors)``."""
    errors = {}
    if values["kind"] not in KINDS:
        errors["kind"] = _("Choose what the administration asked for.")
    if not values["asked"]:
        errors["asked"] = _("Say what exactly was asked of you.")
    if not values["office"]:
        errors["office"] = _("Say at which office or counter.")
    if not values["town"]:
        errors["town"] = _("Say in which town.")
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            errors[name] = _("At most %(num)d characters, please shorten.", num=limit)
    contact = values["contact"]
    if contact and "contact" not in errors and not (addresses.is_one_address(contact) or PHONE.match(contact)):
        errors["contact"] = _("Give an e-mail address or a telephone number, or leave this field empty.")
    day, version = _day(values["asked_on"], procedure, errors)
    facts = {name: values[name] for name in ("kind", "asked", "office", "town", "contact")}
    return {**facts, "asked_on": day}, version, errors


def _day(raw, procedure, errors):
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        errors["asked_on"] = _("Give the date of the demand, as day, month and year.")
        return None, None
    if day > clock.today():
        errors["asked_on"] = _("This date is in the future: give the day the demand was made.")
        return None, None
    version = procedure.version_on(day)
    if version is None:
        errors["asked_on"] = _("No sheet of this procedure was in force on %(date)s: the portal cannot say what "
                               "could be asked that day. Check the date.", date=format_date(day, "long"))
    return day, version
