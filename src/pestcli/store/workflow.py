"""The thin layer between the rules engine (``pestcli.protocol``) and the store.

The store itself takes due dates as arguments; these functions compute them
with the protocol's rules and the school calendar first, then make the one
store call (one transaction) that records the mentor's action.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pestcli.store import cases, followups, steps

if TYPE_CHECKING:
    from pestcli.protocol.calendar import SchoolCalendar
    from pestcli.protocol.model import Protocol
    from pestcli.store.backend.engine import Store
    from pestcli.store.models import Case, FollowUp, StepProgress
    from pestcli.store.new_people import NewPerson
    from pestcli.store.reporter import Reporter


@dataclass(frozen=True)
class Rules:
    """A loaded protocol and the school calendar of its region."""

    protocol: Protocol
    calendar: SchoolCalendar

    @classmethod
    def load(cls, protocol_dir: str | None = None) -> Rules:
        """The protocol (shipped, or the school's own folder) and its region's calendar."""
        from pestcli.protocol.calendar import SchoolCalendar
        from pestcli.protocol.loader import load_protocol

        protocol = load_protocol(protocol_dir)
        return cls(protocol, SchoolCalendar.load(region=protocol.rules.region))

    def parents_anchor(self, informing: str | Case) -> str | None:
        """The anchor (``stap-1``, ``stap-3``) of a choice of when the parents are told.

        ``informing`` is a choice id (``na-stap-1``) or a case; None when the
        protocol does not know the choice (the step's own anchor applies then).
        """
        choice_id = informing if isinstance(informing, str) else informing.parents_informed_after
        try:
            return self.protocol.informing_parents.choice(choice_id).after
        except KeyError:
            return None

    def parents_after_stap1(self, informing: str | Case) -> bool:
        """Whether the parents are told right after the report (stap 1), not after stap 3.

        ``informing`` is a choice id (``na-stap-1``) or a case. This is the
        protocol's "afhankelijk van de ernst ... na stap 1": the former
        "severe" case.
        """
        return self.parents_anchor(informing) in ("melding", "stap-1")

    def due_dates(self, reported_on: date, informing: str | Case,
                  done: dict[int, date] | None = None) -> dict[int, date]:
        """Due dates of stap 2, 3, 4 and 6 given the steps done so far.

        ``informing`` is the case (or its choice id) of when the parents are told.
        """
        from pestcli.protocol.deadlines import step_due_dates

        dues = step_due_dates(self.protocol.steps, self.calendar, reported_on,
                              done=done, parents_after=self.parents_anchor(informing))
        return {number: due.date for number, due in dues.items()}

    def informing_due(self, reported_on: date, informing: str | Case,
                      done: dict[int, date] | None = None) -> date:
        """When stap 2's "ouders informeren" is due (see ``protocol.deadlines.informing_due``).

        ``informing`` is the case (or its choice id) of when the parents are told.
        """
        from pestcli.protocol.deadlines import informing_due

        dues = self.due_dates(reported_on, informing, done)
        return informing_due(dues, self.calendar, reported_on, done,
                             parents_after_stap1=self.parents_after_stap1(informing)).date


def register_case(
    store: Store,
    rules: Rules,
    *,
    reported_on: date,
    reporter_kind: str,
    parents_informed_after: str,
    informing_reason: str = "",
    reporter: Reporter | None = None,
    class_name: str = "",
    location: str = "",
    forms: Iterable[str] = (),
    online: bool = False,
    description: str = "",
    mentor: str = "",
    roles: Sequence[tuple[int, str]] = (),
    new_people: Sequence[tuple[NewPerson, str]] = (),
) -> Case:
    """Register a case under the loaded protocol, with its due dates from the rules.

    ``new_people`` (``(NewPerson, role)``) are pupils named for the first time:
    they are added with the case, in the same transaction. ``reporter`` is who
    reported, as a person (see ``store.reporter.Reporter``).
    """
    document = rules.protocol.document
    if parents_informed_after not in {c.id for c in rules.protocol.informing_parents.choices}:
        from pestcli.store.errors import InvalidValueError

        raise InvalidValueError(f"Onbekende keuze voor het inlichten van de ouders: '{parents_informed_after}'.")
    return cases.create_case(
        store, reported_on=reported_on, reporter_kind=reporter_kind,
        parents_informed_after=parents_informed_after, informing_reason=informing_reason, reporter=reporter,
        protocol_name=document.name, protocol_version=document.version,
        due_dates=rules.due_dates(reported_on, parents_informed_after, {1: reported_on}),
        informing_due=rules.informing_due(reported_on, parents_informed_after, {1: reported_on}),
        class_name=class_name, location=location, forms=forms, online=online,
        description=description, mentor=mentor, roles=roles, new_people=new_people,
    )


def complete_step(
    store: Store, rules: Rules, case_id: int, step: int, done_on: date | None = None, done_by: str = ""
) -> StepProgress:
    """Mark a step done and move the later due dates, in one transaction."""
    case = cases.get_case(store, case_id)
    day = done_on or date.today()
    done = steps.done_steps(store, case_id)
    done[step] = day
    new_due = rules.due_dates(case.reported_on, case, done)
    pending = {n: d for n, d in new_due.items() if n not in done}
    return steps.mark_step_done(store, case_id, step, day, done_by, new_due_dates=pending,
                                informing_due=rules.informing_due(case.reported_on, case, done))


def recompute_due_dates(store: Store, rules: Rules, case_id: int) -> list[StepProgress]:
    """Recompute the due dates of a case (after a change of when the parents are told, or the calendar)."""
    case = cases.get_case(store, case_id)
    done = steps.done_steps(store, case_id)
    new_due = rules.due_dates(case.reported_on, case, done)
    return steps.update_step_due_dates(store, case_id, {n: d for n, d in new_due.items() if n not in done},
                                       informing_due=rules.informing_due(case.reported_on, case, done))


def plan_stap5(
    store: Store, rules: Rules, case_id: int, agreed_on: date, *, replace_open: bool = False
) -> list[FollowUp]:
    """Plan the follow-ups of stap 5 counted from the day of the agreements."""
    from pestcli.protocol.followups import followup_schedule

    planned = followup_schedule(rules.protocol.rules, rules.calendar, agreed_on)
    return followups.plan_followups(
        store, case_id, [(p.label, p.due) for p in planned], replace_open=replace_open, on=agreed_on
    )
