"""Versions: which one is in force on a day, and that a published one never changes."""
from datetime import date

import pytest
import sqlalchemy as sa

from portal.extensions import db
from procedures.catalogue.immutability import PublishedVersionIsImmutable
from procedures.catalogue.models import Document, Procedure, Version
from procedures.catalogue.queries import Filters, listing
from tests import samples


@pytest.fixture
def permit(ctx):
    samples.load()
    return db.session.scalar(sa.select(Procedure).filter_by(code="CT-002"))


@pytest.mark.parametrize("day, number", [
    (date(2021, 5, 31), None),  # before the first version
    (date(2021, 6, 1), 1),  # a version is in force from its first day
    (date(2024, 2, 29), 1),
    (date(2024, 3, 1), 2),
    (date(2026, 12, 31), 2),
    (date(2027, 1, 1), 3),  # the scheduled version takes over on its date
])
def test_the_version_in_force_is_the_latest_that_took_effect(permit, day, number):
    version = permit.version_on(day)
    assert (version.number if version else None) == number
    in_sql = db.session.execute(listing(day, Filters(), "fr").where(Procedure.code == "CT-002")).all()
    assert [v.number for _, v in in_sql] == ([number] if number else [])


def test_the_next_scheduled_version_is_known(permit):
    assert permit.next_version_after(date(2026, 11, 23)).number == 3
    assert permit.next_version_after(date(2027, 1, 1)) is None


def test_a_published_version_cannot_be_edited(permit):
    version = permit.version_on(date(2026, 1, 1))
    version.processing_days = 60
    with pytest.raises(PublishedVersionIsImmutable):
        db.session.flush()
    db.session.rollback()
    assert permit.version_on(date(2026, 1, 1)).processing_days == 30


def test_a_required_document_cannot_be_changed_or_removed(permit):
    document = db.session.scalar(sa.select(Document).join(Version).filter(Version.number == 2).limit(1))
    document.name = {"fr": "Autre chose", "ar": "شيء آخر"}
    with pytest.raises(PublishedVersionIsImmutable):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(Document, document.id))
    with pytest.raises(PublishedVersionIsImmutable):
        db.session.flush()
    db.session.rollback()


def test_the_database_refuses_an_impossible_maturity_level(permit):
    with db.engine.begin() as connection, pytest.raises(sa.exc.IntegrityError):
        connection.execute(sa.update(Version.__table__).values(maturity=5))
