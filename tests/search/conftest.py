"""Search tests: each test gets its own index folder, and the demo catalogue on demand."""
import pytest

from portal.extensions import db
from procedures.catalogue.cli import DEMO
from procedures.catalogue.transfer import import_catalogue
from procedures.search import synonyms
from tests import samples


@pytest.fixture(autouse=True)
def index_folder(app, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "SEARCH_INDEX_DIR", str(tmp_path / "search-index"))
    return tmp_path / "search-index"


@pytest.fixture
def demo(app):
    """The demo catalogue (187 procedures) with the seed synonyms."""
    with app.app_context():
        import_catalogue(DEMO)
        synonyms.load_seed()
        db.session.commit()


@pytest.fixture
def sample(app):
    """The small sample catalogue (two procedures) with the seed synonyms."""
    with app.app_context():
        samples.load()
        synonyms.load_seed()
        db.session.commit()


def search(client, q, lang="fr", **params):
    response = client.get("/api/v1/search", query_string={"q": q, "lang": lang, **params})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def slugs(body):
    return [result["slug"] for result in body["results"]]
