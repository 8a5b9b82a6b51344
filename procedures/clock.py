"""What day and time it is in Morocco: dates of effect and deadlines are Moroccan calendar days,
and every time shown or printed is Moroccan legal time (issue 11, item 8).

``MOROCCO`` is the one zone: the clock, every page, paper and export use it (Flask-Babel's
own lookup goes through pytz, whose rules may differ, and is not used). It is read from the
``tzdata`` package the project pins, never from the system's files: Morocco's legal time
changes by decree (UTC+1 with a fall back to UTC+0 during Ramadan from 2018; permanent UTC+0
from 20 September 2026, IANA release 2026c), and a server whose system data predates a decree
would print every time an hour off. Upgrading ``tzdata`` is a deliberate change, like
``holidays``.
"""
from datetime import UTC, date, datetime
from importlib import resources
from zoneinfo import ZoneInfo

with resources.files("tzdata.zoneinfo").joinpath("Africa", "Casablanca").open("rb") as _data:
    MOROCCO = ZoneInfo.from_file(_data, key="Africa/Casablanca")


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
