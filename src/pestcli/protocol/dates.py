"""Dutch date input and output for the mentor.

:func:`parse_date` reads what a mentor types (case-insensitive, extra spaces
allowed) and raises only :class:`DateParseError`, with a Dutch message:

- ``vandaag``, ``morgen``, ``overmorgen``, ``gisteren``, ``eergisteren``;
- a weekday, ``maandag``/``ma`` ... ``zondag``/``zo``. With
  ``prefer="future"`` the first such day *after* today (typing "vr" on a
  Friday means next Friday; "vandaag" is today); with ``prefer="past"`` the
  most recent such day *on or before* today (a conversation held "ma" on a
  Monday was held today);
- ``23-11``, ``23/11``, ``23.11``, ``23-11-2026``, ``23-11-26`` (a two-digit
  year is 20yy), ``2026-11-23``; ``23 nov``, ``23 november``, ``23 nov 2026``
  (Dutch month names and abbreviations: jan feb mrt/maart apr mei jun jul aug
  sep/sept okt nov dec). A date may start with its weekday, as
  :func:`format_date` writes it: ``ma 23 nov 2026`` (checked);
- ``+3``, ``-2`` (days), ``over 3 dagen``, ``over 2 weken``, ``over een
  week``, ``over twee maanden``, ``over een jaar``, ``3 dagen geleden``
  (numbers as digits or words een ... twaalf).

A day and month without a year: with ``prefer="future"`` the first
occurrence on or after today, with ``prefer="past"`` the last one on or
before today (29-02 goes to the nearest leap year in that direction).
Only years 1900-2100 are accepted.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

MIN_YEAR, MAX_YEAR = 1900, 2100
EXAMPLES = "vandaag, morgen, ma, 23-11, 23-11-2026, 23 nov, +3, over 2 weken"
_MAX_INPUT = 60

WEEKDAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
WEEKDAY_SHORT = ("ma", "di", "wo", "do", "vr", "za", "zo")
MONTH_NAMES = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december")
MONTH_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

_WEEKDAYS = ({n: i for i, n in enumerate(WEEKDAY_NAMES)}
             | {n: i for i, n in enumerate(WEEKDAY_SHORT)})
_MONTHS = ({n: i + 1 for i, n in enumerate(MONTH_NAMES)}
           | {n: i + 1 for i, n in enumerate(MONTH_SHORT)} | {"mar": 3, "sept": 9})
_KEYWORDS = {"vandaag": 0, "morgen": 1, "overmorgen": 2, "gisteren": -1, "eergisteren": -2}
_NUMBER_WORDS = {"een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
                 "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11,
                 "twaalf": 12}
_UNITS = {"dag": "days", "dagen": "days", "week": "weeks", "weken": "weeks",
          "maand": "months", "maanden": "months", "jaar": "years", "jaren": "years"}

_NUM = r"[0-9]+"
_SHIFT = re.compile(r"^([+-])\s?([0-9]+)$")
_OVER = re.compile(r"^over (\S+) (\S+)$")
_AGO = re.compile(r"^(\S+) (\S+) geleden$")
_ISO = re.compile(rf"^({_NUM})-({_NUM})-({_NUM})$")
_NUMERIC = re.compile(rf"^({_NUM})([-/.])({_NUM})(?:\2({_NUM}))?$")
_WORDY = re.compile(rf"^({_NUM}) ([a-zé]+)(?: ({_NUM}))?$")


class DateParseError(ValueError):
    """A date the mentor typed that cannot be read; ``str()`` is a Dutch message."""


def parse_date(text: str, today: date, prefer: str = "future") -> date:
    """Read a Dutch date relative to ``today``; raise DateParseError if it cannot.

    ``prefer`` ("future" or "past") decides weekdays and dates without a year.
    """
    if prefer not in ("future", "past"):
        raise ValueError(f"prefer must be 'future' or 'past', not {prefer!r}")
    if not isinstance(text, str):
        raise DateParseError(f"Geen datum ingevuld. Voorbeelden: {EXAMPLES}.")
    shown = " ".join(text.split())
    if not shown:
        raise DateParseError(f"Geen datum ingevuld. Voorbeelden: {EXAMPLES}.")
    if len(shown) > _MAX_INPUT:
        raise DateParseError(f"Dat is te lang voor een datum. Voorbeelden: {EXAMPLES}.")
    words = unicodedata.normalize("NFC", shown).lower().replace(",", " ")
    words = " ".join(re.sub(r"(?<=[a-zé])\.", "", words).split())
    result = _parse(words, shown, today, prefer == "future")
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise DateParseError(f"{format_input(result)} valt buiten de jaren {MIN_YEAR}-{MAX_YEAR}.")
    return result


def _unknown(shown: str) -> DateParseError:
    """The error for input that matches no pattern."""
    short = shown if len(shown) <= 30 else shown[:29] + "…"
    return DateParseError(f"Onbekende datum '{short}'. Voorbeelden: {EXAMPLES}.")


def _parse(words: str, shown: str, today: date, future: bool) -> date:
    """Dispatch on the shape of the normalised input ``words``."""
    if words in _KEYWORDS:
        return _add(today, days=_KEYWORDS[words])
    if words in _WEEKDAYS:
        return _weekday(_WEEKDAYS[words], today, future)
    match = _SHIFT.match(words)
    if match:
        sign = 1 if match.group(1) == "+" else -1
        return _add(today, days=sign * _number(match.group(2), shown))
    match = _OVER.match(words) or _AGO.match(words)
    if match and match.group(2) in _UNITS:
        amount = _number(match.group(1), shown) * (1 if words.startswith("over ") else -1)
        return _add(today, **{_UNITS[match.group(2)]: amount})
    head, _, rest = words.partition(" ")
    if head in _WEEKDAYS and rest:
        day = _absolute(rest, shown, today, future)
        if day.weekday() != _WEEKDAYS[head]:
            raise DateParseError(f"{format_input(day)} is een {WEEKDAY_NAMES[day.weekday()]}, "
                                 f"geen {WEEKDAY_NAMES[_WEEKDAYS[head]]}.")
        return day
    return _absolute(words, shown, today, future)


def _absolute(words: str, shown: str, today: date, future: bool) -> date:
    """A written date: ISO, numeric day-month(-year) or day monthname (year)."""
    match = _ISO.match(words)
    if match and len(match.group(1)) == 4:
        return _build(match.group(3), match.group(2), match.group(1), shown, today, future)
    match = _NUMERIC.match(words)
    if match:
        return _build(match.group(1), match.group(3), match.group(4), shown, today, future)
    match = _WORDY.match(words)
    if match and match.group(2) in _MONTHS:
        month = str(_MONTHS[match.group(2)])
        return _build(match.group(1), month, match.group(3), shown, today, future)
    raise _unknown(shown)


def _number(token: str, shown: str) -> int:
    """A count written as digits or as a Dutch word (een ... twaalf)."""
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS[token]
    if token.isascii() and token.isdigit() and len(token) <= 6:
        return int(token)
    if token.isascii() and token.isdigit():
        raise DateParseError(f"{token} is te groot voor een datum.")
    raise _unknown(shown)


def _add(today: date, **delta: int) -> date:
    """``today`` plus a relativedelta, as a DateParseError when out of range."""
    try:
        return today + relativedelta(**delta)
    except (OverflowError, ValueError) as exc:
        raise DateParseError(f"Die datum valt buiten de jaren {MIN_YEAR}-{MAX_YEAR}.") from exc


def _weekday(weekday: int, today: date, future: bool) -> date:
    """Next such weekday after today (future) or the last one on or before today (past)."""
    if future:
        return _add(today, days=(weekday - today.weekday() - 1) % 7 + 1)
    return _add(today, days=-((today.weekday() - weekday) % 7))


def _days_in_month(month: int, year: int) -> int:
    """How many days ``month`` has in ``year``."""
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _build(day_s: str, month_s: str, year_s: str | None, shown: str,
           today: date, future: bool) -> date:
    """Check day, month and year and build the date, or say why it does not exist."""
    if any(len(part) > 4 for part in (day_s, month_s, year_s or "")):
        raise _unknown(shown)
    day, month = int(day_s), int(month_s)
    if not 1 <= month <= 12:
        raise DateParseError(f"Maand {month} bestaat niet: kies 1 t/m 12.")
    name = MONTH_NAMES[month - 1]
    if not 1 <= day <= _days_in_month(month, 2000):
        raise DateParseError(f"{day:02d}-{month:02d} bestaat niet: {name} heeft geen "
                             f"{day} dagen." if day else f"Dag 0 bestaat niet in {name}.")
    if year_s is None:
        return _nearest(day, month, today, future)
    if len(year_s) not in (2, 4):
        raise DateParseError(f"Jaar '{year_s}': schrijf het jaar met 2 of 4 cijfers.")
    year = int(year_s) + (2000 if len(year_s) == 2 else 0)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateParseError(f"Jaar {year} valt buiten de jaren {MIN_YEAR}-{MAX_YEAR}.")
    if day > _days_in_month(month, year):
        raise DateParseError(f"{day:02d}-{month:02d}-{year} bestaat niet: {year} is geen "
                             "schrikkeljaar.")
    return date(year, month, day)


def _nearest(day: int, month: int, today: date, future: bool) -> date:
    """The occurrence of day-month nearest to today in the preferred direction."""
    step = 1 if future else -1
    for offset in range(0, 9):
        year = today.year + step * offset
        if not MIN_YEAR <= year <= MAX_YEAR:
            break
        if day <= _days_in_month(month, year):
            candidate = date(year, month, day)
            if (candidate >= today) if future else (candidate <= today):
                return candidate
    raise DateParseError(f"{day:02d}-{month:02d} valt buiten de jaren {MIN_YEAR}-{MAX_YEAR}.")


def format_input(day: date) -> str:
    """The date as a mentor types it: ``23-11-2026`` (parse_date reads it back)."""
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"


def format_date(day: date) -> str:
    """Short Dutch date: ``ma 23 nov 2026``."""
    return f"{WEEKDAY_SHORT[day.weekday()]} {day.day} {MONTH_SHORT[day.month - 1]} {day.year}"


def format_long(day: date) -> str:
    """Long Dutch date: ``maandag 23 november 2026``."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_relative(day: date, today: date, deadline: bool = False) -> str:
    """``day`` relative to ``today`` in Dutch.

    "vandaag", "morgen", "over 3 dagen"; in the past "gisteren", "3 dagen
    geleden", or for a deadline (``deadline=True``) "1 dag te laat", "2
    dagen te laat".
    """
    delta = (day - today).days
    if delta == 0:
        return "vandaag"
    if delta == 1:
        return "morgen"
    if delta > 1:
        return f"over {delta} dagen"
    late = -delta
    if deadline:
        return f"{late} {'dag' if late == 1 else 'dagen'} te laat"
    return "gisteren" if late == 1 else f"{late} dagen geleden"


def end_of_week(day: date) -> date:
    """The Sunday of ``day``'s week (Monday to Sunday)."""
    return day + timedelta(days=6 - day.weekday())
