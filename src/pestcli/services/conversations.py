"""Use cases around a conversation: finish it, set who took part, discard an empty one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pestcli.protocol.dates import format_date, format_relative
from pestcli.store import conversations, followups, steps
from pestcli.store.workflow import complete_step, plan_stap5

if TYPE_CHECKING:
    from pestcli.protocol.model import Protocol
    from pestcli.store.backend.engine import Store
    from pestcli.store.models import FollowUp, StepProgress
    from pestcli.store.workflow import Rules


@dataclass(frozen=True)
class PlannedFollowUp:
    """A follow-up that is still to be held: its id, label (``na 2 dagen``) and day."""

    id: int
    label: str
    due_on: date


@dataclass(frozen=True)
class FinishedConversation:
    """What finishing a conversation left: the open follow-ups and the next step in words."""

    followups: tuple[PlannedFollowUp, ...]
    next_step: str


def planned(rows: Sequence[FollowUp]) -> tuple[PlannedFollowUp, ...]:
    """The open follow-ups among ``rows`` (neither held nor cancelled), as plain values."""
    return tuple(PlannedFollowUp(int(f.id or 0), f.label, f.due_on) for f in rows
                 if f.done_on is None and f.cancelled_on is None)


def finish_conversation(
    store: Store, rules: Rules, *, case_id: int, conversation_id: int, step: int | None, today: date,
    complete: bool, plan_followups: bool,
) -> FinishedConversation:
    """End a conversation, in one transaction, with what the mentor chose at the end.

    ``plan_followups``: stap 5's follow-ups are planned from ``today`` (open
    ones are replaced); ``complete``: the conversation's ``step`` is marked
    done and the later due dates move. Then the conversation ends. Either all
    of it is saved or, on a StoreError, none of it.
    """
    with store.transaction():
        if plan_followups:
            already = planned(followups.followups_of_case(store, case_id))
            plan_stap5(store, rules, case_id, today, replace_open=bool(already))
        if complete and step is not None:
            complete_step(store, rules, case_id, step, done_on=today)
        conversations.end_conversation(store, conversation_id)
        rows = followups.followups_of_case(store, case_id)
        progress = steps.step_progress(store, case_id)
    return FinishedConversation(planned(rows), next_step_text(rules.protocol, progress, rows, today))


def next_step_text(protocol: Protocol, progress: Sequence[StepProgress],
                   rows: Sequence[FollowUp], today: date) -> str:
    """What comes next and when: the open step due soonest (stap 5: its next follow-up)."""
    open_steps = [row for row in progress if row.done_on is None]
    if not open_steps:
        return "Alle stappen zijn gedaan."
    dates = sorted(f.due_on for f in planned(rows))

    def due(row: StepProgress) -> date | None:
        return dates[0] if row.step == 5 and dates else row.due_on

    dated = [(when, row) for row in open_steps if (when := due(row)) is not None]
    row = min(dated, key=lambda pair: (pair[0], pair[1].step))[1] if dated else open_steps[0]
    step = protocol.step(row.step)
    text = f"Volgende stap: stap {step.number}, {step.title.lower()} (door {step.actor})"
    when = due(row)
    if when is None:
        return text + ", nog geen datum."
    word = "eerstvolgende vervolggesprek" if row.step == 5 and dates else "uiterlijk"
    return f"{text}, {word} {format_date(when)} ({format_relative(when, today, deadline=True)})."


def save_participants(store: Store, conversation_id: int, current: Mapping[int, int],
                      chosen: Mapping[int, str]) -> None:
    """Add the newly ticked people and remove the unticked ones, in one transaction.

    ``current`` maps person id to participant row id; ``chosen`` person id to role.
    """
    with store.transaction():
        for person_id, role in chosen.items():
            if person_id not in current:
                conversations.add_participant(store, conversation_id, person_id, role)
        for person_id, row_id in current.items():
            if person_id not in chosen:
                conversations.remove_participant(store, row_id)


def discard_conversation(store: Store, conversation_id: int) -> None:
    """Remove a conversation in which nothing was recorded (a StoreError when something was)."""
    conversations.discard_empty_conversation(store, conversation_id)


def start_conversation(store: Store, case_id: int, guide_id: str, *, step: int | None,
                       participants: Sequence[tuple[int, str]] = ()) -> int:
    """Start a conversation of a guide (``bijlage-2`` ...) with ``(person id, role)`` taking part; its id."""
    talk = conversations.start_conversation(store, case_id, guide_id, step=step, participants=participants)
    return int(talk.id or 0)


def record_item(store: Store, conversation_id: int, item_id: str, state: str, note: str | None = None) -> None:
    """Record a checklist item's state (``open``, ``done``, ``skipped``) and its note, as it happens."""
    conversations.record_item_state(store, conversation_id, item_id, state, note)


def plan_appointment(store: Store, conversation_id: int, item_id: str, label: str, due_on: date) -> int:
    """Tick a checklist item and put the appointment it asks for on the agenda, together; the follow-up's id."""
    _item, followup = conversations.plan_appointment(store, conversation_id, item_id, label, due_on)
    return int(followup.id or 0)


def add_agreement(store: Store, case_id: int, text: str, day: date, *, person_id: int | None = None,
                  conversation_id: int | None = None) -> int:
    """Record an agreement made in a conversation: what, by whom, when; its id."""
    from pestcli.store.agreements import add_agreement as add

    row = add(store, case_id, text, day, person_id=person_id, conversation_id=conversation_id)
    return int(row.id or 0)


def plan_followups(store: Store, rules: Rules, case_id: int, day: date) -> tuple[PlannedFollowUp, ...]:
    """Plan stap 5's follow-ups counted from ``day`` (the day of the agreements); the ones planned."""
    return planned(plan_stap5(store, rules, case_id, day))
