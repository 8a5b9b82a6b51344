"""The requests' scheduled job (``procedures.notices.jobs.SCHEDULE`` names it): record the silences that fell."""
from procedures import clock

from .sweep import sweep_and_notify


def sweep_job():
    return sweep_and_notify(clock.today())
