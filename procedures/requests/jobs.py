"""The requests' scheduled jobs (``procedures.notices.jobs.SCHEDULE`` names them)."""
from flask import current_app

from portal import transaction
from procedures import clock

from . import staging
from .operations import storage
from .sweep import sweep_and_notify


def sweep_job():
    """Record the silences that fell, with their notices, in one transaction."""
    changed = sweep_and_notify(clock.today())
    transaction.commit()
    return changed


def expire_staging_job():
    """Clear the files of forms never accepted, untouched for ``STAGING_HOURS``."""
    return staging.expire(storage(), current_app.config["STAGING_HOURS"] * 3600)
