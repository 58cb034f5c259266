"""The follow-up appointment a guide asks for ("Maak een vervolgafspraak over 3 dagen").

Bijlage 4, punt 15 asks the mentor to agree a day and time, three days after
the conversation with the pester, to evaluate how it goes. The days are school
days (``SchoolCalendar``): an appointment never falls in a weekend or holiday.
"""

from __future__ import annotations

from datetime import date, timedelta

from pestcli.protocol.calendar import SchoolCalendar
from pestcli.protocol.model import Guide, Item


def school_days_after(calendar: SchoolCalendar, day: date, count: int) -> date:
    """The ``count``-th school day after ``day`` (``day`` itself does not count)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    current = day
    for _ in range(count):
        current = calendar.next_school_day(current + timedelta(days=1))
    return current


def appointment_label(guide: Guide, item: Item) -> str:
    """How the appointment shows on the agenda, e.g. ``Vervolgafspraak (bijlage 4, punt 15)``."""
    number = next((n for n, i in enumerate(guide.checklist, start=1) if i.id == item.id), None)
    where = f"bijlage {guide.number}, punt {number}" if number else f"bijlage {guide.number}"
    return f"Vervolgafspraak ({where})"
