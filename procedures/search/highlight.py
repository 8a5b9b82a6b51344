"""Matches in what the results show: where the words the query found are, in plain text
(``excerpt``, for the API), or marked with ``<mark>`` for a page (``marked``)."""
from markupsafe import Markup, escape

from . import analysis

SNIPPET_LENGTH = 220
ELLIPSIS = "…"


def excerpt(text, terms, limit=None):
    """``(shown, spans)``: ``text`` cut to about ``limit`` characters around its first
    match (whole when ``limit`` is None; "…" where cut), and the ``(start, end)`` of each
    word of it whose term is in ``terms``, as offsets into ``shown``."""
    text = text or ""
    hits = list(_matches(text, terms))
    start, end = 0, len(text)
    if limit and len(text) > limit:
        first = hits[0][0] if hits else 0
        start = max(0, min(first - limit // 3, len(text) - limit))
        start = text.rfind(" ", 0, start) + 1 if start else 0
        end = text.find(" ", start + limit)
        end = len(text) if end == -1 else end
    prefix = ELLIPSIS if start else ""
    shown = prefix + text[start:end] + (ELLIPSIS if end < len(text) else "")
    shift = len(prefix) - start
    spans = [(word_start + shift, word_end + shift) for word_start, word_end in hits
             if word_start >= start and word_end <= end]
    return shown, spans


def marked(text, terms, limit=None):
    """``excerpt`` as HTML: the text escaped, its matches in ``<mark>``."""
    shown, spans = excerpt(text, terms, limit)
    pieces, cursor = [], 0
    for start, end in spans:
        pieces += [escape(shown[cursor:start]), Markup("<mark>%s</mark>") % shown[start:end]]
        cursor = end
    pieces.append(escape(shown[cursor:]))
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
