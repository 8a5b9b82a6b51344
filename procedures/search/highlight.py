"""Matches marked in what the results show: ``<mark>`` around every word the query found."""
from markupsafe import Markup, escape

from . import analysis

SNIPPET_LENGTH = 220


def marked(text, terms, limit=None):
    """``text`` with the words whose term is in ``terms`` marked, cut to about ``limit``
    characters around the first match (whole text when ``limit`` is None)."""
    text = text or ""
    hits = [word for word in analysis.words(text) if word.term in terms or set(word.alternates) & terms]
    start, end = 0, len(text)
    if limit and len(text) > limit:
        first = hits[0].start if hits else 0
        start = max(0, min(first - limit // 3, len(text) - limit))
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = text.find(" ", start + limit)
        end = len(text) if end == -1 else end
    pieces = [Markup("…")] if start else []
    cursor = start
    for word in hits:
        if word.start < start or word.end > end:
            continue
        pieces += [escape(text[cursor:word.start]), Markup("<mark>%s</mark>") % text[word.start:word.end]]
        cursor = word.end
    pieces.append(escape(text[cursor:end]))
    if end < len(text):
        pieces.append(Markup("…"))
    return Markup("").join(pieces)
