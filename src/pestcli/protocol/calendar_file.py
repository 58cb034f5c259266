"""Reading and checking one school-calendar file (data/calendar/REGION.toml).

The shape is described in data/calendar/README.md. Every mistake raises
:class:`CalendarError` with the file name, the line and the field, so a
school that edits its calendar gets a Dutch message that points at the typo.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from pestcli.protocol.errors import CalendarError

#: The longest holiday a file may declare (a zomervakantie is about 44 days).
MAX_HOLIDAY_DAYS = 100

_TOP_KEYS = {"goede_vrijdag", "bevrijdingsdag_elk_jaar", "year"}
_YEAR_KEYS = {"school_year", "holiday", "missing"}
_HOLIDAY_KEYS = {"name", "start", "end", "date", "confirmed", "source"}
_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


@dataclass(frozen=True)
class SchoolHoliday:
    """A school holiday or study day, from ``start`` to ``end`` inclusive."""

    name: str
    start: date
    end: date
    school_year: str
    confirmed: bool = False
    source: str = ""

    @property
    def is_study_day(self) -> bool:
        """True for a study day ("studiedag"): shown as "valt op een studiedag"."""
        return self.name.strip().lower().startswith("studiedag")


@dataclass(frozen=True)
class CalendarYear:
    """One school year (1 August - 31 July) of a region's calendar."""

    school_year: str
    holidays: tuple[SchoolHoliday, ...] = ()
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalendarFile:
    """The checked contents of a region's calendar file."""

    years: tuple[CalendarYear, ...]
    good_friday: bool = True
    liberation_day_every_year: bool = False


def school_year_bounds(school_year: str) -> tuple[date, date]:
    """First and last day (1 August, 31 July) of a school year like ``2025-2026``."""
    first = int(school_year[:4])
    return date(first, 8, 1), date(first + 1, 7, 31)


def read_calendar_file(path: Path) -> CalendarFile:
    """Read and check the calendar file at ``path``; raise CalendarError if it is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CalendarError(f"kan het bestand niet lezen ({exc}).", file=path.name) from exc
    return parse_calendar_text(text, path.name)


def parse_calendar_text(text: str, file: str) -> CalendarFile:
    """Parse calendar TOML ``text``; ``file`` names it in error messages."""
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise CalendarError("de lijsten of tabellen zijn te diep in elkaar genest om te lezen; een "
                            "schoolkalender heeft hoogstens een paar niveaus nodig.", file=file) from None
    except tomllib.TOMLDecodeError as exc:
        raise _decode_error(str(exc), text, file) from exc
    return _Checker(text, file).check(data)


def _decode_error(message: str, text: str, file: str) -> CalendarError:
    """Turn tomllib's message into a CalendarError with the line number."""
    match = _TOML_POS.search(message)
    if match:
        detail = message[: match.start()]
        return CalendarError(
            f"geen geldige TOML bij kolom {match.group(2)} ({detail}).",
            file=file,
            line=int(match.group(1)),
        )
    detail = message.replace("(at end of document)", "").strip()
    return CalendarError(
        f"geen geldige TOML aan het eind van het bestand ({detail}).",
        file=file,
        line=max(1, len(text.splitlines())),
    )


class _Checker:
    """Checks parsed calendar data and locates mistakes in the source text."""

    def __init__(self, text: str, file: str) -> None:
        self.lines = text.splitlines()
        self.file = file

    def fail(self, message: str, field: str, year: int | None = None,
             holiday: int | None = None) -> CalendarError:
        """A CalendarError for ``field`` of year ``year``/holiday ``holiday`` (0-based)."""
        return CalendarError(message, file=self.file, line=self._line(field, year, holiday),
                             field=field)

    def _line(self, field: str, year: int | None, holiday: int | None) -> int | None:
        """Best-effort 1-based line of ``field`` in the given table, or None."""
        headers = [(n, s.strip().replace(" ", "")) for n, s in enumerate(self.lines)
                   if s.strip().startswith("[")]
        start, stop = 0, len(self.lines)
        if year is not None:
            years = [n for n, h in headers if h.startswith("[[year]]")]
            if year >= len(years):
                return None
            start = years[year]
            if holiday is not None:
                hols = [n for n, h in headers if h.startswith("[[year.holiday]]") and n > start]
                nxt = [n for n in years if n > start]
                hols = [n for n in hols if not nxt or n < nxt[0]]
                if holiday >= len(hols):
                    return start + 1
                start = hols[holiday]
        elif headers:
            stop = headers[0][0]
        later = [n for n, _ in headers if n > start]
        stop = min(stop, later[0]) if later else stop
        key = re.compile(rf"^\s*{re.escape(field)}\s*=")
        for n in range(start, stop):
            if key.match(self.lines[n]):
                return n + 1
        return start + 1 if year is not None else None

    def check(self, data: dict) -> CalendarFile:
        """Check the whole file."""
        for key in data:
            if key not in _TOP_KEYS:
                raise self.fail(f"onbekend veld '{key}'; toegestaan: goede_vrijdag, "
                                "bevrijdingsdag_elk_jaar, year.", key)
        good_friday = data.get("goede_vrijdag", True)
        if not isinstance(good_friday, bool):
            raise self.fail("moet true of false zijn.", "goede_vrijdag")
        liberation_day = data.get("bevrijdingsdag_elk_jaar", False)
        if not isinstance(liberation_day, bool):
            raise self.fail("moet true of false zijn (true: de school is elk jaar dicht op 5 mei).",
                            "bevrijdingsdag_elk_jaar")
        raw_years = data.get("year", [])
        if not isinstance(raw_years, list) or not all(isinstance(y, dict) for y in raw_years):
            raise self.fail("schrijf elk schooljaar als [[year]].", "year")
        years = tuple(self._year(i, y) for i, y in enumerate(raw_years))
        seen: set[str] = set()
        for i, year in enumerate(years):
            if year.school_year in seen:
                raise self.fail(f"schooljaar {year.school_year} staat er twee keer in.",
                                "school_year", i)
            seen.add(year.school_year)
        return CalendarFile(years=years, good_friday=good_friday,
                            liberation_day_every_year=liberation_day)

    def _year(self, i: int, raw: dict) -> CalendarYear:
        """Check one [[year]] table."""
        for key in raw:
            if key not in _YEAR_KEYS:
                raise self.fail(f"onbekend veld '{key}'; toegestaan: school_year, holiday, "
                                "missing.", key, i)
        name = raw.get("school_year")
        match = _SCHOOL_YEAR.match(name) if isinstance(name, str) else None
        if not isinstance(name, str) or not match or int(match.group(2)) != int(match.group(1)) + 1:
            raise self.fail("moet een schooljaar zijn zoals \"2025-2026\".", "school_year", i)
        if not 1900 <= int(match.group(1)) <= 2099:
            raise self.fail("schooljaar valt buiten 1900-2100.", "school_year", i)
        missing = raw.get("missing", [])
        if not isinstance(missing, list) or not all(isinstance(m, str) for m in missing):
            raise self.fail("moet een lijst met namen zijn, bijv. [\"meivakantie\"].",
                            "missing", i)
        raw_hols = raw.get("holiday", [])
        if not isinstance(raw_hols, list) or not all(isinstance(h, dict) for h in raw_hols):
            raise self.fail("schrijf elke vakantie als [[year.holiday]].", "holiday", i)
        holidays = tuple(self._holiday(i, j, h, name) for j, h in enumerate(raw_hols))
        return CalendarYear(school_year=name, holidays=holidays, missing=tuple(missing))

    def _holiday(self, i: int, j: int, raw: dict, school_year: str) -> SchoolHoliday:
        """Check one [[year.holiday]] table."""
        for key in raw:
            if key not in _HOLIDAY_KEYS:
                raise self.fail(f"onbekend veld '{key}'; toegestaan: name, start, end, date, "
                                "confirmed, source.", key, i, j)
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.fail("elke vakantie heeft een naam nodig, bijv. \"herfstvakantie\".",
                            "name", i, j)
        if "date" in raw:
            if "start" in raw or "end" in raw:
                raise self.fail("gebruik óf date (één dag) óf start en end.", "date", i, j)
            start = end = self._date(raw["date"], "date", i, j)
        else:
            for key in ("start", "end"):
                if key not in raw:
                    raise self.fail(f"'{name}' mist het veld '{key}'.", key, i, j)
            start = self._date(raw["start"], "start", i, j)
            end = self._date(raw["end"], "end", i, j)
        if end < start:
            raise self.fail(f"'{name}' eindigt ({end}) vóór het begint ({start}).", "end", i, j)
        if end - start >= timedelta(days=MAX_HOLIDAY_DAYS):
            raise self.fail(f"'{name}' duurt langer dan {MAX_HOLIDAY_DAYS} dagen.", "end", i, j)
        first, last = school_year_bounds(school_year)
        if not first <= start <= last:
            raise self.fail(f"'{name}' begint op {start}, buiten schooljaar {school_year} "
                            f"({first} t/m {last}).", "start" if "start" in raw else "date", i, j)
        confirmed = raw.get("confirmed", False)
        if not isinstance(confirmed, bool):
            raise self.fail("moet true of false zijn.", "confirmed", i, j)
        source = raw.get("source", "")
        if not isinstance(source, str):
            raise self.fail("moet tekst zijn.", "source", i, j)
        return SchoolHoliday(name=name.strip(), start=start, end=end, school_year=school_year,
                             confirmed=confirmed, source=source)

    def _date(self, value: object, field: str, i: int, j: int) -> date:
        """A TOML date, or an ISO date string."""
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail("moet een datum zijn zoals 2025-10-11.", field, i, j)
