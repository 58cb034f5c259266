"""Stap 2's "ouders informeren": due with stap 2, or the next school day after the report."""

from __future__ import annotations

from datetime import date

from pestcli.protocol.calendar import SchoolCalendar
from pestcli.protocol.deadlines import informing_due

CALENDAR = SchoolCalendar.load(region="zuid")
MONDAY = date(2026, 11, 2)


def test_due_with_stap2_while_stap2_is_open():
    assert informing_due({2: date(2026, 11, 9)}, CALENDAR, MONDAY).date == date(2026, 11, 9)


def test_due_on_the_day_stap2_was_done():
    due = informing_due({2: date(2026, 11, 9)}, CALENDAR, MONDAY, done={1: MONDAY, 2: date(2026, 11, 4)})
    assert due.date == date(2026, 11, 4)


def test_after_stap1_the_next_school_day_after_the_report():
    assert informing_due({2: date(2026, 11, 9)}, CALENDAR, MONDAY, parents_after_stap1=True).date == date(2026, 11, 3)
    friday = date(2026, 12, 18)  # the Christmas holiday starts the next day
    due = informing_due({2: date(2027, 1, 4)}, CALENDAR, friday, parents_after_stap1=True)
    assert due.date == CALENDAR.next_school_day(date(2026, 12, 19)) and due.date != due.nominal
