"""The school calendar: which days a school is open, and why not.

A day is closed when it is a school holiday or study day from the region's
calendar file, a public holiday (see :mod:`pestcli.protocol.holidays`), or a
weekend day. When a day is closed for several reasons, the reason shown is
the school holiday first, then the public holiday, then the weekend day:
Eerste Kerstdag 2026 "valt in de kerstvakantie", Saturday 26 April 2025
"valt op Koningsdag".

School years run from 1 August to 31 July. For a school year the file does
not list, only weekends and public holidays count, and
:meth:`SchoolCalendar.dates_notice` says so in Dutch, in one wording for every
place that shows a computed date (the case screen, the follow-up plan, the
agenda, ``pestcli agenda``, the summary and the PDF).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from pestcli.protocol.calendar_file import (
    CalendarYear,
    SchoolHoliday,
    read_calendar_file,
)
from pestcli.protocol.errors import CalendarError
from pestcli.protocol.holidays import public_holiday_name
from pestcli.protocol.paths import calendar_dir as default_calendar_dir

__all__ = ["CalendarError", "SchoolCalendar", "SchoolHoliday", "school_year_of"]

_WEEKEND = {5: "zaterdag", 6: "zondag"}
_REGION = re.compile(r"^[a-z][a-z0-9_-]*$")
#: How far next_school_day looks before it gives up (a wrong file, not a real year).
_MAX_SEARCH_DAYS = 366


def school_year_of(day: date) -> str:
    """The school year ``day`` belongs to, e.g. ``2025-2026`` for 2026-03-01."""
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}-{first + 1}"


def _dutch_join(items: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _dutch_list(names: Iterable[str]) -> str:
    """'de a', 'de a en de b', 'de a, de b en de c'."""
    return _dutch_join([f"de {n}" for n in names])


class SchoolCalendar:
    """The open and closed days of a school in one region."""

    def __init__(self, region: str, years: Iterable[CalendarYear] = (),
                 good_friday: bool = True, liberation_day_every_year: bool = False) -> None:
        self.region = region
        self.years: dict[str, CalendarYear] = {y.school_year: y for y in years}
        self.good_friday = good_friday
        #: The school is closed on 5 May every year, not only in lustrum years.
        self.liberation_day_every_year = liberation_day_every_year
        self._by_day: dict[date, SchoolHoliday] = {}
        holidays = [h for y in self.years.values() for h in y.holidays]
        # Study days first, so a holiday wins where both cover a day.
        for holiday in sorted(holidays, key=lambda h: not h.is_study_day):
            day = holiday.start
            while day <= holiday.end:
                self._by_day[day] = holiday
                day += timedelta(days=1)

    @classmethod
    def load(cls, region: str = "zuid", calendar_dir: Path | None = None) -> SchoolCalendar:
        """Load ``REGION.toml`` from ``calendar_dir`` (default: the packaged data).

        Raises CalendarError (a ProtocolError) for an unknown region or a
        malformed file.
        """
        folder = Path(calendar_dir) if calendar_dir is not None else default_calendar_dir()
        path = folder / f"{region}.toml"
        if not isinstance(region, str) or not _REGION.match(region) or not path.is_file():
            known = sorted(p.stem for p in folder.glob("*.toml")) if folder.is_dir() else []
            choice = f" Kies uit: {', '.join(known)}." if known else ""
            raise CalendarError(f"Onbekende regio '{region}': er is geen schoolkalender "
                                f"{region}.toml in {folder}.{choice}")
        data = read_calendar_file(path)
        return cls(region, data.years, good_friday=data.good_friday,
                   liberation_day_every_year=data.liberation_day_every_year)

    def holiday_on(self, day: date) -> SchoolHoliday | None:
        """The school holiday or study day that ``day`` falls in, if any."""
        return self._by_day.get(day)

    def closed_reason(self, day: date) -> str | None:
        """Why the school is closed on ``day`` (Dutch), or None on a school day.

        E.g. "kerstvakantie", "studiedag", "Koningsdag", "zaterdag", "zondag".
        """
        holiday = self._by_day.get(day)
        if holiday is not None:
            return holiday.name
        return self.public_holiday(day) or _WEEKEND.get(day.weekday())

    def public_holiday(self, day: date) -> str | None:
        """The public holiday on ``day`` on which this school is closed, if any.

        Goede Vrijdag and Bevrijdingsdag as the calendar file says.
        """
        return public_holiday_name(day, self.good_friday, self.liberation_day_every_year)

    def moved_reason(self, day: date) -> str | None:
        """Why a date on ``day`` must move, as a Dutch phrase; None on a school day.

        "valt in de kerstvakantie", "valt op een studiedag", "valt op
        Koningsdag", "valt op een zondag".
        """
        holiday = self._by_day.get(day)
        if holiday is not None:
            if holiday.is_study_day:
                return ("valt op een studiedag" if holiday.name.lower() == "studiedag"
                        else f"valt op {holiday.name}")
            return f"valt in de {holiday.name}"
        public = self.public_holiday(day)
        if public:
            return f"valt op {public}"
        weekend = _WEEKEND.get(day.weekday())
        return f"valt op een {weekend}" if weekend else None

    def is_school_day(self, day: date) -> bool:
        """True when the school is open on ``day``."""
        return self.closed_reason(day) is None

    def next_school_day(self, day: date) -> date:
        """``day`` itself if the school is open, else the first school day after it."""
        current = day
        for _ in range(_MAX_SEARCH_DAYS):
            if self.is_school_day(current):
                return current
            try:
                current += timedelta(days=1)
            except OverflowError:
                break
        raise CalendarError(f"Geen schooldag gevonden binnen een jaar na {day.isoformat()}; "
                            f"controleer de schoolkalender van regio {self.region}.",
                            file=f"{self.region}.toml")

    def previous_school_day(self, day: date) -> date:
        """``day`` itself if the school is open, else the last school day before it."""
        current = day
        for _ in range(_MAX_SEARCH_DAYS):
            if self.is_school_day(current):
                return current
            try:
                current -= timedelta(days=1)
            except OverflowError:
                break
        raise CalendarError(f"Geen schooldag gevonden binnen een jaar vóór {day.isoformat()}; "
                            f"controleer de schoolkalender van regio {self.region}.",
                            file=f"{self.region}.toml")

    def closed_days_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """Every closed day from ``start`` to ``end`` inclusive, with its reason."""
        days: list[tuple[date, str]] = []
        current = start
        while current <= end:
            reason = self.closed_reason(current)
            if reason:
                days.append((current, reason))
            current += timedelta(days=1)
        return days

    def knows_holidays(self, day: date) -> bool:
        """True when every school holiday of ``day``'s school year is in the file."""
        year = self.years.get(school_year_of(day))
        return year is not None and not year.missing

    def unknown_school_years(self, days: Iterable[date]) -> list[str]:
        """The school years of ``days`` (in order, each once) whose holidays are not all known."""
        return sorted({school_year_of(d) for d in days if not self.knows_holidays(d)})

    def dates_notice(self, days: Iterable[date]) -> str | None:
        """What to say under computed dates of which some fall in a year with unknown holidays.

        None when the holidays of every school year of ``days`` are known.
        Otherwise one Dutch text, the same wherever dates are shown: "Voor
        schooljaar 2028-2029 zijn de schoolvakanties van regio zuid niet
        bekend; pestcli houdt alleen rekening met weekenden en feestdagen."
        (several years in one sentence), and a sentence per school year that
        lacks only some holidays (``missing`` in the file).
        """
        years = self.unknown_school_years(days)
        absent = [y for y in years if y not in self.years]
        parts: list[str] = []
        if absent:
            which = (f"schooljaar {absent[0]}" if len(absent) == 1
                     else "de schooljaren " + _dutch_join(absent))
            parts.append(f"Voor {which} zijn de schoolvakanties van regio {self.region} niet "
                         "bekend; pestcli houdt alleen rekening met weekenden en feestdagen.")
        for school_year in years:
            missing = self.years[school_year].missing if school_year in self.years else ()
            if missing:
                parts.append(f"Voor schooljaar {school_year} ontbreken in de schoolkalender van "
                             f"regio {self.region} {_dutch_list(missing)}; pestcli houdt daarvoor "
                             "alleen rekening met weekenden en feestdagen.")
        return " ".join(parts) or None

    def period_notice(self, start: date, end: date) -> str | None:
        """:meth:`dates_notice` for every school year from ``start`` to ``end`` (an agenda period)."""
        firsts = range(int(school_year_of(start)[:4]) + 1, int(school_year_of(end)[:4]) + 1)
        return self.dates_notice([start, end, *(date(year, 8, 1) for year in firsts)])
