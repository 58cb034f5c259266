"""Due dates of the steps of section 7 (stap 2, 3, 4 and 6).

Each step's deadline is ``days`` after an anchor: ``melding`` (the day of the
report) or ``stap-N``. A ``stap-N`` anchor is the day step N was done, or
while it is not done yet, step N's own due date, so the dates chain: stap 3
is due a week after stap 2 was done (or was due). ``stap-1`` is the report
itself. The nominal date moves to the next school day when the school is
closed, with a Dutch reason. Stap 6 (the parents) follows the case's choice
of when the parents are told (``parents_after``, the anchor of the chosen
``InformingChoice``): within a week after stap 1 or after stap 3.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pestcli.protocol.calendar import SchoolCalendar
from pestcli.protocol.errors import ProtocolError
from pestcli.protocol.model import Step

REPORT_ANCHOR = "melding"


#: ``date`` under a second name: the field ``Due.date`` hides the type inside the class.
_Date = date


@dataclass(frozen=True)
class Due:
    """When a step is due: ``date`` is a school day, ``nominal`` the rule's own date.

    ``moved_because`` is the Dutch reason the date moved ("valt in de
    kerstvakantie"), or None when ``date == nominal``.
    """

    date: _Date
    nominal: _Date
    moved_because: str | None = None


def due_on_school_day(nominal: date, calendar: SchoolCalendar) -> Due:
    """A Due for ``nominal``, moved to the next school day if the school is closed."""
    return Due(date=calendar.next_school_day(nominal), nominal=nominal,
               moved_because=calendar.moved_reason(nominal))


def step_due_dates(
    steps: Sequence[Step],
    calendar: SchoolCalendar,
    reported: date,
    done: Mapping[int, date] | None = None,
    parents_after: str | None = None,
) -> dict[int, Due]:
    """The Due of every step that has a deadline, keyed by step number.

    ``done`` maps step numbers to the day they were done (steps not done are
    absent, or map to None). ``parents_after`` is the anchor of the case's
    choice of when the parents are told (``stap-1``, ``stap-3``); it replaces
    the anchor of a deadline that ``follows_informing_choice``. Raises
    ProtocolError for an unknown anchor or a cycle of anchors.
    """
    done = {n: d for n, d in (done or {}).items() if d is not None}
    by_number = {s.number: s for s in steps}
    result: dict[int, Due] = {}
    visiting: set[int] = set()

    def anchor_day(anchor: str, for_step: int) -> date:
        """The day an anchor stands for."""
        if anchor == REPORT_ANCHOR:
            return reported
        number = _anchor_step(anchor, for_step)
        if number in done:
            return done[number]
        step = by_number.get(number)
        if step is None or step.deadline is None:
            if number == 1:
                return reported
            raise ProtocolError(f"stap {for_step} rekent vanaf '{anchor}', maar die stap "
                                "heeft geen termijn.", field="after")
        return due_of(step).date

    def due_of(step: Step) -> Due:
        """The (memoised) Due of one step."""
        if step.number in result:
            return result[step.number]
        if step.number in visiting:
            raise ProtocolError(f"de termijnen van stap {step.number} verwijzen in een "
                                "kring naar elkaar.", field="after")
        visiting.add(step.number)
        rule = step.deadline
        if rule is None:  # due_of is only called for a step with a deadline (see anchor_day and below)
            raise ProtocolError(f"stap {step.number} heeft geen termijn.", field="deadline")
        anchor = parents_after if rule.follows_informing_choice and parents_after else rule.after
        nominal = anchor_day(anchor, step.number) + timedelta(days=rule.days)
        result[step.number] = due_on_school_day(nominal, calendar)
        visiting.discard(step.number)
        return result[step.number]

    for step in sorted(steps, key=lambda s: s.number):
        if step.deadline is not None:
            due_of(step)
    return dict(sorted(result.items()))


def informing_due(
    step_dues: Mapping[int, date],
    calendar: SchoolCalendar,
    reported: date,
    done: Mapping[int, date] | None = None,
    parents_after_stap1: bool = False,
) -> Due:
    """When stap 2's to-do "ouders informeren" is due.

    Stap 2: "Stel de ouders op de hoogte over wat er speelt en welke acties
    worden ondernomen." BESLUIT: it belongs to stap 2, so it is due with stap
    2 (on stap 2's due date, or on the day stap 2 was done). When the school
    informs the parents after stap 1 (the protocol's "afhankelijk van de
    ernst ... na stap 1"), it is due the next school day after the report.
    ``step_dues`` are the steps' due dates (``step_due_dates``), ``done`` the
    days steps were done.
    """
    if parents_after_stap1:
        return due_on_school_day(reported + timedelta(days=1), calendar)
    stap2_done = (done or {}).get(2)
    if stap2_done is not None:
        return due_on_school_day(stap2_done, calendar)
    return due_on_school_day(step_dues.get(2, reported + timedelta(days=7)), calendar)


def _anchor_step(anchor: str, for_step: int) -> int:
    """The step number in an anchor like ``stap-3``."""
    prefix, _, number = anchor.partition("-")
    if prefix != "stap" or not number.isdigit():
        raise ProtocolError(f"stap {for_step}: onbekend ankerpunt '{anchor}' (gebruik "
                            "'melding' of 'stap-N').", field="after")
    return int(number)
