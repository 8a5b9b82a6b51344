"""The receipt and the certificate of tacit approval as printable papers, in the reader's language."""
from flask_babel import gettext as _

from portal.i18n import current_language, direction, format_date, format_time, tr_plain
from procedures.documents import Line, Paper

from procedures.catalogue.wording import period, silence_date, version_silence_rule

from .receipts import stated_on_receipt
from .numbers import display

FOOTER = "Masatir — مساطر"


def receipt_paper(request, verify_url, secret=None):
    facts = request.receipt
    lines = [Line(_("Tracking number"), display(request.number))]
    if secret:
        lines.append(Line(_("Secret code, to follow your request"), f"{secret[:4]}-{secret[4:]}"))
    lines += [
        Line(_("Filed on"), f"{format_date(request.filed_at, 'long')} {format_time(request.filed_at, 'short')}"),
        Line(_("Procedure in force"), f"{facts['procedure']} · {_('version %(number)s', number=facts['version'])}"),
        Line(_("Administration"), tr_plain(request.administration.name)),
        *([Line(_("Office"), f"{tr_plain(facts['office']['name'])} — {tr_plain(facts['office']['address'])}")]
          if facts.get("office") else []),
        Line(_("Legal deadline"), period(facts["processing_days"], facts["day_unit"])),
    ]
    due_on, silence_on = stated_on_receipt(request)
    if due_on and facts["processing_days"]:
        lines.append(Line(_("Due on"), format_date(due_on, "long")))
    silence = " ".join(filter(None, [version_silence_rule(request.version),
                                     silence_date(facts["silence"], silence_on)]))
    return Paper(
        lang=current_language(), direction=direction(), title=_("Receipt of your request"),
        subtitle=tr_plain(facts["title"]), lines=lines, items_heading=_("Documents received"),
        items=[tr_plain(d["name"]) for d in facts["documents"] if d["sha256"] or d.get("handed_over")]
        or [_("No document is required.")],
        notes=[silence, _("Under Law 55-19 the administration may not ask you for any document, step, fee or delay "
                          "that the procedure's sheet does not list.")],
        verify_url=verify_url, verify_label=_("Verification code:") + " " + request.signature[:16], footer=FOOTER)


def certificate_paper(request, approved_on, verify_url, code):
    version = request.version
    authority = tr_plain(version.tacit_authority or request.administration.name)
    return Paper(
        lang=current_language(), direction=direction(), title=_("Certificate of tacit approval"),
        subtitle=tr_plain(version.title),
        lines=[Line(_("Tracking number"), display(request.number)),
               Line(_("Filed on"), format_date(request.filed_on, "long")),
               Line(_("Approved by silence on"), format_date(approved_on, "long")),
               Line(_("Issuing authority"), authority)],
        items_heading=_("What this certifies"),
        items=[_("The administration did not answer within the deadline; under Law 55-19 the request is accepted.")],
        notes=[_("This certificate can be checked by anyone with its number and code.")],
        verify_url=verify_url, verify_label=_("Verification code:") + " " + code[:16], footer=FOOTER)
