"""The follow-up conversations of stap 5 (vervolggesprekken).

Every slot of ``rules.followups`` (after two days, a week, a month, ... two
years; see protocol.toml) counts from the day the agreements were made
(stap 4). Months are calendar months (dateutil.relativedelta): 31 January
plus one month is 28 February, or 29 February in a leap year. A date that
falls on a closed day moves to the next school day.

Two follow-ups never share a day: when a holiday pushes one onto or before
the previous one (agreements on the Friday before the kerstvakantie: "na
twee dagen" and "na een week" both land on the first day after it), the
later one moves to the next school day after the previous one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from pestcli.protocol.calendar import SchoolCalendar
from pestcli.protocol.model import FollowUpSlot, Rules


@dataclass(frozen=True)
class PlannedFollowUp:
    """One planned follow-up: ``index`` into ``rules.followups`` (0-based).

    ``due`` is a school day; ``nominal`` is the slot's own date; and
    ``moved_because`` says in Dutch why they differ (None when equal).
    """

    index: int
    label: str
    due: date
    nominal: date
    moved_because: str | None = None


def slot_date(slot: FollowUpSlot, agreed_on: date) -> date:
    """The nominal date of ``slot`` counted from ``agreed_on``."""
    return agreed_on + relativedelta(months=slot.months, weeks=slot.weeks, days=slot.days)


def followup_schedule(rules: Rules, calendar: SchoolCalendar,
                      agreed_on: date) -> list[PlannedFollowUp]:
    """All follow-ups of stap 5 for agreements made on ``agreed_on``, in order."""
    planned: list[PlannedFollowUp] = []
    previous: date | None = None
    for index, slot in enumerate(rules.followups):
        nominal = slot_date(slot, agreed_on)
        due, reason = reschedule(nominal, calendar)
        if previous is not None and due <= previous:
            due = calendar.next_school_day(previous + timedelta(days=1))
            after = "de dag na het vorige vervolggesprek"
            reason = f"{reason}; {after}" if reason else after
        planned.append(PlannedFollowUp(index=index, label=slot.label, due=due,
                                       nominal=nominal, moved_because=reason))
        previous = due
    return planned


def monitoring_ends_on(rules: Rules, agreed_on: date) -> date:
    """The day the monitoring of stap 5 is over: the latest slot counted from ``agreed_on`` (two years)."""
    return max((slot_date(slot, agreed_on) for slot in rules.followups), default=agreed_on)


def reschedule(day: date, calendar: SchoolCalendar) -> tuple[date, str | None]:
    """Move a follow-up planned by hand onto a school day.

    Returns ``day`` and None when the school is open, else the next school
    day and the Dutch reason ("valt op een zaterdag").
    """
    return calendar.next_school_day(day), calendar.moved_reason(day)
