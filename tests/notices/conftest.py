from tests.office_fixtures import as_role, fresh_limits, office  # noqa: F401
