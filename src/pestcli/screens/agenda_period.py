"""The agenda's periods (a week, Monday to Sunday, or a month) and its row helpers.

Pure functions, so the agenda screen stays about showing and asking.
"""

from __future__ import annotations

import calendar as month_calendar
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pestcli.protocol.dates import MONTH_NAMES, format_date
from pestcli.protocol.holidays import public_holiday_name

if TYPE_CHECKING:
    from pestcli.agenda import AgendaRow
    from pestcli.services.reads import FollowUpMove


def period_of(view: str, anchor: date) -> tuple[date, date]:
    """The first and last day of the week (Monday-Sunday) or month holding ``anchor``."""
    if view == "week":
        start = anchor - timedelta(days=anchor.weekday())
        return start, start + timedelta(days=6)
    last = month_calendar.monthrange(anchor.year, anchor.month)[1]
    return anchor.replace(day=1), anchor.replace(day=last)


def shift_period(view: str, anchor: date, steps: int) -> date:
    """An anchor ``steps`` weeks or months away (the first of the month for months)."""
    if view == "week":
        return anchor + timedelta(weeks=steps)
    index = anchor.year * 12 + anchor.month - 1 + steps
    return date(index // 12, index % 12 + 1, 1)


def month_anchor(start: date, end: date, today: date) -> date:
    """The day whose month the month view opens on, from the period shown.

    Today's month when today is in the period (on Tuesday 1 December the week
    starts on Monday 30 November, yet "m" opens December); otherwise the
    month that holds most of the period (the Thursday of a week).
    """
    if start <= today <= end:
        return today
    return start + (end - start) // 2


def period_title(view: str, start: date, end: date) -> str:
    """``Week 52 · ma 21 dec 2026 – zo 27 dec 2026`` or ``December 2026``."""
    if view == "week":
        return f"Week {start.isocalendar().week} · {format_date(start)} – {format_date(end)}"
    return f"{MONTH_NAMES[start.month - 1].capitalize()} {start.year}"


def matches(row: AgendaRow, fragment: str) -> bool:
    """True when ``fragment`` is in the case number, class, pupils or what is due."""
    needle = fragment.strip().casefold()
    return not needle or any(needle in text.casefold()
                             for text in (row.case_number, row.class_name, row.pupils, row.what))


def move_note(move: FollowUpMove | None) -> str:
    """``verzet van do 17 dec 2026: leerling ziek``."""
    if move is None:
        return ""
    return f"verzet van {format_date(move.moved_from)}" + (f": {move.reason}" if move.reason else "")


def closed_note(day: date, closed: str | None, good_friday: bool = True) -> str:
    """Why the school is closed on ``day``: ``kerstvakantie · Eerste Kerstdag``, ``weekend``, or ""."""
    reason = "weekend" if closed in ("zaterdag", "zondag") else (closed or "")
    public = public_holiday_name(day, good_friday)
    if public and public != reason:
        reason = f"{reason} · {public}" if reason else public
    return reason


def count_text(shown: int, overdue: int, filtered: bool, view: str) -> str:
    """``12 op de agenda · 2 te laat``, or why nothing is shown."""
    if shown:
        return f"{shown} op de agenda" + (f" · {overdue} te laat" if overdue else "")
    if filtered:
        return "Niets gevonden met dit filter."
    return f"Niets op de agenda in deze {'week' if view == 'week' else 'maand'}."
