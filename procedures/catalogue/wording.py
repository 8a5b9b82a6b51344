"""How periods and silence are said, the same way on the sheet, the receipt (page and PDF),
the tracking page, the notices and the API (issue 11, item 1)."""
from flask_babel import gettext as _
from flask_babel import ngettext

from portal.i18n import format_date

from procedures import silence


def period(days, unit="calendar"):
    """"30 days", "10 working days", or "on the spot" for 0."""
    if days == 0:
        return _("on the spot")
    if unit == "working":
        return ngettext("%(num)d working day", "%(num)d working days", days)
    return ngettext("%(num)d day", "%(num)d days", days)


def silence_rule(meaning, processing_days, day_unit="calendar", silence_days=None):
    """What silence means under a version, in one sentence (the sheet's; the receipt repeats it)."""
    kind = silence.rule(meaning, processing_days)
    if kind == silence.APPROVAL:
        sentence = _("Silence means approval: the request is deemed accepted.")
        if silence_days is not None and silence_days != processing_days:
            sentence += " " + _("Silence takes effect after %(days)s.", days=period(silence_days, day_unit))
        return sentence
    if kind == silence.REFUSAL:
        return _("Silence means refusal: you may appeal to the administration's superior authority.")
    if kind == silence.ON_THE_SPOT:
        return _("Not applicable: the document is issued on the spot.")
    return _("Silence has no effect here: the administration must give an answer, and you may turn to its "
             "superior authority if none comes.")


def version_silence_rule(version):
    return silence_rule(version.silence, version.processing_days, version.day_unit, version.silence_days)


def silence_date(meaning, takes_effect_on):
    """The day silence decides, as stated to the citizen; None when silence decides nothing."""
    if takes_effect_on is None or not silence.takes_effect(meaning):
        return None
    when = format_date(takes_effect_on, "long")
    if meaning == silence.APPROVAL:
        return _("Without an answer, your request is approved on %(date)s, and you can print a certificate.",
                 date=when)
    return _("Without an answer, your request is refused on %(date)s; you may then appeal to the "
             "administration's superior authority.", date=when)


def init_app(app):
    app.add_template_global(period)
    app.add_template_global(version_silence_rule, "silence_rule")
    app.add_template_global(silence_date)
