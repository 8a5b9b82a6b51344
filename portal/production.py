"""Running in production: health and readiness checks, request ids, structured logs."""


def init_app(app):
    """Filled in by the production-mode work (issue 6)."""
