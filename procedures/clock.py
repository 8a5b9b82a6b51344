"""What day and time it is in Morocco: dates of effect and deadlines are Moroccan calendar days,
and every time shown or printed is Moroccan legal time (issue 11, item 8).

The zone is read from the ``tzdata`` package the project pins, not from the system's
database, so that the clock and every page, paper and export use one and the same rules
(Morocco moves to UTC+0 during Ramadan and back to UTC+1 after; pytz's copy of those rules
ends earlier and is not used).
"""
from datetime import UTC, date, datetime
from importlib import resources
from zoneinfo import ZoneInfo

with resources.files("tzdata.zoneinfo").joinpath("Africa", "Casablanca").open("rb") as _file:
    MOROCCO = ZoneInfo.from_file(_file, key="Africa/Casablanca")


def now():
    return datetime.now(MOROCCO)


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
