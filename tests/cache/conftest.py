"""Fixtures of the page cache tests: the office's accounts publish and withdraw."""
from tests.office_fixtures import as_role, fresh_limits, office  # noqa: F401
