"""Issue 12 §1: the territory from the HCP's register, offices, and where a version is filed."""
import json
import time

import sqlalchemy as sa

from portal.extensions import db
from procedures.offices import finder
from procedures.offices.models import Office, TerritorialUnit
from tests import samples


def count(**where):
    return db.session.scalar(sa.select(sa.func.count()).select_from(TerritorialUnit).filter_by(**where))


def test_the_register_is_loaded_whole_quickly_and_a_second_time_changes_nothing(app):
    from procedures.offices import territory
    with app.app_context():
        started = time.perf_counter()
        added, changed = territory.load()
        db.session.commit()
        assert time.perf_counter() - started < 10
        assert (added, changed) == (12 + 83 + 1503 + 41, 0)
        assert count(level="region") == 12 and count(level="province") == 83
        assert (count(level="province", kind="province"), count(level="province", kind="prefecture"),
                count(level="province", kind="prefecture_of_arrondissements")) == (62, 13, 8)
        assert (count(level="commune", kind="urban"), count(level="commune", kind="rural")) == (242, 1261)
        assert count(level="arrondissement") == 41
        rabat = db.session.scalar(sa.select(TerritorialUnit).where(TerritorialUnit.name["fr"].as_string() == "Rabat",
                                                                    TerritorialUnit.level == "commune"))
        assert rabat.name["ar"] == "الرباط"
        assert [unit.level for unit in rabat.chain()] == ["commune", "province", "region"]
        assert territory.load() == (0, 0)


def test_every_commune_has_an_office_of_the_communes_and_others_a_central_one(app, office, territory):
    with app.app_context():
        communes = db.session.scalar(sa.select(sa.func.count()).select_from(Office).where(
            Office.code.like("commune-%")))
        assert communes == 1503
        central = db.session.scalars(sa.select(Office).filter_by(central=True)).all()
        assert {o.administration.code for o in central} == {"communes", "justice"}
        for office_ in central:
            assert office_.address["ar"] and office_.address["fr"] and office_.hours["ar"] and office_.hours["fr"]


def names(text):
    return [place.name["fr"] for _rank, place in finder.find(text)]


def test_a_commune_is_found_by_its_arabic_or_french_name_however_it_is_spelt():
    for typed in ("Meknès", "meknes", "MEKNES", "مكناس", "Miknas"):
        assert names(typed)[0] == "Meknès", typed
    for typed in ("Casablanca", "الدار البيضاء", "دار البيضاء", "casa"):
        assert names(typed)[0] == "Casablanca", typed
    for typed in ("Kénitra", "Qnitra", "القنيطرة"):
        assert names(typed)[0] == "Kénitra", typed
    for typed in ("El Jadida", "Jadida", "الجديدة", "الجديده"):
        assert names(typed)[0] == "El Jadida", typed
    assert names("Warzazat")[0] == "Ouarzazate"
    assert names("Agdal R")[0] == "Agdal Riyad"  # an arrondissement of Rabat


def test_one_name_resolves_and_an_ambiguous_or_unknown_one_offers_choices():
    place, choices = finder.resolve("طنجة")
    assert place.name["fr"] == "Tanger" and choices == []
    place, choices = finder.resolve("Sidi")
    assert place is None and len(choices) > 1 and all("Sidi" in c.name["fr"] for c in choices)
    assert finder.resolve("Xyzzyville") == (None, [])
    assert finder.resolve("") == (None, [])


def test_where_one_files_is_data_of_the_version_shown_on_the_sheet_and_exported(app, client):
    from procedures.catalogue.transfer import export_catalogue
    with app.app_context():
        data = samples.catalogue()
        data["procedures"][1]["versions"][1]["filing_place"] = "property"
        samples.load(data)
        exported = {p["code"]: p for p in export_catalogue()["procedures"]}
        assert exported["CT-002"]["versions"][1]["filing_place"] == "property"
        assert exported["CT-001"]["versions"][0]["filing_place"] is None
        assert samples.load(data).unchanged_versions == 4  # the same file again: nothing differs
    assert "où se trouve le bien" in client.get("/fr/procedures/permis-de-construire").get_data(as_text=True)
    assert "حيث يوجد العقار" in client.get("/ar/procedures/permis-de-construire").get_data(as_text=True)
    # A version published before the field existed: a commune's procedure is filed where one lives.
    assert "où vous habitez" in client.get("/fr/procedures/extrait-acte-naissance").get_data(as_text=True)


def test_an_administration_imports_its_own_offices_all_or_nothing_and_twice_changes_nothing(app, office, tmp_path):
    from procedures.offices import territory
    from procedures.offices.transfer import OfficesRejected, import_offices
    good = [{"code": "justice-tribunal-fes", "administration": "justice", "unit": "03.231.01.0",
             "name": samples.text("Tribunal de première instance de Fès", "المحكمة الابتدائية بفاس"),
             "address": samples.text("Avenue des FAR, Fès", "شارع القوات المسلحة الملكية، فاس"),
             "hours": samples.text("8 h 30 – 16 h 30", "8:30 – 16:30")}]
    with app.app_context():
        territory.load()
        db.session.commit()
        bad = [*good, {**good[0], "code": "x", "unit": "99.999"}]
        try:
            import_offices(json.dumps(bad))
            raise AssertionError("imported an office in an unknown unit")
        except OfficesRejected as rejected:
            assert "99.999" in rejected.errors[0]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Office)) == 0
        assert import_offices(json.dumps(good)) == (1, 0)
        db.session.commit()
        assert import_offices(json.dumps(good)) == (0, 0)
