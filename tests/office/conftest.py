from tests.office_fixtures import as_role, fresh_limits, office  # noqa: F401
from tests.offices.places import territory  # noqa: E402,F401
