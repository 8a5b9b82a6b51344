import pytest

from procedures.statistics import opendata
from procedures.statistics.cache import figures_cache
from tests.office_fixtures import as_role, fresh_limits, office  # noqa: F401  (fixtures)
from tests.statistics import dataset


@pytest.fixture(autouse=True)
def empty_caches():
    """The database is emptied between tests; the caches must be too."""
    figures_cache.clear()
    opendata._built.clear()
    yield
    figures_cache.clear()
    opendata._built.clear()


@pytest.fixture
def requests_data(app):
    with app.app_context():
        dataset.build()
