"""Moroccan working days: weekends, public holidays, and an administrator's corrections.

Working days are Monday to Friday outside public holidays (the civil service's
week). Holidays come from the ``holidays`` package for Morocco: the fixed days
(1 and 11 January, 14 January since 2024, 1 May, 30 July, 14, 20 and 21 August,
31 October from 2026 in the package, 6 and 18 November) and the Islamic ones
(Eid al-Fitr and Eid al-Adha two days each, 1 Muharram, the Mawlid two days),
which the package computes in advance and marks as estimates (تقديري).

Lunar holidays move by a day once the moon is sighted, and the government
announces exceptional days off a few days ahead, so a calendar takes an overlay
of ``added`` and ``removed`` days, each with a label. The overlay is data (an
administrator edits it; the caller reads it and passes it in). Removing a day
removes its holiday, never its weekend: a Saturday stays a day off.

Years are computed when first asked for; the package's own years are cached once
per process, so building a ``Calendar`` per request is cheap.
"""
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

LANGUAGES = ("ar", "fr")
WEEKEND = (5, 6)  # Saturday, Sunday
ESTIMATED = "تقديري"  # how the package marks an Islamic day computed in advance
ONE_DAY = timedelta(days=1)

Label = str | Mapping[str, str]  # one text for every language, or {"ar": …, "fr": …}


@dataclass(frozen=True)
class DayOff:
    """Why a day is not worked: ``kind`` is "holiday" or "weekend"; names by language."""

    day: date
    kind: str
    names: Mapping[str, str] = field(default_factory=dict)
    estimated: bool = False  # an Islamic day as the package computed it, not yet confirmed
    source: str = "weekend"  # "package", "overlay" or "weekend"

    def name(self, language="fr"):
        return self.names.get(language) or next(iter(self.names.values()), None)


@lru_cache(maxsize=256)
def _package_year(year, language):
    days = holidays.country_holidays("MA", years=year, language=language)
    return {day: "; ".join(days.get_list(day)) for day in days}


def _names(label: Label, languages):
    if isinstance(label, str):
        return dict.fromkeys(languages, label)
    return dict(label)


class Calendar:
    """A working-day calendar for Morocco, with the administrator's overlay on top.

    ``added``: days off the package does not know (exceptional days off, a lunar
    holiday moved to the next day), each with its label. ``removed``: package
    holidays that are not days off after all (the estimated day the moon was not
    sighted), each with a label saying why. A day cannot be both.
    """

    def __init__(self, added: Mapping[date, Label] | None = None, removed: Mapping[date, Label] | None = None,
                 languages=LANGUAGES):
        self.added = dict(added or {})
        self.removed = dict(removed or {})
        both = sorted(set(self.added) & set(self.removed))
        if both:
            raise ValueError(f"a day cannot be both added and removed: {', '.join(map(str, both))}")
        self.languages = tuple(languages)
        self._years: dict[int, dict[date, DayOff]] = {}

    def _holidays(self, year):
        if year not in self._years:
            self._years[year] = self._build_year(year)
        return self._years[year]

    def _build_year(self, year):
        names = {language: _package_year(year, language) for language in self.languages}
        days = {}
        for day in names[self.languages[0]]:
            if day not in self.removed:
                by_language = {language: names[language][day] for language in self.languages}
                days[day] = DayOff(day, "holiday", by_language, _is_estimate(year, day), "package")
        for day, label in self.added.items():
            if day.year == year:
                days[day] = DayOff(day, "holiday", _names(label, self.languages), False, "overlay")
        return days

    def day_off(self, day: date) -> DayOff | None:
        """Why ``day`` is not a working day (a holiday before a weekend), or None on a working day."""
        holiday = self._holidays(day.year).get(day)
        if holiday:
            return holiday
        if day.weekday() in WEEKEND:
            return DayOff(day, "weekend")
        return None

    def is_working_day(self, day: date) -> bool:
        return self.day_off(day) is None

    def holiday_name(self, day: date, language="fr") -> str | None:
        """The holiday's name on ``day`` (None on a working day or a plain weekend)."""
        off = self.day_off(day)
        return off.name(language) if off and off.kind == "holiday" else None

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.working_day_from(day + ONE_DAY)

    def working_day_from(self, day: date) -> date:
        """``day`` itself if it is worked, else the next working day."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def holidays_between(self, first: date, last: date) -> Iterator[DayOff]:
        """The holidays (not plain weekends) from ``first`` to ``last`` included, in order."""
        for year in range(first.year, last.year + 1):
            for day in sorted(self._holidays(year)):
                if first <= day <= last:
                    yield self._holidays(year)[day]


def _is_estimate(year, day):
    return ESTIMATED in _package_year(year, "ar").get(day, "")
