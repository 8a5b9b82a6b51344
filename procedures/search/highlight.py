"""Matches marked in what the results show: ``<mark>`` around every word the query found."""
from markupsafe import Markup, escape

from . import analysis

SNIPPET_LENGTH = 220


def marked(text, terms, limit=None):
    """``text`` with the words whose term is in ``terms`` marked, cut to about ``limit``
    characters around the first match (whole text when ``limit`` is None)."""
    text = text or ""
    hits = list(_matches(text, terms))
    start, end = 0, len(text)
    if limit and len(text) > limit:
        first = hits[0][0] if hits else 0
        start = max(0, min(first - limit // 3, len(text) - limit))
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = text.find(" ", start + limit)
        end = len(text) if end == -1 else end
    pieces = [Markup("…")] if start else []
    cursor = start
    for word_start, word_end in hits:
        if word_start < start or word_end > end:
            continue
        pieces += [escape(text[cursor:word_start]), Markup("<mark>%s</mark>") % text[word_start:word_end]]
        cursor = word_end
    pieces.append(escape(text[cursor:end]))
    if end < len(text):
        pieces.append(Markup("…"))
    return Markup("").join(pieces)


def _matches(text, terms):
    """``(start, end)`` of the words of ``text`` whose terms meet ``terms``. Each distinct
    token is looked up once (its analysis is remembered: results show the same words
    again and again), and the text is walked only if one of them matched."""
    found = {token for token in set(analysis.WORD.findall(text))
             if not analysis.token_terms(token).isdisjoint(terms)}
    if not found:
        return
    for match in analysis.WORD.finditer(text):
        if match.group() in found:
            for offset, end, word_terms in analysis.token_spans(match.group()):
                if not word_terms.isdisjoint(terms):
                    yield match.start() + offset, match.start() + end
