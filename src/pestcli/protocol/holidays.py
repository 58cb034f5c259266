"""Dutch public holidays ("feestdagen") on which schools are closed.

The rules are those in force since 2014 (Koningsdag):

- Nieuwjaarsdag, 1 January;
- Goede Vrijdag, Easter - 2. Not an official day off everywhere, but most
  secondary schools are closed; pestcli counts it as closed by default
  (``include_good_friday=True``). A school that is open on Goede Vrijdag sets
  ``goede_vrijdag = false`` in its calendar file;
- Eerste en Tweede Paasdag, Easter and Easter + 1;
- Koningsdag, 27 April, or Saturday 26 April when the 27th is a Sunday;
- Bevrijdingsdag, 5 May, only in lustrum years (year % 5 == 0) when it is a
  general day off; every year for a school that gives it off every year
  (``liberation_day_every_year=True``, ``bevrijdingsdag_elk_jaar = true`` in
  its calendar file);
- Hemelvaartsdag, Easter + 39;
- Eerste en Tweede Pinksterdag, Easter + 49 and + 50;
- Eerste en Tweede Kerstdag, 25 and 26 December.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter

#: The years for which Easter (Gregorian) is computed reliably by dateutil.
MIN_YEAR = 1583
MAX_YEAR = 4099


def easter_sunday(year: int) -> date:
    """Easter Sunday (Eerste Paasdag) of ``year`` in the Gregorian calendar."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"jaar {year} valt buiten {MIN_YEAR}-{MAX_YEAR}")
    return easter(year)


def kings_day(year: int) -> date:
    """Koningsdag: 27 April, or 26 April when the 27th falls on a Sunday."""
    day = date(year, 4, 27)
    return day - timedelta(days=1) if day.weekday() == 6 else day


def public_holidays(year: int, include_good_friday: bool = True,
                    liberation_day_every_year: bool = False) -> dict[date, str]:
    """The public holidays of ``year`` on which schools are closed, with Dutch names.

    Sorted by date. Goede Vrijdag is included unless ``include_good_friday``
    is false; Bevrijdingsdag only in lustrum years, unless
    ``liberation_day_every_year`` is true.
    """
    return dict(_public_holidays(year, include_good_friday, liberation_day_every_year))


@lru_cache(maxsize=256)
def _public_holidays(year: int, include_good_friday: bool,
                     liberation_day_every_year: bool = False) -> tuple[tuple[date, str], ...]:
    """Cached, immutable form of :func:`public_holidays`."""
    sunday = easter_sunday(year)
    days: dict[date, str] = {
        date(year, 1, 1): "Nieuwjaarsdag",
        sunday: "Eerste Paasdag",
        sunday + timedelta(days=1): "Tweede Paasdag",
        kings_day(year): "Koningsdag",
        sunday + timedelta(days=39): "Hemelvaartsdag",
        sunday + timedelta(days=49): "Eerste Pinksterdag",
        sunday + timedelta(days=50): "Tweede Pinksterdag",
        date(year, 12, 25): "Eerste Kerstdag",
        date(year, 12, 26): "Tweede Kerstdag",
    }
    if include_good_friday:
        days[sunday - timedelta(days=2)] = "Goede Vrijdag"
    if year % 5 == 0 or liberation_day_every_year:
        # 5 May may coincide with Hemelvaart (e.g. 2005) or Pinksteren; the
        # church holiday keeps its name, the day is closed either way.
        days.setdefault(date(year, 5, 5), "Bevrijdingsdag")
    return tuple(sorted(days.items()))


def public_holiday_name(day: date, include_good_friday: bool = True,
                        liberation_day_every_year: bool = False) -> str | None:
    """The Dutch name of the public holiday on ``day``, or None."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    return _holiday_map(day.year, include_good_friday, liberation_day_every_year).get(day)


@lru_cache(maxsize=256)
def _holiday_map(year: int, include_good_friday: bool,
                 liberation_day_every_year: bool) -> dict[date, str]:
    """The holidays of one year for look-ups (cached; never handed out)."""
    return dict(_public_holidays(year, include_good_friday, liberation_day_every_year))
