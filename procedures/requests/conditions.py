"""Documents a sheet lists under a condition ("only for legal persons", "in case of loss", "if
available"): the online form does not demand them of everyone (Law 55-19 lets the administration
ask only what the sheet lists, as the sheet lists it). The condition is read from the document's
note, in French or in Arabic; the form then shows it, and the file is optional.
"""
import re

from procedures.text import fold

# Folded text (procedures.text.fold): lower case, no accents, no Arabic diacritics or hamzas.
CONDITIONAL = [re.compile(pattern) for pattern in (
    r"\b(uniquement|seulement)\b", r"^(pour (les|la|le|l')|si\b|s'il|lorsque|lors de|en cas de|non demande|"
    r"facultati|exige uniquement)",
    r"فقط", r"^(بالنسبه ل|في حاله|اذا|ان (وجد|توفر|امكن|سبق)|لا تطلب|غير مطلوب|اختياري|عند |عندما)",
)]


def is_conditional(document) -> bool:
    """Whether the sheet asks for ``document`` only in some cases (its note says when)."""
    note = document.note or {}
    return any(pattern.search(fold(text).strip()) for text in note.values() if text for pattern in CONDITIONAL)


def required_ids(version):
    """The documents every applicant must send online: the listed ones, less the conditional ones."""
    return [document.id for document in version.documents if not is_conditional(document)]
