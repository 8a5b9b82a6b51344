"""The one clock: what time and day it is in Morocco (dates of effect and deadlines are Moroccan
calendar days), and the same moment as the database stores it. Nothing else reads the system clock."""
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

MOROCCO = ZoneInfo("Africa/Casablanca")


def now():
    return datetime.now(MOROCCO)


def utcnow():
    """``now()`` as the database stores moments: naive UTC (timestamp columns without a zone)."""
    return now().astimezone(UTC).replace(tzinfo=None)


def today() -> date:
    return now().date()
