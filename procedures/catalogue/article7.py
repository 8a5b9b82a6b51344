"""Article 7's wordings the commission adds, in French and Arabic, to the built-in ones of ``procedures.law``.

Law 55-19 art. 7 forbids asking for certified copies, legalised signatures, public documents such as
the Official Bulletin, or more than one copy of a file. Administrations find new ways to say so; the
commission (reviewers) adds each new wording here, and every check reads them: the editor's draft
(``publication.checks``), the import, and an agent's incompleteness note (``findings(text)``).
"""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from portal import audit
from portal.extensions import db
from procedures import clock
from procedures.law import ARTICLE_7_CODES, ARTICLE_7_WORDINGS, article7_findings, wording_pattern
from procedures.text import fold

MAX_WORDING = 200


class Article7Wording(db.Model):
    __tablename__ = "article7_wording"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32))
    wording: Mapped[str] = mapped_column(sa.String(MAX_WORDING))
    folded: Mapped[str] = mapped_column(sa.String(MAX_WORDING), unique=True)  # one wording once, however spelt
    added_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("account.id"))
    added_at: Mapped[datetime]

    __table_args__ = (sa.CheckConstraint(f"code IN {ARTICLE_7_CODES}", name="code"),)


class WordingRefused(ValueError):
    """``code`` keys a translated message: ``unknown_rule``, ``empty_wording``, ``too_long``, ``known_wording``."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def rules():
    """The commission's ``(code, wording)`` pairs, oldest first."""
    return [tuple(row) for row in db.session.execute(
        sa.select(Article7Wording.code, Article7Wording.wording).order_by(Article7Wording.id))]


def findings(text):
    """What ``text`` (an agent's note, a document's name…) asks that Article 7 forbids: ``(code, matched)``
    pairs, built-in and commission wordings alike. The one call for any text a citizen may be asked by."""
    return article7_findings(text, rules())


def add(account, code, wording):
    """The commission adds a wording (flushed, not committed; audited)."""
    wording = " ".join((wording or "").split())
    if code not in ARTICLE_7_CODES:
        raise WordingRefused("unknown_rule")
    if not wording or wording_pattern(wording) is None:
        raise WordingRefused("empty_wording")
    if len(wording) > MAX_WORDING:
        raise WordingRefused("too_long")
    known = {fold(text) for _code, text in ARTICLE_7_WORDINGS}
    if fold(wording) in known or db.session.scalar(sa.select(Article7Wording.id).filter_by(folded=fold(wording))):
        raise WordingRefused("known_wording")
    row = Article7Wording(code=code, wording=wording, folded=fold(wording), added_by_id=account.id,
                          added_at=clock.utcnow())
    db.session.add(row)
    db.session.flush()
    audit.record("article7_wording_added", f"article7:{row.id}", account=account, code=code, wording=wording)
    return row
