"""``pestcli demo``: fill a database with invented cases so a new user sees the app work.

The cases are spread over every step relative to "today": a fresh report, an
unfinished conversation, overdue steps and follow-ups, items due today,
online evidence with a screenshot, parent contacts, an escalated case, the
long tail of follow-ups and a closed case. Due dates come from the real rules
engine. Every date follows the school calendar, whatever "today" is: reports,
conversations, follow-ups, contacts, escalations and the close fall on school
days. In a school holiday the demo is laid out from its last school day; a day
counted back that falls on a closed day moves to the school day before it; and
what the demo plans for "today" or later goes to the next school day. A
database that already holds cases is refused unless ``force``.
"""

from __future__ import annotations

import struct
import tempfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pestcli.store import agreements, cases, conversations, escalations, evidence, followups
from pestcli.store import overview, parent_contacts, parents, people, steps, workflow
from pestcli.store.demo_data import CASES, ITEM_NOTES, MENTOR, PARENTS, PUPILS, DemoCase
from pestcli.store.errors import StoreError
from pestcli.store.reporter import Reporter
from pestcli.store.sql_values import saved_id

if TYPE_CHECKING:
    from pestcli.store.backend.engine import Store

#: The guide held at each step.
STEP_GUIDES = {2: "bijlage-6", 3: "bijlage-4", 4: "bijlage-7", 6: "bijlage-5"}
STEP_ROLES = {2: ("gepeste", "helper"), 3: ("pester", "meeloper"), 4: ("gepeste", "pester"), 6: ("ouder",)}
#: The relation of each of the invented parents (demo_data.PARENTS) to their child.
PARENT_RELATIONS = ("moeder", "vader", "moeder", "vader")


@dataclass(frozen=True)
class DemoSummary:
    """What the demo wrote."""

    cases: int
    people: int
    followups: int
    evidence: int


def tiny_png(width: int = 32, height: int = 20) -> bytes:
    """A small, valid PNG (a stand-in screenshot), made without any library."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes((40 + y * 8, 90, 200 - y * 5)) * width for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def fill_demo(store: Store, today: date | None = None, force: bool = False,
              rules: workflow.Rules | None = None) -> DemoSummary:
    """Write the demo cases into ``store``; refuse a database with cases unless ``force``."""
    existing = overview.count_cases(store)
    if existing and not force:
        raise StoreError(
            f"De database in {store.where} bevat al {existing} melding(en); pestcli schrijft daar "
            "geen demogegevens bij. Kies een ander bestand met --db, of gebruik --force."
        )
    today = today or date.today()
    rules = rules or workflow.Rules.load()
    pupils = [people.add_person(store, first, last, class_name=klas) for first, last, klas in PUPILS]
    counts = {"followups": 0, "evidence": 0, "parents": 0}
    with tempfile.TemporaryDirectory() as scratch:
        shot = Path(scratch) / "schermafdruk-klassenapp.png"
        shot.write_bytes(tiny_png())
        for spec in CASES:
            _one_case(store, rules, spec, today, [saved_id(p.id) for p in pupils], shot, counts)
    return DemoSummary(len(CASES), len(pupils) + counts["parents"], counts["followups"], counts["evidence"])


def _one_case(store: Store, rules: workflow.Rules, spec: DemoCase, today: date,
              ids: list[int], shot: Path, counts: dict[str, int]) -> None:
    """Create one demo case and walk it as far as its spec says."""
    calendar = rules.calendar
    # In a school holiday the cases stand as they stood on its last school day.
    anchor = calendar.previous_school_day(today) if calendar.holiday_on(today) else today

    def ago(days: int) -> date:
        """``days`` days back, on the school day on or before it."""
        return calendar.previous_school_day(anchor - timedelta(days=days))

    roles = [(ids[i], role) for i, role in spec.roles]
    reporter = (Reporter.pupil(ids[spec.reporter_pupil]) if spec.reporter_pupil is not None
                else Reporter(name=spec.reporter_name, relation=spec.reporter_relation))
    case = workflow.register_case(
        store, rules, reported_on=ago(spec.reported), reporter_kind=spec.reporter,
        parents_informed_after=spec.informing, informing_reason=spec.informing_reason, reporter=reporter,
        class_name=spec.class_name, location=spec.location,
        forms=spec.forms, online=spec.online, description=spec.description, mentor=MENTOR,
        roles=roles,
    )
    case_id = saved_id(case.id)
    known_parents: dict[int, int] = {}  # pupil index -> the id of their parent, while the names last
    for index in spec.parents:
        if counts["parents"] < len(PARENTS):
            first, last = PARENTS[counts["parents"]], PUPILS[index][1]  # the child's surname
            parent = parents.add_parent(store, case_id, ids[index], first, last,
                                        PARENT_RELATIONS[counts["parents"] % len(PARENT_RELATIONS)])
            parent_id = saved_id(parent.id)
            known_parents[index] = parent_id
            roles.append((parent_id, parents.PARENT_ROLE))
            counts["parents"] += 1
    for step, days in spec.done:
        _hold(store, rules, case_id, STEP_GUIDES[step], step, ago(days), roles)
        workflow.complete_step(store, rules, case_id, step, ago(days), MENTOR)
        if step == 2:  # stap 2's to-do: the parents are told what goes on, by phone, that day
            _inform_parents(store, case_id, ago(days))
        if step == 4:
            _agreements_and_followups(store, rules, spec, case_id, ago(days), ids, today, counts)
    if spec.step_today:
        steps.update_step_due_dates(store, case_id, {spec.step_today: calendar.next_school_day(today)})
    if spec.open_conversation:
        _hold(store, rules, case_id, spec.open_conversation, 2, ago(0), roles, finished=False)
    if spec.class_talk is not None and spec.class_name:
        _class_talk(store, rules, case_id, spec.class_name, ago(spec.class_talk))
    planned_on = (ago(spec.parent_contact_planned) if spec.parent_contact_planned is not None
                  else calendar.next_school_day(today + timedelta(days=3)))
    for index in spec.parents:
        contact = parent_contacts.plan_parent_contact(store, case_id, planned_on, ids[index])
        if spec.parent_contact_held is not None:
            parent_contacts.record_parent_contact(store, case_id, ago(spec.parent_contact_held), "school",
                                          "Ouders op school gesproken; zij steunen de aanpak.",
                                          held_by=MENTOR, contact_id=contact.id,
                                          parent_ids=[known_parents[index]] if index in known_parents else [])
    if spec.parent_contact_held is not None and not spec.parents:
        parent_contacts.record_parent_contact(store, case_id, ago(spec.parent_contact_held), "telefoon",
                                      "Ouders telefonisch op de hoogte gebracht.",
                                      pupil_id=roles[0][0], held_by=MENTOR)
    if spec.evidence:
        _evidence(store, case_id, ago(spec.reported + 2), shot, counts)
    if spec.escalate:
        rung, phase, days = spec.escalate
        escalations.escalate(store, case_id, rung, ago(days), sanction_phase=phase,
                             reason="Afspraken twee keer niet nagekomen.", escalated_by=MENTOR)
    if spec.closed is not None:
        cases.close_case(store, case_id, ago(spec.closed), "Twee jaar gevolgd; het pesten is gestopt.",
                         monitoring_ends=True, monitoring_reason="De twee jaar van stap 5 zijn voorbij.")


def _inform_parents(store: Store, case_id: int, day: date) -> None:
    """Record stap 2's "ouders informeren" as done by phone on ``day``."""
    for row in parent_contacts.parent_contacts_of_case(store, case_id):
        if row.purpose == parent_contacts.INFORMING and row.held_on is None:
            parent_contacts.record_parent_contact(store, case_id, day, "telefoon",
                                          "Ouders gebeld: wat er speelt en welke acties volgen.",
                                          held_by=MENTOR, contact_id=row.id)


def _hold(store: Store, rules: workflow.Rules, case_id: int, guide_id: str, step: int | None,
          day: date, roles: list[tuple[int, str]], finished: bool = True) -> None:
    """A conversation of a guide on ``day``: items done (one skipped), a few notes."""
    wanted = STEP_ROLES.get(step or 0, ())
    talk = conversations.start_conversation(
        store, case_id, guide_id, step=step, held_by=MENTOR,
        participants=[(pid, role) for pid, role in roles if role in wanted],
        started_at=datetime.combine(day, time(10, 0)),
    )
    talk_id = saved_id(talk.id)
    items = rules.protocol.guide(guide_id).checklist
    upto = len(items) if finished else max(1, len(items) // 2)
    for number, item in enumerate(items[:upto]):
        state = "skipped" if finished and number == len(items) - 2 else "done"
        conversations.record_item_state(store, talk_id, item.id, state, ITEM_NOTES.get(item.id))
    if finished:
        conversations.end_conversation(store, talk_id, datetime.combine(day, time(10, 35)),
                                       notes="Rustig gesprek; afspraken en vervolg besproken.")


def _class_talk(store: Store, rules: workflow.Rules, case_id: int, class_name: str, day: date) -> None:
    """The class conversation of the case's class on ``day``: the agreements ticked, one skipped."""
    from pestcli.protocol.calendar import school_year_of
    from pestcli.store import class_talks

    guide = rules.protocol.guide(class_talks.CLASS_GUIDE)
    talk = class_talks.start_class_conversation(store, class_name, school_year_of(day), case_id=case_id,
                                                started_at=datetime.combine(day, time(13, 0)), held_by=MENTOR)
    talk_id = saved_id(talk.id)
    for number, item in enumerate(guide.checklist):
        part = guide.part_of(item.id)
        state = "skipped" if number == 3 else "done"
        class_talks.record_class_item_state(
            store, talk_id, item.id, state, ITEM_NOTES.get(item.id),
            agreement_text=item.text if part is not None and part.captures_agreements else None, on=day)
    class_talks.end_class_conversation(store, talk_id, datetime.combine(day, time(13, 40)))


def _check_class_agreements(store: Store, case_id: int, followup_id: int, day: date, today: date) -> None:
    """At a follow-up, the class's agreements (klassengesprek) revisited too: all kept."""
    from pestcli.store import class_talks

    case = cases.get_case(store, case_id)
    views = class_talks.agreements_of_case_class(store, case, today)
    if views:
        with store.write() as session:
            for view in views:
                class_talks.check_class_agreement(session, saved_id(view.agreement.id), "kept", day, followup_id)


def _agreements_and_followups(store: Store, rules: workflow.Rules, spec: DemoCase, case_id: int,
                              agreed_on: date, ids: list[int], today: date,
                              counts: dict[str, int]) -> None:
    """The agreements of stap 4, the stap-5 schedule, and the follow-ups held so far."""
    talk = conversations.unfinished_conversation(store, case_id) or conversations.conversations_of_case(
        store, case_id)[-1]
    made = [agreements.add_agreement(store, case_id, text, agreed_on, person_id=ids[i],
                                     conversation_id=talk.id) for i, text in spec.agreements]
    planned = workflow.plan_stap5(store, rules, case_id, agreed_on)
    counts["followups"] += len(planned)
    last_school_day = rules.calendar.previous_school_day(today)
    for number, row in enumerate(planned[: spec.followups_done]):
        status = "broken" if number in spec.broken_at else "kept"
        followup_id = saved_id(row.id)
        followups.complete_followup(
            store, followup_id, min(row.due_on, last_school_day), outcome="niet-goed" if status == "broken" else "goed",
            note="Kort gesprekje in de pauze.", done_by=MENTOR,
            agreement_statuses={saved_id(a.id): status for a in made},
        )
        _check_class_agreements(store, case_id, followup_id, min(row.due_on, last_school_day), today)
    if spec.followup_today and len(planned) > spec.followups_done:
        followups.reschedule_followup(store, saved_id(planned[spec.followups_done].id),
                                      rules.calendar.next_school_day(today))


def _evidence(store: Store, case_id: int, day: date, shot: Path, counts: dict[str, int]) -> None:
    """Evidence of online bullying: a screenshot, an address and a chat log."""
    at = datetime.combine(day, time(21, 14))
    evidence.add_evidence(store, case_id, "bewijs.schermafdruk", occurred_at=at, platform="Snapchat",
                          username="@nachtuil_demo", description="Bericht met een bedreiging.",
                          source_file=shot, recorded_by=MENTOR)
    evidence.add_evidence(store, case_id, "bewijs.adressen", occurred_at=at + timedelta(minutes=3),
                          platform="Instagram", url="https://voorbeeld.invalid/nepaccount-demo",
                          username="nep_account_demo", description="Nepaccount op naam van de gepeste.",
                          recorded_by=MENTOR)
    evidence.add_evidence(store, case_id, "bewijs.chatlogs", occurred_at=at - timedelta(minutes=12),
                          platform="WhatsApp", description="Chat van de klassenapp, 21:02-21:40.",
                          recorded_by=MENTOR)
    counts["evidence"] += 3
