"""The escalation ladder of sections 7-9 when the pester breaks the agreements.

Per the BESLUIT in protocol.toml:

1. the first ``chances_after_broken`` breaches (the protocol: one) give the
   pester "nog één kans": the mentor makes new agreements ("kans");
2. the next breach: the mentor hands the dossier to the anti-pestcoördinator,
   who takes the lead, and sanction phase 1 starts ("escalatie");
3. every further breach: the next sanction phase (section 9), decided by the
   rung in the phase's ``who`` (data: phases 1-2 apc, 3-5 teamleider in
   overleg met de directie). A phase whose ``who`` is a higher rung moves the
   lead up ("escalatie"); otherwise it is a "sanctie";
4. after the last phase (verwijdering) nothing further follows ("einde").

The lead never moves down the ladder. Everything is pure: a decision returns
the new state, the caller stores it.

:func:`next_action` answers "what comes next in this case, and whose turn is
it": the steps first (2, 3, 4, with 6 - the parents - slotted in by its due
date), then, once the case is escalated, the rung holding the lead, then the
open follow-ups of stap 5.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from pestcli.protocol.deadlines import Due
from pestcli.protocol.errors import ProtocolError
from pestcli.protocol.model import EscalationRung, Rules, SanctionPhase, Step

CHANCE_QUOTE = ("“De pester krijgt, als deze zich niet houdt aan de afspraken nog één kans "
                "om het eigen gedrag te verbeteren.” (stap 5)")
HANDOVER_QUOTE = ("“Indien het probleem zich herhaalt, meldt de mentor het gedrag aan de "
                  "coördinator volgens het vervolgtraject van de leerling(en). Hij overhandigt "
                  "de coördinator het dossier met daarin de gebeurtenissen en de afspraken die "
                  "zijn gemaakt.” (sectie 7, de rol van de mentor)")
END_QUOTE = ("“Wanneer de leerling blijft volharden in zijn ongewenste en onacceptabele "
             "pestgedrag en er geen verandering lijkt op te treden, rest de school niets anders "
             "dan te starten met een passend traject in afwachting van verwijdering.” (sectie 9)")


@dataclass(frozen=True)
class LadderState:
    """Where a case stands on the ladder.

    ``broken``: how often the agreements were broken; ``chances_given``: how
    many extra chances were given; ``rung``: the id of the rung with the
    lead; ``sanction_phase``: the last sanction phase started (0 = none).
    """

    broken: int = 0
    chances_given: int = 0
    rung: str = "mentor"
    sanction_phase: int = 0


@dataclass(frozen=True)
class Decision:
    """What the protocol says to do after a breach of the agreements.

    ``kind`` is "kans", "escalatie", "sanctie" or "einde"; ``who`` the id of
    the rung that acts; ``text`` a Dutch explanation quoting the protocol;
    ``new_state`` the state to store.
    """

    kind: str
    who: str
    rung: EscalationRung
    sanction_phase: int | None
    text: str
    new_state: LadderState


def rung_by_id(rules: Rules, rung_id: str) -> EscalationRung:
    """The rung with this id; ProtocolError when the ladder has none."""
    for rung in rules.escalation:
        if rung.id == rung_id:
            return rung
    raise ProtocolError(f"de escalatieladder kent geen trede '{rung_id}'.", field="who")


def _rung_index(rules: Rules, rung_id: str) -> int:
    """Position of a rung on the ladder (0 = the mentor)."""
    return rules.escalation.index(rung_by_id(rules, rung_id))


def _phase(rules: Rules, number: int) -> SanctionPhase | None:
    """Sanction phase ``number``, or None when the protocol has no such phase."""
    return next((p for p in rules.sanctions if p.number == number), None)


def on_broken_agreements(rules: Rules, state: LadderState) -> Decision:
    """The decision for one more breach of the agreements, given ``state``."""
    if not rules.escalation:
        raise ProtocolError("de escalatieladder is leeg.", field="rung")
    broken = state.broken + 1
    current = rung_by_id(rules, state.rung)
    if state.sanction_phase == 0 and state.chances_given < rules.chances_after_broken:
        new = replace(state, broken=broken, chances_given=state.chances_given + 1)
        text = (f"De afspraken zijn gebroken ({broken}e keer). {CHANCE_QUOTE} "
                f"De {current.label.lower()} maakt nieuwe afspraken met de pester en plant "
                "de vervolggesprekken opnieuw.")
        return Decision("kans", current.id, current, None, text, new)
    phase = _phase(rules, state.sanction_phase + 1)
    if phase is None:
        last = _phase(rules, state.sanction_phase)
        title = f" ({last.title})" if last else ""
        new = replace(state, broken=broken)
        text = (f"De afspraken zijn opnieuw gebroken ({broken}e keer). De laatste fase"
                f"{title} is al ingezet; het protocol kent geen verdere stap. {END_QUOTE}")
        return Decision("einde", current.id, current, None, text, new)
    target = rung_by_id(rules, phase.who)
    lead = target if _rung_index(rules, target.id) > _rung_index(rules, current.id) else current
    kind = "escalatie" if lead.id != current.id else "sanctie"
    new = replace(state, broken=broken, rung=lead.id, sanction_phase=phase.number)
    return Decision(kind, target.id, lead, phase.number,
                    _phase_text(broken, current, lead, phase), new)


def _phase_text(broken: int, current: EscalationRung, lead: EscalationRung,
                phase: SanctionPhase) -> str:
    """The Dutch explanation of a sanction phase decision."""
    parts = [f"De afspraken zijn opnieuw gebroken ({broken}e keer)."]
    if lead.id != current.id:
        if current.id == "mentor":
            parts.append(f"De mentor draagt het dossier over aan de {lead.label.lower()}. "
                         f"{HANDOVER_QUOTE}")
        else:
            parts.append(f"De regie gaat naar: {lead.label}.")
        parts.append(f"“{lead.description}” (sectie 8)")
    parts.append(f"{phase.title}: “{' '.join(phase.description)}” (sectie 9)")
    return " ".join(parts)


#: Step titles used when next_action gets no steps (same as steps.toml).
DEFAULT_TITLES = {
    2: "Gesprek met de gepeste leerling",
    3: "Gesprek met de pester en meelopers",
    4: "Gesprek zonder schuldvraag met gepeste en pester",
    5: "Vervolggesprekken",
    6: "De ouders op de hoogte brengen",
}
MAIN_STEPS = (2, 3, 4)
PARENTS_STEP = 6


@dataclass(frozen=True)
class NextAction:
    """The next thing to do in a case: ``who`` (a rung id) does ``what`` (Dutch).

    ``step`` is the step number it belongs to (None for the lead of an
    escalated case or when nothing is open); ``due`` its due date if known;
    ``overdue`` is True when ``due`` is before today.
    """

    who: str
    what: str
    step: int | None = None
    due: date | None = None
    overdue: bool = False


def _done_steps(steps_done: Mapping[int, date | None] | set[int]) -> set[int]:
    """The numbers of the steps that are done."""
    if isinstance(steps_done, Mapping):
        return {n for n, day in steps_done.items() if day is not None}
    return set(steps_done)


def _pending_step(done: set[int], due: Mapping[int, Due]) -> int | None:
    """The first step not done: 2, 3, 4 in order, stap 6 before one due later."""
    main = next((n for n in MAIN_STEPS if n not in done), None)
    if PARENTS_STEP in done:
        return main
    if main is None:
        return PARENTS_STEP
    parents, first = due.get(PARENTS_STEP), due.get(main)
    if parents is not None and first is not None and parents.date < first.date:
        return PARENTS_STEP
    return main


def next_action(
    steps_done: Mapping[int, date | None] | set[int],
    state: LadderState,
    followups_open: int,
    today: date,
    due: Mapping[int, Due],
    *,
    steps: Sequence[Step] = (),
    rules: Rules | None = None,
    next_followup: date | None = None,
) -> NextAction:
    """What comes next in a case and whose turn it is.

    ``steps_done`` is a set of step numbers, or a mapping of step number to
    the day it was done (None = not done). ``due`` is the result of
    ``step_due_dates``. Optional: ``steps`` for titles and actors,
    ``rules`` for the labels of the escalation ladder, ``next_followup``
    for the due date of the first open follow-up.
    """
    by_number = {s.number: s for s in steps}
    step = _pending_step(_done_steps(steps_done), due)
    if step is not None:
        info = by_number.get(step)
        title = info.title if info else DEFAULT_TITLES.get(step, f"Stap {step}")
        when = due[step].date if step in due else None
        return NextAction(who=info.actor if info else "mentor", what=f"{title} (stap {step})",
                          step=step, due=when, overdue=when is not None and when < today)
    first_rung = rules.escalation[0].id if rules and rules.escalation else "mentor"
    if state.rung != first_rung:
        return NextAction(who=state.rung, what=_lead_text(state, rules, followups_open))
    if followups_open > 0:
        title = by_number[5].title if 5 in by_number else DEFAULT_TITLES[5]
        return NextAction(who="mentor", what=f"{title} (stap 5): nog {followups_open} open",
                          step=5, due=next_followup,
                          overdue=next_followup is not None and next_followup < today)
    return NextAction(who=first_rung, what="Geen open acties: blijf de leerlingen volgen.")


def _lead_text(state: LadderState, rules: Rules | None, followups_open: int) -> str:
    """Dutch text for an escalated case: who has the lead, in which phase."""
    label = state.rung
    phase_title = f"fase {state.sanction_phase}" if state.sanction_phase else ""
    if rules is not None:
        label = next((r.label for r in rules.escalation if r.id == state.rung), state.rung)
        phase = _phase(rules, state.sanction_phase)
        phase_title = phase.title if phase else phase_title
    text = f"{label} heeft de regie"
    text += f": {phase_title}" if phase_title else ""
    if followups_open > 0:
        text += f" (de mentor heeft nog {followups_open} vervolggesprek"
        text += "ken open)" if followups_open > 1 else " open)"
    return text + "."
