"""Which office receives a request: from the place the citizen chose and what the version says.

``residence``, ``property`` and ``any_office``: the administration's office nearest to the chosen
commune or arrondissement, walking up to its commune, province and region; ``central``: the
administration's central office. An administration without offices keeps one national queue.
"""
import sqlalchemy as sa

from portal.extensions import db

from .models import Office, TerritorialUnit

ASKS_FOR_PLACE = ("residence", "property", "any_office")


def has_offices(administration_id):
    return db.session.scalar(sa.select(Office.id).filter_by(administration_id=administration_id).limit(1)) is not None


def asks_for_place(version, administration_id):
    return version.where_to_file in ASKS_FOR_PLACE and has_offices(administration_id)


def central_office(administration_id):
    return db.session.scalar(sa.select(Office).filter_by(administration_id=administration_id)
                             .order_by(Office.central.desc(), Office.id).limit(1))


def office_for(version, administration_id, unit_code=None):
    """The office, or None when the administration has none (or the place is unknown)."""
    if version.where_to_file not in ASKS_FOR_PLACE:
        return central_office(administration_id)
    unit = db.session.get(TerritorialUnit, unit_code) if unit_code else None
    if unit is None:
        return None
    chain = [u.code for u in unit.chain()]
    offices = db.session.scalars(sa.select(Office).where(Office.administration_id == administration_id,
                                                         Office.unit_code.in_(chain))).all()
    for code in chain:  # the nearest first
        for office in sorted(offices, key=lambda o: o.id):
            if office.unit_code == code:
                return office
    return central_office(administration_id)
