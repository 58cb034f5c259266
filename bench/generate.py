"""A school-scale pestcli database for the benchmark, invented and deterministic.

``generate(path, cases=10_000)`` creates the schema through the real store
(``open_store``: migrations, ``application_id``, private file), then fills it
with ``sqlite3.executemany`` in one transaction: pupils and parents with
Dutch-looking invented names, cases from August 2021 to "today" with their
steps (due dates from the real rules engine), conversations with the real
checklist item ids of the protocol's guides, agreements and their checks,
follow-ups (most done, some open and due around today), parent contacts,
evidence, escalations and the audit trail the app would have written.
Old cases are closed; recent ones and a long tail stay open. One open case,
"the largest", has 50 conversations; its number is in ``<db>.json``.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.names import (AGREEMENTS, CLASSES, DESCRIPTIONS, FIRST_NAMES, ITEM_NOTES, LOCATIONS, MENTORS,
                         PLATFORMS, SUMMARIES, TALK_NOTES, invented_last_name)
from bench.rows import Rows, iso, stamp
from pestcli.protocol.followups import followup_schedule

#: The first day any case is reported: the start of school year 2021-2022.
FIRST_DAY = date(2021, 8, 30)
#: The guide held at each step, and who takes part (roles) in it.
STEP_TALKS = {2: ("bijlage-6", ("gepeste", "helper")), 3: ("bijlage-4", ("pester", "meeloper")),
              4: ("bijlage-7", ("gepeste", "pester")), 6: ("bijlage-5", ("ouder",))}
EXTRA_TALKS = (("bijlage-2", ("gepeste",)), ("bijlage-3", ("pester",)), ("bijlage-1", ()))
LARGEST_TALKS = 50
#: The mentor's reason for when the parents are told, by choice.
INFORMING_REASONS = {"na-stap-1": "Bedreiging; de leerling durft niet meer naar school.",
                     "na-stap-3": "Herhaaldelijk pesten zonder geweld of bedreiging."}
#: Bumped when the generated data changes; an older cached database is made again.
GENERATOR_VERSION = 3


class School:
    """The invented school: its pupils, parents and the cases written so far."""

    def __init__(self, rows: Rows, rules, today: date, rng: random.Random, pupils: int) -> None:
        self.rows, self.rules, self.today, self.rng = rows, rules, today, rng
        protocol = rules.protocol
        self.document = protocol.document
        self.forms = [i.id for g in protocol.forms for i in g.items]
        self.checklists = {g.id: [i.id for i in g.checklist] for g in protocol.guides}
        self.evidence_kinds = [i.id for i in protocol.step(1).evidence] or ["bewijs.schermafdruk"]
        self.contact_kinds = [c.id for c in protocol.contact_kinds]
        self.by_class: dict[str, list[int]] = defaultdict(list)
        self.pupils: list[int] = []
        created = stamp(FIRST_DAY)
        for n in range(pupils):
            klas = rng.choice(CLASSES)
            pid = rows.add("people", rng.choice(FIRST_NAMES), invented_last_name(rng), "leerling", klas,
                           f"{100000 + n}", created)
            self.by_class[klas].append(pid)
            self.pupils.append(pid)
        self.parents = [rows.add("people", rng.choice(FIRST_NAMES), invented_last_name(rng), "ouder", "",
                                 "", created) for _ in range(max(10, pupils // 2))]

    def case(self, case_id: int, reported: date, seq: int, largest: bool = False) -> int:
        """Write one case with everything recorded about it; return its conversation count."""
        rng, rows, today = self.rng, self.rows, self.today
        age = (today - reported).days
        if largest or age <= 42:
            fate = "open"
        elif age <= 760:
            fate = "open" if rng.random() < 0.08 else "early"
        else:
            fate = "full" if rng.random() < 0.7 else "early"
        informing = rng.choices(("na-stap-3", "na-stap-1"), (85, 15))[0]
        klas = rng.choice(CLASSES)
        sizes = {"gepeste": 1, "pester": rng.randint(1, 3), "meeloper": rng.choice((0, 0, 1, 2)),
                 "helper": rng.choice((0, 1, 1, 2))}
        classmates = self.by_class[klas]
        pool = rng.sample(classmates, min(len(classmates), sum(sizes.values())))
        people: dict[str, list[int]] = {}
        for role, size in sizes.items():
            people[role], pool = pool[:size], pool[size:]
        if not people["pester"]:  # a tiny class: take the pupils from anywhere
            people["gepeste"], people["pester"] = [[p] for p in rng.sample(self.pupils, 2)]
        people["ouder"] = rng.sample(self.parents, rng.randint(1, 2))
        forms = rng.sample(self.forms, rng.randint(1, 3))
        online = any(f.startswith("digitaal") or "online" in f or "block" in f for f in forms)
        mentor = rng.choice(MENTORS)
        # Steps 2-4 a few school days apart; an open case may stall at one of them.
        done = {1: reported}
        stall = fate == "open" and age <= 42 and rng.random() < 0.3 and not largest
        day = reported
        for step in (2, 3, 4):
            day += timedelta(days=rng.randint(1, 6))
            if day > today or (stall and rng.random() < 0.5):
                break
            done[step] = day
        due = self.rules.due_dates(reported, informing, done)
        due.setdefault(6, reported + timedelta(days=7))
        six = due[6] - timedelta(days=rng.randint(0, 3))
        if six <= today and (3 in done or informing == "na-stap-1") and not (stall and rng.random() < 0.5):
            done[6] = max(six, reported)
        closed = None
        if 4 not in done and fate != "open":
            closed = min(today, reported + timedelta(days=rng.randint(10, 40)))
        number = f"{reported.year}-{seq:04d}"
        status = "open" if fate == "open" else "closed"
        if fate == "open" and (largest or rng.random() < 0.1):
            status = "escalated"
        created = stamp(reported, 8 + rng.randint(0, 8), rng.randint(0, 59))
        for form in sorted(set(forms)):
            rows.add("case_forms", case_id, form)
        for role, ids in people.items():
            for pid in dict.fromkeys(ids):
                rows.add("case_roles", case_id, pid, role, "")
        rows.audit(created, "cases", case_id, "create", f"melding {number} aangemaakt", case_id)
        talks = 0
        talk_of_step: dict[int, int] = {}
        for step, (guide, roles) in STEP_TALKS.items():
            if step in done:
                talk_of_step[step] = self.talk(case_id, guide, step, done[step], people, roles, mentor)
                talks += 1
        if fate == "open" and not largest and rng.random() < 0.25:
            pending = next((s for s in (2, 3, 4, 6) if s not in done), None)
            if pending is not None:
                guide, roles = STEP_TALKS[pending]
                start = max(reported, today - timedelta(days=rng.randint(0, 3)))
                self.talk(case_id, guide, pending, start, people, roles, mentor, finished=False)
                talks += 1
        if 4 in done:
            closed = self.followups(case_id, done[4], fate, people, talk_of_step[4], mentor)
        last_day = closed or today
        extra = LARGEST_TALKS - talks if largest else rng.choice((0, 1, 1, 2, 2, 3, 4))
        span = max(1, (last_day - reported).days)
        for _ in range(max(0, extra)):
            guide, roles = rng.choice(EXTRA_TALKS)
            self.talk(case_id, guide, None, reported + timedelta(days=rng.randint(0, span)), people, roles, mentor)
            talks += 1
        for step in range(1, 7):
            done_on = done.get(step) or (closed if step == 5 and fate == "full" else None)
            due_on = reported if step == 1 else due.get(step)
            rows.add("step_progress", case_id, step, iso(due_on), iso(done_on), mentor if done_on else "")
            if done_on and step > 1:
                rows.audit(stamp(done_on, 16), "step_progress", None, "update", f"stap {step} gedaan", case_id)
        self.parent_contacts(case_id, people, due[6], done.get(6), fate, mentor)
        if online:
            for n in range(rng.randint(1, 4)):
                at = reported - timedelta(days=rng.randint(0, 5))
                eid = rows.add("evidence", case_id, rng.choice(self.evidence_kinds), stamp(at, 20, n * 7),
                               rng.choice(PLATFORMS), "", f"@account_{rng.randint(100, 999)}",
                               "Bericht uit de groepsapp, bewaard als bewijs.", stamp(reported, 15), mentor)
                rows.audit(stamp(reported, 15), "evidence", eid, "create", "bewijs vastgelegd", case_id)
        if status == "escalated" or (fate != "open" and rng.random() < 0.03):
            when = min(today, reported + timedelta(days=rng.randint(20, 90)))
            for rung, phase in (("apc", 1), ("teamleider", 3))[: rng.randint(1, 2)]:
                eid = rows.add("escalations", case_id, rung, phase, "Afspraken niet nagekomen.",
                               when.isoformat(), mentor)
                rows.audit(stamp(when, 14), "escalations", eid, "create", f"geëscaleerd naar {rung}", case_id)
        assert rows.next_id["cases"] == case_id, "cases are written in id order"
        kind = rng.choice(("leerling", "medeleerling", "ouder", "medewerker", "anoniem"))
        reporter_pupil = people["gepeste"][0] if kind == "leerling" else None
        reporter_name = {"ouder": "Ouder van de leerling", "medewerker": rng.choice(MENTORS)}.get(kind, "")
        relation = "moeder" if kind == "ouder" else ""
        reason = INFORMING_REASONS[informing]
        rows.add("cases", number, reported.year, seq, status, reported.isoformat(), kind, reporter_pupil,
            reporter_name, relation, klas, rng.choice(LOCATIONS),
            int(online), informing, reason, rng.choice(DESCRIPTIONS), mentor, self.document.name, self.document.version,
            closed and closed.isoformat(), "Het pesten is gestopt." if closed else None, created,
            stamp(closed or today, 17))
        if closed:
            rows.audit(stamp(closed, 17), "cases", case_id, "update", "melding gesloten", case_id)
        return talks

    def talk(self, case_id: int, guide: str, step: int | None, day: date, people: dict[str, list[int]],
             roles: tuple[str, ...], mentor: str, finished: bool = True) -> int:
        """One conversation with its participants and checklist items (all, or half when unfinished)."""
        rng, rows = self.rng, self.rows
        hour, minute = rng.randint(8, 15), rng.choice((0, 15, 30, 45))
        started, ended = stamp(day, hour, minute), stamp(day, hour + 1, minute)
        tid = rows.add("conversations", case_id, guide, step, started, ended if finished else None, mentor,
                       rng.choice(TALK_NOTES) if finished else "")
        rows.audit(started, "conversations", tid, "create", f"gesprek {guide} gestart", case_id)
        for role in roles:
            for pid in dict.fromkeys(people.get(role, ())):
                rows.add("conversation_participants", tid, pid, role)
        items = self.checklists.get(guide, [])
        for item in items if finished else items[: max(1, len(items) // 2)]:
            state = "skipped" if rng.random() < 0.08 else "done"
            note = rng.choice(ITEM_NOTES) if rng.random() < 0.2 else ""
            iid = rows.add("conversation_items", tid, item, state, note, ended if finished else started)
            rows.audit(started, "conversation_items", iid, "update", f"punt {item}: {state}", case_id)
        if finished:
            rows.audit(ended, "conversations", tid, "update", "gesprek afgerond", case_id)
        return tid

    def followups(self, case_id: int, agreed: date, fate: str, people: dict[str, list[int]], talk: int,
                  mentor: str) -> date | None:
        """Agreements, the stap-5 follow-ups and their checks; return the closing day (or None)."""
        rng, rows, today = self.rng, self.rows, self.today
        victim = people["gepeste"][0]
        agreements = []
        for pid in (people["pester"] + [victim])[: rng.randint(1, 3)]:
            agreements.append(rows.add("agreements", case_id, talk, pid, rng.choice(AGREEMENTS),
                                       agreed.isoformat(), stamp(agreed, 15)))
            rows.audit(stamp(agreed, 15), "agreements", agreements[-1], "create", "afspraak vastgelegd", case_id)
        plan = [(p.label, p.due) for p in followup_schedule(self.rules.protocol.rules, self.rules.calendar, agreed)]
        held = len(plan) if fate == "full" else rng.randint(2, 6)
        closed = None
        if fate != "open":
            closed = min(today, plan[min(held, len(plan)) - 1][1] + timedelta(days=rng.randint(1, 10)))
        broken_at = rng.randint(1, 4) if rng.random() < 0.12 else None
        seq = 0
        for series in range(2):
            replan = None
            for index, (label, due) in enumerate(plan):
                seq += 1
                done_on = cancelled = outcome = None
                if replan is not None:
                    cancelled = replan
                elif closed is not None:
                    if due <= closed and index < held:
                        done_on = min(closed, due + timedelta(days=rng.randint(0, 3)))
                    else:
                        cancelled = closed
                elif due < today - timedelta(days=2) and rng.random() < 0.97:
                    done_on = min(today, due + timedelta(days=rng.randint(0, 3)))
                broken = series == 0 and index == broken_at and done_on is not None
                if done_on is not None:
                    outcome = "niet-goed" if broken else "goed"
                fid = rows.add("followups", case_id, seq, label, due.isoformat(), done_on and done_on.isoformat(),
                               cancelled and cancelled.isoformat(), outcome,
                               "Kort gesprekje in de pauze." if done_on else "", mentor if done_on else "")
                if done_on is not None:
                    rows.audit(stamp(done_on, 12), "followups", fid, "update", "vervolggesprek gehouden", case_id)
                    for aid in agreements:
                        rows.add("agreement_checks", aid, fid, done_on.isoformat(), "broken" if broken else "kept", "")
                    if broken:
                        replan = done_on
            if replan is None:
                break
            plan = [(p.label, p.due) for p in followup_schedule(self.rules.protocol.rules, self.rules.calendar,
                                                                 replan)]
            held = rng.randint(2, len(plan)) if closed is None else held
        return closed

    def parent_contacts(self, case_id: int, people: dict[str, list[int]], due: date, held: date | None,
                        fate: str, mentor: str) -> None:
        """Stap 6: the parents of the pupils told (or, for an open case, planned around today)."""
        rng, today = self.rng, self.today
        for pupil in (people["gepeste"][0], people["pester"][0])[: rng.randint(1, 2)]:
            planned = due if held or fate != "open" else today + timedelta(days=rng.randint(-3, 10))
            held_on = held or (planned if fate != "open" else None)
            cid = self.rows.add("parent_contacts", case_id, pupil, planned.isoformat(),
                                held_on and held_on.isoformat(), rng.choice(self.contact_kinds) if held_on else None,
                                rng.choice(SUMMARIES) if held_on else "", mentor if held_on else "")
            self.rows.audit(stamp(planned, 13), "parent_contacts", cid, "create", "oudercontact gepland", case_id)


def report_days(rng: random.Random, cases: int, today: date) -> list[date]:
    """``cases`` school days from FIRST_DAY to today, sorted (weekends moved to Monday).

    Uniform over the years, but at least a few in the last six weeks, so even a
    tiny database has open cases with something due this week.
    """
    span = (today - FIRST_DAY).days
    recent = max(5, round(cases * 42 / span))
    days = [today - timedelta(days=rng.randint(0, 41)) for _ in range(min(cases, recent))]
    days += [FIRST_DAY + timedelta(days=rng.randint(0, span - 42)) for _ in range(cases - len(days))]
    return sorted(min(today, d + timedelta(days=7 - d.weekday())) if d.weekday() >= 5 else d for d in days)


def generate(path: Path, cases: int = 10_000, seed: int = 7, today: date | None = None) -> dict:
    """Write a fresh benchmark database at ``path``; return (and save beside it) its meta data."""
    from pestcli.store import open_store
    from pestcli.store.workflow import Rules

    started = time.perf_counter()
    today = today or date.today()
    path = Path(path)
    for old in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        old.unlink(missing_ok=True)
    open_store(path, daily_backup=False).close()
    rng = random.Random(seed)
    rules = Rules.load()
    con = sqlite3.connect(str(path), isolation_level=None)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")
    indexes = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()
    for name, _sql in indexes:  # built once at the end: faster than keeping them up to date
        con.execute(f'DROP INDEX "{name}"')
    rows = Rows(con)
    school = School(rows, rules, today, rng, pupils=max(40, cases * 3 // 10))
    days = report_days(rng, cases, today)
    target = min(today - timedelta(days=300), days[-1])
    largest_index = min(range(len(days)), key=lambda i: abs((days[i] - target).days))
    seqs: dict[int, int] = defaultdict(int)
    largest = {}
    for index, day in enumerate(days):
        seqs[day.year] += 1
        talks = school.case(index + 1, day, seqs[day.year], largest=index == largest_index)
        if index == largest_index:
            largest = {"id": index + 1, "number": f"{day.year}-{seqs[day.year]:04d}", "conversations": talks}
    rows.flush()
    for _name, sql in indexes:
        con.execute(sql)
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    meta = {
        "generator": GENERATOR_VERSION, "cases": cases, "seed": seed, "today": today.isoformat(), "largest_case": largest,
        "rows": dict(sorted(rows.counts.items())), "size_mb": round(path.stat().st_size / 2**20, 1),
        "generated_s": round(time.perf_counter() - started, 1), "generated_at": datetime.now().isoformat(timespec="seconds"),
    }
    path.with_suffix(".json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return meta
