"""Accountability in the open: deadline statistics, open data, reports of unlisted demands, feedback."""


def init_app(app):
    """Filled in by the accountability work (issue 7)."""
