"""Real-looking offices for the demo catalogue (``flask offices demo``; a second run changes nothing).

Every commune gets its office for the communes' procedures, every prefecture and province its
division for theirs, each region a regional investment centre, and every other administration one
central office in Rabat. Addresses and hours are plausible, not real: an administration's own list
is imported in production.
"""
import sqlalchemy as sa

from portal.auth.models import Account
from portal.extensions import db
from procedures.catalogue.models import Administration

from .assignment import assign, codes_of
from .models import Office
from .territory import units

HOURS = {"ar": "من الاثنين إلى الجمعة، من 8:30 إلى 16:30", "fr": "Du lundi au vendredi, de 8 h 30 à 16 h 30"}


def _rabat():
    return next((u for u in units() if u["level"] == "commune" and u["name"]["fr"] == "Rabat"), None)


# administration code -> (level of its offices, code prefix, name, address); {ar}/{fr}: the unit's name
NETWORKS = {
    "communes": ("commune", "commune", {"ar": "جماعة {ar} — مكتب الضبط", "fr": "Commune de {fr} — bureau d'ordre"},
                 {"ar": "مقر جماعة {ar}", "fr": "Hôtel de la commune, {fr}"}),
    "prefectures": ("province", "province",
                    {"ar": "عمالة أو إقليم {ar} — قسم الشؤون الإدارية",
                     "fr": "{fr} — division des affaires administratives"},
                    {"ar": "مقر العمالة، {ar}", "fr": "Siège de la province, {fr}"}),
    "cri": ("region", "cri", {"ar": "المركز الجهوي للاستثمار — {ar}", "fr": "Centre régional d'investissement — {fr}"},
            {"ar": "مقر المركز، جهة {ar}", "fr": "Siège du centre, région {fr}"}),
}


def _fill(template, unit):
    return {lang: words.format(**unit["name"]) for lang, words in template.items()}


def planned(administrations):
    """The demo offices as dicts, for the administrations present (by code)."""
    rabat = _rabat()
    offices = []
    for code, administration in administrations.items():
        if code in NETWORKS:
            level, prefix, name, address = NETWORKS[code]
            offices += [_office(administration, unit, f"{prefix}-{unit['code']}", _fill(name, unit),
                                _fill(address, unit)) for unit in units() if unit["level"] == level]
        if rabat is not None:
            offices.append(_office(administration, rabat, f"{code}-central",
                                   {"ar": f"{administration.name['ar']} — المصلحة المركزية",
                                    "fr": f"{administration.name['fr']} — service central"},
                                   {"ar": "حي الرياض، الرباط", "fr": "Hay Riad, Rabat"}, central=True))
    return offices


def _office(administration, unit, code, name, address, central=False):
    return {"code": code, "administration_id": administration.id, "unit_code": unit["code"], "name": name,
            "address": address, "hours": HOURS, "central": central}


DEMO_AGENTS = {"agent.communes@masatir.ma": "commune-04.421.01.0"}  # the demo agent works in Rabat


def load():
    """Add the demo offices not yet there, and put the demo agents (if any) in theirs; returns how
    many offices were added."""
    administrations = {a.code: a for a in db.session.scalars(sa.select(Administration))}
    present = set(db.session.scalars(sa.select(Office.code)))
    missing = [office for office in planned(administrations) if office["code"] not in present]
    if missing:
        db.session.execute(sa.insert(Office), missing)
    for email, code in DEMO_AGENTS.items():
        account = db.session.scalar(sa.select(Account).filter_by(email=email))
        office = db.session.scalar(sa.select(Office).filter_by(code=code))
        if account is not None and office is not None and not codes_of(account):
            assign(account, [office])
    return len(missing)
