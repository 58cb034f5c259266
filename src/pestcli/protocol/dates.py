"""Dutch date input and output for the mentor.

:func:`parse_date` reads what a mentor types (case-insensitive, extra spaces
allowed) and raises only :class:`DateParseError`, with a Dutch message:

- ``vandaag``, ``morgen``, ``overmorgen``, ``gisteren``, ``eergisteren``;
- a weekday, ``maandag``/``ma`` ... ``zondag``/``zo``. With
  ``prefer="future"`` the first such day *after* today (typing "vr" on a
  Friday means next Friday; "vandaag" is today); with ``prefer="past"`` the
  most recent such day *on or before* today (a conversation held "ma" on a
  Monday was held today);
- a weekday with a word that fixes the direction, whatever ``prefer`` says:
  ``aanstaande``/``a.s.``/``komende vrijdag`` is the first Friday after
  today, ``vorige``/``afgelopen``/``jl. vrijdag`` the last one before today;
  ``volgende week dinsdag`` = ``dinsdag volgende week`` is the Tuesday of
  next week (weeks run Monday to Sunday), likewise ``vorige week`` and
  ``deze week``;
- ``23-11``, ``23/11``, ``23.11``, ``23-11-2026``, ``23-11-26`` and
  ``3 dec '26`` (a two-digit year is 20yy), ``2026-11-23``; ``23 nov``,
  ``23 november``, ``23 nov 2026``, ``november 23``, ``3e december``,
  ``1ste``/``2de`` (Dutch month names and abbreviations: jan feb mrt/maart
  apr mei jun jul aug sep/sept okt nov dec). A date may start with its
  weekday, as :func:`format_date` writes it: ``ma 23 nov 2026`` (checked);
- ``+3``, ``-2`` (days), ``over 3 dagen``, ``over veertien dagen``, ``over 2
  weken``, ``over een week``, ``over twee maanden``, ``over een jaar``, ``3
  dagen geleden`` (numbers as digits or words een ... twintig, dertig);
- ``begin``/``eind`` ``van de week``/``deze week``/``volgende week``/``vorige
  week`` and the same with ``maand``: the first or last school day of that
  week or month (with no school calendar: Monday to Friday count; with no
  school day in it at all: Monday or Friday, the first or last of the month);
- public holidays: ``1e kerstdag``/``eerste kerstdag``, ``2e kerstdag``,
  ``nieuwjaarsdag``, ``koningsdag``, ``bevrijdingsdag``, ``goede vrijdag``,
  ``1e``/``2e paasdag`` (``pasen``), ``hemelvaartsdag``, ``1e``/``2e
  pinksterdag`` (``pinksteren``), ``kerstavond``, ``oudejaarsdag``,
  ``sinterklaas``, optionally with a year (``1e kerstdag 2027``);
- with the school calendar passed in: ``na de kerstvakantie`` (the first
  school day after it) and ``voor de kerstvakantie`` (the last school day
  before it), for every holiday the calendar names (herfstvakantie,
  voorjaarsvakantie, meivakantie, zomervakantie, ...).

Direction. A date without a year, a bare weekday, a holiday and "na de
kerstvakantie" mean the nearest such date in the direction the field looks:
with ``prefer="future"`` (a follow-up, a deadline, a planned day) the first
one on or after today (a weekday: after today), with ``prefer="past"`` (held
on, reported on, closed on) the last one on or before today. "3-12" typed on
1 December 2026 is 3 December 2026 forward and 3 December 2025 back; 29-02
goes to the nearest leap year in that direction.

Ambiguity. What could mean two dates is refused with a Dutch suggestion,
never guessed:

- ``volgende vrijdag`` when "aanstaande vrijdag" and "vrijdag volgende week"
  are different days (on Friday to Sunday they are the same day, and it is
  taken); ``vorige vrijdag`` likewise against "afgelopen vrijdag" and
  "vrijdag vorige week" ("afgelopen" and "aanstaande" are never ambiguous);
- a word without its day: ``volgende``, ``vorige``, ``aanstaande``,
  ``volgende week``, ``december``, ``nov 2026``, ``kerstdag``, ``na de
  vakantie``;
- a numeric date whose year has 1 or 3 digits (``3-4-5``: day-month-year or
  year-month-day?);
- a month above 12 (``13-13``, and ``12-13``, with the day-month reading
  offered when it exists: "Bedoel je 13-12?").

Only years 1900-2100 are accepted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

if TYPE_CHECKING:
    from pestcli.protocol.calendar import SchoolCalendar

MIN_YEAR, MAX_YEAR = 1900, 2100
EXAMPLES = "vandaag, vr, 3-12, 3 dec, volgende week di, over 14 dagen, na de kerstvakantie"
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
                 "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
                 "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30}
_UNITS = {"dag": "days", "dagen": "days", "week": "weeks", "weken": "weeks",
          "maand": "months", "maanden": "months", "jaar": "years", "jaren": "years"}
#: Words that put a weekday after today ("aanstaande vrijdag") or before it ("afgelopen vrijdag");
#: "volgende" and "vorige" may mean this week or the next/last one (see _unambiguous_weekday).
_NEXT_WORDS = ("aanstaande", "as", "komende")
_LAST_WORDS = ("afgelopen", "jl", "jongstleden")
#: Weeks relative to this week: "volgende week", "vorige week", "deze week".
_WEEK_SHIFT = {"volgende week": 1, "komende week": 1, "vorige week": -1, "afgelopen week": -1,
               "deze week": 0, "de week": 0, "week": 0}
_MONTH_SHIFT = {"volgende maand": 1, "komende maand": 1, "vorige maand": -1, "afgelopen maand": -1,
                "deze maand": 0, "de maand": 0, "maand": 0}

_NUM = r"[0-9]+"
_SHIFT = re.compile(r"^([+-])\s?([0-9]+)$")
_OVER = re.compile(r"^over (\S+) (\S+)$")
_AGO = re.compile(r"^(\S+) (\S+) geleden$")
_ISO = re.compile(rf"^({_NUM})-({_NUM})-({_NUM})$")
_NUMERIC = re.compile(rf"^({_NUM})([-/.])({_NUM})(?:\2({_NUM}))?$")
_WORDY = re.compile(rf"^({_NUM}) ([a-zé]+)(?: ({_NUM}))?$")
_MONTH_FIRST = re.compile(rf"^([a-zé]+) ({_NUM})(?: ({_NUM}))?$")
_ORDINAL = re.compile(r"\b([0-9]{1,2})(?:e|de|ste)\b")
_QUOTED_YEAR = re.compile(r"['‘’`]([0-9]{2})\b")
_EDGE = re.compile(r"^(begin|eind|einde) (?:van )?(.+)$")
_HOLIDAY_SPAN = re.compile(r"^(na|voor|vóór) (?:de |het )?(.+)$")
_WITH_YEAR = re.compile(r"^(.+?) ([0-9]{4})$")


def _easter(year: int, days: int = 0) -> date:
    """Easter Sunday of ``year`` plus ``days`` (imported when first needed)."""
    from pestcli.protocol.holidays import easter_sunday

    return easter_sunday(year) + timedelta(days=days)


def _kings_day(year: int) -> date:
    """Koningsdag of ``year``."""
    from pestcli.protocol.holidays import kings_day

    return kings_day(year)


_FIRST, _SECOND = ("1", "eerste"), ("2", "tweede")
#: Named days (public holidays and a few school ones) -> the day in a given year.
_NAMED_DAYS: dict[str, Callable[[int], date]] = {
    **{f"{w} kerstdag": (lambda y: date(y, 12, 25)) for w in _FIRST},
    **{f"{w} kerstdag": (lambda y: date(y, 12, 26)) for w in _SECOND},
    "kerstmis": lambda y: date(y, 12, 25),
    "kerstavond": lambda y: date(y, 12, 24),
    "oudejaarsdag": lambda y: date(y, 12, 31),
    "oudjaar": lambda y: date(y, 12, 31),
    "nieuwjaarsdag": lambda y: date(y, 1, 1),
    "nieuwjaar": lambda y: date(y, 1, 1),
    "koningsdag": _kings_day,
    "bevrijdingsdag": lambda y: date(y, 5, 5),
    "sinterklaas": lambda y: date(y, 12, 5),
    "pakjesavond": lambda y: date(y, 12, 5),
    "goede vrijdag": lambda y: _easter(y, -2),
    "pasen": _easter,
    **{f"{w} paasdag": _easter for w in _FIRST},
    **{f"{w} paasdag": (lambda y: _easter(y, 1)) for w in _SECOND},
    "hemelvaart": lambda y: _easter(y, 39),
    "hemelvaartsdag": lambda y: _easter(y, 39),
    "pinksteren": lambda y: _easter(y, 49),
    **{f"{w} pinksterdag": (lambda y: _easter(y, 49)) for w in _FIRST},
    **{f"{w} pinksterdag": (lambda y: _easter(y, 50)) for w in _SECOND},
}
#: Half a name: the mentor must say which one.
_HALF_NAMES = {"kerstdag": "1e kerstdag of 2e kerstdag", "kerst": "1e kerstdag of 2e kerstdag",
               "paasdag": "1e paasdag of 2e paasdag", "pinksterdag": "1e pinksterdag of 2e pinksterdag"}


class DateParseError(ValueError):
    """A date the mentor typed that cannot be read; ``str()`` is a Dutch message."""


def parse_date(text: str, today: date, prefer: str = "future",
               calendar: SchoolCalendar | None = None) -> date:
    """Read a Dutch date relative to ``today``; raise DateParseError if it cannot.

    ``prefer`` ("future" or "past") decides weekdays, dates without a year,
    holidays and school holidays. ``calendar`` (the school calendar) is needed
    for "na de kerstvakantie" and makes "begin volgende week" a school day.
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
    words = _QUOTED_YEAR.sub(r" \1", words)
    words = _ORDINAL.sub(r"\1", re.sub(r"(?<=[a-zé])\.", "", words))
    words = " ".join(words.split())
    result = _Reader(words, shown, today, prefer == "future", calendar).read()
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise DateParseError(f"{format_input(result)} valt buiten de jaren {MIN_YEAR}-{MAX_YEAR}.")
    return result


def _unknown(shown: str) -> DateParseError:
    """The error for input that matches no pattern."""
    short = shown if len(shown) <= 30 else shown[:29] + "…"
    return DateParseError(f"Onbekende datum '{short}'. Voorbeelden: {EXAMPLES}.")


class _Reader:
    """One reading of the normalised input ``words`` (``shown`` is what was typed)."""

    def __init__(self, words: str, shown: str, today: date, future: bool,
                 calendar: SchoolCalendar | None) -> None:
        self.words, self.shown, self.today = words, shown, today
        self.future, self.calendar = future, calendar

    def read(self) -> date:
        """Dispatch on the shape of the input."""
        words, today = self.words, self.today
        if words in _KEYWORDS:
            return _add(today, days=_KEYWORDS[words])
        if words in _WEEKDAYS:
            return _weekday(_WEEKDAYS[words], today, self.future)
        match = _SHIFT.match(words)
        if match:
            sign = 1 if match.group(1) == "+" else -1
            return _add(today, days=sign * _number(match.group(2), self.shown))
        match = _OVER.match(words) or _AGO.match(words)
        if match and match.group(2) in _UNITS:
            amount = _number(match.group(1), self.shown) * (1 if words.startswith("over ") else -1)
            return _add(today, **{_UNITS[match.group(2)]: amount})
        found = self._phrase()
        if found is not None:
            return found
        head, _, rest = words.partition(" ")
        if head in _WEEKDAYS and rest:
            day = self._absolute(rest)
            if day.weekday() != _WEEKDAYS[head]:
                raise DateParseError(f"{format_input(day)} is een {WEEKDAY_NAMES[day.weekday()]}, "
                                     f"geen {WEEKDAY_NAMES[_WEEKDAYS[head]]}.")
            return day
        return self._absolute(words)

    # --- phrases -------------------------------------------------------------------
    def _phrase(self) -> date | None:
        """A phrase with words (weekday with a direction, begin/eind, holidays), or None."""
        words = self.words
        for reader in (self._weekday_phrase, self._edge_phrase, self._named_day,
                       self._holiday_phrase):
            found = reader(words)
            if found is not None:
                return found
        self._refuse_half_phrases(words)
        return None

    def _weekday_phrase(self, words: str) -> date | None:
        """``aanstaande vr``, ``vorige vr``, ``volgende week di``, ``di volgende week``."""
        first, _, rest = words.partition(" ")
        if rest in _WEEKDAYS:
            weekday = _WEEKDAYS[rest]
            if first in _NEXT_WORDS:
                return _weekday(weekday, self.today, True)
            if first in _LAST_WORDS:
                return _add(self.today, days=-((self.today.weekday() - weekday - 1) % 7 + 1))
            if first in ("volgende", "vorige"):
                return self._unambiguous_weekday(first, weekday)
        for shift_words, shift in _WEEK_SHIFT.items():
            if shift_words in ("de week", "week"):
                continue
            for before, after in ((f"{shift_words} ", ""), ("", f" {shift_words}")):
                if words.startswith(before) and words.endswith(after):
                    name = words[len(before):len(words) - len(after)].strip()
                    name = name[3:] if name.startswith("op ") else name
                    if name in _WEEKDAYS:
                        return _add(_monday(self.today), weeks=shift, days=_WEEKDAYS[name])
        return None

    def _unambiguous_weekday(self, word: str, weekday: int) -> date:
        """``volgende vrijdag``/``vorige vrijdag``: taken only when it cannot mean two days.

        "volgende vrijdag" is the coming Friday or the Friday of next week;
        when those differ the mentor is asked which ("vorige" likewise).
        """
        forward = word == "volgende"
        nearest = (_weekday(weekday, self.today, True) if forward
                   else _add(self.today, days=-((self.today.weekday() - weekday - 1) % 7 + 1)))
        in_week = _add(_monday(self.today), weeks=1 if forward else -1, days=weekday)
        if nearest == in_week:
            return nearest
        short = WEEKDAY_SHORT[weekday]
        near_words = "aanstaande" if forward else "afgelopen"
        both = f"{_short(nearest, self.today)} of {_short(in_week, self.today)}?"
        raise DateParseError(f"{both[0].upper()}{both[1:]} Typ '{near_words} {short}' of '{short} {word} week'.")

    def _edge_phrase(self, words: str) -> date | None:
        """``begin volgende week``, ``eind van de week``, ``eind deze maand``."""
        match = _EDGE.match(words)
        if match is None:
            return None
        try:
            return self._edge(match.group(1) != "begin", match.group(2))
        except (OverflowError, ValueError) as exc:
            if isinstance(exc, DateParseError):
                raise
            raise DateParseError(f"Die datum valt buiten de jaren {MIN_YEAR}-{MAX_YEAR}.") from exc

    def _edge(self, end: bool, period: str) -> date:
        """The first (or, with ``end``, last) school day of the week or month ``period`` names."""
        if period in _WEEK_SHIFT:
            first = _add(_monday(self.today), weeks=_WEEK_SHIFT[period])
            days = [first + timedelta(days=i) for i in range(7)]
            fallback = days[4] if end else days[0]
        elif period in _MONTH_SHIFT:
            first = _add(self.today.replace(day=1), months=_MONTH_SHIFT[period])
            last = first.replace(day=_days_in_month(first.month, first.year))
            days = [first + timedelta(days=i) for i in range(last.day)]
            fallback = last if end else first
        else:
            raise DateParseError("Begin of eind waarvan? Bijv. 'begin volgende week', 'eind deze maand'.")
        open_days = [d for d in days if d.weekday() < 5]
        if self.calendar is not None:
            open_days = [d for d in days if self.calendar.is_school_day(d)]
        if not open_days:
            return fallback
        return open_days[-1] if end else open_days[0]

    def _named_day(self, words: str) -> date | None:
        """``1e kerstdag``, ``koningsdag``, ``pasen 2027``: nearest in the field's direction."""
        words = re.sub(r"^(de|het) ", "", words)
        year = None
        match = _WITH_YEAR.match(words)
        if match and match.group(1) in _NAMED_DAYS:
            words, year = match.group(1), int(match.group(2))
        rule = _NAMED_DAYS.get(words)
        if rule is None:
            return None
        if year is not None:
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise DateParseError(f"Jaar {year} valt buiten de jaren {MIN_YEAR}-{MAX_YEAR}.")
            return rule(year)
        found = self._nearest(rule(y) for y in _years_around(self.today, self.future))
        if found is None:
            raise DateParseError(f"Die datum valt buiten de jaren {MIN_YEAR}-{MAX_YEAR}.")
        return found

    def _holiday_phrase(self, words: str) -> date | None:
        """``na de kerstvakantie`` / ``voor de kerstvakantie`` (the school calendar's holidays)."""
        match = _HOLIDAY_SPAN.match(words)
        if match is None:
            return None
        after, name = match.group(1) == "na", match.group(2)
        if name in ("vakantie", "de vakantie", "schoolvakantie"):
            raise DateParseError("Welke vakantie? Typ bijv. 'na de kerstvakantie'.")
        if name in ("kerst", "herfst", "voorjaar", "mei", "zomer"):
            name += "vakantie"
        if not name.endswith("vakantie"):
            return None
        if self.calendar is None:
            raise DateParseError("Daarvoor is de schoolkalender nodig; typ een datum, bijv. 4-1.")
        holidays = [h for y in self.calendar.years.values() for h in y.holidays
                    if h.name.strip().lower() == name]
        if not holidays:
            known = sorted({h.name.strip().lower() for y in self.calendar.years.values()
                            for h in y.holidays if h.name.strip().lower().endswith("vakantie")})
            choice = f" Bekend: {', '.join(known)}." if known else ""
            raise DateParseError(f"De {name} staat niet in de schoolkalender.{choice}")
        candidates = []
        for holiday in holidays:
            try:
                if after:
                    candidates.append(self.calendar.next_school_day(holiday.end + timedelta(days=1)))
                else:
                    candidates.append(_last_school_day_before(holiday.start, self.calendar))
            except (ValueError, OverflowError):
                continue
        found = self._nearest(candidates)
        if found is None:
            where = "na vandaag" if self.future else "vóór vandaag"
            raise DateParseError(f"Er staat geen {name} {where} in de schoolkalender; typ een datum.")
        return found

    def _nearest(self, candidates: Iterable[date]) -> date | None:
        """The candidate nearest to today in the field's direction (today itself counts)."""
        today = self.today
        if self.future:
            return min((d for d in candidates if d >= today), default=None)
        return max((d for d in candidates if d <= today), default=None)

    def _refuse_half_phrases(self, words: str) -> None:
        """A phrase that misses its day: refused with what to type instead."""
        if words in _NEXT_WORDS + _LAST_WORDS + ("volgende", "vorige"):
            raise DateParseError(f"{self.shown.capitalize()} wat? Typ bijv. 'aanstaande vr' of 'volgende week di'.")
        if words in _WEEK_SHIFT and " " in words and not words.startswith("de "):
            raise DateParseError(f"Welke dag? Typ bijv. '{words} ma' of 'begin {words}'.")
        if words in _MONTH_SHIFT and " " in words and not words.startswith("de "):
            raise DateParseError(f"Welke dag? Typ bijv. 'begin {words}' of 'eind {words}'.")
        if words in _HALF_NAMES:
            raise DateParseError(f"Welke? Typ {_HALF_NAMES[words]}.")
        first, _, rest = words.partition(" ")
        if first in _MONTHS and (not rest or (rest.isdigit() and len(rest) == 4)):
            month = MONTH_NAMES[_MONTHS[first] - 1]
            year = f" {rest}" if rest else ""
            raise DateParseError(f"Welke dag in {month}{year}? Typ bijv. '1 {MONTH_SHORT[_MONTHS[first] - 1]}"
                                 f"{year}'.")

    # --- written dates ---------------------------------------------------------------
    def _absolute(self, words: str) -> date:
        """A written date: ISO, numeric day-month(-year), day monthname (year), monthname day (year)."""
        match = _ISO.match(words)
        if match and len(match.group(1)) == 4:
            return self._build(match.group(3), match.group(2), match.group(1))
        match = _NUMERIC.match(words)
        if match:
            return self._build(match.group(1), match.group(3), match.group(4))
        match = _WORDY.match(words)
        if match and match.group(2) in _MONTHS:
            return self._build(match.group(1), str(_MONTHS[match.group(2)]), match.group(3))
        match = _MONTH_FIRST.match(words)
        if match and match.group(1) in _MONTHS and len(match.group(2)) <= 2:
            return self._build(match.group(2), str(_MONTHS[match.group(1)]), match.group(3))
        raise _unknown(self.shown)

    def _build(self, day_s: str, month_s: str, year_s: str | None) -> date:
        """Check day, month and year and build the date, or say why it does not exist."""
        if any(len(part) > 4 for part in (day_s, month_s, year_s or "")):
            raise _unknown(self.shown)
        day, month = int(day_s), int(month_s)
        if not 1 <= month <= 12:
            if 1 <= day <= 12 and month <= _days_in_month(day, 2000):
                raise DateParseError(f"Maand {month} bestaat niet: kies 1 t/m 12. Bedoel je "
                                     f"{month:02d}-{day:02d} (dag-maand)?")
            raise DateParseError(f"Maand {month} bestaat niet: eerst de dag, dan de maand (3-12 is 3 dec).")
        name = MONTH_NAMES[month - 1]
        if not 1 <= day <= _days_in_month(month, 2000):
            raise DateParseError(f"{day:02d}-{month:02d} bestaat niet: {name} heeft geen "
                                 f"{day} dagen." if day else f"Dag 0 bestaat niet in {name}.")
        if year_s is None:
            return _nearest_day_month(day, month, self.today, self.future)
        if len(year_s) not in (2, 4):
            raise DateParseError(f"Onduidelijk jaar: typ dag-maand-jaar, bijv. {day:02d}-{month:02d}-"
                                 f"{self.today.year}.")
        year = int(year_s) + (2000 if len(year_s) == 2 else 0)
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise DateParseError(f"Jaar {year} valt buiten de jaren {MIN_YEAR}-{MAX_YEAR}.")
        if day > _days_in_month(month, year):
            raise DateParseError(f"{day:02d}-{month:02d}-{year} bestaat niet: {year} is geen "
                                 "schrikkeljaar.")
        return date(year, month, day)


def _number(token: str, shown: str) -> int:
    """A count written as digits or as a Dutch word (een ... twintig, dertig)."""
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


def _monday(day: date) -> date:
    """The Monday of ``day``'s week (as a DateParseError when out of range)."""
    return _add(day, days=-day.weekday())


def _weekday(weekday: int, today: date, future: bool) -> date:
    """Next such weekday after today (future) or the last one on or before today (past)."""
    if future:
        return _add(today, days=(weekday - today.weekday() - 1) % 7 + 1)
    return _add(today, days=-((today.weekday() - weekday) % 7))


def _short(day: date, today: date) -> str:
    """``vr 4 dec``, with the year only when it is not ``today``'s: ``vr 1 jan 2027``."""
    text = f"{WEEKDAY_SHORT[day.weekday()]} {day.day} {MONTH_SHORT[day.month - 1]}"
    return text if day.year == today.year else f"{text} {day.year}"


def _years_around(today: date, future: bool) -> list[int]:
    """This year and the next (future) or the one before (past), within range."""
    years = [today.year, today.year + (1 if future else -1)]
    return [y for y in years if MIN_YEAR <= y <= MAX_YEAR]


def _last_school_day_before(day: date, calendar: SchoolCalendar) -> date:
    """The last school day before ``day`` (at most a year back)."""
    current = day
    for _ in range(366):
        current -= timedelta(days=1)
        if calendar.is_school_day(current):
            return current
    raise ValueError("no school day within a year")


def _days_in_month(month: int, year: int) -> int:
    """How many days ``month`` has in ``year``."""
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _nearest_day_month(day: int, month: int, today: date, future: bool) -> date:
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
    late = days_late(day, today)
    if deadline:
        return f"{late} {'dag' if late == 1 else 'dagen'} te laat"
    return "gisteren" if late == 1 else f"{late} dagen geleden"


def days_late(due: date, today: date) -> int:
    """How many days past ``due`` today is (0 when it is not past): "N dagen te laat".

    Calendar days, as the protocol's deadlines are counted ("binnen een week",
    "na twee dagen": days after the anchor, only the last one moved off a
    closed day). The one count behind every "te laat" the mentor reads: the
    home screen's list, the agenda, the case screen's timeline and its
    "Volgende" line.
    """
    return max(0, (today - due).days)


def end_of_week(day: date) -> date:
    """The Sunday of ``day``'s week (Monday to Sunday)."""
    return day + timedelta(days=6 - day.weekday())
