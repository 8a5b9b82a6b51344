"""The requests' scheduled jobs (``procedures.notices.jobs.SCHEDULE`` names them)."""
from flask import current_app

from procedures import clock

from . import staging
from .operations import storage
from .sweep import sweep_and_notify


def sweep_job():
    """Record the silences that fell, with their notices."""
    return sweep_and_notify(clock.today())


def expire_staging_job():
    """Clear the files of forms never accepted, untouched for ``STAGING_HOURS``."""
    return staging.expire(storage(), current_app.config["STAGING_HOURS"] * 3600)
