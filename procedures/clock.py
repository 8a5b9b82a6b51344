"""What day and time it is in Morocco: dates of effect and deadlines are Moroccan calendar days,
and every time shown or printed is Moroccan legal time (issue 11, item 8).

``MOROCCO`` is the one zone: the clock, every page, paper and export use it (Flask-Babel's
own lookup goes through pytz, whose rules may differ, and is not used). It is looked up the
standard way, from the system's time-zone database, or from the ``tzdata`` package the project
declares where the system has none. Morocco moves to UTC+0 during Ramadan and back to UTC+1
after; rules change by decree, so keep the system's tzdata current.
"""
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


def local(moment: datetime) -> datetime:
    """A stored moment (naive means UTC, as the database keeps them) in Moroccan legal time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(MOROCCO)


def utc(moment: datetime) -> datetime:
    """A moment as the database keeps it: naive UTC."""
    return moment.astimezone(UTC).replace(tzinfo=None)
