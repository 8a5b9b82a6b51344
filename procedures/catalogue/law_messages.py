"""What each of the law's findings (procedures.law) says, in the reader's language: to the editor at submission, to
the agent whose incompleteness note asks for something art. 7 forbids."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.i18n import language_in_reader_language

MESSAGES = {
    "missing_text": _l("Required, in this language too."),
    "too_long": _l("At most %(max)s characters."),
    "invalid_url": _l("Give a full address starting with https://"),
    "no_steps": _l("List at least one step."),
    "invalid_number": _l("Give a whole number in the allowed range."),
    "invalid_amount": _l("Give an amount in dirhams, e.g. 75 or 12.50."),
    "missing_choice": _l("Choose one."),
    "silence_before_deadline": _l("Silence cannot take effect before the end of the deadline."),
    "invalid_code": _l("Capital letters, digits and hyphens only, e.g. CT-120."),
    "code_taken": _l("Another procedure already has this reference."),
    "invalid_slug": _l("Small letters, digits and hyphens only, e.g. permis-de-construire."),
    "slug_taken": _l("Another procedure already has this address."),
    "missing_deadline": _l("Give the maximum processing time in days (0 if on the spot)."),
    "deadline_over_cap": _l("Law 55-19 (art. 16) caps processing at %(cap)s days; %(days)s days is too long."),
    "deadline_over_investment_cap": _l(
        "An investment act must be processed within %(cap)s days (Law 55-19, art. 16); %(days)s days is too long."),
    "certified_copy": _l("Law 55-19 (art. 7) forbids asking for certified copies."),
    "legalised_signature": _l("Law 55-19 (art. 7) forbids asking for a legalised signature."),
    "official_bulletin": _l("Law 55-19 (art. 7) forbids asking for public documents such as the Official Bulletin."),
    "wait_over_cap": _l("Law 55-19 (art. 16) caps the whole wait at %(cap)s days; with the silence period and "
                        "the extension, in calendar days, a citizen could wait %(days)s days."),
    "wait_over_investment_cap": _l(
        "For an investment act Law 55-19 (art. 16) caps the whole wait at %(cap)s days; with the silence period "
        "and the extension, in calendar days, a citizen could wait %(days)s days."),
    "longer_wait_by_text": _l("A citizen could wait %(days)s days, more than Law 55-19's %(cap)s: the legal basis "
                              "cites a text allowing it; the commission must check that text."),
    "several_copies": _l("Law 55-19 (art. 7) allows asking for one copy of a file only."),
    "more_than_one_copy": _l("Law 55-19 (art. 7) allows asking for one copy only, not %(quantity)s."),
    "duplicate_document": _l("This document is already listed (item %(first)s)."),
    "fees_not_stated": _l("Say whether the procedure is free, or list its fees."),
    "no_legal_basis": _l("Give at least one legal reference."),
    "silence_not_stated": _l("Say what the administration's silence means at the end of the deadline."),
    "held_elsewhere": _l("Another administration already holds this document: under the once-only principle, "
                         "consider getting it from that administration or accepting a sworn statement."),
}


def describe(finding):
    """The finding as a sentence; for a text in one language, that language is named."""
    lang = finding.field.rsplit(".", 1)[-1]
    if finding.code == "missing_text" and len(lang) in (2, 3):
        return _("Required in %(language)s.", language=language_in_reader_language(lang))
    return str(MESSAGES[finding.code]) % finding.params
