"""The periods the school's numbers are counted over: a school year, a term, or two dates.

A Dutch school year runs from 1 August to 31 July (``school_year_of``). The
yearly evaluation of social safety looks at a school year; a coordinator who
reports to the team each term looks at one of three terms: 1 August to
31 December, 1 January to 31 March, 1 April to 31 July (the usual split of a
year into a first half to Christmas, and the rest in two). A chosen period
is any two dates, both included.

Pure: no pestcli, Textual or database imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Period", "PeriodError", "custom_period", "school_year_period", "term_period", "year_group_of"]

_YEAR = re.compile(r"^\s*(\d{4})\s*[-/]\s*(\d{4})\s*$")
_FIRST_NUMBER = re.compile(r"\d+")

#: The terms of a school year: (month, day) of the first day, (month, day) of the last day.
TERMS = (((8, 1), (12, 31)), ((1, 1), (3, 31)), ((4, 1), (7, 31)))

_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december")


_SHORT_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


class PeriodError(ValueError):
    """A school year, term or pair of dates that is no period; the message is Dutch."""


@dataclass(frozen=True)
class Period:
    """The days from ``start`` to ``end``, both included, and how a person calls them."""

    start: date
    end: date
    label: str

    def months(self) -> list[str]:
        """Every month the period touches, as ``YYYY-MM``, in order."""
        months: list[str] = []
        day = self.start.replace(day=1)
        while day <= self.end:
            months.append(f"{day.year:04d}-{day.month:02d}")
            day = (day + timedelta(days=32)).replace(day=1)
        return months


def _first_year(school_year: str) -> int:
    """2025 for ``2025-2026``; PeriodError for anything else."""
    match = _YEAR.match(school_year)
    if match is None or int(match.group(2)) != int(match.group(1)) + 1:
        raise PeriodError(f"'{school_year}' is geen schooljaar: schrijf het als 2025-2026.")
    return int(match.group(1))


def school_year_period(school_year: str) -> Period:
    """The whole school year ``2025-2026``: 1 August 2025 to 31 July 2026."""
    first = _first_year(school_year)
    return Period(date(first, 8, 1), date(first + 1, 7, 31), f"schooljaar {first}-{first + 1}")


def term_period(school_year: str, term: int) -> Period:
    """Term 1, 2 or 3 of a school year (see the module's docstring for the dates)."""
    first = _first_year(school_year)
    if term not in (1, 2, 3):
        raise PeriodError(f"Periode {term} bestaat niet: kies 1, 2 of 3.")
    (start_month, start_day), (end_month, end_day) = TERMS[term - 1]
    year = first if term == 1 else first + 1
    return Period(date(year, start_month, start_day), date(year, end_month, end_day),
                  f"periode {term} van {first}-{first + 1}")


def custom_period(start: date, end: date) -> Period:
    """The days from ``start`` to ``end``; PeriodError when ``end`` comes first."""
    if end < start:
        raise PeriodError("De einddatum ligt vóór de begindatum.")
    return Period(start, end, f"{dutch_day(start)} t/m {dutch_day(end)}")


def dutch_day(day: date) -> str:
    """``1 september 2026``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def month_label(month: str) -> str:
    """``sep 2026`` for ``2026-09`` (short, for a chart's axis and a table)."""
    year, number = month.split("-")
    return f"{_SHORT_MONTHS[int(number) - 1]} {year}"


def year_group_of(class_name: str) -> str:
    """The year group (leerjaar) of a class: the first number in its name (``2B`` → ``2``, ``h3a`` → ``3``).

    A class without a number has no year group: the empty string.
    """
    match = _FIRST_NUMBER.search(class_name or "")
    return str(int(match.group(0))) if match else ""
