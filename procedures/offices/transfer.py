"""Import an administration's own list of offices (``flask offices import FILE``): all or nothing,
idempotent (an office is known by its code; a second run changes nothing)."""
import json

import sqlalchemy as sa
from marshmallow import Schema, ValidationError, fields, validate

from portal.extensions import db
from procedures.catalogue.models import Administration
from procedures.catalogue.schemas import SLUG, TranslatedText

from .models import Office, TerritorialUnit


class OfficeSchema(Schema):
    code = fields.String(required=True, validate=[validate.Length(max=64), validate.Regexp(r"^[a-z0-9.\-]+$")])
    administration = fields.String(required=True, validate=validate.Regexp(SLUG))
    unit = fields.String(required=True, validate=validate.Length(max=16))  # HCP's code
    central = fields.Boolean(load_default=False)
    name = TranslatedText(required=True)
    address = TranslatedText(required=True)
    hours = TranslatedText(required=True)


class OfficesRejected(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} error(s); nothing was imported")
        self.errors = errors


def import_offices(text):
    """Returns (added, changed); raises ``OfficesRejected`` with every problem found."""
    try:
        items = OfficeSchema(many=True).load(json.loads(text))
    except (json.JSONDecodeError, ValidationError) as error:
        raise OfficesRejected([str(getattr(error, "messages", error))]) from None
    administrations = {a.code: a.id for a in db.session.scalars(sa.select(Administration))}
    units = set(db.session.scalars(sa.select(TerritorialUnit.code).where(
        TerritorialUnit.code.in_([item["unit"] for item in items]))))
    errors = [f"{item['code']}: unknown administration {item['administration']!r}" for item in items
              if item["administration"] not in administrations]
    errors += [f"{item['code']}: unknown territorial unit {item['unit']!r} (run `flask offices territory`)"
               for item in items if item["unit"] not in units]
    if errors:
        raise OfficesRejected(errors)
    stored = {office.code: office for office in db.session.scalars(sa.select(Office).where(
        Office.code.in_([item["code"] for item in items])))}
    added = changed = 0
    for item in items:
        values = {"administration_id": administrations[item["administration"]], "unit_code": item["unit"],
                  "central": item["central"], "name": item["name"], "address": item["address"],
                  "hours": item["hours"]}
        office = stored.get(item["code"])
        if office is None:
            db.session.add(Office(code=item["code"], **values))
            added += 1
        elif any(getattr(office, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(office, key, value)
            changed += 1
    return added, changed
