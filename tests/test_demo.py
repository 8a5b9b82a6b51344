"""The demo catalogue shipped for `make run`: realistic, complete and lawful."""
from collections import Counter
from datetime import date

import pytest
import sqlalchemy as sa

from portal.extensions import db
from procedures.catalogue.cli import DEMO
from procedures.catalogue.models import Procedure, Version
from procedures.catalogue.transfer import export_catalogue, import_catalogue
from procedures.law import check_version
from tests.conftest import empty_tables

LOCAL_THEMES = {"economic-activities": 8, "hygiene": 14, "civil-status": 30, "local-networks": 10,
                "local-taxation": 47, "property": 27, "town-planning": 9, "transport": 1}
# The twelve priority procedures of the local-government catalogue: (documents, days) after simplification.
PRIORITY = {"CT-003": (8, 0), "CT-004": (8, 30), "CT-005": (8, 30), "CT-019": (3, 0), "CT-020": (4, 0),
            "CT-021": (6, 0), "CT-022": (7, 0), "CT-023": (9, 0), "CT-024": (7, 0), "CT-028": (0, 15),
            "CT-039": (5, 0), "CT-043": (7, 0)}


@pytest.fixture(scope="module")
def demo(app):
    with app.app_context():
        import_catalogue(DEMO)
        yield export_catalogue()


@pytest.fixture(autouse=True)
def empty_database():
    """The demo is loaded once for this module (overrides the per-test emptying)."""
    yield


@pytest.fixture(scope="module", autouse=True)
def empty_database_after_module(app):
    yield
    with app.app_context(), db.engine.begin() as connection:
        empty_tables(connection)


def test_at_least_150_procedures_in_the_seed_proportions(demo):
    themes = Counter(p["theme"] for p in demo["procedures"])
    assert len(demo["procedures"]) >= 150
    assert {theme: themes[theme] for theme in LOCAL_THEMES} == LOCAL_THEMES
    national = set(themes) - set(LOCAL_THEMES)
    assert len(national) >= 5 and sum(themes[t] for t in national) >= 20


def test_the_commune_counter_services_say_what_law_55_19_left_them(demo):
    """Légalisation and certified copies: the commonest services at a commune's counter,
    beyond the seed's 146; since Art. 7 they serve dealings with private parties only."""
    found = {p["slug"]: p["versions"][-1] for p in demo["procedures"] if p["theme"] == "authentication"}
    assert set(found) == {"legalisation-signature", "certification-conforme-copies"}
    for version in found.values():
        assert "55-19" in version["summary"]["fr"] and "55.19" in version["summary"]["ar"]
        assert "particuliers" in version["summary"]["fr"] and "الخواص" in version["summary"]["ar"]
        assert version["silence"] == "none" and version["processing_days"] == 0


def test_the_twelve_priority_procedures_are_there_as_the_seed_gives_them(demo, app):
    with app.app_context():
        for code, (documents, days) in PRIORITY.items():
            procedure = db.session.scalar(sa.select(Procedure).filter_by(code=code))
            version = procedure.version_on(date(2026, 11, 23))
            assert (len(version.documents), version.processing_days) == (documents, days), code


def test_every_demo_version_passes_the_law(demo):
    for procedure in demo["procedures"]:
        for version in procedure["versions"]:
            errors = [str(f) for f in check_version(version) if f.is_error]
            assert not errors, f"{procedure['code']} v{version['number']}: {errors}"


def test_every_text_is_in_arabic_and_french(demo):
    def texts(value):
        if isinstance(value, dict):
            if set(value) >= {"ar", "fr"} and all(isinstance(v, str) for v in value.values()):
                yield value
            else:
                for item in value.values():
                    yield from texts(item)
        elif isinstance(value, list):
            for item in value:
                yield from texts(item)
    for text in texts(demo):
        assert text["ar"].strip() and text["fr"].strip()
        assert any("\u0600" <= c <= "\u06ff" for c in text["ar"]), text


def test_loading_the_demo_twice_changes_nothing(demo, app):
    with app.app_context():
        before = db.session.scalar(sa.select(sa.func.count()).select_from(Version))
        summary = import_catalogue(DEMO)
        assert not summary.changed_anything
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Version)) == before
