"""The rules of Law 55-19 that a procedure's version must meet before it is published.

``check_version`` takes a version as the catalogue format describes it (a dict, as
``VersionSchema`` loads it) and returns findings: errors block publication,
warnings are shown to the editor. Each finding names the field at fault, so that
a form can show it beside that field, and carries a code a translation is keyed on.
"""
import re
from dataclasses import dataclass, field

from .deadlines import CALENDAR_DAYS, SILENCE_MEANINGS, WORKING_DAYS
from .text import fold

MAX_DAYS = 60  # Art. 16: no administrative decision takes more than 60 days…
MAX_DAYS_INVESTMENT = 30  # …and no more than 30 days for an investment act.
# Converting working days to the calendar days a citizen waits, erring on the citizen's side:
# every started week of five working days brings its weekend, and public holidays come on top
# (each taking the place of a working day, so bringing weekends of its own):
# Morocco has at most 18 days off a year (11 fixed, two days each for the two Eids and Mawlid,
# 1 Muharram), counted in proportion to the span, plus five for a cluster (14, 20 and 21 August
# and Mawlid's two days all fell within two weeks in 2026).
HOLIDAYS_PER_YEAR, HOLIDAY_CLUSTER = 18, 5

# Art. 7: no certified copies, no legalised signatures, no more than one copy of a
# file, no public documents that do not concern the user (the Official Bulletin).
# Patterns match folded text (procedures.text.fold): no accents, no diacritics.
FORBIDDEN_REQUIREMENTS = {
    "certified_copy": [
        r"copies? (certifiee?s? )?conformes?", r"copies? certifiees?", r"certifiee?s? conformes?",
        r"مطابق\S* (ل|ا)?ل?اصل", r"مصادق\S* علي", r"نسخ\S* مصادق",
    ],
    "legalised_signature": [
        r"legalis", r"signature certifiee", r"تصحيح (ال)?امضاء", r"مصحح\S* (ال)?امضاء",
        r"مصادق\S* (علي )?(ال)?(امضاء|توقيع)",  # folded text: على is written علي
    ],
    "official_bulletin": [r"bulletin officiel", r"(ال)?جريده (ال)?رسميه"],
    "several_copies": [
        r"(deux|trois|quatre|cinq|six|plusieurs|[2-9]) (exemplaires|copies|jeux)", r"(en )?(double|triple) exemplaire",
        r"نسختين", r"(ثلاث|اربع|خمس|ست|عده|[2-9]) نسخ", r"نظيرين", r"(ثلاثه|اربعه|خمسه|[2-9]) نظائر",
    ],
}
# The same prohibitions in plain words, matched forgivingly (``wording_pattern``): the commission
# adds more (``procedures.catalogue.article7``), in French and Arabic, without touching the code.
ARTICLE_7_WORDINGS = (
    ("certified_copy", "copie authentifiée"), ("certified_copy", "visé par l'autorité"),
    ("certified_copy", "certifié conforme"), ("certified_copy", "نسخة مشهود بمطابقتها"),
    ("certified_copy", "مؤشر عليها من طرف السلطة"),
    ("legalised_signature", "signature légalisée"), ("legalised_signature", "مصادقة على التوقيع"),
    ("official_bulletin", "B.O."), ("official_bulletin", "Bulletin officiel"),
    ("official_bulletin", "الجريدة الرسمية"),
)
ARTICLE_7_CODES = tuple(FORBIDDEN_REQUIREMENTS)

# The once-only principle: documents another administration already holds are to be
# phased out (a sworn statement may replace some). Warnings, not errors.
HELD_ELSEWHERE = {
    "birth_record": [r"acte de naissance", r"رسم (ال)?ولاد", r"عقد (ال)?ازدياد"],
    "residence_certificate": [r"certificat de residence", r"attestation de residence", r"شهاد\S* (ال)?سكن"],
    "criminal_record": [r"casier judiciaire", r"fiche anthropometrique", r"(ال)?سجل (ال)?عدلي", r"بطاق\S* (ال)?سوابق"],
    "life_certificate": [r"certificat de vie", r"شهاد\S* (ال)?حيا"],
    "nationality_certificate": [r"certificat de nationalite", r"شهاد\S* (ال)?جنسي"],
}


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" or "warning"
    field: str  # the field at fault, e.g. "processing_days" or "documents[2].name"
    code: str  # what is wrong, e.g. "too_long" — the key of its translated message
    params: dict = field(default_factory=dict)

    @property
    def is_error(self):
        return self.severity == "error"

    def __str__(self):
        details = ", ".join(f"{key}={value}" for key, value in self.params.items())
        return f"{self.severity}: {self.field}: {self.code}" + (f" ({details})" if details else "")


def _matches(patterns, text):
    return any(re.search(pattern, text) for pattern in patterns)


def _folded_names(document):
    return {lang: fold(name) for lang, name in document["name"].items()}


def calendar_span(days, unit):
    """The most calendar days ``days`` counted in ``unit`` can take, whatever the day of filing."""
    if unit != WORKING_DAYS or not days:
        return days

    def with_weekends(working):  # a weekend for every started week of work
        return working + 2 * -(-working // 5)

    days_off = -(-with_weekends(days) * HOLIDAYS_PER_YEAR // 365) + HOLIDAY_CLUSTER
    return with_weekends(days + days_off)  # a holiday pushes the end like a working day, weekends included


def longest_wait(version):
    """The longest a citizen can wait under ``version``, in calendar days: until silence takes effect
    (the deadline, or the silence period when it is longer), plus the one extension when allowed."""
    days = version.get("processing_days") or 0
    period = max(days, version.get("silence_days") or 0) + (version.get("extension_days") or 0)
    return calendar_span(period, version.get("day_unit") or CALENDAR_DAYS)


def allows_longer_wait(version):
    """Whether one of the version's legal references is marked as a text allowing a longer period."""
    return any(reference.get("allows_longer_wait") for reference in version.get("legal_basis") or [])


def _wait_field(version, cap):
    """The field that takes the wait over ``cap``: the deadline, else the silence period, else the extension."""
    unit = version.get("day_unit") or CALENDAR_DAYS
    if calendar_span(version.get("processing_days") or 0, unit) > cap:
        return "processing_days"
    if calendar_span(max(version.get("processing_days") or 0, version.get("silence_days") or 0), unit) > cap:
        return "silence_days"
    return "extension_days"


def check_deadline(version):
    """Art. 16: the deadline and the whole wait (deadline or silence period, plus an extension, in calendar
    days) within 60 days, 30 for an investment act, unless a cited text allows more (then flagged)."""
    days, investment = version.get("processing_days"), version.get("investment", False)
    if days is None:
        return [Finding("error", "processing_days", "missing_deadline")]
    cap = MAX_DAYS_INVESTMENT if investment else MAX_DAYS
    if days > cap:
        field, code, found = "processing_days", "deadline_over_cap", days
    elif longest_wait(version) > cap:
        field, code, found = _wait_field(version, cap), "wait_over_cap", longest_wait(version)
    else:
        return []
    if allows_longer_wait(version):  # a text allows more: the commission decides, warned
        return [Finding("warning", field, "longer_wait_by_text", {"days": found, "cap": cap})]
    if investment:
        code = code.replace("_over_", "_over_investment_")
    return [Finding("error", field, code, {"days": found, "cap": cap})]


def _is_arabic(token):
    return any("\u0600" <= letter <= "\u06ff" for letter in token)


def wording_pattern(wording):
    """A regular expression matching ``wording`` in folded text however it is written: accents, case,
    punctuation and spacing aside; French plurals and feminines (``-e``, ``-s``, ``-es``); Arabic with or
    without the article, a one-letter prefix (و ب ل ف ك) or a plural or feminine ending."""
    parts = []
    for token in re.findall(r"\w+", fold(wording)):
        if _is_arabic(token):
            stem = token[2:] if token.startswith("ال") and len(token) > 3 else token
            stem = stem[:-1] if stem.endswith("ه") and len(stem) > 3 else stem  # ta marbuta, folded to ha
            parts.append(rf"[وبلفك]?(?:ال)?{re.escape(stem)}(?:ه|ها|هم|ات|ين|ون|يه)?")
        else:
            parts.append(re.escape(token) + ("(?:es|s|e)?" if len(token) > 2 else ""))
    return r"(?<!\w)" + r"\W+".join(parts) + r"(?!\w)" if parts else None


def article7_findings(text, rules=()):
    """The Article 7 prohibitions ``text`` runs into, as ``(code, what matched)`` pairs, one per code.

    ``rules``: more ``(code, wording)`` pairs (the commission's, ``procedures.catalogue.article7``) on top
    of the built-in patterns and wordings. For a document's name and note, an agent's note, any text that
    would ask a citizen for something."""
    folded, found = fold(text or ""), {}
    for code, patterns in FORBIDDEN_REQUIREMENTS.items():
        match = next((m for m in (re.search(p, folded) for p in patterns) if m), None)
        if match:
            found.setdefault(code, match.group(0))
    for code, wording in (*ARTICLE_7_WORDINGS, *rules):
        pattern = wording_pattern(wording)
        match = re.search(pattern, folded) if pattern and code not in found else None
        if match:
            found[code] = match.group(0)
    return list(found.items())


def check_documents(version, rules=()):
    findings, seen = [], {}
    for index, document in enumerate(version.get("documents", [])):
        names = _folded_names(document)
        text = " | ".join(names.values()) + " | " + " | ".join(fold(n) for n in (document.get("note") or {}).values())
        for code, _matched in article7_findings(text, rules):
            findings.append(Finding("error", f"documents[{index}].name", code))
        if document.get("form") == "copy" and document.get("quantity", 1) > 1:
            findings.append(Finding("error", f"documents[{index}].quantity", "more_than_one_copy",
                                    {"quantity": document["quantity"]}))
        for lang, name in names.items():
            if (lang, name) in seen:
                findings.append(Finding("error", f"documents[{index}].name", "duplicate_document",
                                        {"first": seen[(lang, name)] + 1}))
                break
        for lang, name in names.items():
            seen.setdefault((lang, name), index)
        for held, patterns in HELD_ELSEWHERE.items():
            if _matches(patterns, text):
                findings.append(Finding("warning", f"documents[{index}].name", "held_elsewhere", {"document": held}))
    return findings


def check_statements(version):
    """What the citizen must always be told: fees (possibly none), legal basis, silence."""
    findings = []
    if version.get("fees") is None:
        findings.append(Finding("error", "fees", "fees_not_stated"))
    if not version.get("legal_basis"):
        findings.append(Finding("error", "legal_basis", "no_legal_basis"))
    if version.get("silence") not in SILENCE_MEANINGS:
        findings.append(Finding("error", "silence", "silence_not_stated"))
    return findings


def check_version(version, rules=()):
    """Every finding for one version, errors first; ``rules``: the commission's Article 7 wordings."""
    findings = check_deadline(version) + check_documents(version, rules) + check_statements(version)
    return sorted(findings, key=lambda finding: not finding.is_error)
