"""What day it is in Morocco: dates of effect and deadlines are Moroccan calendar days."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

MOROCCO = ZoneInfo("Africa/Casablanca")


def now():
    return datetime.now(MOROCCO)


def today() -> date:
    return now().date()
