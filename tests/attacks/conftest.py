"""Attacks: fixtures shared by the fuzzers and the list of hostile inputs."""
import pytest
from argon2 import PasswordHasher

import tests.office_fixtures
from tests.office_fixtures import as_role, fresh_limits, office  # noqa: F401

# The office fixture's accounts, hashed with Argon2id at its lowest cost: the attacks sign in
# often, and what they attack is not the hash (the login's own tests keep the real cost).
QUICK = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch):
    monkeypatch.setattr(tests.office_fixtures, "hash_password", QUICK.hash)


@pytest.fixture(autouse=True)
def index_folder(app, tmp_path, monkeypatch):
    """A search index of the test's own, so that no earlier test's catalogue is found."""
    monkeypatch.setitem(app.config, "SEARCH_INDEX_DIR", str(tmp_path / "search-index"))
    return tmp_path / "search-index"
