"""Synonyms and acronyms, kept as data so that administrators maintain them, not developers.

A row is a group of expressions a citizen may use for the same thing, in any language:
``["CNIE", "CIN", "carte nationale d'identité électronique", "البطاقة الوطنية للتعريف"]``.
A query that contains one of them also looks for the others.
"""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from procedures.catalogue.models import utcnow


class Synonym(db.Model):
    __tablename__ = "search_synonym"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    terms: Mapped[list] = mapped_column(sa.JSON().with_variant(JSONB(), "postgresql"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class WordUse(db.Model):
    """How many searches with results used a word the catalogue knows (its folded key).

    Only words of the catalogue or of a synonym group are counted, never what else was
    typed (a name, a number): the table says what people look for, not who looks."""
    __tablename__ = "search_word_use"
    __table_args__ = (sa.CheckConstraint("uses >= 0", name="uses_not_negative"),)

    word: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    uses: Mapped[int] = mapped_column(default=0)
