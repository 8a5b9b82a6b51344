import pytest


@pytest.fixture(autouse=True)
def empty_database():
    """The papers are pure functions: these tests need no application and no database."""
    yield
